//! PDF input: corpus PDFs read into positioned lines; hostile input (truncated, mutated, not a
//! PDF at all) gives errors, never a panic. Needs the PDF engine (`scripts/setup/pdfium.sh`).

use std::path::PathBuf;

use proptest::prelude::*;
use yusuan_read::{read_bytes, Format, ReadError};

fn corpus_pdf(name: &str) -> Vec<u8> {
    let path = PathBuf::from(env!("CARGO_MANIFEST_DIR"))
        .join("../../corpus/shanghai/pdf")
        .join(name);
    std::fs::read(&path).unwrap_or_else(|e| panic!("{}: {e}", path.display()))
}

#[test]
fn corpus_pdf_reads_into_pages_lines_and_boxes() {
    let bytes = corpus_pdf("putuo-govoffice-2025-dept-budget.pdf");
    let doc = read_bytes("gov.pdf", &bytes).unwrap_or_else(|e| panic!("{e}"));
    assert_eq!(doc.format, Format::Pdf);
    assert_eq!(doc.page_count, Some(22));
    let g = doc.geometry.as_ref().expect("positions");
    assert_eq!(g.lines.len(), doc.lines.len());
    assert_eq!(g.pages.len(), 22);
    // Line numbers are dense, pages ascend, each line has one box per character.
    for (i, l) in doc.lines.iter().enumerate() {
        assert_eq!(l.number as usize, i + 1);
        let boxes = &g.lines[i];
        assert!(
            boxes.is_empty() || boxes.len() == l.text.chars().count(),
            "line {}",
            l.number
        );
    }
    assert!(doc.lines.windows(2).all(|w| w[0].page <= w[1].page));
    // The income table's row: code levels, name and two amounts in their columns, blanks kept.
    let row = doc
        .lines
        .iter()
        .find(|l| l.text.starts_with("201\t03\t01\t行政运行"))
        .expect("the 行政运行 row");
    assert_eq!(
        row.text,
        "201\t03\t01\t行政运行\t12,029,501.84\t12,029,501.84\t\t\t"
    );
    assert_eq!(row.page, Some(9));
    let title = doc
        .lines
        .iter()
        .find(|l| l.text == "2025年部门收入预算总表")
        .expect("the title as one line");
    assert_eq!(title.page, Some(9));
}

#[test]
fn broken_pdfs_are_errors_naming_the_file() {
    let bytes = corpus_pdf("putuo-welfare-home-2024-unit-budget.pdf");
    for cut in [10, 1000, bytes.len() / 2] {
        match read_bytes("cut.pdf", &bytes[..cut]) {
            Ok(doc) => assert!(!doc.lines.is_empty()),
            Err(e) => assert!(e.to_string().starts_with("cut.pdf: "), "{e}"),
        }
    }
    let e = read_bytes("junk.pdf", b"%PDF-1.7\n this is not a PDF").unwrap_err();
    assert!(matches!(e, ReadError::Pdf { .. }), "{e:?}");
    assert_eq!(
        e.to_string(),
        "junk.pdf: not a valid PDF (damaged or truncated)"
    );
}

proptest! {
    #![proptest_config(ProptestConfig { cases: 48, ..ProptestConfig::default() })]

    /// Truncated and mutated corpus PDFs: an error or a document, never a panic.
    #[test]
    fn mutated_pdfs_never_panic(cut in 0.0f64..1.0, flips in proptest::collection::vec((0.0f64..1.0, any::<u8>()), 0..24)) {
        let mut bytes = corpus_pdf("putuo-govoffice-2025-unit-budget.pdf");
        for (at, b) in flips {
            let i = ((bytes.len() - 1) as f64 * at) as usize;
            bytes[i] = b;
        }
        let keep = 8 + ((bytes.len() - 8) as f64 * cut) as usize;
        bytes.truncate(keep);
        match read_bytes("m.pdf", &bytes) {
            Ok(doc) => prop_assert!(doc.lines.iter().enumerate().all(|(i, l)| l.number as usize == i + 1)),
            Err(e) => prop_assert!(e.to_string().starts_with("m.pdf: ")),
        }
    }
}

/// Text outside the page's visible box (this PDF repeats its 部门职责 of page 3 on page 4 outside
/// the visible box: the plain-text extraction of `corpus/shanghai/text/` prints it twice) is
/// dropped and counted in a note for its page.
#[test]
fn clipped_text_is_dropped_and_noted() {
    let bytes = corpus_pdf("putuo-commerce-2025-dept-budget.pdf");
    let doc = read_bytes("commerce.pdf", &bytes).unwrap();
    let g = doc.geometry.as_ref().unwrap();
    let page4 = &g.pages[3];
    assert!(page4.clipped_chars > 600, "{}", page4.clipped_chars);
    assert!(g
        .notes
        .iter()
        .any(|n| n.page == 4 && n.message.contains("outside the visible page box")));
    let hidden = "主管全区产业经济的区政府工作部门";
    let twin = std::fs::read_to_string(
        PathBuf::from(env!("CARGO_MANIFEST_DIR"))
            .join("../../corpus/shanghai/text/putuo-commerce-2025-dept-budget.txt"),
    )
    .unwrap();
    assert_eq!(twin.matches(hidden).count(), 2);
    let seen: Vec<Option<u32>> = doc
        .lines
        .iter()
        .filter(|l| l.text.contains(hidden))
        .map(|l| l.page)
        .collect();
    assert_eq!(seen, [Some(3)]);
}
