//! Classification codes and names (YS6xx).
//!
//! - YS601 the same code named differently in two tables of one document;
//! - YS602 a code whose printed name is not its name that year (per `yusuan-codes`);
//! - YS603 a code the dictionary has never seen;
//! - YS604 a code of the wrong length, or a child whose 类/款 is missing from its table.
//!
//! Functional codes (支出功能分类) are read from the income, expenditure, general-public, fund and
//! state-capital tables; economic codes (支出经济分类) from the basic-expenditure table. Rows whose
//! code the extractor could not read (`code = None`), total rows and rows on a line the extractor
//! left a note about are never judged.

use std::collections::{BTreeMap, HashSet};

use yusuan_codes::{level, normalize_name, Basis, Level, Scheme};
use yusuan_model::{Disclosure, Finding, Location, Row, Severity, Table, TableKind};

use crate::{support, Family, Rule, RuleInfo};

/// The rules of this family.
pub fn rules() -> Vec<&'static dyn Rule> {
    vec![
        &CodeNameMismatchAcrossTables,
        &CodeNameNotOfficial,
        &UnknownCode,
        &CodeLevelInconsistent,
    ]
}

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
fn unread(row: &Row) -> bool {
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
fn unread_code_above(table: &Table, i: usize, parent: &str) -> bool {
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
struct Coded<'a> {
    table: &'a Table,
    row: &'a Row,
    index: usize,
    code: &'a str,
    scheme: Scheme,
}

fn coded_rows(doc: &Disclosure) -> Vec<Coded<'_>> {
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
fn valid_level(code: &str, scheme: Scheme) -> Option<Level> {
    level(code).filter(|l| scheme.levels().contains(l))
}

/// True when one name is the other cut short (names wrapped or truncated by the layout).
fn truncation(a: &str, b: &str) -> bool {
    let (a, b) = (normalize_name(a), normalize_name(b));
    a.starts_with(&b) || b.starts_with(&a)
}

fn finding(
    info: &RuleInfo,
    severity: Severity,
    doc: &Disclosure,
    message: String,
    locations: Vec<Location>,
) -> Finding {
    Finding {
        rule: info.code.to_string(),
        severity,
        message,
        expected: None,
        actual: None,
        unit: None,
        locations,
        related: Vec::new(),
        document: doc.source.path.clone(),
    }
}

fn row_location(table: &Table, row: &Row) -> Location {
    Location {
        span: row.span.clone(),
        label: format!("《{}》 {}", table.title, support::row_label(row)),
        value: None,
    }
}

// ---------------------------------------------------------------------------------------------
// YS601
// ---------------------------------------------------------------------------------------------

/// YS601: 同一科目在不同表中名称不一致.
pub struct CodeNameMismatchAcrossTables;

static CODE_NAME_MISMATCH: RuleInfo = RuleInfo {
    code: "YS601",
    name: "code-name-mismatch-across-tables",
    title: "同一科目在各表中名称不一致",
    family: Family::Codes,
    severity: Severity::Warning,
    doc: include_str!("../docs/YS601.md"),
};

impl Rule for CodeNameMismatchAcrossTables {
    fn info(&self) -> &'static RuleInfo {
        &CODE_NAME_MISMATCH
    }

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
                out.push(finding(
                    self.info(),
                    self.info().severity,
                    doc,
                    format!(
                        "科目 {code} 在《{}》中名为“{}”，在《{}》中却名为“{}”。",
                        other.table.title,
                        other.row.name.trim(),
                        reference.table.title,
                        reference.row.name.trim()
                    ),
                    vec![
                        row_location(other.table, other.row),
                        row_location(reference.table, reference.row),
                    ],
                ));
            }
        }
    }
}

// ---------------------------------------------------------------------------------------------
// YS602
// ---------------------------------------------------------------------------------------------

/// YS602: 科目名称与当年规定名称不符.
pub struct CodeNameNotOfficial;

static CODE_NAME_NOT_OFFICIAL: RuleInfo = RuleInfo {
    code: "YS602",
    name: "code-name-not-official",
    title: "科目名称与当年科目名称不符",
    family: Family::Codes,
    severity: Severity::Warning,
    doc: include_str!("../docs/YS602.md"),
};

fn dictionary_name(scheme: Scheme, year: i32, code: &str) -> Option<yusuan_codes::Lookup> {
    match scheme {
        Scheme::Functional => yusuan_codes::functional_name(year, code),
        Scheme::Economic => yusuan_codes::economic_name(year, code),
    }
}

impl Rule for CodeNameNotOfficial {
    fn info(&self) -> &'static RuleInfo {
        &CODE_NAME_NOT_OFFICIAL
    }

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
            out.push(finding(
                self.info(),
                severity,
                doc,
                format!("{}科目 {code} 印为“{printed}”，{when}。", scheme.chinese()),
                list.iter().map(|c| row_location(c.table, c.row)).collect(),
            ));
        }
    }
}

// ---------------------------------------------------------------------------------------------
// YS603
// ---------------------------------------------------------------------------------------------

/// YS603: 科目词典未收录的编码.
pub struct UnknownCode;

static UNKNOWN_CODE: RuleInfo = RuleInfo {
    code: "YS603",
    name: "unknown-code",
    title: "科目词典未收录的编码",
    family: Family::Codes,
    severity: Severity::Info,
    doc: include_str!("../docs/YS603.md"),
};

impl Rule for UnknownCode {
    fn info(&self) -> &'static RuleInfo {
        &UNKNOWN_CODE
    }

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
            out.push(finding(
                self.info(),
                self.info().severity,
                doc,
                format!(
                    "{}科目 {code}“{}”不在科目词典中（词典只收录语料中见过的科目），请核对编码。",
                    scheme.chinese(),
                    list[0].row.name.trim()
                ),
                list.iter().map(|c| row_location(c.table, c.row)).collect(),
            ));
        }
    }
}

// ---------------------------------------------------------------------------------------------
// YS604
// ---------------------------------------------------------------------------------------------

/// YS604: 科目编码层级不符.
pub struct CodeLevelInconsistent;

static CODE_LEVEL_INCONSISTENT: RuleInfo = RuleInfo {
    code: "YS604",
    name: "code-level-inconsistent",
    title: "科目编码层级不符",
    family: Family::Codes,
    severity: Severity::Error,
    doc: include_str!("../docs/YS604.md"),
};

impl Rule for CodeLevelInconsistent {
    fn info(&self) -> &'static RuleInfo {
        &CODE_LEVEL_INCONSISTENT
    }

    fn check(&self, doc: &Disclosure, out: &mut Vec<Finding>) {
        let info = self.info();
        let rows = coded_rows(doc);
        // Children whose parent is missing, by table and parent, in document order.
        let mut orphans: Vec<(&Coded, &str, Level, Vec<&Coded>)> = Vec::new();
        for c in &rows {
            let Some(lvl) = valid_level(c.code, c.scheme) else {
                let lengths = match c.scheme {
                    Scheme::Functional => "3、5 或 7",
                    Scheme::Economic => "3 或 5",
                };
                out.push(finding(
                    info,
                    info.severity,
                    doc,
                    format!(
                        "《{}》科目编码 {} 有 {} 位，{}科目编码应为 {lengths} 位。",
                        c.table.title,
                        c.code,
                        c.code.chars().count(),
                        c.scheme.chinese()
                    ),
                    vec![row_location(c.table, c.row)],
                ));
                continue;
            };
            let parent_level = match lvl {
                Level::Lei => continue,
                Level::Kuan => Level::Lei,
                Level::Xiang => Level::Kuan,
            };
            let parent = &c.code[..parent_level.digits()];
            let codes_at = |l: Level| {
                c.table
                    .rows
                    .iter()
                    .filter(move |r| !r.is_total)
                    .filter_map(|r| r.code.as_deref())
                    .filter(move |code| level(code) == Some(l))
            };
            // Only tables that list parents at that level are judged.
            if codes_at(parent_level).next().is_none() {
                continue;
            }
            if codes_at(parent_level).any(|p| p == parent)
                || unread_code_above(c.table, c.index, parent)
            {
                continue;
            }
            match orphans
                .iter_mut()
                .find(|(first, p, _, _)| std::ptr::eq(first.table, c.table) && *p == parent)
            {
                Some((_, _, _, more)) => more.push(c),
                None => orphans.push((c, parent, parent_level, Vec::new())),
            }
        }
        for (c, parent, parent_level, more) in orphans {
            let others = if more.is_empty() {
                String::new()
            } else {
                format!("等 {} 行", more.len() + 1)
            };
            let mut locations = vec![row_location(c.table, c.row)];
            locations.extend(more.iter().map(|m| row_location(m.table, m.row)));
            out.push(finding(
                info,
                info.severity,
                doc,
                format!(
                    "《{}》列示了 {} {}{others}，却未列示其所属{} {parent}。",
                    c.table.title,
                    c.code,
                    c.row.name.trim(),
                    parent_level.chinese()
                ),
                locations,
            ));
        }
    }
}
