//! The explanation's sections (情况说明): headings, what each section is about, and its prose as
//! one character stream that remembers where every character was printed.
//!
//! Headings are recognised by their numbering (`一、`, `（一）`, `1、`, `第三部分`) or, unnumbered, by
//! how they end (`…说明`, `…情况`, `机构设置`), and only when short and free of sentence
//! punctuation and figures. A section's topic comes from its heading's words; a sub-heading
//! without topic words inherits its parent's. Sections about other things (职责, 绩效, 名词解释,
//! project descriptions) are skipped, so their figures are never read as explanation figures.

use yusuan_read::Line;

/// What an explanation section is about.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub(super) enum Topic {
    /// 总体情况, 部门预算编制说明, 决算 总体情况说明, 其他相关情况说明 …
    General,
    /// 收入说明 / 收入决算情况说明.
    Income,
    /// 支出说明 / 支出决算情况说明.
    Expenditure,
    /// 比上年增减情况.
    Change,
    /// 机关运行经费.
    OperationCost,
    /// "三公"经费.
    ThreePublic,
    /// 政府采购.
    Procurement,
    /// 国有资产占有使用情况.
    Assets,
}

/// What a heading says about the text under it.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
enum HeadingTopic {
    Topic(Topic),
    /// Not explanation figures (职责, 绩效, 名词解释, 目录 …).
    Skip,
    /// No topic words: the parent's topic.
    Inherit,
}

/// Where one character of a stream was printed.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub(super) struct Pos {
    pub line: u32,
    pub page: Option<u32>,
    /// 0-based character column in the line's text.
    pub column: u32,
}

/// The prose of one section, lines joined (PDF line wraps and page breaks fall inside
/// sentences, so lines are joined without separator).
#[derive(Debug, Clone)]
pub(super) struct Stream {
    pub topic: Topic,
    pub chars: Vec<char>,
    pub pos: Vec<Pos>,
}

impl Stream {
    pub fn text(&self, from: usize, to: usize) -> String {
        self.chars[from.min(self.chars.len())..to.min(self.chars.len())]
            .iter()
            .collect()
    }
}

/// The streams of the document's explanation sections, in document order.
///
/// `excluded(line_number)` tells lines that belong to tables (standard or fact tables).
pub(super) fn streams(lines: &[Line], excluded: &dyn Fn(u32) -> bool) -> Vec<Stream> {
    let mut out = Vec::new();
    // (level, topic) of the open headings.
    let mut stack: Vec<(u8, Option<Topic>)> = Vec::new();
    let mut current: Option<Stream> = None;
    for line in lines {
        if excluded(line.number) || line.text.contains('\t') {
            continue;
        }
        if let Some((level, ht)) = heading(&line.text) {
            if let Some(s) = current.take() {
                if !s.chars.is_empty() {
                    out.push(s);
                }
            }
            while stack.last().is_some_and(|(l, _)| *l >= level) {
                stack.pop();
            }
            if level == 0 {
                stack.clear();
            }
            let topic = match ht {
                HeadingTopic::Topic(t) => Some(t),
                HeadingTopic::Skip => None,
                HeadingTopic::Inherit => stack.last().and_then(|(_, t)| *t),
            };
            stack.push((level, topic));
            if let Some(topic) = topic {
                current = Some(Stream {
                    topic,
                    chars: Vec::new(),
                    pos: Vec::new(),
                });
            }
            continue;
        }
        let Some(s) = current.as_mut() else {
            continue;
        };
        for (i, c) in line.text.chars().enumerate() {
            s.chars.push(c);
            s.pos.push(Pos {
                line: line.number,
                page: line.page,
                column: i as u32,
            });
        }
    }
    if let Some(s) = current {
        if !s.chars.is_empty() {
            out.push(s);
        }
    }
    out
}

const CN_DIGITS: &str = "一二三四五六七八九十";

/// Splits a numbering marker off a line: its level and the rest.
fn numbering(t: &str) -> Option<(u8, &str)> {
    let chars: Vec<char> = t.chars().collect();
    let byte = |n: usize| t.char_indices().nth(n).map(|(b, _)| b).unwrap_or(t.len());
    // 第三部分
    if chars.first() == Some(&'第') {
        let n = chars[1..]
            .iter()
            .take_while(|c| CN_DIGITS.contains(**c))
            .count();
        if n > 0 && chars[1 + n..].starts_with(&['部', '分']) {
            return Some((0, &t[byte(3 + n)..]));
        }
    }
    // 一、
    let n = chars.iter().take_while(|c| CN_DIGITS.contains(**c)).count();
    if n > 0 && n <= 3 && matches!(chars.get(n), Some('、') | Some('．') | Some('.')) {
        return Some((1, &t[byte(n + 1)..]));
    }
    // （一） (1)
    if matches!(chars.first(), Some('（') | Some('(')) {
        let cn = chars[1..]
            .iter()
            .take_while(|c| CN_DIGITS.contains(**c))
            .count();
        let ar = chars[1..].iter().take_while(|c| c.is_ascii_digit()).count();
        let (n, level) = if cn > 0 { (cn, 2) } else { (ar, 4) };
        if n > 0 && n <= 3 && matches!(chars.get(1 + n), Some('）') | Some(')')) {
            let mut rest = 2 + n;
            if chars.get(rest) == Some(&'、') {
                rest += 1;
            }
            return Some((level, &t[byte(rest)..]));
        }
    }
    // 1、 1. 1．
    let n = chars.iter().take_while(|c| c.is_ascii_digit()).count();
    if n > 0
        && n <= 2
        && matches!(chars.get(n), Some('、') | Some('.') | Some('．'))
        && !chars.get(n + 1).is_some_and(|c| c.is_ascii_digit())
    {
        return Some((3, &t[byte(n + 1)..]));
    }
    None
}

/// True for a table-of-contents entry (dot leaders).
fn is_contents_entry(t: &str) -> bool {
    t.contains("……") || t.contains("....") || t.contains("···")
}

/// The heading a line is, if it is one: its level (0 = unnumbered or 第…部分) and topic.
fn heading(text: &str) -> Option<(u8, HeadingTopic)> {
    let t = text.trim();
    if t.is_empty() {
        return None;
    }
    if is_contents_entry(t) {
        return Some((0, HeadingTopic::Skip));
    }
    let (level, rest, numbered) = match numbering(t) {
        Some((l, r)) => (l, r.trim(), true),
        None => (0, t, false),
    };
    let body = rest.trim_end_matches(['。', '：', ':']).trim().to_string();
    let len = body.chars().filter(|c| !c.is_whitespace()).count();
    if body.is_empty() || len > if numbered { 40 } else { 30 } {
        return None;
    }
    if body.contains(['，', ',', '；', ';', '：', ':', '。']) || has_figure(&body) {
        return None;
    }
    // `1、社会保障和就业支出（类）行政事业单位养老支出（款）`: a 科目 item, not a heading.
    if ["（类）", "(类)", "（款）", "(款)", "（项）", "(项)"]
        .iter()
        .any(|w| body.contains(w))
    {
        return None;
    }
    let squeezed: String = body.chars().filter(|c| !c.is_whitespace()).collect();
    if !numbered {
        const ENDS: &[&str] = &[
            "说明",
            "情况",
            "机构设置",
            "名词解释",
            "职责",
            "职能",
            "目录",
            "构成",
            "事项",
        ];
        if !ENDS.iter().any(|e| squeezed.ends_with(e)) {
            return None;
        }
    }
    Some((level, topic_of(&squeezed)))
}

/// A figure with a money or rate unit (`86991.86万元`, `95%`).
fn has_figure(t: &str) -> bool {
    let chars: Vec<char> = t.chars().collect();
    for (i, c) in chars.iter().enumerate() {
        if !c.is_ascii_digit() {
            continue;
        }
        let mut j = i + 1;
        while j < chars.len() && (chars[j].is_ascii_digit() || chars[j] == '.' || chars[j] == ' ') {
            j += 1;
        }
        if matches!(
            chars.get(j),
            Some('万') | Some('元') | Some('%') | Some('％')
        ) {
            return true;
        }
    }
    false
}

fn topic_of(t: &str) -> HeadingTopic {
    const SKIP: &[&str] = &[
        "绩效",
        "名词解释",
        "职责",
        "职能",
        "机构",
        "单位构成",
        "目录",
        "项目概述",
        "立项依据",
        "实施主体",
        "实施方案",
        "实施周期",
        "年度预算安排",
        "项目经费",
    ];
    if SKIP.iter().any(|w| t.contains(w)) {
        return HeadingTopic::Skip;
    }
    let topic = if t.contains("三公") {
        Topic::ThreePublic
    } else if t.contains("机关运行") || t.contains("运行经费") {
        Topic::OperationCost
    } else if t.contains("政府采购") {
        Topic::Procurement
    } else if t.contains("资产") {
        Topic::Assets
    } else if t.contains("比上年") || t.contains("增减") {
        Topic::Change
    } else if t.contains("收入") && t.contains("支出") {
        Topic::General
    } else if t.contains("收入") {
        Topic::Income
    } else if t.contains("支出") {
        Topic::Expenditure
    } else if t == "说明"
        || [
            "总体情况",
            "编制说明",
            "情况说明",
            "决算情况",
            "预算情况",
            "其他相关情况",
            "其他重要事项",
            "其他需要说明",
        ]
        .iter()
        .any(|w| t.contains(w))
    {
        Topic::General
    } else {
        return HeadingTopic::Inherit;
    };
    HeadingTopic::Topic(topic)
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn headings_by_numbering_and_words() {
        assert_eq!(
            heading("1、收入说明"),
            Some((3, HeadingTopic::Topic(Topic::Income)))
        );
        assert_eq!(
            heading("四、财政拨款“三公”经费预算情况及增减变化原因"),
            Some((1, HeadingTopic::Topic(Topic::ThreePublic)))
        );
        assert_eq!(
            heading("（三）比上年增减情况"),
            Some((2, HeadingTopic::Topic(Topic::Change)))
        );
        assert_eq!(
            heading("2025年部门预算编制说明"),
            Some((0, HeadingTopic::Topic(Topic::General)))
        );
        assert_eq!(heading("五、预算绩效信息"), Some((1, HeadingTopic::Skip)));
        assert_eq!(
            heading("（一）“三公”经费财政拨款支出决算总体情况说明。"),
            Some((2, HeadingTopic::Topic(Topic::ThreePublic)))
        );
        assert_eq!(
            heading("四、部门预算编制说明 ………………"),
            Some((0, HeadingTopic::Skip))
        );
        // Sentences and figures are not headings.
        assert_eq!(
            heading("（一）因公出国（境）费839万元，与2024年预算持平。"),
            None
        );
        assert_eq!(
            heading(
                "1. “一般公共服务支出-政府办公厅（室）及相关机构事务-行政运行”科目1,202.95万元"
            ),
            None
        );
        assert_eq!(heading("的 2 台身份证识别仪等设备。"), None);
    }
}
