//! The JSON API under `/api/…` (described by `openapi.json`).

use axum::body::Body;
use axum::extract::{DefaultBodyLimit, Multipart, Path, Query, State};
use axum::http::{header, HeaderMap, StatusCode};
use axum::response::{IntoResponse, Response};
use axum::routing::{get, put};
use axum::{Json, Router};
use serde::{Deserialize, Serialize};
use serde_json::{json, Value};
use yusuan_model::Severity;

use crate::backend::*;
use crate::security::require_write;
use crate::AppState;

/// The OpenAPI 3 document of this API.
pub const OPENAPI: &str = include_str!("openapi.json");

pub fn routes(state: &AppState) -> Router<AppState> {
    let c = &state.config;
    // Every file at its limit plus room for the multipart framing.
    let body_limit = c.max_file_bytes.saturating_mul(c.max_files) + 1024 * 1024;
    Router::new()
        .route("/api/openapi.json", get(openapi))
        .route("/api/status", get(status))
        .route("/api/rules", get(rules))
        .route(
            "/api/documents",
            get(list_documents)
                .post(upload)
                .layer(DefaultBodyLimit::max(body_limit)),
        )
        .route("/api/documents/{id}", get(document).delete(delete_document))
        .route("/api/documents/{id}/source", get(source))
        .route("/api/documents/{id}/source/raw", get(source_raw))
        .route("/api/documents/{id}/export", get(crate::export::export))
        .route("/api/findings", get(findings))
        .route("/api/findings/{id}/review", put(review))
        .route("/api/analysis", get(crate::analysis::analysis))
        .route("/api/indicators", get(crate::analysis::indicators))
        .route("/api/{*rest}", get(not_found))
}

/// An error as the API returns it: a status and `{"error": "…"}` (in Chinese, for people).
#[derive(Debug)]
pub struct ApiError {
    pub status: u16,
    pub message: String,
}

impl ApiError {
    pub fn new(status: u16, message: impl Into<String>) -> Self {
        ApiError {
            status,
            message: message.into(),
        }
    }
    pub fn bad_request(m: impl Into<String>) -> Self {
        Self::new(400, m)
    }
    pub fn unauthorized(m: impl Into<String>) -> Self {
        Self::new(401, m)
    }
    pub fn forbidden(m: impl Into<String>) -> Self {
        Self::new(403, m)
    }
    pub fn not_found(m: impl Into<String>) -> Self {
        Self::new(404, m)
    }
}

impl From<BackendError> for ApiError {
    fn from(e: BackendError) -> Self {
        match e {
            BackendError::Unprocessable(m) => ApiError::new(422, m),
            BackendError::NotFound(m) => ApiError::not_found(m),
            BackendError::Store(m) => ApiError::new(500, format!("文库出错：{m}")),
            BackendError::Cancelled(m) => ApiError::bad_request(m),
        }
    }
}

impl IntoResponse for ApiError {
    fn into_response(self) -> Response {
        let status = StatusCode::from_u16(self.status).unwrap_or(StatusCode::INTERNAL_SERVER_ERROR);
        (status, Json(json!({ "error": self.message }))).into_response()
    }
}

pub type ApiResult<T> = Result<T, ApiError>;

/// Runs a blocking library call off the async runtime.
pub async fn blocking<T, F>(state: &AppState, f: F) -> ApiResult<T>
where
    T: Send + 'static,
    F: FnOnce(&dyn Backend) -> Result<T, BackendError> + Send + 'static,
{
    let backend = state.backend.clone();
    tokio::task::spawn_blocking(move || f(backend.as_ref()))
        .await
        .map_err(|e| ApiError::new(500, format!("内部错误：{e}")))?
        .map_err(ApiError::from)
}

async fn openapi() -> Response {
    ([(header::CONTENT_TYPE, "application/json")], OPENAPI).into_response()
}

async fn not_found() -> ApiError {
    ApiError::not_found("没有这个接口；接口说明见 /api/openapi.json。")
}

async fn status(State(state): State<AppState>) -> ApiResult<Json<Value>> {
    let count = blocking(&state, |b| b.list(&DocumentFilter::default()))
        .await?
        .len();
    let c = &state.config;
    Ok(Json(json!({
        "version": env!("CARGO_PKG_VERSION"),
        "read_only": c.token.is_none(),
        "max_file_bytes": c.max_file_bytes,
        "max_files": c.max_files,
        "documents": count,
        "page_images": false,
    })))
}

async fn rules() -> Json<Value> {
    let rules: Vec<Value> = yusuan_rules::registry()
        .iter()
        .map(|r| {
            let i = r.info();
            json!({ "code": i.code, "name": i.name, "title": i.title,
                    "severity": i.severity.as_str(), "family": format!("{:?}", i.family) })
        })
        .collect();
    Json(Value::Array(rules))
}

/// `?department=&year=&kind=&rule=`; empty strings mean "any".
#[derive(Debug, Default, Deserialize)]
pub struct ListQuery {
    pub department: Option<String>,
    pub year: Option<String>,
    pub kind: Option<String>,
    pub rule: Option<String>,
    pub severity: Option<String>,
    pub document_id: Option<String>,
}

fn nonempty(s: &Option<String>) -> Option<String> {
    s.as_ref()
        .map(|s| s.trim().to_owned())
        .filter(|s| !s.is_empty())
}

pub fn parse_year(s: &Option<String>) -> ApiResult<Option<i32>> {
    match nonempty(s) {
        None => Ok(None),
        Some(y) => y
            .parse::<i32>()
            .map(Some)
            .map_err(|_| ApiError::bad_request(format!("年度应为数字，而不是“{y}”。"))),
    }
}

impl ListQuery {
    pub fn document_filter(&self) -> ApiResult<DocumentFilter> {
        Ok(DocumentFilter {
            department: nonempty(&self.department),
            year: parse_year(&self.year)?,
            kind: nonempty(&self.kind),
            rule: nonempty(&self.rule).map(|r| r.to_uppercase()),
        })
    }

    fn finding_filter(&self) -> ApiResult<FindingFilter> {
        let severity = match nonempty(&self.severity).as_deref() {
            None => None,
            Some("error") => Some(Severity::Error),
            Some("warning") => Some(Severity::Warning),
            Some("info") => Some(Severity::Info),
            Some(s) => {
                return Err(ApiError::bad_request(format!(
                    "严重程度应为 error、warning 或 info，而不是“{s}”。"
                )))
            }
        };
        let document_id =
            match nonempty(&self.document_id) {
                None => None,
                Some(d) => Some(d.parse::<i64>().map_err(|_| {
                    ApiError::bad_request(format!("文档编号应为数字，而不是“{d}”。"))
                })?),
            };
        Ok(FindingFilter {
            document_id,
            rule: nonempty(&self.rule).map(|r| r.to_uppercase()),
            severity,
            department: nonempty(&self.department),
            year: parse_year(&self.year)?,
        })
    }
}

async fn list_documents(
    State(state): State<AppState>,
    Query(q): Query<ListQuery>,
) -> ApiResult<Json<Vec<DocumentSummary>>> {
    let filter = q.document_filter()?;
    Ok(Json(blocking(&state, move |b| b.list(&filter)).await?))
}

async fn document(
    State(state): State<AppState>,
    Path(id): Path<i64>,
) -> ApiResult<Json<StoredDocument>> {
    blocking(&state, move |b| b.document(id))
        .await?
        .map(Json)
        .ok_or_else(|| no_document(id))
}

pub fn no_document(id: i64) -> ApiError {
    ApiError::not_found(format!("文库中没有编号为 {id} 的文档。"))
}

async fn delete_document(
    State(state): State<AppState>,
    headers: HeaderMap,
    Path(id): Path<i64>,
) -> ApiResult<Json<Value>> {
    require_write(&state.config, &headers)?;
    if blocking(&state, move |b| b.delete(id)).await? {
        Ok(Json(json!({ "deleted": id })))
    } else {
        Err(no_document(id))
    }
}

#[derive(Serialize)]
struct SourceView {
    path: String,
    format: String,
    size: usize,
    lines: Vec<SourceLine>,
}

async fn source(State(state): State<AppState>, Path(id): Path<i64>) -> ApiResult<Json<Value>> {
    let src = blocking(&state, move |b| b.source(id))
        .await?
        .ok_or_else(|| no_document(id))?;
    let view = SourceView {
        path: src.path,
        format: src.format,
        size: src.bytes.len(),
        lines: src.lines,
    };
    Ok(Json(serde_json::to_value(view).unwrap_or(Value::Null)))
}

/// The original file, always as a download (never rendered inline by the browser).
async fn source_raw(State(state): State<AppState>, Path(id): Path<i64>) -> ApiResult<Response> {
    let src = blocking(&state, move |b| b.source(id))
        .await?
        .ok_or_else(|| no_document(id))?;
    let (mime, ext) = match src.format.as_str() {
        "pdf" => ("application/pdf", "pdf"),
        "docx" => (
            "application/vnd.openxmlformats-officedocument.wordprocessingml.document",
            "docx",
        ),
        "xlsx" => (
            "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet",
            "xlsx",
        ),
        "xls" => ("application/vnd.ms-excel", "xls"),
        "html" => ("text/plain; charset=utf-8", "html.txt"),
        _ => ("text/plain; charset=utf-8", "txt"),
    };
    Ok((
        [
            (header::CONTENT_TYPE, mime.to_owned()),
            (
                header::CONTENT_DISPOSITION,
                format!("attachment; filename=\"document-{id}.{ext}\""),
            ),
        ],
        Body::from(src.bytes),
    )
        .into_response())
}

async fn findings(
    State(state): State<AppState>,
    Query(q): Query<ListQuery>,
) -> ApiResult<Json<Vec<StoredFinding>>> {
    let filter = q.finding_filter()?;
    Ok(Json(blocking(&state, move |b| b.findings(&filter)).await?))
}

#[derive(Deserialize)]
struct ReviewRequest {
    status: ReviewStatus,
    #[serde(default)]
    comment: String,
}

/// Most characters a review comment may have.
const MAX_COMMENT_CHARS: usize = 4000;

async fn review(
    State(state): State<AppState>,
    headers: HeaderMap,
    Path(id): Path<i64>,
    body: Result<Json<ReviewRequest>, axum::extract::rejection::JsonRejection>,
) -> ApiResult<Json<Value>> {
    require_write(&state.config, &headers)?;
    let Json(req) = body.map_err(|e| {
        ApiError::bad_request(format!(
            "审核请求应为 JSON：{{\"status\": \"confirmed|dismissed|open\", \"comment\": \"…\"}}（{e}）"
        ))
    })?;
    if req.comment.chars().count() > MAX_COMMENT_CHARS {
        return Err(ApiError::bad_request(format!(
            "审核意见过长：最多 {MAX_COMMENT_CHARS} 字。"
        )));
    }
    let comment = req.comment.trim().to_owned();
    let status = req.status;
    let c = comment.clone();
    blocking(&state, move |b| b.set_review(id, status, &c)).await?;
    Ok(Json(
        json!({ "finding_id": id, "status": status, "comment": comment }),
    ))
}

/// The result of one uploaded file.
#[derive(Serialize)]
struct UploadResult {
    name: String,
    ok: bool,
    #[serde(skip_serializing_if = "Option::is_none")]
    outcome: Option<&'static str>,
    #[serde(skip_serializing_if = "Option::is_none")]
    document: Option<DocumentSummary>,
    #[serde(skip_serializing_if = "Option::is_none")]
    error: Option<String>,
}

/// A file name reduced to its last component, without control characters: only ever recorded,
/// never used as a path.
pub fn clean_name(raw: &str) -> String {
    let last = raw.rsplit(['/', '\\']).next().unwrap_or("");
    let cleaned: String = last.chars().filter(|c| !c.is_control()).take(200).collect();
    let cleaned = cleaned.trim().trim_start_matches('.').to_owned();
    if cleaned.is_empty() {
        "未命名文件".to_owned()
    } else {
        cleaned
    }
}

pub fn human_size(bytes: usize) -> String {
    if bytes >= 1024 * 1024 {
        format!("{:.1} MB", bytes as f64 / (1024.0 * 1024.0))
    } else if bytes >= 1024 {
        format!("{:.1} KB", bytes as f64 / 1024.0)
    } else {
        format!("{bytes} 字节")
    }
}

/// One received file waiting on disk: never held in memory by the handler.
struct Received {
    name: String,
    file: tempfile::NamedTempFile,
    size: usize,
}

fn too_large(max_bytes: usize, max_files: usize) -> String {
    format!(
        "上传内容超过上限（每个文件最大 {}，每次最多 {} 个文件）。",
        human_size(max_bytes),
        max_files
    )
}

/// `multipart/form-data` with one or more `file` parts. Every file is first streamed to a
/// temporary file (a file over the size limit, or one file too many, answers 413 and nothing is
/// stored); then the files are read, checked and stored one at a time. When the client leaves,
/// the work on its files stops and nothing more is stored.
async fn upload(
    State(state): State<AppState>,
    headers: HeaderMap,
    mut multipart: Multipart,
) -> ApiResult<Json<Vec<Value>>> {
    require_write(&state.config, &headers)?;
    let files = receive(&state, &mut multipart).await?;
    if files.is_empty() {
        return Err(ApiError::bad_request(
            "没有收到文件：请以 multipart/form-data 的 file 字段上传。",
        ));
    }
    // Dropped with this future when the client disconnects: the blocking work sees it.
    let cancel = Cancel::default();
    let _disconnected = cancel.on_drop();
    let mut results = Vec::with_capacity(files.len());
    for file in files {
        results.push(ingest_one(&state, file, &cancel).await);
    }
    Ok(Json(results))
}

/// Streams every file part to its own temporary file, chunk by chunk, within the limits.
async fn receive(state: &AppState, multipart: &mut Multipart) -> ApiResult<Vec<Received>> {
    use tokio::io::AsyncWriteExt;
    let max_bytes = state.config.max_file_bytes;
    let max_files = state.config.max_files;
    let upload_error = |e: axum::extract::multipart::MultipartError, name: Option<&str>| {
        let status = e.status().as_u16();
        let msg = match (status, name) {
            (413, Some(name)) => format!("{name}：文件过大，超过上限 {}。", human_size(max_bytes)),
            (413, None) => too_large(max_bytes, max_files),
            (_, Some(name)) => format!("{name}：上传中断（{e}）。"),
            (_, None) => format!("上传内容无法解析：{e}"),
        };
        ApiError::new(status, msg)
    };
    let stash_error = |e: std::io::Error| ApiError::new(500, format!("无法暂存上传的文件：{e}"));
    let mut files = Vec::new();
    loop {
        let mut field = match multipart.next_field().await {
            Ok(Some(f)) => f,
            Ok(None) => break,
            Err(e) => return Err(upload_error(e, None)),
        };
        let Some(raw_name) = field.file_name().map(str::to_owned) else {
            continue; // a plain form field
        };
        if files.len() >= max_files {
            return Err(ApiError::new(
                413,
                format!("一次最多上传 {max_files} 个文件，请分批上传。"),
            ));
        }
        let name = clean_name(&raw_name);
        let file = tempfile::NamedTempFile::new().map_err(stash_error)?;
        let mut out = tokio::fs::File::from_std(file.reopen().map_err(stash_error)?);
        let mut size = 0usize;
        while let Some(chunk) = field
            .chunk()
            .await
            .map_err(|e| upload_error(e, Some(&name)))?
        {
            size = size.saturating_add(chunk.len());
            if size > max_bytes {
                return Err(ApiError::new(
                    413,
                    format!("{name}：文件过大，超过上限 {}。", human_size(max_bytes)),
                ));
            }
            out.write_all(&chunk).await.map_err(stash_error)?;
        }
        out.flush().await.map_err(stash_error)?;
        files.push(Received { name, file, size });
    }
    Ok(files)
}

/// Bytes from the start of a file that decide its kind unless it is a ZIP or OLE container
/// (whose kind depends on entries further in).
const HEAD_BYTES: usize = 64 * 1024;

/// True when the first [`HEAD_BYTES`] already show the file is of no known kind.
fn head_is_unknown(path: &std::path::Path) -> std::io::Result<bool> {
    use std::io::Read;
    let mut head = Vec::with_capacity(HEAD_BYTES);
    std::fs::File::open(path)?
        .take(HEAD_BYTES as u64)
        .read_to_end(&mut head)?;
    let container = head.starts_with(b"PK") || head.starts_with(&[0xD0, 0xCF, 0x11, 0xE0]);
    Ok(!container && yusuan_read::detect_format(&head) == yusuan_read::Format::Unknown)
}

async fn ingest_one(state: &AppState, received: Received, cancel: &Cancel) -> Value {
    let fail = |name: &str, error: String| {
        serde_json::to_value(UploadResult {
            name: name.to_owned(),
            ok: false,
            outcome: None,
            document: None,
            error: Some(error),
        })
        .unwrap_or(Value::Null)
    };
    let name = received.name.clone();
    if received.size == 0 {
        return fail(&name, format!("{name}：文件是空的。"));
    }
    let cancel = cancel.clone();
    // Read from disk in the blocking task: one file's bytes in memory at a time.
    let outcome = blocking(state, move |b| {
        let Received { name, file, .. } = received;
        let unreadable =
            |e: std::io::Error| BackendError::Store(format!("无法读取暂存的文件：{e}"));
        // The kind of file is decided by its content, never by its name: from its head first,
        // so that a large file of no known kind is refused without being read whole.
        let unknown = || {
            BackendError::Unprocessable(format!(
                "{name}：内容不是可识别的文档（既不是文本，也不是 PDF、Word、Excel 或网页）。"
            ))
        };
        if head_is_unknown(file.path()).map_err(unreadable)? {
            return Err(unknown());
        }
        let bytes = std::fs::read(file.path()).map_err(unreadable)?;
        drop(file);
        if yusuan_read::detect_format(&bytes) == yusuan_read::Format::Unknown {
            return Err(unknown());
        }
        let outcome = b.ingest(&name, &bytes, &cancel)?;
        let id = outcome.id();
        let summary = b.document(id)?.map(|d| d.summary);
        Ok((outcome, summary))
    })
    .await;
    match outcome {
        Ok((outcome, document)) => serde_json::to_value(UploadResult {
            name,
            ok: true,
            outcome: Some(match outcome {
                IngestOutcome::Inserted(_) => "inserted",
                IngestOutcome::Replaced(_) => "replaced",
                IngestOutcome::Unchanged(_) => "unchanged",
            }),
            document,
            error: None,
        })
        .unwrap_or(Value::Null),
        Err(e) => fail(&name, e.message),
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn uploaded_names_are_never_paths() {
        assert_eq!(clean_name("../../etc/passwd"), "passwd");
        assert_eq!(clean_name("C:\\Users\\x\\预算.pdf"), "预算.pdf");
        assert_eq!(clean_name("a\u{0}b\nc.txt"), "abc.txt");
        assert_eq!(clean_name(".."), "未命名文件");
        assert_eq!(clean_name(""), "未命名文件");
    }

    #[test]
    fn openapi_document_is_json() {
        let v: Value = serde_json::from_str(OPENAPI).expect("openapi.json parses");
        assert_eq!(v["openapi"].as_str().map(|s| &s[..2]), Some("3."));
    }
}
