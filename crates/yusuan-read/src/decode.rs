//! Decoding raw bytes into text: BOMs, UTF-16 without BOM, UTF-8, GB18030 (superset of GBK).

use encoding_rs::{DecoderResult, Encoding, GB18030, UTF_16BE, UTF_16LE, UTF_8};

use crate::error::DecodeError;

/// How many leading bytes are examined for the UTF-16 NUL-byte pattern.
const UTF16_SNIFF_WINDOW: usize = 64 * 1024;

/// Decodes `bytes` into text and names the encoding used.
///
/// Order of decisions:
/// 1. a byte-order mark (UTF-8, UTF-16LE, UTF-16BE) decides, and is removed;
/// 2. a NUL-byte pattern typical of UTF-16 (ASCII characters with a zero high byte) selects
///    UTF-16LE or UTF-16BE, whichever decodes to plausible text;
/// 3. valid UTF-8 is UTF-8;
/// 4. otherwise GB18030 (a superset of GBK and GB2312; GBK input is reported as `"GB18030"`);
///    if neither decodes cleanly, the one with fewer undecodable sequences is used, with U+FFFD
///    replacements.
///
/// The result is refused as [`DecodeError::Binary`] when more than 1% of its characters are
/// control characters (other than TAB, LF, CR, FF and SUB) or replacement characters. The
/// encoding name is one of `"UTF-8"`, `"GB18030"`, `"UTF-16LE"`, `"UTF-16BE"`.
pub fn decode(bytes: &[u8]) -> Result<(String, &'static str), DecodeError> {
    if let Some((enc, bom_len)) = sniff_bom(bytes) {
        let body = &bytes[bom_len..];
        let (text, _) = enc.decode_without_bom_handling(body);
        check_text(&text, || first_bad_offset(enc, body).map(|o| o + bom_len))?;
        return Ok((text.into_owned(), encoding_name(enc)));
    }

    if let Some((enc, _)) = sniff_utf16(bytes) {
        if let Some(text) = enc.decode_without_bom_handling_and_without_replacement(bytes) {
            check_text(&text, || first_bad_offset(enc, bytes))?;
            return Ok((text.into_owned(), encoding_name(enc)));
        }
    }

    match std::str::from_utf8(bytes) {
        Ok(text) => {
            check_text(text, || first_bad_offset(UTF_8, bytes))?;
            Ok((text.to_owned(), "UTF-8"))
        }
        Err(_) => {
            if let Some(text) = GB18030.decode_without_bom_handling_and_without_replacement(bytes) {
                check_text(&text, || first_bad_offset(GB18030, bytes))?;
                return Ok((text.into_owned(), "GB18030"));
            }
            // Neither decodes cleanly: take the one with fewer replacement characters.
            let (utf8, _) = UTF_8.decode_without_bom_handling(bytes);
            let (gb, _) = GB18030.decode_without_bom_handling(bytes);
            let count = |s: &str| s.chars().filter(|&c| c == '\u{FFFD}').count();
            let (text, enc) = if count(&utf8) <= count(&gb) {
                (utf8, UTF_8)
            } else {
                (gb, GB18030)
            };
            check_text(&text, || first_bad_offset(enc, bytes))?;
            Ok((text.into_owned(), encoding_name(enc)))
        }
    }
}

/// The name reported for an encoding.
fn encoding_name(enc: &'static Encoding) -> &'static str {
    if enc == UTF_16LE {
        "UTF-16LE"
    } else if enc == UTF_16BE {
        "UTF-16BE"
    } else if enc == UTF_8 {
        "UTF-8"
    } else {
        "GB18030"
    }
}

/// The encoding named by a byte-order mark at the start of `bytes`, and the BOM's length.
pub(crate) fn sniff_bom(bytes: &[u8]) -> Option<(&'static Encoding, usize)> {
    Encoding::for_bom(bytes)
}

/// UTF-16 without BOM, recognised by NUL bytes at one parity (the high byte of ASCII characters).
/// Returns the better-decoding of UTF-16LE/BE when the pattern is present and the decoded text is
/// plausible (mostly letters, CJK, digits, punctuation and white space); BOM length is 0.
pub(crate) fn sniff_utf16(bytes: &[u8]) -> Option<(&'static Encoding, usize)> {
    let n = bytes.len().min(UTF16_SNIFF_WINDOW) & !1;
    if n < 2 {
        return None;
    }
    let (mut even, mut odd) = (0usize, 0usize);
    for pair in bytes[..n].chunks_exact(2) {
        even += usize::from(pair[0] == 0);
        odd += usize::from(pair[1] == 0);
    }
    let units = n / 2;
    // At least 2% of the code units must look like ASCII, and one parity must dominate
    // (CJK characters such as U+4E00 一 have a zero low byte, so the other parity is not 0).
    let le = odd > 0 && odd >= 4 * even && odd * 50 >= units;
    let be = even > 0 && even >= 4 * odd && even * 50 >= units;
    if !le && !be {
        return None;
    }
    let sample = &bytes[..n];
    let score = |enc: &'static Encoding| -> f64 {
        let (text, _) = enc.decode_without_bom_handling(sample);
        let total = text.chars().count().max(1);
        let good = text.chars().filter(|&c| is_common_char(c)).count();
        good as f64 / total as f64
    };
    let (s_le, s_be) = (score(UTF_16LE), score(UTF_16BE));
    let (enc, best) = if s_le >= s_be {
        (UTF_16LE, s_le)
    } else {
        (UTF_16BE, s_be)
    };
    (best >= 0.9).then_some((enc, 0))
}

/// Characters expected in Chinese and Western documents.
fn is_common_char(c: char) -> bool {
    matches!(c,
        '\t' | '\n' | '\r' | '\x0c'
        | ' '..='~'
        | '\u{A0}'..='\u{24F}'       // Latin-1, Latin Extended
        | '\u{370}'..='\u{4FF}'      // Greek, Cyrillic
        | '\u{2000}'..='\u{2BFF}'    // punctuation, symbols, arrows, math, box drawing, shapes
        | '\u{2E80}'..='\u{33FF}'    // CJK radicals, symbols and punctuation, kana, enclosed, ㎡
        | '\u{3400}'..='\u{4DBF}'    // CJK extension A
        | '\u{4E00}'..='\u{9FFF}'    // CJK unified ideographs
        | '\u{F900}'..='\u{FAFF}'    // CJK compatibility ideographs
        | '\u{FE30}'..='\u{FE4F}'    // CJK compatibility forms
        | '\u{FF00}'..='\u{FFEF}'    // half-width and full-width forms
        | '\u{FEFF}'
    )
}

/// A byte that does not occur in text: C0 controls other than TAB, LF, CR, FF, SUB; and DEL.
pub(crate) fn is_binary_byte(b: u8) -> bool {
    (b < 0x20 && !matches!(b, b'\t' | b'\n' | b'\r' | 0x0c | 0x1a)) || b == 0x7f
}

/// A decoded character that suggests binary data.
fn is_bad_char(c: char) -> bool {
    c == '\u{FFFD}' || (c.is_ascii() && is_binary_byte(c as u8))
}

/// Refuses text with more than 1% bad characters; `offset` computes where the first one is.
fn check_text(text: &str, offset: impl FnOnce() -> Option<usize>) -> Result<(), DecodeError> {
    let mut total = 0usize;
    let mut bad = 0usize;
    for c in text.chars() {
        total += 1;
        bad += usize::from(is_bad_char(c));
    }
    if bad > 0 && bad * 100 > total {
        return Err(DecodeError::Binary {
            offset: offset().unwrap_or(0),
        });
    }
    Ok(())
}

/// Byte offset (in `bytes`) of the first control byte or undecodable sequence under `enc`.
fn first_bad_offset(enc: &'static Encoding, bytes: &[u8]) -> Option<usize> {
    if enc == UTF_16LE || enc == UTF_16BE {
        let mut units = bytes.chunks_exact(2).map(|p| {
            if enc == UTF_16LE {
                u16::from_le_bytes([p[0], p[1]])
            } else {
                u16::from_be_bytes([p[0], p[1]])
            }
        });
        let mut i = 0usize;
        while let Some(u) = units.next() {
            if u < 0x80 && is_binary_byte(u as u8) {
                return Some(2 * i);
            }
            if (0xD800..0xDC00).contains(&u) {
                match units.next() {
                    Some(lo) if (0xDC00..0xE000).contains(&lo) => i += 1,
                    _ => return Some(2 * i),
                }
            } else if (0xDC00..0xE000).contains(&u) {
                return Some(2 * i);
            }
            i += 1;
        }
        return (bytes.len() % 2 == 1).then_some(bytes.len() - 1);
    }
    // In UTF-8 and GB18030 a byte below 0x40 is never part of a multi-byte sequence except as
    // a GB18030 four-byte digit (0x30-0x39), so control bytes can be located on the raw bytes.
    let control = bytes.iter().position(|&b| is_binary_byte(b));
    let malformed = first_malformed(enc, bytes);
    match (control, malformed) {
        (Some(a), Some(b)) => Some(a.min(b)),
        (a, b) => a.or(b),
    }
}

/// Byte offset of the first malformed sequence of `bytes` under `enc`.
fn first_malformed(enc: &'static Encoding, bytes: &[u8]) -> Option<usize> {
    if enc == UTF_8 {
        return std::str::from_utf8(bytes).err().map(|e| e.valid_up_to());
    }
    let mut decoder = enc.new_decoder_without_bom_handling();
    let mut out = String::new();
    let mut pos = 0usize;
    loop {
        out.clear();
        out.reserve(64 * 1024);
        let chunk_end = (pos + 16 * 1024).min(bytes.len());
        let last = chunk_end == bytes.len();
        let (result, read) =
            decoder.decode_to_string_without_replacement(&bytes[pos..chunk_end], &mut out, last);
        match result {
            DecoderResult::Malformed(bad, after) => {
                let end = pos + read;
                return Some(end.saturating_sub(usize::from(bad) + usize::from(after)));
            }
            DecoderResult::InputEmpty => {
                pos += read;
                if last {
                    return None;
                }
            }
            DecoderResult::OutputFull => pos += read,
        }
    }
}
