//! YS303 income-vs-expenditure-rows · 收入总表与支出总表分科目不符.

use yusuan_model::{ColumnKey, Disclosure, Finding, Row, Table, TableKind};

use crate::arithmetic::total_row;
use crate::{Check, Rule};
use super::shared::*;

declare_rule! {
    /// YS303 收入总表与支出总表分科目不符: in a budget, the 收入总表 and the 支出总表 are both classified
    /// by function and must agree code by code on 合计.
    pub struct IncomeVsExpenditureRows {
        code: "YS303",
        name: "income-vs-expenditure-rows",
        title: "收入总表与支出总表分科目不符",
        family: CrossTable,
        severity: Error,
        doc: "ys303_income_vs_expenditure_rows.md",
    }
}

impl Check for IncomeVsExpenditureRows {
    fn check(&self, doc: &Disclosure, out: &mut Vec<Finding>) {
        // In final accounts income and spending differ by the year's balances.
        if doc.kind.is_final_accounts() {
            return;
        }
        let (Some(income), Some(spending)) = (
            first(doc, TableKind::Income),
            first(doc, TableKind::Expenditure),
        ) else {
            return;
        };
        let total = ColumnKey::TOTAL;
        for row in &spending.rows {
            let Some(code) = row.code.as_deref() else {
                continue;
            };
            let (Some(s), Some(i)) = (unique_code(spending, code), unique_code(income, code))
            else {
                continue;
            };
            check_pair(
                self.info(),
                doc,
                spending,
                named_figure(spending, s, &total),
                income,
                named_figure(income, i, &total).map(|f| vec![f]),
                out,
            );
        }
        if let (Some(s), Some(i)) = (total_row(spending), total_row(income)) {
            check_pair(
                self.info(),
                doc,
                spending,
                named_figure(spending, s, &total),
                income,
                named_figure(income, i, &total).map(|f| vec![f]),
                out,
            );
        }
    }
}

/// The only row with this code (`None` when absent or printed twice).
fn unique_code<'a>(table: &'a Table, code: &str) -> Option<&'a Row> {
    let mut rows = table
        .rows
        .iter()
        .filter(|r| r.code.as_deref() == Some(code));
    let first = rows.next()?;
    rows.next().is_none().then_some(first)
}
