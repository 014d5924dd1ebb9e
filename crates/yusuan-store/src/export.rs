//! Exports of the library (`yusuan export`):
//!
//! - **CSV**: a folder with one file per table kind (`expenditure.csv`, …; one line per table row,
//!   one column per amount column, exact printed values), `documents.csv`, `narrative_facts.csv`
//!   and `findings.csv`; UTF-8 with a byte-order mark so that Excel reads the Chinese;
//! - **XLSX**: one workbook, a `文档` sheet listing the documents, one sheet per table (title line,
//!   bold frozen header, widths for Chinese, number format by printed precision) and a `问题`
//!   sheet of findings;
//! - **Parquet**: a folder with `documents.parquet`, `cells.parquet` (one line per cell, amount as
//!   `DECIMAL(38,4)` and as exact text), `narrative_facts.parquet` and `findings.parquet`,
//!   readable by DuckDB, Spark, pandas.

use std::collections::BTreeMap;
use std::path::Path;
use std::sync::Arc;

use rust_decimal::prelude::ToPrimitive;
use rust_decimal::Decimal;
use yusuan_model::{Disclosure, Side, Table, TableKind};

use rust_xlsxwriter::{Format, FormatAlign, FormatBorder, Workbook, Worksheet, XlsxError};
use yusuan_report::table::{self, DocumentInfo, Record, Words};

use crate::{DocumentFilter, DocumentSummary, Library, StoreError, StoredFinding};

/// The export formats.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum ExportFormat {
    Csv,
    Xlsx,
    Parquet,
}

/// What an export wrote.
#[derive(Debug, Clone, Default)]
pub struct ExportSummary {
    pub documents: usize,
    pub tables: usize,
    pub findings: usize,
    /// The files written.
    pub files: Vec<String>,
}

struct Doc {
    summary: DocumentSummary,
    model: Disclosure,
    findings: Vec<StoredFinding>,
}

fn err(path: &Path, e: impl std::fmt::Display) -> StoreError {
    StoreError::Export {
        path: path.display().to_string(),
        cause: e.to_string(),
    }
}

fn side_name(s: Option<Side>) -> &'static str {
    match s {
        Some(Side::Income) => "income",
        Some(Side::Expenditure) => "expenditure",
        None => "",
    }
}

impl Library {
    /// Exports the documents the filter selects. `out` is a folder for CSV and Parquet (created
    /// when missing) and a file for XLSX.
    pub fn export(
        &self,
        format: ExportFormat,
        out: &Path,
        filter: &DocumentFilter,
    ) -> Result<ExportSummary, StoreError> {
        let mut docs = Vec::new();
        for s in self.list(filter)? {
            if let Some(d) = self.document(s.id)? {
                docs.push(Doc {
                    summary: d.summary,
                    model: d.model,
                    findings: d.findings,
                });
            }
        }
        let mut summary = ExportSummary {
            documents: docs.len(),
            tables: docs.iter().map(|d| d.model.tables.len()).sum(),
            findings: docs.iter().map(|d| d.findings.len()).sum(),
            files: Vec::new(),
        };
        match format {
            ExportFormat::Csv => csv_export(&docs, out, &mut summary)?,
            ExportFormat::Xlsx => xlsx_export(&docs, out, &mut summary)?,
            ExportFormat::Parquet => parquet_export(&docs, out, &mut summary)?,
        }
        Ok(summary)
    }
}

// ---------------------------------------------------------------------------------------------
// CSV
// ---------------------------------------------------------------------------------------------

fn csv_writer(path: &Path) -> Result<csv::Writer<std::fs::File>, StoreError> {
    use std::io::Write;
    let mut file = std::fs::File::create(path).map_err(|e| err(path, e))?;
    file.write_all("\u{feff}".as_bytes())
        .map_err(|e| err(path, e))?;
    Ok(csv::Writer::from_writer(file))
}

fn doc_fields(d: &DocumentSummary) -> Vec<String> {
    vec![
        d.id.to_string(),
        d.department.clone().unwrap_or_default(),
        d.year.map(|y| y.to_string()).unwrap_or_default(),
        d.kind.clone(),
    ]
}

/// The amount columns of every table of a kind, in order of first appearance, with a label.
fn columns_of(tables: &[(&Doc, &Table)]) -> Vec<(String, String)> {
    let mut out: Vec<(String, String)> = Vec::new();
    for (_, t) in tables {
        for c in &t.columns {
            let key = c.key.as_str().to_string();
            if !out.iter().any(|(k, _)| *k == key) {
                let label = c
                    .label
                    .rsplit('/')
                    .next()
                    .unwrap_or(&c.label)
                    .trim()
                    .to_string();
                out.push((key, label));
            }
        }
        for r in &t.rows {
            for k in r.cells.keys() {
                if !out.iter().any(|(key, _)| key == k.as_str()) {
                    out.push((k.as_str().to_string(), k.as_str().to_string()));
                }
            }
        }
    }
    out
}

fn csv_export(docs: &[Doc], dir: &Path, summary: &mut ExportSummary) -> Result<(), StoreError> {
    std::fs::create_dir_all(dir).map_err(|e| err(dir, e))?;
    documents_csv(docs, dir, summary)?;
    for kind in TableKind::ALL {
        tables_csv(docs, kind, dir, summary)?;
    }
    facts_csv(docs, dir, summary)?;
    findings_csv(docs, dir, summary)
}

/// Writes one CSV file of the export.
fn write_csv_file(
    dir: &Path,
    name: &str,
    header: Vec<String>,
    rows: Vec<Vec<String>>,
    summary: &mut ExportSummary,
) -> Result<(), StoreError> {
    let path = dir.join(name);
    let mut w = csv_writer(&path)?;
    w.write_record(&header).map_err(|e| err(&path, e))?;
    for r in rows {
        w.write_record(&r).map_err(|e| err(&path, e))?;
    }
    w.flush().map_err(|e| err(&path, e))?;
    summary.files.push(path.display().to_string());
    Ok(())
}

fn strings(v: &[&str]) -> Vec<String> {
    v.iter().map(|s| s.to_string()).collect()
}

/// `documents.csv`.
fn documents_csv(docs: &[Doc], dir: &Path, summary: &mut ExportSummary) -> Result<(), StoreError> {
    write_csv_file(
        dir,
        "documents.csv",
        strings(&[
            "document_id",
            "department",
            "year",
            "kind",
            "path",
            "sha256",
            "errors",
            "warnings",
            "infos",
            "ingested_at",
        ]),
        docs.iter()
            .map(|d| {
                let s = &d.summary;
                let mut v = doc_fields(s);
                v.extend([
                    s.path.clone(),
                    s.sha256.clone(),
                    s.errors.to_string(),
                    s.warnings.to_string(),
                    s.infos.to_string(),
                    s.ingested_at.clone(),
                ]);
                v
            })
            .collect(),
        summary,
    )
}

/// `<kind>.csv`: the rows of every table of a kind, when there is one.
fn tables_csv(
    docs: &[Doc],
    kind: TableKind,
    dir: &Path,
    summary: &mut ExportSummary,
) -> Result<(), StoreError> {
    let tables: Vec<(&Doc, &Table)> = docs
        .iter()
        .flat_map(|d| {
            d.model
                .tables
                .iter()
                .filter(move |t| t.kind == kind)
                .map(move |t| (d, t))
        })
        .collect();
    if tables.is_empty() {
        return Ok(());
    }
    let columns = columns_of(&tables);
    let mut header = strings(&[
        "document_id",
        "department",
        "year",
        "document_kind",
        "table_title",
        "unit",
        "side",
        "seq",
        "code",
        "name",
        "item",
        "is_total",
        "line",
    ]);
    header.extend(columns.iter().map(|(k, l)| {
        if k == l {
            k.clone()
        } else {
            format!("{l} ({k})")
        }
    }));
    header.push("uncertain".into());
    let mut rows = Vec::new();
    for (d, t) in &tables {
        for r in &t.rows {
            let mut v = doc_fields(&d.summary);
            v.extend([
                t.title.clone(),
                t.unit.map(|u| u.chinese().to_string()).unwrap_or_default(),
                side_name(r.side).to_string(),
                r.seq.map(|s| s.to_string()).unwrap_or_default(),
                r.code.clone().unwrap_or_default(),
                r.name.clone(),
                r.item.clone().unwrap_or_default(),
                r.is_total.to_string(),
                r.span.line.to_string(),
            ]);
            for (k, _) in &columns {
                v.push(
                    r.cells
                        .iter()
                        .find(|(key, _)| key.as_str() == k)
                        .map(|(_, x)| x.to_string())
                        .unwrap_or_default(),
                );
            }
            v.push(
                r.uncertain
                    .iter()
                    .map(|k| k.as_str())
                    .collect::<Vec<_>>()
                    .join(" "),
            );
            rows.push(v);
        }
    }
    write_csv_file(
        dir,
        &format!("{}.csv", kind.as_str()),
        header,
        rows,
        summary,
    )
}

/// `narrative_facts.csv`.
fn facts_csv(docs: &[Doc], dir: &Path, summary: &mut ExportSummary) -> Result<(), StoreError> {
    write_csv_file(
        dir,
        "narrative_facts.csv",
        strings(&[
            "document_id",
            "department",
            "year",
            "document_kind",
            "key",
            "value",
            "unit",
            "subject",
            "worded",
            "line",
            "text",
        ]),
        docs.iter()
            .flat_map(|d| {
                d.model.narrative_facts.iter().map(move |f| {
                    let mut v = doc_fields(&d.summary);
                    v.extend([
                        f.key.clone(),
                        f.value.to_string(),
                        f.unit.clone(),
                        f.subject.clone().unwrap_or_default(),
                        f.worded.to_string(),
                        f.span.line.to_string(),
                        f.text.clone(),
                    ]);
                    v
                })
            })
            .collect(),
        summary,
    )
}

/// The findings of the documents as lines of the findings table.
fn finding_records(docs: &[Doc]) -> Vec<Record<'_>> {
    docs.iter()
        .flat_map(|d| {
            let document = DocumentInfo {
                id: d.summary.id,
                department: d.summary.department.as_deref(),
                year: d.summary.year,
                kind: &d.summary.kind,
            };
            d.findings.iter().map(move |f| Record {
                finding: &f.finding,
                document: Some(document),
                id: Some(f.id),
                review: Some(f.review_info()),
            })
        })
        .collect()
}

/// `findings.csv`: the findings table ([`yusuan_report::table::LIBRARY`]).
fn findings_csv(docs: &[Doc], dir: &Path, summary: &mut ExportSummary) -> Result<(), StoreError> {
    let path = dir.join("findings.csv");
    let file = std::fs::File::create(&path).map_err(|e| err(&path, e))?;
    table::write_csv(
        std::io::BufWriter::new(file),
        table::LIBRARY,
        Words::Codes,
        &finding_records(docs),
    )
    .map_err(|e| err(&path, e))?;
    summary.files.push(path.display().to_string());
    Ok(())
}

// ---------------------------------------------------------------------------------------------
// XLSX
// ---------------------------------------------------------------------------------------------

/// Display width of text in Excel character units: CJK characters count double.
fn width(s: &str) -> f64 {
    s.chars()
        .map(|c| if (c as u32) > 0x2E80 { 2.1 } else { 1.1 })
        .sum()
}

/// A sheet name: at most 31 characters, none of `[]:*?/\`, unique in the workbook.
fn sheet_name(base: &str, used: &mut std::collections::HashSet<String>) -> String {
    let clean: String = base
        .chars()
        .map(|c| if "[]:*?/\\".contains(c) { '_' } else { c })
        .take(31)
        .collect();
    let mut name = clean.clone();
    let mut n = 2;
    while !used.insert(name.to_lowercase()) {
        let suffix = format!("~{n}");
        name = clean
            .chars()
            .take(31 - suffix.chars().count())
            .collect::<String>()
            + &suffix;
        n += 1;
    }
    name
}

fn xlsx_export(docs: &[Doc], path: &Path, summary: &mut ExportSummary) -> Result<(), StoreError> {
    let x = |e: XlsxError| err(path, e);
    if let Some(dir) = path.parent().filter(|d| !d.as_os_str().is_empty()) {
        std::fs::create_dir_all(dir).map_err(|e| err(dir, e))?;
    }
    let mut wb = Workbook::new();
    let formats = Formats::new();
    let mut used = std::collections::HashSet::new();

    let ws = wb.add_worksheet();
    ws.set_name(sheet_name("文档", &mut used)).map_err(x)?;
    documents_sheet(ws, docs, &formats).map_err(x)?;

    for d in docs {
        for (ti, t) in d.model.tables.iter().enumerate() {
            let base = format!("{}-{} {}", d.summary.id, ti + 1, t.kind.chinese_name());
            let ws = wb.add_worksheet();
            ws.set_name(sheet_name(&base, &mut used)).map_err(x)?;
            table_sheet(ws, &d.summary, t, &formats).map_err(x)?;
        }
    }

    // Findings.
    let ws = wb.add_worksheet();
    ws.set_name(sheet_name("问题", &mut used)).map_err(x)?;
    table::write_sheet(
        ws,
        None,
        table::LIBRARY,
        Words::Chinese,
        &finding_records(docs),
    )
    .map_err(x)?;

    wb.save(path).map_err(x)?;
    summary.files.push(path.display().to_string());
    Ok(())
}

/// The cell formats of the export workbook.
struct Formats {
    title: Format,
    header: Format,
    bold: Format,
}

impl Formats {
    fn new() -> Self {
        Formats {
            title: Format::new().set_bold().set_font_size(13),
            header: Format::new()
                .set_bold()
                .set_background_color("#DDEBF7")
                .set_border_bottom(FormatBorder::Thin)
                .set_text_wrap()
                .set_align(FormatAlign::Center)
                .set_align(FormatAlign::VerticalCenter),
            bold: Format::new().set_bold(),
        }
    }
}

/// The 文档 sheet: one line per document.
fn documents_sheet(ws: &mut Worksheet, docs: &[Doc], f: &Formats) -> Result<(), XlsxError> {
    let heads = [
        "编号", "部门", "年度", "类型", "错误", "警告", "提示", "文件", "SHA-256",
    ];
    for (c, h) in heads.iter().enumerate() {
        ws.write_with_format(0, c as u16, *h, &f.header)?;
    }
    for (i, d) in docs.iter().enumerate() {
        let r = i as u32 + 1;
        let s = &d.summary;
        ws.write(r, 0, s.id as f64)?;
        ws.write(r, 1, s.department.clone().unwrap_or_default())?;
        if let Some(y) = s.year {
            ws.write(r, 2, y as f64)?;
        }
        ws.write(r, 3, s.kind.as_str())?;
        ws.write(r, 4, s.errors as f64)?;
        ws.write(r, 5, s.warnings as f64)?;
        ws.write(r, 6, s.infos as f64)?;
        ws.write(r, 7, s.path.as_str())?;
        ws.write(r, 8, s.sha256.as_str())?;
    }
    for (c, w) in [6.0, 44.0, 7.0, 24.0, 6.0, 6.0, 6.0, 60.0, 20.0]
        .iter()
        .enumerate()
    {
        ws.set_column_width(c as u16, *w)?;
    }
    ws.set_freeze_panes(1, 0)?;
    ws.set_landscape().set_print_fit_to_pages(1, 0);
    Ok(())
}

/// One table's sheet: a caption, the bold header (frozen, repeated when printed), the rows with
/// amounts as numbers in the table's printed precision.
fn table_sheet(
    ws: &mut Worksheet,
    d: &DocumentSummary,
    t: &Table,
    f: &Formats,
) -> Result<(), XlsxError> {
    let caption = format!(
        "《{}》 {} {} {}",
        t.title,
        d.department.clone().unwrap_or_default(),
        d.year.map(|y| format!("{y}年")).unwrap_or_default(),
        t.unit
            .map(|u| format!("单位：{}", u.chinese()))
            .unwrap_or_default()
    );
    ws.write_with_format(0, 0, caption.as_str(), &f.title)?;
    let two_sided = t.kind.is_two_sided();
    let mut heads: Vec<String> = Vec::new();
    if two_sided {
        heads.push("方向".into());
    }
    heads.extend(["科目编码".to_string(), "科目名称 / 项目".to_string()]);
    let fixed = heads.len() as u16;
    for c in &t.columns {
        let side = match c.side {
            Some(Side::Income) => "收入 ",
            Some(Side::Expenditure) => "支出 ",
            None => "",
        };
        heads.push(format!("{side}{}", c.label.replace('/', "\n")));
    }
    for (c, h) in heads.iter().enumerate() {
        ws.write_with_format(1, c as u16, h.as_str(), &f.header)?;
    }
    let scale = t
        .rows
        .iter()
        .flat_map(|r| r.cells.values())
        .map(|v| v.scale())
        .max()
        .unwrap_or(2)
        .min(6);
    let pattern = if scale == 0 {
        "#,##0".to_string()
    } else {
        format!("#,##0.{}", "0".repeat(scale as usize))
    };
    let number = Format::new().set_num_format(&pattern);
    let number_bold = Format::new().set_num_format(&pattern).set_bold();
    let mut name_width = width("科目名称 / 项目");
    for (i, r) in t.rows.iter().enumerate() {
        let row = i as u32 + 2;
        let mut c = 0u16;
        if two_sided {
            ws.write(
                row,
                c,
                if r.side == Some(Side::Income) {
                    "收入"
                } else {
                    "支出"
                },
            )?;
            c += 1;
        }
        if let Some(code) = &r.code {
            ws.write(row, c, code.as_str())?;
        }
        if r.is_total {
            ws.write_with_format(row, c + 1, r.name.as_str(), &f.bold)?;
        } else {
            ws.write(row, c + 1, r.name.as_str())?;
        }
        name_width = name_width.max(width(&r.name));
        for (ci, col) in t.columns.iter().enumerate() {
            if two_sided && col.side.is_some() && col.side != r.side {
                continue;
            }
            if let Some(v) = r.cells.get(&col.key) {
                let format = if r.is_total { &number_bold } else { &number };
                ws.write_with_format(row, fixed + ci as u16, v.to_f64().unwrap_or(0.0), format)?;
            }
        }
    }
    if t.rows.is_empty() {
        let note = t
            .empty_note
            .clone()
            .or_else(|| t.unreadable.clone())
            .unwrap_or_else(|| "（空表）".into());
        ws.write(2, 0, note.as_str())?;
    }
    if two_sided {
        ws.set_column_width(0, 6.0)?;
    }
    ws.set_column_width(fixed - 2, 11.0)?;
    ws.set_column_width(fixed - 1, name_width.clamp(16.0, 60.0))?;
    for ci in 0..t.columns.len() {
        ws.set_column_width(fixed + ci as u16, 15.0)?;
    }
    ws.set_row_height(1, 32.0)?;
    ws.set_freeze_panes(2, fixed)?;
    ws.set_landscape()
        .set_print_fit_to_pages(1, 0)
        .set_repeat_rows(1, 1)?;
    Ok(())
}

// ---------------------------------------------------------------------------------------------
// Parquet
// ---------------------------------------------------------------------------------------------

/// An amount as DECIMAL(38,4) (rounded only when printed with more than four decimals; the
/// exact text is exported beside it).
fn decimal4(v: Decimal) -> Option<i128> {
    let mut v = v;
    v.rescale(4);
    Some(v.mantissa())
}

struct Columns {
    fields: Vec<arrow_schema::Field>,
    arrays: Vec<arrow_array::ArrayRef>,
}

impl Columns {
    fn new() -> Self {
        Columns {
            fields: Vec::new(),
            arrays: Vec::new(),
        }
    }
    fn text(&mut self, name: &str, v: Vec<Option<String>>) {
        self.fields.push(arrow_schema::Field::new(
            name,
            arrow_schema::DataType::Utf8,
            true,
        ));
        self.arrays
            .push(Arc::new(arrow_array::StringArray::from(v)));
    }
    fn int(&mut self, name: &str, v: Vec<Option<i64>>) {
        self.fields.push(arrow_schema::Field::new(
            name,
            arrow_schema::DataType::Int64,
            true,
        ));
        self.arrays.push(Arc::new(arrow_array::Int64Array::from(v)));
    }
    fn boolean(&mut self, name: &str, v: Vec<bool>) {
        self.fields.push(arrow_schema::Field::new(
            name,
            arrow_schema::DataType::Boolean,
            false,
        ));
        self.arrays
            .push(Arc::new(arrow_array::BooleanArray::from(v)));
    }
    fn decimal(&mut self, name: &str, v: Vec<Option<i128>>) -> Result<(), String> {
        let a = arrow_array::Decimal128Array::from(v)
            .with_precision_and_scale(38, 4)
            .map_err(|e| e.to_string())?;
        self.fields.push(arrow_schema::Field::new(
            name,
            arrow_schema::DataType::Decimal128(38, 4),
            true,
        ));
        self.arrays.push(Arc::new(a));
        Ok(())
    }
    fn write(self, path: &Path) -> Result<(), StoreError> {
        let schema = Arc::new(arrow_schema::Schema::new(self.fields));
        let batch = arrow_array::RecordBatch::try_new(schema.clone(), self.arrays)
            .map_err(|e| err(path, e))?;
        let file = std::fs::File::create(path).map_err(|e| err(path, e))?;
        let props = parquet::file::properties::WriterProperties::builder()
            .set_compression(parquet::basic::Compression::SNAPPY)
            .build();
        let mut w = parquet::arrow::ArrowWriter::try_new(file, schema, Some(props))
            .map_err(|e| err(path, e))?;
        w.write(&batch).map_err(|e| err(path, e))?;
        w.close().map_err(|e| err(path, e))?;
        Ok(())
    }
}

#[derive(Default)]
struct DocCols {
    id: Vec<Option<i64>>,
    department: Vec<Option<String>>,
    year: Vec<Option<i64>>,
    kind: Vec<Option<String>>,
}

impl DocCols {
    fn push(&mut self, d: &DocumentSummary) {
        self.id.push(Some(d.id));
        self.department.push(d.department.clone());
        self.year.push(d.year.map(i64::from));
        self.kind.push(Some(d.kind.clone()));
    }
    fn into_columns(self) -> Columns {
        let mut c = Columns::new();
        c.int("document_id", self.id);
        c.text("department", self.department);
        c.int("year", self.year);
        c.text("document_kind", self.kind);
        c
    }
}

fn parquet_export(docs: &[Doc], dir: &Path, summary: &mut ExportSummary) -> Result<(), StoreError> {
    std::fs::create_dir_all(dir).map_err(|e| err(dir, e))?;
    for (name, write) in [
        ("documents.parquet", documents_parquet as ParquetFile),
        ("cells.parquet", cells_parquet),
        ("narrative_facts.parquet", facts_parquet),
        ("findings.parquet", findings_parquet),
    ] {
        let path = dir.join(name);
        write(docs, &path)?;
        summary.files.push(path.display().to_string());
    }
    Ok(())
}

/// Writes one Parquet file of the export.
type ParquetFile = fn(&[Doc], &Path) -> Result<(), StoreError>;

/// An amount column as DECIMAL(38,4).
fn decimal_column(
    c: &mut Columns,
    name: &str,
    v: Vec<Option<i128>>,
    path: &Path,
) -> Result<(), StoreError> {
    c.decimal(name, v).map_err(|e| err(path, e))
}

/// `documents.parquet`.
fn documents_parquet(docs: &[Doc], path: &Path) -> Result<(), StoreError> {
    let mut dc = DocCols::default();
    for d in docs {
        dc.push(&d.summary);
    }
    let mut c = dc.into_columns();
    c.text(
        "path",
        docs.iter().map(|d| Some(d.summary.path.clone())).collect(),
    );
    c.text(
        "sha256",
        docs.iter()
            .map(|d| Some(d.summary.sha256.clone()))
            .collect(),
    );
    c.int(
        "errors",
        docs.iter().map(|d| Some(d.summary.errors)).collect(),
    );
    c.int(
        "warnings",
        docs.iter().map(|d| Some(d.summary.warnings)).collect(),
    );
    c.int(
        "infos",
        docs.iter().map(|d| Some(d.summary.infos)).collect(),
    );
    c.write(path)
}

/// `cells.parquet`.
fn cells_parquet(docs: &[Doc], path: &Path) -> Result<(), StoreError> {
    let mut dc = DocCols::default();
    let mut table_kind = Vec::new();
    let mut table_title = Vec::new();
    let mut table_ordinal = Vec::new();
    let mut unit = Vec::new();
    let mut row_ordinal = Vec::new();
    let mut code = Vec::new();
    let mut name = Vec::new();
    let mut item = Vec::new();
    let mut side = Vec::new();
    let mut is_total = Vec::new();
    let mut column_key = Vec::new();
    let mut column_label = Vec::new();
    let mut value = Vec::new();
    let mut value_text = Vec::new();
    let mut uncertain = Vec::new();
    let mut line = Vec::new();
    for d in docs {
        for (ti, t) in d.model.tables.iter().enumerate() {
            let labels: BTreeMap<&str, &str> = t
                .columns
                .iter()
                .map(|c| (c.key.as_str(), c.label.as_str()))
                .collect();
            for (ri, r) in t.rows.iter().enumerate() {
                for (k, v) in &r.cells {
                    dc.push(&d.summary);
                    table_kind.push(Some(t.kind.as_str().to_string()));
                    table_title.push(Some(t.title.clone()));
                    table_ordinal.push(Some(ti as i64));
                    unit.push(t.unit.map(|u| u.chinese().to_string()));
                    row_ordinal.push(Some(ri as i64));
                    code.push(r.code.clone());
                    name.push(Some(r.name.clone()));
                    item.push(r.item.clone());
                    side.push(r.side.map(|s| side_name(Some(s)).to_string()));
                    is_total.push(r.is_total);
                    column_key.push(Some(k.as_str().to_string()));
                    column_label.push(labels.get(k.as_str()).map(|s| s.to_string()));
                    value.push(decimal4(*v));
                    value_text.push(Some(v.to_string()));
                    uncertain.push(r.uncertain.contains(k));
                    line.push(Some(
                        r.cell_spans.get(k).map(|s| s.line).unwrap_or(r.span.line) as i64,
                    ));
                }
            }
        }
    }
    let mut c = dc.into_columns();
    c.text("table_kind", table_kind);
    c.int("table_ordinal", table_ordinal);
    c.text("table_title", table_title);
    c.text("unit", unit);
    c.int("row_ordinal", row_ordinal);
    c.text("code", code);
    c.text("name", name);
    c.text("item", item);
    c.text("side", side);
    c.boolean("is_total", is_total);
    c.text("column_key", column_key);
    c.text("column_label", column_label);
    decimal_column(&mut c, "value", value, path)?;
    c.text("value_text", value_text);
    c.boolean("uncertain", uncertain);
    c.int("line", line);
    c.write(path)
}

/// `narrative_facts.parquet`.
fn facts_parquet(docs: &[Doc], path: &Path) -> Result<(), StoreError> {
    let mut dc = DocCols::default();
    let (mut key, mut value, mut value_text, mut unit, mut subject, mut line, mut text) =
        (vec![], vec![], vec![], vec![], vec![], vec![], vec![]);
    for d in docs {
        for f in &d.model.narrative_facts {
            dc.push(&d.summary);
            key.push(Some(f.key.clone()));
            value.push(decimal4(f.value));
            value_text.push(Some(f.value.to_string()));
            unit.push(Some(f.unit.clone()));
            subject.push(f.subject.clone());
            line.push(Some(f.span.line as i64));
            text.push(Some(f.text.clone()));
        }
    }
    let mut c = dc.into_columns();
    c.text("key", key);
    decimal_column(&mut c, "value", value, path)?;
    c.text("value_text", value_text);
    c.text("unit", unit);
    c.text("subject", subject);
    c.int("line", line);
    c.text("text", text);
    c.write(path)
}

/// `findings.parquet`.
fn findings_parquet(docs: &[Doc], path: &Path) -> Result<(), StoreError> {
    let mut dc = DocCols::default();
    let (mut id, mut rule, mut severity, mut line, mut message, mut expected, mut actual, mut unit) = (
        vec![],
        vec![],
        vec![],
        vec![],
        vec![],
        vec![],
        vec![],
        vec![],
    );
    for d in docs {
        for f in &d.findings {
            let x = &f.finding;
            dc.push(&d.summary);
            id.push(Some(f.id));
            rule.push(Some(x.rule.clone()));
            severity.push(Some(x.severity.as_str().to_string()));
            line.push(x.locations.first().map(|l| l.span.line as i64));
            message.push(Some(x.message.clone()));
            expected.push(x.expected.and_then(decimal4));
            actual.push(x.actual.and_then(decimal4));
            unit.push(x.unit.map(|u| u.chinese().to_string()));
        }
    }
    let mut c = dc.into_columns();
    c.int("finding_id", id);
    c.text("rule", rule);
    c.text("severity", severity);
    c.int("line", line);
    c.text("message", message);
    decimal_column(&mut c, "expected", expected, path)?;
    decimal_column(&mut c, "actual", actual, path)?;
    c.text("unit", unit);
    c.write(path)
}
