//! A PDF whose Chinese fonts are not embedded and use the predefined CMaps `GBK-EUC-H` and
//! `UniGB-UCS2-H` (Type0 fonts over a CIDFontType0 `STSong-Light`, Adobe-GB1-2, no font file), as
//! many government PDFs are made: generated here byte by byte, read by position and extracted.
//!
//! Needs the PDF engine (`scripts/setup/pdfium.sh`).

use std::str::FromStr;

use yusuan_model::{ColumnKey, Decimal, TableKind};

/// Text drawn with one of the two fonts.
enum Font {
    /// `/F1`: GBK-EUC-H, one byte for ASCII, two for Chinese.
    Gbk,
    /// `/F2`: UniGB-UCS2-H, two bytes (UCS-2 big-endian) per character.
    Ucs2,
}

fn hex_string(font: &Font, text: &str) -> String {
    let bytes: Vec<u8> = match font {
        Font::Gbk => encoding_rs::GBK.encode(text).0.into_owned(),
        Font::Ucs2 => text.encode_utf16().flat_map(u16::to_be_bytes).collect(),
    };
    let hex: String = bytes.iter().map(|b| format!("{b:02X}")).collect();
    format!("<{hex}>")
}

/// Content stream: text at (x, y) in PDF user space (origin bottom-left), and ruling lines.
struct Page {
    ops: String,
}

impl Page {
    fn text(&mut self, font: Font, x: f32, y: f32, text: &str) {
        let name = match font {
            Font::Gbk => "F1",
            Font::Ucs2 => "F2",
        };
        self.ops.push_str(&format!(
            "BT /{name} 10 Tf {x} {y} Td {} Tj ET\n",
            hex_string(&font, text)
        ));
    }
    fn line(&mut self, x0: f32, y0: f32, x1: f32, y1: f32) {
        self.ops.push_str(&format!("{x0} {y0} m {x1} {y1} l S\n"));
    }
}

fn cid_font(encoding: &str) -> String {
    format!(
        "<< /Type /Font /Subtype /Type0 /BaseFont /STSong-Light-{encoding} /Encoding /{encoding} \
         /DescendantFonts [<< /Type /Font /Subtype /CIDFontType0 /BaseFont /STSong-Light \
         /CIDSystemInfo << /Registry (Adobe) /Ordering (GB1) /Supplement 2 >> \
         /FontDescriptor << /Type /FontDescriptor /FontName /STSong-Light /Flags 6 \
         /FontBBox [-25 -254 1000 880] /ItalicAngle 0 /Ascent 880 /Descent -120 /CapHeight 880 /StemV 93 >> \
         /DW 1000 /W [1 95 500 814 939 500] >>] >>"
    )
}

/// A whole PDF file with one A4 landscape page.
fn pdf(content: &str) -> Vec<u8> {
    let objects = [
        "<< /Type /Catalog /Pages 2 0 R >>".to_string(),
        "<< /Type /Pages /Kids [3 0 R] /Count 1 >>".to_string(),
        "<< /Type /Page /Parent 2 0 R /MediaBox [0 0 842 595] /Resources << /Font << /F1 4 0 R /F2 5 0 R >> >> /Contents 6 0 R >>".to_string(),
        cid_font("GBK-EUC-H"),
        cid_font("UniGB-UCS2-H"),
        format!("<< /Length {} >>\nstream\n{content}endstream", content.len()),
    ];
    let mut out = b"%PDF-1.4\n%\xE2\xE3\xCF\xD3\n".to_vec();
    let mut offsets = Vec::new();
    for (i, o) in objects.iter().enumerate() {
        offsets.push(out.len());
        out.extend_from_slice(format!("{} 0 obj\n{o}\nendobj\n", i + 1).as_bytes());
    }
    let xref = out.len();
    out.extend_from_slice(
        format!("xref\n0 {}\n0000000000 65535 f \n", objects.len() + 1).as_bytes(),
    );
    for off in offsets {
        out.extend_from_slice(format!("{off:010} 00000 n \n").as_bytes());
    }
    out.extend_from_slice(
        format!(
            "trailer\n<< /Size {} /Root 1 0 R >>\nstartxref\n{xref}\n%%EOF\n",
            objects.len() + 1
        )
        .as_bytes(),
    );
    out
}

/// A 部门支出预算总表 with a blank 项目支出 cell and a blank 基本支出 cell: headers and names in
/// both encodings, amounts right-aligned in their columns.
fn budget_table() -> Vec<u8> {
    let mut p = Page { ops: String::new() };
    p.text(Font::Ucs2, 330.0, 540.0, "2025年部门支出预算总表");
    p.text(Font::Gbk, 60.0, 515.0, "编制部门：某区某局");
    p.text(Font::Ucs2, 700.0, 515.0, "单位：元");
    // Column borders and row borders.
    let xs = [50.0, 160.0, 400.0, 520.0, 640.0, 760.0];
    let ys = [500.0, 480.0, 460.0, 440.0, 420.0, 400.0, 380.0];
    for x in xs {
        p.line(x, ys[0], x, ys[ys.len() - 1]);
    }
    for y in ys {
        p.line(xs[0], y, xs[xs.len() - 1], y);
    }
    let header = [
        "功能分类科目编码",
        "功能分类科目名称",
        "合计",
        "基本支出",
        "项目支出",
    ];
    for (i, h) in header.iter().enumerate() {
        let font = if i % 2 == 0 { Font::Gbk } else { Font::Ucs2 };
        p.text(font, xs[i] + 4.0, ys[0] - 14.0, h);
    }
    let rows: [(&str, &str, [&str; 3]); 5] = [
        ("201", "一般公共服务支出", ["1,000.00", "600.00", "400.00"]),
        (
            "20103",
            "政府办公厅（室）及相关机构事务",
            ["1,000.00", "600.00", "400.00"],
        ),
        ("2010301", "行政运行", ["600.00", "600.00", ""]),
        ("2010302", "一般行政管理事务", ["400.00", "", "400.00"]),
        ("", "合计", ["1,000.00", "600.00", "400.00"]),
    ];
    for (r, (code, name, amounts)) in rows.iter().enumerate() {
        let y = ys[r + 1] - 14.0;
        p.text(Font::Gbk, xs[0] + 4.0, y, code);
        let font = if r % 2 == 0 { Font::Ucs2 } else { Font::Gbk };
        p.text(font, xs[1] + 4.0, y, name);
        for (c, a) in amounts.iter().enumerate() {
            // Right-aligned: half-width digits are 5 points wide at 10 points.
            let x = xs[c + 2 + 1] - 4.0 - 5.0 * a.chars().count() as f32;
            let font = if c == 1 { Font::Ucs2 } else { Font::Gbk };
            p.text(font, x, y, a);
        }
    }
    pdf(&p.ops)
}

#[test]
fn non_embedded_gbk_and_ucs2_fonts_extract() {
    let bytes = budget_table();
    let doc = yusuan_read::read_bytes("generated/cjk-fonts.pdf", &bytes)
        .unwrap_or_else(|e| panic!("{e}"));
    let texts: Vec<&str> = doc
        .lines
        .iter()
        .map(|l| l.text.as_str())
        .filter(|t| !t.is_empty())
        .collect();
    assert_eq!(
        texts,
        [
            "2025年部门支出预算总表",
            "编制部门：某区某局 单位：元",
            "功能分类科目编码\t功能分类科目名称\t合计\t基本支出\t项目支出",
            "201\t一般公共服务支出\t1,000.00\t600.00\t400.00",
            "20103\t政府办公厅（室）及相关机构事务\t1,000.00\t600.00\t400.00",
            "2010301\t行政运行\t600.00\t600.00\t",
            "2010302\t一般行政管理事务\t400.00\t\t400.00",
            "\t合计\t1,000.00\t600.00\t400.00",
        ]
    );
    let model = yusuan_extract::extract(&doc);
    assert_eq!(model.source.format, "pdf");
    let table = model
        .tables
        .iter()
        .find(|t| t.kind == TableKind::Expenditure)
        .expect("the expenditure table");
    let d = |s: &str| Decimal::from_str(s).unwrap();
    let row = |code: &str| {
        table
            .rows
            .iter()
            .find(|r| r.code.as_deref() == Some(code))
            .unwrap_or_else(|| panic!("row {code}"))
    };
    assert_eq!(row("2010301").certain(&ColumnKey::BASIC), Some(d("600.00")));
    assert_eq!(row("2010301").cells.get(&ColumnKey::PROJECT), None);
    // The lone amount of 一般行政管理事务 is in 项目支出, by its position.
    assert_eq!(
        row("2010302").certain(&ColumnKey::PROJECT),
        Some(d("400.00"))
    );
    assert_eq!(row("2010302").cells.get(&ColumnKey::BASIC), None);
    assert_eq!(row("20103").name, "政府办公厅（室）及相关机构事务");
    let total = table.rows.iter().find(|r| r.is_total).expect("合计");
    assert_eq!(total.certain(&ColumnKey::TOTAL), Some(d("1000.00")));
    assert!(table.rows.iter().all(|r| r.uncertain.is_empty()));
    // Boxes: the 项目支出 amount of 2010302 lies in the last column (x 640–760, y from the top).
    let span = &row("2010302").cell_spans[&ColumnKey::PROJECT];
    let b = span.bbox.expect("a box");
    assert!(b[0] > 640.0 && b[2] < 760.0, "{b:?}");
    assert!(b[1] > 595.0 - 420.0 && b[3] < 595.0 - 400.0, "{b:?}");
    assert_eq!(span.page, Some(1));
}
