//! Reading PDFs: pages per second for text-layer PDFs (every corpus PDF) and for scanned pages
//! (OCR at 300 dpi). `scripts/bench/pdf.sh` runs this and pdfplumber on the same files.
//!
//! `cargo bench -p yusuan-read --bench pdf`; needs `scripts/setup/pdfium.sh` and
//! `scripts/setup/ocr.sh`.

// `criterion_main!` defines a `pub fn main` that cannot carry a doc comment.
#![allow(missing_docs)]

use std::path::PathBuf;

use criterion::{criterion_group, criterion_main, Criterion, Throughput};

fn root() -> PathBuf {
    PathBuf::from(env!("CARGO_MANIFEST_DIR")).join("../..")
}

fn load(rel: &str) -> (String, Vec<u8>, u64) {
    let bytes = std::fs::read(root().join(rel)).unwrap_or_else(|e| panic!("{rel}: {e}"));
    let pages = yusuan_read::read_bytes(rel, &bytes)
        .unwrap_or_else(|e| panic!("{e}"))
        .page_count
        .unwrap_or(1) as u64;
    (rel.to_string(), bytes, pages)
}

fn text_layer(c: &mut Criterion) {
    let mut names: Vec<String> = std::fs::read_dir(root().join("corpus/shanghai/pdf"))
        .unwrap()
        .flatten()
        .map(|e| e.file_name().to_string_lossy().into_owned())
        .filter(|n| n.ends_with(".pdf"))
        .collect();
    names.sort();
    let docs: Vec<(String, Vec<u8>, u64)> = names
        .iter()
        .map(|n| load(&format!("corpus/shanghai/pdf/{n}")))
        .collect();
    let pages: u64 = docs.iter().map(|d| d.2).sum();
    let mut group = c.benchmark_group("pdf");
    group.sample_size(10);
    group.throughput(Throughput::Elements(pages));
    group.bench_function("text_layer_corpus", |b| {
        b.iter(|| {
            for (name, bytes, _) in &docs {
                let doc = yusuan_read::read_bytes(name, bytes).unwrap();
                std::hint::black_box(doc.lines.len());
            }
        })
    });
    group.finish();
}

fn ocr(c: &mut Criterion) {
    let (name, bytes, pages) = load(
        "crates/yusuan-read/tests/fixtures/putuo-govoffice-2025-dept-budget-p9-10-scanned.pdf",
    );
    let mut group = c.benchmark_group("pdf");
    group.sample_size(10);
    group.throughput(Throughput::Elements(pages));
    group.bench_function("ocr_scanned_pages", |b| {
        b.iter(|| {
            let doc = yusuan_read::read_bytes(&name, &bytes).unwrap();
            std::hint::black_box(doc.lines.len());
        })
    });
    group.finish();
}

criterion_group!(benches, text_layer, ocr);
criterion_main!(benches);
