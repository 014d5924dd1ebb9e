//! YS810 declaration-totals · 整体绩效目标申报表总额不等于分项之和.

use rust_decimal::Decimal;
use yusuan_model::{Disclosure, Finding, Location, Severity, Stated};

use crate::{finding, tolerance, Check, Rule};
use super::shared::*;

declare_rule! {
    /// YS810: a declaration form whose totals do not add up.
    pub struct DeclarationTotals {
        code: "YS810",
        name: "declaration-totals",
        title: "整体绩效目标申报表总额不等于分项之和",
        family: Performance,
        severity: Error,
        doc: "ys810_declaration_totals.md",
    }
}

/// The amount of a part: a number, zero when blank or not printed, `None` when text stands there.
fn part(s: &Option<Stated>) -> Option<Decimal> {
    match s {
        None => Some(Decimal::ZERO),
        Some(s) => match s.value {
            Some(v) => Some(v),
            None if is_blank(&s.text) => Some(Decimal::ZERO),
            None => None,
        },
    }
}

impl Check for DeclarationTotals {
    fn check(&self, doc: &Disclosure, out: &mut Vec<Finding>) {
        for d in &doc.declarations {
            let Some(total) = d.total.as_ref() else {
                continue;
            };
            let Some(t) = total.value else { continue };
            let pairs = [
                ("财政性资金", &d.fiscal_funds, "其他资金", &d.other_funds),
                ("基本支出", &d.basic, "项目支出", &d.project),
            ];
            for (na, a, nb, b) in pairs {
                // Judge only when at least one part is printed as a number.
                if a.as_ref().and_then(|s| s.value).is_none()
                    && b.as_ref().and_then(|s| s.value).is_none()
                {
                    continue;
                }
                let (Some(va), Some(vb)) = (part(a), part(b)) else {
                    continue;
                };
                let sum = va + vb;
                let scale = tolerance::scale_of(&[t, va, vb]);
                if !tolerance::differs(t, sum, 2, scale) {
                    continue;
                }
                let mut locations = vec![Location {
                    span: total.span.clone(),
                    label: format!("《{}整体绩效目标申报表》 部门预算总额", d.unit_name),
                    value: Some(t),
                }];
                for (n, s) in [(na, a), (nb, b)] {
                    if let Some(s) = s {
                        locations.push(Location {
                            span: s.span.clone(),
                            label: format!("《{}整体绩效目标申报表》 {n}", d.unit_name),
                            value: s.value,
                        });
                    }
                }
                let mut f = Finding {
                    severity: Severity::Error,
                    ..finding(
                        self.info(),
                        doc,
                        format!(
                        "“{}”申报表部门预算总额 {t} ≠ {na} {va} + {nb} {vb} = {sum}。",
                        d.unit_name
                    ),
                        locations,
                    )
                };
                f.actual = Some(t);
                f.expected = Some(sum);
                f.unit = d.unit;
                out.push(f);
            }
        }
    }
}
