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
/// in a stable order. Symbolic links to directories are followed, but a link back into a
/// directory being walked (a loop) is not: each file is listed once per path, never endlessly.
pub fn expand(paths: &[PathBuf]) -> Vec<PathBuf> {
    let mut out = Vec::new();
    for p in paths {
        if p.is_dir() {
            let walker = walkdir::WalkDir::new(p)
                .follow_links(true)
                .sort_by_file_name()
                .into_iter()
                .filter_entry(|e| e.depth() == 0 || !is_hidden(e.path()));
            let mut found = Vec::new();
            for entry in walker {
                match entry {
                    Ok(e) if e.file_type().is_dir() => {}
                    Ok(e) => {
                        if !is_not_document(e.path()) {
                            found.push(e.into_path());
                        }
                    }
                    // A symlink loop: the link is skipped (its target is walked already).
                    Err(e) if e.loop_ancestor().is_some() => {}
                    // An unreadable entry is listed so that reading it reports the cause.
                    Err(e) => found.extend(e.path().map(Path::to_path_buf)),
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

fn is_hidden(path: &Path) -> bool {
    path.file_name()
        .and_then(|n| n.to_str())
        .is_some_and(|n| n.starts_with('.'))
}

fn is_not_document(path: &Path) -> bool {
    path.extension()
        .and_then(|e| e.to_str())
        .is_some_and(|e| NOT_DOCUMENTS.contains(&e.to_ascii_lowercase().as_str()))
}

/// Reads a file and extracts its disclosure; the error names the file and the cause.
pub fn read_and_extract(path: &Path) -> Result<(TextDocument, Disclosure), String> {
    let doc = yusuan_read::read_path(path).map_err(|e| e.to_string())?;
    let model = yusuan_extract::extract(&doc);
    Ok((doc, model))
}
