//! The readable dump of the facts outside the standard tables (`yusuan extract --format text`):
//! narrative figures grouped by the sentence that states them, procurement lines, asset lines and
//! the unit list. Values whose placement is uncertain end in `?`; figures stated in words
//! (持平 → 0) are marked `(in words)`.
//!
//! Depends on `yusuan_model` and `std` only.

use std::fmt::Write;

use yusuan_model::{Decimal, Disclosure, NarrativeFact, ProcurementRow};

/// Renders the narrative facts, procurement and asset tables and units of a disclosure; empty
/// sections are left out, and an empty string is returned when there is nothing.
pub fn render(d: &Disclosure) -> String {
    let mut s = String::new();
    narrative(&mut s, &d.narrative_facts);
    for t in &d.procurement {
        let unit = t.unit.map(|u| u.chinese()).unwrap_or("unit not stated");
        let _ = writeln!(
            s,
            "\n-- procurement 《{}》 [{unit}] lines {}–{}, {} rows",
            t.title,
            t.span.line,
            t.end_line,
            t.rows.len()
        );
        for r in &t.rows {
            procurement_row(&mut s, r);
        }
    }
    for t in &d.assets {
        let unit = t.unit.map(|u| u.chinese()).unwrap_or("unit not stated");
        let as_of = t
            .as_of
            .as_deref()
            .map(|a| format!(" as of {a}"))
            .unwrap_or_default();
        let _ = writeln!(
            s,
            "\n-- assets 《{}》 [{unit}]{as_of} lines {}–{}, {} rows",
            t.title,
            t.span.line,
            t.end_line,
            t.rows.len()
        );
        for r in &t.rows {
            let _ = writeln!(
                s,
                "  L{:<5} {} ({}): quantity {}, amount {}",
                r.span.line,
                r.name,
                r.item.as_deref().unwrap_or("?"),
                opt(r.quantity),
                opt(r.amount)
            );
        }
    }
    if !d.units.is_empty() {
        let _ = writeln!(s, "\n-- units (机构设置): {}", d.units.len());
        for u in &d.units {
            let mut parts = vec![u.name.clone()];
            for f in [&u.nature, &u.rank, &u.funding, &u.note] {
                parts.push(f.clone().unwrap_or_else(|| "—".into()));
            }
            let _ = writeln!(s, "  L{:<5} {}", u.span.line, parts.join(" | "));
        }
    }
    let notes: Vec<_> = d
        .notes
        .iter()
        .filter(|n| {
            ["narrative", "procurement", "asset"]
                .iter()
                .any(|p| n.message.starts_with(p))
        })
        .collect();
    if !notes.is_empty() {
        let _ = writeln!(s, "\n-- {} note(s) on facts", notes.len());
        for n in notes {
            let _ = writeln!(s, "  line {}: {}", n.span.line, n.message);
        }
    }
    s
}

fn opt(v: Option<Decimal>) -> String {
    v.map(|v| v.to_string()).unwrap_or_else(|| "—".into())
}

fn narrative(s: &mut String, facts: &[NarrativeFact]) {
    if facts.is_empty() {
        return;
    }
    let _ = writeln!(s, "\n-- narrative facts: {}", facts.len());
    let mut last_text: Option<&str> = None;
    for f in facts {
        if last_text != Some(f.text.as_str()) {
            let _ = writeln!(s, "  L{} 「{}」", f.span.line, f.text);
            last_text = Some(&f.text);
        }
        let subject = f
            .subject
            .as_deref()
            .map(|x| format!("  [{x}]"))
            .unwrap_or_default();
        let worded = if f.worded { "  (in words)" } else { "" };
        let _ = writeln!(
            s,
            "    L{}:{:<4} {:<40} {} {}{subject}{worded}",
            f.span.line,
            f.span.column.unwrap_or(0),
            f.key,
            f.value,
            f.unit
        );
    }
}

fn procurement_row(s: &mut String, r: &ProcurementRow) {
    let q = |field: &str, v: String| {
        if r.uncertain.iter().any(|u| u == field) {
            format!("{v}?")
        } else {
            v
        }
    };
    let mut parts = Vec::new();
    if let Some(u) = &r.budget_unit {
        parts.push(format!("unit {u}"));
    }
    if let Some(v) = r.project_budget {
        parts.push(q("project_budget", format!("budget {v}")));
    }
    if let Some(v) = &r.item {
        parts.push(format!("item {v}"));
    }
    if let Some(v) = &r.catalog_code {
        parts.push(format!("code {v}"));
    }
    if let Some(v) = r.quantity {
        let m = r.measure_unit.as_deref().unwrap_or("");
        parts.push(q("quantity", format!("quantity {v}{m}")));
    }
    if let Some(v) = r.unit_price {
        parts.push(q("unit_price", format!("price {v}")));
    }
    if let Some(v) = r.total {
        parts.push(q("total", format!("amount {v}")));
    }
    for (k, v) in &r.by_source {
        parts.push(q(&format!("by_source.{k}"), format!("{k} {v}")));
    }
    if let Some(v) = r.reserved_sme {
        parts.push(q("reserved_sme", format!("reserved_sme {v}")));
    }
    let _ = writeln!(
        s,
        "  L{:<5} {}{}: {}",
        r.span.line,
        r.project.as_deref().unwrap_or("?"),
        if r.is_total { " (total)" } else { "" },
        parts.join(", ")
    );
}
