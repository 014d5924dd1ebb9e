//! The 三公 table (财政拨款“三公”经费支出表) as what it means: one line per item, whatever the
//! printed layout.
//!
//! Hebei prints one line per item (合计, 因公出国（境）费, 公务用车购置及运维费 …) with the amounts
//! by fund in columns; Shanghai prints the items as columns of one line (or of a 预算数 and a 决算数
//! line). [`Table::three_public_by_item`] turns the second into the first: each item column becomes
//! the item's line, each printed line becomes a figure column (`total`, `budget`, `actual`), and
//! every cell keeps its value, its span and its uncertainty.

use std::collections::BTreeMap;

use crate::vocabulary::ThreePublicItem;
use crate::{Column, ColumnKey, Disclosure, Row, Table, TableKind};

impl Table {
    /// A 三公 table printed with its items as columns, turned into one line per item (see the
    /// module doc). Any other table, or one whose columns are not all items, is left as it is.
    pub fn three_public_by_item(&mut self) {
        if self.kind != TableKind::ThreePublic || self.rows.is_empty() {
            return;
        }
        // Lines in the items' own order (合计, 因公出国, 公务用车, 购置, 运行, 接待, 机关运行经费),
        // whatever order the columns were printed in.
        let mut items: Vec<(ThreePublicItem, &Column)> = self
            .columns
            .iter()
            .filter_map(|c| ThreePublicItem::of_column(&c.key).map(|i| (i, c)))
            .collect();
        items.sort_by_key(|(i, _)| *i);
        let by_column = items.iter().any(|(i, _)| *i != ThreePublicItem::Total);
        if !by_column
            || items.len() != self.columns.len()
            || self.columns.iter().any(|c| c.side.is_some())
        {
            return;
        }
        // Each printed line is one figure column: 预算数, 决算数, or the only line (合计).
        let mut figures: Vec<(ColumnKey, &Row)> = Vec::new();
        for r in &self.rows {
            let name: String = r.name.chars().filter(|c| !c.is_whitespace()).collect();
            let key = match name.as_str() {
                "预算数" => ColumnKey::BUDGET,
                "决算数" => ColumnKey::ACTUAL,
                _ => ColumnKey::TOTAL,
            };
            if figures.iter().any(|(k, _)| *k == key) || r.code.is_some() || r.side.is_some() {
                return;
            }
            figures.push((key, r));
        }
        let columns: Vec<Column> = figures
            .iter()
            .map(|(key, r)| Column {
                key: key.clone(),
                label: if r.name.trim().is_empty() {
                    "合计".into()
                } else {
                    r.name.clone()
                },
                side: None,
            })
            .collect();
        let rows: Vec<Row> = items
            .iter()
            .map(|(item, column)| {
                let mut cells = BTreeMap::new();
                let mut cell_spans = BTreeMap::new();
                let mut uncertain = Vec::new();
                for (key, r) in &figures {
                    if let Some(v) = r.cells.get(&column.key) {
                        cells.insert(key.clone(), *v);
                    }
                    if let Some(s) = r.cell_spans.get(&column.key) {
                        cell_spans.insert(key.clone(), s.clone());
                    }
                    if r.uncertain.contains(&column.key) {
                        uncertain.push(key.clone());
                    }
                }
                Row {
                    seq: None,
                    code: None,
                    // The item's own name: printed headers are cut and joined (`购置费`,
                    // `机关运行经费预算`), the line means the item.
                    name: item.label().to_string(),
                    item: Some(item.item()),
                    side: None,
                    is_total: *item == ThreePublicItem::Total,
                    cells,
                    uncertain,
                    cell_spans,
                    span: figures[0].1.span.clone(),
                }
            })
            .collect();
        self.columns = columns;
        self.rows = rows;
    }
}

/// The 三公 table of a document, read by item.
#[derive(Debug, Clone, Copy)]
pub struct ThreePublic<'a> {
    pub table: &'a Table,
}

impl<'a> ThreePublic<'a> {
    /// The lines of an item (one in a well-formed table).
    pub fn rows(&self, item: ThreePublicItem) -> impl Iterator<Item = &'a Row> + 'a {
        let key = item.item();
        self.table
            .rows
            .iter()
            .filter(move |r| r.item.as_ref() == Some(&key))
    }

    /// The first line of an item.
    pub fn row(&self, item: ThreePublicItem) -> Option<&'a Row> {
        self.rows(item).next()
    }

    /// The line of an item when the table prints exactly one.
    pub fn only_row(&self, item: ThreePublicItem) -> Option<&'a Row> {
        let mut rows = self.rows(item);
        let row = rows.next()?;
        rows.next().is_none().then_some(row)
    }

    /// An item's figure in the table's unit, when certain: its 合计 (or 预算数, 决算数, its only
    /// column); a line printed blank is zero; an empty table is zero throughout.
    pub fn amount(&self, item: ThreePublicItem) -> Option<rust_decimal::Decimal> {
        if self.table.empty {
            return Some(rust_decimal::Decimal::ZERO);
        }
        let r = self.row(item)?;
        r.certain(&ColumnKey::TOTAL)
            .or_else(|| r.certain(&ColumnKey::BUDGET))
            .or_else(|| r.certain(&ColumnKey::ACTUAL))
            .or_else(|| r.cells.keys().find_map(|k| r.certain(k)))
            .or_else(|| {
                (r.cells.is_empty() && r.uncertain.is_empty())
                    .then_some(rust_decimal::Decimal::ZERO)
            })
    }
}

impl Disclosure {
    /// The first readable table of a kind.
    pub fn table(&self, kind: TableKind) -> Option<&Table> {
        self.tables
            .iter()
            .find(|t| t.kind == kind && t.unreadable.is_none())
    }

    /// The 三公 table (the first readable one), read by item.
    pub fn three_public(&self) -> Option<ThreePublic<'_>> {
        self.table(TableKind::ThreePublic)
            .map(|table| ThreePublic { table })
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::{Decimal, Span};
    use std::str::FromStr;

    fn d(s: &str) -> Decimal {
        Decimal::from_str(s).unwrap()
    }

    #[test]
    fn a_table_by_column_becomes_one_line_per_item_keeping_every_cell() {
        let keys = [
            (ColumnKey::TOTAL, "“三公”经费合计", Some("867.50")),
            (ColumnKey::OUTBOUND, "因公出国（境）费", Some("839.00")),
            (ColumnKey::RECEPTION, "公务接待费", Some("28.50")),
            (ColumnKey::OPERATION_COST, "机关运行经费", None),
        ];
        let mut cells = BTreeMap::new();
        let mut cell_spans = BTreeMap::new();
        for (i, (k, _, v)) in keys.iter().enumerate() {
            if let Some(v) = v {
                cells.insert(k.clone(), d(v));
                let mut s = Span::line("a.txt", None, 280);
                s.column = Some(i as u32 * 10 + 1);
                cell_spans.insert(k.clone(), s);
            }
        }
        let mut t = Table {
            kind: TableKind::ThreePublic,
            title: "三公".into(),
            unit: None,
            columns: keys
                .iter()
                .map(|(k, l, _)| Column {
                    key: k.clone(),
                    label: l.to_string(),
                    side: None,
                })
                .collect(),
            rows: vec![Row {
                seq: None,
                code: None,
                name: String::new(),
                item: None,
                side: None,
                is_total: false,
                cells,
                uncertain: vec![ColumnKey::OPERATION_COST],
                cell_spans,
                span: Span::line("a.txt", None, 280),
            }],
            empty: false,
            empty_note: None,
            unreadable: None,
            span: Span::line("a.txt", None, 272),
            end_line: 280,
        };
        t.three_public_by_item();
        assert_eq!(t.columns.len(), 1);
        assert_eq!(t.columns[0].key, ColumnKey::TOTAL);
        assert_eq!(t.rows.len(), 4);
        let d0 = Disclosure {
            tables: vec![t.clone()],
            ..Default::default()
        };
        let three = d0.three_public().unwrap();
        let outbound = three.row(ThreePublicItem::Outbound).unwrap();
        assert_eq!(outbound.cells[&ColumnKey::TOTAL], d("839.00"));
        assert_eq!(outbound.cell_spans[&ColumnKey::TOTAL].column, Some(11));
        assert_eq!(outbound.name, "因公出国（境）费");
        assert!(three.row(ThreePublicItem::Total).unwrap().is_total);
        let cost = three.row(ThreePublicItem::OperationCost).unwrap();
        assert_eq!(cost.uncertain, vec![ColumnKey::TOTAL]);
        assert_eq!(three.amount(ThreePublicItem::OperationCost), None);
        assert_eq!(three.amount(ThreePublicItem::Reception), Some(d("28.50")));
        // Already by item: unchanged.
        let before = t.clone();
        t.three_public_by_item();
        assert_eq!(t, before);
    }
}
