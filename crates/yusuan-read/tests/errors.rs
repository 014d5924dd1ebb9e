//! Inputs that cannot be read give one-line errors naming the file and the cause.

mod common;

use common::*;
use std::path::Path;
use yusuan_read::{
    decode, detect_format, read_bytes, read_path, DecodeError, Format, ReadError, MAX_INPUT_BYTES,
};

/// A minimal ZIP local file header for an entry called `name` (enough for detection).
fn zip_with_entry(name: &str) -> Vec<u8> {
    let mut z = b"PK\x03\x04\x14\x00\x00\x00\x08\x00\x00\x00\x00\x00".to_vec();
    z.extend_from_slice(&[0; 12]);
    z.extend_from_slice(&(name.len() as u16).to_le_bytes());
    z.extend_from_slice(&[0, 0]);
    z.extend_from_slice(name.as_bytes());
    z.extend_from_slice(&[0x8d, 0x90, 0x00, 0x01, 0x02, 0xff, 0xfe]);
    z
}

#[test]
fn pdf_is_read_by_content_not_by_name() {
    let rel = "shanghai/pdf/putuo-welfare-home-2024-unit-budget.pdf";
    // A PDF called .txt is still a PDF.
    let doc = read_bytes("corpus/x.txt", &corpus_bytes(rel)).unwrap();
    assert_eq!(doc.format, Format::Pdf);
    assert!(read_path(&corpus(rel)).is_ok());
    let err = read_bytes("report.txt", b"%PDF-1.7\n%\xe2\xe3\xcf\xd3\n").unwrap_err();
    assert!(matches!(err, ReadError::Pdf { .. }), "{err:?}");
    assert_eq!(
        err.to_string(),
        "report.txt: not a valid PDF (damaged or truncated)"
    );
}

#[test]
fn damaged_office_files_name_the_file_and_the_cause() {
    let docx = zip_with_entry("word/document.xml");
    assert_eq!(detect_format(&docx), Format::Docx);
    let err = read_bytes("a.docx", &docx).unwrap_err();
    assert!(matches!(
        err,
        ReadError::Damaged {
            format: Format::Docx,
            ..
        }
    ));
    assert!(
        err.to_string()
            .starts_with("a.docx: cannot read DOCX file: not a valid ZIP"),
        "{err}"
    );
    let xlsx = zip_with_entry("xl/workbook.xml");
    assert_eq!(detect_format(&xlsx), Format::Xlsx);
    assert!(read_bytes("b.xlsx", &xlsx)
        .unwrap_err()
        .to_string()
        .starts_with("b.xlsx: cannot read XLSX file: "));
    let mut xls = vec![0xD0, 0xCF, 0x11, 0xE0, 0xA1, 0xB1, 0x1A, 0xE1];
    xls.extend_from_slice(&[0u8; 504]);
    xls.extend("Workbook".encode_utf16().flat_map(u16::to_le_bytes));
    assert_eq!(detect_format(&xls), Format::Xls);
    assert!(read_bytes("c.xls", &xls)
        .unwrap_err()
        .to_string()
        .starts_with("c.xls: cannot read XLS file: "));
    // A legacy Word file is recognised and refused by name.
    let mut doc = vec![0xD0, 0xCF, 0x11, 0xE0, 0xA1, 0xB1, 0x1A, 0xE1];
    doc.extend_from_slice(&[0u8; 504]);
    doc.extend("WordDocument".encode_utf16().flat_map(u16::to_le_bytes));
    assert_eq!(detect_format(&doc), Format::Doc);
    assert_eq!(
        read_bytes("old.doc", &doc).unwrap_err().to_string(),
        "old.doc: legacy Word (.doc) input is not supported yet"
    );
    let html = b"\n<!DOCTYPE html>\n<html><body><p>\xe9\xa2\x84\xe7\xae\x97</p></body></html>\n";
    assert_eq!(detect_format(html), Format::Html);
    let page = read_bytes("d.html", html).unwrap();
    assert_eq!(page.format, Format::Html);
    assert_eq!(page.lines[0].text, "预算");
    assert_eq!(detect_format(b"<HTML><p>x</p></HTML>"), Format::Html);
    // HTML debris inside a text file does not make it HTML.
    assert_eq!(detect_format("<p>绩效目标</p>\n".as_bytes()), Format::Text);
}

#[test]
fn plain_zip_and_binary_are_not_text() {
    let zip = zip_with_entry("data.bin");
    assert_eq!(detect_format(&zip), Format::Unknown);
    let err = read_bytes("e.zip", &zip).unwrap_err();
    assert!(matches!(err, ReadError::NotText { .. }));
    assert_eq!(err.to_string(), "e.zip: not text: binary content at byte 2");

    let mut bin = "合计\t1234\n".as_bytes().to_vec();
    let first_bad = bin.len();
    bin.extend((0u8..=255).cycle().take(4000));
    let err = read_bytes("b.txt", &bin).unwrap_err();
    assert_eq!(
        err.to_string(),
        format!("b.txt: not text: binary content at byte {first_bad}")
    );
    assert_eq!(decode(&bin), Err(DecodeError::Binary { offset: first_bad }));
}

#[test]
fn a_few_stray_control_bytes_are_tolerated() {
    let mut bytes = corpus_bytes(SEED_004);
    bytes.insert(100, 0x01);
    let doc = read_bytes("f.txt", &bytes).unwrap();
    assert!(doc.lines.iter().all(|l| !l.text.contains('\x01')));
    assert_eq!(doc.lines.len(), expected_line_count(&bytes));
}

#[test]
fn empty_input() {
    let err = read_bytes("c.txt", b"").unwrap_err();
    assert!(matches!(err, ReadError::Empty { .. }));
    assert_eq!(err.to_string(), "c.txt: empty file");
    assert_eq!(
        read_bytes("bom.txt", b"\xEF\xBB\xBF")
            .unwrap_err()
            .to_string(),
        "bom.txt: empty file"
    );
    // A single newline is one empty line, as `sed -n 1p` sees it.
    let doc = read_bytes("nl.txt", b"\n").unwrap();
    assert_eq!(doc.lines.len(), 1);
}

#[test]
fn missing_file() {
    let err = read_path(Path::new("a.txt")).unwrap_err();
    assert!(matches!(err, ReadError::Io { .. }));
    assert_eq!(
        err.to_string(),
        "a.txt: cannot read: No such file or directory (os error 2)"
    );
}

#[test]
fn too_large_input_is_refused_without_reading() {
    // A sparse file: its size is over the limit, but no data is read or allocated.
    let dir = std::env::temp_dir().join(format!("yusuan-read-test-{}", std::process::id()));
    std::fs::create_dir_all(&dir).unwrap();
    let path = dir.join("huge.txt");
    let file = std::fs::File::create(&path).unwrap();
    file.set_len(MAX_INPUT_BYTES + 1).unwrap();
    drop(file);
    let err = read_path(&path).unwrap_err();
    std::fs::remove_dir_all(&dir).unwrap();
    assert!(matches!(err, ReadError::TooLarge { .. }));
    let msg = err.to_string();
    assert!(
        msg.ends_with("huge.txt: too large: 268435457 bytes (the limit is 256 MiB)"),
        "{msg}"
    );

    // The same limit applies to bytes in memory (calloc'd zeros: cheap to allocate).
    let big = vec![0u8; MAX_INPUT_BYTES as usize + 1];
    let err = read_bytes("big.txt", &big).unwrap_err();
    assert!(matches!(err, ReadError::TooLarge { size, .. } if size == MAX_INPUT_BYTES + 1));
}
