//! Header rows → columns; the column orders space-separated text allows.

use super::*;

pub(super) fn positional_columns(
    header_rows: &[RawRow],
    kind: TableKind,
) -> (Vec<ColumnSlot>, Roles) {
    let width = header_rows.iter().map(|r| r.cells.len()).max().unwrap_or(0);
    let mut roles = Roles::default();
    let mut slots = Vec::new();
    let two_sided = kind.is_two_sided();
    let mut side: Option<Side> = None;
    let mut side_at: Vec<Option<Side>> = vec![None; width];
    if two_sided {
        if let Some(top) = header_rows
            .iter()
            .find(|r| r.text().contains("收入") || r.text().contains("支出"))
        {
            for (i, slot) in side_at.iter_mut().enumerate() {
                let t = top
                    .cells
                    .get(i)
                    .map(|c| squeeze(&c.text))
                    .unwrap_or_default();
                if t.contains("支出") {
                    side = Some(Side::Expenditure);
                } else if t.contains("收入") {
                    side = Some(Side::Income);
                }
                *slot = side;
            }
        }
    }
    for (i, &side_of_column) in side_at.iter().enumerate() {
        // The 栏次 row numbers the columns (`栏次 1 2 3`): it names none of them.
        let labels: Vec<String> = header_rows
            .iter()
            .filter(|r| {
                !r.cells
                    .first()
                    .is_some_and(|c| is_seq_label(&c.text) && squeeze(&c.text) != "序号")
            })
            .filter_map(|r| r.cells.get(i))
            .map(|c| c.text.trim().to_string())
            .filter(|t| !t.is_empty())
            .collect();
        if labels.is_empty() {
            continue;
        }
        let label = labels.join("/");
        if labels.iter().any(|l| is_seq_label(l)) {
            roles.seq = Some(i);
            continue;
        }
        // 款 and 项 columns right after the code column (类): the code in one column per level.
        let last_code = roles.code_parts.last().copied().or(roles.code);
        if last_code.is_some_and(|c| c + 1 == i)
            && labels
                .iter()
                .all(|l| matches!(squeeze(l).as_str(), "款" | "项"))
        {
            roles.code_parts.push(i);
            continue;
        }
        if labels.iter().any(|l| is_code_label(l)) {
            roles.code = Some(i);
            continue;
        }
        let bottom = labels.last().map(String::as_str).unwrap_or("");
        if is_name_label(bottom) {
            roles.names.push((side_of_column, i));
            continue;
        }
        // The most specific header word wins: the lowest header cell that names a column.
        let key = labels.iter().rev().find_map(|l| classify(l, kind));
        if let Some(key) = key {
            let side = side_of_column;
            let key = if slots
                .iter()
                .any(|s: &ColumnSlot| s.key == key && s.side == side)
            {
                ColumnKey::positional(slots.len() + 1)
            } else {
                key
            };
            slots.push(ColumnSlot {
                key,
                label,
                side,
                index: Some(i),
            });
        } else if labels.iter().any(|l| is_name_label(l)) {
            roles.names.push((side_of_column, i));
        }
    }
    (slots, roles)
}

pub(super) fn spaced_columns(
    header_rows: &[RawRow],
    kind: TableKind,
) -> (Vec<ColumnSlot>, Roles, Vec<Vec<usize>>) {
    // Each header line's column words, in printed order.
    let mut per_line: Vec<Vec<(ColumnKey, String)>> = Vec::new();
    for r in header_rows {
        let mut words = Vec::new();
        for c in &r.cells {
            if let Some(k) = classify(&c.text, kind) {
                if spaced_header_word_counts(&c.text, &k, kind) {
                    words.push((k, c.text.trim().to_string()));
                }
            }
        }
        per_line.push(words);
    }
    let mut keys: Vec<(ColumnKey, String)> = Vec::new();
    if kind.is_two_sided() {
        // Income side: the first amount word; expenditure: the rest.
        let all: Vec<(ColumnKey, String)> = per_line.concat();
        let mut slots = Vec::new();
        let first_amount = all.iter().position(|(k, _)| is_single_amount(k));
        if let Some(p) = first_amount {
            let (k, l) = &all[p];
            slots.push(ColumnSlot {
                key: k.clone(),
                label: l.clone(),
                side: Some(Side::Income),
                index: None,
            });
            let rest: Vec<(ColumnKey, String)> = all
                .iter()
                .enumerate()
                .filter(|(i, _)| *i != p)
                .map(|(_, x)| x.clone())
                .collect();
            let detailed = rest.iter().any(|(k, _)| !is_single_amount(k));
            let mut exp: Vec<(ColumnKey, String)> = Vec::new();
            for (k, l) in rest {
                if detailed && is_single_amount(&k) {
                    continue;
                }
                if !exp.iter().any(|(e, _)| *e == k) {
                    exp.push((k, l));
                }
            }
            drop_group_headers(&mut exp);
            exp.sort_by_key(|(k, _)| header::canonical_rank(k));
            for (k, l) in exp {
                slots.push(ColumnSlot {
                    key: k,
                    label: l,
                    side: Some(Side::Expenditure),
                    index: None,
                });
            }
        }
        return (slots, Roles::default(), Vec::new());
    }
    // Base order: the header line naming the most columns; words from other lines are inserted
    // where the usual order of the template puts them.
    let base_idx = (0..per_line.len()).max_by_key(|i| (per_line[*i].len(), usize::MAX - *i));
    let mut base: Vec<ColumnKey> = Vec::new();
    let mut groups: Vec<Vec<ColumnKey>> = Vec::new();
    if let Some(b) = base_idx {
        for w in &per_line[b] {
            if !keys.iter().any(|(k, _)| *k == w.0) {
                keys.push(w.clone());
                base.push(w.0.clone());
            }
        }
        for (i, line) in per_line.iter().enumerate() {
            if i == b {
                continue;
            }
            let mut group = Vec::new();
            for w in line {
                if !base.contains(&w.0) && !group.contains(&w.0) {
                    group.push(w.0.clone());
                }
                if keys.iter().any(|(k, _)| *k == w.0) {
                    continue;
                }
                let rank = header::canonical_rank(&w.0);
                let at = keys
                    .iter()
                    .position(|(k, _)| header::canonical_rank(k) > rank)
                    .unwrap_or(keys.len());
                keys.insert(at, w.clone());
            }
            if !group.is_empty() {
                groups.push(group);
            }
        }
    }
    drop_group_headers(&mut keys);
    let slots: Vec<ColumnSlot> = keys
        .into_iter()
        .map(|(key, label)| ColumnSlot {
            key,
            label,
            side: None,
            index: None,
        })
        .collect();
    let orders = column_orders(&slots, &base, &groups);
    (slots, Roles::default(), orders)
}

/// The column orders a space-separated header allows. Words of the header line that names the
/// most columns keep their order; the words of each other line (a group printed above or below,
/// e.g. `小计 购置费 运行费` under `公务用车购置及运行费`) keep theirs, but where the group
/// stands among the base words the text does not say: every position is a possible order.
/// Returns slot indices in printed order, the canonical guess first; at most [`MAX_ORDERS`].
pub(super) fn column_orders(
    slots: &[ColumnSlot],
    base: &[ColumnKey],
    groups: &[Vec<ColumnKey>],
) -> Vec<Vec<usize>> {
    let primary: Vec<usize> = (0..slots.len()).collect();
    // Only columns that survived (group headers dropped); a group inside another is the same.
    let groups: Vec<Vec<ColumnKey>> = groups
        .iter()
        .map(|g| {
            g.iter()
                .filter(|k| slots.iter().any(|s| &s.key == *k))
                .cloned()
                .collect::<Vec<_>>()
        })
        .filter(|g| !g.is_empty())
        .collect();
    let groups: Vec<&Vec<ColumnKey>> = groups
        .iter()
        .enumerate()
        .filter(|(i, g)| {
            !groups
                .iter()
                .enumerate()
                .any(|(j, h)| j != *i && h.len() > g.len() && g.iter().all(|k| h.contains(k)))
        })
        .map(|(_, g)| g)
        .collect();
    let mut orders: Vec<Vec<ColumnKey>> = vec![base.to_vec()];
    for group in groups {
        let mut next = Vec::new();
        for order in &orders {
            for gap in 0..=order.len() {
                let mut o = order.clone();
                for (j, k) in group.iter().enumerate() {
                    o.insert(gap + j, k.clone());
                }
                next.push(o);
            }
        }
        orders = next;
        if orders.len() > MAX_ORDERS {
            return vec![primary];
        }
    }
    let mut out = vec![primary.clone()];
    for order in orders {
        let idx: Vec<usize> = order
            .iter()
            .filter_map(|k| slots.iter().position(|s| &s.key == k))
            .collect();
        if idx.len() == slots.len() && !out.contains(&idx) {
            out.push(idx);
        }
    }
    out
}

/// At most this many column orders are tried for one table.
pub(super) const MAX_ORDERS: usize = 64;

/// In space-separated text a header word's cell span is lost, so words that caption a group of
/// columns (`一般公共预算支出` above 合计/基本支出/项目支出, `财政拨款收入` above the income half of
/// a summary) look like columns. They are recognised by meaning: a fund that the title already
/// names, a side caption, or 基本支出 above 人员经费/公用经费.
pub(super) fn spaced_header_word_counts(text: &str, key: &ColumnKey, kind: TableKind) -> bool {
    let t = squeeze(text);
    let fund = [
        ColumnKey::GENERAL_PUBLIC,
        ColumnKey::GOVERNMENT_FUND,
        ColumnKey::STATE_CAPITAL,
        ColumnKey::FISCAL_APPROPRIATION,
    ];
    match kind {
        TableKind::GeneralPublicExpenditure
        | TableKind::GovernmentFundExpenditure
        | TableKind::StateCapitalExpenditure
        | TableKind::BasicExpenditure => {
            let caption_of_basic = kind == TableKind::BasicExpenditure
                && t.contains("预算")
                && *key == ColumnKey::BASIC;
            !(fund.contains(key) || caption_of_basic)
        }
        TableKind::IncomeExpenseSummary | TableKind::FiscalSummary => {
            let side_caption = (t.ends_with("收入") || t.ends_with("支出"))
                && *key != ColumnKey::PROJECT
                && *key != ColumnKey::BASIC;
            !side_caption
                && [
                    ColumnKey::AMOUNT,
                    ColumnKey::BUDGET,
                    ColumnKey::ACTUAL,
                    ColumnKey::TOTAL,
                    ColumnKey::GENERAL_PUBLIC,
                    ColumnKey::GOVERNMENT_FUND,
                    ColumnKey::STATE_CAPITAL,
                    ColumnKey::BASIC,
                    ColumnKey::PERSONNEL,
                    ColumnKey::PUBLIC_USE,
                    ColumnKey::PROJECT,
                ]
                .contains(key)
        }
        // The categories are the columns; `财政拨款“三公”经费` above them is a caption.
        TableKind::ThreePublic => {
            !is_single_amount(key)
                && ![
                    ColumnKey::GENERAL_PUBLIC,
                    ColumnKey::GOVERNMENT_FUND,
                    ColumnKey::STATE_CAPITAL,
                    ColumnKey::FISCAL_APPROPRIATION,
                ]
                .contains(key)
        }
        _ => true,
    }
}

pub(super) fn is_single_amount(k: &ColumnKey) -> bool {
    *k == ColumnKey::AMOUNT || *k == ColumnKey::ACTUAL || *k == ColumnKey::BUDGET
}

/// 基本支出 printed above 人员经费 and 公用经费 is a group header, not a column of its own (in
/// space-separated text the group's cell has no amount of its own).
pub(super) fn drop_group_headers(keys: &mut Vec<(ColumnKey, String)>) {
    let has = |k: &ColumnKey, keys: &Vec<(ColumnKey, String)>| keys.iter().any(|(x, _)| x == k);
    if has(&ColumnKey::BASIC, keys)
        && has(&ColumnKey::PERSONNEL, keys)
        && has(&ColumnKey::PUBLIC_USE, keys)
        && has(&ColumnKey::PROJECT, keys)
    {
        keys.retain(|(k, _)| *k != ColumnKey::BASIC);
    }
    if has(&ColumnKey::SUBTOTAL, keys)
        && !has(&ColumnKey::CARRYOVER, keys)
        && has(&ColumnKey::TOTAL, keys)
    {
        keys.retain(|(k, _)| *k != ColumnKey::SUBTOTAL);
    }
}
