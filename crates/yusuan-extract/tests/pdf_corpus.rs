//! Extraction of the corpus PDFs (`corpus/shanghai/pdf/`), read by position.
//!
//! - one reviewed snapshot per PDF of its standard tables (`snapshots/shanghai__pdf__*.snap`);
//! - each PDF's model against its text twin's (`corpus/shanghai/text/`): every cell certain in
//!   both agrees; cells the text leaves uncertain (or its table unreadable) that the PDF reads
//!   for certain are counted;
//! - every span of a PDF cell carries its page and a box inside the page.
//!
//! Needs the PDF engine (`scripts/setup/pdfium.sh`).

use std::collections::BTreeMap;
use std::path::PathBuf;

use yusuan_model::{Decimal, Disclosure, Side, TableKind};

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

#[test]
fn snapshots_of_every_pdf() {
    for name in pdf_names() {
        let mut doc = extract(&format!("shanghai/pdf/{name}.pdf"));
        let tables: Vec<(u32, u32)> = doc
            .tables
            .iter()
            .map(|t| (t.span.line, t.end_line))
            .collect();
        doc.notes
            .retain(|n| tables.iter().any(|&(a, b)| (a..=b).contains(&n.span.line)));
        doc.projects.clear();
        doc.department_targets.clear();
        doc.declarations.clear();
        doc.narrative_facts.clear();
        doc.procurement.clear();
        doc.assets.clear();
        doc.units.clear();
        let text = yusuan_report::disclosure_text(&doc);
        insta::with_settings!({ snapshot_path => "snapshots", prepend_module_to_snapshot => false, omit_expression => true }, {
            insta::assert_snapshot!(format!("shanghai__pdf__{name}"), text);
        });
    }
}

/// A cell's identity across the two readings of one document: table, side, row (code, else
/// name without spaces, and its occurrence), column.
type CellKey = (TableKind, Option<Side>, String, usize, String);

#[derive(Debug, Clone, Copy, PartialEq)]
enum Reading {
    Certain(Decimal),
    Uncertain,
}

fn cells(doc: &Disclosure) -> BTreeMap<CellKey, Reading> {
    let mut out = BTreeMap::new();
    for t in &doc.tables {
        let mut seen: BTreeMap<(Option<Side>, String), usize> = BTreeMap::new();
        for r in &t.rows {
            let id = r
                .code
                .clone()
                .unwrap_or_else(|| r.name.chars().filter(|c| !c.is_whitespace()).collect());
            let n = seen.entry((r.side, id.clone())).or_default();
            *n += 1;
            for (k, v) in &r.cells {
                let reading = if r.uncertain.contains(k) {
                    Reading::Uncertain
                } else {
                    Reading::Certain(*v)
                };
                out.insert(
                    (t.kind, r.side, id.clone(), *n, k.as_str().to_string()),
                    reading,
                );
            }
        }
    }
    out
}

/// Cells of the text reading that are uncertain, or lost with their unreadable table.
fn unresolved_in_text(
    text: &Disclosure,
    key: &CellKey,
    text_cells: &BTreeMap<CellKey, Reading>,
) -> bool {
    match text_cells.get(key) {
        Some(Reading::Uncertain) => true,
        Some(Reading::Certain(_)) => false,
        None => text
            .tables
            .iter()
            .any(|t| t.kind == key.0 && t.unreadable.is_some()),
    }
}

#[test]
fn pdf_agrees_with_its_text_twin_and_resolves_its_ambiguities() {
    let mut disagreements = Vec::new();
    let mut resolved_total = 0;
    let mut lost = Vec::new();
    let mut compared = 0;
    for name in pdf_names() {
        let pdf = extract(&format!("shanghai/pdf/{name}.pdf"));
        let text = extract(&format!("shanghai/text/{name}.txt"));
        let (p, t) = (cells(&pdf), cells(&text));
        let mut resolved = 0;
        for (key, reading) in &p {
            match (reading, t.get(key)) {
                (Reading::Certain(a), Some(Reading::Certain(b))) => {
                    compared += 1;
                    if a != b {
                        disagreements.push(format!("{name}: {key:?}: pdf {a}, text {b}"));
                    }
                }
                (Reading::Certain(_), _) if unresolved_in_text(&text, key, &t) => resolved += 1,
                _ => {}
            }
        }
        for (key, reading) in &t {
            if let Reading::Certain(v) = reading {
                if !matches!(p.get(key), Some(Reading::Certain(_))) {
                    lost.push(format!("{name}: {key:?}: text {v}, pdf {:?}", p.get(key)));
                }
            }
        }
        eprintln!("{name}: {resolved} cells the text leaves uncertain are certain in the PDF");
        resolved_total += resolved;
    }
    eprintln!(
        "compared {compared} cells certain in both; {resolved_total} resolved by the PDF; {} certain in text only",
        lost.len()
    );
    for l in &lost {
        eprintln!("  text only: {l}");
    }
    assert!(disagreements.is_empty(), "{disagreements:#?}");
    assert!(compared > 2000, "only {compared} cells compared");
    assert!(resolved_total > 0);
}
