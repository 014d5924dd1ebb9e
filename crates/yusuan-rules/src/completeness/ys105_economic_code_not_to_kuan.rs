//! YS105 economic-code-not-to-kuan · 经济分类科目未细化到款.

use yusuan_codes::{Level, Scheme};
use yusuan_model::{Disclosure, Finding};

use crate::codes::scheme_of;
use crate::{Check, Rule};
use super::shared::*;

declare_rule! {
    /// YS105: 经济分类未细化到款.
    pub struct EconomicCodeNotToKuan {
        code: "YS105",
        name: "economic-code-not-to-kuan",
        title: "经济分类科目未细化到款",
        family: Completeness,
        severity: Warning,
        doc: "ys105_economic_code_not_to_kuan.md",
    }
}

impl Check for EconomicCodeNotToKuan {
    fn check(&self, doc: &Disclosure, out: &mut Vec<Finding>) {
        for table in with_rows(doc).filter(|t| scheme_of(t.kind) == Some(Scheme::Economic)) {
            for (row, key, value) in leaves_too_high(table, Scheme::Economic, &[Level::Lei]) {
                out.push(depth_finding(
                    self.info(),
                    doc,
                    table,
                    row,
                    &key,
                    value,
                    "款级",
                ));
            }
        }
    }
}
