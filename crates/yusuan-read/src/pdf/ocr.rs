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
    let mut raster = render(page, frame)?;
    let rules = raster_rules(&raster);
    // Table borders confuse the recogniser: they are erased before it reads the page.
    erase_rules(&mut raster);
    if let Some(dir) = std::env::var_os("YUSUAN_OCR_DUMP") {
        let _ = write_pgm(&std::path::PathBuf::from(dir).join("page.pgm"), &raster);
    }
    let words = recognise(&raster)?;
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
    write_pgm(&file, raster).map_err(|e| format!("cannot write a temporary image: {e}"))?;
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
        let text = trim_number_noise(f[11].trim());
        // A word of marks only (`，`, `|`, `=`) is a border fragment or a speck.
        if !text.chars().any(char::is_alphanumeric) {
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

fn write_pgm(path: &std::path::Path, raster: &Raster) -> std::io::Result<()> {
    let mut f = std::io::BufWriter::new(std::fs::File::create(path)?);
    write!(f, "P5\n{} {}\n255\n", raster.width, raster.height)?;
    f.write_all(&raster.pixels)?;
    f.flush()
}

/// Whitens the long thin runs of ink (table borders), and one pixel around them.
pub fn erase_rules(r: &mut Raster) {
    let px = |pt: f32| (pt / r.scale).round() as usize;
    let min_h = px(20.0).max(8);
    let min_v = px(14.0).max(8);
    let (w, h) = (r.width, r.height);
    let mut erase = vec![false; w * h];
    let ink = |p: &[u8], x: usize, y: usize| p[y * w + x] < INK;
    for y in 0..h {
        let mut x = 0;
        while x < w {
            if !ink(&r.pixels, x, y) {
                x += 1;
                continue;
            }
            let start = x;
            while x < w && ink(&r.pixels, x, y) {
                x += 1;
            }
            if x - start >= min_h {
                for yy in y.saturating_sub(1)..(y + 2).min(h) {
                    erase[yy * w + start..yy * w + x]
                        .iter_mut()
                        .for_each(|e| *e = true);
                }
            }
        }
    }
    let horizontal = erase.clone();
    let long_v = px(28.0).max(8);
    for x in 0..w {
        let mut y = 0;
        while y < h {
            if !ink(&r.pixels, x, y) {
                y += 1;
                continue;
            }
            let start = y;
            while y < h && ink(&r.pixels, x, y) {
                y += 1;
            }
            // A vertical stroke of a large character can be as long as a row's border: a short
            // run is a border only where it meets a horizontal border.
            let meets = |yy: usize| {
                (yy.saturating_sub(3)..(yy + 4).min(h))
                    .any(|v| (x.saturating_sub(3)..(x + 4).min(w)).any(|u| horizontal[v * w + u]))
            };
            if y - start >= long_v || (y - start >= min_v && (meets(start) || meets(y - 1))) {
                for yy in start..y {
                    for xx in x.saturating_sub(1)..(x + 2).min(w) {
                        erase[yy * w + xx] = true;
                    }
                }
            }
        }
    }
    for (p, e) in r.pixels.iter_mut().zip(erase) {
        if e {
            *p = 255;
        }
    }
}

/// A number read with a stray mark before or after it (`，99`, `42|`): the mark is scanner noise
/// (a border fragment, a speck), not text. Other words are kept as read.
fn trim_number_noise(word: &str) -> &str {
    let core = word.trim_matches(|c: char| !c.is_alphanumeric() && c != ',' && c != '.');
    let numeric = !core.is_empty()
        && core
            .chars()
            .all(|c| c.is_ascii_digit() || c == ',' || c == '.')
        && core.chars().any(|c| c.is_ascii_digit());
    if numeric {
        core
    } else {
        word
    }
}
