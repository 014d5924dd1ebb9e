//! No function outside tests longer than [`MAX_LINES`] lines in the crates on the critical path
//! (extraction, storage, rendering, rules): a long function is split along its steps.
//!
//! The measure is the number of source lines from the line with `fn` to the line with the body's
//! closing brace. Comments, string and character literals are blanked before braces are counted;
//! items under `#[cfg(test)]` are skipped.

use std::path::{Path, PathBuf};

/// The crates whose functions are measured.
const CRATES: &[&str] = &[
    "yusuan-extract",
    "yusuan-store",
    "yusuan-render",
    "yusuan-rules",
];

/// The longest function allowed, in lines.
const MAX_LINES: usize = 150;

/// Functions being rewritten elsewhere, measured but not yet held to the limit: `subject_of` is
/// becoming an ordered table of label words. Remove its line when that lands.
const PENDING: &[(&str, &str)] = &[("facts/narrative.rs", "subject_of")];

/// A function found in a source file.
#[derive(Debug, PartialEq)]
struct Function {
    name: String,
    /// 1-based line of `fn`.
    line: usize,
    /// Lines from `fn` to the closing brace, both included.
    lines: usize,
}

/// The source with comments, string and character literals replaced by spaces (newlines kept), so
/// that every brace left is code.
fn blank_literals(src: &str) -> Vec<u8> {
    let b = src.as_bytes();
    let mut out = b.to_vec();
    let blank = |out: &mut Vec<u8>, from: usize, to: usize| {
        for c in &mut out[from..to.min(b.len())] {
            if *c != b'\n' {
                *c = b' ';
            }
        }
    };
    let ident = |c: u8| c.is_ascii_alphanumeric() || c == b'_';
    let mut i = 0;
    while i < b.len() {
        let rest = &b[i..];
        if rest.starts_with(b"//") {
            let end = rest
                .iter()
                .position(|&c| c == b'\n')
                .map_or(b.len(), |p| i + p);
            blank(&mut out, i, end);
            i = end;
        } else if rest.starts_with(b"/*") {
            let (mut depth, mut j) = (1, i + 2);
            while j < b.len() && depth > 0 {
                if b[j..].starts_with(b"/*") {
                    depth += 1;
                    j += 2;
                } else if b[j..].starts_with(b"*/") {
                    depth -= 1;
                    j += 2;
                } else {
                    j += 1;
                }
            }
            blank(&mut out, i, j);
            i = j;
        } else if (b[i] == b'r' || rest.starts_with(b"br"))
            && (i == 0 || !ident(b[i - 1]))
            && raw_string_end(b, i).is_some()
        {
            let end = raw_string_end(b, i).unwrap_or(b.len());
            blank(&mut out, i, end);
            i = end;
        } else if b[i] == b'"' {
            let mut j = i + 1;
            while j < b.len() && b[j] != b'"' {
                j += if b[j] == b'\\' { 2 } else { 1 };
            }
            blank(&mut out, i, j + 1);
            i = j + 1;
        } else if b[i] == b'\'' {
            // A character literal ('x', '\n', '\u{..}', '中'); otherwise a lifetime.
            let end = if b.get(i + 1) == Some(&b'\\') {
                b[i + 2..]
                    .iter()
                    .position(|&c| c == b'\'')
                    .map(|p| i + 2 + p + 1)
            } else {
                let width = src[i + 1..].chars().next().map_or(1, char::len_utf8);
                (b.get(i + 1 + width) == Some(&b'\'')).then_some(i + 2 + width)
            };
            match end {
                Some(end) => {
                    blank(&mut out, i, end);
                    i = end;
                }
                None => i += 1,
            }
        } else if ident(b[i]) {
            // Skip the whole word so that a trailing `r` or `b` is not read as a prefix.
            while i < b.len() && ident(b[i]) {
                i += 1;
            }
        } else {
            i += 1;
        }
    }
    out
}

/// Where the raw string starting at `i` (`r"…"`, `r#"…"#`, `br#"…"#`) ends, if one starts there.
fn raw_string_end(b: &[u8], i: usize) -> Option<usize> {
    let mut j = i + if b[i] == b'b' { 2 } else { 1 };
    let hashes = b[j..].iter().take_while(|&&c| c == b'#').count();
    j += hashes;
    if b.get(j) != Some(&b'"') {
        return None;
    }
    let mut close = vec![b'"'];
    close.extend(std::iter::repeat_n(b'#', hashes));
    b[j + 1..]
        .windows(close.len())
        .position(|w| w == close.as_slice())
        .map(|p| j + 1 + p + close.len())
}

/// The index just after the brace matching the one at `open`.
fn matching_brace(code: &[u8], open: usize) -> usize {
    let mut depth = 0usize;
    for (k, &c) in code.iter().enumerate().skip(open) {
        match c {
            b'{' => depth += 1,
            b'}' => {
                depth -= 1;
                if depth == 0 {
                    return k + 1;
                }
            }
            _ => {}
        }
    }
    code.len()
}

/// The index of the first `{` or `;` from `from`, outside parentheses and brackets.
fn item_start(code: &[u8], from: usize) -> Option<(usize, u8)> {
    let mut depth = 0i32;
    for (k, &c) in code.iter().enumerate().skip(from) {
        match c {
            b'(' | b'[' => depth += 1,
            b')' | b']' => depth -= 1,
            b'{' | b';' if depth == 0 => return Some((k, c)),
            _ => {}
        }
    }
    None
}

/// Every function with a body in the source, nested ones included, items under `#[cfg(test)]`
/// left out.
fn functions(src: &str) -> Vec<Function> {
    let code = blank_literals(src);
    let line_of = |at: usize| 1 + code[..at].iter().filter(|&&c| c == b'\n').count();
    let ident = |c: u8| c.is_ascii_alphanumeric() || c == b'_';
    let mut found = Vec::new();
    let mut i = 0;
    while i < code.len() {
        if code[i..].starts_with(b"#[cfg(test)]") {
            i = match item_start(&code, i) {
                Some((k, b'{')) => matching_brace(&code, k),
                Some((k, _)) => k + 1,
                None => code.len(),
            };
            continue;
        }
        let starts_word = i == 0 || !ident(code[i - 1]);
        if starts_word && code[i..].starts_with(b"fn") && code.get(i + 2) == Some(&b' ') {
            let name: String = code[i + 3..]
                .iter()
                .take_while(|&&c| ident(c))
                .map(|&c| c as char)
                .collect();
            if !name.is_empty() {
                if let Some((open, b'{')) = item_start(&code, i) {
                    let end = matching_brace(&code, open);
                    let line = line_of(i);
                    found.push(Function {
                        name,
                        line,
                        lines: line_of(end.saturating_sub(1)) - line + 1,
                    });
                }
            }
            i += 2;
            continue;
        }
        i += 1;
    }
    found
}

fn rust_files(dir: &Path, out: &mut Vec<PathBuf>) {
    let Ok(entries) = std::fs::read_dir(dir) else {
        return;
    };
    for e in entries.flatten() {
        let p = e.path();
        if p.is_dir() {
            rust_files(&p, out);
        } else if p.extension().is_some_and(|x| x == "rs") {
            out.push(p);
        }
    }
}

#[test]
fn no_function_on_the_critical_path_is_longer_than_the_limit() {
    let crates = Path::new(env!("CARGO_MANIFEST_DIR")).join("..");
    let mut files = Vec::new();
    for c in CRATES {
        rust_files(&crates.join(c).join("src"), &mut files);
    }
    assert!(files.len() > 40, "the sources were found: {files:?}");
    let mut long = Vec::new();
    for f in &files {
        let src = std::fs::read_to_string(f).unwrap();
        for func in functions(&src) {
            let pending = PENDING
                .iter()
                .any(|(file, name)| f.ends_with(file) && func.name == *name);
            if func.lines > MAX_LINES && !pending {
                long.push(format!(
                    "{}:{} fn {}: {} lines",
                    f.display(),
                    func.line,
                    func.name,
                    func.lines
                ));
            }
        }
    }
    assert!(
        long.is_empty(),
        "functions longer than {MAX_LINES} lines (split them along their steps):\n{}",
        long.join("\n")
    );
}

#[test]
fn the_measure_counts_code_braces_only() {
    let src = r##"
fn short() {
    let s = "{ not a brace";
    let c = '{';
    let r = r#"} neither "# ;
    // } nor this
    /* { nor /* nested */ this */
    let l: &'static str = "x";
}

pub(crate) fn outer<'a>(x: &'a str) -> impl Fn() -> usize + 'a {
    fn inner() -> u8 {
        0
    }
    move || x.len()
}

trait T {
    fn declared(&self);
}

#[cfg(test)]
mod tests {
    fn hidden() {}
}
"##;
    assert_eq!(
        functions(src),
        [
            Function {
                name: "short".into(),
                line: 2,
                lines: 8
            },
            Function {
                name: "outer".into(),
                line: 11,
                lines: 6
            },
            Function {
                name: "inner".into(),
                line: 12,
                lines: 3
            },
        ]
    );
}
