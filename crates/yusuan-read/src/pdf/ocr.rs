//! Scanned pages: rendered by pdfium at 300 dpi in grey, read by tesseract (`chi_sim+eng`, TSV
//! word boxes), table borders found in the raster; the words and borders go through the same
//! assembly as a text layer.

use std::io::Write;
use std::process::{Command, Stdio};

use pdfium_render::prelude::*;

use super::assemble::{self, Glyph, OutLine, Rule};
use super::PageFrame;

/// Rendering resolution for OCR, dots per inch.
pub const OCR_DPI: f32 = 300.0;
/// Grey level under which a pixel is ink.
const INK: u8 = 160;
/// Largest rendered page side, in pixels (a huge page is scaled down).
const MAX_SIDE: f32 = 12_000.0;

/// The tesseract executable: `YUSUAN_TESSERACT` or `tesseract` on the PATH.
fn tesseract() -> String {
    std::env::var("YUSUAN_TESSERACT").unwrap_or_else(|_| "tesseract".to_string())
}

/// Whether tesseract with the simplified-Chinese data can be run.
pub fn ocr_available() -> bool {
    Command::new(tesseract())
        .arg("--list-langs")
        .output()
        .is_ok_and(|o| {
            String::from_utf8_lossy(&o.stdout)
                .lines()
                .any(|l| l.trim() == "chi_sim")
        })
}

/// A page rendered in grey: `width × height` bytes, and points per pixel.
pub struct Raster {
    pub width: usize,
    pub height: usize,
    pub pixels: Vec<u8>,
    pub scale: f32,
}

/// Renders and reads one page.
pub(crate) fn ocr_page(
    page: &PdfPage,
    frame: &PageFrame,
    columns: &mut Option<Vec<f32>>,
) -> Result<Vec<OutLine>, String> {
    if !ocr_available() {
        return Err(
            "scanned page (no text layer) and tesseract with chi_sim is not installed; install it with scripts/setup/ocr.sh"
                .to_string(),
        );
    }
    let raster = render(page, frame)?;
    let words = recognise(&raster)?;
    let rules = raster_rules(&raster);
    Ok(assemble::assemble(words, &rules, columns))
}

fn render(page: &PdfPage, frame: &PageFrame) -> Result<Raster, String> {
    let (w, h) = frame.display_size();
    let mut scale = OCR_DPI / 72.0;
    if w.max(h) * scale > MAX_SIDE {
        scale = MAX_SIDE / w.max(h);
    }
    let target_w = (w * scale).round().max(1.0) as i32;
    let target_h = (h * scale).round().max(1.0) as i32;
    let config = PdfRenderConfig::new()
        .set_target_width(target_w)
        .set_maximum_height(target_h)
        .use_grayscale_rendering(true)
        .render_annotations(false)
        .render_form_data(false);
    let bitmap = page
        .render_with_config(&config)
        .map_err(|e| format!("cannot render the page: {e:?}"))?;
    let (bw, bh) = (bitmap.width() as usize, bitmap.height() as usize);
    let bytes = bitmap.as_raw_bytes();
    if bw == 0 || bh == 0 {
        return Err("the page renders empty".to_string());
    }
    let stride = bytes.len() / bh;
    let bpp = match bitmap.format() {
        Ok(PdfBitmapFormat::Gray) => 1,
        Ok(PdfBitmapFormat::BGR) => 3,
        _ => 4,
    };
    if stride < bw * bpp {
        return Err("unexpected bitmap layout".to_string());
    }
    let mut pixels = Vec::with_capacity(bw * bh);
    for y in 0..bh {
        let row = &bytes[y * stride..y * stride + bw * bpp];
        if bpp == 1 {
            pixels.extend_from_slice(row);
        } else {
            pixels.extend(row.chunks_exact(bpp).map(|p| {
                ((u32::from(p[0]) * 114 + u32::from(p[1]) * 587 + u32::from(p[2]) * 299) / 1000)
                    as u8
            }));
        }
    }
    Ok(Raster {
        width: bw,
        height: bh,
        pixels,
        scale: w / bw as f32,
    })
}

/// Runs tesseract on the raster (as a PGM file) and returns its words as glyphs in points.
pub fn recognise(raster: &Raster) -> Result<Vec<Glyph>, String> {
    let dir = std::env::temp_dir();
    let name = format!(
        "yusuan-ocr-{}-{}.pgm",
        std::process::id(),
        std::time::SystemTime::now()
            .duration_since(std::time::UNIX_EPOCH)
            .map(|d| d.as_nanos())
            .unwrap_or(0)
    );
    let file = dir.join(name);
    {
        let mut f = std::fs::File::create(&file)
            .map_err(|e| format!("cannot write a temporary image: {e}"))?;
        write!(f, "P5\n{} {}\n255\n", raster.width, raster.height)
            .and_then(|_| f.write_all(&raster.pixels))
            .map_err(|e| format!("cannot write a temporary image: {e}"))?;
    }
    let dpi = (72.0 / raster.scale).round() as u32;
    let output = Command::new(tesseract())
        .arg(&file)
        .arg("stdout")
        .args(["-l", "chi_sim+eng", "--psm", "6", "--dpi", &dpi.to_string()])
        .args(["-c", "preserve_interword_spaces=1"])
        .arg("tsv")
        .stdin(Stdio::null())
        .output();
    let _ = std::fs::remove_file(&file);
    let output = output.map_err(|e| format!("cannot run tesseract: {e}"))?;
    if !output.status.success() {
        return Err(format!(
            "tesseract failed: {}",
            String::from_utf8_lossy(&output.stderr).trim()
        ));
    }
    Ok(parse_tsv(
        &String::from_utf8_lossy(&output.stdout),
        raster.scale,
    ))
}

/// Tesseract TSV rows of level 5 (words) → glyphs; `scale` is points per pixel.
pub fn parse_tsv(tsv: &str, scale: f32) -> Vec<Glyph> {
    let mut out = Vec::new();
    for line in tsv.lines().skip(1) {
        let f: Vec<&str> = line.split('\t').collect();
        if f.len() < 12 || f[0] != "5" {
            continue;
        }
        let num = |i: usize| f[i].trim().parse::<f32>().ok();
        let (Some(l), Some(t), Some(w), Some(h)) = (num(6), num(7), num(8), num(9)) else {
            continue;
        };
        let text = f[11].trim();
        if text.is_empty() {
            continue;
        }
        out.push(Glyph {
            text: text.to_string(),
            bbox: [l * scale, t * scale, (l + w) * scale, (t + h) * scale],
            space_before: false,
        });
    }
    out
}

/// Table borders in a raster: long thin runs of ink, horizontal and vertical, in points.
pub fn raster_rules(r: &Raster) -> Vec<Rule> {
    let mut out = Vec::new();
    let px = |pt: f32| (pt / r.scale).round() as usize;
    let min_h = px(20.0).max(8);
    let min_v = px(14.0).max(8);
    let ink = |x: usize, y: usize| r.pixels[y * r.width + x] < INK;
    for y in 0..r.height {
        let mut x = 0;
        while x < r.width {
            if !ink(x, y) {
                x += 1;
                continue;
            }
            let start = x;
            while x < r.width && ink(x, y) {
                x += 1;
            }
            if x - start >= min_h {
                out.push(Rule {
                    at: (y as f32 + 0.5) * r.scale,
                    from: start as f32 * r.scale,
                    to: x as f32 * r.scale,
                    horizontal: true,
                });
            }
        }
    }
    for x in 0..r.width {
        let mut y = 0;
        while y < r.height {
            if !ink(x, y) {
                y += 1;
                continue;
            }
            let start = y;
            while y < r.height && ink(x, y) {
                y += 1;
            }
            if y - start >= min_v {
                out.push(Rule {
                    at: (x as f32 + 0.5) * r.scale,
                    from: start as f32 * r.scale,
                    to: y as f32 * r.scale,
                    horizontal: false,
                });
            }
        }
    }
    out
}
