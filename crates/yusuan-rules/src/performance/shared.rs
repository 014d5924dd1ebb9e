//! What the rules of this family share.

use yusuan_model::{Disclosure, Indicator, Location};

/// Every indicator of the document with the name of what it belongs to (a project, a department
/// target, a declaration form).
pub(crate) fn indicators(doc: &Disclosure) -> Vec<(String, &Indicator)> {
    let mut out = Vec::new();
    for p in &doc.projects {
        for i in &p.indicators {
            out.push((p.name.clone(), i));
        }
    }
    for t in &doc.department_targets {
        let owner = t
            .title
            .clone()
            .unwrap_or_else(|| "部门整体绩效目标".to_string());
        for i in &t.indicators {
            out.push((owner.clone(), i));
        }
    }
    for d in &doc.declarations {
        for i in &d.indicators {
            out.push((format!("{}整体绩效目标申报表", d.unit_name), i));
        }
    }
    out
}

/// An indicator as a location: its value cell, labelled `《项目》 二级 · 三级`.
pub(crate) fn indicator_location(owner: &str, ind: &Indicator) -> Location {
    let level2 = ind.level2.as_deref().unwrap_or("");
    Location {
        span: ind.value.span.clone().unwrap_or_else(|| ind.span.clone()),
        label: format!("《{owner}》 {level2} · {}", ind.name)
            .replace("  ", " ")
            .replace("》  ·", "》 ·"),
        value: ind.value.number,
    }
}

pub(crate) fn text(s: &Option<String>) -> &str {
    s.as_deref().unwrap_or("")
}

pub(crate) fn is_satisfaction(ind: &Indicator) -> bool {
    text(&ind.level1).contains("满意")
        || text(&ind.level2).contains("满意")
        || ind.name.contains("满意")
}

/// The 一级指标 groups (DOMAIN.md §4).
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub(crate) enum Group {
    Output,
    Benefit,
    Satisfaction,
    Cost,
}

impl Group {
    pub(crate) fn name(self) -> &'static str {
        match self {
            Group::Output => "产出指标",
            Group::Benefit => "效益指标",
            Group::Satisfaction => "满意度指标",
            Group::Cost => "成本指标",
        }
    }
}

/// The group a 一级指标 names.
pub(crate) fn level1_group(l1: &str) -> Option<Group> {
    if l1.contains("满意") {
        Some(Group::Satisfaction)
    } else if l1.contains("产出") {
        Some(Group::Output)
    } else if l1.contains("效益") {
        Some(Group::Benefit)
    } else if l1.contains("成本") {
        Some(Group::Cost)
    } else {
        None
    }
}

/// The 一级 groups a 二级 may stand under.
pub(crate) fn level2_groups(l2: &str) -> Option<&'static [Group]> {
    if l2.contains("满意") {
        Some(&[Group::Satisfaction])
    } else if l2.contains("经济成本") || l2.contains("社会成本") || l2.contains("生态成本")
    {
        Some(&[Group::Cost, Group::Output])
    } else if l2.contains("成本") {
        Some(&[Group::Output, Group::Cost])
    } else if l2.contains("数量") || l2.contains("质量") || l2.contains("时效") {
        Some(&[Group::Output])
    } else if ["经济效益", "社会效益", "生态效益", "可持续影响"]
        .iter()
        .any(|w| l2.contains(w))
    {
        Some(&[Group::Benefit])
    } else {
        None
    }
}

/// A field printed as a dash or nothing at all: zero.
pub(crate) fn is_blank(text: &str) -> bool {
    let t = text.trim();
    t.is_empty() || ["-", "—", "——", "－", "/"].contains(&t)
}
