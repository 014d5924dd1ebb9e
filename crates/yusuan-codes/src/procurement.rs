//! 政府采购品目分类目录 (government procurement catalogue), 2022 edition.
//!
//! `data/procurement-catalog-2022.json` is a verbatim copy of the third-party extraction of the
//! official catalogue PDF (4,272 entries; `/work/shared/data/README.md`). Its names sometimes
//! carry the start of the entry's description (`其他印刷服务 ——资料汇编印刷服务；`,
//! `教育用房 学校、业余学校…`); [`clean_name`] strips it when the catalogue is loaded, and keeps
//! the printed text in [`Item::raw_name`].
//!
//! Edition: codes of 2022-edition documents (seed 003, 2023) match it; documents of 2021 and
//! earlier use the older edition, whose shorter codes (`B021399`, `C0805`, seed 004) must not be
//! judged against this one. Use [`procurement_edition_applies`] before calling a code unknown.

use std::collections::HashMap;
use std::sync::LazyLock;

use serde::Deserialize;

const CATALOG_JSON: &str = include_str!("../data/procurement-catalog-2022.json");

/// The edition of the catalogue compiled in.
pub const PROCUREMENT_EDITION: i32 = 2022;

/// The first budget year whose documents use the 2022 edition. The 2022 edition was issued
/// during 2022; the corpus has 2021 documents with older codes and 2023 documents with 2022-edition
/// codes, and no 2022 document with procurement codes, so 2022 itself is left undecided.
const FIRST_YEAR_OF_EDITION: i32 = 2023;

/// 货物 (A), 工程 (B) or 服务 (C).
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash)]
pub enum Category {
    /// A: 货物.
    Goods,
    /// B: 工程.
    Works,
    /// C: 服务.
    Services,
}

impl Category {
    /// The category's Chinese name as the catalogue prints it: 货物, 工程 or 服务.
    pub fn chinese(self) -> &'static str {
        match self {
            Category::Goods => "货物",
            Category::Works => "工程",
            Category::Services => "服务",
        }
    }
}

/// One entry of the catalogue.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Item {
    /// `A05049900`; the three roots are `A`, `B`, `C`.
    pub code: String,
    /// The name with trailing notes stripped (`其他印刷服务`). Empty when the source gives only a
    /// description where the name should be (`name_known` is then false).
    pub name: String,
    /// The name as the source file prints it.
    pub raw_name: String,
    /// False when the source's name field holds only a description (`——历史语言学研究服务；`).
    pub name_known: bool,
    /// 0 for the roots, 1–4 below.
    pub level: u8,
    /// The code of the entry one level up (`C23090100` above `C23090199`); `None` for the roots.
    pub parent: Option<String>,
    /// 货物, 工程 or 服务: the root the code starts with.
    pub category: Category,
}

#[derive(Deserialize)]
struct RawCatalog {
    entries: Vec<RawEntry>,
}

#[derive(Deserialize)]
struct RawEntry {
    catalog_code: String,
    catalog_name: String,
    category_type: String,
    level: u8,
    parent_code: Option<String>,
}

/// Names the source broke so that the stripping rule cannot repair them (the name itself is
/// split by a space), written from the official catalogue.
const NAME_FIXES: &[(&str, &str)] = &[("A02151200", "合成纤维及合纤聚合物生产装置")];

/// The catalogue name without the description the extraction glued to it.
///
/// Returns `None` when the field holds only a description (it starts with `——`, `包括` or `指`).
/// Otherwise cuts at a `——` note and at the first space after Chinese text (what follows a space
/// is the description's first line); a space after Latin letters belongs to the name
/// (`KVM 设备`, `IP 与多媒体通信设备`).
pub fn clean_name(raw: &str) -> Option<String> {
    let t = raw.trim();
    if t.is_empty() || t.starts_with("——") || t.starts_with("包括") || t.starts_with('指') {
        return None;
    }
    let t = t.split("——").next().unwrap_or(t).trim_end();
    let mut out = String::new();
    for (i, token) in t.split_whitespace().enumerate() {
        if i > 0 {
            let latin_before = out
                .chars()
                .last()
                .is_some_and(|c| c.is_ascii_alphanumeric());
            if !latin_before {
                break;
            }
            out.push(' ');
        }
        out.push_str(token);
    }
    let out = out
        .trim_end_matches(['；', ';', '。', '，', ',', '、'])
        .to_string();
    (!out.is_empty()).then_some(out)
}

struct Catalog {
    items: Vec<Item>,
    by_code: HashMap<String, usize>,
}

static CATALOG: LazyLock<Catalog> = LazyLock::new(|| {
    let raw: RawCatalog =
        serde_json::from_str(CATALOG_JSON).expect("the compiled-in catalogue is valid JSON");
    let items: Vec<Item> = raw
        .entries
        .into_iter()
        .map(|e| {
            let fixed = NAME_FIXES
                .iter()
                .find(|(c, _)| *c == e.catalog_code)
                .map(|(_, n)| n.to_string());
            let cleaned = fixed.or_else(|| clean_name(&e.catalog_name));
            let category = match e.category_type.as_str() {
                "goods" => Category::Goods,
                "engineering" => Category::Works,
                _ => Category::Services,
            };
            Item {
                name_known: cleaned.is_some(),
                name: cleaned.unwrap_or_default(),
                raw_name: e.catalog_name,
                code: e.catalog_code,
                level: e.level,
                parent: e.parent_code,
                category,
            }
        })
        .collect();
    let by_code = items
        .iter()
        .enumerate()
        .map(|(i, it)| (it.code.clone(), i))
        .collect();
    Catalog { items, by_code }
});

/// The 2022-edition entry with this code (`C23090199`), if any.
///
/// Only meaningful for documents that use the 2022 edition: see [`procurement_edition_applies`].
pub fn procurement_item(code: &str) -> Option<&'static Item> {
    CATALOG.by_code.get(code.trim()).map(|&i| &CATALOG.items[i])
}

/// Every entry, in catalogue order.
pub fn procurement_items() -> &'static [Item] {
    &CATALOG.items
}

/// True when a document of this budget year uses the 2022 edition, so its codes may be judged
/// against [`procurement_item`]. False for 2021 and earlier (older edition, different codes) and
/// for 2022 (the year of the change: the edition in force is not known).
pub fn procurement_edition_applies(year: i32) -> bool {
    year >= FIRST_YEAR_OF_EDITION
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn the_whole_catalogue_loads() {
        let items = procurement_items();
        assert_eq!(items.len(), 4272);
        let unknown = items.iter().filter(|i| !i.name_known).count();
        assert!(unknown < 10, "{unknown} entries without a name");
        for it in items {
            // A space survives only after Latin letters (`KVM 设备`).
            for (i, _) in it.name.match_indices(' ') {
                let before = it.name[..i].chars().last();
                assert!(before.is_some_and(|c| c.is_ascii_alphanumeric()), "{it:?}");
            }
            assert!(!it.name.contains("——"), "{it:?}");
        }
    }

    #[test]
    fn finds_codes_and_strips_notes() {
        let it = procurement_item("C23090199").unwrap();
        assert_eq!(it.name, "其他印刷服务");
        assert_eq!(it.raw_name, "其他印刷服务 ——资料汇编印刷服务；");
        assert_eq!(it.category, Category::Services);
        assert_eq!(it.parent.as_deref(), Some("C23090100"));
        assert_eq!(procurement_item("A05049900").unwrap().name, "其他办公用品");
        assert_eq!(
            procurement_item("C19990000").unwrap().name,
            "其他专业技术服务"
        );
        assert_eq!(procurement_item("A01010211").unwrap().name, "教育用房");
        assert_eq!(procurement_item("A02021107").unwrap().name, "KVM 设备");
        assert_eq!(
            procurement_item("A02081300").unwrap().name,
            "IP 与多媒体通信设备"
        );
        assert_eq!(
            procurement_item("A02151200").unwrap().name,
            "合成纤维及合纤聚合物生产装置"
        );
        let lost = procurement_item("C01010600").unwrap();
        assert!(!lost.name_known && lost.name.is_empty());
        assert_eq!(procurement_item("B").unwrap().name, "工程");
        assert_eq!(procurement_item("B").unwrap().level, 0);
    }

    #[test]
    fn older_edition_codes_are_not_in_it_and_not_judged() {
        // Seed 004 (2021) prints B021399 and C0805 from the older edition.
        assert!(procurement_item("B021399").is_none());
        assert!(procurement_item("C0805").is_none());
        assert!(!procurement_edition_applies(2021));
        assert!(!procurement_edition_applies(2022));
        assert!(procurement_edition_applies(2023));
    }

    #[test]
    fn clean_name_rules() {
        assert_eq!(clean_name("茶几 包").as_deref(), Some("茶几"));
        assert_eq!(clean_name("场 （").as_deref(), Some("场"));
        assert_eq!(clean_name("包括地塞米松片、泼尼松片等。"), None);
        assert_eq!(clean_name("——历史语言学研究服务；"), None);
        assert_eq!(
            clean_name("石膏龙骨，相关石膏制品").as_deref(),
            Some("石膏龙骨，相关石膏制品")
        );
        assert_eq!(
            clean_name("激光视盘机 VCD、DVD 等设备入此。").as_deref(),
            Some("激光视盘机")
        );
    }
}
