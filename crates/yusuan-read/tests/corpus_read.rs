//! Reading the real corpus: line counts, page counts, encodings.

mod common;

use common::*;
use yusuan_read::{decode, detect_format, read_bytes, read_path, Format, TextDocument};

fn check_numbering(doc: &TextDocument) {
    for (i, line) in doc.lines.iter().enumerate() {
        assert_eq!(line.number as usize, i + 1, "{}", doc.path);
    }
}

#[test]
fn seeds_have_sed_line_counts_and_no_pages() {
    for seed in SEEDS {
        let bytes = corpus_bytes(seed);
        let doc = read_path(&corpus(seed)).unwrap_or_else(|e| panic!("{e}"));
        assert_eq!(doc.lines.len(), expected_line_count(&bytes), "{seed}");
        assert_eq!(doc.format, Format::Text);
        assert_eq!(doc.encoding, "UTF-8");
        assert_eq!(doc.page_count, None, "{seed}");
        assert!(doc.lines.iter().all(|l| l.page.is_none()), "{seed}");
        check_numbering(&doc);
    }
}

#[test]
fn seed_lines_keep_their_numbers() {
    // Seed 002 ends without a newline: the last line (a lone space) is line 2267, now empty.
    let doc = read_path(&corpus(SEED_002)).unwrap();
    assert_eq!(doc.lines.len(), 2267);
    assert_eq!(doc.lines[2266].text, "");
    // Debris lines keep their place: a watermark line of seed 001 is empty, its neighbours not.
    let doc = read_path(&corpus(SEED_001)).unwrap();
    assert_eq!(doc.lines[93].number, 94);
    assert_eq!(doc.lines[93].text, "");
    assert_eq!(doc.lines[4].text, "市级部门（单位）整体绩效目标申报表");
}

#[test]
fn sha256_and_path_are_recorded() {
    let doc = read_bytes("corpus/seeds/002.txt", &corpus_bytes(SEED_002)).unwrap();
    assert_eq!(doc.path, "corpus/seeds/002.txt");
    // `sha256sum corpus/seeds/002_8019674a81fd05c1.txt`
    assert_eq!(
        doc.sha256,
        "aa5e48417436be250a0fbd17fa3be309cfb2b69f2bf92cd949010d766dc152c6"
    );
}

#[test]
fn shanghai_texts_have_line_and_page_counts() {
    for (name, pdf_pages) in SHANGHAI {
        let rel = shanghai_text(name);
        let bytes = corpus_bytes(&rel);
        let doc = read_path(&corpus(&rel)).unwrap_or_else(|e| panic!("{e}"));
        assert_eq!(doc.lines.len(), expected_line_count(&bytes), "{name}");
        let form_feeds = bytes.iter().filter(|&&b| b == 0x0c).count() as u32;
        assert_eq!(doc.page_count, Some(form_feeds + 1), "{name}");
        assert_eq!(doc.page_count, Some(pdf_pages), "{name}: PDF page count");
        check_numbering(&doc);
        // Pages are non-decreasing, start at 1 and end at the page count.
        assert_eq!(doc.lines[0].page, Some(1));
        assert_eq!(doc.lines.last().unwrap().page, doc.page_count);
        assert!(
            doc.lines.windows(2).all(|w| w[0].page <= w[1].page),
            "{name}"
        );
        assert!(doc.lines.iter().all(|l| !l.text.contains('\x0c')), "{name}");
    }
}

#[test]
fn shanghai_form_feed_line_opens_its_page() {
    // putuo-welfare-home-2024-unit-budget: line 3 is a lone form feed, line 20 the next one.
    let rel = shanghai_text("putuo-welfare-home-2024-unit-budget");
    assert_eq!(raw_line(&rel, 3), "\x0c");
    let doc = read_path(&corpus(&rel)).unwrap();
    assert_eq!(doc.lines[1].page, Some(1));
    assert_eq!(
        (doc.lines[2].page, doc.lines[2].text.as_str()),
        (Some(2), "")
    );
    assert_eq!(doc.lines[18].page, Some(2));
    assert_eq!(doc.lines[19].page, Some(3));
}

#[test]
fn corpus_formats_detected_by_content() {
    for seed in SEEDS {
        assert_eq!(detect_format(&corpus_bytes(seed)), Format::Text, "{seed}");
    }
    for (name, _) in SHANGHAI {
        let pdf = corpus_bytes(&format!("shanghai/pdf/{name}.pdf"));
        assert_eq!(detect_format(&pdf), Format::Pdf, "{name}");
        assert_eq!(
            detect_format(&corpus_bytes(&shanghai_text(name))),
            Format::Text
        );
    }
}

// --- encodings -------------------------------------------------------------------------------

fn utf16(text: &str, little_endian: bool, bom: bool) -> Vec<u8> {
    // encoding_rs only encodes to ASCII-compatible encodings, so UTF-16 is made with std.
    let mut out = Vec::with_capacity(text.len() * 2 + 2);
    let units = bom.then_some(0xFEFF).into_iter().chain(text.encode_utf16());
    for unit in units {
        out.extend(if little_endian {
            unit.to_le_bytes()
        } else {
            unit.to_be_bytes()
        });
    }
    out
}

fn assert_same_lines(original: &TextDocument, other: &TextDocument, what: &str) {
    assert_eq!(original.lines, other.lines, "{what}");
    assert_eq!(original.page_count, other.page_count, "{what}");
}

#[test]
fn other_encodings_decode_to_the_same_lines() {
    let files = [
        SEED_001.to_owned(),
        SEED_002.to_owned(),
        SEED_003.to_owned(),
        shanghai_text("putuo-finance-2024-final-accounts"),
    ];
    for rel in &files {
        let bytes = corpus_bytes(rel);
        let text = std::str::from_utf8(&bytes).unwrap();
        let original = read_bytes(rel, &bytes).unwrap();

        let (gbk, _, unmappable) = encoding_rs::GBK.encode(text);
        assert!(!unmappable, "{rel} is not GBK-encodable");
        let doc = read_bytes(rel, &gbk).unwrap();
        assert_eq!(doc.encoding, "GB18030", "{rel}");
        assert_same_lines(&original, &doc, "GBK");

        let (gb18030, _, _) = encoding_rs::GB18030.encode(text);
        let doc = read_bytes(rel, &gb18030).unwrap();
        assert_eq!(doc.encoding, "GB18030", "{rel}");
        assert_same_lines(&original, &doc, "GB18030");

        let mut with_bom = b"\xEF\xBB\xBF".to_vec();
        with_bom.extend_from_slice(&bytes);
        let doc = read_bytes(rel, &with_bom).unwrap();
        assert_eq!(doc.encoding, "UTF-8");
        assert_same_lines(&original, &doc, "UTF-8 with BOM");

        for (le, name) in [(true, "UTF-16LE"), (false, "UTF-16BE")] {
            for bom in [true, false] {
                let doc = read_bytes(rel, &utf16(text, le, bom)).unwrap();
                assert_eq!(doc.encoding, name, "{rel} bom={bom}");
                assert_same_lines(&original, &doc, name);
                assert_ne!(doc.sha256, original.sha256);
            }
        }
    }
}

#[test]
fn decode_names_encodings() {
    assert_eq!(
        decode("预算".as_bytes()).unwrap(),
        ("预算".to_owned(), "UTF-8")
    );
    let (gbk, _, _) = encoding_rs::GBK.encode("部门预算 2022年");
    assert_eq!(
        decode(&gbk).unwrap(),
        ("部门预算 2022年".to_owned(), "GB18030")
    );
    // A character outside GBK survives a GB18030 round trip.
    let (gb, _, _) = encoding_rs::GB18030.encode("合计€𠀀");
    assert_eq!(decode(&gb).unwrap(), ("合计€𠀀".to_owned(), "GB18030"));
    assert_eq!(
        decode(&utf16("合计\t1234.56\n", true, false)).unwrap(),
        ("合计\t1234.56\n".to_owned(), "UTF-16LE")
    );
}
