//! Reading the same document in each format, against its text version.
//!
//! For each fixture of `corpus/formats/` (seed 000, a Shanghai 部门预算 and a 决算) the group
//! `read/<document>` times `yusuan_read::read_bytes` on the text version and on the DOCX, XLSX,
//! XLS and HTML versions, one document per iteration (`Throughput::Elements(1)`), so the ratio
//! of a format's time to `text` is the cost of the format. Run with
//! `cargo bench -p yusuan-read --bench formats -- --warm-up-time 1 --measurement-time 3`.

// `criterion_main!` defines a `pub fn main` that cannot carry a doc comment.
#![allow(missing_docs)]

use std::hint::black_box;
use std::path::PathBuf;

use criterion::{criterion_group, criterion_main, Criterion, Throughput};

fn corpus(rel: &str) -> Vec<u8> {
    let path = PathBuf::from(env!("CARGO_MANIFEST_DIR"))
        .join("../../corpus")
        .join(rel);
    std::fs::read(&path).unwrap_or_else(|e| panic!("{}: {e}", path.display()))
}

const DOCUMENTS: &[(&str, &str)] = &[
    ("seed-000", "seeds/000_58134781a689c5f0.txt"),
    (
        "putuo-wanli-jiedao-2025-dept-budget",
        "shanghai/text/putuo-wanli-jiedao-2025-dept-budget.txt",
    ),
    (
        "putuo-finance-2024-final-accounts",
        "shanghai/text/putuo-finance-2024-final-accounts.txt",
    ),
];

fn formats(c: &mut Criterion) {
    for (name, text) in DOCUMENTS {
        let mut group = c.benchmark_group(format!("read/{name}"));
        group.throughput(Throughput::Elements(1));
        let mut inputs = vec![("text", corpus(text))];
        for ext in ["docx", "xlsx", "xls", "html"] {
            inputs.push((ext, corpus(&format!("formats/{name}.{ext}"))));
        }
        for (format, bytes) in &inputs {
            group.bench_function(*format, |b| {
                b.iter(|| yusuan_read::read_bytes(format, black_box(bytes)).unwrap())
            });
        }
        group.finish();
    }
}

criterion_group!(benches, formats);
criterion_main!(benches);
