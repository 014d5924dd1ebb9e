//! YS302 summary-vs-expenditure · 收支总表支出与支出总表不符.

use yusuan_model::{ColumnKey, Disclosure, Finding, Row, Side, TableKind};

use crate::arithmetic::{main_key, row_figure, side_keys, side_lines, total_row};
use crate::{Check, Rule};
use super::shared::*;

declare_rule! {
    /// YS302 收支总表支出与支出总表不符: an expenditure line of the 收支总表 (by functional 类) differs
    /// from the 支出总表's 类 row, or 本年支出合计 from the 支出总表's 合计.
    pub struct SummaryVsExpenditure {
        code: "YS302",
        name: "summary-vs-expenditure",
        title: "收支总表支出与支出总表不符",
        family: CrossTable,
        severity: Error,
        doc: "ys302_summary_vs_expenditure.md",
    }
}

impl Check for SummaryVsExpenditure {
    fn check(&self, doc: &Disclosure, out: &mut Vec<Finding>) {
        let (Some(summary), Some(spending)) = (
            first(doc, TableKind::IncomeExpenseSummary),
            first(doc, TableKind::Expenditure),
        ) else {
            return;
        };
        let Some(skey) = main_key(summary, Some(Side::Expenditure)) else {
            return;
        };
        let skeys = side_keys(summary, Some(Side::Expenditure));
        let s = side_lines(summary, Side::Expenditure);
        let compare_rows = |line: &Row, row: &Row, out: &mut Vec<Finding>| {
            let fig = |k: &ColumnKey| row_figure(summary, line, k);
            // 合计 ↔ 合计.
            check_pair(
                self.info(),
                doc,
                spending,
                named_figure(spending, row, &ColumnKey::TOTAL),
                summary,
                fig(&skey).map(|f| vec![f]),
                out,
            );
            // Unit templates split the summary's spending: 项目支出 ↔ 项目支出,
            // 人员经费 + 公用经费 ↔ 基本支出.
            if skeys.contains(&ColumnKey::PROJECT) {
                check_pair(
                    self.info(),
                    doc,
                    spending,
                    named_figure(spending, row, &ColumnKey::PROJECT),
                    summary,
                    fig(&ColumnKey::PROJECT).map(|f| vec![f]),
                    out,
                );
            }
            if skeys.contains(&ColumnKey::PERSONNEL) && skeys.contains(&ColumnKey::PUBLIC_USE) {
                check_pair(
                    self.info(),
                    doc,
                    spending,
                    named_figure(spending, row, &ColumnKey::BASIC),
                    summary,
                    [ColumnKey::PERSONNEL, ColumnKey::PUBLIC_USE]
                        .iter()
                        .map(fig)
                        .collect(),
                    out,
                );
            }
        };
        for line in &s.lines {
            if let Some(row) = category_row(spending, &line.row.name) {
                compare_rows(line.row, row, out);
            }
        }
        if let (Some(year), Some(total)) = (s.year_total(), total_row(spending)) {
            compare_rows(year, total, out);
        }
    }
}
