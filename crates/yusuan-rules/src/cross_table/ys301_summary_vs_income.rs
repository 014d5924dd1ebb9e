//! YS301 summary-vs-income · 收支总表收入与收入总表不符.

use yusuan_model::{ColumnKey, Disclosure, Finding, Row, Side, TableKind};

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

/// The 收支总表 income item of each 收入总表 source column.
const INCOME_SOURCES: &[(&str, ColumnKey)] = &[
    (
        "income.fiscal_special_account",
        ColumnKey::FISCAL_SPECIAL_ACCOUNT,
    ),
    ("income.business", ColumnKey::BUSINESS_INCOME),
    ("income.operating", ColumnKey::OPERATING_INCOME),
    ("income.superior_subsidy", ColumnKey::SUPERIOR_SUBSIDY),
    (
        "income.subordinate_remittance",
        ColumnKey::SUBORDINATE_REMITTANCE,
    ),
    ("income.other", ColumnKey::OTHER_INCOME),
    ("income.unit_funds", ColumnKey::UNIT_FUNDS),
];

const FUND_ITEMS: [(&str, ColumnKey); 3] = [
    ("income.general_public", ColumnKey::GENERAL_PUBLIC),
    ("income.government_fund", ColumnKey::GOVERNMENT_FUND),
    ("income.state_capital", ColumnKey::STATE_CAPITAL),
];

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
            match s.line_with_item("income.fiscal_appropriation") {
                Some(r) => pair(ColumnKey::FISCAL_APPROPRIATION, vec![r]),
                None => pair(
                    ColumnKey::FISCAL_APPROPRIATION,
                    FUND_ITEMS
                        .iter()
                        .filter_map(|(item, _)| s.line_with_item(item))
                        .collect(),
                ),
            }
        } else {
            for (item, key) in FUND_ITEMS {
                pair(key, s.line_with_item(item).into_iter().collect());
            }
        }
        for (item, key) in INCOME_SOURCES {
            pair(key.clone(), s.line_with_item(item).into_iter().collect());
        }
        let carryover: Vec<&Row> = s
            .balances
            .iter()
            .map(|l| l.row)
            .filter(|r| r.item.as_deref() == Some("income.carryover"))
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
