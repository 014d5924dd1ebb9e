//! Table arithmetic (YS2xx) and one finding per root cause, on the corpus and on synthetic tables.
//!
//! True positives come from seed 000 (its answer key, §000.5, lists every failing identity; the
//! figures asserted here were checked against the source lines). The Shanghai budgets are clean:
//! no YS2xx/YS3xx rule may fire on them.

use std::collections::BTreeMap;
use std::path::PathBuf;
use std::str::FromStr;

use yusuan_model::{
    Column, ColumnKey, Decimal, Disclosure, Finding, MoneyUnit, Row, Side, Span, Table, TableKind,
};
use yusuan_rules::{arithmetic, causes, cross_table, Rule};

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

/// Every YS2xx and YS3xx rule.
fn my_rules() -> Vec<&'static dyn Rule> {
    let mut rules = arithmetic::rules();
    rules.extend(cross_table::rules());
    rules
}

fn run(code: &str, doc: &Disclosure) -> Vec<Finding> {
    let rule = yusuan_rules::find(code).unwrap_or_else(|| panic!("no rule {code}"));
    let mut out = Vec::new();
    rule.check(doc, &mut out);
    out
}

fn run_all(doc: &Disclosure) -> Vec<Finding> {
    let mut out = Vec::new();
    for rule in my_rules() {
        rule.check(doc, &mut out);
    }
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

fn shanghai_texts() -> Vec<String> {
    let dir = PathBuf::from(env!("CARGO_MANIFEST_DIR")).join("../../corpus/shanghai/text");
    let mut names: Vec<String> = std::fs::read_dir(dir)
        .unwrap()
        .map(|e| e.unwrap().file_name().to_string_lossy().into_owned())
        .filter(|n| n.ends_with(".txt"))
        .collect();
    names.sort();
    names
}

// ---------------------------------------------------------------------------------------------
// Synthetic tables
// ---------------------------------------------------------------------------------------------

fn span(line: u32) -> Span {
    Span::line("synthetic.txt", None, line)
}

fn row(line: u32, code: Option<&str>, name: &str, cells: &[(ColumnKey, &str)]) -> Row {
    let mut map = BTreeMap::new();
    let mut spans = BTreeMap::new();
    for (i, (k, v)) in cells.iter().enumerate() {
        map.insert(k.clone(), d(v));
        let mut s = span(line);
        s.column = Some(10 + 10 * i as u32);
        spans.insert(k.clone(), s);
    }
    Row {
        seq: None,
        code: code.map(str::to_string),
        name: name.to_string(),
        item: None,
        side: None,
        is_total: code.is_none() && name == "合计",
        cells: map,
        uncertain: Vec::new(),
        cell_spans: spans,
        span: span(line),
    }
}

fn table(kind: TableKind, keys: &[ColumnKey], rows: Vec<Row>) -> Table {
    Table {
        kind,
        title: kind.chinese_name().to_string(),
        unit: Some(MoneyUnit::WanYuan),
        columns: keys
            .iter()
            .map(|k| Column {
                key: k.clone(),
                label: k.to_string(),
                side: None,
            })
            .collect(),
        rows,
        empty: false,
        empty_note: None,
        unreadable: None,
        span: span(1),
        end_line: 100,
    }
}

/// A real disclosure's shell with synthetic tables (the model's other fields stay as extracted).
fn with_tables(tables: Vec<Table>) -> Disclosure {
    let mut doc = load("shanghai/text/putuo-govoffice-2025-dept-budget.txt");
    doc.tables = tables;
    doc
}

/// A consistent 支出总表: 合计 = 基本 + 项目 in every row, parents = Σ children, 合计 row = Σ 类.
fn consistent_expenditure() -> Table {
    let (t, b, p) = (ColumnKey::TOTAL, ColumnKey::BASIC, ColumnKey::PROJECT);
    let r = |line, code, name, tv, bv, pv| {
        row(
            line,
            code,
            name,
            &[(t.clone(), tv), (b.clone(), bv), (p.clone(), pv)],
        )
    };
    table(
        TableKind::Expenditure,
        &[t.clone(), b.clone(), p.clone()],
        vec![
            r(10, None, "合计", "100.00", "40.00", "60.00"),
            r(11, Some("212"), "城乡社区支出", "100.00", "40.00", "60.00"),
            r(
                12,
                Some("21201"),
                "城乡社区管理事务",
                "100.00",
                "40.00",
                "60.00",
            ),
            r(13, Some("2120101"), "行政运行", "40.00", "40.00", "0.00"),
            r(
                14,
                Some("2120199"),
                "其他城乡社区管理事务支出",
                "60.00",
                "0.00",
                "60.00",
            ),
        ],
    )
}

// ---------------------------------------------------------------------------------------------
// YS201
// ---------------------------------------------------------------------------------------------

#[test]
fn ys201_finds_the_seed_rows_whose_total_is_not_the_sum_of_their_columns() {
    let doc = load(SEED_000);
    let found = run("YS201", &doc);
    assert_eq!(
        figures(&found),
        vec![
            // 收入总表 21201: 小计 4388.74 ≠ 财政拨款 4388.74 + 其他收入 1550.98 (000-R4).
            (108, d("4388.74"), d("5939.72")),
            // 支出总表 212, 21201, 2120199: 合计 ≠ 基本 + 项目 (000-E3, E4, E5).
            (156, d("36382.67"), d("36388.74")),
            (157, d("4382.67"), d("4388.74")),
            (159, d("3313.52"), d("3319.59")),
            // 支出总表 22101: 50026.51 ≠ 321.32 + 49707.27 (000-E7).
            (173, d("50026.51"), d("50028.59")),
        ]
    );
    let leaf = found
        .iter()
        .find(|f| f.locations[0].span.line == 159)
        .unwrap();
    assert_eq!(
        leaf.message,
        "《部门预算支出总表》2120199 其他城乡社区管理事务支出：合计 3313.52 万元 ≠ 基本支出 + 项目支出 3319.59 万元（差 -6.07）"
    );
    assert_eq!(leaf.unit, Some(MoneyUnit::WanYuan));
}

#[test]
fn ys201_is_silent_on_a_consistent_table_and_on_a_clean_budget() {
    assert!(run("YS201", &with_tables(vec![consistent_expenditure()])).is_empty());
    let doc = load("shanghai/text/putuo-govoffice-2025-dept-budget.txt");
    assert!(run("YS201", &doc).is_empty());
}

#[test]
fn ys201_reads_three_public_tables_by_category_and_by_fund_columns() {
    use ColumnKey as K;
    // Shanghai layout: one data row, categories as columns.
    let by_category = table(
        TableKind::ThreePublic,
        &[
            K::TOTAL,
            K::OUTBOUND,
            K::VEHICLE,
            K::VEHICLE_PURCHASE,
            K::VEHICLE_OPERATION,
            K::RECEPTION,
        ],
        vec![row(
            5,
            None,
            "",
            &[
                (K::TOTAL, "47.91"),
                (K::OUTBOUND, "0"),
                (K::VEHICLE, "46.56"),
                (K::VEHICLE_PURCHASE, "25"),
                (K::VEHICLE_OPERATION, "21.65"),
                (K::RECEPTION, "1.35"),
            ],
        )],
    );
    let found = run("YS201", &with_tables(vec![by_category]));
    // 公务用车 46.56 ≠ 25 + 21.65; 合计 47.91 = 0 + 46.56 + 1.35 holds.
    assert_eq!(figures(&found), vec![(5, d("46.56"), d("46.65"))]);
    // Hebei layout: categories as rows, funds as columns.
    let by_fund = table(
        TableKind::ThreePublic,
        &[
            K::TOTAL,
            K::GENERAL_PUBLIC,
            K::GOVERNMENT_FUND,
            K::STATE_CAPITAL,
        ],
        vec![row(
            7,
            None,
            "合计",
            &[(K::TOTAL, "7.22"), (K::GENERAL_PUBLIC, "7.20")],
        )],
    );
    let found = run("YS201", &with_tables(vec![by_fund]));
    assert_eq!(figures(&found), vec![(7, d("7.22"), d("7.20"))]);
}

// ---------------------------------------------------------------------------------------------
// YS202
// ---------------------------------------------------------------------------------------------

#[test]
fn ys202_finds_the_seed_parents_that_are_not_the_sum_of_their_children() {
    let doc = load(SEED_000);
    let found = run("YS202", &doc);
    assert_eq!(
        figures(&found),
        vec![
            // 收入总表 212 财政拨款 34837.76 ≠ 21201 4388.74 + 21208 32000.00 (000-R13).
            (107, d("34837.76"), d("36388.74")),
            // 收入总表 21201 财政拨款 4388.74 ≠ 1069.15 + 1768.61 (000-R9).
            (108, d("4388.74"), d("2837.76")),
            // 支出总表 221 50164.16 ≠ 50026.51 + 135.57 (000-E12).
            (172, d("50164.16"), d("50162.08")),
            // 支出总表 22101 50026.51 ≠ its five 项 (000-E11).
            (173, d("50026.51"), d("50028.59")),
        ]
    );
}

#[test]
fn ys202_is_silent_on_a_consistent_table_and_on_a_clean_budget() {
    assert!(run("YS202", &with_tables(vec![consistent_expenditure()])).is_empty());
    let doc = load("shanghai/text/putuo-govoffice-2025-dept-budget.txt");
    assert!(run("YS202", &doc).is_empty());
}

#[test]
fn ys202_does_not_judge_a_parent_when_a_child_lost_its_code() {
    // 万里街道 2024 基本支出表 prints `301 2 津贴补贴` and `301 7 绩效工资` (lines 471-472): the
    // extractor keeps them without a code, so 301's coded children are not all of them.
    let doc = load("shanghai/text/putuo-wanli-jiedao-2024-dept-budget.txt");
    let basic = doc
        .tables
        .iter()
        .find(|t| t.kind == TableKind::BasicExpenditure)
        .unwrap();
    assert!(basic
        .rows
        .iter()
        .any(|r| r.code.is_none() && r.name == "津贴补贴"));
    assert!(run("YS202", &doc).is_empty());
}

// ---------------------------------------------------------------------------------------------
// YS203
// ---------------------------------------------------------------------------------------------

#[test]
fn ys203_finds_the_seed_total_row_that_is_not_the_sum_of_its_categories() {
    let doc = load(SEED_000);
    let found = run("YS203", &doc);
    // 支出总表 合计 86991.86 ≠ 297.50 + 141.46 + 36382.67 + 50164.16 (000-E13).
    assert_eq!(figures(&found), vec![(145, d("86991.86"), d("86985.79"))]);
}

#[test]
fn ys203_is_silent_on_a_consistent_table_and_on_a_clean_budget() {
    assert!(run("YS203", &with_tables(vec![consistent_expenditure()])).is_empty());
    let doc = load("shanghai/text/putuo-govoffice-2025-dept-budget.txt");
    assert!(run("YS203", &doc).is_empty());
}

#[test]
fn ys203_checks_a_three_public_table_printed_by_rows() {
    let mut doc = load(SEED_000);
    // Seed 000 三公 table: 合计 7.22 = 0 + 5.18 + 2.04 (lines 387-392). Make 公务接待费 2.40.
    let three = doc
        .tables
        .iter_mut()
        .find(|t| t.kind == TableKind::ThreePublic)
        .unwrap();
    assert!(run("YS203", &with_tables(vec![three.clone()])).is_empty());
    let reception = three
        .rows
        .iter_mut()
        .find(|r| r.item.as_deref() == Some("three_public.reception"))
        .unwrap();
    for v in reception.cells.values_mut() {
        *v = d("2.40");
    }
    let found = run("YS203", &with_tables(vec![three.clone()]));
    assert_eq!(
        figures(&found),
        vec![(387, d("7.22"), d("7.58")), (387, d("7.22"), d("7.58")),]
    );
}

// ---------------------------------------------------------------------------------------------
// YS204
// ---------------------------------------------------------------------------------------------

#[test]
fn ys204_holds_on_the_corpus_summaries() {
    // Seed 000 (收支总表 and 财政拨款收支总表 with 本年合计, 结转 and 总计), the Shanghai budget
    // summaries (only 总计, numbered sub-items) and the final accounts (年初/年末结转和结余).
    assert!(run("YS204", &load(SEED_000)).is_empty());
    for name in shanghai_texts() {
        let doc = load(&format!("shanghai/text/{name}"));
        assert!(run("YS204", &doc).is_empty(), "{name}");
    }
}

#[test]
fn ys204_finds_a_spending_line_that_breaks_the_summary_totals() {
    // Seed 000 line 52 prints 十二、城乡社区支出 36388.74; print the 支出总表's 36382.67 instead.
    let mut doc = load(SEED_000);
    let summary = doc
        .tables
        .iter_mut()
        .find(|t| t.kind == TableKind::IncomeExpenseSummary)
        .unwrap();
    let line = summary
        .rows
        .iter_mut()
        .find(|r| r.name == "十二、城乡社区支出")
        .unwrap();
    *line.cells.values_mut().next().unwrap() = d("36382.67");
    let found = run("YS204", &doc);
    assert_eq!(figures(&found), vec![(81, d("86991.86"), d("86985.79"))]);
    assert!(found[0]
        .message
        .starts_with("《部门预算收支总表》本年支出合计 86991.86 万元 ≠"));
}

#[test]
fn ys204_checks_grand_totals_sub_items_and_both_sides() {
    use ColumnKey as K;
    let line = |l: u32, side: Side, name: &str, item: Option<&str>, v: Option<&str>| {
        let mut r = row(
            l,
            None,
            name,
            &v.map(|v| vec![(K::AMOUNT, v)]).unwrap_or_default(),
        );
        r.side = Some(side);
        r.item = item.map(Into::into);
        r.is_total = item.is_some_and(|i| i.ends_with("total"));
        r
    };
    let (i, e) = (Side::Income, Side::Expenditure);
    let summary = |sub: &str, grand_spending: &str| Table {
        columns: vec![
            Column {
                key: K::AMOUNT,
                label: "预算数".into(),
                side: Some(i),
            },
            Column {
                key: K::AMOUNT,
                label: "预算数".into(),
                side: Some(e),
            },
        ],
        ..table(
            TableKind::IncomeExpenseSummary,
            &[],
            vec![
                line(
                    3,
                    i,
                    "一、财政拨款收入",
                    Some("income.fiscal_appropriation"),
                    Some("100"),
                ),
                line(3, e, "一、一般公共服务支出", None, Some("70")),
                line(
                    4,
                    i,
                    "1、一般公共预算资金",
                    Some("income.general_public"),
                    Some(sub),
                ),
                line(4, e, "二、住房保障支出", None, Some("30")),
                line(5, i, "2、政府性基金", Some("income.government_fund"), None),
                line(6, i, "二、事业收入", Some("income.business"), Some("20")),
                line(7, i, "收入总计", Some("income.grand_total"), Some("120")),
                line(
                    7,
                    e,
                    "支出总计",
                    Some("expenditure.grand_total"),
                    Some(grand_spending),
                ),
            ],
        )
    };
    // Lines, sub-items and 收入总计 add up; 支出总计 100 = 70 + 30 but ≠ 收入总计 120.
    let found = run("YS204", &with_tables(vec![summary("100", "100")]));
    assert_eq!(figures(&found), vec![(7, d("120"), d("100"))]);
    assert!(found[0]
        .message
        .contains("收入总计 120 万元 ≠ 支出总计 100 万元"));
    // 支出总计 120 ≠ 70 + 30; the two 总计 agree.
    let found = run("YS204", &with_tables(vec![summary("100", "120")]));
    assert_eq!(figures(&found), vec![(7, d("120"), d("100"))]);
    assert!(found[0]
        .message
        .starts_with("《收支总表》支出总计 120 万元 ≠"));
    // A sub-item that does not add up to its line: 财政拨款收入 100 ≠ 90 + 0 (besides 120 ≠ 100).
    let found = run("YS204", &with_tables(vec![summary("90", "100")]));
    assert_eq!(
        figures(&found),
        vec![(3, d("100"), d("90")), (7, d("120"), d("100"))]
    );
}

// ---------------------------------------------------------------------------------------------
// Uncertain cells, rounding, and the extractor's arithmetic
// ---------------------------------------------------------------------------------------------

#[test]
fn no_rule_fires_on_an_uncertain_cell() {
    // 2120199's 项目支出 of 70 would break the row, its parents and the 合计 row — but its
    // column is uncertain.
    let mut t = consistent_expenditure();
    let leaf = t
        .rows
        .iter_mut()
        .find(|r| r.code.as_deref() == Some("2120199"))
        .unwrap();
    leaf.cells.insert(ColumnKey::PROJECT, d("70.00"));
    let broken = with_tables(vec![t.clone()]);
    assert!(!run_all(&broken).is_empty(), "the change breaks identities");
    let leaf = t
        .rows
        .iter_mut()
        .find(|r| r.code.as_deref() == Some("2120199"))
        .unwrap();
    leaf.uncertain.push(ColumnKey::PROJECT);
    let uncertain = with_tables(vec![t.clone()]);
    assert_eq!(run_all(&uncertain), vec![]);
    // The same for an unreadable table.
    let mut unreadable = t;
    for r in &mut unreadable.rows {
        r.uncertain.clear();
    }
    unreadable.unreadable = Some("two lists printed side by side".into());
    assert_eq!(run_all(&with_tables(vec![unreadable])), vec![]);
}

#[test]
fn rounding_within_the_printed_precision_does_not_fire() {
    // 上海市财政局 302 商品和服务支出 prints 24,840,779 元; its 18 款 add up to 24,840,778.
    let doc = load("shanghai/text/shanghai-municipal-finance-bureau-2025-unit-budget.txt");
    let basic = doc
        .tables
        .iter()
        .find(|t| t.kind == TableKind::BasicExpenditure)
        .unwrap();
    let total = |code: &str| {
        basic
            .rows
            .iter()
            .find(|r| r.code.as_deref() == Some(code))
            .unwrap()
            .cells[&ColumnKey::TOTAL]
    };
    let children: Decimal = basic
        .rows
        .iter()
        .filter(|r| {
            r.code
                .as_deref()
                .is_some_and(|c| c.len() == 5 && c.starts_with("302"))
        })
        .map(|r| r.cells[&ColumnKey::TOTAL])
        .sum();
    assert_eq!((total("302"), children), (d("24840779"), d("24840778")));
    assert!(run_all(&doc).is_empty());
    // 万里街道 2025: 212 and 21201 differ from their children by 1 元 in three tables.
    let doc = load("shanghai/text/putuo-wanli-jiedao-2025-dept-budget.txt");
    let spending = doc
        .tables
        .iter()
        .find(|t| t.kind == TableKind::Expenditure)
        .unwrap();
    let sum_children = |code: &str| -> (Decimal, Decimal) {
        let get = |c: &str| {
            spending
                .rows
                .iter()
                .find(|r| r.code.as_deref() == Some(c))
                .unwrap()
                .cells[&ColumnKey::TOTAL]
        };
        let kids: Decimal = spending
            .rows
            .iter()
            .filter(|r| {
                r.code
                    .as_deref()
                    .is_some_and(|c| c.len() == code.len() + 2 && c.starts_with(code))
            })
            .map(|r| r.cells[&ColumnKey::TOTAL])
            .sum();
        (get(code), kids)
    };
    assert_eq!(sum_children("212"), (d("154369326"), d("154369327")));
    assert_eq!(sum_children("21201"), (d("94995790"), d("94995789")));
    assert!(run_all(&doc).is_empty());
}

// ---------------------------------------------------------------------------------------------
// One finding per root cause
// ---------------------------------------------------------------------------------------------

#[test]
fn seed_000_reduces_to_three_root_causes() {
    let doc = load(SEED_000);
    let raw = run_all(&doc);
    assert_eq!(raw.len(), 15);
    let merged = causes::one_per_cause(raw);
    let mut summary: Vec<(String, u32, Option<u32>, usize)> = merged
        .iter()
        .map(|f| {
            let l = &f.locations[0];
            (f.rule.clone(), l.span.line, l.span.column, f.related.len())
        })
        .collect();
    summary.sort();
    let column_of = |line: u32, key: &ColumnKey| {
        doc.tables
            .iter()
            .flat_map(|t| &t.rows)
            .find(|r| r.span.line == line && r.cell_spans.contains_key(key))
            .and_then(|r| r.cell_spans[key].column)
    };
    assert_eq!(
        summary,
        vec![
            // 支出总表 2120199 合计 3313.52: YS201 at 21201 and 212, YS203, YS302, three YS303.
            (
                "YS201".to_string(),
                159,
                column_of(159, &ColumnKey::TOTAL),
                7
            ),
            // 支出总表 22101 合计 50026.51: YS202 at 22101 and 221, YS303.
            (
                "YS201".to_string(),
                173,
                column_of(173, &ColumnKey::TOTAL),
                3
            ),
            // 收入总表 21201 财政拨款收入 4388.74: YS201 (小计) and YS202 at 212.
            (
                "YS202".to_string(),
                108,
                column_of(108, &ColumnKey::FISCAL_APPROPRIATION),
                2
            ),
        ]
    );
    let leaf = merged
        .iter()
        .find(|f| f.locations[0].span.line == 159)
        .unwrap();
    assert!(leaf
        .related
        .iter()
        .any(|m| m.contains("十二、城乡社区支出 36388.74")));
}

#[test]
fn findings_without_a_common_cause_stay_apart() {
    // Two unrelated errors of different sizes in one table, and one of the same size on another
    // branch of the classification.
    let mut t = consistent_expenditure();
    for r in &mut t.rows {
        match r.code.as_deref() {
            Some("2120101") => {
                r.cells.insert(ColumnKey::TOTAL, d("41.00"));
            }
            Some("2120199") => {
                r.cells.insert(ColumnKey::BASIC, d("2.00"));
            }
            _ => {}
        }
    }
    let doc = with_tables(vec![t]);
    let raw = run_all(&doc);
    assert_eq!(raw.len(), 4, "{raw:#?}");
    // 2120101's 合计 41 ≠ 40 + 0 (差 1) and 21201's 合计 100 ≠ 41 + 60 (差 −1) are one cause;
    // 2120199's 基本 2 breaks its row (差 −2) and 21201's 基本 (差 −2): another.
    let merged = causes::one_per_cause(raw);
    let kept: Vec<(String, u32, usize)> = merged
        .iter()
        .map(|f| (f.rule.clone(), f.locations[0].span.line, f.related.len()))
        .collect();
    assert_eq!(
        kept,
        vec![("YS201".to_string(), 13, 1), ("YS201".to_string(), 14, 1)]
    );
}

#[test]
fn other_findings_pass_through_unchanged() {
    let f = Finding {
        rule: "YS101".into(),
        severity: yusuan_model::Severity::Error,
        message: "缺少表".into(),
        expected: None,
        actual: None,
        unit: None,
        locations: vec![],
        related: vec![],
        document: "x.txt".into(),
    };
    assert_eq!(causes::one_per_cause(vec![f.clone()]), vec![f]);
}
