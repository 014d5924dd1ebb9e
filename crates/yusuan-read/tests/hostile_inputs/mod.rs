//! Hostile and careless inputs, built as real files (shared by the reader's tests and the
//! command-line suite `crates/yusuan-cli/tests/hostile.rs`).
#![allow(dead_code)]

use std::io::Write;

/// An XLSX workbook whose only sheet holds `A1` and `XFD1048576` (the last cell of a sheet):
/// about 5 KB on disk, a grid of 17 billion cells if read densely.
pub fn sparse_xlsx() -> Vec<u8> {
    let mut book = rust_xlsxwriter::Workbook::new();
    let sheet = book.add_worksheet();
    sheet.set_name("收支总表").unwrap();
    sheet.write_string(0, 0, "部门收支总表").unwrap();
    sheet.write_string(1_048_575, 16_383, "最后一格").unwrap();
    book.save_to_buffer().unwrap()
}

/// An XLSX sheet with one row spanning the whole width (`A1` … `XFD1`) repeated on many rows.
pub fn wide_xlsx(rows: u32) -> Vec<u8> {
    let mut book = rust_xlsxwriter::Workbook::new();
    let sheet = book.add_worksheet();
    for r in 0..rows {
        sheet.write_string(r, 0, "项目").unwrap();
        sheet.write_number(r, 16_383, 1.0).unwrap();
    }
    book.save_to_buffer().unwrap()
}

/// `depth` nested `<div>` elements around one line of text.
pub fn nested_html(depth: usize) -> Vec<u8> {
    let mut s = String::from("<!DOCTYPE html><html><body>");
    s.push_str(&"<div>".repeat(depth));
    s.push_str("部门预算");
    s.push_str(&"</div>".repeat(depth));
    s.push_str("</body></html>");
    s.into_bytes()
}

/// A page saved as UTF-8 that still declares `gbk` (as pages copied from old sites do). Its
/// Chinese runs have an even number of bytes, so they also decode as GBK without an error —
/// into other characters.
pub fn utf8_html_declaring_gbk() -> Vec<u8> {
    "<!DOCTYPE html><html><head><meta http-equiv=\"Content-Type\" content=\"text/html; charset=gbk\">\
     <title>预算</title></head><body><p>普陀区财政局部门预算</p>\
     <table><tr><td>项目</td><td>金额</td></tr><tr><td>合计</td><td>3,313.52</td></tr></table>\
     </body></html>"
        .as_bytes()
        .to_vec()
}

/// A PDF file from its objects (object `n` is `objects[n - 1]`; object 1 is the catalog).
pub fn pdf_from_objects(objects: &[String]) -> Vec<u8> {
    let mut out = b"%PDF-1.4\n%\xE2\xE3\xCF\xD3\n".to_vec();
    let mut offsets = Vec::new();
    for (i, o) in objects.iter().enumerate() {
        offsets.push(out.len());
        out.extend_from_slice(format!("{} 0 obj\n{o}\nendobj\n", i + 1).as_bytes());
    }
    let xref = out.len();
    out.extend_from_slice(
        format!("xref\n0 {}\n0000000000 65535 f \n", objects.len() + 1).as_bytes(),
    );
    for off in offsets {
        out.extend_from_slice(format!("{off:010} 00000 n \n").as_bytes());
    }
    out.extend_from_slice(
        format!(
            "trailer\n<< /Size {} /Root 1 0 R >>\nstartxref\n{xref}\n%%EOF\n",
            objects.len() + 1
        )
        .as_bytes(),
    );
    out
}

fn stream(content: &str) -> String {
    format!(
        "<< /Length {} >>\nstream\n{content}\nendstream",
        content.len()
    )
}

/// What a generated PDF page holds.
#[derive(Clone, Copy, PartialEq, Eq)]
pub enum PdfPage {
    /// A line of text in the text layer.
    Text,
    /// Nothing at all.
    Blank,
    /// One image covering the page and no text (a scanned page).
    Scan,
}

/// A PDF of A4 pages; `declared` pages in the page tree's `/Count` (more than `pages.len()` makes
/// the last pages unloadable: a damaged page tree).
pub fn pdf(pages: &[PdfPage], declared: usize) -> Vec<u8> {
    // 1 catalog, 2 pages, 3 font, 4 image, 5 text content, 6 image content, 7 empty content,
    // then one page object each.
    let first_page = 8;
    let kids: Vec<String> = (0..pages.len())
        .map(|i| format!("{} 0 R", first_page + i))
        .collect();
    let image = {
        let hex = "C0".repeat(64 * 64);
        format!(
            "<< /Type /XObject /Subtype /Image /Width 64 /Height 64 /ColorSpace /DeviceGray \
             /BitsPerComponent 8 /Filter /ASCIIHexDecode /Length {} >>\nstream\n{hex}>\nendstream",
            hex.len() + 1
        )
    };
    let mut objects = vec![
        "<< /Type /Catalog /Pages 2 0 R >>".to_string(),
        format!(
            "<< /Type /Pages /Kids [{}] /Count {declared} >>",
            kids.join(" ")
        ),
        "<< /Type /Font /Subtype /Type1 /BaseFont /Helvetica >>".to_string(),
        image,
        stream("BT /F1 24 Tf 72 720 Td (Budget 2024 total 3313.52) Tj ET"),
        stream("q 595 0 0 842 0 0 cm /Im1 Do Q"),
        stream(""),
    ];
    for page in pages {
        let contents = match page {
            PdfPage::Text => 5,
            PdfPage::Scan => 6,
            PdfPage::Blank => 7,
        };
        objects.push(format!(
            "<< /Type /Page /Parent 2 0 R /MediaBox [0 0 595 842] \
             /Resources << /Font << /F1 3 0 R >> /XObject << /Im1 4 0 R >> >> /Contents {contents} 0 R >>"
        ));
    }
    pdf_from_objects(&objects)
}

/// A DOCX whose `word/document.xml` unpacks to `bytes` bytes of empty paragraphs (it packs to
/// a few hundred KiB).
pub fn big_docx(bytes: usize) -> Vec<u8> {
    let mut zip = zip::ZipWriter::new(std::io::Cursor::new(Vec::new()));
    let opts = zip::write::SimpleFileOptions::default()
        .compression_method(zip::CompressionMethod::Deflated)
        .large_file(bytes > u32::MAX as usize / 2);
    zip.start_file("[Content_Types].xml", opts).unwrap();
    zip.write_all(br#"<?xml version="1.0"?><Types xmlns="http://schemas.openxmlformats.org/package/2006/content-types"/>"#)
        .unwrap();
    zip.start_file("word/document.xml", opts).unwrap();
    let head = br#"<?xml version="1.0"?><w:document xmlns:w="http://schemas.openxmlformats.org/wordprocessingml/2006/main"><w:body>"#;
    let tail = b"</w:body></w:document>";
    zip.write_all(head).unwrap();
    let para = b"<w:p><w:r><w:t>1</w:t></w:r></w:p>";
    let chunk = para.repeat(1 << 14);
    let mut left = bytes.saturating_sub(head.len() + tail.len());
    while left > 0 {
        let n = left.min(chunk.len()) / para.len() * para.len();
        if n == 0 {
            break;
        }
        zip.write_all(&chunk[..n]).unwrap();
        left -= n;
    }
    zip.write_all(tail).unwrap();
    zip.finish().unwrap().into_inner()
}

/// A legacy Word file (OLE2 compound file) whose directory is lost: the header and the start of
/// the Word stream survive (`Microsoft Word` in its `CompObj`), the rest is cut off.
pub fn damaged_doc() -> Vec<u8> {
    let mut b = vec![0xD0, 0xCF, 0x11, 0xE0, 0xA1, 0xB1, 0x1A, 0xE1];
    b.extend_from_slice(&[0; 16]);
    b.extend_from_slice(&[0x3E, 0x00, 0x03, 0x00, 0xFE, 0xFF, 0x09, 0x00]);
    b.resize(512, 0);
    // Start of a WordDocument stream (FIB magic 0xA5EC) and a CompObj naming the program.
    b.extend_from_slice(&[0xEC, 0xA5, 0xC1, 0x00]);
    b.resize(1024, 0);
    b.extend_from_slice(b"\x01\x00\xFE\xFF\x03\x0A\x00\x00\xFF\xFF\xFF\xFF\x06\x09\x02\x00\x00\x00\x00\x00\xC0\x00\x00\x00\x00\x00\x00\x46\x1F\x00\x00\x00Microsoft Word 97-2003 Document\x00\x0A\x00\x00\x00MSWordDoc\x00\x10\x00\x00\x00Word.Document.8\x00");
    b.resize(1536, 0);
    b
}

/// A real legacy workbook (`corpus/formats/seed-000.xls`) whose last shared-string cell is moved
/// to row 65536, column 65536: the sheet's cells then span a grid of 4 billion cells.
pub fn far_xls() -> Vec<u8> {
    let mut b = std::fs::read(concat!(
        env!("CARGO_MANIFEST_DIR"),
        "/../../corpus/formats/seed-000.xls"
    ))
    .unwrap();
    // LABELSST record: type 0x00FD, length 10, then row and column.
    let at = b
        .windows(4)
        .rposition(|w| w == [0xFD, 0x00, 0x0A, 0x00])
        .unwrap();
    b[at + 4..at + 8].copy_from_slice(&[0xFF; 4]);
    b
}
