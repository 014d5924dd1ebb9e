//! Writing one document (inside the caller's single transaction).

use yusuan_model::{Disclosure, Finding, Indicator, Span};

use crate::db::{e4, Insert, Sql, Val};
use crate::{fingerprint, IngestOutcome, Processed, StoreError};

/// Tables that hold a document's parts, children first (deleted in this order).
pub(crate) const CHILD_TABLES: &[&str] = &[
    "finding_locations",
    "findings",
    "cells",
    "rows",
    "tables",
    "indicators",
    "projects",
    "narrative_facts",
    "procurement",
    "assets",
    "units",
    "source_lines",
    "sources",
];

pub(crate) fn store(
    tx: &mut dyn Sql,
    p: &Processed,
    now: &str,
) -> Result<IngestOutcome, StoreError> {
    let existing = tx.one(
        "SELECT id, extractor_version FROM documents WHERE sha256 = ?",
        &[p.sha256.as_str().into()],
    )?;
    let model = &p.model;
    let department_id = match &model.department {
        Some(d) if !d.name.trim().is_empty() => Some(department(tx, &d.name, d.code.as_deref())?),
        _ => None,
    };
    let model_json = serde_json::to_string(model)?;
    let fields: Vec<Val> = vec![
        p.path.as_str().into(),
        p.format.as_str().into(),
        model.source.encoding.clone().into(),
        model.source.pages.into(),
        department_id.into(),
        model.year.into(),
        model.kind.as_str().into(),
        p.extractor_version.as_str().into(),
        model.schema_version.into(),
        now.into(),
        model_json.into(),
    ];
    let outcome = match existing {
        Some(row) => {
            let id = row[0]
                .int()
                .ok_or_else(|| StoreError::Corrupt("document without id".into()))?;
            if row[1].text().as_deref() == Some(p.extractor_version.as_str()) {
                return Ok(IngestOutcome::Unchanged(id));
            }
            delete_parts(tx, id)?;
            let mut params = fields;
            params.push(id.into());
            tx.exec(
                "UPDATE documents SET path = ?, format = ?, encoding = ?, pages = ?, department_id = ?, year = ?, kind = ?, \
                 extractor_version = ?, schema_version = ?, ingested_at = ?, model_json = ? WHERE id = ?",
                &params,
            )?;
            IngestOutcome::Replaced(id)
        }
        None => {
            let mut params: Vec<Val> = vec![p.sha256.as_str().into()];
            params.extend(fields);
            let id = tx.insert(
                "INSERT INTO documents (sha256, path, format, encoding, pages, department_id, year, kind, extractor_version, \
                 schema_version, ingested_at, model_json) VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?) RETURNING id",
                &params,
            )?;
            IngestOutcome::Inserted(id)
        }
    };
    let id = outcome.id();
    parts(tx, id, p)?;
    findings(tx, id, &p.findings, 0)?;
    year_on_year(tx, id, model)?;
    Ok(outcome)
}

pub(crate) fn delete(tx: &mut dyn Sql, id: i64) -> Result<bool, StoreError> {
    let Some(model) = load_model(tx, id)? else {
        return Ok(false);
    };
    delete_parts(tx, id)?;
    tx.exec("DELETE FROM documents WHERE id = ?", &[id.into()])?;
    // The next year's document is now compared with another previous document, or none.
    if let Some((dept, year, kind)) = identity(&model) {
        for (next, next_model) in neighbours(tx, &dept, year + 1, &kind, id)? {
            recheck(tx, next, &next_model)?;
        }
    }
    Ok(true)
}

fn delete_parts(tx: &mut dyn Sql, id: i64) -> Result<(), StoreError> {
    for table in CHILD_TABLES {
        tx.exec(
            &format!("DELETE FROM {table} WHERE document_id = ?"),
            &[id.into()],
        )?;
    }
    Ok(())
}

fn department(tx: &mut dyn Sql, name: &str, code: Option<&str>) -> Result<i64, StoreError> {
    if let Some(row) = tx.one("SELECT id FROM departments WHERE name = ?", &[name.into()])? {
        if let (Some(code), Some(id)) = (code, row[0].int()) {
            tx.exec(
                "UPDATE departments SET code = ? WHERE id = ? AND code IS NULL",
                &[code.into(), id.into()],
            )?;
        }
        return row[0]
            .int()
            .ok_or_else(|| StoreError::Corrupt("department without id".into()));
    }
    tx.insert(
        "INSERT INTO departments (name, code) VALUES (?, ?) RETURNING id",
        &[name.into(), code.into()],
    )
}

fn bbox(span: &Span) -> Val {
    span.bbox
        .map(|b| Val::Text(format!("[{},{},{},{}]", b[0], b[1], b[2], b[3])))
        .unwrap_or(Val::Null)
}

/// `page, line, col, length, bbox` of a span.
fn span_vals(span: &Span) -> [Val; 5] {
    [
        span.page.into(),
        span.line.into(),
        span.column.into(),
        span.length.into(),
        bbox(span),
    ]
}

fn unit_name(u: Option<yusuan_model::MoneyUnit>) -> Val {
    u.map(|u| u.chinese()).into()
}

/// A document's parts, one entity at a time.
fn parts(tx: &mut dyn Sql, doc: i64, p: &Processed) -> Result<(), StoreError> {
    let m = &p.model;
    source(tx, doc, p)?;
    units(tx, doc, m)?;
    tables(tx, doc, m)?;
    narrative_facts(tx, doc, m)?;
    projects(tx, doc, m)?;
    procurement(tx, doc, m)?;
    assets(tx, doc, m)
}

/// `page, line, col, length, bbox` of a span.
fn span_columns(span: &Span) -> [(&'static str, Val); 5] {
    let [page, line, col, length, bbox] = span_vals(span);
    [
        ("page", page),
        ("line", line),
        ("col", col),
        ("length", length),
        ("bbox", bbox),
    ]
}

/// The file's bytes and its numbered lines.
fn source(tx: &mut dyn Sql, doc: i64, p: &Processed) -> Result<(), StoreError> {
    tx.exec(
        "INSERT INTO sources (document_id, bytes, line_count) VALUES (?, ?, ?)",
        &[
            doc.into(),
            Val::Bytes(p.bytes.clone()),
            p.lines.len().into(),
        ],
    )?;
    let mut lines = Insert::new("source_lines");
    for l in &p.lines {
        lines.row([
            ("document_id", doc.into()),
            ("number", l.number.into()),
            ("page", l.page.into()),
            ("text", l.text.as_str().into()),
        ]);
    }
    lines.run(tx)
}

/// The unit list (单位构成).
fn units(tx: &mut dyn Sql, doc: i64, m: &Disclosure) -> Result<(), StoreError> {
    let mut units = Insert::new("units");
    for (i, u) in m.units.iter().enumerate() {
        units.row([
            ("document_id", doc.into()),
            ("ordinal", i.into()),
            ("name", u.name.as_str().into()),
            ("nature", u.nature.clone().into()),
            ("rank", u.rank.clone().into()),
            ("funding", u.funding.clone().into()),
            ("note", u.note.clone().into()),
            ("page", u.span.page.into()),
            ("line", u.span.line.into()),
        ]);
    }
    units.run(tx)
}

/// Tables, their rows and the rows' cells.
fn tables(tx: &mut dyn Sql, doc: i64, m: &Disclosure) -> Result<(), StoreError> {
    let table_ids = tx.reserve_ids("tables", m.tables.len())?;
    let row_count: usize = m.tables.iter().map(|t| t.rows.len()).sum();
    let row_ids = tx.reserve_ids("rows", row_count)?;
    let mut tables = Insert::new("tables");
    let mut rows = Insert::new("rows");
    let mut cells = Insert::new("cells");
    let mut next_row = row_ids.iter();
    for (ti, (t, &tid)) in m.tables.iter().zip(&table_ids).enumerate() {
        tables.row([
            ("id", tid.into()),
            ("document_id", doc.into()),
            ("ordinal", ti.into()),
            ("kind", t.kind.as_str().into()),
            ("title", t.title.as_str().into()),
            ("unit", unit_name(t.unit)),
            ("empty", t.empty.into()),
            ("empty_note", t.empty_note.clone().into()),
            ("unreadable", t.unreadable.clone().into()),
            ("columns", serde_json::to_string(&t.columns)?.into()),
            ("page", t.span.page.into()),
            ("line", t.span.line.into()),
            ("end_line", t.end_line.into()),
        ]);
        for (ri, r) in t.rows.iter().enumerate() {
            let rid = *next_row
                .next()
                .ok_or_else(|| StoreError::Database("too few row ids reserved".into()))?;
            rows.row([
                ("id", rid.into()),
                ("table_id", tid.into()),
                ("document_id", doc.into()),
                ("ordinal", ri.into()),
                ("seq", r.seq.into()),
                ("code", r.code.clone().into()),
                ("name", r.name.as_str().into()),
                ("item", r.item.clone().into()),
                (
                    "side",
                    r.side
                        .map(|s| match s {
                            yusuan_model::Side::Income => "income",
                            yusuan_model::Side::Expenditure => "expenditure",
                        })
                        .into(),
                ),
                ("is_total", r.is_total.into()),
                ("page", r.span.page.into()),
                ("line", r.span.line.into()),
            ]);
            for (key, value) in &r.cells {
                let span = r.cell_spans.get(key).unwrap_or(&r.span);
                cells.row(
                    [
                        ("row_id", rid.into()),
                        ("document_id", doc.into()),
                        ("column_key", key.as_str().into()),
                        (
                            "column_label",
                            t.column(key).map(|c| c.label.clone()).into(),
                        ),
                        ("value", (*value).into()),
                        ("value_e4", e4(*value)),
                        ("uncertain", r.uncertain.contains(key).into()),
                    ]
                    .into_iter()
                    .chain(span_columns(span)),
                );
            }
        }
    }
    tables.run(tx)?;
    rows.run(tx)?;
    cells.run(tx)
}

/// Figures named in the explanation's sentences.
fn narrative_facts(tx: &mut dyn Sql, doc: i64, m: &Disclosure) -> Result<(), StoreError> {
    let mut facts = Insert::new("narrative_facts");
    for (i, f) in m.narrative_facts.iter().enumerate() {
        facts.row(
            [
                ("document_id", doc.into()),
                ("ordinal", i.into()),
                ("key", f.key.as_str().into()),
                ("value", f.value.into()),
                ("value_e4", e4(f.value)),
                ("unit", f.unit.as_str().into()),
                ("subject", f.subject.clone().into()),
                ("worded", f.worded.into()),
                ("text", f.text.as_str().into()),
            ]
            .into_iter()
            .chain(span_columns(&f.span)),
        );
    }
    facts.run(tx)
}

/// Projects and indicators (of projects, department targets and declaration forms).
fn projects(tx: &mut dyn Sql, doc: i64, m: &Disclosure) -> Result<(), StoreError> {
    let project_ids = tx.reserve_ids("projects", m.projects.len())?;
    let mut projects = Insert::new("projects");
    let mut indicators = Insert::new("indicators");
    for (i, (pr, &pid)) in m.projects.iter().zip(&project_ids).enumerate() {
        projects.row([
            ("id", pid.into()),
            ("document_id", doc.into()),
            ("ordinal", i.into()),
            ("number", pr.number.clone().into()),
            ("name", pr.name.as_str().into()),
            ("code", pr.code.clone().into()),
            ("unit_name", pr.unit_name.clone().into()),
            ("unit", unit_name(pr.unit)),
            ("budget", pr.budget.as_ref().map(|f| f.value).into()),
            (
                "budget_e4",
                pr.budget.as_ref().map(|f| e4(f.value)).unwrap_or(Val::Null),
            ),
            (
                "fiscal_funds",
                pr.fiscal_funds.as_ref().map(|f| f.value).into(),
            ),
            (
                "other_funds",
                pr.other_funds.as_ref().map(|f| f.value).into(),
            ),
            ("goal", pr.goal.clone().into()),
            ("page", pr.span.page.into()),
            ("line", pr.span.line.into()),
        ]);
        indicator_rows(&mut indicators, doc, "project", Some(pid), &pr.indicators);
    }
    for t in &m.department_targets {
        indicator_rows(
            &mut indicators,
            doc,
            "department_target",
            None,
            &t.indicators,
        );
    }
    for d in &m.declarations {
        indicator_rows(&mut indicators, doc, "declaration", None, &d.indicators);
    }
    projects.run(tx)?;
    indicators.run(tx)
}

fn indicator_rows(
    out: &mut Insert,
    doc: i64,
    owner: &str,
    project: Option<i64>,
    list: &[Indicator],
) {
    for (i, ind) in list.iter().enumerate() {
        out.row([
            ("document_id", doc.into()),
            ("project_id", project.into()),
            ("owner", owner.into()),
            ("ordinal", i.into()),
            ("level1", ind.level1.clone().into()),
            ("level2", ind.level2.clone().into()),
            ("name", ind.name.as_str().into()),
            ("raw", ind.value.raw.as_str().into()),
            (
                "comparator",
                ind.value
                    .comparator
                    .and_then(|c| serde_json::to_value(c).ok())
                    .and_then(|v| v.as_str().map(str::to_string))
                    .into(),
            ),
            ("number", ind.value.number.into()),
            ("measure_unit", ind.measure_unit.clone().into()),
            ("parsed", ind.value.parsed.into()),
            ("page", ind.span.page.into()),
            ("line", ind.span.line.into()),
        ]);
    }
}

/// Government procurement tables (政府采购).
fn procurement(tx: &mut dyn Sql, doc: i64, m: &Disclosure) -> Result<(), StoreError> {
    let mut procurement = Insert::new("procurement");
    for (ti, t) in m.procurement.iter().enumerate() {
        for (i, r) in t.rows.iter().enumerate() {
            procurement.row([
                ("document_id", doc.into()),
                ("table_ordinal", ti.into()),
                ("table_title", t.title.as_str().into()),
                ("unit", unit_name(t.unit)),
                ("ordinal", i.into()),
                ("budget_unit", r.budget_unit.clone().into()),
                ("project", r.project.clone().into()),
                ("item", r.item.clone().into()),
                ("catalog_code", r.catalog_code.clone().into()),
                ("measure_unit", r.measure_unit.clone().into()),
                ("quantity", r.quantity.into()),
                ("unit_price", r.unit_price.into()),
                ("total", r.total.into()),
                ("total_e4", r.total.map(e4).unwrap_or(Val::Null)),
                ("reserved_sme", r.reserved_sme.into()),
                ("is_total", r.is_total.into()),
                ("page", r.span.page.into()),
                ("line", r.span.line.into()),
            ]);
        }
    }
    procurement.run(tx)
}

/// State-owned asset tables (国有资产占用).
fn assets(tx: &mut dyn Sql, doc: i64, m: &Disclosure) -> Result<(), StoreError> {
    let mut assets = Insert::new("assets");
    for (ti, t) in m.assets.iter().enumerate() {
        for (i, r) in t.rows.iter().enumerate() {
            assets.row([
                ("document_id", doc.into()),
                ("table_ordinal", ti.into()),
                ("table_title", t.title.as_str().into()),
                ("unit", unit_name(t.unit)),
                ("as_of", t.as_of.clone().into()),
                ("ordinal", i.into()),
                ("name", r.name.as_str().into()),
                ("item", r.item.clone().into()),
                ("quantity", r.quantity.into()),
                ("amount", r.amount.into()),
                ("amount_e4", r.amount.map(e4).unwrap_or(Val::Null)),
                ("page", r.span.page.into()),
                ("line", r.span.line.into()),
            ]);
        }
    }
    assets.run(tx)
}

/// Stores findings of a document, numbered from `first_ordinal`.
fn findings(
    tx: &mut dyn Sql,
    doc: i64,
    list: &[Finding],
    first_ordinal: usize,
) -> Result<(), StoreError> {
    let ids = tx.reserve_ids("findings", list.len())?;
    let mut rows = Insert::new("findings");
    let mut locations = Insert::new("finding_locations");
    for (i, (f, &fid)) in list.iter().zip(&ids).enumerate() {
        let first = f.locations.first().map(|l| &l.span);
        rows.row([
            ("id", fid.into()),
            ("document_id", doc.into()),
            ("ordinal", (first_ordinal + i).into()),
            ("rule", f.rule.as_str().into()),
            ("severity", f.severity.as_str().into()),
            ("message", f.message.as_str().into()),
            ("expected", f.expected.into()),
            ("actual", f.actual.into()),
            ("unit", unit_name(f.unit)),
            (
                "related",
                (!f.related.is_empty()).then(|| f.related.join(",")).into(),
            ),
            ("fingerprint", fingerprint(f).into()),
            ("page", first.and_then(|s| s.page).into()),
            ("line", first.map(|s| s.line).into()),
            ("col", first.and_then(|s| s.column).into()),
            ("length", first.and_then(|s| s.length).into()),
            ("finding_json", serde_json::to_string(f)?.into()),
        ]);
        for (li, l) in f.locations.iter().enumerate() {
            locations.row(
                [
                    ("finding_id", fid.into()),
                    ("document_id", doc.into()),
                    ("ordinal", li.into()),
                    ("path", l.span.path.as_str().into()),
                    ("label", l.label.as_str().into()),
                    ("value", l.value.into()),
                ]
                .into_iter()
                .chain(span_columns(&l.span)),
            );
        }
    }
    rows.run(tx)?;
    locations.run(tx)
}

fn load_model(tx: &mut dyn Sql, id: i64) -> Result<Option<Disclosure>, StoreError> {
    match tx.one(
        "SELECT model_json FROM documents WHERE id = ?",
        &[id.into()],
    )? {
        Some(row) => Ok(Some(serde_json::from_str(
            &row[0].text().unwrap_or_default(),
        )?)),
        None => Ok(None),
    }
}

/// The department, year and kind that place a document in a series.
fn identity(m: &Disclosure) -> Option<(String, i32, String)> {
    let dept = m.department.as_ref()?.name.trim();
    if dept.is_empty() {
        return None;
    }
    Some((dept.to_string(), m.year?, m.kind.as_str().to_string()))
}

/// Documents of a department, year and kind (newest first), other than `except`.
fn neighbours(
    tx: &mut dyn Sql,
    dept: &str,
    year: i32,
    kind: &str,
    except: i64,
) -> Result<Vec<(i64, Disclosure)>, StoreError> {
    let rows = tx.query(
        "SELECT d.id, d.model_json FROM documents d JOIN departments p ON p.id = d.department_id \
         WHERE p.name = ? AND d.year = ? AND d.kind = ? AND d.id <> ? ORDER BY d.id DESC",
        &[dept.into(), year.into(), kind.into(), except.into()],
    )?;
    rows.into_iter()
        .map(|r| {
            let id = r[0].int().unwrap_or(0);
            let m: Disclosure = serde_json::from_str(&r[1].text().unwrap_or_default())?;
            Ok((id, m))
        })
        .collect()
}

/// Recomputes the year-on-year findings of one stored document against the newest stored
/// document of the previous year (same department and kind).
fn recheck(tx: &mut dyn Sql, id: i64, model: &Disclosure) -> Result<(), StoreError> {
    let code = yusuan_rules::year_on_year::CODE;
    tx.exec(
        "DELETE FROM finding_locations WHERE finding_id IN (SELECT id FROM findings WHERE document_id = ? AND rule = ?)",
        &[id.into(), code.into()],
    )?;
    tx.exec(
        "DELETE FROM findings WHERE document_id = ? AND rule = ?",
        &[id.into(), code.into()],
    )?;
    let Some((dept, year, kind)) = identity(model) else {
        return Ok(());
    };
    let Some((_, previous)) = neighbours(tx, &dept, year - 1, &kind, id)?
        .into_iter()
        .next()
    else {
        return Ok(());
    };
    let found = yusuan_rules::year_on_year::check(model, &previous);
    if found.is_empty() {
        return Ok(());
    }
    let next = tx
        .one(
            "SELECT COALESCE(MAX(ordinal) + 1, 0) FROM findings WHERE document_id = ?",
            &[id.into()],
        )?
        .and_then(|r| r[0].int())
        .unwrap_or(0);
    findings(tx, id, &found, next as usize)
}

/// Year-on-year findings of a newly stored document, and of the next year's documents, which are
/// now compared with it.
fn year_on_year(tx: &mut dyn Sql, id: i64, model: &Disclosure) -> Result<(), StoreError> {
    recheck(tx, id, model)?;
    if let Some((dept, year, kind)) = identity(model) {
        for (next, next_model) in neighbours(tx, &dept, year + 1, &kind, id)? {
            recheck(tx, next, &next_model)?;
        }
    }
    Ok(())
}
