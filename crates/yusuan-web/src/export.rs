//! A document's findings as CSV (UTF-8 with BOM, for Excel), XLSX, or a print-styled HTML page
//! (for printing to PDF from the browser's print dialog).

use axum::extract::{Path, Query, State};
use axum::http::header;
use axum::response::{IntoResponse, Response};
use rust_xlsxwriter::{Format, Workbook};
use serde::Deserialize;
use yusuan_model::Severity;

use crate::api::{blocking, no_document, ApiError, ApiResult};
use crate::backend::{ReviewStatus, StoredDocument, StoredFinding};
use crate::AppState;

#[derive(Deserialize)]
pub struct ExportQuery {
    format: Option<String>,
}

const HEADERS: [&str; 12] = [
    "序号", "严重程度", "规则", "规则名称", "说明", "位置", "期望值", "实际值", "差额", "单位",
    "审核状态", "审核意见",
];

pub fn severity_chinese(s: Severity) -> &'static str {
    match s {
        Severity::Error => "错误",
        Severity::Warning => "警告",
        Severity::Info => "提示",
    }
}

/// One finding as the twelve export columns.
fn row(n: usize, f: &StoredFinding) -> [String; 12] {
    let finding = &f.finding;
    let rule_name = yusuan_rules::find(&finding.rule)
        .map(|r| r.info().title.to_owned())
        .unwrap_or_default();
    let location = finding
        .locations
        .first()
        .map(|l| {
            let page = l.span.page.map(|p| format!("第{p}页 ")).unwrap_or_default();
            format!("{page}第{}行 {}", l.span.line, l.label)
        })
        .unwrap_or_default();
    let dec = |d: Option<yusuan_model::Decimal>| d.map(|d| d.to_string()).unwrap_or_default();
    let (status, comment) = match &f.review {
        Some(r) => (r.status.chinese().to_owned(), r.comment.clone()),
        None => (ReviewStatus::Open.chinese().to_owned(), String::new()),
    };
    [
        n.to_string(),
        severity_chinese(finding.severity).to_owned(),
        finding.rule.clone(),
        rule_name,
        finding.message.clone(),
        location,
        dec(finding.expected),
        dec(finding.actual),
        dec(finding.difference()),
        finding.unit.map(|u| u.chinese().to_owned()).unwrap_or_default(),
        status,
        comment,
    ]
}

/// Findings in severity order (errors first), then as the rules gave them.
fn sorted(doc: &StoredDocument) -> Vec<&StoredFinding> {
    let mut v: Vec<&StoredFinding> = doc.findings.iter().collect();
    v.sort_by_key(|f| std::cmp::Reverse(f.finding.severity));
    v
}

pub async fn export(
    State(state): State<AppState>,
    Path(id): Path<i64>,
    Query(q): Query<ExportQuery>,
) -> ApiResult<Response> {
    let format = q.format.unwrap_or_else(|| "csv".into());
    if !matches!(format.as_str(), "csv" | "xlsx" | "html") {
        return Err(ApiError::bad_request(format!(
            "导出格式应为 csv、xlsx 或 html，而不是“{format}”。"
        )));
    }
    let doc = blocking(&state, move |b| b.document(id))
        .await?
        .ok_or_else(|| no_document(id))?;
    let base = format!("findings-{id}");
    match format.as_str() {
        "csv" => {
            let body = csv(&doc).map_err(|e| ApiError::new(500, format!("导出失败：{e}")))?;
            Ok(download("text/csv; charset=utf-8", &format!("{base}.csv"), body))
        }
        "xlsx" => {
            let body = xlsx(&doc).map_err(|e| ApiError::new(500, format!("导出失败：{e}")))?;
            Ok(download(
                "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet",
                &format!("{base}.xlsx"),
                body,
            ))
        }
        _ => Ok((
            [(header::CONTENT_TYPE, "text/html; charset=utf-8")],
            html(&doc),
        )
            .into_response()),
    }
}

fn download(mime: &str, name: &str, body: Vec<u8>) -> Response {
    (
        [
            (header::CONTENT_TYPE, mime.to_owned()),
            (
                header::CONTENT_DISPOSITION,
                format!("attachment; filename=\"{name}\""),
            ),
        ],
        body,
    )
        .into_response()
}

pub fn csv(doc: &StoredDocument) -> Result<Vec<u8>, csv::Error> {
    let mut out = b"\xEF\xBB\xBF".to_vec();
    {
        let mut w = csv::Writer::from_writer(&mut out);
        w.write_record(HEADERS)?;
        for (i, f) in sorted(doc).into_iter().enumerate() {
            w.write_record(row(i + 1, f))?;
        }
        w.flush()?;
    }
    Ok(out)
}

pub fn xlsx(doc: &StoredDocument) -> Result<Vec<u8>, rust_xlsxwriter::XlsxError> {
    let mut wb = Workbook::new();
    let ws = wb.add_worksheet();
    ws.set_name("审核发现")?;
    let bold = Format::new().set_bold().set_background_color("#E8EEF7");
    let wrap = Format::new().set_text_wrap();
    let title = document_title(doc);
    ws.write_string_with_format(0, 0, &title, &Format::new().set_bold().set_font_size(14))?;
    for (c, h) in HEADERS.iter().enumerate() {
        ws.write_string_with_format(2, c as u16, *h, &bold)?;
    }
    let widths = [6.0, 8.0, 8.0, 22.0, 60.0, 30.0, 12.0, 12.0, 12.0, 6.0, 8.0, 30.0];
    for (c, w) in widths.iter().enumerate() {
        ws.set_column_width(c as u16, *w)?;
    }
    for (i, f) in sorted(doc).into_iter().enumerate() {
        let r = (i + 3) as u32;
        for (c, v) in row(i + 1, f).iter().enumerate() {
            // Amounts stay text: exactly as printed, no binary floating point.
            ws.write_string_with_format(r, c as u16, v, &wrap)?;
        }
    }
    ws.set_freeze_panes(3, 0)?;
    wb.save_to_buffer()
}

fn document_title(doc: &StoredDocument) -> String {
    let s = &doc.summary;
    format!(
        "{} {} {}（{}）审核发现",
        s.department.as_deref().unwrap_or("未识别部门"),
        s.year.map(|y| format!("{y}年")).unwrap_or_default(),
        crate::analysis::kind_chinese(&s.kind),
        s.path
    )
}

fn esc(s: &str) -> String {
    let mut out = String::with_capacity(s.len());
    for c in s.chars() {
        match c {
            '&' => out.push_str("&amp;"),
            '<' => out.push_str("&lt;"),
            '>' => out.push_str("&gt;"),
            '"' => out.push_str("&quot;"),
            '\'' => out.push_str("&#39;"),
            c => out.push(c),
        }
    }
    out
}

/// A printable page (A4 landscape) linking the embedded print style sheet; no script.
pub fn html(doc: &StoredDocument) -> String {
    let s = &doc.summary;
    let title = document_title(doc);
    let mut h = String::new();
    h.push_str("<!doctype html><html lang=\"zh-CN\"><head><meta charset=\"utf-8\">");
    h.push_str(&format!("<title>{}</title>", esc(&title)));
    h.push_str("<link rel=\"stylesheet\" href=\"/assets/print.css\"></head><body>");
    h.push_str(&format!("<h1>{}</h1>", esc(&title)));
    h.push_str(&format!(
        "<p class=\"meta\">文件 SHA-256：{} · 错误 {} · 警告 {} · 提示 {} · 用浏览器的“打印 → 另存为 PDF”保存</p>",
        esc(&s.sha256),
        s.errors,
        s.warnings,
        s.infos
    ));
    if doc.findings.is_empty() {
        h.push_str("<p class=\"empty\">本文档没有审核发现。</p>");
    } else {
        h.push_str("<table><thead><tr>");
        for c in HEADERS {
            h.push_str(&format!("<th>{c}</th>"));
        }
        h.push_str("</tr></thead><tbody>");
        for (i, f) in sorted(doc).into_iter().enumerate() {
            h.push_str(&format!("<tr class=\"sev-{}\">", f.finding.severity.as_str()));
            for (c, v) in row(i + 1, f).iter().enumerate() {
                let class = if (6..=8).contains(&c) { " class=\"num\"" } else { "" };
                h.push_str(&format!("<td{class}>{}</td>", esc(v)));
            }
            h.push_str("</tr>");
        }
        h.push_str("</tbody></table>");
    }
    h.push_str("</body></html>");
    h
}
