//! Ingest throughput: a synthetic corpus generated from the real extracted documents (department,
//! year, amounts and bytes varied, so every document is distinct) stored into SQLite and, when a
//! server is given (`YUSUAN_BENCH_POSTGRES_URL` or `YUSUAN_TEST_POSTGRES_URL`), PostgreSQL, in
//! the same run. Prints documents per second and database sizes.
//!
//! `cargo bench -p yusuan-store --bench ingest` (`YUSUAN_BENCH_DOCS`, default 10000).
//! Storage only: extraction is measured by yusuan-extract's own benchmark.

use std::path::PathBuf;
use std::time::Instant;

use rust_decimal::Decimal;
use yusuan_store::{process_path, Library, Processed};

fn corpus() -> Vec<Processed> {
    let root = PathBuf::from(env!("CARGO_MANIFEST_DIR")).join("../..");
    let mut out = Vec::new();
    for dir in ["corpus/seeds", "corpus/shanghai/text"] {
        let mut files: Vec<PathBuf> = std::fs::read_dir(root.join(dir))
            .expect("corpus")
            .map(|e| e.expect("entry").path())
            .filter(|p| p.extension().is_some_and(|x| x == "txt"))
            .collect();
        files.sort();
        for f in files {
            out.push(process_path(&f).expect("corpus document"));
        }
    }
    out
}

/// The `i`-th synthetic document: another department, year, amounts and bytes.
fn synthetic(base: &Processed, i: usize) -> Processed {
    let mut p = base.clone();
    p.bytes
        .extend_from_slice(format!("\n样本 {i}\n").as_bytes());
    use sha2::Digest;
    p.sha256 = sha2::Sha256::digest(&p.bytes)
        .iter()
        .map(|b| format!("{b:02x}"))
        .collect();
    p.path = format!("synthetic/{i}/{}", base.path);
    p.model.source.sha256 = p.sha256.clone();
    if let Some(d) = p.model.department.as_mut() {
        d.name = format!("{}（样本{}）", d.name, i % 400);
    }
    p.model.year = p.model.year.map(|y| y + (i / 400 % 6) as i32);
    let bump = Decimal::from((i % 97) as i64);
    for t in &mut p.model.tables {
        for r in &mut t.rows {
            for v in r.cells.values_mut() {
                *v += bump;
            }
        }
    }
    p
}

fn run(name: &str, lib: &Library, base: &[Processed], n: usize) {
    let start = Instant::now();
    for i in 0..n {
        let doc = synthetic(&base[i % base.len()], i);
        lib.store(&doc).expect("store");
    }
    let secs = start.elapsed().as_secs_f64();
    let size = lib.size_bytes().unwrap_or(0);
    println!(
        "{name:<10} {n} documents in {secs:.1} s = {:.1} documents/s; database {:.1} MiB ({:.1} KiB/document)",
        n as f64 / secs,
        size as f64 / 1048576.0,
        size as f64 / 1024.0 / n as f64
    );
}

fn main() {
    // `cargo test --benches` runs this with `--bench` absent: keep it quick then.
    let benching = std::env::args().any(|a| a == "--bench");
    let n: usize = std::env::var("YUSUAN_BENCH_DOCS")
        .ok()
        .and_then(|v| v.parse().ok())
        .unwrap_or(if benching { 10_000 } else { 50 });
    let base = corpus();
    let cells: usize = base
        .iter()
        .flat_map(|p| &p.model.tables)
        .flat_map(|t| &t.rows)
        .map(|r| r.cells.len())
        .sum();
    println!(
        "synthetic corpus: {n} documents from {} real ones ({:.0} cells, {:.0} lines per document on average)",
        base.len(),
        cells as f64 / base.len() as f64,
        base.iter().map(|p| p.lines.len()).sum::<usize>() as f64 / base.len() as f64
    );
    let dir = tempfile::tempdir().expect("temp dir");
    let path = dir.path().join("bench.sqlite").display().to_string();
    let sqlite = Library::open(&path).expect("sqlite");
    run("sqlite", &sqlite, &base, n);
    let server = std::env::var("YUSUAN_BENCH_POSTGRES_URL")
        .or_else(|_| std::env::var("YUSUAN_TEST_POSTGRES_URL"))
        .ok()
        .filter(|s| !s.is_empty());
    match server {
        Some(server) => {
            let mut admin = postgres::Client::connect(&server, postgres::NoTls).expect("connect");
            admin
                .batch_execute(
                    "DROP SCHEMA IF EXISTS bench_ingest CASCADE; CREATE SCHEMA bench_ingest;",
                )
                .expect("schema");
            let sep = if server.contains('?') { '&' } else { '?' };
            let url = format!("{server}{sep}options=-c%20search_path%3Dbench_ingest");
            let pg = Library::open(&url).expect("postgres");
            run("postgres", &pg, &base, n);
            drop(pg);
            let _ = admin.batch_execute("DROP SCHEMA IF EXISTS bench_ingest CASCADE");
        }
        None => println!("postgres   skipped: set YUSUAN_BENCH_POSTGRES_URL"),
    }
}
