//! The committed JSON Schema (`schema/disclosure.schema.json`) is the one the types produce.
//! Run with `YUSUAN_UPDATE_SCHEMA=1` to rewrite it after changing the model.

use std::path::PathBuf;

#[test]
fn committed_schema_matches_the_model() {
    let path =
        PathBuf::from(env!("CARGO_MANIFEST_DIR")).join("../../schema/disclosure.schema.json");
    let generated = serde_json::to_string_pretty(&yusuan_model::json_schema()).unwrap() + "\n";
    if std::env::var_os("YUSUAN_UPDATE_SCHEMA").is_some() {
        std::fs::write(&path, &generated).unwrap();
    }
    let committed = std::fs::read_to_string(&path).unwrap_or_default();
    assert!(
        committed == generated,
        "schema/disclosure.schema.json is out of date: run `YUSUAN_UPDATE_SCHEMA=1 cargo test -p yusuan-model --test schema`"
    );
}

#[test]
fn schema_documents_every_table_kind_and_column_vocabulary() {
    let schema = serde_json::to_string(&yusuan_model::json_schema()).unwrap();
    for kind in yusuan_model::TableKind::ALL {
        assert!(
            schema.contains(&format!("\"{}\"", kind.as_str())),
            "{kind} missing"
        );
    }
    for kind in [
        "department_budget",
        "unit_budget",
        "department_final_accounts",
        "unit_final_accounts",
        "performance_declaration",
    ] {
        assert!(schema.contains(kind), "{kind} missing");
    }
}
