//! The printed PDF: A4 pages, CJK fonts embedded, table headers repeated on every page a table
//! runs over. Needs Chromium and pdfium (`scripts/setup/render.sh`, `scripts/setup/pdfium.sh`).

mod common;

use common::{extract_path, repo};
use yusuan_render::{prepare, RenderInput, Template};

#[test]
fn seed_prints_on_a4_with_embedded_fonts_and_repeated_headers() {
    let original = extract_path(&repo().join("corpus/seeds/000_58134781a689c5f0.txt"));
    let input = RenderInput {
        disclosure: original,
        text: Default::default(),
    };
    let doc = prepare(&input, None, Template::Hebei).expect("derivable");
    let dir = std::env::temp_dir().join(format!("yusuan-render-pdf-{}", std::process::id()));
    std::fs::create_dir_all(&dir).unwrap();
    let path = dir.join("seed.pdf");
    yusuan_render::pdf::print(&yusuan_render::html::render(&doc), &path).expect("printed");
    let bytes = std::fs::read(&path).unwrap();
    assert!(bytes.starts_with(b"%PDF-"));
    let raw = String::from_utf8_lossy(&bytes);
    // Every page A4: 210 × 297 mm = 595.28 × 841.89 pt (Chromium writes 594.96 × 841.92).
    let boxes: Vec<&str> = raw
        .match_indices("/MediaBox [")
        .map(|(i, _)| &raw[i..])
        .collect();
    assert!(boxes.len() >= 10, "{} pages", boxes.len());
    for b in &boxes {
        let inner = &b["/MediaBox [".len()..b.find(']').unwrap()];
        let v: Vec<f64> = inner
            .split_whitespace()
            .map(|x| x.parse().unwrap())
            .collect();
        assert!(
            (v[2] - 595.0).abs() < 1.0 && (v[3] - 842.0).abs() < 1.0,
            "{inner}"
        );
    }
    // Fonts embedded (Chromium embeds the CJK glyphs it uses).
    assert!(
        raw.contains("/FontFile") || raw.contains("/CharProcs"),
        "embedded font programs"
    );

    // Read back: the summary table (33 lines) runs over two pages, and its header rows are
    // printed again at the top of the second.
    let read = yusuan_read::read_path(&path).expect("readable PDF");
    let header = "序号\t收入\t\t支出\t";
    let repeated = read.lines.iter().filter(|l| l.text == header).count();
    assert!(
        repeated >= 2,
        "header of 收支总表 printed {repeated} time(s)"
    );
    let pages_of_summary: std::collections::BTreeSet<u32> = read
        .lines
        .iter()
        .filter(|l| l.text == header)
        .filter_map(|l| l.page)
        .collect();
    assert!(pages_of_summary.len() >= 2, "{pages_of_summary:?}");
    let _ = std::fs::remove_dir_all(&dir);
}

#[test]
fn missing_browser_is_a_clear_error() {
    // A child process so the environment change does not leak into other tests.
    if std::env::var_os("YUSUAN_PDF_CHILD").is_some() {
        let err = yusuan_render::pdf::print("<p>x</p>", std::path::Path::new("/tmp/never.pdf"))
            .expect_err("no browser");
        let msg = err.to_string();
        assert!(msg.contains("YUSUAN_CHROMIUM"), "{msg}");
        assert!(msg.contains("/nonexistent/chromium"), "{msg}");
        return;
    }
    let exe = std::env::current_exe().unwrap();
    let out = std::process::Command::new(exe)
        .args(["missing_browser_is_a_clear_error", "--exact", "--nocapture"])
        .env("YUSUAN_PDF_CHILD", "1")
        .env("YUSUAN_CHROMIUM", "/nonexistent/chromium")
        .output()
        .unwrap();
    assert!(
        out.status.success(),
        "{}",
        String::from_utf8_lossy(&out.stdout)
    );
}
