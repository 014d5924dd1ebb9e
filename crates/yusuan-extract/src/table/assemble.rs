//! Placing amounts into columns with the table's arithmetic, and building the rows.

use super::*;
use yusuan_model::vocabulary::{ItemGroup, APPROPRIATION_SOURCES};
use yusuan_model::ItemKey;

/// In a 财政拨款收支总表, a fund whose income line is blank is blank in the expenditure totals.
pub(super) fn blank_funds_of_income_side(pending: &[Pending]) -> Vec<ColumnKey> {
    let mut out = Vec::new();
    for source in APPROPRIATION_SOURCES {
        let first = pending.iter().find(|p| {
            p.side == Some(Side::Income)
                && item_of(TableKind::FiscalSummary, p.side, &p.name).as_ref() == Some(&source.item)
        });
        if first.is_some_and(|p| p.values.iter().all(|(v, _)| v.is_zero())) {
            out.push(source.column.clone());
        }
    }
    out
}

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
    let mut placements: Vec<Option<(Vec<usize>, Vec<usize>)>> = pending
        .iter()
        .map(|p| p.placed.clone().map(|v| (v, Vec::new())))
        .collect();
    let sides: Vec<Option<Side>> = if kind.is_two_sided() {
        vec![Some(Side::Income), Some(Side::Expenditure)]
    } else {
        vec![None]
    };
    for side in sides {
        let cols: Vec<usize> = (0..slots.len())
            .filter(|&i| slots[i].side == side)
            .collect();
        let members: Vec<usize> = (0..pending.len())
            .filter(|&r| pending[r].placed.is_none() && pending[r].side == side)
            .collect();
        if members.is_empty() || cols.is_empty() {
            continue;
        }
        let children = hierarchy(&members.iter().map(|&r| &pending[r]).collect::<Vec<_>>());
        // The orders the columns may be printed in; for a two-sided table, or a header whose
        // order is known, just the one.
        let candidates: Vec<Vec<usize>> = if side.is_none() && orders.len() > 1 {
            orders.to_vec()
        } else {
            vec![cols.clone()]
        };
        type Results = Vec<Result<placement::Placement, placement::PlacementError>>;
        let mut consistent: Vec<Results> = Vec::new();
        let mut consistent_cols: Vec<Vec<usize>> = Vec::new();
        // An order is kept when the table's arithmetic holds under it — exactly, or else with a
        // single error (a rounding difference) — and it puts no amount where another table
        // prints none.
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
            let (identities, inputs) =
                placement_inputs(&candidates[0], slots, &members, &pending, &children, hints);
            consistent.push(placement::place(candidates[0].len(), &identities, &inputs));
            consistent_cols.push(candidates[0].clone());
        } else {
            for exact in [true, false] {
                for order in &candidates {
                    let (identities, inputs) =
                        placement_inputs(order, slots, &members, &pending, &children, hints);
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
                    break;
                }
            }
        }
        if std::env::var_os("YUSUAN_DEBUG").is_some() {
            eprintln!(
                "{kind}: {} column orders, {} consistent, hints {:?}",
                candidates.len(),
                consistent.len(),
                hints.total_row_blank
            );
        }
        if consistent.is_empty() {
            // No order makes the arithmetic hold: the canonical guess, and everything whose
            // order could matter is uncertain.
            let order = &candidates[0];
            let (identities, inputs) =
                placement_inputs(order, slots, &members, &pending, &children, hints);
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
        }
        for (mi, &r) in members.iter().enumerate() {
            let mut merged: Option<SlotPlacement> = None;
            let mut failed = None;
            for (results, order) in consistent.iter().zip(&consistent_cols) {
                match &results[mi] {
                    Ok(p) => {
                        let placed: Vec<usize> = p.columns.iter().map(|&c| order[c]).collect();
                        let cells: BTreeMap<usize, Decimal> = placed
                            .iter()
                            .copied()
                            .zip(pending[r].values.iter().map(|(v, _)| *v))
                            .collect();
                        let unsure: Vec<usize> = p.uncertain.iter().map(|&c| order[c]).collect();
                        merged = Some(match merged {
                            None => (cells, placed, unsure),
                            Some((first, first_placed, mut acc)) => {
                                for &slot in &cols {
                                    let differs = first.get(&slot) != cells.get(&slot)
                                        || unsure.contains(&slot);
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
            match (merged, failed) {
                (Some((_, placed, unsure)), None) => placements[r] = Some((placed, unsure)),
                (_, Some(e)) => {
                    notes.push(ExtractionNote {
                        message: format!("row `{}`: {e}", pending[r].name),
                        span: Span::line(path, pending[r].page, pending[r].line),
                    });
                    placements[r] = None;
                }
                (None, None) => placements[r] = None,
            }
        }
    }
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

/// What a summary or 三公 line stands for, from its name: the vocabulary's item aliases of the
/// table's group, in order (`yusuan_model::vocabulary::ITEMS`).
pub(super) fn item_of(kind: TableKind, side: Option<Side>, name: &str) -> Option<ItemKey> {
    let group = match (kind, side) {
        (TableKind::ThreePublic, _) => ItemGroup::ThreePublic,
        (_, Some(Side::Income)) => ItemGroup::Income,
        (_, Some(Side::Expenditure)) => ItemGroup::Expenditure,
        _ => return None,
    };
    ItemKey::recognise(group, &squeeze(name))
}
