//! Year-on-year comparison of two documents of one department (`yusuan compare`): table by
//! table, rows matched by classification code (or by name when a row has no code), values of
//! both years in the first table's unit, difference and percentage, rows added and removed.

use std::collections::BTreeMap;

use rust_decimal::Decimal;
use serde::{Deserialize, Serialize};
use yusuan_model::{Disclosure, MoneyUnit, Row, Side, Table};

use crate::{DocumentFilter, DocumentSummary, Library, StoreError};

#[derive(Debug, Clone, Serialize, Deserialize)]
pub struct Comparison {
    pub department: String,
    pub kind: String,
    pub a: DocumentSummary,
    pub b: DocumentSummary,
    pub tables: Vec<TableComparison>,
}

#[derive(Debug, Clone, Serialize, Deserialize)]
pub struct TableComparison {
    /// [`yusuan_model::TableKind`] key.
    pub kind: String,
    pub title: String,
    /// The unit both years' values are shown in.
    pub unit: Option<String>,
    /// True when only one of the years prints this table.
    pub only_in: Option<String>,
    /// Rows whose values differ, and rows added or removed.
    pub rows: Vec<RowComparison>,
    /// Rows matched with every value equal.
    pub unchanged_rows: usize,
}

#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize, Deserialize)]
#[serde(rename_all = "snake_case")]
pub enum RowStatus {
    Changed,
    /// Only in year B.
    Added,
    /// Only in year A.
    Removed,
}

#[derive(Debug, Clone, Serialize, Deserialize)]
pub struct RowComparison {
    pub status: RowStatus,
    /// The half of a two-sided summary table (收支总表) the row belongs to: rows are listed
    /// income first, then expenditure.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub side: Option<Side>,
    pub code: Option<String>,
    pub name: String,
    pub values: Vec<ValueChange>,
}

#[derive(Debug, Clone, Serialize, Deserialize)]
pub struct ValueChange {
    /// Column key (`total`, `basic`, …).
    pub column: String,
    pub a: Option<Decimal>,
    pub b: Option<Decimal>,
    /// `b − a` when both are printed.
    pub difference: Option<Decimal>,
    /// `(b − a) / a × 100`, two decimals, when `a` is not zero.
    pub percent: Option<Decimal>,
}

fn squeeze(s: &str) -> String {
    s.chars().filter(|c| !c.is_whitespace()).collect()
}

/// A name without its printed ordinal (`三、`, `1.`, `（一）`), which shifts when a line is added.
fn bare_name(name: &str) -> String {
    let s = squeeze(name);
    let numeral = |c: char| c.is_ascii_digit() || "一二三四五六七八九十".contains(c);
    if let Some(rest) = s.strip_prefix('（').or_else(|| s.strip_prefix('(')) {
        let n = rest.chars().take_while(|c| numeral(*c)).count();
        let tail: String = rest.chars().skip(n).collect();
        if n > 0 {
            if let Some(t) = tail.strip_prefix('）').or_else(|| tail.strip_prefix(')')) {
                return t.to_string();
            }
        }
        return s;
    }
    let n = s.chars().take_while(|c| numeral(*c)).count();
    let tail: String = s.chars().skip(n).collect();
    if n > 0 {
        for sep in ['、', '.', '．'] {
            if let Some(t) = tail.strip_prefix(sep) {
                return t.to_string();
            }
        }
    }
    s
}

/// Rows match by code, or by name (without its ordinal) when a row has no code.
fn row_key(r: &Row) -> String {
    let side = r.side.map(|s| format!("{s:?}:")).unwrap_or_default();
    match &r.code {
        Some(c) => format!("{side}{c}"),
        None => format!("{side}{}", bare_name(&r.name)),
    }
}

fn in_unit(v: Decimal, from: Option<MoneyUnit>, to: Option<MoneyUnit>) -> Decimal {
    match (from, to) {
        (Some(f), Some(t)) if f != t => f.convert(v, t).normalize(),
        _ => v,
    }
}

fn index(t: Option<&Table>) -> BTreeMap<String, &Row> {
    let mut m = BTreeMap::new();
    for r in t.map(|t| t.rows.as_slice()).unwrap_or(&[]) {
        m.entry(row_key(r)).or_insert(r);
    }
    m
}

fn compare_tables(kind: &str, a: Option<&Table>, b: Option<&Table>) -> TableComparison {
    let unit = a.and_then(|t| t.unit).or(b.and_then(|t| t.unit));
    let title = a.or(b).map(|t| t.title.clone()).unwrap_or_default();
    let only_in = match (a, b) {
        (Some(_), None) => Some("a".to_string()),
        (None, Some(_)) => Some("b".to_string()),
        _ => None,
    };
    let (ia, ib) = (index(a), index(b));
    let ua = a.and_then(|t| t.unit);
    let ub = b.and_then(|t| t.unit);
    let mut rows = Vec::new();
    let mut unchanged = 0;
    let mut order: Vec<&Row> = a.into_iter().chain(b).flat_map(|t| t.rows.iter()).collect();
    // A summary table prints income and expenditure side by side, so its rows alternate sides:
    // list each side's rows together (stable: printed order within a side).
    order.sort_by_key(|r| r.side);
    let mut seen = std::collections::HashSet::new();
    for r in order {
        let key = row_key(r);
        if !seen.insert(key.clone()) {
            continue;
        }
        let (ra, rb) = (ia.get(&key).copied(), ib.get(&key).copied());
        let mut columns: Vec<String> = Vec::new();
        for row in [ra, rb].into_iter().flatten() {
            for k in row.cells.keys() {
                if !columns.iter().any(|c| c == k.as_str()) {
                    columns.push(k.as_str().to_string());
                }
            }
        }
        let get = |row: Option<&Row>, col: &str| {
            row.and_then(|r| {
                r.cells
                    .iter()
                    .find(|(k, _)| k.as_str() == col)
                    .map(|(_, v)| *v)
            })
        };
        let values: Vec<ValueChange> = columns
            .iter()
            .map(|c| {
                let va = get(ra, c).map(|v| in_unit(v, ua, unit));
                let vb = get(rb, c).map(|v| in_unit(v, ub, unit));
                let difference = match (va, vb) {
                    (Some(x), Some(y)) => Some(y - x),
                    _ => None,
                };
                let percent = match (va, difference) {
                    (Some(x), Some(d)) if !x.is_zero() => {
                        Some((d / x * Decimal::from(100)).round_dp(2))
                    }
                    _ => None,
                };
                ValueChange {
                    column: c.clone(),
                    a: va,
                    b: vb,
                    difference,
                    percent,
                }
            })
            .collect();
        let status = match (ra, rb) {
            (Some(_), None) => RowStatus::Removed,
            (None, Some(_)) => RowStatus::Added,
            _ => {
                let same = values.iter().all(|v| v.a == v.b);
                if same {
                    unchanged += 1;
                    continue;
                }
                RowStatus::Changed
            }
        };
        rows.push(RowComparison {
            status,
            side: r.side,
            code: r.code.clone(),
            name: r.name.clone(),
            values,
        });
    }
    TableComparison {
        kind: kind.to_string(),
        title,
        unit: unit.map(|u| u.chinese().to_string()),
        only_in,
        rows,
        unchanged_rows: unchanged,
    }
}

/// Compares two models table by table (tables matched by kind and order of appearance).
pub fn compare_models(a: &Disclosure, b: &Disclosure) -> Vec<TableComparison> {
    let mut out = Vec::new();
    for kind in yusuan_model::TableKind::ALL {
        let ta: Vec<&Table> = a.tables.iter().filter(|t| t.kind == kind).collect();
        let tb: Vec<&Table> = b.tables.iter().filter(|t| t.kind == kind).collect();
        for i in 0..ta.len().max(tb.len()) {
            out.push(compare_tables(
                kind.as_str(),
                ta.get(i).copied(),
                tb.get(i).copied(),
            ));
        }
    }
    out
}

impl Library {
    /// Compares a department's documents of two years (`department` matches part of the name;
    /// `kind` defaults to the kind both years have, a department budget first).
    pub fn compare(
        &self,
        department: &str,
        year_a: i32,
        year_b: i32,
        kind: Option<&str>,
    ) -> Result<Comparison, StoreError> {
        let find = |year| {
            self.list(&DocumentFilter {
                department: Some(department.to_string()),
                year: Some(year),
                kind: kind.map(str::to_string),
                rule: None,
            })
        };
        let (la, lb) = (find(year_a)?, find(year_b)?);
        let mut departments: Vec<String> = la
            .iter()
            .chain(&lb)
            .filter_map(|d| d.department.clone())
            .collect();
        departments.sort();
        departments.dedup();
        if departments.len() > 1 {
            return Err(StoreError::Invalid(format!(
                "`{department}` matches several departments: {}",
                departments.join(", ")
            )));
        }
        let kinds = [
            "department_budget",
            "unit_budget",
            "department_final_accounts",
            "unit_final_accounts",
            "performance_declaration",
            "unknown",
        ];
        let pick = kinds
            .iter()
            .find(|k| la.iter().any(|d| &d.kind == *k) && lb.iter().any(|d| &d.kind == *k));
        let Some(kind) = pick else {
            return Err(StoreError::Invalid(format!(
                "the library has no documents of `{department}` of one kind for both {year_a} ({} found) and {year_b} ({} found)",
                la.len(),
                lb.len()
            )));
        };
        let latest = |l: &[DocumentSummary]| {
            l.iter()
                .filter(|d| &d.kind == kind)
                .max_by_key(|d| d.id)
                .cloned()
        };
        let (Some(sa), Some(sb)) = (latest(&la), latest(&lb)) else {
            return Err(StoreError::Invalid("no documents to compare".into()));
        };
        let da = self
            .document(sa.id)?
            .ok_or_else(|| StoreError::Invalid(format!("document {} vanished", sa.id)))?;
        let db = self
            .document(sb.id)?
            .ok_or_else(|| StoreError::Invalid(format!("document {} vanished", sb.id)))?;
        Ok(Comparison {
            department: sa.department.clone().unwrap_or_default(),
            kind: kind.to_string(),
            tables: compare_models(&da.model, &db.model),
            a: sa,
            b: sb,
        })
    }
}
