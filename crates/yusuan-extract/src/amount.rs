//! Amounts and classification codes as printed, including the ways layout breaks them.

use rust_decimal::Decimal;
use std::str::FromStr;

/// A printed amount: its exact value and how many decimals were printed.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct PrintedAmount {
    pub value: Decimal,
    /// True for zero written as a dash (`-`, `—`) rather than digits.
    pub dash: bool,
}

/// Parses one cell's text as an amount.
///
/// Accepts thousands separators (`91,016,775.35`), negatives written `-1.00`, `（1.00）` or `(1.00)`,
/// the dashes used for zero (`-`, `—`, `——`), and numbers broken by a space inside a cell
/// (`32000.0 0`, `32000. 00`, `3319.5 9`). Returns `None` for anything else: no guessing.
pub fn parse_amount(cell: &str) -> Option<PrintedAmount> {
    let t = cell.trim();
    if t.is_empty() {
        return None;
    }
    if t.chars().all(|c| matches!(c, '-' | '—' | '–' | '－')) && t.chars().count() <= 3 {
        return Some(PrintedAmount {
            value: Decimal::ZERO,
            dash: true,
        });
    }
    let (neg, body) = if let Some(inner) = strip_parens(t) {
        (true, inner)
    } else if let Some(rest) = t.strip_prefix('-') {
        (true, rest)
    } else {
        (false, t)
    };
    if body.is_empty() || body.len() > 40 {
        return None;
    }
    // Only digits, separators, one dot and (inner) spaces may appear.
    if !body
        .chars()
        .all(|c| c.is_ascii_digit() || c == ',' || c == '.' || c == ' ')
    {
        return None;
    }
    if !body.starts_with(|c: char| c.is_ascii_digit()) || body.ends_with(',') {
        return None;
    }
    if body.contains(' ') && !is_broken_number(body) {
        return None;
    }
    let compact: String = body.chars().filter(|c| *c != ',' && *c != ' ').collect();
    if compact.matches('.').count() > 1 || compact.ends_with('.') {
        return None;
    }
    if body.contains(',')
        && !valid_grouping(
            body.split('.')
                .next()
                .unwrap_or("")
                .replace(' ', "")
                .as_str(),
        )
    {
        return None;
    }
    let mut value = Decimal::from_str(&compact).ok()?;
    if neg {
        value.set_sign_negative(true);
    }
    Some(PrintedAmount { value, dash: false })
}

fn strip_parens(t: &str) -> Option<&str> {
    let inner = t
        .strip_prefix('（')
        .and_then(|r| r.strip_suffix('）'))
        .or_else(|| t.strip_prefix('(').and_then(|r| r.strip_suffix(')')))?;
    inner
        .starts_with(|c: char| c.is_ascii_digit())
        .then_some(inner)
}

/// `32000.0 0`, `32000. 00`, `3319.5 9`: one space inside the decimals of a number.
fn is_broken_number(body: &str) -> bool {
    let mut parts = body.split(' ');
    let (Some(a), Some(b), None) = (parts.next(), parts.next(), parts.next()) else {
        return false;
    };
    if b.is_empty() || !b.chars().all(|c| c.is_ascii_digit()) {
        return false;
    }
    match a.split_once('.') {
        Some((_, frac)) => frac.len() + b.len() == 2,
        None => false,
    }
}

fn valid_grouping(int_part: &str) -> bool {
    let groups: Vec<&str> = int_part.split(',').collect();
    if groups.len() < 2 {
        return true;
    }
    let first_ok = (1..=3).contains(&groups[0].len());
    first_ok && groups[1..].iter().all(|g| g.len() == 3)
}

/// Parses a classification code as printed: `2120199`, `21201 99`, `212 01 99`, `201 03 01`.
///
/// Returns the digits joined when they form a code of 3, 5 or 7 digits built from a 3-digit 类
/// and 2-digit 款/项 groups.
pub fn parse_code(cell: &str) -> Option<String> {
    let t = cell.trim();
    if t.is_empty() || t.len() > 16 {
        return None;
    }
    let groups: Vec<&str> = t.split_whitespace().collect();
    if !groups.iter().all(|g| g.chars().all(|c| c.is_ascii_digit())) {
        return None;
    }
    let joined: String = groups.concat();
    if !matches!(joined.len(), 3 | 5 | 7) {
        return None;
    }
    if groups.len() > 1 {
        // Every group after a 3- or 5-digit head must be 2 digits (`21201 99`, `212 01 99`).
        let head = groups[0].len();
        if !(head == 3 || head == 5) || groups[1..].iter().any(|g| g.len() != 2) {
            return None;
        }
    }
    Some(joined)
}

/// True when the text is a plain small integer (序号, 栏次).
pub fn parse_seq(cell: &str) -> Option<u32> {
    let t = cell.trim();
    if t.is_empty() || t.len() > 4 || !t.chars().all(|c| c.is_ascii_digit()) {
        return None;
    }
    t.parse().ok()
}

/// A token of a space-separated row.
#[derive(Debug, Clone, PartialEq)]
pub enum Token {
    Amount(PrintedAmount),
    Text(String),
}

/// A token with the character column where it starts (0-based) and its length in characters.
#[derive(Debug, Clone, PartialEq)]
pub struct Located<T> {
    pub item: T,
    pub column: u32,
    pub length: u32,
}

/// Splits a space-separated row into tokens, repairing what PDF text extraction breaks:
/// a number glued to the following label (`91,016,775.35一、一般…`) is split from it, and a number
/// broken inside its decimals (`3319.5 9`) is joined.
pub fn tokenize_spaced(line: &str) -> Vec<Located<String>> {
    let chars: Vec<char> = line.chars().collect();
    let mut raw: Vec<(usize, usize)> = Vec::new(); // (start, end) char indices
    let mut i = 0;
    while i < chars.len() {
        if chars[i].is_whitespace() {
            i += 1;
            continue;
        }
        let start = i;
        while i < chars.len() && !chars[i].is_whitespace() {
            i += 1;
        }
        // Split "91,016,775.35一、…" after the amount.
        let word: String = chars[start..i].iter().collect();
        if let Some(cut) = glued_amount_end(&word) {
            raw.push((start, start + cut));
            raw.push((start + cut, i));
        } else {
            raw.push((start, i));
        }
    }
    let mut out: Vec<Located<String>> = Vec::new();
    let mut k = 0;
    while k < raw.len() {
        let (s, e) = raw[k];
        let text: String = chars[s..e].iter().collect();
        if k + 1 < raw.len() {
            let (s2, e2) = raw[k + 1];
            let next: String = chars[s2..e2].iter().collect();
            let joined = format!("{text} {next}");
            if is_broken_number(&joined) && parse_amount(&joined).is_some() {
                out.push(Located {
                    item: format!("{text}{next}"),
                    column: s as u32,
                    length: (e2 - s) as u32,
                });
                k += 2;
                continue;
            }
        }
        out.push(Located {
            item: text,
            column: s as u32,
            length: (e - s) as u32,
        });
        k += 1;
    }
    out
}

/// If `word` starts with an amount that has decimals and is directly followed by a non-digit
/// (`91,016,775.35一、一般…`), the char index where the amount ends.
fn glued_amount_end(word: &str) -> Option<usize> {
    let chars: Vec<char> = word.chars().collect();
    let mut i = 0;
    while i < chars.len() && (chars[i].is_ascii_digit() || chars[i] == ',') {
        i += 1;
    }
    if i == 0 || i >= chars.len() || chars[i] != '.' {
        return None;
    }
    let mut j = i + 1;
    while j < chars.len() && chars[j].is_ascii_digit() {
        j += 1;
    }
    if j - i - 1 != 2 || j >= chars.len() {
        return None;
    }
    let rest = chars[j];
    (!rest.is_ascii() && !matches!(rest, '%' | '％')).then_some(j)
}

#[cfg(test)]
mod tests {
    use super::*;

    fn amt(s: &str) -> Option<String> {
        parse_amount(s).map(|a| a.value.to_string())
    }

    #[test]
    fn parses_amounts_as_printed() {
        assert_eq!(amt("3313.52").as_deref(), Some("3313.52"));
        assert_eq!(amt("91,016,775.35").as_deref(), Some("91016775.35"));
        assert_eq!(amt("171,915,169").as_deref(), Some("171915169"));
        assert_eq!(amt("0.00").as_deref(), Some("0.00"));
        assert_eq!(amt("（123.45）").as_deref(), Some("-123.45"));
        assert_eq!(amt("-123.45").as_deref(), Some("-123.45"));
        assert_eq!(amt("—").as_deref(), Some("0"));
        assert!(parse_amount("-").unwrap().dash);
    }

    #[test]
    fn repairs_numbers_broken_by_layout() {
        // Seed 000, 收入总表 page 2 (L121-129).
        assert_eq!(amt("32000.0 0").as_deref(), Some("32000.00"));
        assert_eq!(amt("32000. 00").as_deref(), Some("32000.00"));
        assert_eq!(amt("3319.5 9").as_deref(), Some("3319.59"));
        assert_eq!(amt("50164.1 6").as_deref(), Some("50164.16"));
    }

    #[test]
    fn refuses_what_is_not_an_amount() {
        for s in [
            "",
            "合计",
            "12 34",
            "1.2.3",
            "1,23",
            "≥95%",
            "2021年",
            "3319.5 99",
            "1,234,56",
        ] {
            assert_eq!(amt(s), None, "{s}");
        }
    }

    #[test]
    fn parses_codes_in_every_printed_form() {
        assert_eq!(parse_code("2120199").as_deref(), Some("2120199"));
        assert_eq!(parse_code("21201 99").as_deref(), Some("2120199"));
        assert_eq!(parse_code("212 01 99").as_deref(), Some("2120199"));
        assert_eq!(parse_code("201 03").as_deref(), Some("20103"));
        assert_eq!(parse_code("208").as_deref(), Some("208"));
        assert_eq!(parse_code("2120 199"), None);
        assert_eq!(parse_code("12"), None);
        assert_eq!(parse_code("合计"), None);
    }

    #[test]
    fn tokenizes_spaced_rows() {
        let toks =
            tokenize_spaced("一、一般公共预算资金 91,016,775.35一、一般公共服务支出 82,096,797.42");
        let words: Vec<&str> = toks.iter().map(|t| t.item.as_str()).collect();
        assert_eq!(
            words,
            [
                "一、一般公共预算资金",
                "91,016,775.35",
                "一、一般公共服务支出",
                "82,096,797.42"
            ]
        );
        assert_eq!(toks[1].column, 11);
        let toks = tokenize_spaced("201 03 合计 3319.5 9 1.00");
        let words: Vec<&str> = toks.iter().map(|t| t.item.as_str()).collect();
        assert_eq!(words, ["201", "03", "合计", "3319.59", "1.00"]);
    }
}
