//! YS301 summary-vs-income · 收支总表收入与收入总表不符.

use yusuan_model::vocabulary::{APPROPRIATION_SOURCES, OTHER_SOURCES};
use yusuan_model::{ColumnKey, Disclosure, Finding, ItemKey, Row, Side, TableKind};

use crate::arithmetic::{main_key, row_figure, side_lines, total_row};
use crate::{Check, Rule};
use super::shared::*;

declare_rule! {
    /// YS301 收支总表收入与收入总表不符: an income line of the 收支总表 (财政拨款收入, 事业收入, 其他收入,
    /// 上年结转 …, 本年收入合计, 收入总计) differs from the column total the 收入总表 prints for it.
    pub struct SummaryVsIncome {
        code: "YS301",
        name: "summary-vs-income",
        title: "收支总表收入与收入总表不符",
        family: CrossTable,
        severity: Error,
        doc: "ys301_summary_vs_income.md",
    }
}


impl Check for SummaryVsIncome {
    fn check(&self, doc: &Disclosure, out: &mut Vec<Finding>) {
        let (Some(summary), Some(income)) = (
            first(doc, TableKind::IncomeExpenseSummary),
            first(doc, TableKind::Income),
        ) else {
            return;
        };
        let (Some(total), Some(skey)) = (total_row(income), main_key(summary, Some(Side::Income)))
        else {
            return;
        };
        let s = side_lines(summary, Side::Income);
        let line = |r: &Row| row_figure(summary, r, &skey);
        let has = |k: &ColumnKey| income.column(k).is_some();
        let mut pair = |key: ColumnKey, lines: Vec<&Row>| {
            if !has(&key) || lines.is_empty() {
                return;
            }
            check_pair(
                self.info(),
                doc,
                income,
                named_figure(income, total, &key),
                summary,
                lines.into_iter().map(line).collect(),
                out,
            );
        };
        // 财政拨款: one line, or its funds listed as lines of their own.
        if has(&ColumnKey::FISCAL_APPROPRIATION) {
            match s.line_with_item(&ItemKey::INCOME_FISCAL_APPROPRIATION) {
                Some(r) => pair(ColumnKey::FISCAL_APPROPRIATION, vec![r]),
                None => pair(
                    ColumnKey::FISCAL_APPROPRIATION,
                    APPROPRIATION_SOURCES
                        .iter()
                        .filter_map(|f| s.line_with_item(&f.item))
                        .collect(),
                ),
            }
        } else {
            for f in APPROPRIATION_SOURCES {
                pair(f.column.clone(), s.line_with_item(&f.item).into_iter().collect());
            }
        }
        // The other sources; 上年结转 is a balance line, paired below.
        for f in OTHER_SOURCES
            .iter()
            .filter(|f| f.item != ItemKey::INCOME_CARRYOVER)
        {
            pair(f.column.clone(), s.line_with_item(&f.item).into_iter().collect());
        }
        let carryover: Vec<&Row> = s
            .balances
            .iter()
            .map(|l| l.row)
            .filter(|r| r.item.as_ref() == Some(&ItemKey::INCOME_CARRYOVER))
            .take(1)
            .collect();
        pair(ColumnKey::CARRYOVER, carryover);
        // Totals: 本年收入合计 ↔ 小计 (or 合计 when the table has no carryover column);
        // 收入总计 ↔ 合计 when the income table includes the carryover.
        let with_carryover = has(&ColumnKey::CARRYOVER);
        if let Some(current) = s.current_total {
            let key = if !with_carryover {
                Some(ColumnKey::TOTAL)
            } else if has(&ColumnKey::SUBTOTAL) {
                Some(ColumnKey::SUBTOTAL)
            } else {
                None
            };
            if let Some(key) = key {
                pair(key, vec![current]);
            }
        }
        if with_carryover {
            pair(ColumnKey::TOTAL, s.grand_total.into_iter().collect());
        } else if s.current_total.is_none() {
            pair(ColumnKey::TOTAL, s.year_total().into_iter().collect());
        }
    }
}
