//! 部门整体绩效目标: the overall target (总体绩效目标) and the itemised targets (分项绩效目标)
//! with their indicators.
//!
//! The section is found by its headings (`（一）总体绩效目标`, `二、分项绩效目标`) and ends at
//! the next part (`工作保障措施`, `第二部分`, a table). An item starts with a numbered heading
//! (`（一）综合事务管理`, `1. 综合事务管理`, `一、住房保障管理方面。…`); its goal follows
//! `绩效目标：` (lines wrapped by the PDF are joined) and its indicators follow `绩效指标：`,
//! either inline (`①综合事务保障率：综合事务按年度计划完成情况,指标值≥90%。②…`) or one per line
//! (`档案资料完好率 ≥90%`).

use std::sync::LazyLock;

use regex::Regex;
use yusuan_model::DepartmentTarget;
use yusuan_read::Line;

use super::value::parse_value;
use super::{strip_title_number, IndicatorDraft, Sink};
use crate::header::squeeze;

static ITEM_HEADING: LazyLock<Regex> = LazyLock::new(|| {
    Regex::new(r"^\s*(?:（[一二三四五六七八九十]+）|\([一二三四五六七八九十]+\)|[一二三四五六七八九十]+、|\d{1,2}\s*[、.．])")
        .expect("valid regex")
});

/// Circled numbers that open inline indicators.
const CIRCLED: &str = "①②③④⑤⑥⑦⑧⑨⑩⑪⑫⑬⑭⑮⑯⑰⑱⑲⑳";

/// The heading's words without its number (`（一）总体绩效目标` → `总体绩效目标`).
fn heading_words(text: &str) -> String {
    squeeze(&strip_title_number(text).1)
}

fn is_overall_heading(text: &str) -> bool {
    let w = heading_words(text);
    w == "总体绩效目标" || w == "整体绩效目标"
}

fn is_items_heading(text: &str) -> bool {
    heading_words(text) == "分项绩效目标"
}

fn is_end(text: &str) -> bool {
    let w = heading_words(text);
    text.contains('\t')
        || w.contains("工作保障措施")
        || w.starts_with("第二部分")
        || w.starts_with("第三部分")
        || w.ends_with("绩效目标表")
        || w.contains("项目绩效目标")
}

pub fn extract(lines: &[Line], sink: &mut Sink) -> Vec<DepartmentTarget> {
    let mut out = Vec::new();
    let Some(start) = lines.iter().position(|l| is_overall_heading(&l.text)) else {
        return out;
    };
    let end = lines[start + 1..]
        .iter()
        .position(|l| is_end(&l.text))
        .map(|p| start + 1 + p)
        .unwrap_or(lines.len());
    let body = &lines[start + 1..end];
    let items_at = body.iter().position(|l| is_items_heading(&l.text));
    let overall = &body[..items_at.unwrap_or(body.len())];
    let paragraphs: Vec<&str> = overall
        .iter()
        .map(|l| l.text.trim())
        .filter(|t| !t.is_empty())
        .collect();
    let head = &lines[start];
    out.push(DepartmentTarget {
        title: Some(strip_title_number(&head.text).1),
        goal: paragraphs.join("\n"),
        indicators: Vec::new(),
        span: sink.span(head.number, head.page),
    });
    if let Some(k) = items_at {
        items(&body[k + 1..], sink, &mut out);
    }
    out
}

/// What the lines of an item are adding to.
#[derive(Clone, Copy, PartialEq, Eq)]
enum Mode {
    /// Text before `绩效目标：` (a paragraph item): paragraphs joined with a line break.
    Text,
    /// After `绩效目标：`: wrapped lines joined as they are.
    Goal,
    /// After `绩效指标：`.
    Indicators,
}

struct Item<'a> {
    head: &'a Line,
    title: Option<String>,
    goal: String,
    drafts: Vec<IndicatorDraft>,
    mode: Mode,
}

fn items(lines: &[Line], sink: &mut Sink, out: &mut Vec<DepartmentTarget>) {
    let mut current: Option<Item> = None;
    let finish = |item: Item, sink: &mut Sink, out: &mut Vec<DepartmentTarget>| {
        let label = format!(
            "department target《{}》",
            item.title.as_deref().unwrap_or("分项绩效目标")
        );
        let indicators = sink.indicators(item.drafts, &label);
        out.push(DepartmentTarget {
            title: item.title,
            goal: item.goal,
            indicators,
            span: sink.span(item.head.number, item.head.page),
        });
    };
    for l in lines {
        let text = l.text.trim();
        if text.is_empty() {
            continue;
        }
        let label_goal = text
            .strip_prefix("绩效目标：")
            .or_else(|| text.strip_prefix("绩效目标:"));
        let label_ind = text
            .strip_prefix("绩效指标：")
            .or_else(|| text.strip_prefix("绩效指标:"));
        if label_goal.is_none() && label_ind.is_none() && ITEM_HEADING.is_match(text) {
            if let Some(item) = current.take() {
                finish(item, sink, out);
            }
            let (_, words) = strip_title_number(text);
            // A heading that is a whole paragraph (`一、住房保障管理方面。落实…`): its title is
            // the first sentence when short.
            let (title, goal) = match words.find('。') {
                Some(p)
                    if words[..p].chars().count() <= 20 && p + '。'.len_utf8() < words.len() =>
                {
                    (
                        words[..p].to_string(),
                        words[p + '。'.len_utf8()..].trim().to_string(),
                    )
                }
                _ => (words.trim_end_matches('。').to_string(), String::new()),
            };
            let number = text[..text.len() - words.len()].trim();
            current = Some(Item {
                head: l,
                title: Some(format!("{number}{title}")),
                goal,
                drafts: Vec::new(),
                mode: Mode::Text,
            });
            continue;
        }
        let item = current.get_or_insert_with(|| Item {
            head: l,
            title: None,
            goal: String::new(),
            drafts: Vec::new(),
            mode: Mode::Text,
        });
        if let Some(g) = label_goal {
            item.mode = Mode::Goal;
            if !item.goal.is_empty() {
                item.goal.push('\n');
            }
            item.goal.push_str(g.trim());
            continue;
        }
        if let Some(rest) = label_ind {
            item.mode = Mode::Indicators;
            let col = l.text.chars().count() - l.text.trim_start().chars().count()
                + (text.chars().count() - rest.chars().count());
            inline_indicators(rest, l, col as u32, sink, &mut item.drafts);
            continue;
        }
        match item.mode {
            Mode::Indicators => {
                let col = l.text.chars().count() - l.text.trim_start().chars().count();
                if let Some(d) = line_indicator(text, l, col as u32, sink) {
                    item.drafts.push(d);
                } else {
                    sink.note(
                        l.number,
                        l.page,
                        format!("line `{text}` under 绩效指标 is not `name value`"),
                    );
                }
            }
            Mode::Goal => item.goal.push_str(text),
            Mode::Text => {
                if !item.goal.is_empty() {
                    item.goal.push('\n');
                }
                item.goal.push_str(text);
            }
        }
    }
    if let Some(item) = current.take() {
        finish(item, sink, out);
    }
}

/// `①综合事务保障率： 综合事务按年度计划完成情况,指标值≥90%。②…`; `col` is the character
/// column of `text` in its line.
fn inline_indicators(
    text: &str,
    l: &Line,
    col: u32,
    sink: &mut Sink,
    out: &mut Vec<IndicatorDraft>,
) {
    let starts: Vec<usize> = text
        .char_indices()
        .filter(|(_, c)| CIRCLED.contains(*c))
        .map(|(i, _)| i)
        .collect();
    if starts.is_empty() {
        if let Some(d) = line_indicator(text.trim(), l, col, sink) {
            out.push(d);
        } else if !text.trim().is_empty() {
            sink.note(
                l.number,
                l.page,
                format!("绩效指标 `{}` not understood", text.trim()),
            );
        }
        return;
    }
    for (n, &s) in starts.iter().enumerate() {
        let e = starts.get(n + 1).copied().unwrap_or(text.len());
        let piece_start = s + text[s..].chars().next().map(|c| c.len_utf8()).unwrap_or(0);
        let piece = &text[piece_start..e];
        let piece_col = col + text[..piece_start].chars().count() as u32;
        let trimmed = piece.trim_end_matches(['。', '；', ';', '，', ',', ' ']);
        let (name, rest, rest_off) = match trimmed.find(['：', ':']) {
            Some(p) => {
                let sep = trimmed[p..]
                    .chars()
                    .next()
                    .map(|c| c.len_utf8())
                    .unwrap_or(1);
                (&trimmed[..p], &trimmed[p + sep..], p + sep)
            }
            None => ("", trimmed, 0),
        };
        let (description, value, value_off) = match rest.rfind("指标值") {
            Some(p) => (
                rest[..p].trim().trim_end_matches(['，', ',']).trim(),
                rest[p + "指标值".len()..].trim(),
                rest_off + p + "指标值".len(),
            ),
            None => ("", rest.trim(), rest_off),
        };
        let lead = piece[value_off..].len() - piece[value_off..].trim_start().len();
        let value_col = piece_col + piece[..value_off + lead].chars().count() as u32;
        out.push(IndicatorDraft {
            name: name.trim().to_string(),
            description: description.to_string(),
            value: value.to_string(),
            value_span: (!value.is_empty())
                .then(|| sink.text_span(l.number, l.page, value_col, value)),
            line: l.number,
            page: l.page,
            ..IndicatorDraft::default()
        });
    }
}

/// `档案资料完好率 ≥90%`, `党员发展 100%`: the name, then the value from its comparator (or the
/// last word when that parses).
fn line_indicator(text: &str, l: &Line, col: u32, sink: &Sink) -> Option<IndicatorDraft> {
    let cut = text
        .char_indices()
        .find(|(_, c)| "≥≤＞＜>=<＝".contains(*c))
        .map(|(i, _)| i)
        .filter(|&i| i > 0)
        .or_else(|| {
            let p = text.rfind(' ')?;
            let tail = text[p..].trim();
            parse_value(tail, None).number.is_some().then_some(p + 1)
        })?;
    let name = text[..cut].trim();
    let value = text[cut..].trim();
    if name.is_empty() || value.is_empty() {
        return None;
    }
    let value_col = col + text[..cut].chars().count() as u32;
    Some(IndicatorDraft {
        name: name.to_string(),
        value: value.to_string(),
        value_span: Some(sink.text_span(l.number, l.page, value_col, value)),
        line: l.number,
        page: l.page,
        ..IndicatorDraft::default()
    })
}
