//! `yusuan`: reads, checks and stores Chinese public budget disclosures (预决算公开).

use std::io::Write;
use std::path::{Path, PathBuf};
use std::process::ExitCode;

use clap::{Parser, Subcommand, ValueEnum};

#[derive(Parser)]
#[command(
    name = "yusuan",
    version,
    about = "Reads and checks Chinese public budget disclosures (预决算公开)"
)]
struct Cli {
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
}

#[derive(Clone, Copy, ValueEnum)]
enum Format {
    Json,
    Text,
}

fn main() -> ExitCode {
    let cli = Cli::parse();
    match cli.command {
        Command::Extract { paths, format } => extract(&paths, format),
    }
}

/// Expands directories into the files below them, in a stable order.
fn expand(paths: &[PathBuf]) -> Vec<PathBuf> {
    let mut out = Vec::new();
    for p in paths {
        if p.is_dir() {
            let mut stack = vec![p.clone()];
            let mut found = Vec::new();
            while let Some(dir) = stack.pop() {
                let Ok(entries) = std::fs::read_dir(&dir) else {
                    found.push(dir);
                    continue;
                };
                for e in entries.flatten() {
                    let path = e.path();
                    let hidden = path
                        .file_name()
                        .and_then(|n| n.to_str())
                        .is_some_and(|n| n.starts_with('.'));
                    if hidden {
                        continue;
                    }
                    if path.is_dir() {
                        stack.push(path);
                    } else {
                        found.push(path);
                    }
                }
            }
            found.sort();
            out.extend(found);
        } else {
            out.push(p.clone());
        }
    }
    out
}

fn extract(paths: &[PathBuf], format: Format) -> ExitCode {
    let files = expand(paths);
    let several = files.len() > 1 || paths.iter().any(|p| p.is_dir());
    let mut models = Vec::new();
    let mut failed = false;
    let stdout = std::io::stdout();
    let mut out = stdout.lock();
    for file in &files {
        match read_and_extract(file) {
            Ok(model) => {
                if let Format::Text = format {
                    let _ = out.write_all(yusuan_report::disclosure_text(&model).as_bytes());
                }
                models.push(model);
            }
            Err(e) => {
                failed = true;
                eprintln!("error: {e}");
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
                eprintln!("error: cannot write JSON: {e}");
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

fn read_and_extract(path: &Path) -> Result<yusuan_model::Disclosure, String> {
    let doc = yusuan_read::read_path(path).map_err(|e| e.to_string())?;
    Ok(yusuan_extract::extract(&doc))
}
