//! The Shanghai 项目支出绩效目标填报表 in space-separated PDF text (`shanghai/text/…`).
//!
//! The form is found by its indicator header (`一级指标 二级指标 三级指标 年度(/项目)指标值`)
//! and starts at the title above it (`财政项目支出绩效目标填报表`). Above the header:
//! label–value lines (`项目名称 … 项目性质 …`, `项目资金总额 … 年度资金申请总额 …`, …) and the
//! goal cell pair `项目总目标 | 年度总体目标`, whose two columns the text extraction printed
//! interleaved: a line holds the left column's line, the right column's line, or both (with or
//! without a space between). Below the header, the indicator grid: 一级 and 二级 cells span
//! several rows and are printed once, vertically centred on their rows (a wrapped label is cut
//! around the middle row: `服务对象满意` / `度指标`); a wrapped 三级 cell is printed around its
//! value in the same way.
//!
//! The two goal columns are separated by assuming what the corpus shows: both columns carry the
//! same text (the year's goal is the whole project's). Each line is given to the left column,
//! the right one, or split between them, choosing the reading under which one column's text
//! stays a prefix of the other's and the two stay closest in length. When no reading keeps
//! them equal the goal is kept as printed, with a note.

use yusuan_model::{Figure, MoneyUnit, Project};
use yusuan_read::Line;

use super::{IndicatorDraft, Sink};
use crate::amount::{parse_amount, tokenize_spaced, Located};
use crate::header::squeeze;

/// 一级指标 names.
const LEVEL1: &[&str] = &["产出指标", "效益指标", "满意度指标"];

/// 二级指标 names (成本指标 as a 二级 under 产出指标, as the Shanghai template prints it).
const LEVEL2: &[&str] = &[
    "数量指标",
    "质量指标",
    "时效指标",
    "成本指标",
    "经济效益指标",
    "社会效益指标",
    "生态效益指标",
    "可持续影响指标",
    "服务对象满意度指标",
];

/// The vertical label of the indicator block (项目 / 绩效指标).
const BLOCK_LABEL: &str = "绩效指标";

/// The vertical label of the goal block (项目 / 绩效 / 目标).
const GOAL_LABELS: &[&str] = &["项目", "绩效", "目标"];

/// Labels of the form's label–value lines.
const LABELS: &[&str] = &[
    "项目名称",
    "项目性质",
    "项目类别",
    "主管部门",
    "实施单位",
    "计划开始日期",
    "计划完成日期",
    "项目资金总额",
    "年度资金申请总额",
    "其中：当年财政拨款",
    "当年财政拨款",
    "其中：财政资金",
    "财政资金",
    "上年结转资金",
    "其他资金",
    "项目资金",
    "（元）",
    "(元)",
    "项目总目标",
    "年度总体目标",
];

fn is_header(text: &str) -> bool {
    if text.contains('\t') {
        return false;
    }
    let words: Vec<&str> = text.split_whitespace().collect();
    ["一级指标", "二级指标", "三级指标"]
        .iter()
        .all(|w| words.contains(w))
}

fn is_title(text: &str) -> bool {
    let t = squeeze(text);
    !text.contains('\t')
        && t.contains("绩效目标")
        && (t.ends_with("填报表") || t.ends_with("申报表") || t.ends_with("目标表"))
        && t.chars().count() <= 30
}

pub fn extract(lines: &[Line], sink: &mut Sink) -> Vec<Project> {
    let mut out = Vec::new();
    let mut floor = 0; // Lines before this belong to an earlier form.
    let mut i = 0;
    while i < lines.len() {
        if !is_header(&lines[i].text) {
            i += 1;
            continue;
        }
        let title = (floor..i)
            .rev()
            .take(60)
            .find(|&k| is_title(&lines[k].text));
        let start = title.unwrap_or(i);
        let mut end = i + 1;
        while end < lines.len()
            && !lines[end].text.trim().is_empty()
            && lines[end].page == lines[i].page
            && !is_title(&lines[end].text)
            && !is_header(&lines[end].text)
        {
            end += 1;
        }
        out.push(form(lines, start, title.is_some(), i, end, sink));
        floor = end;
        i = end;
    }
    out
}

fn tokens(l: &Line) -> Vec<Located<String>> {
    tokenize_spaced(&l.text)
}

fn form(
    lines: &[Line],
    start: usize,
    titled: bool,
    header: usize,
    end: usize,
    sink: &mut Sink,
) -> Project {
    let first = &lines[start];
    let mut p = Project {
        number: None,
        name: String::new(),
        title: titled.then(|| first.text.trim().to_string()),
        code: None,
        unit_name: None,
        unit: None,
        budget: None,
        fiscal_funds: None,
        other_funds: None,
        annual_request: None,
        current_appropriation: None,
        carryover: None,
        purpose: None,
        spending_plan: Vec::new(),
        goal: None,
        overall_goal: None,
        indicators: Vec::new(),
        span: sink.span(first.number, first.page),
        end_line: lines[end - 1].number,
    };
    // Label–value lines, then the goal lines.
    let meta_from = if titled { start + 1 } else { start };
    let mut goal_from: Option<usize> = None;
    for (k, l) in lines.iter().enumerate().take(header).skip(meta_from) {
        if goal_from.is_some() {
            break;
        }
        let toks = tokens(l);
        let mut j = 0;
        while j < toks.len() {
            let label = squeeze(&toks[j].item);
            if !LABELS.contains(&label.as_str()) {
                j += 1;
                continue;
            }
            let mut e = j + 1;
            while e < toks.len() && !LABELS.contains(&squeeze(&toks[e].item).as_str()) {
                e += 1;
            }
            let values = &toks[j + 1..e];
            let figure = || {
                let v = values.first()?;
                parse_amount(&v.item).map(|a| Figure {
                    value: a.value,
                    span: sink.text_span(l.number, l.page, v.column, &v.item),
                })
            };
            let text = values
                .iter()
                .map(|v| v.item.as_str())
                .collect::<Vec<_>>()
                .join(" ");
            match label.as_str() {
                "项目名称" => p.name = text,
                "实施单位" => p.unit_name = Some(text),
                "项目资金总额" => p.budget = p.budget.take().or_else(figure),
                "年度资金申请总额" => {
                    p.annual_request = p.annual_request.take().or_else(figure)
                }
                "其中：当年财政拨款" | "当年财政拨款" => {
                    p.current_appropriation = p.current_appropriation.take().or_else(figure)
                }
                "其中：财政资金" | "财政资金" => {
                    p.fiscal_funds = p.fiscal_funds.take().or_else(figure)
                }
                "上年结转资金" => p.carryover = p.carryover.take().or_else(figure),
                "其他资金" => p.other_funds = p.other_funds.take().or_else(figure),
                "（元）" | "(元)" => p.unit = Some(MoneyUnit::Yuan),
                "项目总目标" | "年度总体目标" => goal_from = Some(k + 1),
                _ => {}
            }
            j = e;
        }
    }
    if let Some(g) = goal_from {
        goals(&mut p, &lines[g..header], sink);
    }
    let label = format!("project《{}》", p.name);
    let drafts = grid(&lines[header + 1..end], sink);
    p.indicators = sink.indicators(drafts, &label);
    p
}

/// The goal lines without the block label (项目 / 绩效 / 目标) that starts some of them.
fn goals(p: &mut Project, lines: &[Line], sink: &mut Sink) {
    let texts: Vec<String> = lines
        .iter()
        .map(|l| {
            let t = l.text.trim();
            match t.split_once(' ') {
                Some((head, rest)) if GOAL_LABELS.contains(&head) => rest.trim().to_string(),
                None if GOAL_LABELS.contains(&t) => String::new(),
                _ => t.to_string(),
            }
        })
        .filter(|t| !t.is_empty())
        .collect();
    if texts.is_empty() {
        return;
    }
    match deinterleave(&texts) {
        Some((left, right)) if left == right => p.goal = Some(right),
        Some((left, right)) => {
            // One column ran longer than the other: keep the longer, say so.
            let (long, short) = if left.chars().count() >= right.chars().count() {
                (left, right)
            } else {
                (right, left)
            };
            sink.note(
                lines[0].number,
                lines[0].page,
                format!(
                    "goal columns 项目总目标 / 年度总体目标 not of the same length ({} and {} characters); the longer is kept",
                    long.chars().count(),
                    short.chars().count()
                ),
            );
            p.goal = Some(long);
        }
        None => {
            sink.note(
                lines[0].number,
                lines[0].page,
                "goal columns 项目总目标 / 年度总体目标 could not be separated; kept as printed, lines joined".to_string(),
            );
            p.goal = Some(texts.join(""));
        }
    }
}

/// Longest line (in characters) tried for a split between two glued columns.
const MAX_GLUED_LINE: usize = 160;

/// Separates two interleaved columns that carry the same text (see the module documentation).
/// Returns the left and right columns, or `None` when no reading keeps them consistent.
pub(super) fn deinterleave(lines: &[String]) -> Option<(String, String)> {
    let mut left: Vec<char> = Vec::new();
    let mut right: Vec<char> = Vec::new();
    for line in lines {
        let chars: Vec<char> = line.chars().collect();
        // (to left, to right, rank): whole line to one column first, then splits at a space,
        // then splits anywhere.
        let mut best: Option<(usize, u8, Vec<char>, Vec<char>)> = None;
        let mut consider = |a: &[char], b: &[char], rank: u8| {
            if !consistent(&left, a, &right, b) {
                return;
            }
            let diff = (left.len() + a.len()).abs_diff(right.len() + b.len());
            if best
                .as_ref()
                .is_none_or(|(d, r, _, _)| (diff, rank) < (*d, *r))
            {
                best = Some((diff, rank, a.to_vec(), b.to_vec()));
            }
        };
        consider(&chars, &[], 0);
        consider(&[], &chars, 0);
        // Splits anywhere only on lines of table-cell width (two glued columns), so the work
        // stays linear in the input for long lines.
        let anywhere = chars.len() <= MAX_GLUED_LINE;
        for k in 1..chars.len() {
            let (a, b) = chars.split_at(k);
            if b[0] == ' ' {
                let b = &b[1..];
                if !b.is_empty() {
                    consider(trim_end(a), b, 1);
                }
            } else if anywhere && a[a.len() - 1] != ' ' {
                consider(a, b, 2);
            }
        }
        let (_, _, a, b) = best?;
        left.extend(a);
        right.extend(b);
    }
    Some((left.into_iter().collect(), right.into_iter().collect()))
}

fn trim_end(a: &[char]) -> &[char] {
    let mut n = a.len();
    while n > 0 && a[n - 1] == ' ' {
        n -= 1;
    }
    &a[..n]
}

/// True when, after appending `a` to `l` and `b` to `r`, one is a prefix of the other (they
/// are before).
fn consistent(l: &[char], a: &[char], r: &[char], b: &[char]) -> bool {
    let at = |base: &[char], ext: &[char], i: usize| -> char {
        if i < base.len() {
            base[i]
        } else {
            ext[i - base.len()]
        }
    };
    let from = l.len().min(r.len());
    let to = (l.len() + a.len()).min(r.len() + b.len());
    (from..to).all(|i| at(l, a, i) == at(r, b, i))
}

/// One indicator of the grid before levels are known.
struct Entry {
    draft: IndicatorDraft,
    /// The entry's first line.
    first: u32,
}

/// A level label and the line it is centred on (doubled, to stay in integers).
struct Mark {
    name: String,
    center2: u32,
}

fn grid(lines: &[Line], sink: &mut Sink) -> Vec<IndicatorDraft> {
    let mut level1: Vec<Mark> = Vec::new();
    let mut level2: Vec<Mark> = Vec::new();
    // A 二级 label cut in two: its first part, the part still expected, its line.
    let mut pending: Option<(String, String, u32)> = None;
    let mut contents: Vec<(usize, Vec<Located<String>>)> = Vec::new();
    for (k, l) in lines.iter().enumerate() {
        let toks = tokens(l);
        let mut j = 0;
        if toks.first().is_some_and(|t| t.item == BLOCK_LABEL) {
            j = 1;
        }
        while j < toks.len() {
            let t = toks[j].item.as_str();
            if let Some((head, rest, line)) = pending.as_ref() {
                if t == rest {
                    level2.push(Mark {
                        name: format!("{head}{rest}"),
                        center2: line + l.number,
                    });
                    pending = None;
                    j += 1;
                    continue;
                }
            }
            if LEVEL1.contains(&t) {
                level1.push(Mark {
                    name: t.to_string(),
                    center2: 2 * l.number,
                });
            } else if LEVEL2.contains(&t) {
                level2.push(Mark {
                    name: t.to_string(),
                    center2: 2 * l.number,
                });
            } else if let Some(rest) = completion(lines, k, t) {
                pending = Some((t.to_string(), rest, l.number));
            } else {
                break;
            }
            j += 1;
        }
        if j < toks.len() {
            contents.push((k, toks[j..].to_vec()));
        }
    }
    if let Some((head, _, line)) = pending {
        sink.note(
            line,
            None,
            format!("二级指标 label `{head}` without the rest of its words"),
        );
    }
    let entries = rows(lines, &contents, sink);
    assign(entries, &level1, &level2)
}

/// The rest of a 二级 label whose first part is `t`, when a line within the next three starts
/// (after labels) with it: `服务对象满意` … `度指标`.
fn completion(lines: &[Line], k: usize, t: &str) -> Option<String> {
    if t.chars().count() < 2 {
        return None;
    }
    let label = LEVEL2
        .iter()
        .find(|w| w.len() > t.len() && w.starts_with(t))?;
    let rest = &label[t.len()..];
    lines
        .iter()
        .skip(k + 1)
        .take(3)
        .any(|l| tokens(l).iter().take(3).any(|x| x.item == rest))
        .then(|| rest.to_string())
}

/// Content tokens of the grid lines into entries (三级 name and value).
fn rows(lines: &[Line], contents: &[(usize, Vec<Located<String>>)], sink: &mut Sink) -> Vec<Entry> {
    let mut out = Vec::new();
    let mut i = 0;
    let draft = |name: String, value: Option<(&Located<String>, &Line)>, l: &Line, sink: &Sink| {
        IndicatorDraft {
            name,
            value: value.map(|(v, _)| v.item.clone()).unwrap_or_default(),
            value_span: value.map(|(v, vl)| sink.text_span(vl.number, vl.page, v.column, &v.item)),
            line: l.number,
            page: l.page,
            ..IndicatorDraft::default()
        }
    };
    while i < contents.len() {
        let (k, toks) = &contents[i];
        let l = &lines[*k];
        // A cell printed in quotes over several lines, its value on a line inside.
        if toks[0].item.starts_with('"') {
            let close = (i..contents.len())
                .find(|&m| contents[m].1.last().is_some_and(|t| t.item.ends_with('"')));
            if let Some(c) = close.filter(|&c| c > i) {
                let inner: Vec<&(usize, Vec<Located<String>>)> =
                    contents[i + 1..c].iter().collect();
                let value = inner
                    .iter()
                    .find(|(_, t)| t.len() == 1)
                    .map(|(m, t)| (&t[0], &lines[*m]));
                let words = |t: &[Located<String>]| {
                    t.iter()
                        .map(|x| x.item.as_str())
                        .collect::<Vec<_>>()
                        .join(" ")
                };
                let name = format!("{}{}", words(toks), words(&contents[c].1))
                    .trim_matches('"')
                    .to_string();
                out.push(Entry {
                    draft: draft(name, value, l, sink),
                    first: l.number,
                });
                i = c + 1;
                continue;
            }
        }
        if toks.len() >= 2 {
            let (name, value) = toks.split_at(toks.len() - 1);
            let name = name
                .iter()
                .map(|x| x.item.as_str())
                .collect::<Vec<_>>()
                .join(" ");
            out.push(Entry {
                draft: draft(name, Some((&value[0], l)), l, sink),
                first: l.number,
            });
            i += 1;
            continue;
        }
        // Lines of one word on consecutive lines: a wrapped 三级 cell around its value.
        let mut run = i;
        while run + 1 < contents.len()
            && contents[run + 1].1.len() == 1
            && contents[run + 1].0 == contents[run].0 + 1
            && !contents[run + 1].1[0].item.starts_with('"')
            && run + 1 - i < 3
        {
            run += 1;
        }
        let words: Vec<(&Located<String>, &Line)> = (i..=run)
            .map(|m| (&contents[m].1[0], &lines[contents[m].0]))
            .collect();
        match words.len() {
            3 => {
                let name = format!("{}{}", words[0].0.item, words[2].0.item);
                out.push(Entry {
                    draft: draft(name, Some(words[1]), l, sink),
                    first: l.number,
                });
            }
            2 => {
                sink.note(
                    l.number,
                    l.page,
                    format!(
                        "indicator `{}` with its value `{}` on the next line",
                        words[0].0.item, words[1].0.item
                    ),
                );
                out.push(Entry {
                    draft: draft(words[0].0.item.clone(), Some(words[1]), l, sink),
                    first: l.number,
                });
            }
            _ => {
                sink.note(
                    l.number,
                    l.page,
                    format!("indicator `{}` printed without a value", words[0].0.item),
                );
                out.push(Entry {
                    draft: draft(words[0].0.item.clone(), None, l, sink),
                    first: l.number,
                });
            }
        }
        i = run + 1;
    }
    out
}

/// Gives each entry its 二级 (by the blocks the centred labels imply) and its 一级 (the label
/// nearest to its 二级 label); entries after the first of a block carry them down. Without
/// 二级 labels, the 一级 labels make the blocks.
fn assign(entries: Vec<Entry>, level1: &[Mark], level2: &[Mark]) -> Vec<IndicatorDraft> {
    let by_level2 = !level2.is_empty();
    let marks = if by_level2 { level2 } else { level1 };
    let blocks = blocks(&entries, marks);
    let nearest = |center2: u32| -> Option<String> {
        level1
            .iter()
            .min_by_key(|m| m.center2.abs_diff(center2))
            .map(|m| m.name.clone())
    };
    let mut prev: Option<usize> = None;
    let mut out = Vec::with_capacity(entries.len());
    for (e, block) in entries.into_iter().zip(blocks) {
        let mut d = e.draft;
        if let Some(b) = block.filter(|b| prev != Some(*b)) {
            if by_level2 {
                d.level2 = level2[b].name.clone();
                d.level1 = nearest(level2[b].center2).unwrap_or_default();
            } else {
                d.level1 = level1[b].name.clone();
            }
        }
        prev = block.or(prev);
        out.push(d);
    }
    out
}

/// The 二级 block of each entry: labels in order, each covering the entries from the first
/// not yet covered to the line as far below its centre as that entry is above it.
fn blocks(entries: &[Entry], marks: &[Mark]) -> Vec<Option<usize>> {
    let mut out = vec![None; entries.len()];
    let mut idx = 0;
    for (k, m) in marks.iter().enumerate() {
        if idx >= entries.len() {
            break;
        }
        let remaining = marks.len() - k - 1;
        let mut j = if remaining == 0 {
            entries.len()
        } else {
            let end2 = (2 * m.center2).saturating_sub(2 * entries[idx].first);
            let mut j = idx;
            while j < entries.len() && 2 * entries[j].first <= end2 {
                j += 1;
            }
            j
        };
        j = j
            .max(idx + 1)
            .min(entries.len().saturating_sub(remaining).max(idx + 1));
        for slot in out.iter_mut().take(j).skip(idx) {
            *slot = Some(k);
        }
        idx = j;
    }
    out
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn interleaved_columns_of_the_same_text() {
        let lines: Vec<String> = ["甲乙丙丁", "甲乙丙丁戊己庚", "戊己庚辛壬", "辛壬癸", "癸"]
            .iter()
            .map(|s| s.to_string())
            .collect();
        let (l, r) = deinterleave(&lines).unwrap();
        assert_eq!(l, "甲乙丙丁戊己庚辛壬癸");
        assert_eq!(r, l);
        // Both columns on one line, glued.
        let lines = vec![
            "一二三四五六一二三".to_string(),
            "七八 四五六七八".to_string(),
        ];
        let (l, r) = deinterleave(&lines).unwrap();
        assert_eq!(
            (l.as_str(), r.as_str()),
            ("一二三四五六七八", "一二三四五六七八")
        );
    }
}
