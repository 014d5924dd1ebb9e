//! The three text layouts of a table, reduced to one shape: rows of located cells.
//!
//! * **Tab rows** — one table row per line, cells separated by TAB (seed 000). Blank cells are
//!   kept, so a cell's index is its column.
//! * **Cell per line** — one cell per line, rows separated by blank lines; a blank cell is a line
//!   holding only a TAB (seeds 002, 004). Also positional.
//! * **Space-separated** — PDF text with cells separated by single spaces (Shanghai texts). Blank
//!   cells vanish: the tokens' order is known, their columns are not (see `placement`).

use yusuan_model::Span;
use yusuan_read::Line;

use crate::amount::tokenize_spaced;

/// How the cells of a table are laid out in text.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Layout {
    TabRows,
    CellPerLine,
    Spaced,
}

/// One cell as printed.
#[derive(Debug, Clone, PartialEq)]
pub struct Cell {
    pub text: String,
    pub line: u32,
    pub page: Option<u32>,
    /// 0-based character column of the cell's first character in its line.
    pub column: u32,
    /// Length in characters.
    pub length: u32,
}

/// Where a cell was printed: its line, page, 1-based column and length.
pub fn cell_span(path: &str, cell: &Cell) -> Span {
    Span {
        path: path.to_string(),
        page: cell.page,
        line: cell.line,
        column: Some(cell.column + 1),
        length: Some(cell.length),
        bbox: None,
        origin: None,
    }
}

/// One printed row: its cells and whether their index is their column.
#[derive(Debug, Clone, PartialEq)]
pub struct RawRow {
    pub cells: Vec<Cell>,
    pub positional: bool,
    pub line: u32,
    pub page: Option<u32>,
}

impl RawRow {
    /// The non-empty cells' texts joined with a space (for keyword tests).
    pub fn text(&self) -> String {
        let mut s = String::new();
        for c in self.cells.iter().filter(|c| !c.text.trim().is_empty()) {
            if !s.is_empty() {
                s.push(' ');
            }
            s.push_str(c.text.trim());
        }
        s
    }

    pub fn non_empty(&self) -> usize {
        self.cells
            .iter()
            .filter(|c| !c.text.trim().is_empty())
            .count()
    }
}

/// Decides the layout of a block of lines (a table's region).
pub fn detect(lines: &[Line]) -> Layout {
    let sample: Vec<&Line> = lines
        .iter()
        .filter(|l| !l.text.trim().is_empty())
        .take(40)
        .collect();
    if sample.is_empty() {
        return Layout::Spaced;
    }
    let tabbed = sample.iter().filter(|l| l.text.contains('\t')).count();
    let multi_cell = sample
        .iter()
        .filter(|l| l.text.split('\t').filter(|c| !c.trim().is_empty()).count() >= 2)
        .count();
    // A short table followed by prose in the same region (the table's rows are its first lines).
    let head = sample.len().min(8);
    let head_multi = sample[..head]
        .iter()
        .filter(|l| l.text.split('\t').filter(|c| !c.trim().is_empty()).count() >= 2)
        .count();
    if (multi_cell >= 3 && multi_cell * 4 >= sample.len())
        || (head_multi >= 3 && head_multi * 2 >= head)
    {
        Layout::TabRows
    } else if tabbed * 2 >= sample.len() {
        Layout::CellPerLine
    } else {
        Layout::Spaced
    }
}

/// Cuts lines into rows according to the layout.
pub fn rows(lines: &[Line], layout: Layout) -> Vec<RawRow> {
    match layout {
        Layout::TabRows => lines
            .iter()
            .filter(|l| !l.text.trim().is_empty())
            .map(tab_row)
            .collect(),
        Layout::Spaced => lines
            .iter()
            .filter(|l| !l.text.trim().is_empty())
            .map(|l| RawRow {
                cells: tokenize_spaced(&l.text)
                    .into_iter()
                    .map(|t| Cell {
                        text: t.item,
                        line: l.number,
                        page: l.page,
                        column: t.column,
                        length: t.length,
                    })
                    .collect(),
                positional: false,
                line: l.number,
                page: l.page,
            })
            .collect(),
        Layout::CellPerLine => {
            let mut out = Vec::new();
            let mut current: Vec<Cell> = Vec::new();
            for l in lines {
                if l.text.is_empty() || (l.text.trim().is_empty() && !l.text.contains('\t')) {
                    flush(&mut out, &mut current);
                    continue;
                }
                let lead = l.text.chars().take_while(|c| *c == '\t').count();
                let body = l.text[lead..].trim_end();
                current.push(Cell {
                    text: body.trim().to_string(),
                    line: l.number,
                    page: l.page,
                    column: lead as u32,
                    length: body.chars().count() as u32,
                });
            }
            flush(&mut out, &mut current);
            out
        }
    }
}

fn flush(out: &mut Vec<RawRow>, current: &mut Vec<Cell>) {
    if current.is_empty() {
        return;
    }
    let first = &current[0];
    out.push(RawRow {
        line: first.line,
        page: first.page,
        cells: std::mem::take(current),
        positional: true,
    });
}

fn tab_row(l: &Line) -> RawRow {
    let mut cells = Vec::new();
    let mut column = 0u32;
    for part in l.text.split('\t') {
        let len = part.chars().count() as u32;
        let lead = part.chars().take_while(|c| c.is_whitespace()).count() as u32;
        cells.push(Cell {
            text: part.trim().to_string(),
            line: l.number,
            page: l.page,
            column: column + lead,
            length: part.trim().chars().count() as u32,
        });
        column += len + 1;
    }
    RawRow {
        cells,
        positional: true,
        line: l.number,
        page: l.page,
    }
}
