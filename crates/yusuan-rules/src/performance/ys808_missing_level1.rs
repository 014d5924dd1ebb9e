//! YS808 missing-level1 · 缺少一级指标.

use yusuan_model::{Disclosure, Finding, Location, Severity};

use crate::{finding, Check, Rule};
use super::shared::*;

declare_rule! {
    /// YS808: a project without any 产出, 效益 or 满意度 indicator.
    pub struct MissingLevel1 {
        code: "YS808",
        name: "missing-level1",
        title: "缺少一级指标",
        family: Performance,
        severity: Info,
        doc: "ys808_missing_level1.md",
    }
}

impl Check for MissingLevel1 {
    fn check(&self, doc: &Disclosure, out: &mut Vec<Finding>) {
        for p in &doc.projects {
            if p.indicators.is_empty() {
                continue;
            }
            let has = |g: Group| {
                p.indicators.iter().any(|i| {
                    level1_group(text(&i.level1)) == Some(g)
                        || (g == Group::Output
                            && level1_group(text(&i.level1)) == Some(Group::Cost))
                        || level2_groups(text(&i.level2)).is_some_and(|a| a[0] == g)
                })
            };
            let missing: Vec<&str> = [Group::Output, Group::Benefit, Group::Satisfaction]
                .into_iter()
                .filter(|g| !has(*g))
                .map(Group::name)
                .collect();
            if missing.is_empty() {
                continue;
            }
            out.push(Finding {
                severity: Severity::Info,
                ..finding(
                    self.info(),
                    doc,
                    format!("项目“{}”的绩效目标表没有{}。", p.name, missing.join("、")),
                    vec![Location {
                    span: p.span.clone(),
                    label: format!("《{}》", p.title.as_deref().unwrap_or(&p.name)),
                    value: None,
                }],
                )
            });
        }
    }
}
