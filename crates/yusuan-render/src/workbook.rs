//! Workbooks: the blank input template ([`template`]), reading a filled one ([`read`]) and the
//! rendered disclosure as a workbook with one sheet per table ([`write`]).
//!
//! The input template holds only what a department types: the detail rows (项 of the functional
//! classification, 款 of the economic one) and the figures no table derives (三公, units, free
//! text, performance targets). Parents, totals and the summary tables are derived. Amounts are
//! read from the cells' shortest decimal representation (XLSX stores numbers as binary doubles;
//! amounts up to 15 significant digits come back exactly).

use std::collections::BTreeMap;
use std::path::Path;
use std::str::FromStr;

use calamine::{Data, Reader};
use rust_decimal::Decimal;
use rust_xlsxwriter::{
    DataValidation, DataValidationRule, Format, FormatAlign, FormatBorder, Workbook, Worksheet,
    XlsxError,
};
use yusuan_model::{
    Column, ColumnKey, Department, Disclosure, DocumentKind, Figure, Indicator, IndicatorValue,
    MoneyUnit, OrgUnit, Project, Row, Source, Span, Table, TableKind, SCHEMA_VERSION,
};

use crate::grid::{grid, ColKind};
use crate::layout::{self, document_title};
use crate::{Document, FreeSection, FreeText, RenderError, RenderInput};

/// A sheet of detail rows: its name, the table it feeds, the code header and the amount columns.
struct DetailSheet {
    name: &'static str,
    kind: TableKind,
    code_header: &'static str,
    columns: &'static [(&'static str, ColumnKey)],
    help: &'static str,
}

const SPENDING: &[(&str, ColumnKey)] = &[
    ("基本支出", ColumnKey::BASIC),
    ("项目支出", ColumnKey::PROJECT),
];

const DETAIL_SHEETS: &[DetailSheet] = &[
    DetailSheet {
        name: "收入总表",
        kind: TableKind::Income,
        code_header: "功能分类科目编码（项，7位）",
        columns: &[
            ("财政拨款收入", ColumnKey::FISCAL_APPROPRIATION),
            ("财政专户收入", ColumnKey::FISCAL_SPECIAL_ACCOUNT),
            ("事业收入", ColumnKey::BUSINESS_INCOME),
            ("经营收入", ColumnKey::OPERATING_INCOME),
            ("上级补助收入", ColumnKey::SUPERIOR_SUBSIDY),
            ("附属单位上缴收入", ColumnKey::SUBORDINATE_REMITTANCE),
            ("其他收入", ColumnKey::OTHER_INCOME),
            ("上年结转", ColumnKey::CARRYOVER),
        ],
        help: "每个功能分类“项”一行，按收入来源填列。合计、类、款和合计行自动计算。全部支出均由财政拨款安排时可不填本表。",
    },
    DetailSheet {
        name: "支出总表",
        kind: TableKind::Expenditure,
        code_header: "功能分类科目编码（项，7位）",
        columns: &[
            ("基本支出", ColumnKey::BASIC),
            ("项目支出", ColumnKey::PROJECT),
            ("经营支出", ColumnKey::OPERATING_EXPENDITURE),
            ("上缴上级支出", ColumnKey::REMIT_TO_SUPERIOR),
            ("对附属单位补助支出", ColumnKey::SUBSIDY_TO_SUBORDINATE),
        ],
        help: "每个功能分类“项”一行（必填）。合计列、类、款和合计行自动计算。",
    },
    DetailSheet {
        name: "一般公共预算",
        kind: TableKind::GeneralPublicExpenditure,
        code_header: "功能分类科目编码（项，7位）",
        columns: SPENDING,
        help: "一般公共预算财政拨款支出，每个“项”一行。支出全部为一般公共预算拨款时可不填。",
    },
    DetailSheet {
        name: "基本支出",
        kind: TableKind::BasicExpenditure,
        code_header: "部门预算支出经济分类科目编码（款，5位）",
        columns: &[
            ("人员经费", ColumnKey::PERSONNEL),
            ("公用经费", ColumnKey::PUBLIC_USE),
        ],
        help: "一般公共预算财政拨款基本支出，按经济分类“款”一行。301、303 为人员经费，302 等为公用经费。",
    },
    DetailSheet {
        name: "政府性基金",
        kind: TableKind::GovernmentFundExpenditure,
        code_header: "功能分类科目编码（项，7位）",
        columns: SPENDING,
        help: "政府性基金预算财政拨款支出。无此项预算时留空，将按空表列示并加注说明。",
    },
    DetailSheet {
        name: "国有资本经营",
        kind: TableKind::StateCapitalExpenditure,
        code_header: "功能分类科目编码（项，7位）",
        columns: SPENDING,
        help: "国有资本经营预算财政拨款支出。无此项预算时留空，将按空表列示并加注说明。",
    },
];

/// The 三公 sheet's lines: label, column key.
const THREE_PUBLIC: &[(&str, ColumnKey)] = &[
    ("因公出国（境）费", ColumnKey::OUTBOUND),
    ("公务用车购置费", ColumnKey::VEHICLE_PURCHASE),
    ("公务用车运行维护费", ColumnKey::VEHICLE_OPERATION),
    ("公务接待费", ColumnKey::RECEPTION),
    ("机关运行经费", ColumnKey::OPERATION_COST),
];

const INFO_KEYS: &[(&str, &str)] = &[
    ("部门名称", "如：邯郸市住房保障和房产管理局"),
    ("部门编码", "如：502（可不填）"),
    ("预算年度", "如：2025"),
    ("文档类型", "部门预算 或 单位预算"),
    ("金额单位", "万元 或 元（各表一致）"),
];

const TEXT_KEYS: &[(&str, &str)] = &[
    ("部门职责", "部门职责的文字，段落之间空一行"),
    ("机构设置", "机构设置的说明文字（单位列表填在“单位”表）"),
    ("project", "项目支出主要用于……"),
    ("change.total", "收支总额比上年增减的主要原因"),
    ("change.basic", "基本支出增减的主要原因"),
    ("change.project", "项目支出增减的主要原因"),
    ("operation_cost", "机关运行经费主要用于……"),
    ("three_public", "“三公”经费增减的主要原因"),
];

const PERFORMANCE_HEADERS: &[&str] = &[
    "项目名称",
    "预算数",
    "财政资金",
    "其他资金",
    "年度绩效目标",
    "一级指标",
    "二级指标",
    "三级指标",
    "指标值",
    "指标值确定依据",
];

fn xerr(path: &Path) -> impl Fn(XlsxError) -> RenderError + '_ {
    move |e| RenderError::Workbook {
        path: path.display().to_string(),
        message: e.to_string(),
    }
}

fn header_format() -> Format {
    Format::new()
        .set_bold()
        .set_border(FormatBorder::Thin)
        .set_align(FormatAlign::Center)
        .set_align(FormatAlign::VerticalCenter)
        .set_text_wrap()
        .set_background_color("#D9E1F2")
}

fn help_format() -> Format {
    Format::new()
        .set_text_wrap()
        .set_font_color("#555555")
        .set_italic()
}

/// Writes the blank input workbook.
pub fn template(out: &Path) -> Result<(), RenderError> {
    let e = xerr(out);
    let mut wb = Workbook::new();
    let head = header_format();
    let help = help_format();
    let text = Format::new()
        .set_num_format("@")
        .set_border(FormatBorder::Thin);
    let money = Format::new()
        .set_num_format("0.00")
        .set_border(FormatBorder::Thin);
    let amount_rule = DataValidation::new()
        .allow_decimal_number(DataValidationRule::Between(-1.0e13, 1.0e13))
        .set_input_title("金额")
        .map_err(&e)?
        .set_input_message("填数字（最多两位小数），不要填单位或文字；为零时留空。")
        .map_err(&e)?;

    {
        let ws = wb.add_worksheet().set_name("说明").map_err(&e)?;
        ws.set_column_width(0, 110).map_err(&e)?;
        let lines = [
            "预决算公开数据录入模板（yusuan）",
            "",
            "一次录入明细，其余由 `yusuan render 本文件 --format pdf|html|xlsx --out 文件` 生成：",
            "· 类、款、合计行、各行合计列由明细自动汇总；收支总表、财政拨款收支总表由各表自动生成，不必填写。",
            "· “基本信息”表：部门名称、年度、文档类型、金额单位。",
            "· “支出总表”（必填）：每个功能分类“项”（7位编码）一行，填基本支出、项目支出等；名称可不填（按当年科目名称）。",
            "· “收入总表”：按收入来源填列；全部为财政拨款时可不填。",
            "· “一般公共预算”“政府性基金”“国有资本经营”：各类财政拨款的支出明细；没有的留空，按空表列示并加注。",
            "· “基本支出”：一般公共预算财政拨款基本支出，经济分类“款”（5位编码）一行，填人员经费、公用经费。",
            "· “三公”：各项“三公”经费与机关运行经费（无则填0）。",
            "· “单位”：机构设置（单位名称、性质、规格、经费保障形式）。",
            "· “说明文字”：部门职责、增减原因等只有部门能写的文字；数字部分由数据自动生成。",
            "· “其他说明”：政府采购、国有资产、名词解释等章节的标题和内容。",
            "· “绩效目标”：每个项目的预算与指标，一行一个指标；同一项目的后续行可只填指标列。",
            "金额填数字，为零留空；编码按文本填写（保留前导零）。生成前会按规则检查，数据自相矛盾时拒绝生成并指出错误。",
        ];
        for (i, l) in lines.iter().enumerate() {
            let r = i as u32;
            if i == 0 {
                ws.write_string_with_format(r, 0, *l, &Format::new().set_bold().set_font_size(14))
                    .map_err(&e)?;
            } else {
                ws.write_string(r, 0, *l).map_err(&e)?;
            }
        }
    }
    {
        let ws = wb.add_worksheet().set_name("基本信息").map_err(&e)?;
        ws.set_column_width(0, 14).map_err(&e)?;
        ws.set_column_width(1, 40).map_err(&e)?;
        ws.set_column_width(2, 40).map_err(&e)?;
        for (c, h) in ["项目", "内容", "填写说明"].iter().enumerate() {
            ws.write_string_with_format(0, c as u16, *h, &head)
                .map_err(&e)?;
        }
        for (i, (k, h)) in INFO_KEYS.iter().enumerate() {
            let r = i as u32 + 1;
            ws.write_string(r, 0, *k).map_err(&e)?;
            ws.write_string_with_format(r, 2, *h, &help).map_err(&e)?;
        }
        let year = DataValidation::new()
            .allow_whole_number(DataValidationRule::Between(2000, 2100))
            .set_input_message("四位年份")
            .map_err(&e)?;
        ws.add_data_validation(3, 1, 3, 1, &year).map_err(&e)?;
        let kind = DataValidation::new()
            .allow_list_strings(&["部门预算", "单位预算"])
            .map_err(&e)?;
        ws.add_data_validation(4, 1, 4, 1, &kind).map_err(&e)?;
        let unit = DataValidation::new()
            .allow_list_strings(&["万元", "元"])
            .map_err(&e)?;
        ws.add_data_validation(5, 1, 5, 1, &unit).map_err(&e)?;
    }
    for sheet in DETAIL_SHEETS {
        let ws = wb.add_worksheet().set_name(sheet.name).map_err(&e)?;
        ws.merge_range(0, 0, 0, (sheet.columns.len() + 1) as u16, sheet.help, &help)
            .map_err(&e)?;
        ws.set_row_height(0, 32).map_err(&e)?;
        ws.write_string_with_format(1, 0, sheet.code_header, &head)
            .map_err(&e)?;
        ws.write_string_with_format(1, 1, "科目名称（可不填）", &head)
            .map_err(&e)?;
        ws.set_column_width(0, 16).map_err(&e)?;
        ws.set_column_width(1, 30).map_err(&e)?;
        for (c, (h, _)) in sheet.columns.iter().enumerate() {
            ws.write_string_with_format(1, c as u16 + 2, *h, &head)
                .map_err(&e)?;
            ws.set_column_width(c as u16 + 2, 14).map_err(&e)?;
        }
        ws.set_freeze_panes(2, 2).map_err(&e)?;
        ws.set_column_format(0, &text).map_err(&e)?;
        for c in 0..sheet.columns.len() {
            ws.set_column_format(c as u16 + 2, &money).map_err(&e)?;
        }
        let digits = if sheet.kind == TableKind::BasicExpenditure {
            5
        } else {
            7
        };
        let code_rule = DataValidation::new()
            .allow_text_length(DataValidationRule::EqualTo(digits))
            .set_input_message(format!("{digits}位科目编码，按文本填写"))
            .map_err(&e)?;
        ws.add_data_validation(2, 0, 2000, 0, &code_rule)
            .map_err(&e)?;
        ws.add_data_validation(2, 2, 2000, sheet.columns.len() as u16 + 1, &amount_rule)
            .map_err(&e)?;
    }
    {
        let ws = wb.add_worksheet().set_name("三公").map_err(&e)?;
        ws.merge_range(
            0,
            0,
            0,
            1,
            "财政拨款“三公”经费与机关运行经费；合计与公务用车小计自动计算；无则填 0。",
            &help,
        )
        .map_err(&e)?;
        ws.write_string_with_format(1, 0, "项目", &head)
            .map_err(&e)?;
        ws.write_string_with_format(1, 1, "金额", &head)
            .map_err(&e)?;
        ws.set_column_width(0, 24).map_err(&e)?;
        ws.set_column_width(1, 16).map_err(&e)?;
        for (i, (label, _)) in THREE_PUBLIC.iter().enumerate() {
            ws.write_string(i as u32 + 2, 0, *label).map_err(&e)?;
            ws.write_blank(i as u32 + 2, 1, &money).map_err(&e)?;
        }
        ws.add_data_validation(2, 1, 1 + THREE_PUBLIC.len() as u32, 1, &amount_rule)
            .map_err(&e)?;
    }
    for (name, note) in [
        (
            "收支总表",
            "收支总表由收入、支出及各财政拨款表自动生成，无需填写。",
        ),
        (
            "财政拨款收支总表",
            "财政拨款收支总表由一般公共预算、政府性基金、国有资本经营支出表自动生成，无需填写。",
        ),
    ] {
        let ws = wb.add_worksheet().set_name(name).map_err(&e)?;
        ws.set_column_width(0, 80).map_err(&e)?;
        ws.write_string_with_format(0, 0, note, &help).map_err(&e)?;
    }
    {
        let ws = wb.add_worksheet().set_name("单位").map_err(&e)?;
        for (c, h) in ["单位名称", "单位性质", "单位规格", "经费保障形式"]
            .iter()
            .enumerate()
        {
            ws.write_string_with_format(0, c as u16, *h, &head)
                .map_err(&e)?;
            ws.set_column_width(c as u16, if c == 0 { 40 } else { 20 })
                .map_err(&e)?;
        }
        let nature = DataValidation::new()
            .allow_list_strings(&["行政", "事业", "参公", "其他"])
            .map_err(&e)?;
        ws.add_data_validation(1, 1, 500, 1, &nature).map_err(&e)?;
    }
    {
        let ws = wb.add_worksheet().set_name("说明文字").map_err(&e)?;
        for (c, h) in ["项目", "内容", "填写说明"].iter().enumerate() {
            ws.write_string_with_format(0, c as u16, *h, &head)
                .map_err(&e)?;
        }
        ws.set_column_width(0, 16).map_err(&e)?;
        ws.set_column_width(1, 80).map_err(&e)?;
        ws.set_column_width(2, 36).map_err(&e)?;
        for (i, (k, h)) in TEXT_KEYS.iter().enumerate() {
            ws.write_string(i as u32 + 1, 0, *k).map_err(&e)?;
            ws.write_string_with_format(i as u32 + 1, 2, *h, &help)
                .map_err(&e)?;
        }
    }
    {
        let ws = wb.add_worksheet().set_name("其他说明").map_err(&e)?;
        for (c, h) in ["章节标题", "内容"].iter().enumerate() {
            ws.write_string_with_format(0, c as u16, *h, &head)
                .map_err(&e)?;
        }
        ws.set_column_width(0, 30).map_err(&e)?;
        ws.set_column_width(1, 100).map_err(&e)?;
    }
    {
        let ws = wb.add_worksheet().set_name("绩效目标").map_err(&e)?;
        for (c, h) in PERFORMANCE_HEADERS.iter().enumerate() {
            ws.write_string_with_format(0, c as u16, *h, &head)
                .map_err(&e)?;
            ws.set_column_width(c as u16, if c == 4 { 40 } else { 16 })
                .map_err(&e)?;
        }
        let level1 = DataValidation::new()
            .allow_list_strings(&["产出指标", "效益指标", "满意度指标", "成本指标"])
            .map_err(&e)?;
        ws.add_data_validation(1, 5, 2000, 5, &level1).map_err(&e)?;
        ws.add_data_validation(1, 1, 2000, 3, &amount_rule)
            .map_err(&e)?;
        ws.set_freeze_panes(1, 1).map_err(&e)?;
    }
    wb.save(out).map_err(&e)
}

// ---------------------------------------------------------------------------------------------
// Reading a filled template.

fn cell_text(c: &Data) -> String {
    match c {
        Data::String(s) => s.trim().to_string(),
        Data::Int(i) => i.to_string(),
        Data::Float(f) => {
            if f.fract() == 0.0 && f.abs() < 1e15 {
                format!("{}", *f as i64)
            } else {
                f.to_string()
            }
        }
        Data::Bool(b) => b.to_string(),
        Data::DateTimeIso(s) | Data::DurationIso(s) => s.clone(),
        Data::DateTime(d) => d.to_string(),
        Data::Error(_) | Data::Empty => String::new(),
    }
}

fn cell_amount(c: &Data, at: &str) -> Result<Option<Decimal>, String> {
    let parsed = match c {
        Data::Empty => return Ok(None),
        Data::Int(i) => Decimal::from(*i),
        Data::Float(f) => Decimal::from_str(&f.to_string())
            .or_else(|_| Decimal::from_scientific(&format!("{f:e}")))
            .map_err(|_| format!("{at}: {f} is not an amount"))?,
        Data::String(s) => {
            let t: String = s
                .trim()
                .chars()
                .filter(|c| *c != ',' && *c != '，')
                .collect();
            if t.is_empty() || t == "-" || t == "—" {
                return Ok(None);
            }
            Decimal::from_str(&t).map_err(|_| format!("{at}: “{s}” is not an amount"))?
        }
        other => return Err(format!("{at}: {other:?} is not an amount")),
    };
    // Binary doubles: figures typed with cents come back with them; noise beyond is dropped.
    // Typed figures are exact to the cent: printed with two decimals.
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

fn column_letter(c: usize) -> String {
    let mut n = c + 1;
    let mut s = String::new();
    while n > 0 {
        let r = (n - 1) % 26;
        s.insert(0, (b'A' + r as u8) as char);
        n = (n - 1) / 26;
    }
    s
}

/// Reads a filled template: the model with only detail rows (derive completes it) and the free
/// text. The second value lists the sheets that were absent.
pub fn read(path: &Path) -> Result<(RenderInput, Vec<String>), RenderError> {
    let name = path.display().to_string();
    let err = |m: String| RenderError::Workbook {
        path: name.clone(),
        message: m,
    };
    let mut wb = calamine::open_workbook_auto(path).map_err(|e| err(e.to_string()))?;
    let sheets = wb.sheet_names().to_vec();
    let mut missing = Vec::new();
    let mut range = |sheet: &str| -> Option<calamine::Range<Data>> {
        if sheets.iter().any(|s| s == sheet) {
            wb.worksheet_range(sheet).ok()
        } else {
            None
        }
    };
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
    let span = |sheet: &str, row: usize| Span {
        path: format!("{name}#{sheet}"),
        page: None,
        line: row as u32 + 1,
        column: None,
        length: None,
        bbox: None,
        origin: Some(format!("{sheet}!{}:{}", row + 1, row + 1)),
    };

    let mut unit = MoneyUnit::WanYuan;
    if let Some(r) = range("基本信息") {
        for (i, row) in r.rows().enumerate() {
            let key = row.first().map(cell_text).unwrap_or_default();
            let val = row.get(1).map(cell_text).unwrap_or_default();
            if val.is_empty() {
                continue;
            }
            match key.as_str() {
                "部门名称" => {
                    let code = d.department.as_ref().and_then(|x| x.code.clone());
                    d.department = Some(Department {
                        name: val,
                        code,
                        span: Some(span("基本信息", i)),
                    });
                }
                "部门编码" => {
                    let dp = d.department.get_or_insert_with(Department::default);
                    dp.code = Some(val);
                }
                "预算年度" => {
                    d.year =
                        Some(val.parse().map_err(|_| {
                            err(format!("基本信息!B{}: “{val}” is not a year", i + 1))
                        })?)
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
    } else {
        missing.push("基本信息".to_string());
    }
    let year = d.year.unwrap_or(2025);

    for sheet in DETAIL_SHEETS {
        let Some(r) = range(sheet.name) else {
            missing.push(sheet.name.to_string());
            continue;
        };
        // The header row: the one whose second cell starts with 科目名称.
        let rows: Vec<&[Data]> = r.rows().collect();
        let start = r.start().map(|(row, _)| row as usize).unwrap_or(0);
        let Some(h) = rows.iter().position(|row| {
            row.get(1)
                .map(cell_text)
                .is_some_and(|t| t.starts_with("科目名称"))
        }) else {
            return Err(err(format!(
                "sheet {}: no header row (科目名称)",
                sheet.name
            )));
        };
        let headers: Vec<String> = rows[h].iter().map(cell_text).collect();
        let mut cols: Vec<(usize, ColumnKey)> = Vec::new();
        for (label, key) in sheet.columns {
            if let Some(i) = headers.iter().position(|x| x == label) {
                cols.push((i, key.clone()));
            }
        }
        let mut table = Table {
            kind: sheet.kind,
            title: String::new(),
            unit: Some(unit),
            columns: Vec::new(),
            rows: Vec::new(),
            empty: false,
            empty_note: None,
            unreadable: None,
            span: span(sheet.name, start + h),
            end_line: 0,
        };
        table.columns.push(Column {
            key: ColumnKey::TOTAL,
            label: "合计".into(),
            side: None,
        });
        if sheet.kind == TableKind::Income {
            table.columns.push(Column {
                key: ColumnKey::SUBTOTAL,
                label: "本年收入小计".into(),
                side: None,
            });
        }
        for (label, key) in sheet.columns {
            table.columns.push(Column {
                key: key.clone(),
                label: label.to_string(),
                side: None,
            });
        }
        for (i, row) in rows.iter().enumerate().skip(h + 1) {
            let line = start + i;
            let code: String = row
                .first()
                .map(cell_text)
                .unwrap_or_default()
                .chars()
                .filter(|c| !c.is_whitespace())
                .collect();
            let mut cells = BTreeMap::new();
            for (c, key) in &cols {
                let at = format!("{}!{}{}", sheet.name, column_letter(*c), line + 1);
                if let Some(v) =
                    cell_amount(row.get(*c).unwrap_or(&Data::Empty), &at).map_err(&err)?
                {
                    cells.insert(key.clone(), v);
                }
            }
            if code.is_empty() {
                if cells.is_empty() {
                    continue;
                }
                return Err(err(format!(
                    "{}!A{}: amounts without a classification code",
                    sheet.name,
                    line + 1
                )));
            }
            let digits = if sheet.kind == TableKind::BasicExpenditure {
                5
            } else {
                7
            };
            if code.len() != digits || !code.chars().all(|c| c.is_ascii_digit()) {
                return Err(err(format!(
                    "{}!A{}: “{code}” is not a {digits}-digit code (give the detail rows only; parents are summed)",
                    sheet.name,
                    line + 1
                )));
            }
            let mut name = row.get(1).map(cell_text).unwrap_or_default();
            if name.is_empty() {
                let found = if sheet.kind == TableKind::BasicExpenditure {
                    yusuan_codes::economic_name(year, &code)
                } else {
                    yusuan_codes::functional_name(year, &code)
                };
                name = found.map(|l| l.name.to_string()).ok_or_else(|| {
                    err(format!(
                        "{}!B{}: code {code} is not in the {year} dictionary; write its name",
                        sheet.name,
                        line + 1
                    ))
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
            table.rows.push(Row {
                seq: None,
                code: Some(code),
                name,
                item: None,
                side: None,
                is_total: false,
                cells,
                uncertain: Vec::new(),
                cell_spans: BTreeMap::new(),
                span: span(sheet.name, line),
            });
        }
        let optional = matches!(
            sheet.kind,
            TableKind::Income | TableKind::GeneralPublicExpenditure
        );
        if table.rows.is_empty() && optional {
            continue;
        }
        if table.rows.is_empty() {
            table.empty = true;
        }
        d.tables.push(table);
    }
    let _ = SPENDING;

    match range("三公") {
        Some(r) => {
            let mut cells = BTreeMap::new();
            let mut seen = 0;
            let start = r.start().map(|(row, _)| row as usize).unwrap_or(0);
            for (i, row) in r.rows().enumerate() {
                let label = row.first().map(cell_text).unwrap_or_default();
                if let Some((_, key)) = THREE_PUBLIC.iter().find(|(l, _)| *l == label) {
                    seen += 1;
                    let at = format!("三公!B{}", start + i + 1);
                    if let Some(v) =
                        cell_amount(row.get(1).unwrap_or(&Data::Empty), &at).map_err(&err)?
                    {
                        cells.insert(key.clone(), v);
                    }
                }
            }
            if seen > 0 {
                let mut columns = vec![ColumnKey::TOTAL, ColumnKey::OUTBOUND, ColumnKey::VEHICLE];
                columns.extend([
                    ColumnKey::VEHICLE_PURCHASE,
                    ColumnKey::VEHICLE_OPERATION,
                    ColumnKey::RECEPTION,
                    ColumnKey::OPERATION_COST,
                ]);
                d.tables.push(Table {
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
                        span: span("三公", start),
                    }],
                    empty: false,
                    empty_note: None,
                    unreadable: None,
                    span: span("三公", start),
                    end_line: 0,
                });
            }
        }
        None => missing.push("三公".into()),
    }

    if let Some(r) = range("单位") {
        for (i, row) in r.rows().enumerate() {
            let get = |c: usize| row.get(c).map(cell_text).filter(|s| !s.is_empty());
            if get(0).as_deref() == Some(PERFORMANCE_HEADERS[0]) {
                continue;
            }
            if let Some(n) = get(0) {
                d.units.push(OrgUnit {
                    name: n,
                    nature: get(1),
                    rank: get(2),
                    funding: get(3),
                    note: None,
                    span: span("单位", i),
                });
            }
        }
    }
    let mut text = FreeText::default();
    if let Some(r) = range("说明文字") {
        for row in r.rows() {
            let key = row.first().map(cell_text).unwrap_or_default();
            let val = row.get(1).map(cell_text).unwrap_or_default();
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
    if let Some(r) = range("其他说明") {
        for row in r.rows() {
            let heading = row.first().map(cell_text).unwrap_or_default();
            let body = row.get(1).map(cell_text).unwrap_or_default();
            if !heading.is_empty() && heading != "章节标题" {
                text.sections.push(FreeSection {
                    heading,
                    text: body,
                });
            }
        }
    }
    if let Some(r) = range("绩效目标") {
        let start = r.start().map(|(row, _)| row as usize).unwrap_or(0);
        for (i, row) in r.rows().enumerate() {
            let get = |c: usize| row.get(c).map(cell_text).filter(|s| !s.is_empty());
            if get(0).as_deref() == Some(PERFORMANCE_HEADERS[0]) {
                continue;
            }
            let line = start + i;
            let fig = |c: usize| -> Result<Option<Figure>, RenderError> {
                let at = format!("绩效目标!{}{}", column_letter(c), line + 1);
                Ok(cell_amount(row.get(c).unwrap_or(&Data::Empty), &at)
                    .map_err(&err)?
                    .map(|value| Figure {
                        value,
                        span: span("绩效目标", line),
                    }))
            };
            if let Some(name) = get(0) {
                d.projects.push(Project {
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
                    span: span("绩效目标", line),
                    end_line: 0,
                });
            }
            if let (Some(p), Some(ind)) = (d.projects.last_mut(), get(7)) {
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
                    span: span("绩效目标", line),
                });
            }
        }
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

// ---------------------------------------------------------------------------------------------
// The rendered disclosure as a workbook.

/// `#,##0.00`, `0`, … for a figure with `decimals` decimals.
fn number_format(separators: bool, decimals: usize) -> String {
    let int = if separators { "#,##0" } else { "0" };
    if decimals == 0 {
        int.to_string()
    } else {
        format!("{int}.{}", "0".repeat(decimals))
    }
}

fn to_number(v: &str) -> Option<f64> {
    let t: String = v.chars().filter(|c| *c != ',').collect();
    if t.is_empty() {
        None
    } else {
        t.parse().ok()
    }
}

/// Sheet names: at most 31 characters, none of `[]:*?/\`.
fn sheet_name(i: usize, title: &str) -> String {
    let clean: String = title.chars().filter(|c| !"[]:*?/\\".contains(*c)).collect();
    let mut s = format!("{}.{clean}", i + 1);
    if s.chars().count() > 31 {
        s = s.chars().take(31).collect();
    }
    s
}

/// Writes the rendered disclosure: a cover sheet with the contents, one sheet per table (title,
/// unit, header rows repeated when printed, A4), the explanation, the performance tables.
pub fn write(doc: &Document, out: &Path) -> Result<(), RenderError> {
    let e = xerr(out);
    let d = &doc.disclosure;
    let sep = layout::separators(doc.template);
    let mut wb = Workbook::new();
    let title_f = Format::new()
        .set_bold()
        .set_font_size(16)
        .set_align(FormatAlign::Center);
    let head = header_format().set_background_color("#F2F2F2");
    let text_f = Format::new().set_border(FormatBorder::Thin);
    let num_f = Format::new()
        .set_border(FormatBorder::Thin)
        .set_num_format(if sep { "#,##0.00" } else { "0.00" });
    let text_total = text_f.clone().set_bold();
    {
        let ws = wb.add_worksheet().set_name("封面").map_err(&e)?;
        ws.set_column_width(0, 80).map_err(&e)?;
        ws.write_string_with_format(1, 0, document_title(d), &title_f)
            .map_err(&e)?;
        ws.write_string_with_format(3, 0, "目录", &Format::new().set_bold())
            .map_err(&e)?;
        for (i, t) in d.tables.iter().enumerate() {
            ws.write_string(
                4 + i as u32,
                0,
                format!("{}. {}", i + 1, layout::table_title(t, d, doc.template)),
            )
            .map_err(&e)?;
        }
        let n = 4 + d.tables.len() as u32;
        ws.write_string(n, 0, format!("{}情况说明", document_title(d)))
            .map_err(&e)?;
        if !d.projects.is_empty() {
            ws.write_string(n + 1, 0, "项目支出绩效目标表")
                .map_err(&e)?;
        }
    }
    for (i, t) in d.tables.iter().enumerate() {
        let g = grid(t, d, doc.template);
        let ws: &mut Worksheet = wb
            .add_worksheet()
            .set_name(sheet_name(i, &g.title))
            .map_err(&e)?;
        let width = g.header.first().map(Vec::len).unwrap_or(1).max(1) as u16;
        ws.set_paper_size(9);
        if width > 8 {
            ws.set_landscape();
        }
        ws.merge_range(0, 0, 0, width - 1, &g.title, &title_f)
            .map_err(&e)?;
        ws.set_row_height(0, 28).map_err(&e)?;
        // 编制部门, 预算年度 and 单位 each on a line of its own, as printed above the table.
        let mut r = 1u32;
        let mut meta = g.meta.clone();
        meta.push(g.unit.clone());
        for m in &meta {
            if width > 1 {
                ws.merge_range(r, 0, r, width - 1, m, &Format::new())
                    .map_err(&e)?;
            } else {
                ws.write_string(r, 0, m).map_err(&e)?;
            }
            r += 1;
        }
        let first_header = r;
        for h in &g.header {
            for (c, v) in h.iter().enumerate() {
                ws.write_string_with_format(r, c as u16, v, &head)
                    .map_err(&e)?;
            }
            r += 1;
        }
        ws.set_repeat_rows(first_header, r - 1).map_err(&e)?;
        ws.set_freeze_panes(r, 0).map_err(&e)?;
        for (bi, row) in g.body.iter().enumerate() {
            let total = g.total_rows.contains(&bi);
            for (c, v) in row.iter().enumerate() {
                if g.column(c) != ColKind::Amount {
                    let f = if total { &text_total } else { &text_f };
                    ws.write_string_with_format(r, c as u16, v, f).map_err(&e)?;
                } else {
                    // The number format shows the figure's own decimals (a figure printed
                    // without cents is not given any).
                    let decimals = v.rsplit_once('.').map(|(_, f)| f.len()).unwrap_or(0);
                    let mut f = Format::new()
                        .set_border(FormatBorder::Thin)
                        .set_num_format(number_format(sep, decimals));
                    if total {
                        f = f.set_bold();
                    }
                    match to_number(v) {
                        Some(n) => ws
                            .write_number_with_format(r, c as u16, n, &f)
                            .map_err(&e)?,
                        None => ws.write_blank(r, c as u16, &f).map_err(&e)?,
                    };
                }
            }
            r += 1;
        }
        if let Some(n) = &g.note {
            ws.write_string(r + 1, 0, n).map_err(&e)?;
        }
        for c in 0..width {
            let w = match g.column(c as usize) {
                ColKind::Seq => 6.0,
                ColKind::Code => 12.0,
                ColKind::Text => 32.0,
                ColKind::Amount => 15.0,
            };
            ws.set_column_width(c, w).map_err(&e)?;
        }
    }
    {
        let ws = wb.add_worksheet().set_name("情况说明").map_err(&e)?;
        ws.set_column_width(0, 110).map_err(&e)?;
        ws.set_paper_size(9);
        let wrap = Format::new().set_text_wrap();
        let bold = Format::new().set_bold();
        let mut r = 0u32;
        ws.write_string_with_format(r, 0, format!("{}情况说明", document_title(d)), &title_f)
            .map_err(&e)?;
        r += 2;
        for sec in &doc.explanation {
            ws.write_string_with_format(r, 0, &sec.heading, &bold)
                .map_err(&e)?;
            r += 1;
            for p in &sec.paragraphs {
                ws.write_string_with_format(r, 0, p, &wrap).map_err(&e)?;
                r += 1;
            }
            if sec.units_table {
                for u in &d.units {
                    let line = [
                        u.name.as_str(),
                        u.nature.as_deref().unwrap_or(""),
                        u.rank.as_deref().unwrap_or(""),
                        u.funding.as_deref().unwrap_or(""),
                    ]
                    .join("　");
                    ws.write_string(r, 0, line).map_err(&e)?;
                    r += 1;
                }
            }
        }
    }
    if !d.projects.is_empty() {
        let ws = wb.add_worksheet().set_name("绩效目标").map_err(&e)?;
        for (c, h) in PERFORMANCE_HEADERS.iter().enumerate() {
            ws.write_string_with_format(0, c as u16, *h, &head)
                .map_err(&e)?;
            ws.set_column_width(c as u16, if c == 4 { 40 } else { 16 })
                .map_err(&e)?;
        }
        let mut r = 1u32;
        for p in &d.projects {
            ws.write_string(r, 0, &p.name).map_err(&e)?;
            for (c, f) in [(1u16, &p.budget), (2, &p.fiscal_funds), (3, &p.other_funds)] {
                if let Some(n) = f.as_ref().and_then(|f| to_number(&f.value.to_string())) {
                    ws.write_number_with_format(r, c, n, &num_f).map_err(&e)?;
                }
            }
            if let Some(g) = p.goal.as_deref().or(p.overall_goal.as_deref()) {
                ws.write_string(r, 4, g).map_err(&e)?;
            }
            if p.indicators.is_empty() {
                r += 1;
            }
            for ind in &p.indicators {
                ws.write_string(r, 5, ind.level1.as_deref().unwrap_or(""))
                    .map_err(&e)?;
                ws.write_string(r, 6, ind.level2.as_deref().unwrap_or(""))
                    .map_err(&e)?;
                ws.write_string(r, 7, &ind.name).map_err(&e)?;
                ws.write_string(r, 8, &ind.value.raw).map_err(&e)?;
                ws.write_string(r, 9, ind.basis.as_deref().unwrap_or(""))
                    .map_err(&e)?;
                r += 1;
            }
        }
    }
    wb.save(out).map_err(&e)
}
