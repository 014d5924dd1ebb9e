//! Line normalisation: removes export debris while keeping every visible character that matters.
//!
//! Each rule is a small function returning `Cow`, so a rule that does not apply costs a scan and
//! no allocation; [`needs_work`] lets lines without any trigger byte skip all rules.

use std::borrow::Cow;
use std::sync::LazyLock;

use regex::Regex;

/// Upper bound on re-runs of the rule pipeline (only adversarial nesting needs more than two).
const MAX_PASSES: usize = 8;

/// Longest `$…$` math span recognised, in bytes.
const MAX_MATH_SPAN: usize = 256;

/// Normalises one line of text (without its line terminator). Never panics; idempotent.
///
/// Rules, in order. The whole pipeline is repeated until nothing changes (at most 8 runs; only
/// contrived debris, such as a tag assembled by removing bold markers, `<**b>**`, needs a second
/// run), so the result is a fixed point:
/// 1. HTML entities `&nbsp; &amp; &lt; &gt; &quot; &apos; &#NNN; &#xHHH;` are decoded.
/// 2. Characters: full-width digits, Latin letters and `％ ＋ － ＜ ＞ ＝ ． ／` become ASCII;
///    `，` becomes `,` only between two digits; U+3000 and NBSP become a space; C0 control
///    characters other than TAB (CR, FF, NUL, …), U+FEFF and U+200B are removed. A list number
///    written `4．2025年…` at the start of a line becomes `4. 2025年…` (not the number 4.2025).
///    Chinese punctuation such as `（）：，。、“”` is kept.
/// 3. HTML tags (`<p>`, `</td>`, `<br/>`, `<ol style="…">`, `<o:p>`) are removed: only known tag
///    names right after `<` or `</`, never comparators like `<5%` or `<=3`; `<sup>2</sup>` → `²`.
/// 4. Word field codes (`标题 TC 标题 \f A \l 1`, `PAGEREF _Toc123 \h`, `TOC \o "1-3" \h \z \u`)
///    are removed, keeping the visible text.
/// 5. LaTeX: math spans `$…$` lose their delimiters and inner spaces and have their commands
///    replaced (`$\geq 90\%$` → `≥90%`, `$5 \times 4000 \times 12$` → `5×4000×12`); outside math
///    the same symbol commands, `\%`, `\text{…}` and `\mathrm{…}` are replaced. A lone `$` stays.
/// 6. Markdown: `**bold**` → `bold`; a leading heading marker (`# `, `## `) is removed; a table
///    separator row (only `-`, `:`, `|`, tabs and spaces, with a run of at least three `-`)
///    becomes empty.
/// 7. Scanner watermarks (`扫描全能王 创建`, with or without spaces) are removed; a line that
///    held only a watermark becomes empty.
/// 8. Trailing spaces are removed; TAB characters are never removed or added anywhere (they
///    separate cells), except that a separator row or watermark line becomes empty as a whole.
///
/// Numbers split by spaces (`32000.0 0`) are deliberately not repaired here.
pub fn normalize_line(raw: &str) -> String {
    normalize_line_cow(raw).into_owned()
}

/// Like [`normalize_line`], but borrows the input when it needs no change (the common case).
pub fn normalize_line_cow(raw: &str) -> Cow<'_, str> {
    if !needs_work(raw) {
        return Cow::Borrowed(raw);
    }
    let mut current: Cow<'_, str> = Cow::Borrowed(raw);
    for _ in 0..MAX_PASSES {
        let next = match pass(&current) {
            Cow::Borrowed(_) => return current,
            Cow::Owned(s) => s,
        };
        if next == *current {
            return current;
        }
        current = Cow::Owned(next);
        if !needs_work(&current) {
            break;
        }
    }
    current
}

/// Cheap conservative test: `false` guarantees that [`pass`] would leave the line unchanged.
fn needs_work(s: &str) -> bool {
    let b = s.as_bytes();
    if b.last() == Some(&b' ') || b.first() == Some(&b'#') {
        return true;
    }
    if let Some(&first) = b.iter().find(|&&c| c != b' ' && c != b'\t') {
        if matches!(first, b'-' | b'|' | b':') {
            return true;
        }
    }
    let mut i = 0;
    while i < b.len() {
        let c = b[i];
        match c {
            b'$' | b'\\' | b'<' | b'&' | b'*' | 0x7f => return true,
            c if c < 0x20 && c != b'\t' => return true,
            0xC2 if b.get(i + 1) == Some(&0xA0) => return true,
            0xE2 if b.get(i + 1) == Some(&0x80) && b.get(i + 2) == Some(&0x8B) => return true,
            0xE3 if b.get(i + 1) == Some(&0x80) && b.get(i + 2) == Some(&0x80) => return true,
            0xE6 if b.get(i + 1) == Some(&0x89) && b.get(i + 2) == Some(&0xAB) => return true, // 扫
            0xEF => {
                // U+FEFF, or a full-width form that is converted.
                if let Some(ch) = s.get(i..).and_then(|t| t.chars().next()) {
                    if ch == '\u{FEFF}' || fullwidth_to_ascii(ch).is_some() {
                        return true;
                    }
                    if ch == '，'
                        && i > 0
                        && b[i - 1].is_ascii_digit()
                        && b.get(i + 3).is_some_and(u8::is_ascii_digit)
                    {
                        return true;
                    }
                }
            }
            _ => {}
        }
        i += 1;
    }
    false
}

/// One run of all rules.
fn pass(s: &str) -> Cow<'_, str> {
    let mut cur: Cow<'_, str> = Cow::Borrowed(s);
    apply(&mut cur, decode_entities);
    apply(&mut cur, map_chars);
    apply(&mut cur, strip_tags);
    apply(&mut cur, strip_field_codes);
    apply(&mut cur, latex);
    apply(&mut cur, strip_bold);
    apply(&mut cur, strip_heading);
    apply(&mut cur, strip_watermark);
    apply(&mut cur, blank_separator_row);
    apply(&mut cur, trim_trailing_spaces);
    cur
}

/// Applies a rule, replacing `cur` only when the rule changed something.
fn apply<'a>(cur: &mut Cow<'a, str>, rule: fn(&str) -> Cow<'_, str>) {
    if let Cow::Owned(s) = rule(cur) {
        *cur = Cow::Owned(s);
    }
}

// ---------------------------------------------------------------------------------------------
// 1. HTML entities

/// Decodes HTML entities; `&amp;` followed by another entity name is decoded recursively in the
/// same pass (`&amp;lt;` → `<`) so that the result is a fixed point.
fn decode_entities(s: &str) -> Cow<'_, str> {
    if !s.contains('&') {
        return Cow::Borrowed(s);
    }
    let mut out = String::with_capacity(s.len());
    let mut changed = false;
    let mut rest = s;
    // A pending '&' produced by `&amp;` that may start another entity.
    let mut pending_amp = false;
    loop {
        let (before, after) = if pending_amp {
            ("", rest)
        } else {
            match rest.find('&') {
                Some(p) => (&rest[..p], &rest[p + 1..]),
                None => {
                    out.push_str(rest);
                    break;
                }
            }
        };
        out.push_str(before);
        pending_amp = false;
        match parse_entity(after) {
            Some(('&', len)) => {
                changed = true;
                rest = &after[len..];
                pending_amp = true;
            }
            Some((c, len)) => {
                changed = true;
                out.push(c);
                rest = &after[len..];
            }
            None => {
                out.push('&');
                rest = after;
            }
        }
        if pending_amp && rest.is_empty() {
            out.push('&');
            break;
        }
        if pending_amp && parse_entity(rest).is_none() {
            out.push('&');
            pending_amp = false;
        }
    }
    if changed {
        Cow::Owned(out)
    } else {
        Cow::Borrowed(s)
    }
}

/// Parses an entity body after `&` (e.g. `lt;`), returning the character and bytes consumed.
fn parse_entity(s: &str) -> Option<(char, usize)> {
    const NAMED: [(&str, char); 6] = [
        ("nbsp;", '\u{A0}'),
        ("amp;", '&'),
        ("lt;", '<'),
        ("gt;", '>'),
        ("quot;", '"'),
        ("apos;", '\''),
    ];
    for (name, c) in NAMED {
        if s.starts_with(name) {
            return Some((c, name.len()));
        }
    }
    let num = s.strip_prefix('#')?;
    let (digits, radix, prefix) = match num.strip_prefix(['x', 'X']) {
        Some(hex) => (hex, 16, 2),
        None => (num, 10, 1),
    };
    let end = digits
        .bytes()
        .position(|b| !(b as char).is_digit(radix))
        .unwrap_or(digits.len());
    if end == 0 || end > 8 || digits.as_bytes().get(end) != Some(&b';') {
        return None;
    }
    let code = u32::from_str_radix(&digits[..end], radix).ok()?;
    let c = match char::from_u32(code)? {
        // Never create a cell separator or a line break: white-space controls become a space.
        '\t' | '\n' | '\r' => ' ',
        c if c.is_control() => return None,
        c => c,
    };
    Some((c, prefix + end + 1))
}

// ---------------------------------------------------------------------------------------------
// 2. Character mapping

/// The ASCII form of a full-width character that is converted (digits, Latin letters and
/// `％ ＋ － ＜ ＞ ＝ ． ／`), or `None`.
fn fullwidth_to_ascii(c: char) -> Option<char> {
    match c {
        '０'..='９'
        | 'Ａ'..='Ｚ'
        | 'ａ'..='ｚ'
        | '％'
        | '＋'
        | '－'
        | '＜'
        | '＞'
        | '＝'
        | '．'
        | '／' => char::from_u32(c as u32 - 0xFEE0),
        _ => None,
    }
}

/// Whether a character is removed outright: C0 controls except TAB, DEL, BOM, zero-width space.
fn is_removed_char(c: char) -> bool {
    (c.is_ascii_control() && c != '\t') || c == '\u{FEFF}' || c == '\u{200B}'
}

/// Full-width forms, spaces, digit-group commas, control characters; list numbers `4．2025年`.
fn map_chars(s: &str) -> Cow<'_, str> {
    let mapped = |c: char| fullwidth_to_ascii(c).unwrap_or(c);
    let needs = s.chars().any(|c| {
        fullwidth_to_ascii(c).is_some()
            || c == '\u{3000}'
            || c == '\u{A0}'
            || c == '，'
            || is_removed_char(c)
    });
    if !needs {
        return Cow::Borrowed(s);
    }
    let chars: Vec<char> = s.chars().filter(|&c| !is_removed_char(c)).collect();
    let mut out = String::with_capacity(s.len());
    for (i, &c) in chars.iter().enumerate() {
        let m = match c {
            '\u{3000}' | '\u{A0}' => ' ',
            '，' => {
                let prev_digit = out.chars().next_back().is_some_and(|p| p.is_ascii_digit());
                let next_digit = chars
                    .get(i + 1)
                    .is_some_and(|&n| mapped(n).is_ascii_digit());
                if prev_digit && next_digit {
                    ','
                } else {
                    '，'
                }
            }
            '．' if is_list_number_dot(&out, &chars[i + 1..]) => {
                out.push_str(". ");
                continue;
            }
            _ => mapped(c),
        };
        out.push(m);
    }
    if out == s {
        Cow::Borrowed(s)
    } else {
        Cow::Owned(out)
    }
}

/// `out` (so far) is the 1-2 digits that start the line and `rest` is digits followed by a
/// CJK character: `4．2025年部门…` is the list item "4." and a year, not the number 4.2025.
fn is_list_number_dot(out: &str, rest: &[char]) -> bool {
    if out.is_empty() || out.len() > 2 || !out.bytes().all(|b| b.is_ascii_digit()) {
        return false;
    }
    let digits = rest
        .iter()
        .take_while(|&&c| fullwidth_to_ascii(c).unwrap_or(c).is_ascii_digit())
        .count();
    digits > 0
        && rest
            .get(digits)
            .is_some_and(|&c| ('\u{4E00}'..='\u{9FFF}').contains(&c))
}

// ---------------------------------------------------------------------------------------------
// 3. HTML tags

/// Tag names recognised (lowercase). Names with a namespace prefix (`o:p`) are always tags.
const HTML_TAGS: &[&str] = &[
    "a",
    "abbr",
    "article",
    "b",
    "big",
    "blockquote",
    "body",
    "br",
    "caption",
    "center",
    "code",
    "col",
    "colgroup",
    "dd",
    "del",
    "div",
    "dl",
    "dt",
    "em",
    "font",
    "footer",
    "form",
    "h1",
    "h2",
    "h3",
    "h4",
    "h5",
    "h6",
    "head",
    "header",
    "hr",
    "html",
    "i",
    "img",
    "input",
    "ins",
    "label",
    "li",
    "link",
    "mark",
    "meta",
    "nav",
    "ol",
    "p",
    "pre",
    "s",
    "section",
    "small",
    "span",
    "strike",
    "strong",
    "style",
    "sub",
    "sup",
    "table",
    "tbody",
    "td",
    "tfoot",
    "th",
    "thead",
    "title",
    "tr",
    "tt",
    "u",
    "ul",
];

/// Removes HTML tags. Works left to right on the output so that a tag revealed by removing an
/// inner one (`<<b>b>`) is removed too; the result contains no tag.
fn strip_tags(s: &str) -> Cow<'_, str> {
    if !s.contains('<') || !s.contains('>') {
        return Cow::Borrowed(s);
    }
    let s2 = superscripts(s);
    let src: &str = &s2;
    let mut out = String::with_capacity(src.len());
    // Byte positions in `out` of '<' characters that may still open a tag.
    let mut opens: Vec<usize> = Vec::new();
    let mut changed = matches!(s2, Cow::Owned(_));
    for c in src.chars() {
        match c {
            '<' => {
                opens.push(out.len());
                out.push(c);
            }
            '>' => {
                out.push(c);
                match opens.last() {
                    Some(&start) if is_tag(&out[start..]) => {
                        out.truncate(start);
                        opens.pop();
                        changed = true;
                    }
                    // A '>' that closes no tag: no earlier '<' can open one across it.
                    _ => opens.clear(),
                }
            }
            '\t' => {
                // Tags never span a cell separator.
                opens.clear();
                out.push(c);
            }
            _ => out.push(c),
        }
    }
    if changed {
        Cow::Owned(out)
    } else {
        Cow::Borrowed(s)
    }
}

/// Whether `t` (from `<` to `>` inclusive) is an HTML tag with a known name.
fn is_tag(t: &str) -> bool {
    let Some(inner) = t.strip_prefix('<').and_then(|x| x.strip_suffix('>')) else {
        return false;
    };
    let inner = inner.strip_prefix('/').unwrap_or(inner);
    let name_end = inner
        .find(|c: char| !(c.is_ascii_alphanumeric() || c == ':'))
        .unwrap_or(inner.len());
    let name = &inner[..name_end];
    let rest = &inner[name_end..];
    if !name.starts_with(|c: char| c.is_ascii_alphabetic()) {
        return false;
    }
    let known = if let Some((prefix, local)) = name.split_once(':') {
        !prefix.is_empty()
            && !local.is_empty()
            && !local.contains(':')
            && prefix.bytes().all(|b| b.is_ascii_alphabetic())
    } else {
        HTML_TAGS.contains(&name.to_ascii_lowercase().as_str())
    };
    known && (rest.is_empty() || rest == "/" || rest.starts_with([' ', '/']))
}

/// `<sup>2</sup>` → `²` (digits only), as in `160万m <sup>2</sup>`.
fn superscripts(s: &str) -> Cow<'_, str> {
    const SUP: [char; 10] = ['⁰', '¹', '²', '³', '⁴', '⁵', '⁶', '⁷', '⁸', '⁹'];
    if !s.contains("<sup>") {
        return Cow::Borrowed(s);
    }
    static RE: LazyLock<Regex> =
        LazyLock::new(|| Regex::new(r"<sup>([0-9]{1,3})</sup>").expect("valid regex"));
    RE.replace_all(s, |caps: &regex::Captures<'_>| {
        caps[1]
            .bytes()
            .map(|b| SUP[usize::from(b - b'0')])
            .collect::<String>()
    })
}

// ---------------------------------------------------------------------------------------------
// 4. Word field codes

/// Removes Word field codes that leaked into the text: `TC entry \f A \l 1` (the visible heading
/// before it is kept), `PAGEREF _Toc… \h`, `TOC \o "1-3" \h \z \u`, `HYPERLINK \l "_Toc…"`.
fn strip_field_codes(s: &str) -> Cow<'_, str> {
    if !s.contains('\\') {
        return Cow::Borrowed(s);
    }
    static RE: LazyLock<Regex> = LazyLock::new(|| {
        Regex::new(concat!(
            // TC "entry" followed by its switches (\f type, \l level, \n).
            r#"(?:^|[ ]+)TC[ ]+"?[^"\\\t]*?"?[ ]*(?:\\[fl][ ]*"?[A-Za-z0-9]{1,3}"?[ ]*|\\n[ ]*)+"#,
            r#"|(?:^|[ ]+)PAGEREF[ ]+_?[A-Za-z0-9_]+(?:[ ]*\\[hp])*[ ]*"#,
            r#"|(?:^|[ ]+)TOC[ ]+(?:\\[a-z][ ]*(?:"[^"\t]*"[ ]*)?)+"#,
            r#"|(?:^|[ ]+)HYPERLINK[ ]+(?:\\l[ ]+)?"[^"\t]*"(?:[ ]*\\[a-z])*[ ]*"#,
        ))
        .expect("valid regex")
    });
    RE.replace_all(s, "")
}

// ---------------------------------------------------------------------------------------------
// 5. LaTeX

/// The replacement of a LaTeX symbol command, by name (without the backslash).
fn latex_symbol(name: &str) -> Option<&'static str> {
    Some(match name {
        "geq" | "ge" | "geqslant" => "≥",
        "leq" | "le" | "leqslant" => "≤",
        "times" => "×",
        "neq" | "ne" => "≠",
        "sim" => "~",
        "cdot" => "·",
        "pm" => "±",
        "div" => "÷",
        "approx" => "≈",
        _ => return None,
    })
}

/// Commands whose braced argument is kept as plain text.
fn is_text_command(name: &str) -> bool {
    matches!(
        name,
        "text" | "mathrm" | "textrm" | "mathbf" | "textbf" | "mbox"
    )
}

/// Replaces math spans and, outside them, known LaTeX commands.
fn latex(s: &str) -> Cow<'_, str> {
    if !s.contains('\\') && !s.contains('$') {
        return Cow::Borrowed(s);
    }
    let mut out = String::with_capacity(s.len());
    let mut i = 0;
    let b = s.as_bytes();
    let mut plain_start = 0;
    while i < b.len() {
        if b[i] == b'$' {
            if let Some(end) = math_span_end(s, i) {
                out.push_str(&latex_plain(&s[plain_start..i]));
                out.push_str(&latex_math(&s[i + 1..end]));
                i = end + 1;
                plain_start = i;
                continue;
            }
        }
        i += 1;
    }
    if plain_start == 0 {
        return latex_plain(s);
    }
    out.push_str(&latex_plain(&s[plain_start..]));
    Cow::Owned(out)
}

/// If a math span opens at the `$` at byte `open`, the byte index of its closing `$`.
///
/// Pandoc's rule: the opening `$` is followed by a non-space, the closing `$` is preceded by a
/// non-space and not followed by a digit; the span does not cross a TAB and is at most
/// 256 bytes long. The content must look
/// like math: a backslash command, `^`, `_` or `{`, or only digits, operators and spaces.
fn math_span_end(s: &str, open: usize) -> Option<usize> {
    let b = s.as_bytes();
    if open > 0 && b[open - 1] == b'\\' {
        return None;
    }
    let first = *b.get(open + 1)?;
    if first == b' ' || first == b'$' || first == b'\t' {
        return None;
    }
    let mut j = open + 1;
    // Real math spans are short; the bound keeps lines full of `$` linear.
    let limit = b.len().min(open + MAX_MATH_SPAN);
    while j < limit {
        match b[j] {
            b'\t' => return None,
            b'\\' => j += 2,
            b'$' => {
                let before = b[j - 1];
                let after = b.get(j + 1).copied();
                if before != b' ' && !after.is_some_and(|a| a.is_ascii_digit()) {
                    let content = s.get(open + 1..j)?;
                    return looks_like_math(content).then_some(j);
                }
                j += 1;
            }
            _ => j += 1,
        }
    }
    None
}

fn looks_like_math(content: &str) -> bool {
    let has_markup = content
        .as_bytes()
        .windows(2)
        .any(|w| w[0] == b'\\' && (w[1].is_ascii_alphabetic() || w[1] == b'%'))
        || content.contains(['^', '_', '{']);
    has_markup
        || content
            .chars()
            .all(|c| c.is_ascii_digit() || " .,+-=<>%*/()".contains(c))
}

/// Superscript forms for `^2`, `^{3}` inside math.
fn superscript_digit(c: char) -> Option<char> {
    Some(match c {
        '0' => '⁰',
        '1' => '¹',
        '2' => '²',
        '3' => '³',
        '4' => '⁴',
        '5' => '⁵',
        '6' => '⁶',
        '7' => '⁷',
        '8' => '⁸',
        '9' => '⁹',
        _ => return None,
    })
}

/// Renders the content of a math span as plain text without spaces.
fn latex_math(content: &str) -> String {
    let chars: Vec<char> = content.chars().collect();
    let mut out = String::with_capacity(content.len());
    let mut i = 0;
    while i < chars.len() {
        let c = chars[i];
        match c {
            ' ' | '{' | '}' => i += 1,
            '^' => {
                // ^2 or ^{2} → ²
                let (digit, len) = match chars.get(i + 1) {
                    Some('{') if chars.get(i + 3) == Some(&'}') => (chars.get(i + 2), 4),
                    other => (other, 2),
                };
                match digit.and_then(|&d| superscript_digit(d)) {
                    Some(sup) => {
                        out.push(sup);
                        i += len;
                    }
                    None => {
                        out.push('^');
                        i += 1;
                    }
                }
            }
            '\\' => {
                let name_len = chars[i + 1..]
                    .iter()
                    .take_while(|c| c.is_ascii_alphabetic())
                    .count();
                if name_len == 0 {
                    match chars.get(i + 1) {
                        Some(&e @ ('%' | '$' | '&' | '#' | '_' | '{' | '}')) => out.push(e),
                        Some(' ' | ',' | ';' | ':' | '!' | '\\') => {}
                        Some(&other) => {
                            out.push('\\');
                            out.push(other);
                        }
                        None => out.push('\\'),
                    }
                    i += 2;
                    continue;
                }
                let name: String = chars[i + 1..i + 1 + name_len].iter().collect();
                i += 1 + name_len;
                if let Some(sym) = latex_symbol(&name) {
                    out.push_str(sym);
                } else if is_text_command(&name) {
                    let mut j = i;
                    while chars.get(j) == Some(&' ') {
                        j += 1;
                    }
                    if chars.get(j) == Some(&'{') {
                        let close = chars[j + 1..].iter().position(|&c| c == '}');
                        let end = close.map_or(chars.len(), |p| j + 1 + p);
                        out.extend(&chars[j + 1..end]);
                        i = (end + 1).min(chars.len());
                    }
                } else if matches!(name.as_str(), "left" | "right" | "displaystyle") {
                } else {
                    // Unknown command: keep it, separated from a following letter.
                    out.push('\\');
                    out.push_str(&name);
                    let next = chars[i..].iter().find(|&&c| c != ' ');
                    if next.is_some_and(|c| c.is_ascii_alphabetic()) {
                        out.push(' ');
                    }
                }
            }
            _ => {
                out.push(c);
                i += 1;
            }
        }
    }
    out
}

/// Outside math: known symbol commands, `\%`, and text commands with a braced argument.
fn latex_plain(s: &str) -> Cow<'_, str> {
    if !s.contains('\\') {
        return Cow::Borrowed(s);
    }
    static RE: LazyLock<Regex> = LazyLock::new(|| {
        Regex::new(concat!(
            r"\\%",
            r"|\\(?:text|mathrm|textrm|mathbf|textbf|mbox)[ ]*\{([^{}\t]*)\}",
            r"|\\([A-Za-z]+)",
        ))
        .expect("valid regex")
    });
    RE.replace_all(s, |caps: &regex::Captures<'_>| {
        if let Some(arg) = caps.get(1) {
            return arg.as_str().to_owned();
        }
        match caps.get(2) {
            None => "%".to_owned(),
            Some(name) => {
                latex_symbol(name.as_str()).map_or_else(|| caps[0].to_owned(), str::to_owned)
            }
        }
    })
}

// ---------------------------------------------------------------------------------------------
// 6. Markdown

/// `**bold**` → `bold` (not across a TAB).
fn strip_bold(s: &str) -> Cow<'_, str> {
    if !s.contains("**") {
        return Cow::Borrowed(s);
    }
    static RE: LazyLock<Regex> =
        LazyLock::new(|| Regex::new(r"\*\*([^*\t]+?)\*\*").expect("valid regex"));
    RE.replace_all(s, "$1")
}

/// Removes a leading heading marker: one to six `#` and the spaces after them.
fn strip_heading(s: &str) -> Cow<'_, str> {
    let hashes = s.bytes().take_while(|&b| b == b'#').count();
    if hashes == 0 || hashes > 6 || !s[hashes..].starts_with(' ') {
        return Cow::Borrowed(s);
    }
    Cow::Owned(s[hashes..].trim_start_matches(' ').to_owned())
}

/// A markdown table separator row (`------\t--\t--`, `|---|:--:|`) becomes empty.
fn blank_separator_row(s: &str) -> Cow<'_, str> {
    if !s.is_empty()
        && s.contains("---")
        && s.bytes()
            .all(|b| matches!(b, b'-' | b':' | b'|' | b'\t' | b' '))
    {
        Cow::Owned(String::new())
    } else {
        Cow::Borrowed(s)
    }
}

// ---------------------------------------------------------------------------------------------
// 7. Scanner watermarks

/// Removes `扫描全能王 创建` (CamScanner) watermarks; a line left with only white space is empty.
fn strip_watermark(s: &str) -> Cow<'_, str> {
    if !s.contains('扫') {
        return Cow::Borrowed(s);
    }
    static RE: LazyLock<Regex> = LazyLock::new(|| {
        Regex::new(r"(?:CS[ ]*)?扫[ ]*描[ ]*全[ ]*能[ ]*王(?:[ ]*创[ ]*建)?").expect("valid regex")
    });
    match RE.replace_all(s, "") {
        Cow::Borrowed(_) => Cow::Borrowed(s),
        Cow::Owned(rest) if rest.trim_matches([' ', '\t']).is_empty() => Cow::Owned(String::new()),
        Cow::Owned(rest) => Cow::Owned(rest),
    }
}

// ---------------------------------------------------------------------------------------------
// 8. Trailing spaces

fn trim_trailing_spaces(s: &str) -> Cow<'_, str> {
    let t = s.trim_end_matches(' ');
    if t.len() == s.len() {
        Cow::Borrowed(s)
    } else {
        Cow::Owned(t.to_owned())
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn entity_recursion() {
        assert_eq!(decode_entities("&amp;lt;5"), "<5");
        assert_eq!(decode_entities("a &amp; b"), "a & b");
        assert_eq!(decode_entities("&amp;"), "&");
        assert_eq!(decode_entities("&amp;x"), "&x");
        assert_eq!(decode_entities("&#8805;90"), "≥90");
        assert_eq!(decode_entities("&#x2265;"), "≥");
        assert_eq!(decode_entities("&#0;"), "&#0;");
        assert_eq!(decode_entities("a&#9;b"), "a b");
        assert_eq!(decode_entities("& nbsp;"), "& nbsp;");
    }

    #[test]
    fn tags_nested() {
        assert_eq!(strip_tags("<<b>b>x"), "x");
        assert_eq!(strip_tags("a<5 且 b>3"), "a<5 且 b>3");
        assert_eq!(strip_tags("x<y>"), "x<y>");
        assert_eq!(strip_tags("<o:p></o:p>"), "");
    }

    #[test]
    fn math_span_rules() {
        assert_eq!(latex("US$5 and $6"), "US$5 and $6");
        assert_eq!(latex("$5$6"), "$5$6");
        assert_eq!(latex("$ 5$"), "$ 5$");
        assert_eq!(latex("$m^2$"), "m²");
        assert_eq!(latex(r"$\text{万元}$"), "万元");
        assert_eq!(latex(r"$\alpha x$"), r"\alpha x");
    }
}
