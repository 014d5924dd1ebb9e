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

fn summary(s: store::DocumentSummary) -> DocumentSummary {
    DocumentSummary {
        id: s.id,
        path: s.path,
        sha256: s.sha256,
        department: s.department,
        year: s.year,
        kind: s.kind,
        errors: s.errors,
        warnings: s.warnings,
        infos: s.infos,
        ingested_at: s.ingested_at,
    }
}

fn status_in(s: ReviewStatus) -> store::ReviewStatus {
    match s {
        ReviewStatus::Open => store::ReviewStatus::Open,
        ReviewStatus::Confirmed => store::ReviewStatus::Confirmed,
        ReviewStatus::Dismissed => store::ReviewStatus::Dismissed,
    }
}

fn status_out(s: store::ReviewStatus) -> ReviewStatus {
    match s {
        store::ReviewStatus::Open => ReviewStatus::Open,
        store::ReviewStatus::Confirmed => ReviewStatus::Confirmed,
        store::ReviewStatus::Dismissed => ReviewStatus::Dismissed,
    }
}

fn finding(f: store::StoredFinding) -> StoredFinding {
    StoredFinding {
        id: f.id,
        document_id: f.document_id,
        finding: f.finding,
        review: f.review.map(|r| Review {
            status: status_out(r.status),
            comment: r.comment,
            at: r.at,
        }),
    }
}

impl Backend for Library {
    fn ingest(&self, name: &str, bytes: &[u8]) -> Result<IngestOutcome, BackendError> {
        let processed = store::process_bytes(name, bytes)
            .map_err(|e| BackendError::Unprocessable(e.to_string()))?;
        Ok(match self.store(&processed).map_err(err)? {
            store::IngestOutcome::Inserted(i) => IngestOutcome::Inserted(i),
            store::IngestOutcome::Replaced(i) => IngestOutcome::Replaced(i),
            store::IngestOutcome::Unchanged(i) => IngestOutcome::Unchanged(i),
        })
    }

    fn list(&self, f: &DocumentFilter) -> Result<Vec<DocumentSummary>, BackendError> {
        let filter = store::DocumentFilter {
            department: f.department.clone(),
            year: f.year,
            kind: f.kind.clone(),
            rule: f.rule.clone(),
        };
        Ok(Library::list(self, &filter)
            .map_err(err)?
            .into_iter()
            .map(summary)
            .collect())
    }

    fn document(&self, id: i64) -> Result<Option<StoredDocument>, BackendError> {
        Ok(Library::document(self, id)
            .map_err(err)?
            .map(|d| StoredDocument {
                summary: summary(d.summary),
                model: d.model,
                findings: d.findings.into_iter().map(finding).collect(),
            }))
    }

    fn findings(&self, f: &FindingFilter) -> Result<Vec<StoredFinding>, BackendError> {
        let filter = store::FindingFilter {
            document_id: f.document_id,
            rule: f.rule.clone(),
            severity: f.severity,
            department: f.department.clone(),
            year: f.year,
        };
        Ok(Library::findings(self, &filter)
            .map_err(err)?
            .into_iter()
            .map(finding)
            .collect())
    }

    fn set_review(
        &self,
        finding_id: i64,
        status: ReviewStatus,
        comment: &str,
    ) -> Result<(), BackendError> {
        Library::set_review(self, finding_id, status_in(status), comment).map_err(err)
    }

    fn source(&self, document_id: i64) -> Result<Option<StoredSource>, BackendError> {
        Ok(Library::source(self, document_id)
            .map_err(err)?
            .map(|s| StoredSource {
                path: s.path,
                format: s.format,
                bytes: s.bytes,
                lines: s
                    .lines
                    .into_iter()
                    .map(|l| SourceLine {
                        number: l.number,
                        page: l.page,
                        text: l.text,
                    })
                    .collect(),
            }))
    }

    fn delete(&self, document_id: i64) -> Result<bool, BackendError> {
        Library::delete(self, document_id).map_err(err)
    }
}
