//! The library of disclosures (文库): every processed document, its tables, facts and findings,
//! in one SQL database an analyst can query.
//!
//! [`Library::open`] takes a file path (SQLite, created when missing) or a `postgres://` URL
//! (PostgreSQL); both hold the same schema, created and upgraded by the versioned migrations in
//! `migrations/{sqlite,postgres}/NNNN_name.sql` when the library is opened.
//!
//! **Transaction invariant**: [`Library::store`] writes one document — its row, source, tables,
//! rows, cells, facts, projects, procurement, assets, findings, and the year-on-year findings it
//! causes — in ONE transaction. A process killed at any moment leaves either the whole document
//! or none of it. Reading, extraction and checking ([`process_path`], [`process_bytes`]) happen
//! before, outside any transaction, so [`ingest`] runs them in parallel.
//!
//! The schema is described in `docs/schema.md` of this crate, with analyst queries.

// Not every public item is documented yet: until then the workspace's `missing_docs` lint
// is relaxed for this crate.
#![allow(missing_docs)]

mod db;
mod ingest;
mod migrate;
#[cfg(feature = "postgres")]
mod pg_numeric;
mod process;
mod read;
mod write;

pub mod compare;
pub mod export;

#[cfg(feature = "postgres")]
use std::collections::HashMap;
use std::path::{Path, PathBuf};
use std::sync::Mutex;

use serde::{Deserialize, Serialize};
use yusuan_model::{Disclosure, Finding, Severity};

pub use ingest::{ingest, IngestEvent, IngestSummary};
pub use process::{extractor_version, process_bytes, process_path, ProcessError, Processed};

#[cfg(feature = "postgres")]
use db::PgTx;
use db::{Sql, Val};

/// What can go wrong with the library.
#[derive(Debug, thiserror::Error)]
pub enum StoreError {
    #[error("cannot open the library at {target}: {cause}")]
    Open { target: String, cause: String },
    #[error("database error: {0}")]
    Database(String),
    #[error("the library is read-only here: {0}")]
    WriteRefused(String),
    #[error("{0}")]
    TimedOut(String),
    #[error("stored data is damaged: {0}")]
    Corrupt(String),
    #[error("{0}")]
    Invalid(String),
    #[error("cannot write {path}: {cause}")]
    Export { path: String, cause: String },
}

impl From<rusqlite::Error> for StoreError {
    fn from(e: rusqlite::Error) -> Self {
        StoreError::Database(e.to_string())
    }
}

#[cfg(feature = "postgres")]
impl From<postgres::Error> for StoreError {
    fn from(e: postgres::Error) -> Self {
        match e.as_db_error() {
            Some(db) => StoreError::Database(format!("{}: {}", db.code().code(), db.message())),
            None => StoreError::Database(e.to_string()),
        }
    }
}

impl From<serde_json::Error> for StoreError {
    fn from(e: serde_json::Error) -> Self {
        StoreError::Corrupt(e.to_string())
    }
}

/// What [`Library::store`] did with a document.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize, Deserialize)]
pub enum IngestOutcome {
    /// A new document (its id).
    Inserted(i64),
    /// The same bytes were stored by another extractor version: replaced, same id.
    Replaced(i64),
    /// The same bytes by the same extractor version were already there.
    Unchanged(i64),
}

impl IngestOutcome {
    pub fn id(self) -> i64 {
        match self {
            IngestOutcome::Inserted(i)
            | IngestOutcome::Replaced(i)
            | IngestOutcome::Unchanged(i) => i,
        }
    }
}

/// One stored document, as listed.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
pub struct DocumentSummary {
    pub id: i64,
    pub path: String,
    pub sha256: String,
    /// The format the file was read as (`text`, `pdf`, `docx`, `xlsx`, `xls`, `html`).
    #[serde(default)]
    pub format: String,
    /// 部门 / 单位 name as printed.
    pub department: Option<String>,
    pub year: Option<i32>,
    /// `department_budget`, `unit_final_accounts`, … ([`yusuan_model::DocumentKind`]).
    pub kind: String,
    pub errors: i64,
    pub warnings: i64,
    pub infos: i64,
    /// RFC 3339, UTC.
    pub ingested_at: String,
}

/// A stored document with its model and findings.
#[derive(Debug, Clone, Serialize, Deserialize)]
pub struct StoredDocument {
    pub summary: DocumentSummary,
    pub model: Disclosure,
    pub findings: Vec<StoredFinding>,
}

/// A stored finding with its review.
#[derive(Debug, Clone, Serialize, Deserialize)]
pub struct StoredFinding {
    pub id: i64,
    pub document_id: i64,
    pub finding: Finding,
    pub review: Option<Review>,
}

/// A reviewer's verdict on a finding (审核).
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
pub struct Review {
    pub status: ReviewStatus,
    pub comment: String,
    pub at: String,
}

#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize, Deserialize)]
#[serde(rename_all = "snake_case")]
pub enum ReviewStatus {
    Open,
    Confirmed,
    Dismissed,
}

impl ReviewStatus {
    pub fn as_str(self) -> &'static str {
        match self {
            ReviewStatus::Open => "open",
            ReviewStatus::Confirmed => "confirmed",
            ReviewStatus::Dismissed => "dismissed",
        }
    }
    fn parse(s: &str) -> Option<Self> {
        match s {
            "open" => Some(ReviewStatus::Open),
            "confirmed" => Some(ReviewStatus::Confirmed),
            "dismissed" => Some(ReviewStatus::Dismissed),
            _ => None,
        }
    }
}

/// Which documents to list. `department` matches part of the name (`万里`).
#[derive(Debug, Clone, Default, Serialize, Deserialize)]
pub struct DocumentFilter {
    pub department: Option<String>,
    pub year: Option<i32>,
    pub kind: Option<String>,
    /// Only documents with a finding of this rule.
    pub rule: Option<String>,
}

/// Which findings to list. `department` matches part of the name.
#[derive(Debug, Clone, Default, Serialize, Deserialize)]
pub struct FindingFilter {
    pub document_id: Option<i64>,
    pub rule: Option<String>,
    pub severity: Option<Severity>,
    pub department: Option<String>,
    pub year: Option<i32>,
}

/// The result of a read-only query: column names and rows of JSON values (integers as numbers,
/// exact decimals and text as strings).
#[derive(Debug, Clone, Serialize, Deserialize)]
pub struct QueryResult {
    pub columns: Vec<String>,
    pub rows: Vec<Vec<serde_json::Value>>,
}

/// One line of a stored source (1-based number, page when the source has pages).
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
pub struct SourceLine {
    pub number: u32,
    pub page: Option<u32>,
    pub text: String,
}

/// The original file of a stored document and its lines as read.
#[derive(Debug, Clone, Serialize, Deserialize)]
pub struct StoredSource {
    pub path: String,
    pub format: String,
    pub bytes: Vec<u8>,
    pub lines: Vec<SourceLine>,
}

enum Backend {
    Sqlite {
        conn: Mutex<rusqlite::Connection>,
        path: PathBuf,
    },
    #[cfg(feature = "postgres")]
    Postgres {
        inner: Box<Mutex<PgInner>>,
        url: String,
    },
}

#[cfg(feature = "postgres")]
struct PgInner {
    client: postgres::Client,
    cache: HashMap<String, postgres::Statement>,
}

impl Backend {
    /// Connects to a PostgreSQL server and applies pending migrations.
    #[cfg(feature = "postgres")]
    fn postgres(url: &str) -> Result<Backend, String> {
        let mut client =
            postgres::Client::connect(url, postgres::NoTls).map_err(|e| e.to_string())?;
        migrate::postgres(&mut client).map_err(|e| e.to_string())?;
        Ok(Backend::Postgres {
            inner: Box::new(Mutex::new(PgInner {
                client,
                cache: HashMap::new(),
            })),
            url: url.to_string(),
        })
    }

    /// A build without the `postgres` feature refuses PostgreSQL targets, saying why.
    #[cfg(not(feature = "postgres"))]
    fn postgres(_url: &str) -> Result<Backend, String> {
        Err(
            "this build of yusuan has no PostgreSQL support (built without the `postgres` feature)"
                .into(),
        )
    }
}

/// The library: one database of stored disclosures. `Send + Sync`; every method blocks.
pub struct Library {
    backend: Backend,
}

/// How long an analyst query may run unless told otherwise.
pub const DEFAULT_QUERY_TIMEOUT: std::time::Duration = std::time::Duration::from_secs(60);

/// Is this target a PostgreSQL URL?
pub fn is_postgres_url(target: &str) -> bool {
    target.starts_with("postgres://") || target.starts_with("postgresql://")
}

impl Library {
    /// A filesystem path → SQLite (created if missing, with its folder); `postgres://…` or
    /// `postgresql://…` → PostgreSQL. Applies pending migrations.
    pub fn open(target: &str) -> Result<Library, StoreError> {
        let fail = |cause: String| StoreError::Open {
            target: target.to_string(),
            cause,
        };
        let backend = if is_postgres_url(target) {
            Backend::postgres(target).map_err(fail)?
        } else {
            let path = PathBuf::from(target);
            if let Some(dir) = path.parent().filter(|d| !d.as_os_str().is_empty()) {
                std::fs::create_dir_all(dir).map_err(|e| fail(e.to_string()))?;
            }
            let mut conn = rusqlite::Connection::open(&path).map_err(|e| fail(e.to_string()))?;
            conn.busy_timeout(std::time::Duration::from_secs(30))
                .map_err(|e| fail(e.to_string()))?;
            conn.execute_batch(
                "PRAGMA journal_mode = WAL; PRAGMA synchronous = NORMAL; PRAGMA foreign_keys = ON;",
            )
            .map_err(|e| fail(e.to_string()))?;
            conn.set_prepared_statement_cache_capacity(64);
            migrate::sqlite(&mut conn).map_err(|e| fail(e.to_string()))?;
            Backend::Sqlite {
                conn: Mutex::new(conn),
                path,
            }
        };
        Ok(Library { backend })
    }

    /// Opens a library that must already exist, for commands that only read it: a SQLite path
    /// that names no file, or a PostgreSQL database without the library's tables, is refused
    /// (a mistyped `--db` must not silently create an empty library).
    pub fn open_existing(target: &str) -> Result<Library, StoreError> {
        let missing = |what: &str| StoreError::Open {
            target: target.to_string(),
            cause: format!("{what}; check --db / YUSUAN_DB (`yusuan ingest` creates a library)"),
        };
        if is_postgres_url(target) {
            // Without the `postgres` feature, `Library::open` below says what is missing.
            #[cfg(feature = "postgres")]
            {
                let mut client =
                    postgres::Client::connect(target, postgres::NoTls).map_err(|e| {
                        StoreError::Open {
                            target: target.to_string(),
                            cause: e.to_string(),
                        }
                    })?;
                let row = client.query_one("SELECT to_regclass('documents') IS NOT NULL", &[])?;
                if !row.get::<_, bool>(0) {
                    return Err(missing("this database holds no library"));
                }
            }
        } else if !Path::new(target).is_file() {
            return Err(missing("there is no library file at this path"));
        }
        Library::open(target)
    }

    /// The default database: `$XDG_DATA_HOME/yusuan/library.sqlite`, else
    /// `~/.local/share/yusuan/library.sqlite`, else `./yusuan-library.sqlite`.
    pub fn default_location() -> PathBuf {
        let xdg = std::env::var_os("XDG_DATA_HOME").filter(|v| !v.is_empty());
        if let Some(dir) = xdg {
            return PathBuf::from(dir).join("yusuan").join("library.sqlite");
        }
        match std::env::var_os("HOME").filter(|v| !v.is_empty()) {
            Some(home) => PathBuf::from(home)
                .join(".local")
                .join("share")
                .join("yusuan")
                .join("library.sqlite"),
            None => PathBuf::from("yusuan-library.sqlite"),
        }
    }

    /// `sqlite` or `postgres`.
    pub fn backend_name(&self) -> &'static str {
        match self.backend {
            Backend::Sqlite { .. } => "sqlite",
            #[cfg(feature = "postgres")]
            Backend::Postgres { .. } => "postgres",
        }
    }

    /// Runs `f` in one write transaction: committed when it returns `Ok`, rolled back otherwise.
    fn write<R>(
        &self,
        f: impl FnOnce(&mut dyn Sql) -> Result<R, StoreError>,
    ) -> Result<R, StoreError> {
        match &self.backend {
            Backend::Sqlite { conn, .. } => {
                let mut conn = lock(conn)?;
                conn.execute_batch("BEGIN IMMEDIATE")?;
                match f(&mut *conn) {
                    Ok(r) => {
                        if let Err(e) = conn.execute_batch("COMMIT") {
                            let _ = conn.execute_batch("ROLLBACK");
                            return Err(e.into());
                        }
                        Ok(r)
                    }
                    Err(e) => {
                        let _ = conn.execute_batch("ROLLBACK");
                        Err(e)
                    }
                }
            }
            #[cfg(feature = "postgres")]
            Backend::Postgres { inner, .. } => {
                let mut inner = lock(inner)?;
                let PgInner { client, cache } = &mut *inner;
                let tx = client.transaction()?;
                let mut pg = PgTx { tx, cache };
                let r = f(&mut pg)?;
                pg.tx.commit()?;
                Ok(r)
            }
        }
    }

    /// Runs `f` for reading (a consistent snapshot on PostgreSQL).
    fn read<R>(
        &self,
        f: impl FnOnce(&mut dyn Sql) -> Result<R, StoreError>,
    ) -> Result<R, StoreError> {
        match &self.backend {
            Backend::Sqlite { conn, .. } => {
                let mut conn = lock(conn)?;
                f(&mut *conn)
            }
            #[cfg(feature = "postgres")]
            Backend::Postgres { inner, .. } => {
                let mut inner = lock(inner)?;
                let PgInner { client, cache } = &mut *inner;
                let tx = client.transaction()?;
                let mut pg = PgTx { tx, cache };
                let r = f(&mut pg)?;
                pg.tx.commit()?;
                Ok(r)
            }
        }
    }

    /// Stores one processed document in ONE transaction. Same sha256 and extractor version →
    /// `Unchanged`; same sha256, another version → `Replaced` (the old rows deleted in the same
    /// transaction, the id kept). Also records the year-on-year findings of this document against
    /// the previous year's, and re-checks the next year's document against this one.
    pub fn store(&self, doc: &Processed) -> Result<IngestOutcome, StoreError> {
        let now = now_rfc3339();
        self.write(|tx| write::store(tx, doc, &now))
    }

    /// The stored documents, by department, year and kind.
    pub fn list(&self, filter: &DocumentFilter) -> Result<Vec<DocumentSummary>, StoreError> {
        self.read(|tx| read::list(tx, filter))
    }

    /// One stored document with its model and findings.
    pub fn document(&self, id: i64) -> Result<Option<StoredDocument>, StoreError> {
        self.read(|tx| read::document(tx, id))
    }

    /// The id of a document given by id, by sha256 (or a unique prefix of at least 6 digits) or
    /// by its stored path.
    pub fn resolve(&self, key: &str) -> Result<Option<i64>, StoreError> {
        self.read(|tx| read::resolve(tx, key))
    }

    /// Stored findings, with their reviews.
    pub fn findings(&self, filter: &FindingFilter) -> Result<Vec<StoredFinding>, StoreError> {
        self.read(|tx| read::findings(tx, filter))
    }

    /// Records a reviewer's verdict on a finding; it survives re-ingesting the document.
    pub fn set_review(
        &self,
        finding_id: i64,
        status: ReviewStatus,
        comment: &str,
    ) -> Result<(), StoreError> {
        let now = now_rfc3339();
        self.write(|tx| {
            let row = tx
                .one(
                    "SELECT d.sha256, f.fingerprint FROM findings f JOIN documents d ON d.id = f.document_id WHERE f.id = ?",
                    &[finding_id.into()],
                )?
                .ok_or_else(|| StoreError::Invalid(format!("no finding {finding_id}")))?;
            tx.exec(
                "INSERT INTO reviews (document_sha256, fingerprint, status, comment, at) VALUES (?, ?, ?, ?, ?) \
                 ON CONFLICT (document_sha256, fingerprint) DO UPDATE SET status = excluded.status, comment = excluded.comment, at = excluded.at",
                &[row[0].clone(), row[1].clone(), status.as_str().into(), comment.into(), now.clone().into()],
            )?;
            Ok(())
        })
    }

    /// Read-only SQL for analysts, stopped after [`DEFAULT_QUERY_TIMEOUT`]; see
    /// [`Library::query_readonly_within`].
    pub fn query_readonly(&self, sql: &str) -> Result<QueryResult, StoreError> {
        self.query_readonly_within(sql, DEFAULT_QUERY_TIMEOUT)
    }

    /// Read-only SQL for analysts, stopped after `timeout` ([`StoreError::TimedOut`]). Anything
    /// but reading is refused ([`StoreError::WriteRefused`]): SQLite prepares the statement on a
    /// read-only connection under an authorizer that allows only reads (no write, `ATTACH`,
    /// `PRAGMA x = y` or transaction) and interrupts it at the deadline from a progress handler;
    /// PostgreSQL runs it in a `READ ONLY` transaction with a local `statement_timeout`, rolled
    /// back afterwards.
    pub fn query_readonly_within(
        &self,
        sql: &str,
        timeout: std::time::Duration,
    ) -> Result<QueryResult, StoreError> {
        match &self.backend {
            Backend::Sqlite { path, .. } => read::sqlite_readonly(path, sql, timeout),
            #[cfg(feature = "postgres")]
            Backend::Postgres { inner, .. } => {
                let mut inner = lock(inner)?;
                read::postgres_readonly(&mut inner.client, sql, timeout)
            }
        }
    }

    /// The original bytes and lines of a stored document.
    pub fn source(&self, document_id: i64) -> Result<Option<StoredSource>, StoreError> {
        self.read(|tx| read::source(tx, document_id))
    }

    /// Deletes a document and everything stored with it. False when there was none.
    pub fn delete(&self, document_id: i64) -> Result<bool, StoreError> {
        self.write(|tx| write::delete(tx, document_id))
    }

    /// Counts of what is stored for one document, by table name (`tables`, `rows`, `cells`,
    /// `narrative_facts`, `findings`, …), for checks and reports.
    pub fn counts(&self, document_id: i64) -> Result<Vec<(String, i64)>, StoreError> {
        self.read(|tx| read::counts(tx, document_id))
    }

    /// Where the library is: the SQLite path or the PostgreSQL URL.
    pub fn location(&self) -> String {
        match &self.backend {
            Backend::Sqlite { path, .. } => path.display().to_string(),
            #[cfg(feature = "postgres")]
            Backend::Postgres { url, .. } => url.clone(),
        }
    }

    /// The size of the database in bytes (SQLite file with its WAL, or `pg_database_size`/the
    /// schema's relations for PostgreSQL).
    pub fn size_bytes(&self) -> Result<u64, StoreError> {
        match &self.backend {
            Backend::Sqlite { path, conn } => {
                let conn = lock(conn)?;
                let _ = conn.execute_batch("PRAGMA wal_checkpoint(TRUNCATE)");
                let size = |p: &Path| std::fs::metadata(p).map(|m| m.len()).unwrap_or(0);
                let mut wal = path.as_os_str().to_owned();
                wal.push("-wal");
                Ok(size(path) + size(Path::new(&wal)))
            }
            #[cfg(feature = "postgres")]
            Backend::Postgres { .. } => self.read(|tx| {
                let row = tx.one(
                    "SELECT CAST(COALESCE(SUM(pg_total_relation_size(c.oid)), 0) AS BIGINT) FROM pg_class c \
                     JOIN pg_namespace n ON n.oid = c.relnamespace WHERE n.nspname = current_schema() AND c.relkind = 'r'",
                    &[],
                )?;
                Ok(row.and_then(|r| r[0].int()).unwrap_or(0) as u64)
            }),
        }
    }
}

fn lock<T>(m: &Mutex<T>) -> Result<std::sync::MutexGuard<'_, T>, StoreError> {
    m.lock().map_err(|_| {
        StoreError::Database("a previous operation panicked while holding the connection".into())
    })
}

/// The current time as RFC 3339 UTC (`2026-12-01T15:43:04Z`).
pub(crate) fn now_rfc3339() -> String {
    let secs = std::time::SystemTime::now()
        .duration_since(std::time::UNIX_EPOCH)
        .map(|d| d.as_secs() as i64)
        .unwrap_or(0);
    let days = secs.div_euclid(86_400);
    let rem = secs.rem_euclid(86_400);
    // Civil date from days since 1970-01-01 (Howard Hinnant's algorithm).
    let z = days + 719_468;
    let era = z.div_euclid(146_097);
    let doe = z - era * 146_097;
    let yoe = (doe - doe / 1460 + doe / 36_524 - doe / 146_096) / 365;
    let doy = doe - (365 * yoe + yoe / 4 - yoe / 100);
    let mp = (5 * doy + 2) / 153;
    let d = doy - (153 * mp + 2) / 5 + 1;
    let m = if mp < 10 { mp + 3 } else { mp - 9 };
    let y = yoe + era * 400 + i64::from(m <= 2);
    format!(
        "{y:04}-{m:02}-{d:02}T{:02}:{:02}:{:02}Z",
        rem / 3600,
        rem % 3600 / 60,
        rem % 60
    )
}

/// A finding's stable identity across re-ingests: rule, first location, message.
pub(crate) fn fingerprint(f: &Finding) -> String {
    use sha2::{Digest, Sha256};
    let first = f
        .locations
        .first()
        .map(|l| {
            format!(
                "{}:{}:{}",
                l.span.path,
                l.span.line,
                l.span.column.unwrap_or(0)
            )
        })
        .unwrap_or_default();
    let digest = Sha256::digest(format!("{}\u{1f}{first}\u{1f}{}", f.rule, f.message).as_bytes());
    digest.iter().take(12).map(|b| format!("{b:02x}")).collect()
}

pub(crate) fn review_from(status: &Val, comment: &Val, at: &Val) -> Option<Review> {
    Some(Review {
        status: ReviewStatus::parse(&status.text()?)?,
        comment: comment.text().unwrap_or_default(),
        at: at.text().unwrap_or_default(),
    })
}
