//! What the rules of this family share.

use yusuan_codes::{Level, Scheme};
use yusuan_model::{ColumnKey, Decimal, Disclosure, Finding, Row, Table};

use crate::codes::unread_code_below;
use crate::{finding, support, RuleInfo};

/// The tables whose rows a rule may read: readable and not printed empty.
pub(crate) fn with_rows(doc: &Disclosure) -> impl Iterator<Item = &Table> {
    doc.tables
        .iter()
        .filter(|t| t.unreadable.is_none() && !t.empty)
}

// What the depth rules (YS104, YS105) share.

/// The first certain non-zero figure of a row, preferring its total: `None` when the row has no
/// amount (or only amounts whose column is uncertain).
pub(crate) fn row_amount(row: &Row) -> Option<(ColumnKey, Decimal)> {
    let certain = |k: &ColumnKey| row.certain(k).filter(|v| !v.is_zero());
    if let Some(v) = certain(&ColumnKey::TOTAL) {
        return Some((ColumnKey::TOTAL, v));
    }
    row.cells
        .keys()
        .find_map(|k| certain(k).map(|v| (k.clone(), v)))
}

/// Rows of `table` at one of `levels` that carry amounts but have nothing listed below them.
/// A table whose coded rows are all 类 lists 类 by design and is not judged.
pub(crate) fn leaves_too_high<'a>(
    table: &'a Table,
    scheme: Scheme,
    levels: &[Level],
) -> Vec<(&'a Row, ColumnKey, Decimal)> {
    let coded: Vec<(usize, &Row, Level)> = table
        .rows
        .iter()
        .enumerate()
        .filter(|(_, r)| !r.is_total)
        .filter_map(|(i, r)| {
            let code = r.code.as_deref()?;
            let lvl = yusuan_codes::level(code)?;
            scheme.levels().contains(&lvl).then_some((i, r, lvl))
        })
        .collect();
    if coded.iter().all(|(_, _, l)| *l == Level::Lei) {
        return Vec::new();
    }
    let mut out = Vec::new();
    for &(i, row, lvl) in &coded {
        if !levels.contains(&lvl) {
            continue;
        }
        let code = row.code.as_deref().unwrap_or_default();
        let has_child = coded.iter().any(|(_, r, _)| {
            r.code
                .as_deref()
                .is_some_and(|c| c.len() > code.len() && c.starts_with(code))
        });
        if has_child || unread_code_below(table, i) {
            continue;
        }
        if let Some((key, value)) = row_amount(row) {
            out.push((row, key, value));
        }
    }
    out
}

pub(crate) fn depth_finding(
    info: &RuleInfo,
    doc: &Disclosure,
    table: &Table,
    row: &Row,
    key: &ColumnKey,
    value: Decimal,
    missing: &str,
) -> Finding {
    let code = row.code.as_deref().unwrap_or_default();
    let unit = table.unit.map(|u| u.chinese()).unwrap_or("");
    let mut f = finding(
        info,
        doc,
        format!(
            "《{}》{code} {} 列有金额 {value} {unit}，其下却未列示{missing}科目。",
            table.title,
            row.name.trim()
        ),
        vec![support::cell_location(table, row, key)],
    );
    f.actual = Some(value);
    f.unit = table.unit;
    f
}

