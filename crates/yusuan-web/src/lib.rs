//! The yusuan web app (网页版): upload disclosures, review findings beside the source, browse the
//! library (文库) and compare departments.
//!
//! [`router`] builds the axum application over a [`Backend`] (the library); [`serve`] runs it.
//! The JSON API lives under `/api/…` and is described by the OpenAPI document at
//! `/api/openapi.json`; the front end (built from `web/` into `web/dist/`) is embedded in the
//! binary, so the app works offline.
//!
//! Writes (upload, review, delete) need the token given to [`Config::token`], sent in the
//! `X-Yusuan-Token` header; without a configured token the app is read-only. Auth never rides on
//! cookies, so a page on another origin cannot make a browser write (no CSRF).

mod analysis;
mod api;
mod assets;
pub mod backend;
mod export;
mod library;
mod security;
mod server;

use std::sync::Arc;

use axum::Router;

pub use backend::{Backend, BackendError};
pub use server::{connection_cap, serve_with, ServerLimits};

/// Limits and the write token.
#[derive(Debug, Clone)]
pub struct Config {
    /// The token writes must carry (`X-Yusuan-Token`); `None` makes the app read-only.
    pub token: Option<String>,
    /// Largest file accepted in an upload, in bytes.
    pub max_file_bytes: usize,
    /// Most files accepted in one upload request.
    pub max_files: usize,
}

impl Default for Config {
    fn default() -> Self {
        Config {
            token: None,
            max_file_bytes: 64 * 1024 * 1024,
            max_files: 20,
        }
    }
}

/// Shared by every handler.
#[derive(Clone)]
pub(crate) struct AppState {
    pub backend: Arc<dyn Backend>,
    pub config: Arc<Config>,
    pub analysis: Arc<analysis::Cache>,
}

/// The whole application: API, OpenAPI document, embedded front end, security headers.
pub fn router(backend: Arc<dyn Backend>, config: Config) -> Router {
    let state = AppState {
        backend,
        config: Arc::new(config),
        analysis: Arc::new(analysis::Cache::default()),
    };
    Router::new()
        .merge(api::routes(&state))
        .merge(assets::routes())
        .layer(axum::middleware::from_fn(security::headers))
        .with_state(state)
}

/// Serves `app` on `listener` with the default [`ServerLimits`] until Ctrl-C / SIGTERM.
pub async fn serve(listener: tokio::net::TcpListener, app: Router) -> std::io::Result<()> {
    serve_limited(listener, app, ServerLimits::default()).await
}

/// Serves `app` on `listener` within `limits` until Ctrl-C / SIGTERM.
pub async fn serve_limited(
    listener: tokio::net::TcpListener,
    app: Router,
    limits: ServerLimits,
) -> std::io::Result<()> {
    serve_with(listener, app, limits, shutdown_signal()).await
}

async fn shutdown_signal() {
    let ctrl_c = async {
        let _ = tokio::signal::ctrl_c().await;
    };
    #[cfg(unix)]
    let term = async {
        match tokio::signal::unix::signal(tokio::signal::unix::SignalKind::terminate()) {
            Ok(mut s) => {
                s.recv().await;
            }
            Err(_) => std::future::pending::<()>().await,
        }
    };
    #[cfg(not(unix))]
    let term = std::future::pending::<()>();
    tokio::select! {
        _ = ctrl_c => {},
        _ = term => {},
    }
}
