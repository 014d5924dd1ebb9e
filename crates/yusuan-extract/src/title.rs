//! Table titles: which of the nine standard tables a title line names.

use yusuan_model::TableKind;

use crate::header::squeeze;

/// The table kind a line names when it is a table title, by the words it uses.
///
/// A title is short, ends in 表 (a `（续）` or a trailing `单位：…` is allowed), and is not a
/// table-of-contents entry (dot leaders, a trailing page number) nor a sentence.
pub fn classify_title(line: &str) -> Option<(TableKind, String)> {
    let text = line.trim();
    if text.is_empty() || text.contains('…') || text.contains("...") || text.contains("··") {
        return None;
    }
    // A trailing page number after a TAB or spaces: a contents entry.
    if let Some((head, tail)) = text.rsplit_once(['\t', ' ']) {
        if !head.trim().is_empty() && !tail.is_empty() && tail.chars().all(|c| c.is_ascii_digit()) {
            return None;
        }
    }
    let mut title = text.to_string();
    if let Some(pos) = title.find("单位：").or_else(|| title.find("单位:")) {
        title.truncate(pos);
    }
    let mut t = strip_qualifiers(&squeeze(&title));
    for suffix in ["（续）", "(续)", "（续表）", "(续表)", "续表"] {
        if let Some(s) = t.strip_suffix(suffix) {
            t = strip_qualifiers(s);
        }
    }
    if !t.ends_with('表') || t.chars().count() > 48 || t.contains('，') || t.contains('。') {
        return None;
    }
    const NOT_STANDARD: &[&str] = &[
        "绩效",
        "采购",
        "资产",
        "机构",
        "申报",
        "人员",
        "说明",
        "项目",
        "目录",
        "情况表",
        "明细表",
    ];
    if NOT_STANDARD.iter().any(|w| t.contains(w)) && !t.contains("基本支出") {
        return None;
    }
    let kind = if t.contains("三公") {
        TableKind::ThreePublic
    } else if t.contains("基本支出") {
        TableKind::BasicExpenditure
    } else if t.contains("政府性基金") || t.contains("政府基金") {
        TableKind::GovernmentFundExpenditure
    } else if t.contains("国有资本经营") {
        TableKind::StateCapitalExpenditure
    } else if t.contains("财政拨款收支") || t.contains("财政拨款收入支出") {
        TableKind::FiscalSummary
    } else if t.contains("一般公共预算") {
        TableKind::GeneralPublicExpenditure
    } else if t.contains("收支") || t.contains("收入支出") {
        TableKind::IncomeExpenseSummary
    } else if t.contains("收入") {
        TableKind::Income
    } else if t.contains("支出") {
        TableKind::Expenditure
    } else {
        return None;
    };
    Some((kind, text.to_string()))
}

/// Longest qualifier (in characters, brackets included) stripped after a title's 表.
const MAX_QUALIFIER: usize = 16;

/// A title without the bracketed qualifiers printed after its 表: `（按功能分类）`,
/// `（功能科目）`, `(按经济分类)`, `（2025年）`, `（续）`. A qualifier never stops recognition:
/// only the words before it name the table.
fn strip_qualifiers(t: &str) -> String {
    let mut t = t;
    while let Some(body) = t.strip_suffix('）').or_else(|| t.strip_suffix(')')) {
        let Some(open) = body.rfind(['（', '(']) else {
            break;
        };
        let head = &body[..open];
        let qualifier_len = t.chars().count() - head.chars().count();
        if qualifier_len > MAX_QUALIFIER || !head.ends_with('表') {
            break;
        }
        t = head;
    }
    t.to_string()
}

#[cfg(test)]
mod tests {
    use super::*;

    fn kind(s: &str) -> Option<TableKind> {
        classify_title(s).map(|(k, _)| k)
    }

    #[test]
    fn recognises_hebei_shanghai_and_final_accounts_titles() {
        assert_eq!(
            kind("部门预算收支总表"),
            Some(TableKind::IncomeExpenseSummary)
        );
        assert_eq!(
            kind("2025年部门财务收支预算总表"),
            Some(TableKind::IncomeExpenseSummary)
        );
        assert_eq!(
            kind("收入支出决算总表"),
            Some(TableKind::IncomeExpenseSummary)
        );
        assert_eq!(kind("部门预算收入总表"), Some(TableKind::Income));
        assert_eq!(kind("收入决算表"), Some(TableKind::Income));
        assert_eq!(kind("2025年部门支出预算总表"), Some(TableKind::Expenditure));
        assert_eq!(
            kind("部门预算财政拨款收支总表"),
            Some(TableKind::FiscalSummary)
        );
        assert_eq!(
            kind("财政拨款收入支出决算总表"),
            Some(TableKind::FiscalSummary)
        );
        assert_eq!(
            kind("2025年部门一般公共预算支出功能分类预算表"),
            Some(TableKind::GeneralPublicExpenditure)
        );
        assert_eq!(
            kind("部门预算一般公共预算财政拨款基本支出表"),
            Some(TableKind::BasicExpenditure)
        );
        assert_eq!(
            kind("2025年部门一般公共预算基本支出部门预算经济分类预算表"),
            Some(TableKind::BasicExpenditure)
        );
        assert_eq!(
            kind("部门预算政府基金预算财政拨款支出表"),
            Some(TableKind::GovernmentFundExpenditure)
        );
        assert_eq!(
            kind("政府性基金预算财政拨款收入支出决算表"),
            Some(TableKind::GovernmentFundExpenditure)
        );
        assert_eq!(
            kind("国有资本经营预算财政拨款支出表"),
            Some(TableKind::StateCapitalExpenditure)
        );
        assert_eq!(
            kind("部门预算财政拨款“三公”经费支出表"),
            Some(TableKind::ThreePublic)
        );
        assert_eq!(
            kind("2025年部门“三公”经费和机关运行经费预算表"),
            Some(TableKind::ThreePublic)
        );
    }

    #[test]
    fn numbering_year_prefixes_and_qualifiers_never_stop_recognition() {
        let cases = [
            (
                "公开01表 部门财务收支预算总表",
                TableKind::IncomeExpenseSummary,
            ),
            ("表一 2025年收支总表", TableKind::IncomeExpenseSummary),
            ("附表1：收支预算总表", TableKind::IncomeExpenseSummary),
            (
                "附表3 2019年部门支出预算总表（按功能分类）",
                TableKind::Expenditure,
            ),
            (
                "一般公共预算支出表（按支出功能分类科目）",
                TableKind::GeneralPublicExpenditure,
            ),
            (
                "一般公共预算基本支出表（经济科目）",
                TableKind::BasicExpenditure,
            ),
            (
                "公开05表 一般公共预算基本支出表(按经济分类)（续）",
                TableKind::BasicExpenditure,
            ),
            (
                "政府性基金预算支出表（功能科目）",
                TableKind::GovernmentFundExpenditure,
            ),
        ];
        for (title, expected) in cases {
            assert_eq!(kind(title), Some(expected), "{title}");
        }
        // A bracket that is not after 表 is part of the title, not a qualifier.
        assert_eq!(kind("部门收支总表（按功能分类"), None);
    }

    #[test]
    fn rejects_contents_entries_and_other_tables() {
        assert_eq!(kind("部门预算收支总表\t1"), None);
        assert_eq!(kind("1. 2025年部门财务收支预算总表 ……………"), None);
        assert_eq!(kind("项目支出绩效目标表"), None);
        assert_eq!(kind("部门政府采购预算表"), None);
        assert_eq!(kind("一、收入支出决算总体情况说明"), None);
        assert_eq!(kind("本部门收入支出总表反映了全部收支，详见下表。"), None);
    }
}
