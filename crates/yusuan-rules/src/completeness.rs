//! Completeness (YS1xx): required tables by document kind, empty tables without their note,
//! classification depth.
//!
//! - YS101 a budget or final-accounts document that prints standard tables but not all nine;
//! - YS102 a table printed empty without the note that says why (空表列示);
//! - YS103 a table whose note says it is empty while it prints figures;
//! - YS104 a functional 类/款 with amounts and nothing listed below it (must reach 项);
//! - YS105 an economic 类 with amounts and no 款 listed below it.

use yusuan_codes::{Level, Scheme};
use yusuan_model::{
    ColumnKey, Decimal, Disclosure, DocumentKind, Finding, Location, Row, Severity, Span, Table,
    TableKind,
};

use crate::codes::{scheme_of, unread_code_below};
use crate::{support, Family, Rule, RuleInfo};

/// The rules of this family.
pub fn rules() -> Vec<&'static dyn Rule> {
    vec![
        &MissingStandardTable,
        &EmptyTableWithoutNote,
        &EmptyNoteButFigures,
        &FunctionalCodeNotToXiang,
        &EconomicCodeNotToKuan,
    ]
}

fn finding(
    info: &RuleInfo,
    doc: &Disclosure,
    message: String,
    locations: Vec<Location>,
) -> Finding {
    Finding {
        rule: info.code.to_string(),
        severity: info.severity,
        message,
        expected: None,
        actual: None,
        unit: None,
        locations,
        related: Vec::new(),
        document: doc.source.path.clone(),
    }
}

/// The tables whose rows a rule may read: readable and not printed empty.
fn with_rows(doc: &Disclosure) -> impl Iterator<Item = &Table> {
    doc.tables
        .iter()
        .filter(|t| t.unreadable.is_none() && !t.empty)
}

// ---------------------------------------------------------------------------------------------
// YS101
// ---------------------------------------------------------------------------------------------

/// YS101: 缺少公开表.
pub struct MissingStandardTable;

static MISSING_STANDARD_TABLE: RuleInfo = RuleInfo {
    code: "YS101",
    name: "missing-standard-table",
    title: "缺少公开表",
    family: Family::Completeness,
    severity: Severity::Error,
    doc: include_str!("../docs/YS101.md"),
};

/// The name of a standard table in a 决算 (final accounts) document, as the Shanghai template
/// and the Ministry's 决算 set print it.
fn final_accounts_name(kind: TableKind) -> &'static str {
    match kind {
        TableKind::IncomeExpenseSummary => "收入支出决算总表",
        TableKind::Income => "收入决算表",
        TableKind::Expenditure => "支出决算表",
        TableKind::FiscalSummary => "财政拨款收入支出决算总表",
        TableKind::GeneralPublicExpenditure => "一般公共预算财政拨款支出决算表",
        TableKind::BasicExpenditure => "一般公共预算财政拨款基本支出决算表",
        TableKind::GovernmentFundExpenditure => "政府性基金预算财政拨款收入支出决算表",
        TableKind::StateCapitalExpenditure => "国有资本经营预算财政拨款收入支出决算表",
        TableKind::ThreePublic => "财政拨款“三公”经费支出决算表",
    }
}

fn kind_words(kind: DocumentKind) -> Option<&'static str> {
    match kind {
        DocumentKind::DepartmentBudget => Some("部门预算"),
        DocumentKind::UnitBudget => Some("单位预算"),
        DocumentKind::DepartmentFinalAccounts => Some("部门决算"),
        DocumentKind::UnitFinalAccounts => Some("单位决算"),
        DocumentKind::PerformanceDeclaration | DocumentKind::Unknown => None,
    }
}

impl Rule for MissingStandardTable {
    fn info(&self) -> &'static RuleInfo {
        &MISSING_STANDARD_TABLE
    }

    fn check(&self, doc: &Disclosure, out: &mut Vec<Finding>) {
        let info = self.info();
        let Some(words) = kind_words(doc.kind) else {
            return;
        };
        let Some(first) = doc.tables.first() else {
            // Explanation-only documents (seeds 003, 004): the tables may be published in
            // another file, so this is only worth a look.
            let mut f = finding(
                info,
                doc,
                format!(
                    "本文件为{words}公开文件，但未见任何公开表；如九张公开表另行发布，请核对是否齐全。"
                ),
                vec![Location {
                    span: doc
                        .department
                        .as_ref()
                        .and_then(|d| d.span.clone())
                        .unwrap_or_else(|| Span::line(doc.source.path.clone(), None, 1)),
                    label: "全文".to_string(),
                    value: None,
                }],
            );
            f.severity = Severity::Info;
            out.push(f);
            return;
        };
        let present = TableKind::ALL
            .iter()
            .filter(|k| doc.tables.iter().any(|t| t.kind == **k))
            .count();
        for kind in TableKind::ALL {
            if doc.tables.iter().any(|t| t.kind == kind) {
                continue;
            }
            let name = if doc.kind.is_final_accounts() {
                final_accounts_name(kind)
            } else {
                kind.chinese_name()
            };
            out.push(finding(
                info,
                doc,
                format!("{words}应公开九张表，本文件缺少《{name}》（只列示了其中 {present} 张）。"),
                vec![Location {
                    span: first.span.clone(),
                    label: format!("公开表（共 {present} 张，首张《{}》）", first.title),
                    value: None,
                }],
            ));
        }
    }
}

// ---------------------------------------------------------------------------------------------
// YS102, YS103
// ---------------------------------------------------------------------------------------------

/// YS102: 空表未附说明.
pub struct EmptyTableWithoutNote;

static EMPTY_TABLE_WITHOUT_NOTE: RuleInfo = RuleInfo {
    code: "YS102",
    name: "empty-table-without-note",
    title: "空表未附说明",
    family: Family::Completeness,
    severity: Severity::Warning,
    doc: include_str!("../docs/YS102.md"),
};

impl Rule for EmptyTableWithoutNote {
    fn info(&self) -> &'static RuleInfo {
        &EMPTY_TABLE_WITHOUT_NOTE
    }

    fn check(&self, doc: &Disclosure, out: &mut Vec<Finding>) {
        for table in &doc.tables {
            if !table.empty || table.empty_note.is_some() || table.unreadable.is_some() {
                continue;
            }
            out.push(finding(
                self.info(),
                doc,
                format!(
                    "《{}》为空表，但未附说明为何无数据（应注明如“本部门无…，故本表为空表”）。",
                    table.title
                ),
                vec![support::table_location(table)],
            ));
        }
    }
}

/// YS103: 注明空表却列有数字.
pub struct EmptyNoteButFigures;

static EMPTY_NOTE_BUT_FIGURES: RuleInfo = RuleInfo {
    code: "YS103",
    name: "empty-note-but-figures",
    title: "注明空表却列有数字",
    family: Family::Completeness,
    severity: Severity::Error,
    doc: include_str!("../docs/YS103.md"),
};

/// True when a note says the table has no data (not merely that something is absent).
fn claims_empty(note: &str) -> bool {
    ["空表", "无数据", "本表无", "本表为空"]
        .iter()
        .any(|w| note.contains(w))
}

/// The first non-zero figure of a row in a column (any column when `key` is `None`).
fn nonzero<'a>(row: &'a Row, key: Option<&ColumnKey>) -> Option<(&'a ColumnKey, Decimal)> {
    row.cells
        .iter()
        .filter(|(k, _)| key.is_none_or(|key| *k == key))
        .find(|(_, v)| !v.is_zero())
        .map(|(k, v)| (k, *v))
}

/// The first non-zero figure of a table, preferring a 合计: its row, column and value.
fn first_figure(table: &Table) -> Option<(&Row, &ColumnKey, Decimal)> {
    let find = |key: Option<&ColumnKey>| {
        table
            .rows
            .iter()
            .find_map(|r| nonzero(r, key).map(|(k, v)| (r, k, v)))
    };
    find(Some(&ColumnKey::TOTAL)).or_else(|| find(None))
}

impl Rule for EmptyNoteButFigures {
    fn info(&self) -> &'static RuleInfo {
        &EMPTY_NOTE_BUT_FIGURES
    }

    fn check(&self, doc: &Disclosure, out: &mut Vec<Finding>) {
        for table in &doc.tables {
            if table.empty || table.unreadable.is_some() {
                continue;
            }
            let Some(note) = table.empty_note.as_deref().filter(|n| claims_empty(n)) else {
                continue;
            };
            let Some((row, key, value)) = first_figure(table) else {
                continue;
            };
            let unit = table.unit.map(|u| u.chinese()).unwrap_or("");
            let figure = support::cell_location(table, row, key);
            let mut f = finding(
                self.info(),
                doc,
                format!(
                    "《{}》注明“{}”，表中却列有数字（{} {value} {unit}）。",
                    table.title,
                    note.trim(),
                    if *key == ColumnKey::TOTAL {
                        "合计".to_string()
                    } else {
                        support::column_label(table, key)
                    }
                ),
                vec![figure, support::table_location(table)],
            );
            f.actual = Some(value);
            f.unit = table.unit;
            out.push(f);
        }
    }
}

// ---------------------------------------------------------------------------------------------
// YS104, YS105
// ---------------------------------------------------------------------------------------------

/// YS104: 功能分类未细化到项.
pub struct FunctionalCodeNotToXiang;

static FUNCTIONAL_CODE_NOT_TO_XIANG: RuleInfo = RuleInfo {
    code: "YS104",
    name: "functional-code-not-to-xiang",
    title: "功能分类科目未细化到项",
    family: Family::Completeness,
    severity: Severity::Warning,
    doc: include_str!("../docs/YS104.md"),
};

/// YS105: 经济分类未细化到款.
pub struct EconomicCodeNotToKuan;

static ECONOMIC_CODE_NOT_TO_KUAN: RuleInfo = RuleInfo {
    code: "YS105",
    name: "economic-code-not-to-kuan",
    title: "经济分类科目未细化到款",
    family: Family::Completeness,
    severity: Severity::Warning,
    doc: include_str!("../docs/YS105.md"),
};

/// The first certain non-zero figure of a row, preferring its total: `None` when the row has no
/// amount (or only amounts whose column is uncertain).
fn row_amount(row: &Row) -> Option<(ColumnKey, Decimal)> {
    let certain = |k: &ColumnKey| row.certain(k).filter(|v| !v.is_zero());
    if let Some(v) = certain(&ColumnKey::TOTAL) {
        return Some((ColumnKey::TOTAL, v));
    }
    row.cells
        .keys()
        .find_map(|k| certain(k).map(|v| (k.clone(), v)))
}

/// Rows of `table` at one of `levels` that carry amounts but have nothing listed below them.
/// A table whose coded rows are all 类 lists 类 by design and is not judged.
fn leaves_too_high<'a>(
    table: &'a Table,
    scheme: Scheme,
    levels: &[Level],
) -> Vec<(&'a Row, ColumnKey, Decimal)> {
    let coded: Vec<(usize, &Row, Level)> = table
        .rows
        .iter()
        .enumerate()
        .filter(|(_, r)| !r.is_total)
        .filter_map(|(i, r)| {
            let code = r.code.as_deref()?;
            let lvl = yusuan_codes::level(code)?;
            scheme.levels().contains(&lvl).then_some((i, r, lvl))
        })
        .collect();
    if coded.iter().all(|(_, _, l)| *l == Level::Lei) {
        return Vec::new();
    }
    let mut out = Vec::new();
    for &(i, row, lvl) in &coded {
        if !levels.contains(&lvl) {
            continue;
        }
        let code = row.code.as_deref().unwrap_or_default();
        let has_child = coded.iter().any(|(_, r, _)| {
            r.code
                .as_deref()
                .is_some_and(|c| c.len() > code.len() && c.starts_with(code))
        });
        if has_child || unread_code_below(table, i) {
            continue;
        }
        if let Some((key, value)) = row_amount(row) {
            out.push((row, key, value));
        }
    }
    out
}

fn depth_finding(
    info: &RuleInfo,
    doc: &Disclosure,
    table: &Table,
    row: &Row,
    key: &ColumnKey,
    value: Decimal,
    missing: &str,
) -> Finding {
    let code = row.code.as_deref().unwrap_or_default();
    let unit = table.unit.map(|u| u.chinese()).unwrap_or("");
    let mut f = finding(
        info,
        doc,
        format!(
            "《{}》{code} {} 列有金额 {value} {unit}，其下却未列示{missing}科目。",
            table.title,
            row.name.trim()
        ),
        vec![support::cell_location(table, row, key)],
    );
    f.actual = Some(value);
    f.unit = table.unit;
    f
}

impl Rule for FunctionalCodeNotToXiang {
    fn info(&self) -> &'static RuleInfo {
        &FUNCTIONAL_CODE_NOT_TO_XIANG
    }

    fn check(&self, doc: &Disclosure, out: &mut Vec<Finding>) {
        for table in with_rows(doc).filter(|t| scheme_of(t.kind) == Some(Scheme::Functional)) {
            for (row, key, value) in
                leaves_too_high(table, Scheme::Functional, &[Level::Lei, Level::Kuan])
            {
                let missing = match row.code.as_deref().and_then(yusuan_codes::level) {
                    Some(Level::Lei) => "款、项级",
                    _ => "项级",
                };
                out.push(depth_finding(
                    self.info(),
                    doc,
                    table,
                    row,
                    &key,
                    value,
                    missing,
                ));
            }
        }
    }
}

impl Rule for EconomicCodeNotToKuan {
    fn info(&self) -> &'static RuleInfo {
        &ECONOMIC_CODE_NOT_TO_KUAN
    }

    fn check(&self, doc: &Disclosure, out: &mut Vec<Finding>) {
        for table in with_rows(doc).filter(|t| scheme_of(t.kind) == Some(Scheme::Economic)) {
            for (row, key, value) in leaves_too_high(table, Scheme::Economic, &[Level::Lei]) {
                out.push(depth_finding(
                    self.info(),
                    doc,
                    table,
                    row,
                    &key,
                    value,
                    "款级",
                ));
            }
        }
    }
}
