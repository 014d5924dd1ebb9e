//! `yusuan`: reads, checks and stores Chinese public budget disclosures (预决算公开).
//!
//! Exit codes, for every command: 0 success; 1 `check` printed a finding of severity `error`;
//! 2 the command could not do all it was asked (a file unreadable, bad arguments, an unknown rule).
//! When a file is unreadable and another has errors, 2 wins: the run is incomplete, and a caller
//! must not take it for a verdict.
//!
//! Cargo features choose what a build holds (all on by default): `pdf` (reading PDF documents),
//! `postgres` (PostgreSQL libraries), `parquet` (Parquet export) and `web` (`yusuan serve`). A
//! command or format left out is absent from `--help`; a PDF or a `postgres://` library given to
//! a build without them is refused with a message naming the feature.

mod check;
mod input;
mod library;
mod messages;
mod render;
#[cfg(feature = "web")]
mod serve;

use std::io::Write;
use std::path::PathBuf;
use std::process::ExitCode;

use clap::{Parser, Subcommand, ValueEnum};

#[derive(Parser)]
#[command(
    name = "yusuan",
    version,
    about = "Reads and checks Chinese public budget disclosures (预决算公开)"
)]
struct Cli {
    /// The language of messages and of `check`'s human output (default: Chinese when the locale
    /// — LC_ALL, LC_MESSAGES, LANG — is zh_*, else English).
    #[arg(long, global = true, value_enum)]
    lang: Option<messages::LangArg>,
    #[command(subcommand)]
    command: Command,
}

#[derive(Subcommand)]
enum Command {
    /// Extract the typed model (tables with the source of every value) from documents.
    Extract {
        /// Files or directories (searched recursively) to read.
        #[arg(required = true)]
        paths: Vec<PathBuf>,
        /// Output format: the JSON model, or a readable dump of the tables.
        #[arg(long, value_enum, default_value_t = Format::Json)]
        format: Format,
    },
    /// Check documents against the rule catalogue and print the findings.
    ///
    /// Exit code: 0 when no printed finding is an error, 1 when one is, 2 when a file could not
    /// be read or the arguments are wrong (2 wins over 1).
    Check {
        /// Files or directories (searched recursively) to check.
        #[arg(required = true)]
        paths: Vec<PathBuf>,
        /// Output format: diagnostics for people, JSON, SARIF 2.1.0 (code scanning), or CSV
        /// (UTF-8 with a byte-order mark, so that Excel reads the Chinese).
        #[arg(long, value_enum, default_value_t = check::CheckFormat::Human)]
        format: check::CheckFormat,
        /// Print only findings of this severity or above [default: `warning` for `human`, so
        /// infos are counted but not shown; `info` for json, sarif and csv, which keep every
        /// finding].
        #[arg(long, value_enum)]
        min_severity: Option<check::MinSeverity>,
        /// Colour the human output: `auto` colours when stdout is a terminal and NO_COLOR is unset.
        #[arg(long, value_enum, default_value_t = check::ColorChoice::Auto)]
        color: check::ColorChoice,
    },
    /// List the rule catalogue: code, name, family, severity, title.
    Rules {
        #[arg(long, value_enum, default_value_t = Format::Text)]
        format: Format,
    },
    /// Print what a rule checks and why (its document), by code (`YS201`) or name.
    Explain {
        /// The rule's code or name.
        rule: String,
    },
    /// Extract, check and store documents in the library (SQLite file or PostgreSQL).
    ///
    /// Exit code 2 when a file could not be stored (it is reported and skipped).
    Ingest(library::IngestArgs),
    /// List the stored documents: department, year, kind and finding counts.
    List(library::ListArgs),
    /// Show one stored document: its tables and findings.
    Show(library::ShowArgs),
    /// List stored findings, filtered by rule, severity, department, year.
    Findings(library::FindingsArgs),
    /// Run one read-only SQL statement on the library.
    Sql(library::SqlArgs),
    /// Export stored documents as CSV, XLSX or Parquet.
    Export(library::ExportArgs),
    /// Compare a department's documents of two years, table by table.
    Compare(library::CompareArgs),
    /// Serve the web app (upload, review, library, analysis) on a local address.
    #[cfg(feature = "web")]
    Serve(serve::ServeArgs),
    /// Render a complete disclosure (tables derived, explanation written) from the model (JSON),
    /// a template workbook (XLSX) or a document; refuses data that fail an `error` rule unless
    /// --force.
    Render {
        /// The input: `.json` (the model), `.xlsx` (the template workbook) or a document.
        input: PathBuf,
        #[arg(long, value_enum, default_value_t = render::RenderFormat::Html)]
        format: render::RenderFormat,
        /// The file to write.
        #[arg(long)]
        out: PathBuf,
        /// Whose layout to follow.
        #[arg(long, value_enum, default_value_t = render::TemplateChoice::Hebei)]
        template: render::TemplateChoice,
        /// Last year's disclosure, for the changes (比上年增减).
        #[arg(long)]
        previous: Option<PathBuf>,
        /// Render even when the data break an `error` rule.
        #[arg(long)]
        force: bool,
    },
    /// Write the blank input workbook (XLSX) with its instructions.
    Template {
        #[arg(long)]
        out: PathBuf,
    },
}

#[derive(Clone, Copy, ValueEnum)]
enum Format {
    Json,
    Text,
}

fn main() -> ExitCode {
    let cli = Cli::parse();
    messages::init(cli.lang);
    match cli.command {
        Command::Extract { paths, format } => extract(&paths, format),
        Command::Check {
            paths,
            format,
            min_severity,
            color,
        } => check::run(&paths, format, min_severity, color),
        Command::Rules { format } => rules(format),
        Command::Explain { rule } => explain(&rule),
        Command::Ingest(args) => library::ingest(args),
        Command::List(args) => library::list(args),
        Command::Show(args) => library::show(args),
        Command::Findings(args) => library::findings(args),
        Command::Sql(args) => library::sql(args),
        Command::Export(args) => library::export(args),
        Command::Compare(args) => library::compare(args),
        #[cfg(feature = "web")]
        Command::Serve(args) => serve::run(args),
        Command::Render {
            input,
            format,
            out,
            template,
            previous,
            force,
        } => render::run(
            &input,
            format,
            &out,
            template.into(),
            previous.as_ref(),
            force,
        ),
        Command::Template { out } => render::template(&out),
    }
}

fn extract(paths: &[PathBuf], format: Format) -> ExitCode {
    let files = input::expand(paths);
    let several = files.len() > 1 || paths.iter().any(|p| p.is_dir());
    let mut models = Vec::new();
    let mut failed = false;
    let stdout = std::io::stdout();
    let mut out = stdout.lock();
    for file in &files {
        match input::read_and_extract(file) {
            Ok((_, model)) => {
                if let Format::Text = format {
                    let _ = out.write_all(yusuan_report::disclosure_text(&model).as_bytes());
                }
                models.push(model);
            }
            Err(e) => {
                failed = true;
                messages::error(e);
            }
        }
    }
    if let Format::Json = format {
        let json = if several {
            serde_json::to_string_pretty(&models)
        } else {
            match models.first() {
                Some(m) => serde_json::to_string_pretty(m),
                None => Ok(String::new()),
            }
        };
        match json {
            Ok(s) if !s.is_empty() => {
                let _ = writeln!(out, "{s}");
            }
            Ok(_) => {}
            Err(e) => {
                messages::error(format!("cannot write JSON: {e}"));
                failed = true;
            }
        }
    }
    if failed {
        ExitCode::from(2)
    } else {
        ExitCode::SUCCESS
    }
}

fn catalogue() -> Vec<&'static yusuan_rules::RuleInfo> {
    yusuan_rules::registry().iter().map(|r| r.info()).collect()
}

fn rules(format: Format) -> ExitCode {
    let rules = catalogue();
    let text = match format {
        Format::Text => yusuan_report::catalogue::text(&rules),
        Format::Json => {
            let json = yusuan_report::catalogue::json(&rules);
            format!(
                "{}\n",
                serde_json::to_string_pretty(&json).unwrap_or_default()
            )
        }
    };
    let _ = std::io::stdout().lock().write_all(text.as_bytes());
    ExitCode::SUCCESS
}

fn explain(code_or_name: &str) -> ExitCode {
    match yusuan_rules::find(code_or_name) {
        Some(rule) => {
            let text = yusuan_report::catalogue::explain(rule.info());
            let _ = std::io::stdout().lock().write_all(text.as_bytes());
            ExitCode::SUCCESS
        }
        None => {
            messages::error(
                messages::msg().with("no-rule", &[("rule", yusuan_report::i18n::t(code_or_name))]),
            );
            ExitCode::from(2)
        }
    }
}
