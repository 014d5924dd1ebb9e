//! A document's findings as CSV (UTF-8 with BOM, for Excel), XLSX, PDF, or a print-styled HTML
//! page.
//!
//! The PDF is the print-styled page printed by a headless Chromium on the server (the PDF writer
//! at hand that lays out Chinese text with the system's CJK fonts); where no Chromium is
//! installed the route answers 501 and names the HTML page to print instead.

use axum::extract::{Path, Query, State};
use axum::http::header;
use axum::response::{IntoResponse, Response};
use serde::Deserialize;
use yusuan_render::html::escape as esc;
use yusuan_render::pdf::{self, PrintError};
use yusuan_report::table::{self, Record, Words, DOCUMENT};

use crate::api::{blocking, no_document, ApiError, ApiResult};
use crate::backend::{StoredDocument, StoredFinding};
use crate::AppState;

#[derive(Deserialize)]
pub struct ExportQuery {
    format: Option<String>,
}

/// Findings in severity order (errors first), then as the rules gave them, as lines of the
/// findings table.
fn records(doc: &StoredDocument) -> Vec<Record<'_>> {
    let mut v: Vec<&StoredFinding> = doc.findings.iter().collect();
    v.sort_by_key(|f| std::cmp::Reverse(f.finding.severity));
    v.into_iter()
        .map(|f| Record {
            id: Some(f.id),
            review: Some(f.review_info()),
            ..Record::of(&f.finding)
        })
        .collect()
}

pub async fn export(
    State(state): State<AppState>,
    Path(id): Path<i64>,
    Query(q): Query<ExportQuery>,
) -> ApiResult<Response> {
    let format = q.format.unwrap_or_else(|| "csv".into());
    if !matches!(format.as_str(), "csv" | "xlsx" | "html" | "pdf") {
        return Err(ApiError::bad_request(format!(
            "导出格式应为 csv、xlsx、pdf 或 html，而不是“{format}”。"
        )));
    }
    let doc = blocking(&state, move |b| b.document(id))
        .await?
        .ok_or_else(|| no_document(id))?;
    let base = format!("findings-{id}");
    match format.as_str() {
        "csv" => {
            let body = csv(&doc).map_err(|e| ApiError::new(500, format!("导出失败：{e}")))?;
            Ok(download(
                "text/csv; charset=utf-8",
                &format!("{base}.csv"),
                body,
            ))
        }
        "xlsx" => {
            let body = xlsx(&doc).map_err(|e| ApiError::new(500, format!("导出失败：{e}")))?;
            Ok(download(
                "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet",
                &format!("{base}.xlsx"),
                body,
            ))
        }
        "pdf" => {
            let page = html_with_style(&doc, PRINT_CSS_INLINE);
            let pdf = print_pdf(page).await?;
            Ok(download("application/pdf", &format!("{base}.pdf"), pdf))
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
    let mut out = Vec::new();
    table::write_csv(&mut out, DOCUMENT, Words::Chinese, &records(doc))?;
    Ok(out)
}

pub fn xlsx(doc: &StoredDocument) -> Result<Vec<u8>, rust_xlsxwriter::XlsxError> {
    table::xlsx(
        "审核发现",
        Some(&document_title(doc)),
        DOCUMENT,
        Words::Chinese,
        &records(doc),
    )
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

/// The print style sheet, for the page printed to PDF from a file (no server to link to).
const PRINT_CSS_INLINE: &str = include_str!("../web/public/assets/print.css");

/// One PDF printed at a time: each print starts a browser.
static PRINTING: tokio::sync::Semaphore = tokio::sync::Semaphore::const_new(1);

/// How long a findings PDF may take.
const PRINT_TIMEOUT: std::time::Duration = std::time::Duration::from_secs(60);

/// Prints `page` (self-contained HTML, no script) to PDF with the renderer's printer.
async fn print_pdf(page: String) -> ApiResult<Vec<u8>> {
    let _turn = PRINTING
        .acquire()
        .await
        .map_err(|e| ApiError::new(500, format!("内部错误：{e}")))?;
    let printed = tokio::task::spawn_blocking(move || pdf::print_bytes(&page, PRINT_TIMEOUT))
        .await
        .map_err(|e| ApiError::new(500, format!("内部错误：{e}")))?;
    printed.map_err(|e| match e {
        PrintError::NoBrowser(_) => ApiError::new(
            501,
            "服务器上没有安装 Chromium，不能生成 PDF；请打开打印版（format=html），用浏览器“打印 → 另存为 PDF”。",
        ),
        PrintError::TimedOut { timeout, .. } => {
            ApiError::new(504, format!("生成 PDF 超时（{} 秒）。", timeout.as_secs()))
        }
        PrintError::Failed(m) => ApiError::new(500, format!("Chromium 没有生成 PDF：{m}")),
    })
}

/// A printable page (A4 landscape) linking the embedded print style sheet; no script.
pub fn html(doc: &StoredDocument) -> String {
    html_page(doc, "<link rel=\"stylesheet\" href=\"/assets/print.css\">")
}

/// The printable page with its style sheet inside (for printing from a file).
fn html_with_style(doc: &StoredDocument, css: &str) -> String {
    html_page(doc, &format!("<style>{css}</style>"))
}

fn html_page(doc: &StoredDocument, style: &str) -> String {
    let s = &doc.summary;
    let title = document_title(doc);
    let mut h = String::new();
    h.push_str("<!doctype html><html lang=\"zh-CN\"><head><meta charset=\"utf-8\">");
    h.push_str(&format!("<title>{}</title>", esc(&title)));
    h.push_str(style);
    h.push_str("</head><body>");
    h.push_str(&format!("<h1>{}</h1>", esc(&title)));
    h.push_str(&format!(
        "<p class=\"meta\">文件 SHA-256：{} · 错误 {} · 警告 {} · 提示 {} · 按严重程度排列</p>",
        esc(&s.sha256),
        s.errors,
        s.warnings,
        s.infos
    ));
    if doc.findings.is_empty() {
        h.push_str("<p class=\"empty\">本文档没有审核发现。</p>");
    } else {
        h.push_str("<table><thead><tr>");
        for c in DOCUMENT {
            h.push_str(&format!("<th>{}</th>", c.chinese()));
        }
        h.push_str("</tr></thead><tbody>");
        for (i, r) in records(doc).iter().enumerate() {
            h.push_str(&format!(
                "<tr class=\"sev-{}\">",
                r.finding.severity.as_str()
            ));
            for c in DOCUMENT {
                let class = if c.is_amount() { " class=\"num\"" } else { "" };
                let v = c.value(i + 1, r, Words::Chinese).text();
                h.push_str(&format!("<td{class}>{}</td>", esc(&v)));
            }
            h.push_str("</tr>");
        }
        h.push_str("</tbody></table>");
    }
    h.push_str("</body></html>");
    h
}
