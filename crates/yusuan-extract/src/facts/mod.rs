//! Facts outside the standard tables: narrative figures, procurement, assets, units.

use yusuan_model::{AssetTable, ExtractionNote, NarrativeFact, OrgUnit, ProcurementTable, Table};
use yusuan_read::TextDocument;

/// Everything stated outside the standard tables.
#[derive(Debug, Default)]
pub struct Facts {
    pub narrative: Vec<NarrativeFact>,
    pub procurement: Vec<ProcurementTable>,
    pub assets: Vec<AssetTable>,
    pub units: Vec<OrgUnit>,
    pub notes: Vec<ExtractionNote>,
}

/// Finds the facts of a document; `tables` are its standard tables (their lines are not
/// narrative).
pub fn extract(_doc: &TextDocument, _tables: &[Table]) -> Facts {
    Facts::default()
}
