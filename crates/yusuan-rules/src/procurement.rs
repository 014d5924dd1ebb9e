//! Procurement tables (YS9xx): 政府采购预算表 arithmetic.
//!
//! - YS901 a row's 数量 × 单价 ≠ 合计 (beyond what the printed decimals explain);
//! - YS902 a 小计 / 合计 line ≠ the sum of its rows.
//!
//! A value the extractor lists in the row's `uncertain` fields is never judged.

use rust_decimal::Decimal;
use yusuan_model::{Disclosure, Finding, Location, ProcurementRow, ProcurementTable, Severity};

use crate::{tolerance, Family, Rule, RuleInfo};

/// The rules of this family.
pub fn rules() -> Vec<&'static dyn Rule> {
    vec![&QuantityTimesPrice, &SubtotalNotSum]
}

fn certain(row: &ProcurementRow, field: &str, value: Option<Decimal>) -> Option<Decimal> {
    if row.uncertain.iter().any(|u| u == field) {
        None
    } else {
        value
    }
}

fn row_label(row: &ProcurementRow) -> String {
    [row.project.as_deref(), row.item.as_deref()]
        .into_iter()
        .flatten()
        .collect::<Vec<_>>()
        .join(" · ")
}

fn location(table: &ProcurementTable, row: &ProcurementRow, field: &str, label: &str) -> Location {
    Location {
        span: row
            .spans
            .get(field)
            .cloned()
            .unwrap_or_else(|| row.span.clone()),
        label: format!("《{}》 {} · {label}", table.title, row_label(row)),
        value: match field {
            "quantity" => row.quantity,
            "unit_price" => row.unit_price,
            "total" => row.total,
            _ => None,
        },
    }
}

fn finding(
    doc: &Disclosure,
    info: &RuleInfo,
    message: String,
    locations: Vec<Location>,
) -> Finding {
    Finding {
        rule: info.code.to_string(),
        severity: info.severity,
        message,
        expected: None,
        actual: None,
        unit: None,
        locations,
        related: Vec::new(),
        document: doc.source.path.clone(),
    }
}

// ---------------------------------------------------------------------------------------------

/// YS901: 数量 × 单价 ≠ 合计.
pub struct QuantityTimesPrice;

static YS901: RuleInfo = RuleInfo {
    code: "YS901",
    name: "quantity-times-price",
    title: "采购数量乘单价不等于金额",
    family: Family::Procurement,
    severity: Severity::Error,
    doc: include_str!("../docs/YS901.md"),
};

impl Rule for QuantityTimesPrice {
    fn info(&self) -> &'static RuleInfo {
        &YS901
    }

    fn check(&self, doc: &Disclosure, out: &mut Vec<Finding>) {
        for table in &doc.procurement {
            for row in table.rows.iter().filter(|r| !r.is_total) {
                let (Some(q), Some(p), Some(t)) = (
                    certain(row, "quantity", row.quantity),
                    certain(row, "unit_price", row.unit_price),
                    certain(row, "total", row.total),
                ) else {
                    continue;
                };
                let computed = q * p;
                // The price is exact to half a unit of its last printed place, multiplied by the
                // quantity; the total to half a unit of its own.
                let half = |s: u32| Decimal::new(5, s + 1);
                let allowed = half(p.scale()) * q.abs() + half(t.scale());
                if (computed - t).abs() <= allowed {
                    continue;
                }
                let mut f = finding(
                    doc,
                    &YS901,
                    format!(
                        "采购项目“{}”数量 {q} × 单价 {p} = {computed}，与所列金额 {t} 不符。",
                        row_label(row)
                    ),
                    vec![
                        location(table, row, "total", "金额"),
                        location(table, row, "quantity", "数量"),
                        location(table, row, "unit_price", "单价"),
                    ],
                );
                f.actual = Some(t);
                f.expected = Some(computed);
                f.unit = table.unit;
                out.push(f);
            }
        }
    }
}

// ---------------------------------------------------------------------------------------------

/// YS902: a 小计 / 合计 line ≠ the sum of its rows.
pub struct SubtotalNotSum;

static YS902: RuleInfo = RuleInfo {
    code: "YS902",
    name: "procurement-subtotal-not-sum",
    title: "采购表小计或合计不等于明细之和",
    family: Family::Procurement,
    severity: Severity::Error,
    doc: include_str!("../docs/YS902.md"),
};

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
        let mut f = finding(
            doc,
            &YS902,
            format!(
                "采购表“{}”{what} {printed} ≠ 所属 {} 行金额之和 {sum}。",
                row_label(total_row),
                rows.len()
            ),
            vec![location(table, total_row, "total", what)],
        );
        f.actual = Some(printed);
        f.expected = Some(sum);
        f.unit = table.unit;
        out.push(f);
    }
}

impl Rule for SubtotalNotSum {
    fn info(&self) -> &'static RuleInfo {
        &YS902
    }

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
