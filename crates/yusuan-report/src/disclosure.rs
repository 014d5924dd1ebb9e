//! The readable dump of a disclosure (`yusuan extract --format text`).

use std::fmt::Write;

use unicode_width::UnicodeWidthStr;
use yusuan_model::{Disclosure, Side, Table};

pub fn render(d: &Disclosure) -> String {
    let mut s = String::new();
    let _ = writeln!(s, "== {} ==", d.source.path);
    let dept = match &d.department {
        Some(dep) => match &dep.code {
            Some(code) => format!("{} ({code})", dep.name),
            None => dep.name.clone(),
        },
        None => "?".into(),
    };
    let year = d.year.map(|y| y.to_string()).unwrap_or_else(|| "?".into());
    let _ = writeln!(
        s,
        "department: {dept}   year: {year}   kind: {}   standard tables: {}",
        d.kind,
        d.tables.len()
    );
    for t in &d.tables {
        table(&mut s, t);
    }
    s.push_str(&crate::performance_text::render(d));
    s.push_str(&crate::facts_text::render(d));
    if !d.notes.is_empty() {
        let _ = writeln!(
            s,
            "\n-- {} note(s): pieces that were not understood",
            d.notes.len()
        );
        for n in &d.notes {
            let _ = writeln!(s, "  line {}: {}", n.span.line, n.message);
        }
    }
    s.push('\n');
    s
}

fn pad(text: &str, width: usize) -> String {
    let w = UnicodeWidthStr::width(text);
    format!("{text}{}", " ".repeat(width.saturating_sub(w)))
}

fn lpad(text: &str, width: usize) -> String {
    let w = UnicodeWidthStr::width(text);
    format!("{}{text}", " ".repeat(width.saturating_sub(w)))
}

fn table(s: &mut String, t: &Table) {
    let unit = t.unit.map(|u| u.chinese()).unwrap_or("unit not stated");
    let _ = writeln!(
        s,
        "\n-- {} 《{}》 [{}] lines {}–{}, {} rows{}",
        t.kind,
        t.title,
        unit,
        t.span.line,
        t.end_line,
        t.rows.len(),
        if t.empty { ", empty" } else { "" }
    );
    if let Some(reason) = &t.unreadable {
        let _ = writeln!(s, "   rows not read: {reason}");
    }
    if let Some(n) = &t.empty_note {
        let _ = writeln!(s, "   {n}");
    }
    if t.rows.is_empty() {
        return;
    }
    let sides: Vec<Option<Side>> = if t.kind.is_two_sided() {
        vec![Some(Side::Income), Some(Side::Expenditure)]
    } else {
        vec![None]
    };
    for side in sides {
        let cols: Vec<_> = t.columns.iter().filter(|c| c.side == side).collect();
        let rows: Vec<_> = t.rows_on(side).collect();
        if rows.is_empty() {
            continue;
        }
        if let Some(side) = side {
            let _ = writeln!(
                s,
                "   [{}]",
                if side == Side::Income {
                    "收入 income"
                } else {
                    "支出 expenditure"
                }
            );
        }
        let name_w = rows
            .iter()
            .map(|r| UnicodeWidthStr::width(r.name.as_str()))
            .max()
            .unwrap_or(4)
            .clamp(4, 44);
        let col_w: Vec<usize> = cols
            .iter()
            .map(|c| {
                rows.iter()
                    .filter_map(|r| r.cells.get(&c.key))
                    .map(|v| v.to_string().len() + 1)
                    .max()
                    .unwrap_or(0)
                    .max(c.key.as_str().len())
                    .max(6)
            })
            .collect();
        let mut head = format!("   {:>5} {:<8} {}", "line", "code", pad("name", name_w));
        for (c, w) in cols.iter().zip(&col_w) {
            head.push(' ');
            head.push_str(&lpad(c.key.as_str(), *w));
        }
        let _ = writeln!(s, "{head}");
        for r in rows {
            let mut line = format!(
                "   {:>5} {:<8} {}",
                r.span.line,
                r.code.as_deref().unwrap_or(""),
                pad(&r.name, name_w)
            );
            for (c, w) in cols.iter().zip(&col_w) {
                let v = r.cells.get(&c.key).map(|v| {
                    let mark = if r.uncertain.contains(&c.key) {
                        "?"
                    } else {
                        ""
                    };
                    format!("{v}{mark}")
                });
                let v = match v {
                    Some(v) => v,
                    None if r.uncertain.contains(&c.key) => "?".into(),
                    None => String::new(),
                };
                line.push(' ');
                line.push_str(&lpad(&v, *w));
            }
            let _ = writeln!(s, "{}", line.trim_end());
        }
    }
}
