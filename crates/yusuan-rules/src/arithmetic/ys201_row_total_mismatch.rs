//! YS201 row-total-mismatch · 行合计与分项之和不符.

use yusuan_model::{Disclosure, Finding, Side};

use crate::{Check, Rule};
use super::shared::*;

declare_rule! {
    /// YS201 行合计与分项之和不符: within a row, a total column differs from the sum of its part
    /// columns (合计 = 基本支出 + 项目支出, 基本支出 = 人员经费 + 公用经费, 合计 = 小计 + 上年结转,
    /// 小计 = Σ 收入来源, 合计 = 出国 + 公务用车 + 接待, 合计 = Σ 资金性质 …).
    pub struct RowTotalMismatch {
        code: "YS201",
        name: "row-total-mismatch",
        title: "行合计与分项之和不符",
        family: TableArithmetic,
        severity: Error,
        doc: "ys201_row_total_mismatch.md",
    }
}

impl Check for RowTotalMismatch {
    fn check(&self, doc: &Disclosure, out: &mut Vec<Finding>) {
        for table in judged(doc) {
            let sides: Vec<Option<Side>> = if table.kind.is_two_sided() {
                vec![Some(Side::Income), Some(Side::Expenditure)]
            } else {
                vec![None]
            };
            for side in sides {
                let identities = row_identities(&side_keys(table, side));
                for row in table.rows_on(side) {
                    for (total, parts) in &identities {
                        let Some(printed) = column_figure(table, row, total) else {
                            continue;
                        };
                        let Some(parts): Option<Vec<Figure>> =
                            parts.iter().map(|k| column_figure(table, row, k)).collect()
                        else {
                            continue;
                        };
                        if let Some(m) = compare(&printed, &parts) {
                            let subject =
                                format!("《{}》{}：{}", table.title, row_name(row), printed.name);
                            out.push(mismatch_finding(
                                self.info(),
                                doc,
                                &subject,
                                &printed,
                                &identity_parts_name(&parts),
                                &parts,
                                &m,
                            ));
                        }
                    }
                }
            }
        }
    }
}
