//! A library held in memory (lost when the server stops): read → extract → check of each upload.

use std::sync::Mutex;

use crate::backend::*;

#[derive(Default)]
pub struct MemoryLibrary {
    inner: Mutex<Inner>,
}

#[derive(Default)]
struct Inner {
    next_id: i64,
    docs: Vec<(StoredDocument, StoredSource)>,
}

impl Backend for MemoryLibrary {
    fn ingest(&self, name: &str, bytes: &[u8]) -> Result<IngestOutcome, BackendError> {
        let text = yusuan_read::read_bytes(name, bytes)
            .map_err(|e| BackendError::Unprocessable(e.to_string()))?;
        let model = yusuan_extract::extract(&text);
        let findings = yusuan_rules::check(&model);
        let mut inner = self.inner.lock().unwrap_or_else(|e| e.into_inner());
        if let Some((d, _)) = inner.docs.iter().find(|(d, _)| d.summary.sha256 == text.sha256) {
            return Ok(IngestOutcome::Unchanged(d.summary.id));
        }
        inner.next_id += 1;
        let id = inner.next_id;
        let count = |s| findings.iter().filter(|f| f.severity == s).count() as i64;
        let summary = DocumentSummary {
            id,
            path: name.to_owned(),
            sha256: text.sha256.clone(),
            department: model.department.as_ref().map(|d| d.name.clone()),
            year: model.year,
            kind: model.kind.as_str().to_owned(),
            errors: count(yusuan_model::Severity::Error),
            warnings: count(yusuan_model::Severity::Warning),
            infos: count(yusuan_model::Severity::Info),
            ingested_at: "2026-01-01T00:00:00Z".into(),
        };
        let findings = findings
            .into_iter()
            .enumerate()
            .map(|(i, finding)| StoredFinding {
                id: id * 100_000 + i as i64,
                document_id: id,
                finding,
                review: None,
            })
            .collect();
        let source = StoredSource {
            path: name.to_owned(),
            format: text.format.as_str().to_owned(),
            bytes: bytes.to_vec(),
            lines: text
                .lines
                .iter()
                .map(|l| SourceLine {
                    number: l.number,
                    page: l.page,
                    text: l.text.clone(),
                })
                .collect(),
        };
        inner.docs.push((
            StoredDocument {
                summary,
                model,
                findings,
            },
            source,
        ));
        Ok(IngestOutcome::Inserted(id))
    }

    fn list(&self, filter: &DocumentFilter) -> Result<Vec<DocumentSummary>, BackendError> {
        let inner = self.inner.lock().unwrap_or_else(|e| e.into_inner());
        Ok(inner
            .docs
            .iter()
            .filter(|(d, _)| {
                let s = &d.summary;
                filter.department.as_ref().is_none_or(|x| s.department.as_deref() == Some(x))
                    && filter.year.is_none_or(|y| s.year == Some(y))
                    && filter.kind.as_ref().is_none_or(|k| &s.kind == k)
                    && filter
                        .rule
                        .as_ref()
                        .is_none_or(|r| d.findings.iter().any(|f| &f.finding.rule == r))
            })
            .map(|(d, _)| d.summary.clone())
            .collect())
    }

    fn document(&self, id: i64) -> Result<Option<StoredDocument>, BackendError> {
        let inner = self.inner.lock().unwrap_or_else(|e| e.into_inner());
        Ok(inner.docs.iter().find(|(d, _)| d.summary.id == id).map(|(d, _)| d.clone()))
    }

    fn findings(&self, filter: &FindingFilter) -> Result<Vec<StoredFinding>, BackendError> {
        let inner = self.inner.lock().unwrap_or_else(|e| e.into_inner());
        Ok(inner
            .docs
            .iter()
            .filter(|(d, _)| {
                filter.document_id.is_none_or(|i| d.summary.id == i)
                    && filter
                        .department
                        .as_ref()
                        .is_none_or(|x| d.summary.department.as_deref() == Some(x))
                    && filter.year.is_none_or(|y| d.summary.year == Some(y))
            })
            .flat_map(|(d, _)| d.findings.iter())
            .filter(|f| {
                filter.rule.as_ref().is_none_or(|r| &f.finding.rule == r)
                    && filter.severity.is_none_or(|s| f.finding.severity == s)
            })
            .cloned()
            .collect())
    }

    fn set_review(
        &self,
        finding_id: i64,
        status: ReviewStatus,
        comment: &str,
    ) -> Result<(), BackendError> {
        let mut inner = self.inner.lock().unwrap_or_else(|e| e.into_inner());
        for (d, _) in inner.docs.iter_mut() {
            if let Some(f) = d.findings.iter_mut().find(|f| f.id == finding_id) {
                f.review = Some(Review {
                    status,
                    comment: comment.to_owned(),
                    at: "2026-01-01T00:00:00Z".into(),
                });
                return Ok(());
            }
        }
        Err(BackendError::NotFound(format!("no finding {finding_id}")))
    }

    fn source(&self, document_id: i64) -> Result<Option<StoredSource>, BackendError> {
        let inner = self.inner.lock().unwrap_or_else(|e| e.into_inner());
        Ok(inner
            .docs
            .iter()
            .find(|(d, _)| d.summary.id == document_id)
            .map(|(_, s)| s.clone()))
    }

    fn delete(&self, document_id: i64) -> Result<bool, BackendError> {
        let mut inner = self.inner.lock().unwrap_or_else(|e| e.into_inner());
        let before = inner.docs.len();
        inner.docs.retain(|(d, _)| d.summary.id != document_id);
        Ok(inner.docs.len() != before)
    }
}
