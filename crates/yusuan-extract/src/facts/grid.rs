//! What the fact tables (procurement, assets, units) share: finding a table's region after its
//! title, its unit and meta lines, and its rows in any of the three layouts.

use yusuan_model::Span;
use yusuan_read::Line;

use crate::layout::{self, Layout, RawRow};

pub(super) use crate::header::squeeze;
pub(super) use crate::layout::cell_span;
pub(super) use crate::table::unit_in;

/// The tables of one kind in a document: a title line (`is_title`), confirmed by one of
/// `header_words` within `window` lines after it, then the region up to the first line that ends
/// it, parsed by `parse` (which returns the table and its last line). Returns each table with the
/// line range it occupies.
pub(super) fn find_titled<T>(
    lines: &[Line],
    is_title: impl Fn(&Line) -> bool,
    header_words: &[&str],
    window: usize,
    mut parse: impl FnMut(&Line, &[Line]) -> Option<(T, u32)>,
) -> Vec<(T, (u32, u32))> {
    let mut out = Vec::new();
    let mut i = 0;
    while i < lines.len() {
        let confirmed = is_title(&lines[i])
            && lines[i + 1..].iter().take(window).any(|l| {
                let t = squeeze(&l.text);
                header_words.iter().any(|w| t.contains(w))
            });
        if !confirmed {
            i += 1;
            continue;
        }
        let end = region(lines, i + 1, lines.len());
        if let Some((table, last)) = parse(&lines[i], &lines[i + 1..end]) {
            out.push((table, (lines[i].number, last)));
        }
        i = end.max(i + 1);
    }
    out
}

/// A line's span.
pub(super) fn line_span(path: &str, line: &Line) -> Span {
    Span::line(path, line.page, line.number)
}

/// True for a line that is prose or a heading: the end of a table's region.
pub(super) fn ends_region(text: &str) -> bool {
    let t = text.trim();
    if t.is_empty() || text.contains('\t') {
        return false;
    }
    let s = squeeze(t);
    s.starts_with("注") && (s.starts_with("注：") || s.starts_with("注:"))
        || s.ends_with('。')
        || s.chars().count() > 40
        || starts_numbered(&s)
}

/// `一、`, `（一）`, `八、`: a heading's numbering.
fn starts_numbered(s: &str) -> bool {
    let c: Vec<char> = s.chars().collect();
    let cn = |x: char| "一二三四五六七八九十".contains(x);
    (c.first().is_some_and(|x| cn(*x)) && c.get(1) == Some(&'、'))
        || (c.first() == Some(&'（') && c.get(1).is_some_and(|x| cn(*x)))
}

/// The lines of a table region starting at `from` (after its title): up to the first line of
/// prose or heading, or `limit`.
pub(super) fn region(lines: &[Line], from: usize, limit: usize) -> usize {
    let mut end = from;
    for (i, l) in lines.iter().enumerate().take(limit).skip(from) {
        if ends_region(&l.text) {
            break;
        }
        end = i + 1;
    }
    end
}

/// Rows of a region's table lines (lines with a TAB; blank lines kept to separate
/// cell-per-line rows), in the region's layout. Lines without a TAB are meta lines (department,
/// unit, date) and returned apart. Space-separated regions (no TABs) give every line as a row.
pub(super) fn rows(lines: &[Line]) -> (Vec<RawRow>, Vec<&Line>, Layout) {
    let tabbed = lines.iter().any(|l| l.text.contains('\t'));
    if !tabbed {
        let layout = Layout::Spaced;
        return (layout::rows(lines, layout), Vec::new(), layout);
    }
    let mut table: Vec<Line> = Vec::new();
    let mut meta = Vec::new();
    for l in lines {
        if l.text.contains('\t') || l.text.trim().is_empty() {
            table.push(l.clone());
        } else {
            meta.push(l);
            // A meta line separates cell-per-line rows like a blank line.
            table.push(Line {
                number: l.number,
                page: l.page,
                text: String::new(),
                origin: None,
            });
        }
    }
    let layout = layout::detect(&table);
    let layout = if layout == Layout::Spaced {
        Layout::CellPerLine
    } else {
        layout
    };
    (layout::rows(&table, layout), meta, layout)
}

/// The text of cell `i`, trimmed (full-width spaces included), or "".
pub(super) fn cell(row: &RawRow, i: usize) -> &str {
    row.cells
        .get(i)
        .map(|c| {
            c.text
                .trim_matches(|c: char| c.is_whitespace() || c == '\u{3000}')
        })
        .unwrap_or("")
}
