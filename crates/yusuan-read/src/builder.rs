//! Builds the numbered lines of a structured document (XLSX, XLS, DOCX, HTML): plain lines for
//! paragraphs and captions, TAB-separated lines for table rows, pages for sheets and sections.

use crate::error::ReadError;
use crate::format::Format;
use crate::normalize::normalize_line_cow;
use crate::{Line, Origin, TextDocument};

/// Most cells one document may produce (rows × columns after merged cells are expanded); a
/// table past it is refused rather than filling memory.
pub(crate) const MAX_CELLS: usize = 5_000_000;

/// Lines under construction.
#[derive(Default)]
pub(crate) struct Builder {
    lines: Vec<Line>,
    page: u32,
    paged: bool,
    cells: usize,
}

/// Cell text as one line: white space runs (line breaks, TABs) become one space. The row line
/// holding the cell is normalised as a whole, like a line of text.
pub(crate) fn cell_text(raw: &str) -> String {
    let mut s = String::with_capacity(raw.len());
    for word in raw.split_whitespace() {
        if !s.is_empty() {
            s.push(' ');
        }
        s.push_str(word);
    }
    s
}

impl Builder {
    pub(crate) fn new() -> Self {
        Builder {
            page: 1,
            ..Builder::default()
        }
    }

    fn push(&mut self, text: String, origin: Option<Origin>) {
        let number = u32::try_from(self.lines.len() + 1).unwrap_or(u32::MAX);
        self.lines.push(Line {
            number,
            page: Some(self.page),
            text,
            origin,
        });
    }

    /// A paragraph: one line per printed line (TABs inside become spaces).
    pub(crate) fn text(&mut self, text: &str, place: &str) {
        for part in text.split('\n') {
            let cleaned = normalize_line_cow(&part.replace('\t', " ")).into_owned();
            self.push(
                cleaned,
                Some(Origin {
                    place: place.to_string(),
                    cells: Vec::new(),
                }),
            );
        }
    }

    /// An empty line (a blank row or paragraph).
    pub(crate) fn blank(&mut self, place: &str) {
        self.push(
            String::new(),
            Some(Origin {
                place: place.to_string(),
                cells: Vec::new(),
            }),
        );
    }

    /// One table row: cells (text, origin) joined by TABs, an empty string for a blank slot.
    pub(crate) fn row(
        &mut self,
        cells: Vec<(String, String)>,
        place: String,
        path: &str,
        format: Format,
    ) -> Result<(), ReadError> {
        self.cells = self.cells.saturating_add(cells.len().max(1));
        if self.cells > MAX_CELLS {
            return Err(ReadError::Damaged {
                path: path.to_string(),
                format,
                cause: format!("more than {MAX_CELLS} table cells"),
            });
        }
        let mut text = String::new();
        let mut origins = Vec::with_capacity(cells.len());
        for (i, (t, o)) in cells.into_iter().enumerate() {
            if i > 0 {
                text.push('\t');
            }
            text.push_str(&cell_text(&t));
            origins.push(o);
        }
        // The line as a whole is normalised too (a row of only dashes is debris, as in text);
        // normalisation never adds or removes a TAB, so the cell origins stay aligned.
        let text = normalize_line_cow(&text).into_owned();
        self.push(
            text,
            Some(Origin {
                place,
                cells: origins,
            }),
        );
        Ok(())
    }

    /// The next line starts a new page (nothing happens before the first line of a page).
    pub(crate) fn page_break(&mut self) {
        self.paged = true;
        if self.lines.last().is_some_and(|l| l.page == Some(self.page)) {
            self.page += 1;
        }
    }

    /// The finished document; [`ReadError::Empty`] when it holds no visible text.
    pub(crate) fn finish(
        mut self,
        path: &str,
        bytes: &[u8],
        format: Format,
        encoding: &'static str,
    ) -> Result<TextDocument, ReadError> {
        if self.lines.iter().all(|l| l.text.trim().is_empty()) {
            return Err(ReadError::Empty {
                path: path.to_string(),
            });
        }
        let page_count = if self.paged {
            let last = self.lines.last().and_then(|l| l.page).unwrap_or(1);
            Some(last)
        } else {
            for l in &mut self.lines {
                l.page = None;
            }
            None
        };
        Ok(TextDocument {
            path: path.to_string(),
            sha256: crate::sha256_hex(bytes),
            format,
            encoding,
            lines: self.lines,
            page_count,
            geometry: None,
        })
    }
}

/// Spreadsheet-style column letters: 0 → `A`, 25 → `Z`, 26 → `AA`.
pub(crate) fn column_letters(mut col: u32) -> String {
    let mut out = Vec::new();
    loop {
        out.push(b'A' + (col % 26) as u8);
        if col < 26 {
            break;
        }
        col = col / 26 - 1;
    }
    out.reverse();
    String::from_utf8(out).unwrap_or_default()
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn letters() {
        assert_eq!(column_letters(0), "A");
        assert_eq!(column_letters(25), "Z");
        assert_eq!(column_letters(26), "AA");
        assert_eq!(column_letters(27), "AB");
        assert_eq!(column_letters(701), "ZZ");
        assert_eq!(column_letters(702), "AAA");
    }

    #[test]
    fn cells_are_one_line() {
        assert_eq!(cell_text(" 事业单位\n经营收入 "), "事业单位 经营收入");
        assert_eq!(cell_text("a\tb"), "a b");
    }
}
