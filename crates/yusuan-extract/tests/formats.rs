//! The DOCX, XLSX, XLS and HTML versions of corpus documents (`corpus/formats/`, built by
//! `corpus/formats/generate.py`) extract to the same model as the text version: the same tables,
//! rows, codes, names and cell values. Spans differ by nature and are not compared.
//!
//! Where the text version could not know a cell's column (space-separated PDF text, the cell is
//! `uncertain`), the structured version knows it: such cells are counted as resolved, and must
//! hold one of the row's printed amounts. Every other difference fails the test with its place.

use std::collections::BTreeMap;
use std::path::{Path, PathBuf};

use rust_decimal::Decimal;
use yusuan_model::{Disclosure, Table, TableKind};

fn corpus(rel: &str) -> PathBuf {
    Path::new(env!("CARGO_MANIFEST_DIR"))
        .join("../../corpus")
        .join(rel)
}

fn extract(rel: &str) -> Disclosure {
    let doc = yusuan_read::read_path(&corpus(rel)).unwrap_or_else(|e| panic!("{e}"));
    yusuan_extract::extract(&doc)
}

/// Names compared without white space: space-separated text cannot keep a space inside a name
/// (`1. 一般公共预算资金` is read `1.一般公共预算资金` there).
fn squeeze(s: &str) -> String {
    s.chars().filter(|c| !c.is_whitespace()).collect()
}

/// What a comparison found.
#[derive(Default, Debug)]
struct Comparison {
    /// Differences no reason explains (the test fails on any).
    differences: Vec<String>,
    /// Cells the text left uncertain and the structured version places.
    resolved: usize,
    /// Tables the text could not read (`unreadable`, or no rows) that the structured version reads.
    more_tables: Vec<TableKind>,
    /// Cells compared and equal.
    equal_cells: usize,
}

fn table_of(d: &Disclosure, kind: TableKind) -> Option<&Table> {
    d.tables.iter().find(|t| t.kind == kind)
}

/// Compares the models minus spans: identity, the standard tables row by row, then the counts of
/// what the rest of the model holds.
fn compare(text: &Disclosure, other: &Disclosure) -> Comparison {
    let mut c = Comparison::default();
    let mut differ = |what: String| c.differences.push(what);
    if text.department.as_ref().map(|d| squeeze(&d.name))
        != other.department.as_ref().map(|d| squeeze(&d.name))
    {
        differ(format!(
            "department {:?} / {:?}",
            text.department, other.department
        ));
    }
    if text.year != other.year || text.kind != other.kind {
        differ(format!(
            "identity {:?} {:?} / {:?} {:?}",
            text.year, text.kind, other.year, other.kind
        ));
    }
    let mut more_tables = Vec::new();
    let mut resolved = 0;
    let mut equal_cells = 0;
    for t in &text.tables {
        let Some(o) = table_of(other, t.kind) else {
            differ(format!("{}: missing", t.kind));
            continue;
        };
        if t.unit != o.unit || t.empty != o.empty {
            differ(format!(
                "{}: unit/empty {:?} {} / {:?} {}",
                t.kind, t.unit, t.empty, o.unit, o.empty
            ));
        }
        if t.empty_note.as_deref().map(squeeze) != o.empty_note.as_deref().map(squeeze) {
            differ(format!(
                "{}: empty note {:?} / {:?}",
                t.kind, t.empty_note, o.empty_note
            ));
        }
        if t.rows.is_empty() && !o.rows.is_empty() {
            more_tables.push(t.kind);
            continue;
        }
        let text_keys: Vec<_> = {
            let mut k: Vec<_> = t.columns.iter().map(|c| c.key.clone()).collect();
            k.sort();
            k
        };
        let other_keys: Vec<_> = {
            let mut k: Vec<_> = o.columns.iter().map(|c| c.key.clone()).collect();
            k.sort();
            k
        };
        if text_keys != other_keys {
            differ(format!(
                "{}: columns {text_keys:?} / {other_keys:?}",
                t.kind
            ));
        }
        if t.rows.len() != o.rows.len() {
            differ(format!(
                "{}: {} rows / {} rows",
                t.kind,
                t.rows.len(),
                o.rows.len()
            ));
            continue;
        }
        for (a, b) in t.rows.iter().zip(&o.rows) {
            let at = format!("{} row `{}`", t.kind, a.name);
            if a.code != b.code || squeeze(&a.name) != squeeze(&b.name) || a.is_total != b.is_total
            {
                differ(format!(
                    "{at}: {:?} {:?} total={} / {:?} {:?} total={}",
                    a.code, a.name, a.is_total, b.code, b.name, b.is_total
                ));
                continue;
            }
            if !b.uncertain.is_empty() {
                differ(format!(
                    "{at}: uncertain {:?} in the structured version",
                    b.uncertain
                ));
            }
            let printed: Vec<Decimal> = a.cells.values().copied().collect();
            let keys: std::collections::BTreeSet<_> =
                a.cells.keys().chain(b.cells.keys()).collect();
            for key in keys {
                let uncertain = a.uncertain.contains(key);
                match (a.cells.get(key), b.cells.get(key)) {
                    _ if uncertain => {
                        if let Some(v) = b.cells.get(key) {
                            if !printed.contains(v) {
                                differ(format!("{at} {key}: {v} was not printed in the row"));
                            }
                        }
                        resolved += 1;
                    }
                    (Some(x), Some(y)) if x == y => equal_cells += 1,
                    (x, y) => differ(format!("{at} {key}: {x:?} / {y:?}")),
                }
            }
        }
    }
    for o in &other.tables {
        if table_of(text, o.kind).is_none() {
            more_tables.push(o.kind);
        }
    }
    let counts = |d: &Disclosure| {
        BTreeMap::from([
            ("projects", d.projects.len()),
            ("department targets", d.department_targets.len()),
            ("declarations", d.declarations.len()),
            ("procurement tables", d.procurement.len()),
            ("asset tables", d.assets.len()),
            ("units", d.units.len()),
        ])
    };
    if counts(text) != counts(other) {
        differ(format!("counts {:?} / {:?}", counts(text), counts(other)));
    }
    let project_names =
        |d: &Disclosure| -> Vec<String> { d.projects.iter().map(|p| squeeze(&p.name)).collect() };
    if project_names(text) != project_names(other) {
        differ("project names differ".to_string());
    }
    c.resolved = resolved;
    c.more_tables = more_tables;
    c.equal_cells = equal_cells;
    c
}

const FORMATS: &[&str] = &["docx", "xlsx", "xls", "html"];

/// Compares every format of one fixture with its text version; returns the report lines.
fn check(name: &str, text_rel: &str, allowed: &[(&str, &str)]) -> Vec<String> {
    let text = extract(text_rel);
    let mut report = Vec::new();
    let mut failures = Vec::new();
    for format in FORMATS {
        let rel = format!("formats/{name}.{format}");
        let other = extract(&rel);
        let c = compare(&text, &other);
        let (explained, unexplained): (Vec<_>, Vec<_>) = c.differences.iter().partition(|d| {
            allowed
                .iter()
                .any(|(f, what)| (*f == *format || *f == "*") && d.contains(what))
        });
        report.push(format!(
            "{rel}: {} equal cells, {} resolved, more tables {:?}, {} explained difference(s)",
            c.equal_cells,
            c.resolved,
            c.more_tables,
            explained.len()
        ));
        assert!(c.equal_cells > 0, "{rel}: nothing compared");
        // Every figure's span names where it sits in the file: a sheet cell (`第10页!F9`) or a
        // table cell (`table 3 row 5 cell 2`).
        for t in &other.tables {
            for r in &t.rows {
                for span in r.cell_spans.values() {
                    let origin = span.origin.as_deref().unwrap_or_default();
                    let named = if format.starts_with("xls") {
                        origin.split_once('!').is_some_and(|(_, cell)| {
                            cell.trim_start_matches(|c: char| c.is_ascii_uppercase())
                                .parse::<u32>()
                                .is_ok()
                        })
                    } else {
                        origin.starts_with("table ") && origin.contains(" cell ")
                    };
                    assert!(named, "{rel}: {} `{}` origin {origin:?}", t.kind, r.name);
                }
            }
        }
        failures.extend(unexplained.iter().map(|d| format!("{rel}: {d}")));
    }
    eprintln!("{}", report.join("\n"));
    assert!(failures.is_empty(), "differences:\n{}", failures.join("\n"));
    report
}

#[test]
fn seed_000_in_every_format() {
    check(
        "seed-000",
        "seeds/000_58134781a689c5f0.txt",
        &[
            // A project's goal printed as the first row of its table is, in the sheet, one cell
            // merged over the table's whole width: a caption, read as a line of its own. The
            // tab-separated text has it as a row of the table (trailing TABs), and the project
            // after it is named differently.
            ("xlsx", "project names differ"),
            ("xls", "project names differ"),
        ],
    );
}

#[test]
fn shanghai_budget_in_every_format() {
    check(
        "putuo-wanli-jiedao-2025-dept-budget",
        "shanghai/text/putuo-wanli-jiedao-2025-dept-budget.txt",
        &[
            // An empty table in a sheet: its 合计 row sits below the blank grid, apart from the
            // header, and is read as a line of its own; the note after it is not attached.
            ("xlsx", "empty note"),
            ("xls", "empty note"),
        ],
    );
}

#[test]
fn shanghai_final_accounts_in_every_format() {
    check(
        "putuo-finance-2024-final-accounts",
        "shanghai/text/putuo-finance-2024-final-accounts.txt",
        &[
            // The text splits the wrapped name `二十一、国有资本经营预算` / `支出` into two rows;
            // the structured versions hold it in one cell, one row.
            ("*", "fiscal_summary: 39 rows / 38 rows"),
            // The text reads the lone 合计 label of this empty table as a 合计 column; the table
            // printed has none.
            ("*", "government_fund_expenditure: columns"),
            // The 决算 三公 table prints 预算数/决算数 under every item; the fixture holds the
            // PDF grid as pdfplumber cuts it (22 columns), and the positional header reading
            // does not pair those columns with their items.
            ("docx", "three_public: columns"),
            ("html", "three_public: columns"),
            ("xlsx", "three_public: missing"),
            ("xls", "three_public: missing"),
            // As in the budget: the empty table's 合计 row below the blank grid.
            ("xlsx", "empty note"),
            ("xls", "empty note"),
        ],
    );
}

/// The two real Shanghai budget workbook templates (部门 and 单位): every sheet read in order,
/// the nine standard tables recognised by their titles, all empty (a template holds no figures).
#[test]
fn shanghai_workbook_templates() {
    for (file, pages, kind) in [
        (
            "formats/templates/shanghai-department-budget-template.xlsx",
            17,
            yusuan_model::DocumentKind::DepartmentBudget,
        ),
        (
            "formats/templates/shanghai-unit-budget-template.xlsx",
            16,
            yusuan_model::DocumentKind::UnitBudget,
        ),
    ] {
        let doc = yusuan_read::read_path(&corpus(file)).unwrap();
        assert_eq!(doc.format, yusuan_read::Format::Xlsx);
        assert_eq!(doc.page_count, Some(pages), "{file}: one page per sheet");
        assert_eq!(
            doc.lines[0].text,
            if pages == 17 {
                "上海市普陀区2026年区级部门预算"
            } else {
                "上海市普陀区2026年区级单位预算"
            }
        );
        assert_eq!(doc.lines[0].origin.as_ref().unwrap().place, "封面!A3");
        let model = yusuan_extract::extract(&doc);
        assert_eq!(model.year, Some(2026), "{file}");
        assert_eq!(model.kind, kind, "{file}");
        let mut kinds: Vec<String> = model.tables.iter().map(|t| t.kind.to_string()).collect();
        let mut nine: Vec<String> = TableKind::ALL.iter().map(|k| k.to_string()).collect();
        kinds.sort();
        nine.sort();
        assert_eq!(kinds, nine, "{file}");
        for t in &model.tables {
            assert!(
                t.empty && t.rows.is_empty(),
                "{file}: {} is a blank template",
                t.kind
            );
            // Every title span names its sheet cell.
            let origin = t.span.origin.as_deref().unwrap_or_default();
            assert!(
                origin.contains('!'),
                "{file}: {} title origin {origin:?}",
                t.kind
            );
        }
    }
}
