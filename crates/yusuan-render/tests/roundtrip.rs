//! Round trip over the corpus: extract a published document, render it, read the rendering back
//! (text, HTML, XLSX, PDF — each through `yusuan_read` and `yusuan_extract`, as `yusuan extract`
//! reads any document) and compare the two models table by table (kinds, units, rows, codes,
//! names, values; spans differ). Every corpus document with tables is rendered in the template of
//! its province. Rendering derives what the published document left out (a missing 合计 row, say),
//! so the rendering is compared with the derived model, and the derived model must hold every row
//! of the original unchanged and in order.

mod common;

use std::collections::BTreeMap;

use common::{corpus_documents, differences, extract_path, not_preserved, render_and_read, Format};
use yusuan_model::{Disclosure, TableKind};
use yusuan_render::{prepare, RenderInput, Template};

/// How many documents' tables of each kind held rows and came back the same.
fn count_kinds(d: &Disclosure, seen: &mut BTreeMap<TableKind, usize>) {
    for t in &d.tables {
        if t.unreadable.is_none() && !t.rows.is_empty() {
            *seen.entry(t.kind).or_default() += 1;
        }
    }
}

fn other(template: Template) -> Template {
    match template {
        Template::Hebei => Template::Shanghai,
        Template::Shanghai => Template::Hebei,
    }
}

fn round_trip(format: Format) {
    round_trip_in(format, |t| t);
}

/// Every corpus document rendered in `layout(its province)` and read back; every table kind
/// with rows is seen, the 三公 table included.
fn round_trip_in(format: Format, layout: fn(Template) -> Template) {
    let mut failures = Vec::new();
    let mut seen = BTreeMap::new();
    let mut present = BTreeMap::new();
    let docs = corpus_documents();
    assert!(docs.len() >= 15, "the corpus documents with tables");
    for (path, template) in docs {
        let template = layout(template);
        let original = extract_path(&path);
        count_kinds(&original, &mut present);
        let input = RenderInput {
            disclosure: original.clone(),
            text: Default::default(),
        };
        let doc = prepare(&input, None, template).expect("derivable");
        let name = path.file_stem().unwrap().to_string_lossy().into_owned();
        let again = render_and_read(&doc, format, &name);
        let mut diff = not_preserved(&original, &doc.disclosure);
        diff.extend(differences(&doc.disclosure, &again));
        if !diff.is_empty() {
            failures.push(format!("{}:\n    {}", path.display(), diff.join("\n    ")));
        } else {
            count_kinds(&again, &mut seen);
        }
    }
    assert!(failures.is_empty(), "{format:?}:\n{}", failures.join("\n"));
    eprintln!("{format:?}: documents per table kind {seen:?}");
    assert!(present.contains_key(&TableKind::ThreePublic));
    assert_eq!(
        seen.keys().collect::<Vec<_>>(),
        present.keys().collect::<Vec<_>>(),
        "{format:?}: every kind of table printed with rows round-trips"
    );
}

#[test]
fn corpus_round_trips_through_text() {
    round_trip(Format::Text);
}

#[test]
fn corpus_round_trips_through_html() {
    round_trip(Format::Html);
}

#[test]
fn corpus_round_trips_through_xlsx() {
    round_trip(Format::Xlsx);
}

/// Needs Chromium (to print) and pdfium (to read): `scripts/setup/render.sh`,
/// `scripts/setup/pdfium.sh`.
#[test]
fn corpus_round_trips_through_pdf() {
    round_trip(Format::Pdf);
}

/// The 三公 table means the same whichever province prints it: a Shanghai document rendered in
/// Hebei's layout (items as lines) and Hebei's in Shanghai's (items as columns) read back as the
/// same model, 机关运行经费 included.
#[test]
fn corpus_round_trips_through_text_in_the_other_province_layout() {
    round_trip_in(Format::Text, other);
}

#[test]
fn corpus_round_trips_through_html_in_the_other_province_layout() {
    round_trip_in(Format::Html, other);
}
