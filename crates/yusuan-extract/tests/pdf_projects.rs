//! Project performance tables (项目绩效目标表) of the corpus PDFs against their text twins.
//!
//! The PDF is read by position (tab rows on the table's grid), the text twin as space-separated
//! lines: two different recognisers (`performance::grid`, `performance::spaced`) must give the
//! same projects. Compared per document: the number of projects, and per project its name, its
//! budget figures (资金总额, 年度资金申请总额, 财政资金, 当年财政拨款, 上年结转资金, 其他资金) and
//! its indicators (一级, 二级, 三级 and the value as printed), spaces aside.
//!
//! Needs the PDF engine (`scripts/setup/pdfium.sh`).

use std::path::PathBuf;

use yusuan_model::{Disclosure, Figure, Project};

fn corpus_dir() -> PathBuf {
    PathBuf::from(env!("CARGO_MANIFEST_DIR")).join("../../corpus")
}

fn extract(rel: &str) -> Disclosure {
    let bytes = std::fs::read(corpus_dir().join(rel)).unwrap_or_else(|e| panic!("{rel}: {e}"));
    let doc =
        yusuan_read::read_bytes(&format!("corpus/{rel}"), &bytes).unwrap_or_else(|e| panic!("{e}"));
    yusuan_extract::extract(&doc)
}

fn pdf_names() -> Vec<String> {
    let mut names: Vec<String> = std::fs::read_dir(corpus_dir().join("shanghai/pdf"))
        .unwrap()
        .flatten()
        .map(|e| e.file_name().to_string_lossy().into_owned())
        .filter(|n| n.ends_with(".pdf"))
        .map(|n| n.trim_end_matches(".pdf").to_string())
        .collect();
    names.sort();
    names
}

/// Text without the spaces and line breaks a layout adds.
fn squeeze(s: &str) -> String {
    s.chars().filter(|c| !c.is_whitespace()).collect()
}

/// A project's figures by name.
fn figures(p: &Project) -> Vec<(&'static str, Option<String>)> {
    let v = |f: &Option<Figure>| f.as_ref().map(|f| f.value.normalize().to_string());
    vec![
        ("budget", v(&p.budget)),
        ("annual_request", v(&p.annual_request)),
        ("fiscal_funds", v(&p.fiscal_funds)),
        ("current_appropriation", v(&p.current_appropriation)),
        ("carryover", v(&p.carryover)),
        ("other_funds", v(&p.other_funds)),
    ]
}

/// One indicator as compared: 一级, 二级, 三级, value as printed.
fn indicators(p: &Project) -> Vec<(String, String, String, String)> {
    p.indicators
        .iter()
        .map(|i| {
            (
                squeeze(i.level1.as_deref().unwrap_or("")),
                squeeze(i.level2.as_deref().unwrap_or("")),
                squeeze(&i.name),
                squeeze(&i.value.raw),
            )
        })
        .collect()
}

/// The differences between two readings of one project.
fn differences(pdf: &Project, text: &Project) -> Vec<String> {
    let mut out = Vec::new();
    if squeeze(&pdf.name) != squeeze(&text.name) {
        out.push(format!("name: pdf `{}`, text `{}`", pdf.name, text.name));
    }
    for ((k, a), (_, b)) in figures(pdf).into_iter().zip(figures(text)) {
        if a != b {
            out.push(format!("{k}: pdf {a:?}, text {b:?}"));
        }
    }
    let (a, b) = (indicators(pdf), indicators(text));
    if a.len() != b.len() {
        out.push(format!(
            "{} indicators in the pdf, {} in the text",
            a.len(),
            b.len()
        ));
    }
    for (x, y) in a.iter().zip(&b) {
        if x != y {
            out.push(format!("indicator: pdf {x:?}, text {y:?}"));
        }
    }
    out
}

#[test]
fn pdf_projects_agree_with_their_text_twins() {
    let (mut projects, mut projects_agree) = (0, 0);
    let (mut indicators_total, mut indicators_agree) = (0, 0);
    let mut failures = Vec::new();
    for name in pdf_names() {
        let pdf = extract(&format!("shanghai/pdf/{name}.pdf"));
        let text = extract(&format!("shanghai/text/{name}.txt"));
        eprintln!(
            "{name}: {} projects in the pdf, {} in the text",
            pdf.projects.len(),
            text.projects.len()
        );
        if pdf.projects.len() != text.projects.len() {
            failures.push(format!(
                "{name}: {} projects in the pdf, {} in the text",
                pdf.projects.len(),
                text.projects.len()
            ));
        }
        for t in &text.projects {
            projects += 1;
            indicators_total += t.indicators.len();
            let Some(p) = pdf
                .projects
                .iter()
                .find(|p| squeeze(&p.name) == squeeze(&t.name))
            else {
                failures.push(format!("{name}: project `{}` not in the pdf", t.name));
                continue;
            };
            let (a, b) = (indicators(p), indicators(t));
            indicators_agree += a.iter().zip(&b).filter(|(x, y)| x == y).count();
            let diff = differences(p, t);
            if diff.is_empty() {
                projects_agree += 1;
            } else {
                failures.push(format!(
                    "{name}: project `{}`:\n  {}",
                    t.name,
                    diff.join("\n  ")
                ));
            }
        }
    }
    eprintln!(
        "projects agreeing: {projects_agree}/{projects}; indicators agreeing: {indicators_agree}/{indicators_total}"
    );
    assert!(projects > 0, "no project table in the corpus");
    assert!(failures.is_empty(), "{}", failures.join("\n"));
}
