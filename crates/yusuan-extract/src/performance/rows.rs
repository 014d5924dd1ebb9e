//! The positional layouts of performance tables reduced to rows of cells.
//!
//! A document mixes prose and tables, so each line is looked at on its own:
//! * a line with TABs between cells is a **tab row** (seeds 000, 001, 003), cut by
//!   [`crate::layout`];
//! * a line holding one cell after a leading TAB is a cell of a **cell-per-line** row (seeds
//!   002, 004); the cells of one row are the consecutive such lines, rows are separated by
//!   blank lines, and a line without TAB right after a cell continues that cell (a wrapped
//!   绩效目标);
//! * any other non-blank line is **prose** (titles, headings, narrative).

use yusuan_read::Line;

use crate::header::squeeze;
use crate::layout::{self, Layout};

/// How a row was printed.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum RowKind {
    Prose,
    Tab,
    Cells,
}

/// One cell: text as printed (trimmed; continuation lines joined with `\n`), where it starts.
#[derive(Debug, Clone, PartialEq)]
pub struct Cell {
    pub text: String,
    pub line: u32,
    pub page: Option<u32>,
    /// 0-based character column of the cell's first character in its line.
    pub column: u32,
}

/// One printed row.
#[derive(Debug, Clone, PartialEq)]
pub struct Row {
    pub kind: RowKind,
    pub cells: Vec<Cell>,
    pub line: u32,
    pub page: Option<u32>,
    pub end_line: u32,
}

impl Row {
    /// The cell at `i`, trimmed, or `""`.
    pub fn cell(&self, i: usize) -> &str {
        self.cells.get(i).map(|c| c.text.as_str()).unwrap_or("")
    }

    /// Non-empty cells.
    pub fn filled(&self) -> impl Iterator<Item = &Cell> {
        self.cells.iter().filter(|c| !c.text.is_empty())
    }

    /// The first non-empty cell, squeezed (spaces removed).
    pub fn first_word(&self) -> String {
        self.filled()
            .next()
            .map(|c| squeeze(&c.text))
            .unwrap_or_default()
    }

    /// The non-empty cells' texts joined with `sep`.
    pub fn joined(&self, sep: &str) -> String {
        let parts: Vec<&str> = self.filled().map(|c| c.text.as_str()).collect();
        parts.join(sep)
    }

    pub fn is_empty(&self) -> bool {
        self.filled().next().is_none()
    }
}

fn is_blank(text: &str) -> bool {
    text.trim().is_empty() && !text.contains('\t')
}

/// A line holding one cell after a single leading TAB: `⇥text`, or `⇥` alone (an empty cell).
/// (`⇥⇥⇥⇥⇥实施方案` is a tab row whose first cells are empty.)
fn is_cell_line(text: &str) -> bool {
    let body = text.trim_start_matches(' ');
    body.strip_prefix('\t')
        .is_some_and(|rest| !rest.contains('\t'))
}

/// Cuts the lines into rows (see the module documentation). Linear in the input.
pub fn build(lines: &[Line]) -> Vec<Row> {
    let mut out: Vec<Row> = Vec::new();
    let mut group: Vec<Cell> = Vec::new();
    // True while the previous line belongs to the open cell group (no blank line since).
    let mut in_group = false;
    let flush = |out: &mut Vec<Row>, group: &mut Vec<Cell>| {
        if let (Some(first), Some(last)) = (group.first(), group.last()) {
            let end = last.line + last.text.matches('\n').count() as u32;
            out.push(Row {
                kind: RowKind::Cells,
                line: first.line,
                page: first.page,
                end_line: end,
                cells: std::mem::take(group),
            });
        }
    };
    for l in lines {
        let text = l.text.as_str();
        if is_blank(text) {
            flush(&mut out, &mut group);
            in_group = false;
            continue;
        }
        if is_cell_line(text) {
            let lead = text.chars().take_while(|c| *c == ' ' || *c == '\t').count();
            debug_assert!(lead >= 1);
            group.push(Cell {
                text: text.trim().to_string(),
                line: l.number,
                page: l.page,
                column: lead as u32,
            });
            in_group = true;
            continue;
        }
        if !text.contains('\t') {
            if in_group {
                if let Some(last) = group.last_mut() {
                    if !last.text.is_empty() {
                        last.text.push('\n');
                    }
                    last.text.push_str(text.trim());
                    continue;
                }
            }
            flush(&mut out, &mut group);
            in_group = false;
            let lead = text.chars().take_while(|c| c.is_whitespace()).count();
            out.push(Row {
                kind: RowKind::Prose,
                cells: vec![Cell {
                    text: text.trim().to_string(),
                    line: l.number,
                    page: l.page,
                    column: lead as u32,
                }],
                line: l.number,
                page: l.page,
                end_line: l.number,
            });
            continue;
        }
        flush(&mut out, &mut group);
        in_group = false;
        for raw in layout::rows(std::slice::from_ref(l), Layout::TabRows) {
            out.push(Row {
                kind: RowKind::Tab,
                cells: raw
                    .cells
                    .into_iter()
                    .map(|c| Cell {
                        text: c.text,
                        line: c.line,
                        page: c.page,
                        column: c.column,
                    })
                    .collect(),
                line: raw.line,
                page: raw.page,
                end_line: raw.line,
            });
        }
    }
    flush(&mut out, &mut group);
    out
}

#[cfg(test)]
mod tests {
    use super::*;

    fn lines(text: &str) -> Vec<Line> {
        text.lines()
            .enumerate()
            .map(|(i, t)| Line {
                number: i as u32 + 1,
                page: None,
                text: t.to_string(),
                origin: None,
            })
            .collect()
    }

    #[test]
    fn cells_prose_and_tab_rows() {
        let rows = build(&lines(
            "1.标题\n\t绩效目标\n\t1.第一\n2.第二\n\n\n\t\n\t质量指标\n一级\t二级\t三级",
        ));
        let kinds: Vec<RowKind> = rows.iter().map(|r| r.kind).collect();
        assert_eq!(
            kinds,
            [RowKind::Prose, RowKind::Cells, RowKind::Cells, RowKind::Tab]
        );
        assert_eq!(rows[1].cell(1), "1.第一\n2.第二");
        assert_eq!(rows[1].end_line, 4);
        assert_eq!((rows[2].cell(0), rows[2].cell(1)), ("", "质量指标"));
        assert_eq!(rows[3].cell(2), "三级");
    }
}
