//! Writing the blank input workbook, one sheet at a time.

use rust_xlsxwriter::{
    DataValidation, DataValidationRule, Format, FormatBorder, Workbook, XlsxError,
};
use yusuan_model::TableKind;

use super::{
    header_format, help_format, xerr, DetailSheet, DETAIL_SHEETS, INFO_KEYS, PERFORMANCE_HEADERS,
    TEXT_KEYS, THREE_PUBLIC,
};
use crate::RenderError;
use std::path::Path;

/// The formats and the amount rule the sheets share.
struct Formats {
    head: Format,
    help: Format,
    text: Format,
    money: Format,
    amount_rule: DataValidation,
}

impl Formats {
    fn new() -> Result<Self, XlsxError> {
        Ok(Formats {
            head: header_format(),
            help: help_format(),
            text: Format::new()
                .set_num_format("@")
                .set_border(FormatBorder::Thin),
            money: Format::new()
                .set_num_format("0.00")
                .set_border(FormatBorder::Thin),
            amount_rule: DataValidation::new()
                .allow_decimal_number(DataValidationRule::Between(-1.0e13, 1.0e13))
                .set_input_title("金额")?
                .set_input_message("填数字（最多两位小数），不要填单位或文字；为零时留空。")?,
        })
    }
}

/// Writes the blank input workbook.
pub fn template(out: &Path) -> Result<(), RenderError> {
    let e = xerr(out);
    let mut wb = Workbook::new();
    let f = Formats::new().map_err(&e)?;
    guide_sheet(&mut wb).map_err(&e)?;
    info_sheet(&mut wb, &f).map_err(&e)?;
    for sheet in DETAIL_SHEETS {
        detail_sheet(&mut wb, sheet, &f).map_err(&e)?;
    }
    three_public_sheet(&mut wb, &f).map_err(&e)?;
    derived_sheets(&mut wb, &f).map_err(&e)?;
    units_sheet(&mut wb, &f).map_err(&e)?;
    text_sheet(&mut wb, &f).map_err(&e)?;
    sections_sheet(&mut wb, &f).map_err(&e)?;
    performance_sheet(&mut wb, &f).map_err(&e)?;
    wb.save(out).map_err(&e)
}

/// 说明: how to fill the workbook.
fn guide_sheet(wb: &mut Workbook) -> Result<(), XlsxError> {
    let ws = wb.add_worksheet().set_name("说明")?;
    ws.set_column_width(0, 110)?;
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
            ws.write_string_with_format(r, 0, *l, &Format::new().set_bold().set_font_size(14))?;
        } else {
            ws.write_string(r, 0, *l)?;
        }
    }
    Ok(())
}

/// 基本信息: department, year, kind, unit.
fn info_sheet(wb: &mut Workbook, f: &Formats) -> Result<(), XlsxError> {
    let ws = wb.add_worksheet().set_name("基本信息")?;
    ws.set_column_width(0, 14)?;
    ws.set_column_width(1, 40)?;
    ws.set_column_width(2, 40)?;
    for (c, h) in ["项目", "内容", "填写说明"].iter().enumerate() {
        ws.write_string_with_format(0, c as u16, *h, &f.head)?;
    }
    for (i, (k, h)) in INFO_KEYS.iter().enumerate() {
        let r = i as u32 + 1;
        ws.write_string(r, 0, *k)?;
        ws.write_string_with_format(r, 2, *h, &f.help)?;
    }
    let year = DataValidation::new()
        .allow_whole_number(DataValidationRule::Between(2000, 2100))
        .set_input_message("四位年份")?;
    ws.add_data_validation(3, 1, 3, 1, &year)?;
    let kind = DataValidation::new().allow_list_strings(&["部门预算", "单位预算"])?;
    ws.add_data_validation(4, 1, 4, 1, &kind)?;
    let unit = DataValidation::new().allow_list_strings(&["万元", "元"])?;
    ws.add_data_validation(5, 1, 5, 1, &unit)?;
    Ok(())
}

/// A sheet of detail rows.
fn detail_sheet(wb: &mut Workbook, sheet: &DetailSheet, f: &Formats) -> Result<(), XlsxError> {
    let ws = wb.add_worksheet().set_name(sheet.name)?;
    ws.merge_range(
        0,
        0,
        0,
        (sheet.columns.len() + 1) as u16,
        sheet.help,
        &f.help,
    )?;
    ws.set_row_height(0, 32)?;
    ws.write_string_with_format(1, 0, sheet.code_header, &f.head)?;
    ws.write_string_with_format(1, 1, "科目名称（可不填）", &f.head)?;
    ws.set_column_width(0, 16)?;
    ws.set_column_width(1, 30)?;
    for (c, (h, _)) in sheet.columns.iter().enumerate() {
        ws.write_string_with_format(1, c as u16 + 2, *h, &f.head)?;
        ws.set_column_width(c as u16 + 2, 14)?;
    }
    ws.set_freeze_panes(2, 2)?;
    ws.set_column_format(0, &f.text)?;
    for c in 0..sheet.columns.len() {
        ws.set_column_format(c as u16 + 2, &f.money)?;
    }
    let digits = if sheet.kind == TableKind::BasicExpenditure {
        5
    } else {
        7
    };
    let code_rule = DataValidation::new()
        .allow_text_length(DataValidationRule::EqualTo(digits))
        .set_input_message(format!("{digits}位科目编码，按文本填写"))?;
    ws.add_data_validation(2, 0, 2000, 0, &code_rule)?;
    ws.add_data_validation(2, 2, 2000, sheet.columns.len() as u16 + 1, &f.amount_rule)?;
    Ok(())
}

/// 三公: the 三公 figures and 机关运行经费.
fn three_public_sheet(wb: &mut Workbook, f: &Formats) -> Result<(), XlsxError> {
    let ws = wb.add_worksheet().set_name("三公")?;
    ws.merge_range(
        0,
        0,
        0,
        1,
        "财政拨款“三公”经费与机关运行经费；合计与公务用车小计自动计算；无则填 0。",
        &f.help,
    )?;
    ws.write_string_with_format(1, 0, "项目", &f.head)?;
    ws.write_string_with_format(1, 1, "金额", &f.head)?;
    ws.set_column_width(0, 24)?;
    ws.set_column_width(1, 16)?;
    for (i, (label, _)) in THREE_PUBLIC.iter().enumerate() {
        ws.write_string(i as u32 + 2, 0, *label)?;
        ws.write_blank(i as u32 + 2, 1, &f.money)?;
    }
    ws.add_data_validation(2, 1, 1 + THREE_PUBLIC.len() as u32, 1, &f.amount_rule)?;
    Ok(())
}

/// The summary tables, derived: a note only.
fn derived_sheets(wb: &mut Workbook, f: &Formats) -> Result<(), XlsxError> {
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
        let ws = wb.add_worksheet().set_name(name)?;
        ws.set_column_width(0, 80)?;
        ws.write_string_with_format(0, 0, note, &f.help)?;
    }
    Ok(())
}

/// 单位: the unit list.
fn units_sheet(wb: &mut Workbook, f: &Formats) -> Result<(), XlsxError> {
    let ws = wb.add_worksheet().set_name("单位")?;
    for (c, h) in ["单位名称", "单位性质", "单位规格", "经费保障形式"]
        .iter()
        .enumerate()
    {
        ws.write_string_with_format(0, c as u16, *h, &f.head)?;
        ws.set_column_width(c as u16, if c == 0 { 40 } else { 20 })?;
    }
    let nature = DataValidation::new().allow_list_strings(&["行政", "事业", "参公", "其他"])?;
    ws.add_data_validation(1, 1, 500, 1, &nature)?;
    Ok(())
}

/// 说明文字: the free text only the department can write.
fn text_sheet(wb: &mut Workbook, f: &Formats) -> Result<(), XlsxError> {
    let ws = wb.add_worksheet().set_name("说明文字")?;
    for (c, h) in ["项目", "内容", "填写说明"].iter().enumerate() {
        ws.write_string_with_format(0, c as u16, *h, &f.head)?;
    }
    ws.set_column_width(0, 16)?;
    ws.set_column_width(1, 80)?;
    ws.set_column_width(2, 36)?;
    for (i, (k, h)) in TEXT_KEYS.iter().enumerate() {
        ws.write_string(i as u32 + 1, 0, *k)?;
        ws.write_string_with_format(i as u32 + 1, 2, *h, &f.help)?;
    }
    Ok(())
}

/// 其他说明: further sections, heading and text.
fn sections_sheet(wb: &mut Workbook, f: &Formats) -> Result<(), XlsxError> {
    let ws = wb.add_worksheet().set_name("其他说明")?;
    for (c, h) in ["章节标题", "内容"].iter().enumerate() {
        ws.write_string_with_format(0, c as u16, *h, &f.head)?;
    }
    ws.set_column_width(0, 30)?;
    ws.set_column_width(1, 100)?;
    Ok(())
}

/// 绩效目标: projects and their indicators, one indicator a line.
fn performance_sheet(wb: &mut Workbook, f: &Formats) -> Result<(), XlsxError> {
    let ws = wb.add_worksheet().set_name("绩效目标")?;
    for (c, h) in PERFORMANCE_HEADERS.iter().enumerate() {
        ws.write_string_with_format(0, c as u16, *h, &f.head)?;
        ws.set_column_width(c as u16, if c == 4 { 40 } else { 16 })?;
    }
    let level1 = DataValidation::new().allow_list_strings(&[
        "产出指标",
        "效益指标",
        "满意度指标",
        "成本指标",
    ])?;
    ws.add_data_validation(1, 5, 2000, 5, &level1)?;
    ws.add_data_validation(1, 1, 2000, 3, &f.amount_rule)?;
    ws.set_freeze_panes(1, 1)?;
    Ok(())
}
