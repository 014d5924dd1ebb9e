//! YS402 operation-cost-vs-public-use · 机关运行经费与公用经费或“三公”表不符.

use yusuan_model::{ColumnKey, Disclosure, Finding, Severity, TableKind};

use crate::{Check, Rule};
use super::shared::*;

declare_rule! {
    /// YS402: 机关运行经费 against 公用经费 and the 三公 table's 机关运行经费.
    pub struct OperationCostVsPublicUse {
        code: "YS402",
        name: "operation-cost-vs-public-use",
        title: "机关运行经费与公用经费或“三公”表不符",
        family: Narrative,
        severity: Warning,
        doc: "ys402_operation_cost_vs_public_use.md",
    }
}

impl Check for OperationCostVsPublicUse {
    fn check(&self, doc: &Disclosure, out: &mut Vec<Finding>) {
        for fact in doc
            .narrative_facts
            .iter()
            .filter(|f| f.key == "operation_cost")
        {
            if let Some(three) = three_public_cell(doc, &ColumnKey::OPERATION_COST, "") {
                if let Some(miss) = mismatch(fact, vec![three]) {
                    out.push(narrative_finding(
                        self.info(),
                        Severity::Error,
                        doc,
                        fact,
                        "机关运行经费",
                        &miss,
                    ));
                    continue;
                }
            }
            // 机关运行经费 is the 公用经费 of administrative and 参公 units: less than the
            // department's 公用经费 when it has institutions of its own, never more.
            let public_use = total_figure(doc, TableKind::BasicExpenditure, &ColumnKey::PUBLIC_USE);
            if let Some(miss) = mismatch(fact, public_use.into_iter().collect()) {
                if fact_amount(fact) <= Some(miss.1) {
                    continue;
                }
                out.push(narrative_finding(
                    self.info(),
                    Severity::Warning,
                    doc,
                    fact,
                    "机关运行经费",
                    &miss,
                ));
            }
        }
    }
}
