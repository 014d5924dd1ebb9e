//! YS203 total-row-mismatch · 合计行与各类之和不符.

use yusuan_model::{Disclosure, Finding, Row, TableKind};

use crate::{Check, Rule};
use super::shared::*;

declare_rule! {
    /// YS203 合计行与各类之和不符: the 合计 row differs from the sum of the 类 rows in some column;
    /// in a 三公 table printed by rows, 合计 from 出国 + 公务用车 + 接待.
    pub struct TotalRowMismatch {
        code: "YS203",
        name: "total-row-mismatch",
        title: "合计行与各类之和不符",
        family: TableArithmetic,
        severity: Error,
        doc: "ys203_total_row_mismatch.md",
    }
}

impl Check for TotalRowMismatch {
    fn check(&self, doc: &Disclosure, out: &mut Vec<Finding>) {
        for table in judged(doc) {
            if table.kind.is_two_sided() {
                continue;
            }
            let keys = side_keys(table, None);
            let (total, parts, what): (&Row, Vec<&Row>, &str) =
                if table.kind == TableKind::ThreePublic {
                    let Some(total) = item_row(table, "three_public.total") else {
                        continue;
                    };
                    let parts: Vec<&Row> = [
                        "three_public.outbound",
                        "three_public.vehicle",
                        "three_public.reception",
                    ]
                    .iter()
                    .filter_map(|i| item_row(table, i))
                    .collect();
                    if parts.len() < 2 {
                        continue;
                    }
                    (total, parts, "")
                } else {
                    let Some(total) = total_row(table) else {
                        continue;
                    };
                    let parts: Vec<&Row> = table
                        .rows
                        .iter()
                        .filter(|r| r.code.as_deref().is_some_and(|c| c.len() == 3))
                        .collect();
                    if parts.is_empty() {
                        continue;
                    }
                    (total, parts, "各类")
                };
            for key in &keys {
                let Some(printed) = column_figure(table, total, key) else {
                    continue;
                };
                let Some(figures): Option<Vec<Figure>> = parts
                    .iter()
                    .map(|r| figure(table, r, key, row_name(r)))
                    .collect()
                else {
                    continue;
                };
                if let Some(m) = compare(&printed, &figures) {
                    let what = if what.is_empty() || figures.len() <= 3 {
                        parts_name(&figures, "")
                    } else {
                        format!("{what}（{} 个类）之和", figures.len())
                    };
                    let subject =
                        format!("《{}》{}：{}", table.title, row_name(total), printed.name);
                    out.push(mismatch_finding(
                        self.info(),
                        doc,
                        &subject,
                        &printed,
                        &what,
                        &figures,
                        &m,
                    ));
                }
            }
        }
    }
}
