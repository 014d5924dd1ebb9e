//! `yusuan extract` as a user runs it: output formats, exit codes, errors naming the file, and
//! JSON output that validates against the committed JSON Schema.

use std::path::PathBuf;
use std::process::{Command, Output};

fn root() -> PathBuf {
    PathBuf::from(env!("CARGO_MANIFEST_DIR")).join("../..")
}

fn yusuan(args: &[&str]) -> Output {
    Command::new(env!("CARGO_BIN_EXE_yusuan"))
        .args(args)
        .current_dir(root())
        .output()
        .expect("yusuan runs")
}

fn json(out: &Output) -> serde_json::Value {
    serde_json::from_slice(&out.stdout).unwrap_or_else(|e| {
        panic!(
            "stdout is not JSON ({e}): {}",
            String::from_utf8_lossy(&out.stdout)
        )
    })
}

#[test]
fn one_file_gives_one_json_object() {
    let out = yusuan(&["extract", "corpus/seeds/000_58134781a689c5f0.txt"]);
    assert!(
        out.status.success(),
        "{}",
        String::from_utf8_lossy(&out.stderr)
    );
    let doc = json(&out);
    assert_eq!(doc["kind"], "department_budget");
    assert_eq!(doc["year"], 2022);
    assert_eq!(doc["tables"].as_array().unwrap().len(), 9);
    let expenditure = doc["tables"]
        .as_array()
        .unwrap()
        .iter()
        .find(|t| t["kind"] == "expenditure")
        .unwrap();
    let row = expenditure["rows"]
        .as_array()
        .unwrap()
        .iter()
        .find(|r| r["code"] == "2120199")
        .unwrap();
    assert_eq!(row["cells"]["total"], "3313.52");
    assert_eq!(row["cells"]["project"], "3319.59");
    assert_eq!(row["span"]["line"], 159);
    assert_eq!(row["span"]["path"], "corpus/seeds/000_58134781a689c5f0.txt");
}

#[test]
fn several_files_give_an_array_and_text_is_readable() {
    let out = yusuan(&[
        "extract",
        "corpus/seeds/000_58134781a689c5f0.txt",
        "corpus/shanghai/text/putuo-govoffice-2025-dept-budget.txt",
    ]);
    assert!(out.status.success());
    assert_eq!(json(&out).as_array().unwrap().len(), 2);

    let out = yusuan(&[
        "extract",
        "--format",
        "text",
        "corpus/shanghai/text/putuo-govoffice-2025-dept-budget.txt",
    ]);
    let text = String::from_utf8(out.stdout).unwrap();
    assert!(text.contains("上海市普陀区人民政府办公室"));
    assert!(text.contains("2010302  一般行政管理事务"));
    assert!(text.contains("46140000.00"));
}

#[test]
#[cfg_attr(not(feature = "pdf"), ignore = "needs the `pdf` feature")]
fn unreadable_input_is_named_with_its_cause_and_the_rest_goes_on() {
    let broken = PathBuf::from(env!("CARGO_TARGET_TMPDIR")).join("extract-broken.pdf");
    std::fs::write(&broken, b"%PDF-1.7\n%broken\n").unwrap();
    let broken = broken.to_string_lossy().into_owned();
    let out = yusuan(&[
        "extract",
        &broken,
        "no/such/file.txt",
        "corpus/seeds/000_58134781a689c5f0.txt",
    ]);
    assert_eq!(out.status.code(), Some(2));
    let stderr = String::from_utf8(out.stderr.clone()).unwrap();
    let lines: Vec<&str> = stderr.lines().collect();
    assert_eq!(lines.len(), 2, "{stderr}");
    assert!(
        lines[0].contains(&broken) && lines[0].contains("not a valid PDF"),
        "{stderr}"
    );
    assert!(
        lines[1].contains("no/such/file.txt") && lines[1].contains("cannot read"),
        "{stderr}"
    );
    let docs = json(&out);
    assert_eq!(docs.as_array().unwrap().len(), 1);
    assert_eq!(docs[0]["department"]["code"], "502");
}

#[test]
fn output_of_every_text_document_validates_against_the_schema() {
    let schema: serde_json::Value = serde_json::from_str(
        &std::fs::read_to_string(root().join("schema/disclosure.schema.json")).unwrap(),
    )
    .unwrap();
    let validator = jsonschema::validator_for(&schema).expect("the schema is a valid JSON Schema");
    let out = yusuan(&["extract", "corpus/seeds", "corpus/shanghai/text"]);
    assert!(out.status.success());
    let docs = json(&out);
    let docs = docs.as_array().unwrap();
    // 5 seeds and 14 Shanghai documents; the answer key (Markdown) beside the seeds is skipped.
    assert_eq!(docs.len(), 19);
    for doc in docs {
        let errors: Vec<String> = validator
            .iter_errors(doc)
            .map(|e| format!("{} at {}", e, e.instance_path()))
            .take(5)
            .collect();
        assert!(errors.is_empty(), "{}: {errors:?}", doc["source"]["path"]);
    }
    // And the schema is not vacuous: a wrong document fails.
    let mut bad = docs[0].clone();
    bad["kind"] = serde_json::json!("budget_of_sorts");
    assert!(!validator.is_valid(&bad));
    let mut bad = docs[0].clone();
    bad["tables"][0]["rows"][0]["cells"]["total"] = serde_json::json!("12,34");
    assert!(!validator.is_valid(&bad));
}

#[test]
fn a_directory_is_read_recursively() {
    let out = yusuan(&["extract", "--format", "text", "corpus/seeds"]);
    assert!(out.status.success());
    let text = String::from_utf8(out.stdout).unwrap();
    let documents = text
        .lines()
        .filter(|l| l.starts_with("== corpus/") && l.ends_with(" =="))
        .count();
    assert_eq!(documents, 5);
    assert!(!text.contains("ANSWER-KEY.md"));
    assert!(text.contains("== corpus/seeds/004_f0d47b0d691be104.txt =="));
}

#[test]
#[cfg_attr(not(feature = "pdf"), ignore = "needs the `pdf` feature")]
fn a_pdf_extracts_like_its_text() {
    let out = yusuan(&[
        "extract",
        "--format",
        "text",
        "corpus/shanghai/pdf/putuo-govoffice-2025-dept-budget.pdf",
    ]);
    assert_eq!(out.status.code(), Some(0));
    let text = String::from_utf8(out.stdout).unwrap();
    assert!(text.contains("上海市普陀区人民政府办公室"));
    assert!(text.contains("2010302  一般行政管理事务"));
    assert!(text.contains("46140000.00"));
}
