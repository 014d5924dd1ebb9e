//! Extraction of the real corpus documents (`corpus/`).
//!
//! - one snapshot per document of every table, row and cell (`snapshots/`), each reviewed
//!   against the source text;
//! - the figures DOMAIN.md and the answer key name, asserted directly;
//! - provenance: every cell's span points at the printed figure in the source line.

use std::path::PathBuf;
use std::str::FromStr;

use yusuan_model::{ColumnKey, Decimal, Disclosure, DocumentKind, Row, Table, TableKind};

fn corpus_dir() -> PathBuf {
    PathBuf::from(env!("CARGO_MANIFEST_DIR")).join("../../corpus")
}

/// Reads a corpus file, labelling spans with its path relative to the repository.
fn extract(rel: &str) -> Disclosure {
    let bytes = std::fs::read(corpus_dir().join(rel)).unwrap_or_else(|e| panic!("{rel}: {e}"));
    let doc = yusuan_read::read_bytes(&format!("corpus/{rel}"), &bytes).unwrap();
    yusuan_extract::extract(&doc)
}

fn text_documents() -> Vec<String> {
    let mut out = Vec::new();
    for dir in ["seeds", "shanghai/text"] {
        let mut names: Vec<String> = std::fs::read_dir(corpus_dir().join(dir))
            .unwrap()
            .flatten()
            .map(|e| e.file_name().to_string_lossy().into_owned())
            .filter(|n| n.ends_with(".txt"))
            .collect();
        names.sort();
        out.extend(names.into_iter().map(|n| format!("{dir}/{n}")));
    }
    out
}

fn d(s: &str) -> Decimal {
    Decimal::from_str(s).unwrap()
}

fn table(doc: &Disclosure, kind: TableKind) -> &Table {
    doc.tables
        .iter()
        .find(|t| t.kind == kind)
        .unwrap_or_else(|| panic!("no {kind} table"))
}

fn row<'a>(t: &'a Table, code: &str) -> &'a Row {
    t.rows
        .iter()
        .find(|r| r.code.as_deref() == Some(code))
        .unwrap_or_else(|| panic!("no row {code} in {}", t.kind))
}

fn total_row(t: &Table) -> &Row {
    t.rows
        .iter()
        .find(|r| r.is_total && r.side.is_none())
        .unwrap_or_else(|| panic!("no total row in {}", t.kind))
}

#[test]
fn snapshots_of_every_text_document() {
    for rel in text_documents() {
        let name = rel.trim_end_matches(".txt").replace('/', "__");
        // The standard tables only: notes about other parts of the document have snapshots of
        // their own (tests/performance.rs, tests/facts.rs).
        let mut doc = extract(&rel);
        let tables: Vec<(u32, u32)> = doc
            .tables
            .iter()
            .map(|t| (t.span.line, t.end_line))
            .collect();
        doc.notes
            .retain(|n| tables.iter().any(|&(a, b)| (a..=b).contains(&n.span.line)));
        doc.projects.clear();
        doc.department_targets.clear();
        doc.declarations.clear();
        doc.narrative_facts.clear();
        doc.procurement.clear();
        doc.assets.clear();
        doc.units.clear();
        let text = yusuan_report::disclosure_text(&doc);
        insta::with_settings!({ snapshot_path => "snapshots", prepend_module_to_snapshot => false, omit_expression => true }, {
            insta::assert_snapshot!(name, text);
        });
    }
}

#[test]
fn seed_000_expenditure_rows_as_printed() {
    let doc = extract("seeds/000_58134781a689c5f0.txt");
    assert_eq!(doc.kind, DocumentKind::DepartmentBudget);
    assert_eq!(doc.year, Some(2022));
    let dept = doc.department.as_ref().unwrap();
    assert_eq!(
        (dept.name.as_str(), dept.code.as_deref()),
        ("邯郸市住房保障和房产管理局", Some("502"))
    );
    assert_eq!(doc.tables.len(), 9);

    let exp = table(&doc, TableKind::Expenditure);
    assert_eq!(exp.unit, Some(yusuan_model::MoneyUnit::WanYuan));
    let r = row(exp, "2120199");
    assert_eq!(r.cells.get(&ColumnKey::TOTAL), Some(&d("3313.52")));
    assert_eq!(r.cells.get(&ColumnKey::PROJECT), Some(&d("3319.59")));
    assert_eq!(r.cells.get(&ColumnKey::BASIC), None);
    assert_eq!(r.span.line, 159);
    assert!(r.uncertain.is_empty());
    // `21208 11` on the page after the break, joined.
    assert_eq!(row(exp, "2120811").span.line, 171);

    let basic = table(&doc, TableKind::BasicExpenditure);
    let t = total_row(basic);
    assert_eq!(t.cells.get(&ColumnKey::TOTAL), Some(&d("1965.00")));
    assert_eq!(t.cells.get(&ColumnKey::PERSONNEL), Some(&d("1813.48")));
    assert_eq!(t.cells.get(&ColumnKey::PUBLIC_USE), Some(&d("151.52")));
    assert_eq!(
        basic
            .rows
            .iter()
            .filter(|r| r.code.as_ref().is_some_and(|c| c.len() == 5))
            .count(),
        34
    );
}

#[test]
fn seed_000_income_table_repairs_layout_breaks() {
    let doc = extract("seeds/000_58134781a689c5f0.txt");
    let income = table(&doc, TableKind::Income);
    assert_eq!(income.rows.len(), 26);
    // `21201` + the tail `09` printed alone after the page break.
    let r = row(income, "2120109");
    assert_eq!(r.name, "住宅建设与房地产市场监管");
    assert_eq!(r.span.line, 109);
    // `3319.5 9`, `1550.9 8`, `32000. 00` repaired.
    let r = row(income, "2120199");
    assert_eq!(r.cells.get(&ColumnKey::SUBTOTAL), Some(&d("3319.59")));
    assert_eq!(r.cells.get(&ColumnKey::OTHER_INCOME), Some(&d("1550.98")));
    assert_eq!(
        row(income, "2120811").cells.get(&ColumnKey::SUBTOTAL),
        Some(&d("32000.00"))
    );
    // The stray `5` of the fragment line is reported, not placed.
    assert!(doc
        .notes
        .iter()
        .any(|n| n.span.line == 120 && n.message.contains('5')));
}

#[test]
fn seed_000_empty_state_capital_table_keeps_its_note() {
    let doc = extract("seeds/000_58134781a689c5f0.txt");
    let t = table(&doc, TableKind::StateCapitalExpenditure);
    assert!(t.empty);
    assert!(t.rows.is_empty());
    assert_eq!(
        t.empty_note.as_deref(),
        Some("注：无国有资本经营预算财政拨款预算，空表列示。")
    );
}

#[test]
fn seed_000_summary_sides_and_items() {
    let doc = extract("seeds/000_58134781a689c5f0.txt");
    let t = table(&doc, TableKind::IncomeExpenseSummary);
    let item = |side, item: &str| {
        t.rows_on(Some(side))
            .find(|r| r.item.as_deref() == Some(item))
            .unwrap_or_else(|| panic!("{item}"))
            .cells
            .values()
            .next()
            .copied()
    };
    use yusuan_model::Side::{Expenditure, Income};
    assert_eq!(item(Income, "income.general_public"), Some(d("53440.88")));
    assert_eq!(item(Income, "income.government_fund"), Some(d("32000.00")));
    assert_eq!(item(Income, "income.other"), Some(d("1550.98")));
    assert_eq!(item(Income, "income.state_capital"), None);
    assert_eq!(item(Income, "income.grand_total"), Some(d("86991.86")));
    assert_eq!(
        item(Expenditure, "expenditure.grand_total"),
        Some(d("86991.86"))
    );
    assert_eq!(
        t.rows_on(Some(Expenditure))
            .filter(|r| r.item.is_none())
            .count(),
        30
    );
}

#[test]
fn shanghai_govoffice_project_only_row_is_placed_by_arithmetic() {
    let doc = extract("shanghai/text/putuo-govoffice-2025-dept-budget.txt");
    assert_eq!(doc.kind, DocumentKind::DepartmentBudget);
    assert_eq!(doc.year, Some(2025));
    assert_eq!(
        doc.department.as_ref().unwrap().name,
        "上海市普陀区人民政府办公室"
    );
    let exp = table(&doc, TableKind::Expenditure);
    assert_eq!(exp.unit, Some(yusuan_model::MoneyUnit::Yuan));
    let r = row(exp, "2010302");
    assert_eq!(r.cells.get(&ColumnKey::TOTAL), Some(&d("46140000.00")));
    assert_eq!(r.cells.get(&ColumnKey::PROJECT), Some(&d("46140000.00")));
    assert_eq!(r.cells.get(&ColumnKey::BASIC), None);
    assert!(r.uncertain.is_empty(), "{:?}", r.uncertain);
    // No row of this budget is left uncertain.
    for t in &doc.tables {
        for r in &t.rows {
            assert!(
                r.uncertain.is_empty(),
                "{} {} {:?}",
                t.kind,
                r.name,
                r.uncertain
            );
        }
    }
    // The 三公 table of Shanghai prints the categories as columns; the model holds one line per
    // category, as for a table printed by lines.
    let three = table(&doc, TableKind::ThreePublic);
    assert_eq!(three.unit, Some(yusuan_model::MoneyUnit::WanYuan));
    let tp = doc.three_public().expect("三公");
    let cell = |item| tp.row(item).and_then(|r| r.cells.get(&ColumnKey::TOTAL));
    use yusuan_model::ThreePublicItem as I;
    assert_eq!(cell(I::Total), Some(&d("867.50")));
    assert_eq!(cell(I::Outbound), Some(&d("839.00")));
    assert_eq!(cell(I::Reception), Some(&d("28.50")));
    assert_eq!(cell(I::OperationCost), Some(&d("213.28")));
    // Empty fund tables with their notes.
    let fund = table(&doc, TableKind::GovernmentFundExpenditure);
    assert!(
        fund.empty
            && fund
                .empty_note
                .as_deref()
                .is_some_and(|n| n.contains("空表"))
    );
}

#[test]
fn documents_without_standard_tables_report_none() {
    for rel in [
        "seeds/001_98287256a49a631e.txt",
        "seeds/002_8019674a81fd05c1.txt",
        "seeds/003_51cbaa0335987f54.txt",
        "seeds/004_f0d47b0d691be104.txt",
    ] {
        let doc = extract(rel);
        assert!(
            doc.tables.is_empty(),
            "{rel}: {:?}",
            doc.tables.iter().map(|t| &t.title).collect::<Vec<_>>()
        );
        assert!(doc.year.is_some(), "{rel}");
        assert!(doc.department.is_some(), "{rel}");
    }
}

#[test]
fn every_shanghai_document_has_its_nine_tables() {
    for rel in text_documents()
        .into_iter()
        .filter(|r| r.starts_with("shanghai/"))
    {
        let doc = extract(&rel);
        let mut kinds: Vec<TableKind> = doc.tables.iter().map(|t| t.kind).collect();
        kinds.sort();
        kinds.dedup();
        assert_eq!(kinds.len(), 9, "{rel}: {kinds:?}");
        assert!(
            doc.tables.iter().all(|t| t.unit.is_some()),
            "{rel}: a table without its unit"
        );
        assert!(doc.department.is_some() && doc.year.is_some(), "{rel}");
    }
}

/// Every cell points at its printed figure: the characters at the cell's span parse to its value.
#[test]
fn every_cell_points_at_its_printed_figure() {
    let mut checked = 0;
    for rel in text_documents() {
        let doc = extract(&rel);
        let source = std::fs::read(corpus_dir().join(&rel)).unwrap();
        let lines = yusuan_read::read_bytes(&rel, &source).unwrap().lines;
        for t in &doc.tables {
            for r in &t.rows {
                assert_eq!(
                    r.cells.len(),
                    r.cell_spans.len(),
                    "{rel} line {}: a cell without its span",
                    r.span.line
                );
                for (key, value) in &r.cells {
                    let span = &r.cell_spans[key];
                    let line = &lines[span.line as usize - 1];
                    assert_eq!(line.number, span.line);
                    let start = span.column.unwrap() as usize - 1;
                    let printed: String = line
                        .text
                        .chars()
                        .skip(start)
                        .take(span.length.unwrap() as usize)
                        .collect();
                    let parsed = yusuan_extract::amount::parse_amount(&printed).map(|a| a.value);
                    assert_eq!(
                        parsed,
                        Some(*value),
                        "{rel} line {} col {}: `{printed}` is not {value}",
                        span.line,
                        start + 1
                    );
                    checked += 1;
                }
            }
        }
    }
    assert!(checked > 3000, "only {checked} cells checked");
}
