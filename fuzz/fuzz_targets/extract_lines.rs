//! Fuzz target: extracting a disclosure from arbitrary lines (whatever a reader could produce:
//! TAB rows, page breaks, any characters) never panics, overflows or runs without bound.
#![no_main]

use libfuzzer_sys::fuzz_target;
use yusuan_read::{Format, Line, TextDocument};

fuzz_target!(|data: &[u8]| {
    let text = String::from_utf8_lossy(data);
    let mut page = 1;
    let lines = text
        .split('\n')
        .enumerate()
        .map(|(i, l)| {
            if l.contains('\x0c') {
                page += 1;
            }
            Line {
                number: i as u32 + 1,
                page: Some(page),
                text: l.to_string(),
                origin: None,
            }
        })
        .collect();
    let doc = TextDocument {
        path: "fuzz.txt".to_string(),
        sha256: String::new(),
        format: Format::Text,
        encoding: "UTF-8",
        lines,
        page_count: Some(page),
        geometry: None,
    };
    std::hint::black_box(yusuan_extract::extract(&doc));
});
