//! YS104 functional-code-not-to-xiang · 功能分类科目未细化到项.

use yusuan_codes::{Level, Scheme};
use yusuan_model::{Disclosure, Finding};

use crate::codes::scheme_of;
use crate::{Check, Rule};
use super::shared::*;

declare_rule! {
    /// YS104: 功能分类未细化到项.
    pub struct FunctionalCodeNotToXiang {
        code: "YS104",
        name: "functional-code-not-to-xiang",
        title: "功能分类科目未细化到项",
        family: Completeness,
        severity: Warning,
        doc: "ys104_functional_code_not_to_xiang.md",
    }
}

impl Check for FunctionalCodeNotToXiang {
    fn check(&self, doc: &Disclosure, out: &mut Vec<Finding>) {
        for table in with_rows(doc).filter(|t| scheme_of(t.kind) == Some(Scheme::Functional)) {
            for (row, key, value) in
                leaves_too_high(table, Scheme::Functional, &[Level::Lei, Level::Kuan])
            {
                let missing = match row.code.as_deref().and_then(yusuan_codes::level) {
                    Some(Level::Lei) => "款、项级",
                    _ => "项级",
                };
                out.push(depth_finding(
                    self.info(),
                    doc,
                    table,
                    row,
                    &key,
                    value,
                    missing,
                ));
            }
        }
    }
}

