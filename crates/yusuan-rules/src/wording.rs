//! Wording (YS7xx): placeholders, truncated sentences and doubled punctuation.
//!
//! - YS701 a placeholder left in (`XX`, `××`, `某某`, `待填`);
//! - YS702 a sentence cut off before its content (`主要原因是。`);
//! - YS703 doubled punctuation (`。。`, `，，`).
//!
//! The disclosure does not carry the source's lines, so these rules read the texts the extractor
//! keeps: the department name, table titles, the sentences of narrative figures
//! ([`yusuan_model::NarrativeFact::text`]), project names, goals and indicator texts, department
//! targets and declaration forms. A sentence without a figure in it is not seen.

use std::collections::HashSet;

use yusuan_model::{Disclosure, Finding, Location, Severity, Span};

use crate::{Family, Rule, RuleInfo};

/// The rules of this family.
pub fn rules() -> Vec<&'static dyn Rule> {
    vec![&PlaceholderLeft, &TruncatedSentence, &DoubledPunctuation]
}

/// One text the extractor kept, with where it was printed and what it is.
struct Text<'a> {
    text: &'a str,
    span: &'a Span,
    label: String,
}

/// Every text of the document, each (span line, text) once.
fn texts(doc: &Disclosure) -> Vec<Text<'_>> {
    let mut out = Vec::new();
    if let Some(d) = &doc.department {
        if let Some(span) = &d.span {
            out.push(Text {
                text: &d.name,
                span,
                label: "部门名称".to_string(),
            });
        }
    }
    for t in &doc.tables {
        out.push(Text {
            text: &t.title,
            span: &t.span,
            label: format!("《{}》标题", t.title),
        });
    }
    for f in &doc.narrative_facts {
        out.push(Text {
            text: &f.text,
            span: &f.span,
            label: "情况说明".to_string(),
        });
    }
    for p in &doc.projects {
        let label = format!("《{}》", p.name);
        out.push(Text {
            text: &p.name,
            span: &p.span,
            label: format!("{label} 项目名称"),
        });
        for goal in [&p.goal, &p.overall_goal, &p.purpose].into_iter().flatten() {
            out.push(Text {
                text: goal,
                span: &p.span,
                label: format!("{label} 绩效目标"),
            });
        }
        for i in &p.indicators {
            for t in [Some(&i.name), i.description.as_ref(), i.basis.as_ref()]
                .into_iter()
                .flatten()
            {
                out.push(Text {
                    text: t,
                    span: &i.span,
                    label: format!("{label} {}", i.name),
                });
            }
        }
    }
    for t in &doc.department_targets {
        out.push(Text {
            text: &t.goal,
            span: &t.span,
            label: t
                .title
                .clone()
                .unwrap_or_else(|| "部门整体绩效目标".to_string()),
        });
    }
    for d in &doc.declarations {
        for goal in [&d.annual_goal].into_iter().flatten() {
            out.push(Text {
                text: goal,
                span: &d.span,
                label: format!("《{}整体绩效目标申报表》 年度履职目标", d.unit_name),
            });
        }
    }
    let mut seen = HashSet::new();
    out.retain(|t| seen.insert((t.span.line, t.text)));
    out
}

fn finding(
    doc: &Disclosure,
    info: &RuleInfo,
    severity: Severity,
    message: String,
    t: &Text,
) -> Finding {
    Finding {
        rule: info.code.to_string(),
        severity,
        message,
        expected: None,
        actual: None,
        unit: None,
        locations: vec![Location {
            span: t.span.clone(),
            label: t.label.clone(),
            value: None,
        }],
        related: Vec::new(),
        document: doc.source.path.clone(),
    }
}

/// A short excerpt around byte offset `at`.
fn excerpt(text: &str, at: usize) -> String {
    let chars: Vec<(usize, char)> = text.char_indices().collect();
    let i = chars.iter().position(|(b, _)| *b >= at).unwrap_or(0);
    let from = i.saturating_sub(12);
    let to = (i + 12).min(chars.len());
    chars[from..to].iter().map(|(_, c)| c).collect()
}

// ---------------------------------------------------------------------------------------------

/// YS701: a placeholder left in.
pub struct PlaceholderLeft;

static YS701: RuleInfo = RuleInfo {
    code: "YS701",
    name: "placeholder-left",
    title: "遗留占位符",
    family: Family::Wording,
    severity: Severity::Warning,
    doc: include_str!("../docs/YS701.md"),
};

/// The byte offset of the first placeholder in `text`, with the placeholder.
///
/// `XX` counts only when it stands among Chinese text: in `…VPZXX` (a project code) it is letters.
pub fn placeholder(text: &str) -> Option<(usize, &'static str)> {
    for p in ["××", "某某", "待填", "ＸＸ"] {
        if let Some(i) = text.find(p) {
            return Some((i, p));
        }
    }
    let bytes = text.as_bytes();
    let mut from = 0;
    while let Some(i) = text[from..].find("XX").map(|i| i + from) {
        let mut end = i + 2;
        while end < bytes.len() && bytes[end] == b'X' {
            end += 1;
        }
        let before = i.checked_sub(1).map(|j| bytes[j]);
        let after = bytes.get(end).copied();
        let letter = |b: Option<u8>| b.is_some_and(|b| b.is_ascii_alphanumeric());
        if !letter(before) && !letter(after) {
            return Some((i, "XX"));
        }
        from = end;
    }
    None
}

impl Rule for PlaceholderLeft {
    fn info(&self) -> &'static RuleInfo {
        &YS701
    }

    fn check(&self, doc: &Disclosure, out: &mut Vec<Finding>) {
        // A template (`上海市XX局`) is full of placeholders by design: say so once.
        if let Some(d) = &doc.department {
            if let (Some(_), Some(span)) = (placeholder(&d.name), &d.span) {
                let t = Text {
                    text: &d.name,
                    span,
                    label: "部门名称".to_string(),
                };
                out.push(finding(
                    doc,
                    &YS701,
                    Severity::Info,
                    format!(
                        "部门名称“{}”含占位符，本文件是模板而非正式公开文件。",
                        d.name
                    ),
                    &t,
                ));
                return;
            }
        }
        for t in texts(doc) {
            if let Some((at, p)) = placeholder(t.text) {
                out.push(finding(
                    doc,
                    &YS701,
                    Severity::Warning,
                    format!("文字中遗留占位符“{p}”：“{}”。", excerpt(t.text, at)),
                    &t,
                ));
            }
        }
    }
}

// ---------------------------------------------------------------------------------------------

/// YS702: a sentence cut off before its content.
pub struct TruncatedSentence;

static YS702: RuleInfo = RuleInfo {
    code: "YS702",
    name: "truncated-sentence",
    title: "句子残缺",
    family: Family::Wording,
    severity: Severity::Warning,
    doc: include_str!("../docs/YS702.md"),
};

/// Words that announce what follows; directly followed by an end of sentence they say nothing.
const LEAD_INS: [&str; 5] = ["原因是", "原因为", "主要用于", "主要是", "包括"];

fn truncation(text: &str) -> Option<usize> {
    for lead in LEAD_INS {
        for (i, _) in text.match_indices(lead) {
            let rest = text[i + lead.len()..].trim_start_matches(['：', ':', ' ']);
            if rest.starts_with(['。', '；', ';']) {
                return Some(i);
            }
        }
    }
    None
}

impl Rule for TruncatedSentence {
    fn info(&self) -> &'static RuleInfo {
        &YS702
    }

    fn check(&self, doc: &Disclosure, out: &mut Vec<Finding>) {
        for t in texts(doc) {
            if let Some(at) = truncation(t.text) {
                out.push(finding(
                    doc,
                    &YS702,
                    Severity::Warning,
                    format!("句子未写完：“{}”。", excerpt(t.text, at)),
                    &t,
                ));
            }
        }
    }
}

// ---------------------------------------------------------------------------------------------

/// YS703: doubled punctuation.
pub struct DoubledPunctuation;

static YS703: RuleInfo = RuleInfo {
    code: "YS703",
    name: "doubled-punctuation",
    title: "标点重复",
    family: Family::Wording,
    severity: Severity::Warning,
    doc: include_str!("../docs/YS703.md"),
};

impl Rule for DoubledPunctuation {
    fn info(&self) -> &'static RuleInfo {
        &YS703
    }

    fn check(&self, doc: &Disclosure, out: &mut Vec<Finding>) {
        for t in texts(doc) {
            let hit = ["。。", "，，", "、、", "；；", "：："]
                .iter()
                .filter_map(|p| t.text.find(p).map(|i| (i, *p)))
                .min();
            if let Some((at, p)) = hit {
                // `……` and `。。。` as an ellipsis are not a slip.
                if t.text[at..].starts_with("。。。") {
                    continue;
                }
                out.push(finding(
                    doc,
                    &YS703,
                    Severity::Warning,
                    format!("标点“{p}”重复：“{}”。", excerpt(t.text, at)),
                    &t,
                ));
            }
        }
    }
}
