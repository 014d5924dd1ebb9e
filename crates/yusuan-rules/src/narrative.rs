//! Narrative against tables (YS4xx): the figures of the explanation (情况说明) against the tables.
//!
//! A narrative figure is compared with the table figure it names, after converting the table
//! figure into the narrative's unit exactly. The narrative figure is rounded to the decimals it
//! was printed with, so it may differ from the table by half a unit of its last place (and the
//! table figure by half a unit of its own), never more. Where a narrative word may name one of
//! several printed figures (收入 may be 本年收入合计 or 收入总计), the narrative figure must match
//! one of them. A table figure that is uncertain, or in an unreadable table, is never judged; a
//! table kind printed more than once (several units in one file) is not used.

use rust_decimal::Decimal;
use yusuan_model::{
    ColumnKey, Disclosure, Finding, Location, MoneyUnit, NarrativeFact, Row, Severity, Table,
    TableKind,
};

use crate::arithmetic::{column_name, figure, main_key, row_name, total_row, Figure};
use crate::{support, tolerance, Family, Rule, RuleInfo};

/// The rules of this family.
pub fn rules() -> Vec<&'static dyn Rule> {
    vec![
        &NarrativeVsTable,
        &OperationCostVsPublicUse,
        &ThreePublicNarrativeVsTable,
    ]
}

// ---------------------------------------------------------------------------------------------
// Shared helpers.
// ---------------------------------------------------------------------------------------------

/// A narrative money figure in a table unit: its value, unit and the half unit of its last
/// printed place (in that unit). `亿元` is expressed in 万元.
pub(crate) fn narrative_amount(fact: &NarrativeFact) -> Option<(Decimal, MoneyUnit, Decimal)> {
    let half = Decimal::new(5, fact.value.scale() + 1);
    match fact.unit.as_str() {
        "万元" => Some((fact.value, MoneyUnit::WanYuan, half)),
        "元" => Some((fact.value, MoneyUnit::Yuan, half)),
        "亿元" => {
            let k = Decimal::from(10_000);
            Some((fact.value * k, MoneyUnit::WanYuan, half * k))
        }
        _ => None,
    }
}

/// The narrative money figure in its table unit.
fn fact_amount(fact: &NarrativeFact) -> Option<Decimal> {
    narrative_amount(fact).map(|(v, _, _)| v)
}

/// The narrative figure as a location.
pub(crate) fn narrative_location(fact: &NarrativeFact) -> Location {
    let mut text: String = fact.text.chars().take(40).collect();
    if fact.text.chars().count() > 40 {
        text.push('…');
    }
    Location {
        span: fact.span.clone(),
        label: format!("情况说明：{text}"),
        value: Some(fact.value),
    }
}

/// The table figure in the narrative's unit and the tolerance of the comparison, or `None` when
/// the table has no unit.
fn in_unit(
    table_fig: &Figure,
    unit: MoneyUnit,
    narrative_half: Decimal,
) -> Option<(Decimal, Decimal)> {
    let from = table_fig.unit?;
    let value = from.convert(table_fig.value, unit);
    let table_half = from.convert(tolerance::tolerance(table_fig.precision, 0), unit);
    Some((value, narrative_half + table_half))
}

/// Shows a converted amount tidily (`213.2777540000` → `213.277754`).
fn tidy(v: Decimal) -> String {
    let mut v = v.normalize();
    if v.scale() < 2 && v.fract() != Decimal::ZERO {
        v.rescale(2);
    }
    v.to_string()
}

/// The only judged table of a kind (none when it is printed more than once).
fn only_table(doc: &Disclosure, kind: TableKind) -> Option<&Table> {
    let mut it = support::tables(doc, kind);
    let first = it.next()?;
    it.next().is_none().then_some(first)
}

/// A line of the 收支总表 by its item (`income.general_public`).
fn summary_figure(doc: &Disclosure, item: &str) -> Option<Figure> {
    let table = only_table(doc, TableKind::IncomeExpenseSummary)?;
    let mut rows = table
        .rows
        .iter()
        .filter(|r| r.item.as_deref() == Some(item));
    let row = rows.next()?;
    if rows.next().is_some() {
        return None;
    }
    let key = main_key(table, row.side)?;
    figure(table, row, &key, row_name(row))
}

/// A column of the 合计 row of a one-sided table.
fn total_figure(doc: &Disclosure, kind: TableKind, key: &ColumnKey) -> Option<Figure> {
    let table = only_table(doc, kind)?;
    let row = total_row(table)?;
    table.column(key)?;
    figure(
        table,
        row,
        key,
        format!("合计 · {}", column_name(table, key)),
    )
}

/// The outcome of comparing a narrative figure with candidate table figures: `Some(first
/// judged candidate, its value in the narrative unit)` when none of them matches.
fn mismatch(fact: &NarrativeFact, candidates: Vec<Figure>) -> Option<(Figure, Decimal, MoneyUnit)> {
    let (value, unit, half) = narrative_amount(fact)?;
    let mut first: Option<(Figure, Decimal)> = None;
    for c in candidates {
        let Some((tv, tol)) = in_unit(&c, unit, half) else {
            continue;
        };
        if (value - tv).abs() <= tol {
            return None;
        }
        if first.is_none() {
            first = Some((c, tv));
        }
    }
    first.map(|(f, tv)| (f, tv, unit))
}

fn finding(
    info: &'static RuleInfo,
    severity: Severity,
    doc: &Disclosure,
    fact: &NarrativeFact,
    what: &str,
    miss: &(Figure, Decimal, MoneyUnit),
) -> Finding {
    let (table_fig, table_value, unit) = (&miss.0, miss.1, miss.2);
    let (value, _, _) = narrative_amount(fact).unwrap_or((fact.value, unit, Decimal::ZERO));
    let u = unit.chinese();
    let title = table_fig
        .location
        .label
        .split('》')
        .next()
        .map(|s| format!("{s}》"))
        .unwrap_or_default();
    let message = format!(
        "情况说明中的{what} {} {}与{} {} {u}不符（差 {} {u}）",
        fact.value,
        fact.unit,
        title,
        tidy(table_value),
        tidy(value - table_value),
    );
    Finding {
        rule: info.code.to_string(),
        severity,
        message,
        expected: Some(table_value),
        actual: Some(value),
        unit: Some(unit),
        locations: vec![narrative_location(fact), table_fig.location.clone()],
        related: Vec::new(),
        document: doc.source.path.clone(),
    }
}

// ---------------------------------------------------------------------------------------------
// YS401
// ---------------------------------------------------------------------------------------------

/// YS401: a narrative income or expenditure figure differs from the table.
pub struct NarrativeVsTable;

static NARRATIVE_VS_TABLE: RuleInfo = RuleInfo {
    code: "YS401",
    name: "narrative-vs-table",
    title: "情况说明的收支数字与报表不符",
    family: Family::Narrative,
    severity: Severity::Error,
    doc: include_str!("../docs/YS401.md"),
};

/// What a key is called in a message and the table figures it may name.
pub(crate) fn ys401_candidates(doc: &Disclosure, key: &str) -> Option<(&'static str, Vec<Figure>)> {
    use TableKind::{BasicExpenditure as B, Expenditure as E, Income as I};
    let s = |item: &str| summary_figure(doc, item);
    let t = |kind: TableKind, k: ColumnKey| total_figure(doc, kind, &k);
    let (name, list): (&'static str, Vec<Option<Figure>>) = match key {
        "income.total" => (
            "收入合计",
            vec![
                s("income.current_year_total"),
                t(I, ColumnKey::TOTAL),
                t(I, ColumnKey::SUBTOTAL),
                s("income.grand_total"),
            ],
        ),
        "income.general_public" => ("一般公共预算收入", vec![s("income.general_public")]),
        "income.government_fund" => ("政府性基金收入", vec![s("income.government_fund")]),
        "income.state_capital" => ("国有资本经营预算收入", vec![s("income.state_capital")]),
        "income.fiscal_special_account" => (
            "财政专户管理资金收入",
            vec![
                s("income.fiscal_special_account"),
                t(I, ColumnKey::FISCAL_SPECIAL_ACCOUNT),
            ],
        ),
        "income.unit_funds" => ("单位资金收入", vec![s("income.unit_funds")]),
        "income.fiscal_appropriation" => (
            "财政拨款收入",
            vec![
                s("income.fiscal_appropriation"),
                t(I, ColumnKey::FISCAL_APPROPRIATION),
            ],
        ),
        "income.business" => (
            "事业收入",
            vec![s("income.business"), t(I, ColumnKey::BUSINESS_INCOME)],
        ),
        "income.operating" => (
            "事业单位经营收入",
            vec![s("income.operating"), t(I, ColumnKey::OPERATING_INCOME)],
        ),
        "income.other" => (
            "其他收入",
            vec![s("income.other"), t(I, ColumnKey::OTHER_INCOME)],
        ),
        "expenditure.total" => (
            "支出合计",
            vec![
                s("expenditure.current_year_total"),
                t(E, ColumnKey::TOTAL),
                s("expenditure.grand_total"),
            ],
        ),
        "expenditure.basic" => (
            "基本支出",
            vec![t(E, ColumnKey::BASIC), t(B, ColumnKey::TOTAL)],
        ),
        "expenditure.basic.personnel" => (
            "人员经费",
            vec![t(B, ColumnKey::PERSONNEL), t(E, ColumnKey::PERSONNEL)],
        ),
        "expenditure.basic.public_use" => (
            "公用经费",
            vec![t(B, ColumnKey::PUBLIC_USE), t(E, ColumnKey::PUBLIC_USE)],
        ),
        "expenditure.project" => ("项目支出", vec![t(E, ColumnKey::PROJECT)]),
        _ => return None,
    };
    Some((name, list.into_iter().flatten().collect()))
}

impl Rule for NarrativeVsTable {
    fn info(&self) -> &'static RuleInfo {
        &NARRATIVE_VS_TABLE
    }

    fn check(&self, doc: &Disclosure, out: &mut Vec<Finding>) {
        for fact in &doc.narrative_facts {
            let Some((name, candidates)) = ys401_candidates(doc, &fact.key) else {
                continue;
            };
            if let Some(miss) = mismatch(fact, candidates) {
                out.push(finding(
                    &NARRATIVE_VS_TABLE,
                    Severity::Error,
                    doc,
                    fact,
                    name,
                    &miss,
                ));
            }
        }
    }
}

// ---------------------------------------------------------------------------------------------
// YS402
// ---------------------------------------------------------------------------------------------

/// YS402: 机关运行经费 against 公用经费 and the 三公 table's 机关运行经费.
pub struct OperationCostVsPublicUse;

static OPERATION_COST: RuleInfo = RuleInfo {
    code: "YS402",
    name: "operation-cost-vs-public-use",
    title: "机关运行经费与公用经费或“三公”表不符",
    family: Family::Narrative,
    severity: Severity::Warning,
    doc: include_str!("../docs/YS402.md"),
};

impl Rule for OperationCostVsPublicUse {
    fn info(&self) -> &'static RuleInfo {
        &OPERATION_COST
    }

    fn check(&self, doc: &Disclosure, out: &mut Vec<Finding>) {
        for fact in doc
            .narrative_facts
            .iter()
            .filter(|f| f.key == "operation_cost")
        {
            if let Some(three) = three_public_cell(doc, &ColumnKey::OPERATION_COST, "") {
                if let Some(miss) = mismatch(fact, vec![three]) {
                    out.push(finding(
                        &OPERATION_COST,
                        Severity::Error,
                        doc,
                        fact,
                        "机关运行经费",
                        &miss,
                    ));
                    continue;
                }
            }
            // 机关运行经费 is the 公用经费 of administrative and 参公 units: less than the
            // department's 公用经费 when it has institutions of its own, never more.
            let public_use = total_figure(doc, TableKind::BasicExpenditure, &ColumnKey::PUBLIC_USE);
            if let Some(miss) = mismatch(fact, public_use.into_iter().collect()) {
                if fact_amount(fact) <= Some(miss.1) {
                    continue;
                }
                out.push(finding(
                    &OPERATION_COST,
                    Severity::Warning,
                    doc,
                    fact,
                    "机关运行经费",
                    &miss,
                ));
            }
        }
    }
}

// ---------------------------------------------------------------------------------------------
// YS403
// ---------------------------------------------------------------------------------------------

/// YS403: a narrative 三公 figure differs from the 三公 table.
pub struct ThreePublicNarrativeVsTable;

static THREE_PUBLIC: RuleInfo = RuleInfo {
    code: "YS403",
    name: "three-public-narrative-vs-table",
    title: "情况说明的“三公”经费与“三公”表不符",
    family: Family::Narrative,
    severity: Severity::Error,
    doc: include_str!("../docs/YS403.md"),
};

fn squeeze(s: &str) -> String {
    s.chars().filter(|c| !c.is_whitespace()).collect()
}

/// The 三公 table's figure: a category column of the single data row (the 预算数 row of a
/// budget, the 决算数 row of final accounts), or the category row's 合计 column.
fn three_public_cell(doc: &Disclosure, key: &ColumnKey, item: &str) -> Option<Figure> {
    let table = only_table(doc, TableKind::ThreePublic)?;
    let by_columns = [
        ColumnKey::OUTBOUND,
        ColumnKey::VEHICLE,
        ColumnKey::RECEPTION,
    ]
    .iter()
    .any(|k| table.column(k).is_some());
    if by_columns {
        table.column(key)?;
        let rows: Vec<&Row> = table.rows.iter().collect();
        let (wanted, other) = if doc.kind.is_final_accounts() {
            ("决算数", "预算数")
        } else {
            ("预算数", "决算数")
        };
        let row = match rows.as_slice() {
            // A 决算 table whose 决算数 line is blank prints only its 预算数 line (and a budget
            // the other way round): that line is not the figure the narrative states.
            [only] if squeeze(&only.name) == other => return None,
            [only] => *only,
            rows => {
                let mut named = rows.iter().filter(|r| squeeze(&r.name) == wanted);
                let row = named.next()?;
                if named.next().is_some() {
                    return None;
                }
                *row
            }
        };
        return figure(table, row, key, column_name(table, key));
    }
    if item.is_empty() {
        return None;
    }
    let mut rows = table
        .rows
        .iter()
        .filter(|r| r.item.as_deref() == Some(item));
    let row = rows.next()?;
    if rows.next().is_some() {
        return None;
    }
    let fund = main_key(table, None)?;
    figure(table, row, &fund, row_name(row))
}

/// The 三公 table figure a `three_public.*` narrative key names: its message name and figure.
pub(crate) fn three_public_figure(doc: &Disclosure, key: &str) -> Option<(&'static str, Figure)> {
    let (name, column, item) = match key {
        "three_public.total" => ("“三公”经费合计", ColumnKey::TOTAL, "three_public.total"),
        "three_public.outbound" => (
            "因公出国（境）费",
            ColumnKey::OUTBOUND,
            "three_public.outbound",
        ),
        "three_public.vehicle" => (
            "公务用车购置及运行费",
            ColumnKey::VEHICLE,
            "three_public.vehicle",
        ),
        "three_public.vehicle.purchase" => (
            "公务用车购置费",
            ColumnKey::VEHICLE_PURCHASE,
            "three_public.vehicle_purchase",
        ),
        "three_public.vehicle.operation" => (
            "公务用车运行维护费",
            ColumnKey::VEHICLE_OPERATION,
            "three_public.vehicle_operation",
        ),
        "three_public.reception" => ("公务接待费", ColumnKey::RECEPTION, "three_public.reception"),
        _ => return None,
    };
    Some((name, three_public_cell(doc, &column, item)?))
}

impl Rule for ThreePublicNarrativeVsTable {
    fn info(&self) -> &'static RuleInfo {
        &THREE_PUBLIC
    }

    fn check(&self, doc: &Disclosure, out: &mut Vec<Finding>) {
        for fact in &doc.narrative_facts {
            let Some((name, cell)) = three_public_figure(doc, &fact.key) else {
                continue;
            };
            if let Some(miss) = mismatch(fact, vec![cell]) {
                out.push(finding(
                    &THREE_PUBLIC,
                    Severity::Error,
                    doc,
                    fact,
                    name,
                    &miss,
                ));
            }
        }
    }
}
