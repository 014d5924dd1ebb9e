//! YS204 summary-totals · 收支总表合计不符.

use yusuan_model::{Disclosure, Finding, Row, Side, Table};

use crate::{Check, Rule};
use super::shared::*;

declare_rule! {
    /// YS204 收支总表合计不符: in a two-sided summary table, 本年收入合计 ≠ Σ 收入项目, 本年支出合计 ≠
    /// Σ 支出功能分类, 收入总计 ≠ 本年收入合计 + 上年结转, 支出总计 ≠ 本年支出合计 + 年末结转, a line ≠ Σ its
    /// sub-items, or 收入总计 ≠ 支出总计.
    pub struct SummaryTotals {
        code: "YS204",
        name: "summary-totals",
        title: "收支总表合计不符",
        family: TableArithmetic,
        severity: Error,
        doc: "ys204_summary_totals.md",
    }
}

impl Check for SummaryTotals {
    fn check(&self, doc: &Disclosure, out: &mut Vec<Finding>) {
        for table in judged(doc).filter(|t| t.kind.is_two_sided()) {
            let mut grands: Vec<Option<Figure>> = Vec::new();
            for side in [Side::Income, Side::Expenditure] {
                let s = side_lines(table, side);
                let (lines_word, balance_word) = match side {
                    Side::Income => ("各项收入", "结转结余"),
                    Side::Expenditure => ("各项支出", "结转结余"),
                };
                for key in side_keys(table, Some(side)) {
                    let fig = |r: &Row| row_figure(table, r, &key);
                    let tops = |lines: &[Line]| -> Option<Vec<Figure>> {
                        lines.iter().map(|l| fig(l.row)).collect()
                    };
                    // 本年合计 = Σ lines.
                    if let (Some(total), false) = (s.current_total, s.lines.is_empty()) {
                        if let (Some(printed), Some(parts)) = (fig(total), tops(&s.lines)) {
                            self.emit(doc, table, &printed, &parts, lines_word, out);
                        }
                    }
                    // 总计 = 本年合计 + balances (or Σ lines + balances).
                    if let Some(grand) = s.grand_total {
                        let parts: Option<Vec<Figure>> = match s.current_total {
                            Some(current) => std::iter::once(fig(current))
                                .chain(s.balances.iter().map(|l| fig(l.row)))
                                .collect(),
                            None => tops(&s.lines).and_then(|mut v| {
                                v.extend(tops(&s.balances)?);
                                Some(v)
                            }),
                        };
                        if let (Some(printed), Some(parts)) = (fig(grand), parts) {
                            let word = if s.current_total.is_some() {
                                format!("本年合计与{balance_word}")
                            } else {
                                lines_word.to_string()
                            };
                            if parts.len() > 1 || s.current_total.is_none() {
                                self.emit(doc, table, &printed, &parts, &word, out);
                            }
                        }
                    }
                    // A line = Σ its sub-items, when they are filled in.
                    for line in s.lines.iter().chain(s.balances.iter()) {
                        if line.subs.is_empty() {
                            continue;
                        }
                        let (Some(printed), Some(parts)) = (
                            fig(line.row),
                            line.subs.iter().map(|r| fig(r)).collect::<Option<Vec<_>>>(),
                        ) else {
                            continue;
                        };
                        if parts.iter().any(|p| p.printed) {
                            self.emit(doc, table, &printed, &parts, "其细项", out);
                        }
                    }
                }
                grands.push(
                    s.grand_total
                        .zip(main_key(table, Some(side)))
                        .and_then(|(r, k)| row_figure(table, r, &k)),
                );
            }
            // 收入总计 = 支出总计.
            if let [Some(income), Some(spending)] = &grands[..] {
                if let Some(m) = compare(income, std::slice::from_ref(spending)) {
                    let subject = format!("《{}》{}", table.title, income.name);
                    out.push(mismatch_finding(
                        self.info(),
                        doc,
                        &subject,
                        income,
                        &spending.name,
                        std::slice::from_ref(spending),
                        &m,
                    ));
                }
            }
        }
    }
}

impl SummaryTotals {
    fn emit(
        &self,
        doc: &Disclosure,
        table: &Table,
        printed: &Figure,
        parts: &[Figure],
        word: &str,
        out: &mut Vec<Finding>,
    ) {
        if let Some(m) = compare(printed, parts) {
            let subject = format!("《{}》{}", table.title, printed.name);
            out.push(mismatch_finding(
                self.info(),
                doc,
                &subject,
                printed,
                &parts_name(parts, word),
                parts,
                &m,
            ));
        }
    }
}
