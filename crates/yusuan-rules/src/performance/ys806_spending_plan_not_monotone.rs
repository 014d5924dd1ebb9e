//! YS806 spending-plan-not-monotone · 资金支出计划累计进度下降或超过100%.

use rust_decimal::Decimal;
use yusuan_model::{Disclosure, Finding, Location, Severity};

use crate::{finding, Check, Rule};

declare_rule! {
    /// YS806: a cumulative spending plan that falls or exceeds 100 %.
    pub struct SpendingPlanNotMonotone {
        code: "YS806",
        name: "spending-plan-not-monotone",
        title: "资金支出计划累计进度下降或超过100%",
        family: Performance,
        severity: Warning,
        doc: "ys806_spending_plan_not_monotone.md",
    }
}

impl Check for SpendingPlanNotMonotone {
    fn check(&self, doc: &Disclosure, out: &mut Vec<Finding>) {
        let hundred = Decimal::from(100);
        for p in &doc.projects {
            let loc = |pt: &yusuan_model::PlanPoint| Location {
                span: pt.span.clone(),
                label: format!("《{}》 资金支出计划 · {}", p.name, pt.period),
                value: Some(pt.percent),
            };
            for (i, pt) in p.spending_plan.iter().enumerate() {
                if pt.percent > hundred {
                    out.push(Finding {
                        severity: Severity::Warning,
                        ..finding(
                            self.info(),
                            doc,
                            format!(
                            "项目“{}”资金支出计划“{}”累计 {}%，超过100%。",
                            p.name, pt.period, pt.percent
                        ),
                            vec![loc(pt)],
                        )
                    });
                }
                if i > 0 {
                    let prev = &p.spending_plan[i - 1];
                    if pt.percent < prev.percent {
                        out.push(Finding {
                            severity: Severity::Warning,
                            ..finding(
                                self.info(),
                                doc,
                                format!(
                                "项目“{}”资金支出计划“{}”累计 {}% 低于前一期“{}”的 {}%，累计进度不应下降。",
                                p.name, pt.period, pt.percent, prev.period, prev.percent
                            ),
                                vec![loc(pt), loc(prev)],
                            )
                        });
                    }
                }
            }
        }
    }
}
