//! YS801 satisfaction-upper-bound · 满意度指标写成上限.

use yusuan_model::{Comparator, Disclosure, Finding, Severity};

use crate::{finding, Check, Rule};
use super::shared::*;

declare_rule! {
    /// YS801: a satisfaction indicator written as a ceiling.
    pub struct SatisfactionUpperBound {
        code: "YS801",
        name: "satisfaction-upper-bound",
        title: "满意度指标写成上限",
        family: Performance,
        severity: Warning,
        doc: "ys801_satisfaction_upper_bound.md",
    }
}

impl Check for SatisfactionUpperBound {
    fn check(&self, doc: &Disclosure, out: &mut Vec<Finding>) {
        for (owner, ind) in indicators(doc) {
            if !ind.value.parsed || !is_satisfaction(ind) {
                continue;
            }
            if matches!(
                ind.value.comparator,
                Some(Comparator::AtMost) | Some(Comparator::Below)
            ) {
                out.push(Finding {
                    severity: Severity::Warning,
                    ..finding(
                        self.info(),
                        doc,
                        format!(
                        "满意度指标“{}”的指标值为“{}”，写成了上限，应为不低于某一水平（如≥90%）。",
                        ind.name, ind.value.raw
                    ),
                        vec![indicator_location(&owner, ind)],
                    )
                });
            }
        }
    }
}
