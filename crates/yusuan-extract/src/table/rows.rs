//! Data rows → codes, names and amounts in printed order.

use super::*;

pub(super) fn total_names() -> &'static [&'static str] {
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

pub(super) fn is_total_name(name: &str) -> bool {
    let t = squeeze(name);
    total_names().contains(&t.as_str())
}

pub(super) fn positional_rows(
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
        let mut code_text = code_cell
            .map(|c| c.text.trim().to_string())
            .unwrap_or_default();
        // The code printed one level per column (`201 | 03 | 01`).
        for part in roles.code_parts.iter().filter_map(|&i| row.cells.get(i)) {
            let t = code_digits(&part.text);
            let t = t.as_str();
            if !t.is_empty() && !code_text.is_empty() {
                code_text.push(' ');
                code_text.push_str(t);
            }
        }
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
                        || roles.code_parts.contains(&i)
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

/// Rows of space-separated text: each line's code, name and amounts, names wrapped by the
/// column width joined to their row.
pub(super) fn spaced_rows(
    data: &[RawRow],
    kind: TableKind,
    path: &str,
    notes: &mut Vec<ExtractionNote>,
) -> Vec<Pending> {
    let mut out: Vec<Pending> = Vec::new();
    if kind.is_two_sided() {
        for row in data {
            two_sided_row(row, kind, &mut out);
        }
        return out;
    }
    let mut wrapped = WrappedNames {
        pending: Vec::new(),
        centred: false,
        last_wrapped: false,
        name_width: name_column_width(data),
    };
    for row in data {
        let cells = &row.cells;
        let has_name = cells.iter().any(|c| parse_amount(&c.text).is_none());
        let (code, first) = code_area(cells, has_name, !wrapped.pending.is_empty(), path, notes);
        let (name, values) = name_and_amounts(&cells[first..], path, notes);
        if code.is_none() && values.is_empty() && !is_total_name(&name) {
            // Part of a name wrapped by the column width, printed on a line of its own.
            wrapped.pending.push((name, row.line));
            continue;
        }
        // A code printed alone on its line (`22102` / `住房改革支出 461.08 …`).
        if code.is_none() && !values.is_empty() && wrapped.pending.is_empty() {
            if let Some(last) = out.last_mut() {
                if last.code.is_some() && last.name.is_empty() && last.values.is_empty() {
                    last.name = name;
                    last.values = values;
                    continue;
                }
            }
        }
        let name = wrapped.join(name, &mut out, path, notes);
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
    wrapped.finish(&mut out, path, notes);
    out
}

/// The widest name printed on a row's own line: the width of the name column.
fn name_column_width(data: &[RawRow]) -> usize {
    data.iter()
        .map(|row| {
            row.cells
                .iter()
                .filter(|c| parse_amount(&c.text).is_none() && !is_digit_group(&c.text))
                .map(|c| c.text.trim().chars().count())
                .sum::<usize>()
        })
        .max()
        .unwrap_or(0)
}

/// One line of a two-sided table (收支总表): labels each followed by their amounts; amounts and
/// label fragments on lines of their own join the label they belong to.
fn two_sided_row(row: &RawRow, kind: TableKind, out: &mut Vec<Pending>) {
    // Segments: a label and the amounts that follow it.
    let mut segments: Vec<Segment> = Vec::new();
    for c in &row.cells {
        match parse_amount(&c.text) {
            Some(a) if !segments.is_empty() || !c.text.contains('、') => {
                if segments.is_empty() {
                    segments.push((String::new(), Vec::new(), row.line));
                }
                if let Some(last) = segments.last_mut() {
                    last.1.push((a.value, c.clone()));
                }
            }
            // `1. 一般公共预算资金`: a bare enumeration belongs to the label after it.
            _ if segments
                .last()
                .is_some_and(|s| s.1.is_empty() && is_bare_enumeration(&s.0)) =>
            {
                if let Some(last) = segments.last_mut() {
                    last.0.push_str(c.text.trim());
                }
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
            out[target].values = std::mem::take(&mut segments[0].1);
            return;
        }
    }
    // A fragment of a label wrapped by the column width (`二、政府性基金预算财政拨` / `款`):
    // no enumeration, no amount, alone on its line; it completes the last unfinished label.
    if segments.len() == 1
        && segments[0].1.is_empty()
        && !starts_with_enumeration(&segments[0].0)
        && item_of(kind, Some(side_of_label(&segments[0].0)), &segments[0].0).is_none()
    {
        let start = out.len().saturating_sub(4);
        if let Some(target) = (start..out.len())
            .rev()
            .find(|&j| !label_is_complete(&out[j].name))
        {
            out[target].name.push_str(&segments[0].0);
            return;
        }
    }
    let n = segments.len();
    for (i, (label, values, line)) in segments.into_iter().enumerate() {
        let side = match (n >= 2, i) {
            (true, 0) => Side::Income,
            (true, _) => Side::Expenditure,
            (false, _) => lone_label_side(&label, out),
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
}

/// The code area: the plain digit groups printed before the name (`201 03 01`). Returns the
/// code and the index of the first cell after it.
fn code_area(
    cells: &[Cell],
    has_name: bool,
    text_pending: bool,
    path: &str,
    notes: &mut Vec<ExtractionNote>,
) -> (Option<String>, usize) {
    let digits = cells.iter().take_while(|c| is_digit_group(&c.text)).count();
    if digits == 0 {
        return (None, 0);
    }
    let printed: Vec<&str> = cells[..digits].iter().map(|c| c.text.trim()).collect();
    let not_a_code = |notes: &mut Vec<ExtractionNote>| {
        notes.push(ExtractionNote {
            message: format!(
                "`{}` is not a classification code (digits lost in the text?)",
                printed.join(" ")
            ),
            span: cell_span(path, &cells[0]),
        })
    };
    // Without a name the leading groups are a code only if they form one (`201 03 99`
    // with its name wrapped around the line); otherwise they are amounts.
    let as_code = (1..=digits)
        .rev()
        .find_map(|end| parse_code(&printed[..end].join(" ")).map(|c| (c, end)));
    // Amounts printed with separators or decimals cannot be code digits.
    let rest_formatted = cells[digits..].iter().all(|c| c.text.contains(['.', ',']));
    match as_code {
        Some((c, end))
            if has_name || end >= 2 || text_pending || (rest_formatted && digits == end) =>
        {
            if has_name && end < digits {
                not_a_code(notes);
                return (None, digits);
            }
            (Some(c), if has_name { digits } else { end })
        }
        _ if has_name => {
            not_a_code(notes);
            (None, digits)
        }
        _ => (None, 0),
    }
}

/// The name (the text cells up to the first amount) and the amounts after it.
fn name_and_amounts(
    cells: &[Cell],
    path: &str,
    notes: &mut Vec<ExtractionNote>,
) -> (String, Vec<(Decimal, Cell)>) {
    let first_amount = cells
        .iter()
        .position(|c| parse_amount(&c.text).is_some())
        .unwrap_or(cells.len());
    let name: String = cells[..first_amount]
        .iter()
        .map(|c| c.text.trim())
        .collect();
    let mut values = Vec::new();
    for c in &cells[first_amount..] {
        match parse_amount(&c.text) {
            Some(a) => values.push((a.value, c.clone())),
            None => notes.push(note(
                path,
                c,
                format!("`{}` after the amounts of a row", c.text.trim()),
            )),
        }
    }
    (name, values)
}

/// Text lines printed between rows: parts of names wrapped by the column width.
///
/// Names are wrapped in one of two ways. Either the start of the name is printed above the row's
/// line (`机关事业单位基本养老保险` / `208 05 05 缴费支出 …`), or the name is centred in a tall
/// cell, so its lines stand above and below the row's line (`社会保障和就` / `208 754.75 …` /
/// `业支出`). A row printed with no name of its own that takes a line above shows the second way.
/// Then, of the text lines between two rows, the last starts the next row's name and the others
/// finish the previous row's.
struct WrappedNames {
    /// Text lines since the last row.
    pending: Vec<(String, u32)>,
    /// Names are centred in tall cells.
    centred: bool,
    /// The last row's name took lines printed above it.
    last_wrapped: bool,
    /// The width of the name column (see [`name_column_width`]).
    name_width: usize,
}

impl WrappedNames {
    /// The name of the row being pushed, with the text lines above it that start it; the lines
    /// that finish the previous row's name go to it.
    fn join(
        &mut self,
        name: String,
        out: &mut [Pending],
        path: &str,
        notes: &mut Vec<ExtractionNote>,
    ) -> String {
        if name.is_empty() && !self.pending.is_empty() {
            self.centred = true;
        }
        let mut lines: Vec<(String, u32)> = std::mem::take(&mut self.pending);
        // A name cut at the column's full width continues on the next line
        // (`2080505 机关事业单位基本养老保险缴 446.11 …` / `费支出`).
        if !self.centred && !lines.is_empty() {
            if let Some(last) = out.last_mut() {
                if self.name_width >= 6
                    && last.name.chars().count() == self.name_width
                    && !self.last_wrapped
                {
                    let (tail, _) = lines.remove(0);
                    last.name.push_str(&tail);
                }
            }
        }
        if self.centred && !lines.is_empty() {
            let take_prefix = name.is_empty() || lines.len() >= 2 || !self.last_wrapped;
            let keep = if take_prefix {
                lines.len() - 1
            } else {
                lines.len()
            };
            let suffix: Vec<(String, u32)> = lines.drain(..keep).collect();
            finish_previous_name(out, suffix, path, notes);
        }
        self.last_wrapped = !lines.is_empty();
        if lines.is_empty() {
            return name;
        }
        let prefix: String = lines.into_iter().map(|(t, _)| t).collect();
        format!("{prefix}{name}")
    }

    /// After the last row: the lines left finish the last name, or belong to no row.
    fn finish(self, out: &mut [Pending], path: &str, notes: &mut Vec<ExtractionNote>) {
        if self.centred {
            finish_previous_name(out, self.pending, path, notes);
        } else {
            for (text, line) in self.pending {
                notes.push(ExtractionNote {
                    message: format!("text `{text}` belongs to no row"),
                    span: Span::line(path, None, line),
                });
            }
        }
    }
}

/// An enumeration printed apart from its label: `1.`, `2、`, `（一）`, `一、`.
pub(super) fn is_bare_enumeration(text: &str) -> bool {
    let t = squeeze(text);
    let body = t.trim_end_matches(['.', '、', '．']);
    let numeral = |s: &str| {
        !s.is_empty()
            && s.chars()
                .all(|c| c.is_ascii_digit() || "一二三四五六七八九十".contains(c))
    };
    (body.len() < t.len() && numeral(body))
        || (parenthesised_numeral(&t) && t.ends_with(['）', ')']))
}

/// Appends the lines that finish a wrapped name to the last row.
pub(super) fn finish_previous_name(
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
pub(super) fn is_digit_group(text: &str) -> bool {
    let t = text.trim();
    !t.is_empty() && t.len() <= 7 && t.chars().all(|c| c.is_ascii_digit())
}

/// Whether a summary-table label reads as finished (`…收入`, `…支出`, `…拨款`, `…结余`, `…合计`).
pub(super) fn label_is_complete(label: &str) -> bool {
    const ENDINGS: &[&str] = &[
        "收入", "支出", "拨款", "资金", "预算", "结余", "合计", "总计", "费", "金", "分配", "补助",
        "基金",
    ];
    let t = squeeze(label);
    ENDINGS.iter().any(|e| t.ends_with(e))
}

/// The side of a label printed alone on its line: by its words, else by which side's
/// enumeration (`七、`) it continues.
pub(super) fn lone_label_side(label: &str, before: &[Pending]) -> Side {
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
pub(super) fn enumeration_number(t: &str) -> Option<u32> {
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

pub(super) fn side_of_label(label: &str) -> Side {
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
pub(super) fn repair_code_tails(
    rows: &mut Vec<Pending>,
    path: &str,
    notes: &mut Vec<ExtractionNote>,
) {
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

pub(super) fn note(path: &str, cell: &Cell, message: String) -> ExtractionNote {
    ExtractionNote {
        message,
        span: cell_span(path, cell),
    }
}

pub(super) use crate::layout::cell_span;
