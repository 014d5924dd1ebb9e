//! Classification codes and names (YS6xx).

use crate::Rule;

/// The rules of this family.
pub fn rules() -> Vec<&'static dyn Rule> {
    Vec::new()
}
