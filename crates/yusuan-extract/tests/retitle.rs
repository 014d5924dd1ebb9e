//! Metamorphic test: the corpus's text documents with every standard table retitled as other
//! provinces print titles (numbering prefixes 公开01表 / 表一 / 附表1, year prefixes, bracketed
//! qualifiers （按功能分类）（经济科目）…, 收支总表 wordings) extract to the same tables as the
//! originals: same kinds, units, columns, rows, codes, names and cells.
//!
//! The generator rewrites only the title line of each table the original reading found, in
//! place (line numbers are kept, so spans compare too). Variants are reported with their pass
//! rate; every variant must pass.

use std::path::PathBuf;

use yusuan_model::{Disclosure, Table};

fn corpus_dir() -> PathBuf {
    PathBuf::from(env!("CARGO_MANIFEST_DIR")).join("../../corpus")
}

/// The corpus's text documents (UTF-8), by path relative to the corpus.
fn text_documents() -> Vec<(String, String)> {
    let mut out = Vec::new();
    for dir in ["seeds", "shanghai/text"] {
        let mut names: Vec<PathBuf> = std::fs::read_dir(corpus_dir().join(dir))
            .unwrap()
            .flatten()
            .map(|e| e.path())
            .filter(|p| p.extension().is_some_and(|e| e == "txt"))
            .collect();
        names.sort();
        for p in names {
            if let Ok(text) = std::fs::read_to_string(&p) {
                let rel = format!("{dir}/{}", p.file_name().unwrap().to_string_lossy());
                out.push((rel, text));
            }
        }
    }
    out
}

fn extract(rel: &str, text: &str) -> Disclosure {
    let doc = yusuan_read::read_bytes(&format!("corpus/{rel}"), text.as_bytes())
        .unwrap_or_else(|e| panic!("{rel}: {e}"));
    yusuan_extract::extract(&doc)
}

/// A way of printing a title: the title's words (up to a `单位：` on the same line) → the new
/// line.
struct Variant {
    name: &'static str,
    apply: fn(n: usize, words: &str) -> String,
}

const CHINESE_NUMBERS: &[&str] = &["一", "二", "三", "四", "五", "六", "七", "八", "九", "十"];

fn variants() -> Vec<Variant> {
    vec![
        Variant {
            name: "公开NN表 prefix",
            apply: |n, w| format!("公开{:02}表 {w}", n + 1),
        },
        Variant {
            name: "表一 prefix",
            apply: |n, w| format!("表{} {w}", CHINESE_NUMBERS[n % 10]),
        },
        Variant {
            name: "附表N： prefix",
            apply: |n, w| format!("附表{}：{w}", n + 1),
        },
        Variant {
            name: "year prefix",
            apply: |_, w| {
                if w.starts_with("20") {
                    w.to_string()
                } else {
                    format!("2019年{w}")
                }
            },
        },
        Variant {
            name: "（按功能分类） qualifier",
            apply: |_, w| format!("{w}（按功能分类）"),
        },
        Variant {
            name: "（经济科目） qualifier",
            apply: |_, w| format!("{w}（经济科目）"),
        },
        Variant {
            name: "(按支出功能分类科目) qualifier",
            apply: |_, w| format!("{w}(按支出功能分类科目)"),
        },
        Variant {
            name: "附表 + year + qualifier",
            apply: |n, w| format!("附表{} 2019年{w}（按经济分类）", n + 1),
        },
        Variant {
            name: "收支总表 wordings",
            // Only the 收支总表 itself (a 财政拨款收支总表 keeps its words).
            apply: |_, w| {
                if w.contains("财政拨款") {
                    w.to_string()
                } else if w.contains("财务收支预算总表") {
                    w.replace("财务收支预算总表", "收支总表")
                } else if w.contains("收支预算总表") {
                    w.replace("收支预算总表", "财务收支预算总表")
                } else {
                    w.replace("收支总表", "财务收支预算总表")
                }
            },
        },
    ]
}

/// The line with its title words rewritten; what follows the words (`单位：元` printed on the
/// title line, TABs of a grid) is kept.
fn retitle(line: &str, n: usize, v: &Variant) -> String {
    let lead: String = line.chars().take_while(|c| c.is_whitespace()).collect();
    let body = &line[lead.len()..];
    let cut = ["单位：", "单位:", "\t"]
        .iter()
        .filter_map(|m| body.find(m))
        .min()
        .unwrap_or(body.len());
    let (words, rest) = body.split_at(cut);
    let trimmed = words.trim_end();
    let gap = &words[trimmed.len()..];
    format!("{lead}{}{gap}{rest}", (v.apply)(n, trimmed))
}

/// A table as compared: everything but its title and spans.
fn model(t: &Table) -> String {
    let mut out = format!(
        "{:?} unit {:?} empty {} unreadable {:?} columns {:?}\n",
        t.kind,
        t.unit,
        t.empty,
        t.unreadable,
        t.columns
            .iter()
            .map(|c| (c.key.as_str().to_string(), c.side))
            .collect::<Vec<_>>()
    );
    for r in &t.rows {
        out.push_str(&format!(
            "  {:?} {:?} {} {:?} {:?} total {}\n",
            r.side, r.code, r.name, r.cells, r.uncertain, r.is_total
        ));
    }
    out
}

fn tables(d: &Disclosure) -> Vec<String> {
    d.tables.iter().map(model).collect()
}

#[test]
fn retitled_tables_extract_as_the_originals() {
    let documents = text_documents();
    let variants = variants();
    let mut failures = Vec::new();
    let mut passed = vec![0usize; variants.len()];
    let mut generated = vec![0usize; variants.len()];
    for (rel, text) in &documents {
        let original = extract(rel, text);
        if original.tables.is_empty() {
            continue;
        }
        let lines: Vec<&str> = text.split('\n').collect();
        let want = tables(&original);
        for (vi, v) in variants.iter().enumerate() {
            let mut new_lines: Vec<String> = lines.iter().map(|l| l.to_string()).collect();
            for (n, t) in original.tables.iter().enumerate() {
                let i = t.span.line as usize - 1;
                new_lines[i] = retitle(lines[i], n, v);
            }
            let variant = extract(rel, &new_lines.join("\n"));
            generated[vi] += 1;
            let got = tables(&variant);
            if got == want {
                passed[vi] += 1;
            } else {
                let first = got
                    .iter()
                    .zip(&want)
                    .position(|(a, b)| a != b)
                    .unwrap_or(got.len().min(want.len()));
                failures.push(format!(
                    "{rel} [{}]: {} tables, {} in the original; first difference at table {first}: {:?} vs {:?}",
                    v.name,
                    got.len(),
                    want.len(),
                    got.get(first).map(|s| s.lines().next().unwrap_or("")),
                    want.get(first).map(|s| s.lines().next().unwrap_or("")),
                ));
            }
        }
    }
    for (vi, v) in variants.iter().enumerate() {
        eprintln!("{}: {}/{} documents", v.name, passed[vi], generated[vi]);
    }
    assert!(generated.iter().all(|&g| g >= 15), "{generated:?}");
    assert!(failures.is_empty(), "{}", failures.join("\n"));
}

#[test]
fn the_generator_rewrites_only_the_title_words() {
    let v = &variants()[7];
    assert_eq!(
        retitle("  部门预算收支总表\t\t单位：万元", 0, v),
        "  附表1 2019年部门预算收支总表（按经济分类）\t\t单位：万元"
    );
    assert_eq!(
        retitle("一般公共预算支出表 单位：元", 2, &variants()[0]),
        "公开03表 一般公共预算支出表 单位：元"
    );
}
