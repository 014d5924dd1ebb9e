//! YS807 level2-under-wrong-level1 · 二级指标不属于其一级指标.

use yusuan_model::{Disclosure, Finding, Severity};

use crate::{finding, Check, Rule};
use super::shared::*;

declare_rule! {
    /// YS807: a 二级指标 under a 一级指标 it does not belong to.
    pub struct Level2UnderWrongLevel1 {
        code: "YS807",
        name: "level2-under-wrong-level1",
        title: "二级指标不属于其一级指标",
        family: Performance,
        severity: Warning,
        doc: "ys807_level2_under_wrong_level1.md",
    }
}

impl Check for Level2UnderWrongLevel1 {
    fn check(&self, doc: &Disclosure, out: &mut Vec<Finding>) {
        let mut previous: Option<(String, String, String)> = None;
        // Declaration forms follow the 部门整体 template, where 满意度 is a 二级 under 效益.
        let declared = doc
            .declarations
            .iter()
            .map(|d| d.indicators.len())
            .sum::<usize>();
        let all = indicators(doc);
        let judged = &all[..all.len() - declared];
        for (owner, ind) in judged.iter().map(|(o, i)| (o.clone(), *i)) {
            let l1 = text(&ind.level1).to_string();
            let l2 = text(&ind.level2).to_string();
            let key = (owner.clone(), l1.clone(), l2.clone());
            // One finding per printed group: carried-down labels repeat on every row.
            if previous.as_ref() == Some(&key) {
                continue;
            }
            previous = Some(key);
            let (Some(g1), Some(allowed)) = (level1_group(&l1), level2_groups(&l2)) else {
                continue;
            };
            if allowed.contains(&g1) {
                continue;
            }
            out.push(Finding {
                severity: Severity::Warning,
                ..finding(
                    self.info(),
                    doc,
                    format!(
                    "二级指标“{l2}”被列在一级指标“{l1}”下，应属于“{}”。",
                    allowed[0].name()
                ),
                    vec![indicator_location(&owner, ind)],
                )
            });
        }
    }
}
