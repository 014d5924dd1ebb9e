//! Cross-table identities (YS3xx) between the nine standard tables.

use crate::Rule;

/// The rules of this family.
pub fn rules() -> Vec<&'static dyn Rule> {
    Vec::new()
}
