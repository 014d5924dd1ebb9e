//! `yusuan check`: extract each document, run the rule catalogue, print the findings.

use std::io::{IsTerminal, Write};
use std::panic::{catch_unwind, AssertUnwindSafe};
use std::path::PathBuf;
use std::process::ExitCode;

use clap::ValueEnum;
use yusuan_model::Severity;
use yusuan_report::{HumanOptions, Report, Sources};

use crate::input;

#[derive(Clone, Copy, ValueEnum)]
pub enum CheckFormat {
    Human,
    Json,
    Sarif,
    Csv,
}

#[derive(Clone, Copy, ValueEnum)]
pub enum MinSeverity {
    Info,
    Warning,
    Error,
}

impl From<MinSeverity> for Severity {
    fn from(m: MinSeverity) -> Self {
        match m {
            MinSeverity::Info => Severity::Info,
            MinSeverity::Warning => Severity::Warning,
            MinSeverity::Error => Severity::Error,
        }
    }
}

#[derive(Clone, Copy, ValueEnum)]
pub enum ColorChoice {
    Auto,
    Always,
    Never,
}

impl ColorChoice {
    fn enabled(self) -> bool {
        match self {
            ColorChoice::Always => true,
            ColorChoice::Never => false,
            ColorChoice::Auto => {
                std::io::stdout().is_terminal()
                    && std::env::var_os("NO_COLOR").is_none_or(|v| v.is_empty())
            }
        }
    }
}

pub fn run(
    paths: &[PathBuf],
    format: CheckFormat,
    min_severity: Severity,
    color: ColorChoice,
) -> ExitCode {
    let rules: Vec<&'static yusuan_rules::RuleInfo> =
        yusuan_rules::registry().iter().map(|r| r.info()).collect();
    let mut report = Report::new(min_severity);
    let mut sources = Sources::new();
    for file in input::expand(paths) {
        let name = file.to_string_lossy().into_owned();
        let (doc, model) = match input::read_and_extract(&file) {
            Ok(read) => read,
            Err(e) => {
                eprintln!("error: {e}");
                report.fail(name, e);
                continue;
            }
        };
        // A rule that panics on one document must not lose the others' findings.
        let findings = match catch_unwind(AssertUnwindSafe(|| yusuan_rules::check(&model))) {
            Ok(findings) => findings,
            Err(_) => {
                let e = format!("{name}: internal error: a rule failed on this document");
                eprintln!("error: {e}");
                report.fail(name, e);
                continue;
            }
        };
        report.add(&model, findings);
        if let CheckFormat::Human = format {
            sources.insert(doc.path, doc.lines.into_iter().map(|l| l.text).collect());
        }
    }

    let text = match format {
        CheckFormat::Human => yusuan_report::human::render(
            &report,
            &sources,
            &rules,
            HumanOptions {
                color: color.enabled(),
            },
        ),
        CheckFormat::Json => yusuan_report::findings_json(&report),
        CheckFormat::Sarif => pretty(&yusuan_report::sarif::render(&report, &rules)),
        CheckFormat::Csv => yusuan_report::csv::render(&report),
    };
    let _ = std::io::stdout().lock().write_all(text.as_bytes());

    if !report.failures.is_empty() {
        ExitCode::from(2)
    } else if report.has_errors() {
        ExitCode::from(1)
    } else {
        ExitCode::SUCCESS
    }
}

fn pretty(v: &serde_json::Value) -> String {
    let mut s = serde_json::to_string_pretty(v).unwrap_or_default();
    s.push('\n');
    s
}
