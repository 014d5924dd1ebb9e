//! What the web app needs from the library (文库), and the JSON shapes it serves.
//!
//! [`Backend`] is implemented for the store's `Library`; handlers call it from
//! `tokio::task::spawn_blocking` since every method blocks.

use serde::{Deserialize, Serialize};
use yusuan_model::{Disclosure, Finding, Severity};

/// A stored document without its model: what the library lists.
#[derive(Debug, Clone, Serialize, Deserialize)]
pub struct DocumentSummary {
    pub id: i64,
    pub path: String,
    pub sha256: String,
    pub department: Option<String>,
    pub year: Option<i32>,
    pub kind: String,
    pub errors: i64,
    pub warnings: i64,
    pub infos: i64,
    pub ingested_at: String,
}

/// A stored document with its model and findings.
#[derive(Debug, Clone, Serialize, Deserialize)]
pub struct StoredDocument {
    pub summary: DocumentSummary,
    pub model: Disclosure,
    pub findings: Vec<StoredFinding>,
}

/// A finding as stored, with its review.
#[derive(Debug, Clone, Serialize, Deserialize)]
pub struct StoredFinding {
    pub id: i64,
    pub document_id: i64,
    pub finding: Finding,
    pub review: Option<Review>,
}

/// A reviewer's verdict on a finding (审核意见).
#[derive(Debug, Clone, Serialize, Deserialize)]
pub struct Review {
    pub status: ReviewStatus,
    pub comment: String,
    pub at: String,
}

/// 待审 / 确认 / 驳回.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize, Deserialize)]
#[serde(rename_all = "snake_case")]
pub enum ReviewStatus {
    Open,
    Confirmed,
    Dismissed,
}

impl ReviewStatus {
    /// The Chinese word shown to reviewers.
    pub fn chinese(self) -> &'static str {
        match self {
            ReviewStatus::Open => "待审",
            ReviewStatus::Confirmed => "已确认",
            ReviewStatus::Dismissed => "已驳回",
        }
    }
}

/// Which documents to list.
#[derive(Debug, Clone, Default, Serialize, Deserialize)]
pub struct DocumentFilter {
    pub department: Option<String>,
    pub year: Option<i32>,
    pub kind: Option<String>,
    pub rule: Option<String>,
}

/// Which findings to list.
#[derive(Debug, Clone, Default)]
pub struct FindingFilter {
    pub document_id: Option<i64>,
    pub rule: Option<String>,
    pub severity: Option<Severity>,
    pub department: Option<String>,
    pub year: Option<i32>,
}

/// One numbered line of a stored source.
#[derive(Debug, Clone, Serialize, Deserialize)]
pub struct SourceLine {
    pub number: u32,
    pub page: Option<u32>,
    pub text: String,
}

/// The original file of a document and its lines as read.
#[derive(Debug, Clone)]
pub struct StoredSource {
    pub path: String,
    pub format: String,
    pub bytes: Vec<u8>,
    pub lines: Vec<SourceLine>,
}

/// What storing an uploaded file did.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize, Deserialize)]
#[serde(tag = "outcome", content = "id", rename_all = "snake_case")]
pub enum IngestOutcome {
    Inserted(i64),
    Replaced(i64),
    Unchanged(i64),
}

impl IngestOutcome {
    pub fn id(self) -> i64 {
        match self {
            IngestOutcome::Inserted(id)
            | IngestOutcome::Replaced(id)
            | IngestOutcome::Unchanged(id) => id,
        }
    }
}

/// Why a backend call failed.
#[derive(Debug, thiserror::Error)]
pub enum BackendError {
    /// The file could not be read or recognised; the message names the file and the cause.
    #[error("{0}")]
    Unprocessable(String),
    /// The id names nothing.
    #[error("{0}")]
    NotFound(String),
    /// The database failed.
    #[error("{0}")]
    Store(String),
}

/// The library operations the web app uses. All methods block.
pub trait Backend: Send + Sync + 'static {
    /// Reads, extracts and checks one uploaded file (`name` is only recorded), then stores it.
    fn ingest(&self, name: &str, bytes: &[u8]) -> Result<IngestOutcome, BackendError>;
    fn list(&self, filter: &DocumentFilter) -> Result<Vec<DocumentSummary>, BackendError>;
    fn document(&self, id: i64) -> Result<Option<StoredDocument>, BackendError>;
    fn findings(&self, filter: &FindingFilter) -> Result<Vec<StoredFinding>, BackendError>;
    fn set_review(
        &self,
        finding_id: i64,
        status: ReviewStatus,
        comment: &str,
    ) -> Result<(), BackendError>;
    fn source(&self, document_id: i64) -> Result<Option<StoredSource>, BackendError>;
    fn delete(&self, document_id: i64) -> Result<bool, BackendError>;
}
