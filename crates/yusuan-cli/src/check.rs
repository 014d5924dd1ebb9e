//! `yusuan check`: extract each document, run the rule catalogue, print the findings.

use std::io::{IsTerminal, Write};
use std::panic::{catch_unwind, AssertUnwindSafe};
use std::path::PathBuf;
use std::process::ExitCode;

use clap::ValueEnum;
use yusuan_model::Severity;
use yusuan_report::{HumanOptions, Report, Sources};

use crate::{input, messages};

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

/// The default minimum severity of a format: the human output shows warnings and errors (infos
/// are counted in the summary), the formats for tools keep everything. The same on a terminal and
/// in a pipe, so that a script sees what a person sees.
fn default_min_severity(format: CheckFormat) -> Severity {
    match format {
        CheckFormat::Human => Severity::Warning,
        CheckFormat::Json | CheckFormat::Sarif | CheckFormat::Csv => Severity::Info,
    }
}

pub fn run(
    paths: &[PathBuf],
    format: CheckFormat,
    min_severity: Option<MinSeverity>,
    color: ColorChoice,
) -> ExitCode {
    let min_severity = min_severity.map_or_else(|| default_min_severity(format), Severity::from);
    let rules: Vec<&'static yusuan_rules::RuleInfo> =
        yusuan_rules::registry().iter().map(|r| r.info()).collect();
    let mut report = Report::new(min_severity);
    let mut sources = Sources::new();
    for file in input::expand(paths) {
        let name = file.to_string_lossy().into_owned();
        let (doc, model) = match input::read_and_extract(&file) {
            Ok(read) => read,
            Err(e) => {
                messages::error(&e);
                report.fail(name, e);
                continue;
            }
        };
        // A rule that panics on one document must not lose the others' findings.
        let findings = match catch_unwind(AssertUnwindSafe(|| yusuan_rules::check(&model))) {
            Ok(findings) => findings,
            Err(_) => {
                let e = format!("{name}: internal error: a rule failed on this document");
                messages::error(&e);
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
                lang: messages::lang(),
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
