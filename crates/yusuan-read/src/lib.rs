//! Reads the bytes of a budget disclosure (部门预算/决算) into numbered, normalised lines.
//!
//! The entry points are [`read_path`] and [`read_bytes`]. They detect the format by content
//! ([`detect_format`]), decode the text ([`decode`]: UTF-8, GB18030/GBK, UTF-16 with or without
//! BOM), split it into lines exactly as `sed -n`/awk `NR` number them, track pages (form feeds)
//! and clean every line with [`normalize_line`] (full-width forms, LaTeX, HTML, Word field codes,
//! scanner watermarks, markdown debris).
//!
//! Lines are never deleted or merged: a line that is entirely debris becomes an empty string but
//! keeps its number, so spans computed on [`Line::number`] point at the right line of the file.
//!
//! Office formats and web pages are read into the same lines: a table row becomes one line of
//! TAB-separated cells (an empty cell for every blank or merged-over grid slot, so a cell's index
//! is its column), paragraphs and captions become plain lines, and each sheet (XLSX/XLS) or
//! page-broken section (DOCX) starts a page. Every such line records its [`Origin`] (sheet and
//! cell reference, DOCX table and row, HTML table and row). PDF input is recognised and refused
//! with [`ReadError::Unsupported`]; so is a legacy Word `.doc`.

mod builder;
mod decode;
mod docx;
mod error;
mod format;
mod html;
mod normalize;
mod text;
mod xlsx;

pub use decode::decode;
pub use error::{DecodeError, ReadError};
pub use format::{detect_format, Format};
pub use normalize::{normalize_line, normalize_line_cow};

use std::io::Read;
use std::path::Path;

/// Largest input accepted, in bytes (256 MiB). Larger inputs give [`ReadError::TooLarge`].
pub const MAX_INPUT_BYTES: u64 = 256 * 1024 * 1024;

/// A document read into numbered, normalised lines.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct TextDocument {
    /// The path as given by the caller (not canonicalised).
    pub path: String,
    /// Lowercase hex SHA-256 of the raw input bytes.
    pub sha256: String,
    /// The detected format; [`Format::Text`] for everything read today.
    pub format: Format,
    /// The encoding the bytes were decoded from: `"UTF-8"`, `"GB18030"` (also for GBK input),
    /// `"UTF-16LE"` or `"UTF-16BE"`.
    pub encoding: &'static str,
    /// Every line of the document, in order; `lines[i].number == i + 1`.
    pub lines: Vec<Line>,
    /// `Some(n)` when the text contained form feeds (`n` pages), `None` otherwise.
    pub page_count: Option<u32>,
}

/// One line of a document.
#[derive(Debug, Clone, PartialEq, Eq, Default)]
pub struct Line {
    /// 1-based line number, as `sed -n` / awk `NR` count lines of the decoded file.
    pub number: u32,
    /// 1-based page number when the document has form feeds, `None` otherwise.
    pub page: Option<u32>,
    /// The normalised text (see [`normalize_line`]); TAB cell separators are kept exactly.
    pub text: String,
    /// Where the line came from in a structured source (a sheet row, a DOCX or HTML table row,
    /// a paragraph); `None` for plain text.
    pub origin: Option<Origin>,
}

/// Where a line of a structured document (XLSX, XLS, DOCX, HTML) came from.
#[derive(Debug, Clone, PartialEq, Eq, Default)]
pub struct Origin {
    /// The line as a whole: `收支总表!A7:F7`, `table 2 row 5`, `paragraph 14`.
    pub place: String,
    /// For a table row: where each TAB-separated cell came from (`收支总表!C7`,
    /// `table 2 row 5 cell 3`), one entry per cell of the line; empty for other lines.
    pub cells: Vec<String>,
}

impl Origin {
    /// Where the character at 0-based `column` (in characters) of the line `text` came from: the
    /// origin of the TAB-separated cell holding it, or the line's place.
    pub fn at(&self, text: &str, column: u32) -> &str {
        if self.cells.is_empty() {
            return &self.place;
        }
        let cell = text
            .chars()
            .take(column as usize)
            .filter(|&c| c == '\t')
            .count();
        self.cells.get(cell).map_or(&self.place, String::as_str)
    }
}

/// Reads the file at `path` (see [`read_bytes`]).
///
/// Refuses files larger than [`MAX_INPUT_BYTES`] before reading them.
pub fn read_path(path: &Path) -> Result<TextDocument, ReadError> {
    let name = path.to_string_lossy().into_owned();
    let io_err = |source| ReadError::Io {
        path: name.clone(),
        source,
    };
    let file = std::fs::File::open(path).map_err(io_err)?;
    let meta = file.metadata().map_err(io_err)?;
    if meta.is_dir() {
        return Err(ReadError::Io {
            path: name,
            source: std::io::Error::other("is a directory"),
        });
    }
    if meta.len() > MAX_INPUT_BYTES {
        return Err(ReadError::TooLarge {
            path: name,
            size: meta.len(),
        });
    }
    let mut bytes = Vec::with_capacity(meta.len() as usize);
    // Read at most one byte over the limit, in case the file grew after `metadata`.
    file.take(MAX_INPUT_BYTES + 1)
        .read_to_end(&mut bytes)
        .map_err(io_err)?;
    read_bytes(&name, &bytes)
}

/// Reads a document from its raw bytes; `path` is only recorded and used in error messages.
///
/// Errors: [`ReadError::Empty`] for no bytes (or a BOM only), [`ReadError::TooLarge`] over
/// [`MAX_INPUT_BYTES`], [`ReadError::Unsupported`] for PDF and legacy Word input,
/// [`ReadError::Damaged`] for an office file that cannot be opened (corrupt, encrypted, too
/// large when unpacked) and [`ReadError::NotText`] for binary data. Never panics.
pub fn read_bytes(path: &str, bytes: &[u8]) -> Result<TextDocument, ReadError> {
    if bytes.len() as u64 > MAX_INPUT_BYTES {
        return Err(ReadError::TooLarge {
            path: path.to_owned(),
            size: bytes.len() as u64,
        });
    }
    if bytes.is_empty() {
        return Err(ReadError::Empty {
            path: path.to_owned(),
        });
    }
    match detect_format(bytes) {
        Format::Text | Format::Unknown => text::read_text(path, bytes),
        Format::Xlsx | Format::Xls => xlsx::read_workbook(path, bytes),
        Format::Docx => docx::read_docx(path, bytes),
        Format::Html => html::read_html(path, bytes),
        other => Err(ReadError::Unsupported {
            path: path.to_owned(),
            format: other,
        }),
    }
}

/// Lowercase hex SHA-256 of `bytes`.
pub(crate) fn sha256_hex(bytes: &[u8]) -> String {
    use sha2::{Digest, Sha256};
    use std::fmt::Write;
    let digest = Sha256::digest(bytes);
    let mut hex = String::with_capacity(64);
    for b in digest {
        let _ = write!(hex, "{b:02x}");
    }
    hex
}
