//! Round trip over the corpus: extract a published document, render it, extract the rendering,
//! and compare the two models table by table (kinds, units, rows, codes, names, values; spans
//! differ). Rendering derives what the published document left out (a missing 合计 row, say), so
//! the rendering is compared with the derived model, and the derived model must hold every row
//! of the original unchanged and in order. Every corpus document with tables is rendered in the template of its province.

mod common;

use common::{corpus_documents, differences, extract_path, extract_text, not_preserved};
use yusuan_render::{prepare, RenderInput};

#[test]
fn corpus_round_trips_through_text() {
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
        let text = yusuan_render::text::render(&doc);
        let again = extract_text("rendered.txt", &text);
        let mut diff = not_preserved(&original, &doc.disclosure);
        diff.extend(differences(&doc.disclosure, &again));
        if !diff.is_empty() {
            failures.push(format!("{}:\n    {}", path.display(), diff.join("\n    ")));
        }
    }
    assert!(failures.is_empty(), "{}", failures.join("\n"));
}
