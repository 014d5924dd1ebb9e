//! Robustness: reading and extracting never panics, whatever the input.
//!
//! `yusuan_extract::extract(&yusuan_read::read_bytes(..))` is run on
//! - arbitrary bytes, and text assembled from the words, numbers and separators of budget tables
//!   (titles, `单位：万元`, codes, amounts broken or glued, TABs, form feeds, CJK);
//! - the real corpus documents (`corpus/seeds`, `corpus/shanghai/text`) with random mutations:
//!   lines deleted, duplicated, swapped, truncated, or with digits/TABs/spaces/CJK inserted, the
//!   whole file truncated at a random byte, single bytes overwritten — mostly aimed at the lines
//!   of tables, where the extractor does its work;
//! - huge inputs (plain tests): one 1 MB line, and 100 000 lines of table rows in each layout.
//!
//! The only assertion is that nothing panics (and that huge inputs finish in reasonable time);
//! `read_bytes` may refuse an input with an error.

use std::path::PathBuf;
use std::sync::OnceLock;
use std::time::{Duration, Instant};

use proptest::prelude::*;
use proptest::sample::Index;
use proptest::test_runner::Config;

/// Reads and extracts; an input `read_bytes` refuses is fine.
fn run(bytes: &[u8]) {
    if let Ok(doc) = yusuan_read::read_bytes("input.txt", bytes) {
        let d = yusuan_extract::extract(&doc);
        // Touch the result so nothing is optimised away.
        std::hint::black_box(d.tables.len());
    }
}

// ---------------------------------------------------------------------------------------------
// Generated text.

/// Pieces of budget tables, to assemble inputs that reach deep into the extractor.
const PIECES: &[&str] = &[
    "部门预算支出总表",
    "部门预算收支总表",
    "部门预算收入总表",
    "一般公共预算财政拨款基本支出表",
    "2025年部门支出预算总表",
    "2025年部门财政拨款收支预算总表",
    "财政拨款“三公”经费支出表",
    "单位：万元",
    "单位：元",
    "编制部门：某某局 单位：元",
    "预算年度：2022",
    "502 邯郸市住房保障和房产管理局",
    "序号",
    "栏次",
    "合计",
    "总计",
    "小计",
    "基本支出",
    "项目支出",
    "人员经费",
    "公用经费",
    "科目编码",
    "科目名称",
    "功能分类科目",
    "类 款 项",
    "收入",
    "支出",
    "项目",
    "预算数",
    "决算数",
    "一、一般公共预算拨款收入",
    "本年收入合计",
    "收入总计",
    "上年结转",
    "201",
    "201 03",
    "201 03 01",
    "21201 99",
    "2120199",
    "30217",
    "09",
    "行政运行",
    "公务接待费",
    "1,234.56",
    "91,016,775.35",
    "3319.5 9",
    "32000. 00",
    "0.00",
    "-",
    "—",
    "（12.00）",
    "-5.00",
    "12.00一、",
    "9999999999999999999999999999.99",
    "1",
    "2",
    "15",
    "注：本表为空表。",
    "说明",
    "。",
    "，",
    "\t",
    "\t\t",
    " ",
    "  ",
    "\n",
    "\n\n",
    "\r\n",
    "\u{c}",
    "\u{3000}",
    "１２３．４５",
    "$\\geq 90\\%$",
    "<p>",
    "TC 1 \\f C \\l 1",
    "扫描全能王 创建",
];

fn generated_text() -> impl Strategy<Value = String> {
    prop::collection::vec(
        prop_oneof![
            8 => prop::sample::select(PIECES).prop_map(str::to_string),
            2 => "[0-9., \t\n]{1,12}",
            1 => "\\PC{1,8}",
        ],
        0..300,
    )
    .prop_map(|v| v.concat())
}

// ---------------------------------------------------------------------------------------------
// Corpus mutations.

struct CorpusFile {
    name: String,
    lines: Vec<Vec<u8>>,
    /// Indices of lines that look like table lines (TABs, amounts, codes, totals, titles).
    table_lines: Vec<usize>,
}

fn corpus() -> &'static [CorpusFile] {
    static CORPUS: OnceLock<Vec<CorpusFile>> = OnceLock::new();
    CORPUS.get_or_init(|| {
        let root = PathBuf::from(env!("CARGO_MANIFEST_DIR")).join("../../corpus");
        let mut files = Vec::new();
        for dir in ["seeds", "shanghai/text"] {
            let mut paths: Vec<PathBuf> = std::fs::read_dir(root.join(dir))
                .unwrap_or_else(|e| panic!("corpus/{dir}: {e}"))
                .flatten()
                .map(|e| e.path())
                .filter(|p| p.extension().is_some_and(|x| x == "txt"))
                .collect();
            paths.sort();
            for p in paths {
                let bytes = std::fs::read(&p).unwrap();
                let lines: Vec<Vec<u8>> =
                    bytes.split(|b| *b == b'\n').map(<[u8]>::to_vec).collect();
                let table_lines = lines
                    .iter()
                    .enumerate()
                    .filter(|(_, l)| looks_tabular(l))
                    .map(|(i, _)| i)
                    .collect();
                files.push(CorpusFile {
                    name: p.file_name().unwrap().to_string_lossy().into_owned(),
                    lines,
                    table_lines,
                });
            }
        }
        assert!(!files.is_empty(), "no corpus text files found");
        files
    })
}

fn looks_tabular(line: &[u8]) -> bool {
    let s = String::from_utf8_lossy(line);
    s.contains('\t')
        || s.contains("合计")
        || s.contains("单位")
        || s.ends_with('表')
        || s.starts_with(|c: char| c.is_ascii_digit())
}

/// Where a mutation applies: any line, or a line of a table.
#[derive(Debug, Clone)]
enum Target {
    Any(Index),
    Table(Index),
}

impl Target {
    fn line(&self, file: &CorpusFile, len: usize) -> Option<usize> {
        if len == 0 {
            return None;
        }
        let i = match self {
            Target::Any(i) => i.index(len),
            Target::Table(i) if !file.table_lines.is_empty() => {
                file.table_lines[i.index(file.table_lines.len())]
            }
            Target::Table(i) => i.index(len),
        };
        Some(i.min(len - 1))
    }
}

#[derive(Debug, Clone)]
enum Mutation {
    DeleteLine(Target),
    DuplicateLine(Target),
    SwapLines(Target, Target),
    TruncateLine(Target, Index),
    Insert(Target, Index, String),
    OverwriteByte(Target, Index, u8),
    TruncateFile(Index),
}

fn target() -> impl Strategy<Value = Target> {
    prop_oneof![
        1 => any::<Index>().prop_map(Target::Any),
        3 => any::<Index>().prop_map(Target::Table),
    ]
}

fn insertion() -> impl Strategy<Value = String> {
    prop_oneof![
        "[0-9]{1,6}",
        "[0-9.,]{1,8}",
        "[\t ]{1,3}",
        "[合计类款项单位万元支出收入一二三、：]{1,4}",
        prop::sample::select(PIECES).prop_map(str::to_string),
    ]
}

fn mutation() -> impl Strategy<Value = Mutation> {
    prop_oneof![
        3 => target().prop_map(Mutation::DeleteLine),
        3 => target().prop_map(Mutation::DuplicateLine),
        2 => (target(), target()).prop_map(|(a, b)| Mutation::SwapLines(a, b)),
        2 => (target(), any::<Index>()).prop_map(|(t, i)| Mutation::TruncateLine(t, i)),
        5 => (target(), any::<Index>(), insertion()).prop_map(|(t, i, s)| Mutation::Insert(t, i, s)),
        1 => (target(), any::<Index>(), any::<u8>()).prop_map(|(t, i, b)| Mutation::OverwriteByte(t, i, b)),
        1 => any::<Index>().prop_map(Mutation::TruncateFile),
    ]
}

fn apply(file: &CorpusFile, mutations: &[Mutation]) -> Vec<u8> {
    let mut lines = file.lines.clone();
    let mut truncate_at = None;
    for m in mutations {
        let len = lines.len();
        match m {
            Mutation::DeleteLine(t) => {
                if let Some(i) = t.line(file, len) {
                    lines.remove(i);
                }
            }
            Mutation::DuplicateLine(t) => {
                if let Some(i) = t.line(file, len) {
                    let l = lines[i].clone();
                    lines.insert(i, l);
                }
            }
            Mutation::SwapLines(a, b) => {
                if let (Some(i), Some(j)) = (a.line(file, len), b.line(file, len)) {
                    lines.swap(i, j);
                }
            }
            Mutation::TruncateLine(t, at) => {
                if let Some(i) = t.line(file, len) {
                    let n = at.index(lines[i].len() + 1);
                    lines[i].truncate(n);
                }
            }
            Mutation::Insert(t, at, s) => {
                if let Some(i) = t.line(file, len) {
                    // Insert at a char boundary when the line is UTF-8, anywhere otherwise.
                    let line = &mut lines[i];
                    let mut pos = at.index(line.len() + 1);
                    if let Ok(text) = std::str::from_utf8(line) {
                        while !text.is_char_boundary(pos) {
                            pos -= 1;
                        }
                    }
                    line.splice(pos..pos, s.bytes());
                }
            }
            Mutation::OverwriteByte(t, at, b) => {
                if let Some(i) = t.line(file, len) {
                    if !lines[i].is_empty() {
                        let pos = at.index(lines[i].len());
                        lines[i][pos] = *b;
                    }
                }
            }
            Mutation::TruncateFile(at) => truncate_at = Some(*at),
        }
    }
    let mut bytes = lines.join(&b'\n');
    if let Some(at) = truncate_at {
        bytes.truncate(at.index(bytes.len() + 1));
    }
    bytes
}

// ---------------------------------------------------------------------------------------------
// Properties.

proptest! {
    #![proptest_config(Config { cases: 256, failure_persistence: None, ..Config::default() })]

    /// Arbitrary bytes.
    #[test]
    fn arbitrary_bytes_never_panic(bytes in prop::collection::vec(any::<u8>(), 0..4096)) {
        run(&bytes);
    }

    /// Text assembled from pieces of budget tables.
    #[test]
    fn table_like_text_never_panics(text in generated_text()) {
        run(text.as_bytes());
    }

    /// The same pieces, encoded as GB18030 / UTF-16 the way some documents are.
    #[test]
    fn table_like_text_in_other_encodings_never_panics(text in generated_text(), utf16 in any::<bool>()) {
        let bytes: Vec<u8> = if utf16 {
            let mut b = vec![0xFF, 0xFE];
            b.extend(text.encode_utf16().flat_map(u16::to_le_bytes));
            b
        } else {
            let mut b = Vec::new();
            for ch in text.chars() {
                // Cheap stand-in for GB18030: GBK double bytes for CJK, ASCII kept.
                if ch.is_ascii() {
                    b.push(ch as u8);
                } else {
                    let c = ch as u32;
                    b.push(0xB0 + (c % 0x38) as u8);
                    b.push(0xA1 + ((c >> 6) % 0x5E) as u8);
                }
            }
            b
        };
        run(&bytes);
    }
}

proptest! {
    #![proptest_config(Config { cases: 96, failure_persistence: None, ..Config::default() })]

    /// Corpus documents with 1–12 random mutations.
    #[test]
    fn mutated_corpus_documents_never_panic(
        file in any::<Index>(),
        mutations in prop::collection::vec(mutation(), 1..12),
    ) {
        let files = corpus();
        let f = &files[file.index(files.len())];
        let bytes = apply(f, &mutations);
        let outcome = std::panic::catch_unwind(|| run(&bytes));
        prop_assert!(outcome.is_ok(), "panicked on a mutation of {}", f.name);
    }
}

/// Every corpus document, unmutated and with its tables' lines shuffled pairwise.
#[test]
fn corpus_documents_never_panic() {
    for f in corpus() {
        run(&f.lines.join(&b'\n'));
        let mut lines = f.lines.clone();
        for pair in f.table_lines.chunks(2) {
            if let [a, b] = pair {
                lines.swap(*a, *b);
            }
        }
        run(&lines.join(&b'\n'));
    }
}

// ---------------------------------------------------------------------------------------------
// Huge inputs.

/// Fails when a huge input takes longer than this in a debug build (a sign of quadratic work).
/// Measured in CPU time of the test's thread where Linux tells it, so that a busy machine does
/// not fail the test; in wall-clock time elsewhere.
const HUGE_LIMIT: Duration = Duration::from_secs(30);

/// CPU time spent by the calling thread (Linux), from `/proc/thread-self/schedstat`.
fn thread_cpu_time() -> Option<Duration> {
    let stat = std::fs::read_to_string("/proc/thread-self/schedstat").ok()?;
    let ns: u64 = stat.split_whitespace().next()?.parse().ok()?;
    Some(Duration::from_nanos(ns))
}

fn run_timed(what: &str, bytes: &[u8]) {
    let cpu = thread_cpu_time();
    let wall = Instant::now();
    run(bytes);
    let wall = wall.elapsed();
    let took = match (cpu, thread_cpu_time()) {
        (Some(a), Some(b)) => b.saturating_sub(a),
        _ => wall,
    };
    eprintln!(
        "{what}: {} bytes in {took:?} CPU ({wall:?} wall)",
        bytes.len()
    );
    assert!(took < HUGE_LIMIT, "{what} took {took:?}");
}

#[test]
fn one_megabyte_line() {
    let piece = "合计 1,234.56 201 03 01 行政运行\t3319.5 9 单位：万元 ";
    let mut line = String::from("部门预算支出总表\n单位：万元\n");
    while line.len() < 1 << 20 {
        line.push_str(piece);
    }
    run_timed("1 MB line", line.as_bytes());
}

#[test]
fn one_megabyte_line_of_digits() {
    let line = "1234567890.".repeat((1 << 20) / 11);
    run_timed("1 MB of digits", line.as_bytes());
}

#[test]
fn hundred_thousand_tab_rows() {
    let mut text = String::from(
        "部门预算支出总表\n单位：万元\n序号\t功能分类科目\t\t合计\t基本支出\t项目支出\n\t科目编码\t科目名称\t\t\t\n栏次\t1\t2\t3\t4\t5\n",
    );
    for i in 0..100_000u32 {
        let code = 2_010_301 + (i % 90);
        text.push_str(&format!("{}\t{code}\t行政运行\t3.00\t1.00\t2.00\n", i + 1));
    }
    run_timed("100k tab rows", text.as_bytes());
}

/// One spaced table of 100 000 rows with the same codes repeated: linking parents and children
/// must stay linear (each repetition of a code owns the block that follows it).
#[test]
fn hundred_thousand_spaced_rows() {
    let mut text = String::from(
        "2025年部门支出预算总表\n编制部门：某某局 单位：元\n项目 支出预算\n功能分类科目编码\n功能分类科目名称 合计 基本支出 项目支出\n类 款 项\n",
    );
    for i in 0..100_000u32 {
        match i % 4 {
            0 => text.push_str("201 一般公共服务支出 3.00 2.00 1.00\n"),
            1 => text.push_str("201 03 政府办公厅（室）及相关机构事务 3.00 2.00 1.00\n"),
            2 => text.push_str("201 03 01 行政运行 2.00 2.00\n"),
            _ => text.push_str("201 03 02 一般行政管理事务 1.00 1.00\n"),
        }
    }
    text.push_str("合计 300,000.00 200,000.00 100,000.00\n");
    run_timed("100k spaced rows", text.as_bytes());
}

/// 100 000 lines of spaced tables of 100 rows each (one title per table).
#[test]
fn hundred_thousand_lines_of_spaced_tables() {
    let mut text = String::new();
    for t in 0..1_000u32 {
        text.push_str(&format!(
            "{}年部门支出预算总表\n编制部门：某某局 单位：元\n项目 支出预算\n功能分类科目编码\n功能分类科目名称 合计 基本支出 项目支出\n类 款 项\n",
            2000 + t % 30
        ));
        for i in 0..23u32 {
            let class = 201 + i;
            text.push_str(&format!("{class} 一般公共服务支出 3.00 2.00 1.00\n"));
            text.push_str(&format!(
                "{class} 03 政府办公厅（室）及相关机构事务 3.00 2.00 1.00\n"
            ));
            text.push_str(&format!("{class} 03 01 行政运行 2.00 2.00\n"));
            text.push_str(&format!("{class} 03 02 一般行政管理事务 1.00 1.00\n"));
        }
        text.push_str("合计 69.00 46.00 23.00\n\n");
    }
    assert!(text.lines().count() >= 100_000);
    run_timed("100k lines of spaced tables", text.as_bytes());
}

#[test]
fn hundred_thousand_cell_lines() {
    let mut text = String::from("部门预算支出总表\n\t单位：万元\n\n\t序号\n\t功能分类科目\n\t\n\t合计\n\t基本支出\n\t项目支出\n\n");
    for i in 0..(100_000 / 7) {
        text.push_str(&format!(
            "\t{}\n\t2010301\n\t行政运行\n\t3.00\n\t\n\t3.00\n\n",
            i + 1
        ));
    }
    run_timed("100k cell lines", text.as_bytes());
}

#[test]
fn hundred_thousand_short_lines() {
    let mut text = String::new();
    for i in 0..100_000u32 {
        match i % 5 {
            0 => text.push_str("部门预算支出总表\n"),
            1 => text.push_str("单位：万元\n"),
            2 => text.push('\n'),
            3 => text.push_str("合计 1.00\n"),
            _ => text.push_str("\t\n"),
        }
    }
    run_timed("100k short lines", text.as_bytes());
}
