//! Rendering for people and tools: what `yusuan` prints.
//!
//! - [`disclosure_text`]: a readable dump of an extracted disclosure (`yusuan extract --format
//!   text`): every table with its rows and cells (cells whose placement is uncertain end in `?`),
//!   then the performance targets ([`performance_text`]) and the other facts ([`facts_text`]).
//! - [`Report`]: what `yusuan check` found, rendered by [`human`] (rustc-style diagnostics quoting
//!   the source line from [`Sources`]), [`findings_json`], [`sarif`] (SARIF 2.1.0) and [`csv`]
//!   (UTF-8 with BOM).
//! - [`catalogue`]: the rule catalogue (`yusuan rules`, `yusuan explain`).
//! - [`i18n`]: the language of what people read (Chinese or English, Fluent messages in
//!   `locales/`), for the human output and the command line's messages.
//!
//! Renderers are pure: they take the findings, the rule catalogue and the source lines, and return
//! text or JSON; only the CLI reads files and writes output.

// Not every public item is documented yet: until then the workspace's `missing_docs` lint
// is relaxed for this crate.
#![allow(missing_docs)]

pub mod catalogue;
pub mod csv;
mod disclosure;
pub mod facts_text;
mod findings;
pub mod human;
pub mod i18n;
pub mod performance_text;
pub mod sarif;

pub use disclosure::render as disclosure_text;
pub use findings::{
    json as findings_json, Counts, DocumentReport, Failure, NotJudged, Report, Sources, Summary,
};
pub use human::HumanOptions;
pub use i18n::{Lang, Messages};
