//! Plain text: every table as tab-separated rows (the layout of seed 000), the explanation as
//! paragraphs. What `yusuan extract` reads back without loss.

use std::fmt::Write;

use crate::grid::grid;
use crate::layout::{self, document_title};
use crate::Document;

/// The whole disclosure as text.
pub fn render(doc: &Document) -> String {
    let d = &doc.disclosure;
    let mut s = String::new();
    let _ = writeln!(s, "{}\n", document_title(d));
    let _ = writeln!(s, "目录\n");
    for t in &d.tables {
        let _ = writeln!(s, "{}", layout::table_title(t, d, doc.template));
    }
    s.push('\n');
    for t in &d.tables {
        let g = grid(t, d, doc.template);
        let _ = writeln!(s, "{}\n", g.title);
        for m in &g.meta {
            let _ = writeln!(s, "{m}\n");
        }
        let _ = writeln!(s, "{}\n", g.unit);
        for h in &g.header {
            let _ = writeln!(s, "{}", h.join("\t"));
        }
        for r in &g.body {
            let _ = writeln!(s, "{}", r.join("\t"));
        }
        if let Some(n) = &g.note {
            let _ = writeln!(s, "\n{n}");
        }
        s.push('\n');
    }
    let _ = writeln!(s, "{}情况说明\n", document_title(d));
    for sec in &doc.explanation {
        let _ = writeln!(s, "{}\n", sec.heading);
        for p in &sec.paragraphs {
            let _ = writeln!(s, "{p}\n");
        }
        if sec.units_table {
            let _ = writeln!(s, "单位名称\t单位性质\t单位规格\t经费保障形式");
            for u in &d.units {
                let _ = writeln!(
                    s,
                    "{}\t{}\t{}\t{}",
                    u.name,
                    u.nature.as_deref().unwrap_or(""),
                    u.rank.as_deref().unwrap_or(""),
                    u.funding.as_deref().unwrap_or("")
                );
            }
            s.push('\n');
        }
    }
    s
}
