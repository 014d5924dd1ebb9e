//! YS403 three-public-narrative-vs-table · 情况说明的“三公”经费与“三公”表不符.

use yusuan_model::{Disclosure, Finding, Severity};

use crate::{Check, Rule};
use super::shared::*;

declare_rule! {
    /// YS403: a narrative 三公 figure differs from the 三公 table.
    pub struct ThreePublicNarrativeVsTable {
        code: "YS403",
        name: "three-public-narrative-vs-table",
        title: "情况说明的“三公”经费与“三公”表不符",
        family: Narrative,
        severity: Error,
        doc: "ys403_three_public_narrative_vs_table.md",
    }
}

impl Check for ThreePublicNarrativeVsTable {
    fn check(&self, doc: &Disclosure, out: &mut Vec<Finding>) {
        for fact in &doc.narrative_facts {
            let Some((name, cell)) = three_public_figure(doc, &fact.key) else {
                continue;
            };
            if let Some(miss) = mismatch(fact, vec![cell]) {
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
