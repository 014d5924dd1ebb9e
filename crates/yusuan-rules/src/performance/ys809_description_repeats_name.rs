//! YS809 description-repeats-name · 指标描述照抄三级指标名称.

use yusuan_model::{Disclosure, Finding, Indicator, Location, Severity};

use crate::{finding, Check, Rule};

declare_rule! {
    /// YS809: descriptions that only repeat the 三级指标.
    pub struct DescriptionRepeatsName {
        code: "YS809",
        name: "description-repeats-name",
        title: "指标描述照抄三级指标名称",
        family: Performance,
        severity: Info,
        doc: "ys809_description_repeats_name.md",
    }
}

impl Check for DescriptionRepeatsName {
    fn check(&self, doc: &Disclosure, out: &mut Vec<Finding>) {
        for p in &doc.projects {
            let repeated: Vec<&Indicator> = p
                .indicators
                .iter()
                .filter(|i| {
                    let name = i.name.trim();
                    !name.is_empty() && i.description.as_deref().map(str::trim) == Some(name)
                })
                .collect();
            if repeated.is_empty() {
                continue;
            }
            out.push(Finding {
                severity: Severity::Info,
                ..finding(
                    self.info(),
                    doc,
                    format!(
                    "项目“{}”有 {} 个指标的描述只是重复三级指标名称（如“{}”），未说明指标含义。",
                    p.name,
                    repeated.len(),
                    repeated[0].name
                ),
                    repeated
                    .iter()
                    .map(|i| Location {
                        span: i.span.clone(),
                        label: format!("《{}》 {}", p.name, i.name),
                        value: None,
                    })
                    .collect(),
                )
            });
        }
    }
}
