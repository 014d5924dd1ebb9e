//! The vocabulary is spelled once: no crate's non-test code spells an item key, a dotted fact key
//! or a canonical Chinese label of `yusuan_model::vocabulary` as a string literal when another
//! crate spells it too (the model counts as one crate). Keys are matched as whole literals (or
//! literal prefixes like `"three_public.{}"`), labels as parts of literals (a sentence template
//! that spells a label spells it).
//!
//! `STILL_SPELLED` lists the duplicates not yet moved to the vocabulary: the test fails on any
//! duplicate not in the list and on a listed one that is gone (so the list only shrinks).

use std::collections::{BTreeMap, BTreeSet};
use std::path::{Path, PathBuf};

use yusuan_model::vocabulary::{FACT_SUBJECTS, ITEMS};

/// Known duplicates, to be moved to the vocabulary (the rules' messages and candidate tables,
/// the renderer's summary lines and sentences, recognition words in extract).
const STILL_SPELLED: &[&str] = &[
    "expenditure.balance_distribution",
    "expenditure.closing_balance",
    "expenditure.current_year_total",
    "expenditure.function",
    "expenditure.grand_total",
    "expenditure.total",
    "fiscal_appropriation.total",
    "income.business",
    "income.carryover",
    "income.current_year_total",
    "income.fiscal_appropriation",
    "income.fiscal_special_account",
    "income.general_public",
    "income.government_fund",
    "income.grand_total",
    "income.operating",
    "income.other",
    "income.state_capital",
    "income.subordinate_remittance",
    "income.superior_subsidy",
    "income.total",
    "income.unit_funds",
    "income.use_of_balance",
    "three_public.outbound",
    "three_public.reception",
    "three_public.total",
    "three_public.vehicle",
    "three_public.vehicle.operation",
    "three_public.vehicle.purchase",
    "“三公”经费",
    "一般公共预算拨款收入",
    "上年结转结余",
    "上级补助收入",
    "事业单位经营收入",
    "事业收入",
    "公务接待费",
    "公务用车购置及运行费",
    "公务用车购置费",
    "公务用车运行维护费",
    "其他收入",
    "单位资金",
    "因公出国（境）费",
    "国有资本经营预算拨款收入",
    "年末结转和结余",
    "支出合计",
    "支出总计",
    "收入合计",
    "收入总计",
    "收支总计",
    "政府性基金预算拨款收入",
    "本年支出合计",
    "本年收入合计",
    "机关运行经费",
    "结余分配",
    "财政专户管理资金收入",
    "财政拨款收入",
    "财政拨款收支总计",
    "附属单位上缴收入",
];

/// The string literals of a Rust source, outside `#[cfg(test)]` items and comments.
fn literals(src: &str) -> Vec<String> {
    let b: Vec<char> = src.chars().collect();
    let mut out = Vec::new();
    let mut i = 0;
    let mut depth = 0usize;
    // Depth at which a `#[cfg(test)]` item's body started; literals inside are skipped.
    let mut skip_from: Option<usize> = None;
    let mut pending_test = false;
    while i < b.len() {
        let c = b[i];
        if c == '/' && b.get(i + 1) == Some(&'/') {
            while i < b.len() && b[i] != '\n' {
                i += 1;
            }
            continue;
        }
        if c == '/' && b.get(i + 1) == Some(&'*') {
            i += 2;
            while i + 1 < b.len() && !(b[i] == '*' && b[i + 1] == '/') {
                i += 1;
            }
            i += 2;
            continue;
        }
        if c == '#' && b[i..].iter().take(12).collect::<String>() == "#[cfg(test)]" {
            pending_test = true;
            i += 12;
            continue;
        }
        if c == '{' {
            if pending_test && skip_from.is_none() {
                skip_from = Some(depth);
                pending_test = false;
            }
            depth += 1;
        } else if c == '}' {
            depth = depth.saturating_sub(1);
            if skip_from == Some(depth) {
                skip_from = None;
            }
        } else if c == ';' && pending_test && skip_from.is_none() {
            // `#[cfg(test)] use …;` or `mod tests;`.
            pending_test = false;
        }
        // Raw strings: r"…", r#"…"#.
        if c == 'r'
            && matches!(b.get(i + 1), Some('"') | Some('#'))
            && (i == 0 || !b[i - 1].is_alphanumeric() && b[i - 1] != '_')
        {
            let mut j = i + 1;
            let mut hashes = 0;
            while b.get(j) == Some(&'#') {
                hashes += 1;
                j += 1;
            }
            if b.get(j) == Some(&'"') {
                let start = j + 1;
                let mut k = start;
                'scan: while k < b.len() {
                    if b[k] == '"' && (0..hashes).all(|h| b.get(k + 1 + h) == Some(&'#')) {
                        break 'scan;
                    }
                    k += 1;
                }
                if skip_from.is_none() {
                    out.push(b[start..k.min(b.len())].iter().collect());
                }
                i = k + 1 + hashes;
                continue;
            }
        }
        if c == '\'' {
            // A char literal ('x', '\n', '\u{3000}'); otherwise a lifetime.
            if b.get(i + 1) == Some(&'\\') {
                let mut k = i + 2;
                while k < b.len() && b[k] != '\'' {
                    k += 1;
                }
                i = k + 1;
                continue;
            }
            if b.get(i + 2) == Some(&'\'') {
                i += 3;
                continue;
            }
            i += 1;
            continue;
        }
        if c == '"' {
            let mut k = i + 1;
            let mut s = String::new();
            while k < b.len() && b[k] != '"' {
                if b[k] == '\\' {
                    k += 1;
                    if b.get(k) == Some(&'\n') {
                        // Line continuation: skip the next line's indentation.
                        while k + 1 < b.len() && b[k + 1].is_whitespace() {
                            k += 1;
                        }
                    } else if let Some(&e) = b.get(k) {
                        s.push(e);
                    }
                } else {
                    s.push(b[k]);
                }
                k += 1;
            }
            if skip_from.is_none() {
                out.push(s);
            }
            i = k + 1;
            continue;
        }
        i += 1;
    }
    out
}

fn rust_files(dir: &Path, out: &mut Vec<PathBuf>) {
    let Ok(entries) = std::fs::read_dir(dir) else {
        return;
    };
    for e in entries.flatten() {
        let p = e.path();
        if p.is_dir() {
            rust_files(&p, out);
        } else if p.extension().is_some_and(|x| x == "rs") {
            out.push(p);
        }
    }
}

/// Crate directory name → the string literals of its non-test source.
fn crate_literals() -> BTreeMap<String, Vec<String>> {
    let crates = Path::new(env!("CARGO_MANIFEST_DIR")).join("..");
    let mut out = BTreeMap::new();
    for e in std::fs::read_dir(&crates).expect("crates/").flatten() {
        let src = e.path().join("src");
        if !src.is_dir() {
            continue;
        }
        let mut files = Vec::new();
        rust_files(&src, &mut files);
        let mut lits = Vec::new();
        for f in files {
            let text = std::fs::read_to_string(&f).expect("readable source");
            lits.extend(literals(&text));
        }
        out.insert(e.file_name().to_string_lossy().into_owned(), lits);
    }
    out
}

/// The terms checked: dotted keys (matched as the literal or its `key.` prefix) and labels
/// (matched inside literals).
fn terms() -> (BTreeSet<String>, BTreeSet<String>) {
    let mut keys = BTreeSet::new();
    let mut labels = BTreeSet::new();
    for t in ITEMS {
        keys.insert(t.key.to_string());
        labels.insert(t.label.to_string());
    }
    for t in FACT_SUBJECTS {
        if t.key.contains('.') {
            keys.insert(t.key.to_string());
        }
        labels.insert(t.label.to_string());
    }
    (keys, labels)
}

fn spelled_by() -> BTreeMap<String, BTreeSet<String>> {
    let (keys, labels) = terms();
    let mut by: BTreeMap<String, BTreeSet<String>> = BTreeMap::new();
    for (krate, lits) in crate_literals() {
        for l in &lits {
            for k in &keys {
                if l == k || l.starts_with(&format!("{k}.")) {
                    by.entry(k.clone()).or_default().insert(krate.clone());
                }
            }
            for lab in &labels {
                if l.contains(lab.as_str()) {
                    by.entry(lab.clone()).or_default().insert(krate.clone());
                }
            }
        }
    }
    by
}

#[test]
fn the_scanner_sees_literals_and_skips_tests_and_comments() {
    let src = r####"
        // "in a comment"
        const A: &str = "公务接待费";
        fn f() -> &'static str { let c = '"'; r#"raw "x""# }
        #[cfg(test)]
        mod tests { const B: &str = "only in tests"; }
        const C: &str = "after";
    "####;
    assert_eq!(literals(src), vec!["公务接待费", "raw \"x\"", "after"]);
}

#[test]
fn no_key_or_label_is_spelled_in_two_crates() {
    let by = spelled_by();
    assert!(
        by.get("three_public.vehicle_purchase")
            .is_some_and(|c| c.contains("yusuan-model")),
        "the scan finds the vocabulary itself"
    );
    let shared: BTreeMap<&String, &BTreeSet<String>> =
        by.iter().filter(|(_, crates)| crates.len() > 1).collect();
    let listed: BTreeSet<&str> = STILL_SPELLED.iter().copied().collect();
    let new: Vec<String> = shared
        .iter()
        .filter(|(t, _)| !listed.contains(t.as_str()))
        .map(|(t, c)| format!("{t}: {c:?}"))
        .collect();
    let gone: Vec<&str> = listed
        .iter()
        .filter(|t| !shared.contains_key(&t.to_string()))
        .copied()
        .collect();
    assert!(
        new.is_empty(),
        "spelled in more than one crate (use yusuan_model::vocabulary):\n{}",
        new.join("\n")
    );
    assert!(
        gone.is_empty(),
        "no longer duplicated, remove from STILL_SPELLED: {gone:?}"
    );
}
