//! Test libraries on both backends: a fresh SQLite file, or a fresh PostgreSQL schema on the
//! server named by `YUSUAN_TEST_POSTGRES_URL` (`scripts/setup/postgres.sh` starts one). Without
//! that variable the PostgreSQL tests skip with a message, unless `YUSUAN_REQUIRE_POSTGRES=1`,
//! when they fail.
#![allow(dead_code)]

use std::path::PathBuf;

use yusuan_store::Library;

pub struct Target {
    pub url: String,
    pub library: Library,
    _dir: Option<tempfile::TempDir>,
}

pub fn sqlite(name: &str) -> Option<Target> {
    let dir = tempfile::tempdir().expect("a temporary folder");
    let url = dir
        .path()
        .join(format!("{name}.sqlite"))
        .display()
        .to_string();
    let library = Library::open(&url).expect("open SQLite library");
    Some(Target {
        url,
        library,
        _dir: Some(dir),
    })
}

/// The PostgreSQL server URL, or `None` (skip) when none is configured and none is required.
pub fn postgres_server() -> Option<String> {
    match std::env::var("YUSUAN_TEST_POSTGRES_URL") {
        Ok(url) if !url.is_empty() => Some(url),
        _ => {
            if std::env::var("YUSUAN_REQUIRE_POSTGRES").as_deref() == Ok("1") {
                panic!("YUSUAN_REQUIRE_POSTGRES=1 but YUSUAN_TEST_POSTGRES_URL is not set: run scripts/setup/postgres.sh");
            }
            eprintln!("skipped: set YUSUAN_TEST_POSTGRES_URL (scripts/setup/postgres.sh) to run the PostgreSQL tests");
            None
        }
    }
}

/// A URL for a fresh schema `name` on the test server.
pub fn postgres_url(server: &str, name: &str) -> String {
    let schema = format!("t_{}", name.to_ascii_lowercase());
    let mut admin = postgres::Client::connect(server, postgres::NoTls)
        .unwrap_or_else(|e| panic!("cannot connect to {server}: {e}"));
    admin
        .batch_execute(&format!(
            "DROP SCHEMA IF EXISTS {schema} CASCADE; CREATE SCHEMA {schema};"
        ))
        .expect("create test schema");
    let sep = if server.contains('?') { '&' } else { '?' };
    format!("{server}{sep}options=-c%20search_path%3D{schema}")
}

pub fn postgres(name: &str) -> Option<Target> {
    let server = postgres_server()?;
    let url = postgres_url(&server, name);
    let library = Library::open(&url).expect("open PostgreSQL library");
    Some(Target {
        url,
        library,
        _dir: None,
    })
}

pub fn root() -> PathBuf {
    PathBuf::from(env!("CARGO_MANIFEST_DIR")).join("../..")
}

/// Every text document of the corpus (Hebei seeds and Shanghai texts).
pub fn corpus() -> Vec<PathBuf> {
    let mut files = Vec::new();
    for dir in ["corpus/seeds", "corpus/shanghai/text"] {
        for e in std::fs::read_dir(root().join(dir)).expect("corpus folder") {
            let p = e.expect("entry").path();
            if p.extension().is_some_and(|x| x == "txt") {
                files.push(p);
            }
        }
    }
    files.sort();
    files
}

pub fn wanli(year: i32) -> PathBuf {
    root().join(format!(
        "corpus/shanghai/text/putuo-wanli-jiedao-{year}-dept-budget.txt"
    ))
}

/// Runs each named test function on SQLite and on PostgreSQL.
#[macro_export]
macro_rules! on_both_backends {
    ($($name:ident),* $(,)?) => {
        mod sqlite {
            $(
                #[test]
                fn $name() {
                    if let Some(t) = super::common::sqlite(stringify!($name)) {
                        super::$name(t);
                    }
                }
            )*
        }
        mod postgres {
            $(
                #[test]
                fn $name() {
                    if let Some(t) = super::common::postgres(concat!("store_", stringify!($name))) {
                        super::$name(t);
                    }
                }
            )*
        }
    };
}
