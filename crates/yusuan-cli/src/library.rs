//! The library commands: `ingest`, `list`, `show`, `findings`, `sql`, `export`, `compare`.
//!
//! Every command takes `--db PATH|URL`; without it, `YUSUAN_DB`; without that, the default
//! SQLite file ([`Library::default_location`]: `$XDG_DATA_HOME/yusuan/library.sqlite`, else
//! `~/.local/share/yusuan/library.sqlite`).

use std::io::{IsTerminal, Write};
use std::path::PathBuf;
use std::process::ExitCode;

use clap::{Args, ValueEnum};
use yusuan_store::compare::{Comparison, RowStatus};
use yusuan_store::export::ExportFormat;
use yusuan_store::{DocumentFilter, FindingFilter, IngestEvent, Library};

use crate::input;
use crate::messages::{self, msg};
use yusuan_report::i18n::{n, t};

#[derive(Args, Clone)]
pub struct Db {
    /// The library: a SQLite file path or a `postgres://` URL [env: YUSUAN_DB; default:
    /// $XDG_DATA_HOME/yusuan/library.sqlite, i.e. ~/.local/share/yusuan/library.sqlite].
    #[arg(long, value_name = "PATH|URL")]
    pub db: Option<String>,
}

impl Db {
    fn target(&self) -> String {
        self.db
            .clone()
            .or_else(|| std::env::var("YUSUAN_DB").ok().filter(|s| !s.is_empty()))
            .unwrap_or_else(|| Library::default_location().display().to_string())
    }

    fn open(&self) -> Result<Library, ExitCode> {
        Library::open(&self.target()).map_err(fail)
    }

    /// For commands that only read: the library must exist already.
    fn open_existing(&self) -> Result<Library, ExitCode> {
        Library::open_existing(&self.target()).map_err(fail)
    }
}

fn fail(e: impl std::fmt::Display) -> ExitCode {
    messages::error(e);
    ExitCode::from(2)
}

#[derive(Clone, Copy, ValueEnum)]
pub enum Output {
    Text,
    Json,
}

#[derive(Args)]
pub struct IngestArgs {
    /// Files or directories (searched recursively) to extract, check and store.
    #[arg(required = true)]
    pub paths: Vec<PathBuf>,
    #[command(flatten)]
    pub db: Db,
}

#[derive(Args)]
pub struct Filters {
    /// Part of the department's name (`万里`).
    #[arg(long)]
    pub department: Option<String>,
    #[arg(long)]
    pub year: Option<i32>,
    /// Document kind (`department_budget`, `unit_budget`, `department_final_accounts`, …).
    #[arg(long)]
    pub kind: Option<String>,
    /// Only documents with a finding of this rule (`YS404`).
    #[arg(long)]
    pub rule: Option<String>,
}

impl Filters {
    fn filter(&self) -> DocumentFilter {
        DocumentFilter {
            department: self.department.clone(),
            year: self.year,
            kind: self.kind.clone(),
            rule: self.rule.clone(),
        }
    }
}

#[derive(Args)]
pub struct ListArgs {
    #[command(flatten)]
    pub filters: Filters,
    #[arg(long, value_enum, default_value_t = Output::Text)]
    pub format: Output,
    #[command(flatten)]
    pub db: Db,
}

#[derive(Args)]
pub struct ShowArgs {
    /// The document: its id, its sha256 (or a prefix of 6 or more digits) or its stored path.
    pub doc: String,
    #[arg(long, value_enum, default_value_t = Output::Text)]
    pub format: Output,
    #[command(flatten)]
    pub db: Db,
}

#[derive(Clone, Copy, ValueEnum)]
pub enum SeverityArg {
    Info,
    Warning,
    Error,
}

#[derive(Args)]
pub struct FindingsArgs {
    /// A rule code (`YS201`).
    #[arg(long)]
    pub rule: Option<String>,
    #[arg(long, value_enum)]
    pub severity: Option<SeverityArg>,
    /// Part of the department's name.
    #[arg(long)]
    pub department: Option<String>,
    #[arg(long)]
    pub year: Option<i32>,
    #[arg(long, value_enum, default_value_t = Output::Text)]
    pub format: Output,
    #[command(flatten)]
    pub db: Db,
}

#[derive(Clone, Copy, ValueEnum)]
pub enum SqlFormat {
    /// Tab-separated with a header line.
    Tsv,
    Csv,
    Json,
}

#[derive(Args)]
pub struct SqlArgs {
    /// One read-only statement (`SELECT …`); writes are refused.
    pub query: String,
    #[arg(long, value_enum, default_value_t = SqlFormat::Tsv)]
    pub format: SqlFormat,
    /// Stop the statement after this many seconds.
    #[arg(long, value_name = "SECONDS", default_value_t = 60.0)]
    pub timeout: f64,
    #[command(flatten)]
    pub db: Db,
}

#[derive(Clone, Copy, ValueEnum)]
pub enum ExportArg {
    Csv,
    Xlsx,
    #[cfg(feature = "parquet")]
    Parquet,
}

#[derive(Args)]
pub struct ExportArgs {
    #[arg(long, value_enum)]
    pub format: ExportArg,
    /// A folder for CSV and Parquet, a `.xlsx` file for XLSX.
    #[arg(long)]
    pub out: PathBuf,
    #[command(flatten)]
    pub filters: Filters,
    #[command(flatten)]
    pub db: Db,
}

#[derive(Args)]
pub struct CompareArgs {
    /// Part of the department's name (`万里`).
    pub department: String,
    /// The two years, earlier first.
    #[arg(long, num_args = 2, required = true, value_names = ["A", "B"])]
    pub years: Vec<i32>,
    /// Document kind (default: the kind both years have, a department budget first).
    #[arg(long)]
    pub kind: Option<String>,
    #[arg(long, value_enum, default_value_t = Output::Text)]
    pub format: Output,
    #[command(flatten)]
    pub db: Db,
}

/// `yusuan ingest`: exit 0 when every file was stored, 2 when one failed.
pub fn ingest(args: IngestArgs) -> ExitCode {
    let library = match args.db.open() {
        Ok(l) => l,
        Err(c) => return c,
    };
    let files = input::expand(&args.paths);
    let bar = if std::io::stderr().is_terminal() {
        let bar = indicatif::ProgressBar::new(files.len() as u64);
        if let Ok(style) = indicatif::ProgressStyle::with_template(
            "{spinner} [{elapsed_precise}] {bar:40} {pos}/{len} {per_sec} {wide_msg}",
        ) {
            bar.set_style(style);
        }
        bar
    } else {
        indicatif::ProgressBar::hidden()
    };
    let summary = yusuan_store::ingest(&library, &files, |event| {
        match event {
            IngestEvent::Stored { path, .. } => bar.set_message(path.clone()),
            IngestEvent::Failed(e) => bar.suspend(|| messages::error(e)),
        }
        bar.inc(1);
    });
    bar.finish_and_clear();
    println!(
        "{}",
        msg().with(
            "ingest-summary",
            &[
                ("stored", n(summary.stored())),
                ("inserted", n(summary.inserted)),
                ("replaced", n(summary.replaced)),
                ("unchanged", n(summary.unchanged)),
                ("failed", n(summary.failed.len())),
                ("location", t(&library.location())),
            ],
        )
    );
    if summary.failed.is_empty() {
        ExitCode::SUCCESS
    } else {
        ExitCode::from(2)
    }
}

fn json_out<T: serde::Serialize>(v: &T) -> ExitCode {
    match serde_json::to_string_pretty(v) {
        Ok(s) => {
            println!("{s}");
            ExitCode::SUCCESS
        }
        Err(e) => fail(e),
    }
}

/// `yusuan list`: departments × years × kinds with finding counts.
pub fn list(args: ListArgs) -> ExitCode {
    let library = match args.db.open_existing() {
        Ok(l) => l,
        Err(c) => return c,
    };
    let docs = match library.list(&args.filters.filter()) {
        Ok(d) => d,
        Err(e) => return fail(e),
    };
    if let Output::Json = args.format {
        return json_out(&docs);
    }
    let _ = std::io::stdout()
        .lock()
        .write_all(list_text(&docs).as_bytes());
    ExitCode::SUCCESS
}

/// `text` padded with spaces to `width` terminal columns (Chinese characters count two).
fn pad(text: &str, width: usize) -> String {
    let w = unicode_width::UnicodeWidthStr::width(text);
    format!("{text}{}", " ".repeat(width.saturating_sub(w)))
}

/// The list as a table: id, year, kind, finding counts, the format the file was read as, the
/// file's name and the department, so that one document read from text and from PDF are told
/// apart.
fn list_text(docs: &[yusuan_store::DocumentSummary]) -> String {
    let m = msg();
    let file_name = |d: &yusuan_store::DocumentSummary| {
        std::path::Path::new(&d.path)
            .file_name()
            .map(|f| f.to_string_lossy().into_owned())
            .unwrap_or_else(|| d.path.clone())
    };
    let rows: Vec<[String; 9]> = docs
        .iter()
        .map(|d| {
            [
                d.id.to_string(),
                d.year.map(|y| y.to_string()).unwrap_or_else(|| "?".into()),
                d.kind.clone(),
                d.errors.to_string(),
                d.warnings.to_string(),
                d.infos.to_string(),
                d.format.clone(),
                file_name(d),
                d.department
                    .clone()
                    .unwrap_or_else(|| m.get("list-unnamed")),
            ]
        })
        .collect();
    let header = [
        "list-id",
        "list-year",
        "list-kind",
        "list-errors",
        "list-warnings",
        "list-infos",
        "list-format",
        "list-file",
        "list-department",
    ]
    .map(|id| m.get(id));
    let width = |i: usize| {
        rows.iter()
            .map(|r| &r[i])
            .chain([&header[i]])
            .map(|c| unicode_width::UnicodeWidthStr::width(c.as_str()))
            .max()
            .unwrap_or(0)
    };
    let widths: Vec<usize> = (0..9).map(width).collect();
    // Numbers to the right, text to the left; the last column is not padded.
    let line = |cells: &[String; 9]| {
        let mut l = String::new();
        for (i, c) in cells.iter().enumerate() {
            let numeric = matches!(i, 0 | 1 | 3 | 4 | 5);
            let cell = if i == 8 {
                c.clone()
            } else if numeric {
                let p = pad(
                    "",
                    widths[i].saturating_sub(unicode_width::UnicodeWidthStr::width(c.as_str())),
                );
                format!("{p}{c}")
            } else {
                pad(c, widths[i])
            };
            if i > 0 {
                l.push_str("  ");
            }
            l.push_str(&cell);
        }
        l.push('\n');
        l
    };
    let mut out = line(&header);
    for r in &rows {
        out.push_str(&line(r));
    }
    let departments: std::collections::BTreeSet<_> = docs
        .iter()
        .filter_map(|d| d.department.as_deref())
        .collect();
    out.push_str(&m.with(
        "list-total",
        &[
            ("documents", n(docs.len())),
            ("departments", n(departments.len())),
        ],
    ));
    out.push('\n');
    out
}

/// `yusuan show DOC`: a document's tables and findings.
pub fn show(args: ShowArgs) -> ExitCode {
    let library = match args.db.open_existing() {
        Ok(l) => l,
        Err(c) => return c,
    };
    let doc = match library
        .resolve(&args.doc)
        .and_then(|id| id.map(|id| library.document(id)).transpose())
    {
        Ok(Some(Some(d))) => d,
        Ok(_) => {
            return fail(format!(
                "no document `{}` in {}",
                args.doc,
                library.location()
            ))
        }
        Err(e) => return fail(e),
    };
    if let Output::Json = args.format {
        return json_out(&doc);
    }
    let s = &doc.summary;
    let mut out = format!(
        "document {} · {} · {} · {}\nfile: {}\nsha256: {}\ningested: {}\n\n",
        s.id,
        s.department.as_deref().unwrap_or("(unnamed)"),
        s.year.map(|y| y.to_string()).unwrap_or_else(|| "?".into()),
        s.kind,
        s.path,
        s.sha256,
        s.ingested_at
    );
    out.push_str(&yusuan_report::disclosure_text(&doc.model));
    out.push_str(&format!(
        "\nfindings: {} ({} errors, {} warnings, {} infos)\n",
        doc.findings.len(),
        s.errors,
        s.warnings,
        s.infos
    ));
    for f in &doc.findings {
        out.push_str(&finding_line(f, None));
    }
    let _ = std::io::stdout().lock().write_all(out.as_bytes());
    ExitCode::SUCCESS
}

fn finding_line(f: &yusuan_store::StoredFinding, prefix: Option<String>) -> String {
    let x = &f.finding;
    let line = x
        .locations
        .first()
        .map(|l| l.span.line.to_string())
        .unwrap_or_default();
    let review = f
        .review
        .as_ref()
        .map(|r| format!(" [{}]", r.status.as_str()))
        .unwrap_or_default();
    format!(
        "{}{:>6} {} {:<7} line {:>4}: {}{review}\n",
        prefix.unwrap_or_default(),
        f.id,
        x.rule,
        x.severity.as_str(),
        line,
        x.message
    )
}

/// `yusuan findings`.
pub fn findings(args: FindingsArgs) -> ExitCode {
    let library = match args.db.open_existing() {
        Ok(l) => l,
        Err(c) => return c,
    };
    let filter = FindingFilter {
        document_id: None,
        rule: args.rule.clone(),
        severity: args.severity.map(|s| match s {
            SeverityArg::Info => yusuan_model::Severity::Info,
            SeverityArg::Warning => yusuan_model::Severity::Warning,
            SeverityArg::Error => yusuan_model::Severity::Error,
        }),
        department: args.department.clone(),
        year: args.year,
    };
    let found = match library.findings(&filter) {
        Ok(f) => f,
        Err(e) => return fail(e),
    };
    if let Output::Json = args.format {
        return json_out(&found);
    }
    let mut out = String::new();
    for f in &found {
        out.push_str(&finding_line(
            f,
            Some(format!("doc {:>4} {} ", f.document_id, f.finding.document)),
        ));
    }
    out.push_str(&format!("{} findings\n", found.len()));
    let _ = std::io::stdout().lock().write_all(out.as_bytes());
    ExitCode::SUCCESS
}

fn cell_text(v: &serde_json::Value) -> String {
    match v {
        serde_json::Value::Null => String::new(),
        serde_json::Value::String(s) => s.clone(),
        other => other.to_string(),
    }
}

/// `yusuan sql "SELECT …"`: read-only.
pub fn sql(args: SqlArgs) -> ExitCode {
    let library = match args.db.open_existing() {
        Ok(l) => l,
        Err(c) => return c,
    };
    let timeout = match std::time::Duration::try_from_secs_f64(args.timeout) {
        Ok(t) if !t.is_zero() => t,
        _ => {
            return fail(format!(
                "--timeout must be a positive number of seconds, not {}",
                args.timeout
            ))
        }
    };
    let result = match library.query_readonly_within(&args.query, timeout) {
        Ok(r) => r,
        Err(e) => return fail(e),
    };
    match args.format {
        SqlFormat::Json => json_out(&result),
        SqlFormat::Tsv => {
            let mut out = result.columns.join("\t");
            out.push('\n');
            for row in &result.rows {
                let cells: Vec<String> = row
                    .iter()
                    .map(|v| cell_text(v).replace(['\t', '\n'], " "))
                    .collect();
                out.push_str(&cells.join("\t"));
                out.push('\n');
            }
            let _ = std::io::stdout().lock().write_all(out.as_bytes());
            ExitCode::SUCCESS
        }
        SqlFormat::Csv => {
            let mut w = csv::Writer::from_writer(std::io::stdout().lock());
            let _ = w.write_record(&result.columns);
            for row in &result.rows {
                let _ = w.write_record(row.iter().map(cell_text));
            }
            let _ = w.flush();
            ExitCode::SUCCESS
        }
    }
}

/// `yusuan export`.
pub fn export(args: ExportArgs) -> ExitCode {
    let library = match args.db.open_existing() {
        Ok(l) => l,
        Err(c) => return c,
    };
    let format = match args.format {
        ExportArg::Csv => ExportFormat::Csv,
        ExportArg::Xlsx => ExportFormat::Xlsx,
        #[cfg(feature = "parquet")]
        ExportArg::Parquet => ExportFormat::Parquet,
    };
    match library.export(format, &args.out, &args.filters.filter()) {
        Ok(s) => {
            println!(
                "exported {} documents, {} tables, {} findings: {}",
                s.documents,
                s.tables,
                s.findings,
                s.files.join(", ")
            );
            ExitCode::SUCCESS
        }
        Err(e) => fail(e),
    }
}

fn num(v: Option<rust_decimal::Decimal>) -> String {
    v.map(|v| v.to_string()).unwrap_or_else(|| "—".into())
}

fn comparison_text(c: &Comparison) -> String {
    let m = msg();
    let mut out = format!(
        "{} · {} · {} (document {}) → {} (document {})\n",
        c.department,
        c.kind,
        c.a.year.unwrap_or_default(),
        c.a.id,
        c.b.year.unwrap_or_default(),
        c.b.id
    );
    for t in &c.tables {
        out.push_str(&format!(
            "\n== {} ({}){}{}\n",
            t.title,
            t.kind,
            t.unit
                .as_ref()
                .map(|u| format!(" 单位：{u}"))
                .unwrap_or_default(),
            match t.only_in.as_deref() {
                Some(side) => {
                    let year = if side == "a" { c.a.year } else { c.b.year };
                    format!(
                        " {}",
                        m.with(
                            "compare-only-in",
                            &[(
                                "year",
                                yusuan_report::i18n::t(&year.unwrap_or_default().to_string())
                            )],
                        )
                    )
                }
                None => String::new(),
            }
        ));
        let mut side = None;
        for r in &t.rows {
            // A two-sided summary table: each side under its heading.
            if r.side.is_some() && r.side != side {
                side = r.side;
                let id = match r.side {
                    Some(yusuan_model::Side::Income) => "compare-side-income",
                    _ => "compare-side-expenditure",
                };
                out.push_str(&format!("[{}]\n", m.get(id)));
            }
            let mark = match r.status {
                RowStatus::Changed => "~",
                RowStatus::Added => "+",
                RowStatus::Removed => "-",
            };
            let name = match &r.code {
                Some(code) => format!("{code} {}", r.name),
                None => r.name.clone(),
            };
            out.push_str(&format!("{mark} {name}\n"));
            for v in &r.values {
                if v.a == v.b {
                    continue;
                }
                out.push_str(&format!(
                    "    {:<24} {:>16} → {:>16}  {:>16}  {}\n",
                    v.column,
                    num(v.a),
                    num(v.b),
                    v.difference
                        .map(|d| if d.is_sign_negative() {
                            d.to_string()
                        } else {
                            format!("+{d}")
                        })
                        .unwrap_or_default(),
                    v.percent.map(|p| format!("{p}%")).unwrap_or_default()
                ));
            }
        }
        let count = |s: RowStatus| t.rows.iter().filter(|r| r.status == s).count();
        out.push_str(&format!(
            "  {}\n",
            m.with(
                "compare-rows",
                &[
                    ("changed", n(count(RowStatus::Changed))),
                    ("added", n(count(RowStatus::Added))),
                    ("removed", n(count(RowStatus::Removed))),
                    ("unchanged", n(t.unchanged_rows)),
                ],
            )
        ));
    }
    out
}

/// `yusuan compare DEPT --years A B`.
pub fn compare(args: CompareArgs) -> ExitCode {
    let library = match args.db.open_existing() {
        Ok(l) => l,
        Err(c) => return c,
    };
    let (a, b) = (args.years[0], args.years[1]);
    match library.compare(&args.department, a, b, args.kind.as_deref()) {
        Ok(c) => match args.format {
            Output::Json => json_out(&c),
            Output::Text => {
                let _ = std::io::stdout()
                    .lock()
                    .write_all(comparison_text(&c).as_bytes());
                ExitCode::SUCCESS
            }
        },
        Err(e) => fail(e),
    }
}
