//! `yusuan extract` and `yusuan check` on Word, Excel and HTML files, found by a directory walk
//! and read by content.

use std::path::PathBuf;
use std::process::{Command, Output};

use serde_json::Value;

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

#[test]
fn extract_walks_office_files_and_names_cell_origins() {
    let out = yusuan(&["extract", "corpus/formats"]);
    assert!(
        out.status.success(),
        "{}",
        String::from_utf8_lossy(&out.stderr)
    );
    let models: Value = serde_json::from_slice(&out.stdout).unwrap();
    let models = models.as_array().expect("one model per file");
    let formats: Vec<&str> = models
        .iter()
        .map(|m| m["source"]["format"].as_str().unwrap())
        .collect();
    for f in ["docx", "xlsx", "xls", "html"] {
        assert!(formats.contains(&f), "{f} in {formats:?}");
    }
    // The generator script and the README are not documents.
    assert!(models.iter().all(|m| {
        let path = m["source"]["path"].as_str().unwrap();
        !path.ends_with(".py") && !path.ends_with(".md")
    }));
    let xlsx = models
        .iter()
        .find(|m| {
            m["source"]["path"]
                .as_str()
                .unwrap()
                .ends_with("putuo-wanli-jiedao-2025-summary.xlsx")
        })
        .unwrap();
    let total = &xlsx["tables"][0]["rows"]
        .as_array()
        .unwrap()
        .iter()
        .find(|r| r["name"] == "收入总计")
        .unwrap();
    assert_eq!(total["cells"]["amount"], "189767551");
    assert_eq!(total["cell_spans"]["amount"]["origin"], "第1页!B19");
}

#[test]
fn check_reads_a_word_document() {
    let out = yusuan(&[
        "check",
        "--format",
        "json",
        "corpus/formats/putuo-wanli-jiedao-2025-dept-budget.docx",
    ]);
    assert_ne!(
        out.status.code(),
        Some(2),
        "{}",
        String::from_utf8_lossy(&out.stderr)
    );
    let report: Value = serde_json::from_slice(&out.stdout).unwrap();
    let doc = &report["documents"][0];
    assert_eq!(doc["kind"], "department_budget");
    assert_eq!(doc["year"], 2025);
    assert_eq!(
        doc["department"]["name"],
        "上海市普陀区人民政府万里街道办事处"
    );
}
