//! Round-trip property tests: generate a consistent table, print it the way real disclosures
//! print it, extract it, and compare with what was generated.
//!
//! Tables are generated with proptest: a random hierarchy of classification codes (functional
//! 类/款/项 = 3/5/7 digits, or economic 类/款 = 3/5 digits) named with names taken from the corpus,
//! random non-negative 2-decimal amounts on the leaves (some cells blank), every parent the sum of
//! its children, 合计 the sum of the 类 rows and 合计 = the two component columns in every row.
//! Two families of tables are covered: the functional expenditure tables (支出总表, 一般公共预算 /
//! 政府性基金 / 国有资本经营 支出表; columns 合计/基本支出/项目支出) and the basic-expenditure table
//! (一般公共预算财政拨款基本支出表; economic codes, columns 合计/人员经费/公用经费).
//!
//! Each table is printed in the three layouts of `corpus/` (DOMAIN.md §7):
//! - **tab rows** (seed 000): one row per line, cells separated by TAB, blank cells empty;
//! - **cell per line** (seeds 002/004): one TAB-prefixed cell per line, rows separated by an
//!   empty line, a blank cell a line holding only a TAB;
//! - **space-separated** (Shanghai texts): cells separated by one space, codes printed `201 03 01`,
//!   amounts with thousands separators, blank cells simply absent, 合计 last.
//!
//! What is asserted:
//! - exactly one table, of the generated kind, with the right unit and amount columns;
//! - the same rows in the same order, with the same 序号 (positional layouts), codes, names,
//!   total flags and cells (blank = absent);
//! - positional layouts round-trip exactly, with no cell marked uncertain — also with the print
//!   quirks of seed 000 (numbers and codes broken by a space, tables continued over a page with
//!   the header repeated);
//! - in the spaced layout every cell *not* listed in `Row::uncertain` equals the truth; uncertain
//!   cells may differ, and for generic tables (positive amounts, both component columns used)
//!   fewer than 5% of the rows may have any uncertainty.

use std::collections::BTreeMap;
use std::fmt::Write as _;

use proptest::prelude::*;
use proptest::test_runner::{Config, TestRunner};
use yusuan_model::{ColumnKey, Decimal, Disclosure, MoneyUnit, Row, TableKind};

// ---------------------------------------------------------------------------------------------
// Vocabulary taken from the corpus (seed 000 and putuo-govoffice-2025-dept-budget).

/// 类 names of the functional classification (seed 000, 收支总表).
const CLASS_NAMES: &[&str] = &[
    "一般公共服务支出",
    "公共安全支出",
    "教育支出",
    "科学技术支出",
    "文化旅游体育与传媒支出",
    "社会保障和就业支出",
    "卫生健康支出",
    "节能环保支出",
    "城乡社区支出",
    "农林水支出",
    "交通运输支出",
    "住房保障支出",
];

/// 款 names of the functional classification.
const KUAN_NAMES: &[&str] = &[
    "政府办公厅（室）及相关机构事务",
    "行政事业单位养老支出",
    "行政事业单位医疗",
    "城乡社区管理事务",
    "国有土地使用权出让收入安排的支出",
    "保障性安居工程支出",
    "住房改革支出",
];

/// 项 names of the functional classification.
const XIANG_NAMES: &[&str] = &[
    "行政运行",
    "一般行政管理事务",
    "事业运行",
    "其他政府办公厅（室）及相关机构事务支出",
    "行政单位离退休",
    "事业单位离退休",
    "机关事业单位基本养老保险缴费支出",
    "机关事业单位职业年金缴费支出",
    "其他行政事业单位养老支出",
    "行政单位医疗",
    "事业单位医疗",
    "住宅建设与房地产市场监管",
    "其他城乡社区管理事务支出",
    "公共租赁住房支出",
    "廉租住房",
    "公共租赁住房",
    "保障性住房租金补贴",
    "老旧小区改造",
    "其他保障性安居工程支出",
    "住房公积金",
    "购房补贴",
];

/// The 款 of one economic 类: (the code's last two digits, name).
type Kuans = &'static [(&'static str, &'static str)];

/// The economic classification (部门预算支出经济分类) as printed in the basic-expenditure tables.
const ECONOMIC: &[(&str, &str, Kuans)] = &[
    (
        "301",
        "工资福利支出",
        &[
            ("01", "基本工资"),
            ("02", "津贴补贴"),
            ("03", "奖金"),
            ("07", "绩效工资"),
            ("08", "机关事业单位基本养老保险缴费"),
            ("09", "职业年金缴费"),
            ("10", "职工基本医疗保险缴费"),
            ("12", "其他社会保障缴费"),
            ("13", "住房公积金"),
            ("99", "其他工资福利支出"),
        ],
    ),
    (
        "302",
        "商品和服务支出",
        &[
            ("01", "办公费"),
            ("02", "印刷费"),
            ("05", "水费"),
            ("06", "电费"),
            ("07", "邮电费"),
            ("11", "差旅费"),
            ("13", "维修(护)费"),
            ("15", "会议费"),
            ("16", "培训费"),
            ("17", "公务接待费"),
            ("26", "劳务费"),
            ("28", "工会经费"),
            ("29", "福利费"),
            ("31", "公务用车运行维护费"),
            ("39", "其他交通费用"),
            ("99", "其他商品和服务支出"),
        ],
    ),
    (
        "303",
        "对个人和家庭的补助",
        &[
            ("01", "离休费"),
            ("02", "退休费"),
            ("05", "生活补助"),
            ("09", "奖励金"),
            ("99", "其他对个人和家庭的补助"),
        ],
    ),
    ("310", "资本性支出", &[("02", "办公设备购置")]),
];

// ---------------------------------------------------------------------------------------------
// The generated truth.

/// Which standard table is generated.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
enum Kind {
    Expenditure,
    GeneralPublic,
    GovernmentFund,
    StateCapital,
    Basic,
}

impl Kind {
    fn table_kind(self) -> TableKind {
        match self {
            Kind::Expenditure => TableKind::Expenditure,
            Kind::GeneralPublic => TableKind::GeneralPublicExpenditure,
            Kind::GovernmentFund => TableKind::GovernmentFundExpenditure,
            Kind::StateCapital => TableKind::StateCapitalExpenditure,
            Kind::Basic => TableKind::BasicExpenditure,
        }
    }

    /// The keys of the amount columns: 合计 and its two parts.
    fn keys(self) -> [ColumnKey; 3] {
        match self {
            Kind::Basic => [
                ColumnKey::TOTAL,
                ColumnKey::PERSONNEL,
                ColumnKey::PUBLIC_USE,
            ],
            _ => [ColumnKey::TOTAL, ColumnKey::BASIC, ColumnKey::PROJECT],
        }
    }

    /// Title as printed in Hebei (tab rows, cell per line).
    fn hebei_title(self) -> &'static str {
        match self {
            Kind::Expenditure => "部门预算支出总表",
            Kind::GeneralPublic => "部门预算一般公共预算财政拨款支出表",
            Kind::GovernmentFund => "部门预算政府基金预算财政拨款支出表",
            Kind::StateCapital => "部门预算国有资本经营预算财政拨款支出表",
            Kind::Basic => "一般公共预算财政拨款基本支出表",
        }
    }

    /// Title as printed in Shanghai (space-separated).
    fn shanghai_title(self) -> &'static str {
        match self {
            Kind::Expenditure => "2025年部门支出预算总表",
            Kind::GeneralPublic => "2025年部门一般公共预算支出功能分类预算表",
            Kind::GovernmentFund => "2025年部门政府性基金预算支出功能分类预算表",
            Kind::StateCapital => "2025年部门国有资本经营预算支出功能分类预算表",
            Kind::Basic => "2025年部门一般公共预算基本支出部门预算经济分类预算表",
        }
    }

    /// Hebei header rows (seed 000 lines 142–144 and 294–296), as cells.
    fn hebei_header(self) -> Vec<Vec<&'static str>> {
        match self {
            Kind::Basic => vec![
                vec![
                    "序号",
                    "支出部门经济分类科目",
                    "",
                    "一般公共预算基本支出",
                    "",
                    "",
                ],
                vec!["", "科目编码", "科目名称", "合计", "人员经费", "公用经费"],
                vec!["栏次", "1", "2", "3", "4", "5"],
            ],
            _ => vec![
                vec!["序号", "功能分类科目", "", "合计", "基本支出", "项目支出"],
                vec!["", "科目编码", "科目名称", "", "", ""],
                vec!["栏次", "1", "2", "3", "4", "5"],
            ],
        }
    }

    /// Shanghai header lines (putuo-govoffice-2025-dept-budget lines 145–148 and 235–239).
    fn shanghai_header(self) -> Vec<&'static str> {
        match self {
            Kind::Basic => vec![
                "项目 一般公共预算基本支出",
                "部门预算经济分类科目",
                "编码",
                "经济分类科目名称 合计 人员经费 公用经费",
                "类 款",
            ],
            _ => {
                let top = match self {
                    Kind::Expenditure => "项目 支出预算",
                    Kind::GeneralPublic => "项目 一般公共预算支出",
                    Kind::GovernmentFund => "项目 政府性基金预算支出",
                    _ => "项目 国有资本经营预算支出",
                };
                vec![
                    top,
                    "功能分类科目编码",
                    "功能分类科目名称 合计 基本支出 项目支出",
                    "类 款 项",
                ]
            }
        }
    }
}

/// One generated row; amounts in cents (fen), `None` = blank.
#[derive(Debug, Clone)]
struct TruthRow {
    /// `None` for the 合计 row.
    code: Option<String>,
    name: String,
    /// The two component columns (基本支出/项目支出 or 人员经费/公用经费).
    parts: [Option<i64>; 2],
}

impl TruthRow {
    fn total(&self) -> Option<i64> {
        match self.parts {
            [None, None] => None,
            [a, b] => Some(a.unwrap_or(0) + b.unwrap_or(0)),
        }
    }

    fn cells(&self) -> [Option<i64>; 3] {
        [self.total(), self.parts[0], self.parts[1]]
    }

    fn expected_cells(&self, kind: Kind) -> BTreeMap<ColumnKey, Decimal> {
        kind.keys()
            .into_iter()
            .zip(self.cells())
            .filter_map(|(k, v)| v.map(|c| (k, Decimal::new(c, 2))))
            .collect()
    }
}

/// A generated table: its kind and its rows in code order (without the 合计 row).
#[derive(Debug, Clone)]
struct Spec {
    kind: Kind,
    rows: Vec<TruthRow>,
}

impl Spec {
    /// The 合计 row: the sum of the 类 (3-digit) rows.
    fn total_row(&self) -> TruthRow {
        let classes: Vec<&TruthRow> = self
            .rows
            .iter()
            .filter(|r| r.code.as_ref().is_some_and(|c| c.len() == 3))
            .collect();
        TruthRow {
            code: None,
            name: "合计".into(),
            parts: [0, 1].map(|i| sum(classes.iter().map(|r| r.parts[i]))),
        }
    }
}

/// Sum of optional cells: blank when every one is blank.
fn sum(cells: impl Iterator<Item = Option<i64>>) -> Option<i64> {
    cells.fold(None, |acc, c| match (acc, c) {
        (None, None) => None,
        (a, b) => Some(a.unwrap_or(0) + b.unwrap_or(0)),
    })
}

/// Appends a parent and its children, the parent's parts being the sums of its children's.
fn push_parent(out: &mut Vec<TruthRow>, code: String, name: &str, children: Vec<TruthRow>) {
    let direct: Vec<&TruthRow> = children
        .iter()
        .filter(|r| r.code.as_ref().unwrap().len() == code.len() + 2)
        .collect();
    let parts = [0, 1].map(|i| sum(direct.iter().map(|r| r.parts[i])));
    out.push(TruthRow {
        code: Some(code),
        name: name.to_string(),
        parts,
    });
    out.extend(children);
}

// ---------------------------------------------------------------------------------------------
// Strategies.

/// A non-negative amount in cents: small (Hebei 万元 scale) or large (Shanghai 元 scale), and
/// occasionally zero when `zero` is allowed.
fn amount(zero: bool) -> BoxedStrategy<i64> {
    let positive = prop_oneof![
        3 => 1i64..100_000,
        3 => 100_000i64..10_000_000_000,
    ];
    if zero {
        prop_oneof![12 => positive, 1 => Just(0i64)].boxed()
    } else {
        positive.boxed()
    }
}

/// A leaf's two component cells: one or both printed.
fn leaf(zero: bool) -> impl Strategy<Value = [Option<i64>; 2]> {
    prop_oneof![
        (amount(zero), amount(zero)).prop_map(|(a, b)| [Some(a), Some(b)]),
        amount(zero).prop_map(|a| [Some(a), None]),
        amount(zero).prop_map(|b| [None, Some(b)]),
    ]
}

/// A functional hierarchy: 1–4 类, each with 1–3 款, each with 1–4 项.
fn functional_rows(zero: bool) -> impl Strategy<Value = Vec<TruthRow>> {
    let xiang = (1u32..100, 0..XIANG_NAMES.len(), leaf(zero));
    let kuan = (
        1u32..100,
        0..KUAN_NAMES.len(),
        prop::collection::vec(xiang, 1..=4),
    );
    let class = (
        201u32..236,
        0..CLASS_NAMES.len(),
        prop::collection::vec(kuan, 1..=3),
    );
    prop::collection::vec(class, 1..=4).prop_map(|classes| {
        // Deduplicate codes (keeping the first) and order them as printed.
        // code suffix → (name index, children)
        type Level<T> = BTreeMap<u32, (usize, T)>;
        let mut tree: Level<Level<Level<[Option<i64>; 2]>>> = BTreeMap::new();
        for (c, cn, kuans) in classes {
            let (_, ks) = tree.entry(c).or_insert((cn, BTreeMap::new()));
            for (k, kn, xiangs) in kuans {
                let (_, xs) = ks.entry(k).or_insert((kn, BTreeMap::new()));
                for (x, xn, parts) in xiangs {
                    xs.entry(x).or_insert((xn, parts));
                }
            }
        }
        let mut out = Vec::new();
        for (c, (cn, ks)) in tree {
            let mut class_rows = Vec::new();
            for (k, (kn, xs)) in ks {
                let kcode = format!("{c}{k:02}");
                let leaves = xs
                    .into_iter()
                    .map(|(x, (xn, parts))| TruthRow {
                        code: Some(format!("{kcode}{x:02}")),
                        name: XIANG_NAMES[xn].to_string(),
                        parts,
                    })
                    .collect();
                push_parent(&mut class_rows, kcode, KUAN_NAMES[kn], leaves);
            }
            push_parent(&mut out, c.to_string(), CLASS_NAMES[cn], class_rows);
        }
        out
    })
}

/// An economic hierarchy: a subset of the real 类/款 catalogue, amounts on the 款.
fn economic_rows(zero: bool) -> impl Strategy<Value = Vec<TruthRow>> {
    let class = (
        0..ECONOMIC.len(),
        prop::collection::vec((0usize..16, leaf(zero)), 1..=5),
    );
    prop::collection::vec(class, 1..=4).prop_map(|classes| {
        let mut tree: BTreeMap<usize, BTreeMap<usize, [Option<i64>; 2]>> = BTreeMap::new();
        for (c, kuans) in classes {
            let ks = tree.entry(c).or_default();
            for (k, parts) in kuans {
                ks.entry(k % ECONOMIC[c].2.len()).or_insert(parts);
            }
        }
        let mut out = Vec::new();
        for (c, ks) in tree {
            let (code, name, catalogue) = ECONOMIC[c];
            let leaves = ks
                .into_iter()
                .map(|(k, parts)| TruthRow {
                    code: Some(format!("{code}{}", catalogue[k].0)),
                    name: catalogue[k].1.to_string(),
                    parts,
                })
                .collect();
            push_parent(&mut out, code.to_string(), name, leaves);
        }
        out
    })
}

fn spec(zero: bool) -> impl Strategy<Value = Spec> {
    prop_oneof![
        4 => (
            prop_oneof![
                Just(Kind::Expenditure),
                Just(Kind::GeneralPublic),
                Just(Kind::GovernmentFund),
                Just(Kind::StateCapital),
            ],
            functional_rows(zero)
        )
            .prop_map(|(kind, rows)| Spec { kind, rows }),
        3 => economic_rows(zero).prop_map(|rows| Spec { kind: Kind::Basic, rows }),
    ]
}

// ---------------------------------------------------------------------------------------------
// Rendering.

/// A tiny deterministic generator for the print quirks (splitmix64).
struct Quirks(u64);

impl Quirks {
    fn next(&mut self) -> u64 {
        self.0 = self.0.wrapping_add(0x9e37_79b9_7f4a_7c15);
        let mut z = self.0;
        z = (z ^ (z >> 30)).wrapping_mul(0xbf58_476d_1ce4_e5b9);
        z = (z ^ (z >> 27)).wrapping_mul(0x94d0_49bb_1331_11eb);
        z ^ (z >> 31)
    }

    /// A number below `n`.
    fn below(&mut self, n: u64) -> u64 {
        self.next() % n
    }

    /// True one time in `n`.
    fn one_in(&mut self, n: u64) -> bool {
        self.below(n) == 0
    }
}

/// `1234.50`.
fn plain(cents: i64) -> String {
    format!("{}.{:02}", cents / 100, cents % 100)
}

/// `1,234.50`.
fn grouped(cents: i64) -> String {
    let int = (cents / 100).to_string();
    let mut out = String::new();
    for (i, ch) in int.chars().enumerate() {
        let left = int.len() - i;
        if i > 0 && left.rem_euclid(3) == 0 {
            out.push(',');
        }
        out.push(ch);
    }
    format!("{out}.{:02}", cents % 100)
}

/// A positional amount cell, broken by a space the way seed 000 prints some (`3319.5 9`,
/// `32000. 00`) when `quirks` says so.
fn positional_amount(cents: i64, quirks: &mut Option<Quirks>) -> String {
    let s = plain(cents);
    match quirks.as_mut().map(|q| q.next() % 6) {
        Some(0) => format!("{} {}", &s[..s.len() - 1], &s[s.len() - 1..]),
        Some(1) => format!("{} {}", &s[..s.len() - 2], &s[s.len() - 2..]),
        _ => s,
    }
}

/// A positional code cell: `2120199`, or `21201 99` when `quirks` says so.
fn positional_code(code: &str, quirks: &mut Option<Quirks>) -> String {
    if code.len() == 7 && quirks.as_mut().is_some_and(|q| q.one_in(3)) {
        format!("{} {}", &code[..5], &code[5..])
    } else {
        code.to_string()
    }
}

/// The cells of the Hebei rows: 合计 first (序号 1), then the rows in order.
fn hebei_rows(spec: &Spec, quirks: &mut Option<Quirks>) -> Vec<Vec<String>> {
    let total = spec.total_row();
    std::iter::once(&total)
        .chain(spec.rows.iter())
        .enumerate()
        .map(|(i, r)| {
            let mut cells = vec![
                (i + 1).to_string(),
                r.code
                    .as_deref()
                    .map(|c| positional_code(c, quirks))
                    .unwrap_or_default(),
                r.name.clone(),
            ];
            for v in r.cells() {
                cells.push(v.map(|c| positional_amount(c, quirks)).unwrap_or_default());
            }
            cells
        })
        .collect()
}

/// Where a Hebei table continues on a new page (a row index), when `quirks` says so.
fn page_break(rows: usize, quirks: &mut Option<Quirks>) -> Option<usize> {
    let q = quirks.as_mut()?;
    (rows > 3 && !q.one_in(3)).then(|| 2 + (q.next() as usize) % (rows - 2))
}

/// Tab rows (seed 000 lines 134–180).
fn render_tab_rows(spec: &Spec, quirks: Option<u64>) -> String {
    let mut quirks = quirks.map(Quirks);
    let header: Vec<String> = spec
        .kind
        .hebei_header()
        .iter()
        .map(|cells| cells.join("\t"))
        .collect();
    let preamble = "502 邯郸市住房保障和房产管理局\n\n预算年度：2022\n\n单位：万元\n\n";
    let mut out = format!("{}\n\n{preamble}", spec.kind.hebei_title());
    for h in &header {
        writeln!(out, "{h}").unwrap();
    }
    let rows = hebei_rows(spec, &mut quirks);
    let brk = page_break(rows.len(), &mut quirks);
    for (i, cells) in rows.iter().enumerate() {
        if Some(i) == brk {
            write!(out, "\n{preamble}").unwrap();
            for h in &header {
                writeln!(out, "{h}").unwrap();
            }
        }
        writeln!(out, "{}", cells.join("\t")).unwrap();
    }
    out.push_str("\n以上为本表的全部内容。\n");
    out
}

/// One cell per line (seeds 002/004): every cell a TAB-prefixed line, rows separated by an
/// empty line.
fn render_cell_per_line(spec: &Spec, quirks: Option<u64>) -> String {
    let mut quirks = quirks.map(Quirks);
    let mut out = format!(
        "{}\n\t502 邯郸市住房保障和房产管理局\n\t单位：万元\n\n",
        spec.kind.hebei_title()
    );
    let block = |out: &mut String, cells: &[String]| {
        for c in cells {
            writeln!(out, "\t{c}").unwrap();
        }
        out.push('\n');
    };
    let header: Vec<Vec<String>> = spec
        .kind
        .hebei_header()
        .iter()
        .map(|r| r.iter().map(|c| c.to_string()).collect())
        .collect();
    for h in &header {
        block(&mut out, h);
    }
    let rows = hebei_rows(spec, &mut quirks);
    let brk = page_break(rows.len(), &mut quirks);
    for (i, cells) in rows.iter().enumerate() {
        if Some(i) == brk {
            out.push_str("\t502 邯郸市住房保障和房产管理局\n\t单位：万元\n\n");
            for h in &header {
                block(&mut out, h);
            }
        }
        block(&mut out, cells);
    }
    out.push_str("以上为本表的全部内容。\n");
    out
}

/// Space-separated (putuo-govoffice-2025-dept-budget lines 143–170): codes `201 03 01`, amounts
/// with thousands separators, blank cells absent, 合计 last. With `quirks`, the table may
/// continue on a new page (form feed, header repeated without the title).
fn render_spaced(spec: &Spec, quirks: Option<u64>) -> String {
    let mut quirks = quirks.map(Quirks);
    let mut out = format!(
        "{}\n编制部门：上海市普陀区人民政府办公室 单位：元\n",
        spec.kind.shanghai_title()
    );
    let header = spec.kind.shanghai_header();
    for h in &header {
        writeln!(out, "{h}").unwrap();
    }
    let total = spec.total_row();
    let rows: Vec<&TruthRow> = spec.rows.iter().chain(std::iter::once(&total)).collect();
    let brk = page_break(rows.len(), &mut quirks);
    for (i, r) in rows.iter().enumerate() {
        if Some(i) == brk {
            out.push_str("\n\u{c}\n");
            for h in &header {
                writeln!(out, "{h}").unwrap();
            }
        }
        let mut words: Vec<String> = Vec::new();
        if let Some(code) = &r.code {
            words.push(code[..3].to_string());
            let mut rest = &code[3..];
            while !rest.is_empty() {
                words.push(rest[..2].to_string());
                rest = &rest[2..];
            }
        }
        words.push(r.name.clone());
        words.extend(r.cells().into_iter().flatten().map(grouped));
        writeln!(out, "{}", words.join(" ")).unwrap();
    }
    out.push_str("\n以上为本表的全部内容。\n");
    out
}

// ---------------------------------------------------------------------------------------------
// Checking.

#[derive(Debug, Clone, Copy, PartialEq, Eq)]
enum Layout {
    TabRows,
    CellPerLine,
    Spaced,
}

fn render(spec: &Spec, layout: Layout, quirks: Option<u64>) -> String {
    match layout {
        Layout::TabRows => render_tab_rows(spec, quirks),
        Layout::CellPerLine => render_cell_per_line(spec, quirks),
        Layout::Spaced => render_spaced(spec, quirks),
    }
}

fn extract(text: &str) -> Disclosure {
    let doc = yusuan_read::read_bytes("roundtrip.txt", text.as_bytes()).expect("text is readable");
    yusuan_extract::extract(&doc)
}

/// What one round trip found.
#[derive(Debug, Default)]
struct Outcome {
    rows: usize,
    uncertain_rows: usize,
}

/// Extracts `text` and compares it with `spec`; `Err` describes the first difference.
fn check(spec: &Spec, layout: Layout, text: &str) -> Result<Outcome, String> {
    let doc = extract(text);
    let kind = spec.kind.table_kind();
    let kinds: Vec<TableKind> = doc.tables.iter().map(|t| t.kind).collect();
    if kinds != [kind] {
        return Err(format!(
            "expected exactly one {kind} table, found {kinds:?}"
        ));
    }
    let table = &doc.tables[0];
    let unit = match layout {
        Layout::Spaced => MoneyUnit::Yuan,
        _ => MoneyUnit::WanYuan,
    };
    if table.unit != Some(unit) {
        return Err(format!("unit {:?}, expected {unit:?}", table.unit));
    }
    let keys: Vec<&ColumnKey> = table.columns.iter().map(|c| &c.key).collect();
    let expected_keys = spec.kind.keys();
    if keys != expected_keys.iter().collect::<Vec<_>>() {
        return Err(format!("columns {keys:?}, expected {expected_keys:?}"));
    }
    if table.empty || table.unreadable.is_some() {
        return Err(format!(
            "table empty={} unreadable={:?}",
            table.empty, table.unreadable
        ));
    }
    let total = spec.total_row();
    let truth: Vec<(Option<u32>, &TruthRow)> = match layout {
        Layout::Spaced => spec
            .rows
            .iter()
            .chain(std::iter::once(&total))
            .map(|r| (None, r))
            .collect(),
        _ => std::iter::once(&total)
            .chain(spec.rows.iter())
            .enumerate()
            .map(|(i, r)| (Some(i as u32 + 1), r))
            .collect(),
    };
    if table.rows.len() != truth.len() {
        return Err(format!(
            "{} rows extracted, {} printed; extracted codes {:?}",
            table.rows.len(),
            truth.len(),
            table
                .rows
                .iter()
                .map(|r| r.code.as_deref().unwrap_or(&r.name))
                .collect::<Vec<_>>()
        ));
    }
    let mut outcome = Outcome::default();
    for (got, (seq, want)) in table.rows.iter().zip(&truth) {
        outcome.rows += 1;
        let what = want.code.as_deref().unwrap_or("合计");
        let ident = (&got.seq, &got.code, &got.name, got.is_total);
        let expected = (seq, &want.code, &want.name, want.code.is_none());
        if ident != expected {
            return Err(format!(
                "row {what}: (seq, code, name, is_total) = {ident:?}, expected {expected:?}"
            ));
        }
        let cells = want.expected_cells(spec.kind);
        if layout == Layout::Spaced {
            if got.has_uncertainty() {
                outcome.uncertain_rows += 1;
            }
            check_certain_cells(got, &cells, spec.kind).map_err(|e| format!("row {what}: {e}"))?;
        } else {
            if got.has_uncertainty() {
                return Err(format!(
                    "row {what}: positional cells marked uncertain: {:?}",
                    got.uncertain
                ));
            }
            if got.cells != cells {
                return Err(format!(
                    "row {what}: cells {:?}, expected {cells:?}",
                    got.cells
                ));
            }
        }
    }
    Ok(outcome)
}

/// Every cell not listed as uncertain equals the truth (blank = absent).
fn check_certain_cells(
    got: &Row,
    want: &BTreeMap<ColumnKey, Decimal>,
    kind: Kind,
) -> Result<(), String> {
    let keys = kind.keys();
    if let Some(k) = got.uncertain.iter().find(|k| !keys.contains(k)) {
        return Err(format!("uncertain column {k} is not a column of the table"));
    }
    if let Some(k) = got.cells.keys().find(|k| !keys.contains(k)) {
        return Err(format!("cell in unknown column {k}"));
    }
    for key in keys.iter().filter(|k| !got.uncertain.contains(k)) {
        if got.cells.get(key) != want.get(key) {
            return Err(format!(
                "certain cell {key} = {:?}, expected {:?} (cells {:?}, uncertain {:?})",
                got.cells.get(key),
                want.get(key),
                got.cells,
                got.uncertain
            ));
        }
    }
    Ok(())
}

/// Runs one round trip inside a proptest, showing the rendered text on failure.
fn round_trip(spec: &Spec, layout: Layout, quirks: Option<u64>) -> Result<Outcome, TestCaseError> {
    let text = render(spec, layout, quirks);
    check(spec, layout, &text).map_err(|e| {
        TestCaseError::fail(format!("{layout:?}: {e}\n--- rendered text ---\n{text}---"))
    })
}

// ---------------------------------------------------------------------------------------------
// The properties.

proptest! {
    #![proptest_config(Config {
        cases: 160,
        // Failures are kept as the explicit regression tests at the end of this file.
        failure_persistence: None,
        ..Config::default()
    })]

    /// Tab rows round-trip exactly.
    #[test]
    fn tab_rows_round_trip_exactly(spec in spec(true)) {
        round_trip(&spec, Layout::TabRows, None)?;
    }

    /// Tab rows with seed 000's print quirks (`3319.5 9`, `21201 99`, a page break repeating
    /// the header) round-trip exactly.
    #[test]
    fn tab_rows_with_print_quirks_round_trip_exactly(spec in spec(true), seed in any::<u64>()) {
        round_trip(&spec, Layout::TabRows, Some(seed))?;
    }

    /// One cell per line round-trips exactly.
    #[test]
    fn cell_per_line_round_trips_exactly(spec in spec(true)) {
        round_trip(&spec, Layout::CellPerLine, None)?;
    }

    /// One cell per line with quirks (broken numbers and codes, a repeated header) round-trips
    /// exactly.
    #[test]
    fn cell_per_line_with_print_quirks_round_trips_exactly(
        spec in spec(true),
        seed in any::<u64>(),
    ) {
        round_trip(&spec, Layout::CellPerLine, Some(seed))?;
    }

    /// Space-separated rows: same rows, codes and names; every certain cell is right.
    #[test]
    fn spaced_rows_round_trip_where_certain(spec in spec(true)) {
        round_trip(&spec, Layout::Spaced, None)?;
    }

    /// Space-separated rows continued on a new page (form feed, header repeated).
    #[test]
    fn spaced_rows_over_a_page_break_round_trip_where_certain(
        spec in spec(true),
        seed in any::<u64>(),
    ) {
        round_trip(&spec, Layout::Spaced, Some(seed))?;
    }
}

/// For generic tables — positive amounts, both component columns used in the 合计 row —
/// the table's arithmetic places almost every lone amount: fewer than 5% of the rows may keep
/// any uncertainty.
#[test]
fn spaced_uncertainty_is_rare_for_generic_tables() {
    let mut runner = TestRunner::new(Config {
        cases: 300,
        failure_persistence: None,
        ..Config::default()
    });
    let generic = spec(false).prop_filter("both component columns used", |s| {
        let t = s.total_row();
        t.parts.iter().all(|p| p.is_some())
    });
    let totals = std::cell::Cell::new((0usize, 0usize, 0usize));
    runner
        .run(&generic, |spec| {
            let outcome = round_trip(&spec, Layout::Spaced, None)?;
            let (rows, uncertain, tables) = totals.get();
            totals.set((
                rows + outcome.rows,
                uncertain + outcome.uncertain_rows,
                tables + usize::from(outcome.uncertain_rows > 0),
            ));
            Ok(())
        })
        .unwrap();
    let (rows, uncertain, tables) = totals.get();
    eprintln!("spaced layout: {uncertain} of {rows} rows uncertain, in {tables} tables");
    assert!(rows > 0);
    assert!(
        uncertain * 20 < rows,
        "{uncertain} of {rows} rows uncertain (≥ 5%)"
    );
}

/// The renderers print what the corpus prints: a fixed table checked line by line against
/// putuo-govoffice-2025-dept-budget.txt lines 143–170 and seed 000's conventions.
#[test]
fn renderers_follow_the_corpus() {
    let leaf = |code: &str, name: &str, a: Option<i64>, b: Option<i64>| TruthRow {
        code: Some(code.into()),
        name: name.into(),
        parts: [a, b],
    };
    let mut rows = Vec::new();
    let mut kuan = Vec::new();
    push_parent(
        &mut kuan,
        "20103".into(),
        "政府办公厅（室）及相关机构事务",
        vec![
            leaf("2010301", "行政运行", Some(1_191_950_184), Some(11_000_000)),
            leaf("2010302", "一般行政管理事务", None, Some(4_614_000_000)),
        ],
    );
    push_parent(&mut rows, "201".into(), "一般公共服务支出", kuan);
    let spec = Spec {
        kind: Kind::Expenditure,
        rows,
    };
    let spaced = render_spaced(&spec, None);
    let lines: Vec<&str> = spaced.lines().collect();
    assert_eq!(lines[0], "2025年部门支出预算总表");
    assert_eq!(lines[1], "编制部门：上海市普陀区人民政府办公室 单位：元");
    assert_eq!(
        lines[8],
        "201 03 01 行政运行 12,029,501.84 11,919,501.84 110,000.00"
    );
    assert_eq!(
        lines[9],
        "201 03 02 一般行政管理事务 46,140,000.00 46,140,000.00"
    );
    assert_eq!(lines[10], "合计 58,169,501.84 11,919,501.84 46,250,000.00");
    let tab = render_tab_rows(&spec, None);
    assert!(tab.contains("\n序号\t功能分类科目\t\t合计\t基本支出\t项目支出\n\t科目编码\t科目名称\t\t\t\n栏次\t1\t2\t3\t4\t5\n1\t\t合计\t58169501.84\t11919501.84\t46250000.00\n"));
    assert!(tab.contains("\n5\t2010302\t一般行政管理事务\t46140000.00\t\t46140000.00\n"));
    let cells = render_cell_per_line(&spec, None);
    assert!(cells
        .contains("\n\t5\n\t2010302\n\t一般行政管理事务\n\t46140000.00\n\t\n\t46140000.00\n\n"));
}

// ---------------------------------------------------------------------------------------------
// Regressions found by the properties above (minimal cases).

/// The names of the rows of `text`'s only table.
fn row_names(text: &str) -> Vec<String> {
    let doc = extract(text);
    assert_eq!(
        doc.tables.len(),
        1,
        "{:?}",
        doc.tables.iter().map(|t| t.kind).collect::<Vec<_>>()
    );
    doc.tables[0].rows.iter().map(|r| r.name.clone()).collect()
}

/// A functional table continued on a new page: the repeated `项目 支出预算` must not become part
/// of the next row's name (putuo-finance-2025-dept-budget line 204 reads `项目支出预算卫生健康支出`).
#[test]
fn spaced_header_repeated_after_a_page_break_functional() {
    let text = "2025年部门支出预算总表\n编制部门：上海市普陀区人民政府办公室 单位：元\n项目 支出预算\n功能分类科目编码\n功能分类科目名称 合计 基本支出 项目支出\n类 款 项\n201 一般公共服务支出 0.02 0.01 0.01\n201 01 政府办公厅（室）及相关机构事务 0.02 0.01 0.01\n\u{c}\n项目 支出预算\n功能分类科目编码\n功能分类科目名称 合计 基本支出 项目支出\n类 款 项\n201 01 01 行政运行 0.02 0.01 0.01\n合计 0.02 0.01 0.01\n";
    assert_eq!(
        row_names(text),
        [
            "一般公共服务支出",
            "政府办公厅（室）及相关机构事务",
            "行政运行",
            "合计"
        ]
    );
}

/// A basic-expenditure table continued on a new page: the repeated `部门预算经济分类科目` must not
/// become part of the next row's name (putuo-finance-2025-dept-budget line 300 reads
/// `部门预算经济分类科目差旅费`).
#[test]
fn spaced_header_repeated_after_a_page_break_economic() {
    let text = "2025年部门一般公共预算基本支出部门预算经济分类预算表\n编制部门：上海市普陀区人民政府办公室 单位：元\n项目 一般公共预算基本支出\n部门预算经济分类科目\n编码\n经济分类科目名称 合计 人员经费 公用经费\n类 款\n301 工资福利支出 0.04 0.02 0.02\n301 01 基本工资 0.02 0.01 0.01\n\u{c}\n项目 一般公共预算基本支出\n部门预算经济分类科目\n编码\n经济分类科目名称 合计 人员经费 公用经费\n类 款\n301 02 津贴补贴 0.02 0.01 0.01\n合计 0.04 0.02 0.02\n";
    assert_eq!(
        row_names(text),
        ["工资福利支出", "基本工资", "津贴补贴", "合计"]
    );
}
