//! YS902 procurement-subtotal-not-sum · 采购表小计或合计不等于明细之和.

use rust_decimal::Decimal;
use yusuan_model::{Disclosure, Finding, ProcurementRow, ProcurementTable};

use crate::{finding, tolerance, Check, Rule};
use super::shared::*;

declare_rule! {
    /// YS902: a 小计 / 合计 line ≠ the sum of its rows.
    pub struct SubtotalNotSum {
        code: "YS902",
        name: "procurement-subtotal-not-sum",
        title: "采购表小计或合计不等于明细之和",
        family: Procurement,
        severity: Error,
        doc: "ys902_procurement_subtotal_not_sum.md",
    }
}

fn is_subtotal(row: &ProcurementRow) -> bool {
    [
        row.budget_unit.as_deref(),
        row.project.as_deref(),
        row.item.as_deref(),
    ]
    .into_iter()
    .flatten()
    .any(|s| s.contains("小计"))
}

impl SubtotalNotSum {
    /// Checks `total_row` against `rows`; false when some figure cannot be judged.
    fn judge(
        doc: &Disclosure,
        table: &ProcurementTable,
        total_row: &ProcurementRow,
        rows: &[&ProcurementRow],
        out: &mut Vec<Finding>,
    ) {
        let Some(printed) = certain(total_row, "total", total_row.total) else {
            return;
        };
        if rows.is_empty() {
            return;
        }
        let mut values = Vec::new();
        for r in rows {
            match certain(r, "total", r.total) {
                Some(v) => values.push(v),
                None => return,
            }
        }
        let sum: Decimal = values.iter().copied().sum();
        values.push(printed);
        let scale = tolerance::scale_of(&values);
        if !tolerance::differs(printed, sum, rows.len(), scale) {
            return;
        }
        let what = if is_subtotal(total_row) {
            "小计"
        } else {
            "合计"
        };
        let mut f = finding(SubtotalNotSum.info(), doc, format!(
                "采购表“{}”{what} {printed} ≠ 所属 {} 行金额之和 {sum}。",
                row_label(total_row),
                rows.len()
            ), vec![location(table, total_row, "total", what)]);
        f.actual = Some(printed);
        f.expected = Some(sum);
        f.unit = table.unit;
        out.push(f);
    }
}

impl Check for SubtotalNotSum {
    fn check(&self, doc: &Disclosure, out: &mut Vec<Finding>) {
        for table in &doc.procurement {
            let items: Vec<&ProcurementRow> = table.rows.iter().filter(|r| !r.is_total).collect();
            for (i, row) in table.rows.iter().enumerate() {
                if !row.is_total {
                    continue;
                }
                if is_subtotal(row) {
                    // A 小计 sums the item rows that follow it up to the next total line.
                    let rows: Vec<&ProcurementRow> = table.rows[i + 1..]
                        .iter()
                        .take_while(|r| {
                            !r.is_total
                                && (row.budget_unit.is_none() || r.budget_unit == row.budget_unit)
                        })
                        .collect();
                    Self::judge(doc, table, row, &rows, out);
                } else {
                    Self::judge(doc, table, row, &items, out);
                }
            }
        }
    }
}
