//! Workbooks: the rendered disclosure as a workbook with one sheet per table ([`write`]); the
//! input template is written and read by [`crate::template`] (re-exported here as [`template`]
//! and [`read`]).

use std::path::Path;

use rust_xlsxwriter::{Format, FormatAlign, FormatBorder, Workbook, Worksheet, XlsxError};
use yusuan_model::{Disclosure, Table};

use crate::grid::{grid, ColKind};
use crate::layout::{self, document_title};
use crate::template::PERFORMANCE_HEADERS;
use crate::{Document, RenderError};

pub use crate::template::{read, template};

pub(crate) fn xerr(path: &Path) -> impl Fn(XlsxError) -> RenderError + '_ {
    move |e| RenderError::Workbook {
        path: path.display().to_string(),
        message: e.to_string(),
    }
}

pub(crate) fn header_format() -> Format {
    Format::new()
        .set_bold()
        .set_border(FormatBorder::Thin)
        .set_align(FormatAlign::Center)
        .set_align(FormatAlign::VerticalCenter)
        .set_text_wrap()
        .set_background_color("#D9E1F2")
}

pub(crate) fn help_format() -> Format {
    Format::new()
        .set_text_wrap()
        .set_font_color("#555555")
        .set_italic()
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

/// The formats the sheets of a rendered disclosure share.
struct Formats {
    title: Format,
    head: Format,
    text: Format,
    text_total: Format,
    number: Format,
    /// Amounts printed with thousands separators (the province's layout).
    separators: bool,
}

impl Formats {
    fn new(separators: bool) -> Self {
        let text = Format::new().set_border(FormatBorder::Thin);
        Formats {
            title: Format::new()
                .set_bold()
                .set_font_size(16)
                .set_align(FormatAlign::Center),
            head: header_format().set_background_color("#F2F2F2"),
            text_total: text.clone().set_bold(),
            text,
            number: Format::new()
                .set_border(FormatBorder::Thin)
                .set_num_format(if separators { "#,##0.00" } else { "0.00" }),
            separators,
        }
    }
}

/// Writes the rendered disclosure: a cover sheet with the contents, one sheet per table (title,
/// unit, header rows repeated when printed, A4), the explanation, the performance tables.
pub fn write(doc: &Document, out: &Path) -> Result<(), RenderError> {
    let e = xerr(out);
    let d = &doc.disclosure;
    let mut wb = Workbook::new();
    let f = Formats::new(layout::separators(doc.template));
    cover_sheet(&mut wb, doc, &f).map_err(&e)?;
    for (i, t) in d.tables.iter().enumerate() {
        table_sheet(&mut wb, doc, i, t, &f).map_err(&e)?;
    }
    explanation_sheet(&mut wb, doc, &f).map_err(&e)?;
    if !d.projects.is_empty() {
        performance_sheet(&mut wb, d, &f).map_err(&e)?;
    }
    wb.save(out).map_err(&e)
}

/// 封面: the title and the contents.
fn cover_sheet(wb: &mut Workbook, doc: &Document, f: &Formats) -> Result<(), XlsxError> {
    let d = &doc.disclosure;
    let ws = wb.add_worksheet().set_name("封面")?;
    ws.set_column_width(0, 80)?;
    ws.write_string_with_format(1, 0, document_title(d), &f.title)?;
    ws.write_string_with_format(3, 0, "目录", &Format::new().set_bold())?;
    for (i, t) in d.tables.iter().enumerate() {
        ws.write_string(
            4 + i as u32,
            0,
            format!("{}. {}", i + 1, layout::table_title(t, d, doc.template)),
        )?;
    }
    let n = 4 + d.tables.len() as u32;
    ws.write_string(n, 0, format!("{}情况说明", document_title(d)))?;
    if !d.projects.is_empty() {
        ws.write_string(n + 1, 0, "项目支出绩效目标表")?;
    }
    Ok(())
}

/// One table as printed: title, 编制部门 / 年度 / 单位 lines, header rows repeated on every
/// page, the body with amounts as numbers in their printed precision.
fn table_sheet(
    wb: &mut Workbook,
    doc: &Document,
    i: usize,
    t: &Table,
    f: &Formats,
) -> Result<(), XlsxError> {
    let d = &doc.disclosure;
    let g = grid(t, d, doc.template);
    let ws: &mut Worksheet = wb.add_worksheet().set_name(sheet_name(i, &g.title))?;
    let width = g.header.first().map(Vec::len).unwrap_or(1).max(1) as u16;
    ws.set_paper_size(9);
    if width > 8 {
        ws.set_landscape();
    }
    ws.merge_range(0, 0, 0, width - 1, &g.title, &f.title)?;
    ws.set_row_height(0, 28)?;
    // 编制部门, 预算年度 and 单位 each on a line of its own, as printed above the table.
    let mut r = 1u32;
    let mut meta = g.meta.clone();
    meta.push(g.unit.clone());
    for m in &meta {
        if width > 1 {
            ws.merge_range(r, 0, r, width - 1, m, &Format::new())?;
        } else {
            ws.write_string(r, 0, m)?;
        }
        r += 1;
    }
    let first_header = r;
    for h in &g.header {
        for (c, v) in h.iter().enumerate() {
            ws.write_string_with_format(r, c as u16, v, &f.head)?;
        }
        r += 1;
    }
    ws.set_repeat_rows(first_header, r - 1)?;
    ws.set_freeze_panes(r, 0)?;
    for (bi, row) in g.body.iter().enumerate() {
        let total = g.total_rows.contains(&bi);
        for (c, v) in row.iter().enumerate() {
            if g.column(c) != ColKind::Amount {
                let format = if total { &f.text_total } else { &f.text };
                ws.write_string_with_format(r, c as u16, v, format)?;
            } else {
                // The number format shows the figure's own decimals (a figure printed
                // without cents is not given any).
                let decimals = v.rsplit_once('.').map(|(_, f)| f.len()).unwrap_or(0);
                let mut format = Format::new()
                    .set_border(FormatBorder::Thin)
                    .set_num_format(number_format(f.separators, decimals));
                if total {
                    format = format.set_bold();
                }
                match to_number(v) {
                    Some(n) => ws.write_number_with_format(r, c as u16, n, &format)?,
                    None => ws.write_blank(r, c as u16, &format)?,
                };
            }
        }
        r += 1;
    }
    if let Some(n) = &g.note {
        ws.write_string(r + 1, 0, n)?;
    }
    for c in 0..width {
        let w = match g.column(c as usize) {
            ColKind::Seq => 6.0,
            ColKind::Code => 12.0,
            ColKind::Text => 32.0,
            ColKind::Amount => 15.0,
        };
        ws.set_column_width(c, w)?;
    }
    Ok(())
}

/// 情况说明: the explanation's sections, the unit list where a section holds it.
fn explanation_sheet(wb: &mut Workbook, doc: &Document, f: &Formats) -> Result<(), XlsxError> {
    let d = &doc.disclosure;
    let ws = wb.add_worksheet().set_name("情况说明")?;
    ws.set_column_width(0, 110)?;
    ws.set_paper_size(9);
    let wrap = Format::new().set_text_wrap();
    let bold = Format::new().set_bold();
    let mut r = 0u32;
    ws.write_string_with_format(r, 0, format!("{}情况说明", document_title(d)), &f.title)?;
    r += 2;
    for sec in &doc.explanation {
        ws.write_string_with_format(r, 0, &sec.heading, &bold)?;
        r += 1;
        for p in &sec.paragraphs {
            ws.write_string_with_format(r, 0, p, &wrap)?;
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
                ws.write_string(r, 0, line)?;
                r += 1;
            }
        }
    }
    Ok(())
}

/// 绩效目标: each project with its figures and goal, one indicator a line.
fn performance_sheet(wb: &mut Workbook, d: &Disclosure, f: &Formats) -> Result<(), XlsxError> {
    let ws = wb.add_worksheet().set_name("绩效目标")?;
    for (c, h) in PERFORMANCE_HEADERS.iter().enumerate() {
        ws.write_string_with_format(0, c as u16, *h, &f.head)?;
        ws.set_column_width(c as u16, if c == 4 { 40 } else { 16 })?;
    }
    let mut r = 1u32;
    for p in &d.projects {
        ws.write_string(r, 0, &p.name)?;
        for (c, figure) in [(1u16, &p.budget), (2, &p.fiscal_funds), (3, &p.other_funds)] {
            if let Some(n) = figure
                .as_ref()
                .and_then(|x| to_number(&x.value.to_string()))
            {
                ws.write_number_with_format(r, c, n, &f.number)?;
            }
        }
        if let Some(g) = p.goal.as_deref().or(p.overall_goal.as_deref()) {
            ws.write_string(r, 4, g)?;
        }
        if p.indicators.is_empty() {
            r += 1;
        }
        for ind in &p.indicators {
            ws.write_string(r, 5, ind.level1.as_deref().unwrap_or(""))?;
            ws.write_string(r, 6, ind.level2.as_deref().unwrap_or(""))?;
            ws.write_string(r, 7, &ind.name)?;
            ws.write_string(r, 8, &ind.value.raw)?;
            ws.write_string(r, 9, ind.basis.as_deref().unwrap_or(""))?;
            r += 1;
        }
    }
    Ok(())
}
