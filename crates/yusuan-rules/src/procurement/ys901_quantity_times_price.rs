//! YS901 quantity-times-price · 采购数量乘单价不等于金额.

use rust_decimal::Decimal;
use yusuan_model::{Disclosure, Finding};

use crate::{finding, Check, Rule};
use super::shared::*;

declare_rule! {
    /// YS901: 数量 × 单价 ≠ 合计.
    pub struct QuantityTimesPrice {
        code: "YS901",
        name: "quantity-times-price",
        title: "采购数量乘单价不等于金额",
        family: Procurement,
        severity: Error,
        doc: "ys901_quantity_times_price.md",
    }
}

impl Check for QuantityTimesPrice {
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
                let mut f = finding(self.info(), doc, format!(
                        "采购项目“{}”数量 {q} × 单价 {p} = {computed}，与所列金额 {t} 不符。",
                        row_label(row)
                    ), vec![
                        location(table, row, "total", "金额"),
                        location(table, row, "quantity", "数量"),
                        location(table, row, "unit_price", "单价"),
                    ]);
                f.actual = Some(t);
                f.expected = Some(computed);
                f.unit = table.unit;
                out.push(f);
            }
        }
    }
}
