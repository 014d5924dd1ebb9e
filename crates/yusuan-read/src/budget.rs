//! The work one document may cost: a time budget for reading it (checked in the readers' page,
//! part, row and cell loops) and the limits of OCR (pages per document, seconds per document).
//! Defaults are generous for real disclosures; each can be set from the environment.

use std::time::{Duration, Instant};

use crate::error::ReadError;

/// How much reading one document may cost.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Limits {
    /// Wall-clock time to read one document; past it reading stops with
    /// [`ReadError::TimeLimit`]. `YUSUAN_READ_TIMEOUT` (seconds), default 600.
    pub time: Duration,
    /// Most scanned pages read by OCR in one document; further scanned pages get a note.
    /// `YUSUAN_OCR_MAX_PAGES`, default 300.
    pub ocr_pages: u32,
    /// Time OCR may take in one document; scanned pages after it get a note.
    /// `YUSUAN_OCR_TIMEOUT` (seconds), default 480.
    pub ocr_time: Duration,
}

impl Default for Limits {
    fn default() -> Self {
        Limits {
            time: Duration::from_secs(600),
            ocr_pages: 300,
            ocr_time: Duration::from_secs(480),
        }
    }
}

impl Limits {
    /// The defaults, overridden by `YUSUAN_READ_TIMEOUT`, `YUSUAN_OCR_MAX_PAGES` and
    /// `YUSUAN_OCR_TIMEOUT` where they are set to a number.
    pub fn from_env() -> Limits {
        let number = |name: &str| {
            std::env::var(name)
                .ok()
                .and_then(|v| v.trim().parse::<u64>().ok())
        };
        let default = Limits::default();
        Limits {
            time: number("YUSUAN_READ_TIMEOUT").map_or(default.time, Duration::from_secs),
            ocr_pages: number("YUSUAN_OCR_MAX_PAGES")
                .map_or(default.ocr_pages, |n| u32::try_from(n).unwrap_or(u32::MAX)),
            ocr_time: number("YUSUAN_OCR_TIMEOUT").map_or(default.ocr_time, Duration::from_secs),
        }
    }
}

/// The budget of the document being read.
#[derive(Debug)]
pub(crate) struct Budget {
    pub(crate) limits: Limits,
    start: Instant,
}

impl Budget {
    pub(crate) fn new(limits: &Limits) -> Budget {
        Budget {
            limits: limits.clone(),
            start: Instant::now(),
        }
    }

    /// [`ReadError::TimeLimit`] once the document's time is spent.
    pub(crate) fn check(&self, path: &str) -> Result<(), ReadError> {
        if self.start.elapsed() > self.limits.time {
            return Err(ReadError::TimeLimit {
                path: path.to_owned(),
                seconds: self.limits.time.as_secs(),
            });
        }
        Ok(())
    }
}
