//! SARIF 2.1.0 (Static Analysis Results Interchange Format), for code-scanning tools such as GitHub
//! code scanning: one run of the `yusuan` driver with the rule catalogue, one result per finding.
//!
//! Columns are counted in Unicode code points (`columnKind: unicodeCodePoints`), as spans count
//! them; `endColumn` is the column just after the figure. File paths are given as relative URIs
//! (percent-encoded), relative to the directory `yusuan check` ran in.

use serde_json::{json, Map, Value};
use yusuan_model::{Finding, Location, Severity};
use yusuan_rules::RuleInfo;

use crate::findings::Report;

pub const SCHEMA: &str =
    "https://docs.oasis-open.org/sarif/sarif/v2.1.0/errata01/os/schemas/sarif-schema-2.1.0.json";
pub const VERSION: &str = "2.1.0";

/// The SARIF level of a severity: `error`, `warning` or `note`.
pub fn level(s: Severity) -> &'static str {
    match s {
        Severity::Error => "error",
        Severity::Warning => "warning",
        Severity::Info => "note",
    }
}

/// The SARIF log of a report, with `rules` as the driver's rule catalogue.
pub fn render(report: &Report, rules: &[&RuleInfo]) -> Value {
    let driver_rules: Vec<Value> = rules.iter().map(|r| rule(r)).collect();
    let results: Vec<Value> = report
        .findings()
        .map(|f| result(f, rules.iter().position(|r| r.code == f.rule)))
        .collect();
    let notifications: Vec<Value> = report
        .failures
        .iter()
        .map(|fail| {
            json!({
                "level": "error",
                "message": { "text": format!("{}: {}", fail.path, fail.error) },
                "locations": [ { "physicalLocation": { "artifactLocation": { "uri": uri(&fail.path) } } } ],
            })
        })
        .collect();
    json!({
        "$schema": SCHEMA,
        "version": VERSION,
        "runs": [ {
            "tool": {
                "driver": {
                    "name": "yusuan",
                    "version": env!("CARGO_PKG_VERSION"),
                    "semanticVersion": env!("CARGO_PKG_VERSION"),
                    "informationUri": env!("CARGO_PKG_REPOSITORY"),
                    "rules": driver_rules,
                }
            },
            "invocations": [ {
                "executionSuccessful": report.failures.is_empty(),
                "toolExecutionNotifications": notifications,
            } ],
            "columnKind": "unicodeCodePoints",
            "results": results,
        } ],
    })
}

fn rule(r: &RuleInfo) -> Value {
    json!({
        "id": r.code,
        "name": r.name,
        "shortDescription": { "text": r.title },
        "fullDescription": { "text": first_paragraph(r.doc).unwrap_or_else(|| r.title.to_string()) },
        "help": { "text": r.doc, "markdown": r.doc },
        "defaultConfiguration": { "level": level(r.severity) },
        "properties": {
            "family": r.family.as_str(),
            "tags": [ r.family.as_str() ],
        },
    })
}

/// The first paragraph of a markdown document that is not a heading, its lines joined.
fn first_paragraph(doc: &str) -> Option<String> {
    doc.split("\n\n")
        .map(str::trim)
        .find(|p| !p.is_empty() && !p.starts_with('#'))
        .map(|p| p.lines().map(str::trim).collect::<Vec<_>>().join(" "))
}

fn result(f: &Finding, rule_index: Option<usize>) -> Value {
    let mut r = Map::new();
    r.insert("ruleId".into(), json!(f.rule));
    if let Some(i) = rule_index {
        r.insert("ruleIndex".into(), json!(i));
    }
    r.insert("level".into(), json!(level(f.severity)));
    r.insert("message".into(), json!({ "text": f.message }));
    let primary = match f.locations.first() {
        Some(loc) => physical(loc, None),
        None => json!({ "physicalLocation": { "artifactLocation": { "uri": uri(&f.document) } } }),
    };
    r.insert("locations".into(), json!([primary]));
    let related: Vec<Value> = f
        .locations
        .iter()
        .enumerate()
        .skip(1)
        .map(|(i, loc)| physical(loc, Some(i)))
        .collect();
    if !related.is_empty() {
        r.insert("relatedLocations".into(), json!(related));
    }
    let mut props = Map::new();
    for (key, value) in [
        ("expected", f.expected),
        ("actual", f.actual),
        ("difference", f.difference()),
    ] {
        if let Some(v) = value {
            props.insert(key.into(), json!(v.to_string()));
        }
    }
    if let Some(u) = f.unit {
        props.insert("unit".into(), json!(u));
    }
    if !f.related.is_empty() {
        props.insert("related".into(), json!(f.related));
    }
    if !props.is_empty() {
        r.insert("properties".into(), Value::Object(props));
    }
    Value::Object(r)
}

fn physical(loc: &Location, id: Option<usize>) -> Value {
    let sp = &loc.span;
    let mut region = Map::new();
    region.insert("startLine".into(), json!(sp.line.max(1)));
    if let Some(c) = sp.column {
        region.insert("startColumn".into(), json!(c.max(1)));
        region.insert(
            "endColumn".into(),
            json!(c.max(1) + sp.length.unwrap_or(1).max(1)),
        );
    }
    let mut l = Map::new();
    if let Some(id) = id {
        l.insert("id".into(), json!(id));
    }
    l.insert(
        "physicalLocation".into(),
        json!({
            "artifactLocation": { "uri": uri(&sp.path) },
            "region": Value::Object(region),
        }),
    );
    l.insert("message".into(), json!({ "text": loc.label }));
    Value::Object(l)
}

/// A path as a URI reference: a relative path stays relative (GitHub code scanning resolves it
/// against the repository root), an absolute one becomes a `file://` URI; `/` is kept, everything
/// but unreserved characters is percent-encoded (UTF-8), Windows separators turned into `/`.
pub fn uri(path: &str) -> String {
    let mut out = String::new();
    if path.starts_with('/') {
        out.push_str("file://");
    }
    for b in path.replace('\\', "/").bytes() {
        if b.is_ascii_alphanumeric() || matches!(b, b'-' | b'.' | b'_' | b'~' | b'/') {
            out.push(b as char);
        } else {
            out.push_str(&format!("%{b:02X}"));
        }
    }
    out
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::findings::fixture::*;

    #[test]
    fn a_sarif_log_has_the_required_fields() {
        let mut report = report(Severity::Info);
        report.fail(
            "a b/报告.pdf",
            "a b/报告.pdf: PDF input is not supported yet",
        );
        let log = render(&report, &[&RULE]);
        assert_eq!(log["version"], "2.1.0");
        assert!(log["$schema"]
            .as_str()
            .unwrap()
            .ends_with("/sarif-schema-2.1.0.json"));
        let run = &log["runs"][0];
        let driver = &run["tool"]["driver"];
        assert_eq!(driver["name"], "yusuan");
        assert!(driver["version"].is_string() && driver["informationUri"].is_string());
        let rule = &driver["rules"][0];
        assert_eq!(rule["id"], "YS201");
        assert_eq!(rule["name"], "row-total-mismatch");
        assert_eq!(rule["shortDescription"]["text"], "行合计与分项之和不符");
        assert_eq!(
            rule["fullDescription"]["text"],
            "A row's 合计 must equal the sum of its parts."
        );
        assert_eq!(rule["help"]["markdown"], RULE.doc);
        assert_eq!(rule["defaultConfiguration"]["level"], "error");

        let results = run["results"].as_array().unwrap();
        assert_eq!(results.len(), 2);
        let r = &results[0];
        assert_eq!(r["ruleId"], "YS201");
        assert_eq!(r["ruleIndex"], 0);
        assert_eq!(r["level"], "error");
        assert!(r["message"]["text"].as_str().unwrap().contains("3313.52"));
        let loc = &r["locations"][0]["physicalLocation"];
        assert_eq!(loc["artifactLocation"]["uri"], PATH);
        assert_eq!(loc["region"]["startLine"], 159);
        assert_eq!(loc["region"]["startColumn"], 25);
        assert_eq!(loc["region"]["endColumn"], 32);
        let related = r["relatedLocations"].as_array().unwrap();
        assert_eq!(related.len(), 2);
        assert_eq!(related[1]["physicalLocation"]["region"]["startLine"], 81);
        assert_eq!(
            related[1]["message"]["text"],
            "《部门收支总表》 本年收入合计"
        );
        assert_eq!(r["properties"]["difference"], "-6.07");
        // A finding of a rule outside the catalogue, without locations, names its document.
        let w = &results[1];
        assert_eq!(w["level"], "warning");
        assert!(w.get("ruleIndex").is_none());
        assert_eq!(
            w["locations"][0]["physicalLocation"]["artifactLocation"]["uri"],
            PATH
        );
        // Files that could not be read are tool notifications.
        let inv = &run["invocations"][0];
        assert_eq!(inv["executionSuccessful"], false);
        assert_eq!(
            inv["toolExecutionNotifications"][0]["locations"][0]["physicalLocation"]
                ["artifactLocation"]["uri"],
            "a%20b/%E6%8A%A5%E5%91%8A.pdf"
        );
    }

    #[test]
    fn levels_and_uris() {
        assert_eq!(level(Severity::Info), "note");
        assert_eq!(uri("/tmp/x y.txt"), "file:///tmp/x%20y.txt");
        assert_eq!(uri(r"corpus\seeds\a.txt"), "corpus/seeds/a.txt");
    }
}
