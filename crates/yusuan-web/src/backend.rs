//! What the web app needs from the library (文库): the store's types, and the operations as a
//! trait so that handlers hold one `Arc<dyn Backend>`.
//!
//! [`Backend`] is implemented for the store's `Library`; handlers call it from
//! `tokio::task::spawn_blocking` since every method blocks.

pub use yusuan_store::{
    DocumentFilter, DocumentSummary, FindingFilter, IngestOutcome, Review, ReviewStatus,
    SourceLine, StoredDocument, StoredFinding, StoredSource,
};

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
