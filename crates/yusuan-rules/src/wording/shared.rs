//! What the rules of this family share.

use std::collections::HashSet;

use yusuan_model::{Disclosure, Location, Span};

/// One text the extractor kept, with where it was printed and what it is.
pub(crate) struct Text<'a> {
    pub(crate) text: &'a str,
    pub(crate) span: &'a Span,
    pub(crate) label: String,
}

/// Every text of the document, each (span line, text) once.
pub(crate) fn texts(doc: &Disclosure) -> Vec<Text<'_>> {
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

impl Text<'_> {
    /// Where the text was printed, as a finding's location.
    pub(crate) fn location(&self) -> Location {
        Location {
            span: self.span.clone(),
            label: self.label.clone(),
            value: None,
        }
    }
}

/// A short excerpt around byte offset `at`.
pub(crate) fn excerpt(text: &str, at: usize) -> String {
    let chars: Vec<(usize, char)> = text.char_indices().collect();
    let i = chars.iter().position(|(b, _)| *b >= at).unwrap_or(0);
    let from = i.saturating_sub(12);
    let to = (i + 12).min(chars.len());
    chars[from..to].iter().map(|(_, c)| c).collect()
}
