//! What the rules of this family share.

use yusuan_model::{ColumnKey, Disclosure, Finding, Row, Table, TableKind};

use crate::arithmetic::{column_name, compare, figure, mismatch_finding, parts_name, row_name, strip_enumeration, Figure, Mismatch};
use crate::{support, RuleInfo};

/// The first readable table of a kind.
pub(crate) fn first(doc: &Disclosure, kind: TableKind) -> Option<&Table> {
    support::tables(doc, kind).next()
}

/// The 类 (functional classification, 3 digits) and the names they have been printed with.
pub(crate) const CATEGORIES: &[(&str, &[&str])] = &[
    ("201", &["一般公共服务支出"]),
    ("202", &["外交支出"]),
    ("203", &["国防支出"]),
    ("204", &["公共安全支出"]),
    ("205", &["教育支出"]),
    ("206", &["科学技术支出"]),
    ("207", &["文化旅游体育与传媒支出", "文化体育与传媒支出"]),
    ("208", &["社会保障和就业支出"]),
    ("209", &["社会保险基金支出"]),
    (
        "210",
        &["卫生健康支出", "医疗卫生与计划生育支出", "医疗卫生支出"],
    ),
    ("211", &["节能环保支出"]),
    ("212", &["城乡社区支出", "城乡社区事务支出"]),
    ("213", &["农林水支出", "农林水事务支出"]),
    ("214", &["交通运输支出"]),
    (
        "215",
        &[
            "资源勘探工业信息等支出",
            "资源勘探信息等支出",
            "资源勘探电力信息等支出",
        ],
    ),
    ("216", &["商业服务业等支出"]),
    ("217", &["金融支出", "金融监管等事务支出"]),
    ("219", &["援助其他地区支出"]),
    (
        "220",
        &[
            "自然资源海洋气象等支出",
            "国土海洋气象等支出",
            "国土资源气象等支出",
        ],
    ),
    ("221", &["住房保障支出"]),
    ("222", &["粮油物资储备支出", "粮油物资储备管理事务"]),
    ("223", &["国有资本经营预算支出"]),
    ("224", &["灾害防治及应急管理支出"]),
    ("227", &["预备费"]),
    ("229", &["其他支出"]),
    ("230", &["转移性支出"]),
    ("231", &["债务还本支出"]),
    ("232", &["债务付息支出"]),
    ("233", &["债务发行费用支出"]),
    ("234", &["抗疫特别国债安排的支出"]),
];

pub(crate) fn squeeze(s: &str) -> String {
    s.chars().filter(|c| !c.is_whitespace()).collect()
}

/// The 类 row of a coded table that a summary line (`十二、城乡社区支出`) stands for: by name, or
/// by the code the name has (had) in the classification.
pub(crate) fn category_row<'a>(table: &'a Table, line_name: &str) -> Option<&'a Row> {
    let name = strip_enumeration(line_name);
    if name.is_empty() {
        return None;
    }
    let categories = || {
        table
            .rows
            .iter()
            .filter(|r| r.code.as_deref().is_some_and(|c| c.len() == 3))
    };
    categories().find(|r| squeeze(&r.name) == name).or_else(|| {
        let code = CATEGORIES
            .iter()
            .find(|(_, names)| names.contains(&name.as_str()))?
            .0;
        categories().find(|r| r.code.as_deref() == Some(code))
    })
}

/// A finding comparing a figure of one table with figures of another.
#[allow(clippy::too_many_arguments)]
pub(crate) fn cross_finding(
    info: &'static RuleInfo,
    doc: &Disclosure,
    printed_table: &Table,
    printed: &Figure,
    parts_table: &Table,
    parts: &[Figure],
    m: &Mismatch,
) -> Finding {
    let subject = format!("《{}》{}", printed_table.title, printed.name);
    let what = format!("《{}》{}", parts_table.title, parts_name(parts, "各项"));
    mismatch_finding(info, doc, &subject, printed, &what, parts, m)
}

/// Compares and reports in one step.
#[allow(clippy::too_many_arguments)]
pub(crate) fn check_pair(
    info: &'static RuleInfo,
    doc: &Disclosure,
    printed_table: &Table,
    printed: Option<Figure>,
    parts_table: &Table,
    parts: Option<Vec<Figure>>,
    out: &mut Vec<Finding>,
) {
    let (Some(printed), Some(parts)) = (printed, parts) else {
        return;
    };
    if let Some(m) = compare(&printed, &parts) {
        out.push(cross_finding(
            info,
            doc,
            printed_table,
            &printed,
            parts_table,
            &parts,
            &m,
        ));
    }
}

/// A row's figure named `合计行 财政拨款收入` / `212 城乡社区支出 合计`.
pub(crate) fn named_figure(table: &Table, row: &Row, key: &ColumnKey) -> Option<Figure> {
    let name = format!("{} {}", row_name(row), column_name(table, key));
    figure(table, row, key, name)
}

/// Zero for a table printed empty (空表), located at its title.
pub(crate) fn empty_table_zero(table: &Table) -> Figure {
    Figure {
        value: rust_decimal::Decimal::ZERO,
        printed: false,
        unit: table.unit,
        precision: crate::arithmetic::table_precision(table),
        name: "（空表）".to_string(),
        location: support::table_location(table),
    }
}
