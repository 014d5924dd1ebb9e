//! Rendering for people: what `yusuan` prints.
//!
//! - [`disclosure_text`]: a readable dump of an extracted disclosure, every table with its rows
//!   and cells (`yusuan extract --format text`); cells whose placement is uncertain end in `?`.

mod disclosure;

pub use disclosure::render as disclosure_text;
