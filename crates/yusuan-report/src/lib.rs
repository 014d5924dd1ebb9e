//! Rendering for people and tools: what `yusuan` prints.
//!
//! - [`disclosure_text`]: a readable dump of an extracted disclosure (`yusuan extract --format
//!   text`): every table with its rows and cells (cells whose placement is uncertain end in `?`),
//!   then the performance targets ([`performance_text`]) and the other facts ([`facts_text`]).
//! - [`Report`]: what `yusuan check` found, rendered by [`human`] (rustc-style diagnostics quoting
//!   the source line from [`Sources`]), [`findings_json`], [`sarif`] (SARIF 2.1.0) and [`csv`]
//!   (UTF-8 with BOM).
//! - [`table`]: the findings table every export of findings shares (its columns, headings and
//!   values) with its CSV and XLSX writers, used by `yusuan check`, the library's export and the
//!   web app.
//! - [`catalogue`]: the rule catalogue (`yusuan rules`, `yusuan explain`).
//!
//! Renderers are pure: they take the findings, the rule catalogue and the source lines, and return
//! text, JSON or workbook bytes; they read no files and start no processes.

pub mod catalogue;
pub mod csv;
mod disclosure;
pub mod facts_text;
mod findings;
pub mod human;
pub mod performance_text;
pub mod sarif;
pub mod table;

pub use disclosure::render as disclosure_text;
pub use findings::{
    json as findings_json, Counts, DocumentReport, Failure, NotJudged, Report, Sources, Summary,
};
pub use human::HumanOptions;
