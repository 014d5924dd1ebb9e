//! PDF reader: glyphs and ruling lines from the text layer (pdfium), or OCR words from scanned
//! pages (tesseract), assembled into numbered lines by position (`assemble`).
//!
//! Each page's lines carry the page number; pages after the first start with an empty line (the
//! form-feed line of a plain-text extraction). Table rows are TAB-separated on the table's column
//! grid, so a blank cell keeps its slot. Every character's box is kept in
//! [`crate::TextDocument::geometry`] (PDF points, origin at the page's top-left corner, as
//! displayed, i.e. after the page's rotation). Text outside the page's visible box (crop box) is
//! dropped and counted in a note.

pub mod assemble;
#[cfg(feature = "pdf")]
mod engine;
#[cfg(feature = "pdf")]
pub(crate) mod ocr;

#[cfg(feature = "pdf")]
use std::time::{Duration, Instant};

use crate::budget::Budget;
use crate::error::ReadError;
use crate::CharBox;
#[cfg(feature = "pdf")]
use {
    crate::format::Format,
    crate::normalize::normalize_line_cow,
    crate::{Geometry, Line, PageInfo, ReadNote, TextDocument},
    assemble::{Glyph, OutLine, Rule},
    pdfium_render::prelude::*,
};

#[cfg(feature = "pdf")]
pub use engine::INSTALL_HINT;

/// Most pages read from one PDF; longer documents give [`ReadError::Pdf`].
pub const MAX_PDF_PAGES: i32 = 5_000;
/// Most characters taken from one page (the rest are dropped with a note).
#[cfg(feature = "pdf")]
const MAX_PAGE_CHARS: usize = 200_000;
/// Most path objects looked at on one page for ruling lines.
#[cfg(feature = "pdf")]
const MAX_PAGE_PATHS: usize = 50_000;

/// Whether the PDF engine can be loaded (for tests and diagnostics).
#[cfg(feature = "pdf")]
pub fn engine_available() -> bool {
    engine::engine().is_ok()
}

/// Whether the PDF engine can be loaded: never, in a build without the `pdf` feature.
#[cfg(not(feature = "pdf"))]
pub fn engine_available() -> bool {
    false
}

/// What a build without the `pdf` feature says when given a PDF.
#[cfg(not(feature = "pdf"))]
pub(crate) fn read_pdf(
    path: &str,
    _bytes: &[u8],
    _budget: &Budget,
) -> Result<crate::TextDocument, ReadError> {
    Err(ReadError::PdfEngine {
        path: path.to_owned(),
        message: "this build of yusuan reads no PDF (it was built without the `pdf` feature)"
            .to_owned(),
    })
}

/// Maps page space (PDF user space, y up) to display space (top-left origin, after rotation).
#[cfg(feature = "pdf")]
#[derive(Debug, Clone, Copy)]
pub(crate) struct PageFrame {
    left: f32,
    bottom: f32,
    right: f32,
    top: f32,
    /// Clockwise rotation in degrees: 0, 90, 180, 270.
    rotation: u16,
}

#[cfg(feature = "pdf")]
impl PageFrame {
    fn width(&self) -> f32 {
        self.right - self.left
    }
    fn height(&self) -> f32 {
        self.top - self.bottom
    }
    /// Display size (width, height).
    pub(crate) fn display_size(&self) -> (f32, f32) {
        if self.rotation % 180 == 90 {
            (self.height(), self.width())
        } else {
            (self.width(), self.height())
        }
    }
    fn point(&self, px: f32, py: f32) -> (f32, f32) {
        let (u, v) = (px - self.left, self.top - py);
        let (w, h) = (self.width(), self.height());
        match self.rotation {
            90 => (h - v, u),
            180 => (w - u, h - v),
            270 => (v, w - u),
            _ => (u, v),
        }
    }
    fn rect(&self, left: f32, bottom: f32, right: f32, top: f32) -> CharBox {
        let (ax, ay) = self.point(left, bottom);
        let (bx, by) = self.point(right, top);
        [ax.min(bx), ay.min(by), ax.max(bx), ay.max(by)]
    }
    fn visible(&self, px: f32, py: f32) -> bool {
        px >= self.left - 0.5
            && px <= self.right + 0.5
            && py >= self.bottom - 0.5
            && py <= self.top + 0.5
    }
}

#[cfg(feature = "pdf")]
fn pdf_error(path: &str, message: impl Into<String>) -> ReadError {
    ReadError::Pdf {
        path: path.to_owned(),
        message: message.into(),
    }
}

/// Reads a PDF into a [`TextDocument`].
///
/// A page pdfium cannot load is skipped with a note (its lines are empty), the other pages are
/// read. Scanned pages are read by OCR up to [`crate::Limits::ocr_pages`] pages and
/// [`crate::Limits::ocr_time`] seconds per document; scanned pages past either get a note.
#[cfg(feature = "pdf")]
pub(crate) fn read_pdf(
    path: &str,
    bytes: &[u8],
    budget: &Budget,
) -> Result<TextDocument, ReadError> {
    let pdfium = engine::engine().map_err(|message| ReadError::PdfEngine {
        path: path.to_owned(),
        message: message.to_owned(),
    })?;
    let doc = pdfium
        .load_pdf_from_byte_slice(bytes, None)
        .map_err(|e| pdf_error(path, describe(&e)))?;
    let pages = doc.pages();
    let count = pages.len();
    if count > MAX_PDF_PAGES {
        return Err(pdf_error(
            path,
            format!("{count} pages (the limit is {MAX_PDF_PAGES})"),
        ));
    }
    let mut lines: Vec<Line> = Vec::new();
    let mut geometry = Geometry::default();
    let mut columns: Option<Vec<f32>> = None;
    let mut ocr = OcrBudget::default();
    let mut damaged: Vec<u32> = Vec::new();
    for index in 0..count {
        budget.check(path)?;
        let number = (index + 1) as u32;
        if number > 1 {
            lines.push(Line {
                number: lines.len() as u32 + 1,
                page: Some(number),
                text: String::new(),
                origin: None,
            });
            geometry.lines.push(Vec::new());
        }
        let page = match pages.get(index) {
            Ok(page) => page,
            Err(e) => {
                damaged.push(number);
                geometry.notes.push(ReadNote {
                    page: number,
                    message: format!(
                        "the page is damaged and was skipped ({})",
                        describe_page(&e)
                    ),
                });
                geometry.pages.push(PageInfo {
                    number,
                    width: 0.0,
                    height: 0.0,
                    rotation: 0,
                    ocr: false,
                    clipped_chars: 0,
                });
                continue;
            }
        };
        let frame = frame_of(&page);
        let (width, height) = frame.display_size();
        let mut info = PageInfo {
            number,
            width,
            height,
            rotation: frame.rotation,
            ocr: false,
            clipped_chars: 0,
        };
        let (glyphs, clipped, truncated) = glyphs_of(&page, &frame);
        info.clipped_chars = clipped;
        if clipped > 0 {
            geometry.notes.push(ReadNote {
                page: number,
                message: format!("{clipped} characters outside the visible page box were dropped"),
            });
        }
        if truncated {
            geometry.notes.push(ReadNote {
                page: number,
                message: format!("more than {MAX_PAGE_CHARS} characters: the rest were dropped"),
            });
        }
        if frame.rotation != 0 {
            geometry.notes.push(ReadNote {
                page: number,
                message: format!(
                    "page rotated by {}°: positions are given as displayed",
                    frame.rotation
                ),
            });
        }
        let out = if glyphs.is_empty() && has_large_image(&page, &frame) {
            ocr.scanned += 1;
            if let Some(reason) = ocr.refusal(&budget.limits) {
                geometry.notes.push(ReadNote {
                    page: number,
                    message: format!("scanned page (no text layer) not read: {reason}"),
                });
                ocr.skipped += 1;
                Vec::new()
            } else {
                info.ocr = true;
                let started = Instant::now();
                let lines = ocr::ocr_page(&page, &frame, &mut columns).map_err(|message| {
                    ReadError::Ocr {
                        path: path.to_owned(),
                        page: number,
                        message,
                    }
                })?;
                ocr.pages += 1;
                ocr.spent += started.elapsed();
                geometry.notes.push(ReadNote {
                    page: number,
                    message: "no text layer: read by OCR; its amounts may be misread".to_string(),
                });
                lines
            }
        } else {
            let rules = rules_of(&page, &frame);
            assemble::assemble(glyphs, &rules, &mut columns)
        };
        for l in out {
            let (text, boxes) = normalise(l);
            lines.push(Line {
                number: lines.len() as u32 + 1,
                page: Some(number),
                text,
                origin: None,
            });
            geometry.lines.push(boxes);
        }
        geometry.pages.push(info);
    }
    if lines.iter().all(|l| l.text.trim().is_empty()) {
        return Err(pdf_error(path, nothing_to_read(count, &damaged, &ocr)));
    }
    Ok(TextDocument {
        path: path.to_owned(),
        sha256: crate::sha256_hex(bytes),
        format: Format::Pdf,
        encoding: "UTF-8",
        lines,
        page_count: Some(count as u32),
        geometry: Some(geometry),
    })
}

#[cfg(feature = "pdf")]
/// OCR done so far in one document, against [`crate::Limits`].
#[derive(Default)]
struct OcrBudget {
    /// Scanned pages seen, read and skipped.
    scanned: u32,
    pages: u32,
    skipped: u32,
    spent: Duration,
}

#[cfg(feature = "pdf")]
impl OcrBudget {
    /// Why the next scanned page is not read by OCR, if it is not.
    fn refusal(&self, limits: &crate::Limits) -> Option<String> {
        if self.pages >= limits.ocr_pages {
            Some(format!(
                "the limit of {} pages read by OCR per document was reached (YUSUAN_OCR_MAX_PAGES)",
                limits.ocr_pages
            ))
        } else if self.spent >= limits.ocr_time {
            Some(format!(
                "OCR used the {} s it may take per document (YUSUAN_OCR_TIMEOUT)",
                limits.ocr_time.as_secs()
            ))
        } else {
            None
        }
    }
}

#[cfg(feature = "pdf")]
/// Why a PDF whose pages hold no text gives nothing, in the reader's terms.
fn nothing_to_read(count: i32, damaged: &[u32], ocr: &OcrBudget) -> String {
    if count == 0 {
        return "the PDF has no pages: nothing to read".to_string();
    }
    if damaged.len() == count as usize {
        return format!("all {count} pages of the PDF are damaged: nothing to read");
    }
    if ocr.skipped > 0 {
        return format!(
            "no text read: the PDF has no text layer and its {} scanned pages were past the OCR limits (YUSUAN_OCR_MAX_PAGES, YUSUAN_OCR_TIMEOUT)",
            ocr.scanned
        );
    }
    if ocr.pages > 0 {
        return format!(
            "no text read: the PDF has no text layer and OCR found no text on its {} scanned pages",
            ocr.pages
        );
    }
    let pages = if count == 1 {
        "its page".to_string()
    } else {
        format!("its {count} pages")
    };
    format!("nothing to read: {pages} have no text layer and no scanned image (blank, or drawings only)")
}

#[cfg(feature = "pdf")]
/// A page pdfium could not load, in the reader's terms.
fn describe_page(e: &PdfiumError) -> String {
    match e {
        PdfiumError::PdfiumLibraryInternalError(PdfiumInternalError::FormatError) => {
            "damaged page data".to_string()
        }
        PdfiumError::PdfiumLibraryInternalError(_) => {
            "the PDF engine could not load it".to_string()
        }
        other => format!("{other}"),
    }
}

#[cfg(feature = "pdf")]
fn describe(e: &PdfiumError) -> String {
    match e {
        PdfiumError::PdfiumLibraryInternalError(PdfiumInternalError::FormatError) => {
            "not a valid PDF (damaged or truncated)".to_string()
        }
        PdfiumError::PdfiumLibraryInternalError(PdfiumInternalError::PasswordError) => {
            "the PDF is encrypted with a password".to_string()
        }
        PdfiumError::PdfiumLibraryInternalError(PdfiumInternalError::FileError) => {
            "the PDF cannot be opened".to_string()
        }
        PdfiumError::PdfiumLibraryInternalError(PdfiumInternalError::SecurityError) => {
            "the PDF uses an unsupported security handler".to_string()
        }
        PdfiumError::PdfiumLibraryInternalError(PdfiumInternalError::PageError) => {
            "the PDF's page tree is damaged".to_string()
        }
        PdfiumError::PdfiumLibraryInternalError(_) => {
            "the PDF is damaged: the PDF engine cannot open it".to_string()
        }
        other => format!("the PDF cannot be read: {other}"),
    }
}

/// Normalises each cell of an assembled line; boxes follow the characters (a cell whose length
/// changes gets its whole box for each character).
#[cfg(feature = "pdf")]
fn normalise(l: OutLine) -> (String, Vec<Option<CharBox>>) {
    let mut text = String::new();
    let mut boxes = Vec::new();
    let mut at = 0usize;
    for (i, cell) in l.text.split('\t').enumerate() {
        let n = cell.chars().count();
        let cell_boxes = &l.boxes[at.min(l.boxes.len())..(at + n).min(l.boxes.len())];
        at += n + 1;
        if i > 0 {
            text.push('\t');
            boxes.push(None);
        }
        let clean = normalize_line_cow(cell);
        let m = clean.chars().count();
        if m == n {
            boxes.extend_from_slice(cell_boxes);
        } else {
            let union = union_box(cell_boxes.iter().flatten());
            boxes.extend(std::iter::repeat_n(union, m));
        }
        text.push_str(&clean);
    }
    (text, boxes)
}

pub(crate) fn union_box<'a>(boxes: impl Iterator<Item = &'a CharBox>) -> Option<CharBox> {
    boxes.fold(None, |acc: Option<CharBox>, b| {
        Some(match acc {
            None => *b,
            Some(a) => [
                a[0].min(b[0]),
                a[1].min(b[1]),
                a[2].max(b[2]),
                a[3].max(b[3]),
            ],
        })
    })
}

#[cfg(feature = "pdf")]
fn frame_of(page: &PdfPage) -> PageFrame {
    let rect = page
        .boundaries()
        .crop()
        .or_else(|_| page.boundaries().media())
        .map(|b| b.bounds)
        .unwrap_or(PdfRect::new_from_values(
            0.0,
            0.0,
            page.height().value,
            page.width().value,
        ));
    let rotation = match page.rotation() {
        Ok(PdfPageRenderRotation::Degrees90) => 90,
        Ok(PdfPageRenderRotation::Degrees180) => 180,
        Ok(PdfPageRenderRotation::Degrees270) => 270,
        _ => 0,
    };
    let (l, r) = (rect.left().value, rect.right().value);
    let (b, t) = (rect.bottom().value, rect.top().value);
    PageFrame {
        left: l.min(r),
        right: l.max(r),
        bottom: b.min(t),
        top: b.max(t),
        rotation,
    }
}

/// The page's characters with their display boxes; the number dropped outside the visible box;
/// whether the page had more than [`MAX_PAGE_CHARS`].
#[cfg(feature = "pdf")]
fn glyphs_of(page: &PdfPage, frame: &PageFrame) -> (Vec<Glyph>, u32, bool) {
    let Ok(text) = page.text() else {
        return (Vec::new(), 0, false);
    };
    let chars = text.chars();
    let mut out = Vec::new();
    let mut clipped = 0u32;
    let mut space = false;
    let mut truncated = false;
    for (i, ch) in chars.iter().enumerate() {
        if i >= MAX_PAGE_CHARS {
            truncated = true;
            break;
        }
        if ch.is_generated().unwrap_or(false) {
            continue;
        }
        let Some(c) = ch.unicode_char() else {
            continue;
        };
        if c.is_whitespace() || c == '\u{3000}' {
            space = true;
            continue;
        }
        if c.is_control() || c == '\u{FFFE}' || c == '\u{FFFF}' {
            continue;
        }
        let Ok(r) = ch.loose_bounds() else {
            continue;
        };
        let (l, mut b, rr, mut t) = (
            r.left().value,
            r.bottom().value,
            r.right().value,
            r.top().value,
        );
        // Vertical extent from the baseline and the font size: loose boxes take the font's
        // bounding box, which differs between fonts and would merge lines printed apart.
        let size = ch.scaled_font_size().value;
        if let Ok(y) = ch.origin_y() {
            let y = y.value;
            if size.is_finite() && size > 0.0 && y.is_finite() && (b..=t).contains(&y) {
                b = y - 0.12 * size;
                t = y + 0.88 * size;
            }
        }
        if ![l, b, rr, t].iter().all(|v| v.is_finite()) {
            continue;
        }
        if !frame.visible((l + rr) / 2.0, (b + t) / 2.0) {
            clipped += 1;
            continue;
        }
        out.push(Glyph {
            text: c.to_string(),
            bbox: frame.rect(l, b, rr, t),
            space_before: std::mem::take(&mut space),
        });
    }
    (out, clipped, truncated)
}

/// Horizontal and vertical ruling lines drawn by the page's path objects.
#[cfg(feature = "pdf")]
fn rules_of(page: &PdfPage, frame: &PageFrame) -> Vec<Rule> {
    let mut out = Vec::new();
    let (pw, ph) = frame.display_size();
    for (n, object) in page.objects().iter().enumerate() {
        if n >= MAX_PAGE_PATHS {
            break;
        }
        let Some(path) = object.as_path_object() else {
            continue;
        };
        let Ok(matrix) = path.matrix() else {
            continue;
        };
        let segments = path.segments();
        let count = segments.len();
        if count > 10_000 {
            continue;
        }
        let mut points: Vec<(f32, f32)> = Vec::new();
        let mut start: Option<(f32, f32)> = None;
        let mut current: Option<(f32, f32)> = None;
        let mut edges: Vec<((f32, f32), (f32, f32))> = Vec::new();
        for segment in segments.transform(matrix).iter() {
            let (x, y) = (segment.x().value, segment.y().value);
            if !x.is_finite() || !y.is_finite() {
                continue;
            }
            let p = frame.point(x, y);
            match segment.segment_type() {
                PdfPathSegmentType::MoveTo => {
                    start = Some(p);
                }
                PdfPathSegmentType::LineTo => {
                    if let Some(c) = current {
                        edges.push((c, p));
                    }
                }
                _ => {}
            }
            current = Some(p);
            points.push(p);
            if segment.is_close() {
                if let (Some(c), Some(s)) = (current, start) {
                    edges.push((c, s));
                    current = Some(s);
                }
            }
        }
        // A path covering the whole page (a background) is no ruling.
        if let Some(b) = union_box(
            points
                .iter()
                .map(|&(x, y)| [x, y, x, y])
                .collect::<Vec<_>>()
                .iter(),
        ) {
            if (b[2] - b[0]) > 0.95 * pw && (b[3] - b[1]) > 0.95 * ph {
                continue;
            }
        }
        for ((x0, y0), (x1, y1)) in edges {
            if (y0 - y1).abs() <= 1.0 {
                out.push(Rule {
                    at: (y0 + y1) / 2.0,
                    from: x0.min(x1),
                    to: x0.max(x1),
                    horizontal: true,
                });
            } else if (x0 - x1).abs() <= 1.0 {
                out.push(Rule {
                    at: (x0 + x1) / 2.0,
                    from: y0.min(y1),
                    to: y0.max(y1),
                    horizontal: false,
                });
            }
        }
    }
    out
}

/// Whether an image covers at least a third of the page (a scanned page).
#[cfg(feature = "pdf")]
fn has_large_image(page: &PdfPage, frame: &PageFrame) -> bool {
    let (pw, ph) = frame.display_size();
    let page_area = (pw * ph).max(1.0);
    page.objects().iter().any(|o| {
        o.as_image_object().is_some()
            && o.bounds().is_ok_and(|q| {
                let r = q.to_rect();
                (r.width().value * r.height().value).abs() >= page_area / 3.0
            })
    })
}
