//! Writing one document (inside the caller's single transaction).

use yusuan_model::{Disclosure, Finding, Indicator, Span};

use crate::db::{e4, insert_many, Sql, Val};
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

fn parts(tx: &mut dyn Sql, id: i64, p: &Processed) -> Result<(), StoreError> {
    let doc = id;
    let m = &p.model;
    tx.exec(
        "INSERT INTO sources (document_id, bytes, line_count) VALUES (?, ?, ?)",
        &[
            doc.into(),
            Val::Bytes(p.bytes.clone()),
            p.lines.len().into(),
        ],
    )?;
    insert_many(
        tx,
        "source_lines",
        &["document_id", "number", "page", "text"],
        p.lines
            .iter()
            .map(|l| {
                vec![
                    doc.into(),
                    l.number.into(),
                    l.page.into(),
                    l.text.as_str().into(),
                ]
            })
            .collect(),
    )?;
    insert_many(
        tx,
        "units",
        &[
            "document_id",
            "ordinal",
            "name",
            "nature",
            "rank",
            "funding",
            "note",
            "page",
            "line",
        ],
        m.units
            .iter()
            .enumerate()
            .map(|(i, u)| {
                vec![
                    doc.into(),
                    i.into(),
                    u.name.as_str().into(),
                    u.nature.clone().into(),
                    u.rank.clone().into(),
                    u.funding.clone().into(),
                    u.note.clone().into(),
                    u.span.page.into(),
                    u.span.line.into(),
                ]
            })
            .collect(),
    )?;

    // Tables, rows, cells.
    let table_ids = tx.reserve_ids("tables", m.tables.len())?;
    let row_count: usize = m.tables.iter().map(|t| t.rows.len()).sum();
    let row_ids = tx.reserve_ids("rows", row_count)?;
    let mut tables = Vec::new();
    let mut rows = Vec::new();
    let mut cells = Vec::new();
    let mut next_row = row_ids.iter();
    for (ti, (t, &tid)) in m.tables.iter().zip(&table_ids).enumerate() {
        tables.push(vec![
            tid.into(),
            doc.into(),
            ti.into(),
            t.kind.as_str().into(),
            t.title.as_str().into(),
            unit_name(t.unit),
            t.empty.into(),
            t.empty_note.clone().into(),
            t.unreadable.clone().into(),
            serde_json::to_string(&t.columns)?.into(),
            t.span.page.into(),
            t.span.line.into(),
            t.end_line.into(),
        ]);
        for (ri, r) in t.rows.iter().enumerate() {
            let rid = *next_row
                .next()
                .ok_or_else(|| StoreError::Database("too few row ids reserved".into()))?;
            rows.push(vec![
                rid.into(),
                tid.into(),
                doc.into(),
                ri.into(),
                r.seq.into(),
                r.code.clone().into(),
                r.name.as_str().into(),
                r.item.clone().into(),
                r.side
                    .map(|s| match s {
                        yusuan_model::Side::Income => "income",
                        yusuan_model::Side::Expenditure => "expenditure",
                    })
                    .into(),
                r.is_total.into(),
                r.span.page.into(),
                r.span.line.into(),
            ]);
            for (key, value) in &r.cells {
                let span = r.cell_spans.get(key).unwrap_or(&r.span);
                let mut c = vec![
                    rid.into(),
                    doc.into(),
                    key.as_str().into(),
                    t.column(key).map(|c| c.label.clone()).into(),
                    (*value).into(),
                    e4(*value),
                    r.uncertain.contains(key).into(),
                ];
                c.extend(span_vals(span));
                cells.push(c);
            }
        }
    }
    insert_many(
        tx,
        "tables",
        &[
            "id",
            "document_id",
            "ordinal",
            "kind",
            "title",
            "unit",
            "empty",
            "empty_note",
            "unreadable",
            "columns",
            "page",
            "line",
            "end_line",
        ],
        tables,
    )?;
    insert_many(
        tx,
        "rows",
        &[
            "id",
            "table_id",
            "document_id",
            "ordinal",
            "seq",
            "code",
            "name",
            "item",
            "side",
            "is_total",
            "page",
            "line",
        ],
        rows,
    )?;
    insert_many(
        tx,
        "cells",
        &[
            "row_id",
            "document_id",
            "column_key",
            "column_label",
            "value",
            "value_e4",
            "uncertain",
            "page",
            "line",
            "col",
            "length",
            "bbox",
        ],
        cells,
    )?;

    // Narrative facts.
    insert_many(
        tx,
        "narrative_facts",
        &[
            "document_id",
            "ordinal",
            "key",
            "value",
            "value_e4",
            "unit",
            "subject",
            "worded",
            "text",
            "page",
            "line",
            "col",
            "length",
            "bbox",
        ],
        m.narrative_facts
            .iter()
            .enumerate()
            .map(|(i, f)| {
                let mut v = vec![
                    doc.into(),
                    i.into(),
                    f.key.as_str().into(),
                    f.value.into(),
                    e4(f.value),
                    f.unit.as_str().into(),
                    f.subject.clone().into(),
                    f.worded.into(),
                    f.text.as_str().into(),
                ];
                v.extend(span_vals(&f.span));
                v
            })
            .collect(),
    )?;

    // Projects and indicators (of projects, department targets and declaration forms).
    let project_ids = tx.reserve_ids("projects", m.projects.len())?;
    let mut projects = Vec::new();
    let mut indicators = Vec::new();
    let mut indicator = |owner: &str, project: Option<i64>, list: &[Indicator]| {
        for (i, ind) in list.iter().enumerate() {
            indicators.push(vec![
                doc.into(),
                project.into(),
                owner.into(),
                i.into(),
                ind.level1.clone().into(),
                ind.level2.clone().into(),
                ind.name.as_str().into(),
                ind.value.raw.as_str().into(),
                ind.value
                    .comparator
                    .and_then(|c| serde_json::to_value(c).ok())
                    .and_then(|v| v.as_str().map(str::to_string))
                    .into(),
                ind.value.number.into(),
                ind.measure_unit.clone().into(),
                ind.value.parsed.into(),
                ind.span.page.into(),
                ind.span.line.into(),
            ]);
        }
    };
    for (i, (pr, &pid)) in m.projects.iter().zip(&project_ids).enumerate() {
        projects.push(vec![
            pid.into(),
            doc.into(),
            i.into(),
            pr.number.clone().into(),
            pr.name.as_str().into(),
            pr.code.clone().into(),
            pr.unit_name.clone().into(),
            unit_name(pr.unit),
            pr.budget.as_ref().map(|f| f.value).into(),
            pr.budget.as_ref().map(|f| e4(f.value)).unwrap_or(Val::Null),
            pr.fiscal_funds.as_ref().map(|f| f.value).into(),
            pr.other_funds.as_ref().map(|f| f.value).into(),
            pr.goal.clone().into(),
            pr.span.page.into(),
            pr.span.line.into(),
        ]);
        indicator("project", Some(pid), &pr.indicators);
    }
    for t in &m.department_targets {
        indicator("department_target", None, &t.indicators);
    }
    for d in &m.declarations {
        indicator("declaration", None, &d.indicators);
    }
    insert_many(
        tx,
        "projects",
        &[
            "id",
            "document_id",
            "ordinal",
            "number",
            "name",
            "code",
            "unit_name",
            "unit",
            "budget",
            "budget_e4",
            "fiscal_funds",
            "other_funds",
            "goal",
            "page",
            "line",
        ],
        projects,
    )?;
    insert_many(
        tx,
        "indicators",
        &[
            "document_id",
            "project_id",
            "owner",
            "ordinal",
            "level1",
            "level2",
            "name",
            "raw",
            "comparator",
            "number",
            "measure_unit",
            "parsed",
            "page",
            "line",
        ],
        indicators,
    )?;

    // Procurement and assets.
    let mut procurement = Vec::new();
    for (ti, t) in m.procurement.iter().enumerate() {
        for (i, r) in t.rows.iter().enumerate() {
            procurement.push(vec![
                doc.into(),
                ti.into(),
                t.title.as_str().into(),
                unit_name(t.unit),
                i.into(),
                r.budget_unit.clone().into(),
                r.project.clone().into(),
                r.item.clone().into(),
                r.catalog_code.clone().into(),
                r.measure_unit.clone().into(),
                r.quantity.into(),
                r.unit_price.into(),
                r.total.into(),
                r.total.map(e4).unwrap_or(Val::Null),
                r.reserved_sme.into(),
                r.is_total.into(),
                r.span.page.into(),
                r.span.line.into(),
            ]);
        }
    }
    insert_many(
        tx,
        "procurement",
        &[
            "document_id",
            "table_ordinal",
            "table_title",
            "unit",
            "ordinal",
            "budget_unit",
            "project",
            "item",
            "catalog_code",
            "measure_unit",
            "quantity",
            "unit_price",
            "total",
            "total_e4",
            "reserved_sme",
            "is_total",
            "page",
            "line",
        ],
        procurement,
    )?;
    let mut assets = Vec::new();
    for (ti, t) in m.assets.iter().enumerate() {
        for (i, r) in t.rows.iter().enumerate() {
            assets.push(vec![
                doc.into(),
                ti.into(),
                t.title.as_str().into(),
                unit_name(t.unit),
                t.as_of.clone().into(),
                i.into(),
                r.name.as_str().into(),
                r.item.clone().into(),
                r.quantity.into(),
                r.amount.into(),
                r.amount.map(e4).unwrap_or(Val::Null),
                r.span.page.into(),
                r.span.line.into(),
            ]);
        }
    }
    insert_many(
        tx,
        "assets",
        &[
            "document_id",
            "table_ordinal",
            "table_title",
            "unit",
            "as_of",
            "ordinal",
            "name",
            "item",
            "quantity",
            "amount",
            "amount_e4",
            "page",
            "line",
        ],
        assets,
    )?;
    Ok(())
}

/// Stores findings of a document, numbered from `first_ordinal`.
fn findings(
    tx: &mut dyn Sql,
    doc: i64,
    list: &[Finding],
    first_ordinal: usize,
) -> Result<(), StoreError> {
    let ids = tx.reserve_ids("findings", list.len())?;
    let mut rows = Vec::new();
    let mut locations = Vec::new();
    for (i, (f, &fid)) in list.iter().zip(&ids).enumerate() {
        let first = f.locations.first().map(|l| &l.span);
        rows.push(vec![
            fid.into(),
            doc.into(),
            (first_ordinal + i).into(),
            f.rule.as_str().into(),
            f.severity.as_str().into(),
            f.message.as_str().into(),
            f.expected.into(),
            f.actual.into(),
            unit_name(f.unit),
            (!f.related.is_empty()).then(|| f.related.join(",")).into(),
            fingerprint(f).into(),
            first.and_then(|s| s.page).into(),
            first.map(|s| s.line).into(),
            first.and_then(|s| s.column).into(),
            first.and_then(|s| s.length).into(),
            serde_json::to_string(f)?.into(),
        ]);
        for (li, l) in f.locations.iter().enumerate() {
            let mut v = vec![
                fid.into(),
                doc.into(),
                li.into(),
                l.span.path.as_str().into(),
                l.label.as_str().into(),
                l.value.into(),
            ];
            v.extend(span_vals(&l.span));
            locations.push(v);
        }
    }
    insert_many(
        tx,
        "findings",
        &[
            "id",
            "document_id",
            "ordinal",
            "rule",
            "severity",
            "message",
            "expected",
            "actual",
            "unit",
            "related",
            "fingerprint",
            "page",
            "line",
            "col",
            "length",
            "finding_json",
        ],
        rows,
    )?;
    insert_many(
        tx,
        "finding_locations",
        &[
            "finding_id",
            "document_id",
            "ordinal",
            "path",
            "label",
            "value",
            "page",
            "line",
            "col",
            "length",
            "bbox",
        ],
        locations,
    )
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
