//! Helpers shared by the integration tests.
#![allow(dead_code)]

use std::path::PathBuf;

/// Path of a corpus file, relative to the workspace's `corpus/` folder.
pub fn corpus(rel: &str) -> PathBuf {
    PathBuf::from(concat!(env!("CARGO_MANIFEST_DIR"), "/../../corpus/")).join(rel)
}

/// Raw bytes of a corpus file.
pub fn corpus_bytes(rel: &str) -> Vec<u8> {
    std::fs::read(corpus(rel)).unwrap_or_else(|e| panic!("{rel}: {e}"))
}

/// Line `n` (1-based, like `sed -n Np`) of a corpus file, without its terminator.
pub fn raw_line(rel: &str, n: usize) -> String {
    let bytes = corpus_bytes(rel);
    let text = String::from_utf8(bytes).expect("corpus files are UTF-8");
    text.split('\n')
        .nth(n - 1)
        .unwrap_or_else(|| panic!("{rel} has no line {n}"))
        .to_owned()
}

/// Number of lines as `wc -l` + 1 when the last line has no terminator (= awk `NR` at END).
pub fn expected_line_count(bytes: &[u8]) -> usize {
    let newlines = bytes.iter().filter(|&&b| b == b'\n').count();
    newlines + usize::from(bytes.last().is_some_and(|&b| b != b'\n'))
}

pub const SEED_000: &str = "seeds/000_58134781a689c5f0.txt";
pub const SEED_001: &str = "seeds/001_98287256a49a631e.txt";
pub const SEED_002: &str = "seeds/002_8019674a81fd05c1.txt";
pub const SEED_003: &str = "seeds/003_51cbaa0335987f54.txt";
pub const SEED_004: &str = "seeds/004_f0d47b0d691be104.txt";
pub const SEEDS: [&str; 5] = [SEED_000, SEED_001, SEED_002, SEED_003, SEED_004];

/// The Shanghai texts and the page counts of their PDFs (`/Count` in the page tree).
pub const SHANGHAI: [(&str, u32); 14] = [
    ("putuo-commerce-2025-dept-budget", 26),
    ("putuo-commerce-2025-unit-budget", 22),
    ("putuo-finance-2024-final-accounts", 25),
    ("putuo-finance-2025-dept-budget", 24),
    ("putuo-govoffice-2025-dept-budget", 22),
    ("putuo-govoffice-2025-unit-budget", 21),
    ("putuo-planning-resources-2024-final-accounts", 30),
    ("putuo-social-work-dept-2024-final-accounts", 24),
    ("putuo-wanli-jiedao-2023-dept-budget", 35),
    ("putuo-wanli-jiedao-2024-dept-budget", 33),
    ("putuo-wanli-jiedao-2025-dept-budget", 31),
    ("putuo-welfare-home-2024-unit-budget", 16),
    ("shanghai-final-accounts-TEMPLATE", 23),
    ("shanghai-municipal-finance-bureau-2025-unit-budget", 21),
];

pub fn shanghai_text(name: &str) -> String {
    format!("shanghai/text/{name}.txt")
}
