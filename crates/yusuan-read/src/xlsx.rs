//! Workbooks (XLSX, legacy XLS) through `calamine`: one page per visible sheet; rows with two or
//! more cells (and single-cell rows between them) as TAB-separated lines over the table's full
//! width, other rows (titles, `单位：元`, notes) as plain lines. Numbers are printed as the cell's
//! number format shows them (`#,##0.00` → `3,313.50`), through `Decimal`, never with float noise.

use std::collections::HashMap;
use std::io::Cursor;
use std::panic::{catch_unwind, AssertUnwindSafe};

use calamine::{Data, Dimensions, Range, Reader, SheetVisible, Sheets, Xls, Xlsx};
use rust_decimal::prelude::*;

use crate::budget::Budget;
use crate::builder::{column_letters, Builder, MAX_CELLS};
use crate::error::ReadError;
use crate::format::Format;
use crate::TextDocument;

/// Largest total unpacked size of a ZIP container's members (XLSX, DOCX), in bytes.
pub(crate) const MAX_UNPACKED_BYTES: u64 = 512 * 1024 * 1024;
/// Largest unpacked size of one member of a ZIP container (a sheet, the shared strings, a Word
/// document body), in bytes: the parts a reader holds and parses whole. A 1,000-page Word
/// document's body is some tens of MiB.
pub(crate) const MAX_PART_BYTES: u64 = 128 * 1024 * 1024;

/// Reads an XLSX or XLS workbook.
pub(crate) fn read_workbook(
    path: &str,
    bytes: &[u8],
    budget: &Budget,
) -> Result<TextDocument, ReadError> {
    let format = crate::detect_format(bytes);
    let damaged = |cause: String| ReadError::Damaged {
        path: path.to_string(),
        format,
        cause,
    };
    if format == Format::Xls && is_encrypted_ole(bytes) {
        return Err(damaged("encrypted (password-protected)".into()));
    }
    if format == Format::Xlsx {
        check_zip(bytes).map_err(damaged)?;
    }
    if format == Format::Xls {
        crate::xls_grid::check_grid(bytes).map_err(damaged)?;
    }
    match catch_unwind(AssertUnwindSafe(|| {
        read_sheets(path, bytes, format, budget)
    })) {
        Ok(result) => result,
        Err(_) => Err(damaged(
            "the workbook parser failed on malformed data".into(),
        )),
    }
}

/// Whether an OLE2 file is an encrypted OOXML package (`EncryptedPackage` stream).
pub(crate) fn is_encrypted_ole(bytes: &[u8]) -> bool {
    let name: Vec<u8> = "EncryptedPackage"
        .encode_utf16()
        .flat_map(u16::to_le_bytes)
        .collect();
    memchr::memmem::find(bytes, &name).is_some()
}

/// Refuses ZIP archives that are unreadable, encrypted or would unpack past
/// [`MAX_UNPACKED_BYTES`] (a zip bomb), from the sizes the central directory declares.
pub(crate) fn check_zip(bytes: &[u8]) -> Result<(), String> {
    let mut archive =
        zip::ZipArchive::new(Cursor::new(bytes)).map_err(|e| format!("not a valid ZIP: {e}"))?;
    let mut total: u64 = 0;
    for i in 0..archive.len() {
        let entry = archive
            .by_index_raw(i)
            .map_err(|e| format!("damaged ZIP entry {i}: {e}"))?;
        if entry.encrypted() {
            return Err("encrypted (password-protected)".into());
        }
        if entry.size() > MAX_PART_BYTES {
            return Err(format!(
                "{} unpacks to more than {} MiB (the limit for one part)",
                entry.name().unwrap_or_default(),
                MAX_PART_BYTES >> 20
            ));
        }
        total = total.saturating_add(entry.size());
        if total > MAX_UNPACKED_BYTES {
            return Err(format!(
                "unpacks to more than {} MiB",
                MAX_UNPACKED_BYTES / 1024 / 1024
            ));
        }
    }
    Ok(())
}

fn read_sheets(
    path: &str,
    bytes: &[u8],
    format: Format,
    budget: &Budget,
) -> Result<TextDocument, ReadError> {
    let damaged = |cause: String| ReadError::Damaged {
        path: path.to_string(),
        format,
        cause,
    };
    let cursor = Cursor::new(bytes);
    let mut book: Sheets<Cursor<&[u8]>> = match format {
        Format::Xls => Sheets::Xls(
            Xls::new(cursor).map_err(|e| damaged(format!("not a readable workbook: {e}")))?,
        ),
        _ => Sheets::Xlsx(
            Xlsx::new(cursor).map_err(|e| damaged(format!("not a readable workbook: {e}")))?,
        ),
    };
    let sheets: Vec<(String, bool)> = book
        .sheets_metadata()
        .iter()
        .map(|s| (s.name.clone(), s.visible == SheetVisible::Visible))
        .collect();
    let mut out = Builder::new();
    for (name, visible) in sheets {
        // Hidden sheets are working data, not the published document.
        if !visible {
            continue;
        }
        budget.check(path)?;
        let (cells, merges) = match &mut book {
            Sheets::Xlsx(x) => {
                let cells = xlsx_cells(x, &name, path, budget)
                    .map_err(|e| e.into_read_error(&damaged, &name))?;
                (
                    cells,
                    x.merge_cells_by_sheet_name(&name).unwrap_or_default(),
                )
            }
            Sheets::Xls(x) => {
                let range = x
                    .worksheet_range(&name)
                    .map_err(|e| damaged(format!("sheet {name}: {e}")))?;
                let cells = range_cells(&range);
                (
                    cells,
                    x.merge_cells_by_sheet_name(&name).unwrap_or_default(),
                )
            }
            _ => (Vec::new(), Vec::new()),
        };
        out.page_break();
        let sheet = SheetRows::new(cells);
        sheet_lines(&mut out, &name, &sheet, &merges, path, format, budget)?;
    }
    out.finish(path, bytes, format, "UTF-8")
}

/// `Sheet!C7`, quoting sheet names that need it (`'Sheet 1'!C7`).
fn cell_ref(sheet: &str, row: u32, col: u32) -> String {
    format!("{}!{}{}", sheet_prefix(sheet), column_letters(col), row + 1)
}

fn sheet_prefix(sheet: &str) -> String {
    if sheet
        .chars()
        .any(|c| c.is_whitespace() || "'!-+()[],;".contains(c))
    {
        format!("'{}'", sheet.replace('\'', "''"))
    } else {
        sheet.to_string()
    }
}

/// Why the cells of a sheet could not be read.
enum CellsError {
    Parse(String),
    TooMany,
    Read(ReadError),
}

impl CellsError {
    fn into_read_error(self, damaged: &dyn Fn(String) -> ReadError, sheet: &str) -> ReadError {
        match self {
            CellsError::Parse(e) => damaged(format!("sheet {sheet}: {e}")),
            CellsError::TooMany => damaged(format!(
                "sheet {sheet} holds more than {MAX_CELLS} cells (the limit per document)"
            )),
            CellsError::Read(e) => e,
        }
    }
}

/// The cells of an XLSX sheet that hold something, as printed, read one by one from the sheet's
/// XML: memory follows the cells present, never the sheet's dimensions (a sheet holding only
/// `A1` and `XFD1048576` is two cells, not a grid of 17 billion).
fn xlsx_cells(
    book: &mut Xlsx<Cursor<&[u8]>>,
    sheet: &str,
    path: &str,
    budget: &Budget,
) -> Result<Vec<SheetCell>, CellsError> {
    let mut reader = book
        .worksheet_cells_reader(sheet)
        .map_err(|e| CellsError::Parse(e.to_string()))?;
    let formats: Vec<Option<String>> = reader
        .styles()
        .iter()
        .map(|s| s.number_format.as_ref().map(|n| n.format_code.clone()))
        .collect();
    let mut cells = Vec::new();
    while let Some((cell, style)) = reader
        .next_cell_with_style_id()
        .map_err(|e| CellsError::Parse(e.to_string()))?
    {
        if cells.len() % 4096 == 4095 {
            budget.check(path).map_err(CellsError::Read)?;
        }
        let value = Data::from(cell.get_value().clone());
        if value == Data::Empty {
            continue;
        }
        if cells.len() >= MAX_CELLS {
            return Err(CellsError::TooMany);
        }
        let (row, col) = cell.get_position();
        let number_format = formats.get(style).and_then(Option::as_deref);
        cells.push(SheetCell {
            row,
            col,
            text: cell_display(&value, number_format),
        });
    }
    Ok(cells)
}

/// The cells of an XLS sheet that hold something (the legacy format's grid is at most
/// 65,536 × 256 cells).
fn range_cells(range: &Range<Data>) -> Vec<SheetCell> {
    let Some((row0, col0)) = range.start() else {
        return Vec::new();
    };
    range
        .used_cells()
        .map(|(r, c, v)| SheetCell {
            row: row0 + r as u32,
            col: col0 + c as u32,
            text: cell_display(v, None),
        })
        .collect()
}

/// A cell that holds something: 0-based row and column, the text as printed.
struct SheetCell {
    row: u32,
    col: u32,
    text: String,
}

/// One row of a sheet that holds at least one cell.
struct SheetRow {
    /// 0-based row in the sheet.
    at: u32,
    /// Its cells, by column.
    cells: Vec<(u32, String)>,
    /// Columns of the first and last cells that are not blank.
    first: Option<u32>,
    last: Option<u32>,
    /// How many cells are not blank.
    filled: usize,
}

/// The rows of a sheet that hold cells, in order (absent rows are empty rows).
struct SheetRows {
    rows: Vec<SheetRow>,
}

impl SheetRows {
    fn new(mut cells: Vec<SheetCell>) -> Self {
        cells.sort_by_key(|c| (c.row, c.col));
        let mut rows: Vec<SheetRow> = Vec::new();
        for cell in cells {
            if rows.last().is_none_or(|r| r.at != cell.row) {
                rows.push(SheetRow {
                    at: cell.row,
                    cells: Vec::new(),
                    first: None,
                    last: None,
                    filled: 0,
                });
            }
            let Some(row) = rows.last_mut() else {
                continue;
            };
            if row.cells.last().is_some_and(|(c, _)| *c == cell.col) {
                continue;
            }
            if !cell.text.trim().is_empty() {
                row.first.get_or_insert(cell.col);
                row.last = Some(cell.col);
                row.filled += 1;
            }
            row.cells.push((cell.col, cell.text));
        }
        SheetRows { rows }
    }

    /// Whether row `i` follows row `i - 1` directly, both holding text (no empty row between).
    fn joined_to_previous(&self, i: usize) -> bool {
        i > 0
            && self.rows[i].at == self.rows[i - 1].at + 1
            && self.rows[i].filled > 0
            && self.rows[i - 1].filled > 0
    }
}

fn sheet_lines(
    out: &mut Builder,
    sheet: &str,
    rows: &SheetRows,
    merges: &[Dimensions],
    path: &str,
    format: Format,
    budget: &Budget,
) -> Result<(), ReadError> {
    let r_ = &rows.rows;
    let n = r_.len();
    let filled = |r: usize| r_[r].filled;
    let widths: HashMap<(u32, u32), u32> = merges
        .iter()
        .map(|m| (m.start, m.end.1.saturating_sub(m.start.1) + 1))
        .collect();
    // How many columns the row's first filled cell covers (merged regions).
    let cell_width = |r: usize| -> u32 {
        let Some(c) = r_[r].first else {
            return 0;
        };
        widths.get(&(r_[r].at, c)).copied().unwrap_or(1)
    };
    let mut is_row: Vec<bool> = (0..n).map(|r| filled(r) >= 2).collect();
    // The nearest multi-cell rows above and below each row, through filled rows only (one pass
    // each way, so a long run of single cells stays linear).
    let mut above: Vec<Option<usize>> = vec![None; n];
    let mut nearest = None;
    for (r, slot) in above.iter_mut().enumerate() {
        if !rows.joined_to_previous(r) {
            nearest = None;
        }
        *slot = nearest;
        if filled(r) >= 2 {
            nearest = Some(r);
        }
    }
    let mut below: Vec<Option<usize>> = vec![None; n];
    let mut nearest = None;
    for r in (0..n).rev() {
        if r + 1 < n && !rows.joined_to_previous(r + 1) {
            nearest = None;
        }
        below[r] = nearest;
        if filled(r) >= 2 {
            nearest = Some(r);
        }
    }
    // A single-cell row right next to table rows (no empty row between) is a row of the table
    // (a name whose amounts are blank, a header caption such as `科目编码`), unless its cell is
    // merged over the table's whole width (a caption); text set apart by empty rows is a line.
    let run_width = |r: usize| -> u32 {
        let near = [above[r], below[r]];
        let first = near.iter().flatten().filter_map(|&i| r_[i].first).min();
        let last = near.iter().flatten().filter_map(|&i| r_[i].last).max();
        match (first, last) {
            (Some(f), Some(l)) => l - f + 1,
            _ => 0,
        }
    };
    let adjacent_row = |a: usize, b: usize| r_[b].at == r_[a].at + 1;
    // Downwards, then upwards, so a run of such rows joins the table from either end.
    let order: Vec<usize> = (0..n).chain((0..n).rev()).collect();
    for r in order {
        if is_row[r] || filled(r) != 1 {
            continue;
        }
        let next_to_table = (r > 0 && is_row[r - 1] && adjacent_row(r - 1, r))
            || (r + 1 < n && is_row[r + 1] && adjacent_row(r, r + 1));
        if next_to_table && cell_width(r) < run_width(r) {
            is_row[r] = true;
        }
    }
    let mut r = 0;
    while r < n {
        budget.check(path)?;
        if !is_row[r] {
            // Empty rows are vertical space (or the blank grid of an empty table): no line.
            let row = &r_[r];
            if let Some((c, text)) = row.cells.iter().find(|(_, t)| !t.trim().is_empty()) {
                out.text(text, &cell_ref(sheet, row.at, *c));
            }
            r += 1;
            continue;
        }
        // One table: consecutive table rows, over their common columns.
        let end = (r + 1..n)
            .find(|&i| !is_row[i] || !adjacent_row(i - 1, i))
            .unwrap_or(n);
        // Columns from the multi-cell rows (a lone cell lies inside them).
        let first = (r..end)
            .filter(|&i| filled(i) >= 2)
            .filter_map(|i| r_[i].first)
            .min()
            .unwrap_or(0);
        let last = (r..end)
            .filter_map(|i| r_[i].last)
            .max()
            .unwrap_or(0)
            .max(first);
        let width = (last - first) as usize + 1;
        if width.saturating_mul(end - r) > MAX_CELLS {
            return Err(ReadError::Damaged {
                path: path.to_string(),
                format,
                cause: format!(
                    "sheet {sheet}: the table at rows {}–{} spans {width} columns: more than {MAX_CELLS} cells",
                    r_[r].at + 1,
                    r_[end - 1].at + 1
                ),
            });
        }
        for row in &r_[r..end] {
            let ar = row.at;
            let mut present = row.cells.iter().peekable();
            let cells = (first..=last)
                .map(|c| {
                    while present.next_if(|(pc, _)| *pc < c).is_some() {}
                    let text = present
                        .next_if(|(pc, _)| *pc == c)
                        .map(|(_, t)| t.clone())
                        .unwrap_or_default();
                    (text, cell_ref(sheet, ar, c))
                })
                .collect();
            let place = format!(
                "{}!{}{}:{}{}",
                sheet_prefix(sheet),
                column_letters(first),
                ar + 1,
                column_letters(last),
                ar + 1
            );
            out.row(cells, place, path, format)?;
        }
        r = end;
    }
    Ok(())
}

/// A cell as the spreadsheet prints it.
fn cell_display(value: &Data, number_format: Option<&str>) -> String {
    match value {
        Data::Empty => String::new(),
        Data::String(s) => s.clone(),
        Data::Int(i) => format_number(Decimal::from(*i), number_format),
        Data::Float(f) => match Decimal::from_str(&format!("{f}")) {
            Ok(d) => format_number(d, number_format),
            Err(_) => format!("{f}"),
        },
        Data::Bool(b) => if *b { "TRUE" } else { "FALSE" }.to_string(),
        Data::DateTime(d) => d.to_string(),
        Data::DateTimeIso(s) | Data::DurationIso(s) => s.clone(),
        Data::Error(e) => e.to_string(),
    }
}

/// The decimals, percent and thousands grouping a number format code asks for (first section);
/// `None` for `General` and text formats.
fn parse_number_format(code: &str) -> Option<(u32, bool, bool)> {
    let section = code.split(';').next().unwrap_or("");
    // Drop quoted literals, bracketed colours/conditions and escaped characters.
    let mut plain = String::new();
    let mut chars = section.chars();
    while let Some(c) = chars.next() {
        match c {
            '"' => {
                for q in chars.by_ref() {
                    if q == '"' {
                        break;
                    }
                }
            }
            '[' => {
                for q in chars.by_ref() {
                    if q == ']' {
                        break;
                    }
                }
            }
            '\\' | '_' | '*' => {
                chars.next();
            }
            _ => plain.push(c),
        }
    }
    if !plain.contains(['0', '#', '?']) {
        return None;
    }
    let percent = plain.contains('%');
    let (int_part, frac_part) = match plain.find('.') {
        Some(i) => (&plain[..i], &plain[i + 1..]),
        None => (plain.as_str(), ""),
    };
    let decimals = frac_part
        .chars()
        .take_while(|c| matches!(c, '0' | '#' | '?'))
        .filter(|&c| c == '0')
        .count() as u32;
    let grouped = int_part.contains(',');
    Some((decimals, percent, grouped))
}

/// A number printed with a format code: decimals fixed, percent scaled, thousands grouped.
/// Without a format (or `General`) the number is printed with at most 15 significant digits,
/// which removes float noise (`3313.5000000001` → `3313.5`).
pub(crate) fn format_number(value: Decimal, number_format: Option<&str>) -> String {
    let Some((decimals, percent, grouped)) = number_format.and_then(parse_number_format) else {
        let v = value.round_sf(15).unwrap_or(value);
        // Sums of binary fractions leave noise far below any printed digit: a value within
        // 1e-9 of six decimals is printed with them.
        let six = v.round_dp(6);
        let v = if (v - six).abs() < Decimal::new(1, 9) {
            six
        } else {
            v
        };
        return v.normalize().to_string();
    };
    let mut v = value;
    if percent {
        v = v.checked_mul(Decimal::ONE_HUNDRED).unwrap_or(v);
    }
    let mut v = v.round_dp_with_strategy(decimals, RoundingStrategy::MidpointAwayFromZero);
    v.rescale(decimals);
    let s = v.abs().to_string();
    let (int_part, frac) = match s.find('.') {
        Some(i) => (&s[..i], &s[i..]),
        None => (s.as_str(), ""),
    };
    let mut out = String::new();
    if v.is_sign_negative() && !v.is_zero() {
        out.push('-');
    }
    if grouped {
        let digits: Vec<char> = int_part.chars().collect();
        for (i, c) in digits.iter().enumerate() {
            if i > 0 && (digits.len() - i).is_multiple_of(3) {
                out.push(',');
            }
            out.push(*c);
        }
    } else {
        out.push_str(int_part);
    }
    out.push_str(frac);
    if percent {
        out.push('%');
    }
    out
}

#[cfg(test)]
mod tests {
    use super::*;

    fn f(v: f64, code: Option<&str>) -> String {
        cell_display(&Data::Float(v), code)
    }

    #[test]
    fn numbers_as_printed() {
        assert_eq!(f(3313.5, Some("#,##0.00")), "3,313.50");
        assert_eq!(f(3313.5000000001, None), "3313.5");
        assert_eq!(f(3313.5000000001, Some("General")), "3313.5");
        assert_eq!(f(0.1 + 0.2, None), "0.3");
        assert_eq!(f(189767551.0, Some("#,##0")), "189,767,551");
        assert_eq!(
            f(-1234.567, Some("#,##0.00_ ;[Red]-#,##0.00 ")),
            "-1,234.57"
        );
        assert_eq!(f(0.125, Some("0.0%")), "12.5%");
        assert_eq!(f(2.675, Some("0.00")), "2.68");
        assert_eq!(f(0.0, Some("0.00")), "0.00");
        assert_eq!(f(-0.001, Some("0.00")), "0.00");
        assert_eq!(f(12.0, Some("@")), "12");
        assert_eq!(cell_display(&Data::Int(7), Some("0.00")), "7.00");
        assert!(f(1e300, None).starts_with("1000"));
        assert_eq!(f(3313.5000000000005, None), "3313.5");
        assert_eq!(f(0.000123, None), "0.000123");
    }

    #[test]
    fn references() {
        assert_eq!(cell_ref("收支总表", 6, 2), "收支总表!C7");
        assert_eq!(cell_ref("Sheet 1", 0, 0), "'Sheet 1'!A1");
    }
}
