//! Throughput of the rule catalogue over the text corpus.
//!
//! Every `corpus/seeds/*.txt` and `corpus/shanghai/text/*.txt` is read and extracted once, outside
//! the measurement; `corpus/check` then runs `yusuan_rules::check` (every rule, merged and sorted
//! findings) on each extracted document. Throughput is in documents, so criterion prints
//! documents/s. Run with
//! `cargo bench -p yusuan-rules --bench check -- --warm-up-time 1 --measurement-time 3`.

// `criterion_main!` defines a `pub fn main` that cannot carry a doc comment.
#![allow(missing_docs)]

use std::hint::black_box;
use std::path::PathBuf;

use criterion::{criterion_group, criterion_main, Criterion, Throughput};
use yusuan_model::Disclosure;

fn corpus_dir() -> PathBuf {
    PathBuf::from(env!("CARGO_MANIFEST_DIR")).join("../../corpus")
}

/// The extracted text documents of the corpus.
fn extracted_corpus() -> Vec<Disclosure> {
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
            let text = yusuan_read::read_bytes(&format!("corpus/{rel}"), &bytes)
                .expect("corpus documents are readable");
            out.push(yusuan_extract::extract(&text));
        }
    }
    assert!(!out.is_empty(), "no corpus text files");
    out
}

fn corpus(c: &mut Criterion) {
    let docs = extracted_corpus();
    let mut group = c.benchmark_group("corpus");
    group.throughput(Throughput::Elements(docs.len() as u64));
    group.bench_function("check", |b| {
        b.iter(|| {
            let mut findings = 0;
            for doc in &docs {
                findings += yusuan_rules::check(black_box(doc)).len();
            }
            black_box(findings)
        })
    });
    group.finish();
}

criterion_group!(benches, corpus);
criterion_main!(benches);
