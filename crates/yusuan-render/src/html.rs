//! One self-contained HTML file: cover, contents, the nine tables, the explanation, the project
//! performance tables. Print CSS: A4, table headers repeated on every page
//! (`thead { display: table-header-group }`), rows never split, each table on a new page, a CJK
//! font stack (Noto / WenQuanYi / the Windows and macOS fonts).

use std::fmt::Write;

use yusuan_model::{Disclosure, Project};

use crate::format::amount;
use crate::grid::{grid, ColKind, Grid};
use crate::layout::{self, document_title};
use crate::{Document, Template};

const CSS: &str = r#"
@page { size: A4; margin: 18mm 14mm 16mm 14mm; }
html { font-family: "Noto Serif CJK SC", "Source Han Serif SC", "SimSun", "宋体", "Noto Sans CJK SC", "WenQuanYi Zen Hei", "WenQuanYi Micro Hei", "Microsoft YaHei", "PingFang SC", serif; font-size: 10.5pt; color: #000; }
body { margin: 0; }
h1, h2, h3, h4 { font-family: "Noto Sans CJK SC", "Source Han Sans SC", "SimHei", "黑体", "WenQuanYi Zen Hei", "Microsoft YaHei", sans-serif; font-weight: bold; }
.cover { height: 250mm; display: flex; flex-direction: column; justify-content: center; text-align: center; page-break-after: always; }
.cover h1 { font-size: 28pt; margin: 0 0 12mm; letter-spacing: 2pt; }
.cover p { font-size: 14pt; margin: 2mm 0; }
.contents { page-break-after: always; }
.contents h2 { text-align: center; font-size: 18pt; }
.contents ol { list-style: none; padding: 0; line-height: 2; font-size: 12pt; }
.contents li { border-bottom: 1px dotted #999; }
.contents a { color: inherit; text-decoration: none; }
section.table { page-break-before: always; }
section.table h2 { text-align: center; font-size: 16pt; margin: 0 0 3mm; }
.meta { font-size: 10pt; margin-bottom: 1.5mm; }
.meta p { margin: 0 0 0.6mm; }
.meta p.unit { text-align: right; }
table.data { width: 100%; border-collapse: collapse; font-size: 9pt; table-layout: fixed; }
table.data th { overflow-wrap: anywhere; }
table.data th, table.data td { border: 0.6pt solid #000; padding: 1mm 1.1mm; }
table.data th { font-weight: bold; text-align: center; background: #f2f2f2; }
table.data td.num { text-align: right; white-space: nowrap; font-variant-numeric: tabular-nums; }
table.data td.code { white-space: nowrap; }
table.data tr.total td { font-weight: bold; }
table.data tr.colnum th { font-weight: normal; background: #fff; }
thead { display: table-header-group; }
tfoot { display: table-footer-group; }
tr, td, th { page-break-inside: avoid; break-inside: avoid; }
p.note { font-size: 10pt; margin-top: 3mm; }
section.explanation { page-break-before: always; line-height: 1.8; font-size: 11pt; }
section.explanation h2 { text-align: center; font-size: 16pt; }
section.explanation h3 { font-size: 12pt; margin: 4mm 0 1mm; }
section.explanation h4 { font-size: 11pt; margin: 2mm 0 1mm; }
section.explanation p { text-indent: 2em; margin: 1mm 0; text-align: justify; }
section.performance { page-break-before: always; }
section.performance h2 { text-align: center; font-size: 16pt; }
section.project { break-inside: avoid-page; margin-bottom: 6mm; }
section.project h3 { font-size: 12pt; text-align: center; }
@media screen { body { max-width: 210mm; margin: 0 auto; padding: 10mm; background: #fff; } }
"#;

/// Text escaped for HTML content and quoted attribute values (`& < > " '`).
pub fn escape(s: &str) -> String {
    let mut o = String::with_capacity(s.len());
    for c in s.chars() {
        match c {
            '&' => o.push_str("&amp;"),
            '<' => o.push_str("&lt;"),
            '>' => o.push_str("&gt;"),
            '"' => o.push_str("&quot;"),
            '\'' => o.push_str("&#39;"),
            _ => o.push(c),
        }
    }
    o
}

/// The disclosure as one HTML file.
pub fn render(doc: &Document) -> String {
    let d = &doc.disclosure;
    let title = document_title(d);
    let mut s = String::new();
    let _ = write!(
        s,
        "<!DOCTYPE html>\n<html lang=\"zh-CN\">\n<head>\n<meta charset=\"utf-8\">\n<title>{}</title>\n<style>{CSS}</style>\n</head>\n<body>\n",
        escape(&title)
    );
    cover(&mut s, doc);
    contents(&mut s, doc);
    for t in &d.tables {
        let g = grid(t, d, doc.template);
        table(&mut s, &g, t.kind.as_str());
    }
    explanation(&mut s, doc);
    performance(&mut s, d, doc.template);
    s.push_str("</body>\n</html>\n");
    s
}

fn cover(s: &mut String, doc: &Document) {
    let d = &doc.disclosure;
    let name = d.department.as_ref().map(|x| x.name.as_str()).unwrap_or("");
    let year = d.year.map(|y| format!("{y}年")).unwrap_or_default();
    let kind = layout::document_title(&Disclosure {
        department: None,
        year: None,
        ..d.clone()
    });
    let _ = write!(
        s,
        "<div class=\"cover\">\n<h1>{}</h1>\n<p>{}{}</p>\n<p>{}</p>\n</div>\n",
        escape(name),
        escape(&year),
        escape(&kind),
        match doc.template {
            Template::Hebei => "信息公开",
            Template::Shanghai => "",
        }
    );
}

fn contents(s: &mut String, doc: &Document) {
    let d = &doc.disclosure;
    s.push_str("<div class=\"contents\">\n<h2>目录</h2>\n<ol>\n");
    s.push_str("<li><strong>一、预算公开表</strong></li>\n");
    for (i, t) in d.tables.iter().enumerate() {
        let _ = writeln!(
            s,
            "<li>&emsp;{}. <a href=\"#{}\">{}</a></li>",
            i + 1,
            t.kind.as_str(),
            escape(&layout::table_title(t, d, doc.template))
        );
    }
    let _ = writeln!(
        s,
        "<li><strong>二、<a href=\"#explanation\">{}情况说明</a></strong></li>",
        escape(&document_title(d))
    );
    for sec in doc.explanation.iter().filter(|x| x.level == 1) {
        let _ = writeln!(s, "<li>&emsp;{}</li>", escape(&sec.heading));
    }
    if !d.projects.is_empty() {
        s.push_str(
            "<li><strong>三、<a href=\"#performance\">项目支出绩效目标表</a></strong></li>\n",
        );
    }
    s.push_str("</ol>\n</div>\n");
}

fn table(s: &mut String, g: &Grid, id: &str) {
    let width = g.header.first().map(Vec::len).unwrap_or(0);
    let wide = if width > 8 { " wide" } else { "" };
    let _ = writeln!(s, "<section class=\"table{wide}\" id=\"{id}\">");
    let _ = writeln!(s, "<h2>{}</h2>", escape(&g.title));
    // Each line of its own (a reader sees 编制部门, 预算年度 and 单位 as the published lines).
    s.push_str("<div class=\"meta\">");
    s.push_str("<div>");
    for m in &g.meta {
        let _ = write!(s, "<p>{}</p>", escape(m));
    }
    s.push_str("</div>");
    let _ = write!(s, "<p class=\"unit\">{}</p>", escape(&g.unit));
    s.push_str("</div>\n");
    let mut cols = String::new();
    let font = colgroup(&mut cols, g);
    let _ = write!(
        s,
        "<table class=\"data\" style=\"font-size:{font}pt\">\n{cols}<thead>\n"
    );
    for (i, h) in g.header.iter().enumerate() {
        let class = if i + 1 == g.header.len() && h.first().is_some_and(|c| c == "栏次") {
            " class=\"colnum\""
        } else {
            ""
        };
        let _ = write!(s, "<tr{class}>");
        // The sides of a summary table (收入 / 支出) span their columns.
        let group = g.kind.is_two_sided() && i == 0;
        let mut c = 0;
        while c < h.len() {
            let mut span = 1;
            if group && !h[c].is_empty() && h[c] != "序号" {
                while c + span < h.len() && h[c + span].is_empty() {
                    span += 1;
                }
            }
            if span > 1 {
                let _ = write!(s, "<th colspan=\"{span}\">{}</th>", escape(&h[c]));
            } else {
                let _ = write!(s, "<th>{}</th>", escape(&h[c]));
            }
            c += span;
        }
        s.push_str("</tr>\n");
    }
    s.push_str("</thead>\n<tbody>\n");
    for (i, r) in g.body.iter().enumerate() {
        let class = if g.total_rows.contains(&i) {
            " class=\"total\""
        } else {
            ""
        };
        let _ = write!(s, "<tr{class}>");
        for (j, c) in r.iter().enumerate() {
            let cls = match g.column(j) {
                ColKind::Amount => " class=\"num\"",
                ColKind::Code | ColKind::Seq => " class=\"code\"",
                ColKind::Text => "",
            };
            let _ = write!(s, "<td{cls}>{}</td>", escape(c));
        }
        s.push_str("</tr>\n");
    }
    if g.body.is_empty() {
        let _ = writeln!(s, "<tr><td colspan=\"{width}\">&nbsp;</td></tr>");
    }
    s.push_str("</tbody>\n</table>\n");
    if let Some(n) = &g.note {
        let _ = writeln!(s, "<p class=\"note\">{}</p>", escape(n));
    }
    s.push_str("</section>\n");
}

/// Display width in half-em units (a CJK character is two).
fn units(text: &str) -> f64 {
    text.chars()
        .map(|c| if (c as u32) < 0x2E80 { 1.0 } else { 2.0 })
        .sum()
}

/// Column widths from their content (amounts never wrap; names wrap past a limit) and the font
/// size that fits them on the A4 width.
fn colgroup(s: &mut String, g: &Grid) -> f64 {
    let width = g.columns.len();
    if width == 0 {
        return 9.0;
    }
    let mut w: Vec<f64> = (0..width)
        .map(|c| {
            let widest = g
                .body
                .iter()
                .filter_map(|r| r.get(c))
                .map(|x| units(x))
                .fold(0.0, f64::max);
            let header = g
                .header
                .iter()
                .filter_map(|h| h.get(c))
                .map(|x| units(x))
                .fold(0.0, f64::max);
            match g.column(c) {
                ColKind::Seq => widest.max(3.0),
                ColKind::Code => widest.max(6.0),
                ColKind::Text => widest.clamp(12.0, 30.0),
                // Headers wrap (two lines), figures do not.
                // Digits are wider than half an em in bold (total rows): room to spare.
                ColKind::Amount => (widest * 1.2 + 1.5).max((header / 2.0).min(10.0)).max(6.0),
            }
        })
        .collect();
    // 182 mm of text width; 2.4 mm of padding and rules per column; a half-em is 0.5 pt per pt.
    let total: f64 = w.iter().sum();
    let avail_mm = 182.0 - 2.6 * width as f64;
    let font = (avail_mm / (total * 0.5 * 0.3528)).clamp(5.5, 9.5);
    let font = (font * 2.0).floor() / 2.0;
    for x in w.iter_mut() {
        *x /= total;
    }
    s.push_str("<colgroup>");
    for x in &w {
        let _ = write!(s, "<col style=\"width:{:.2}%\">", x * 100.0);
    }
    s.push_str("</colgroup>\n");
    font
}

fn explanation(s: &mut String, doc: &Document) {
    let d = &doc.disclosure;
    let _ = writeln!(
        s,
        "<section class=\"explanation\" id=\"explanation\">\n<h2>{}情况说明</h2>",
        escape(&document_title(d))
    );
    for sec in &doc.explanation {
        let tag = if sec.level == 1 { "h3" } else { "h4" };
        let _ = writeln!(s, "<{tag}>{}</{tag}>", escape(&sec.heading));
        for p in &sec.paragraphs {
            let _ = writeln!(s, "<p>{}</p>", escape(p));
        }
        if sec.units_table {
            s.push_str("<table class=\"data\">\n<thead><tr><th>单位名称</th><th>单位性质</th><th>单位规格</th><th>经费保障形式</th></tr></thead>\n<tbody>\n");
            for u in &d.units {
                let _ = writeln!(
                    s,
                    "<tr><td>{}</td><td>{}</td><td>{}</td><td>{}</td></tr>",
                    escape(&u.name),
                    escape(u.nature.as_deref().unwrap_or("")),
                    escape(u.rank.as_deref().unwrap_or("")),
                    escape(u.funding.as_deref().unwrap_or(""))
                );
            }
            s.push_str("</tbody>\n</table>\n");
        }
    }
    s.push_str("</section>\n");
}

fn performance(s: &mut String, d: &Disclosure, template: Template) {
    if d.projects.is_empty() {
        return;
    }
    s.push_str("<section class=\"performance\" id=\"performance\">\n<h2>项目支出绩效目标表</h2>\n");
    for p in &d.projects {
        project(s, p, template);
    }
    s.push_str("</section>\n");
}

fn project(s: &mut String, p: &Project, template: Template) {
    let sep = layout::separators(template);
    let unit = p.unit.map(|u| u.chinese()).unwrap_or("万元");
    let _ = writeln!(
        s,
        "<section class=\"project\">\n<h3>{}</h3>",
        escape(p.title.as_deref().unwrap_or("项目支出绩效目标表"))
    );
    s.push_str("<table class=\"data\">\n<tbody>\n");
    let _ = writeln!(
        s,
        "<tr><th>项目名称</th><td colspan=\"5\">{}</td></tr>",
        escape(&p.name)
    );
    if let Some(u) = &p.unit_name {
        let _ = writeln!(
            s,
            "<tr><th>单位名称</th><td colspan=\"5\">{}</td></tr>",
            escape(u)
        );
    }
    let fig = |f: &Option<yusuan_model::Figure>| {
        f.as_ref().map(|f| amount(f.value, sep)).unwrap_or_default()
    };
    let _ = writeln!(
        s,
        "<tr><th>预算数（{unit}）</th><td class=\"num\">{}</td><th>财政资金</th><td class=\"num\">{}</td><th>其他资金</th><td class=\"num\">{}</td></tr>",
        fig(&p.budget),
        fig(&p.fiscal_funds),
        fig(&p.other_funds)
    );
    if let Some(goal) = p.goal.as_deref().or(p.overall_goal.as_deref()) {
        let _ = writeln!(
            s,
            "<tr><th>年度绩效目标</th><td colspan=\"5\">{}</td></tr>",
            escape(goal)
        );
    }
    s.push_str("</tbody>\n</table>\n");
    if !p.indicators.is_empty() {
        s.push_str("<table class=\"data\">\n<thead><tr><th>一级指标</th><th>二级指标</th><th>三级指标</th><th>指标值</th><th>指标值确定依据</th></tr></thead>\n<tbody>\n");
        for i in &p.indicators {
            let _ = writeln!(
                s,
                "<tr><td>{}</td><td>{}</td><td>{}</td><td>{}</td><td>{}</td></tr>",
                escape(i.level1.as_deref().unwrap_or("")),
                escape(i.level2.as_deref().unwrap_or("")),
                escape(&i.name),
                escape(&i.value.raw),
                escape(i.basis.as_deref().unwrap_or(""))
            );
        }
        s.push_str("</tbody>\n</table>\n");
    }
    s.push_str("</section>\n");
}
