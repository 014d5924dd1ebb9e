//! Builds `data/functional.tsv` and `data/economic.tsv` from the tables printed in `corpus/`.
//!
//! ```text
//! cargo run -p yusuan-codes --example build_dictionary            # writes the data files
//! cargo run -p yusuan-codes --example build_dictionary -- --check # fails if they are stale
//! ```
//!
//! Every (year, code, name) printed in a standard table is an observation: functional codes from
//! the income, expenditure, general-public, fund and state-capital tables, economic codes from the
//! basic-expenditure table. Not observed: unreadable tables, total rows, rows with a cell whose
//! column is uncertain, rows on a line the extractor left a note about, codes of the wrong length
//! or scheme, and names that look broken (digits, or a wrapped fragment: a name of which another
//! name of the same code is a strict prefix or suffix, e.g. `机关事业单位基本养老保险缴` or
//! `出其他行政事业单位养老支出`).
//!
//! Each document gives one vote to each name it prints for a code. Votes are pooled over the years
//! between two known renames of the code (`data/renames.tsv`), so a document that misnames a code
//! is outvoted by the others of nearby years; the majority name is written for every year it was
//! printed in, with the first place it was printed. Outvoted names are listed as comments at the
//! end of the file.

use std::collections::{BTreeMap, BTreeSet, HashSet};
use std::path::{Path, PathBuf};

use yusuan_codes::{level, normalize_name, renames, Scheme};
use yusuan_model::TableKind;

/// One printing of a code with a name.
#[derive(Debug, Clone)]
struct Observation {
    year: i32,
    doc: String,
    name: String,
    /// `shanghai/text/…txt:122`, relative to `corpus/`.
    source: String,
    line: u32,
}

fn corpus_dir() -> PathBuf {
    Path::new(env!("CARGO_MANIFEST_DIR")).join("../../corpus")
}

fn corpus_files() -> Vec<PathBuf> {
    let mut files = Vec::new();
    for sub in ["seeds", "shanghai/text"] {
        let dir = corpus_dir().join(sub);
        let Ok(entries) = std::fs::read_dir(&dir) else {
            continue;
        };
        for e in entries.flatten() {
            let p = e.path();
            if p.extension().is_some_and(|x| x == "txt") {
                files.push(p);
            }
        }
    }
    files.sort();
    files
}

fn scheme_of(kind: TableKind) -> Option<Scheme> {
    if kind.has_functional_codes() {
        Some(Scheme::Functional)
    } else if kind == TableKind::BasicExpenditure {
        Some(Scheme::Economic)
    } else {
        None
    }
}

fn plausible(name: &str) -> bool {
    let n = name.trim();
    n.chars().count() >= 2
        && !n.chars().any(|c| c.is_ascii_digit())
        && !n.contains("合计")
        && !n.contains("总计")
}

type Observations = BTreeMap<(Scheme, String), Vec<Observation>>;

fn observe() -> Observations {
    let mut out: Observations = BTreeMap::new();
    let root = corpus_dir();
    for path in corpus_files() {
        let rel = path
            .strip_prefix(&root)
            .unwrap_or(&path)
            .to_string_lossy()
            .replace('\\', "/");
        if rel.contains("TEMPLATE") {
            continue; // a blank template: placeholders, no codes
        }
        let bytes = std::fs::read(&path).expect("corpus file is readable");
        let doc = match yusuan_read::read_bytes(&format!("corpus/{rel}"), &bytes) {
            Ok(d) => d,
            Err(e) => {
                eprintln!("skip {rel}: {e}");
                continue;
            }
        };
        let disclosure = yusuan_extract::extract(&doc);
        let Some(year) = disclosure.year else {
            eprintln!("skip {rel}: no year");
            continue;
        };
        let noted: HashSet<u32> = disclosure.notes.iter().map(|n| n.span.line).collect();
        for table in &disclosure.tables {
            if table.unreadable.is_some() {
                continue;
            }
            let Some(scheme) = scheme_of(table.kind) else {
                continue;
            };
            for row in &table.rows {
                let Some(code) = &row.code else { continue };
                if row.is_total || row.has_uncertainty() || noted.contains(&row.span.line) {
                    continue;
                }
                let Some(lvl) = level(code) else { continue };
                let first = if scheme == Scheme::Functional {
                    '2'
                } else {
                    '3'
                };
                if !scheme.levels().contains(&lvl) || !code.starts_with(first) {
                    continue;
                }
                if !plausible(&row.name) {
                    continue;
                }
                out.entry((scheme, code.clone()))
                    .or_default()
                    .push(Observation {
                        year,
                        doc: rel.clone(),
                        name: row.name.trim().to_string(),
                        source: format!("{rel}:{}", row.span.line),
                        line: row.span.line,
                    });
            }
        }
    }
    out
}

/// Which stretch of years between renames a year falls in.
fn era(scheme: Scheme, code: &str, year: i32) -> usize {
    renames()
        .iter()
        .filter(|r| r.scheme == scheme && r.code == code && r.year <= year)
        .count()
}

struct Built {
    rows: Vec<String>,
    comments: Vec<String>,
}

/// The observations of one code between two renames, with wrapped fragments set aside.
struct Era<'a> {
    code: &'a str,
    kept: Vec<&'a Observation>,
    fragments: Vec<&'a Observation>,
}

fn eras<'a>(scheme: Scheme, code: &'a str, list: &'a [Observation]) -> Vec<Era<'a>> {
    let mut by_era: BTreeMap<usize, Vec<&Observation>> = BTreeMap::new();
    for o in list {
        by_era.entry(era(scheme, code, o.year)).or_default().push(o);
    }
    by_era
        .into_values()
        .map(|obs| {
            // Wrapped fragments: a name cut short (a strict prefix of another name of the code)
            // or with the end of the previous name glued before it (another name is a strict
            // suffix of it).
            let names: BTreeSet<String> = obs.iter().map(|o| normalize_name(&o.name)).collect();
            let fragment = |n: &str| {
                names
                    .iter()
                    .any(|m| m != n && (m.starts_with(n) || n.ends_with(m.as_str())))
            };
            let (fragments, kept) = obs
                .into_iter()
                .partition(|o| fragment(&normalize_name(&o.name)));
            Era {
                code,
                kept,
                fragments,
            }
        })
        .collect()
}

/// One vote per document and name.
fn votes<'a>(era: &Era<'a>) -> BTreeMap<String, BTreeSet<&'a str>> {
    let mut votes: BTreeMap<String, BTreeSet<&str>> = BTreeMap::new();
    for o in &era.kept {
        votes
            .entry(normalize_name(&o.name))
            .or_default()
            .insert(o.doc.as_str());
    }
    votes
}

/// The name with most documents; a tie goes to the name whose documents were outvoted least
/// often on other codes (`outvoted`), then to the name printed in more years.
fn winner(
    era: &Era,
    votes: &BTreeMap<String, BTreeSet<&str>>,
    outvoted: &BTreeMap<&str, usize>,
) -> String {
    let doubt = |n: &str| -> usize {
        votes[n]
            .iter()
            .map(|d| outvoted.get(d).copied().unwrap_or(0))
            .sum()
    };
    let years = |n: &str| -> usize {
        era.kept
            .iter()
            .filter(|o| normalize_name(&o.name) == n)
            .map(|o| o.year)
            .collect::<BTreeSet<_>>()
            .len()
    };
    votes
        .iter()
        .max_by(|(a, va), (b, vb)| {
            va.len()
                .cmp(&vb.len())
                .then_with(|| doubt(b).cmp(&doubt(a)))
                .then_with(|| years(a).cmp(&years(b)))
                .then_with(|| b.cmp(a))
        })
        .map(|(n, _)| n.clone())
        .expect("an era has observations")
}

/// How often each document's name for a code of the scheme lost a plain majority vote.
fn outvoted_counts(scheme: Scheme, obs: &Observations) -> BTreeMap<&str, usize> {
    let mut out: BTreeMap<&str, usize> = BTreeMap::new();
    for ((s, code), list) in obs {
        if *s != scheme {
            continue;
        }
        for era in eras(*s, code, list) {
            let votes = votes(&era);
            let Some(max) = votes.values().map(BTreeSet::len).max() else {
                continue;
            };
            if votes.values().filter(|v| v.len() == max).count() > 1 {
                continue; // a tie says nothing about who is wrong
            }
            for docs in votes.values().filter(|v| v.len() < max) {
                for d in docs {
                    *out.entry(d).or_default() += 1;
                }
            }
        }
    }
    out
}

/// A document outvoted on this many codes of a scheme numbers that scheme its own way (e.g. the
/// welfare home's 2024 table numbers 302's 款 01, 02, 03 … in order); its names are not counted.
const UNTRUSTED_OUTVOTES: usize = 3;

fn build(scheme: Scheme, obs: &Observations) -> Built {
    let outvoted = outvoted_counts(scheme, obs);
    let untrusted: BTreeSet<&str> = outvoted
        .iter()
        .filter(|(_, n)| **n >= UNTRUSTED_OUTVOTES)
        .map(|(d, _)| *d)
        .collect();
    let mut rows = Vec::new();
    let mut comments = Vec::new();
    for ((s, code), list) in obs {
        if *s != scheme {
            continue;
        }
        for mut era in eras(scheme, code, list) {
            let (set_aside, kept): (Vec<&Observation>, Vec<&Observation>) = era
                .kept
                .into_iter()
                .partition(|o| untrusted.contains(o.doc.as_str()));
            era.kept = kept;
            for o in set_aside {
                comments.push(format!(
                    "# {}\t{}\t{}\t{}\tnot counted: the document's {} names were outvoted on {} codes",
                    o.year,
                    era.code,
                    o.name,
                    o.source,
                    scheme.chinese(),
                    outvoted[o.doc.as_str()]
                ));
            }
            for o in &era.fragments {
                comments.push(format!(
                    "# {}\t{}\t{}\t{}\tfragment of a wrapped name, not counted",
                    o.year, era.code, o.name, o.source
                ));
            }
            if era.kept.is_empty() {
                continue;
            }
            let votes = votes(&era);
            let winner = winner(&era, &votes, &outvoted);
            let total_docs: BTreeSet<&str> = era.kept.iter().map(|o| o.doc.as_str()).collect();
            let won = votes[&winner].len();
            let tie = votes.iter().any(|(n, v)| *n != winner && v.len() == won);
            let note = if votes.len() > 1 {
                format!(
                    "majority: {won} of {} documents{}",
                    total_docs.len(),
                    if tie {
                        "; tie broken by the documents' agreement on other codes"
                    } else {
                        ""
                    }
                )
            } else {
                String::new()
            };
            // The printed form most often used for the winning name.
            let mut forms: BTreeMap<&str, usize> = BTreeMap::new();
            for o in era
                .kept
                .iter()
                .filter(|o| normalize_name(&o.name) == winner)
            {
                *forms.entry(o.name.as_str()).or_default() += 1;
            }
            let printed = forms
                .iter()
                .max_by(|a, b| a.1.cmp(b.1).then_with(|| b.0.cmp(a.0)))
                .map(|(f, _)| *f)
                .expect("the winner was printed");
            let mut by_year: BTreeMap<i32, Vec<&Observation>> = BTreeMap::new();
            for o in &era.kept {
                by_year.entry(o.year).or_default().push(o);
            }
            for (year, mut list) in by_year {
                list.sort_by(|a, b| a.doc.cmp(&b.doc).then(a.line.cmp(&b.line)));
                if let Some(first) = list.iter().find(|o| normalize_name(&o.name) == winner) {
                    rows.push(format!(
                        "{year}\t{code}\t{printed}\t{}\t{note}",
                        first.source
                    ));
                }
                for o in list.iter().filter(|o| normalize_name(&o.name) != winner) {
                    comments.push(format!(
                        "# {year}\t{code}\t{}\t{}\toutvoted by {printed} ({won} of {} documents)",
                        o.name,
                        o.source,
                        total_docs.len()
                    ));
                }
            }
        }
    }
    rows.sort_by(|a, b| {
        let key = |s: &str| {
            let mut f = s.split('\t');
            let y: i32 = f.next().unwrap_or("0").parse().unwrap_or(0);
            (f.next().unwrap_or("").to_string(), y)
        };
        key(a).cmp(&key(b))
    });
    comments.sort();
    comments.dedup();
    Built { rows, comments }
}

fn render(scheme: Scheme, built: &Built) -> String {
    let mut s = String::new();
    s.push_str(&format!(
        "# {} ({}) code names by year, as printed in the standard tables of corpus/.\n",
        scheme.chinese(),
        scheme.as_str()
    ));
    s.push_str(
        "# Generated by `cargo run -p yusuan-codes --example build_dictionary`; do not edit by hand.\n\
         # A row: a year, a code, the majority name of the documents between two known renames\n\
         # (data/renames.tsv), the first place it was printed that year (relative to corpus/), and\n\
         # how the name was chosen when documents disagreed. Outvoted and broken names are listed at\n\
         # the end as comments.\n",
    );
    s.push_str("year\tcode\tname\tsource\tnote\n");
    for r in &built.rows {
        s.push_str(r);
        s.push('\n');
    }
    if !built.comments.is_empty() {
        s.push_str("#\n# Not used (year, code, name, source, why):\n");
        for c in &built.comments {
            s.push_str(c);
            s.push('\n');
        }
    }
    s
}

fn main() {
    let check = std::env::args().any(|a| a == "--check");
    let obs = observe();
    let data = Path::new(env!("CARGO_MANIFEST_DIR")).join("data");
    let mut stale = false;
    for (scheme, file) in [
        (Scheme::Functional, "functional.tsv"),
        (Scheme::Economic, "economic.tsv"),
    ] {
        let built = build(scheme, &obs);
        let text = render(scheme, &built);
        let path = data.join(file);
        let mut per_year: BTreeMap<&str, usize> = BTreeMap::new();
        for r in &built.rows {
            *per_year
                .entry(r.split('\t').next().unwrap_or("?"))
                .or_default() += 1;
        }
        println!(
            "{file}: {} rows {per_year:?}, {} not used",
            built.rows.len(),
            built.comments.len()
        );
        if check {
            let old = std::fs::read_to_string(&path).unwrap_or_default();
            if old != text {
                eprintln!("{file} is stale: run the example without --check");
                stale = true;
            }
        } else {
            std::fs::write(&path, text).expect("data file is writable");
        }
    }
    if stale {
        std::process::exit(1);
    }
}
