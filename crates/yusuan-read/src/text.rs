//! Plain-text reader: decoded text → numbered, paged, normalised lines.

use crate::error::ReadError;
use crate::format::Format;
use crate::normalize::normalize_line_cow;
use crate::{Line, TextDocument};

const FORM_FEED: char = '\x0c';

/// Reads plain text (any supported encoding) into a [`TextDocument`].
pub(crate) fn read_text(path: &str, bytes: &[u8]) -> Result<TextDocument, ReadError> {
    let (text, encoding) = crate::decode::decode(bytes).map_err(|source| ReadError::NotText {
        path: path.to_owned(),
        source,
    })?;
    if text.is_empty() {
        return Err(ReadError::Empty {
            path: path.to_owned(),
        });
    }
    let (lines, page_count) = split_lines(&text);
    Ok(TextDocument {
        path: path.to_owned(),
        sha256: crate::sha256_hex(bytes),
        format: Format::Text,
        encoding,
        lines,
        page_count,
        geometry: None,
    })
}

/// Splits decoded text into lines numbered like `sed -n` / awk `NR`, with pages.
///
/// Lines are split on `\n`; a trailing `\r` is removed; a final `\n` does not start another line.
/// A form feed starts a new page and is removed from the text, except that form feeds after the
/// last non-blank character (a trailing page break, as `pdftotext` writes) start no empty page.
/// A line's page is the page of its first character other than a form feed (for a line holding
/// only form feeds: the page they lead to). When the text has no form feed, every page is `None`.
pub(crate) fn split_lines(text: &str) -> (Vec<Line>, Option<u32>) {
    let body = text.strip_suffix('\n').unwrap_or(text);
    let has_ff = text.contains(FORM_FEED);
    // Form feeds at or after this byte index start no new page.
    let last_content = text
        .rfind(|c: char| !c.is_whitespace() && c != FORM_FEED)
        .unwrap_or(0);
    let mut lines = Vec::with_capacity(memchr::memchr_iter(b'\n', body.as_bytes()).count() + 1);
    let mut page: u32 = 1;
    let mut offset = 0usize;
    for (index, raw) in body.split('\n').enumerate() {
        let raw_no_cr = raw.strip_suffix('\r').unwrap_or(raw);
        let line_page = if has_ff {
            let mut first_content_page = None;
            for (i, c) in raw_no_cr.char_indices() {
                if c == FORM_FEED {
                    if offset + i < last_content {
                        page = page.saturating_add(1);
                    }
                } else if first_content_page.is_none() {
                    first_content_page = Some(page);
                }
            }
            Some(first_content_page.unwrap_or(page))
        } else {
            None
        };
        let cleaned = if has_ff && raw_no_cr.contains(FORM_FEED) {
            normalize_line_cow(&raw_no_cr.replace(FORM_FEED, "")).into_owned()
        } else {
            normalize_line_cow(raw_no_cr).into_owned()
        };
        lines.push(Line {
            number: u32::try_from(index + 1).unwrap_or(u32::MAX),
            page: line_page,
            text: cleaned,
            origin: None,
        });
        offset += raw.len() + 1;
    }
    (lines, has_ff.then_some(page))
}

#[cfg(test)]
mod tests {
    use super::*;

    fn pages(text: &str) -> (Vec<Option<u32>>, Option<u32>) {
        let (lines, count) = split_lines(text);
        (lines.iter().map(|l| l.page).collect(), count)
    }

    #[test]
    fn numbering_like_sed() {
        let (lines, _) = split_lines("a\r\nb\n\nc");
        let texts: Vec<&str> = lines.iter().map(|l| l.text.as_str()).collect();
        assert_eq!(texts, ["a", "b", "", "c"]);
        assert_eq!(lines[3].number, 4);
        assert_eq!(split_lines("a\n").0.len(), 1);
        assert_eq!(split_lines("a\n\n").0.len(), 2);
        assert_eq!(split_lines("\n").0.len(), 1);
    }

    #[test]
    fn form_feed_lines_start_pages() {
        // The Shanghai layout: a line holding only a form feed between pages.
        assert_eq!(
            pages("p1\n\x0c\np2\n\x0c\np3\n"),
            (vec![Some(1), Some(2), Some(2), Some(3), Some(3)], Some(3))
        );
        // pdftotext: FF at the start of the next page's first line, and a trailing FF.
        assert_eq!(
            pages("p1\n\x0cp2\n\x0c"),
            (vec![Some(1), Some(2), Some(2)], Some(2))
        );
        assert_eq!(pages("a\x0cb\nc"), (vec![Some(1), Some(2)], Some(2)));
        assert_eq!(pages("abc"), (vec![None], None));
        assert_eq!(pages("\x0c"), (vec![Some(1)], Some(1)));
    }
}
