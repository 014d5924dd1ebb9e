//! `yusuan render` and `yusuan template` as a user runs them: refusal of contradictory data (and
//! `--force`), every output format read back by `yusuan check`, JSON input with free text, the
//! change against the previous year, the blank workbook, errors naming the file.

use std::path::{Path, PathBuf};
use std::process::{Command, Output};

const SEED_000: &str = "corpus/seeds/000_58134781a689c5f0.txt";
const WANLI_2025: &str = "corpus/shanghai/text/putuo-wanli-jiedao-2025-dept-budget.txt";
const WANLI_2023: &str = "corpus/shanghai/text/putuo-wanli-jiedao-2023-dept-budget.txt";
const COMMERCE: &str = "corpus/shanghai/text/putuo-commerce-2025-dept-budget.txt";

fn root() -> PathBuf {
    PathBuf::from(env!("CARGO_MANIFEST_DIR")).join("../..")
}

fn out_dir() -> PathBuf {
    let d = std::env::temp_dir().join(format!("yusuan-render-cli-{}", std::process::id()));
    std::fs::create_dir_all(&d).unwrap();
    d
}

fn yusuan(args: &[&str]) -> Output {
    Command::new(env!("CARGO_BIN_EXE_yusuan"))
        .args(args)
        .current_dir(root())
        .output()
        .expect("yusuan runs")
}

fn s(p: &Path) -> &str {
    p.to_str().unwrap()
}

fn stderr(o: &Output) -> String {
    String::from_utf8_lossy(&o.stderr).into_owned()
}

#[test]
fn contradictory_data_is_refused_with_the_findings_unless_forced() {
    let out = out_dir().join("seed.html");
    let o = yusuan(&["render", SEED_000, "--format", "html", "--out", s(&out)]);
    assert_eq!(o.status.code(), Some(1), "{}", stderr(&o));
    let err = stderr(&o);
    assert!(
        err.contains("error[YS201]"),
        "the findings are printed: {err}"
    );
    assert!(err.contains("--force"), "{err}");
    assert!(!out.exists(), "nothing written");

    let o = yusuan(&[
        "render",
        SEED_000,
        "--format",
        "html",
        "--out",
        s(&out),
        "--force",
    ]);
    assert_eq!(o.status.code(), Some(0), "{}", stderr(&o));
    let html = std::fs::read_to_string(&out).unwrap();
    assert!(html.contains("<thead>") && html.contains("display: table-header-group"));
    assert!(html.contains("部门预算收支总表") && html.contains("86991.86"));
    assert!(html.contains("注：无国有资本经营预算财政拨款预算，空表列示。"));
}

#[test]
fn uncertain_placements_are_refused_unless_forced() {
    let out = out_dir().join("commerce.html");
    let o = yusuan(&[
        "render",
        COMMERCE,
        "--template",
        "shanghai",
        "--format",
        "html",
        "--out",
        s(&out),
    ]);
    assert_eq!(o.status.code(), Some(1), "{}", stderr(&o));
    assert!(stderr(&o).contains("no certain column"), "{}", stderr(&o));
}

#[test]
#[cfg_attr(not(feature = "pdf"), ignore = "needs the `pdf` feature")]
fn every_format_reads_back_clean() {
    for format in ["text", "html", "xlsx", "pdf"] {
        let out = out_dir().join(format!("wanli.{format}"));
        let o = yusuan(&[
            "render",
            WANLI_2025,
            "--template",
            "shanghai",
            "--format",
            format,
            "--out",
            s(&out),
        ]);
        assert_eq!(o.status.code(), Some(0), "{format}: {}", stderr(&o));
        let c = yusuan(&["check", s(&out)]);
        let text = String::from_utf8_lossy(&c.stdout);
        assert_eq!(c.status.code(), Some(0), "{format}: {text}");
        assert!(text.contains("no findings"), "{format}: {text}");
    }
}

#[test]
fn json_input_with_free_text_and_the_previous_year() {
    let dir = out_dir();
    // The model as `yusuan extract` writes it, wrapped with the department's own words.
    let o = yusuan(&["extract", WANLI_2025]);
    assert!(o.status.success());
    let model: serde_json::Value = serde_json::from_slice(&o.stdout).unwrap();
    let input = serde_json::json!({
        "disclosure": model,
        "text": {
            "duties": "负责街道党的建设、公共服务、公共管理和公共安全。",
            "reasons": { "change.total": "城市更新项目增加" }
        }
    });
    let json = dir.join("wanli.json");
    std::fs::write(&json, serde_json::to_vec(&input).unwrap()).unwrap();
    let out = dir.join("wanli-prev.txt");
    let o = yusuan(&[
        "render",
        s(&json),
        "--template",
        "shanghai",
        "--format",
        "text",
        "--previous",
        WANLI_2023,
        "--out",
        s(&out),
    ]);
    assert_eq!(o.status.code(), Some(0), "{}", stderr(&o));
    let text = std::fs::read_to_string(&out).unwrap();
    assert!(text.contains("负责街道党的建设、公共服务、公共管理和公共安全。"));
    assert!(text.contains("较2024年预算"), "the change sentence");
    assert!(text.contains("主要原因是城市更新项目增加"));
    let c = yusuan(&["check", s(&out)]);
    let report = String::from_utf8_lossy(&c.stdout);
    assert!(report.contains("no findings"), "{report}");
}

#[test]
fn template_writes_the_blank_workbook_and_bad_input_names_the_file() {
    let out = out_dir().join("blank.xlsx");
    let o = yusuan(&["template", "--out", s(&out)]);
    assert_eq!(o.status.code(), Some(0), "{}", stderr(&o));
    assert!(std::fs::metadata(&out).unwrap().len() > 5_000);
    // The blank workbook has no expenditure rows: rendering it says so, naming the file.
    let o = yusuan(&[
        "render",
        s(&out),
        "--format",
        "html",
        "--out",
        "/tmp/x.html",
    ]);
    assert_eq!(o.status.code(), Some(2));
    let err = stderr(&o);
    assert!(
        err.contains("blank.xlsx") && err.contains("支出总表"),
        "{err}"
    );

    let bad = out_dir().join("broken.json");
    std::fs::write(&bad, b"{\"tables\": 3}").unwrap();
    let o = yusuan(&[
        "render",
        s(&bad),
        "--format",
        "html",
        "--out",
        "/tmp/x.html",
    ]);
    assert_eq!(o.status.code(), Some(2));
    assert!(stderr(&o).contains("broken.json"), "{}", stderr(&o));
}
