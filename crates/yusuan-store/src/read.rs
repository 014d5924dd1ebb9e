//! Reading the library: lists, documents, findings, sources, read-only SQL.

use std::path::Path;
use std::time::{Duration, Instant};

use yusuan_model::{Disclosure, Finding};

#[cfg(feature = "postgres")]
use crate::db::pg_val;
use crate::db::{sqlite_val, Sql, Val};
use crate::{
    review_from, DocumentFilter, DocumentSummary, FindingFilter, QueryResult, SourceLine,
    StoreError, StoredDocument, StoredFinding, StoredSource,
};

const SUMMARY: &str = "SELECT d.id, d.path, d.sha256, p.name, d.year, d.kind, d.ingested_at, \
     (SELECT COUNT(*) FROM findings f WHERE f.document_id = d.id AND f.severity = 'error'), \
     (SELECT COUNT(*) FROM findings f WHERE f.document_id = d.id AND f.severity = 'warning'), \
     (SELECT COUNT(*) FROM findings f WHERE f.document_id = d.id AND f.severity = 'info'), \
     d.format \
     FROM documents d LEFT JOIN departments p ON p.id = d.department_id";

fn summary(r: &[Val]) -> DocumentSummary {
    DocumentSummary {
        id: r[0].int().unwrap_or(0),
        path: r[1].text().unwrap_or_default(),
        sha256: r[2].text().unwrap_or_default(),
        department: r[3].text(),
        year: r[4].int().map(|y| y as i32),
        kind: r[5].text().unwrap_or_default(),
        ingested_at: r[6].text().unwrap_or_default(),
        errors: r[7].int().unwrap_or(0),
        warnings: r[8].int().unwrap_or(0),
        infos: r[9].int().unwrap_or(0),
        format: r[10].text().unwrap_or_default(),
    }
}

fn like(s: &str) -> Val {
    Val::Text(format!("%{s}%"))
}

pub(crate) fn list(
    tx: &mut dyn Sql,
    filter: &DocumentFilter,
) -> Result<Vec<DocumentSummary>, StoreError> {
    let mut sql = format!("{SUMMARY} WHERE 1 = 1");
    let mut params = Vec::new();
    if let Some(d) = &filter.department {
        sql.push_str(" AND p.name LIKE ?");
        params.push(like(d));
    }
    if let Some(y) = filter.year {
        sql.push_str(" AND d.year = ?");
        params.push(y.into());
    }
    if let Some(k) = &filter.kind {
        sql.push_str(" AND d.kind = ?");
        params.push(k.into());
    }
    if let Some(r) = &filter.rule {
        sql.push_str(
            " AND EXISTS (SELECT 1 FROM findings f WHERE f.document_id = d.id AND f.rule = ?)",
        );
        params.push(r.to_ascii_uppercase().into());
    }
    sql.push_str(" ORDER BY p.name, d.year, d.kind, d.id");
    Ok(tx
        .query(&sql, &params)?
        .iter()
        .map(|r| summary(r))
        .collect())
}

pub(crate) fn resolve(tx: &mut dyn Sql, key: &str) -> Result<Option<i64>, StoreError> {
    let key = key.trim();
    if let Ok(id) = key.parse::<i64>() {
        if let Some(r) = tx.one("SELECT id FROM documents WHERE id = ?", &[id.into()])? {
            return Ok(r[0].int());
        }
    }
    let rows = tx.query(
        "SELECT id FROM documents WHERE path = ? OR sha256 = ?",
        &[key.into(), key.to_ascii_lowercase().into()],
    )?;
    if let [only] = rows.as_slice() {
        return Ok(only[0].int());
    }
    if key.len() >= 6 && key.chars().all(|c| c.is_ascii_hexdigit()) {
        let rows = tx.query(
            "SELECT id FROM documents WHERE sha256 LIKE ?",
            &[format!("{}%", key.to_ascii_lowercase()).into()],
        )?;
        if let [only] = rows.as_slice() {
            return Ok(only[0].int());
        }
    }
    Ok(None)
}

pub(crate) fn document(tx: &mut dyn Sql, id: i64) -> Result<Option<StoredDocument>, StoreError> {
    let Some(r) = tx.one(&format!("{SUMMARY} WHERE d.id = ?"), &[id.into()])? else {
        return Ok(None);
    };
    let summary = summary(&r);
    let json = tx
        .one(
            "SELECT model_json FROM documents WHERE id = ?",
            &[id.into()],
        )?
        .and_then(|r| r[0].text())
        .unwrap_or_default();
    let model: Disclosure = serde_json::from_str(&json)?;
    let findings = findings(
        tx,
        &FindingFilter {
            document_id: Some(id),
            ..Default::default()
        },
    )?;
    Ok(Some(StoredDocument {
        summary,
        model,
        findings,
    }))
}

pub(crate) fn findings(
    tx: &mut dyn Sql,
    filter: &FindingFilter,
) -> Result<Vec<StoredFinding>, StoreError> {
    let mut sql = String::from(
        "SELECT f.id, f.document_id, f.finding_json, r.status, r.comment, r.at FROM findings f \
         JOIN documents d ON d.id = f.document_id LEFT JOIN departments p ON p.id = d.department_id \
         LEFT JOIN reviews r ON r.document_sha256 = d.sha256 AND r.fingerprint = f.fingerprint WHERE 1 = 1",
    );
    let mut params = Vec::new();
    if let Some(id) = filter.document_id {
        sql.push_str(" AND f.document_id = ?");
        params.push(id.into());
    }
    if let Some(rule) = &filter.rule {
        sql.push_str(" AND f.rule = ?");
        params.push(rule.to_ascii_uppercase().into());
    }
    if let Some(s) = filter.severity {
        sql.push_str(" AND f.severity = ?");
        params.push(s.as_str().into());
    }
    if let Some(d) = &filter.department {
        sql.push_str(" AND p.name LIKE ?");
        params.push(like(d));
    }
    if let Some(y) = filter.year {
        sql.push_str(" AND d.year = ?");
        params.push(y.into());
    }
    sql.push_str(" ORDER BY p.name, d.year, f.document_id, f.ordinal");
    tx.query(&sql, &params)?
        .into_iter()
        .map(|r| {
            let finding: Finding = serde_json::from_str(&r[2].text().unwrap_or_default())?;
            Ok(StoredFinding {
                id: r[0].int().unwrap_or(0),
                document_id: r[1].int().unwrap_or(0),
                finding,
                review: review_from(&r[3], &r[4], &r[5]),
            })
        })
        .collect()
}

pub(crate) fn source(tx: &mut dyn Sql, id: i64) -> Result<Option<StoredSource>, StoreError> {
    let Some(doc) = tx.one(
        "SELECT d.path, d.format, s.bytes FROM documents d JOIN sources s ON s.document_id = d.id WHERE d.id = ?",
        &[id.into()],
    )?
    else {
        return Ok(None);
    };
    let mut doc = doc.into_iter();
    let path = doc.next().and_then(|v| v.text()).unwrap_or_default();
    let format = doc.next().and_then(|v| v.text()).unwrap_or_default();
    let bytes = doc.next().map(Val::bytes).unwrap_or_default();
    let lines = tx
        .query(
            "SELECT number, page, text FROM source_lines WHERE document_id = ? ORDER BY number",
            &[id.into()],
        )?
        .into_iter()
        .map(|r| SourceLine {
            number: r[0].int().unwrap_or(0) as u32,
            page: r[1].int().map(|p| p as u32),
            text: r[2].text().unwrap_or_default(),
        })
        .collect();
    Ok(Some(StoredSource {
        path,
        format,
        bytes,
        lines,
    }))
}

pub(crate) fn counts(tx: &mut dyn Sql, id: i64) -> Result<Vec<(String, i64)>, StoreError> {
    let mut out = Vec::new();
    for table in crate::write::CHILD_TABLES.iter().rev() {
        let n = tx
            .one(
                &format!("SELECT COUNT(*) FROM {table} WHERE document_id = ?"),
                &[id.into()],
            )?
            .and_then(|r| r[0].int())
            .unwrap_or(0);
        out.push((table.to_string(), n));
    }
    Ok(out)
}

fn json(v: Val) -> serde_json::Value {
    match v {
        Val::Null => serde_json::Value::Null,
        Val::Int(i) => i.into(),
        Val::Text(s) => s.into(),
        Val::Bytes(b) => format!("<{} bytes>", b.len()).into(),
    }
}

fn refused(detail: &str) -> StoreError {
    StoreError::WriteRefused(format!(
        "`sql` only reads (SELECT, WITH … SELECT, EXPLAIN); this statement would write or change the session ({detail})"
    ))
}

/// Pragmas that only describe the schema, whatever their argument (`PRAGMA table_info(cells)`).
const DESCRIBING_PRAGMAS: &[&str] = &[
    "table_info",
    "table_xinfo",
    "table_list",
    "index_list",
    "index_info",
    "index_xinfo",
    "foreign_key_list",
    "collation_list",
    "function_list",
];

/// Pragmas that only read when given no value (`PRAGMA user_version`, not `… = 5`).
const READING_PRAGMAS: &[&str] = &["user_version", "schema_version"];

/// What the SQLite authorizer lets an analyst statement do: read tables, select, call functions
/// and recurse; nothing else (no write, `ATTACH`, `PRAGMA … = …`, transaction or schema change).
fn sqlite_allows(action: &rusqlite::hooks::AuthAction<'_>) -> bool {
    use rusqlite::hooks::AuthAction;
    match action {
        AuthAction::Select | AuthAction::Read { .. } | AuthAction::Recursive => true,
        AuthAction::Function { .. } => true,
        AuthAction::Pragma {
            pragma_name,
            pragma_value,
        } => {
            let name = pragma_name.to_ascii_lowercase();
            DESCRIBING_PRAGMAS.contains(&name.as_str())
                || (pragma_value.is_none() && READING_PRAGMAS.contains(&name.as_str()))
        }
        _ => false,
    }
}

fn timed_out(timeout: Duration) -> StoreError {
    StoreError::TimedOut(format!(
        "the query was stopped after {} s (raise the limit with --timeout)",
        timeout.as_secs_f64()
    ))
}

pub(crate) fn sqlite_readonly(
    path: &Path,
    sql: &str,
    timeout: Duration,
) -> Result<QueryResult, StoreError> {
    use rusqlite::OpenFlags;
    let conn = rusqlite::Connection::open_with_flags(
        path,
        OpenFlags::SQLITE_OPEN_READ_ONLY
            | OpenFlags::SQLITE_OPEN_NO_MUTEX
            | OpenFlags::SQLITE_OPEN_URI,
    )?;
    conn.execute_batch("PRAGMA query_only = ON")?;
    // The authorizer refuses, while the statement is prepared, anything but reading.
    let denied = std::sync::Arc::new(std::sync::Mutex::new(None::<String>));
    let seen = denied.clone();
    conn.authorizer(Some(move |ctx: rusqlite::hooks::AuthContext<'_>| {
        if sqlite_allows(&ctx.action) {
            rusqlite::hooks::Authorization::Allow
        } else {
            if let Ok(mut d) = seen.lock() {
                d.get_or_insert_with(|| format!("{:?}", ctx.action));
            }
            rusqlite::hooks::Authorization::Deny
        }
    }));
    // Stopped when it runs past the deadline (checked every few thousand VM steps).
    let deadline = Instant::now() + timeout;
    conn.progress_handler(4096, Some(move || Instant::now() >= deadline));
    let denied_action = || {
        denied
            .lock()
            .ok()
            .and_then(|d| d.clone())
            .unwrap_or_else(|| "not authorized".into())
    };
    let map = |e: rusqlite::Error| match e {
        rusqlite::Error::SqliteFailure(f, _) if f.code == rusqlite::ErrorCode::ReadOnly => {
            refused("read-only database")
        }
        rusqlite::Error::SqliteFailure(f, _)
            if f.code == rusqlite::ErrorCode::AuthorizationForStatementDenied =>
        {
            refused(&denied_action())
        }
        rusqlite::Error::SqliteFailure(f, _)
            if f.code == rusqlite::ErrorCode::OperationInterrupted =>
        {
            timed_out(timeout)
        }
        e => e.into(),
    };
    let mut stmt = conn
        .prepare(sql.trim().trim_end_matches(';'))
        .map_err(map)?;
    if !stmt.readonly() {
        return Err(refused("SQLite reports it is not read-only"));
    }
    let columns: Vec<String> = stmt.column_names().iter().map(|c| c.to_string()).collect();
    let n = columns.len();
    let mut rows = stmt.query([]).map_err(map)?;
    let mut out = Vec::new();
    while let Some(row) = rows.next().map_err(map)? {
        let mut r = Vec::with_capacity(n);
        for i in 0..n {
            r.push(json(sqlite_val(row.get_ref(i)?)));
        }
        out.push(r);
    }
    Ok(QueryResult { columns, rows: out })
}

#[cfg(feature = "postgres")]
pub(crate) fn postgres_readonly(
    client: &mut postgres::Client,
    sql: &str,
    timeout: Duration,
) -> Result<QueryResult, StoreError> {
    let mut tx = client.build_transaction().read_only(true).start()?;
    // A statement first, so that the analyst's cannot switch the transaction to read-write;
    // the time limit holds for this transaction only.
    let ms = timeout.as_millis().clamp(1, i32::MAX as u128);
    tx.batch_execute(&format!("SET LOCAL statement_timeout = {ms}"))?;
    tx.execute("SELECT 1", &[])?;
    let result = (|| {
        let stmt = tx.prepare(sql.trim().trim_end_matches(';'))?;
        let columns: Vec<String> = stmt
            .columns()
            .iter()
            .map(|c| c.name().to_string())
            .collect();
        let rows = tx.query(&stmt, &[])?;
        let rows = rows
            .iter()
            .map(|r| (0..r.len()).map(|i| pg_val(r, i).map(json)).collect())
            .collect::<Result<Vec<Vec<_>>, StoreError>>()?;
        Ok::<_, StoreError>(QueryResult { columns, rows })
    })();
    let _ = tx.rollback();
    result.map_err(|e| match e {
        StoreError::Database(m) if m.starts_with("25006") => refused(&m),
        StoreError::Database(m) if m.starts_with("57014") => timed_out(timeout),
        StoreError::Database(m) if m.contains("cannot insert multiple commands") => {
            StoreError::Invalid("`sql` runs one statement at a time".into())
        }
        e => e,
    })
}
