//! Reading the files named on the command line.

use std::path::{Path, PathBuf};

use yusuan_model::Disclosure;
use yusuan_read::TextDocument;

/// Files a folder of disclosures also holds that are never disclosures themselves (notes,
/// data and code): skipped when walking a directory; a file named explicitly is always read.
const NOT_DOCUMENTS: &[&str] = &[
    "md", "markdown", "json", "toml", "yml", "yaml", "lock", "rs", "py", "sh", "snap",
];

/// Expands directories into the files below them (hidden entries and [`NOT_DOCUMENTS`] skipped),
/// in a stable order.
pub fn expand(paths: &[PathBuf]) -> Vec<PathBuf> {
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
                    let not_document = path
                        .extension()
                        .and_then(|e| e.to_str())
                        .is_some_and(|e| NOT_DOCUMENTS.contains(&e.to_ascii_lowercase().as_str()));
                    if hidden || (not_document && !path.is_dir()) {
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

/// Reads a file and extracts its disclosure; the error names the file and the cause.
pub fn read_and_extract(path: &Path) -> Result<(TextDocument, Disclosure), String> {
    let doc = yusuan_read::read_path(path).map_err(|e| e.to_string())?;
    let model = yusuan_extract::extract(&doc);
    Ok((doc, model))
}
