//! YS101 missing-standard-table · 缺少公开表.

use yusuan_model::{Disclosure, DocumentKind, Finding, Location, Severity, Span, TableKind};

use crate::{finding, Check, Rule};

declare_rule! {
    /// YS101: 缺少公开表.
    pub struct MissingStandardTable {
        code: "YS101",
        name: "missing-standard-table",
        title: "缺少公开表",
        family: Completeness,
        severity: Error,
        doc: "ys101_missing_standard_table.md",
    }
}

/// The name of a standard table in a 决算 (final accounts) document, as the Shanghai template
/// and the Ministry's 决算 set print it.
fn final_accounts_name(kind: TableKind) -> &'static str {
    match kind {
        TableKind::IncomeExpenseSummary => "收入支出决算总表",
        TableKind::Income => "收入决算表",
        TableKind::Expenditure => "支出决算表",
        TableKind::FiscalSummary => "财政拨款收入支出决算总表",
        TableKind::GeneralPublicExpenditure => "一般公共预算财政拨款支出决算表",
        TableKind::BasicExpenditure => "一般公共预算财政拨款基本支出决算表",
        TableKind::GovernmentFundExpenditure => "政府性基金预算财政拨款收入支出决算表",
        TableKind::StateCapitalExpenditure => "国有资本经营预算财政拨款收入支出决算表",
        TableKind::ThreePublic => "财政拨款“三公”经费支出决算表",
    }
}

fn kind_words(kind: DocumentKind) -> Option<&'static str> {
    match kind {
        DocumentKind::DepartmentBudget => Some("部门预算"),
        DocumentKind::UnitBudget => Some("单位预算"),
        DocumentKind::DepartmentFinalAccounts => Some("部门决算"),
        DocumentKind::UnitFinalAccounts => Some("单位决算"),
        DocumentKind::PerformanceDeclaration | DocumentKind::Unknown => None,
    }
}

impl Check for MissingStandardTable {
    fn check(&self, doc: &Disclosure, out: &mut Vec<Finding>) {
        let info = self.info();
        let Some(words) = kind_words(doc.kind) else {
            return;
        };
        let Some(first) = doc.tables.first() else {
            // Explanation-only documents (seeds 003, 004): the tables may be published in
            // another file, so this is only worth a look.
            let mut f = finding(
                info,
                doc,
                format!(
                    "本文件为{words}公开文件，但未见任何公开表；如九张公开表另行发布，请核对是否齐全。"
                ),
                vec![Location {
                    span: doc
                        .department
                        .as_ref()
                        .and_then(|d| d.span.clone())
                        .unwrap_or_else(|| Span::line(doc.source.path.clone(), None, 1)),
                    label: "全文".to_string(),
                    value: None,
                }],
            );
            f.severity = Severity::Info;
            out.push(f);
            return;
        };
        let present = TableKind::ALL
            .iter()
            .filter(|k| doc.tables.iter().any(|t| t.kind == **k))
            .count();
        for kind in TableKind::ALL {
            if doc.tables.iter().any(|t| t.kind == kind) {
                continue;
            }
            let name = if doc.kind.is_final_accounts() {
                final_accounts_name(kind)
            } else {
                kind.chinese_name()
            };
            out.push(finding(
                info,
                doc,
                format!("{words}应公开九张表，本文件缺少《{name}》（只列示了其中 {present} 张）。"),
                vec![Location {
                    span: first.span.clone(),
                    label: format!("公开表（共 {present} 张，首张《{}》）", first.title),
                    value: None,
                }],
            ));
        }
    }
}
