//! Classification dictionaries, compiled in.
//!
//! - **政府收支分类科目** names by year: the functional classification of expenditure
//!   (支出功能分类, `2xx`, 类/款/项 = 3/5/7 digits) and the economic classification of
//!   departmental expenditure (部门预算支出经济分类, `3xx`, 类/款 = 3/5 digits). No
//!   machine-readable list of the Ministry of Finance's 科目 is available to this project, so the
//!   dictionaries are built from the tables printed in `corpus/` by the `build_dictionary` example
//!   (`cargo run -p yusuan-codes --example build_dictionary`) and committed as
//!   `data/functional.tsv` and `data/economic.tsv`; the renames the corpus cannot show are written
//!   by hand in `data/renames.tsv`. See [`functional_name`], [`economic_name`], [`level`].
//! - **政府采购品目分类目录**, 2022 edition ([`procurement_item`]). Documents of 2021 and
//!   earlier use the older edition, whose shorter codes (`B021399`, `C0805`) must not be judged
//!   against this one ([`procurement_edition_applies`]).
//!
//! Everything is parsed once, on first use.

mod classification;
mod procurement;

pub use classification::{
    economic_entries, economic_name, economic_seen, functional_entries, functional_name,
    functional_seen, level, names_match, normalize_name, renames, Basis, Entry, Level, Lookup,
    Rename, Scheme,
};
pub use procurement::{
    procurement_edition_applies, procurement_item, procurement_items, Category, Item,
    PROCUREMENT_EDITION,
};
