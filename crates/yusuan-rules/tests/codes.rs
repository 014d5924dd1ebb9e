//! Classification-code rules (YS6xx) on real corpus documents and on documents derived from them.

use yusuan_model::{Disclosure, ExtractionNote, Finding, Severity, TableKind};
use yusuan_rules::{codes, Rule};

fn load(rel: &str) -> Disclosure {
    let path = format!("{}/../../corpus/{rel}", env!("CARGO_MANIFEST_DIR"));
    let bytes = std::fs::read(&path).unwrap_or_else(|e| panic!("{path}: {e}"));
    let doc = yusuan_read::read_bytes(&format!("corpus/{rel}"), &bytes).expect("readable");
    yusuan_extract::extract(&doc)
}

fn rule(code: &str) -> &'static dyn Rule {
    codes::rules()
        .into_iter()
        .find(|r| r.info().code == code)
        .unwrap_or_else(|| panic!("{code} is not a code rule"))
}

fn run(code: &str, doc: &Disclosure) -> Vec<Finding> {
    let mut out = Vec::new();
    rule(code).check(doc, &mut out);
    out
}

fn run_all(doc: &Disclosure) -> Vec<Finding> {
    let mut out = Vec::new();
    for r in codes::rules() {
        r.check(doc, &mut out);
    }
    out
}

const GOVOFFICE: &str = "shanghai/text/putuo-govoffice-2025-dept-budget.txt";
const WELFARE: &str = "shanghai/text/putuo-welfare-home-2024-unit-budget.txt";

fn table_mut(doc: &mut Disclosure, kind: TableKind) -> &mut yusuan_model::Table {
    doc.tables
        .iter_mut()
        .find(|t| t.kind == kind)
        .expect("the table is present")
}

fn row_mut<'a>(doc: &'a mut Disclosure, kind: TableKind, code: &str) -> &'a mut yusuan_model::Row {
    table_mut(doc, kind)
        .rows
        .iter_mut()
        .find(|r| r.code.as_deref() == Some(code))
        .expect("the row is present")
}

#[test]
fn a_clean_document_has_no_code_finding() {
    let out = run_all(&load(GOVOFFICE));
    assert!(out.is_empty(), "{out:#?}");
}

// ---- YS601 ----

#[test]
fn ys601_one_code_two_names() {
    let mut doc = load(GOVOFFICE);
    row_mut(&mut doc, TableKind::Expenditure, "2010302").name = "行政管理事务支出".into();
    let out = run("YS601", &doc);
    assert_eq!(out.len(), 1, "{out:#?}");
    let f = &out[0];
    assert_eq!(f.severity, Severity::Warning);
    assert!(f.message.contains("2010302"));
    assert!(f.message.contains("“行政管理事务支出”"), "{}", f.message);
    assert!(f.message.contains("“一般行政管理事务”"), "{}", f.message);
    assert_eq!(f.locations[0].span.line, 152);
}

#[test]
fn ys601_spaces_brackets_and_truncation_are_not_mismatches() {
    let mut doc = load(GOVOFFICE);
    row_mut(&mut doc, TableKind::Income, "20103").name = "政府办公厅(室) 及相关机构事务".into();
    row_mut(&mut doc, TableKind::Expenditure, "2080505").name = "机关事业单位基本养老保险缴".into();
    assert!(run("YS601", &doc).is_empty());
}

#[test]
fn ys601_ignores_rows_the_extractor_flagged_and_rows_without_code() {
    let mut doc = load(GOVOFFICE);
    let row = row_mut(&mut doc, TableKind::Expenditure, "2010302");
    row.name = "行政管理事务支出".into();
    let span = row.span.clone();
    doc.notes.push(ExtractionNote {
        message: "name wrapped over lines".into(),
        span,
    });
    assert!(run("YS601", &doc).is_empty());
    let mut doc = load(GOVOFFICE);
    let row = row_mut(&mut doc, TableKind::Expenditure, "2010302");
    row.name = "行政管理事务支出".into();
    row.code = None;
    assert!(run_all(&doc).is_empty());
}

// ---- YS602 ----

#[test]
fn ys602_the_welfare_home_numbers_its_302_kuan_in_order() {
    let doc = load(WELFARE);
    let out = run("YS602", &doc);
    let by_line = |line: u32| {
        out.iter()
            .find(|f| f.locations[0].span.line == line)
            .unwrap_or_else(|| panic!("no finding at line {line}: {out:#?}"))
    };
    // 30108 机关事业单位基本养老保险费: the 2024 name is …缴费.
    let f = by_line(190);
    assert_eq!(f.severity, Severity::Warning);
    assert!(
        f.message.contains("机关事业单位基本养老保险缴费"),
        "{}",
        f.message
    );
    // 30204 电费: in 2024 30204 is 手续费 (万里街道 2024 prints it).
    let f = by_line(200);
    assert_eq!(f.severity, Severity::Warning);
    assert!(f.message.contains("手续费"));
    // 30202 咨询费: 印刷费 is known only from 2022 and 2025: info.
    let f = by_line(198);
    assert_eq!(f.severity, Severity::Info);
    assert!(f.message.contains("印刷费") && f.message.contains("2025"));
    // 303 离退休人员经费.
    assert!(by_line(210).message.contains("对个人和家庭的补助"));
    // Its functional codes are named correctly.
    assert!(
        out.iter().all(|f| f.message.contains("经济分类")),
        "{out:#?}"
    );
}

#[test]
fn ys602_one_finding_per_code_and_name_with_every_row() {
    let mut doc = load(GOVOFFICE);
    for kind in [
        TableKind::Income,
        TableKind::Expenditure,
        TableKind::GeneralPublicExpenditure,
    ] {
        row_mut(&mut doc, kind, "2010350").name = "事业单位运行".into();
    }
    let out = run("YS602", &doc);
    assert_eq!(out.len(), 1, "{out:#?}");
    assert_eq!(out[0].locations.len(), 3);
    assert_eq!(out[0].severity, Severity::Warning);
    assert!(out[0].message.contains("“事业运行”"));
}

#[test]
fn ys602_renames_fix_the_name_of_earlier_years() {
    // 210 was 医疗卫生与计划生育支出 until 2018 (DOMAIN.md §3).
    let mut doc = load(GOVOFFICE);
    doc.year = Some(2017);
    let out = run("YS602", &doc);
    let f = out
        .iter()
        .find(|f| f.message.contains("科目 210 "))
        .expect("210 is misnamed for 2017");
    assert_eq!(f.severity, Severity::Warning);
    assert!(
        f.message.contains("医疗卫生与计划生育支出"),
        "{}",
        f.message
    );
    // Without a year nothing is judged.
    doc.year = None;
    assert!(run("YS602", &doc).is_empty());
}

// ---- YS603 ----

#[test]
fn ys603_codes_the_dictionary_never_saw() {
    let doc = load(WELFARE);
    let out = run("YS603", &doc);
    let f = out
        .iter()
        .find(|f| f.message.contains("30210"))
        .expect("30210 车辆运行费 is unknown");
    assert_eq!(f.severity, Severity::Info);
    assert_eq!(f.locations[0].span.line, 206);

    let mut doc = load(GOVOFFICE);
    row_mut(&mut doc, TableKind::Income, "2010399").code = Some("2019999".into());
    let out = run("YS603", &doc);
    assert_eq!(out.len(), 1, "{out:#?}");
    assert!(out[0].message.contains("2019999"));
}

// ---- YS604 ----

#[test]
fn ys604_code_of_the_wrong_length() {
    let mut doc = load(GOVOFFICE);
    row_mut(&mut doc, TableKind::BasicExpenditure, "30217").code = Some("3021".into());
    let out = run("YS604", &doc);
    assert_eq!(out.len(), 1, "{out:#?}");
    assert_eq!(out[0].severity, Severity::Error);
    assert!(out[0].message.contains("3 或 5 位"), "{}", out[0].message);
    // 7 digits are a 项 in functional tables, not in the economic one.
    let mut doc = load(GOVOFFICE);
    row_mut(&mut doc, TableKind::BasicExpenditure, "30217").code = Some("3021701".into());
    assert_eq!(run("YS604", &doc).len(), 1);
}

#[test]
fn ys604_a_child_without_its_parent() {
    let mut doc = load(GOVOFFICE);
    table_mut(&mut doc, TableKind::GeneralPublicExpenditure)
        .rows
        .retain(|r| r.code.as_deref() != Some("20103"));
    let out = run("YS604", &doc);
    assert_eq!(out.len(), 1, "{out:#?}");
    let f = &out[0];
    assert_eq!(f.severity, Severity::Error);
    assert!(f.message.contains("款 20103"), "{}", f.message);
    assert_eq!(f.locations.len(), 4);
    assert_eq!(f.locations[0].span.line, 190);
}

#[test]
fn ys604_silent_when_the_parent_code_was_not_read() {
    let mut doc = load(GOVOFFICE);
    row_mut(&mut doc, TableKind::GeneralPublicExpenditure, "20103").code = None;
    assert!(run("YS604", &doc).is_empty());
    // Tables with codes the text broke: welfare home (`7 11 02`), 万里街道 2024 (`301 2`).
    for rel in [
        WELFARE,
        "shanghai/text/putuo-wanli-jiedao-2024-dept-budget.txt",
    ] {
        assert!(run("YS604", &load(rel)).is_empty(), "{rel}");
    }
}

// ---- the corpus ----

fn corpus() -> Vec<String> {
    let root = format!("{}/../../corpus", env!("CARGO_MANIFEST_DIR"));
    let mut out = Vec::new();
    for sub in ["seeds", "shanghai/text"] {
        for e in std::fs::read_dir(format!("{root}/{sub}")).expect("corpus dir") {
            let name = e.expect("entry").file_name().to_string_lossy().to_string();
            if name.ends_with(".txt") {
                out.push(format!("{sub}/{name}"));
            }
        }
    }
    out.sort();
    out
}

#[test]
fn no_code_rule_reports_an_error_on_the_corpus() {
    for rel in corpus() {
        let doc = load(&rel);
        let errors: Vec<Finding> = run_all(&doc)
            .into_iter()
            .filter(|f| f.severity == Severity::Error)
            .collect();
        assert!(errors.is_empty(), "{rel}: {errors:#?}");
    }
}
