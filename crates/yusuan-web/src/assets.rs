//! The front end, embedded in the binary from `web/dist/` (built by `npm ci && npm run build`
//! in `web/`; the built files are committed so that `cargo build` needs no Node.js).

use axum::extract::Path;
use axum::http::{header, StatusCode};
use axum::response::{IntoResponse, Response};
use axum::routing::get;
use axum::Router;
use rust_embed::RustEmbed;

use crate::AppState;

#[derive(RustEmbed)]
#[folder = "web/dist/"]
struct Dist;

pub fn routes() -> Router<AppState> {
    Router::new()
        .route("/", get(index))
        .route("/index.html", get(index))
        .route("/assets/{*file}", get(asset))
        .route("/favicon.svg", get(|| async { file("favicon.svg", false) }))
}

async fn index() -> Response {
    file("index.html", false)
}

async fn asset(Path(name): Path<String>) -> Response {
    file(&format!("assets/{name}"), true)
}

/// One embedded file; `immutable` for content-hashed names.
fn file(path: &str, immutable: bool) -> Response {
    match Dist::get(path) {
        Some(f) => {
            let mime = mime_guess::from_path(path).first_or_octet_stream();
            let cache = if immutable {
                "public, max-age=31536000, immutable"
            } else {
                "no-cache"
            };
            (
                [
                    (
                        header::CONTENT_TYPE,
                        mime.essence_str().to_owned() + charset(&mime),
                    ),
                    (header::CACHE_CONTROL, cache.to_owned()),
                ],
                f.data.into_owned(),
            )
                .into_response()
        }
        None => (StatusCode::NOT_FOUND, "未找到").into_response(),
    }
}

fn charset(mime: &mime_guess::Mime) -> &'static str {
    let text = mime.type_() == "text"
        || mime.essence_str() == "application/javascript"
        || mime.essence_str() == "image/svg+xml";
    if text {
        "; charset=utf-8"
    } else {
        ""
    }
}
