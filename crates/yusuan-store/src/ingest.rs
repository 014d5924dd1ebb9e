//! Ingest: process files in parallel, store each in its own transaction.

use std::path::PathBuf;
use std::sync::mpsc;

use rayon::prelude::*;
use serde::Serialize;

use crate::{process_path, IngestOutcome, Library, ProcessError};

/// What happened to one file, reported as ingest goes.
#[derive(Debug, Clone)]
pub enum IngestEvent {
    Stored {
        path: String,
        outcome: IngestOutcome,
    },
    Failed(ProcessError),
}

/// The tally of an ingest run.
#[derive(Debug, Clone, Default, PartialEq, Eq, Serialize)]
pub struct IngestSummary {
    pub inserted: usize,
    pub replaced: usize,
    pub unchanged: usize,
    /// Files that could not be read, extracted or stored: the file and the cause.
    pub failed: Vec<(String, String)>,
}

impl IngestSummary {
    pub fn stored(&self) -> usize {
        self.inserted + self.replaced + self.unchanged
    }
}

impl std::fmt::Display for IngestSummary {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        write!(
            f,
            "{} stored ({} inserted, {} replaced, {} unchanged), {} failed",
            self.stored(),
            self.inserted,
            self.replaced,
            self.unchanged,
            self.failed.len()
        )
    }
}

/// Processes `files` in parallel (rayon) and stores each processed document, one transaction per
/// document, **in the order of `files`**: a new document's id follows its place in the input, so
/// the same files give the same ids in every run. Files are processed in windows of a few per
/// thread; the next window is processed while the previous one is written, so memory holds at
/// most three windows (one written, one waiting, one being processed). A file that fails is reported and skipped. `on_event` is called on the
/// calling thread after each file, in input order.
pub fn ingest(
    library: &Library,
    files: &[PathBuf],
    mut on_event: impl FnMut(&IngestEvent),
) -> IngestSummary {
    let mut summary = IngestSummary::default();
    let window = rayon::current_num_threads().max(1) * 4;
    let (tx, rx) = mpsc::sync_channel(1);
    std::thread::scope(|scope| {
        scope.spawn(move || {
            for part in files.chunks(window) {
                // `collect` keeps the input order whatever order the threads finish in.
                let processed: Vec<_> = part.par_iter().map(|f| process_path(f)).collect();
                if tx.send(processed).is_err() {
                    break;
                }
            }
        });
        for processed in rx.iter().flatten() {
            let event = match processed {
                Ok(doc) => match library.store(&doc) {
                    Ok(outcome) => IngestEvent::Stored {
                        path: doc.path.clone(),
                        outcome,
                    },
                    Err(e) => IngestEvent::Failed(ProcessError {
                        path: doc.path.clone(),
                        cause: e.to_string(),
                    }),
                },
                Err(e) => IngestEvent::Failed(e),
            };
            match &event {
                IngestEvent::Stored { outcome, .. } => match outcome {
                    IngestOutcome::Inserted(_) => summary.inserted += 1,
                    IngestOutcome::Replaced(_) => summary.replaced += 1,
                    IngestOutcome::Unchanged(_) => summary.unchanged += 1,
                },
                IngestEvent::Failed(e) => summary.failed.push((e.path.clone(), e.cause.clone())),
            }
            on_event(&event);
        }
    });
    summary
}
