//! PDF: HTML printed by headless Chromium (A4, the CJK fonts embedded by Chromium's PDF writer,
//! table headers repeated by the print CSS). The one place that starts a browser: `yusuan render`
//! prints disclosures with it and the web app prints findings with it.
//!
//! `YUSUAN_CHROMIUM` names the browser; by default `chromium`, `chromium-browser`,
//! `google-chrome`, `google-chrome-stable` are tried on `PATH`. Every print runs in a fresh
//! temporary profile and is killed when it outlasts its timeout.

use std::path::{Path, PathBuf};
use std::process::{Command, Stdio};
use std::time::Duration;

use wait_timeout::ChildExt;

use crate::RenderError;

/// How long a print may take unless the caller says otherwise.
pub const TIMEOUT: Duration = Duration::from_secs(120);

/// Why a PDF was not printed.
#[derive(Debug, thiserror::Error)]
pub enum PrintError {
    /// No browser to print with; the message says how to install one.
    #[error("{0}")]
    NoBrowser(String),
    /// The browser did not finish in time and was killed.
    #[error("{browser} did not print within {} s and was stopped", timeout.as_secs())]
    TimedOut { browser: PathBuf, timeout: Duration },
    /// The browser could not be started, failed, or wrote no PDF.
    #[error("{0}")]
    Failed(String),
}

/// The browser to print with.
pub fn chromium() -> Result<PathBuf, PrintError> {
    if let Some(p) = std::env::var_os("YUSUAN_CHROMIUM").filter(|p| !p.is_empty()) {
        let p = PathBuf::from(p);
        return if p.exists() || which(&p).is_some() {
            Ok(which(&p).unwrap_or(p))
        } else {
            Err(PrintError::NoBrowser(format!(
                "YUSUAN_CHROMIUM names {}, which does not exist",
                p.display()
            )))
        };
    }
    for name in [
        "chromium",
        "chromium-browser",
        "google-chrome",
        "google-chrome-stable",
    ] {
        if let Some(p) = which(Path::new(name)) {
            return Ok(p);
        }
    }
    Err(PrintError::NoBrowser(
        "no Chromium found to print the PDF: install it (`bash scripts/setup/render.sh`, Debian \
         packages chromium and fonts-noto-cjk) or set YUSUAN_CHROMIUM to the browser's path"
            .into(),
    ))
}

fn which(p: &Path) -> Option<PathBuf> {
    if p.components().count() > 1 {
        return p.is_file().then(|| p.to_path_buf());
    }
    let path = std::env::var_os("PATH")?;
    std::env::split_paths(&path)
        .map(|d| d.join(p))
        .find(|c| c.is_file())
}

/// Prints `html` to the PDF file `out`, within [`TIMEOUT`].
pub fn print(html: &str, out: &Path) -> Result<(), RenderError> {
    let out_abs = if out.is_absolute() {
        out.to_path_buf()
    } else {
        std::env::current_dir()
            .map(|c| c.join(out))
            .unwrap_or_else(|_| out.to_path_buf())
    };
    print_to(html, &out_abs, out, TIMEOUT).map_err(RenderError::Pdf)
}

/// Prints `html` (a self-contained page) and returns the PDF's bytes.
pub fn print_bytes(html: &str, timeout: Duration) -> Result<Vec<u8>, PrintError> {
    let dir = temp_dir()?;
    let out = dir.path().join("print.pdf");
    print_to(html, &out, &out, timeout)?;
    let bytes = std::fs::read(&out)
        .map_err(|e| PrintError::Failed(format!("cannot read {}: {e}", out.display())))?;
    if !bytes.starts_with(b"%PDF-") {
        return Err(PrintError::Failed("the browser wrote no PDF".into()));
    }
    Ok(bytes)
}

fn temp_dir() -> Result<tempfile::TempDir, PrintError> {
    tempfile::Builder::new()
        .prefix("yusuan-print-")
        .tempdir()
        .map_err(|e| PrintError::Failed(format!("cannot create a temporary folder: {e}")))
}

/// Prints `html` to `out` (an absolute path; `shown` is how errors name it) with a fresh
/// profile, killing the browser after `timeout`.
fn print_to(html: &str, out: &Path, shown: &Path, timeout: Duration) -> Result<(), PrintError> {
    let browser = chromium()?;
    let dir = temp_dir()?;
    let page = dir.path().join("page.html");
    std::fs::write(&page, html)
        .map_err(|e| PrintError::Failed(format!("cannot write {}: {e}", page.display())))?;
    let log = dir.path().join("stderr.log");
    let stderr = std::fs::File::create(&log)
        .map_err(|e| PrintError::Failed(format!("cannot write {}: {e}", log.display())))?;
    let mut child = Command::new(&browser)
        .args([
            "--headless",
            "--no-sandbox",
            "--disable-gpu",
            "--disable-dev-shm-usage",
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
        .arg(format!("--print-to-pdf={}", out.display()))
        .arg(format!("file://{}", page.display()))
        .stdin(Stdio::null())
        .stdout(Stdio::null())
        .stderr(stderr)
        .spawn()
        .map_err(|e| PrintError::Failed(format!("cannot run {}: {e}", browser.display())))?;
    let status = match child.wait_timeout(timeout) {
        Ok(Some(status)) => status,
        Ok(None) => {
            let _ = child.kill();
            let _ = child.wait();
            return Err(PrintError::TimedOut { browser, timeout });
        }
        Err(e) => {
            let _ = child.kill();
            let _ = child.wait();
            return Err(PrintError::Failed(format!(
                "cannot wait for {}: {e}",
                browser.display()
            )));
        }
    };
    let written = std::fs::metadata(out).map(|m| m.len() > 0).unwrap_or(false);
    if !status.success() || !written {
        let err = std::fs::read_to_string(&log).unwrap_or_default();
        let tail: Vec<&str> = err.lines().rev().take(5).collect();
        return Err(PrintError::Failed(format!(
            "{} did not print {} ({}): {}",
            browser.display(),
            shown.display(),
            status,
            tail.into_iter().rev().collect::<Vec<_>>().join(" | ")
        )));
    }
    Ok(())
}
