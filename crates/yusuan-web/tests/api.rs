//! The HTTP API against a real server on a random loopback port over a real library: SQLite in a
//! temporary directory, and PostgreSQL when `YUSUAN_TEST_POSTGRES_URL` is set.

use std::path::{Path, PathBuf};
use std::sync::Arc;

use reqwest::multipart::{Form, Part};
use reqwest::StatusCode;
use serde_json::Value;
use yusuan_web::{Backend, Config};

const TOKEN: &str = "test-token-7f3a";

fn corpus(rel: &str) -> PathBuf {
    Path::new(env!("CARGO_MANIFEST_DIR"))
        .join("../../corpus")
        .join(rel)
}

fn sqlite_library(dir: &Path) -> Arc<dyn Backend> {
    let path = dir.join("library.sqlite");
    Arc::new(yusuan_store::Library::open(path.to_str().unwrap()).expect("open SQLite library"))
}

/// A server on 127.0.0.1:0; returns its base URL.
async fn start(backend: Arc<dyn Backend>, config: Config) -> String {
    let listener = tokio::net::TcpListener::bind("127.0.0.1:0").await.unwrap();
    let addr = listener.local_addr().unwrap();
    let app = yusuan_web::router(backend, config);
    tokio::spawn(async move {
        yusuan_web::serve(listener, app).await.unwrap();
    });
    format!("http://{addr}")
}

fn writable() -> Config {
    Config {
        token: Some(TOKEN.into()),
        ..Config::default()
    }
}

fn file_part(path: &Path) -> Part {
    let bytes = std::fs::read(path).unwrap();
    let name = path.file_name().unwrap().to_string_lossy().into_owned();
    Part::bytes(bytes).file_name(name)
}

async fn upload(base: &str, token: Option<&str>, form: Form) -> reqwest::Response {
    let mut req = reqwest::Client::new()
        .post(format!("{base}/api/documents"))
        .multipart(form);
    if let Some(t) = token {
        req = req.header("X-Yusuan-Token", t);
    }
    req.send().await.unwrap()
}

async fn get_json(base: &str, path: &str) -> Value {
    let res = reqwest::get(format!("{base}{path}")).await.unwrap();
    assert_eq!(res.status(), StatusCode::OK, "GET {path}");
    res.json().await.unwrap()
}

/// Upload, list, filter, open, source, review, export, delete: what the pages do.
async fn review_scenario(backend: Arc<dyn Backend>) {
    let base = start(backend, writable()).await;
    let seed = corpus("seeds/000_58134781a689c5f0.txt");
    let shanghai = corpus("shanghai/text/putuo-wanli-jiedao-2024-dept-budget.txt");
    let form = Form::new()
        .part("file", file_part(&seed))
        .part("file", file_part(&shanghai));
    let res = upload(&base, Some(TOKEN), form).await;
    assert_eq!(res.status(), StatusCode::OK);
    let results: Vec<Value> = res.json().await.unwrap();
    assert_eq!(results.len(), 2);
    for r in &results {
        assert_eq!(r["ok"], true, "{r}");
    }
    let doc = &results[0]["document"];
    let id = doc["id"].as_i64().unwrap();
    assert_eq!(doc["department"], "邯郸市住房保障和房产管理局");
    assert_eq!(doc["year"], 2022);
    assert_eq!(doc["kind"], "department_budget");
    assert_eq!(
        results[1]["document"]["department"],
        "上海市普陀区人民政府万里街道办事处"
    );

    // The same bytes again: nothing new.
    let again = upload(
        &base,
        Some(TOKEN),
        Form::new().part("file", file_part(&seed)),
    )
    .await;
    let again: Vec<Value> = again.json().await.unwrap();
    assert_eq!(again[0]["outcome"], "unchanged");
    assert_eq!(again[0]["document"]["id"].as_i64(), Some(id));

    // Library filters.
    let by_dept = get_json(
        &base,
        "/api/documents?department=邯郸市住房保障和房产管理局&year=2022",
    )
    .await;
    assert!(by_dept.as_array().unwrap().iter().any(|d| d["id"] == id));
    let by_year = get_json(&base, "/api/documents?year=2024").await;
    assert!(by_year
        .as_array()
        .unwrap()
        .iter()
        .all(|d| d["year"] == 2024));
    assert!(!by_year.as_array().unwrap().iter().any(|d| d["id"] == id));

    // The document: model tables, findings (the seed's 收入总表 21201 row does not add up).
    let d = get_json(&base, &format!("/api/documents/{id}")).await;
    assert!(d["model"]["tables"].as_array().unwrap().len() >= 8);
    let findings = d["findings"].as_array().unwrap();
    let ys202 = findings
        .iter()
        .find(|f| f["finding"]["rule"] == "YS202")
        .expect("a YS202 finding in seed 000");
    assert_eq!(ys202["finding"]["severity"], "error");
    let by_rule = get_json(&base, "/api/documents?rule=ys202").await;
    assert!(by_rule.as_array().unwrap().iter().any(|d| d["id"] == id));
    let errors = get_json(
        &base,
        &format!("/api/findings?document_id={id}&severity=error"),
    )
    .await;
    assert!(errors
        .as_array()
        .unwrap()
        .iter()
        .all(|f| f["finding"]["severity"] == "error"));
    assert_eq!(
        errors.as_array().unwrap().len() as i64,
        d["summary"]["errors"].as_i64().unwrap()
    );

    // Source lines: numbered as in the file, the finding's line holds its figure.
    let src = get_json(&base, &format!("/api/documents/{id}/source")).await;
    let text = std::fs::read_to_string(&seed).unwrap();
    let lines = src["lines"].as_array().unwrap();
    assert_eq!(lines.len(), text.lines().count());
    let loc = &ys202["finding"]["locations"][0];
    let line_no = loc["span"]["line"].as_u64().unwrap() as usize;
    let line = lines[line_no - 1]["text"].as_str().unwrap();
    assert!(line.contains(loc["value"].as_str().unwrap()), "{line}");
    let raw = reqwest::get(format!("{base}/api/documents/{id}/source/raw"))
        .await
        .unwrap();
    assert!(raw.headers()["content-disposition"]
        .to_str()
        .unwrap()
        .starts_with("attachment"));
    assert_eq!(
        raw.bytes().await.unwrap().as_ref(),
        std::fs::read(&seed).unwrap()
    );

    // Review: needs the token; stored; shown in the export.
    let fid = ys202["id"].as_i64().unwrap();
    let client = reqwest::Client::new();
    let body = serde_json::json!({"status": "dismissed", "comment": "已核实：印刷截断"});
    let no_token = client
        .put(format!("{base}/api/findings/{fid}/review"))
        .json(&body)
        .send()
        .await
        .unwrap();
    assert_eq!(no_token.status(), StatusCode::UNAUTHORIZED);
    let ok = client
        .put(format!("{base}/api/findings/{fid}/review"))
        .header("X-Yusuan-Token", TOKEN)
        .json(&body)
        .send()
        .await
        .unwrap();
    assert_eq!(ok.status(), StatusCode::OK);
    let bad = client
        .put(format!("{base}/api/findings/{fid}/review"))
        .header("X-Yusuan-Token", TOKEN)
        .json(&serde_json::json!({"status": "maybe"}))
        .send()
        .await
        .unwrap();
    assert_eq!(bad.status(), StatusCode::BAD_REQUEST);
    let unknown = client
        .put(format!("{base}/api/findings/999999999/review"))
        .header("X-Yusuan-Token", TOKEN)
        .json(&body)
        .send()
        .await
        .unwrap();
    assert_eq!(unknown.status(), StatusCode::NOT_FOUND);
    let after = get_json(&base, &format!("/api/findings?document_id={id}&rule=YS202")).await;
    let stored = after
        .as_array()
        .unwrap()
        .iter()
        .find(|f| f["id"] == fid)
        .unwrap();
    assert_eq!(stored["review"]["status"], "dismissed");
    assert_eq!(stored["review"]["comment"], "已核实：印刷截断");

    let csv = reqwest::get(format!("{base}/api/documents/{id}/export?format=csv"))
        .await
        .unwrap()
        .bytes()
        .await
        .unwrap();
    assert_eq!(&csv[..3], b"\xEF\xBB\xBF");
    let csv = String::from_utf8(csv[3..].to_vec()).unwrap();
    let mut reader = csv::Reader::from_reader(csv.as_bytes());
    assert_eq!(&reader.headers().unwrap()[1], "严重程度");
    let records: Vec<csv::StringRecord> = reader.records().map(Result::unwrap).collect();
    assert_eq!(records.len(), findings.len());
    let dismissed = records.iter().find(|r| &r[2] == "YS202").unwrap();
    assert_eq!(&dismissed[10], "已驳回");
    assert_eq!(&dismissed[11], "已核实：印刷截断");
    assert_eq!(&records[0][1], "错误", "errors first");

    let xlsx = reqwest::get(format!("{base}/api/documents/{id}/export?format=xlsx"))
        .await
        .unwrap();
    assert!(xlsx.headers()["content-type"]
        .to_str()
        .unwrap()
        .contains("spreadsheetml"));
    let xlsx = xlsx.bytes().await.unwrap();
    assert_eq!(&xlsx[..2], b"PK");
    let html = reqwest::get(format!("{base}/api/documents/{id}/export?format=html"))
        .await
        .unwrap()
        .text()
        .await
        .unwrap();
    assert!(html.contains("邯郸市住房保障和房产管理局"));
    assert!(html.contains("已驳回"));
    assert!(!html.contains("<script"));
    let pdf = reqwest::get(format!("{base}/api/documents/{id}/export?format=pdf"))
        .await
        .unwrap();
    let chromium = ["/usr/bin/chromium", "/usr/bin/chromium-browser"]
        .iter()
        .any(|p| Path::new(p).exists());
    if chromium {
        assert_eq!(pdf.status(), StatusCode::OK);
        assert_eq!(&pdf.bytes().await.unwrap()[..5], b"%PDF-");
    } else {
        assert_eq!(pdf.status(), StatusCode::NOT_IMPLEMENTED);
    }
    let bad_format = reqwest::get(format!("{base}/api/documents/{id}/export?format=doc"))
        .await
        .unwrap();
    assert_eq!(bad_format.status(), StatusCode::BAD_REQUEST);

    // Analysis figures come from printed cells, exactly, in 万元.
    let analysis = get_json(&base, "/api/analysis?department=邯郸市住房保障和房产管理局").await;
    let figures = analysis["documents"]
        .as_array()
        .unwrap()
        .iter()
        .find(|d| d["id"] == id)
        .unwrap();
    assert_eq!(figures["three_public"]["total"], "7.22");
    assert_eq!(figures["three_public"]["vehicle"], "5.18");
    assert!(figures["by_class"]
        .as_array()
        .unwrap()
        .iter()
        .any(|c| c["code"] == "221"));
    let ind = get_json(&base, "/api/indicators?q=满意度").await;
    assert!(ind["total"].as_u64().unwrap() > 0);
    assert!(ind["indicators"]
        .as_array()
        .unwrap()
        .iter()
        .all(|i| i["name"].as_str().unwrap().contains("满意度")
            || i["owner"].as_str().unwrap().contains("满意度")
            || i["value"].as_str().unwrap().contains("满意度")
            || i["level2"].as_str().unwrap_or("").contains("满意度")
            || i["level1"].as_str().unwrap_or("").contains("满意度")));

    // Delete: token needed; then gone.
    let del = client
        .delete(format!("{base}/api/documents/{id}"))
        .send()
        .await
        .unwrap();
    assert_eq!(del.status(), StatusCode::UNAUTHORIZED);
    let del = client
        .delete(format!("{base}/api/documents/{id}"))
        .header("X-Yusuan-Token", TOKEN)
        .send()
        .await
        .unwrap();
    assert_eq!(del.status(), StatusCode::OK);
    let gone = reqwest::get(format!("{base}/api/documents/{id}"))
        .await
        .unwrap();
    assert_eq!(gone.status(), StatusCode::NOT_FOUND);
    let body: Value = gone.json().await.unwrap();
    assert!(body["error"].as_str().unwrap().contains(&id.to_string()));
}

#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn review_workflow_over_sqlite() {
    let dir = tempfile::tempdir().unwrap();
    review_scenario(sqlite_library(dir.path())).await;
}

#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn review_workflow_over_postgres() {
    let Ok(url) = std::env::var("YUSUAN_TEST_POSTGRES_URL") else {
        eprintln!("YUSUAN_TEST_POSTGRES_URL not set: PostgreSQL run skipped");
        return;
    };
    // A database of its own, dropped afterwards.
    let name = format!("yusuan_web_test_{}", std::process::id());
    let admin = url.clone();
    let n = name.clone();
    tokio::task::spawn_blocking(move || {
        let mut c = postgres::Client::connect(&admin, postgres::NoTls).expect("connect");
        c.batch_execute(&format!("DROP DATABASE IF EXISTS {n}"))
            .expect("drop old test database");
        c.batch_execute(&format!("CREATE DATABASE {n}"))
            .expect("create test database");
    })
    .await
    .unwrap();
    let (prefix, _) = url.rsplit_once('/').expect("a database URL");
    let db_url = format!("{prefix}/{name}");
    // The PostgreSQL client blocks: opened (and finally dropped) off the async threads.
    let lib: Arc<dyn Backend> = tokio::task::spawn_blocking(move || {
        Arc::new(yusuan_store::Library::open(&db_url).expect("open PostgreSQL library"))
            as Arc<dyn Backend>
    })
    .await
    .unwrap();
    review_scenario(lib.clone()).await;
    tokio::task::spawn_blocking(move || drop(lib))
        .await
        .unwrap();
    tokio::task::spawn_blocking(move || {
        let mut c = postgres::Client::connect(&url, postgres::NoTls).expect("connect");
        let _ = c.batch_execute(&format!("DROP DATABASE IF EXISTS {name} WITH (FORCE)"));
    })
    .await
    .unwrap();
}

#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn uploads_are_limited_and_checked_by_content() {
    let dir = tempfile::tempdir().unwrap();
    let config = Config {
        token: Some(TOKEN.into()),
        max_file_bytes: 40 * 1024,
        max_files: 3,
    };
    let base = start(sqlite_library(dir.path()), config).await;

    // Binary data named like a document is refused by its content; the name is not a path.
    let mut binary = vec![0u8, 1, 2, 3, 0xFF, 0xFE, 0];
    binary.extend(std::iter::repeat_n(7u8, 2000));
    let small = corpus("seeds/001_98287256a49a631e.txt"); // 29 KB
    let big = corpus("seeds/000_58134781a689c5f0.txt"); // 96 KB
                                                        // A file over the limit: 413, as the OpenAPI document says, and nothing of the request is
                                                        // stored (the files are all received before any is processed).
    let form = Form::new()
        .part("file", file_part(&small))
        .part("file", file_part(&big));
    let res = upload(&base, Some(TOKEN), form).await;
    assert_eq!(res.status(), StatusCode::PAYLOAD_TOO_LARGE);
    let body: Value = res.json().await.unwrap();
    assert!(
        body["error"].as_str().unwrap().contains("文件过大"),
        "{body}"
    );
    let docs = get_json(&base, "/api/documents").await;
    assert_eq!(docs.as_array().unwrap().len(), 0);

    let form = Form::new()
        .part("file", Part::bytes(binary).file_name("../../etc/预算.txt"))
        .part("file", file_part(&small));
    let res = upload(&base, Some(TOKEN), form).await;
    assert_eq!(res.status(), StatusCode::OK);
    let results: Vec<Value> = res.json().await.unwrap();
    assert_eq!(results[0]["ok"], false);
    assert_eq!(results[0]["name"], "预算.txt");
    assert!(results[0]["error"]
        .as_str()
        .unwrap()
        .contains("不是可识别的文档"));
    assert_eq!(results[1]["ok"], true, "{}", results[1]);
    // Nothing stored for the refused file.
    let docs = get_json(&base, "/api/documents").await;
    assert_eq!(docs.as_array().unwrap().len(), 1);

    // Too many files in one request.
    let mut form = Form::new();
    for _ in 0..4 {
        form = form.part("file", file_part(&small));
    }
    let res = upload(&base, Some(TOKEN), form).await;
    assert_eq!(res.status(), StatusCode::PAYLOAD_TOO_LARGE);
    let body: Value = res.json().await.unwrap();
    assert!(body["error"]
        .as_str()
        .unwrap()
        .contains("一次最多上传 3 个文件"));

    // Wrong token, no files.
    let res = upload(
        &base,
        Some("nope"),
        Form::new().part("file", file_part(&small)),
    )
    .await;
    assert_eq!(res.status(), StatusCode::UNAUTHORIZED);
    let res = upload(&base, Some(TOKEN), Form::new().text("note", "x")).await;
    assert_eq!(res.status(), StatusCode::BAD_REQUEST);
}

#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn read_only_without_a_token() {
    let dir = tempfile::tempdir().unwrap();
    let base = start(sqlite_library(dir.path()), Config::default()).await;
    let status = get_json(&base, "/api/status").await;
    assert_eq!(status["read_only"], true);
    let res = upload(
        &base,
        Some("anything"),
        Form::new().part("file", file_part(&corpus("seeds/001_98287256a49a631e.txt"))),
    )
    .await;
    assert_eq!(res.status(), StatusCode::FORBIDDEN);
    let body: Value = res.json().await.unwrap();
    assert!(body["error"].as_str().unwrap().contains("只读"));
    let res = reqwest::Client::new()
        .delete(format!("{base}/api/documents/1"))
        .header("X-Yusuan-Token", "anything")
        .send()
        .await
        .unwrap();
    assert_eq!(res.status(), StatusCode::FORBIDDEN);
}

#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn pages_are_embedded_with_security_headers_and_no_outside_resources() {
    let dir = tempfile::tempdir().unwrap();
    let base = start(sqlite_library(dir.path()), writable()).await;
    let res = reqwest::get(format!("{base}/")).await.unwrap();
    assert_eq!(res.status(), StatusCode::OK);
    let h = res.headers().clone();
    let csp = h["content-security-policy"].to_str().unwrap();
    assert!(csp.contains("script-src 'self'"));
    assert!(!csp.contains("unsafe-inline") && !csp.contains("unsafe-eval"));
    assert!(csp.contains("frame-ancestors 'none'"));
    assert_eq!(h["x-content-type-options"], "nosniff");
    assert_eq!(h["x-frame-options"], "DENY");
    let html = res.text().await.unwrap();
    assert!(html.contains("预算审阅"));
    assert!(!html.contains("<script>"), "no inline script");
    assert!(
        !html.contains("https://") && !html.contains("http://"),
        "no outside resources"
    );
    // Every script and style the page links is served from the binary.
    let mut linked = 0;
    for part in html.split(['"', '\'']) {
        if part.starts_with("/assets/") {
            linked += 1;
            let res = reqwest::get(format!("{base}{part}")).await.unwrap();
            assert_eq!(res.status(), StatusCode::OK, "{part}");
            let ct = res.headers()["content-type"].to_str().unwrap().to_owned();
            assert!(
                ct.contains("javascript") || ct.contains("css"),
                "{part}: {ct}"
            );
            let body = res.text().await.unwrap();
            assert!(!body.contains("cdn.") && !body.contains("fonts.googleapis"));
        }
    }
    assert!(linked >= 2);
    let api_404 = reqwest::get(format!("{base}/api/nothing")).await.unwrap();
    assert_eq!(api_404.status(), StatusCode::NOT_FOUND);
    assert!(api_404.headers()["content-security-policy"]
        .to_str()
        .is_ok());
}

/// Every path of the OpenAPI document is served, and the API serves nothing undocumented.
#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn openapi_document_matches_the_routes() {
    let dir = tempfile::tempdir().unwrap();
    let base = start(sqlite_library(dir.path()), writable()).await;
    let res = upload(
        &base,
        Some(TOKEN),
        Form::new().part("file", file_part(&corpus("seeds/004_f0d47b0d691be104.txt"))),
    )
    .await;
    let results: Vec<Value> = res.json().await.unwrap();
    let id = results[0]["document"]["id"].as_i64().unwrap();
    let spec = get_json(&base, "/api/openapi.json").await;
    assert!(spec["openapi"].as_str().unwrap().starts_with("3."));
    let paths = spec["paths"].as_object().unwrap();
    assert!(paths.len() >= 12);
    for (path, ops) in paths {
        let url = path.replace("{id}", &id.to_string());
        if ops.get("get").is_some() {
            let res = reqwest::get(format!("{base}{url}")).await.unwrap();
            assert_eq!(res.status(), StatusCode::OK, "GET {path}");
        }
        for (method, op) in ops.as_object().unwrap() {
            assert!(op["responses"].is_object(), "{method} {path}");
            if method != "get" {
                assert!(
                    op["security"].is_array(),
                    "{method} {path} is a write: needs the token"
                );
            }
        }
    }
    for (path, ops) in paths {
        for (method, op) in ops.as_object().unwrap() {
            for r in op["responses"].as_object().unwrap().values() {
                if let Some(s) = r.pointer("/content/application~1json/schema/$ref") {
                    let name = s.as_str().unwrap().rsplit('/').next().unwrap();
                    assert!(
                        spec["components"]["schemas"].get(name).is_some(),
                        "{method} {path}: {name}"
                    );
                }
            }
        }
    }
}

/// The library, with a pause at the start of each ingest that leaves the client time to leave.
struct Paused {
    inner: yusuan_store::Library,
    started: Arc<tokio::sync::Notify>,
}

impl Backend for Paused {
    fn ingest(
        &self,
        name: &str,
        bytes: &[u8],
        cancel: &yusuan_web::backend::Cancel,
    ) -> Result<yusuan_web::backend::IngestOutcome, yusuan_web::BackendError> {
        self.started.notify_one();
        std::thread::sleep(std::time::Duration::from_millis(1500));
        Backend::ingest(&self.inner, name, bytes, cancel)
    }
    fn list(
        &self,
        f: &yusuan_web::backend::DocumentFilter,
    ) -> Result<Vec<yusuan_web::backend::DocumentSummary>, yusuan_web::BackendError> {
        Backend::list(&self.inner, f)
    }
    fn document(
        &self,
        id: i64,
    ) -> Result<Option<yusuan_web::backend::StoredDocument>, yusuan_web::BackendError> {
        Backend::document(&self.inner, id)
    }
    fn findings(
        &self,
        f: &yusuan_web::backend::FindingFilter,
    ) -> Result<Vec<yusuan_web::backend::StoredFinding>, yusuan_web::BackendError> {
        Backend::findings(&self.inner, f)
    }
    fn set_review(
        &self,
        id: i64,
        status: yusuan_web::backend::ReviewStatus,
        comment: &str,
    ) -> Result<(), yusuan_web::BackendError> {
        Backend::set_review(&self.inner, id, status, comment)
    }
    fn source(
        &self,
        id: i64,
    ) -> Result<Option<yusuan_web::backend::StoredSource>, yusuan_web::BackendError> {
        Backend::source(&self.inner, id)
    }
    fn delete(&self, id: i64) -> Result<bool, yusuan_web::BackendError> {
        Backend::delete(&self.inner, id)
    }
}

/// A client that disconnects while its file is being processed: the work stops and nothing is
/// stored; the same upload by a client that waits is stored.
#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn work_stops_when_the_client_disconnects() {
    let dir = tempfile::tempdir().unwrap();
    let path = dir.path().join("library.sqlite");
    let started = Arc::new(tokio::sync::Notify::new());
    let backend = Arc::new(Paused {
        inner: yusuan_store::Library::open(path.to_str().unwrap()).unwrap(),
        started: started.clone(),
    });
    let base = start(backend, writable()).await;
    let seed = corpus("seeds/001_98287256a49a631e.txt");

    let b = base.clone();
    let s = seed.clone();
    let leaving = tokio::spawn(async move {
        upload(&b, Some(TOKEN), Form::new().part("file", file_part(&s))).await
    });
    started.notified().await;
    leaving.abort(); // the connection closes while the file is being processed
    tokio::time::sleep(std::time::Duration::from_secs(3)).await;
    let docs = get_json(&base, "/api/documents").await;
    assert_eq!(
        docs.as_array().unwrap().len(),
        0,
        "stored for a client that left: {docs}"
    );

    let res = upload(
        &base,
        Some(TOKEN),
        Form::new().part("file", file_part(&seed)),
    )
    .await;
    let results: Vec<Value> = res.json().await.unwrap();
    assert_eq!(results[0]["ok"], true, "{}", results[0]);
    assert_eq!(
        get_json(&base, "/api/documents")
            .await
            .as_array()
            .unwrap()
            .len(),
        1
    );
}
