//! 政府收支分类科目: the names of functional (支出功能分类) and economic (部门预算支出经济分类)
//! codes by year.
//!
//! The data files are generated from the corpus (see the crate documentation); a name is trusted
//! for the year it was printed in, and for another year only when no rename of that code is
//! known between the two years (`data/renames.tsv`).

use std::collections::HashMap;
use std::sync::LazyLock;

const FUNCTIONAL_TSV: &str = include_str!("../data/functional.tsv");
const ECONOMIC_TSV: &str = include_str!("../data/economic.tsv");
const RENAMES_TSV: &str = include_str!("../data/renames.tsv");

/// The two code schemes of the 政府收支分类科目 used in the standard tables.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, PartialOrd, Ord)]
pub enum Scheme {
    /// 支出功能分类: `2xx`, 类/款/项 = 3/5/7 digits.
    Functional,
    /// 部门预算支出经济分类: `3xx`, 类/款 = 3/5 digits.
    Economic,
}

impl Scheme {
    /// The stable name of the scheme in data files and JSON: `functional` or `economic`.
    pub fn as_str(self) -> &'static str {
        match self {
            Scheme::Functional => "functional",
            Scheme::Economic => "economic",
        }
    }

    /// `支出功能分类` / `支出经济分类`.
    pub fn chinese(self) -> &'static str {
        match self {
            Scheme::Functional => "支出功能分类",
            Scheme::Economic => "支出经济分类",
        }
    }

    /// The levels a code of this scheme can have.
    pub fn levels(self) -> &'static [Level] {
        match self {
            Scheme::Functional => &[Level::Lei, Level::Kuan, Level::Xiang],
            Scheme::Economic => &[Level::Lei, Level::Kuan],
        }
    }
}

/// The level of a code: 类 (3 digits), 款 (5) or 项 (7).
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, PartialOrd, Ord)]
pub enum Level {
    /// 类.
    Lei,
    /// 款.
    Kuan,
    /// 项.
    Xiang,
}

impl Level {
    /// `类` / `款` / `项`.
    pub fn chinese(self) -> &'static str {
        match self {
            Level::Lei => "类",
            Level::Kuan => "款",
            Level::Xiang => "项",
        }
    }

    /// The number of digits of a code at this level.
    pub fn digits(self) -> usize {
        match self {
            Level::Lei => 3,
            Level::Kuan => 5,
            Level::Xiang => 7,
        }
    }
}

/// The level of a code by its length (3 → 类, 5 → 款, 7 → 项); `None` for anything else,
/// including codes with non-digits.
pub fn level(code: &str) -> Option<Level> {
    if !code.bytes().all(|b| b.is_ascii_digit()) {
        return None;
    }
    match code.len() {
        3 => Some(Level::Lei),
        5 => Some(Level::Kuan),
        7 => Some(Level::Xiang),
        _ => None,
    }
}

/// A name as compared: without whitespace, full-width ASCII forms made half-width (`（` → `(`),
/// and Chinese quotes dropped. `维修（护）费` and `维修(护)费` compare equal.
pub fn normalize_name(name: &str) -> String {
    name.chars()
        .filter(|c| !c.is_whitespace())
        .filter(|c| !matches!(c, '“' | '”' | '"' | '‘' | '’' | '\''))
        .map(|c| match c {
            '\u{FF01}'..='\u{FF5E}' => char::from_u32(c as u32 - 0xFEE0).unwrap_or(c),
            '〔' | '【' => '[',
            '〕' | '】' => ']',
            _ => c,
        })
        .collect()
}

/// True when two printed names are the same name ([`normalize_name`]).
pub fn names_match(a: &str, b: &str) -> bool {
    normalize_name(a) == normalize_name(b)
}

/// One line of a dictionary: a code's name as printed in a year, and where.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Entry {
    /// The year of the documents the name was printed in (预算年度).
    pub year: i32,
    /// The code as printed, digits only (`2010301`).
    pub code: &'static str,
    /// The code's name as printed that year (科目名称).
    pub name: &'static str,
    /// The first place it was printed that year (`shanghai/text/…txt:122`, relative to `corpus/`).
    pub source: &'static str,
    /// How the name was chosen when documents disagreed, or empty.
    pub note: &'static str,
}

/// A known change of a code's name (`data/renames.tsv`).
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Rename {
    /// The classification the code belongs to.
    pub scheme: Scheme,
    /// The renamed code.
    pub code: &'static str,
    /// The first year of the new name.
    pub year: i32,
    /// The name before `year`.
    pub old_name: &'static str,
    /// The name from `year` on.
    pub new_name: &'static str,
    /// Where the rename is known from.
    pub source: &'static str,
}

/// What a lookup found.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Basis {
    /// Printed with this name in a document of the year asked for.
    SameYear,
    /// Printed with this name in another year (`Lookup::year`), with no rename of the code known
    /// between the two years. Names change occasionally, so this is weaker evidence.
    NearbyYear,
    /// Not printed in the corpus near that year, but a known rename (`data/renames.tsv`) says
    /// what the code was called then.
    Rename,
}

/// The name of a code for a year, and how sure the dictionary is of it.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Lookup {
    /// The code's name (科目名称).
    pub name: &'static str,
    /// The year the name was seen in (the year asked for when `basis` is `Rename`).
    pub year: i32,
    /// How the name was found: printed that year, another year, or by a known rename.
    pub basis: Basis,
    /// Where it was seen (`corpus/` file and line), or the rename's source.
    pub source: &'static str,
}

impl Lookup {
    /// True when the name was printed in a document of the year asked for.
    pub fn same_year(&self) -> bool {
        self.basis == Basis::SameYear
    }
}

struct Dictionary {
    by_code: HashMap<&'static str, Vec<Entry>>,
    entries: Vec<Entry>,
}

fn parse_dictionary(tsv: &'static str, what: &str) -> Dictionary {
    let mut entries = Vec::new();
    for (n, line) in tsv.lines().enumerate() {
        if line.trim().is_empty() || line.starts_with('#') || line.starts_with("year\t") {
            continue;
        }
        let f: Vec<&'static str> = line.split('\t').collect();
        let year = f
            .first()
            .and_then(|y| y.parse().ok())
            .unwrap_or_else(|| panic!("{what}.tsv line {}: bad year", n + 1));
        assert!(f.len() >= 4, "{what}.tsv line {}: too few fields", n + 1);
        entries.push(Entry {
            year,
            code: f[1],
            name: f[2],
            source: f[3],
            note: f.get(4).copied().unwrap_or(""),
        });
    }
    let mut by_code: HashMap<&'static str, Vec<Entry>> = HashMap::new();
    for e in &entries {
        by_code.entry(e.code).or_default().push(e.clone());
    }
    for v in by_code.values_mut() {
        v.sort_by_key(|e| e.year);
    }
    Dictionary { by_code, entries }
}

static FUNCTIONAL: LazyLock<Dictionary> =
    LazyLock::new(|| parse_dictionary(FUNCTIONAL_TSV, "functional"));
static ECONOMIC: LazyLock<Dictionary> =
    LazyLock::new(|| parse_dictionary(ECONOMIC_TSV, "economic"));

static RENAMES: LazyLock<Vec<Rename>> = LazyLock::new(|| {
    let mut out = Vec::new();
    for (n, line) in RENAMES_TSV.lines().enumerate() {
        if line.trim().is_empty() || line.starts_with('#') || line.starts_with("scheme\t") {
            continue;
        }
        let f: Vec<&'static str> = line.split('\t').collect();
        assert!(f.len() >= 6, "renames.tsv line {}: too few fields", n + 1);
        let scheme = match f[0] {
            "functional" => Scheme::Functional,
            "economic" => Scheme::Economic,
            other => panic!("renames.tsv line {}: unknown scheme {other}", n + 1),
        };
        out.push(Rename {
            scheme,
            code: f[1],
            year: f[2]
                .parse()
                .unwrap_or_else(|_| panic!("renames.tsv line {}: bad year", n + 1)),
            old_name: f[3],
            new_name: f[4],
            source: f[5],
        });
    }
    out.sort_by_key(|r| (r.scheme, r.code, r.year));
    out
});

/// Every known rename, by scheme, code and year.
pub fn renames() -> &'static [Rename] {
    &RENAMES
}

fn renames_of(scheme: Scheme, code: &str) -> impl Iterator<Item = &'static Rename> + '_ {
    RENAMES
        .iter()
        .filter(move |r| r.scheme == scheme && r.code == code)
}

/// True when a rename of the code is known between two years (taking effect after the earlier
/// and no later than the later one).
fn renamed_between(scheme: Scheme, code: &str, a: i32, b: i32) -> bool {
    let (lo, hi) = if a <= b { (a, b) } else { (b, a) };
    renames_of(scheme, code).any(|r| lo < r.year && r.year <= hi)
}

fn dictionary(scheme: Scheme) -> &'static Dictionary {
    match scheme {
        Scheme::Functional => &FUNCTIONAL,
        Scheme::Economic => &ECONOMIC,
    }
}

fn lookup(scheme: Scheme, year: i32, code: &str) -> Option<Lookup> {
    let seen = dictionary(scheme).by_code.get(code);
    if let Some(entries) = seen {
        if let Some(e) = entries.iter().find(|e| e.year == year) {
            return Some(Lookup {
                name: e.name,
                year,
                basis: Basis::SameYear,
                source: e.source,
            });
        }
        // The nearest year with no rename in between; on a tie, the later year.
        let nearest = entries
            .iter()
            .filter(|e| !renamed_between(scheme, code, year, e.year))
            .min_by_key(|e| ((e.year - year).abs(), -e.year));
        if let Some(e) = nearest {
            return Some(Lookup {
                name: e.name,
                year: e.year,
                basis: Basis::NearbyYear,
                source: e.source,
            });
        }
    }
    // What the known renames say the code was called that year.
    let mut name = None;
    for r in renames_of(scheme, code) {
        if r.year <= year {
            name = Some((r.new_name, r.source));
        } else if name.is_none() {
            name = Some((r.old_name, r.source));
            break;
        } else {
            break;
        }
    }
    name.map(|(name, source)| Lookup {
        name,
        year,
        basis: Basis::Rename,
        source,
    })
}

/// The name of a functional code (支出功能分类科目) in a year.
///
/// `None` when the dictionary has never seen the code, or has seen it only across a known rename
/// it cannot bridge.
pub fn functional_name(year: i32, code: &str) -> Option<Lookup> {
    lookup(Scheme::Functional, year, code)
}

/// The name of an economic code (部门预算支出经济分类科目) in a year; see [`functional_name`].
pub fn economic_name(year: i32, code: &str) -> Option<Lookup> {
    lookup(Scheme::Economic, year, code)
}

fn seen(scheme: Scheme, code: &str) -> bool {
    dictionary(scheme).by_code.contains_key(code) || renames_of(scheme, code).next().is_some()
}

/// True when the functional code was printed in some year of the corpus or has a known rename.
pub fn functional_seen(code: &str) -> bool {
    seen(Scheme::Functional, code)
}

/// True when the economic code was printed in some year of the corpus or has a known rename.
pub fn economic_seen(code: &str) -> bool {
    seen(Scheme::Economic, code)
}

/// Every line of the functional dictionary, in file order.
pub fn functional_entries() -> &'static [Entry] {
    &FUNCTIONAL.entries
}

/// Every line of the economic dictionary, in file order.
pub fn economic_entries() -> &'static [Entry] {
    &ECONOMIC.entries
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn levels_follow_code_length() {
        assert_eq!(level("212"), Some(Level::Lei));
        assert_eq!(level("21201"), Some(Level::Kuan));
        assert_eq!(level("2120199"), Some(Level::Xiang));
        assert_eq!(level("2120"), None);
        assert_eq!(level("21201a"), None);
        assert_eq!(level(""), None);
        assert_eq!(Level::Kuan.chinese(), "款");
    }

    #[test]
    fn names_compare_without_spaces_and_width() {
        assert!(names_match("维修（护）费", "维修(护)费"));
        assert!(names_match(
            "政府办公厅（室） 及相关机构事务",
            "政府办公厅(室)及相关机构事务"
        ));
        assert!(!names_match("印刷费", "咨询费"));
    }

    #[test]
    fn data_files_parse_and_have_one_name_per_year_and_code() {
        for (scheme, entries) in [
            (Scheme::Functional, functional_entries()),
            (Scheme::Economic, economic_entries()),
        ] {
            assert!(entries.len() > 50, "{scheme:?}: {}", entries.len());
            let mut seen = std::collections::HashSet::new();
            for e in entries {
                assert!(seen.insert((e.year, e.code)), "{scheme:?} {e:?} twice");
                let lvl = level(e.code).unwrap_or_else(|| panic!("{e:?}: bad code"));
                assert!(scheme.levels().contains(&lvl), "{e:?}");
                let first = if scheme == Scheme::Functional {
                    '2'
                } else {
                    '3'
                };
                assert!(e.code.starts_with(first), "{e:?}");
                assert!(!e.name.is_empty() && e.source.contains(".txt:"), "{e:?}");
            }
        }
        assert!(!renames().is_empty());
    }

    #[test]
    fn same_year_names_come_from_the_corpus() {
        let l = functional_name(2025, "2010302").unwrap();
        assert_eq!(l.name, "一般行政管理事务");
        assert!(l.same_year());
        let l = economic_name(2025, "30217").unwrap();
        assert_eq!(l.name, "公务接待费");
        assert!(l.same_year());
        assert!(l.source.contains(".txt:"));
    }

    #[test]
    fn other_years_are_trusted_only_without_a_rename_between() {
        // 2120109 住宅建设与房地产市场监管 is printed only in seed 000 (2022).
        let l = functional_name(2024, "2120109").unwrap();
        assert_eq!(l.basis, Basis::NearbyYear);
        assert_eq!(l.year, 2022);
        assert_eq!(l.name, "住宅建设与房地产市场监管");
        // 210 is printed as 卫生健康支出 from 2022 on; it was 医疗卫生与计划生育支出 until 2018.
        assert_eq!(functional_name(2023, "210").unwrap().name, "卫生健康支出");
        let old = functional_name(2017, "210").unwrap();
        assert_eq!(old.name, "医疗卫生与计划生育支出");
        assert_eq!(old.basis, Basis::Rename);
        let new = functional_name(2020, "210").unwrap();
        assert_eq!(new.name, "卫生健康支出");
        assert_eq!(new.basis, Basis::NearbyYear);
    }

    #[test]
    fn the_nearest_year_wins_and_ties_go_to_the_later_year() {
        // 30110 is printed in 2022 (城镇职工…) and in 2023–2025 (职工…), with a rename in 2023.
        assert_eq!(
            economic_name(2021, "30110").unwrap().name,
            "城镇职工基本医疗保险缴费"
        );
        assert_eq!(
            economic_name(2026, "30110").unwrap().name,
            "职工基本医疗保险缴费"
        );
    }

    #[test]
    fn unknown_codes_are_not_found() {
        assert_eq!(functional_name(2025, "2999999"), None);
        assert!(!functional_seen("2999999"));
        assert!(functional_seen("2010302"));
        assert!(economic_seen("30217"));
        assert!(!economic_seen("2010302"));
    }
}
