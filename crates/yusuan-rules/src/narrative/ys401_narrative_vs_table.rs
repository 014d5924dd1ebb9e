//! YS401 narrative-vs-table · 情况说明的收支数字与报表不符.

use yusuan_model::{Disclosure, Finding, Severity};

use crate::{Check, Rule};
use super::shared::*;

declare_rule! {
    /// YS401: a narrative income or expenditure figure differs from the table.
    pub struct NarrativeVsTable {
        code: "YS401",
        name: "narrative-vs-table",
        title: "情况说明的收支数字与报表不符",
        family: Narrative,
        severity: Error,
        doc: "ys401_narrative_vs_table.md",
    }
}

impl Check for NarrativeVsTable {
    fn check(&self, doc: &Disclosure, out: &mut Vec<Finding>) {
        for fact in &doc.narrative_facts {
            let Some((name, candidates)) = ys401_candidates(doc, &fact.key) else {
                continue;
            };
            if let Some(miss) = mismatch(fact, candidates) {
                out.push(narrative_finding(
                    self.info(),
                    Severity::Error,
                    doc,
                    fact,
                    name,
                    &miss,
                ));
            }
        }
    }
}
