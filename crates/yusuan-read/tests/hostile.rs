//! Hostile and careless input: each case gives the document's lines or one clear error naming
//! the file and the cause, with work bounded by what the file holds (the command-line suite
//! `crates/yusuan-cli/tests/hostile.rs` runs the same files under a memory limit and a timeout).

mod hostile_inputs;

use std::time::Duration;

use hostile_inputs::*;
use yusuan_read::{read_bytes, read_bytes_with, Limits, ReadError};

fn limits() -> Limits {
    Limits::default()
}

#[test]
fn sparse_xlsx_with_opposite_corners_is_read_as_two_cells() {
    let bytes = sparse_xlsx();
    assert!(bytes.len() < 8_000, "{} bytes", bytes.len());
    let doc = read_bytes("corners.xlsx", &bytes).unwrap();
    let lines: Vec<(&str, &str)> = doc
        .lines
        .iter()
        .map(|l| (l.text.as_str(), l.origin.as_ref().unwrap().place.as_str()))
        .collect();
    assert_eq!(
        lines,
        [
            ("部门收支总表", "收支总表!A1"),
            ("最后一格", "收支总表!XFD1048576")
        ]
    );
}

#[test]
fn xlsx_table_wider_than_the_cell_limit_is_refused() {
    // 2,000 rows from column A to XFD: 32 million cells once laid out on the table's grid.
    let err = read_bytes("wide.xlsx", &wide_xlsx(2_000)).unwrap_err();
    let msg = err.to_string();
    assert!(
        msg.starts_with("wide.xlsx: cannot read XLSX file: sheet Sheet1: the table at rows 1–2000 spans 16384 columns"),
        "{msg}"
    );
}

#[test]
fn xls_with_cells_at_opposite_corners_is_refused() {
    let err = read_bytes("far.xls", &far_xls()).unwrap_err();
    let msg = err.to_string();
    assert!(
        msg.starts_with("far.xls: cannot read XLS file: sheet 1 has cells from row 3 column 1 to row 65536 column 65536, a grid of more than 4000000 cells"),
        "{msg}"
    );
}

#[test]
fn deeply_nested_html_is_refused_at_once() {
    let err = read_bytes("deep.html", &nested_html(100_000)).unwrap_err();
    assert_eq!(
        err.to_string(),
        "deep.html: cannot read HTML file: elements nested more than 4096 deep (the page nests 100000 levels)"
    );
}

#[test]
fn nested_html_within_the_limit_is_read() {
    let doc = read_bytes("nested.html", &nested_html(3_000)).unwrap();
    let text: Vec<&str> = doc.lines.iter().map(|l| l.text.as_str()).collect();
    assert_eq!(text, ["部门预算"]);
}

#[test]
fn html_reading_stops_at_the_time_budget() {
    let limits = Limits {
        time: Duration::ZERO,
        ..limits()
    };
    let err = read_bytes_with("slow.html", &nested_html(10), &limits).unwrap_err();
    assert!(matches!(err, ReadError::TimeLimit { .. }), "{err:?}");
    assert_eq!(
        err.to_string(),
        "slow.html: reading stopped after 0 s, the time allowed for one document (set YUSUAN_READ_TIMEOUT to change it)"
    );
}

#[test]
fn utf8_page_declaring_gbk_is_read_as_utf8() {
    let doc = read_bytes("page.html", &utf8_html_declaring_gbk()).unwrap();
    assert_eq!(doc.encoding, "UTF-8");
    let text: Vec<&str> = doc.lines.iter().map(|l| l.text.as_str()).collect();
    assert_eq!(
        text,
        ["普陀区财政局部门预算", "项目\t金额", "合计\t3,313.52"]
    );
}

#[test]
fn gbk_page_declaring_gbk_is_still_read_as_gbk() {
    let page = String::from_utf8(utf8_html_declaring_gbk()).unwrap();
    let (bytes, _, _) = encoding_rs::GBK.encode(&page);
    let doc = read_bytes("gbk.html", &bytes).unwrap();
    assert_eq!(doc.encoding, "GB18030");
    assert_eq!(doc.lines[0].text, "普陀区财政局部门预算");
}

#[test]
fn docx_body_over_the_part_limit_is_refused() {
    // 130 MiB of paragraphs, packed to well under 1 MiB.
    let bytes = big_docx(130 << 20);
    assert!(bytes.len() < 2 << 20, "{} bytes", bytes.len());
    let err = read_bytes("big.docx", &bytes).unwrap_err();
    assert_eq!(
        err.to_string(),
        "big.docx: cannot read DOCX file: word/document.xml unpacks to more than 128 MiB (the limit for one part)"
    );
}

#[test]
fn docx_reading_stops_at_the_time_budget() {
    let limits = Limits {
        time: Duration::ZERO,
        ..limits()
    };
    let err = read_bytes_with("slow.docx", &big_docx(4 << 20), &limits).unwrap_err();
    assert!(matches!(err, ReadError::TimeLimit { .. }), "{err:?}");
}

#[test]
fn damaged_legacy_word_file_is_reported_as_word() {
    let err = read_bytes("old.doc", &damaged_doc()).unwrap_err();
    let msg = err.to_string();
    assert!(msg.starts_with("old.doc: legacy Word (.doc)"), "{msg}");
    assert!(!msg.contains("XLS"), "{msg}");
}

mod pdf {
    use super::*;
    use hostile_inputs::PdfPage::*;

    fn engine() -> bool {
        let ok = yusuan_read::pdf::engine_available();
        if !ok {
            eprintln!("skipped: the PDF engine is not installed (scripts/setup/pdfium.sh)");
        }
        ok
    }

    #[test]
    fn pdf_with_pages_but_no_text_says_so() {
        if !engine() {
            return;
        }
        let err = read_bytes("blank.pdf", &pdf(&[Blank, Blank, Blank], 3)).unwrap_err();
        assert_eq!(
            err.to_string(),
            "blank.pdf: nothing to read: its 3 pages have no text layer and no scanned image (blank, or drawings only)"
        );
    }

    #[test]
    fn damaged_page_is_noted_and_the_others_are_read() {
        if !engine() {
            return;
        }
        // The page tree promises three pages and holds two: page 3 cannot be loaded.
        let doc = read_bytes("torn.pdf", &pdf(&[Text, Text], 3)).unwrap();
        assert_eq!(doc.page_count, Some(3));
        let text: Vec<&str> = doc
            .lines
            .iter()
            .map(|l| l.text.as_str())
            .filter(|t| !t.is_empty())
            .collect();
        assert_eq!(
            text,
            ["Budget 2024 total 3313.52", "Budget 2024 total 3313.52"]
        );
        let notes: Vec<(u32, &str)> = doc
            .geometry
            .as_ref()
            .unwrap()
            .notes
            .iter()
            .map(|n| (n.page, n.message.as_str()))
            .collect();
        assert_eq!(notes.len(), 1, "{notes:?}");
        assert_eq!(notes[0].0, 3);
        assert!(
            notes[0]
                .1
                .starts_with("the page is damaged and was skipped"),
            "{notes:?}"
        );
        assert!(!notes[0].1.contains("Pdfium"), "{notes:?}");
    }

    #[test]
    fn scanned_pages_past_the_ocr_page_limit_get_a_note() {
        if !engine() {
            return;
        }
        // 5,000 scanned pages sharing one image (a 1 MB file); the text page comes first.
        let mut pages = vec![Text];
        pages.extend(std::iter::repeat_n(Scan, 4_999));
        let bytes = pdf(&pages, pages.len());
        let limits = Limits {
            ocr_pages: 0,
            ..limits()
        };
        let doc = read_bytes_with("scans.pdf", &bytes, &limits).unwrap();
        let geometry = doc.geometry.as_ref().unwrap();
        assert_eq!(geometry.pages.len(), 5_000);
        assert!(geometry.pages.iter().all(|p| !p.ocr));
        let skipped: Vec<&yusuan_read::ReadNote> = geometry
            .notes
            .iter()
            .filter(|n| n.message.starts_with("scanned page (no text layer) not read: the limit of 0 pages read by OCR per document was reached"))
            .collect();
        assert_eq!(skipped.len(), 4_999);
        assert_eq!(skipped[0].page, 2);
        assert_eq!(doc.lines[0].text, "Budget 2024 total 3313.52");
    }

    #[test]
    fn scanned_pages_past_the_ocr_time_get_a_note() {
        if !engine() {
            return;
        }
        let bytes = pdf(&[Scan, Scan, Scan], 3);
        let limits = Limits {
            ocr_time: Duration::ZERO,
            ..limits()
        };
        let err = read_bytes_with("scans.pdf", &bytes, &limits).unwrap_err();
        assert_eq!(
            err.to_string(),
            "scans.pdf: no text read: the PDF has no text layer and its 3 scanned pages were past the OCR limits (YUSUAN_OCR_MAX_PAGES, YUSUAN_OCR_TIMEOUT)"
        );
    }

    #[test]
    fn pdf_reading_stops_at_the_time_budget() {
        if !engine() {
            return;
        }
        let limits = Limits {
            time: Duration::ZERO,
            ..limits()
        };
        let err = read_bytes_with("slow.pdf", &pdf(&[Text, Text], 2), &limits).unwrap_err();
        assert!(matches!(err, ReadError::TimeLimit { .. }), "{err:?}");
    }
}
