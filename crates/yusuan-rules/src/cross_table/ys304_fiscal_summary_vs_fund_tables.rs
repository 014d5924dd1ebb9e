//! YS304 fiscal-summary-vs-fund-tables · 财政拨款收支总表与分资金支出表不符.

use yusuan_model::{ColumnKey, Disclosure, Finding, Row, Side, Table, TableKind};

use crate::arithmetic::{main_key, row_figure, side_keys, side_lines, total_row, Figure, Line, SideLines};
use crate::{Check, Rule};
use super::shared::*;

declare_rule! {
    /// YS304 财政拨款收支总表与分资金支出表不符: a fund column of the 财政拨款收支总表 (一般公共预算 /
    /// 政府性基金 / 国有资本经营) differs from that fund's expenditure table, by 类 or in total; or a
    /// fund's income line differs from the spending of that fund.
    pub struct FiscalSummaryVsFundTables {
        code: "YS304",
        name: "fiscal-summary-vs-fund-tables",
        title: "财政拨款收支总表与分资金支出表不符",
        family: CrossTable,
        severity: Error,
        doc: "ys304_fiscal_summary_vs_fund_tables.md",
    }
}

const FUNDS: [(ColumnKey, TableKind, &str); 3] = [
    (
        ColumnKey::GENERAL_PUBLIC,
        TableKind::GeneralPublicExpenditure,
        "income.general_public",
    ),
    (
        ColumnKey::GOVERNMENT_FUND,
        TableKind::GovernmentFundExpenditure,
        "income.government_fund",
    ),
    (
        ColumnKey::STATE_CAPITAL,
        TableKind::StateCapitalExpenditure,
        "income.state_capital",
    ),
];

/// The first row with this item among lines and their sub-items.
fn find_item<'a>(lines: &[Line<'a>], item: &str) -> Option<&'a Row> {
    lines
        .iter()
        .flat_map(|l| std::iter::once(l.row).chain(l.subs.iter().copied()))
        .find(|r| r.item.as_deref() == Some(item))
}

impl Check for FiscalSummaryVsFundTables {
    fn check(&self, doc: &Disclosure, out: &mut Vec<Finding>) {
        let Some(fiscal) = first(doc, TableKind::FiscalSummary) else {
            return;
        };
        let spending = side_lines(fiscal, Side::Expenditure);
        let income = side_lines(fiscal, Side::Income);
        let fiscal_keys = side_keys(fiscal, Some(Side::Expenditure));
        for (key, kind, item) in FUNDS {
            if !fiscal_keys.contains(&key) {
                continue;
            }
            if let Some(fund) = first(doc, kind) {
                self.against_fund_table(doc, fiscal, &spending, fund, &key, out);
            }
            self.income_against_spending(doc, fiscal, &income, &spending, &key, item, out);
        }
    }
}

impl FiscalSummaryVsFundTables {
    fn against_fund_table(
        &self,
        doc: &Disclosure,
        fiscal: &Table,
        spending: &SideLines,
        fund: &Table,
        key: &ColumnKey,
        out: &mut Vec<Finding>,
    ) {
        let empty = fund.rows.is_empty();
        let fund_figure = |row: Option<&Row>| -> Option<Figure> {
            match row {
                Some(r) => named_figure(fund, r, &ColumnKey::TOTAL),
                None if empty && fund.empty => Some(empty_table_zero(fund)),
                None => None,
            }
        };
        for line in &spending.lines {
            let row = category_row(fund, &line.row.name);
            if row.is_none() && !empty {
                continue;
            }
            check_pair(
                self.info(),
                doc,
                fund,
                fund_figure(row),
                fiscal,
                row_figure(fiscal, line.row, key).map(|f| vec![f]),
                out,
            );
        }
        if let Some(year) = spending.year_total() {
            let total = total_row(fund);
            if total.is_none() && !empty {
                return;
            }
            check_pair(
                self.info(),
                doc,
                fund,
                fund_figure(total),
                fiscal,
                row_figure(fiscal, year, key).map(|f| vec![f]),
                out,
            );
        }
    }

    /// 收入 (fund) + 年初结转 (fund) = 本年支出 (fund) + 年末结转 (fund).
    #[allow(clippy::too_many_arguments)]
    fn income_against_spending(
        &self,
        doc: &Disclosure,
        fiscal: &Table,
        income: &SideLines,
        spending: &SideLines,
        key: &ColumnKey,
        item: &str,
        out: &mut Vec<Finding>,
    ) {
        let (Some(ikey), Some(year)) =
            (main_key(fiscal, Some(Side::Income)), spending.year_total())
        else {
            return;
        };
        let Some(line) = find_item(&income.lines, item) else {
            return;
        };
        let mut parts: Vec<Figure> = Vec::new();
        let Some(f) = row_figure(fiscal, line, &ikey) else {
            return;
        };
        parts.push(f);
        // The fund's carryover, when the income side prints one.
        match find_item(&income.balances, item) {
            Some(r) => match row_figure(fiscal, r, &ikey) {
                Some(f) => parts.push(f),
                None => return,
            },
            None => {
                let blank = income.balances.iter().all(|l| {
                    l.row.cells.values().all(|v| v.is_zero()) && l.row.uncertain.is_empty()
                });
                if !blank {
                    return;
                }
            }
        }
        // The fund's closing balance on the spending side, subtracted.
        if spending.current_total.is_some() {
            for l in &spending.balances {
                let Some(mut f) = row_figure(fiscal, l.row, key) else {
                    return;
                };
                if f.value.is_zero() {
                    continue;
                }
                f.value = -f.value;
                f.name = format!("−{}", f.name);
                parts.push(f);
            }
        }
        check_pair(
            self.info(),
            doc,
            fiscal,
            row_figure(fiscal, year, key),
            fiscal,
            Some(parts),
            out,
        );
    }
}
