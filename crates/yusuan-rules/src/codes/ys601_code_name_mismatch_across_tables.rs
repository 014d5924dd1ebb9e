//! YS601 code-name-mismatch-across-tables · 同一科目在各表中名称不一致.

use std::collections::BTreeMap;

use yusuan_codes::{normalize_name, Scheme};
use yusuan_model::{Disclosure, Finding};

use crate::{finding, Check, Rule};
use super::shared::*;

declare_rule! {
    /// YS601: 同一科目在不同表中名称不一致.
    pub struct CodeNameMismatchAcrossTables {
        code: "YS601",
        name: "code-name-mismatch-across-tables",
        title: "同一科目在各表中名称不一致",
        family: Codes,
        severity: Warning,
        doc: "ys601_code_name_mismatch_across_tables.md",
    }
}

impl Check for CodeNameMismatchAcrossTables {
    fn check(&self, doc: &Disclosure, out: &mut Vec<Finding>) {
        // Code → the first row of each table that prints it, in document order.
        let mut by_code: BTreeMap<(Scheme, &str), Vec<&Coded>> = BTreeMap::new();
        let rows = coded_rows(doc);
        for c in &rows {
            if c.row.name.trim().is_empty() {
                continue;
            }
            let list = by_code.entry((c.scheme, c.code)).or_default();
            if !list.iter().any(|o| std::ptr::eq(o.table, c.table)) {
                list.push(c);
            }
        }
        for ((_, code), list) in by_code {
            if list.len() < 2 {
                continue;
            }
            // The name most tables print is the reference; on a tie, the one the dictionary
            // gives for the year, then the first printed.
            let count = |n: &str| {
                list.iter()
                    .filter(|c| normalize_name(&c.row.name) == normalize_name(n))
                    .count()
            };
            let official = |c: &Coded| {
                doc.year
                    .and_then(|y| dictionary_name(c.scheme, y, c.code))
                    .is_some_and(|l| normalize_name(l.name) == normalize_name(&c.row.name))
            };
            let reference = list
                .iter()
                .max_by_key(|c| {
                    (
                        count(&c.row.name),
                        official(c),
                        std::cmp::Reverse(c.row.span.line),
                    )
                })
                .expect("two or more rows");
            let mut reported: Vec<String> = Vec::new();
            for other in &list {
                let name = normalize_name(&other.row.name);
                if name == normalize_name(&reference.row.name)
                    || truncation(&other.row.name, &reference.row.name)
                    || reported.contains(&name)
                {
                    continue;
                }
                reported.push(name);
                out.push(finding(self.info(), doc, format!(
                        "科目 {code} 在《{}》中名为“{}”，在《{}》中却名为“{}”。",
                        other.table.title,
                        other.row.name.trim(),
                        reference.table.title,
                        reference.row.name.trim()
                    ), vec![
                        row_location(other.table, other.row),
                        row_location(reference.table, reference.row),
                    ]));
            }
        }
    }
}
