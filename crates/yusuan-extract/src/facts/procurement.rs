//! Procurement tables (部门政府采购预算): one line per purchase with its project, catalogue code,
//! quantity, unit price and amount by fund source; 合计 and per-unit 小计 lines.
//!
//! The header is two rows with merged cells. The lower row is taken position by position; its
//! blank positions are filled from the upper row, by position when the upper row keeps its blank
//! cells (tab rows) or in order when it does not (cell per line, where merged cells vanish).
//! Amount columns are then checked against the line's arithmetic (合计 = Σ fund sources): a value
//! that breaks it, or a line whose 合计 column is blank while fund-source columns hold values,
//! is marked uncertain rather than trusted to its header.

use std::collections::BTreeMap;

use rust_decimal::Decimal;
use yusuan_model::{ExtractionNote, MoneyUnit, ProcurementRow, ProcurementTable};
use yusuan_read::Line;

use super::grid::{self, cell, cell_span, squeeze, unit_in};
use crate::amount::parse_amount;
use crate::layout::RawRow;

#[derive(Debug, Clone, Copy, PartialEq, Eq)]
enum Role {
    Project,
    Budget,
    Item,
    Code,
    MeasureUnit,
    Quantity,
    UnitPrice,
    Total,
    Source(&'static str),
    Sme,
    /// A group caption over several columns (政府采购金额, 政府采购项目来源).
    Caption,
}

fn role(label: &str) -> Option<Role> {
    let t = squeeze(label);
    if t.is_empty() {
        return None;
    }
    let r = if t.contains("中小") || t.contains("小微") {
        Role::Sme
    } else if t.contains("非财政拨款结转") {
        Role::Source("non_fiscal_carryover")
    } else if t.contains("财政拨款结转") {
        Role::Source("fiscal_carryover")
    } else if t.contains("一般公共预算") {
        Role::Source("general_public")
    } else if t.contains("基金") {
        Role::Source("government_fund")
    } else if t.contains("国有资本") {
        Role::Source("state_capital")
    } else if t.contains("财政专户") {
        Role::Source("fiscal_special_account")
    } else if t.contains("单位资金") {
        Role::Source("unit_funds")
    } else if t.contains("采购金额") || t.contains("项目来源") {
        Role::Caption
    } else if t.contains("项目名称") || t == "项目" {
        Role::Project
    } else if t.contains("预算资金") || t.contains("预算金额") {
        Role::Budget
    } else if t.contains("品名") || t.contains("物品名称") || t.contains("品目名称") {
        Role::Item
    } else if t.contains("序号") || t.contains("编码") || t.contains("品目") {
        Role::Code
    } else if t.contains("计量单位") || t == "单位" {
        Role::MeasureUnit
    } else if t.contains("数量") {
        Role::Quantity
    } else if t.contains("单价") {
        Role::UnitPrice
    } else if t.contains("合计") {
        Role::Total
    } else {
        return None;
    };
    Some(r)
}

/// True for a title line of a procurement table (`部门政府采购预算`, `政府采购预算表`).
fn is_title(text: &str) -> bool {
    let t = squeeze(text.trim_start_matches('\t'));
    t.contains("政府采购")
        && (t.contains("预算") || t.contains("明细"))
        && t.chars().count() <= 30
        && !t.contains('。')
        && !t.ends_with("情况")
        && !t.ends_with("说明")
        && !t.contains('、')
        && !t.contains('）')
}

fn is_header_row(row: &RawRow) -> bool {
    let roles = row
        .cells
        .iter()
        .filter(|c| role(&c.text).is_some_and(|r| r != Role::Project || c.text.contains("名称")))
        .count();
    let amounts = row
        .cells
        .iter()
        .filter(|c| parse_amount(&c.text).is_some_and(|a| !a.dash))
        .count();
    roles >= 2 && amounts == 0
}

/// The procurement tables of a document, with the line ranges they occupy.
pub(super) fn find(
    path: &str,
    lines: &[Line],
    notes: &mut Vec<ExtractionNote>,
) -> Vec<(ProcurementTable, (u32, u32))> {
    // A title is a line of its own, not a cell of a tab row.
    let is_title_line = |l: &Line| {
        let cells = l.text.split('\t').filter(|c| !c.trim().is_empty()).count();
        !(l.text.contains('\t') && cells > 1) && is_title(&l.text)
    };
    grid::find_titled(
        lines,
        is_title_line,
        &["品名", "采购物品", "目录序号"],
        14,
        |title, region| {
            parse(path, title, region, notes).map(|t| {
                let last = t.end_line;
                (t, last)
            })
        },
    )
}

fn parse(
    path: &str,
    title: &Line,
    region: &[Line],
    notes: &mut Vec<ExtractionNote>,
) -> Option<ProcurementTable> {
    let (rows, meta, _) = grid::rows(region);
    let mut unit: Option<MoneyUnit> = meta.iter().find_map(|l| unit_in(&l.text));
    let mut default_unit: Option<String> = None;
    for l in &meta {
        if let Some(u) = budget_unit_line(&l.text) {
            default_unit = Some(u);
        }
    }
    let header_at = rows.iter().position(is_header_row)?;
    let mut headers: Vec<&RawRow> = Vec::new();
    for r in &rows[header_at..] {
        if is_header_row(r) {
            headers.push(r);
        } else {
            break;
        }
    }
    for r in &rows[..header_at] {
        for c in &r.cells {
            if unit.is_none() {
                unit = unit_in(&c.text);
            }
            if let Some(u) = budget_unit_line(&c.text) {
                default_unit = Some(u);
            }
        }
    }
    let (roles, sme_positions) = column_roles(&headers);
    let mut out_rows = Vec::new();
    let mut uncertain_count = 0;
    let mut current_unit = default_unit.clone();
    for r in &rows[header_at + headers.len()..] {
        if is_header_row(r) || r.cells.iter().all(|c| c.text.trim().is_empty()) {
            continue;
        }
        if r.cells.iter().any(|c| unit_in(&c.text).is_some()) {
            continue;
        }
        let Some(row) = read_row(path, r, &roles, &sme_positions, &mut current_unit, notes) else {
            continue;
        };
        uncertain_count += row.uncertain.len();
        out_rows.push(row);
    }
    let end_line = rows
        .iter()
        .flat_map(|r| r.cells.iter())
        .map(|c| c.line)
        .max()
        .unwrap_or(title.number);
    if uncertain_count > 0 {
        notes.push(ExtractionNote {
            message: format!(
                "procurement table 《{}》: {uncertain_count} value(s) whose column the merged header \
                 leaves ambiguous (the line's 合计 blank or not the sum of its fund sources) are \
                 marked uncertain",
                squeeze(&title.text)
            ),
            span: grid::line_span(path, title),
        });
    }
    Some(ProcurementTable {
        title: squeeze(&title.text),
        unit,
        rows: out_rows,
        span: grid::line_span(path, title),
        end_line,
    })
}

/// `502 邯郸市住房保障和房产管理局`, `333曲阳县住房和城乡建设局本级`: a unit named under the title.
fn budget_unit_line(text: &str) -> Option<String> {
    let t = squeeze(text);
    let digits = t.chars().take_while(|c| c.is_ascii_digit()).count();
    if digits == 0 || digits > 6 {
        return None;
    }
    let name: String = t.chars().skip(digits).collect();
    let ok = name.chars().count() >= 4
        && name.chars().all(|c| !c.is_ascii_digit())
        && [
            "局", "委", "办", "中心", "院", "所", "本级", "部", "站", "队", "处", "室", "会",
        ]
        .iter()
        .any(|w| name.ends_with(w));
    ok.then_some(name)
}

/// The role of each column position, and the positions an upper header row names 预留中小微企业份额.
fn column_roles(headers: &[&RawRow]) -> (Vec<Option<Role>>, Vec<usize>) {
    let Some(base) = headers.last() else {
        return (Vec::new(), Vec::new());
    };
    let mut labels: Vec<String> = base.cells.iter().map(|c| squeeze(&c.text)).collect();
    let mut sme = Vec::new();
    for up in headers[..headers.len() - 1].iter().rev() {
        if up.cells.len() + 1 >= base.cells.len() {
            for (i, c) in up.cells.iter().enumerate() {
                let t = squeeze(&c.text);
                if t.is_empty() {
                    continue;
                }
                if role(&t) == Some(Role::Sme) {
                    sme.push(i);
                }
                if i < labels.len() && labels[i].is_empty() {
                    labels[i] = t;
                }
            }
        } else {
            let leaves: Vec<String> = up
                .cells
                .iter()
                .map(|c| squeeze(&c.text))
                .filter(|t| {
                    matches!(
                        role(t),
                        Some(
                            Role::Item
                                | Role::Code
                                | Role::MeasureUnit
                                | Role::Quantity
                                | Role::UnitPrice
                                | Role::Sme
                        )
                    )
                })
                .collect();
            let blanks: Vec<usize> = (0..labels.len())
                .filter(|i| labels[*i].is_empty())
                .collect();
            for (i, t) in blanks.into_iter().zip(leaves) {
                labels[i] = t;
            }
        }
    }
    let roles: Vec<Option<Role>> = labels.iter().map(|l| role(l)).collect();
    for (i, r) in roles.iter().enumerate() {
        if *r == Some(Role::Sme) && !sme.contains(&i) {
            sme.push(i);
        }
    }
    (roles, sme)
}

fn read_row(
    path: &str,
    r: &RawRow,
    roles: &[Option<Role>],
    sme_positions: &[usize],
    current_unit: &mut Option<String>,
    notes: &mut Vec<ExtractionNote>,
) -> Option<ProcurementRow> {
    let first = r.cells.iter().find(|c| !c.text.trim().is_empty())?;
    let name_pos = roles
        .iter()
        .position(|x| *x == Some(Role::Project))
        .unwrap_or(0);
    let name = squeeze(cell(r, name_pos));
    let is_subtotal = name.ends_with("小计");
    let is_total = name == "合计" || name == "总计" || is_subtotal;
    if is_subtotal {
        *current_unit = Some(name.trim_end_matches("小计").to_string());
    }
    let mut row = ProcurementRow {
        budget_unit: if is_subtotal || !is_total {
            current_unit.clone()
        } else {
            None
        },
        project: (!name.is_empty()).then(|| name.clone()),
        project_budget: None,
        item: None,
        catalog_code: None,
        measure_unit: None,
        quantity: None,
        unit_price: None,
        total: None,
        by_source: BTreeMap::new(),
        is_total,
        reserved_sme: None,
        uncertain: Vec::new(),
        spans: BTreeMap::new(),
        span: cell_span(path, first),
    };
    let mut source_pos: BTreeMap<&'static str, usize> = BTreeMap::new();
    for (i, c) in r.cells.iter().enumerate() {
        let text = c.text.trim();
        if text.is_empty() || i == name_pos {
            continue;
        }
        let amount = parse_amount(text).map(|a| a.value);
        let role = roles.get(i).copied().flatten();
        let field: &str = match role {
            Some(Role::Budget) => {
                row.project_budget = amount;
                "project_budget"
            }
            Some(Role::Item) => {
                row.item = Some(squeeze(text));
                "item"
            }
            Some(Role::Code) => {
                row.catalog_code = Some(
                    squeeze(text)
                        .trim_matches(['[', ']', '【', '】'])
                        .to_string(),
                );
                "catalog_code"
            }
            Some(Role::MeasureUnit) => {
                row.measure_unit = Some(squeeze(text));
                "measure_unit"
            }
            Some(Role::Quantity) => {
                row.quantity = amount;
                "quantity"
            }
            Some(Role::UnitPrice) => {
                row.unit_price = amount;
                "unit_price"
            }
            Some(Role::Total) => {
                row.total = amount;
                "total"
            }
            Some(Role::Sme) => {
                row.reserved_sme = amount;
                "reserved_sme"
            }
            Some(Role::Source(k)) => {
                if let Some(v) = amount {
                    row.by_source.insert(k.to_string(), v);
                    source_pos.insert(k, i);
                }
                ""
            }
            _ => {
                notes.push(ExtractionNote {
                    message: format!(
                        "procurement line: `{text}` in column {} has no header",
                        i + 1
                    ),
                    span: cell_span(path, c),
                });
                continue;
            }
        };
        let key = if field.is_empty() {
            match role {
                Some(Role::Source(k)) => format!("by_source.{k}"),
                _ => continue,
            }
        } else {
            field.to_string()
        };
        let expects_amount = matches!(
            role,
            Some(
                Role::Budget
                    | Role::Quantity
                    | Role::UnitPrice
                    | Role::Total
                    | Role::Sme
                    | Role::Source(_)
            )
        );
        if expects_amount && amount.is_none() {
            notes.push(ExtractionNote {
                message: format!("procurement line: `{text}` is not an amount"),
                span: cell_span(path, c),
            });
            continue;
        }
        row.spans.insert(key, cell_span(path, c));
    }
    if row.is_total {
        for f in ["quantity", "unit_price"] {
            if row.spans.contains_key(f) {
                row.uncertain.push(f.to_string());
            }
        }
    }
    check_sources(&mut row, &source_pos, sme_positions);
    Some(row)
}

/// 合计 = Σ fund sources, or the fund-source columns are not to be trusted.
fn check_sources(
    row: &mut ProcurementRow,
    source_pos: &BTreeMap<&'static str, usize>,
    sme_positions: &[usize],
) {
    if row.by_source.is_empty() {
        return;
    }
    let sum: Decimal = row.by_source.values().copied().sum();
    match row.total {
        Some(t) if t == sum => {}
        Some(t) => {
            // One value too many: the column next to the 中小微 caption holds the reserved share.
            let near_sme = |k: &str| {
                let pos = source_pos.get(k).copied().unwrap_or(usize::MAX);
                sme_positions.iter().any(|p| p.abs_diff(pos) <= 1)
            };
            let odd = row
                .by_source
                .iter()
                .find(|(k, v)| sum - **v == t && near_sme(k))
                .map(|(k, v)| (k.clone(), *v));
            if let Some((k, v)) = odd {
                if row.reserved_sme.is_none() {
                    row.by_source.remove(&k);
                    row.reserved_sme = Some(v);
                    if let Some(s) = row.spans.remove(&format!("by_source.{k}")) {
                        row.spans.insert("reserved_sme".into(), s);
                    }
                    row.uncertain.push("reserved_sme".into());
                    return;
                }
            }
            for k in row.by_source.keys() {
                row.uncertain.push(format!("by_source.{k}"));
            }
            row.uncertain.push("total".into());
        }
        None => {
            for k in row.by_source.keys() {
                row.uncertain.push(format!("by_source.{k}"));
            }
        }
    }
}
