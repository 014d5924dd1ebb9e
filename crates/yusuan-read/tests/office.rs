//! Office formats and web pages: lines as read (reviewed snapshots), merged cells, origins,
//! damaged input.

mod common;

use std::io::Write;

use common::*;
use proptest::prelude::*;
use yusuan_read::{detect_format, read_bytes, read_path, Format, ReadError};

/// The lines of a document as `number page origin | text` (TAB shown as `⇥`).
fn render(rel: &str) -> String {
    let doc = read_path(&corpus(rel)).unwrap_or_else(|e| panic!("{e}"));
    let mut out = format!(
        "format: {}  encoding: {}  pages: {:?}\n",
        doc.format, doc.encoding, doc.page_count
    );
    for l in &doc.lines {
        let origin = l.origin.as_ref().map(|o| o.place.as_str()).unwrap_or("");
        out.push_str(&format!(
            "{:>3} {:<2} {:<18} | {}\n",
            l.number,
            l.page.map(|p| p.to_string()).unwrap_or_default(),
            origin,
            l.text.replace('\t', "⇥")
        ));
    }
    out
}

const SUMMARY: &str = "formats/putuo-wanli-jiedao-2025-summary";

#[test]
fn summary_table_lines_docx() {
    insta::assert_snapshot!(render(&format!("{SUMMARY}.docx")));
}

#[test]
fn summary_table_lines_xlsx() {
    insta::assert_snapshot!(render(&format!("{SUMMARY}.xlsx")));
}

#[test]
fn summary_table_lines_xls() {
    insta::assert_snapshot!(render(&format!("{SUMMARY}.xls")));
}

#[test]
fn summary_table_lines_html() {
    insta::assert_snapshot!(render(&format!("{SUMMARY}.html")));
}

#[test]
fn formats_detected_by_content_not_name() {
    for (ext, format) in [
        ("docx", Format::Docx),
        ("xlsx", Format::Xlsx),
        ("xls", Format::Xls),
        ("html", Format::Html),
    ] {
        let bytes = corpus_bytes(&format!("{SUMMARY}.{ext}"));
        assert_eq!(detect_format(&bytes), format, "{ext}");
        // Named .txt, still read as what it is.
        let doc = read_bytes("renamed.txt", &bytes).unwrap();
        assert_eq!(doc.format, format);
        assert_eq!(doc.lines[0].text, "2025年部门财务收支预算总表");
    }
}

/// Each cell's origin: the sheet cell it was read from.
#[test]
fn cell_origins_name_sheet_cells() {
    let doc = read_path(&corpus(&format!("{SUMMARY}.xlsx"))).unwrap();
    let line = doc
        .lines
        .iter()
        .find(|l| l.text.starts_with("一、财政拨款收入"))
        .unwrap();
    let origin = line.origin.as_ref().unwrap();
    assert_eq!(origin.cells.len(), line.text.split('\t').count());
    let column = line.text.find("189,767,551").unwrap();
    let column = line.text[..column].chars().count() as u32;
    assert_eq!(origin.at(&line.text, column), "第1页!B6");
    assert_eq!(origin.at(&line.text, 0), "第1页!A6");
}

/// A DOCX built here: `w:gridSpan`, `w:vMerge` restart/continue, a nested table, tabs, breaks,
/// deleted text and field instructions.
fn docx(body: &str) -> Vec<u8> {
    let mut buf = std::io::Cursor::new(Vec::new());
    {
        let mut zip = zip::ZipWriter::new(&mut buf);
        let options = zip::write::SimpleFileOptions::default();
        zip.start_file("[Content_Types].xml", options).unwrap();
        zip.write_all(b"<?xml version=\"1.0\"?><Types/>").unwrap();
        zip.start_file("word/document.xml", options).unwrap();
        write!(
            zip,
            "<?xml version=\"1.0\" encoding=\"UTF-8\"?><w:document \
             xmlns:w=\"http://schemas.openxmlformats.org/wordprocessingml/2006/main\">\
             <w:body>{body}</w:body></w:document>"
        )
        .unwrap();
        zip.finish().unwrap();
    }
    buf.into_inner()
}

fn p(text: &str) -> String {
    format!("<w:p><w:r><w:t xml:space=\"preserve\">{text}</w:t></w:r></w:p>")
}

fn tc(props: &str, content: &str) -> String {
    format!("<w:tc><w:tcPr>{props}</w:tcPr>{content}</w:tc>")
}

#[test]
fn docx_merged_cells_keep_their_columns() {
    let body = format!(
        "{title}<w:tbl><w:tblGrid><w:gridCol/><w:gridCol/><w:gridCol/><w:gridCol/></w:tblGrid>\
         <w:tr>{a}{b}{c}</w:tr><w:tr>{d}{e}{f}{g}</w:tr><w:tr>{h}{i}{j}{k}</w:tr></w:tbl>{after}",
        title = p("收支总表"),
        a = tc("<w:vMerge w:val=\"restart\"/>", &p("项目")),
        b = tc("<w:gridSpan w:val=\"2\"/>", &p("收入")),
        c = tc("", &p("备注")),
        d = tc("<w:vMerge/>", "<w:p/>"),
        e = tc("", &p("预算数")),
        f = tc("", &p("上年数")),
        g = tc("", "<w:p/>"),
        h = tc("", &p("合计")),
        i = tc("", "<w:p><w:r><w:t>1,000</w:t></w:r><w:r><w:delText>9</w:delText></w:r></w:p>"),
        j = tc(
            "",
            "<w:tbl><w:tr><w:tc><w:p><w:r><w:t>内</w:t></w:r></w:p></w:tc>\
             <w:tc><w:p><w:r><w:t>表</w:t></w:r></w:p></w:tc></w:tr></w:tbl><w:p/>"
        ),
        k = tc("", &p("2.00")),
        after = "<w:p><w:r><w:instrText> PAGEREF _Toc1 \\h </w:instrText></w:r>\
                 <w:r><w:t>注：</w:t><w:tab/><w:t>说明</w:t><w:br/><w:t>第二行 &amp; 完</w:t></w:r></w:p>",
    );
    let doc = read_bytes("built.docx", &docx(&body)).unwrap();
    let texts: Vec<&str> = doc.lines.iter().map(|l| l.text.as_str()).collect();
    assert_eq!(
        texts,
        [
            "收支总表",
            "项目\t收入\t\t备注",
            "\t预算数\t上年数\t",
            "合计\t1,000\t内 表\t2.00",
            "注： 说明",
            "第二行 & 完"
        ]
    );
    let origin = doc.lines[3].origin.as_ref().unwrap();
    assert_eq!(origin.place, "table 1 row 3");
    assert_eq!(origin.cells[3], "table 1 row 3 cell 4");
}

#[test]
fn legacy_word_and_damaged_files_are_named() {
    let mut doc = vec![0xD0, 0xCF, 0x11, 0xE0, 0xA1, 0xB1, 0x1A, 0xE1];
    doc.extend_from_slice(&[0u8; 504]);
    doc.extend("WordDocument".encode_utf16().flat_map(u16::to_le_bytes));
    assert_eq!(
        read_bytes("report.doc", &doc).unwrap_err().to_string(),
        "report.doc: legacy Word (.doc) input is not supported yet"
    );
    // A password-protected OOXML file is an OLE2 container with an EncryptedPackage stream.
    let mut enc = vec![0xD0, 0xCF, 0x11, 0xE0, 0xA1, 0xB1, 0x1A, 0xE1];
    enc.extend_from_slice(&[0u8; 504]);
    enc.extend("EncryptedPackage".encode_utf16().flat_map(u16::to_le_bytes));
    enc.extend("Workbook".encode_utf16().flat_map(u16::to_le_bytes));
    assert_eq!(
        read_bytes("secret.xlsx", &enc).unwrap_err().to_string(),
        "secret.xlsx: cannot read XLS file: encrypted (password-protected)"
    );
}

/// A ZIP whose directory declares more unpacked bytes than the limit is refused before any
/// member is unpacked.
#[test]
fn zip_bombs_are_refused() {
    let mut bytes = docx(&p("预算"));
    // Patch every central-directory entry's uncompressed size (offset 24) to 4 GiB - 1.
    let mut i = 0;
    while let Some(at) = memchr_find(&bytes[i..], b"PK\x01\x02") {
        let at = i + at;
        bytes[at + 24..at + 28].copy_from_slice(&u32::MAX.to_le_bytes());
        i = at + 4;
    }
    let err = read_bytes("bomb.docx", &bytes).unwrap_err();
    assert!(matches!(err, ReadError::Damaged { .. }), "{err}");
    assert!(err.to_string().contains("unpacks to more than"), "{err}");
}

fn memchr_find(hay: &[u8], needle: &[u8]) -> Option<usize> {
    hay.windows(needle.len()).position(|w| w == needle)
}

#[test]
fn gbk_html_page() {
    let doc = read_path(&corpus(&format!("{SUMMARY}.html"))).unwrap();
    assert_eq!(doc.encoding, "GB18030");
    assert!(doc.lines.iter().all(|l| !l.text.contains("not a cell")));
}

proptest! {
    #![proptest_config(ProptestConfig { cases: 48, .. ProptestConfig::default() })]

    /// Truncated and mutated office files and pages give a document or an error naming the
    /// file, never a panic.
    #[test]
    fn damaged_fixtures_never_panic(
        which in 0usize..4,
        cut in 0.0f64..1.0,
        flips in proptest::collection::vec((0.0f64..1.0, any::<u8>()), 0..8),
    ) {
        let ext = ["docx", "xlsx", "xls", "html"][which];
        let mut bytes = corpus_bytes(&format!("{SUMMARY}.{ext}"));
        for (at, b) in flips {
            let i = ((bytes.len() as f64) * at) as usize % bytes.len();
            bytes[i] = b;
        }
        let keep = ((bytes.len() as f64) * cut) as usize;
        bytes.truncate(keep.max(1));
        match read_bytes("damaged.bin", &bytes) {
            Ok(doc) => prop_assert!(doc.lines.iter().enumerate().all(|(i, l)| l.number as usize == i + 1)),
            Err(e) => prop_assert!(e.to_string().starts_with("damaged.bin: ")),
        }
    }
}
