//! YS802 percent-over-100 · 比率指标超过100%.

use rust_decimal::Decimal;
use yusuan_model::{Comparator, Disclosure, Finding, Indicator, Severity};

use crate::{finding, Check, Rule};
use super::shared::*;

declare_rule! {
    /// YS802: a rate above 100 %.
    pub struct PercentOver100 {
        code: "YS802",
        name: "percent-over-100",
        title: "比率指标超过100%",
        family: Performance,
        severity: Warning,
        doc: "ys802_percent_over_100.md",
    }
}

fn is_bounded_rate(ind: &Indicator) -> bool {
    let words = format!("{}{}", ind.name, text(&ind.level2));
    let rate = ["率", "占比", "比例", "满意度"]
        .iter()
        .any(|w| words.contains(w));
    let growth = [
        "增长", "增幅", "增加", "提高", "提升", "上升", "同比", "环比",
    ]
    .iter()
    .any(|w| ind.name.contains(w));
    rate && !growth
}

impl Check for PercentOver100 {
    fn check(&self, doc: &Disclosure, out: &mut Vec<Finding>) {
        let hundred = Decimal::from(100);
        for (owner, ind) in indicators(doc) {
            let v = &ind.value;
            let (Some(n), Some("%")) = (v.number, v.unit.as_deref()) else {
                continue;
            };
            if !v.parsed
                || n <= hundred
                || matches!(v.comparator, Some(Comparator::AtMost | Comparator::Below))
                || !is_bounded_rate(ind)
            {
                continue;
            }
            let mut f = Finding {
                severity: Severity::Warning,
                ..finding(
                    self.info(),
                    doc,
                    format!(
                    "比率指标“{}”的指标值为“{}”，超过100%，该比率不可能超过100%。",
                    ind.name, v.raw
                ),
                    vec![indicator_location(&owner, ind)],
                )
            };
            f.actual = Some(n);
            f.expected = Some(hundred);
            out.push(f);
        }
    }
}
