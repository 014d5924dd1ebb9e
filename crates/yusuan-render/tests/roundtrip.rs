//! Round trip over the corpus: extract a published document, render it, read the rendering back
//! (text, HTML, XLSX, PDF — each through `yusuan_read` and `yusuan_extract`, as `yusuan extract`
//! reads any document) and compare the two models table by table (kinds, units, rows, codes,
//! names, values; spans differ). Every corpus document with tables is rendered in the template of
//! its province. Rendering derives what the published document left out (a missing 合计 row, say),
//! so the rendering is compared with the derived model, and the derived model must hold every row
//! of the original unchanged and in order.

mod common;

use common::{corpus_documents, differences, extract_path, not_preserved, render_and_read, Format};
use yusuan_render::{prepare, RenderInput};

fn round_trip(format: Format) {
    let mut failures = Vec::new();
    let docs = corpus_documents();
    assert!(docs.len() >= 15, "the corpus documents with tables");
    for (path, template) in docs {
        let original = extract_path(&path);
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
        }
    }
    assert!(failures.is_empty(), "{format:?}:\n{}", failures.join("\n"));
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
