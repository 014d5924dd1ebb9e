//! `yusuan render` and `yusuan template`: a complete disclosure from the data entered once.

use std::io::Write;
use std::path::{Path, PathBuf};
use std::process::ExitCode;

use clap::ValueEnum;
use yusuan_model::{Disclosure, Severity};
use yusuan_render::{RenderInput, Template};
use yusuan_report::{HumanOptions, Report, Sources};

#[derive(Clone, Copy, ValueEnum)]
pub enum RenderFormat {
    Html,
    Pdf,
    Xlsx,
    /// Tab-separated text (what `yusuan extract` reads back).
    Text,
}

#[derive(Clone, Copy, ValueEnum)]
pub enum TemplateChoice {
    Hebei,
    Shanghai,
}

impl From<TemplateChoice> for Template {
    fn from(t: TemplateChoice) -> Self {
        match t {
            TemplateChoice::Hebei => Template::Hebei,
            TemplateChoice::Shanghai => Template::Shanghai,
        }
    }
}

/// Reads the input: the model as JSON, a workbook in the template layout, or any document
/// `yusuan extract` reads.
pub fn load(path: &Path) -> Result<RenderInput, String> {
    let ext = path
        .extension()
        .and_then(|e| e.to_str())
        .map(str::to_ascii_lowercase)
        .unwrap_or_default();
    let name = path.display().to_string();
    match ext.as_str() {
        "json" => {
            let bytes = std::fs::read(path).map_err(|e| format!("{name}: {e}"))?;
            yusuan_render::parse_json(&name, &bytes).map_err(|e| e.to_string())
        }
        "xlsx" => {
            let (input, _) = yusuan_render::workbook::read(path).map_err(|e| e.to_string())?;
            Ok(input)
        }
        _ => {
            let (_, model) = crate::input::read_and_extract(path)?;
            Ok(RenderInput {
                disclosure: model,
                text: Default::default(),
            })
        }
    }
}

pub fn run(
    input: &Path,
    format: RenderFormat,
    out: &Path,
    template: Template,
    previous: Option<&PathBuf>,
    force: bool,
) -> ExitCode {
    let data = match load(input) {
        Ok(d) => d,
        Err(e) => {
            eprintln!("error: {e}");
            return ExitCode::from(2);
        }
    };
    let previous: Option<Disclosure> = match previous.map(|p| load(p)) {
        None => None,
        Some(Ok(p)) => Some(yusuan_render::derive(&p.disclosure, template).unwrap_or(p.disclosure)),
        Some(Err(e)) => {
            eprintln!("error: {e}");
            return ExitCode::from(2);
        }
    };
    let doc = match yusuan_render::prepare(&data, previous.as_ref(), template) {
        Ok(d) => d,
        Err(e) => {
            eprintln!("error: {}: {e}", input.display());
            return ExitCode::from(2);
        }
    };
    let uncertain = yusuan_render::uncertain_cells(&doc.disclosure);
    if !uncertain.is_empty() && !force {
        eprintln!(
            "error: {}: not rendered: {} amount(s) have no certain column in the input, e.g. {}; \
             confirm them in the data, or pass --force to print them where they stand",
            input.display(),
            uncertain.len(),
            uncertain
                .iter()
                .take(3)
                .cloned()
                .collect::<Vec<_>>()
                .join("; ")
        );
        return ExitCode::from(1);
    }
    // The checker runs on what will be printed: the derived tables.
    let findings = yusuan_rules::check(&doc.disclosure);
    let errors = findings
        .iter()
        .filter(|f| f.severity == Severity::Error)
        .count();
    if !findings.is_empty() {
        let rules: Vec<&'static yusuan_rules::RuleInfo> =
            yusuan_rules::registry().iter().map(|r| r.info()).collect();
        let mut report = Report::new(Severity::Info);
        report.add(&doc.disclosure, findings);
        let text =
            yusuan_report::human::render(&report, &Sources::new(), &rules, HumanOptions::default());
        let _ = std::io::stderr().lock().write_all(text.as_bytes());
    }
    if errors > 0 && !force {
        eprintln!(
            "error: {}: not rendered: the data break {errors} rule(s) of severity error (above); \
             correct them, or pass --force to render anyway",
            input.display()
        );
        return ExitCode::from(1);
    }
    let written = match format {
        RenderFormat::Html => write(out, yusuan_render::html::render(&doc).as_bytes()),
        RenderFormat::Text => write(out, yusuan_render::text::render(&doc).as_bytes()),
        RenderFormat::Pdf => yusuan_render::pdf::print(&yusuan_render::html::render(&doc), out)
            .map_err(|e| e.to_string()),
        RenderFormat::Xlsx => yusuan_render::workbook::write(&doc, out).map_err(|e| e.to_string()),
    };
    match written {
        Ok(()) => {
            eprintln!("wrote {}", out.display());
            ExitCode::SUCCESS
        }
        Err(e) => {
            eprintln!("error: {e}");
            ExitCode::from(2)
        }
    }
}

fn write(out: &Path, bytes: &[u8]) -> Result<(), String> {
    std::fs::write(out, bytes).map_err(|e| format!("{}: {e}", out.display()))
}

/// `yusuan template --out FILE`.
pub fn template(out: &Path) -> ExitCode {
    match yusuan_render::workbook::template(out) {
        Ok(()) => {
            eprintln!("wrote {}", out.display());
            ExitCode::SUCCESS
        }
        Err(e) => {
            eprintln!("error: {e}");
            ExitCode::from(2)
        }
    }
}
