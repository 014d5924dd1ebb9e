//! Completeness (YS1xx): required tables by document kind, empty tables without their note, classification depth.

use crate::Rule;

/// The rules of this family.
pub fn rules() -> Vec<&'static dyn Rule> {
    Vec::new()
}
