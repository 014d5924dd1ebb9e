//! Serving connections (连接) with bounds: every connection must send its request head within
//! the header-read timeout (hyper's `header_read_timeout`, which also ends idle keep-alive
//! connections), request bodies must keep flowing (tower-http's `RequestBodyTimeoutLayer`), and
//! at most `max_connections` are open at once.
//!
//! When the limit is reached, a new connection makes room by closing the oldest connection that
//! is not in the middle of a request (one still sending its head, or idle between requests):
//! half-sent requests from one client cannot lock everyone else out, and a request being
//! answered is never cut. When every connection is busy, accepting waits.

use std::collections::VecDeque;
use std::pin::Pin;
use std::sync::atomic::{AtomicUsize, Ordering};
use std::sync::{Arc, Mutex, Weak};
use std::task::{Context, Poll};
use std::time::Duration;

use axum::body::Body;
use axum::extract::Request;
use axum::Router;
use hyper::body::{Frame, Incoming, SizeHint};
use hyper_util::rt::{TokioIo, TokioTimer};
use tokio::net::TcpListener;
use tokio::sync::{Notify, Semaphore};
use tower::ServiceExt;

/// Timeouts and the connection limit of the server.
#[derive(Debug, Clone)]
pub struct ServerLimits {
    /// Time a connection has to send a complete request head, counted from when the server
    /// starts waiting for it: after connecting, and again after each answered request (so it is
    /// also the idle keep-alive timeout).
    pub header_read_timeout: Duration,
    /// Longest pause allowed between two pieces of a request body.
    pub body_timeout: Duration,
    /// Most connections open at once (lowered to what the open-file limit allows).
    pub max_connections: usize,
}

impl Default for ServerLimits {
    fn default() -> Self {
        ServerLimits {
            header_read_timeout: Duration::from_secs(10),
            body_timeout: Duration::from_secs(30),
            max_connections: 10_000,
        }
    }
}

/// File descriptors kept free for the library, temporary upload files and the listener.
const RESERVED_FDS: u64 = 256;

/// `wanted`, lowered so that the connections fit under the process's open-file limit.
pub fn connection_cap(wanted: usize) -> usize {
    let soft = rlimit::getrlimit(rlimit::Resource::NOFILE)
        .map(|(soft, _)| soft)
        .unwrap_or(1024);
    let fit = soft.saturating_sub(RESERVED_FDS).max(16);
    wanted.clamp(1, usize::try_from(fit).unwrap_or(usize::MAX))
}

/// One open connection: how many requests it is answering, and the signal that closes it.
#[derive(Default)]
struct Slot {
    busy: AtomicUsize,
    evict: Notify,
}

/// Marks a connection busy while a request is read, handled and its response body sent.
struct Busy(Arc<Slot>);

impl Busy {
    fn new(slot: &Arc<Slot>) -> Self {
        slot.busy.fetch_add(1, Ordering::SeqCst);
        Busy(slot.clone())
    }
}

impl Drop for Busy {
    fn drop(&mut self) {
        self.0.busy.fetch_sub(1, Ordering::SeqCst);
    }
}

/// A response body that keeps its connection marked busy until it is fully sent.
struct BusyBody {
    inner: Body,
    _busy: Busy,
}

impl hyper::body::Body for BusyBody {
    type Data = axum::body::Bytes;
    type Error = axum::Error;

    fn poll_frame(
        mut self: Pin<&mut Self>,
        cx: &mut Context<'_>,
    ) -> Poll<Option<Result<Frame<Self::Data>, Self::Error>>> {
        Pin::new(&mut self.inner).poll_frame(cx)
    }

    fn is_end_stream(&self) -> bool {
        self.inner.is_end_stream()
    }

    fn size_hint(&self) -> SizeHint {
        self.inner.size_hint()
    }
}

/// The open connections in the order they were accepted.
struct Connections {
    slots: Mutex<VecDeque<Weak<Slot>>>,
    limit: usize,
}

impl Connections {
    fn add(&self, slot: &Arc<Slot>) {
        let mut slots = self.slots.lock().unwrap_or_else(|e| e.into_inner());
        if slots.len() >= self.limit.saturating_mul(2) {
            slots.retain(|w| w.strong_count() > 0);
        }
        slots.push_back(Arc::downgrade(slot));
    }

    /// Signals the oldest connection that is not answering a request to close. False when
    /// every open connection is busy.
    fn evict_oldest_idle(&self) -> bool {
        let mut slots = self.slots.lock().unwrap_or_else(|e| e.into_inner());
        let mut busy = Vec::new();
        let mut found = false;
        while let Some(w) = slots.pop_front() {
            let Some(slot) = w.upgrade() else { continue };
            if slot.busy.load(Ordering::SeqCst) == 0 {
                slot.evict.notify_one();
                found = true;
                break;
            }
            busy.push(w);
        }
        // Busy connections keep their place at the front.
        for w in busy.into_iter().rev() {
            slots.push_front(w);
        }
        found
    }
}

/// Serves `app` on `listener` within `limits` until `shutdown` completes, then lets the
/// requests in progress finish (for at most 10 seconds).
pub async fn serve_with(
    listener: TcpListener,
    app: Router,
    limits: ServerLimits,
    shutdown: impl std::future::Future<Output = ()> + Send,
) -> std::io::Result<()> {
    let app = app.layer(tower_http::timeout::RequestBodyTimeoutLayer::new(
        limits.body_timeout,
    ));
    let max = connection_cap(limits.max_connections);
    let permits = Arc::new(Semaphore::new(max));
    let connections = Arc::new(Connections {
        slots: Mutex::new(VecDeque::new()),
        limit: max,
    });
    let graceful = hyper_util::server::graceful::GracefulShutdown::new();
    let mut http = hyper::server::conn::http1::Builder::new();
    http.timer(TokioTimer::new())
        .header_read_timeout(limits.header_read_timeout)
        .keep_alive(true);
    tokio::pin!(shutdown);
    loop {
        let accepted = tokio::select! {
            a = listener.accept() => a,
            _ = &mut shutdown => break,
        };
        let stream = match accepted {
            Ok((stream, _)) => stream,
            Err(e) => {
                // Out of file descriptors or a connection reset before it was accepted: the
                // listener itself is fine.
                eprintln!("yusuan serve: accept failed: {e}");
                tokio::time::sleep(Duration::from_millis(50)).await;
                continue;
            }
        };
        let permit = match permits.clone().try_acquire_owned() {
            Ok(p) => p,
            Err(_) => {
                connections.evict_oldest_idle();
                tokio::select! {
                    p = permits.clone().acquire_owned() => match p {
                        Ok(p) => p,
                        Err(_) => break,
                    },
                    _ = &mut shutdown => break,
                }
            }
        };
        let slot = Arc::new(Slot::default());
        connections.add(&slot);
        let app = app.clone();
        let service_slot = slot.clone();
        let service = hyper::service::service_fn(move |req: Request<Incoming>| {
            let busy = Busy::new(&service_slot);
            let app = app.clone();
            async move {
                let res = app.oneshot(req.map(Body::new)).await?;
                Ok::<_, std::convert::Infallible>(res.map(|inner| BusyBody { inner, _busy: busy }))
            }
        });
        let conn = graceful.watch(http.serve_connection(TokioIo::new(stream), service));
        tokio::spawn(async move {
            let _permit = permit;
            tokio::select! {
                _ = conn => {}
                _ = slot.evict.notified() => {}
            }
        });
    }
    drop(listener);
    let _ = tokio::time::timeout(Duration::from_secs(10), graceful.shutdown()).await;
    Ok(())
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn the_connection_limit_fits_the_open_file_limit() {
        let (soft, _) = rlimit::getrlimit(rlimit::Resource::NOFILE).unwrap();
        let cap = connection_cap(usize::MAX);
        assert!(
            (cap as u64) < soft || soft <= RESERVED_FDS + 16,
            "{cap} vs {soft}"
        );
        assert_eq!(connection_cap(10), 10);
        assert_eq!(connection_cap(0), 1);
    }

    #[test]
    fn eviction_skips_busy_connections_and_keeps_their_place() {
        let c = Connections {
            slots: Mutex::new(VecDeque::new()),
            limit: 4,
        };
        let a = Arc::new(Slot::default());
        let b = Arc::new(Slot::default());
        c.add(&a);
        c.add(&b);
        let _busy = Busy::new(&a);
        assert!(c.evict_oldest_idle());
        // b was told to close, a (busy) is still listed first.
        let slots = c.slots.lock().unwrap();
        assert_eq!(slots.len(), 1);
        assert!(Arc::ptr_eq(&slots[0].upgrade().unwrap(), &a));
        drop(slots);
        assert!(!c.evict_oldest_idle());
    }
}
