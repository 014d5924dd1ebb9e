//! Recognition of budget disclosures (placeholder while the crate is built).
pub mod placement;
