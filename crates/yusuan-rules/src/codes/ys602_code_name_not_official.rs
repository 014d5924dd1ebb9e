//! YS602 code-name-not-official · 科目名称与当年科目名称不符.

use std::collections::BTreeMap;

use yusuan_codes::{normalize_name, Basis, Scheme};
use yusuan_model::{Disclosure, Finding, Severity};

use crate::{finding, Check, Rule};
use super::shared::*;

declare_rule! {
    /// YS602: 科目名称与当年规定名称不符.
    pub struct CodeNameNotOfficial {
        code: "YS602",
        name: "code-name-not-official",
        title: "科目名称与当年科目名称不符",
        family: Codes,
        severity: Warning,
        doc: "ys602_code_name_not_official.md",
    }
}

impl Check for CodeNameNotOfficial {
    fn check(&self, doc: &Disclosure, out: &mut Vec<Finding>) {
        let Some(year) = doc.year else { return };
        // One finding per code and printed name, with every row that prints it.
        let mut groups: BTreeMap<(Scheme, &str, String), Vec<&Coded>> = BTreeMap::new();
        let rows = coded_rows(doc);
        for c in &rows {
            if c.row.name.trim().is_empty() || valid_level(c.code, c.scheme).is_none() {
                continue;
            }
            groups
                .entry((c.scheme, c.code, normalize_name(&c.row.name)))
                .or_default()
                .push(c);
        }
        for ((scheme, code, _), list) in groups {
            let Some(known) = dictionary_name(scheme, year, code) else {
                continue;
            };
            let printed = list[0].row.name.trim();
            if truncation(printed, known.name) {
                continue;
            }
            let (severity, when) = match known.basis {
                Basis::SameYear | Basis::Rename => (
                    Severity::Warning,
                    format!("{year} 年该科目名称为“{}”", known.name),
                ),
                Basis::NearbyYear => (
                    Severity::Info,
                    format!(
                        "该科目在 {} 年名为“{}”（科目词典未收录 {year} 年的名称）",
                        known.year, known.name
                    ),
                ),
            };
            out.push(Finding {
                severity,
                ..finding(
                    self.info(),
                    doc,
                    format!("{}科目 {code} 印为“{printed}”，{when}。", scheme.chinese()),
                    list.iter().map(|c| row_location(c.table, c.row)).collect(),
                )
            });
        }
    }
}
