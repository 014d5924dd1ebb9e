//! What the rules of this family share.

use rust_decimal::Decimal;
use yusuan_model::{ColumnKey, Disclosure, Finding, Location, MoneyUnit, NarrativeFact, Row, Severity, Table, TableKind};

use crate::arithmetic::{column_name, figure, main_key, row_name, total_row, Figure};
use crate::{finding, support, tolerance, RuleInfo};

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
pub(crate) fn fact_amount(fact: &NarrativeFact) -> Option<Decimal> {
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
pub(crate) fn in_unit(
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
pub(crate) fn tidy(v: Decimal) -> String {
    let mut v = v.normalize();
    if v.scale() < 2 && v.fract() != Decimal::ZERO {
        v.rescale(2);
    }
    v.to_string()
}

/// The only judged table of a kind (none when it is printed more than once).
pub(crate) fn only_table(doc: &Disclosure, kind: TableKind) -> Option<&Table> {
    let mut it = support::tables(doc, kind);
    let first = it.next()?;
    it.next().is_none().then_some(first)
}

/// A line of the 收支总表 by its item (`income.general_public`).
pub(crate) fn summary_figure(doc: &Disclosure, item: &str) -> Option<Figure> {
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
pub(crate) fn total_figure(doc: &Disclosure, kind: TableKind, key: &ColumnKey) -> Option<Figure> {
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
pub(crate) fn mismatch(fact: &NarrativeFact, candidates: Vec<Figure>) -> Option<(Figure, Decimal, MoneyUnit)> {
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

/// A finding on a narrative figure that no table figure it names matches.
pub(crate) fn narrative_finding(
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
severity,
expected: Some(table_value),
actual: Some(value),
unit: Some(unit),
..finding(info, doc, message, vec![narrative_location(fact), table_fig.location.clone()])
}
}

/// The 三公 table's figure: a category column of the single data row (the 预算数 row of a
/// budget, the 决算数 row of final accounts), or the category row's 合计 column.
pub(crate) fn three_public_cell(doc: &Disclosure, key: &ColumnKey, item: &str) -> Option<Figure> {
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

pub(crate) fn squeeze(s: &str) -> String {
    s.chars().filter(|c| !c.is_whitespace()).collect()
}
