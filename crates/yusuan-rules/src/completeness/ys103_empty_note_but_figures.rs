//! YS103 empty-note-but-figures · 注明空表却列有数字.

use yusuan_model::{ColumnKey, Decimal, Disclosure, Finding, Row, Table};

use crate::{finding, support, Check, Rule};

declare_rule! {
    /// YS103: 注明空表却列有数字.
    pub struct EmptyNoteButFigures {
        code: "YS103",
        name: "empty-note-but-figures",
        title: "注明空表却列有数字",
        family: Completeness,
        severity: Error,
        doc: "ys103_empty_note_but_figures.md",
    }
}

/// True when a note says the table has no data (not merely that something is absent).
fn claims_empty(note: &str) -> bool {
    ["空表", "无数据", "本表无", "本表为空"]
        .iter()
        .any(|w| note.contains(w))
}

/// The first non-zero figure of a row in a column (any column when `key` is `None`).
fn nonzero<'a>(row: &'a Row, key: Option<&ColumnKey>) -> Option<(&'a ColumnKey, Decimal)> {
    row.cells
        .iter()
        .filter(|(k, _)| key.is_none_or(|key| *k == key))
        .find(|(_, v)| !v.is_zero())
        .map(|(k, v)| (k, *v))
}

/// The first non-zero figure of a table, preferring a 合计: its row, column and value.
fn first_figure(table: &Table) -> Option<(&Row, &ColumnKey, Decimal)> {
    let find = |key: Option<&ColumnKey>| {
        table
            .rows
            .iter()
            .find_map(|r| nonzero(r, key).map(|(k, v)| (r, k, v)))
    };
    find(Some(&ColumnKey::TOTAL)).or_else(|| find(None))
}

impl Check for EmptyNoteButFigures {
    fn check(&self, doc: &Disclosure, out: &mut Vec<Finding>) {
        for table in &doc.tables {
            if table.empty || table.unreadable.is_some() {
                continue;
            }
            let Some(note) = table.empty_note.as_deref().filter(|n| claims_empty(n)) else {
                continue;
            };
            let Some((row, key, value)) = first_figure(table) else {
                continue;
            };
            let unit = table.unit.map(|u| u.chinese()).unwrap_or("");
            let figure = support::cell_location(table, row, key);
            let mut f = finding(
                self.info(),
                doc,
                format!(
                    "《{}》注明“{}”，表中却列有数字（{} {value} {unit}）。",
                    table.title,
                    note.trim(),
                    if *key == ColumnKey::TOTAL {
                        "合计".to_string()
                    } else {
                        support::column_label(table, key)
                    }
                ),
                vec![figure, support::table_location(table)],
            );
            f.actual = Some(value);
            f.unit = table.unit;
            out.push(f);
        }
    }
}
