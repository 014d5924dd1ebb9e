//! YS701 placeholder-left · 遗留占位符.

use yusuan_model::{Disclosure, Finding, Severity};

use crate::{finding, Check, Rule};
use super::shared::*;

declare_rule! {
    /// YS701: a placeholder left in.
    pub struct PlaceholderLeft {
        code: "YS701",
        name: "placeholder-left",
        title: "遗留占位符",
        family: Wording,
        severity: Warning,
        doc: "ys701_placeholder_left.md",
    }
}

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

impl Check for PlaceholderLeft {
    fn check(&self, doc: &Disclosure, out: &mut Vec<Finding>) {
        // A template (`上海市XX局`) is full of placeholders by design: say so once.
        if let Some(d) = &doc.department {
            if let (Some(_), Some(span)) = (placeholder(&d.name), &d.span) {
                let t = Text {
                    text: &d.name,
                    span,
                    label: "部门名称".to_string(),
                };
                out.push(Finding {
                    severity: Severity::Info,
                    ..finding(
                        self.info(),
                        doc,
                        format!(
                        "部门名称“{}”含占位符，本文件是模板而非正式公开文件。",
                        d.name
                    ),
                        vec![t.location()],
                    )
                });
                return;
            }
        }
        for t in texts(doc) {
            if let Some((at, p)) = placeholder(t.text) {
                out.push(Finding {
                    severity: Severity::Warning,
                    ..finding(
                        self.info(),
                        doc,
                        format!("文字中遗留占位符“{p}”：“{}”。", excerpt(t.text, at)),
                        vec![t.location()],
                    )
                });
            }
        }
    }
}
