//! The findings table: every column an export of findings has, declared once (its name, its
//! Chinese heading, its width in a workbook and how its value is taken from a finding), and the
//! one CSV writer and the one XLSX writer of it.
//!
//! Each export chooses its columns ([`CHECK`] for `yusuan check --format csv`, [`LIBRARY`] for
//! `yusuan export`, [`DOCUMENT`] for the web app's per-document export) and its words: [`Words::Codes`]
//! gives the column names and the JSON model's spellings (`error`, `wan_yuan`, `dismissed`),
//! [`Words::Chinese`] the Chinese headings and words (错误, 万元, 已驳回). Amounts are always exact
//! text, never binary floating point.

use std::io::Write;

use rust_xlsxwriter::{Format, FormatAlign, FormatBorder, Workbook, Worksheet, XlsxError};
use yusuan_model::{Finding, MoneyUnit, Severity};

/// The byte-order mark a CSV export starts with: without it Excel reads a CSV file in the legacy
/// code page and garbles Chinese.
pub const BOM: &str = "\u{feff}";

/// The document a finding belongs to, as the library stores it.
#[derive(Debug, Clone, Copy)]
pub struct DocumentInfo<'a> {
    pub id: i64,
    /// 部门 / 单位 name as printed.
    pub department: Option<&'a str>,
    pub year: Option<i32>,
    /// `department_budget`, … (the model's `DocumentKind` spelling).
    pub kind: &'a str,
}

/// A reviewer's decision on a finding.
#[derive(Debug, Clone, Copy)]
pub struct ReviewInfo<'a> {
    /// `open`, `confirmed`, `dismissed`.
    pub status: &'a str,
    /// 待审, 已确认, 已驳回.
    pub status_chinese: &'a str,
    /// 审核意见.
    pub comment: &'a str,
}

/// One line of the table: a finding and what the library knows about it.
#[derive(Debug, Clone, Copy)]
pub struct Record<'a> {
    pub finding: &'a Finding,
    pub document: Option<DocumentInfo<'a>>,
    /// The stored finding's id.
    pub id: Option<i64>,
    pub review: Option<ReviewInfo<'a>>,
}

impl<'a> Record<'a> {
    /// A finding on its own (`yusuan check`).
    pub fn of(finding: &'a Finding) -> Self {
        Record {
            finding,
            document: None,
            id: None,
            review: None,
        }
    }
}

/// The words of the table.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Words {
    /// Column names and the JSON model's spellings, for tools.
    Codes,
    /// Chinese headings and words, for people.
    Chinese,
}

/// A column of the findings table.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Column {
    /// 序号: the line's number in the table, from 1.
    Number,
    /// The document's path, as the finding names it.
    Document,
    /// The stored document's id.
    DocumentId,
    Department,
    Year,
    DocumentKind,
    /// The stored finding's id.
    FindingId,
    Severity,
    Rule,
    /// The rule's title in the catalogue.
    RuleTitle,
    Message,
    /// Page, line and label of the first location, in words.
    Location,
    /// Line of the first location.
    Line,
    /// Column of the first location.
    Column,
    Expected,
    Actual,
    /// `actual − expected`.
    Difference,
    Unit,
    /// The review's status (open when not reviewed).
    Review,
    ReviewComment,
}

/// `yusuan check --format csv`.
pub const CHECK: &[Column] = &[
    Column::Document,
    Column::Rule,
    Column::Severity,
    Column::Line,
    Column::Column,
    Column::Message,
    Column::Expected,
    Column::Actual,
    Column::Difference,
    Column::Unit,
];

/// `yusuan export` (the library's `findings.csv` and the 问题 sheet).
pub const LIBRARY: &[Column] = &[
    Column::DocumentId,
    Column::Department,
    Column::Year,
    Column::DocumentKind,
    Column::FindingId,
    Column::Rule,
    Column::RuleTitle,
    Column::Severity,
    Column::Line,
    Column::Message,
    Column::Expected,
    Column::Actual,
    Column::Difference,
    Column::Unit,
    Column::Review,
    Column::ReviewComment,
];

/// One document's findings in the web app (CSV, XLSX, the print page and its PDF).
pub const DOCUMENT: &[Column] = &[
    Column::Number,
    Column::Severity,
    Column::Rule,
    Column::RuleTitle,
    Column::Message,
    Column::Location,
    Column::Expected,
    Column::Actual,
    Column::Difference,
    Column::Unit,
    Column::Review,
    Column::ReviewComment,
];

/// A cell of the table.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum Value {
    Empty,
    /// A count or an id (a number in a workbook).
    Integer(i64),
    Text(String),
}

impl Value {
    /// The cell as CSV or HTML text.
    pub fn text(&self) -> String {
        match self {
            Value::Empty => String::new(),
            Value::Integer(i) => i.to_string(),
            Value::Text(t) => t.clone(),
        }
    }
}

/// 错误, 警告, 提示.
pub fn severity_chinese(s: Severity) -> &'static str {
    match s {
        Severity::Error => "错误",
        Severity::Warning => "警告",
        Severity::Info => "提示",
    }
}

fn unit_code(u: MoneyUnit) -> String {
    serde_json::to_value(u)
        .ok()
        .and_then(|v| v.as_str().map(str::to_owned))
        .unwrap_or_default()
}

fn text(s: impl Into<String>) -> Value {
    Value::Text(s.into())
}

fn optional(v: Option<Value>) -> Value {
    v.unwrap_or(Value::Empty)
}

impl Column {
    /// The column's name in [`Words::Codes`].
    pub const fn name(self) -> &'static str {
        match self {
            Column::Number => "number",
            Column::Document => "document",
            Column::DocumentId => "document_id",
            Column::Department => "department",
            Column::Year => "year",
            Column::DocumentKind => "document_kind",
            Column::FindingId => "finding_id",
            Column::Severity => "severity",
            Column::Rule => "rule",
            Column::RuleTitle => "rule_title",
            Column::Message => "message",
            Column::Location => "location",
            Column::Line => "line",
            Column::Column => "column",
            Column::Expected => "expected",
            Column::Actual => "actual",
            Column::Difference => "difference",
            Column::Unit => "unit",
            Column::Review => "review",
            Column::ReviewComment => "review_comment",
        }
    }

    /// The column's heading in [`Words::Chinese`].
    pub fn chinese(self) -> &'static str {
        match self {
            Column::Number => "序号",
            Column::Document => "文件",
            Column::DocumentId => "文档",
            Column::Department => "部门",
            Column::Year => "年度",
            Column::DocumentKind => "文档类型",
            Column::FindingId => "发现编号",
            Column::Severity => "严重程度",
            Column::Rule => "规则",
            Column::RuleTitle => "规则名称",
            Column::Message => "说明",
            Column::Location => "位置",
            Column::Line => "行",
            Column::Column => "列",
            Column::Expected => "期望值",
            Column::Actual => "实际值",
            Column::Difference => "差额",
            Column::Unit => "单位",
            Column::Review => "审核状态",
            Column::ReviewComment => "审核意见",
        }
    }

    /// The heading in the given words.
    pub fn heading(self, words: Words) -> &'static str {
        match words {
            Words::Codes => self.name(),
            Words::Chinese => self.chinese(),
        }
    }

    /// Width in a workbook, in Excel character units.
    pub fn width(self) -> f64 {
        match self {
            Column::Number | Column::DocumentId | Column::Line | Column::Column | Column::Unit => {
                6.0
            }
            Column::Year => 7.0,
            Column::FindingId | Column::Severity | Column::Rule => 8.0,
            Column::DocumentKind | Column::Review => 10.0,
            Column::Expected | Column::Actual | Column::Difference => 14.0,
            Column::RuleTitle => 22.0,
            Column::Document | Column::Department | Column::Location | Column::ReviewComment => {
                30.0
            }
            Column::Message => 60.0,
        }
    }

    /// Whether the column holds amounts (right-aligned when printed).
    pub fn is_amount(self) -> bool {
        matches!(self, Column::Expected | Column::Actual | Column::Difference)
    }

    /// Whether the column holds sentences (wrapped in a workbook).
    fn wraps(self) -> bool {
        matches!(
            self,
            Column::Message | Column::Location | Column::RuleTitle | Column::ReviewComment
        )
    }

    /// The column's value for the `number`-th record (from 1).
    pub fn value(self, number: usize, r: &Record, words: Words) -> Value {
        let f = r.finding;
        let first = f.locations.first();
        let amount = |v: Option<yusuan_model::Decimal>| optional(v.map(|v| text(v.to_string())));
        let chinese = words == Words::Chinese;
        match self {
            Column::Number => Value::Integer(number as i64),
            Column::Document => text(f.document.clone()),
            Column::DocumentId => optional(r.document.map(|d| Value::Integer(d.id))),
            Column::Department => optional(r.document.and_then(|d| d.department).map(text)),
            Column::Year => optional(
                r.document
                    .and_then(|d| d.year)
                    .map(|y| y.into())
                    .map(Value::Integer),
            ),
            Column::DocumentKind => optional(r.document.map(|d| text(d.kind))),
            Column::FindingId => optional(r.id.map(Value::Integer)),
            Column::Severity if chinese => text(severity_chinese(f.severity)),
            Column::Severity => text(f.severity.as_str()),
            Column::Rule => text(f.rule.clone()),
            Column::RuleTitle => {
                optional(yusuan_rules::find(&f.rule).map(|rule| text(rule.info().title)))
            }
            Column::Message => text(f.message.clone()),
            Column::Location => optional(first.map(|l| {
                let page = l.span.page;
                text(if chinese {
                    let page = page.map(|p| format!("第{p}页 ")).unwrap_or_default();
                    format!("{page}第{}行 {}", l.span.line, l.label)
                } else {
                    let page = page.map(|p| format!("page {p} ")).unwrap_or_default();
                    format!("{page}line {} {}", l.span.line, l.label)
                })
            })),
            Column::Line => optional(first.map(|l| Value::Integer(l.span.line.into()))),
            Column::Column => optional(
                first
                    .and_then(|l| l.span.column)
                    .map(|c| Value::Integer(c.into())),
            ),
            Column::Expected => amount(f.expected),
            Column::Actual => amount(f.actual),
            Column::Difference => amount(f.difference()),
            Column::Unit if chinese => optional(f.unit.map(|u| text(u.chinese()))),
            Column::Unit => optional(f.unit.map(|u| text(unit_code(u)))),
            Column::Review => optional(
                r.review
                    .map(|v| text(if chinese { v.status_chinese } else { v.status })),
            ),
            Column::ReviewComment => optional(r.review.map(|v| text(v.comment))),
        }
    }
}

/// The records as CSV lines (CRLF), BOM and header first.
pub fn write_csv(
    out: impl Write,
    columns: &[Column],
    words: Words,
    records: &[Record],
) -> Result<(), csv::Error> {
    let mut out = out;
    out.write_all(BOM.as_bytes())?;
    let mut w = csv::WriterBuilder::new()
        .terminator(csv::Terminator::CRLF)
        .from_writer(out);
    w.write_record(columns.iter().map(|c| c.heading(words)))?;
    for (i, r) in records.iter().enumerate() {
        w.write_record(columns.iter().map(|c| c.value(i + 1, r, words).text()))?;
    }
    w.flush()?;
    Ok(())
}

/// The records as CSV bytes, BOM and header first.
pub fn csv(columns: &[Column], words: Words, records: &[Record]) -> Vec<u8> {
    let mut out = Vec::new();
    // Writing into a Vec cannot fail.
    let _ = write_csv(&mut out, columns, words, records);
    out
}

/// Writes the records into a worksheet: an optional title line (then a blank line), the bold
/// header (frozen, with a filter), one line per record; amounts as exact text, counts and ids as
/// numbers.
pub fn write_sheet(
    ws: &mut Worksheet,
    title: Option<&str>,
    columns: &[Column],
    words: Words,
    records: &[Record],
) -> Result<(), XlsxError> {
    let header = Format::new()
        .set_bold()
        .set_background_color("#DDEBF7")
        .set_border_bottom(FormatBorder::Thin)
        .set_text_wrap()
        .set_align(FormatAlign::Center)
        .set_align(FormatAlign::VerticalCenter);
    let wrap = Format::new().set_text_wrap().set_align(FormatAlign::Top);
    let top = Format::new().set_align(FormatAlign::Top);
    let mut row = 0u32;
    if let Some(title) = title {
        ws.write_string_with_format(0, 0, title, &Format::new().set_bold().set_font_size(14))?;
        row = 2;
    }
    let header_row = row;
    for (c, col) in columns.iter().enumerate() {
        ws.write_string_with_format(row, c as u16, col.heading(words), &header)?;
        ws.set_column_width(c as u16, col.width())?;
    }
    for (i, r) in records.iter().enumerate() {
        row += 1;
        for (c, col) in columns.iter().enumerate() {
            let format = if col.wraps() { &wrap } else { &top };
            match col.value(i + 1, r, words) {
                Value::Empty => {}
                Value::Integer(n) => {
                    ws.write_number_with_format(row, c as u16, n as f64, format)?;
                }
                Value::Text(t) => {
                    ws.write_string_with_format(row, c as u16, &t, format)?;
                }
            }
        }
    }
    ws.set_freeze_panes(header_row + 1, 0)?;
    let last = (columns.len() as u16).saturating_sub(1);
    ws.autofilter(header_row, 0, row.max(header_row + 1), last)?;
    Ok(())
}

/// A workbook of one sheet named `sheet` holding the records.
pub fn xlsx(
    sheet: &str,
    title: Option<&str>,
    columns: &[Column],
    words: Words,
    records: &[Record],
) -> Result<Vec<u8>, XlsxError> {
    let mut wb = Workbook::new();
    let ws = wb.add_worksheet();
    ws.set_name(sheet)?;
    write_sheet(ws, title, columns, words, records)?;
    wb.save_to_buffer()
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::findings::fixture::*;

    #[test]
    fn every_column_has_a_name_and_a_heading_of_its_own() {
        let all: Vec<Column> = LIBRARY
            .iter()
            .chain(DOCUMENT)
            .chain(CHECK)
            .copied()
            .collect();
        for a in &all {
            for b in &all {
                if a != b {
                    assert_ne!(a.name(), b.name());
                    assert_ne!(a.chinese(), b.chinese());
                }
            }
        }
    }

    #[test]
    fn words_choose_the_spelling_of_values() {
        let report = report(Severity::Info);
        let f = report.findings().next().unwrap();
        let review = ReviewInfo {
            status: "dismissed",
            status_chinese: "已驳回",
            comment: "已核实",
        };
        let r = Record {
            review: Some(review),
            ..Record::of(f)
        };
        let row = |words| -> Vec<String> {
            [
                Column::Severity,
                Column::Unit,
                Column::Review,
                Column::ReviewComment,
            ]
            .iter()
            .map(|c| c.value(1, &r, words).text())
            .collect()
        };
        assert_eq!(
            row(Words::Codes),
            ["error", "wan_yuan", "dismissed", "已核实"]
        );
        assert_eq!(row(Words::Chinese), ["错误", "万元", "已驳回", "已核实"]);
        assert_eq!(
            Column::Difference.value(1, &r, Words::Codes).text(),
            "-6.07"
        );
        assert_eq!(
            Column::Location
                .value(1, &r, Words::Chinese)
                .text()
                .starts_with("第"),
            true
        );
    }
}
