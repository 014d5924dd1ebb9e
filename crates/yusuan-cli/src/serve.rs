//! `yusuan serve`: the web app over the library.

use std::net::SocketAddr;
use std::process::ExitCode;
use std::sync::Arc;
use std::time::Duration;

use clap::Args;

#[derive(Args)]
pub struct ServeArgs {
    /// The library: a SQLite file path or a `postgres://…` URL (default: YUSUAN_DB, then the
    /// standard location).
    #[arg(long, env = "YUSUAN_DB", hide_env_values = true)]
    db: Option<String>,
    /// Address to listen on.
    #[arg(long, default_value = "127.0.0.1:8080")]
    addr: SocketAddr,
    /// Token that uploads, reviews and deletions must carry (header `X-Yusuan-Token`); without
    /// it the app is read-only.
    #[arg(long, env = "YUSUAN_TOKEN", hide_env_values = true)]
    token: Option<String>,
    /// Largest file accepted by upload, in MiB.
    #[arg(long, default_value_t = 64)]
    max_upload_mb: usize,
    /// Most files accepted by one upload request.
    #[arg(long, default_value_t = 20)]
    max_files: usize,
    /// Seconds a connection has to send its request head; also how long an idle keep-alive
    /// connection stays open.
    #[arg(long, value_name = "SECONDS", default_value_t = 10)]
    header_timeout: u64,
    /// Longest pause, in seconds, allowed while a request body arrives.
    #[arg(long, value_name = "SECONDS", default_value_t = 30)]
    body_timeout: u64,
    /// Most connections open at once (lowered to fit the open-file limit); when reached, the
    /// oldest connection not answering a request is closed to make room.
    #[arg(long, default_value_t = 10_000)]
    max_connections: usize,
}

pub fn run(args: ServeArgs) -> ExitCode {
    let target = args.db.filter(|d| !d.is_empty()).unwrap_or_else(|| {
        yusuan_store::Library::default_location()
            .to_string_lossy()
            .into_owned()
    });
    if !yusuan_store::is_postgres_url(&target) {
        if let Some(dir) = std::path::Path::new(&target)
            .parent()
            .filter(|d| !d.as_os_str().is_empty())
        {
            if let Err(e) = std::fs::create_dir_all(dir) {
                eprintln!("error: cannot create {}: {e}", dir.display());
                return ExitCode::from(2);
            }
        }
    }
    let library = match yusuan_store::Library::open(&target) {
        Ok(l) => l,
        Err(e) => {
            eprintln!("error: {e}");
            return ExitCode::from(2);
        }
    };
    let location = library.location();
    let backend: Arc<dyn yusuan_web::Backend> = Arc::new(library);
    let token = args.token.filter(|t| !t.is_empty());
    let read_only = token.is_none();
    let config = yusuan_web::Config {
        token,
        max_file_bytes: args.max_upload_mb.saturating_mul(1024 * 1024),
        max_files: args.max_files.max(1),
    };
    // Connections need file descriptors: the soft limit is raised to the hard one.
    let _ = rlimit::increase_nofile_limit(u64::MAX);
    let limits = yusuan_web::ServerLimits {
        header_read_timeout: Duration::from_secs(args.header_timeout.max(1)),
        body_timeout: Duration::from_secs(args.body_timeout.max(1)),
        max_connections: yusuan_web::connection_cap(args.max_connections),
    };
    let runtime = match tokio::runtime::Builder::new_multi_thread()
        .enable_all()
        .build()
    {
        Ok(r) => r,
        Err(e) => {
            eprintln!("error: cannot start the server runtime: {e}");
            return ExitCode::from(2);
        }
    };
    // The last reference to the library is dropped here, outside the runtime (a PostgreSQL
    // client must not be closed from async threads).
    let keep = backend.clone();
    let code = runtime.block_on(async move {
        let listener = match tokio::net::TcpListener::bind(args.addr).await {
            Ok(l) => l,
            Err(e) => {
                eprintln!("error: cannot listen on {}: {e}", args.addr);
                return ExitCode::from(2);
            }
        };
        let addr = listener.local_addr().unwrap_or(args.addr);
        eprintln!(
            "yusuan serve: http://{addr}/ (library {location}; {}; at most {} connections)",
            if read_only {
                "read-only: no --token / YUSUAN_TOKEN"
            } else {
                "writes need the token"
            },
            limits.max_connections
        );
        let app = yusuan_web::router(backend, config);
        match yusuan_web::serve_limited(listener, app, limits).await {
            Ok(()) => ExitCode::SUCCESS,
            Err(e) => {
                eprintln!("error: server stopped: {e}");
                ExitCode::from(2)
            }
        }
    });
    drop(runtime);
    drop(keep);
    code
}
