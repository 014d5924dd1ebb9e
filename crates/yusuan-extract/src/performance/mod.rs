//! Performance targets (绩效目标): project tables, department-level targets, declaration forms.

use yusuan_model::{Declaration, DepartmentTarget, ExtractionNote, Project};
use yusuan_read::TextDocument;

/// Everything about performance targets in one document.
#[derive(Debug, Default)]
pub struct Performance {
    pub projects: Vec<Project>,
    pub department_targets: Vec<DepartmentTarget>,
    pub declarations: Vec<Declaration>,
    pub notes: Vec<ExtractionNote>,
}

/// Finds the performance targets of a document.
pub fn extract(_doc: &TextDocument) -> Performance {
    Performance::default()
}
