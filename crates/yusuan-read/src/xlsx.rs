//! Workbooks (XLSX, legacy XLS) through `calamine`: one page per visible sheet; rows with two or
//! more cells (and single-cell rows between them) as TAB-separated lines over the table's full
//! width, other rows (titles, `单位：元`, notes) as plain lines. Numbers are printed as the cell's
//! number format shows them (`#,##0.00` → `3,313.50`), through `Decimal`, never with float noise.

use std::io::Cursor;
use std::panic::{catch_unwind, AssertUnwindSafe};

use calamine::{Data, Dimensions, Range, Reader, SheetVisible, Sheets, Xls, Xlsx};
use rust_decimal::prelude::*;

use crate::builder::{column_letters, Builder};
use crate::error::ReadError;
use crate::format::Format;
use crate::TextDocument;

/// Largest total unpacked size of a ZIP container's members (XLSX, DOCX), in bytes.
pub(crate) const MAX_UNPACKED_BYTES: u64 = 512 * 1024 * 1024;

/// Reads an XLSX or XLS workbook.
pub(crate) fn read_workbook(path: &str, bytes: &[u8]) -> Result<TextDocument, ReadError> {
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
    match catch_unwind(AssertUnwindSafe(|| read_sheets(path, bytes, format))) {
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

fn read_sheets(path: &str, bytes: &[u8], format: Format) -> Result<TextDocument, ReadError> {
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
        let range = book
            .worksheet_range(&name)
            .map_err(|e| damaged(format!("sheet {name}: {e}")))?;
        let (merges, styles) = match &mut book {
            Sheets::Xlsx(x) => (
                x.merge_cells_by_sheet_name(&name).unwrap_or_default(),
                x.worksheet_style(&name).ok(),
            ),
            Sheets::Xls(x) => (x.merge_cells_by_sheet_name(&name).unwrap_or_default(), None),
            _ => (Vec::new(), None),
        };
        let number_format = |row: u32, col: u32| -> Option<String> {
            styles
                .as_ref()?
                .get((row, col))?
                .number_format
                .as_ref()
                .map(|n| n.format_code.clone())
        };
        out.page_break();
        sheet_lines(
            &mut out,
            &name,
            &range,
            &merges,
            &number_format,
            path,
            format,
        )?;
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

fn sheet_lines(
    out: &mut Builder,
    sheet: &str,
    range: &Range<Data>,
    merges: &[Dimensions],
    number_format: &dyn Fn(u32, u32) -> Option<String>,
    path: &str,
    format: Format,
) -> Result<(), ReadError> {
    let Some((row0, col0)) = range.start() else {
        return Ok(());
    };
    let texts: Vec<Vec<String>> = range
        .rows()
        .enumerate()
        .map(|(r, row)| {
            row.iter()
                .enumerate()
                .map(|(c, v)| {
                    let (ar, ac) = (row0 + r as u32, col0 + c as u32);
                    cell_display(v, number_format(ar, ac).as_deref())
                })
                .collect()
        })
        .collect();
    let filled = |r: usize| texts[r].iter().filter(|t| !t.trim().is_empty()).count();
    // A lone cell merged across several columns is a caption (title, unit line), not a cell.
    let spans_columns = |r: usize| {
        let Some(c) = texts[r].iter().position(|t| !t.trim().is_empty()) else {
            return false;
        };
        let (ar, ac) = (row0 + r as u32, col0 + c as u32);
        merges
            .iter()
            .any(|m| m.start == (ar, ac) && m.end.1 > m.start.1)
    };
    let n = texts.len();
    let mut is_row = vec![false; n];
    for (r, row) in is_row.iter_mut().enumerate() {
        *row = filled(r) >= 2;
    }
    // Single-cell rows between two table rows (a name-only row, a lone amount) stay in the table.
    let mut r = 0;
    while r < n {
        if !is_row[r] && filled(r) == 1 && !spans_columns(r) {
            let before = (0..r)
                .rev()
                .find(|&i| filled(i) > 0)
                .is_some_and(|i| is_row[i]);
            let after = (r + 1..n).find(|&i| filled(i) > 0 && filled(i) != 1);
            if before && after.is_some_and(|i| is_row[i]) {
                is_row[r] = true;
            }
        }
        r += 1;
    }
    let mut r = 0;
    while r < n {
        if !is_row[r] {
            let place = cell_ref(sheet, row0 + r as u32, col0);
            match texts[r].iter().find(|t| !t.trim().is_empty()) {
                Some(t) => {
                    let c = texts[r]
                        .iter()
                        .position(|x| !x.trim().is_empty())
                        .unwrap_or(0);
                    out.text(t, &cell_ref(sheet, row0 + r as u32, col0 + c as u32));
                }
                None => out.blank(&place),
            }
            r += 1;
            continue;
        }
        // One table: consecutive table rows, over their common columns.
        let end = (r..n).find(|&i| !is_row[i]).unwrap_or(n);
        let first = (r..end)
            .filter_map(|i| texts[i].iter().position(|t| !t.trim().is_empty()))
            .min()
            .unwrap_or(0);
        let last = (r..end)
            .filter_map(|i| texts[i].iter().rposition(|t| !t.trim().is_empty()))
            .max()
            .unwrap_or(0);
        for (i, row) in texts.iter().enumerate().take(end).skip(r) {
            let ar = row0 + i as u32;
            let cells = (first..=last)
                .map(|c| {
                    (
                        row.get(c).cloned().unwrap_or_default(),
                        cell_ref(sheet, ar, col0 + c as u32),
                    )
                })
                .collect();
            let place = format!(
                "{}!{}{}:{}{}",
                sheet_prefix(sheet),
                column_letters(col0 + first as u32),
                ar + 1,
                column_letters(col0 + last as u32),
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
