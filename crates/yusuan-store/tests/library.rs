//! The library on SQLite and PostgreSQL: the same tests on both backends.

mod common;

use std::collections::BTreeMap;
use std::str::FromStr;

use common::Target;
use rust_decimal::Decimal;
use yusuan_model::Severity;
use yusuan_store::compare::RowStatus;
use yusuan_store::export::ExportFormat;
use yusuan_store::{
    ingest, process_path, DocumentFilter, FindingFilter, IngestOutcome, Library, Processed,
    ReviewStatus, StoreError,
};

fn d(s: &str) -> Decimal {
    Decimal::from_str(s).unwrap()
}

/// What a fresh processing of a file gives, by stored table name.
fn expected_counts(p: &Processed) -> BTreeMap<String, i64> {
    let m = &p.model;
    let mut c = BTreeMap::new();
    c.insert("tables".into(), m.tables.len() as i64);
    c.insert(
        "rows".into(),
        m.tables.iter().map(|t| t.rows.len()).sum::<usize>() as i64,
    );
    c.insert(
        "cells".into(),
        m.tables
            .iter()
            .flat_map(|t| &t.rows)
            .map(|r| r.cells.len())
            .sum::<usize>() as i64,
    );
    c.insert("narrative_facts".into(), m.narrative_facts.len() as i64);
    c.insert("projects".into(), m.projects.len() as i64);
    c.insert(
        "procurement".into(),
        m.procurement.iter().map(|t| t.rows.len()).sum::<usize>() as i64,
    );
    c.insert(
        "assets".into(),
        m.assets.iter().map(|t| t.rows.len()).sum::<usize>() as i64,
    );
    c.insert("units".into(), m.units.len() as i64);
    c.insert("source_lines".into(), p.lines.len() as i64);
    c.insert("findings".into(), p.findings.len() as i64);
    c
}

/// What is stored for a document, by table name; findings without the cross-document YS404.
fn stored_counts(lib: &Library, id: i64) -> BTreeMap<String, i64> {
    let mut c: BTreeMap<String, i64> = lib
        .counts(id)
        .unwrap()
        .into_iter()
        .filter(|(k, _)| expected_keys().contains(&k.as_str()))
        .collect();
    let own = lib
        .findings(&FindingFilter {
            document_id: Some(id),
            ..Default::default()
        })
        .unwrap()
        .iter()
        .filter(|f| f.finding.rule != "YS404")
        .count();
    c.insert("findings".into(), own as i64);
    c
}

fn expected_keys() -> [&'static str; 10] {
    [
        "tables",
        "rows",
        "cells",
        "narrative_facts",
        "projects",
        "procurement",
        "assets",
        "units",
        "source_lines",
        "findings",
    ]
}

fn scalar(lib: &Library, sql: &str) -> i64 {
    let r = lib.query_readonly(sql).unwrap();
    r.rows[0][0]
        .as_i64()
        .or_else(|| {
            use rust_decimal::prelude::ToPrimitive;
            r.rows[0][0]
                .as_str()
                .and_then(|s| Decimal::from_str(s).ok()?.to_i64())
        })
        .unwrap_or_else(|| panic!("{sql} gave {:?}", r.rows))
}

fn ingest_corpus(t: &Target) -> yusuan_store::IngestSummary {
    ingest(&t.library, &common::corpus(), |_| {})
}

fn whole_corpus_is_stored_exactly(t: Target) {
    let files = common::corpus();
    assert!(files.len() >= 19, "corpus: {} files", files.len());
    let summary = ingest_corpus(&t);
    assert_eq!(summary.inserted, files.len(), "{summary}");
    assert!(summary.failed.is_empty(), "{:?}", summary.failed);
    assert_eq!(
        scalar(&t.library, "SELECT COUNT(*) FROM documents"),
        files.len() as i64
    );
    let mut total_cells = 0;
    for file in &files {
        let fresh = process_path(file).unwrap();
        let id = t.library.resolve(&fresh.sha256).unwrap().expect("stored");
        let expected = expected_counts(&fresh);
        total_cells += expected["cells"];
        assert_eq!(
            stored_counts(&t.library, id),
            expected,
            "{}",
            file.display()
        );
        // The model is kept whole: it reloads exactly.
        let doc = t.library.document(id).unwrap().unwrap();
        assert_eq!(doc.model, fresh.model, "{}", file.display());
        let src = t.library.source(id).unwrap().unwrap();
        assert_eq!(src.bytes, std::fs::read(file).unwrap());
        assert_eq!(src.lines.len(), fresh.lines.len());
    }
    assert_eq!(
        scalar(&t.library, "SELECT COUNT(*) FROM cells"),
        total_cells
    );
    // Exact integer amounts sum alike on both backends: the Wanli 2024 收支总表 收入总计 in 元.
    let sum = scalar(
        &t.library,
        "SELECT SUM(c.value_e4) / 10000 FROM cells c JOIN rows r ON r.id = c.row_id JOIN tables t ON t.id = r.table_id \
         JOIN documents d ON d.id = t.document_id WHERE d.path LIKE '%wanli-jiedao-2024%' \
         AND t.kind = 'income_expense_summary' AND r.item = 'income.grand_total' AND c.column_key = 'amount'",
    );
    assert_eq!(sum, 156_211_123);
    // list: one line per document, with its finding counts.
    let list = t.library.list(&DocumentFilter::default()).unwrap();
    assert_eq!(list.len(), files.len());
    let wanli = t
        .library
        .list(&DocumentFilter {
            department: Some("万里".into()),
            ..Default::default()
        })
        .unwrap();
    assert_eq!(
        wanli.iter().map(|d| d.year.unwrap()).collect::<Vec<_>>(),
        vec![2023, 2024, 2025]
    );
    let errors: i64 = list.iter().map(|d| d.errors).sum();
    let stored_errors = t
        .library
        .findings(&FindingFilter {
            severity: Some(Severity::Error),
            ..Default::default()
        })
        .unwrap()
        .len() as i64;
    assert_eq!(errors, stored_errors);
}

fn ingest_is_idempotent(t: Target) {
    let first = ingest_corpus(&t);
    let cells = scalar(&t.library, "SELECT COUNT(*) FROM cells");
    let findings = scalar(&t.library, "SELECT COUNT(*) FROM findings");
    let second = ingest_corpus(&t);
    assert_eq!(second.unchanged, first.inserted);
    assert_eq!(second.inserted + second.replaced, 0);
    assert_eq!(scalar(&t.library, "SELECT COUNT(*) FROM cells"), cells);
    assert_eq!(
        scalar(&t.library, "SELECT COUNT(*) FROM findings"),
        findings
    );
}

/// The id → path mapping of a library, by id.
fn ids(lib: &Library) -> Vec<(i64, String)> {
    let mut docs: Vec<(i64, String)> = lib
        .list(&DocumentFilter::default())
        .unwrap()
        .into_iter()
        .map(|d| (d.id, d.path))
        .collect();
    docs.sort();
    docs
}

/// Documents are numbered in the order of the input, whatever order the threads finish in: two
/// libraries given the same files get the same ids.
fn ids_follow_the_input_order(t: Target) {
    let files = common::corpus();
    ingest_corpus(&t);
    let first = ids(&t.library);
    let paths: Vec<String> = first.iter().map(|(_, p)| p.clone()).collect();
    let expected: Vec<String> = files.iter().map(|f| f.display().to_string()).collect();
    assert_eq!(paths, expected, "ids in input order");
    let other = common::sqlite("ids_again").unwrap();
    ingest(&other.library, &files, |_| {});
    assert_eq!(ids(&other.library), first);
    // The list tells the format each document was read from.
    let formats: Vec<String> = t
        .library
        .list(&DocumentFilter::default())
        .unwrap()
        .into_iter()
        .map(|d| d.format)
        .collect();
    assert!(formats.iter().all(|f| f == "text"), "{formats:?}");
}

fn a_newer_extraction_replaces_the_old_cleanly(t: Target) {
    let mut old = process_path(&common::wanli(2024)).unwrap();
    let fresh = old.clone();
    old.extractor_version = "0.0.1+older".into();
    old.model.tables.truncate(2);
    old.findings.clear();
    let id = match t.library.store(&old).unwrap() {
        IngestOutcome::Inserted(id) => id,
        o => panic!("{o:?}"),
    };
    assert_eq!(
        t.library.store(&fresh).unwrap(),
        IngestOutcome::Replaced(id)
    );
    assert_eq!(
        t.library.store(&fresh).unwrap(),
        IngestOutcome::Unchanged(id)
    );
    assert_eq!(stored_counts(&t.library, id), expected_counts(&fresh));
    // Nothing of the old extraction is left anywhere.
    assert_eq!(
        scalar(&t.library, "SELECT COUNT(*) FROM cells"),
        expected_counts(&fresh)["cells"]
    );
    assert_eq!(scalar(&t.library, "SELECT COUNT(*) FROM documents"), 1);
}

fn a_bad_file_is_reported_and_skipped(t: Target) {
    let dir = tempfile::tempdir().unwrap();
    let empty = dir.path().join("empty.txt");
    std::fs::write(&empty, b"").unwrap();
    let binary = dir.path().join("binary.txt");
    std::fs::write(&binary, [0u8, 159, 146, 150, 0, 1, 2, 3, 0, 0]).unwrap();
    let missing = dir.path().join("missing.txt");
    let files = vec![
        common::wanli(2023),
        empty.clone(),
        binary.clone(),
        missing.clone(),
        common::wanli(2025),
    ];
    let summary = ingest(&t.library, &files, |_| {});
    assert_eq!(summary.inserted, 2, "{summary}");
    assert_eq!(summary.failed.len(), 3, "{summary}");
    assert_eq!(
        summary.to_string(),
        "2 stored (2 inserted, 0 replaced, 0 unchanged), 3 failed"
    );
    let failed: BTreeMap<String, String> = summary.failed.into_iter().collect();
    assert!(failed[&empty.display().to_string()].contains("empty"));
    assert!(failed[&binary.display().to_string()].contains("not text"));
    assert!(failed.contains_key(&missing.display().to_string()));
    assert_eq!(scalar(&t.library, "SELECT COUNT(*) FROM documents"), 2);
}

fn analyst_sql_is_read_only(t: Target) {
    ingest(&t.library, &[common::wanli(2024)], |_| {});
    for write in [
        "DELETE FROM documents",
        "UPDATE cells SET value = '0'",
        "DROP TABLE findings",
        "INSERT INTO departments (name) VALUES ('x')",
        "CREATE TABLE x (a INTEGER)",
    ] {
        match t.library.query_readonly(write) {
            Err(StoreError::WriteRefused(m)) => assert!(m.contains("only reads"), "{m}"),
            other => panic!("{write}: {other:?}"),
        }
    }
    assert!(t
        .library
        .query_readonly("SELECT 1; DELETE FROM documents")
        .is_err());
    assert_eq!(scalar(&t.library, "SELECT COUNT(*) FROM documents"), 1);
    let r = t
        .library
        .query_readonly("SELECT kind, COUNT(*) AS n FROM tables GROUP BY kind ORDER BY kind")
        .unwrap();
    assert_eq!(r.columns, vec!["kind", "n"]);
    assert_eq!(r.rows.len(), 9);
}

/// `ATTACH`, `PRAGMA x = y` and the like are refused by the authorizer (SQLite) or cannot run in
/// the read-only transaction (PostgreSQL); reading pragmas still work.
fn analyst_sql_cannot_attach_or_change_the_session(t: Target) {
    ingest(&t.library, &[common::wanli(2024)], |_| {});
    let dir = tempfile::tempdir().unwrap();
    let other = dir.path().join("other.sqlite");
    let attach = format!("ATTACH DATABASE '{}' AS other", other.display());
    let sqlite = t.library.backend_name() == "sqlite";
    let statements: Vec<&str> = if sqlite {
        vec![
            attach.as_str(),
            "PRAGMA writable_schema = 1",
            "PRAGMA journal_mode = DELETE",
            "PRAGMA user_version = 7",
            "DETACH DATABASE main",
            "BEGIN",
        ]
    } else {
        // PostgreSQL has no ATTACH or PRAGMA (a syntax error is a refusal too), and the
        // transaction cannot be switched to read-write.
        vec![
            attach.as_str(),
            "PRAGMA writable_schema = 1",
            "SET TRANSACTION READ WRITE",
        ]
    };
    for statement in statements {
        match t.library.query_readonly(statement) {
            Err(StoreError::WriteRefused(m)) => assert!(m.contains("only reads"), "{m}"),
            Err(StoreError::Database(m)) if !sqlite => assert!(!m.is_empty()),
            other => panic!("{statement}: {other:?}"),
        }
    }
    assert!(!other.exists(), "ATTACH created {}", other.display());
    if sqlite {
        let r = t
            .library
            .query_readonly("PRAGMA table_info(cells)")
            .unwrap();
        assert!(r.rows.iter().any(|row| row[1] == "value"), "{r:?}");
    }
    assert_eq!(scalar(&t.library, "SELECT COUNT(*) FROM documents"), 1);
}

/// A statement that would run for minutes is stopped at the time limit, with a clear error.
fn analyst_sql_has_a_time_limit(t: Target) {
    let long =
        "WITH RECURSIVE c(x) AS (SELECT 1 UNION ALL SELECT x + 1 FROM c WHERE x < 1000000000) \
                SELECT COUNT(*) FROM c";
    let start = std::time::Instant::now();
    match t
        .library
        .query_readonly_within(long, std::time::Duration::from_millis(500))
    {
        Err(StoreError::TimedOut(m)) => assert!(m.contains("--timeout"), "{m}"),
        other => panic!("not stopped: {other:?}"),
    }
    let took = start.elapsed();
    assert!(took < std::time::Duration::from_secs(5), "{took:?}");
    // The connection is usable afterwards, and a quick statement is not affected.
    let r = t
        .library
        .query_readonly_within(
            "SELECT COUNT(*) FROM documents",
            std::time::Duration::from_secs(5),
        )
        .unwrap();
    assert_eq!(r.rows.len(), 1);
    assert!(t.library.list(&DocumentFilter::default()).is_ok());
}

/// A library opened for reading must exist: a mistyped path or an empty database is refused, and
/// nothing is created.
fn a_missing_library_is_not_created_for_reading(t: Target) {
    let err = match t.library.backend_name() {
        "sqlite" => {
            let dir = tempfile::tempdir().unwrap();
            let typo = dir.path().join("libary.sqlite");
            let path = typo.display().to_string();
            let err = Library::open_existing(&path).err().expect("refused");
            assert!(!typo.exists());
            assert!(err.to_string().contains(&path), "{err}");
            err
        }
        _ => {
            let server = common::postgres_server().unwrap();
            let empty = common::postgres_url(&server, "store_empty_library");
            let err = Library::open_existing(&empty).err().expect("refused");
            // Still no tables there.
            assert!(Library::open_existing(&empty).is_err());
            err
        }
    };
    assert!(err.to_string().contains("--db"), "{err}");
    assert!(Library::open_existing(&t.url).is_ok());
}

fn reviews_survive_reingest(t: Target) {
    let mut p = process_path(&common::wanli(2024)).unwrap();
    let id = t.library.store(&p).unwrap().id();
    let findings = t.library.findings(&FindingFilter::default()).unwrap();
    let first = findings.first().expect("Wanli 2024 has findings");
    t.library
        .set_review(first.id, ReviewStatus::Dismissed, "说明已核对")
        .unwrap();
    p.extractor_version = "newer".into();
    assert_eq!(t.library.store(&p).unwrap(), IngestOutcome::Replaced(id));
    let again = t.library.findings(&FindingFilter::default()).unwrap();
    let same = again
        .iter()
        .find(|f| f.finding == first.finding)
        .expect("the same finding");
    let review = same.review.as_ref().expect("review kept");
    assert_eq!(review.status, ReviewStatus::Dismissed);
    assert_eq!(review.comment, "说明已核对");
    assert!(again.iter().filter(|f| f.review.is_some()).count() == 1);
}

/// The Wanli 2024 and 2025 budgets state changes against the previous year that agree with the
/// previous documents: no YS404 in any order of ingest. A 2023 document whose 财政拨款收入 reads
/// 100 万元 lower makes the 2024 statement (减少876.75万元) wrong, and the finding appears on the
/// 2024 document when that 2023 arrives — and leaves with it.
fn year_on_year_changes(t: Target) {
    let lib = &t.library;
    ingest(lib, &[common::wanli(2025), common::wanli(2024)], |_| {});
    ingest(lib, &[common::wanli(2023)], |_| {});
    let ys404 = |lib: &Library| {
        lib.findings(&FindingFilter {
            rule: Some("YS404".into()),
            ..Default::default()
        })
        .unwrap()
    };
    assert!(ys404(lib).is_empty(), "{:#?}", ys404(lib));
    // Delete the real 2023 and store an altered one.
    let id2023 = lib
        .list(&DocumentFilter {
            year: Some(2023),
            ..Default::default()
        })
        .unwrap()[0]
        .id;
    assert!(lib.delete(id2023).unwrap());
    let text = std::fs::read_to_string(common::wanli(2023)).unwrap();
    let altered = text.replace("财政拨款收入16497.86万元", "财政拨款收入16397.86万元");
    assert_ne!(altered, text);
    let p = yusuan_store::process_bytes(
        "altered/putuo-wanli-jiedao-2023-dept-budget.txt",
        altered.as_bytes(),
    )
    .unwrap();
    lib.store(&p).unwrap();
    let found = ys404(lib);
    assert_eq!(found.len(), 1, "{found:#?}");
    let f = &found[0].finding;
    assert!(f.document.contains("2024"), "{}", f.document);
    assert_eq!(f.actual, Some(d("-876.75")));
    assert_eq!(f.expected, Some(d("-776.75")));
    assert_eq!(f.locations[0].span.line, 69);
    assert!(f.message.contains("16397.86"), "{}", f.message);
    // The altered document leaves: so does the finding.
    let altered_id = lib.resolve(&p.sha256).unwrap().unwrap();
    assert!(lib.delete(altered_id).unwrap());
    assert!(ys404(lib).is_empty());
}

/// 万里 2024 → 2025, checked against the documents: 收入总计 156,211,123 → 189,767,551 元
/// (line 175 / line 135), 一般公共服务支出 2,932,700 → 3,296,600 元.
fn compare_shows_real_differences(t: Target) {
    ingest(
        &t.library,
        &[common::wanli(2024), common::wanli(2025)],
        |_| {},
    );
    let c = t.library.compare("万里", 2024, 2025, None).unwrap();
    assert_eq!(c.kind, "department_budget");
    assert_eq!(c.a.year, Some(2024));
    assert_eq!(c.b.year, Some(2025));
    let summary = c
        .tables
        .iter()
        .find(|t| t.kind == "income_expense_summary")
        .unwrap();
    let total = summary
        .rows
        .iter()
        .find(|r| r.name == "收入总计")
        .expect("收入总计 changed");
    let v = &total.values[0];
    assert_eq!((v.a, v.b), (Some(d("156211123")), Some(d("189767551"))));
    assert_eq!(v.difference, Some(d("33556428")));
    assert_eq!(v.percent, Some(d("21.48")));
    let general = summary
        .rows
        .iter()
        .find(|r| r.name.contains("一般公共服务支出"))
        .unwrap();
    assert_eq!(general.values[0].difference, Some(d("363900")));
    // The summary table's rows come side by side in print; compared, each side is together.
    let sides: Vec<_> = summary.rows.iter().map(|r| r.side).collect();
    assert!(
        sides.contains(&Some(yusuan_model::Side::Income)),
        "{sides:?}"
    );
    assert!(
        sides.contains(&Some(yusuan_model::Side::Expenditure)),
        "{sides:?}"
    );
    assert!(sides.windows(2).all(|w| w[0] <= w[1]), "{sides:?}");
    assert!(c
        .tables
        .iter()
        .any(|t| t.rows.iter().any(|r| r.status != RowStatus::Changed)));
    assert!(t.library.compare("万里", 2024, 2030, None).is_err());
}

fn exports_read_back(t: Target) {
    ingest_corpus(&t);
    let out = tempfile::tempdir().unwrap();
    let filter = DocumentFilter {
        department: Some("万里".into()),
        ..Default::default()
    };
    let docs = t.library.list(&filter).unwrap();
    let models: Vec<_> = docs
        .iter()
        .map(|s| t.library.document(s.id).unwrap().unwrap())
        .collect();
    let cells: usize = models
        .iter()
        .flat_map(|d| &d.model.tables)
        .flat_map(|t| &t.rows)
        .map(|r| r.cells.len())
        .sum();
    let findings: usize = models.iter().map(|d| d.findings.len()).sum();

    // CSV: one file per table kind, BOM, exact values.
    let csv_dir = out.path().join("csv");
    t.library
        .export(ExportFormat::Csv, &csv_dir, &filter)
        .unwrap();
    let raw = std::fs::read(csv_dir.join("income_expense_summary.csv")).unwrap();
    assert!(raw.starts_with("\u{feff}".as_bytes()));
    let mut r = csv::Reader::from_reader(&raw[3..]);
    let headers = r.headers().unwrap().clone();
    let total_col = headers
        .iter()
        .position(|h| h.ends_with("(amount)") || h == "amount")
        .unwrap();
    let rows: Vec<csv::StringRecord> = r.records().map(|r| r.unwrap()).collect();
    assert!(rows
        .iter()
        .any(|r| &r[1] == "上海市普陀区人民政府万里街道办事处"
            && &r[2] == "2024"
            && &r[9] == "收入总计"
            && &r[total_col] == "156211123"));
    let mut fr =
        csv::Reader::from_reader(std::fs::File::open(csv_dir.join("findings.csv")).unwrap());
    assert_eq!(fr.records().count(), findings);

    // XLSX: a documents sheet, one sheet per table, a findings sheet.
    use calamine::{DataType, Reader, Xlsx};
    let xlsx = out.path().join("wanli.xlsx");
    t.library
        .export(ExportFormat::Xlsx, &xlsx, &filter)
        .unwrap();
    let mut wb: Xlsx<_> = calamine::open_workbook(&xlsx).unwrap();
    let names = wb.sheet_names().to_vec();
    let tables: usize = models.iter().map(|d| d.model.tables.len()).sum();
    assert_eq!(names.len(), tables + 2, "{names:?}");
    assert_eq!(names[0], "文档");
    assert_eq!(names.last().unwrap(), "问题");
    let problems = wb.worksheet_range("问题").unwrap();
    assert_eq!(problems.height(), findings + 1);
    let summary_2024 = names
        .iter()
        .find(|n| n.starts_with(&format!("{}-1 ", docs[1].id)))
        .unwrap()
        .clone();
    let sheet = wb.worksheet_range(&summary_2024).unwrap();
    let found = sheet.rows().any(|row| {
        row.iter().any(|c| c.get_string() == Some("收入总计"))
            && row.iter().any(|c| c.get_float() == Some(156211123.0))
    });
    assert!(found, "收入总计 156211123 in {summary_2024}");

    // Parquet: every cell, exact decimals.
    use parquet::file::reader::{FileReader, SerializedFileReader};
    let pq = out.path().join("parquet");
    t.library
        .export(ExportFormat::Parquet, &pq, &filter)
        .unwrap();
    let reader =
        SerializedFileReader::new(std::fs::File::open(pq.join("cells.parquet")).unwrap()).unwrap();
    assert_eq!(reader.metadata().file_metadata().num_rows() as usize, cells);
    let mut hit = false;
    for row in reader.get_row_iter(None).unwrap() {
        let row = row.unwrap();
        let text = row.to_string();
        if text.contains("收入总计") && text.contains("value_text: \"156211123\"") {
            hit = true;
        }
    }
    assert!(hit);
    let freader =
        SerializedFileReader::new(std::fs::File::open(pq.join("findings.parquet")).unwrap())
            .unwrap();
    assert_eq!(
        freader.metadata().file_metadata().num_rows() as usize,
        findings
    );
}

on_both_backends!(
    whole_corpus_is_stored_exactly,
    ingest_is_idempotent,
    ids_follow_the_input_order,
    a_newer_extraction_replaces_the_old_cleanly,
    a_bad_file_is_reported_and_skipped,
    analyst_sql_is_read_only,
    analyst_sql_cannot_attach_or_change_the_session,
    analyst_sql_has_a_time_limit,
    a_missing_library_is_not_created_for_reading,
    reviews_survive_reingest,
    year_on_year_changes,
    compare_shows_real_differences,
    exports_read_back,
);
