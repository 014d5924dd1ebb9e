//! Header text → column meaning. Recognition is by the words a header uses, never by position.

use yusuan_model::{ColumnKey, TableKind};

/// Header fragments and the column they name, most specific first. Fragments are matched against
/// header text with all white space removed, so a header broken over lines (`本年收入合` / `计`,
/// `附属单` / `位上` / `缴收入`) is still recognised by its distinctive part.
const FRAGMENTS: &[(&str, ColumnKey)] = &[
    ("机关运行经费", ColumnKey::OPERATION_COST),
    ("机关运行费", ColumnKey::OPERATION_COST),
    ("机关运行经", ColumnKey::OPERATION_COST),
    ("购置及运行", ColumnKey::VEHICLE),
    ("购置及运维", ColumnKey::VEHICLE),
    ("因公出国", ColumnKey::OUTBOUND),
    ("公务接待", ColumnKey::RECEPTION),
    ("购置费", ColumnKey::VEHICLE_PURCHASE),
    ("运行维护费", ColumnKey::VEHICLE_OPERATION),
    ("运行费", ColumnKey::VEHICLE_OPERATION),
    ("公务用车", ColumnKey::VEHICLE),
    ("人员经费", ColumnKey::PERSONNEL),
    ("公用经费", ColumnKey::PUBLIC_USE),
    ("基本支出", ColumnKey::BASIC),
    ("项目支出", ColumnKey::PROJECT),
    ("项目支", ColumnKey::PROJECT),
    ("经营支出", ColumnKey::OPERATING_EXPENDITURE),
    ("经营支", ColumnKey::OPERATING_EXPENDITURE),
    ("上缴上级", ColumnKey::REMIT_TO_SUPERIOR),
    ("上解上级", ColumnKey::REMIT_TO_SUPERIOR),
    ("对附属单位补助", ColumnKey::SUBSIDY_TO_SUBORDINATE),
    ("对附属单位", ColumnKey::SUBSIDY_TO_SUBORDINATE),
    ("附属单位补助", ColumnKey::SUBSIDY_TO_SUBORDINATE),
    ("附属单位上缴", ColumnKey::SUBORDINATE_REMITTANCE),
    ("附属单", ColumnKey::SUBORDINATE_REMITTANCE),
    ("缴收入", ColumnKey::SUBORDINATE_REMITTANCE),
    ("上级补助", ColumnKey::SUPERIOR_SUBSIDY),
    ("财政专户", ColumnKey::FISCAL_SPECIAL_ACCOUNT),
    ("经营收", ColumnKey::OPERATING_INCOME),
    ("事业单位经营", ColumnKey::OPERATING_INCOME),
    ("事业收", ColumnKey::BUSINESS_INCOME),
    ("其他收", ColumnKey::OTHER_INCOME),
    ("单位资金", ColumnKey::UNIT_FUNDS),
    ("上年结转", ColumnKey::CARRYOVER),
    ("年初结转", ColumnKey::CARRYOVER),
    ("年末结转", ColumnKey::CLOSING_BALANCE),
    ("年终结转", ColumnKey::CLOSING_BALANCE),
    ("一般公共预算", ColumnKey::GENERAL_PUBLIC),
    ("政府性基金", ColumnKey::GOVERNMENT_FUND),
    ("基金预算", ColumnKey::GOVERNMENT_FUND),
    ("国有资本经营", ColumnKey::STATE_CAPITAL),
    ("财政拨款", ColumnKey::FISCAL_APPROPRIATION),
    ("小计", ColumnKey::SUBTOTAL),
    ("本年收入合", ColumnKey::TOTAL),
    ("本年支出合", ColumnKey::TOTAL),
    ("合计", ColumnKey::TOTAL),
    ("总计", ColumnKey::TOTAL),
    ("决算数", ColumnKey::ACTUAL),
    ("年初预算", ColumnKey::BUDGET),
    ("预算数", ColumnKey::AMOUNT),
    ("金额", ColumnKey::AMOUNT),
];

/// Header words that are not amount columns: 序号, code, name.
pub fn is_seq_label(text: &str) -> bool {
    let t = squeeze(text);
    t == "序号" || t == "栏次" || t == "档次" || t == "行次"
}

pub fn is_code_label(text: &str) -> bool {
    let t = squeeze(text);
    t.contains("编码") || t.contains("代码") || t == "类款项" || t == "科目编码"
}

pub fn is_name_label(text: &str) -> bool {
    let t = squeeze(text);
    t == "项目" || t.contains("名称") || t == "科目"
}

/// Removes all white space.
pub fn squeeze(text: &str) -> String {
    text.chars().filter(|c| !c.is_whitespace()).collect()
}

/// The column a single header cell names, in the context of a table kind.
pub fn classify(text: &str, kind: TableKind) -> Option<ColumnKey> {
    let t = squeeze(text);
    if t.is_empty() {
        return None;
    }
    // Header words cut by a narrow column, recognised only as whole header cells.
    const CUT: &[(&str, ColumnKey)] = &[
        ("一般公共", ColumnKey::GENERAL_PUBLIC),
        ("一般公共预", ColumnKey::GENERAL_PUBLIC),
        ("政府性基", ColumnKey::GOVERNMENT_FUND),
        ("国有资本", ColumnKey::STATE_CAPITAL),
        ("国有资本经", ColumnKey::STATE_CAPITAL),
    ];
    if let Some((_, k)) = CUT.iter().find(|(w, _)| t == *w) {
        return Some(k.clone());
    }
    let key = FRAGMENTS
        .iter()
        .find(|(frag, _)| t.contains(frag))
        .map(|(_, k)| k.clone())?;
    // In an expenditure table, 附属单位 is the subsidy paid to subordinate units.
    if key == ColumnKey::SUBORDINATE_REMITTANCE
        && matches!(
            kind,
            TableKind::Expenditure
                | TableKind::GeneralPublicExpenditure
                | TableKind::GovernmentFundExpenditure
                | TableKind::StateCapitalExpenditure
        )
    {
        return Some(ColumnKey::SUBSIDY_TO_SUBORDINATE);
    }
    // 小计 under 公务用车 in a 三公 table is the vehicle subtotal.
    if key == ColumnKey::SUBTOTAL && kind == TableKind::ThreePublic {
        return Some(ColumnKey::VEHICLE);
    }
    // In a 三公 table whose columns are fund sources, 财政拨款 alone means the general budget.
    if key == ColumnKey::FISCAL_APPROPRIATION && kind == TableKind::ThreePublic {
        return Some(ColumnKey::GENERAL_PUBLIC);
    }
    Some(key)
}

/// The order columns of a kind are printed in most templates; used only to place a header word
/// whose position the text lost (a word printed above or below the header line).
pub fn canonical_rank(key: &ColumnKey) -> usize {
    const ORDER: &[ColumnKey] = &[
        ColumnKey::AMOUNT,
        ColumnKey::BUDGET,
        ColumnKey::ACTUAL,
        ColumnKey::TOTAL,
        ColumnKey::SUBTOTAL,
        ColumnKey::FISCAL_APPROPRIATION,
        ColumnKey::GENERAL_PUBLIC,
        ColumnKey::GOVERNMENT_FUND,
        ColumnKey::STATE_CAPITAL,
        ColumnKey::FISCAL_SPECIAL_ACCOUNT,
        ColumnKey::SUPERIOR_SUBSIDY,
        ColumnKey::BUSINESS_INCOME,
        ColumnKey::OPERATING_INCOME,
        ColumnKey::SUBORDINATE_REMITTANCE,
        ColumnKey::OTHER_INCOME,
        ColumnKey::UNIT_FUNDS,
        ColumnKey::CARRYOVER,
        ColumnKey::BASIC,
        ColumnKey::PERSONNEL,
        ColumnKey::PUBLIC_USE,
        ColumnKey::PROJECT,
        ColumnKey::OPERATING_EXPENDITURE,
        ColumnKey::REMIT_TO_SUPERIOR,
        ColumnKey::SUBSIDY_TO_SUBORDINATE,
        ColumnKey::CLOSING_BALANCE,
        ColumnKey::OUTBOUND,
        ColumnKey::VEHICLE,
        ColumnKey::VEHICLE_PURCHASE,
        ColumnKey::VEHICLE_OPERATION,
        ColumnKey::RECEPTION,
        ColumnKey::OPERATION_COST,
    ];
    ORDER.iter().position(|k| k == key).unwrap_or(ORDER.len())
}

/// The arithmetic a table's columns obey within each row: see
/// [`yusuan_model::row_identities`].
pub use yusuan_model::row_identities;

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn recognises_headers_by_meaning() {
        let k = TableKind::Income;
        assert_eq!(
            classify("财政拨款收入", k),
            Some(ColumnKey::FISCAL_APPROPRIATION)
        );
        assert_eq!(
            classify("附属单位上缴收入", k),
            Some(ColumnKey::SUBORDINATE_REMITTANCE)
        );
        assert_eq!(
            classify("事业单位经营收入", k),
            Some(ColumnKey::OPERATING_INCOME)
        );
        assert_eq!(classify("事业收入", k), Some(ColumnKey::BUSINESS_INCOME));
        assert_eq!(
            classify("一般公共预算 财政拨款", TableKind::ThreePublic),
            Some(ColumnKey::GENERAL_PUBLIC)
        );
        assert_eq!(
            classify("小计", TableKind::ThreePublic),
            Some(ColumnKey::VEHICLE)
        );
        assert_eq!(classify("小计", k), Some(ColumnKey::SUBTOTAL));
        assert_eq!(classify("科目名称", k), None);
    }

    #[test]
    fn recognises_header_words_broken_over_lines() {
        // Shanghai 收入决算表: `本年收入合` / `计`, `附属单` / `位上` / `缴收入`, `事业收` / `入`.
        let k = TableKind::Income;
        assert_eq!(classify("本年收入合", k), Some(ColumnKey::TOTAL));
        assert_eq!(
            classify("附属单", k),
            Some(ColumnKey::SUBORDINATE_REMITTANCE)
        );
        assert_eq!(
            classify("缴收入", k),
            Some(ColumnKey::SUBORDINATE_REMITTANCE)
        );
        assert_eq!(classify("事业收", k), Some(ColumnKey::BUSINESS_INCOME));
        assert_eq!(classify("经营收", k), Some(ColumnKey::OPERATING_INCOME));
        assert_eq!(classify("位上", k), None);
        // In an expenditure table the same fragment is the subsidy to subordinate units.
        assert_eq!(
            classify("对附属单", TableKind::Expenditure),
            Some(ColumnKey::SUBSIDY_TO_SUBORDINATE)
        );
        // Cut words count only as whole cells.
        assert_eq!(
            classify("一般公共", TableKind::FiscalSummary),
            Some(ColumnKey::GENERAL_PUBLIC)
        );
        assert_eq!(classify("一般公共服务", TableKind::FiscalSummary), None);
    }

    #[test]
    fn identities_follow_the_columns_present() {
        let ids = row_identities(&[ColumnKey::TOTAL, ColumnKey::BASIC, ColumnKey::PROJECT]);
        assert_eq!(
            ids,
            vec![(ColumnKey::TOTAL, vec![ColumnKey::BASIC, ColumnKey::PROJECT])]
        );
        let ids = row_identities(&[ColumnKey::TOTAL, ColumnKey::PROJECT]);
        assert!(ids.is_empty());
    }
}
