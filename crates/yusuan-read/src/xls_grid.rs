//! The grid a legacy workbook (`.xls`) would be laid out on, checked before it is parsed: the
//! workbook parser holds each sheet as a full grid from its first to its last cell (and reserves
//! the grid its `DIMENSIONS` record declares), so two cells at opposite corners of a sheet
//! would cost the whole grid. The BIFF records of the `Workbook` stream are walked once, only
//! for their positions.

use std::io::{Cursor, Read};

/// Largest sheet grid (rows × columns, from the first to the last cell) read from an `.xls`.
pub(crate) const MAX_XLS_GRID: u64 = 4_000_000;

/// `Err(cause)` when a sheet of the workbook spans (or declares) a grid larger than
/// [`MAX_XLS_GRID`]; `Ok` when it does not, or when the stream cannot be found (the workbook
/// parser then reports the damage itself).
pub(crate) fn check_grid(bytes: &[u8]) -> Result<(), String> {
    let Ok(mut file) = cfb::CompoundFile::open(Cursor::new(bytes)) else {
        return Ok(());
    };
    let stream = ["/Workbook", "/Book"]
        .iter()
        .find_map(|name| file.open_stream(name).ok());
    let Some(stream) = stream else {
        return Ok(());
    };
    let mut data = Vec::new();
    if stream
        .take(crate::MAX_INPUT_BYTES)
        .read_to_end(&mut data)
        .is_err()
    {
        return Ok(());
    }
    let mut sheet = 0usize;
    let mut bounds: Option<(u32, u32, u32, u32)> = None;
    let mut at = 0usize;
    let area = |b: (u32, u32, u32, u32)| u64::from(b.1 - b.0 + 1) * u64::from(b.3 - b.2 + 1);
    while at + 4 <= data.len() {
        let typ = u16::from_le_bytes([data[at], data[at + 1]]);
        let len = usize::from(u16::from_le_bytes([data[at + 2], data[at + 3]]));
        let body = &data[at + 4..(at + 4 + len).min(data.len())];
        at += 4 + len;
        let u16_at = |i: usize| -> Option<u32> {
            body.get(i..i + 2)
                .map(|b| u32::from(u16::from_le_bytes([b[0], b[1]])))
        };
        let mut cell = |row: u32, first: u32, last: u32| {
            let b = bounds.get_or_insert((row, row, first, last));
            *b = (b.0.min(row), b.1.max(row), b.2.min(first), b.3.max(last));
        };
        match typ {
            // BOF: a new substream (the globals, then one per sheet).
            0x0809 => {
                sheet += 1;
                bounds = None;
            }
            // DIMENSIONS: the grid the parser reserves.
            0x0200 => {
                let (rows, cols) = match body.len() {
                    14 | 16 => {
                        let u32_at = |i: usize| {
                            u64::from(u32::from_le_bytes([
                                body[i],
                                body[i + 1],
                                body[i + 2],
                                body[i + 3],
                            ]))
                        };
                        let cols = u64::from(u16_at(10).unwrap_or(0))
                            .saturating_sub(u64::from(u16_at(8).unwrap_or(0)));
                        (u32_at(4).saturating_sub(u32_at(0)) + 1, cols + 1)
                    }
                    10 => (
                        u64::from(
                            u16_at(2)
                                .unwrap_or(0)
                                .saturating_sub(u16_at(0).unwrap_or(0)),
                        ) + 1,
                        u64::from(
                            u16_at(6)
                                .unwrap_or(0)
                                .saturating_sub(u16_at(4).unwrap_or(0)),
                        ) + 1,
                    ),
                    _ => (0, 0),
                };
                if rows.saturating_mul(cols) > MAX_XLS_GRID {
                    return Err(format!(
                        "sheet {} declares {rows} rows × {cols} columns, a grid of more than {MAX_XLS_GRID} cells",
                        sheet.saturating_sub(1)
                    ));
                }
            }
            // Cells: NUMBER, LABEL, RSTRING, BOOLERR, RK, LABELSST, FORMULA (row, column first).
            0x0203 | 0x0204 | 0x00D6 | 0x0205 | 0x027E | 0x00FD | 0x0006 => {
                if let (Some(row), Some(col)) = (u16_at(0), u16_at(2)) {
                    cell(row, col, col);
                }
            }
            // MULRK: row, first column, …, last column.
            0x00BD => {
                if let (Some(row), Some(first), Some(last)) =
                    (u16_at(0), u16_at(2), u16_at(body.len().saturating_sub(2)))
                {
                    cell(row, first, last.max(first));
                }
            }
            _ => {}
        }
        if let Some(b) = bounds {
            if area(b) > MAX_XLS_GRID {
                return Err(format!(
                    "sheet {} has cells from row {} column {} to row {} column {}, a grid of more than {MAX_XLS_GRID} cells",
                    sheet.saturating_sub(1),
                    b.0 + 1,
                    b.2 + 1,
                    b.1 + 1,
                    b.3 + 1
                ));
            }
        }
    }
    Ok(())
}
