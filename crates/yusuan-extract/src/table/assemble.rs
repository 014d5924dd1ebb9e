//! Placing amounts into columns with the table's arithmetic, and building the rows.

use super::*;

/// In a 财政拨款收支总表, a fund whose income line is blank is blank in the expenditure totals.
pub(super) fn blank_funds_of_income_side(pending: &[Pending]) -> Vec<ColumnKey> {
    let mut out = Vec::new();
    for (item, key) in [
        ("income.general_public", ColumnKey::GENERAL_PUBLIC),
        ("income.government_fund", ColumnKey::GOVERNMENT_FUND),
        ("income.state_capital", ColumnKey::STATE_CAPITAL),
    ] {
        let first = pending.iter().find(|p| {
            p.side == Some(Side::Income)
                && item_of(TableKind::FiscalSummary, p.side, &p.name).as_deref() == Some(item)
        });
        if first.is_some_and(|p| p.values.iter().all(|(v, _)| v.is_zero())) {
            out.push(key);
        }
    }
    out
}

/// The placements of a side's rows under one column order.
type Results = Vec<Result<placement::Placement, placement::PlacementError>>;

/// A row's columns and uncertain columns, `None` when its amounts could not be placed.
type RowPlacement = Option<(Vec<usize>, Vec<usize>)>;

/// The rows of a table: amounts placed into columns (per side, with the table's arithmetic),
/// then each row built with its cells, spans and item.
pub(super) fn place_and_build(
    pending: Vec<Pending>,
    slots: &[ColumnSlot],
    orders: &[Vec<usize>],
    kind: TableKind,
    path: &str,
    hints: &Hints,
    notes: &mut Vec<ExtractionNote>,
) -> Vec<Row> {
    // Spaced rows are placed per side with the table's arithmetic.
    let mut placements: Vec<RowPlacement> = pending
        .iter()
        .map(|p| p.placed.clone().map(|v| (v, Vec::new())))
        .collect();
    let sides: Vec<Option<Side>> = if kind.is_two_sided() {
        vec![Some(Side::Income), Some(Side::Expenditure)]
    } else {
        vec![None]
    };
    for side in sides {
        let side = SideProblem {
            side,
            slots,
            pending: &pending,
            hints,
        };
        side.place(orders, kind, path, notes, &mut placements);
    }
    build_rows(pending, placements, slots, kind, path)
}

/// The amounts of one side of a table to place.
struct SideProblem<'a> {
    side: Option<Side>,
    slots: &'a [ColumnSlot],
    pending: &'a [Pending],
    hints: &'a Hints,
}

impl SideProblem<'_> {
    fn place(
        &self,
        orders: &[Vec<usize>],
        kind: TableKind,
        path: &str,
        notes: &mut Vec<ExtractionNote>,
        placements: &mut [RowPlacement],
    ) {
        let (side, slots, pending) = (self.side, self.slots, self.pending);
        let cols: Vec<usize> = (0..slots.len())
            .filter(|&i| slots[i].side == side)
            .collect();
        let members: Vec<usize> = (0..pending.len())
            .filter(|&r| pending[r].placed.is_none() && pending[r].side == side)
            .collect();
        if members.is_empty() || cols.is_empty() {
            return;
        }
        let children = hierarchy(&members.iter().map(|&r| &pending[r]).collect::<Vec<_>>());
        // The orders the columns may be printed in; for a two-sided table, or a header whose
        // order is known, just the one.
        let candidates: Vec<Vec<usize>> = if side.is_none() && orders.len() > 1 {
            orders.to_vec()
        } else {
            vec![cols.clone()]
        };
        let inputs = |order: &[usize]| {
            placement_inputs(order, slots, &members, pending, &children, self.hints)
        };
        let (consistent, consistent_cols) = consistent_orders(&candidates, &inputs);
        if std::env::var_os("YUSUAN_DEBUG").is_some() {
            eprintln!(
                "{kind}: {} column orders, {} consistent, hints {:?}",
                candidates.len(),
                consistent.len(),
                self.hints.total_row_blank
            );
        }
        for (mi, &r) in members.iter().enumerate() {
            let (merged, failed) =
                merge_orders(mi, &pending[r], &cols, &consistent, &consistent_cols);
            placements[r] = match (merged, failed) {
                (Some((_, placed, unsure)), None) => Some((placed, unsure)),
                (_, Some(e)) => {
                    notes.push(ExtractionNote {
                        message: format!("row `{}`: {e}", pending[r].name),
                        span: Span::line(path, pending[r].page, pending[r].line),
                    });
                    None
                }
                (None, None) => None,
            };
        }
    }
}

/// The column orders under which the table's arithmetic holds — exactly, or else with a single
/// error (a rounding difference) — and which put no amount where another table prints none,
/// with their placements. When none does, the first order with everything whose order could
/// matter uncertain.
fn consistent_orders(
    candidates: &[Vec<usize>],
    inputs: &dyn Fn(&[usize]) -> (Vec<placement::RowIdentity>, Vec<placement::RowInput>),
) -> (Vec<Results>, Vec<Vec<usize>>) {
    let mut consistent: Vec<Results> = Vec::new();
    let mut consistent_cols: Vec<Vec<usize>> = Vec::new();
    let breaks_hint = |results: &Results, inputs: &[placement::RowInput]| {
        results.iter().zip(inputs).any(|(r, input)| {
            r.as_ref().is_ok_and(|p| {
                input.blank.iter().any(|&c| {
                    p.cells
                        .get(c)
                        .copied()
                        .flatten()
                        .is_some_and(|v| !v.is_zero())
                })
            })
        })
    };
    let contradicts = |results: &Results| {
        results
            .iter()
            .any(|r| r.as_ref().is_ok_and(|p| p.contradiction))
    };
    if candidates.len() == 1 {
        let (identities, inputs) = inputs(&candidates[0]);
        consistent.push(placement::place(candidates[0].len(), &identities, &inputs));
        consistent_cols.push(candidates[0].clone());
        return (consistent, consistent_cols);
    }
    for exact in [true, false] {
        for order in candidates {
            let (identities, inputs) = inputs(order);
            let results = if exact {
                placement::place_once(order.len(), &identities, &inputs)
            } else {
                placement::place(order.len(), &identities, &inputs)
            };
            if contradicts(&results) || breaks_hint(&results, &inputs) {
                continue;
            }
            consistent.push(if exact {
                placement::place(order.len(), &identities, &inputs)
            } else {
                results
            });
            consistent_cols.push(order.clone());
        }
        if !consistent.is_empty() {
            return (consistent, consistent_cols);
        }
    }
    // No order makes the arithmetic hold: the canonical guess, and everything whose order could
    // matter is uncertain.
    let order = &candidates[0];
    let (identities, inputs) = inputs(order);
    let mut results = placement::place(order.len(), &identities, &inputs);
    for p in results.iter_mut().flatten() {
        for c in 0..order.len() {
            if candidates.len() > 1 && !p.uncertain.contains(&c) && p.cells[c].is_some() {
                p.uncertain.push(c);
            }
        }
    }
    consistent.push(results);
    consistent_cols.push(order.clone());
    (consistent, consistent_cols)
}

/// One row's placement merged over the kept orders: the first order's cells, a column uncertain
/// wherever the orders disagree; or the error of an order that could not place it.
fn merge_orders(
    mi: usize,
    row: &Pending,
    cols: &[usize],
    consistent: &[Results],
    consistent_cols: &[Vec<usize>],
) -> (Option<SlotPlacement>, Option<String>) {
    let mut merged: Option<SlotPlacement> = None;
    let mut failed = None;
    for (results, order) in consistent.iter().zip(consistent_cols) {
        match &results[mi] {
            Ok(p) => {
                let placed: Vec<usize> = p.columns.iter().map(|&c| order[c]).collect();
                let cells: BTreeMap<usize, Decimal> = placed
                    .iter()
                    .copied()
                    .zip(row.values.iter().map(|(v, _)| *v))
                    .collect();
                let unsure: Vec<usize> = p.uncertain.iter().map(|&c| order[c]).collect();
                merged = Some(match merged {
                    None => (cells, placed, unsure),
                    Some((first, first_placed, mut acc)) => {
                        for &slot in cols {
                            let differs =
                                first.get(&slot) != cells.get(&slot) || unsure.contains(&slot);
                            if differs && !acc.contains(&slot) {
                                acc.push(slot);
                            }
                        }
                        (first, first_placed, acc)
                    }
                });
            }
            Err(e) => failed = Some(e.to_string()),
        }
    }
    (merged, failed)
}

/// The rows with their placed cells, cell spans, uncertain columns and items.
fn build_rows(
    pending: Vec<Pending>,
    placements: Vec<RowPlacement>,
    slots: &[ColumnSlot],
    kind: TableKind,
    path: &str,
) -> Vec<Row> {
    let mut rows = Vec::new();
    for (p, placement) in pending.into_iter().zip(placements) {
        let mut cells = BTreeMap::new();
        let mut cell_spans = BTreeMap::new();
        let mut uncertain = Vec::new();
        if let Some((cols, unsure)) = placement {
            for ((value, cell), col) in p.values.iter().zip(cols) {
                let key = slots[col].key.clone();
                cells.insert(key.clone(), *value);
                cell_spans.insert(key, cell_span(path, cell));
            }
            for c in unsure {
                let key = slots[c].key.clone();
                if !uncertain.contains(&key) {
                    uncertain.push(key);
                }
            }
        }
        let is_total = is_total_name(&p.name);
        let item = item_of(kind, p.side, &p.name);
        rows.push(Row {
            seq: p.seq,
            code: p.code,
            name: p.name,
            item,
            side: p.side,
            is_total,
            cells,
            uncertain,
            cell_spans,
            span: Span::line(path, p.page, p.line),
        });
    }
    rows
}

/// The placement problem of one side of a table for one column order (`order`: slot indices in
/// printed order).
pub(super) fn placement_inputs(
    order: &[usize],
    slots: &[ColumnSlot],
    members: &[usize],
    pending: &[Pending],
    children: &[Vec<usize>],
    hints: &Hints,
) -> (Vec<placement::RowIdentity>, Vec<placement::RowInput>) {
    let keys: Vec<ColumnKey> = order.iter().map(|&c| slots[c].key.clone()).collect();
    let identities = header::row_identities(&keys)
        .into_iter()
        .map(|(t, parts)| placement::RowIdentity {
            total: keys.iter().position(|k| *k == t).unwrap_or(0),
            parts: parts
                .iter()
                .filter_map(|p| keys.iter().position(|k| k == p))
                .collect(),
        })
        .collect();
    let inputs = members
        .iter()
        .enumerate()
        .map(|(mi, &r)| {
            let blank = if is_total_name(&pending[r].name) {
                hints
                    .total_row_blank
                    .iter()
                    .filter_map(|k| keys.iter().position(|x| x == k))
                    .collect()
            } else {
                Vec::new()
            };
            placement::RowInput {
                values: pending[r].values.iter().map(|(v, _)| *v).collect(),
                children: children[mi].clone(),
                blank,
            }
        })
        .collect();
    (identities, inputs)
}

/// For each row, the rows whose sum it must equal: a code's direct children (`201` → `20103` →
/// `2010301`) printed after it inside its block, and for a total row the top-level codes.
pub(super) fn hierarchy(rows: &[&Pending]) -> Vec<Vec<usize>> {
    let mut children = vec![Vec::new(); rows.len()];
    // Tables list a 类, then its 款 and their 项, in order: a code's children are the rows of the
    // next level that follow it inside its block. One pass with a stack of open parents.
    let mut open: Vec<(&str, usize)> = Vec::new();
    for (j, c) in rows.iter().enumerate() {
        let Some(code) = c.code.as_deref() else {
            continue;
        };
        while open
            .last()
            .is_some_and(|(p, _)| !(code.len() > p.len() && code.starts_with(p)))
        {
            open.pop();
        }
        if let Some(&(p, i)) = open.last() {
            if p.len() + 2 == code.len() {
                children[i].push(j);
            }
        }
        open.push((code, j));
    }
    let top: Vec<usize> = rows
        .iter()
        .enumerate()
        .filter(|(_, c)| c.code.as_ref().is_some_and(|c| c.len() == 3))
        .map(|(j, _)| j)
        .collect();
    for (i, r) in rows.iter().enumerate() {
        if r.code.is_some() {
            // Filled above.
        } else if r.side.is_some() && is_total_name(&r.name) {
            // A summary side: the enumerated categories sum to 本年…合计 (or to 总计 when the
            // table prints no 本年 line).
            let current = rows
                .iter()
                .any(|c| c.side == r.side && squeeze(&c.name).starts_with("本年"));
            if !current || squeeze(&r.name).starts_with("本年") {
                children[i] = rows
                    .iter()
                    .enumerate()
                    .take_while(|(_, c)| !is_total_name(&c.name))
                    .filter(|(_, c)| {
                        c.side == r.side
                            && starts_with_enumeration(&squeeze(&c.name))
                            && !squeeze(&c.name).starts_with("其中")
                    })
                    .map(|(j, _)| j)
                    .collect();
            }
        } else if is_total_name(&r.name) {
            children[i] = top.clone();
        }
    }
    children
}

/// What a summary or 三公 line stands for, from its name.
pub(super) fn item_of(kind: TableKind, side: Option<Side>, name: &str) -> Option<String> {
    let t = squeeze(name);
    let item = match (kind, side) {
        (TableKind::ThreePublic, _) => {
            if t.contains("因公出国") {
                "three_public.outbound"
            } else if t.contains("购置费") && !t.contains("运行") {
                "three_public.vehicle_purchase"
            } else if t.contains("公务用车") && (t.contains("购置及") || t.contains("购置和"))
            {
                "three_public.vehicle"
            } else if t.contains("运行") && (t.contains("维护费") || t.contains("运行费")) {
                "three_public.vehicle_operation"
            } else if t.contains("接待") {
                "three_public.reception"
            } else if t.contains("机关运行经费") {
                "three_public.operation_cost"
            } else if t.contains("合计") || t.contains("总计") {
                "three_public.total"
            } else {
                return None;
            }
        }
        (_, Some(Side::Income)) => {
            if t.contains("本年收入合计") || t == "本年收入" || t == "收入合计" {
                "income.current_year_total"
            } else if t.contains("收入总计") || t == "总计" {
                "income.grand_total"
            } else if (t.contains("上年") || t.contains("年初")) && t.contains("结转") {
                // 上年结转结余, 年初结转和结余, 年初财政拨款结转和结余.
                "income.carryover"
            } else if t.contains("使用非财政拨款结余") {
                "income.use_of_balance"
            } else if t.contains("一般公共预算") {
                "income.general_public"
            } else if t.contains("政府性基金") {
                "income.government_fund"
            } else if t.contains("国有资本经营") {
                "income.state_capital"
            } else if t.contains("财政拨款") {
                "income.fiscal_appropriation"
            } else if t.contains("财政专户") {
                "income.fiscal_special_account"
            } else if t.contains("经营收入") {
                "income.operating"
            } else if t.contains("事业收入") {
                "income.business"
            } else if t.contains("上级补助") {
                "income.superior_subsidy"
            } else if t.contains("附属单位上缴") {
                "income.subordinate_remittance"
            } else if t.contains("其他收入") {
                "income.other"
            } else if t.contains("单位资金") {
                "income.unit_funds"
            } else {
                return None;
            }
        }
        (_, Some(Side::Expenditure)) => {
            if t.contains("本年支出合计") || t == "支出合计" {
                "expenditure.current_year_total"
            } else if t.contains("支出总计") || t == "总计" {
                "expenditure.grand_total"
            } else if (t.contains("年终") || t.contains("年末")) && t.contains("结转") {
                "expenditure.closing_balance"
            } else if t.contains("结余分配") {
                "expenditure.balance_distribution"
            } else {
                return None;
            }
        }
        _ => return None,
    };
    Some(item.to_string())
}
