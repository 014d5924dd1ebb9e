//! `yusuan serve`: the web app over the library.

use std::net::SocketAddr;
use std::process::ExitCode;
use std::sync::Arc;

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
            "yusuan serve: http://{addr}/ (library {location}; {})",
            if read_only {
                "read-only: no --token / YUSUAN_TOKEN"
            } else {
                "writes need the token"
            }
        );
        match yusuan_web::serve(listener, yusuan_web::router(backend, config)).await {
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
