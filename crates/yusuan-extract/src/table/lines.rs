//! What each line of a table's region is.

use super::*;

/// In tab-separated text a table row has cells; a line without any TAB is text after the table.
pub(super) fn positional_layout_break(row: &RawRow, layout: Layout) -> bool {
    layout == Layout::TabRows && row.cells.len() == 1 && parse_amount(&row.cells[0].text).is_none()
}

/// The heading of an explanation section (`其他相关情况说明`, `一、2025年“三公”经费预算情况说明`).
pub(super) fn is_section_heading(text: &str) -> bool {
    let t = squeeze(text);
    t.ends_with("说明")
        || t.ends_with("情况")
        || t.starts_with("第一部分")
        || t.starts_with("第二部分")
        || t.starts_with("第三部分")
        || t.starts_with("第四部分")
}

/// Layouts that space-separated text cannot carry faithfully: two lists printed side by side
/// (`科目名称 决算数 科目名称 决算数`), or every column split into 预算数/决算数 pairs.
pub(super) fn unreadable_layout(
    header_rows: &[RawRow],
    kind: TableKind,
    has_data: bool,
) -> Option<String> {
    for r in header_rows {
        let words: Vec<String> = r
            .cells
            .iter()
            .map(|c| squeeze(&c.text))
            .filter(|t| !t.is_empty())
            .collect();
        let count = |w: &str| words.iter().filter(|x| x.as_str() == w).count();
        if count("预算数") >= 2 && count("决算数") >= 2 && kind != TableKind::ThreePublic {
            return Some("每栏分预算数/决算数: the text does not say which category each pair of amounts belongs to".into());
        }
        // A 收入支出决算表 prints 合计 under both 本年收入 and 本年支出: text cannot tell which
        // amount is which (only when the table has rows; an empty one stays empty).
        if count("合计") >= 2 && !kind.is_two_sided() && has_data {
            return Some("two 合计 columns (本年收入 and 本年支出): the text does not say which amount belongs to which".into());
        }
        let names = words
            .iter()
            .filter(|w| is_name_label(w) || is_code_label(w))
            .count();
        let dup = words
            .iter()
            .any(|w| (is_name_label(w) || is_code_label(w)) && count(w) >= 2);
        if dup && names >= 2 && !kind.is_two_sided() {
            return Some("two lists printed side by side: the text interleaves their codes, names and amounts".into());
        }
    }
    None
}

/// A 决算 三公 table prints every category as a 预算数/决算数 pair.
pub(super) fn budget_actual_pairs(header_rows: &[RawRow]) -> bool {
    header_rows.iter().any(|r| {
        let words: Vec<String> = r.cells.iter().map(|c| squeeze(&c.text)).collect();
        let budget = words.iter().filter(|w| *w == "预算数").count();
        let actual = words.iter().filter(|w| *w == "决算数").count();
        budget >= 2 && budget == actual
    })
}

/// Splits each printed row of 预算数/决算数 pairs into a 预算数 row and a 决算数 row whose
/// columns are the categories. Only a row that prints every pair can be split: with blank
/// cells vanished, a shorter row cannot be placed and is reported instead.
pub(super) fn split_budget_actual(
    pending: Vec<Pending>,
    categories: usize,
    path: &str,
    notes: &mut Vec<ExtractionNote>,
) -> Vec<Pending> {
    let mut out = Vec::new();
    for p in pending {
        if p.values.len() != 2 * categories {
            notes.push(ExtractionNote {
                message: format!("预算数/决算数 row prints {} amounts for {categories} categories: columns unknown", p.values.len()),
                span: Span::line(path, p.page, p.line),
            });
            continue;
        }
        for (name, parity) in [("预算数", 0), ("决算数", 1)] {
            let values: Vec<(Decimal, Cell)> =
                p.values.iter().skip(parity).step_by(2).cloned().collect();
            out.push(Pending {
                seq: None,
                code: None,
                name: name.to_string(),
                side: None,
                placed: Some((0..values.len()).collect()),
                values,
                line: p.line,
                page: p.page,
            });
        }
    }
    out
}

/// 预算数/决算数 pairs in a positional layout: each category's 预算数 is in its column's cell, its
/// 决算数 in the cell after it. Each printed row gives a 预算数 row and a 决算数 row.
pub(super) fn positional_pairs(data: &[RawRow], slots: &[ColumnSlot]) -> Vec<Pending> {
    let mut out = Vec::new();
    for row in data {
        for (name, offset) in [("预算数", 0), ("决算数", 1)] {
            let mut values = Vec::new();
            let mut placed = Vec::new();
            for (ci, slot) in slots.iter().enumerate() {
                let Some(cell) = slot.index.and_then(|i| row.cells.get(i + offset)) else {
                    continue;
                };
                if let Some(a) = parse_amount(&cell.text) {
                    values.push((a.value, cell.clone()));
                    placed.push(ci);
                }
            }
            if values.is_empty() {
                continue;
            }
            out.push(Pending {
                seq: None,
                code: None,
                name: name.to_string(),
                side: None,
                values,
                placed: Some(placed),
                line: row.line,
                page: row.page,
            });
        }
    }
    out
}

pub(super) fn row_end(row: &RawRow) -> u32 {
    row.cells.iter().map(|c| c.line).max().unwrap_or(row.line)
}

/// `单位：万元`, `单位:元`, `编制部门：… 单位：元`, `金额单位：万元`.
pub fn unit_in(text: &str) -> Option<MoneyUnit> {
    let t = squeeze(text);
    // `编制单位：上海市财政局 单位：元`: the unit follows the last `单位：`.
    for (pos, _) in t
        .match_indices("单位")
        .collect::<Vec<_>>()
        .into_iter()
        .rev()
    {
        // `;` for `:` in a scan.
        let rest = t[pos + "单位".len()..].trim_start_matches(['：', ':', ';', '；']);
        if rest.starts_with("万元") {
            return Some(MoneyUnit::WanYuan);
        }
        if rest.starts_with('元') {
            return Some(MoneyUnit::Yuan);
        }
    }
    None
}

pub(super) fn is_note(text: &str) -> bool {
    let t = text.trim_start();
    t.starts_with("注：")
        || t.starts_with("注:")
        || t.starts_with("说明：")
        || t.starts_with("备注")
}

/// A line explaining a table (`说明：…`, `注…`), read after its first note.
pub(super) fn is_explanation(text: &str) -> bool {
    let t = text.trim_start();
    t.starts_with("说明") || t.starts_with('注') || t.starts_with("备注")
}

pub(super) fn says_empty(text: &str) -> bool {
    text.contains("空表") || text.contains("无数据") || text.contains("无") || text.contains("没有")
}

/// A sentence of the explanation: the table has ended.
pub(super) fn is_prose(text: &str) -> bool {
    text.contains('。') || (text.contains('，') && text.chars().count() > 30)
}

/// Lines that repeat who and when (`502 邯郸市…局`, `预算年度：2022`, `编制部门：…`, `2024`).
pub(super) fn is_meta(text: &str) -> bool {
    let t = squeeze(text);
    if t.starts_with("预算年度")
        || t.starts_with("编制部门")
        || t.starts_with("编制单位")
        || t.starts_with("部门名称")
    {
        return true;
    }
    if t.len() == 4 && t.chars().all(|c| c.is_ascii_digit()) {
        return true;
    }
    // `502 邯郸市住房保障和房产管理局`: a code and a name with no amount.
    let mut parts = text.split_whitespace();
    if let (Some(code), Some(name), None) = (parts.next(), parts.next(), parts.next()) {
        if code.chars().all(|c| c.is_ascii_digit())
            && (3..=9).contains(&code.len())
            && is_org_name(name)
        {
            return true;
        }
    }
    false
}

/// A department or unit name by its ending (局, 委员会, 办公室, 中心, 街道 …).
pub fn is_org_name(name: &str) -> bool {
    const ENDINGS: &[&str] = &[
        "局",
        "委",
        "委员会",
        "办",
        "办公室",
        "院",
        "中心",
        "街道",
        "镇",
        "乡",
        "部",
        "厅",
        "室",
        "会",
        "所",
        "站",
        "队",
        "馆",
        "校",
        "学",
        "处",
        "署",
        "司",
        "社",
        "团",
        "联",
        "本级",
        "机关",
    ];
    name.chars().count() >= 3 && ENDINGS.iter().any(|e| name.ends_with(e))
}

/// Words that only headers use.
/// Words that only headers use. `loose` also accepts any short caption ending like a header
/// (`一般公共预算支出`, `功能分类科目`) — only before the first data row, where a name fragment
/// (`业支出`) cannot occur.
pub(super) fn is_header_word(token: &str, kind: TableKind, loose: bool) -> bool {
    let t = squeeze(token);
    if t.is_empty() {
        return true;
    }
    if starts_with_enumeration(&t) || parse_code(&t).is_some() {
        return false;
    }
    if classify(&t, kind).is_some() || is_seq_label(&t) || is_code_label(&t) || is_name_label(&t) {
        return true;
    }
    const WORDS: &[&str] = &[
        "收入",
        "支出",
        "本年收入",
        "本年支出",
        "类款项",
        "资金性质",
        "栏次",
        "档次",
    ];
    let side_word = matches!(t.as_str(), "收入" | "支出" | "本年收入" | "本年支出");
    if (WORDS.contains(&t.as_str()) && (loose || !side_word))
        || (!kind.is_two_sided() && matches!(t.as_str(), "类" | "款" | "项"))
    {
        return true;
    }
    loose
        && t.chars().count() <= 12
        && !t.chars().any(|c| c.is_ascii_digit())
        && (t.ends_with("预算")
            || t.ends_with("决算")
            || t.contains("科目")
            || t.ends_with("收入")
            || t.ends_with("支出"))
        && !t.contains("、")
}

pub(super) fn starts_with_enumeration(t: &str) -> bool {
    let mut chars = t.chars();
    let first = chars.next();
    let second = chars.next();
    matches!(
        first,
        Some('一' | '二' | '三' | '四' | '五' | '六' | '七' | '八' | '九' | '十')
    ) && second.is_some_and(|c| c == '、' || "一二三四五六七八九十".contains(c))
        || parenthesised_numeral(t)
        || (first.is_some_and(|c| c.is_ascii_digit())
            && second.is_some_and(|c| matches!(c, '、' | '.' | '．')))
        || t.starts_with("其中")
}

/// `（一）`, `(2)`: a numbered item, not `（境）费`.
pub(super) fn parenthesised_numeral(t: &str) -> bool {
    let Some(rest) = t.strip_prefix('（').or_else(|| t.strip_prefix('(')) else {
        return false;
    };
    let inner: String = rest
        .chars()
        .take_while(|c| *c != '）' && *c != ')')
        .collect();
    !inner.is_empty()
        && inner.chars().count() <= 3
        && inner
            .chars()
            .all(|c| c.is_ascii_digit() || "一二三四五六七八九十".contains(c))
        && rest[inner.len()..].starts_with(['）', ')'])
}

pub(super) fn is_header_row(row: &RawRow, kind: TableKind, before_data: bool) -> bool {
    let cells: Vec<&Cell> = row
        .cells
        .iter()
        .filter(|c| !c.text.trim().is_empty())
        .collect();
    let Some(first) = cells.first() else {
        return false;
    };
    if is_seq_label(&first.text) {
        return true; // 栏次 1 2 3 … / 序号 …
    }
    let has_amount = cells
        .iter()
        .any(|c| parse_amount(&c.text).is_some_and(|a| !is_small_int(&c.text) || a.dash));
    if has_amount || (row.positional && parse_seq(&first.text).is_some()) {
        return false;
    }
    // In a summary table a lone `支出` after the data is the tail of a wrapped label, not a header.
    let lone_after_data = kind.is_two_sided() && !before_data && cells.len() < 2;
    if !lone_after_data
        && cells
            .iter()
            .all(|c| is_header_word(&c.text, kind, before_data))
    {
        return true;
    }
    // Before the first data row, broken header words (`预`, `款`, `财 算`) are header too, but not a
    // label of a summary table (`二、事业收入`) nor a code.
    before_data
        && !is_total_name(&first.text)
        && cells.iter().all(|c| {
            let t = squeeze(&c.text);
            !starts_with_enumeration(&t) && parse_code(&t).is_none()
        })
}

/// A row that prints a code and amounts but no name.
pub(super) fn starts_nameless(row: &RawRow) -> bool {
    let mut cells = row.cells.iter().map(|c| c.text.trim());
    let first_is_code = cells.next().is_some_and(|t| parse_code(t).is_some());
    first_is_code
        && row
            .cells
            .iter()
            .skip(1)
            .all(|c| parse_amount(&c.text).is_some() || is_small_int(&c.text))
}

pub(super) fn is_small_int(text: &str) -> bool {
    let t = text.trim();
    !t.is_empty() && t.len() <= 2 && t.chars().all(|c| c.is_ascii_digit())
}
