//! YS102 empty-table-without-note · 空表未附说明.

use yusuan_model::{Disclosure, Finding};

use crate::{finding, support, Check, Rule};

declare_rule! {
    /// YS102: 空表未附说明.
    pub struct EmptyTableWithoutNote {
        code: "YS102",
        name: "empty-table-without-note",
        title: "空表未附说明",
        family: Completeness,
        severity: Warning,
        doc: "ys102_empty_table_without_note.md",
    }
}

impl Check for EmptyTableWithoutNote {
    fn check(&self, doc: &Disclosure, out: &mut Vec<Finding>) {
        for table in &doc.tables {
            if !table.empty || table.empty_note.is_some() || table.unreadable.is_some() {
                continue;
            }
            out.push(finding(
                self.info(),
                doc,
                format!(
                    "《{}》为空表，但未附说明为何无数据（应注明如“本部门无…，故本表为空表”）。",
                    table.title
                ),
                vec![support::table_location(table)],
            ));
        }
    }
}
