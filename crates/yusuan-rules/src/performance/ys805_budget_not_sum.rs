//! YS805 budget-not-sum · 项目预算数不等于财政资金与其他资金之和.

use yusuan_model::{Disclosure, Finding, Location, Severity};

use crate::{finding, Check, Rule};

declare_rule! {
    /// YS805: a project's 预算数 ≠ 财政资金 + 其他资金.
    pub struct BudgetNotSum {
        code: "YS805",
        name: "budget-not-sum",
        title: "项目预算数不等于财政资金与其他资金之和",
        family: Performance,
        severity: Error,
        doc: "ys805_budget_not_sum.md",
    }
}

impl Check for BudgetNotSum {
    fn check(&self, doc: &Disclosure, out: &mut Vec<Finding>) {
        for p in &doc.projects {
            let (Some(b), Some(f), Some(o)) = (&p.budget, &p.fiscal_funds, &p.other_funds) else {
                continue;
            };
            let sum = f.value + o.value;
            if sum == b.value {
                continue;
            }
            let loc = |label: &str, fig: &yusuan_model::Figure| Location {
                span: fig.span.clone(),
                label: format!("《{}》 {label}", p.name),
                value: Some(fig.value),
            };
            let mut finding = Finding {
                severity: Severity::Error,
                ..finding(
                    self.info(),
                    doc,
                    format!(
                    "项目“{}”预算数 {} ≠ 财政资金 {} + 其他资金 {} = {}。",
                    p.name, b.value, f.value, o.value, sum
                ),
                    vec![loc("预算数", b), loc("财政资金", f), loc("其他资金", o)],
                )
            };
            finding.actual = Some(b.value);
            finding.expected = Some(sum);
            finding.unit = p.unit;
            out.push(finding);
        }
    }
}
