//! Cross-table identities (YS3xx) on the corpus.
//!
//! Seed 000 breaks YS302 and YS303 (answer key 000-E16, 000-E17). No corpus document breaks
//! YS301, YS304, YS305 or YS306: their true positives are real documents with one printed figure
//! changed, named in each test. The Shanghai documents are clean for every rule.

use std::path::PathBuf;
use std::str::FromStr;

use yusuan_model::{ColumnKey, Decimal, Disclosure, Finding, MoneyUnit, Row, Severity, TableKind};

const SEED_000: &str = "seeds/000_58134781a689c5f0.txt";

fn load(rel: &str) -> Disclosure {
    let path = PathBuf::from(env!("CARGO_MANIFEST_DIR"))
        .join("../../corpus")
        .join(rel);
    let bytes = std::fs::read(&path).unwrap_or_else(|e| panic!("{}: {e}", path.display()));
    let text = yusuan_read::read_bytes(&format!("corpus/{rel}"), &bytes).unwrap();
    yusuan_extract::extract(&text)
}

fn d(s: &str) -> Decimal {
    Decimal::from_str(s).unwrap()
}

fn run(code: &str, doc: &Disclosure) -> Vec<Finding> {
    let rule = yusuan_rules::find(code).unwrap_or_else(|| panic!("no rule {code}"));
    let mut out = Vec::new();
    rule.check(doc, &mut out);
    out
}

/// (first location's line, actual, expected) of each finding.
fn figures(findings: &[Finding]) -> Vec<(u32, Decimal, Decimal)> {
    let mut v: Vec<_> = findings
        .iter()
        .map(|f| {
            (
                f.locations[0].span.line,
                f.actual.unwrap(),
                f.expected.unwrap(),
            )
        })
        .collect();
    v.sort();
    v
}

/// The row of a table of `kind` that satisfies `pick`.
fn row_mut(doc: &mut Disclosure, kind: TableKind, pick: impl Fn(&Row) -> bool) -> &mut Row {
    doc.tables
        .iter_mut()
        .filter(|t| t.kind == kind)
        .flat_map(|t| t.rows.iter_mut())
        .find(|r| pick(r))
        .expect("row")
}

fn coded(code: &'static str) -> impl Fn(&Row) -> bool {
    move |r: &Row| r.code.as_deref() == Some(code)
}

fn total_row(r: &Row) -> bool {
    r.is_total && r.code.is_none()
}

const CROSS: [&str; 6] = ["YS301", "YS302", "YS303", "YS304", "YS305", "YS306"];

#[test]
fn the_shanghai_documents_are_clean() {
    let dir = PathBuf::from(env!("CARGO_MANIFEST_DIR")).join("../../corpus/shanghai/text");
    let mut names: Vec<String> = std::fs::read_dir(dir)
        .unwrap()
        .map(|e| e.unwrap().file_name().to_string_lossy().into_owned())
        .filter(|n| n.ends_with(".txt"))
        .collect();
    names.sort();
    assert_eq!(names.len(), 14);
    for name in names {
        let doc = load(&format!("shanghai/text/{name}"));
        for code in CROSS {
            assert_eq!(run(code, &doc), vec![], "{code} on {name}");
        }
    }
}

#[test]
fn ys301_compares_the_summary_income_with_the_income_table() {
    let doc = load(SEED_000);
    assert!(run("YS301", &doc).is_empty());
    // Seed 000 收入总表 line 96 prints 其他收入 1550.98, as the 收支总表 (line 49); print 1550.89.
    let mut doc = doc;
    let total = row_mut(&mut doc, TableKind::Income, total_row);
    total.cells.insert(ColumnKey::OTHER_INCOME, d("1550.89"));
    let found = run("YS301", &doc);
    assert_eq!(figures(&found), vec![(96, d("1550.89"), d("1550.98"))]);
    assert_eq!(
        found[0].message,
        "《部门预算收入总表》合计 其他收入 1550.89 万元 ≠ 《部门预算收支总表》九、其他收入 1550.98 万元（差 -0.09）"
    );
}

#[test]
fn ys302_finds_the_seed_category_that_differs_from_the_summary() {
    let found = run("YS302", &load(SEED_000));
    // 支出总表 212 36382.67 vs 收支总表 十二、城乡社区支出 36388.74 (000-E17).
    assert_eq!(figures(&found), vec![(156, d("36382.67"), d("36388.74"))]);
}

#[test]
fn ys302_matches_a_category_printed_under_its_former_name() {
    // 社会福利院 2024: the summary prints `三、医疗卫生与计划生育支出` (line 77) for 210 卫生健康支出.
    let mut doc = load("shanghai/text/putuo-welfare-home-2024-unit-budget.txt");
    assert!(run("YS302", &doc).is_empty());
    let row = row_mut(&mut doc, TableKind::Expenditure, coded("210"));
    row.cells.insert(ColumnKey::TOTAL, d("503742"));
    let found = run("YS302", &doc);
    assert_eq!(figures(&found), vec![(122, d("503742"), d("503724"))]);
    assert!(found[0].message.contains("三、医疗卫生与计划生育支出"));
}

#[test]
fn ys303_finds_the_seed_codes_on_which_income_and_spending_differ() {
    let found = run("YS303", &load(SEED_000));
    // 000-E16: 212, 21201, 2120199 (6.07) and 22101 (2.08).
    assert_eq!(
        figures(&found),
        vec![
            (156, d("36382.67"), d("36388.74")),
            (157, d("4382.67"), d("4388.74")),
            (159, d("3313.52"), d("3319.59")),
            (173, d("50026.51"), d("50028.59")),
        ]
    );
}

#[test]
fn ys303_does_not_judge_final_accounts() {
    // In a 决算 income and spending differ by the balances: 财政局 2024 收入 2946.25, 支出 2940.05.
    let doc = load("shanghai/text/putuo-finance-2024-final-accounts.txt");
    assert!(doc.kind.is_final_accounts());
    assert!(run("YS303", &doc).is_empty());
}

#[test]
fn ys304_compares_the_fiscal_summary_with_the_fund_tables() {
    let clean = load(SEED_000);
    assert!(run("YS304", &clean).is_empty());
    // 财政拨款收支总表 line 204 prints 城乡社区支出 一般公共预算 2837.76 = 一般公共预算表 212 (line 262).
    let mut doc = clean.clone();
    let line = row_mut(&mut doc, TableKind::FiscalSummary, |r| {
        r.name == "十二、城乡社区支出"
    });
    line.cells.insert(ColumnKey::GENERAL_PUBLIC, d("2873.76"));
    let found = run("YS304", &doc);
    assert_eq!(figures(&found), vec![(262, d("2837.76"), d("2873.76"))]);
    // The income line 一般公共预算拨款 53440.88 (line 193) = 本年支出合计 一般公共预算 (line 233).
    let mut doc = clean.clone();
    let line = row_mut(&mut doc, TableKind::FiscalSummary, |r| {
        r.item.as_deref() == Some("income.general_public")
    });
    *line.cells.values_mut().next().unwrap() = d("53404.88");
    let found = run("YS304", &doc);
    assert_eq!(figures(&found), vec![(233, d("53440.88"), d("53404.88"))]);
    // The 国有资本经营 table is printed empty (lines 362-374): a 国有资本经营 amount in the
    // summary contradicts it.
    let mut doc = clean;
    let line = row_mut(&mut doc, TableKind::FiscalSummary, |r| {
        r.name == "二十、住房保障支出"
    });
    line.cells.insert(ColumnKey::STATE_CAPITAL, d("5.00"));
    let found = run("YS304", &doc);
    assert_eq!(figures(&found), vec![(362, d("0"), d("5.00"))]);
}

#[test]
fn ys305_compares_basic_expenditure_totals() {
    let clean = load(SEED_000);
    assert!(run("YS305", &clean).is_empty());
    // 基本支出表 合计 1965.00 (line 297) = 一般公共预算表 合计 基本支出 (line 251); print 1956.00.
    let mut doc = clean;
    let total = row_mut(&mut doc, TableKind::BasicExpenditure, total_row);
    total.cells.insert(ColumnKey::TOTAL, d("1956.00"));
    let found = run("YS305", &doc);
    assert_eq!(figures(&found), vec![(297, d("1956.00"), d("1965.00"))]);
}

#[test]
fn ys306_warns_when_basic_reception_exceeds_the_three_public_figure() {
    let clean = load(SEED_000);
    assert!(run("YS306", &clean).is_empty());
    // Seed 000 30217 公务接待费 2.04 (line 332) = 三公 公务接待费 2.04 (line 392); print 20.40.
    let mut doc = clean;
    let row = row_mut(&mut doc, TableKind::BasicExpenditure, coded("30217"));
    row.cells.insert(ColumnKey::TOTAL, d("20.40"));
    let found = run("YS306", &doc);
    assert_eq!(figures(&found), vec![(332, d("20.40"), d("2.04"))]);
    assert_eq!(found[0].severity, Severity::Warning);
}

#[test]
fn ys306_converts_units_and_accepts_a_larger_three_public_figure() {
    // 万里街道 2024: 30217 13,500 元 (line 492) = 1.35 万元 = 三公 公务接待费 1.35 万元 (line 511);
    // 30231 215,600 元 = 21.56 万元 = 运行费 21.56.
    let clean = load("shanghai/text/putuo-wanli-jiedao-2024-dept-budget.txt");
    assert!(run("YS306", &clean).is_empty());
    let mut doc = clean;
    let row = row_mut(&mut doc, TableKind::BasicExpenditure, coded("30231"));
    row.cells.insert(ColumnKey::TOTAL, d("225600"));
    let found = run("YS306", &doc);
    assert_eq!(figures(&found), vec![(496, d("22.56"), d("21.56"))]);
    assert_eq!(found[0].unit, Some(MoneyUnit::WanYuan));
    // 区政府办公室 2025: 30217 185,000 元 = 18.5 万元 < 三公 公务接待费 28.50 万元: not an error.
    let doc = load("shanghai/text/putuo-govoffice-2025-dept-budget.txt");
    let basic = doc
        .tables
        .iter()
        .find(|t| t.kind == TableKind::BasicExpenditure)
        .unwrap();
    let reception = basic
        .rows
        .iter()
        .find(|r| r.code.as_deref() == Some("30217"))
        .unwrap();
    assert_eq!(reception.cells[&ColumnKey::TOTAL], d("185000.00"));
    assert!(run("YS306", &doc).is_empty());
}

#[test]
fn cross_table_rules_skip_uncertain_cells() {
    // The seed's 支出总表 212 合计 breaks YS302 and YS303; once uncertain it is not judged.
    let mut doc = load(SEED_000);
    let row = row_mut(&mut doc, TableKind::Expenditure, coded("212"));
    row.uncertain.push(ColumnKey::TOTAL);
    let lines: Vec<u32> = ["YS302", "YS303"]
        .iter()
        .flat_map(|c| run(c, &doc))
        .map(|f| f.locations[0].span.line)
        .collect();
    assert!(!lines.contains(&156), "{lines:?}");
    // An unreadable 基本支出表 is not compared either.
    let mut doc = load(SEED_000);
    let total = row_mut(&mut doc, TableKind::BasicExpenditure, total_row);
    total.cells.insert(ColumnKey::TOTAL, d("1956.00"));
    assert_eq!(run("YS305", &doc).len(), 1);
    for t in doc.tables.iter_mut() {
        if t.kind == TableKind::BasicExpenditure {
            t.unreadable = Some("two lists printed side by side".into());
        }
    }
    assert!(run("YS305", &doc).is_empty());
    assert!(run("YS306", &doc).is_empty());
}
