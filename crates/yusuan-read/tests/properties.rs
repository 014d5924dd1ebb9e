//! Property tests: no panics on any input; normalisation is idempotent and keeps cell structure.

use proptest::prelude::*;
use yusuan_read::{normalize_line, read_bytes};

/// Characters that trigger the normalisation rules, to build adversarial strings.
const DEBRIS: &[&str] = &[
    "<",
    ">",
    "/",
    "p",
    "b",
    "br",
    "sup",
    "o:p",
    "&",
    "amp;",
    "lt;",
    "gt;",
    "#",
    "#38;",
    "nbsp;",
    "$",
    "\\",
    "geq",
    "le",
    "%",
    "text",
    "{",
    "}",
    "^",
    "*",
    "**",
    "-",
    "---",
    "|",
    ":",
    " ",
    "\t",
    "TC ",
    "\\f A",
    "\\l 1",
    "PAGEREF",
    "扫描全能王",
    "创建",
    "0",
    "1",
    "９",
    "，",
    "．",
    "＜",
    "\u{3000}",
    "\u{A0}",
    "\r",
    "\x0c",
    "万元",
    "年",
    "a",
    "x",
];

/// Byte fragments that exercise format detection and decoding.
const BYTE_PARTS: &[&[u8]] = &[
    b"\n",
    b"\r\n",
    b"\x0c",
    b"\x00",
    b"\xef\xbb\xbf",
    b"\xff\xfe",
    b"\xfe\xff",
    b"%PDF-",
    b"PK\x03\x04",
    b"word/",
    b"<html",
    b"\xe5\x90\x88\xe8\xae\xa1",
    b"\xba\xcf",
    b"12",
    b"\t",
    b" ",
    b"\x81\x30",
    b"\xd8\x00",
];

fn debris_string() -> impl Strategy<Value = String> {
    prop::collection::vec(prop::sample::select(DEBRIS), 0..24).prop_map(|parts| parts.concat())
}

/// 2000 cases, or more with `PROPTEST_CASES=n` for a longer run.
fn cases() -> u32 {
    std::env::var("PROPTEST_CASES")
        .ok()
        .and_then(|v| v.parse().ok())
        .unwrap_or(0)
        .max(2000)
}

proptest! {
    #![proptest_config(ProptestConfig::with_cases(cases()))]

    #[test]
    fn read_bytes_never_panics(bytes in prop::collection::vec(any::<u8>(), 0..4096)) {
        let _ = read_bytes("fuzz.bin", &bytes);
    }

    #[test]
    fn read_bytes_never_panics_on_texty_bytes(
        parts in prop::collection::vec(
            prop::sample::select(BYTE_PARTS),
            0..64,
        )
    ) {
        let _ = read_bytes("fuzz.txt", &parts.concat());
    }

    #[test]
    fn utf8_text_keeps_its_line_count(text in "[a-z0-9 \t\r\n\x0c合计，]{1,200}") {
        let doc = read_bytes("t.txt", text.as_bytes()).unwrap();
        let newlines = text.matches('\n').count();
        let expected = newlines + usize::from(!text.ends_with('\n'));
        prop_assert_eq!(doc.lines.len(), expected);
        let has_ff = text.contains('\x0c');
        prop_assert_eq!(doc.page_count.is_some(), has_ff);
        prop_assert!(doc.lines.iter().all(|l| l.page.is_some() == has_ff));
    }

    #[test]
    fn normalize_is_idempotent_on_any_string(s in any::<String>()) {
        let once = normalize_line(&s);
        prop_assert_eq!(normalize_line(&once), once);
    }

    #[test]
    fn normalize_is_idempotent_on_debris(s in debris_string()) {
        let once = normalize_line(&s);
        prop_assert_eq!(normalize_line(&once), once.clone(), "input {:?}", s);
    }

    #[test]
    fn normalize_keeps_tabs_unless_the_line_is_blanked(s in debris_string()) {
        let out = normalize_line(&s);
        if !out.is_empty() {
            prop_assert_eq!(out.matches('\t').count(), s.matches('\t').count(), "input {:?}", s);
        }
    }
}

/// Long adversarial lines must normalise in linear time (a quadratic rule would take minutes).
#[test]
fn pathological_lines_stay_fast() {
    let started = std::time::Instant::now();
    for unit in [
        "$1 ", "<b ", "<", "&amp;", "**a", "\\geq", "1，", " ．", "扫描", "TC x \\f", "$\\ge ",
    ] {
        let line = unit.repeat(200_000 / unit.len());
        let once = normalize_line(&line);
        assert_eq!(normalize_line(&once), once, "{unit:?}");
    }
    let elapsed = started.elapsed();
    assert!(elapsed.as_secs() < 30, "took {elapsed:?}");
}
