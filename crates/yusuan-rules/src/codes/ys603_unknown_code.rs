//! YS603 unknown-code · 科目词典未收录的编码.

use std::collections::BTreeMap;

use yusuan_codes::Scheme;
use yusuan_model::{Disclosure, Finding};

use crate::{finding, Check, Rule};
use super::shared::*;

declare_rule! {
    /// YS603: 科目词典未收录的编码.
    pub struct UnknownCode {
        code: "YS603",
        name: "unknown-code",
        title: "科目词典未收录的编码",
        family: Codes,
        severity: Info,
        doc: "ys603_unknown_code.md",
    }
}

impl Check for UnknownCode {
    fn check(&self, doc: &Disclosure, out: &mut Vec<Finding>) {
        let mut groups: BTreeMap<(Scheme, &str), Vec<&Coded>> = BTreeMap::new();
        let rows = coded_rows(doc);
        for c in &rows {
            if valid_level(c.code, c.scheme).is_none() {
                continue; // YS604
            }
            let seen = match c.scheme {
                Scheme::Functional => yusuan_codes::functional_seen(c.code),
                Scheme::Economic => yusuan_codes::economic_seen(c.code),
            };
            if !seen {
                groups.entry((c.scheme, c.code)).or_default().push(c);
            }
        }
        for ((scheme, code), list) in groups {
            out.push(finding(self.info(), doc, format!(
                    "{}科目 {code}“{}”不在科目词典中（词典只收录语料中见过的科目），请核对编码。",
                    scheme.chinese(),
                    list[0].row.name.trim()
                ), list.iter().map(|c| row_location(c.table, c.row)).collect()));
        }
    }
}
