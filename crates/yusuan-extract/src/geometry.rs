//! Boxes for every span of a positioned document (PDF): after extraction, each span's `bbox` is
//! the union of the character boxes it covers (its line, column and length; the whole line when
//! it has no column), in PDF points from the page's top-left corner.
//!
//! Every `Span` of the model is reached through its serialised form, so a span added to the
//! model later is filled without a change here: an object with a string `path` and a numeric
//! `line` is a span.

use serde_json::Value;
use yusuan_model::Disclosure;
use yusuan_read::Geometry;

/// Fills `bbox` of every span of `model` that `geometry` can place.
pub fn fill_boxes(model: &mut Disclosure, geometry: &Geometry) {
    let Ok(mut value) = serde_json::to_value(&*model) else {
        return;
    };
    visit(&mut value, geometry);
    if let Ok(filled) = serde_json::from_value::<Disclosure>(value) {
        *model = filled;
    }
}

fn visit(value: &mut Value, geometry: &Geometry) {
    match value {
        Value::Object(map) => {
            let is_span = map.get("path").is_some_and(Value::is_string)
                && map.get("line").is_some_and(Value::is_u64);
            if is_span {
                let num = |k: &str| {
                    map.get(k)
                        .and_then(Value::as_u64)
                        .and_then(|v| u32::try_from(v).ok())
                };
                let line = num("line").unwrap_or(0);
                // Span columns are 1-based.
                let column = num("column").and_then(|c| c.checked_sub(1));
                if let Some(b) = geometry.span_box(line, column, num("length")) {
                    let rounded: Vec<Value> = b
                        .iter()
                        .map(|v| serde_json::json!((v * 100.0).round() / 100.0))
                        .collect();
                    map.insert("bbox".to_string(), Value::Array(rounded));
                }
                return;
            }
            for v in map.values_mut() {
                visit(v, geometry);
            }
        }
        Value::Array(items) => {
            for v in items {
                visit(v, geometry);
            }
        }
        _ => {}
    }
}
