//! The arithmetic between a table's columns, shared by extraction (to place amounts) and the
//! rules (to check them): one definition of what must add up.

use crate::ColumnKey;

/// The arithmetic a table's columns obey within each row: `total = Σ parts`.
///
/// Only identities whose every part is present are returned (a template that drops a column
/// cannot be held to the full sum).
pub fn row_identities(keys: &[ColumnKey]) -> Vec<(ColumnKey, Vec<ColumnKey>)> {
    let has = |k: &ColumnKey| keys.contains(k);
    let mut out = Vec::new();
    let mut push = |total: ColumnKey, parts: Vec<ColumnKey>| {
        if has(&total) && parts.len() >= 2 && parts.iter().all(has) {
            out.push((total, parts));
        }
    };
    // Expenditure: 合计 = 基本支出 + 项目支出 (+ 经营支出 …), 基本支出 = 人员经费 + 公用经费.
    let spending_extra: Vec<ColumnKey> = [
        ColumnKey::OPERATING_EXPENDITURE,
        ColumnKey::REMIT_TO_SUPERIOR,
        ColumnKey::SUBSIDY_TO_SUBORDINATE,
    ]
    .into_iter()
    .filter(has)
    .collect();
    if has(&ColumnKey::BASIC) {
        let mut parts = vec![ColumnKey::BASIC, ColumnKey::PROJECT];
        parts.extend(spending_extra.iter().cloned());
        push(ColumnKey::TOTAL, parts);
        push(
            ColumnKey::BASIC,
            vec![ColumnKey::PERSONNEL, ColumnKey::PUBLIC_USE],
        );
    } else if has(&ColumnKey::PERSONNEL) && has(&ColumnKey::PUBLIC_USE) {
        let mut parts = vec![ColumnKey::PERSONNEL, ColumnKey::PUBLIC_USE];
        if has(&ColumnKey::PROJECT) {
            parts.push(ColumnKey::PROJECT);
        }
        parts.extend(spending_extra.iter().cloned());
        push(ColumnKey::TOTAL, parts);
    }
    // Income: 合计 = 小计 + 上年结转; 小计 = Σ sources; 财政拨款 = 一般公共 + 基金 + 国资.
    let sources: Vec<ColumnKey> = [
        ColumnKey::FISCAL_APPROPRIATION,
        ColumnKey::FISCAL_SPECIAL_ACCOUNT,
        ColumnKey::BUSINESS_INCOME,
        ColumnKey::OPERATING_INCOME,
        ColumnKey::SUPERIOR_SUBSIDY,
        ColumnKey::SUBORDINATE_REMITTANCE,
        ColumnKey::OTHER_INCOME,
        ColumnKey::UNIT_FUNDS,
    ]
    .into_iter()
    .filter(has)
    .collect();
    if sources.len() >= 2 {
        if has(&ColumnKey::SUBTOTAL) {
            push(ColumnKey::SUBTOTAL, sources.clone());
            if has(&ColumnKey::CARRYOVER) {
                push(
                    ColumnKey::TOTAL,
                    vec![ColumnKey::SUBTOTAL, ColumnKey::CARRYOVER],
                );
            }
        } else {
            let mut parts = sources.clone();
            if has(&ColumnKey::CARRYOVER) {
                parts.push(ColumnKey::CARRYOVER);
            }
            push(ColumnKey::TOTAL, parts);
        }
    }
    let funds = vec![
        ColumnKey::GENERAL_PUBLIC,
        ColumnKey::GOVERNMENT_FUND,
        ColumnKey::STATE_CAPITAL,
    ];
    if has(&ColumnKey::FISCAL_APPROPRIATION) {
        push(ColumnKey::FISCAL_APPROPRIATION, funds.clone());
    } else if sources.is_empty() {
        push(ColumnKey::TOTAL, funds);
    }
    // 三公: 合计 = 出国 + 公务用车 + 接待; 公务用车 = 购置 + 运行.
    if has(&ColumnKey::OUTBOUND) {
        push(
            ColumnKey::TOTAL,
            vec![
                ColumnKey::OUTBOUND,
                ColumnKey::VEHICLE,
                ColumnKey::RECEPTION,
            ],
        );
        push(
            ColumnKey::VEHICLE,
            vec![ColumnKey::VEHICLE_PURCHASE, ColumnKey::VEHICLE_OPERATION],
        );
    }
    out
}
