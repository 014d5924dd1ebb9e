//! The rule catalogue for people (`yusuan rules`, `yusuan explain`) and tools (`--format json`).

use std::fmt::Write;

use serde_json::{json, Value};
use unicode_width::UnicodeWidthStr;
use yusuan_rules::RuleInfo;

/// The catalogue as an aligned table: code, name, family, severity, title.
pub fn text(rules: &[&RuleInfo]) -> String {
    let rows: Vec<[&str; 5]> = rules
        .iter()
        .map(|r| {
            [
                r.code,
                r.name,
                r.family.as_str(),
                r.severity.as_str(),
                r.title,
            ]
        })
        .collect();
    let header = ["code", "name", "family", "severity", "title"];
    let mut widths = header.map(UnicodeWidthStr::width);
    for row in &rows {
        for (w, cell) in widths.iter_mut().zip(row) {
            *w = (*w).max(cell.width());
        }
    }
    let mut s = String::new();
    for row in std::iter::once(&header).chain(&rows) {
        let mut line = String::new();
        for (i, (cell, w)) in row.iter().zip(widths).enumerate() {
            if i > 0 {
                line.push_str("  ");
            }
            line.push_str(cell);
            line.push_str(&" ".repeat(w - cell.width()));
        }
        let _ = writeln!(s, "{}", line.trim_end());
    }
    let _ = writeln!(
        s,
        "\n{} rule{}; `yusuan explain CODE` tells what one checks and why.",
        rules.len(),
        if rules.len() == 1 { "" } else { "s" }
    );
    s
}

/// The catalogue as a JSON array of `{ code, name, family, severity, title, doc }`.
pub fn json(rules: &[&RuleInfo]) -> Value {
    Value::Array(
        rules
            .iter()
            .map(|r| {
                json!({
                    "code": r.code,
                    "name": r.name,
                    "family": r.family.as_str(),
                    "severity": r.severity,
                    "title": r.title,
                    "doc": r.doc,
                })
            })
            .collect(),
    )
}

/// One rule's document as markdown: the title, its name, severity and family, then the doc.
pub fn explain(r: &RuleInfo) -> String {
    let mut s = format!(
        "# {} {}\n\n- name: `{}`\n- severity: {}\n- family: {}\n\n",
        r.code,
        r.title,
        r.name,
        r.severity.as_str(),
        r.family.as_str()
    );
    // The doc's own first heading, when it names the rule, would repeat the one above.
    let doc = r.doc.trim();
    let doc = match doc.split_once('\n') {
        Some((first, rest)) if first.starts_with("# ") && first.contains(r.code) => rest.trim(),
        None if doc.starts_with("# ") && doc.contains(r.code) => "",
        _ => doc,
    };
    s.push_str(doc);
    s.push('\n');
    s
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::findings::fixture::RULE;

    #[test]
    fn the_table_is_aligned_and_json_lists_every_field() {
        let t = text(&[&RULE, &RULE]);
        let lines: Vec<&str> = t.lines().collect();
        assert_eq!(
            lines[0],
            "code   name                family            severity  title"
        );
        assert_eq!(
            lines[1],
            "YS201  row-total-mismatch  table-arithmetic  error     行合计与分项之和不符"
        );
        assert!(t.contains("2 rules;"));
        let j = json(&[&RULE]);
        assert_eq!(j[0]["code"], "YS201");
        assert_eq!(j[0]["severity"], "error");
        assert_eq!(j[0]["family"], "table-arithmetic");
    }

    #[test]
    fn explain_gives_title_severity_family_then_the_doc() {
        let e = explain(&RULE);
        assert!(e.starts_with("# YS201 行合计与分项之和不符\n\n- name: `row-total-mismatch`\n- severity: error\n- family: table-arithmetic\n\n# 行合计"));
        // A doc whose first heading names the rule does not repeat it.
        let own = RuleInfo {
            doc: "# YS201 row-total-mismatch · 行合计与分项之和不符\n\n## What it checks\n\nRows.",
            ..RULE
        };
        let e = explain(&own);
        assert_eq!(e.matches("# YS201").count(), 1, "{e}");
        assert!(
            e.ends_with("- family: table-arithmetic\n\n## What it checks\n\nRows.\n"),
            "{e}"
        );
    }
}
