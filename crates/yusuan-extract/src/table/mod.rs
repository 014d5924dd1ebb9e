//! Parsing one standard table from its region of lines.
//!
//! - `lines`: what each line of a region is (unit, note, prose, meta, header, data);
//! - `columns`: header rows → columns, and the column orders space-separated text allows;
//! - `rows`: data rows → codes, names and amounts in printed order, in each layout;
//! - `assemble`: placing amounts into columns with the table's arithmetic, and building rows.

use std::collections::BTreeMap;

use rust_decimal::Decimal;
use yusuan_model::{
    Column, ColumnKey, ExtractionNote, MoneyUnit, Row, Side, Span, Table, TableKind,
};
use yusuan_read::Line;

use crate::amount::{parse_amount, parse_code, parse_seq};
use crate::header::{self, classify, is_code_label, is_name_label, is_seq_label, squeeze};
use crate::layout::{self, Cell, Layout, RawRow};
use crate::placement;

mod assemble;
mod columns;
mod lines;
mod rows;

use assemble::*;
use columns::*;
use lines::*;
pub use lines::{is_org_name, unit_in};
use rows::*;

/// A table found in a document, before merging continuations.
pub struct Parsed {
    pub table: Table,
    pub notes: Vec<ExtractionNote>,
}

/// Where each column of a positional header sits.
#[derive(Debug, Clone)]
pub(super) struct ColumnSlot {
    pub(super) key: ColumnKey,
    pub(super) label: String,
    pub(super) side: Option<Side>,
    /// Cell index in positional layouts.
    pub(super) index: Option<usize>,
}

#[derive(Debug, Default, Clone)]
pub(super) struct Roles {
    pub(super) seq: Option<usize>,
    pub(super) code: Option<usize>,
    /// Further code columns when the code is printed one level per column (`类 | 款 | 项`, under
    /// one `科目编码` caption or found by their two-digit content): their digits continue the code
    /// (`201` `05` `07` → `2010507`).
    pub(super) code_parts: Vec<usize>,
    /// Name cell per side (`None` side for one-sided tables).
    pub(super) names: Vec<(Option<Side>, usize)>,
}

/// A label of a summary table with the amounts printed after it, and its line.
pub(super) type Segment = (String, Vec<(Decimal, Cell)>, u32);

/// A row's placement under one column order: slot → value, the slot of each printed value, and
/// the uncertain slots.
pub(super) type SlotPlacement = (BTreeMap<usize, Decimal>, Vec<usize>, Vec<usize>);

/// A row before its amounts are placed into columns.
pub(super) struct Pending {
    pub(super) seq: Option<u32>,
    pub(super) code: Option<String>,
    pub(super) name: String,
    pub(super) side: Option<Side>,
    /// Amounts in printed order, with the cell each came from.
    pub(super) values: Vec<(Decimal, Cell)>,
    /// For positional rows: the column index of each value, already known.
    pub(super) placed: Option<Vec<usize>>,
    pub(super) line: u32,
    pub(super) page: Option<u32>,
}

/// Evidence from elsewhere in the document about which columns are blank.
#[derive(Debug, Clone, Default)]
pub struct Hints {
    /// Columns that are blank in the table's total row (合计), e.g. the income sources that the
    /// 收支总表 prints blank.
    pub total_row_blank: Vec<ColumnKey>,
}

/// One table from the lines of its region (`title_line` names it): the lines sorted into unit,
/// header, data and notes, the columns from the header, the rows placed into them.
pub fn parse(
    path: &str,
    kind: TableKind,
    title_line: &Line,
    region: &[Line],
    hints: &Hints,
) -> Option<Parsed> {
    let layout = layout::detect(region);
    let mut notes = Vec::new();
    let Region {
        unit,
        mut header_rows,
        mut data,
        empty_note,
        end_line,
    } = sort_lines(
        layout::rows(region, layout),
        layout,
        kind,
        title_line.number,
    );
    let positional = layout != Layout::Spaced;
    if positional {
        if let Some((h, d)) = split_side_by_side(&header_rows, &data) {
            header_rows = h;
            data = d;
        }
    }
    let (slots, roles, orders) = if positional {
        let (slots, mut roles) = positional_columns(&header_rows, kind);
        code_parts_from_data(&mut roles, &slots, &data);
        (slots, roles, Vec::new())
    } else {
        spaced_columns(&header_rows, kind)
    };
    if std::env::var_os("YUSUAN_DEBUG").is_some() {
        eprintln!(
            "{kind}: layout {layout:?}, {} header rows, {} data rows, columns {:?}",
            header_rows.len(),
            data.len(),
            slots.iter().map(|s| s.key.as_str()).collect::<Vec<_>>()
        );
    }
    if slots.is_empty() {
        return None;
    }
    let mut unreadable = if positional {
        None
    } else {
        unreadable_layout(&header_rows, kind, !data.is_empty())
    };
    if let Some(reason) = &unreadable {
        notes.push(ExtractionNote {
            message: format!("《{}》: {reason}", title_line.text.trim()),
            span: Span::line(path, title_line.page, title_line.number),
        });
    }
    let rows = if unreadable.is_some() {
        Vec::new()
    } else {
        let columns = Columns {
            positional,
            slots: &slots,
            roles: &roles,
            orders: &orders,
        };
        table_rows(
            path,
            kind,
            (&header_rows, &data),
            &columns,
            hints,
            &mut unreadable,
            &mut notes,
        )
    };
    let empty = rows.iter().all(|r| r.cells.is_empty()) && unreadable.is_none();
    let rows = if empty { Vec::new() } else { rows };
    let columns = slots
        .iter()
        .map(|s| Column {
            key: s.key.clone(),
            label: s.label.clone(),
            side: s.side,
        })
        .collect();
    let table = Table {
        kind,
        title: title_line.text.trim().to_string(),
        unit,
        columns,
        rows,
        empty,
        empty_note,
        unreadable,
        span: Span::line(path, title_line.page, title_line.number),
        end_line,
    };
    Some(Parsed { table, notes })
}

/// What the header, data and notes of a table's region are.
struct Region {
    unit: Option<MoneyUnit>,
    header_rows: Vec<RawRow>,
    data: Vec<RawRow>,
    empty_note: Option<String>,
    /// The last line of the table.
    end_line: u32,
}

/// Sorts the rows of a table's region into unit, header, data and notes, up to the first line
/// that ends the table (prose, a section heading, a row the layout cannot hold).
fn sort_lines(raw: Vec<RawRow>, layout: Layout, kind: TableKind, title_line: u32) -> Region {
    let mut unit = None;
    let mut header_rows: Vec<RawRow> = Vec::new();
    let mut data: Vec<RawRow> = Vec::new();
    let mut empty_note = None;
    let mut end_line = title_line;
    let mut header_texts: Vec<String> = Vec::new();
    let mut in_notes = false;
    let mut lines_since_note = 0;
    for mut row in raw {
        // `类 | 款 | 项` printed in the cell row of the 合计 line (one grid row holds both).
        if layout != Layout::Spaced && data.is_empty() {
            if let Some((head, rest)) = split_code_levels(&row) {
                header_texts.push(squeeze(&head.text()));
                header_rows.push(head);
                row = rest;
            }
        }
        let text = row.text();
        if text.is_empty() {
            continue;
        }
        if let Some(u) = unit_in(&text) {
            unit = unit.or(Some(u));
            end_line = row_end(&row);
            continue;
        }
        if is_note(&text) || (in_notes && is_explanation(&text)) {
            // Notes close the table; the one saying why it is empty may come second
            // (`注：本表反映…` / `说明：…故本表无数据。`).
            if says_empty(&text) && empty_note.is_none() {
                empty_note = Some(text.clone());
            }
            end_line = row_end(&row);
            in_notes = true;
            lines_since_note = 0;
            continue;
        }
        if in_notes {
            // A line between two notes (a template's instruction left in the document) does not
            // end them; a third line that is no note does.
            lines_since_note += 1;
            if lines_since_note > 2 {
                break;
            }
            continue;
        }
        if is_prose(&text) {
            break;
        }
        if is_meta(&text) {
            end_line = row_end(&row);
            continue;
        }
        if positional_layout_break(&row, layout) || is_section_heading(&text) {
            break;
        }
        // A header repeated after a page break, line for line.
        if !data.is_empty() && text.chars().count() > 2 && header_texts.contains(&squeeze(&text)) {
            end_line = row_end(&row);
            continue;
        }
        if is_header_row(&row, kind, data.is_empty()) {
            if data.is_empty() {
                header_rows.push(row.clone());
                header_texts.push(squeeze(&text));
            }
            end_line = row_end(&row);
            continue;
        }
        // The first row printed without a name (`208 754.75 754.75 0.00`) takes the text line
        // above it as the start of its name, even though that line looked like header text.
        if data.is_empty() && layout == Layout::Spaced && starts_nameless(&row) {
            if let Some(last) = header_rows.last() {
                if !last
                    .cells
                    .iter()
                    .all(|c| is_header_word(&c.text, kind, false))
                {
                    let prefix = header_rows.pop().expect("checked above");
                    data.push(prefix);
                }
            }
        }
        end_line = row_end(&row);
        data.push(row);
    }
    Region {
        unit,
        header_rows,
        data,
        empty_note,
        end_line,
    }
}

/// A table's columns as its header gives them.
struct Columns<'a> {
    /// Cells are placed by their index (tab rows, cell per line), not by the text's order.
    positional: bool,
    slots: &'a [ColumnSlot],
    roles: &'a Roles,
    /// The column orders space-separated text allows.
    orders: &'a [Vec<usize>],
}

/// The data rows of a readable table, placed into the columns. `unreadable` is set when
/// 预算数/决算数 pairs cannot be told apart.
fn table_rows(
    path: &str,
    kind: TableKind,
    (header_rows, data): (&[RawRow], &[RawRow]),
    columns: &Columns,
    hints: &Hints,
    unreadable: &mut Option<String>,
    notes: &mut Vec<ExtractionNote>,
) -> Vec<Row> {
    let Columns {
        positional,
        slots,
        roles,
        orders,
    } = *columns;
    let mut pending = if positional {
        positional_rows(data, slots, roles, kind, path, notes)
    } else {
        spaced_rows(data, kind, path, notes)
    };
    let pairs = kind == TableKind::ThreePublic && budget_actual_pairs(header_rows);
    if pairs && positional {
        pending = positional_pairs(data, slots);
    } else if pairs {
        let printed = pending.len();
        pending = split_budget_actual(pending, slots.len(), path, notes);
        if pending.len() < 2 * printed {
            *unreadable = Some("预算数/决算数 pairs with blank cells: the text does not say which category each amount belongs to".to_string());
            return Vec::new();
        }
    }
    repair_code_tails(&mut pending, path, notes);
    let mut hints = hints.clone();
    if kind == TableKind::FiscalSummary {
        hints
            .total_row_blank
            .extend(blank_funds_of_income_side(&pending));
    }
    place_and_build(pending, slots, orders, kind, path, &hints, notes)
}
/// A positional row whose code cells hold the code-level words (`类`, `款`, `项`) and whose other
/// cells hold a data line: the words as a header row, the rest as a data row.
fn split_code_levels(row: &RawRow) -> Option<(RawRow, RawRow)> {
    let level = |c: &Cell| matches!(squeeze(&c.text).as_str(), "类" | "款" | "项");
    let levels = row.cells.iter().filter(|c| level(c)).count();
    let others = row
        .cells
        .iter()
        .filter(|c| !level(c) && !c.text.trim().is_empty())
        .count();
    if levels < 2 || others == 0 || !row.cells.iter().any(|c| parse_amount(&c.text).is_some()) {
        return None;
    }
    let blank = |c: &Cell| Cell {
        text: String::new(),
        ..c.clone()
    };
    let head = RawRow {
        cells: row
            .cells
            .iter()
            .map(|c| if level(c) { c.clone() } else { blank(c) })
            .collect(),
        ..row.clone()
    };
    let rest = RawRow {
        cells: row
            .cells
            .iter()
            .map(|c| if level(c) { blank(c) } else { c.clone() })
            .collect(),
        ..row.clone()
    };
    Some((head, rest))
}

/// Two lists printed side by side in one positional table (the 决算 基本支出 table: 人员经费 codes,
/// names and amounts on the left, 公用经费 on the right): the header names a code column twice.
/// Returns the left half of the header, and the data rows of the left list followed by those of
/// the right list, each right row's cells moved under the left list's columns.
fn split_side_by_side(
    header_rows: &[RawRow],
    data: &[RawRow],
) -> Option<(Vec<RawRow>, Vec<RawRow>)> {
    let width = header_rows.iter().map(|r| r.cells.len()).max()?;
    let codes: Vec<usize> = (0..width)
        .filter(|&i| {
            header_rows
                .iter()
                .any(|r| r.cells.get(i).is_some_and(|c| is_code_label(&c.text)))
        })
        .collect();
    let [left, right] = codes.as_slice() else {
        return None;
    };
    let (left, right) = (*left, *right);
    let half = |r: &RawRow, from: usize, to: usize| -> RawRow {
        let mut cells: Vec<Cell> = r.cells[..left.min(r.cells.len())]
            .iter()
            .map(|c| Cell {
                text: String::new(),
                ..c.clone()
            })
            .collect();
        cells.extend(r.cells.iter().take(to).skip(from).cloned());
        RawRow { cells, ..r.clone() }
    };
    let heads = header_rows.iter().map(|r| half(r, left, right)).collect();
    let mut rows: Vec<RawRow> = data
        .iter()
        .map(|r| half(r, left, right))
        .filter(|r| r.non_empty() > 0)
        .collect();
    rows.extend(
        data.iter()
            .map(|r| half(r, right, right + (right - left)))
            .filter(|r| r.non_empty() > 0),
    );
    Some((heads, rows))
}

/// Code columns found by their content when their header words are unreadable (a scan): the
/// columns right after the code column that hold only two-digit groups (款, 项).
fn code_parts_from_data(roles: &mut Roles, slots: &[ColumnSlot], data: &[RawRow]) {
    let Some(code) = roles.code else {
        return;
    };
    if !roles.code_parts.is_empty() {
        return;
    }
    let mut next = code + 1;
    while next <= code + 2 {
        let taken = slots.iter().any(|s| s.index == Some(next))
            || roles.names.iter().any(|(_, n)| *n == next)
            || roles.seq == Some(next);
        let cells: Vec<String> = data
            .iter()
            .filter_map(|r| r.cells.get(next))
            .map(|c| code_digits(&c.text))
            .filter(|t| !t.is_empty())
            .collect();
        // Three in four at least: a scan misreads a digit now and then (`O1`).
        let groups = cells
            .iter()
            .filter(|t| t.len() == 2 && t.chars().all(|c| c.is_ascii_digit()))
            .count();
        let parts = !cells.is_empty() && groups * 4 >= cells.len() * 3;
        if taken || !parts {
            return;
        }
        roles.code_parts.push(next);
        next += 1;
    }
}

/// A code cell without the punctuation a scan adds around it (`，99`).
pub(super) fn code_digits(text: &str) -> String {
    text.trim()
        .trim_matches(|c: char| !c.is_ascii_alphanumeric())
        .to_string()
}
