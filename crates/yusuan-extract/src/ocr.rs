//! Amounts read by OCR are trusted only where the table's arithmetic confirms them.
//!
//! On a page read by OCR a digit can be misread (`8` for `3`, a lost decimal point). A cell of
//! such a page that breaks an identity of its row (合计 = Σ parts) or of its column (a parent code
//! = Σ its children, the 合计 row = Σ the top-level codes) becomes uncertain with every cell of
//! that identity: no rule fires on it, and no false error is reported. Precision before volume.

use std::collections::BTreeSet;

use rust_decimal::Decimal;
use yusuan_model::{row_identities, ColumnKey, Disclosure, Row};
use yusuan_read::Geometry;

fn on_ocr_page(row: &Row, geometry: &Geometry) -> bool {
    row.span.page.is_some_and(|p| geometry.is_ocr_page(p))
}

/// Marks uncertain every OCR'd cell that takes part in a broken identity.
pub fn distrust_misread_cells(model: &mut Disclosure, geometry: &Geometry) {
    if !geometry.pages.iter().any(|p| p.ocr) {
        return;
    }
    for table in &mut model.tables {
        let keys: Vec<ColumnKey> = table.columns.iter().map(|c| c.key.clone()).collect();
        let identities = row_identities(&keys);
        let mut doubt: BTreeSet<(usize, ColumnKey)> = BTreeSet::new();
        // Row identities: total = Σ parts (a blank part is zero).
        for (i, row) in table.rows.iter().enumerate() {
            if !on_ocr_page(row, geometry) {
                continue;
            }
            for (total, parts) in &identities {
                let Some(t) = row.cells.get(total) else {
                    continue;
                };
                let sum: Decimal = parts.iter().filter_map(|k| row.cells.get(k)).sum();
                if sum != *t {
                    doubt.insert((i, total.clone()));
                    for k in parts {
                        doubt.insert((i, k.clone()));
                    }
                }
            }
        }
        // Column identities: each code = Σ its direct children; the total row = Σ top codes.
        let coded: Vec<(usize, &str)> = table
            .rows
            .iter()
            .enumerate()
            .filter_map(|(i, r)| r.code.as_deref().map(|c| (i, c)))
            .collect();
        for key in &keys {
            let mut groups: Vec<(Option<usize>, Vec<usize>)> = Vec::new();
            for &(i, code) in &coded {
                let children: Vec<usize> = coded
                    .iter()
                    .filter(|(_, c)| c.len() == code.len() + 2 && c.starts_with(code))
                    .map(|(j, _)| *j)
                    .collect();
                if !children.is_empty() {
                    groups.push((Some(i), children));
                }
            }
            if let Some(total) = table
                .rows
                .iter()
                .position(|r| r.is_total && r.code.is_none() && r.side.is_none())
            {
                let tops: Vec<usize> = coded
                    .iter()
                    .filter(|(_, c)| c.len() == 3)
                    .map(|(j, _)| *j)
                    .collect();
                if !tops.is_empty() {
                    groups.push((Some(total), tops));
                }
            }
            for (parent, children) in groups {
                let Some(p) = parent else { continue };
                let members: Vec<usize> =
                    std::iter::once(p).chain(children.iter().copied()).collect();
                if !members
                    .iter()
                    .any(|&m| on_ocr_page(&table.rows[m], geometry))
                {
                    continue;
                }
                let Some(pv) = table.rows[p].cells.get(key) else {
                    continue;
                };
                let sum: Decimal = children
                    .iter()
                    .filter_map(|&c| table.rows[c].cells.get(key))
                    .sum();
                if sum != *pv {
                    for m in members {
                        doubt.insert((m, key.clone()));
                    }
                }
            }
        }
        for (i, key) in doubt {
            let row = &mut table.rows[i];
            if on_ocr_page(row, geometry)
                && row.cells.contains_key(&key)
                && !row.uncertain.contains(&key)
            {
                row.uncertain.push(key);
            }
        }
    }
}
