//! What the rules of this family share.

use std::collections::HashSet;

use yusuan_codes::{level, normalize_name, Level, Scheme};
use yusuan_model::{Disclosure, Location, Row, Table, TableKind};

use crate::support;

// ---------------------------------------------------------------------------------------------
// Shared with the completeness rules.
// ---------------------------------------------------------------------------------------------

/// The code scheme of a table's rows: functional for the income, expenditure, general-public,
/// fund and state-capital tables, economic for the basic-expenditure table, none otherwise.
pub(crate) fn scheme_of(kind: TableKind) -> Option<Scheme> {
    if kind.has_functional_codes() {
        Some(Scheme::Functional)
    } else if kind == TableKind::BasicExpenditure {
        Some(Scheme::Economic)
    } else {
        None
    }
}

/// A row whose code the extractor could not read (neither a total nor a summary line).
pub(crate) fn unread(row: &Row) -> bool {
    row.code.is_none() && !row.is_total && row.side.is_none()
}

/// True when a row whose code could not be read follows row `i` before the next coded row: it
/// may be one of row `i`'s children.
pub(crate) fn unread_code_below(table: &Table, i: usize) -> bool {
    for r in table.rows.iter().skip(i + 1) {
        if unread(r) {
            return true;
        }
        if r.code.is_some() {
            return false;
        }
    }
    false
}

/// True when, going up from row `i` past `parent`'s other descendants, a row whose code could not
/// be read comes before any other coded row: it may be the missing `parent`.
pub(crate) fn unread_code_above(table: &Table, i: usize, parent: &str) -> bool {
    for r in table.rows[..i].iter().rev() {
        if unread(r) {
            return true;
        }
        match r.code.as_deref() {
            Some(c) if c.starts_with(parent) => continue,
            Some(_) => return false,
            None => continue,
        }
    }
    false
}

/// A row the code rules may judge: a coded, non-total row not on a line the extractor left a
/// note about.
pub(crate) struct Coded<'a> {
    pub(crate) table: &'a Table,
    pub(crate) row: &'a Row,
    pub(crate) index: usize,
    pub(crate) code: &'a str,
    pub(crate) scheme: Scheme,
}

pub(crate) fn coded_rows(doc: &Disclosure) -> Vec<Coded<'_>> {
    let noted: HashSet<u32> = doc.notes.iter().map(|n| n.span.line).collect();
    let mut out = Vec::new();
    for table in doc.tables.iter().filter(|t| t.unreadable.is_none()) {
        let Some(scheme) = scheme_of(table.kind) else {
            continue;
        };
        for (index, row) in table.rows.iter().enumerate() {
            let Some(code) = row.code.as_deref() else {
                continue;
            };
            if row.is_total || noted.contains(&row.span.line) {
                continue;
            }
            out.push(Coded {
                table,
                row,
                index,
                code,
                scheme,
            });
        }
    }
    out
}

/// True when a code has a length its scheme allows (functional 3/5/7, economic 3/5).
pub(crate) fn valid_level(code: &str, scheme: Scheme) -> Option<Level> {
    level(code).filter(|l| scheme.levels().contains(l))
}

/// True when one name is the other cut short (names wrapped or truncated by the layout).
pub(crate) fn truncation(a: &str, b: &str) -> bool {
    let (a, b) = (normalize_name(a), normalize_name(b));
    a.starts_with(&b) || b.starts_with(&a)
}

pub(crate) fn row_location(table: &Table, row: &Row) -> Location {
    Location {
        span: row.span.clone(),
        label: format!("《{}》 {}", table.title, support::row_label(row)),
        value: None,
    }
}

pub(crate) fn dictionary_name(scheme: Scheme, year: i32, code: &str) -> Option<yusuan_codes::Lookup> {
    match scheme {
        Scheme::Functional => yusuan_codes::functional_name(year, code),
        Scheme::Economic => yusuan_codes::economic_name(year, code),
    }
}
