//! Derivation: everything a disclosure prints that follows from its detail rows.
//!
//! Never overwrites a figure the input gives; only fills what is missing:
//! - a row's total (合计 = 基本支出 + 项目支出, 基本支出 = 人员经费 + 公用经费, 合计 = Σ income
//!   sources, 三公 合计 = 出国 + 车辆 + 接待, 车辆 = 购置 + 运行), by [`yusuan_model::row_identities`];
//! - parent rows (类 and 款 from 项, 类 from 款), summed from their children, named from the
//!   classification dictionary of the year (`yusuan-codes`);
//! - the total row (合计) of each classified table, summed from its 类 rows;
//! - the summary tables: 收支总表 from the income and expenditure tables and the three fund tables,
//!   财政拨款收支总表 from the three fund tables;
//! - the income table and the general-public table where the data determine them (all spending
//!   financed by appropriations; only general-public appropriations);
//! - empty fund tables, with the required note (空表列示).
//!
//! What cannot be derived (a 支出总表, the economic breakdown, the 三公 figures) is an error that
//! says what to supply.

use std::collections::{BTreeMap, BTreeSet};

use rust_decimal::Decimal;
use yusuan_model::{
    row_identities, Column, ColumnKey, Disclosure, MoneyUnit, Row, Side, Span, Table, TableKind,
    SCHEMA_VERSION,
};

use crate::format::chinese_ordinal;
use crate::layout;
use crate::{RenderError, Template};

/// The full disclosure: the input with every derivable row and table added.
pub fn derive(input: &Disclosure, template: Template) -> Result<Disclosure, RenderError> {
    let mut d = input.clone();
    if d.schema_version == 0 {
        d.schema_version = SCHEMA_VERSION;
    }
    let span = derived_span(&d);
    let year = d.year.unwrap_or(2025);
    for t in d.tables.iter_mut() {
        if t.unreadable.is_some() {
            continue;
        }
        match t.kind {
            k if is_coded(k) => complete_coded(t, year, template, &span)?,
            TableKind::ThreePublic => {
                fill_row_totals(t);
                if template == Template::Hebei {
                    three_public_by_item(t, span.clone());
                }
                complete_three_public(t)
            }
            _ => fill_row_totals(t),
        }
    }
    add_missing_tables(&mut d, template, &span)?;
    for t in d.tables.iter_mut() {
        // A line with neither name, code nor figure says nothing (a 三公 line of zeros).
        t.rows
            .retain(|r| !(r.name.trim().is_empty() && r.code.is_none() && r.cells.is_empty()));
        if !t.empty && t.unreadable.is_none() && t.rows.is_empty() {
            t.empty = true;
        }
        if t.empty && t.empty_note.is_none() {
            t.empty_note = Some(layout::empty_note(t.kind, input, template));
        }
    }
    Ok(d)
}

fn derived_span(d: &Disclosure) -> Span {
    Span::line(format!("{} (derived)", d.source.path), None, 0)
}

/// Tables whose rows are classification codes (functional or economic).
fn is_coded(k: TableKind) -> bool {
    k.has_functional_codes() || k == TableKind::BasicExpenditure
}

/// Fills a missing row total from its parts, for every row and identity; a row whose parts are all
/// blank stays blank.
pub fn fill_row_totals(t: &mut Table) {
    let keys: Vec<ColumnKey> = t.columns.iter().map(|c| c.key.clone()).collect();
    let ids = row_identities(&keys);
    for row in t.rows.iter_mut() {
        // Parts may themselves be totals (基本支出 = 人员 + 公用 inside 合计 = 基本 + 项目):
        // innermost first, so run until nothing changes.
        loop {
            let mut changed = false;
            for (total, parts) in ids.iter().rev() {
                if row.cells.contains_key(total) || row.uncertain.contains(total) {
                    continue;
                }
                let present: Vec<Decimal> = parts
                    .iter()
                    .filter_map(|p| row.cells.get(p))
                    .copied()
                    .collect();
                if present.is_empty() || parts.iter().any(|p| row.uncertain.contains(p)) {
                    continue;
                }
                row.cells
                    .insert(total.clone(), present.iter().copied().sum());
                changed = true;
            }
            if !changed {
                break;
            }
        }
    }
}

fn code_levels(kind: TableKind) -> &'static [usize] {
    if kind == TableKind::BasicExpenditure {
        &[3, 5]
    } else {
        &[3, 5, 7]
    }
}

fn code_name(kind: TableKind, year: i32, code: &str) -> Option<String> {
    let found = if kind == TableKind::BasicExpenditure {
        yusuan_codes::economic_name(year, code)
    } else {
        yusuan_codes::functional_name(year, code)
    };
    found.map(|l| l.name.to_string())
}

fn sum_rows<'a>(rows: impl Iterator<Item = &'a Row>) -> BTreeMap<ColumnKey, Decimal> {
    let mut out: BTreeMap<ColumnKey, Decimal> = BTreeMap::new();
    for r in rows {
        for (k, v) in &r.cells {
            *out.entry(k.clone()).or_default() += *v;
        }
    }
    out
}

fn new_row(
    code: Option<String>,
    name: String,
    cells: BTreeMap<ColumnKey, Decimal>,
    span: &Span,
) -> Row {
    Row {
        seq: None,
        code,
        name,
        item: None,
        side: None,
        is_total: false,
        cells,
        uncertain: Vec::new(),
        cell_spans: BTreeMap::new(),
        span: span.clone(),
    }
}

/// Parents, total row and row totals of a classified table.
fn complete_coded(
    t: &mut Table,
    year: i32,
    template: Template,
    span: &Span,
) -> Result<(), RenderError> {
    fill_row_totals(t);
    let levels = code_levels(t.kind);
    let mut added = false;
    // Bottom-up: 款 from 项, then 类 from 款.
    for w in levels.windows(2).rev() {
        let (parent_len, child_len) = (w[0], w[1]);
        let existing: BTreeSet<String> = t.rows.iter().filter_map(|r| r.code.clone()).collect();
        let mut missing: BTreeSet<String> = BTreeSet::new();
        for c in &existing {
            if c.len() == child_len && c.chars().all(|ch| ch.is_ascii_digit()) {
                let p = &c[..parent_len];
                if !existing.contains(p) {
                    missing.insert(p.to_string());
                }
            }
        }
        for p in missing {
            let children = t.rows.iter().filter(|r| {
                !r.is_total
                    && r.code
                        .as_deref()
                        .is_some_and(|c| c.len() == child_len && c.starts_with(&p))
            });
            let cells = sum_rows(children);
            let name = code_name(t.kind, year, &p).ok_or_else(|| {
                RenderError::Derive(format!(
                    "《{}》: the name of code {p} (parent of the rows under it) is not in the \
                     {year} classification dictionary; give the row {p} with its name",
                    t.kind.chinese_name()
                ))
            })?;
            t.rows.push(new_row(Some(p), name, cells, span));
            added = true;
        }
    }
    let has_coded = t.rows.iter().any(|r| r.code.is_some() && !r.is_total);
    let has_total = t.rows.iter().any(|r| r.is_total);
    if has_coded && !has_total {
        let top = levels[0];
        let cells = sum_rows(
            t.rows
                .iter()
                .filter(|r| !r.is_total && r.code.as_deref().is_some_and(|c| c.len() == top)),
        );
        let mut row = new_row(None, "合计".into(), cells, span);
        row.is_total = true;
        t.rows.push(row);
        added = true;
    }
    if added {
        order_rows(t, template);
    }
    Ok(())
}

/// Rows in code order (depth-first: 类, its 款, their 项), the total first (Hebei) or last
/// (Shanghai); Hebei numbers the rows (序号).
fn order_rows(t: &mut Table, template: Template) {
    let mut totals: Vec<Row> = Vec::new();
    let mut coded: Vec<Row> = Vec::new();
    for r in t.rows.drain(..) {
        if r.is_total {
            totals.push(r);
        } else {
            coded.push(r);
        }
    }
    coded.sort_by(|a, b| a.code.cmp(&b.code));
    t.rows = match template {
        Template::Hebei => totals.into_iter().chain(coded).collect(),
        Template::Shanghai => coded.into_iter().chain(totals).collect(),
    };
    for (i, r) in t.rows.iter_mut().enumerate() {
        r.seq = match template {
            Template::Hebei => u32::try_from(i + 1).ok(),
            Template::Shanghai => None,
        };
    }
}

/// Hebei prints 三公 one line per item (合计, 因公出国（境）费, 公务用车购置及运维费, 其中 购置费 /
/// 运行维护费, 公务接待费) with the amounts by source in columns; a one-line table (Shanghai,
/// the input workbook) is turned into that form with its figures in 合计 (the split by source is
/// not known, so only 合计 is printed).
fn three_public_by_item(t: &mut Table, span: Span) {
    let by_column = t.column(&ColumnKey::OUTBOUND).is_some() && t.rows.len() == 1;
    if !by_column {
        return;
    }
    let one = t.rows[0].clone();
    let lines: [(&str, &str, Option<ColumnKey>); 6] = [
        ("合计", "three_public.total", Some(ColumnKey::TOTAL)),
        (
            "一、因公出国（境）费",
            "three_public.outbound",
            Some(ColumnKey::OUTBOUND),
        ),
        (
            "二、公务用车购置及运维费",
            "three_public.vehicle",
            Some(ColumnKey::VEHICLE),
        ),
        (
            "其中：公务用车购置费",
            "three_public.vehicle_purchase",
            Some(ColumnKey::VEHICLE_PURCHASE),
        ),
        (
            "公务用车运行维护费",
            "three_public.vehicle_operation",
            Some(ColumnKey::VEHICLE_OPERATION),
        ),
        (
            "三、公务接待费",
            "three_public.reception",
            Some(ColumnKey::RECEPTION),
        ),
    ];
    t.columns = vec![column(ColumnKey::TOTAL, None)];
    t.rows = lines
        .iter()
        .map(|(name, item, key)| {
            // Every line carries its figure, 0.00 included: a line of blanks would read as the
            // name of the next.
            let mut cells = BTreeMap::new();
            let v = key
                .as_ref()
                .and_then(|k| one.cells.get(k))
                .copied()
                .unwrap_or(Decimal::new(0, 2));
            cells.insert(ColumnKey::TOTAL, v);
            let mut r = new_row(None, name.to_string(), cells, &span);
            r.item = Some(item.to_string());
            r.is_total = *item == "three_public.total";
            r
        })
        .collect();
}

/// 三公: the row totals of a one-row table; the 车辆 and 合计 lines of a table by item.
fn complete_three_public(t: &mut Table) {
    fill_row_totals(t);
    let find = |t: &Table, item: &str| t.rows.iter().position(|r| r.item.as_deref() == Some(item));
    let keys: Vec<ColumnKey> = t.columns.iter().map(|c| c.key.clone()).collect();
    let fill = |t: &mut Table, total: &str, parts: &[&str]| {
        let Some(ti) = find(t, total) else { return };
        let idx: Vec<usize> = parts.iter().filter_map(|p| find(t, p)).collect();
        if idx.len() != parts.len() {
            return;
        }
        for k in &keys {
            if t.rows[ti].cells.contains_key(k) {
                continue;
            }
            let vals: Vec<Decimal> = idx
                .iter()
                .filter_map(|&i| t.rows[i].cells.get(k))
                .copied()
                .collect();
            if !vals.is_empty() {
                let s: Decimal = vals.into_iter().sum();
                t.rows[ti].cells.insert(k.clone(), s);
            }
        }
    };
    fill(
        t,
        "three_public.vehicle",
        &[
            "three_public.vehicle_purchase",
            "three_public.vehicle_operation",
        ],
    );
    fill(
        t,
        "three_public.total",
        &[
            "three_public.outbound",
            "three_public.vehicle",
            "three_public.reception",
        ],
    );
}

fn table(d: &Disclosure, kind: TableKind) -> Option<&Table> {
    d.tables
        .iter()
        .find(|t| t.kind == kind && t.unreadable.is_none())
}

fn total_row(t: &Table) -> Option<&Row> {
    t.rows.iter().find(|r| r.is_total)
}

fn total_of(t: Option<&Table>, key: &ColumnKey) -> Decimal {
    t.and_then(total_row)
        .and_then(|r| r.cells.get(key))
        .copied()
        .unwrap_or_default()
}

fn column(key: ColumnKey, side: Option<Side>) -> Column {
    let label = layout::column_header(TableKind::Expenditure, &key, "", false);
    Column { key, label, side }
}

fn blank_table(
    kind: TableKind,
    columns: Vec<Column>,
    unit: Option<MoneyUnit>,
    span: &Span,
) -> Table {
    Table {
        kind,
        title: String::new(),
        unit,
        columns,
        rows: Vec::new(),
        empty: false,
        empty_note: None,
        unreadable: None,
        span: span.clone(),
        end_line: 0,
    }
}

fn spending_columns() -> Vec<Column> {
    [ColumnKey::TOTAL, ColumnKey::BASIC, ColumnKey::PROJECT]
        .into_iter()
        .map(|k| column(k, None))
        .collect()
}

/// The tables the input lacks, derived or (fund tables) printed empty.
fn add_missing_tables(
    d: &mut Disclosure,
    template: Template,
    span: &Span,
) -> Result<(), RenderError> {
    let has = |d: &Disclosure, k: TableKind| d.tables.iter().any(|t| t.kind == k);
    let unit = table(d, TableKind::Expenditure).and_then(|t| t.unit);
    if !has(d, TableKind::Expenditure) {
        return Err(RenderError::Derive(
            "no 支出总表 (expenditure table): give the 项 rows with 基本支出 and 项目支出".into(),
        ));
    }
    for kind in [
        TableKind::GovernmentFundExpenditure,
        TableKind::StateCapitalExpenditure,
    ] {
        if !has(d, kind) {
            let mut t = blank_table(kind, spending_columns(), unit, span);
            t.empty = true;
            d.tables.push(t);
        }
    }
    if !has(d, TableKind::GeneralPublicExpenditure) {
        let t = derive_general_public(d, span)?;
        d.tables.push(t);
    }
    if !has(d, TableKind::Income) {
        let t = derive_income(d, template, span)?;
        d.tables.push(t);
    }
    if !has(d, TableKind::BasicExpenditure) {
        let basic = total_of(
            table(d, TableKind::GeneralPublicExpenditure),
            &ColumnKey::BASIC,
        );
        if !basic.is_zero() {
            return Err(RenderError::Derive(
                "no 基本支出表 (basic expenditure by economic code): give its 款 rows with 人员经费 and 公用经费".into(),
            ));
        }
        let cols = [
            ColumnKey::TOTAL,
            ColumnKey::PERSONNEL,
            ColumnKey::PUBLIC_USE,
        ]
        .into_iter()
        .map(|k| column(k, None))
        .collect();
        let mut t = blank_table(TableKind::BasicExpenditure, cols, unit, span);
        t.empty = true;
        d.tables.push(t);
    }
    if !has(d, TableKind::ThreePublic) {
        return Err(RenderError::Derive(
            "no “三公”经费表: give its figures (因公出国（境）费, 公务用车购置费, 公务用车运行费, 公务接待费; zeros when none)".into(),
        ));
    }
    if !has(d, TableKind::FiscalSummary) {
        let t = derive_fiscal_summary(d, template, span);
        d.tables.push(t);
    }
    if !has(d, TableKind::IncomeExpenseSummary) {
        let t = derive_summary(d, template, span);
        d.tables.push(t);
    }
    let order = layout::table_order(template);
    d.tables.sort_by_key(|t| {
        order
            .iter()
            .position(|k| *k == t.kind)
            .unwrap_or(usize::MAX)
    });
    Ok(())
}

fn fund_tables(d: &Disclosure) -> [(ColumnKey, Option<&Table>); 3] {
    [
        (
            ColumnKey::GENERAL_PUBLIC,
            table(d, TableKind::GeneralPublicExpenditure),
        ),
        (
            ColumnKey::GOVERNMENT_FUND,
            table(d, TableKind::GovernmentFundExpenditure),
        ),
        (
            ColumnKey::STATE_CAPITAL,
            table(d, TableKind::StateCapitalExpenditure),
        ),
    ]
}

fn has_rows(t: Option<&Table>) -> bool {
    t.is_some_and(|t| t.rows.iter().any(|r| !r.cells.is_empty()))
}

/// 一般公共预算财政拨款支出表 = 支出总表, when every yuan is general-public appropriation.
fn derive_general_public(d: &Disclosure, span: &Span) -> Result<Table, RenderError> {
    let exp = table(d, TableKind::Expenditure).expect("checked by the caller");
    let others = has_rows(table(d, TableKind::GovernmentFundExpenditure))
        || has_rows(table(d, TableKind::StateCapitalExpenditure));
    let income_ok = match table(d, TableKind::Income).and_then(total_row) {
        None => true,
        Some(r) => {
            let total = r.cells.get(&ColumnKey::TOTAL).copied().unwrap_or_default();
            let gp = r
                .cells
                .get(&ColumnKey::GENERAL_PUBLIC)
                .or_else(|| r.cells.get(&ColumnKey::FISCAL_APPROPRIATION))
                .copied()
                .unwrap_or_default();
            total == gp
        }
    };
    if others || !income_ok {
        return Err(RenderError::Derive(
            "no 一般公共预算财政拨款支出表: the expenditure is not all general-public appropriation, so give its rows".into(),
        ));
    }
    let mut t = blank_table(
        TableKind::GeneralPublicExpenditure,
        spending_columns(),
        exp.unit,
        span,
    );
    for r in &exp.rows {
        let mut r = r.clone();
        r.cells
            .retain(|k, _| [ColumnKey::TOTAL, ColumnKey::BASIC, ColumnKey::PROJECT].contains(k));
        r.span = span.clone();
        r.cell_spans.clear();
        t.rows.push(r);
    }
    Ok(t)
}

/// 收入总表 from the expenditure table, when appropriations finance all of it.
fn derive_income(d: &Disclosure, template: Template, span: &Span) -> Result<Table, RenderError> {
    let exp = table(d, TableKind::Expenditure).expect("checked by the caller");
    let funds = fund_tables(d);
    let mut t_cols = vec![column(ColumnKey::TOTAL, None)];
    if template == Template::Hebei {
        t_cols.push(column(ColumnKey::SUBTOTAL, None));
    }
    t_cols.push(column(ColumnKey::FISCAL_APPROPRIATION, None));
    let mut t = blank_table(TableKind::Income, t_cols, exp.unit, span);
    for r in &exp.rows {
        let total = r.cells.get(&ColumnKey::TOTAL).copied().unwrap_or_default();
        let fiscal: Decimal = funds
            .iter()
            .filter_map(|(_, ft)| *ft)
            .map(|ft| {
                let row = if r.is_total {
                    total_row(ft)
                } else {
                    ft.rows
                        .iter()
                        .find(|x| x.code == r.code && x.code.is_some())
                };
                row.and_then(|x| x.cells.get(&ColumnKey::TOTAL))
                    .copied()
                    .unwrap_or_default()
            })
            .sum();
        if fiscal != total {
            return Err(RenderError::Derive(format!(
                "no 收入总表: row {} {} spends {total} but appropriations give {fiscal}; give the income rows with their sources",
                r.code.as_deref().unwrap_or(""),
                r.name
            )));
        }
        let mut row = r.clone();
        row.cells.clear();
        row.cell_spans.clear();
        row.span = span.clone();
        if !total.is_zero() || r.cells.contains_key(&ColumnKey::TOTAL) {
            row.cells.insert(ColumnKey::TOTAL, total);
            if template == Template::Hebei {
                row.cells.insert(ColumnKey::SUBTOTAL, total);
            }
            row.cells.insert(ColumnKey::FISCAL_APPROPRIATION, fiscal);
        }
        t.rows.push(row);
    }
    Ok(t)
}

fn summary_row(
    side: Side,
    name: String,
    item: &str,
    is_total: bool,
    cells: BTreeMap<ColumnKey, Decimal>,
    span: &Span,
) -> Row {
    let mut r = new_row(None, name, cells, span);
    r.side = Some(side);
    r.item = Some(item.to_string());
    r.is_total = is_total;
    r
}

fn one(key: &ColumnKey, v: Decimal) -> BTreeMap<ColumnKey, Decimal> {
    let mut m = BTreeMap::new();
    if !v.is_zero() {
        m.insert(key.clone(), v);
    }
    m
}

/// Two sides printed line by line: the i-th income line beside the i-th expenditure line.
fn interleave(income: Vec<Row>, expenditure: Vec<Row>) -> Vec<Row> {
    let mut out = Vec::new();
    let n = income.len().max(expenditure.len());
    let mut i = income.into_iter();
    let mut e = expenditure.into_iter();
    for _ in 0..n {
        out.extend(i.next());
        out.extend(e.next());
    }
    out
}

/// The 类 rows of a classified table: (code, name, cells).
fn class_rows(t: Option<&Table>) -> Vec<&Row> {
    t.map(|t| {
        t.rows
            .iter()
            .filter(|r| !r.is_total && r.code.as_deref().is_some_and(|c| c.len() == 3))
            .collect()
    })
    .unwrap_or_default()
}

/// 收支总表.
fn derive_summary(d: &Disclosure, template: Template, span: &Span) -> Table {
    let income = table(d, TableKind::Income);
    let exp = table(d, TableKind::Expenditure);
    let unit = exp.and_then(|t| t.unit);
    let key = ColumnKey::AMOUNT;
    let inc = |k: ColumnKey| total_of(income, &k);
    let carry = inc(ColumnKey::CARRYOVER);
    let current = if income
        .and_then(total_row)
        .is_some_and(|r| r.cells.contains_key(&ColumnKey::SUBTOTAL))
    {
        inc(ColumnKey::SUBTOTAL)
    } else {
        inc(ColumnKey::TOTAL) - carry
    };
    let i = Side::Income;
    let e = Side::Expenditure;
    let mut left: Vec<Row> = income_lines(d, income, template)
        .into_iter()
        .map(|(name, item, v)| summary_row(i, name, item, false, one(&key, v), span))
        .collect();
    let mut right = Vec::new();
    for (n, r) in class_rows(exp).into_iter().enumerate() {
        let v = r.cells.get(&ColumnKey::TOTAL).copied().unwrap_or_default();
        let name = format!("{}、{}", chinese_ordinal(n + 1), r.name);
        let mut row = new_row(None, name, one(&key, v), span);
        row.side = Some(e);
        right.push(row);
    }
    let spent = total_of(exp, &ColumnKey::TOTAL);
    let n = left.len().max(right.len());
    left.resize_with(n, || Row { ..blank_line(span) });
    right.resize_with(n, || Row { ..blank_line(span) });
    let mut rows: Vec<Row> = interleave(left, right)
        .into_iter()
        .filter(|r| r.side.is_some())
        .collect();
    let mut totals = Vec::new();
    if template == Template::Hebei {
        totals.extend([
            (
                i,
                "本年收入合计",
                "income.current_year_total",
                true,
                Some(current),
            ),
            (
                e,
                "本年支出合计",
                "expenditure.current_year_total",
                true,
                Some(spent),
            ),
            (i, "上年结转结余", "income.carryover", false, Some(carry)),
            (
                e,
                "年终结转结余",
                "expenditure.closing_balance",
                false,
                None,
            ),
        ]);
    }
    totals.extend([
        (
            i,
            "收入总计",
            "income.grand_total",
            true,
            Some(current + carry),
        ),
        (e, "支出总计", "expenditure.grand_total", true, Some(spent)),
    ]);
    for (side, name, item, is_total, v) in totals {
        let cells = v.map(|v| one(&key, v)).unwrap_or_default();
        rows.push(summary_row(side, name.into(), item, is_total, cells, span));
    }
    let columns = vec![column(key.clone(), Some(i)), column(key, Some(e))];
    let mut t = blank_table(TableKind::IncomeExpenseSummary, columns, unit, span);
    t.rows = rows;
    t
}

/// The income lines of the 收支总表 as the template prints them: name, item, amount.
fn income_lines(
    d: &Disclosure,
    income: Option<&Table>,
    template: Template,
) -> Vec<(String, &'static str, Decimal)> {
    let inc = |k: ColumnKey| total_of(income, &k);
    let [gp, fund, sc] = fund_tables(d).map(|(_, t)| total_of(t, &ColumnKey::TOTAL));
    match template {
        Template::Hebei => [
            ("一般公共预算拨款收入", "income.general_public", gp),
            ("政府性基金预算拨款收入", "income.government_fund", fund),
            ("国有资本经营预算拨款收入", "income.state_capital", sc),
            (
                "财政专户管理资金收入",
                "income.fiscal_special_account",
                inc(ColumnKey::FISCAL_SPECIAL_ACCOUNT),
            ),
            (
                "事业收入",
                "income.business",
                inc(ColumnKey::BUSINESS_INCOME),
            ),
            (
                "事业单位经营收入",
                "income.operating",
                inc(ColumnKey::OPERATING_INCOME),
            ),
            (
                "上级补助收入",
                "income.superior_subsidy",
                inc(ColumnKey::SUPERIOR_SUBSIDY),
            ),
            (
                "附属单位上缴收入",
                "income.subordinate_remittance",
                inc(ColumnKey::SUBORDINATE_REMITTANCE),
            ),
            ("其他收入", "income.other", inc(ColumnKey::OTHER_INCOME)),
        ]
        .into_iter()
        .enumerate()
        .map(|(n, (name, item, v))| (format!("{}、{name}", chinese_ordinal(n + 1)), item, v))
        .collect(),
        Template::Shanghai => [
            (
                "一、财政拨款收入",
                "income.fiscal_appropriation",
                gp + fund + sc,
            ),
            ("1.一般公共预算资金", "income.general_public", gp),
            ("2.政府性基金", "income.government_fund", fund),
            ("3.国有资本经营预算", "income.state_capital", sc),
            (
                "二、事业收入",
                "income.business",
                inc(ColumnKey::BUSINESS_INCOME),
            ),
            (
                "三、事业单位经营收入",
                "income.operating",
                inc(ColumnKey::OPERATING_INCOME),
            ),
            ("四、其他收入", "income.other", inc(ColumnKey::OTHER_INCOME)),
        ]
        .into_iter()
        .map(|(name, item, v)| (name.to_string(), item, v))
        .collect(),
    }
}

fn blank_line(span: &Span) -> Row {
    new_row(None, String::new(), BTreeMap::new(), span)
}

/// 财政拨款收支总表.
fn derive_fiscal_summary(d: &Disclosure, template: Template, span: &Span) -> Table {
    let funds = fund_tables(d);
    let unit = table(d, TableKind::Expenditure).and_then(|t| t.unit);
    let amount = ColumnKey::AMOUNT;
    let [gp, fund, sc] = funds.clone().map(|(_, t)| total_of(t, &ColumnKey::TOTAL));
    let i = Side::Income;
    let e = Side::Expenditure;
    let mut left = vec![
        summary_row(
            i,
            "一、一般公共预算拨款".into(),
            "income.general_public",
            false,
            one(&amount, gp),
            span,
        ),
        summary_row(
            i,
            "二、政府性基金预算拨款".into(),
            "income.government_fund",
            false,
            one(&amount, fund),
            span,
        ),
        summary_row(
            i,
            "三、国有资本经营预算拨款".into(),
            "income.state_capital",
            false,
            one(&amount, sc),
            span,
        ),
    ];
    // 类 in code order, across the three tables.
    let mut classes: BTreeMap<String, (String, BTreeMap<ColumnKey, Decimal>)> = BTreeMap::new();
    for (key, t) in &funds {
        for r in class_rows(*t) {
            let v = r.cells.get(&ColumnKey::TOTAL).copied().unwrap_or_default();
            let entry = classes
                .entry(r.code.clone().unwrap_or_default())
                .or_insert_with(|| (r.name.clone(), BTreeMap::new()));
            if !v.is_zero() {
                *entry.1.entry(ColumnKey::TOTAL).or_default() += v;
                entry.1.insert(key.clone(), v);
            }
        }
    }
    let mut right = Vec::new();
    for (n, (_, (name, cells))) in classes.into_iter().enumerate() {
        let mut row = new_row(
            None,
            format!("{}、{name}", chinese_ordinal(n + 1)),
            cells,
            span,
        );
        row.side = Some(e);
        right.push(row);
    }
    let mut totals = BTreeMap::new();
    for (key, v) in [
        (ColumnKey::GENERAL_PUBLIC, gp),
        (ColumnKey::GOVERNMENT_FUND, fund),
        (ColumnKey::STATE_CAPITAL, sc),
    ] {
        if !v.is_zero() {
            totals.insert(key, v);
        }
    }
    if !(gp + fund + sc).is_zero() {
        totals.insert(ColumnKey::TOTAL, gp + fund + sc);
    }
    let n = left.len().max(right.len());
    left.resize_with(n, || blank_line(span));
    right.resize_with(n, || blank_line(span));
    let mut rows: Vec<Row> = interleave(left, right)
        .into_iter()
        .filter(|r| r.side.is_some())
        .collect();
    if template == Template::Hebei {
        rows.push(summary_row(
            i,
            "本年收入合计".into(),
            "income.current_year_total",
            true,
            one(&amount, gp + fund + sc),
            span,
        ));
        rows.push(summary_row(
            e,
            "本年支出合计".into(),
            "expenditure.current_year_total",
            true,
            totals.clone(),
            span,
        ));
    }
    rows.push(summary_row(
        i,
        "收入总计".into(),
        "income.grand_total",
        true,
        one(&amount, gp + fund + sc),
        span,
    ));
    rows.push(summary_row(
        e,
        "支出总计".into(),
        "expenditure.grand_total",
        true,
        totals,
        span,
    ));
    let mut columns = vec![column(amount, Some(i))];
    for k in [
        ColumnKey::TOTAL,
        ColumnKey::GENERAL_PUBLIC,
        ColumnKey::GOVERNMENT_FUND,
        ColumnKey::STATE_CAPITAL,
    ] {
        columns.push(column(k, Some(e)));
    }
    let mut t = blank_table(TableKind::FiscalSummary, columns, unit, span);
    t.rows = rows;
    t
}
