//! Shared by the round-trip tests: the corpus documents with tables and the model comparison.

#![allow(dead_code)]

use std::collections::BTreeMap;
use std::path::{Path, PathBuf};

use yusuan_model::{ColumnKey, Decimal, Disclosure, Side, TableKind};
use yusuan_render::Template;

pub fn repo() -> PathBuf {
    Path::new(env!("CARGO_MANIFEST_DIR")).join("../..")
}

/// Every corpus text document with standard tables, with the template its province publishes.
pub fn corpus_documents() -> Vec<(PathBuf, Template)> {
    let mut out = vec![(
        repo().join("corpus/seeds/000_58134781a689c5f0.txt"),
        Template::Hebei,
    )];
    let dir = repo().join("corpus/shanghai/text");
    let mut files: Vec<PathBuf> = std::fs::read_dir(&dir)
        .expect("corpus/shanghai/text")
        .flatten()
        .map(|e| e.path())
        .filter(|p| p.extension().is_some_and(|e| e == "txt"))
        .collect();
    files.sort();
    out.extend(files.into_iter().map(|p| (p, Template::Shanghai)));
    out
}

pub fn extract_path(path: &Path) -> Disclosure {
    let doc = yusuan_read::read_path(path).expect("readable");
    yusuan_extract::extract(&doc)
}

pub fn extract_text(name: &str, text: &str) -> Disclosure {
    let doc = yusuan_read::read_bytes(name, text.as_bytes()).expect("readable");
    yusuan_extract::extract(&doc)
}

/// A row as the comparison sees it: code, name, side, total flag, cells (a cell whose column the
/// source left uncertain is compared by its value too: the rendering prints it where the model
/// placed it).
pub type RowView = (
    Option<String>,
    String,
    Option<Side>,
    bool,
    BTreeMap<ColumnKey, Decimal>,
);

/// The content of each readable table: kind → (unit, empty, rows).
pub fn tables(d: &Disclosure) -> BTreeMap<TableKind, (Option<String>, bool, Vec<RowView>)> {
    let mut out = BTreeMap::new();
    for t in &d.tables {
        if t.unreadable.is_some() {
            continue;
        }
        let rows: Vec<RowView> = t
            .rows
            .iter()
            .map(|r| {
                let cells = r
                    .cells
                    .iter()
                    .map(|(k, v)| (k.clone(), v.normalize()))
                    .collect();
                (r.code.clone(), r.name.clone(), r.side, r.is_total, cells)
            })
            .collect();
        out.insert(
            t.kind,
            (t.unit.map(|u| u.chinese().to_string()), t.empty, rows),
        );
    }
    out
}

/// Differences between two models' tables, as readable lines (empty when the same).
pub fn differences(before: &Disclosure, after: &Disclosure) -> Vec<String> {
    let a = tables(before);
    let b = tables(after);
    let mut out = Vec::new();
    for (kind, (unit, empty, rows)) in &a {
        let Some((unit2, empty2, rows2)) = b.get(kind) else {
            out.push(format!("{kind}: missing after the round trip"));
            continue;
        };
        if unit != unit2 {
            out.push(format!("{kind}: unit {unit:?} → {unit2:?}"));
        }
        if empty != empty2 {
            out.push(format!("{kind}: empty {empty} → {empty2}"));
        }
        // Two-sided tables: compare each side in order (the pairing of lines is layout).
        let by_side = |rows: &[RowView], side: Option<Side>| -> Vec<RowView> {
            rows.iter().filter(|r| r.2 == side).cloned().collect()
        };
        for side in [None, Some(Side::Income), Some(Side::Expenditure)] {
            let x = by_side(rows, side);
            let y = by_side(rows2, side);
            if x.len() != y.len() {
                out.push(format!(
                    "{kind} {side:?}: {} rows → {} rows",
                    x.len(),
                    y.len()
                ));
            }
            for (r1, r2) in x.iter().zip(&y) {
                if r1 != r2 {
                    out.push(format!("{kind}: {r1:?}\n        → {r2:?}"));
                }
            }
        }
    }
    out
}

/// Rows of `original` that derivation changed or dropped (derivation only adds): empty when every
/// original row is in the derived table, unchanged and in the same order.
pub fn not_preserved(original: &Disclosure, derived: &Disclosure) -> Vec<String> {
    let a = tables(original);
    let b = tables(derived);
    let mut out = Vec::new();
    for (kind, (_, _, rows)) in &a {
        let Some((_, _, rows2)) = b.get(kind) else {
            out.push(format!("{kind}: dropped by derivation"));
            continue;
        };
        let mut it = rows2.iter();
        for r in rows {
            if !it.any(|x| x == r) {
                out.push(format!(
                    "{kind}: row changed or reordered by derivation: {r:?}"
                ));
                break;
            }
        }
    }
    out
}

/// The output formats a rendering is read back from.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Format {
    Text,
    Html,
    Xlsx,
    Pdf,
}

/// Renders `doc` in `format` into a file under the system's temporary directory, reads it back
/// through `yusuan_read` (the format detected by content) and extracts it.
pub fn render_and_read(doc: &yusuan_render::Document, format: Format, name: &str) -> Disclosure {
    let dir = std::env::temp_dir().join(format!("yusuan-render-tests-{}", std::process::id()));
    std::fs::create_dir_all(&dir).expect("temp dir");
    let ext = match format {
        Format::Text => "txt",
        Format::Html => "html",
        Format::Xlsx => "xlsx",
        Format::Pdf => "pdf",
    };
    let path = dir.join(format!("{name}.{ext}"));
    match format {
        Format::Text => std::fs::write(&path, yusuan_render::text::render(doc)).expect("write"),
        Format::Html => std::fs::write(&path, yusuan_render::html::render(doc)).expect("write"),
        Format::Xlsx => yusuan_render::workbook::write(doc, &path).expect("xlsx written"),
        Format::Pdf => {
            yusuan_render::pdf::print(&yusuan_render::html::render(doc), &path).expect("printed")
        }
    }
    let read = yusuan_read::read_path(&path)
        .unwrap_or_else(|e| panic!("{}: the rendering cannot be read: {e}", path.display()));
    let _ = std::fs::remove_file(&path);
    yusuan_extract::extract(&read)
}
