//! What the rules of this family share.

use rust_decimal::Decimal;
use yusuan_model::{Location, ProcurementRow, ProcurementTable};

pub(crate) fn certain(row: &ProcurementRow, field: &str, value: Option<Decimal>) -> Option<Decimal> {
    if row.uncertain.iter().any(|u| u == field) {
        None
    } else {
        value
    }
}

pub(crate) fn row_label(row: &ProcurementRow) -> String {
    [row.project.as_deref(), row.item.as_deref()]
        .into_iter()
        .flatten()
        .collect::<Vec<_>>()
        .join(" · ")
}

pub(crate) fn location(table: &ProcurementTable, row: &ProcurementRow, field: &str, label: &str) -> Location {
    Location {
        span: row
            .spans
            .get(field)
            .cloned()
            .unwrap_or_else(|| row.span.clone()),
        label: format!("《{}》 {} · {label}", table.title, row_label(row)),
        value: match field {
            "quantity" => row.quantity,
            "unit_price" => row.unit_price,
            "total" => row.total,
            _ => None,
        },
    }
}

