//! Table arithmetic (YS2xx): row totals, parent = Σ children, column totals, summary tables.

use crate::Rule;

/// The rules of this family.
pub fn rules() -> Vec<&'static dyn Rule> {
    Vec::new()
}
