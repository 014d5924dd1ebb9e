//! Security headers on every response, and the write token check.

use axum::extract::Request;
use axum::http::{header, HeaderMap, HeaderValue};
use axum::middleware::Next;
use axum::response::Response;

use crate::api::ApiError;
use crate::Config;

/// The header a write request carries the token in.
pub const TOKEN_HEADER: &str = "x-yusuan-token";

/// Content Security Policy: only this origin's scripts, styles, images and connections; no
/// inline scripts, no framing.
const CSP: &str =
    "default-src 'self'; script-src 'self'; style-src 'self'; img-src 'self' data: blob:; \
font-src 'self'; connect-src 'self'; object-src 'none'; base-uri 'none'; form-action 'self'; \
frame-ancestors 'none'";

pub async fn headers(req: Request, next: Next) -> Response {
    let mut res = next.run(req).await;
    let h = res.headers_mut();
    h.insert(
        header::CONTENT_SECURITY_POLICY,
        HeaderValue::from_static(CSP),
    );
    h.insert(
        header::X_CONTENT_TYPE_OPTIONS,
        HeaderValue::from_static("nosniff"),
    );
    h.insert(header::X_FRAME_OPTIONS, HeaderValue::from_static("DENY"));
    h.insert(
        header::REFERRER_POLICY,
        HeaderValue::from_static("no-referrer"),
    );
    h.insert(
        "cross-origin-opener-policy",
        HeaderValue::from_static("same-origin"),
    );
    h.insert(
        "cross-origin-resource-policy",
        HeaderValue::from_static("same-origin"),
    );
    h.insert(
        "permissions-policy",
        HeaderValue::from_static("camera=(), microphone=(), geolocation=()"),
    );
    res
}

/// Refuses a write unless a token is configured and the request carries it.
pub fn require_write(config: &Config, headers: &HeaderMap) -> Result<(), ApiError> {
    let Some(expected) = config.token.as_deref() else {
        return Err(ApiError::forbidden(
            "服务器以只读方式运行：未配置写入令牌（--token 或 YUSUAN_TOKEN），不能上传、审核或删除。",
        ));
    };
    let given = headers
        .get(TOKEN_HEADER)
        .and_then(|v| v.to_str().ok())
        .or_else(|| {
            headers
                .get(header::AUTHORIZATION)
                .and_then(|v| v.to_str().ok())
                .and_then(|v| v.strip_prefix("Bearer "))
        });
    match given {
        Some(g) if constant_time_eq(g.as_bytes(), expected.as_bytes()) => Ok(()),
        Some(_) => Err(ApiError::unauthorized("写入令牌不正确。")),
        None => Err(ApiError::unauthorized(
            "此操作需要写入令牌：请在页面右上角输入令牌。",
        )),
    }
}

fn constant_time_eq(a: &[u8], b: &[u8]) -> bool {
    if a.len() != b.len() {
        return false;
    }
    a.iter().zip(b).fold(0u8, |acc, (x, y)| acc | (x ^ y)) == 0
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn writes_need_the_configured_token() {
        let mut h = HeaderMap::new();
        let read_only = Config::default();
        assert_eq!(require_write(&read_only, &h).unwrap_err().status, 403);
        let cfg = Config {
            token: Some("s3cret".into()),
            ..Config::default()
        };
        assert_eq!(require_write(&cfg, &h).unwrap_err().status, 401);
        h.insert(TOKEN_HEADER, HeaderValue::from_static("wrong!"));
        assert_eq!(require_write(&cfg, &h).unwrap_err().status, 401);
        h.insert(TOKEN_HEADER, HeaderValue::from_static("s3cret"));
        assert!(require_write(&cfg, &h).is_ok());
        let mut bearer = HeaderMap::new();
        bearer.insert(
            header::AUTHORIZATION,
            HeaderValue::from_static("Bearer s3cret"),
        );
        assert!(require_write(&cfg, &bearer).is_ok());
    }
}
