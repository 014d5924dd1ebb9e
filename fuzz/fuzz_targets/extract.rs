//! Fuzz target: reading any bytes as a disclosure and extracting its tables never panics
//! (nor overflows, nor loops without end). `read_bytes` may refuse the input with an error.
//!
//! Run with `cargo +nightly fuzz run extract` from the repository root; seed the corpus with the
//! real documents, e.g. `cargo +nightly fuzz run extract fuzz/corpus/extract corpus/seeds corpus/shanghai/text`.
#![no_main]

use libfuzzer_sys::fuzz_target;

fuzz_target!(|data: &[u8]| {
    if let Ok(doc) = yusuan_read::read_bytes("fuzz.txt", data) {
        let disclosure = yusuan_extract::extract(&doc);
        std::hint::black_box(disclosure);
    }
});
