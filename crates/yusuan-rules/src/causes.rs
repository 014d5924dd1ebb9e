//! One finding per root cause: when a single wrong cell breaks several identities, the findings
//! are merged into one about that cell, listing the identities it breaks.
//!
//! A wrong figure propagates: 支出总表 2120199 printed 3313.52 instead of 3319.59 breaks the row
//! (合计 ≠ 基本 + 项目) at 2120199 and, because the parents were added up from the wrong leaf, at
//! 21201 and 212, the 合计 row's sum of 类, and the comparisons of 212 with the 收支总表 and the
//! 收入总表 — every one off by the same 6.07. Those findings form a group; one is kept and the others
//! become its `related` lines.
//!
//! Two arithmetic (YS2xx) or cross-table (YS3xx) findings of a document are linked when their
//! differences (actual − expected) have the same absolute value and
//! - they name the same printed cell among their locations, or
//! - they are about the same table and their rows lie on one line of the classification (one code
//!   starts with the other, or one of them is the table's 合计 or an uncoded line).
//!
//! Each connected group keeps one finding: when one printed cell is among the locations of every
//! finding, the finding about that cell (a row identity first); otherwise the finding about the
//! deepest row (the longest code), a row identity first.

use std::collections::BTreeMap;

use rust_decimal::Decimal;
use yusuan_model::{Finding, Location};

/// A printed cell: file, line and column.
type Cell = (String, u32, u32);

fn cell(location: &Location) -> Option<Cell> {
    location.value?;
    Some((
        location.span.path.clone(),
        location.span.line,
        location.span.column?,
    ))
}

/// The table title and the row code of a location labelled by [`crate::support::cell_location`]
/// (`《部门预算支出总表》 2120199 其他城乡社区管理事务支出 · 合计`).
fn table_and_code(location: &Location) -> (Option<&str>, Option<&str>) {
    let label = location.label.trim_start();
    let Some(rest) = label.strip_prefix('《') else {
        return (None, None);
    };
    let Some((title, rest)) = rest.split_once('》') else {
        return (None, None);
    };
    let code = rest
        .split_whitespace()
        .next()
        .filter(|t| !t.is_empty() && t.chars().all(|c| c.is_ascii_digit()));
    (Some(title), code)
}

/// What grouping needs to know about a finding.
struct Node {
    magnitude: Decimal,
    cells: Vec<Cell>,
    table: Option<String>,
    code: Option<String>,
    primary: Option<Cell>,
}

fn node(f: &Finding) -> Option<Node> {
    if !(f.rule.starts_with("YS2") || f.rule.starts_with("YS3")) {
        return None;
    }
    let magnitude = f.difference()?.abs().normalize();
    if magnitude.is_zero() {
        return None;
    }
    let first = f.locations.first();
    let (table, code) = first.map(table_and_code).unwrap_or((None, None));
    Some(Node {
        magnitude,
        cells: f.locations.iter().filter_map(cell).collect(),
        table: table.map(str::to_string),
        code: code.map(str::to_string),
        primary: first.and_then(cell),
    })
}

fn linked(a: &Node, b: &Node) -> bool {
    if a.magnitude != b.magnitude {
        return false;
    }
    if a.cells.iter().any(|c| b.cells.contains(c)) {
        return true;
    }
    if a.table.is_none() || a.table != b.table {
        return false;
    }
    match (&a.code, &b.code) {
        (Some(x), Some(y)) => x.starts_with(y.as_str()) || y.starts_with(x.as_str()),
        _ => true,
    }
}

fn find(parent: &mut [usize], i: usize) -> usize {
    let mut root = i;
    while parent[root] != root {
        root = parent[root];
    }
    let mut j = i;
    while parent[j] != root {
        let next = parent[j];
        parent[j] = root;
        j = next;
    }
    root
}

/// Merges findings that share a root cause.
pub fn one_per_cause(findings: Vec<Finding>) -> Vec<Finding> {
    let nodes: Vec<Option<Node>> = findings.iter().map(node).collect();
    let n = findings.len();
    let mut parent: Vec<usize> = (0..n).collect();
    for i in 0..n {
        for j in i + 1..n {
            let (Some(a), Some(b)) = (&nodes[i], &nodes[j]) else {
                continue;
            };
            if findings[i].document == findings[j].document && linked(a, b) {
                let (ri, rj) = (find(&mut parent, i), find(&mut parent, j));
                if ri != rj {
                    parent[rj] = ri;
                }
            }
        }
    }
    let mut groups: BTreeMap<usize, Vec<usize>> = BTreeMap::new();
    for i in 0..n {
        let root = find(&mut parent, i);
        groups.entry(root).or_default().push(i);
    }
    // The kept finding of each group, and what it absorbs.
    let mut keep: Vec<bool> = vec![true; n];
    let mut related: BTreeMap<usize, Vec<String>> = BTreeMap::new();
    for members in groups.values().filter(|m| m.len() > 1) {
        let chosen = choose(&findings, &nodes, members);
        for &m in members {
            if m != chosen {
                keep[m] = false;
                related
                    .entry(chosen)
                    .or_default()
                    .push(findings[m].message.clone());
            }
        }
    }
    findings
        .into_iter()
        .enumerate()
        .filter(|(i, _)| keep[*i])
        .map(|(i, mut f)| {
            if let Some(more) = related.remove(&i) {
                f.related.extend(more);
            }
            f
        })
        .collect()
}

/// The finding a group keeps.
fn choose(findings: &[Finding], nodes: &[Option<Node>], members: &[usize]) -> usize {
    let node = |i: usize| nodes[i].as_ref().expect("grouped findings have nodes");
    // A printed cell named by every finding of the group.
    let first = node(members[0]);
    let common: Vec<&Cell> = first
        .cells
        .iter()
        .filter(|c| members.iter().all(|&m| node(m).cells.contains(c)))
        .collect();
    // Ties: a row identity (YS201) first, then arithmetic before cross-table, then document order.
    let rank = |i: usize| {
        let f = &findings[i];
        let line = f.locations.first().map(|l| l.span.line).unwrap_or(0);
        (f.rule != "YS201", f.rule.clone(), line, i)
    };
    let about_common: Vec<usize> = members
        .iter()
        .copied()
        .filter(|&m| {
            node(m)
                .primary
                .as_ref()
                .is_some_and(|p| common.contains(&p))
        })
        .collect();
    if let Some(best) = about_common.into_iter().min_by_key(|&m| rank(m)) {
        return best;
    }
    members
        .iter()
        .copied()
        .min_by_key(|&m| {
            let depth = node(m).code.as_ref().map(String::len).unwrap_or(0);
            (std::cmp::Reverse(depth), rank(m))
        })
        .expect("a group has members")
}
