//! Each normalisation rule, on real corpus lines where one exists (the quoted raw text is
//! checked against the file, so the quote cannot drift from the corpus).

mod common;

use common::*;
use yusuan_read::normalize_line;

/// Line `n` of `file` is exactly `raw`, and normalises to exactly `want`.
fn check(file: &str, n: usize, raw: &str, want: &str) {
    assert_eq!(raw_line(file, n), raw, "{file}:{n} is not the quoted line");
    assert_eq!(normalize_line(raw), want, "{file}:{n}");
}

/// Line `n` of `file` starts with `raw_prefix`, and its normalised form starts with `want_prefix`.
fn check_prefix(file: &str, n: usize, raw_prefix: &str, want_prefix: &str) {
    let raw = raw_line(file, n);
    assert!(
        raw.starts_with(raw_prefix),
        "{file}:{n} does not start with the quote"
    );
    let got = normalize_line(&raw);
    assert!(
        got.starts_with(want_prefix),
        "{file}:{n}: {got:?} does not start with {want_prefix:?}"
    );
}

// --- full-width forms and spaces -------------------------------------------------------------

#[test]
fn ideographic_spaces_become_ascii_spaces_and_tabs_stay() {
    check(
        SEED_004,
        2806,
        "\t\u{3000}\u{3000}\u{3000}\u{3000}\u{3000}\u{3000}\u{3000}\u{3000}资产总额",
        "\t        资产总额",
    );
    check(
        SEED_004,
        2814,
        "\t\u{3000}\u{3000}其中：办公用房（平方米）",
        "\t  其中：办公用房（平方米）",
    );
    assert_eq!(normalize_line("合计\u{A0}100"), "合计 100");
}

#[test]
fn fullwidth_dot_in_list_numbers() {
    let sh = shanghai_text("putuo-commerce-2025-dept-budget");
    // Items 1-3 of this list are written `1. 2025年…`; items 4-9 with a full-width dot.
    check(
        &sh,
        10,
        "1. 2025年部门财务收支预算总表",
        "1. 2025年部门财务收支预算总表",
    );
    check(
        &sh,
        13,
        "4．2025年部门财政拨款收支预算总表",
        "4. 2025年部门财政拨款收支预算总表",
    );
    let mf = shanghai_text("shanghai-municipal-finance-bureau-2025-unit-budget");
    check(
        &mf,
        14,
        "5． 2025年预算单位一般公共预算支出功能分类预算表",
        "5. 2025年预算单位一般公共预算支出功能分类预算表",
    );
}

#[test]
fn fullwidth_digits_letters_and_operators() {
    assert_eq!(normalize_line("１２３４５．６７万元"), "12345.67万元");
    assert_eq!(normalize_line("ＡＢＣ ｘｙｚ"), "ABC xyz");
    assert_eq!(normalize_line("％＋－＜＞＝／"), "%+-<>=/");
    assert_eq!(normalize_line("增长３．５％"), "增长3.5%");
}

#[test]
fn fullwidth_comma_only_between_digits() {
    assert_eq!(normalize_line("合计1，234，567.00元"), "合计1,234,567.00元");
    assert_eq!(normalize_line("１，０００"), "1,000");
    // Chinese punctuation is kept elsewhere.
    check_prefix(
        SEED_001,
        10,
        "年度履职目标\t紧紧围绕郑州国家中心城市建设，坚持“房住不炒”理念，",
        "年度履职目标\t紧紧围绕郑州国家中心城市建设，坚持“房住不炒”理念，",
    );
    assert_eq!(normalize_line("（一）基本支出：2，"), "（一）基本支出：2，");
    assert_eq!(normalize_line("第1，二"), "第1，二");
}

// --- LaTeX -----------------------------------------------------------------------------------

#[test]
fn latex_math_spans() {
    check(
        SEED_003,
        282,
        r"法律法规教育普及率 $\geq 90\%$",
        "法律法规教育普及率 ≥90%",
    );
    check(
        SEED_001,
        313,
        "\t预算和财务管理\t预算调整率\t$\\leq 0$\t%",
        "\t预算和财务管理\t预算调整率\t≤0\t%",
    );
    check(
        SEED_001,
        327,
        "产出指标\t履职目标和主要任务完成情况\t档案维护卷数\t$\\geq 454$\t万卷",
        "产出指标\t履职目标和主要任务完成情况\t档案维护卷数\t≥454\t万卷",
    );
    check(
        SEED_000,
        1037,
        "\t成本指标\t预算控制数\t外聘人员工资标准 $5 \\times 4000 \\times 12$\t=24 万元\t依据单位职能及年度重点工作任务, 参照上年工作开展",
        "\t成本指标\t预算控制数\t外聘人员工资标准 5×4000×12\t=24 万元\t依据单位职能及年度重点工作任务, 参照上年工作开展",
    );
}

#[test]
fn latex_commands() {
    assert_eq!(normalize_line(r"$\leq 5$"), "≤5");
    assert_eq!(normalize_line(r"满意度\ge 90\%"), "满意度≥ 90%");
    assert_eq!(normalize_line(r"$\le 3$"), "≤3");
    assert_eq!(normalize_line(r"$\neq 0$"), "≠0");
    assert_eq!(normalize_line(r"$3 \sim 5$"), "3~5");
    assert_eq!(normalize_line(r"$2 \cdot 3$"), "2·3");
    assert_eq!(normalize_line(r"$100 \text{万元}$"), "100万元");
    assert_eq!(normalize_line(r"$5 \mathrm{kg}$"), "5kg");
    assert_eq!(normalize_line(r"单位\text{万元}"), "单位万元");
    assert_eq!(normalize_line(r"$\geqslant 80\%$"), "≥80%");
}

#[test]
fn lone_dollar_is_not_math() {
    assert_eq!(normalize_line("US$5 and $6"), "US$5 and $6");
    assert_eq!(normalize_line("价格$ 5"), "价格$ 5");
    assert_eq!(normalize_line("$100 to $200"), "$100 to $200");
    assert_eq!(normalize_line("$"), "$");
}

// --- HTML ------------------------------------------------------------------------------------

#[test]
fn html_tags_removed() {
    check_prefix(
        SEED_000,
        684,
        "绩效目标\t<p>1.实现办公的自动化。",
        "绩效目标\t1.实现办公的自动化。",
    );
    check_prefix(
        SEED_000,
        749,
        "绩效目标\t<p>1.实现国家档案局令第13号《机关档案管理规定》第十八条：档案库房应当根据需要配备符合国家规定的密闭五节柜、密集架等档案装具。</p> <p>2.",
        "绩效目标\t1.实现国家档案局令第13号《机关档案管理规定》第十八条：档案库房应当根据需要配备符合国家规定的密闭五节柜、密集架等档案装具。 2.",
    );
    check_prefix(
        SEED_000,
        1068,
        "绩效目标\t<ol style=\"list-style-type: none\"> 1. 促进主城区住房保障工作开展",
        "绩效目标\t 1. 促进主城区住房保障工作开展",
    );
    check(
        SEED_001,
        393,
        "<b>市级部门（单位）整体绩效目标申报表</b> <b>(2021年度)</b>\t\t\t\t",
        "市级部门（单位）整体绩效目标申报表 (2021年度)\t\t\t\t",
    );
    assert_eq!(normalize_line("a<br/>b<br>c</td><li>d"), "abcd");
}

#[test]
fn html_superscript_units() {
    check(
        SEED_001,
        445,
        "\t1、全面完成年度业务指标任务。\t1. 完成商品房预售审批160万m <sup>2</sup> ； 2. 楼盘表确认180万m <sup>2</sup> 。\t\t",
        "\t1、全面完成年度业务指标任务。\t1. 完成商品房预售审批160万m ² ； 2. 楼盘表确认180万m ² 。\t\t",
    );
}

#[test]
fn comparators_are_not_tags() {
    assert_eq!(normalize_line("故障率<5%"), "故障率<5%");
    assert_eq!(normalize_line("指标值<=3"), "指标值<=3");
    assert_eq!(normalize_line("1<x 且 y>2"), "1<x 且 y>2");
    assert_eq!(normalize_line("＜５％"), "<5%");
}

#[test]
fn html_entities_decoded() {
    assert_eq!(normalize_line("A&amp;B&nbsp;C"), "A&B C");
    assert_eq!(normalize_line("&lt;5%&gt;"), "<5%>");
    assert_eq!(normalize_line("&quot;三公&quot;"), "\"三公\"");
    assert_eq!(normalize_line("&#8805;90&#37;"), "≥90%");
    assert_eq!(normalize_line("&lt;p&gt;正文"), "正文");
    assert_eq!(normalize_line("AT&T"), "AT&T");
}

// --- Word field codes ------------------------------------------------------------------------

#[test]
fn word_field_codes_removed() {
    check(
        SEED_002,
        3,
        "一、总体绩效目标 TC 总体绩效目标 \\f A \\l 1 ",
        "一、总体绩效目标",
    );
    check(
        SEED_002,
        202,
        "1.大龙道改造老旧小区款绩效目标表 TC 1、大龙道改造老旧小区款绩效目标表 \\f C \\l 1 ",
        "1.大龙道改造老旧小区款绩效目标表",
    );
    assert_eq!(normalize_line(r#"标题 TC "标题" \l 2"#), "标题");
    assert_eq!(
        normalize_line(r"一、部门职责 PAGEREF _Toc96112345 \h 3"),
        "一、部门职责3"
    );
    assert_eq!(normalize_line(r#"TOC \o "1-3" \h \z \u 目录"#), "目录");
    // "TC" in ordinary text without switches is kept.
    assert_eq!(normalize_line("ETC 收费 TC 系统"), "ETC 收费 TC 系统");
}

// --- scanner watermarks ----------------------------------------------------------------------

#[test]
fn scanner_watermarks_blanked() {
    check(SEED_001, 94, "扫描全能王 创建", "");
    assert_eq!(normalize_line("扫 描 全 能 王 创 建"), "");
    assert_eq!(normalize_line("扫描全能王创建"), "");
    assert_eq!(normalize_line("CS 扫描全能王"), "");
    assert_eq!(normalize_line("\t扫描全能王 创建 "), "");
    assert_eq!(normalize_line("扫黑除恶专项经费"), "扫黑除恶专项经费");
}

// --- markdown debris -------------------------------------------------------------------------

#[test]
fn markdown_bold_removed() {
    check_prefix(
        SEED_000,
        446,
        "反映本部门当年全部收入。2022年预算收入**86991.86**万元，其中：一般公共预算收入**53440.88**万元",
        "反映本部门当年全部收入。2022年预算收入86991.86万元，其中：一般公共预算收入53440.88万元",
    );
    check(
        SEED_000,
        1193,
        "- 1、**一般公共预算拨款收入**：指市级财政当年拨付的资金。",
        "- 1、一般公共预算拨款收入：指市级财政当年拨付的资金。",
    );
}

#[test]
fn markdown_separator_rows_blanked() {
    check(SEED_000, 584, "------\t--\t--\t--\t--\t--", "");
    check(SEED_000, 1069, "------\t---", "");
    assert_eq!(normalize_line("|---|:---:|"), "");
    // A dash as a cell value ("none") is not a separator row.
    assert_eq!(normalize_line("\t-"), "\t-");
    assert_eq!(normalize_line("-\t-\t-"), "-\t-\t-");
}

#[test]
fn markdown_headings_unmarked() {
    check(
        SEED_001,
        5,
        "# 市级部门（单位）整体绩效目标申报表",
        "市级部门（单位）整体绩效目标申报表",
    );
    check(SEED_001, 171, "## 附件3：", "附件3：");
    assert_eq!(normalize_line("#1号楼"), "#1号楼");
}

// --- white space -----------------------------------------------------------------------------

#[test]
fn trailing_spaces_trimmed_tabs_kept() {
    check(
        SEED_004,
        135,
        "我单位实施了如下保障措施：     ",
        "我单位实施了如下保障措施：",
    );
    check(
        SEED_004,
        1257,
        "\t工程完工后县城形象提升程度 ",
        "\t工程完工后县城形象提升程度",
    );
    check(SEED_002, 219, "\t", "\t");
    assert_eq!(normalize_line("a \t"), "a \t");
}

#[test]
fn split_numbers_are_not_repaired() {
    check(
        SEED_000,
        123,
        "17\t21208 11\t公共租赁住房支出\t32000.0 0\t32000. 00\t32000.0 0\t\t\t\t\t\t\t",
        "17\t21208 11\t公共租赁住房支出\t32000.0 0\t32000. 00\t32000.0 0\t\t\t\t\t\t\t",
    );
}

#[test]
fn control_characters_removed() {
    assert_eq!(normalize_line("a\rb\x0cc\u{FEFF}d\x00"), "abcd");
}

#[test]
fn clean_lines_are_borrowed() {
    use std::borrow::Cow;
    let line = "1\t一般公共服务支出\t1,234.56\t\t";
    assert!(matches!(
        yusuan_read::normalize_line_cow(line),
        Cow::Borrowed(_)
    ));
}
