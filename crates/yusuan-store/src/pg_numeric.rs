//! PostgreSQL `NUMERIC` values in their binary wire form, to and from the exact decimal text the
//! library binds and reads (`-1234.5600`): the decimal type of the model needs no PostgreSQL
//! support compiled into it.
//!
//! The wire form is four big-endian 16-bit words — `ndigits`, `weight`, `sign`, `dscale` — then
//! `ndigits` base-10000 digits, most significant first. The value is
//! Σ digit[i] × 10000^(weight − i), shown with `dscale` decimal places.

use std::error::Error;

use postgres::types::{FromSql, Type};

type BoxError = Box<dyn Error + Sync + Send>;

const POSITIVE: u16 = 0x0000;
const NEGATIVE: u16 = 0x4000;
/// PostgreSQL's largest display scale of a `NUMERIC`.
const MAX_SCALE: usize = 0x3FFF;

/// The wire form of a plain decimal number (`[-+]digits[.digits]`, no exponent).
pub(crate) fn encode(text: &str) -> Result<Vec<u8>, BoxError> {
    let bad = || -> BoxError { format!("not a decimal number: {text:?}").into() };
    let t = text.trim();
    let (negative, unsigned) = match t.strip_prefix('-') {
        Some(rest) => (true, rest),
        None => (false, t.strip_prefix('+').unwrap_or(t)),
    };
    let (int, frac) = unsigned.split_once('.').unwrap_or((unsigned, ""));
    let all_digits = |s: &str| s.bytes().all(|b| b.is_ascii_digit());
    if (int.is_empty() && frac.is_empty()) || !all_digits(int) || !all_digits(frac) {
        return Err(bad());
    }
    if frac.len() > MAX_SCALE {
        return Err(bad());
    }
    let int = int.trim_start_matches('0');
    // Align on base-10000 digits: zeros before the integer part, after the fraction.
    let lead = (4 - int.len() % 4) % 4;
    let trail = (4 - frac.len() % 4) % 4;
    let aligned: Vec<u8> = std::iter::repeat_n(b'0', lead)
        .chain(int.bytes())
        .chain(frac.bytes())
        .chain(std::iter::repeat_n(b'0', trail))
        .collect();
    let mut digits: Vec<i16> = aligned
        .chunks(4)
        .map(|c| c.iter().fold(0i16, |acc, b| acc * 10 + i16::from(b - b'0')))
        .collect();
    let mut weight = ((lead + int.len()) / 4) as i64 - 1;
    let leading_zeros = digits.iter().take_while(|d| **d == 0).count();
    digits.drain(..leading_zeros);
    weight -= leading_zeros as i64;
    while digits.last() == Some(&0) {
        digits.pop();
    }
    let weight = i16::try_from(weight).map_err(|_| bad())?;
    let ndigits = i16::try_from(digits.len()).map_err(|_| bad())?;
    let (sign, weight) = if digits.is_empty() {
        (POSITIVE, 0)
    } else if negative {
        (NEGATIVE, weight)
    } else {
        (POSITIVE, weight)
    };
    let mut out = Vec::with_capacity(8 + 2 * digits.len());
    out.extend_from_slice(&ndigits.to_be_bytes());
    out.extend_from_slice(&weight.to_be_bytes());
    out.extend_from_slice(&sign.to_be_bytes());
    out.extend_from_slice(&(frac.len() as u16).to_be_bytes());
    for d in digits {
        out.extend_from_slice(&d.to_be_bytes());
    }
    Ok(out)
}

/// The decimal text of a wire-form `NUMERIC`, with exactly `dscale` decimal places. NaN and the
/// infinities have no exact decimal form and are refused.
pub(crate) fn decode(raw: &[u8]) -> Result<String, BoxError> {
    let word = |i: usize| -> Result<u16, BoxError> {
        raw.get(2 * i..2 * i + 2)
            .map(|b| u16::from_be_bytes([b[0], b[1]]))
            .ok_or_else(|| "truncated NUMERIC value".into())
    };
    let ndigits = word(0)? as usize;
    let weight = i64::from(word(1)? as i16);
    let sign = word(2)?;
    let dscale = usize::from(word(3)?);
    if sign != POSITIVE && sign != NEGATIVE {
        return Err("NUMERIC value is NaN or infinite".into());
    }
    if dscale > MAX_SCALE || raw.len() != 8 + 2 * ndigits {
        return Err("malformed NUMERIC value".into());
    }
    let digits = (0..ndigits)
        .map(|i| {
            let d = word(4 + i)?;
            if d < 10_000 {
                Ok(d)
            } else {
                Err(BoxError::from("malformed NUMERIC digit"))
            }
        })
        .collect::<Result<Vec<u16>, BoxError>>()?;
    // The base-10000 digit of power 10000^(weight − i); zero outside the stored ones.
    let digit = |i: i64| -> u16 {
        usize::try_from(i)
            .ok()
            .and_then(|i| digits.get(i).copied())
            .unwrap_or(0)
    };
    let mut text = String::new();
    if sign == NEGATIVE && !digits.is_empty() {
        text.push('-');
    }
    if weight < 0 {
        text.push('0');
    } else {
        text.push_str(&digit(0).to_string());
        for i in 1..=weight {
            text.push_str(&format!("{:04}", digit(i)));
        }
    }
    if dscale > 0 {
        text.push('.');
        let mut fraction = String::with_capacity(dscale + 4);
        let mut i = weight + 1;
        while fraction.len() < dscale {
            fraction.push_str(&format!("{:04}", digit(i)));
            i += 1;
        }
        fraction.truncate(dscale);
        text.push_str(&fraction);
    }
    Ok(text)
}

/// A `NUMERIC` read as its exact decimal text.
pub(crate) struct Numeric(pub String);

impl<'a> FromSql<'a> for Numeric {
    fn from_sql(_: &Type, raw: &'a [u8]) -> Result<Self, BoxError> {
        decode(raw).map(Numeric)
    }

    fn accepts(ty: &Type) -> bool {
        *ty == Type::NUMERIC
    }
}

#[cfg(test)]
mod tests {
    use super::{decode, encode};

    /// The wire words of a value, for comparing with PostgreSQL's documented form.
    fn words(text: &str) -> Vec<i16> {
        encode(text)
            .unwrap()
            .chunks(2)
            .map(|b| i16::from_be_bytes([b[0], b[1]]))
            .collect()
    }

    #[test]
    fn encodes_base_10000_digits_with_weight_and_scale() {
        // 12345.6 = 1 × 10000¹ + 2345 × 10000⁰ + 6000 × 10000⁻¹, one decimal place.
        assert_eq!(words("12345.6"), vec![3, 1, 0, 1, 1, 2345, 6000]);
        assert_eq!(words("-0.0001"), vec![1, -1, 0x4000, 4, 1]);
        assert_eq!(words("1000000.0000"), vec![1, 1, 0, 4, 100]);
        assert_eq!(words("0.00"), vec![0, 0, 0, 2]);
        assert_eq!(words("-0"), vec![0, 0, 0, 0]);
        assert_eq!(words("0.00001"), vec![1, -2, 0, 5, 1000]);
    }

    #[test]
    fn decodes_to_the_text_it_was_given() {
        for text in [
            "0",
            "0.00",
            "1",
            "-1",
            "12345.6",
            "-12345.6789",
            "100000000.0000",
            "0.0001",
            "0.00001",
            "9999.9999",
            "10000",
            "-0.5",
            "79228162514264337593543950335",
            "3.1415926535897932384626433832",
        ] {
            assert_eq!(decode(&encode(text).unwrap()).unwrap(), text, "{text}");
        }
        assert_eq!(decode(&encode("+007.50").unwrap()).unwrap(), "7.50");
        assert_eq!(decode(&encode(".5").unwrap()).unwrap(), "0.5");
    }

    #[test]
    fn refuses_what_is_not_an_exact_decimal() {
        for text in ["", "-", ".", "1e5", "1.2.3", "NaN", "１２", "1 000"] {
            assert!(encode(text).is_err(), "{text:?}");
        }
        // NaN, truncated input, a digit out of range.
        assert!(decode(&[0, 0, 0, 0, 0xC0, 0, 0, 0]).is_err());
        assert!(decode(&[0, 1, 0, 0, 0, 0]).is_err());
        assert!(decode(&[0, 1, 0, 0, 0, 0, 0, 0, 0x27, 0x10]).is_err());
    }
}
