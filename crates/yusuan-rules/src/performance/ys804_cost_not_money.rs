//! YS804 cost-not-money · 成本指标不是金额.

use yusuan_model::{Disclosure, Finding, Severity};

use crate::{finding, Check, Rule};
use super::shared::*;

declare_rule! {
    /// YS804: a cost indicator that is not an amount of money.
    pub struct CostNotMoney {
        code: "YS804",
        name: "cost-not-money",
        title: "成本指标不是金额",
        family: Performance,
        severity: Warning,
        doc: "ys804_cost_not_money.md",
    }
}

impl Check for CostNotMoney {
    fn check(&self, doc: &Disclosure, out: &mut Vec<Finding>) {
        for (owner, ind) in indicators(doc) {
            let l2 = text(&ind.level2);
            // Newer templates: 一级 成本指标 with 社会成本 / 生态成本, which need not be money.
            if !l2.contains("成本") || l2.contains("社会成本") || l2.contains("生态成本")
            {
                continue;
            }
            let v = &ind.value;
            let (true, Some(_), Some(unit)) = (v.parsed, v.number, v.unit.as_deref()) else {
                continue;
            };
            if unit.contains('元') {
                continue;
            }
            out.push(Finding {
                severity: Severity::Warning,
                ..finding(
                    self.info(),
                    doc,
                    format!(
                    "成本指标“{}”的指标值“{}”以“{}”计，不是金额（元、万元）。",
                    ind.name, v.raw, unit
                ),
                    vec![indicator_location(&owner, ind)],
                )
            });
        }
    }
}
