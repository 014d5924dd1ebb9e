//! The cells of a workbook, sheet by sheet, for inputs whose meaning is their place in a sheet
//! (the input template of `yusuan render`): a cell as trimmed text or as an exact decimal, named
//! by its A1 reference (`三公!B4`). Documents are read into lines by `xlsx.rs` instead.

use std::path::Path;
use std::str::FromStr;

use calamine::{Data, Reader};
use rust_decimal::Decimal;

use crate::builder::column_letters;

/// Why a workbook could not be opened.
#[derive(Debug, thiserror::Error)]
#[error("{0}")]
pub struct WorkbookError(String);

/// An open workbook (XLSX, XLS, ODS).
pub struct Workbook {
    names: Vec<String>,
    sheets: calamine::Sheets<std::io::BufReader<std::fs::File>>,
}

/// Opens a workbook, its format told by its contents and name.
pub fn open(path: &Path) -> Result<Workbook, WorkbookError> {
    let sheets = calamine::open_workbook_auto(path).map_err(|e| WorkbookError(e.to_string()))?;
    Ok(Workbook {
        names: sheets.sheet_names().to_vec(),
        sheets,
    })
}

impl Workbook {
    /// The sheet of that name, `None` when the workbook has none or it cannot be read.
    pub fn sheet(&mut self, name: &str) -> Option<Sheet> {
        if !self.names.iter().any(|s| s == name) {
            return None;
        }
        let range = self.sheets.worksheet_range(name).ok()?;
        Some(Sheet {
            name: name.to_string(),
            start: range.start().map(|(row, _)| row as usize).unwrap_or(0),
            rows: range.rows().map(<[Data]>::to_vec).collect(),
        })
    }
}

/// The used rows of a sheet.
pub struct Sheet {
    name: String,
    start: usize,
    rows: Vec<Vec<Data>>,
}

impl Sheet {
    /// The 0-based index in the sheet of the first used row.
    pub fn start(&self) -> usize {
        self.start
    }

    /// The used rows, from the first used one.
    pub fn rows(&self) -> impl Iterator<Item = SheetRow<'_>> {
        self.rows.iter().enumerate().map(|(i, cells)| SheetRow {
            sheet: &self.name,
            index: self.start + i,
            cells,
        })
    }
}

/// One row of a sheet.
#[derive(Clone, Copy)]
pub struct SheetRow<'a> {
    sheet: &'a str,
    /// 0-based index in the sheet.
    index: usize,
    cells: &'a [Data],
}

impl SheetRow<'_> {
    /// The 0-based index of the row in the sheet.
    pub fn index(&self) -> usize {
        self.index
    }

    /// The number of cells of the row, blank ones included.
    pub fn len(&self) -> usize {
        self.cells.len()
    }

    /// Whether the row has no cell.
    pub fn is_empty(&self) -> bool {
        self.cells.is_empty()
    }

    /// The A1 reference of the row's cell in column `col` (0-based), with its sheet.
    pub fn reference(&self, col: usize) -> String {
        format!(
            "{}!{}{}",
            self.sheet,
            column_letters(col as u32),
            self.index + 1
        )
    }

    /// The cell's text, trimmed; numbers as printed without a fraction when they have none;
    /// empty for a blank or an error cell.
    pub fn text(&self, col: usize) -> String {
        match self.cells.get(col).unwrap_or(&Data::Empty) {
            Data::String(s) => s.trim().to_string(),
            Data::Int(i) => i.to_string(),
            Data::Float(f) => {
                if f.fract() == 0.0 && f.abs() < 1e15 {
                    format!("{}", *f as i64)
                } else {
                    f.to_string()
                }
            }
            Data::Bool(b) => b.to_string(),
            Data::DateTimeIso(s) | Data::DurationIso(s) => s.clone(),
            Data::DateTime(d) => d.to_string(),
            Data::Error(_) | Data::Empty => String::new(),
        }
    }

    /// The cell as an exact decimal: a number from its shortest decimal representation (XLSX
    /// stores binary doubles; up to 15 significant digits come back exactly), text with or
    /// without thousands separators; `None` for a blank, `-` or `—`. The error names the cell.
    pub fn decimal(&self, col: usize) -> Result<Option<Decimal>, String> {
        let at = || self.reference(col);
        Ok(Some(match self.cells.get(col).unwrap_or(&Data::Empty) {
            Data::Empty => return Ok(None),
            Data::Int(i) => Decimal::from(*i),
            Data::Float(f) => Decimal::from_str(&f.to_string())
                .or_else(|_| Decimal::from_scientific(&format!("{f:e}")))
                .map_err(|_| format!("{}: {f} is not an amount", at()))?,
            Data::String(s) => {
                let t: String = s
                    .trim()
                    .chars()
                    .filter(|c| *c != ',' && *c != '，')
                    .collect();
                if t.is_empty() || t == "-" || t == "—" {
                    return Ok(None);
                }
                Decimal::from_str(&t).map_err(|_| format!("{}: “{s}” is not an amount", at()))?
            }
            other => return Err(format!("{}: {other:?} is not an amount", at())),
        }))
    }
}
