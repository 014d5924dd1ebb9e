//! Parsing one standard table from its region of lines: header → columns, rows → cells.

use std::collections::BTreeMap;

use rust_decimal::Decimal;
use yusuan_model::{
    Column, ColumnKey, ExtractionNote, MoneyUnit, Row, Side, Span, Table, TableKind,
};
use yusuan_read::Line;

use crate::amount::{parse_amount, parse_code, parse_seq};
use crate::header::{self, classify, is_code_label, is_name_label, is_seq_label, squeeze};
use crate::layout::{self, Cell, Layout, RawRow};
use crate::placement;

/// A table found in a document, before merging continuations.
pub struct Parsed {
    pub table: Table,
    pub notes: Vec<ExtractionNote>,
}

/// Where each column of a positional header sits.
#[derive(Debug, Clone)]
struct ColumnSlot {
    key: ColumnKey,
    label: String,
    side: Option<Side>,
    /// Cell index in positional layouts.
    index: Option<usize>,
}

#[derive(Debug, Default, Clone)]
struct Roles {
    seq: Option<usize>,
    code: Option<usize>,
    /// Name cell per side (`None` side for one-sided tables).
    names: Vec<(Option<Side>, usize)>,
}

/// A label of a summary table with the amounts printed after it, and its line.
type Segment = (String, Vec<(Decimal, Cell)>, u32);

/// A row's placement under one column order: slot → value, the slot of each printed value, and
/// the uncertain slots.
type SlotPlacement = (BTreeMap<usize, Decimal>, Vec<usize>, Vec<usize>);

/// A row before its amounts are placed into columns.
struct Pending {
    seq: Option<u32>,
    code: Option<String>,
    name: String,
    side: Option<Side>,
    /// Amounts in printed order, with the cell each came from.
    values: Vec<(Decimal, Cell)>,
    /// For positional rows: the column index of each value, already known.
    placed: Option<Vec<usize>>,
    line: u32,
    page: Option<u32>,
}

/// Evidence from elsewhere in the document about which columns are blank.
#[derive(Debug, Clone, Default)]
pub struct Hints {
    /// Columns that are blank in the table's total row (合计), e.g. the income sources that the
    /// 收支总表 prints blank.
    pub total_row_blank: Vec<ColumnKey>,
}

pub fn parse(
    path: &str,
    kind: TableKind,
    title_line: &Line,
    region: &[Line],
    hints: &Hints,
) -> Option<Parsed> {
    let layout = layout::detect(region);
    let raw = layout::rows(region, layout);
    let mut notes = Vec::new();
    let mut unit = None;
    let mut header_rows: Vec<RawRow> = Vec::new();
    let mut data: Vec<RawRow> = Vec::new();
    let mut empty_note = None;
    let mut end_line = title_line.number;
    for row in raw {
        let text = row.text();
        if text.is_empty() {
            continue;
        }
        if let Some(u) = unit_in(&text) {
            unit = unit.or(Some(u));
            end_line = row_end(&row);
            continue;
        }
        if is_note(&text) {
            if says_empty(&text) {
                empty_note = Some(text.clone());
            }
            end_line = row_end(&row);
            break;
        }
        if is_prose(&text) {
            break;
        }
        if is_meta(&text) {
            end_line = row_end(&row);
            continue;
        }
        if positional_layout_break(&row, layout) || is_section_heading(&text) {
            break;
        }
        if is_header_row(&row, kind, data.is_empty()) {
            if data.is_empty() {
                header_rows.push(row.clone());
            }
            end_line = row_end(&row);
            continue;
        }
        // The first row printed without a name (`208 754.75 754.75 0.00`) takes the text line
        // above it as the start of its name, even though that line looked like header text.
        if data.is_empty() && layout == Layout::Spaced && starts_nameless(&row) {
            if let Some(last) = header_rows.last() {
                if !last
                    .cells
                    .iter()
                    .all(|c| is_header_word(&c.text, kind, false))
                {
                    let prefix = header_rows.pop().expect("checked above");
                    data.push(prefix);
                }
            }
        }
        end_line = row_end(&row);
        data.push(row);
    }
    let positional = layout != Layout::Spaced;
    let (slots, roles, orders) = if positional {
        let (slots, roles) = positional_columns(&header_rows, kind);
        (slots, roles, Vec::new())
    } else {
        spaced_columns(&header_rows, kind)
    };
    if std::env::var_os("YUSUAN_DEBUG").is_some() {
        eprintln!(
            "{kind}: layout {layout:?}, {} header rows, {} data rows, columns {:?}",
            header_rows.len(),
            data.len(),
            slots.iter().map(|s| s.key.as_str()).collect::<Vec<_>>()
        );
    }
    if slots.is_empty() {
        return None;
    }
    let mut unreadable = if positional {
        None
    } else {
        unreadable_layout(&header_rows, kind)
    };
    if let Some(reason) = &unreadable {
        notes.push(ExtractionNote {
            message: format!("《{}》: {reason}", title_line.text.trim()),
            span: Span::line(path, title_line.page, title_line.number),
        });
    }
    let rows = if unreadable.is_some() {
        Vec::new()
    } else {
        let mut pending = if positional {
            positional_rows(&data, &slots, &roles, kind, path, &mut notes)
        } else {
            spaced_rows(&data, kind, path, &mut notes)
        };
        if kind == TableKind::ThreePublic && budget_actual_pairs(&header_rows) {
            let printed = pending.len();
            pending = split_budget_actual(pending, slots.len(), path, &mut notes);
            if pending.len() < 2 * printed {
                unreadable = Some("预算数/决算数 pairs with blank cells: the text does not say which category each amount belongs to".to_string());
                pending.clear();
            }
        }
        repair_code_tails(&mut pending, path, &mut notes);
        let mut hints = hints.clone();
        if kind == TableKind::FiscalSummary {
            hints
                .total_row_blank
                .extend(blank_funds_of_income_side(&pending));
        }
        place_and_build(pending, &slots, &orders, kind, path, &hints, &mut notes)
    };
    let empty = rows.iter().all(|r| r.cells.is_empty()) && unreadable.is_none();
    let rows = if empty { Vec::new() } else { rows };
    let columns = slots
        .iter()
        .map(|s| Column {
            key: s.key.clone(),
            label: s.label.clone(),
            side: s.side,
        })
        .collect();
    let table = Table {
        kind,
        title: title_line.text.trim().to_string(),
        unit,
        columns,
        rows,
        empty,
        empty_note,
        unreadable,
        span: Span::line(path, title_line.page, title_line.number),
        end_line,
    };
    Some(Parsed { table, notes })
}

/// In tab-separated text a table row has cells; a line without any TAB is text after the table.
fn positional_layout_break(row: &RawRow, layout: Layout) -> bool {
    layout == Layout::TabRows && row.cells.len() == 1 && parse_amount(&row.cells[0].text).is_none()
}

/// The heading of an explanation section (`其他相关情况说明`, `一、2025年“三公”经费预算情况说明`).
fn is_section_heading(text: &str) -> bool {
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
fn unreadable_layout(header_rows: &[RawRow], kind: TableKind) -> Option<String> {
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
fn budget_actual_pairs(header_rows: &[RawRow]) -> bool {
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
fn split_budget_actual(
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

fn row_end(row: &RawRow) -> u32 {
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
        let rest = t[pos + "单位".len()..].trim_start_matches(['：', ':']);
        if rest.starts_with("万元") {
            return Some(MoneyUnit::WanYuan);
        }
        if rest.starts_with('元') {
            return Some(MoneyUnit::Yuan);
        }
    }
    None
}

fn is_note(text: &str) -> bool {
    let t = text.trim_start();
    t.starts_with("注：")
        || t.starts_with("注:")
        || t.starts_with("说明：")
        || t.starts_with("备注")
}

fn says_empty(text: &str) -> bool {
    text.contains("空表") || text.contains("无") || text.contains("没有")
}

/// A sentence of the explanation: the table has ended.
fn is_prose(text: &str) -> bool {
    text.contains('。') || (text.contains('，') && text.chars().count() > 30)
}

/// Lines that repeat who and when (`502 邯郸市…局`, `预算年度：2022`, `编制部门：…`, `2024`).
fn is_meta(text: &str) -> bool {
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
fn is_header_word(token: &str, kind: TableKind, loose: bool) -> bool {
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

fn starts_with_enumeration(t: &str) -> bool {
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
fn parenthesised_numeral(t: &str) -> bool {
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

fn is_header_row(row: &RawRow, kind: TableKind, before_data: bool) -> bool {
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
fn starts_nameless(row: &RawRow) -> bool {
    let mut cells = row.cells.iter().map(|c| c.text.trim());
    let first_is_code = cells.next().is_some_and(|t| parse_code(t).is_some());
    first_is_code
        && row
            .cells
            .iter()
            .skip(1)
            .all(|c| parse_amount(&c.text).is_some() || is_small_int(&c.text))
}

fn is_small_int(text: &str) -> bool {
    let t = text.trim();
    !t.is_empty() && t.len() <= 2 && t.chars().all(|c| c.is_ascii_digit())
}

// ---------------------------------------------------------------- header → columns

fn positional_columns(header_rows: &[RawRow], kind: TableKind) -> (Vec<ColumnSlot>, Roles) {
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
        let labels: Vec<String> = header_rows
            .iter()
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

fn spaced_columns(
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
fn column_orders(
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
const MAX_ORDERS: usize = 64;

/// In space-separated text a header word's cell span is lost, so words that caption a group of
/// columns (`一般公共预算支出` above 合计/基本支出/项目支出, `财政拨款收入` above the income half of
/// a summary) look like columns. They are recognised by meaning: a fund that the title already
/// names, a side caption, or 基本支出 above 人员经费/公用经费.
fn spaced_header_word_counts(text: &str, key: &ColumnKey, kind: TableKind) -> bool {
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

fn is_single_amount(k: &ColumnKey) -> bool {
    *k == ColumnKey::AMOUNT || *k == ColumnKey::ACTUAL || *k == ColumnKey::BUDGET
}

/// 基本支出 printed above 人员经费 and 公用经费 is a group header, not a column of its own (in
/// space-separated text the group's cell has no amount of its own).
fn drop_group_headers(keys: &mut Vec<(ColumnKey, String)>) {
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

// ---------------------------------------------------------------- rows

fn total_names() -> &'static [&'static str] {
    &[
        "合计",
        "总计",
        "本年收入合计",
        "本年支出合计",
        "收入总计",
        "支出总计",
        "收入合计",
        "支出合计",
        "本年合计",
    ]
}

fn is_total_name(name: &str) -> bool {
    let t = squeeze(name);
    total_names().contains(&t.as_str())
}

fn positional_rows(
    data: &[RawRow],
    slots: &[ColumnSlot],
    roles: &Roles,
    kind: TableKind,
    path: &str,
    notes: &mut Vec<ExtractionNote>,
) -> Vec<Pending> {
    let mut out = Vec::new();
    let sides: Vec<Option<Side>> = if kind.is_two_sided() {
        vec![Some(Side::Income), Some(Side::Expenditure)]
    } else {
        vec![None]
    };
    for row in data {
        let seq = roles
            .seq
            .and_then(|i| row.cells.get(i))
            .and_then(|c| parse_seq(&c.text));
        let code_cell = roles.code.and_then(|i| row.cells.get(i));
        let code_text = code_cell
            .map(|c| c.text.trim().to_string())
            .unwrap_or_default();
        let code = parse_code(&code_text);
        for side in &sides {
            let name_idx = roles
                .names
                .iter()
                .find(|(s, _)| s == side || side.is_none())
                .map(|(_, i)| *i);
            let mut name = name_idx
                .and_then(|i| row.cells.get(i))
                .map(|c| c.text.trim().to_string())
                .unwrap_or_default();
            // A code tail (`09`) printed alone in the code column after a page break.
            if code.is_none() && !code_text.is_empty() && side.is_none() {
                if code_text.len() <= 2
                    && code_text.chars().all(|c| c.is_ascii_digit())
                    && name.is_empty()
                {
                    name = format!("\u{0}{code_text}");
                } else if name.is_empty() {
                    name = code_text.clone();
                }
            }
            let mut values = Vec::new();
            let mut placed = Vec::new();
            for (ci, slot) in slots.iter().enumerate() {
                if slot.side != *side {
                    continue;
                }
                let Some(cell) = slot.index.and_then(|i| row.cells.get(i)) else {
                    continue;
                };
                if cell.text.trim().is_empty() {
                    continue;
                }
                match parse_amount(&cell.text) {
                    Some(a) => {
                        values.push((a.value, cell.clone()));
                        placed.push(ci);
                    }
                    None => notes.push(note(
                        path,
                        cell,
                        format!(
                            "cell `{}` under `{}` is not an amount",
                            cell.text.trim(),
                            slot.label
                        ),
                    )),
                }
            }
            // Cells outside every known column.
            if side.is_none() || *side == Some(Side::Expenditure) {
                for (i, cell) in row.cells.iter().enumerate() {
                    let known = Some(i) == roles.seq
                        || Some(i) == roles.code
                        || roles.names.iter().any(|(_, n)| *n == i)
                        || slots.iter().any(|s| s.index == Some(i));
                    if !known && !cell.text.trim().is_empty() {
                        notes.push(note(
                            path,
                            cell,
                            format!("cell `{}` is outside the table's columns", cell.text.trim()),
                        ));
                    }
                }
            }
            if name.is_empty() && values.is_empty() && (side.is_some() || code.is_none()) {
                continue;
            }
            out.push(Pending {
                seq,
                code: if side.is_some() { None } else { code.clone() },
                name,
                side: *side,
                values,
                placed: Some(placed),
                line: row.line,
                page: row.page,
            });
        }
    }
    out
}

fn spaced_rows(
    data: &[RawRow],
    kind: TableKind,
    path: &str,
    notes: &mut Vec<ExtractionNote>,
) -> Vec<Pending> {
    let mut out: Vec<Pending> = Vec::new();
    let mut pending_text: Vec<(String, u32)> = Vec::new();
    let mut centred_names = false;
    let mut last_wrapped = false;
    for row in data {
        let cells = &row.cells;
        if kind.is_two_sided() {
            // Segments: a label and the amounts that follow it.
            let mut segments: Vec<Segment> = Vec::new();
            for c in cells {
                match parse_amount(&c.text) {
                    Some(a) if !segments.is_empty() || !c.text.contains('、') => {
                        if segments.is_empty() {
                            segments.push((String::new(), Vec::new(), row.line));
                        }
                        segments.last_mut().unwrap().1.push((a.value, c.clone()));
                    }
                    _ => segments.push((c.text.trim().to_string(), Vec::new(), row.line)),
                }
            }
            // Amounts on a line of their own, between the two halves of a wrapped label
            // (`四、文化旅游体育与传媒` / `200,000 200,000` / `支出`): they belong to that label.
            if segments.len() == 1 && segments[0].0.is_empty() {
                let start = out.len().saturating_sub(2);
                if let Some(target) = (start..out.len())
                    .rev()
                    .find(|&j| out[j].values.is_empty() && !label_is_complete(&out[j].name))
                {
                    let values = std::mem::take(&mut segments[0].1);
                    out[target].values = values;
                    continue;
                }
            }
            // A fragment of a label wrapped by the column width (`二、政府性基金预算财政拨` / `款`):
            // no enumeration, no amount, alone on its line; it completes the last unfinished label.
            if segments.len() == 1
                && segments[0].1.is_empty()
                && !starts_with_enumeration(&segments[0].0)
                && item_of(kind, Some(side_of_label(&segments[0].0)), &segments[0].0).is_none()
            {
                let fragment = segments[0].0.clone();
                let start = out.len().saturating_sub(4);
                if let Some(target) = (start..out.len())
                    .rev()
                    .find(|&j| !label_is_complete(&out[j].name))
                {
                    out[target].name.push_str(&fragment);
                    continue;
                }
            }
            let n = segments.len();
            for (i, (label, values, line)) in segments.into_iter().enumerate() {
                let side = if n >= 2 {
                    if i == 0 {
                        Side::Income
                    } else {
                        Side::Expenditure
                    }
                } else {
                    lone_label_side(&label, &out)
                };
                out.push(Pending {
                    seq: None,
                    code: None,
                    name: label,
                    side: Some(side),
                    values,
                    placed: None,
                    line,
                    page: row.page,
                });
            }
            continue;
        }
        // The code area: the plain digit groups printed before the name (`201 03 01`).
        let mut i = 0;
        let mut code: Option<String> = None;
        let has_name = cells.iter().any(|c| parse_amount(&c.text).is_none());
        let mut digits = 0;
        while digits < cells.len() && is_digit_group(&cells[digits].text) {
            digits += 1;
        }
        if digits > 0 {
            let printed: Vec<&str> = cells[..digits].iter().map(|c| c.text.trim()).collect();
            // Without a name the leading groups are a code only if they form one (`201 03 99`
            // with its name wrapped around the line); otherwise they are amounts.
            let mut as_code = None;
            for end in (1..=digits).rev() {
                if let Some(c) = parse_code(&printed[..end].join(" ")) {
                    as_code = Some((c, end));
                    break;
                }
            }
            // Amounts printed with separators or decimals cannot be code digits.
            let rest_formatted = cells[digits..].iter().all(|c| c.text.contains(['.', ',']));
            match as_code {
                Some((c, end))
                    if has_name
                        || end >= 2
                        || !pending_text.is_empty()
                        || (rest_formatted && digits == end) =>
                {
                    code = Some(c);
                    i = if has_name { digits } else { end };
                    if has_name && end < digits {
                        notes.push(ExtractionNote {
                            message: format!(
                                "`{}` is not a classification code (digits lost in the text?)",
                                printed.join(" ")
                            ),
                            span: cell_span(path, &cells[0]),
                        });
                        code = None;
                    }
                }
                _ if has_name => {
                    i = digits;
                    notes.push(ExtractionNote {
                        message: format!(
                            "`{}` is not a classification code (digits lost in the text?)",
                            printed.join(" ")
                        ),
                        span: cell_span(path, &cells[0]),
                    });
                }
                _ => {}
            }
        }
        let mut name = String::new();
        while i < cells.len() && parse_amount(&cells[i].text).is_none() {
            name.push_str(cells[i].text.trim());
            i += 1;
        }
        let mut values = Vec::new();
        while i < cells.len() {
            match parse_amount(&cells[i].text) {
                Some(a) => values.push((a.value, cells[i].clone())),
                None => notes.push(note(
                    path,
                    &cells[i],
                    format!("`{}` after the amounts of a row", cells[i].text.trim()),
                )),
            }
            i += 1;
        }
        if code.is_none() && values.is_empty() && !is_total_name(&name) {
            // Part of a name wrapped by the column width, printed on a line of its own.
            pending_text.push((name, row.line));
            continue;
        }
        // Names are wrapped in one of two ways. Either the start of the name is printed above
        // the row's line (`机关事业单位基本养老保险` / `208 05 05 缴费支出 …`), or the name is
        // centred in a tall cell, so its lines stand above and below the row's line
        // (`社会保障和就` / `208 754.75 …` / `业支出`). A row printed with no name of its own that
        // takes a line above shows the second way. Then, of the text lines between two rows,
        // the last starts the next row's name and the others finish the previous row's.
        // A code printed alone on its line (`22102` / `住房改革支出 461.08 …`).
        if code.is_none() && !values.is_empty() && pending_text.is_empty() {
            if let Some(last) = out.last_mut() {
                if last.code.is_some() && last.name.is_empty() && last.values.is_empty() {
                    last.name = name;
                    last.values = values;
                    continue;
                }
            }
        }
        if name.is_empty() && !pending_text.is_empty() {
            centred_names = true;
        }
        let mut lines: Vec<(String, u32)> = std::mem::take(&mut pending_text);
        if centred_names && !lines.is_empty() {
            let take_prefix = name.is_empty() || lines.len() >= 2 || !last_wrapped;
            let keep = if take_prefix {
                lines.len() - 1
            } else {
                lines.len()
            };
            let suffix: Vec<(String, u32)> = lines.drain(..keep).collect();
            finish_previous_name(&mut out, suffix, path, notes);
        }
        last_wrapped = !lines.is_empty();
        if !lines.is_empty() {
            let prefix: String = lines.into_iter().map(|(t, _)| t).collect();
            name = format!("{prefix}{name}");
        }
        out.push(Pending {
            seq: None,
            code,
            name,
            side: None,
            values,
            placed: None,
            line: row.line,
            page: row.page,
        });
    }
    if centred_names {
        finish_previous_name(&mut out, pending_text, path, notes);
    } else {
        for (text, line) in pending_text {
            notes.push(ExtractionNote {
                message: format!("text `{text}` belongs to no row"),
                span: Span::line(path, None, line),
            });
        }
    }
    out
}

/// Appends the lines that finish a wrapped name to the last row.
fn finish_previous_name(
    out: &mut [Pending],
    lines: Vec<(String, u32)>,
    path: &str,
    notes: &mut Vec<ExtractionNote>,
) {
    for (text, line) in lines {
        match out.last_mut() {
            Some(last) => last.name.push_str(&text),
            None => notes.push(ExtractionNote {
                message: format!("text `{text}` belongs to no row"),
                span: Span::line(path, None, line),
            }),
        }
    }
}

/// A group of code digits: 1–7 digits with no separator or decimals.
fn is_digit_group(text: &str) -> bool {
    let t = text.trim();
    !t.is_empty() && t.len() <= 7 && t.chars().all(|c| c.is_ascii_digit())
}

/// Whether a summary-table label reads as finished (`…收入`, `…支出`, `…拨款`, `…结余`, `…合计`).
fn label_is_complete(label: &str) -> bool {
    const ENDINGS: &[&str] = &[
        "收入", "支出", "拨款", "资金", "预算", "结余", "合计", "总计", "费", "金", "分配", "补助",
        "基金",
    ];
    let t = squeeze(label);
    ENDINGS.iter().any(|e| t.ends_with(e))
}

/// The side of a label printed alone on its line: by its words, else by which side's
/// enumeration (`七、`) it continues.
fn lone_label_side(label: &str, before: &[Pending]) -> Side {
    let t = squeeze(label);
    if t.contains('支')
        || t.contains("结余分配")
        || t.contains("年末结转")
        || t.contains("年终结转")
        || t.contains("预备费")
    {
        return Side::Expenditure;
    }
    if t.contains("收入")
        || t.contains("拨款")
        || t.contains("资金")
        || t.contains("年初结转")
        || t.contains("上年结转")
    {
        return Side::Income;
    }
    if let Some(n) = enumeration_number(&t) {
        let last = |side: Side| {
            before
                .iter()
                .rev()
                .filter(|p| p.side == Some(side))
                .find_map(|p| enumeration_number(&squeeze(&p.name)))
        };
        let (inc, exp) = (last(Side::Income), last(Side::Expenditure));
        if exp.is_some_and(|e| e + 1 == n) && inc.is_none_or(|i| i + 1 != n) {
            return Side::Expenditure;
        }
        if inc.is_some_and(|i| i + 1 == n) && exp.is_none_or(|e| e + 1 != n) {
            return Side::Income;
        }
        if n > 9 {
            return Side::Expenditure;
        }
        // Both sides continue here: an income line uses the income vocabulary.
        if item_of(TableKind::IncomeExpenseSummary, Some(Side::Income), label).is_none() {
            return Side::Expenditure;
        }
    }
    side_of_label(label)
}

/// The number of a Chinese enumeration prefix: `七、` → 7, `二十一、` → 21.
fn enumeration_number(t: &str) -> Option<u32> {
    let head: String = t.chars().take_while(|c| *c != '、').collect();
    if head.chars().count() == t.chars().count() || head.is_empty() || head.chars().count() > 3 {
        return None;
    }
    let digit = |c: char| "一二三四五六七八九".find(c).map(|i| (i / 3) as u32 + 1);
    let chars: Vec<char> = head.chars().collect();
    match chars.as_slice() {
        [a] if *a == '十' => Some(10),
        [a] => digit(*a),
        ['十', b] => Some(10 + digit(*b)?),
        [a, '十'] => Some(digit(*a)? * 10),
        [a, '十', b] => Some(digit(*a)? * 10 + digit(*b)?),
        _ => None,
    }
}

fn side_of_label(label: &str) -> Side {
    let t = squeeze(label);
    if t.contains("支出")
        || t.contains("结余分配")
        || t.contains("年末结转")
        || t.contains("年终结转")
        || t.contains("预备费")
    {
        Side::Expenditure
    } else {
        Side::Income
    }
}

/// Seed 000 收入总表: `21201` printed for 住宅建设与房地产市场监管, its tail `09` alone on the
/// first row of the next page. The tail completes the code of the last row before the break.
fn repair_code_tails(rows: &mut Vec<Pending>, path: &str, notes: &mut Vec<ExtractionNote>) {
    let mut i = 0;
    while i < rows.len() {
        if let Some(tail) = rows[i].name.strip_prefix('\u{0}').map(str::to_string) {
            let fragment = rows.remove(i);
            let target = (0..i).rev().find(|&j| {
                rows[j]
                    .code
                    .as_ref()
                    .is_some_and(|c| c.len() + tail.len() == 7 || c.len() + tail.len() == 5)
            });
            match target {
                Some(j) => {
                    let code = format!("{}{}", rows[j].code.as_deref().unwrap_or(""), tail);
                    rows[j].code = Some(code);
                }
                None => notes.push(ExtractionNote {
                    message: format!("code fragment `{tail}` completes no row"),
                    span: Span::line(path, fragment.page, fragment.line),
                }),
            }
            for (_, cell) in &fragment.values {
                notes.push(note(
                    path,
                    cell,
                    format!("stray `{}` on a code-fragment line", cell.text.trim()),
                ));
            }
            continue;
        }
        i += 1;
    }
}

fn note(path: &str, cell: &Cell, message: String) -> ExtractionNote {
    ExtractionNote {
        message,
        span: cell_span(path, cell),
    }
}

fn cell_span(path: &str, cell: &Cell) -> Span {
    Span {
        path: path.to_string(),
        page: cell.page,
        line: cell.line,
        column: Some(cell.column + 1),
        length: Some(cell.length),
        bbox: None,
    }
}

// ---------------------------------------------------------------- placement and assembly

/// In a 财政拨款收支总表, a fund whose income line is blank is blank in the expenditure totals.
fn blank_funds_of_income_side(pending: &[Pending]) -> Vec<ColumnKey> {
    let mut out = Vec::new();
    for (item, key) in [
        ("income.general_public", ColumnKey::GENERAL_PUBLIC),
        ("income.government_fund", ColumnKey::GOVERNMENT_FUND),
        ("income.state_capital", ColumnKey::STATE_CAPITAL),
    ] {
        let first = pending.iter().find(|p| {
            p.side == Some(Side::Income)
                && item_of(TableKind::FiscalSummary, p.side, &p.name).as_deref() == Some(item)
        });
        if first.is_some_and(|p| p.values.iter().all(|(v, _)| v.is_zero())) {
            out.push(key);
        }
    }
    out
}

fn place_and_build(
    pending: Vec<Pending>,
    slots: &[ColumnSlot],
    orders: &[Vec<usize>],
    kind: TableKind,
    path: &str,
    hints: &Hints,
    notes: &mut Vec<ExtractionNote>,
) -> Vec<Row> {
    // Spaced rows are placed per side with the table's arithmetic.
    let mut placements: Vec<Option<(Vec<usize>, Vec<usize>)>> = pending
        .iter()
        .map(|p| p.placed.clone().map(|v| (v, Vec::new())))
        .collect();
    let sides: Vec<Option<Side>> = if kind.is_two_sided() {
        vec![Some(Side::Income), Some(Side::Expenditure)]
    } else {
        vec![None]
    };
    for side in sides {
        let cols: Vec<usize> = (0..slots.len())
            .filter(|&i| slots[i].side == side)
            .collect();
        let members: Vec<usize> = (0..pending.len())
            .filter(|&r| pending[r].placed.is_none() && pending[r].side == side)
            .collect();
        if members.is_empty() || cols.is_empty() {
            continue;
        }
        let children = hierarchy(&members.iter().map(|&r| &pending[r]).collect::<Vec<_>>());
        // The orders the columns may be printed in; for a two-sided table, or a header whose
        // order is known, just the one.
        let candidates: Vec<Vec<usize>> = if side.is_none() && orders.len() > 1 {
            orders.to_vec()
        } else {
            vec![cols.clone()]
        };
        type Results = Vec<Result<placement::Placement, placement::PlacementError>>;
        let mut consistent: Vec<Results> = Vec::new();
        let mut consistent_cols: Vec<Vec<usize>> = Vec::new();
        // An order is kept when the table's arithmetic holds under it — exactly, or else with a
        // single error (a rounding difference) — and it puts no amount where another table
        // prints none.
        let breaks_hint = |results: &Results, inputs: &[placement::RowInput]| {
            results.iter().zip(inputs).any(|(r, input)| {
                r.as_ref().is_ok_and(|p| {
                    input.blank.iter().any(|&c| {
                        p.cells
                            .get(c)
                            .copied()
                            .flatten()
                            .is_some_and(|v| !v.is_zero())
                    })
                })
            })
        };
        let contradicts = |results: &Results| {
            results
                .iter()
                .any(|r| r.as_ref().is_ok_and(|p| p.contradiction))
        };
        if candidates.len() == 1 {
            let (identities, inputs) =
                placement_inputs(&candidates[0], slots, &members, &pending, &children, hints);
            consistent.push(placement::place(candidates[0].len(), &identities, &inputs));
            consistent_cols.push(candidates[0].clone());
        } else {
            for exact in [true, false] {
                for order in &candidates {
                    let (identities, inputs) =
                        placement_inputs(order, slots, &members, &pending, &children, hints);
                    let results = if exact {
                        placement::place_once(order.len(), &identities, &inputs)
                    } else {
                        placement::place(order.len(), &identities, &inputs)
                    };
                    if contradicts(&results) || breaks_hint(&results, &inputs) {
                        continue;
                    }
                    consistent.push(if exact {
                        placement::place(order.len(), &identities, &inputs)
                    } else {
                        results
                    });
                    consistent_cols.push(order.clone());
                }
                if !consistent.is_empty() {
                    break;
                }
            }
        }
        if std::env::var_os("YUSUAN_DEBUG").is_some() {
            eprintln!(
                "{kind}: {} column orders, {} consistent, hints {:?}",
                candidates.len(),
                consistent.len(),
                hints.total_row_blank
            );
        }
        if consistent.is_empty() {
            // No order makes the arithmetic hold: the canonical guess, and everything whose
            // order could matter is uncertain.
            let order = &candidates[0];
            let (identities, inputs) =
                placement_inputs(order, slots, &members, &pending, &children, hints);
            let mut results = placement::place(order.len(), &identities, &inputs);
            for p in results.iter_mut().flatten() {
                for c in 0..order.len() {
                    if candidates.len() > 1 && !p.uncertain.contains(&c) && p.cells[c].is_some() {
                        p.uncertain.push(c);
                    }
                }
            }
            consistent.push(results);
            consistent_cols.push(order.clone());
        }
        for (mi, &r) in members.iter().enumerate() {
            let mut merged: Option<SlotPlacement> = None;
            let mut failed = None;
            for (results, order) in consistent.iter().zip(&consistent_cols) {
                match &results[mi] {
                    Ok(p) => {
                        let placed: Vec<usize> = p.columns.iter().map(|&c| order[c]).collect();
                        let cells: BTreeMap<usize, Decimal> = placed
                            .iter()
                            .copied()
                            .zip(pending[r].values.iter().map(|(v, _)| *v))
                            .collect();
                        let unsure: Vec<usize> = p.uncertain.iter().map(|&c| order[c]).collect();
                        merged = Some(match merged {
                            None => (cells, placed, unsure),
                            Some((first, first_placed, mut acc)) => {
                                for &slot in &cols {
                                    let differs = first.get(&slot) != cells.get(&slot)
                                        || unsure.contains(&slot);
                                    if differs && !acc.contains(&slot) {
                                        acc.push(slot);
                                    }
                                }
                                (first, first_placed, acc)
                            }
                        });
                    }
                    Err(e) => failed = Some(e.to_string()),
                }
            }
            match (merged, failed) {
                (Some((_, placed, unsure)), None) => placements[r] = Some((placed, unsure)),
                (_, Some(e)) => {
                    notes.push(ExtractionNote {
                        message: format!("row `{}`: {e}", pending[r].name),
                        span: Span::line(path, pending[r].page, pending[r].line),
                    });
                    placements[r] = None;
                }
                (None, None) => placements[r] = None,
            }
        }
    }
    let mut rows = Vec::new();
    for (p, placement) in pending.into_iter().zip(placements) {
        let mut cells = BTreeMap::new();
        let mut cell_spans = BTreeMap::new();
        let mut uncertain = Vec::new();
        if let Some((cols, unsure)) = placement {
            for ((value, cell), col) in p.values.iter().zip(cols) {
                let key = slots[col].key.clone();
                cells.insert(key.clone(), *value);
                cell_spans.insert(key, cell_span(path, cell));
            }
            for c in unsure {
                let key = slots[c].key.clone();
                if !uncertain.contains(&key) {
                    uncertain.push(key);
                }
            }
        }
        let is_total = is_total_name(&p.name);
        let item = item_of(kind, p.side, &p.name);
        rows.push(Row {
            seq: p.seq,
            code: p.code,
            name: p.name,
            item,
            side: p.side,
            is_total,
            cells,
            uncertain,
            cell_spans,
            span: Span::line(path, p.page, p.line),
        });
    }
    rows
}

/// The placement problem of one side of a table for one column order (`order`: slot indices in
/// printed order).
fn placement_inputs(
    order: &[usize],
    slots: &[ColumnSlot],
    members: &[usize],
    pending: &[Pending],
    children: &[Vec<usize>],
    hints: &Hints,
) -> (Vec<placement::RowIdentity>, Vec<placement::RowInput>) {
    let keys: Vec<ColumnKey> = order.iter().map(|&c| slots[c].key.clone()).collect();
    let identities = header::row_identities(&keys)
        .into_iter()
        .map(|(t, parts)| placement::RowIdentity {
            total: keys.iter().position(|k| *k == t).unwrap_or(0),
            parts: parts
                .iter()
                .filter_map(|p| keys.iter().position(|k| k == p))
                .collect(),
        })
        .collect();
    let inputs = members
        .iter()
        .enumerate()
        .map(|(mi, &r)| {
            let blank = if is_total_name(&pending[r].name) {
                hints
                    .total_row_blank
                    .iter()
                    .filter_map(|k| keys.iter().position(|x| x == k))
                    .collect()
            } else {
                Vec::new()
            };
            placement::RowInput {
                values: pending[r].values.iter().map(|(v, _)| *v).collect(),
                children: children[mi].clone(),
                blank,
            }
        })
        .collect();
    (identities, inputs)
}

/// For each row, the rows whose sum it must equal: a code's direct children (`201` → `20103` →
/// `2010301`), and for a total row the top-level codes.
fn hierarchy(rows: &[&Pending]) -> Vec<Vec<usize>> {
    let mut children = vec![Vec::new(); rows.len()];
    for (i, r) in rows.iter().enumerate() {
        if let Some(code) = &r.code {
            for (j, c) in rows.iter().enumerate() {
                if let Some(cc) = &c.code {
                    if cc.len() == code.len() + 2 && cc.starts_with(code.as_str()) {
                        children[i].push(j);
                    }
                }
            }
        } else if r.side.is_some() && is_total_name(&r.name) {
            // A summary side: the enumerated categories sum to 本年…合计 (or to 总计 when the
            // table prints no 本年 line).
            let current = rows
                .iter()
                .any(|c| c.side == r.side && squeeze(&c.name).starts_with("本年"));
            if !current || squeeze(&r.name).starts_with("本年") {
                children[i] = rows
                    .iter()
                    .enumerate()
                    .take_while(|(_, c)| !is_total_name(&c.name))
                    .filter(|(_, c)| {
                        c.side == r.side
                            && starts_with_enumeration(&squeeze(&c.name))
                            && !squeeze(&c.name).starts_with("其中")
                    })
                    .map(|(j, _)| j)
                    .collect();
            }
        } else if is_total_name(&r.name) {
            let top: Vec<usize> = rows
                .iter()
                .enumerate()
                .filter(|(_, c)| c.code.as_ref().is_some_and(|c| c.len() == 3))
                .map(|(j, _)| j)
                .collect();
            children[i] = top;
        }
    }
    children
}

/// What a summary or 三公 line stands for, from its name.
fn item_of(kind: TableKind, side: Option<Side>, name: &str) -> Option<String> {
    let t = squeeze(name);
    let item = match (kind, side) {
        (TableKind::ThreePublic, _) => {
            if t.contains("因公出国") {
                "three_public.outbound"
            } else if t.contains("购置费") && !t.contains("运行") {
                "three_public.vehicle_purchase"
            } else if t.contains("公务用车") && (t.contains("购置及") || t.contains("购置和"))
            {
                "three_public.vehicle"
            } else if t.contains("运行") && (t.contains("维护费") || t.contains("运行费")) {
                "three_public.vehicle_operation"
            } else if t.contains("接待") {
                "three_public.reception"
            } else if t.contains("机关运行经费") {
                "three_public.operation_cost"
            } else if t.contains("合计") || t.contains("总计") {
                "three_public.total"
            } else {
                return None;
            }
        }
        (_, Some(Side::Income)) => {
            if t.contains("本年收入合计") || t == "本年收入" || t == "收入合计" {
                "income.current_year_total"
            } else if t.contains("收入总计") || t == "总计" {
                "income.grand_total"
            } else if t.contains("上年结转") || t.contains("年初结转") {
                "income.carryover"
            } else if t.contains("使用非财政拨款结余") {
                "income.use_of_balance"
            } else if t.contains("一般公共预算") {
                "income.general_public"
            } else if t.contains("政府性基金") {
                "income.government_fund"
            } else if t.contains("国有资本经营") {
                "income.state_capital"
            } else if t.contains("财政拨款") {
                "income.fiscal_appropriation"
            } else if t.contains("财政专户") {
                "income.fiscal_special_account"
            } else if t.contains("经营收入") {
                "income.operating"
            } else if t.contains("事业收入") {
                "income.business"
            } else if t.contains("上级补助") {
                "income.superior_subsidy"
            } else if t.contains("附属单位上缴") {
                "income.subordinate_remittance"
            } else if t.contains("其他收入") {
                "income.other"
            } else if t.contains("单位资金") {
                "income.unit_funds"
            } else {
                return None;
            }
        }
        (_, Some(Side::Expenditure)) => {
            if t.contains("本年支出合计") || t == "支出合计" {
                "expenditure.current_year_total"
            } else if t.contains("支出总计") || t == "总计" {
                "expenditure.grand_total"
            } else if t.contains("年终结转") || t.contains("年末结转") {
                "expenditure.closing_balance"
            } else if t.contains("结余分配") {
                "expenditure.balance_distribution"
            } else {
                return None;
            }
        }
        _ => return None,
    };
    Some(item.to_string())
}
