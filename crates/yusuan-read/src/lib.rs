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
//! Each format has its own module: `text.rs` for plain text, `pdf/` for PDF (text layer through
//! pdfium, scanned pages through tesseract; lines assembled by position, table rows TAB-separated
//! on their column grid, every character's box kept in [`TextDocument::geometry`]).
//!
//! Office formats and web pages (`xlsx.rs` for XLSX/XLS, `docx.rs`, `html.rs`) are read into the
//! same lines: a table row becomes one line of TAB-separated cells (an empty cell for every blank
//! or merged-over grid slot, so a cell's index is its column), paragraphs and captions become
//! plain lines, and each sheet (XLSX/XLS) or page-broken section (DOCX) starts a page. Every such
//! line records its [`Origin`] (sheet and cell reference, DOCX table and row, HTML table and row).
//! Other recognised formats (a legacy Word `.doc`) are refused with [`ReadError::Unsupported`].

mod builder;
mod decode;
mod docx;
mod error;
mod format;
mod html;
mod normalize;
pub mod pdf;
pub mod sheets;
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
    /// The detected format (by content).
    pub format: Format,
    /// The encoding the bytes were decoded from: `"UTF-8"`, `"GB18030"` (also for GBK input),
    /// `"UTF-16LE"` or `"UTF-16BE"`.
    pub encoding: &'static str,
    /// Every line of the document, in order; `lines[i].number == i + 1`.
    pub lines: Vec<Line>,
    /// `Some(n)` when the text contained form feeds (`n` pages), `None` otherwise.
    pub page_count: Option<u32>,
    /// Positions, for input that has them (PDF): the box of every character of every line, the
    /// pages, and what the reader noticed (clipped text, OCR'd pages). `None` for plain text.
    pub geometry: Option<Geometry>,
}

/// A character's box in PDF points, `[x0, y0, x1, y1]`, origin at the page's top-left corner as
/// displayed (after the page's rotation), y growing downwards.
pub type CharBox = [f32; 4];

/// Where each character of a positioned document was printed.
#[derive(Debug, Clone, PartialEq, Default)]
pub struct Geometry {
    /// Per line (index = line number − 1): one box per character of [`Line::text`] (`None` for
    /// TAB separators and inserted spaces). Empty for lines without positions.
    pub lines: Vec<Vec<Option<CharBox>>>,
    /// The pages, in order.
    pub pages: Vec<PageInfo>,
    /// What the reader noticed, per page.
    pub notes: Vec<ReadNote>,
}

// Boxes are finite numbers (the readers drop anything else), so equality is an equivalence.
impl Eq for Geometry {}

impl Geometry {
    /// The box covering characters `column .. column + length` (0-based) of line `number`, or the
    /// whole line when `column` is `None`.
    pub fn span_box(
        &self,
        number: u32,
        column: Option<u32>,
        length: Option<u32>,
    ) -> Option<CharBox> {
        let boxes = self.lines.get((number as usize).checked_sub(1)?)?;
        let (from, to) = match column {
            Some(c) => {
                let from = c as usize;
                (from, from + length.unwrap_or(1).max(1) as usize)
            }
            None => (0, boxes.len()),
        };
        let slice = boxes.get(from.min(boxes.len())..to.min(boxes.len()))?;
        pdf::union_box(slice.iter().flatten())
    }

    /// Whether page `number` (1-based) was read by OCR.
    pub fn is_ocr_page(&self, number: u32) -> bool {
        self.pages.iter().any(|p| p.number == number && p.ocr)
    }
}

/// One page of a positioned document.
#[derive(Debug, Clone, PartialEq)]
pub struct PageInfo {
    /// 1-based page number.
    pub number: u32,
    /// Displayed width and height in points.
    pub width: f32,
    pub height: f32,
    /// Clockwise rotation the page is displayed with (0, 90, 180, 270).
    pub rotation: u16,
    /// Whether the page had no text layer and was read by OCR.
    pub ocr: bool,
    /// Characters of the text layer outside the visible page box, dropped.
    pub clipped_chars: u32,
}

/// Something a reader noticed on a page (clipped text, OCR, rotation).
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct ReadNote {
    /// 1-based page number.
    pub page: u32,
    pub message: String,
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
/// [`MAX_INPUT_BYTES`], [`ReadError::PdfEngine`], [`ReadError::Pdf`] and [`ReadError::Ocr`] for
/// PDF input that cannot be read, [`ReadError::Damaged`] for an office file that cannot be opened
/// (corrupt, encrypted, too large when unpacked), [`ReadError::Unsupported`] for legacy Word input
/// and [`ReadError::NotText`] for binary data. Never panics.
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
        Format::Pdf => pdf::read_pdf(path, bytes),
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
