//! YS803 quantitative-without-number · 定量指标未给出数值.

use yusuan_model::{Disclosure, Finding, Indicator, Severity};

use crate::{finding, Check, Rule};
use super::shared::*;

declare_rule! {
    /// YS803: a quantitative indicator without a number or a grade.
    pub struct QuantitativeWithoutNumber {
        code: "YS803",
        name: "quantitative-without-number",
        title: "定量指标未给出数值",
        family: Performance,
        severity: Warning,
        doc: "ys803_quantitative_without_number.md",
    }
}

fn is_quantitative(ind: &Indicator) -> bool {
    let l2 = text(&ind.level2);
    ["数量", "质量", "时效", "成本"]
        .iter()
        .any(|w| l2.contains(w))
}

/// A value that reads as a sentence rather than a target (`有力保障单位业务工作的正常开展`).
fn is_sentence(raw: &str) -> bool {
    raw.chars().count() >= 8 || raw.contains(['，', '。', ',', '；'])
}

impl Check for QuantitativeWithoutNumber {
    fn check(&self, doc: &Disclosure, out: &mut Vec<Finding>) {
        for (owner, ind) in indicators(doc) {
            let v = &ind.value;
            let raw = v.raw.trim();
            if v.parsed || raw.is_empty() || !is_quantitative(ind) {
                continue;
            }
            if v.number.is_some() || v.grade.is_some() {
                continue;
            }
            let (severity, message) = if is_sentence(raw) {
                (
                    Severity::Info,
                    format!(
                        "{}“{}”的指标值是一句话“{}”，不是“比较符+数值+单位”形式的目标值。",
                        text(&ind.level2),
                        ind.name,
                        raw
                    ),
                )
            } else {
                (
                    Severity::Warning,
                    format!(
                        "{}“{}”的指标值“{}”不是“比较符+数值+单位”或等级，无法衡量。",
                        text(&ind.level2),
                        ind.name,
                        raw
                    ),
                )
            };
            out.push(Finding {
                severity,
                ..finding(
                    self.info(),
                    doc,
                    message,
                    vec![indicator_location(&owner, ind)],
                )
            });
        }
    }
}
