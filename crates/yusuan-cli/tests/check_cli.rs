//! `yusuan check`, `yusuan rules` and `yusuan explain` as a user runs them: the four output
//! formats, exit codes (0 clean, 1 an error printed, 2 could not run — 2 wins), errors naming the
//! file, and the catalogue matching the registry.
//!
//! The rule catalogue grows; these tests hold for any registry: exit codes are checked against the
//! severities the same run prints, and expectations about particular rule families apply when the
//! registry has them.

use std::path::PathBuf;
use std::process::{Command, Output};

use serde_json::Value;

const SEED_000: &str = "corpus/seeds/000_58134781a689c5f0.txt";
const GOVOFFICE: &str = "corpus/shanghai/text/putuo-govoffice-2025-dept-budget.txt";
const PDF: &str = "corpus/shanghai/pdf/putuo-govoffice-2025-dept-budget.pdf";

/// A damaged PDF (a header and nothing else), written for the test.
fn broken_pdf() -> String {
    let path = PathBuf::from(env!("CARGO_TARGET_TMPDIR")).join("check-broken.pdf");
    std::fs::write(&path, b"%PDF-1.7\n%broken\n").unwrap();
    path.to_string_lossy().into_owned()
}

fn root() -> PathBuf {
    PathBuf::from(env!("CARGO_MANIFEST_DIR")).join("../..")
}

fn yusuan(args: &[&str]) -> Output {
    Command::new(env!("CARGO_BIN_EXE_yusuan"))
        .args(args)
        .current_dir(root())
        .env_remove("NO_COLOR")
        .env_remove("LC_ALL")
        .env_remove("LC_MESSAGES")
        .env("LANG", "C.UTF-8")
        .output()
        .expect("yusuan runs")
}

/// `yusuan` with a locale: `(variable, value)` pairs.
fn yusuan_in(locale: &[(&str, &str)], args: &[&str]) -> Output {
    let mut c = Command::new(env!("CARGO_BIN_EXE_yusuan"));
    c.args(args)
        .current_dir(root())
        .env_remove("LC_ALL")
        .env_remove("LC_MESSAGES")
        .env_remove("LANG");
    for (k, v) in locale {
        c.env(k, v);
    }
    c.output().expect("yusuan runs")
}

fn json(out: &Output) -> Value {
    serde_json::from_slice(&out.stdout).unwrap_or_else(|e| {
        panic!(
            "stdout is not JSON ({e}): {}\nstderr: {}",
            String::from_utf8_lossy(&out.stdout),
            String::from_utf8_lossy(&out.stderr)
        )
    })
}

fn stdout(out: &Output) -> String {
    String::from_utf8(out.stdout.clone()).expect("UTF-8 output")
}

fn stderr(out: &Output) -> String {
    String::from_utf8_lossy(&out.stderr).into_owned()
}

fn codes() -> Vec<&'static str> {
    yusuan_rules::registry()
        .iter()
        .map(|r| r.info().code)
        .collect()
}

fn findings(report: &Value) -> Vec<&Value> {
    report["documents"]
        .as_array()
        .unwrap()
        .iter()
        .flat_map(|d| d["findings"].as_array().unwrap())
        .collect()
}

/// The exit code a run must have given the findings it printed: 1 when one is an error.
fn assert_exit_matches_findings(out: &Output, report: &Value) {
    let errors = findings(report)
        .iter()
        .filter(|f| f["severity"] == "error")
        .count();
    assert_eq!(report["summary"]["errors"], errors);
    let expected = if errors > 0 { 1 } else { 0 };
    assert_eq!(
        out.status.code(),
        Some(expected),
        "{errors} error finding(s) printed; stderr: {}",
        stderr(out)
    );
}

#[test]
fn json_output_has_each_document_its_findings_and_a_consistent_exit_code() {
    let out = yusuan(&["check", "--format", "json", SEED_000, GOVOFFICE]);
    let report = json(&out);
    assert_exit_matches_findings(&out, &report);
    let docs = report["documents"].as_array().unwrap();
    assert_eq!(docs.len(), 2);
    assert_eq!(docs[0]["path"], SEED_000);
    assert_eq!(docs[0]["kind"], "department_budget");
    assert_eq!(docs[0]["year"], 2022);
    assert_eq!(docs[0]["department"]["code"], "502");
    assert_eq!(docs[1]["path"], GOVOFFICE);
    assert_eq!(report["summary"]["documents"], 2);
    assert_eq!(report["summary"]["failed"], serde_json::json!([]));
    let known = codes();
    for f in findings(&report) {
        assert!(
            known.contains(&f["rule"].as_str().unwrap()),
            "finding of a rule outside the registry: {f}"
        );
        assert!(["error", "warning", "info"].contains(&f["severity"].as_str().unwrap()));
        assert!(f["message"].as_str().is_some_and(|m| !m.is_empty()));
        assert!(f["document"] == docs[0]["path"] || f["document"] == docs[1]["path"]);
        for loc in f["locations"].as_array().unwrap() {
            assert!(loc["span"]["line"].as_u64().unwrap() >= 1);
        }
    }
}

#[test]
fn a_clean_document_exits_zero() {
    let out = yusuan(&["check", "--format", "json", GOVOFFICE]);
    let report = json(&out);
    assert_exit_matches_findings(&out, &report);
    let errors: Vec<&Value> = findings(&report)
        .into_iter()
        .filter(|f| f["severity"] == "error")
        .collect();
    assert!(
        errors.is_empty(),
        "the 普陀区政府办公室 2025 budget adds up, yet: {errors:#?}"
    );
    assert_eq!(out.status.code(), Some(0));
}

#[test]
fn seed_000_has_arithmetic_errors_once_the_arithmetic_rules_exist() {
    let out = yusuan(&["check", "--format", "json", SEED_000]);
    let report = json(&out);
    assert_exit_matches_findings(&out, &report);
    if codes().iter().any(|c| c.starts_with("YS2")) {
        // 支出总表 2120199: 合计 3313.52 against 项目支出 3319.59 (ANSWER-KEY.md).
        assert!(
            findings(&report)
                .iter()
                .any(|f| f["rule"].as_str().unwrap().starts_with("YS2") && f["severity"] == "error"),
            "{report:#}"
        );
        assert_eq!(out.status.code(), Some(1));
    }
}

#[test]
fn min_severity_hides_lesser_findings_and_sets_the_exit_code_from_what_is_printed() {
    let all = json(&yusuan(&["check", "--format", "json", "corpus/seeds"]));
    let out = yusuan(&[
        "check",
        "--format",
        "json",
        "--min-severity",
        "error",
        "corpus/seeds",
    ]);
    let errors_only = json(&out);
    assert_exit_matches_findings(&out, &errors_only);
    assert!(findings(&errors_only)
        .iter()
        .all(|f| f["severity"] == "error"));
    assert_eq!(
        findings(&errors_only).len(),
        findings(&all)
            .iter()
            .filter(|f| f["severity"] == "error")
            .count()
    );
    assert_eq!(errors_only["summary"]["min_severity"], "error");
}

#[test]
#[cfg_attr(not(feature = "pdf"), ignore = "needs the `pdf` feature")]
fn an_unreadable_file_is_named_the_rest_is_checked_and_the_exit_code_is_2() {
    let broken = broken_pdf();
    let out = yusuan(&["check", "--format", "json", &broken, SEED_000]);
    // 2 wins over 1: the run is incomplete whatever the other file holds.
    assert_eq!(out.status.code(), Some(2));
    let err = stderr(&out);
    assert_eq!(err.lines().count(), 1, "{err}");
    assert!(
        err.contains(&broken) && err.contains("not a valid PDF"),
        "{err}"
    );
    let report = json(&out);
    assert_eq!(report["documents"].as_array().unwrap().len(), 1);
    assert_eq!(report["summary"]["failed"][0]["path"], broken.as_str());

    let out = yusuan(&["check", &broken]);
    assert_eq!(out.status.code(), Some(2));
    assert!(stdout(&out).contains("1 file could not be read"));
}

#[test]
fn bad_arguments_exit_2() {
    assert_eq!(yusuan(&["check"]).status.code(), Some(2));
    assert_eq!(
        yusuan(&["check", "--format", "xml", SEED_000])
            .status
            .code(),
        Some(2)
    );
    assert_eq!(
        yusuan(&["check", "--min-severity", "fatal", SEED_000])
            .status
            .code(),
        Some(2)
    );
}

#[test]
fn human_output_has_a_diagnostic_per_finding_and_a_summary() {
    let report = json(&yusuan(&["check", "--format", "json", SEED_000, GOVOFFICE]));
    let out = yusuan(&["check", "--min-severity", "info", SEED_000, GOVOFFICE]);
    let text = stdout(&out);
    assert_exit_matches_findings(&out, &report);
    // The summary comes first: a line per document, then the total.
    let lines: Vec<&str> = text.lines().collect();
    assert_eq!(lines[0], "Summary", "{text}");
    assert!(lines[1].starts_with(&format!("{SEED_000}: ")), "{text}");
    assert!(lines[2].starts_with(&format!("{GOVOFFICE}: ")), "{text}");
    assert!(lines[3].ends_with("in 2 documents"), "{text}");
    // A rule that fires three times or more in a document is one block; fewer, one each.
    let mut blocks = 0;
    for doc in report["documents"].as_array().unwrap() {
        let found = doc["findings"].as_array().unwrap();
        let mut by_rule: std::collections::BTreeMap<(&str, &str), Vec<&Value>> = Default::default();
        for f in found {
            by_rule
                .entry((f["rule"].as_str().unwrap(), f["severity"].as_str().unwrap()))
                .or_default()
                .push(f);
        }
        for ((rule, severity), fs) in by_rule {
            if fs.len() >= 3 {
                blocks += 1;
                let header = format!("{severity}[{rule}] ×{}: ", fs.len());
                assert!(text.contains(&header), "{header} missing in\n{text}");
                continue;
            }
            blocks += fs.len();
            assert!(
                text.contains(&format!("{severity}[{rule}]: ")),
                "{rule}\n{text}"
            );
            for f in fs {
                if let Some(span) = f["locations"].get(0).map(|l| &l["span"]) {
                    let mut at = format!("--> {}:{}", span["path"].as_str().unwrap(), span["line"]);
                    if let Some(c) = span["column"].as_u64() {
                        at.push_str(&format!(":{c}"));
                    }
                    assert!(text.contains(&at), "{at} missing in\n{text}");
                }
            }
        }
    }
    assert_eq!(text.matches("= help: yusuan explain").count(), blocks);
    assert!(text.trim_end().ends_with("in 2 documents"), "{text}");
    // Errors before warnings before infos.
    let first = |sev: &str| text.find(&format!("\n{sev}[")).unwrap_or(usize::MAX);
    if first("error") != usize::MAX && first("warning") != usize::MAX {
        assert!(first("error") < first("warning"), "{text}");
    }

    // By default the human output leaves infos out, and says how many and how to see them.
    let infos = findings(&report)
        .iter()
        .filter(|f| f["severity"] == "info")
        .count();
    let default = stdout(&yusuan(&["check", SEED_000, GOVOFFICE]));
    assert!(!default.contains("info["), "{default}");
    if infos > 0 {
        assert!(
            default.trim_end().ends_with(&format!(
                "({infos} infos hidden: --min-severity info shows them)"
            )),
            "{default}"
        );
    }
    // Piped output is never coloured; `--color always` is.
    assert!(!text.contains('\x1b'));
    let coloured = stdout(&yusuan(&["check", "--color", "always", GOVOFFICE]));
    assert!(coloured.contains("\x1b["), "{coloured}");
}

#[test]
fn sarif_output_has_the_required_structure_and_the_whole_catalogue() {
    let out = yusuan(&["check", "--format", "sarif", SEED_000]);
    let log = json(&out);
    assert_eq!(log["version"], "2.1.0");
    assert!(log["$schema"]
        .as_str()
        .unwrap()
        .ends_with("/sarif-schema-2.1.0.json"));
    let runs = log["runs"].as_array().unwrap();
    assert_eq!(runs.len(), 1);
    let driver = &runs[0]["tool"]["driver"];
    assert_eq!(driver["name"], "yusuan");
    assert!(driver["version"].is_string());
    assert!(driver["informationUri"].is_string());
    let rules = driver["rules"].as_array().unwrap();
    let ids: Vec<&str> = rules.iter().map(|r| r["id"].as_str().unwrap()).collect();
    assert_eq!(ids, codes());
    for r in rules {
        assert!(r["name"].is_string() && r["shortDescription"]["text"].is_string());
        assert!(r["fullDescription"]["text"].is_string() && r["help"]["text"].is_string());
        assert!(["error", "warning", "note"]
            .contains(&r["defaultConfiguration"]["level"].as_str().unwrap()));
    }
    let results = runs[0]["results"].as_array().unwrap();
    let errors = results.iter().filter(|r| r["level"] == "error").count();
    assert_eq!(out.status.code(), Some(if errors > 0 { 1 } else { 0 }));
    for r in results {
        let id = r["ruleId"].as_str().unwrap();
        assert_eq!(ids[r["ruleIndex"].as_u64().unwrap() as usize], id);
        assert!(["error", "warning", "note"].contains(&r["level"].as_str().unwrap()));
        assert!(r["message"]["text"].is_string());
        let loc = &r["locations"][0]["physicalLocation"];
        assert_eq!(loc["artifactLocation"]["uri"], SEED_000);
        assert!(loc["region"]["startLine"].as_u64().unwrap() >= 1);
        for rel in r["relatedLocations"].as_array().into_iter().flatten() {
            assert!(rel["physicalLocation"]["region"]["startLine"].is_u64());
        }
    }
}

#[test]
fn csv_output_starts_with_a_bom_and_has_a_row_per_finding() {
    let report = json(&yusuan(&["check", "--format", "json", "corpus/seeds"]));
    let out = yusuan(&["check", "--format", "csv", "corpus/seeds"]);
    let text = stdout(&out);
    let body = text
        .strip_prefix('\u{feff}')
        .expect("a byte-order mark first");
    let mut reader = csv::Reader::from_reader(body.as_bytes());
    assert_eq!(
        reader.headers().unwrap().iter().collect::<Vec<_>>(),
        [
            "document",
            "rule",
            "severity",
            "line",
            "column",
            "message",
            "expected",
            "actual",
            "difference",
            "unit"
        ]
    );
    let rows: Vec<csv::StringRecord> = reader.records().map(Result::unwrap).collect();
    let all = findings(&report);
    assert_eq!(rows.len(), all.len());
    for (row, f) in rows.iter().zip(all) {
        assert_eq!(&row[0], f["document"].as_str().unwrap());
        assert_eq!(&row[1], f["rule"].as_str().unwrap());
        assert_eq!(&row[2], f["severity"].as_str().unwrap());
        assert_eq!(&row[5], f["message"].as_str().unwrap());
        assert_eq!(&row[7], f["actual"].as_str().unwrap_or(""));
    }
}

#[test]
fn rules_lists_exactly_the_registry() {
    let out = yusuan(&["rules", "--format", "json"]);
    assert!(out.status.success());
    let listed = json(&out);
    let listed: Vec<&str> = listed
        .as_array()
        .unwrap()
        .iter()
        .map(|r| {
            for key in ["name", "family", "severity", "title"] {
                assert!(r[key].is_string(), "{key} of {r}");
            }
            r["code"].as_str().unwrap()
        })
        .collect();
    assert_eq!(listed, codes());

    let out = yusuan(&["rules"]);
    assert!(out.status.success());
    let text = stdout(&out);
    let first_words: Vec<&str> = text
        .lines()
        .skip(1)
        .take_while(|l| !l.is_empty())
        .map(|l| l.split_whitespace().next().unwrap())
        .collect();
    assert_eq!(first_words, codes());
    assert!(text.starts_with("code "));
}

#[test]
fn explain_prints_every_rule_and_refuses_an_unknown_one() {
    for rule in yusuan_rules::registry() {
        let info = rule.info();
        for key in [info.code, info.name] {
            let out = yusuan(&["explain", key]);
            assert!(out.status.success(), "explain {key}: {}", stderr(&out));
            let text = stdout(&out);
            assert!(
                text.starts_with(&format!("# {} {}\n", info.code, info.title)),
                "{text}"
            );
            // The doc follows (without its first heading, which repeats the title).
            let body = info
                .doc
                .trim()
                .lines()
                .skip(1)
                .collect::<Vec<_>>()
                .join("\n");
            assert!(text.contains(body.trim()), "{text}");
        }
    }
    let out = yusuan(&["explain", "NOPE"]);
    assert_eq!(out.status.code(), Some(2));
    assert!(out.stdout.is_empty());
    let err = stderr(&out);
    assert_eq!(err.lines().count(), 1, "{err}");
    assert!(
        err.contains("NOPE") && err.contains("yusuan rules"),
        "{err}"
    );
}

#[test]
#[cfg_attr(not(feature = "pdf"), ignore = "needs the `pdf` feature")]
fn a_pdf_is_checked_with_page_numbers_in_its_locations() {
    let out = yusuan(&["check", "--color", "never", PDF]);
    assert!(matches!(out.status.code(), Some(0 | 1)), "{}", stderr(&out));
    let text = stdout(&out);
    let report = yusuan(&["check", "--format", "json", PDF]);
    let report = json(&report);
    let found = findings(&report);
    if !found.is_empty() {
        assert!(
            text.contains(&format!("{PDF}:")) && text.contains("(page "),
            "{text}"
        );
    }
    assert!(
        found.iter().all(|f| f.to_string().contains("\"page\"")),
        "{found:?}"
    );
}

#[test]
fn the_locale_or_lang_chooses_chinese_or_english() {
    let zh = stdout(&yusuan_in(&[("LANG", "zh_CN.UTF-8")], &["check", SEED_000]));
    assert!(zh.starts_with("概要\n"), "{zh}");
    assert!(zh.contains(&format!("{SEED_000}：")), "{zh}");
    assert!(
        zh.trim_end()
            .lines()
            .last()
            .unwrap()
            .starts_with("1 份文档："),
        "{zh}"
    );
    assert!(!zh.contains("Summary") && !zh.contains("help:"), "{zh}");
    let en = stdout(&yusuan_in(&[("LANG", "en_US.UTF-8")], &["check", SEED_000]));
    assert!(en.starts_with("Summary\n"), "{en}");
    assert!(en.contains("in 1 document"), "{en}");
    // LC_ALL wins over LANG; --lang wins over both.
    let c = stdout(&yusuan_in(
        &[("LC_ALL", "C"), ("LANG", "zh_CN.UTF-8")],
        &["check", SEED_000],
    ));
    assert_eq!(c, en);
    let forced = stdout(&yusuan_in(
        &[("LANG", "en_US.UTF-8")],
        &["check", "--lang", "zh", SEED_000],
    ));
    assert_eq!(forced, zh);
    // The command line's own messages follow the same choice.
    let err = stderr(&yusuan_in(&[("LANG", "zh_CN.UTF-8")], &["explain", "NOPE"]));
    assert!(err.starts_with("错误：没有规则 `NOPE`"), "{err}");
    let err = stderr(&yusuan_in(&[], &["--lang", "en", "explain", "NOPE"]));
    assert!(err.starts_with("error: no rule `NOPE`"), "{err}");
}

/// Without tesseract, a scanned page is not a crash or a silent gap: the file is reported with
/// the cause and the way to install OCR, and the other files are still read.
#[test]
fn a_scanned_page_without_tesseract_says_so_clearly() {
    let scanned =
        "crates/yusuan-read/tests/fixtures/putuo-govoffice-2025-dept-budget-p9-10-scanned.pdf";
    let out = yusuan_in(
        &[("YUSUAN_TESSERACT", "/nonexistent/tesseract")],
        &["check", "--format", "json", scanned, SEED_000],
    );
    let err = stderr(&out);
    if err.contains("libpdfium") {
        eprintln!("skipped: the PDF engine is not installed ({err})");
        return;
    }
    assert_eq!(out.status.code(), Some(2), "{err}");
    assert_eq!(err.lines().count(), 1, "{err}");
    assert!(
        err.contains(scanned) && err.contains("tesseract") && err.contains("scripts/setup/ocr.sh"),
        "{err}"
    );
    assert_eq!(json(&out)["documents"].as_array().unwrap().len(), 1);
}
