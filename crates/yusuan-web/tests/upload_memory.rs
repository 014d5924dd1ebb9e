//! An upload of many large files must not be held in the server's memory: each file goes to a
//! temporary file as it arrives. Measured as the growth of this process's peak resident memory
//! (VmHWM) while a real server on loopback receives 20 files of 24 MiB each (480 MiB), sent by a
//! client that streams them from one small buffer. Alone in its test binary, so that no other
//! test moves the peak.

use std::io::{Read, Write};
use std::net::TcpStream;
use std::sync::Arc;

use yusuan_web::{Backend, Config};

const FILES: usize = 20;
const FILE_BYTES: usize = 24 * 1024 * 1024;
const TOKEN: &str = "mem-t0ken";

/// Peak resident memory of this process so far, in bytes.
fn peak_rss() -> usize {
    let status = std::fs::read_to_string("/proc/self/status").expect("/proc/self/status");
    let kib: usize = status
        .lines()
        .find_map(|l| l.strip_prefix("VmHWM:"))
        .and_then(|v| v.trim().trim_end_matches("kB").trim().parse().ok())
        .expect("VmHWM");
    kib * 1024
}

/// Sends one multipart upload of `FILES` files of binary junk, `FILE_BYTES` each, written from
/// a 256 KiB buffer; returns the response.
fn stream_upload(addr: std::net::SocketAddr) -> String {
    let boundary = "yusuan-memory-boundary";
    let part_head = |i: usize| {
        format!(
            "--{boundary}\r\nContent-Disposition: form-data; name=\"file\"; filename=\"scan-{i}.bin\"\r\n\
             Content-Type: application/octet-stream\r\n\r\n"
        )
    };
    let tail = format!("--{boundary}--\r\n");
    let length: usize = (0..FILES)
        .map(|i| part_head(i).len() + FILE_BYTES + 2)
        .sum::<usize>()
        + tail.len();
    let mut s = TcpStream::connect(addr).unwrap();
    write!(
        s,
        "POST /api/documents HTTP/1.1\r\nHost: 127.0.0.1\r\nX-Yusuan-Token: {TOKEN}\r\n\
         Content-Type: multipart/form-data; boundary={boundary}\r\nContent-Length: {length}\r\n\
         Connection: close\r\n\r\n"
    )
    .unwrap();
    let chunk = vec![1u8; 256 * 1024];
    for i in 0..FILES {
        s.write_all(part_head(i).as_bytes()).unwrap();
        for _ in 0..FILE_BYTES / chunk.len() {
            s.write_all(&chunk).unwrap();
        }
        s.write_all(b"\r\n").unwrap();
    }
    s.write_all(tail.as_bytes()).unwrap();
    let mut response = String::new();
    s.read_to_string(&mut response).unwrap();
    response
}

#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn an_upload_of_many_large_files_is_not_held_in_memory() {
    let dir = tempfile::tempdir().unwrap();
    let path = dir.path().join("library.sqlite");
    let library: Arc<dyn Backend> =
        Arc::new(yusuan_store::Library::open(path.to_str().unwrap()).unwrap());
    let config = Config {
        token: Some(TOKEN.into()),
        max_file_bytes: FILE_BYTES,
        max_files: FILES,
    };
    let listener = tokio::net::TcpListener::bind("127.0.0.1:0").await.unwrap();
    let addr = listener.local_addr().unwrap();
    tokio::spawn(yusuan_web::serve(
        listener,
        yusuan_web::router(library, config),
    ));

    let before = peak_rss();
    let response = tokio::task::spawn_blocking(move || stream_upload(addr))
        .await
        .unwrap();
    let grown = peak_rss().saturating_sub(before);
    eprintln!(
        "uploaded {FILES} × {} MiB; peak memory grew by {:.1} MiB",
        FILE_BYTES >> 20,
        grown as f64 / (1024.0 * 1024.0)
    );
    assert!(
        response.starts_with("HTTP/1.1 200"),
        "{}",
        &response[..200.min(response.len())]
    );
    let body = &response[response.find("\r\n\r\n").unwrap() + 4..];
    let results: serde_json::Value = serde_json::from_str(body).unwrap();
    let results = results.as_array().unwrap();
    assert_eq!(results.len(), FILES);
    for r in results {
        assert_eq!(r["ok"], false);
        assert!(
            r["error"].as_str().unwrap().contains("不是可识别的文档"),
            "{r}"
        );
    }
    // Less than one file's size: no file is ever held whole.
    assert!(
        grown < FILE_BYTES,
        "peak memory grew by {grown} bytes while receiving {FILES} files of {FILE_BYTES} bytes"
    );
}
