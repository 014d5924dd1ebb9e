//! Reading a filled input workbook, one sheet at a time, through `yusuan_read::sheets` (cells as
//! text or exact decimals, named by their A1 reference).

use std::collections::BTreeMap;
use std::path::Path;

use rust_decimal::Decimal;
use yusuan_model::{
    Column, ColumnKey, Department, Disclosure, DocumentKind, Figure, Indicator, IndicatorValue,
    MoneyUnit, OrgUnit, Project, Row, Source, Span, Table, TableKind, SCHEMA_VERSION,
};
use yusuan_read::sheets::{self, Sheet, SheetRow};

use super::{DetailSheet, DETAIL_SHEETS, PERFORMANCE_HEADERS, THREE_PUBLIC};
use crate::layout;
use crate::{FreeSection, FreeText, RenderError, RenderInput};

/// Reads a filled template: the model with only detail rows (derive completes it) and the free
/// text. The second value lists the sheets that were absent.
pub fn read(path: &Path) -> Result<(RenderInput, Vec<String>), RenderError> {
    let name = path.display().to_string();
    let err = |message: String| RenderError::Workbook {
        path: name.clone(),
        message,
    };
    let mut wb = sheets::open(path).map_err(|e| err(e.to_string()))?;
    let mut d = Disclosure {
        schema_version: SCHEMA_VERSION,
        source: Source {
            path: name.clone(),
            sha256: String::new(),
            format: "xlsx".into(),
            encoding: None,
            pages: None,
            ocr_pages: Vec::new(),
        },
        kind: DocumentKind::DepartmentBudget,
        ..Default::default()
    };
    let at = Spans { path: &name };
    let mut missing = Vec::new();
    let mut present = |sheet: &str, missing: &mut Vec<String>| {
        let found = wb.sheet(sheet);
        if found.is_none() {
            missing.push(sheet.to_string());
        }
        found
    };

    let mut unit = MoneyUnit::WanYuan;
    if let Some(s) = present("基本信息", &mut missing) {
        unit = info(&s, &mut d, &at).map_err(&err)?;
    }
    let year = d.year.unwrap_or(2025);
    for sheet in DETAIL_SHEETS {
        let Some(s) = present(sheet.name, &mut missing) else {
            continue;
        };
        if let Some(table) = detail(&s, sheet, unit, year, &at).map_err(&err)? {
            d.tables.push(table);
        }
    }
    if let Some(s) = present("三公", &mut missing) {
        d.tables.extend(three_public(&s, &at).map_err(&err)?);
    }
    // The optional sheets are not reported missing.
    let mut optional = |sheet: &str| wb.sheet(sheet);
    if let Some(s) = optional("单位") {
        d.units = units(&s, &at);
    }
    let mut text = FreeText::default();
    if let Some(s) = optional("说明文字") {
        reasons(&s, &mut text);
    }
    if let Some(s) = optional("其他说明") {
        text.sections = sections(&s);
    }
    if let Some(s) = optional("绩效目标") {
        d.projects = projects(&s, unit, &at).map_err(&err)?;
    }
    if !d
        .tables
        .iter()
        .any(|t| t.kind == TableKind::Expenditure && !t.rows.is_empty())
    {
        return Err(err("sheet 支出总表 has no rows: it is required".into()));
    }
    Ok((
        RenderInput {
            disclosure: d,
            text,
        },
        missing,
    ))
}

/// Spans into the workbook: `path#sheet`, the row's number as the line.
struct Spans<'a> {
    path: &'a str,
}

impl Spans<'_> {
    fn span(&self, sheet: &str, row: usize) -> Span {
        Span {
            path: format!("{}#{sheet}", self.path),
            page: None,
            line: row as u32 + 1,
            column: None,
            length: None,
            bbox: None,
            origin: Some(format!("{sheet}!{}:{}", row + 1, row + 1)),
        }
    }
}

/// An amount typed into a cell, exact to the cent: binary noise beyond six decimals dropped,
/// printed with at least two decimals; zero is no amount.
fn amount(row: &SheetRow, col: usize) -> Result<Option<Decimal>, String> {
    let Some(parsed) = row.decimal(col)? else {
        return Ok(None);
    };
    let mut v = if parsed.scale() > 6 {
        parsed.round_dp(2)
    } else {
        parsed
    };
    if v.scale() < 2 {
        v.rescale(2);
    }
    Ok(if v.is_zero() { None } else { Some(v) })
}

/// 基本信息: department, year and kind into the model; the money unit returned.
fn info(s: &Sheet, d: &mut Disclosure, at: &Spans) -> Result<MoneyUnit, String> {
    let mut unit = MoneyUnit::WanYuan;
    for row in s.rows() {
        let key = row.text(0);
        let val = row.text(1);
        if val.is_empty() {
            continue;
        }
        match key.as_str() {
            "部门名称" => {
                let code = d.department.as_ref().and_then(|x| x.code.clone());
                d.department = Some(Department {
                    name: val,
                    code,
                    span: Some(at.span("基本信息", row.index())),
                });
            }
            "部门编码" => {
                let dp = d.department.get_or_insert_with(Department::default);
                dp.code = Some(val);
            }
            "预算年度" => {
                d.year = Some(
                    val.parse()
                        .map_err(|_| format!("{}: “{val}” is not a year", row.reference(1)))?,
                )
            }
            "文档类型" => {
                d.kind = if val.contains("单位") {
                    DocumentKind::UnitBudget
                } else {
                    DocumentKind::DepartmentBudget
                }
            }
            "金额单位" => {
                unit = if val == "元" {
                    MoneyUnit::Yuan
                } else {
                    MoneyUnit::WanYuan
                }
            }
            _ => {}
        }
    }
    Ok(unit)
}

/// A sheet of detail rows into its table; `None` for an optional sheet left empty.
fn detail(
    s: &Sheet,
    sheet: &DetailSheet,
    unit: MoneyUnit,
    year: i32,
    at: &Spans,
) -> Result<Option<Table>, String> {
    let rows: Vec<SheetRow> = s.rows().collect();
    // The header row: the one whose second cell starts with 科目名称.
    let Some(h) = rows
        .iter()
        .position(|row| row.text(1).starts_with("科目名称"))
    else {
        return Err(format!("sheet {}: no header row (科目名称)", sheet.name));
    };
    let headers: Vec<String> = (0..rows[h].len()).map(|c| rows[h].text(c)).collect();
    let cols: Vec<(usize, ColumnKey)> = sheet
        .columns
        .iter()
        .filter_map(|(label, key)| {
            let i = headers.iter().position(|x| x == label)?;
            Some((i, key.clone()))
        })
        .collect();
    let mut table = detail_table(sheet, unit, at.span(sheet.name, rows[h].index()));
    for row in &rows[h + 1..] {
        if let Some(r) = detail_row(row, sheet, &cols, year, at)? {
            table.rows.push(r);
        }
    }
    let optional = matches!(
        sheet.kind,
        TableKind::Income | TableKind::GeneralPublicExpenditure
    );
    if table.rows.is_empty() && optional {
        return Ok(None);
    }
    if table.rows.is_empty() {
        table.empty = true;
    }
    Ok(Some(table))
}

/// The table a detail sheet feeds, with its columns and no rows yet.
fn detail_table(sheet: &DetailSheet, unit: MoneyUnit, span: Span) -> Table {
    let mut columns = vec![Column {
        key: ColumnKey::TOTAL,
        label: "合计".into(),
        side: None,
    }];
    if sheet.kind == TableKind::Income {
        columns.push(Column {
            key: ColumnKey::SUBTOTAL,
            label: "本年收入小计".into(),
            side: None,
        });
    }
    columns.extend(sheet.columns.iter().map(|(label, key)| Column {
        key: key.clone(),
        label: label.to_string(),
        side: None,
    }));
    Table {
        kind: sheet.kind,
        title: String::new(),
        unit: Some(unit),
        columns,
        rows: Vec::new(),
        empty: false,
        empty_note: None,
        unreadable: None,
        span,
        end_line: 0,
    }
}

/// One detail line: its code (项 7 digits, 款 5), name (from the dictionary when left blank) and
/// amounts; `None` for a blank line.
fn detail_row(
    row: &SheetRow,
    sheet: &DetailSheet,
    cols: &[(usize, ColumnKey)],
    year: i32,
    at: &Spans,
) -> Result<Option<Row>, String> {
    let line = row.index();
    let code: String = row.text(0).chars().filter(|c| !c.is_whitespace()).collect();
    let mut cells = BTreeMap::new();
    for (c, key) in cols {
        if let Some(v) = amount(row, *c)? {
            cells.insert(key.clone(), v);
        }
    }
    if code.is_empty() {
        if cells.is_empty() {
            return Ok(None);
        }
        return Err(format!(
            "{}: amounts without a classification code",
            row.reference(0)
        ));
    }
    let economic = sheet.kind == TableKind::BasicExpenditure;
    let digits = if economic { 5 } else { 7 };
    if code.len() != digits || !code.chars().all(|c| c.is_ascii_digit()) {
        return Err(format!(
            "{}: “{code}” is not a {digits}-digit code (give the detail rows only; parents are summed)",
            row.reference(0)
        ));
    }
    let mut name = row.text(1);
    if name.is_empty() {
        let found = if economic {
            yusuan_codes::economic_name(year, &code)
        } else {
            yusuan_codes::functional_name(year, &code)
        };
        name = found.map(|l| l.name.to_string()).ok_or_else(|| {
            format!(
                "{}: code {code} is not in the {year} dictionary; write its name",
                row.reference(1)
            )
        })?;
    }
    if sheet.kind == TableKind::Income && !cells.is_empty() {
        let carry = cells
            .get(&ColumnKey::CARRYOVER)
            .copied()
            .unwrap_or_default();
        let all: Decimal = cells.values().copied().sum();
        if !(all - carry).is_zero() {
            cells.insert(ColumnKey::SUBTOTAL, all - carry);
        }
    }
    Ok(Some(Row {
        seq: None,
        code: Some(code),
        name,
        item: None,
        side: None,
        is_total: false,
        cells,
        uncertain: Vec::new(),
        cell_spans: BTreeMap::new(),
        span: at.span(sheet.name, line),
    }))
}

/// 三公: the figures by their labels into a one-row table; `None` when no label is there.
fn three_public(s: &Sheet, at: &Spans) -> Result<Option<Table>, String> {
    let mut cells = BTreeMap::new();
    let mut seen = 0;
    for row in s.rows() {
        let label = row.text(0);
        if let Some((_, key)) = THREE_PUBLIC.iter().find(|(l, _)| *l == label) {
            seen += 1;
            if let Some(v) = amount(&row, 1)? {
                cells.insert(key.clone(), v);
            }
        }
    }
    if seen == 0 {
        return Ok(None);
    }
    let start = s.start();
    let columns = [
        ColumnKey::TOTAL,
        ColumnKey::OUTBOUND,
        ColumnKey::VEHICLE,
        ColumnKey::VEHICLE_PURCHASE,
        ColumnKey::VEHICLE_OPERATION,
        ColumnKey::RECEPTION,
        ColumnKey::OPERATION_COST,
    ];
    Ok(Some(Table {
        kind: TableKind::ThreePublic,
        title: String::new(),
        unit: Some(MoneyUnit::WanYuan),
        columns: columns
            .into_iter()
            .map(|k| Column {
                label: layout::column_header(TableKind::ThreePublic, &k, "", false),
                key: k,
                side: None,
            })
            .collect(),
        rows: vec![Row {
            seq: None,
            code: None,
            name: "预算数".into(),
            item: None,
            side: None,
            is_total: false,
            cells,
            uncertain: Vec::new(),
            cell_spans: BTreeMap::new(),
            span: at.span("三公", start),
        }],
        empty: false,
        empty_note: None,
        unreadable: None,
        span: at.span("三公", start),
        end_line: 0,
    }))
}

/// 单位: the unit list.
fn units(s: &Sheet, at: &Spans) -> Vec<OrgUnit> {
    let mut out = Vec::new();
    for row in s.rows() {
        let get = |c: usize| Some(row.text(c)).filter(|s| !s.is_empty());
        if get(0).as_deref() == Some(PERFORMANCE_HEADERS[0]) {
            continue;
        }
        if let Some(n) = get(0) {
            out.push(OrgUnit {
                name: n,
                nature: get(1),
                rank: get(2),
                funding: get(3),
                note: None,
                span: at.span("单位", row.index()),
            });
        }
    }
    out
}

/// 说明文字: duties, organisation and the reasons by key.
fn reasons(s: &Sheet, text: &mut FreeText) {
    for row in s.rows() {
        let key = row.text(0);
        let val = row.text(1);
        if val.is_empty() || key == "项目" {
            continue;
        }
        match key.as_str() {
            "部门职责" => text.duties = Some(val),
            "机构设置" => text.organisation = Some(val),
            _ => {
                text.reasons.insert(key, val);
            }
        }
    }
}

/// 其他说明: sections, heading and text.
fn sections(s: &Sheet) -> Vec<FreeSection> {
    s.rows()
        .map(|row| (row.text(0), row.text(1)))
        .filter(|(heading, _)| !heading.is_empty() && heading != "章节标题")
        .map(|(heading, text)| FreeSection { heading, text })
        .collect()
}

/// 绩效目标: a project on each line naming one, its indicators on the lines that follow.
fn projects(s: &Sheet, unit: MoneyUnit, at: &Spans) -> Result<Vec<Project>, String> {
    let mut out: Vec<Project> = Vec::new();
    for row in s.rows() {
        let get = |c: usize| Some(row.text(c)).filter(|s| !s.is_empty());
        if get(0).as_deref() == Some(PERFORMANCE_HEADERS[0]) {
            continue;
        }
        let span = at.span("绩效目标", row.index());
        let fig = |c: usize| -> Result<Option<Figure>, String> {
            Ok(amount(&row, c)?.map(|value| Figure {
                value,
                span: span.clone(),
            }))
        };
        if let Some(name) = get(0) {
            out.push(Project {
                number: None,
                name,
                title: None,
                code: None,
                unit_name: None,
                unit: Some(unit),
                budget: fig(1)?,
                fiscal_funds: fig(2)?,
                other_funds: fig(3)?,
                annual_request: None,
                current_appropriation: None,
                carryover: None,
                purpose: None,
                spending_plan: Vec::new(),
                goal: get(4),
                overall_goal: None,
                indicators: Vec::new(),
                span: span.clone(),
                end_line: 0,
            });
        }
        if let (Some(p), Some(ind)) = (out.last_mut(), get(7)) {
            p.indicators.push(Indicator {
                level1: get(5),
                level2: get(6),
                name: ind,
                description: None,
                value: IndicatorValue {
                    raw: get(8).unwrap_or_default(),
                    comparator: None,
                    number: None,
                    unit: None,
                    grade: None,
                    reference: None,
                    remark: None,
                    parsed: false,
                    span: None,
                },
                measure_unit: None,
                basis: get(9),
                span,
            });
        }
    }
    Ok(out)
}
