//! PDF: the HTML printed by headless Chromium (A4, the CJK fonts embedded by Chromium's PDF
//! writer, table headers repeated by the print CSS). `YUSUAN_CHROMIUM` names the browser; by
//! default `chromium`, `chromium-browser`, `google-chrome` are tried on `PATH`.

use std::path::{Path, PathBuf};
use std::process::Command;

use crate::RenderError;

/// The browser to print with.
pub fn chromium() -> Result<PathBuf, RenderError> {
    if let Some(p) = std::env::var_os("YUSUAN_CHROMIUM").filter(|p| !p.is_empty()) {
        let p = PathBuf::from(p);
        return if p.exists() || which(&p).is_some() {
            Ok(which(&p).unwrap_or(p))
        } else {
            Err(RenderError::Pdf(format!(
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
    Err(RenderError::Pdf(
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

/// Prints `html` to the PDF file `out`.
pub fn print(html: &str, out: &Path) -> Result<(), RenderError> {
    let browser = chromium()?;
    let dir = std::env::temp_dir().join(format!(
        "yusuan-render-{}-{}",
        std::process::id(),
        std::time::SystemTime::now()
            .duration_since(std::time::UNIX_EPOCH)
            .map(|d| d.as_nanos())
            .unwrap_or(0)
    ));
    std::fs::create_dir_all(&dir).map_err(|e| RenderError::Io {
        path: dir.display().to_string(),
        source: e,
    })?;
    let page = dir.join("disclosure.html");
    std::fs::write(&page, html).map_err(|e| RenderError::Io {
        path: page.display().to_string(),
        source: e,
    })?;
    let out_abs = if out.is_absolute() {
        out.to_path_buf()
    } else {
        std::env::current_dir()
            .map(|c| c.join(out))
            .unwrap_or_else(|_| out.to_path_buf())
    };
    let result = Command::new(&browser)
        .arg("--headless")
        .arg("--no-sandbox")
        .arg("--disable-gpu")
        .arg("--disable-dev-shm-usage")
        .arg("--no-first-run")
        .arg("--no-pdf-header-footer")
        .arg(format!("--user-data-dir={}", dir.join("profile").display()))
        .arg(format!("--print-to-pdf={}", out_abs.display()))
        .arg(format!("file://{}", page.display()))
        .output();
    let _ = std::fs::remove_dir_all(&dir);
    let output =
        result.map_err(|e| RenderError::Pdf(format!("cannot run {}: {e}", browser.display())))?;
    let written = std::fs::metadata(&out_abs)
        .map(|m| m.len() > 0)
        .unwrap_or(false);
    if !output.status.success() || !written {
        let err = String::from_utf8_lossy(&output.stderr);
        let tail: Vec<&str> = err.lines().rev().take(5).collect();
        return Err(RenderError::Pdf(format!(
            "{} did not print {} ({}): {}",
            browser.display(),
            out.display(),
            output.status,
            tail.into_iter().rev().collect::<Vec<_>>().join(" | ")
        )));
    }
    Ok(())
}
