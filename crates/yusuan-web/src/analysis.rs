//! Figures for the analysis page (分析): expenditure by 类, basic vs project, 三公 over the years,
//! departments side by side; and the performance indicators (绩效指标), searchable.
//!
//! Every amount is taken from a printed cell whose column is certain, converted exactly to 万元
//! (`Decimal`, serialised as a string). A figure that is not printed, or whose unit is not stated,
//! is absent — never estimated.

use std::sync::{Arc, Mutex};

use axum::extract::{Query, State};
use axum::Json;
use serde::{Deserialize, Serialize};
use yusuan_model::{
    ColumnKey, Decimal, Disclosure, Indicator, MoneyUnit, Row, Table, TableKind, ThreePublicItem,
};

use crate::api::{blocking, parse_year, ApiResult};
use crate::backend::{Backend, BackendError, DocumentFilter};
use crate::AppState;

/// The document kind in Chinese.
pub fn kind_chinese(kind: &str) -> &'static str {
    match kind {
        "department_budget" => "部门预算",
        "unit_budget" => "单位预算",
        "department_final_accounts" => "部门决算",
        "unit_final_accounts" => "单位决算",
        "performance_declaration" => "绩效目标申报",
        _ => "未识别类型",
    }
}

/// A 类-level (three-digit) functional classification line.
#[derive(Debug, Clone, Serialize)]
pub struct ClassAmount {
    pub code: String,
    pub name: String,
    pub amount: Decimal,
}

/// The 三公 figures of one document, in 万元.
#[derive(Debug, Clone, Default, Serialize)]
pub struct ThreePublic {
    pub total: Option<Decimal>,
    pub outbound: Option<Decimal>,
    pub vehicle: Option<Decimal>,
    pub reception: Option<Decimal>,
}

/// What one document contributes to the charts (amounts in 万元).
#[derive(Debug, Clone, Serialize)]
pub struct DocumentFigures {
    pub id: i64,
    pub path: String,
    pub department: Option<String>,
    pub year: Option<i32>,
    pub kind: String,
    pub total: Option<Decimal>,
    pub basic: Option<Decimal>,
    pub project: Option<Decimal>,
    pub by_class: Vec<ClassAmount>,
    pub three_public: ThreePublic,
}

/// One performance indicator with where it comes from.
#[derive(Debug, Clone, Serialize)]
pub struct IndicatorRow {
    pub document_id: i64,
    pub department: Option<String>,
    pub year: Option<i32>,
    /// The project (项目) or unit the indicator belongs to.
    pub owner: String,
    pub level1: Option<String>,
    pub level2: Option<String>,
    pub name: String,
    pub value: String,
    pub line: u32,
}

#[derive(Debug, Default)]
struct Computed {
    documents: Vec<DocumentFigures>,
    indicators: Vec<IndicatorRow>,
}

/// The documents (id, SHA-256) the cached figures were computed from.
type LibraryKey = Vec<(i64, String)>;

/// Figures of the whole library, recomputed only when its set of documents changes.
#[derive(Default)]
pub struct Cache {
    inner: Mutex<Option<(LibraryKey, Arc<Computed>)>>,
}

fn compute(backend: &dyn Backend, cache: &Cache) -> Result<Arc<Computed>, BackendError> {
    let list = backend.list(&DocumentFilter::default())?;
    let key: LibraryKey = list.iter().map(|d| (d.id, d.sha256.clone())).collect();
    if let Some((k, c)) = cache
        .inner
        .lock()
        .unwrap_or_else(|e| e.into_inner())
        .as_ref()
    {
        if *k == key {
            return Ok(c.clone());
        }
    }
    let mut computed = Computed::default();
    for summary in &list {
        let Some(doc) = backend.document(summary.id)? else {
            continue; // deleted meanwhile
        };
        let m = &doc.model;
        computed
            .documents
            .push(figures(summary.id, &summary.path, &summary.kind, m));
        collect_indicators(summary.id, m, &mut computed.indicators);
    }
    let computed = Arc::new(computed);
    *cache.inner.lock().unwrap_or_else(|e| e.into_inner()) = Some((key, computed.clone()));
    Ok(computed)
}

fn wan(table: &Table, v: Decimal) -> Option<Decimal> {
    table
        .unit
        .map(|u| u.convert(v, MoneyUnit::WanYuan).normalize())
}

fn table(m: &Disclosure, kind: TableKind) -> Option<&Table> {
    m.tables
        .iter()
        .find(|t| t.kind == kind && t.unreadable.is_none() && !t.rows.is_empty())
}

fn total_row(t: &Table) -> Option<&Row> {
    t.rows
        .iter()
        .find(|r| r.is_total && r.side != Some(yusuan_model::Side::Income))
}

fn figures(id: i64, path: &str, kind: &str, m: &Disclosure) -> DocumentFigures {
    let mut f = DocumentFigures {
        id,
        path: path.to_owned(),
        department: m.department.as_ref().map(|d| d.name.clone()),
        year: m.year,
        kind: kind.to_owned(),
        total: None,
        basic: None,
        project: None,
        by_class: Vec::new(),
        three_public: ThreePublic::default(),
    };
    let spending =
        table(m, TableKind::Expenditure).or_else(|| table(m, TableKind::GeneralPublicExpenditure));
    if let Some(t) = spending {
        if let Some(r) = total_row(t) {
            let get = |k: &ColumnKey| r.certain(k).and_then(|v| wan(t, v));
            f.total = get(&ColumnKey::TOTAL);
            f.basic = get(&ColumnKey::BASIC);
            f.project = get(&ColumnKey::PROJECT);
        }
        for r in &t.rows {
            let Some(code) = r.code.as_deref() else {
                continue;
            };
            if code.len() != 3 || r.is_total {
                continue;
            }
            if let Some(v) = r.certain(&ColumnKey::TOTAL).and_then(|v| wan(t, v)) {
                f.by_class.push(ClassAmount {
                    code: code.to_owned(),
                    name: r.name.clone(),
                    amount: v,
                });
            }
        }
    }
    f.three_public = three_public(m);
    f
}

/// 三公 from its table through the model's query (one line per item whatever the layout).
fn three_public(m: &Disclosure) -> ThreePublic {
    let Some(tp) = m.three_public() else {
        return ThreePublic::default();
    };
    let t = tp.table;
    let get = |item| {
        tp.row(item)?;
        tp.amount(item).and_then(|v| wan(t, v))
    };
    ThreePublic {
        total: get(ThreePublicItem::Total),
        outbound: get(ThreePublicItem::Outbound),
        vehicle: get(ThreePublicItem::Vehicle),
        reception: get(ThreePublicItem::Reception),
    }
}

fn collect_indicators(id: i64, m: &Disclosure, out: &mut Vec<IndicatorRow>) {
    let department = m.department.as_ref().map(|d| d.name.clone());
    let mut push = |owner: &str, i: &Indicator| {
        out.push(IndicatorRow {
            document_id: id,
            department: department.clone(),
            year: m.year,
            owner: owner.to_owned(),
            level1: i.level1.clone(),
            level2: i.level2.clone(),
            name: i.name.clone(),
            value: i.value.raw.clone(),
            line: i.span.line,
        })
    };
    for p in &m.projects {
        for i in &p.indicators {
            push(&p.name, i);
        }
    }
    for t in &m.department_targets {
        for i in &t.indicators {
            push(t.title.as_deref().unwrap_or("部门整体绩效目标"), i);
        }
    }
    for d in &m.declarations {
        for i in &d.indicators {
            push(&d.unit_name, i);
        }
    }
}

#[derive(Deserialize)]
pub struct AnalysisQuery {
    department: Option<String>,
    year: Option<String>,
    q: Option<String>,
    limit: Option<usize>,
}

#[derive(Serialize)]
pub struct Analysis {
    unit: &'static str,
    documents: Vec<DocumentFigures>,
}

pub async fn analysis(
    State(state): State<AppState>,
    Query(q): Query<AnalysisQuery>,
) -> ApiResult<Json<Analysis>> {
    let year = parse_year(&q.year)?;
    let dept = q.department.filter(|d| !d.trim().is_empty());
    let cache = state.analysis.clone();
    let computed = blocking(&state, move |b| compute(b, &cache)).await?;
    let documents = computed
        .documents
        .iter()
        .filter(|d| {
            dept.as_ref()
                .is_none_or(|x| d.department.as_ref() == Some(x))
        })
        .filter(|d| year.is_none_or(|y| d.year == Some(y)))
        .cloned()
        .collect();
    Ok(Json(Analysis {
        unit: "万元",
        documents,
    }))
}

#[derive(Serialize)]
pub struct IndicatorPage {
    total: usize,
    indicators: Vec<IndicatorRow>,
}

/// Indicators whose owner, levels, name or value contain every word of `q`.
pub async fn indicators(
    State(state): State<AppState>,
    Query(q): Query<AnalysisQuery>,
) -> ApiResult<Json<IndicatorPage>> {
    let year = parse_year(&q.year)?;
    let dept = q.department.filter(|d| !d.trim().is_empty());
    let words: Vec<String> =
        q.q.unwrap_or_default()
            .split_whitespace()
            .map(str::to_owned)
            .collect();
    let limit = q.limit.unwrap_or(200).min(1000);
    let cache = state.analysis.clone();
    let computed = blocking(&state, move |b| compute(b, &cache)).await?;
    let matching: Vec<&IndicatorRow> = computed
        .indicators
        .iter()
        .filter(|i| {
            dept.as_ref()
                .is_none_or(|x| i.department.as_ref() == Some(x))
        })
        .filter(|i| year.is_none_or(|y| i.year == Some(y)))
        .filter(|i| {
            words.iter().all(|w| {
                i.owner.contains(w.as_str())
                    || i.name.contains(w.as_str())
                    || i.value.contains(w.as_str())
                    || i.level1.as_deref().is_some_and(|l| l.contains(w.as_str()))
                    || i.level2.as_deref().is_some_and(|l| l.contains(w.as_str()))
            })
        })
        .collect();
    Ok(Json(IndicatorPage {
        total: matching.len(),
        indicators: matching.into_iter().take(limit).cloned().collect(),
    }))
}
