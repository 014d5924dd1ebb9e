//! [`Backend`] over the store's [`Library`] (SQLite or PostgreSQL).

use yusuan_store as store;
use yusuan_store::Library;

use crate::backend::*;

fn err(e: store::StoreError) -> BackendError {
    match e {
        store::StoreError::Invalid(m) => BackendError::NotFound(m),
        other => BackendError::Store(other.to_string()),
    }
}

impl Backend for Library {
    fn ingest(
        &self,
        name: &str,
        bytes: &[u8],
        cancel: &Cancel,
    ) -> Result<IngestOutcome, BackendError> {
        let gone = || BackendError::Cancelled(format!("{name}：客户端已断开，未入库。"));
        if cancel.is_cancelled() {
            return Err(gone());
        }
        let processed = store::process_bytes(name, bytes)
            .map_err(|e| BackendError::Unprocessable(e.to_string()))?;
        // Never stored for a client that left while it was being read.
        if cancel.is_cancelled() {
            return Err(gone());
        }
        self.store(&processed).map_err(err)
    }

    fn list(&self, filter: &DocumentFilter) -> Result<Vec<DocumentSummary>, BackendError> {
        Library::list(self, filter).map_err(err)
    }

    fn document(&self, id: i64) -> Result<Option<StoredDocument>, BackendError> {
        Library::document(self, id).map_err(err)
    }

    fn findings(&self, filter: &FindingFilter) -> Result<Vec<StoredFinding>, BackendError> {
        Library::findings(self, filter).map_err(err)
    }

    fn set_review(
        &self,
        finding_id: i64,
        status: ReviewStatus,
        comment: &str,
    ) -> Result<(), BackendError> {
        Library::set_review(self, finding_id, status, comment).map_err(err)
    }

    fn source(&self, document_id: i64) -> Result<Option<StoredSource>, BackendError> {
        Library::source(self, document_id).map_err(err)
    }

    fn delete(&self, document_id: i64) -> Result<bool, BackendError> {
        Library::delete(self, document_id).map_err(err)
    }
}
