//! What each template prints: table titles, column words, the empty-table note, the order of the
//! tables. The words are those of the published documents in `corpus/` (seed 000 for Hebei, the
//! Putuo budgets for Shanghai), so that a reader recognises them as it recognises the originals.

use yusuan_model::{ColumnKey, Disclosure, DocumentKind, MoneyUnit, Table, TableKind};

use crate::Template;

/// `部门` or `单位`, as the document kind says.
pub fn subject(kind: DocumentKind) -> &'static str {
    match kind {
        DocumentKind::UnitBudget | DocumentKind::UnitFinalAccounts => "单位",
        _ => "部门",
    }
}

/// The order the template prints the nine tables in.
pub fn table_order(template: Template) -> [TableKind; 9] {
    use TableKind::*;
    match template {
        Template::Hebei => TableKind::ALL,
        Template::Shanghai => [
            IncomeExpenseSummary,
            Income,
            Expenditure,
            FiscalSummary,
            GeneralPublicExpenditure,
            GovernmentFundExpenditure,
            StateCapitalExpenditure,
            BasicExpenditure,
            ThreePublic,
        ],
    }
}

/// The title the template gives a table of a budget document.
pub fn title(kind: TableKind, d: &Disclosure, template: Template) -> String {
    let s = subject(d.kind);
    match template {
        Template::Hebei => {
            let name = match kind {
                TableKind::IncomeExpenseSummary => "预算收支总表",
                TableKind::Income => "预算收入总表",
                TableKind::Expenditure => "预算支出总表",
                TableKind::FiscalSummary => "预算财政拨款收支总表",
                TableKind::GeneralPublicExpenditure => "预算一般公共预算财政拨款支出表",
                TableKind::BasicExpenditure => "预算一般公共预算财政拨款基本支出表",
                TableKind::GovernmentFundExpenditure => "预算政府基金预算财政拨款支出表",
                TableKind::StateCapitalExpenditure => "预算国有资本经营预算财政拨款支出表",
                TableKind::ThreePublic => "预算财政拨款“三公”经费支出表",
            };
            format!("{s}{name}")
        }
        Template::Shanghai => {
            let name = match kind {
                TableKind::IncomeExpenseSummary => "财务收支预算总表",
                TableKind::Income => "收入预算总表",
                TableKind::Expenditure => "支出预算总表",
                TableKind::FiscalSummary => "财政拨款收支预算总表",
                TableKind::GeneralPublicExpenditure => "一般公共预算支出功能分类预算表",
                TableKind::BasicExpenditure => "一般公共预算基本支出部门预算经济分类预算表",
                TableKind::GovernmentFundExpenditure => "政府性基金预算支出功能分类预算表",
                TableKind::StateCapitalExpenditure => "国有资本经营预算支出功能分类预算表",
                TableKind::ThreePublic => "“三公”经费和机关运行经费预算表",
            };
            match d.year {
                Some(y) => format!("{y}年{s}{name}"),
                None => format!("{s}{name}"),
            }
        }
    }
}

/// The title to print: the template's for budgets; a final-accounts table keeps its own (the
/// templates describe budgets).
pub fn table_title(t: &Table, d: &Disclosure, template: Template) -> String {
    if d.kind.is_final_accounts() && !t.title.trim().is_empty() {
        t.title.clone()
    } else {
        title(t.kind, d, template)
    }
}

/// The header word of an amount column.
pub fn column_header(
    kind: TableKind,
    key: &ColumnKey,
    label: &str,
    final_accounts: bool,
) -> String {
    let k = key.as_str();
    let word = match k {
        "total" => "合计",
        "subtotal" => "本年收入小计",
        "basic" => "基本支出",
        "project" => "项目支出",
        "personnel" => "人员经费",
        "public_use" => "公用经费",
        "fiscal_appropriation" => "财政拨款收入",
        "general_public" => match kind {
            TableKind::ThreePublic | TableKind::FiscalSummary => "一般公共预算财政拨款",
            _ => "一般公共预算",
        },
        "government_fund" => match kind {
            TableKind::ThreePublic | TableKind::FiscalSummary => "政府性基金预算财政拨款",
            _ => "政府性基金预算",
        },
        "state_capital" => match kind {
            TableKind::ThreePublic | TableKind::FiscalSummary => "国有资本经营预算财政拨款",
            _ => "国有资本经营预算",
        },
        "fiscal_special_account" => "财政专户收入",
        "business_income" => "事业收入",
        "operating_income" => "经营收入",
        "superior_subsidy" => "上级补助收入",
        "subordinate_remittance" => "附属单位上缴收入",
        "other_income" => "其他收入",
        "unit_funds" => "单位资金",
        "carryover" => {
            if final_accounts {
                "年初结转和结余"
            } else {
                "上年结转"
            }
        }
        "closing_balance" => "年末结转和结余",
        "operating_expenditure" => "经营支出",
        "remit_to_superior" => "上缴上级支出",
        "subsidy_to_subordinate" => "对附属单位补助支出",
        "amount" => "预算数",
        "budget" => "年初预算数",
        "actual" => "决算数",
        "outbound" => "因公出国（境）费",
        "vehicle" => "公务用车购置及运行费",
        "vehicle_purchase" => "公务用车购置费",
        "vehicle_operation" => "公务用车运行费",
        "reception" => "公务接待费",
        "operation_cost" => "机关运行经费",
        _ => "",
    };
    if word.is_empty() {
        let l = label.rsplit('/').next().unwrap_or(label).trim();
        if l.is_empty() {
            k.to_string()
        } else {
            l.to_string()
        }
    } else {
        word.to_string()
    }
}

/// The name of the code column(s) group: `功能分类科目` or `支出经济分类科目`.
pub fn code_group(kind: TableKind) -> &'static str {
    if kind == TableKind::BasicExpenditure {
        "部门预算支出经济分类科目"
    } else {
        "功能分类科目"
    }
}

/// The required note of an empty table (空表列示).
pub fn empty_note(kind: TableKind, d: &Disclosure, template: Template) -> String {
    let what = match kind {
        TableKind::GovernmentFundExpenditure => "政府性基金预算财政拨款",
        TableKind::StateCapitalExpenditure => "国有资本经营预算财政拨款",
        TableKind::ThreePublic => "财政拨款“三公”经费",
        TableKind::BasicExpenditure => "一般公共预算财政拨款基本支出",
        TableKind::GeneralPublicExpenditure => "一般公共预算财政拨款",
        _ => "相关收支",
    };
    let s = subject(d.kind);
    match (template, d.year) {
        (Template::Shanghai, Some(y)) => {
            format!("注：本{s}{y}年无{what}安排的预算，故本表为空表。")
        }
        _ => format!("注：本{s}无{what}预算，空表列示。"),
    }
}

/// `单位：万元` / `单位：元`.
pub fn unit_line(unit: Option<MoneyUnit>) -> String {
    format!("单位：{}", unit.unwrap_or(MoneyUnit::WanYuan).chinese())
}

/// Whether the template prints amounts with thousands separators.
pub fn separators(template: Template) -> bool {
    template == Template::Shanghai
}

/// The document's title on the cover: `邯郸市…局2022年部门预算`.
pub fn document_title(d: &Disclosure) -> String {
    let name = d
        .department
        .as_ref()
        .map(|x| x.name.clone())
        .unwrap_or_default();
    let year = d.year.map(|y| format!("{y}年")).unwrap_or_default();
    let kind = match d.kind {
        DocumentKind::UnitBudget => "单位预算",
        DocumentKind::DepartmentFinalAccounts => "部门决算",
        DocumentKind::UnitFinalAccounts => "单位决算",
        _ => "部门预算",
    };
    format!("{name}{year}{kind}")
}
