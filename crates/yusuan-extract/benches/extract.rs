//! Throughput of reading and extraction over the text corpus.
//!
//! Every `corpus/seeds/*.txt` and `corpus/shanghai/text/*.txt` is read into memory once; then
//! - `corpus/read_bytes`: decoding and normalising every document (`yusuan_read::read_bytes`);
//! - `corpus/read_bytes+extract`: the same followed by `yusuan_extract::extract`;
//! - `layout/*`: both steps on one document per layout — seed 000 (tab rows, 万元) and
//!   putuo-govoffice-2025-dept-budget (space-separated, amounts placed by arithmetic).
//!
//! Throughput is in bytes of input, so criterion prints MB/s. Run with
//! `cargo bench -p yusuan-extract --bench extract -- --warm-up-time 1 --measurement-time 3`.

// `criterion_main!` defines a `pub fn main` that cannot carry a doc comment.
#![allow(missing_docs)]

use std::hint::black_box;
use std::path::PathBuf;

use criterion::{criterion_group, criterion_main, Criterion, Throughput};

fn corpus_dir() -> PathBuf {
    PathBuf::from(env!("CARGO_MANIFEST_DIR")).join("../../corpus")
}

/// The text documents of the corpus: (path relative to `corpus/`, bytes).
fn text_corpus() -> Vec<(String, Vec<u8>)> {
    let mut out = Vec::new();
    for dir in ["seeds", "shanghai/text"] {
        let mut names: Vec<String> = std::fs::read_dir(corpus_dir().join(dir))
            .unwrap_or_else(|e| panic!("corpus/{dir}: {e}"))
            .flatten()
            .map(|e| e.file_name().to_string_lossy().into_owned())
            .filter(|n| n.ends_with(".txt"))
            .collect();
        names.sort();
        for n in names {
            let rel = format!("{dir}/{n}");
            let bytes = std::fs::read(corpus_dir().join(&rel)).unwrap();
            out.push((rel, bytes));
        }
    }
    assert!(!out.is_empty(), "no corpus text files");
    out
}

fn read_and_extract(path: &str, bytes: &[u8]) -> usize {
    let doc = yusuan_read::read_bytes(path, bytes).expect("corpus documents are readable");
    yusuan_extract::extract(&doc).tables.len()
}

fn corpus(c: &mut Criterion) {
    let docs = text_corpus();
    let total: usize = docs.iter().map(|(_, b)| b.len()).sum();
    let mut group = c.benchmark_group("corpus");
    group.throughput(Throughput::Bytes(total as u64));
    group.bench_function("read_bytes", |b| {
        b.iter(|| {
            for (path, bytes) in &docs {
                black_box(yusuan_read::read_bytes(path, black_box(bytes)).unwrap());
            }
        })
    });
    group.bench_function("read_bytes+extract", |b| {
        b.iter(|| {
            for (path, bytes) in &docs {
                black_box(read_and_extract(path, black_box(bytes)));
            }
        })
    });
    group.finish();
}

fn layouts(c: &mut Criterion) {
    let docs = text_corpus();
    let pick = |name: &str| {
        docs.iter()
            .find(|(p, _)| p.ends_with(name))
            .unwrap_or_else(|| panic!("no corpus file {name}"))
            .clone()
    };
    let mut group = c.benchmark_group("layout");
    for (label, (path, bytes)) in [
        ("tab_rows/seed-000", pick("000_58134781a689c5f0.txt")),
        (
            "spaced/putuo-govoffice",
            pick("putuo-govoffice-2025-dept-budget.txt"),
        ),
    ] {
        group.throughput(Throughput::Bytes(bytes.len() as u64));
        group.bench_function(format!("{label}/read_bytes"), |b| {
            b.iter(|| black_box(yusuan_read::read_bytes(&path, black_box(&bytes)).unwrap()))
        });
        group.bench_function(format!("{label}/read_bytes+extract"), |b| {
            b.iter(|| black_box(read_and_extract(&path, black_box(&bytes))))
        });
    }
    group.finish();
}

criterion_group!(benches, corpus, layouts);
criterion_main!(benches);
