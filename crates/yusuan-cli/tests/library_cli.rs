//! The library commands, run as a user runs them: the real `yusuan` binary, a real SQLite file
//! and a real PostgreSQL server (`scripts/setup/postgres.sh`; skipped with a message when
//! `YUSUAN_TEST_POSTGRES_URL` is unset, failing when `YUSUAN_REQUIRE_POSTGRES=1`).

use std::path::{Path, PathBuf};
use std::process::{Command, Output, Stdio};
use std::time::{Duration, Instant};

use yusuan_store::{process_path, FindingFilter, Library};

fn root() -> PathBuf {
    PathBuf::from(env!("CARGO_MANIFEST_DIR")).join("../..")
}

fn yusuan(args: &[&str]) -> Output {
    Command::new(env!("CARGO_BIN_EXE_yusuan"))
        .args(args)
        .env_remove("YUSUAN_DB")
        .env_remove("LC_ALL")
        .env_remove("LC_MESSAGES")
        .env("LANG", "C.UTF-8")
        .output()
        .expect("run yusuan")
}

fn stdout(o: &Output) -> String {
    String::from_utf8_lossy(&o.stdout).into_owned()
}

fn wanli() -> Vec<String> {
    [2023, 2024, 2025]
        .iter()
        .map(|y| {
            root()
                .join(format!(
                    "corpus/shanghai/text/putuo-wanli-jiedao-{y}-dept-budget.txt"
                ))
                .display()
                .to_string()
        })
        .collect()
}

fn postgres_target(name: &str) -> Option<String> {
    let server = match std::env::var("YUSUAN_TEST_POSTGRES_URL") {
        Ok(url) if !url.is_empty() => url,
        _ => {
            if std::env::var("YUSUAN_REQUIRE_POSTGRES").as_deref() == Ok("1") {
                panic!("YUSUAN_REQUIRE_POSTGRES=1 but YUSUAN_TEST_POSTGRES_URL is not set");
            }
            eprintln!("skipped: set YUSUAN_TEST_POSTGRES_URL (scripts/setup/postgres.sh)");
            return None;
        }
    };
    let schema = format!("t_cli_{name}");
    let mut admin = postgres::Client::connect(&server, postgres::NoTls).expect("connect");
    admin
        .batch_execute(&format!(
            "DROP SCHEMA IF EXISTS {schema} CASCADE; CREATE SCHEMA {schema};"
        ))
        .expect("schema");
    let sep = if server.contains('?') { '&' } else { '?' };
    Some(format!("{server}{sep}options=-c%20search_path%3D{schema}"))
}

fn count(lib: &Library, sql: &str) -> i64 {
    let r = lib.query_readonly(sql).unwrap();
    r.rows[0][0].as_i64().unwrap()
}

#[test]
fn ingest_list_show_findings_sql_export() {
    let dir = tempfile::tempdir().unwrap();
    let db = dir.path().join("lib.sqlite").display().to_string();
    let files = wanli();
    let mut args = vec!["ingest", "--db", db.as_str()];
    args.extend(files.iter().map(String::as_str));
    let o = yusuan(&args);
    assert!(o.status.success(), "{o:?}");
    assert!(stdout(&o).starts_with("3 stored (3 inserted, 0 replaced, 0 unchanged), 0 failed"));
    let o = yusuan(&args);
    assert!(stdout(&o).starts_with("3 stored (0 inserted, 0 replaced, 3 unchanged), 0 failed"));

    // The stored counts are those of `yusuan extract`.
    let mut extract = vec!["extract"];
    extract.extend(files.iter().map(String::as_str));
    let models: serde_json::Value = serde_json::from_slice(&yusuan(&extract).stdout).unwrap();
    let tables: usize = models
        .as_array()
        .unwrap()
        .iter()
        .map(|m| m["tables"].as_array().unwrap().len())
        .sum();
    let rows: usize = models
        .as_array()
        .unwrap()
        .iter()
        .flat_map(|m| m["tables"].as_array().unwrap())
        .map(|t| t["rows"].as_array().unwrap().len())
        .sum();
    let o = yusuan(&[
        "sql",
        "--db",
        &db,
        "SELECT (SELECT COUNT(*) FROM tables) AS t, (SELECT COUNT(*) FROM rows) AS r",
    ]);
    assert_eq!(stdout(&o), format!("t\tr\n{tables}\t{rows}\n"));

    let o = yusuan(&["list", "--db", &db]);
    let list = stdout(&o);
    assert_eq!(
        list.matches("上海市普陀区人民政府万里街道办事处").count(),
        3,
        "{list}"
    );
    assert!(list.contains("  2024  department_budget"), "{list}");
    assert!(list.ends_with("3 documents, 1 department\n"), "{list}");
    // Ids follow the order of the input; each line names the format and the file.
    for (i, f) in files.iter().enumerate() {
        let name = Path::new(f).file_name().unwrap().to_str().unwrap();
        let line = list
            .lines()
            .find(|l| l.contains(name))
            .unwrap_or_else(|| panic!("{name} not listed:\n{list}"));
        let cells: Vec<&str> = line.split_whitespace().collect();
        assert_eq!(cells[0], (i + 1).to_string(), "{list}");
        assert_eq!(cells[6..8], ["text", name], "{list}");
    }
    let zh = Command::new(env!("CARGO_BIN_EXE_yusuan"))
        .args(["list", "--lang", "zh", "--db", &db])
        .output()
        .unwrap();
    let zh = stdout(&zh);
    assert!(zh.starts_with("编号"), "{zh}");
    assert!(zh.ends_with("3 份文档，1 个部门\n"), "{zh}");

    let o = yusuan(&["show", "--db", &db, &files[1]]);
    let show = stdout(&o);
    assert!(o.status.success());
    assert!(show.contains("2024年部门财务收支预算总表"), "{show}");
    assert!(show.contains("findings: "), "{show}");

    let o = yusuan(&["findings", "--db", &db, "--rule", "YS404"]);
    assert_eq!(stdout(&o), "0 findings\n");
    let o = yusuan(&[
        "findings",
        "--db",
        &db,
        "--department",
        "万里",
        "--year",
        "2023",
    ]);
    let lines = stdout(&o);
    let lib = Library::open(&db).unwrap();
    let n = lib
        .findings(&FindingFilter {
            year: Some(2023),
            ..Default::default()
        })
        .unwrap()
        .len();
    assert!(lines.ends_with(&format!("{n} findings\n")), "{lines}");
    assert_eq!(lines.lines().count(), n + 1);

    let o = yusuan(&["sql", "--db", &db, "DELETE FROM documents"]);
    assert_eq!(o.status.code(), Some(2));
    assert!(String::from_utf8_lossy(&o.stderr).contains("only reads"));
    assert_eq!(count(&lib, "SELECT COUNT(*) FROM documents"), 3);

    let xlsx = dir.path().join("out.xlsx").display().to_string();
    let o = yusuan(&["export", "--db", &db, "--format", "xlsx", "--out", &xlsx]);
    assert!(o.status.success(), "{o:?}");
    assert!(stdout(&o).starts_with("exported 3 documents, 27 tables"));

    let o = yusuan(&["compare", "--db", &db, "万里", "--years", "2024", "2025"]);
    let cmp = stdout(&o);
    assert!(
        cmp.contains("156211123 →        189767551         +33556428  21.48%"),
        "{cmp}"
    );
    // The summary table's two sides each under their heading, once; counts in good English.
    let mut two_sided = 0;
    for table in cmp.split("\n== ") {
        assert!(table.matches("[income]\n").count() <= 1, "{table}");
        assert!(table.matches("[expenditure]\n").count() <= 1, "{table}");
        if let (Some(i), Some(e)) = (table.find("[income]"), table.find("[expenditure]")) {
            assert!(i < e, "{table}");
            two_sided += 1;
        }
    }
    assert!(two_sided >= 1, "{cmp}");
    assert!(!cmp.contains("1 rows"), "{cmp}");
    assert!(cmp.contains(" unchanged)\n"), "{cmp}");
}

/// Copies of the corpus made distinct by an appended line.
fn distinct_copies(dir: &Path, copies: usize) -> usize {
    let mut n = 0;
    for sub in ["corpus/seeds", "corpus/shanghai/text"] {
        for e in std::fs::read_dir(root().join(sub)).unwrap() {
            let p = e.unwrap().path();
            if p.extension().is_none_or(|x| x != "txt") {
                continue;
            }
            let bytes = std::fs::read(&p).unwrap();
            for i in 0..copies {
                let mut b = bytes.clone();
                b.extend_from_slice(format!("\n副本 {i}\n").as_bytes());
                let name = format!("{}-{i}.txt", p.file_stem().unwrap().to_string_lossy());
                std::fs::write(dir.join(name), b).unwrap();
                n += 1;
            }
        }
    }
    n
}

/// SIGKILL `yusuan ingest` mid-way: every stored document is whole, and a second run completes
/// the set.
fn kill_mid_ingest(target: &str) {
    let dir = tempfile::tempdir().unwrap();
    let docs = dir.path().join("docs");
    std::fs::create_dir(&docs).unwrap();
    let total = distinct_copies(&docs, 8) as i64;
    let lib = Library::open(target).unwrap();
    let mut child = Command::new(env!("CARGO_BIN_EXE_yusuan"))
        .args(["ingest", "--db", target])
        .arg(&docs)
        .stdout(Stdio::null())
        .stderr(Stdio::null())
        .spawn()
        .unwrap();
    let start = Instant::now();
    loop {
        let n = count(&lib, "SELECT COUNT(*) FROM documents");
        if n >= 15 {
            break;
        }
        assert!(
            start.elapsed() < Duration::from_secs(300),
            "ingest too slow"
        );
        std::thread::sleep(Duration::from_millis(20));
    }
    child.kill().unwrap(); // SIGKILL
    child.wait().unwrap();
    let lib = Library::open(target).unwrap();
    let stored = lib.list(&Default::default()).unwrap();
    let k = stored.len() as i64;
    assert!(k > 0 && k < total, "killed after {k} of {total}");
    for doc in &stored {
        let fresh = process_path(Path::new(&doc.path)).unwrap();
        assert_eq!(fresh.sha256, doc.sha256);
        let counts: std::collections::BTreeMap<String, i64> =
            lib.counts(doc.id).unwrap().into_iter().collect();
        let m = &fresh.model;
        assert_eq!(counts["tables"], m.tables.len() as i64, "{}", doc.path);
        assert_eq!(
            counts["rows"],
            m.tables.iter().map(|t| t.rows.len() as i64).sum::<i64>()
        );
        assert_eq!(
            counts["cells"],
            m.tables
                .iter()
                .flat_map(|t| &t.rows)
                .map(|r| r.cells.len() as i64)
                .sum::<i64>()
        );
        assert_eq!(counts["narrative_facts"], m.narrative_facts.len() as i64);
        assert_eq!(counts["source_lines"], fresh.lines.len() as i64);
        assert_eq!(counts["sources"], 1);
        let own = lib
            .findings(&FindingFilter {
                document_id: Some(doc.id),
                ..Default::default()
            })
            .unwrap()
            .into_iter()
            .filter(|f| f.finding.rule != "YS404")
            .count();
        assert_eq!(own, fresh.findings.len(), "{}", doc.path);
    }
    let o = Command::new(env!("CARGO_BIN_EXE_yusuan"))
        .args(["ingest", "--db", target])
        .arg(&docs)
        .output()
        .unwrap();
    assert!(o.status.success(), "{o:?}");
    assert!(
        stdout(&o).starts_with(&format!(
            "{total} stored ({} inserted, 0 replaced, {k} unchanged), 0 failed",
            total - k
        )),
        "{}",
        stdout(&o)
    );
    assert_eq!(count(&lib, "SELECT COUNT(*) FROM documents"), total);
    eprintln!(
        "killed after {k} of {total} documents; re-run stored the other {}",
        total - k
    );
}

#[test]
fn kill_mid_ingest_sqlite() {
    let dir = tempfile::tempdir().unwrap();
    kill_mid_ingest(&dir.path().join("kill.sqlite").display().to_string());
}

#[test]
#[cfg_attr(not(feature = "postgres"), ignore = "needs the `postgres` feature")]
fn kill_mid_ingest_postgres() {
    if let Some(url) = postgres_target("kill") {
        kill_mid_ingest(&url);
    }
}

#[test]
fn a_bad_file_makes_exit_code_2() {
    let dir = tempfile::tempdir().unwrap();
    let bad = dir.path().join("empty.txt");
    std::fs::write(&bad, b"").unwrap();
    let db = dir.path().join("lib.sqlite").display().to_string();
    let files = wanli();
    let o = yusuan(&["ingest", "--db", &db, &files[0], bad.to_str().unwrap()]);
    assert_eq!(o.status.code(), Some(2));
    assert!(stdout(&o).starts_with("1 stored (1 inserted, 0 replaced, 0 unchanged), 1 failed"));
    let err = String::from_utf8_lossy(&o.stderr);
    assert!(err.contains("empty.txt") && err.contains("empty"), "{err}");
}

/// A mistyped `--db` on a command that only reads: refused with the path named, nothing created.
fn read_only_commands_refuse(target: &str, exists: impl Fn() -> bool) {
    let commands: [&[&str]; 6] = [
        &["sql", "SELECT 1"],
        &["list"],
        &["show", "1"],
        &["findings"],
        &["export", "--format", "csv", "--out", "/dev/null"],
        &["compare", "万里", "--years", "2023", "2024"],
    ];
    for args in commands {
        let mut all: Vec<&str> = args.to_vec();
        all.extend(["--db", target]);
        let out = yusuan(&all);
        let err = String::from_utf8_lossy(&out.stderr);
        assert_eq!(out.status.code(), Some(2), "{args:?}: {err}");
        assert!(err.contains(target), "{args:?} names the library: {err}");
        assert!(!exists(), "{args:?} created a library at {target}");
    }
}

#[test]
fn read_only_commands_refuse_a_missing_library() {
    let dir = tempfile::tempdir().unwrap();
    let typo = dir.path().join("libary.sqlite");
    let path = typo.display().to_string();
    read_only_commands_refuse(&path, || typo.exists());
    // Ingest still creates a library.
    let out = yusuan(&["ingest", &wanli()[0], "--db", &path]);
    assert!(
        out.status.success(),
        "{}",
        String::from_utf8_lossy(&out.stderr)
    );
    assert!(typo.exists());
    let out = yusuan(&["list", "--db", &path]);
    assert!(out.status.success());
    if let Some(url) = postgres_target("missing_library") {
        let has_tables = || {
            let lib_url = url.clone();
            let mut c = postgres::Client::connect(&lib_url, postgres::NoTls).unwrap();
            c.query_one("SELECT to_regclass('documents') IS NOT NULL", &[])
                .unwrap()
                .get::<_, bool>(0)
        };
        read_only_commands_refuse(&url, has_tables);
    }
}

#[test]
fn sql_stops_at_its_timeout() {
    let dir = tempfile::tempdir().unwrap();
    let db = dir.path().join("lib.sqlite").display().to_string();
    let out = yusuan(&["ingest", &wanli()[0], "--db", &db]);
    assert!(out.status.success());
    let endless = "WITH RECURSIVE c(x) AS (SELECT 1 UNION ALL SELECT x + 1 FROM c) \
                   SELECT COUNT(*) FROM c";
    let start = Instant::now();
    let out = yusuan(&["sql", endless, "--timeout", "1", "--db", &db]);
    let took = start.elapsed();
    let err = String::from_utf8_lossy(&out.stderr);
    assert_eq!(out.status.code(), Some(2), "{err}");
    assert!(err.contains("stopped after 1 s"), "{err}");
    assert!(took < Duration::from_secs(10), "{took:?}");
    let out = yusuan(&["sql", "ATTACH DATABASE ':memory:' AS x", "--db", &db]);
    assert_eq!(out.status.code(), Some(2));
    assert!(String::from_utf8_lossy(&out.stderr).contains("only reads"));
}
