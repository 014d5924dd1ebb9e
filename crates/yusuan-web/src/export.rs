//! A document's findings as CSV (UTF-8 with BOM, for Excel), XLSX, PDF, or a print-styled HTML
//! page.
//!
//! The PDF is the print-styled page printed by a headless Chromium on the server (the PDF writer
//! at hand that lays out Chinese text with the system's CJK fonts); where no Chromium is
//! installed the route answers 501 and names the HTML page to print instead.

use axum::extract::{Path, Query, State};
use axum::http::header;
use axum::response::{IntoResponse, Response};
use rust_xlsxwriter::{Format, Workbook};
use serde::Deserialize;
use yusuan_model::Severity;

use crate::api::{blocking, no_document, ApiError, ApiResult};
use crate::backend::{review_word, ReviewStatus, StoredDocument, StoredFinding};
use crate::AppState;

#[derive(Deserialize)]
pub struct ExportQuery {
    format: Option<String>,
}

const HEADERS: [&str; 12] = [
    "序号",
    "严重程度",
    "规则",
    "规则名称",
    "说明",
    "位置",
    "期望值",
    "实际值",
    "差额",
    "单位",
    "审核状态",
    "审核意见",
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
        Some(r) => (review_word(r.status).to_owned(), r.comment.clone()),
        None => (review_word(ReviewStatus::Open).to_owned(), String::new()),
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
        finding
            .unit
            .map(|u| u.chinese().to_owned())
            .unwrap_or_default(),
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
    let widths = [
        6.0, 8.0, 8.0, 22.0, 60.0, 30.0, 12.0, 12.0, 12.0, 6.0, 8.0, 30.0,
    ];
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

/// The print style sheet, for the page printed to PDF from a file (no server to link to).
const PRINT_CSS_INLINE: &str = include_str!("../web/public/assets/print.css");

/// One PDF printed at a time: each print starts a browser.
static PRINTING: tokio::sync::Semaphore = tokio::sync::Semaphore::const_new(1);

/// The Chromium to print with: `YUSUAN_CHROMIUM`, else the first of the usual names on `PATH`.
fn chromium() -> Option<std::path::PathBuf> {
    if let Some(p) = std::env::var_os("YUSUAN_CHROMIUM") {
        return Some(p.into());
    }
    let path = std::env::var_os("PATH")?;
    for dir in std::env::split_paths(&path) {
        for name in [
            "chromium",
            "chromium-browser",
            "google-chrome",
            "google-chrome-stable",
        ] {
            let p = dir.join(name);
            if p.is_file() {
                return Some(p);
            }
        }
    }
    None
}

/// Prints `page` (self-contained HTML, no script) to PDF with headless Chromium.
async fn print_pdf(page: String) -> ApiResult<Vec<u8>> {
    let Some(browser) = chromium() else {
        return Err(ApiError::new(
            501,
            "服务器上没有安装 Chromium，不能生成 PDF；请打开打印版（format=html），用浏览器“打印 → 另存为 PDF”。",
        ));
    };
    let _turn = PRINTING
        .acquire()
        .await
        .map_err(|e| ApiError::new(500, format!("内部错误：{e}")))?;
    let dir =
        tempfile::tempdir().map_err(|e| ApiError::new(500, format!("不能创建临时目录：{e}")))?;
    let input = dir.path().join("findings.html");
    let output = dir.path().join("findings.pdf");
    tokio::fs::write(&input, page)
        .await
        .map_err(|e| ApiError::new(500, format!("不能写临时文件：{e}")))?;
    let mut cmd = tokio::process::Command::new(&browser);
    cmd.args([
        "--headless",
        "--no-sandbox",
        "--disable-gpu",
        "--no-first-run",
        "--disable-background-networking",
        "--disable-component-update",
        "--disable-sync",
        "--disable-extensions",
        "--no-pdf-header-footer",
    ])
    .arg(format!(
        "--user-data-dir={}",
        dir.path().join("profile").display()
    ))
    .arg(format!("--print-to-pdf={}", output.display()))
    .arg(format!("file://{}", input.display()))
    .stdin(std::process::Stdio::null())
    .stdout(std::process::Stdio::null())
    .stderr(std::process::Stdio::null())
    .kill_on_drop(true);
    let run = tokio::time::timeout(std::time::Duration::from_secs(60), cmd.status()).await;
    match run {
        Ok(Ok(_)) => {}
        Ok(Err(e)) => {
            return Err(ApiError::new(
                500,
                format!("不能启动 {}：{e}", browser.display()),
            ))
        }
        Err(_) => return Err(ApiError::new(504, "生成 PDF 超时（60 秒）。")),
    }
    match tokio::fs::read(&output).await {
        Ok(bytes) if bytes.starts_with(b"%PDF-") => Ok(bytes),
        _ => Err(ApiError::new(500, "Chromium 没有生成 PDF。")),
    }
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
        for c in HEADERS {
            h.push_str(&format!("<th>{c}</th>"));
        }
        h.push_str("</tr></thead><tbody>");
        for (i, f) in sorted(doc).into_iter().enumerate() {
            h.push_str(&format!(
                "<tr class=\"sev-{}\">",
                f.finding.severity.as_str()
            ));
            for (c, v) in row(i + 1, f).iter().enumerate() {
                let class = if (6..=8).contains(&c) {
                    " class=\"num\""
                } else {
                    ""
                };
                h.push_str(&format!("<td{class}>{}</td>", esc(v)));
            }
            h.push_str("</tr>");
        }
        h.push_str("</tbody></table>");
    }
    h.push_str("</body></html>");
    h
}
