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

use std::collections::{BTreeMap, HashMap};

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

/// Whether two findings are linked, as the module doc says; [`links`] finds the same groups without
/// comparing every pair.
#[cfg(test)]
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

/// Pairs of linked findings (`a < b`) whose union connects every two findings [`linked`] links,
/// in time linear in the number of findings: findings can only be linked within one document and
/// one magnitude; there, a finding is joined to the first finding naming each of its cells, and,
/// within one table, to the first finding of each code that is a prefix of its own (or, when some
/// finding of the table has no code, to that one, which every finding of the table is linked to).
fn links(findings: &[Finding], nodes: &[Option<Node>]) -> Vec<(usize, usize)> {
    let mut buckets: HashMap<(&str, Decimal), Vec<usize>> = HashMap::new();
    for (i, node) in nodes.iter().enumerate() {
        if let Some(node) = node {
            buckets
                .entry((findings[i].document.as_str(), node.magnitude))
                .or_default()
                .push(i);
        }
    }
    let node = |i: usize| nodes[i].as_ref().expect("bucketed findings have nodes");
    let mut pairs = Vec::new();
    let mut join = |a: usize, b: usize| {
        if a != b {
            pairs.push((a.min(b), a.max(b)));
        }
    };
    for members in buckets.values() {
        let mut first_with_cell: HashMap<&Cell, usize> = HashMap::new();
        let mut by_table: HashMap<&str, Vec<usize>> = HashMap::new();
        for &i in members {
            for c in &node(i).cells {
                join(*first_with_cell.entry(c).or_insert(i), i);
            }
            if let Some(table) = &node(i).table {
                by_table.entry(table.as_str()).or_default().push(i);
            }
        }
        for rows in by_table.values() {
            if let Some(&uncoded) = rows.iter().find(|&&i| node(i).code.is_none()) {
                for &i in rows {
                    join(uncoded, i);
                }
                continue;
            }
            let mut first_with_code: HashMap<&str, usize> = HashMap::new();
            for &i in rows {
                let code = node(i).code.as_deref().expect("no uncoded row here");
                first_with_code.entry(code).or_insert(i);
            }
            for &i in rows {
                let code = node(i).code.as_deref().expect("no uncoded row here");
                for end in 1..=code.len() {
                    if let Some(&j) = code.get(..end).and_then(|p| first_with_code.get(p)) {
                        join(j, i);
                    }
                }
            }
        }
    }
    pairs
}

/// Merges findings that share a root cause.
pub fn one_per_cause(findings: Vec<Finding>) -> Vec<Finding> {
    let nodes: Vec<Option<Node>> = findings.iter().map(node).collect();
    let n = findings.len();
    let mut parent: Vec<usize> = (0..n).collect();
    for (a, b) in links(&findings, &nodes) {
        let (ra, rb) = (find(&mut parent, a), find(&mut parent, b));
        if ra != rb {
            parent[rb] = ra;
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

#[cfg(test)]
mod tests {
    use yusuan_model::{Severity, Span};

    use super::*;

    /// A table-arithmetic finding about `code` of table `table`, off by `diff`, naming the cell
    /// (`line`, `column`) and the cells of `parts`.
    fn arithmetic(table: &str, code: Option<&str>, diff: i64, cells: &[(u32, u32)]) -> Finding {
        let locations = cells
            .iter()
            .map(|&(line, column)| Location {
                span: Span {
                    column: Some(column),
                    ..Span::line("synthetic.txt", None, line)
                },
                label: format!("《{table}》 {} 名称 · 合计", code.unwrap_or("合计")),
                value: Some(Decimal::ONE),
            })
            .collect();
        Finding {
            rule: "YS202".into(),
            severity: Severity::Error,
            message: format!("{table} {code:?} {cells:?}"),
            expected: Some(Decimal::ZERO),
            actual: Some(Decimal::from(diff)),
            unit: None,
            locations,
            related: Vec::new(),
            document: "synthetic.txt".into(),
        }
    }

    /// Many findings like those of a long document: a few magnitudes, a few tables, codes of every
    /// level, shared cells.
    fn many(n: u32) -> Vec<Finding> {
        let codes = ["212", "21201", "2120199", "221", "22101", "2210105", "301"];
        (0..n)
            .map(|i| {
                let code = codes[(i % 7) as usize];
                let table = format!("表{}", i % 5);
                let uncoded = i % 97 == 0 && i % 5 == 1;
                let cells = [(i % 1201, 3), (i % 13 + 2000, 9), (i, 4)];
                arithmetic(
                    &table,
                    (!uncoded).then_some(code),
                    i64::from(i % 41 + 1),
                    &cells,
                )
            })
            .collect()
    }

    /// The component of every finding: the smallest index in it.
    fn components(n: usize, pairs: impl IntoIterator<Item = (usize, usize)>) -> Vec<usize> {
        let mut parent: Vec<usize> = (0..n).collect();
        for (a, b) in pairs {
            let (ra, rb) = (find(&mut parent, a), find(&mut parent, b));
            parent[ra.max(rb)] = ra.min(rb);
        }
        (0..n).map(|i| find(&mut parent, i)).collect()
    }

    #[test]
    fn links_group_findings_as_comparing_every_pair_does() {
        let findings = many(700);
        let nodes: Vec<Option<Node>> = findings.iter().map(node).collect();
        let n = findings.len();
        let pairs = links(&findings, &nodes);
        for &(a, b) in &pairs {
            let (Some(x), Some(y)) = (&nodes[a], &nodes[b]) else {
                panic!("{a} and {b} have no node");
            };
            assert!(linked(x, y), "{a} and {b} are not linked");
        }
        let mut every_pair = Vec::new();
        for i in 0..n {
            for j in i + 1..n {
                if let (Some(x), Some(y)) = (&nodes[i], &nodes[j]) {
                    if linked(x, y) {
                        every_pair.push((i, j));
                    }
                }
            }
        }
        let grouped = components(n, pairs);
        assert_eq!(grouped, components(n, every_pair));
        let groups: std::collections::HashSet<usize> = grouped.iter().copied().collect();
        assert!(
            groups.len() > 20 && groups.len() < n,
            "{} groups",
            groups.len()
        );
    }

    /// The links of a long document grow with its findings, not with their pairs: at most one per
    /// cell named and one per prefix of a code (or one for the table's uncoded line) per finding.
    #[test]
    fn links_grow_linearly_with_the_findings() {
        for n in [1_000, 20_000] {
            let findings = many(n);
            let nodes: Vec<Option<Node>> = findings.iter().map(node).collect();
            let bound: usize = nodes
                .iter()
                .flatten()
                .map(|node| node.cells.len() + node.code.as_ref().map_or(1, String::len))
                .sum();
            let pairs = links(&findings, &nodes);
            assert!(
                pairs.len() <= bound,
                "{} links for {n} findings",
                pairs.len()
            );
            assert!(bound <= 11 * n as usize);
        }
    }
}
