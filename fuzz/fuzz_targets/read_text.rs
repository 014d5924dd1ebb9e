//! Fuzz target: reading any bytes as plain text in any encoding (UTF-8, GBK/GB18030, UTF-16) never panics, aborts or
//! runs without bound; `read_bytes` may refuse the input with an error. The format is detected
//! from the content, so the seeds (`scripts/fuzz.sh`) keep most inputs in this reader.
#![no_main]

use libfuzzer_sys::fuzz_target;

fuzz_target!(|data: &[u8]| {
    if let Ok(doc) = yusuan_read::read_bytes("fuzz.txt", data) {
        std::hint::black_box(doc);
    }
});
