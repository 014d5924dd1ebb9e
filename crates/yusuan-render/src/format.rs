//! Amounts as printed: at the precision of the figure (a figure read as `94,995,790` is printed
//! without decimals, so the checker's tolerance stays that of the source), with or without
//! thousands separators.

use rust_decimal::Decimal;

/// `1234.50` → `1234.50`; with `separators`, `1,234.50`; `7` → `7`. Negative amounts keep
/// their sign.
pub fn amount(v: Decimal, separators: bool) -> String {
    let s = v.abs().to_string();
    let (int, frac) = s.split_once('.').unwrap_or((&s, ""));
    let int = if separators {
        group(int)
    } else {
        int.to_string()
    };
    let sign = if v.is_sign_negative() && !v.is_zero() {
        "-"
    } else {
        ""
    };
    if frac.is_empty() {
        format!("{sign}{int}")
    } else {
        format!("{sign}{int}.{frac}")
    }
}

fn group(int: &str) -> String {
    let digits: Vec<char> = int.chars().collect();
    let mut out = String::new();
    for (i, c) in digits.iter().enumerate() {
        if i > 0 && (digits.len() - i).is_multiple_of(3) {
            out.push(',');
        }
        out.push(*c);
    }
    out
}

/// An amount in narrative form: 万元 with two decimals, no separators (`86991.86`).
pub fn narrative(v: Decimal) -> String {
    let mut v = v.round_dp(2);
    v.rescale(2);
    amount(v, false)
}

/// 一, 二, … 九十九 for numbered headings and summary lines.
pub fn chinese_ordinal(n: usize) -> String {
    const D: [&str; 10] = ["", "一", "二", "三", "四", "五", "六", "七", "八", "九"];
    match n {
        0 => "零".into(),
        1..=9 => D[n].into(),
        10 => "十".into(),
        11..=19 => format!("十{}", D[n % 10]),
        _ => format!("{}十{}", D[(n / 10) % 10], D[n % 10]),
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use std::str::FromStr;

    #[test]
    fn amounts_print_like_the_corpus() {
        let d = |s| Decimal::from_str(s).unwrap();
        assert_eq!(amount(d("371514655.00"), true), "371,514,655.00");
        assert_eq!(amount(d("94995790"), true), "94,995,790");
        assert_eq!(amount(d("53440.88"), false), "53440.88");
        assert_eq!(amount(d("-1.50"), false), "-1.50");
        assert_eq!(amount(d("999.123"), true), "999.123");
        assert_eq!(chinese_ordinal(21), "二十一");
        assert_eq!(chinese_ordinal(30), "三十");
        assert_eq!(chinese_ordinal(12), "十二");
    }
}
