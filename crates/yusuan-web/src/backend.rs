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
    /// The client left before the work was done; nothing was stored.
    #[error("{0}")]
    Cancelled(String),
}

/// Tells blocking work that its request is gone (the client disconnected), so that it stops at
/// the next step instead of finishing for nobody.
#[derive(Debug, Clone, Default)]
pub struct Cancel(std::sync::Arc<std::sync::atomic::AtomicBool>);

impl Cancel {
    pub fn cancel(&self) {
        self.0.store(true, std::sync::atomic::Ordering::SeqCst);
    }

    pub fn is_cancelled(&self) -> bool {
        self.0.load(std::sync::atomic::Ordering::SeqCst)
    }

    /// A guard that cancels when dropped: held by the request handler, whose future is dropped
    /// when its client disconnects.
    pub fn on_drop(&self) -> CancelOnDrop {
        CancelOnDrop(self.clone())
    }
}

/// Cancels its [`Cancel`] when dropped.
pub struct CancelOnDrop(Cancel);

impl Drop for CancelOnDrop {
    fn drop(&mut self) {
        self.0.cancel();
    }
}

/// The library operations the web app uses. All methods block.
pub trait Backend: Send + Sync + 'static {
    /// Reads, extracts and checks one uploaded file (`name` is only recorded), then stores it,
    /// unless `cancel` says the client left: then it stops at the next step and stores nothing.
    fn ingest(
        &self,
        name: &str,
        bytes: &[u8],
        cancel: &Cancel,
    ) -> Result<IngestOutcome, BackendError>;
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
