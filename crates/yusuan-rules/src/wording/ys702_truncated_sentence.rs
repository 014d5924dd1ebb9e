//! YS702 truncated-sentence · 句子残缺.

use yusuan_model::{Disclosure, Finding, Severity};

use crate::{finding, Check, Rule};
use super::shared::*;

declare_rule! {
    /// YS702: a sentence cut off before its content.
    pub struct TruncatedSentence {
        code: "YS702",
        name: "truncated-sentence",
        title: "句子残缺",
        family: Wording,
        severity: Warning,
        doc: "ys702_truncated_sentence.md",
    }
}

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

impl Check for TruncatedSentence {
    fn check(&self, doc: &Disclosure, out: &mut Vec<Finding>) {
        for t in texts(doc) {
            if let Some(at) = truncation(t.text) {
                out.push(Finding {
                    severity: Severity::Warning,
                    ..finding(
                        self.info(),
                        doc,
                        format!("句子未写完：“{}”。", excerpt(t.text, at)),
                        vec![t.location()],
                    )
                });
            }
        }
    }
}
