//! YS306 three-public-vs-basic · 基本支出中的接待费或公务用车运行费超过“三公”经费.

use yusuan_model::{ColumnKey, Disclosure, Finding, Location, Row, Table, TableKind};

use crate::arithmetic::{column_name, compare, figure, show, side_keys, unit_suffix, Figure};
use crate::{finding, Check, Rule};
use super::shared::*;

declare_rule! {
    /// YS306 基本支出中的接待费、公务用车运行费超过“三公”经费: 30217 公务接待费 or 30231 公务用车运行维护费
    /// in the 基本支出表 is larger than the 三公 table's 公务接待费 / 公务用车运行费 (which also include
    /// project-funded amounts, so only an excess is reported).
    pub struct ThreePublicVsBasic {
        code: "YS306",
        name: "three-public-vs-basic",
        title: "基本支出中的接待费或公务用车运行费超过“三公”经费",
        family: CrossTable,
        severity: Warning,
        doc: "ys306_three_public_vs_basic.md",
    }
}

/// The 三公 table's figure for a category: its category column in the single data row (the
/// 决算数 row of final accounts), or the category row's 一般公共预算 (or only) column.
fn three_public_figure(
    doc: &Disclosure,
    table: &Table,
    key: &ColumnKey,
    item: &str,
) -> Option<Figure> {
    if table.column(key).is_some() {
        let data: Vec<&Row> = table.rows.iter().collect();
        let row = match data.as_slice() {
            [only] => *only,
            rows => {
                let wanted = if doc.kind.is_final_accounts() {
                    "决算数"
                } else {
                    "预算数"
                };
                let mut named = rows.iter().filter(|r| squeeze(&r.name) == wanted);
                let row = named.next()?;
                if named.next().is_some() {
                    return None;
                }
                *row
            }
        };
        // The single data row has no name of its own: the column names the figure.
        let name = match squeeze(&row.name).as_str() {
            "" => column_name(table, key),
            n => format!("{n} {}", column_name(table, key)),
        };
        return figure(table, row, key, name);
    }
    let row = table
        .rows
        .iter()
        .find(|r| r.item.as_deref() == Some(item))?;
    let keys = side_keys(table, None);
    let fund = if keys.contains(&ColumnKey::GENERAL_PUBLIC) {
        ColumnKey::GENERAL_PUBLIC
    } else if keys == [ColumnKey::TOTAL] {
        ColumnKey::TOTAL
    } else {
        return None;
    };
    named_figure(table, row, &fund)
}

impl Check for ThreePublicVsBasic {
    fn check(&self, doc: &Disclosure, out: &mut Vec<Finding>) {
        let (Some(basic), Some(three)) = (
            first(doc, TableKind::BasicExpenditure),
            first(doc, TableKind::ThreePublic),
        ) else {
            return;
        };
        for (code, key, item) in [
            ("30217", ColumnKey::RECEPTION, "three_public.reception"),
            (
                "30231",
                ColumnKey::VEHICLE_OPERATION,
                "three_public.vehicle_operation",
            ),
        ] {
            let Some(row) = basic.rows.iter().find(|r| r.code.as_deref() == Some(code)) else {
                continue;
            };
            let (Some(b), Some(t)) = (
                named_figure(basic, row, &ColumnKey::TOTAL),
                three_public_figure(doc, three, &key, item),
            ) else {
                continue;
            };
            let Some(m) = compare(&b, std::slice::from_ref(&t)) else {
                continue;
            };
            if m.difference().is_sign_negative() {
                continue;
            }
            let unit = unit_suffix(m.unit);
            // The basic-table figure as printed, and converted when the units differ.
            let printed = if b.unit == m.unit {
                format!("{}{unit}", show(m.printed))
            } else {
                format!(
                    "{}{}（{}{unit}）",
                    show(b.value),
                    unit_suffix(b.unit),
                    show(m.printed)
                )
            };
            let message = format!(
                "《{}》{} {printed} 超过《{}》{} {}{unit}（多 {}{unit}）：基本支出安排的该项经费不应多于“三公”经费中的同项",
                basic.title,
                b.name,
                three.title,
                t.name,
                show(m.computed),
                show(m.difference()),
            );
            let locations: Vec<Location> = vec![b.location.clone(), t.location.clone()];
            out.push(Finding {
expected: Some(m.computed),
actual: Some(m.printed),
unit: m.unit,
..finding(self.info(), doc, message, locations)
});
        }
    }
}
