//! The typed model of a budget disclosure (预决算公开).
//!
//! A [`Disclosure`] is what `yusuan-extract` makes of one document: who published it, for which year,
//! what kind of document it is, and its standard tables. Every value keeps the [`Span`] it was read
//! from, so a reviewer can always go back to the printed figure. Amounts are exact decimals
//! ([`rust_decimal::Decimal`]) serialised as strings (`"3313.52"`) with their [`MoneyUnit`] beside
//! them; floating point never touches money.
//!
//! The JSON form of this model is documented by `schema/disclosure.schema.json` at the root of the
//! repository; a test keeps the two in step.

use std::collections::BTreeMap;

pub use rust_decimal::Decimal;
use schemars::JsonSchema;
use serde::{Deserialize, Serialize};

mod facts;
mod identities;
mod kinds;
mod performance;
mod three_public;
pub mod vocabulary;
pub use facts::{AssetRow, AssetTable, NarrativeFact, OrgUnit, ProcurementRow, ProcurementTable};
pub use identities::row_identities;
pub use kinds::{ColumnKey, DocumentKind, MoneyUnit, TableKind};
pub use performance::{
    Comparator, Declaration, DepartmentTarget, Figure, Indicator, IndicatorValue, PlanPoint,
    Project, Stated,
};
pub use three_public::ThreePublic;
pub use vocabulary::{FactKey, ItemKey, ThreePublicItem};

/// Where a value was printed: the file, the page (when the source has pages) and the 1-based line.
///
/// `column` and `length` are counted in characters of the source line as read (after decoding), so
/// a diagnostic can underline the exact figure. `bbox` is filled by readers that know positions
/// (PDF), in PDF points: `[x0, y0, x1, y1]` from the page's top-left corner.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize, JsonSchema)]
pub struct Span {
    pub path: String,
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub page: Option<u32>,
    pub line: u32,
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub column: Option<u32>,
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub length: Option<u32>,
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub bbox: Option<[f32; 4]>,
    /// Where the figure sits in a structured source: the sheet and cell (`收支总表!C7`), the
    /// DOCX or HTML table, row and cell (`table 3 row 5 cell 2`), a paragraph; `None` for text.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub origin: Option<String>,
}

impl Span {
    /// A span covering a whole line.
    pub fn line(path: impl Into<String>, page: Option<u32>, line: u32) -> Self {
        Span {
            path: path.into(),
            page,
            line,
            column: None,
            length: None,
            bbox: None,
            origin: None,
        }
    }
}

/// The publishing department (部门) or unit (单位).
#[derive(Debug, Clone, PartialEq, Default, Serialize, Deserialize, JsonSchema)]
pub struct Department {
    /// 部门名称 as printed.
    pub name: String,
    /// 部门编码, when printed (e.g. `502`).
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub code: Option<String>,
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub span: Option<Span>,
}

/// One document as extracted: 部门预算 / 单位预算 / 决算 / 整体绩效目标申报表.
///
/// `Default` gives an empty document of unknown kind (for building test documents by hand:
/// `Disclosure { tables, ..Default::default() }`).
#[derive(Debug, Clone, PartialEq, Default, Serialize, Deserialize, JsonSchema)]
pub struct Disclosure {
    /// Version of this model's JSON form (see the schema).
    pub schema_version: u32,
    /// The file the disclosure was read from.
    pub source: Source,
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub department: Option<Department>,
    /// 预算年度 / 决算年度.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub year: Option<i32>,
    pub kind: DocumentKind,
    /// The standard tables (公开表) found, in document order.
    pub tables: Vec<Table>,
    /// 项目支出绩效目标表, one per project.
    #[serde(default, skip_serializing_if = "Vec::is_empty")]
    pub projects: Vec<Project>,
    /// 部门整体绩效目标 and its 分项 goals.
    #[serde(default, skip_serializing_if = "Vec::is_empty")]
    pub department_targets: Vec<DepartmentTarget>,
    /// 整体绩效目标申报表, one per unit.
    #[serde(default, skip_serializing_if = "Vec::is_empty")]
    pub declarations: Vec<Declaration>,
    /// Figures stated in the explanation (情况说明).
    #[serde(default, skip_serializing_if = "Vec::is_empty")]
    pub narrative_facts: Vec<NarrativeFact>,
    /// 政府采购预算表.
    #[serde(default, skip_serializing_if = "Vec::is_empty")]
    pub procurement: Vec<ProcurementTable>,
    /// 国有资产 / 固定资产 tables.
    #[serde(default, skip_serializing_if = "Vec::is_empty")]
    pub assets: Vec<AssetTable>,
    /// 机构设置: the units of the department.
    #[serde(default, skip_serializing_if = "Vec::is_empty")]
    pub units: Vec<OrgUnit>,
    /// Pieces the extractor saw but could not interpret (never silently dropped).
    #[serde(default, skip_serializing_if = "Vec::is_empty")]
    pub notes: Vec<ExtractionNote>,
}

/// The current value of [`Disclosure::schema_version`].
pub const SCHEMA_VERSION: u32 = 1;

/// The file behind a disclosure.
#[derive(Debug, Clone, PartialEq, Default, Serialize, Deserialize, JsonSchema)]
pub struct Source {
    pub path: String,
    /// Hex SHA-256 of the file's bytes.
    pub sha256: String,
    /// Detected format (`text`, `pdf`, `docx`, `xlsx`, `html`).
    pub format: String,
    /// Detected text encoding, for text input (`UTF-8`, `GB18030`, `UTF-16LE`, …).
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub encoding: Option<String>,
    /// Number of pages, when the source has pages.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub pages: Option<u32>,
    /// Pages read by OCR (scanned, no text layer): their amounts may be misread; a value that
    /// breaks its table's arithmetic there is marked uncertain.
    #[serde(default, skip_serializing_if = "Vec::is_empty")]
    pub ocr_pages: Vec<u32>,
}

/// Something the extractor could not interpret, kept so nothing is dropped silently.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize, JsonSchema)]
pub struct ExtractionNote {
    pub message: String,
    pub span: Span,
}

/// A standard table (公开表).
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize, JsonSchema)]
pub struct Table {
    pub kind: TableKind,
    /// The title as printed (e.g. `部门预算支出总表`).
    pub title: String,
    /// The unit stated in the table header (`单位：万元`); `None` when the table states none.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub unit: Option<MoneyUnit>,
    /// The amount columns, in printed order.
    pub columns: Vec<Column>,
    pub rows: Vec<Row>,
    /// True when the table is printed without data (空表), with or without its note.
    pub empty: bool,
    /// The note explaining an empty table (`注：无国有资本经营预算财政拨款预算，空表列示。`).
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub empty_note: Option<String>,
    /// Why the table's rows could not be read, when its layout is present but cannot be
    /// reconstructed from this source with confidence (e.g. two side-by-side lists in plain text).
    /// Such a table has no rows, is not `empty`, and no rule judges its contents.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub unreadable: Option<String>,
    /// The title line.
    pub span: Span,
    /// The last line that belongs to the table.
    pub end_line: u32,
}

impl Table {
    /// The column with this key, if the table has it.
    pub fn column(&self, key: &ColumnKey) -> Option<&Column> {
        self.columns.iter().find(|c| &c.key == key)
    }

    /// The rows of one side of a two-sided summary table, or all rows when `side` is `None`.
    pub fn rows_on(&self, side: Option<Side>) -> impl Iterator<Item = &Row> {
        self.rows
            .iter()
            .filter(move |r| side.is_none() || r.side == side)
    }
}

/// An amount column of a table.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize, JsonSchema)]
pub struct Column {
    /// Stable English key (`total`, `basic`, `project`, …).
    pub key: ColumnKey,
    /// The header text as printed (cells of a multi-line header joined with `/`).
    pub label: String,
    /// For two-sided summary tables: the side the column belongs to.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub side: Option<Side>,
}

/// The income (收入) or expenditure (支出) half of a two-sided summary table (收支总表).
#[derive(
    Debug, Clone, Copy, PartialEq, Eq, Hash, PartialOrd, Ord, Serialize, Deserialize, JsonSchema,
)]
#[serde(rename_all = "snake_case")]
pub enum Side {
    Income,
    Expenditure,
}

/// One row of a table.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize, JsonSchema)]
pub struct Row {
    /// 序号 as printed, when the table numbers its rows.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub seq: Option<u32>,
    /// Classification code with all its digits joined (`2120199`), or `None`.
    pub code: Option<String>,
    /// 科目名称 / 项目 as printed.
    pub name: String,
    /// What a line of a summary or 三公 table stands for, recognised from its name
    /// (`income.general_public`, `expenditure.grand_total`, `three_public.reception`, …).
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub item: Option<ItemKey>,
    /// For two-sided summary tables: which half the row belongs to.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub side: Option<Side>,
    /// True for total rows (合计, 总计, 本年收入合计 …).
    #[serde(default, skip_serializing_if = "std::ops::Not::not")]
    pub is_total: bool,
    /// Column key → exact amount. Blank cells are absent; a printed `-` or `0.00` is zero.
    pub cells: BTreeMap<ColumnKey, Decimal>,
    /// Columns whose value was placed by inference and could belong elsewhere: no rule fires on them.
    #[serde(default, skip_serializing_if = "Vec::is_empty")]
    pub uncertain: Vec<ColumnKey>,
    /// Where each cell was printed, when known more precisely than the row.
    #[serde(default, skip_serializing_if = "BTreeMap::is_empty")]
    pub cell_spans: BTreeMap<ColumnKey, Span>,
    /// The row's first line (and the page it is on).
    pub span: Span,
}

impl Row {
    /// The value of a column, unless it is blank or its placement is uncertain.
    pub fn certain(&self, key: &ColumnKey) -> Option<Decimal> {
        if self.uncertain.contains(key) {
            None
        } else {
            self.cells.get(key).copied()
        }
    }

    /// True when at least one cell's placement is uncertain.
    pub fn has_uncertainty(&self) -> bool {
        !self.uncertain.is_empty()
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use std::str::FromStr;

    #[test]
    fn amounts_keep_printed_precision_in_json() {
        let mut cells = BTreeMap::new();
        cells.insert(ColumnKey::TOTAL, Decimal::from_str("3313.50").unwrap());
        let row = Row {
            seq: Some(15),
            code: Some("2120199".into()),
            name: "其他城乡社区管理事务支出".into(),
            item: None,
            side: None,
            is_total: false,
            cells,
            uncertain: vec![],
            cell_spans: BTreeMap::new(),
            span: Span::line("a.txt", None, 159),
        };
        let json = serde_json::to_value(&row).unwrap();
        assert_eq!(json["cells"]["total"], "3313.50");
        let back: Row = serde_json::from_value(json).unwrap();
        assert_eq!(back, row);
    }

    #[test]
    fn uncertain_cells_are_not_certain() {
        let mut cells = BTreeMap::new();
        cells.insert(ColumnKey::BASIC, Decimal::from(5));
        let row = Row {
            seq: None,
            code: None,
            name: "x".into(),
            item: None,
            side: None,
            is_total: false,
            cells,
            uncertain: vec![ColumnKey::BASIC],
            cell_spans: BTreeMap::new(),
            span: Span::line("a.txt", None, 1),
        };
        assert_eq!(row.certain(&ColumnKey::BASIC), None);
        assert!(row.has_uncertainty());
    }
}

/// The JSON Schema of [`Disclosure`] (and of an array of them), as committed in
/// `schema/disclosure.schema.json`.
pub fn json_schema() -> serde_json::Value {
    let schema = schemars::schema_for!(Disclosure);
    serde_json::to_value(schema).expect("a schema is always serialisable")
}

/// What a row holds in one column, for checks: blank (zero), a value, or a value whose column is
/// uncertain (no rule may use it).
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum CellValue {
    Blank,
    Value(Decimal),
    Uncertain,
}

impl CellValue {
    /// The amount, blank counting as zero; `None` when uncertain.
    pub fn amount(self) -> Option<Decimal> {
        match self {
            CellValue::Blank => Some(Decimal::ZERO),
            CellValue::Value(v) => Some(v),
            CellValue::Uncertain => None,
        }
    }
}

impl Row {
    /// The row's cell in a column, for checks.
    pub fn cell(&self, key: &ColumnKey) -> CellValue {
        if self.uncertain.contains(key) {
            CellValue::Uncertain
        } else {
            match self.cells.get(key) {
                Some(v) => CellValue::Value(*v),
                None => CellValue::Blank,
            }
        }
    }
}

/// How serious a finding is.
#[derive(
    Debug, Clone, Copy, PartialEq, Eq, Hash, PartialOrd, Ord, Serialize, Deserialize, JsonSchema,
)]
#[serde(rename_all = "snake_case")]
pub enum Severity {
    /// Worth a look; not necessarily wrong.
    Info,
    /// Likely wrong or against the rules for publication.
    Warning,
    /// Certainly wrong: figures that contradict each other.
    Error,
}

impl Severity {
    pub fn as_str(self) -> &'static str {
        match self {
            Severity::Info => "info",
            Severity::Warning => "warning",
            Severity::Error => "error",
        }
    }
}

/// A place a finding is about.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize, JsonSchema)]
pub struct Location {
    pub span: Span,
    /// What is there, as a reviewer reads it (`支出总表 2120199 合计`).
    pub label: String,
    /// The printed value, when the location is a figure.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub value: Option<Decimal>,
}

/// One thing a rule found in a document.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize, JsonSchema)]
pub struct Finding {
    /// The rule's code (`YS101`).
    pub rule: String,
    pub severity: Severity,
    /// One sentence saying what is wrong, with the figures.
    pub message: String,
    /// What the figure should be by the rule, when the rule computes one.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub expected: Option<Decimal>,
    /// The figure as printed.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub actual: Option<Decimal>,
    /// The unit of `expected` and `actual`.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub unit: Option<MoneyUnit>,
    /// The figure the finding is about first, then the figures it was compared with.
    pub locations: Vec<Location>,
    /// Other identities broken by the same cause (one finding per root cause).
    #[serde(default, skip_serializing_if = "Vec::is_empty")]
    pub related: Vec<String>,
    /// The document's path.
    pub document: String,
}

impl Finding {
    /// `actual − expected`, when both are known.
    pub fn difference(&self) -> Option<Decimal> {
        Some(self.actual? - self.expected?)
    }
}
