//! Shared helpers for rules: finding tables, labelling cells for people, building locations.

use yusuan_model::{ColumnKey, Disclosure, Location, Row, Table, TableKind};

/// The document's tables of a kind that can be judged (not `unreadable`).
pub fn tables(doc: &Disclosure, kind: TableKind) -> impl Iterator<Item = &Table> {
    doc.tables
        .iter()
        .filter(move |t| t.kind == kind && t.unreadable.is_none())
}

/// The printed header of a column, its last line (`基本支出` of `一般公共预算基本支出/基本支出`), or
/// the key when the table has no such column.
pub fn column_label(table: &Table, key: &ColumnKey) -> String {
    table
        .column(key)
        .map(|c| {
            c.label
                .rsplit('/')
                .next()
                .unwrap_or(&c.label)
                .trim()
                .to_string()
        })
        .unwrap_or_else(|| key.to_string())
}

/// How a reviewer names a row: its code and name (`2120199 其他城乡社区管理事务支出`).
pub fn row_label(row: &Row) -> String {
    match &row.code {
        Some(code) => format!("{code} {}", row.name),
        None => row.name.clone(),
    }
}

/// A cell as a location: `《部门预算支出总表》 2120199 其他城乡社区管理事务支出 · 合计`.
pub fn cell_location(table: &Table, row: &Row, key: &ColumnKey) -> Location {
    Location {
        span: row
            .cell_spans
            .get(key)
            .cloned()
            .unwrap_or_else(|| row.span.clone()),
        label: format!(
            "《{}》 {} · {}",
            table.title,
            row_label(row),
            column_label(table, key)
        ),
        value: row.cells.get(key).copied(),
    }
}

/// A whole table as a location (its title line).
pub fn table_location(table: &Table) -> Location {
    Location {
        span: table.span.clone(),
        label: format!("《{}》", table.title),
        value: None,
    }
}
