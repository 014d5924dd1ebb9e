//! Recognition of budget disclosures: from read lines to the typed [`Disclosure`].
//!
//! `extract` knows budgets but not file formats: it receives numbered lines from `yusuan-read`
//! and finds, by their meaning, the document's identity (department, year, kind) and its
//! standard tables. Tables are recognised by their titles and headers, columns by the words of
//! their headers, rows by codes and names; a value whose column cannot be known for certain is
//! marked uncertain rather than guessed.
//!
//! Modules:
//! - [`amount`]: amounts and codes as printed, including broken ones (`32000.0 0`, `21201 99`);
//! - [`title`]: which standard table a title names;
//! - [`header`]: which column a header names, and the arithmetic between columns;
//! - [`layout`]: tab rows, cell-per-line and space-separated text reduced to rows of cells;
//! - [`placement`]: placing amounts whose column the text lost, using the table's arithmetic;
//! - `table`: parsing one table; `meta`: the document's identity;
//! - [`performance`]: project performance tables, department targets, declaration forms;
//! - [`facts`]: narrative figures, procurement and asset tables, the unit list.

pub mod amount;
pub mod facts;
mod geometry;
pub mod header;
pub mod layout;
mod meta;
mod ocr;
pub mod performance;
pub mod placement;
mod table;
pub mod title;

use yusuan_model::{
    ColumnKey, Disclosure, ExtractionNote, Side, Source, Table, TableKind, SCHEMA_VERSION,
};
use yusuan_read::{Line, TextDocument};

pub use meta::{detect_department, detect_kind, detect_year};

/// Extracts the model of one document.
pub fn extract(doc: &TextDocument) -> Disclosure {
    let path = doc.path.as_str();
    let mut notes = Vec::new();
    let titles = find_titles(&doc.lines);
    let regions: Vec<(usize, TableKind, usize)> = titles
        .iter()
        .enumerate()
        .map(|(n, (idx, kind))| {
            (
                *idx,
                *kind,
                titles
                    .get(n + 1)
                    .map(|(i, _)| *i)
                    .unwrap_or(doc.lines.len()),
            )
        })
        .collect();
    let parse = |idx: usize, kind: TableKind, end: usize, hints: &table::Hints| {
        table::parse(path, kind, &doc.lines[idx], &doc.lines[idx + 1..end], hints)
    };
    let mut parsed: Vec<table::Parsed> = regions
        .iter()
        .filter_map(|&(i, k, e)| parse(i, k, e, &table::Hints::default()))
        .collect();
    // A second look at tables left ambiguous, with what other tables say is blank.
    for (n, &(i, k, e)) in regions.iter().enumerate() {
        let Some(pos) = parsed
            .iter()
            .position(|p| p.table.span.line as usize == i + 1)
        else {
            continue;
        };
        if !parsed[pos].table.rows.iter().any(|r| r.has_uncertainty()) {
            continue;
        }
        let hints = hints_for(k, &parsed);
        if hints.total_row_blank.is_empty() {
            continue;
        }
        if let Some(again) = parse(i, k, e, &hints) {
            parsed[pos] = again;
        }
        let _ = n;
    }
    let mut tables: Vec<Table> = Vec::new();
    for p in parsed {
        notes.extend(p.notes);
        merge_or_push(&mut tables, p.table);
    }
    let performance = performance::extract(doc);
    let facts = facts::extract(doc, &tables);
    notes.extend(performance.notes);
    notes.extend(facts.notes);
    let kind = meta::detect_kind(&doc.lines, !tables.is_empty());
    if let Some(g) = &doc.geometry {
        for n in &g.notes {
            let line = doc
                .lines
                .iter()
                .find(|l| l.page == Some(n.page))
                .map(|l| l.number)
                .unwrap_or(1);
            notes.push(ExtractionNote {
                message: n.message.clone(),
                span: yusuan_model::Span::line(path, Some(n.page), line),
            });
        }
    }
    let mut model = Disclosure {
        schema_version: SCHEMA_VERSION,
        source: Source {
            path: doc.path.clone(),
            sha256: doc.sha256.clone(),
            format: doc.format.as_str().to_string(),
            encoding: Some(doc.encoding.to_string()),
            pages: doc.page_count,
            ocr_pages: doc
                .geometry
                .as_ref()
                .map(|g| g.pages.iter().filter(|p| p.ocr).map(|p| p.number).collect())
                .unwrap_or_default(),
        },
        department: meta::detect_department(path, &doc.lines),
        year: meta::detect_year(&doc.lines),
        kind,
        tables,
        projects: performance.projects,
        department_targets: performance.department_targets,
        declarations: performance.declarations,
        narrative_facts: facts.narrative,
        procurement: facts.procurement,
        assets: facts.assets,
        units: facts.units,
        notes,
    };
    fill_origins(&mut model, doc);
    if let Some(g) = &doc.geometry {
        ocr::distrust_misread_cells(&mut model, g);
        geometry::fill_boxes(&mut model, g);
    }
    // A table's meaning does not depend on its layout: 三公 items printed as columns become lines.
    for t in &mut model.tables {
        t.three_public_by_item();
    }
    model
}

/// Spans of a structured source (sheet, DOCX, HTML) name where their figure came from: the cell
/// of the line that holds the span's column, else the line's place. Text sources have none.
fn fill_origins(d: &mut Disclosure, doc: &TextDocument) {
    if doc.lines.iter().all(|l| l.origin.is_none()) {
        return;
    }
    let fill = |span: &mut yusuan_model::Span| {
        let Some(line) = (span.line as usize)
            .checked_sub(1)
            .and_then(|i| doc.lines.get(i))
        else {
            return;
        };
        if let Some(origin) = &line.origin {
            let at = span.column.map_or(0, |c| c.saturating_sub(1));
            span.origin = Some(origin.at(&line.text, at).to_string());
        }
    };
    for t in &mut d.tables {
        fill(&mut t.span);
        for r in &mut t.rows {
            fill(&mut r.span);
            r.cell_spans.values_mut().for_each(fill);
        }
    }
}

/// Title lines of standard tables, confirmed by what follows them: a unit line or a header
/// within a few lines, before the next title. Contents entries are followed by more titles and
/// are not confirmed.
fn find_titles(lines: &[Line]) -> Vec<(usize, yusuan_model::TableKind)> {
    let candidates: Vec<(usize, yusuan_model::TableKind)> = lines
        .iter()
        .enumerate()
        .filter_map(|(i, l)| title::classify_title(&l.text).map(|(k, _)| (i, k)))
        .collect();
    let mut out = Vec::new();
    for (n, (i, kind)) in candidates.iter().enumerate() {
        let next = candidates
            .get(n + 1)
            .map(|(j, _)| *j)
            .unwrap_or(lines.len());
        let confirmed = lines[i + 1..next]
            .iter()
            .filter(|l| !l.text.trim().is_empty())
            .take(12)
            .any(|l| table::unit_in(&l.text).is_some() || looks_like_header(&l.text));
        if confirmed {
            out.push((*i, *kind));
        }
    }
    out
}

fn looks_like_header(text: &str) -> bool {
    let t = header::squeeze(text);
    ["合计", "科目", "预算数", "决算数", "栏次", "序号", "项目"]
        .iter()
        .any(|w| t.contains(w))
        && !t.contains('。')
}

/// What other tables of the document say is blank in a table's total row:
/// - income sources the 收支总表 prints blank (or zero) are blank in the 收入总表's 合计;
/// - 基本支出 or 项目支出 blank in the 支出总表's 合计 is blank in the fund tables' 合计 (they
///   are parts of it and amounts are not negative).
fn hints_for(kind: TableKind, parsed: &[table::Parsed]) -> table::Hints {
    match kind {
        TableKind::Income => income_hints(parsed),
        TableKind::GeneralPublicExpenditure
        | TableKind::GovernmentFundExpenditure
        | TableKind::StateCapitalExpenditure => {
            let mut hints = table::Hints::default();
            let total = parsed
                .iter()
                .map(|p| &p.table)
                .filter(|t| t.kind == TableKind::Expenditure)
                .flat_map(|t| t.rows.iter())
                .find(|r| r.is_total && r.code.is_none() && !r.has_uncertainty());
            if let Some(total) = total {
                for key in [ColumnKey::BASIC, ColumnKey::PROJECT] {
                    if total.cells.get(&key).is_none_or(|v| v.is_zero())
                        && total.cells.values().any(|v| !v.is_zero())
                    {
                        hints.total_row_blank.push(key);
                    }
                }
            }
            hints
        }
        _ => table::Hints::default(),
    }
}

fn income_hints(parsed: &[table::Parsed]) -> table::Hints {
    let mut hints = table::Hints::default();
    let Some(summary) = parsed
        .iter()
        .map(|p| &p.table)
        .find(|t| t.kind == TableKind::IncomeExpenseSummary && t.unreadable.is_none())
    else {
        return hints;
    };
    for source in yusuan_model::vocabulary::OTHER_SOURCES {
        let line = summary
            .rows_on(Some(Side::Income))
            .find(|r| r.item.as_ref() == Some(&source.item));
        if line.is_some_and(|r| !r.has_uncertainty() && r.cells.values().all(|v| v.is_zero())) {
            hints.total_row_blank.push(source.column.clone());
        }
    }
    hints
}

/// A table printed again under the same title (a continuation page) joins the one before it.
fn merge_or_push(tables: &mut Vec<Table>, table: Table) {
    if let Some(last) = tables.last_mut() {
        if last.kind == table.kind
            && last.columns == table.columns
            && (last.unit == table.unit || table.unit.is_none())
        {
            last.rows.extend(table.rows);
            last.empty = last.rows.iter().all(|r| r.cells.is_empty());
            last.end_line = table.end_line;
            if last.empty_note.is_none() {
                last.empty_note = table.empty_note;
            }
            return;
        }
    }
    tables.push(table);
}
