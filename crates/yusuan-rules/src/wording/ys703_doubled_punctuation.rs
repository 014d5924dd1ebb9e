//! YS703 doubled-punctuation · 标点重复.

use yusuan_model::{Disclosure, Finding, Severity};

use crate::{finding, Check, Rule};
use super::shared::*;

declare_rule! {
    /// YS703: doubled punctuation.
    pub struct DoubledPunctuation {
        code: "YS703",
        name: "doubled-punctuation",
        title: "标点重复",
        family: Wording,
        severity: Warning,
        doc: "ys703_doubled_punctuation.md",
    }
}

impl Check for DoubledPunctuation {
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
                out.push(Finding {
                    severity: Severity::Warning,
                    ..finding(
                        self.info(),
                        doc,
                        format!("标点“{p}”重复：“{}”。", excerpt(t.text, at)),
                        vec![t.location()],
                    )
                });
            }
        }
    }
}
