//! Hostile and careless input through the real binary: each file gives its result or one clear
//! error naming the file and the cause, within a memory limit (RLIMIT_AS through `prlimit`, so
//! an allocation sized by the input shows as an abort) and a generous timeout (a hang shows as a
//! failure, not as a stuck test).

#[path = "../../yusuan-read/tests/hostile_inputs/mod.rs"]
mod hostile_inputs;

use std::path::{Path, PathBuf};
use std::process::{Command, Stdio};
use std::time::{Duration, Instant};

use hostile_inputs::PdfPage::*;
use hostile_inputs::*;

/// Address space allowed to the binary.
const MEMORY: u64 = 4 << 30;
/// Wall-clock time allowed to one run.
const TIMEOUT: Duration = Duration::from_secs(180);

struct Run {
    code: i32,
    stdout: String,
    stderr: String,
}

fn dir(name: &str) -> PathBuf {
    let d = PathBuf::from(env!("CARGO_TARGET_TMPDIR"))
        .join("hostile")
        .join(name);
    let _ = std::fs::remove_dir_all(&d);
    std::fs::create_dir_all(&d).unwrap();
    d
}

fn file(name: &str, bytes: &[u8]) -> PathBuf {
    let path = dir(name).join(name);
    std::fs::write(&path, bytes).unwrap();
    path
}

/// `yusuan extract <path>` under the memory limit and the timeout; fails the test on a signal
/// (an abort, the kernel's kill) or a hang.
fn extract(path: &Path, env: &[(&str, &str)]) -> Run {
    let bin = env!("CARGO_BIN_EXE_yusuan");
    let limited = Command::new("prlimit").arg("--version").output().is_ok();
    let mut cmd = if limited {
        let mut c = Command::new("prlimit");
        c.arg(format!("--as={MEMORY}")).arg("--").arg(bin);
        c
    } else {
        Command::new(bin)
    };
    cmd.arg("extract")
        .arg(path)
        .current_dir(concat!(env!("CARGO_MANIFEST_DIR"), "/../.."))
        .stdin(Stdio::null())
        .stdout(Stdio::piped())
        .stderr(Stdio::piped());
    for (k, v) in env {
        cmd.env(k, v);
    }
    let started = Instant::now();
    let mut child = cmd.spawn().unwrap();
    // Drain the pipes on threads so a large output cannot block the child.
    let mut out = child.stdout.take().unwrap();
    let mut err = child.stderr.take().unwrap();
    let out = std::thread::spawn(move || {
        let mut s = String::new();
        std::io::Read::read_to_string(&mut out, &mut s).ok();
        s
    });
    let err = std::thread::spawn(move || {
        let mut s = String::new();
        std::io::Read::read_to_string(&mut err, &mut s).ok();
        s
    });
    let status = loop {
        if let Some(status) = child.try_wait().unwrap() {
            break status;
        }
        if started.elapsed() > TIMEOUT {
            let _ = child.kill();
            let _ = child.wait();
            panic!("{}: no answer within {TIMEOUT:?}", path.display());
        }
        std::thread::sleep(Duration::from_millis(50));
    };
    let run = Run {
        code: status.code().unwrap_or(-1),
        stdout: out.join().unwrap(),
        stderr: err.join().unwrap(),
    };
    assert!(
        status.code().is_some(),
        "{}: killed by a signal ({status:?}); stderr: {}",
        path.display(),
        run.stderr
    );
    assert!(
        !run.stderr.contains("panicked") && !run.stderr.contains("memory allocation"),
        "{}",
        run.stderr
    );
    run
}

/// One error line naming the file and holding `cause`.
fn assert_error(run: &Run, path: &Path, cause: &str) {
    assert_eq!(run.code, 2, "stdout: {} stderr: {}", run.stdout, run.stderr);
    let line = run.stderr.lines().next().unwrap_or_default();
    assert!(
        line.contains(&*path.to_string_lossy()) && line.contains(cause),
        "expected `{cause}` in: {}",
        run.stderr
    );
}

#[test]
fn sparse_xlsx_is_read_within_memory() {
    // Before: "memory allocation of 549755813888 bytes failed", exit 134.
    let path = file("corners.xlsx", &sparse_xlsx());
    let run = extract(&path, &[]);
    assert_eq!(run.code, 0, "{}", run.stderr);
}

#[test]
fn far_xls_is_refused_within_memory() {
    // Before: "memory allocation of 137434759168 bytes failed", exit 134.
    let path = file("far.xls", &far_xls());
    let run = extract(&path, &[]);
    assert_error(&run, &path, "a grid of more than 4000000 cells");
}

#[test]
fn deeply_nested_html_is_refused_at_once() {
    // Before: more than a minute in the HTML parser.
    let path = file("deep.html", &nested_html(100_000));
    let run = extract(&path, &[]);
    assert_error(&run, &path, "elements nested more than 4096 deep");
}

#[test]
fn utf8_page_declaring_gbk_is_read() {
    let path = file("page.html", &utf8_html_declaring_gbk());
    let run = extract(&path, &[]);
    assert_eq!(run.code, 0, "{}", run.stderr);
}

#[test]
fn docx_with_a_huge_body_is_refused() {
    let path = file("big.docx", &big_docx(130 << 20));
    let run = extract(&path, &[]);
    assert_error(
        &run,
        &path,
        "word/document.xml unpacks to more than 128 MiB",
    );
}

#[test]
fn reading_past_the_time_budget_is_a_clear_error() {
    let path = file("slow.docx", &big_docx(8 << 20));
    let run = extract(&path, &[("YUSUAN_READ_TIMEOUT", "0")]);
    assert_error(&run, &path, "reading stopped after 0 s");
}

#[test]
fn damaged_legacy_word_file_is_named_as_word() {
    let path = file("old.doc", &damaged_doc());
    let run = extract(&path, &[]);
    assert_error(&run, &path, "legacy Word (.doc)");
    assert!(!run.stderr.contains("XLS"), "{}", run.stderr);
}

#[test]
fn directory_symlink_loop_reads_each_file_once() {
    // Before: the file was read 41 times (until the path grew too long).
    let root = dir("loop");
    std::fs::create_dir_all(root.join("a")).unwrap();
    std::fs::copy(
        concat!(
            env!("CARGO_MANIFEST_DIR"),
            "/../../corpus/seeds/000_58134781a689c5f0.txt"
        ),
        root.join("a/budget.txt"),
    )
    .unwrap();
    std::os::unix::fs::symlink("..", root.join("a/up")).unwrap();
    std::os::unix::fs::symlink(".", root.join("a/here")).unwrap();
    let run = extract(&root, &[]);
    assert_eq!(run.code, 0, "{}", run.stderr);
    let docs: serde_json::Value = serde_json::from_str(&run.stdout).unwrap();
    assert_eq!(docs.as_array().map(Vec::len), Some(1), "{}", run.stderr);
}

#[test]
fn huge_line_and_encodings_are_read_within_bounds() {
    // One 32 MiB line of figures.
    let line = "1234567.89\t".repeat(3 << 20);
    let path = file("huge-line.txt", line.as_bytes());
    let run = extract(&path, &[]);
    assert!(matches!(run.code, 0 | 1), "{}", run.stderr);
    // The same budget in GBK and in UTF-16 with a BOM.
    let text = std::fs::read_to_string(concat!(
        env!("CARGO_MANIFEST_DIR"),
        "/../../corpus/seeds/000_58134781a689c5f0.txt"
    ))
    .unwrap();
    let gbk = encoding_rs::GBK.encode(&text).0.into_owned();
    let mut utf16 = vec![0xFF, 0xFE];
    utf16.extend(text.encode_utf16().flat_map(u16::to_le_bytes));
    for (name, bytes) in [("gbk.txt", gbk), ("utf16.txt", utf16)] {
        let path = file(name, &bytes);
        let run = extract(&path, &[]);
        assert_eq!(run.code, 0, "{name}: {}", run.stderr);
    }
}

#[test]
fn zip_bomb_is_refused() {
    // Five members of 110 MiB: 550 MiB unpacked, a few hundred KiB packed.
    let mut zip = zip::ZipWriter::new(std::io::Cursor::new(Vec::new()));
    let opts = zip::write::SimpleFileOptions::default()
        .compression_method(zip::CompressionMethod::Deflated);
    let chunk = vec![b' '; 1 << 20];
    for i in 0..5 {
        zip.start_file(format!("xl/worksheets/sheet{i}.xml"), opts)
            .unwrap();
        for _ in 0..110 {
            std::io::Write::write_all(&mut zip, &chunk).unwrap();
        }
    }
    zip.start_file("xl/workbook.xml", opts).unwrap();
    let bytes = zip.finish().unwrap().into_inner();
    let path = file("bomb.xlsx", &bytes);
    let run = extract(&path, &[]);
    assert_error(&run, &path, "unpacks to more than 512 MiB");
}

mod pdf {
    use super::*;

    fn engine() -> bool {
        // The binary finds the engine the way the library does.
        let ok = Command::new("sh")
            .arg("-c")
            .arg("ls /usr/lib/libpdfium.so /usr/local/lib/libpdfium.so \"${XDG_DATA_HOME:-$HOME/.local/share}/yusuan/lib/libpdfium.so\" \"$YUSUAN_PDFIUM\" 2>/dev/null | grep -q .")
            .status()
            .is_ok_and(|s| s.success());
        if !ok {
            eprintln!("skipped: the PDF engine is not installed (scripts/setup/pdfium.sh)");
        }
        ok
    }

    #[test]
    fn pdf_without_text_says_what_is_missing() {
        if !engine() {
            return;
        }
        // Before: "empty file".
        let path = file("blank.pdf", &pdf(&[Blank, Blank], 2));
        let run = extract(&path, &[]);
        assert_error(
            &run,
            &path,
            "nothing to read: its 2 pages have no text layer and no scanned image",
        );
    }

    #[test]
    fn damaged_page_does_not_fail_the_file() {
        if !engine() {
            return;
        }
        // Before: "the PDF cannot be read: PdfiumLibraryInternalError(Unknown)" for the file.
        let path = file("torn.pdf", &pdf(&[Text, Text], 3));
        let run = extract(&path, &[]);
        assert_eq!(run.code, 0, "{}", run.stderr);
    }

    #[test]
    fn five_thousand_scanned_pages_are_capped() {
        if !engine() {
            return;
        }
        // Before: every page went to OCR (hours).
        let mut pages = vec![Text];
        pages.extend(std::iter::repeat_n(Scan, 4_999));
        let path = file("scans.pdf", &pdf(&pages, pages.len()));
        let run = extract(&path, &[("YUSUAN_OCR_MAX_PAGES", "2")]);
        assert_eq!(run.code, 0, "{}", run.stderr);
    }

    #[test]
    fn truncated_and_mutated_pdfs_give_errors_or_text() {
        if !engine() {
            return;
        }
        let original = std::fs::read(concat!(
            env!("CARGO_MANIFEST_DIR"),
            "/../../corpus/shanghai/pdf/putuo-welfare-home-2024-unit-budget.pdf"
        ))
        .unwrap();
        let half = &original[..original.len() / 2];
        let mut flipped = original.clone();
        for i in (1000..flipped.len()).step_by(997) {
            flipped[i] ^= 0x5A;
        }
        for (name, bytes) in [("half.pdf", half.to_vec()), ("flipped.pdf", flipped)] {
            let path = file(name, &bytes);
            let run = extract(&path, &[]);
            assert!(matches!(run.code, 0 | 2), "{name}: {}", run.stderr);
            if run.code == 2 {
                assert!(
                    run.stderr.contains(name) && !run.stderr.contains("Pdfium"),
                    "{}",
                    run.stderr
                );
            }
        }
    }
}
