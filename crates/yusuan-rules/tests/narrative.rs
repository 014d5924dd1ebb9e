//! Narrative against tables (YS4xx) and claims (YS5xx) on the corpus.
//!
//! Seed 004 line 81 states 项目支出 twice (12776.26 and 1277.26 万元, answer key 004-N4): the one
//! real YS502. No corpus document breaks YS401, YS402, YS403 or YS501: their true positives are
//! real documents with one printed figure changed, named in each test. Seed 000 and the Putuo
//! government office's budget are clean for every rule of both families.

use std::path::PathBuf;
use std::str::FromStr;

use yusuan_model::{Decimal, Disclosure, Finding, Severity};

const SEED_000: &str = "seeds/000_58134781a689c5f0.txt";
const SEED_004: &str = "seeds/004_f0d47b0d691be104.txt";
const PUTUO: &str = "shanghai/text/putuo-govoffice-2025-dept-budget.txt";
const FINANCE: &str = "shanghai/text/putuo-finance-2024-final-accounts.txt";

fn source(rel: &str) -> String {
    let path = PathBuf::from(env!("CARGO_MANIFEST_DIR"))
        .join("../../corpus")
        .join(rel);
    let bytes = std::fs::read(&path).unwrap_or_else(|e| panic!("{}: {e}", path.display()));
    String::from_utf8(bytes).expect("corpus text is UTF-8")
}

fn extract(rel: &str, text: &str) -> Disclosure {
    let read = yusuan_read::read_bytes(&format!("corpus/{rel}"), text.as_bytes()).unwrap();
    yusuan_extract::extract(&read)
}

fn load(rel: &str) -> Disclosure {
    extract(rel, &source(rel))
}

/// The document with `from` replaced by `to` on one line (1-based); the line must contain it once.
fn edited(rel: &str, line: usize, from: &str, to: &str) -> Disclosure {
    let text = source(rel);
    let mut lines: Vec<String> = text.split('\n').map(str::to_string).collect();
    let l = &mut lines[line - 1];
    assert_eq!(l.matches(from).count(), 1, "line {line} of {rel}: {l}");
    *l = l.replace(from, to);
    extract(rel, &lines.join("\n"))
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

const CODES: [&str; 5] = ["YS401", "YS402", "YS403", "YS501", "YS502"];

#[test]
fn seed_000_and_putuo_are_clean() {
    for rel in [SEED_000, PUTUO, FINANCE] {
        let doc = load(rel);
        assert!(!doc.narrative_facts.is_empty(), "{rel}");
        for code in CODES {
            let found = run(code, &doc);
            assert!(found.is_empty(), "{rel} {code}: {found:#?}");
        }
    }
}

#[test]
fn ys401_project_expenditure_differs_from_the_expenditure_table() {
    // Seed 000 line 450: 项目支出**85026.86**万元 → 85062.86; 支出总表 合计 prints 85026.86.
    let doc = edited(SEED_000, 450, "**85026.86**", "**85062.86**");
    let found = run("YS401", &doc);
    assert_eq!(found.len(), 1, "{found:#?}");
    let f = &found[0];
    assert_eq!(f.severity, Severity::Error);
    assert_eq!(f.locations[0].span.line, 450);
    assert_eq!(f.actual, Some(d("85062.86")));
    assert_eq!(f.expected.map(|v| v.normalize()), Some(d("85026.86")));
    assert!(f.message.contains("项目支出"), "{}", f.message);
}

#[test]
fn ys401_converts_yuan_tables_and_tolerates_rounding() {
    // Putuo line 70: 支出预算9,101.68万元 against 支出总表 91,016,775.35 元 (= 9101.677535 万元).
    assert!(run("YS401", &load(PUTUO)).is_empty());
    let doc = edited(
        PUTUO,
        70,
        "支出预算9,101.68万元，其中",
        "支出预算9,110.68万元，其中",
    );
    let found = run("YS401", &doc);
    assert_eq!(found.len(), 1, "{found:#?}");
    assert_eq!(found[0].locations[0].span.line, 70);
    assert_eq!(found[0].actual, Some(d("9110.68")));
}

#[test]
fn ys402_operation_cost_differs_from_the_three_public_table() {
    // Putuo line 290: 机关运行经费 213.28 万元 → 231.28; the 三公 table prints 213.28.
    let doc = edited(PUTUO, 290, "213.28", "231.28");
    let found = run("YS402", &doc);
    assert_eq!(found.len(), 1, "{found:#?}");
    assert_eq!(found[0].severity, Severity::Error);
    assert_eq!(found[0].locations[0].span.line, 290);
}

#[test]
fn ys402_operation_cost_above_public_use_is_a_warning() {
    // Seed 000 line 458: 机关运行经费 151.52 万元 → 251.52, above 基本支出表 公用经费 151.52.
    let doc = edited(SEED_000, 458, "151.52", "251.52");
    let found = run("YS402", &doc);
    assert_eq!(found.len(), 1, "{found:#?}");
    assert_eq!(found[0].severity, Severity::Warning);
    // Below 公用经费 is normal for a department with institutions: no finding.
    let doc = edited(SEED_000, 458, "151.52", "101.52");
    assert!(run("YS402", &doc).is_empty());
}

#[test]
fn ys403_reception_differs_from_the_three_public_table() {
    // Seed 000 line 462: 公务接待费**2.04**万元 → 2.40 (Hebei layout: rows by category).
    let doc = edited(SEED_000, 462, "公务接待费**2.04**", "公务接待费**2.40**");
    let found = run("YS403", &doc);
    assert_eq!(found.len(), 1, "{found:#?}");
    assert_eq!(found[0].locations[0].span.line, 462);
    assert_eq!(found[0].actual, Some(d("2.40")));
    // Shanghai layout: one row with category columns. Putuo line 288: 公务接待费 28.50 → 38.50.
    let doc = edited(PUTUO, 288, "28.50", "38.50");
    let found = run("YS403", &doc);
    assert_eq!(found.len(), 1, "{found:#?}");
    assert_eq!(found[0].locations[0].span.line, 288);
}

#[test]
fn ys403_compares_final_accounts_with_the_final_line_only() {
    // Putuo finance 2024 决算, the PDF: the 三公 table prints 预算数 0.95 (合计 and 公务接待费) and
    // a blank 决算数 line; the explanation says 年初预算为0.95万元，支出决算为0.00万元. The 预算数
    // line is not the 决算 figure: no finding.
    let path = std::path::Path::new(env!("CARGO_MANIFEST_DIR"))
        .join("../../corpus/shanghai/pdf/putuo-finance-2024-final-accounts.pdf");
    let read = yusuan_read::read_path(&path).expect("pdfium installed by scripts/setup/pdfium.sh");
    let doc = yusuan_extract::extract(&read);
    let table = doc
        .tables
        .iter()
        .find(|t| t.kind == yusuan_model::TableKind::ThreePublic)
        .expect("三公 table");
    assert_eq!(table.rows.len(), 1, "{:#?}", table.rows);
    assert_eq!(table.rows[0].name.trim(), "预算数");
    assert!(doc
        .narrative_facts
        .iter()
        .any(|f| f.key == "three_public.total" && f.value.is_zero()));
    let found = run("YS403", &doc);
    assert!(found.is_empty(), "{found:#?}");
}

#[test]
fn ys501_rate_does_not_follow_from_the_amounts() {
    // Putuo finance 2024 final accounts lines 400-401: 支出总计 2995.39 万元, 减少56.95万元,
    // 下降1.87% (= 56.95 / 3052.34). Changing the rate to 2.87% breaks it.
    let doc = edited(FINANCE, 401, "下降1.87%", "下降2.87%");
    let found = run("YS501", &doc);
    assert_eq!(found.len(), 1, "{found:#?}");
    assert_eq!(found[0].locations[0].span.line, 401);
    assert!(found[0].message.contains("-1.87"), "{}", found[0].message);
}

#[test]
fn ys502_project_expenditure_stated_twice() {
    let found = run("YS502", &load(SEED_004));
    assert_eq!(found.len(), 1, "{found:#?}");
    let f = &found[0];
    assert_eq!(f.locations[0].span.line, 81);
    assert_eq!(f.expected, Some(d("12776.26")));
    assert_eq!(f.actual, Some(d("1277.26")));
    assert!(f.message.contains("项目支出"), "{}", f.message);
}
