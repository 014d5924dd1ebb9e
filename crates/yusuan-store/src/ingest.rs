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

/// Processes `files` in parallel (rayon) and stores each processed document as it comes, one
/// transaction per document. A file that fails is reported and skipped. `on_event` is called on
/// the calling thread after each file.
pub fn ingest(
    library: &Library,
    files: &[PathBuf],
    mut on_event: impl FnMut(&IngestEvent),
) -> IngestSummary {
    let mut summary = IngestSummary::default();
    // Bounded: extraction runs ahead of the writer by a few documents only.
    let (tx, rx) = mpsc::sync_channel(rayon::current_num_threads() * 2);
    std::thread::scope(|scope| {
        scope.spawn(move || {
            files.par_iter().for_each_with(tx, |tx, file| {
                let _ = tx.send(process_path(file));
            });
        });
        for processed in rx {
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
