//! YS305 basic-total-vs-basic-table · 基本支出合计与基本支出表不符.

use yusuan_model::{ColumnKey, Disclosure, Finding, TableKind};

use crate::arithmetic::total_row;
use crate::{Check, Rule};
use super::shared::*;

declare_rule! {
    /// YS305 基本支出合计与基本支出表不符: the 基本支出 total of the 一般公共预算支出表 differs from the
    /// 合计 of the 基本支出表.
    pub struct BasicTotalVsBasicTable {
        code: "YS305",
        name: "basic-total-vs-basic-table",
        title: "基本支出合计与基本支出表不符",
        family: CrossTable,
        severity: Error,
        doc: "ys305_basic_total_vs_basic_table.md",
    }
}

impl Check for BasicTotalVsBasicTable {
    fn check(&self, doc: &Disclosure, out: &mut Vec<Finding>) {
        let (Some(general), Some(basic)) = (
            first(doc, TableKind::GeneralPublicExpenditure),
            first(doc, TableKind::BasicExpenditure),
        ) else {
            return;
        };
        let (Some(g), Some(b)) = (total_row(general), total_row(basic)) else {
            return;
        };
        check_pair(
            self.info(),
            doc,
            basic,
            named_figure(basic, b, &ColumnKey::TOTAL),
            general,
            named_figure(general, g, &ColumnKey::BASIC).map(|f| vec![f]),
            out,
        );
    }
}
