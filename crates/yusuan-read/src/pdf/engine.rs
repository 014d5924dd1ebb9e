//! Finding and binding the PDF engine (pdfium, `libpdfium.so`) at run time.
//!
//! Lookup order: the `YUSUAN_PDFIUM` environment variable (path to the library, or to its
//! folder), the folder of the running executable, `$XDG_DATA_HOME/yusuan/lib` (default
//! `~/.local/share/yusuan/lib`, where `scripts/setup/pdfium.sh` installs it), then the system
//! library path.

use std::path::PathBuf;
use std::sync::OnceLock;

use pdfium_render::prelude::Pdfium;

/// How to install the engine, for error messages.
pub const INSTALL_HINT: &str =
    "install it with scripts/setup/pdfium.sh, or set YUSUAN_PDFIUM to the path of libpdfium.so";

static ENGINE: OnceLock<Result<Pdfium, String>> = OnceLock::new();

/// The bound engine, or why it could not be bound (the reason is computed once per process).
pub fn engine() -> Result<&'static Pdfium, &'static str> {
    ENGINE.get_or_init(bind).as_ref().map_err(|e| e.as_str())
}

fn candidates() -> Vec<PathBuf> {
    let name = Pdfium::pdfium_platform_library_name();
    let mut out = Vec::new();
    if let Some(p) = std::env::var_os("YUSUAN_PDFIUM") {
        let p = PathBuf::from(p);
        if p.is_dir() {
            out.push(p.join(&name));
        } else {
            out.push(p);
        }
    }
    if let Some(dir) = std::env::current_exe()
        .ok()
        .and_then(|e| e.parent().map(PathBuf::from))
    {
        out.push(dir.join(&name));
    }
    let data = std::env::var_os("XDG_DATA_HOME")
        .map(PathBuf::from)
        .filter(|p| p.is_absolute())
        .or_else(|| std::env::var_os("HOME").map(|h| PathBuf::from(h).join(".local/share")));
    if let Some(d) = data {
        out.push(d.join("yusuan/lib").join(&name));
    }
    out
}

fn bind() -> Result<Pdfium, String> {
    let mut tried = Vec::new();
    let explicit = std::env::var_os("YUSUAN_PDFIUM").is_some();
    for (i, path) in candidates().into_iter().enumerate() {
        if !path.is_file() {
            tried.push(path.display().to_string());
            continue;
        }
        match Pdfium::bind_to_library(&path) {
            Ok(b) => return Ok(Pdfium::new(b)),
            Err(e) if i == 0 && explicit => {
                return Err(format!(
                    "cannot load the PDF engine {} (YUSUAN_PDFIUM): {e}; {INSTALL_HINT}",
                    path.display()
                ))
            }
            Err(_) => tried.push(path.display().to_string()),
        }
    }
    match Pdfium::bind_to_system_library() {
        Ok(b) => Ok(Pdfium::new(b)),
        Err(_) => Err(format!(
            "the PDF engine (libpdfium.so) is not installed (looked in {} and the system library path); {INSTALL_HINT}",
            tried.join(", ")
        )),
    }
}
