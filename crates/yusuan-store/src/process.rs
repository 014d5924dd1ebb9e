//! read → extract → check of one file, outside any transaction (pure CPU work, run in parallel).

use std::panic::{catch_unwind, AssertUnwindSafe};
use std::path::Path;

use yusuan_model::{Disclosure, Finding};
use yusuan_read::Line;

/// A processed document, ready to store.
#[derive(Debug, Clone)]
pub struct Processed {
    pub path: String,
    /// Lowercase hex SHA-256 of the bytes.
    pub sha256: String,
    pub format: String,
    pub bytes: Vec<u8>,
    pub lines: Vec<Line>,
    pub model: Disclosure,
    /// The findings of the rule catalogue on this document alone.
    pub findings: Vec<Finding>,
    /// Which extraction produced `model` ([`extractor_version`]); a stored document with the same
    /// bytes and another version is replaced.
    pub extractor_version: String,
}

/// A file that could not be processed: the file and the cause.
#[derive(Debug, Clone, thiserror::Error)]
#[error("{path}: {cause}")]
pub struct ProcessError {
    pub path: String,
    pub cause: String,
}

/// The version of the extraction and checking: crate version, model schema version and the
/// size of the rule catalogue.
pub fn extractor_version() -> String {
    format!(
        "{}+schema{}+rules{}",
        env!("CARGO_PKG_VERSION"),
        yusuan_model::SCHEMA_VERSION,
        yusuan_rules::registry().len()
    )
}

/// Reads, extracts and checks a document given as bytes; `name` is its path for messages.
pub fn process_bytes(name: &str, bytes: &[u8]) -> Result<Processed, ProcessError> {
    let fail = |cause: String| ProcessError {
        path: name.to_string(),
        cause,
    };
    let doc = yusuan_read::read_bytes(name, bytes).map_err(|e| {
        // ReadError's message already names the file; keep only the cause.
        let msg = e.to_string();
        fail(
            msg.strip_prefix(&format!("{name}: "))
                .map(str::to_string)
                .unwrap_or(msg),
        )
    })?;
    let (model, findings) = catch_unwind(AssertUnwindSafe(|| {
        let model = yusuan_extract::extract(&doc);
        let findings = yusuan_rules::check(&model);
        (model, findings)
    }))
    .map_err(|_| fail("internal error: extraction or a rule failed on this document".into()))?;
    Ok(Processed {
        path: name.to_string(),
        sha256: doc.sha256.clone(),
        format: doc.format.to_string(),
        bytes: bytes.to_vec(),
        lines: doc.lines,
        model,
        findings,
        extractor_version: extractor_version(),
    })
}

/// Reads a file and processes it ([`process_bytes`]).
pub fn process_path(path: &Path) -> Result<Processed, ProcessError> {
    let name = path.to_string_lossy().into_owned();
    let meta = std::fs::metadata(path).map_err(|e| ProcessError {
        path: name.clone(),
        cause: e.to_string(),
    })?;
    if meta.is_dir() {
        return Err(ProcessError {
            path: name,
            cause: "is a directory".into(),
        });
    }
    if meta.len() > yusuan_read::MAX_INPUT_BYTES {
        return Err(ProcessError {
            path: name,
            cause: format!(
                "too large ({} bytes; at most {})",
                meta.len(),
                yusuan_read::MAX_INPUT_BYTES
            ),
        });
    }
    let bytes = std::fs::read(path).map_err(|e| ProcessError {
        path: name.clone(),
        cause: e.to_string(),
    })?;
    process_bytes(&name, &bytes)
}
