//! 整体绩效目标申报表 (seed 001): one form per unit, scanned and OCR'd into tab rows.
//!
//! A form starts at its `部门（单位）名称` row (the printed title above it is sometimes missing)
//! and runs to the next form. Its rows are 年度履职目标, 年度主要任务 (task rows until 预算情况),
//! the 预算情况 rows (部门预算总额 = 财政性资金 + 其他资金 = 基本支出 + 项目支出; after a page break
//! they may be printed again) and the indicator grid (一级 / 二级 / 三级 / 指标值 / 度量单位),
//! whose header is repeated after page breaks or missing on a page.
//!
//! A page of indicator rows printed without any header can land in the wrong form when scanned
//! pages are out of order. Such a page is recognised by meaning: its indicators repeat what the
//! form it follows already has (a form lists each indicator once) while the next form's grid has
//! none of them — it is moved to the next form, with a note.

use std::collections::HashSet;

use yusuan_model::{Declaration, MoneyUnit, Stated};

use super::grid::{header_roles, Role};
use super::rows::{Cell, Row, RowKind};
use super::value::{parse_value, whole_unit};
use super::{clean_level, IndicatorDraft, Sink};
use crate::amount::parse_amount;
use crate::header::squeeze;

/// `部门（单位）名称` with brackets of either width and spaces removed.
fn is_form_start(row: &Row) -> bool {
    if row.kind != RowKind::Tab {
        return false;
    }
    let w = row.first_word().replace('(', "（").replace(')', "）");
    w == "部门（单位）名称"
}

/// Which budget figure a label names.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
enum Field {
    Total,
    Fiscal,
    Other,
    Basic,
    Project,
}

fn field_of(text: &str) -> Option<Field> {
    let w = squeeze(text);
    if w.contains("预算总额") {
        Some(Field::Total)
    } else if w.contains("财政性资金") || w.contains("财政拨款") {
        Some(Field::Fiscal)
    } else if w.contains("其他资金") {
        Some(Field::Other)
    } else if w.contains("基本支出") {
        Some(Field::Basic)
    } else if w.contains("项目支出") {
        Some(Field::Project)
    } else {
        None
    }
}

struct Form {
    unit_name: String,
    annual_goal: Option<String>,
    tasks: Vec<String>,
    unit: Option<MoneyUnit>,
    fields: [Option<Stated>; 5],
    roles: Option<Vec<Option<Role>>>,
    /// Indicator rows cut into runs at page breaks (a header row, or two blank lines), each
    /// with the form's last line before it.
    segments: Vec<(Vec<IndicatorDraft>, u32)>,
    line: u32,
    page: Option<u32>,
    end_line: u32,
}

/// The forms, and the line ranges they were read from (a page moved to another form stays in
/// the range it was printed in).
pub fn extract(rows: &[Row], sink: &mut Sink) -> (Vec<Declaration>, Vec<(u32, u32)>) {
    let starts: Vec<usize> = (0..rows.len())
        .filter(|&i| is_form_start(&rows[i]))
        .collect();
    let mut forms: Vec<Form> = Vec::new();
    for (n, &s) in starts.iter().enumerate() {
        let end = starts.get(n + 1).copied().unwrap_or(rows.len());
        forms.push(read_form(&rows[s..end], n + 1 == starts.len(), sink));
    }
    let ranges = forms.iter().map(|f| (f.line, f.end_line)).collect();
    move_orphan_pages(&mut forms, sink);
    let declarations = forms
        .into_iter()
        .map(|f| {
            let label = format!("declaration《{}》", f.unit_name);
            let drafts: Vec<IndicatorDraft> = f.segments.into_iter().flat_map(|(s, _)| s).collect();
            let indicators = sink.indicators(drafts, &label);
            let [total, fiscal_funds, other_funds, basic, project] = f.fields;
            Declaration {
                unit_name: f.unit_name,
                annual_goal: f.annual_goal,
                tasks: f.tasks,
                unit: f.unit,
                total,
                fiscal_funds,
                other_funds,
                basic,
                project,
                indicators,
                span: sink.span(f.line, f.page),
                end_line: f.end_line,
            }
        })
        .collect();
    (declarations, ranges)
}

/// Decorations printed between forms: `附件3：`, the form title, `(2021年度)`, `(6)`.
fn is_decoration(text: &str) -> bool {
    let t = squeeze(text);
    if t.is_empty() {
        return false;
    }
    t.starts_with("附件")
        || t.contains("申报表")
        || t.contains("年度)")
        || t.contains("年度）")
        || t.chars()
            .all(|c| c.is_ascii_digit() || "()（）".contains(c))
}

fn read_form(rows: &[Row], last: bool, sink: &mut Sink) -> Form {
    let head = &rows[0];
    let mut f = Form {
        unit_name: head
            .filled()
            .nth(1)
            .map(|c| c.text.clone())
            .unwrap_or_default(),
        annual_goal: None,
        tasks: Vec::new(),
        unit: None,
        fields: Default::default(),
        roles: None,
        segments: vec![(Vec::new(), head.end_line)],
        line: head.line,
        page: head.page,
        end_line: head.end_line,
    };
    let mut in_tasks = false;
    let mut last_line = head.end_line;
    for r in &rows[1..] {
        if r.kind == RowKind::Prose {
            if last && !is_decoration(r.cell(0)) && f.segments.iter().any(|(s, _)| !s.is_empty()) {
                break;
            }
            continue;
        }
        // The title printed as a table row (L393 `<b>…申报表</b> <b>(2021年度)</b>⇥⇥⇥⇥`).
        if r.filled().count() == 1 && is_decoration(&r.joined("")) {
            continue;
        }
        let gap = r.line.saturating_sub(last_line) > 2;
        let before = last_line;
        last_line = r.end_line;
        f.end_line = f.end_line.max(r.end_line);
        if let Some(roles) = header_roles(r) {
            f.roles.get_or_insert(roles);
            new_segment(&mut f, before);
            in_tasks = false;
            continue;
        }
        if gap {
            new_segment(&mut f, before);
        }
        let first = r.first_word();
        if first.starts_with("年度履职目标") {
            let text: Vec<&str> = r.filled().skip(1).map(|c| c.text.as_str()).collect();
            f.annual_goal = Some(text.join(" "));
            continue;
        }
        if first.starts_with("年度主要任务") {
            in_tasks = true;
            continue;
        }
        if let Some((k, field)) = r
            .cells
            .iter()
            .enumerate()
            .find_map(|(k, c)| field_of(&c.text).map(|f| (k, f)))
        {
            in_tasks = false;
            budget_row(&mut f, r, k, field, sink);
            continue;
        }
        if first == "预算情况" {
            in_tasks = false;
            continue;
        }
        if in_tasks {
            if let Some(c) = r.filled().next() {
                f.tasks.push(c.text.clone());
            }
            continue;
        }
        match &f.roles {
            Some(_) => indicator_row(&mut f, r, sink),
            None => sink.note(
                r.line,
                r.page,
                format!(
                    "row `{}` of a declaration form not understood",
                    r.joined(" | ")
                ),
            ),
        }
    }
    f
}

fn new_segment(f: &mut Form, before: u32) {
    match f.segments.last_mut() {
        Some((s, end)) if s.is_empty() => *end = before,
        _ => f.segments.push((Vec::new(), before)),
    }
}

fn budget_row(f: &mut Form, r: &Row, k: usize, field: Field, sink: &mut Sink) {
    let label = &r.cells[k];
    if squeeze(&label.text).contains("万元") {
        f.unit = Some(MoneyUnit::WanYuan);
    } else if squeeze(&label.text).contains("（元）") || squeeze(&label.text).contains("(元)") {
        f.unit = Some(MoneyUnit::Yuan);
    }
    let Some(cell) = r.cells[k + 1..].iter().find(|c| !c.text.is_empty()) else {
        return; // Printed blank.
    };
    let stated = stated(cell, sink);
    let slot = &mut f.fields[field as usize];
    match slot {
        Some(prev)
            if prev.text == stated.text || prev.value.is_some() && prev.value == stated.value => {}
        Some(prev) => sink.note(
            cell.line,
            cell.page,
            format!(
                "`{}` printed again as `{}` (first `{}` at L{})",
                label.text, stated.text, prev.text, prev.span.line
            ),
        ),
        None => {
            if stated.value.is_none() {
                sink.note(
                    cell.line,
                    cell.page,
                    format!(
                        "`{}`: `{}` printed where an amount belongs",
                        label.text, stated.text
                    ),
                );
            }
            *slot = Some(stated);
        }
    }
}

/// A form figure as printed: `13034.7`, `537.3万元` (unit word dropped), or text.
fn stated(cell: &Cell, sink: &Sink) -> Stated {
    let t = cell.text.trim();
    let number = t.trim_end_matches("万元").trim_end_matches('元').trim();
    Stated {
        text: t.to_string(),
        value: parse_amount(number).map(|a| a.value),
        span: sink.cell_span(cell),
    }
}

fn indicator_row(f: &mut Form, r: &Row, sink: &mut Sink) {
    let roles = f.roles.as_ref().expect("roles known");
    let index = |role: Role| roles.iter().position(|x| *x == Some(role));
    let cell = |role: Role| index(role).and_then(|i| r.cells.get(i));
    let text = |role: Role| cell(role).map(|c| c.text.clone()).unwrap_or_default();
    let mut l2 = text(Role::Level2);
    let mut name = text(Role::Level3);
    let mut value_cell = cell(Role::Value);
    let mut unit = text(Role::MeasureUnit);
    // A row shifted one cell to the left (L461 `⇥政府采购执行率⇥≥80⇥%⇥`): the value sits under
    // 三级指标 and the unit under 指标值.
    let value_text = value_cell.map(|c| c.text.as_str()).unwrap_or("");
    let is_unit = |s: &str| whole_unit(s).is_some() || squeeze(s) == "定性指标";
    if unit.is_empty() && is_unit(value_text) {
        let shifted = parse_value(&name, None);
        if shifted.parsed && shifted.number.is_some() {
            sink.note(
                r.line,
                r.page,
                format!(
                    "indicator row shifted one cell left (`{}`); read as 三级 `{}`, 指标值 `{}`, 度量单位 `{}`",
                    r.joined(" | "),
                    l2,
                    name,
                    value_text
                ),
            );
            unit = value_text.to_string();
            value_cell = cell(Role::Level3);
            name = std::mem::take(&mut l2);
        }
    }
    let value = value_cell.map(|c| c.text.clone()).unwrap_or_default();
    if name.is_empty() && value.is_empty() {
        sink.note(
            r.line,
            r.page,
            format!(
                "indicator row without 三级指标 or 指标值 (`{}`)",
                r.joined(" | ")
            ),
        );
        return;
    }
    let draft = IndicatorDraft {
        level1: clean_level(&text(Role::Level1)),
        level2: clean_level(&l2),
        name,
        description: text(Role::Description),
        value,
        value_span: value_cell
            .filter(|c| !c.text.is_empty())
            .map(|c| sink.cell_span(c)),
        measure_unit: unit,
        basis: text(Role::Basis),
        line: r.line,
        page: r.page,
    };
    if let Some((seg, _)) = f.segments.last_mut() {
        seg.push(draft);
    }
}

/// Moves pages of indicators that repeat their own form and fit the next one (see the module
/// documentation).
fn move_orphan_pages(forms: &mut [Form], sink: &mut Sink) {
    for i in 0..forms.len().saturating_sub(1) {
        loop {
            let (this, rest) = forms.split_at_mut(i + 1);
            let (form, next) = (&mut this[i], &mut rest[0]);
            let n = form.segments.len();
            if n < 2 {
                break;
            }
            let seg = &form.segments[n - 1].0;
            let names = |s: &[IndicatorDraft]| -> HashSet<String> {
                s.iter()
                    .map(|d| squeeze(&d.name))
                    .filter(|n| !n.is_empty())
                    .collect()
            };
            let own = names(seg);
            let before: HashSet<String> = form.segments[..n - 1]
                .iter()
                .flat_map(|(s, _)| names(s))
                .collect();
            let following: HashSet<String> =
                next.segments.iter().flat_map(|(s, _)| names(s)).collect();
            let repeated = own.intersection(&before).count();
            if own.is_empty() || repeated * 2 <= own.len() || !own.is_disjoint(&following) {
                break;
            }
            let (seg, end_before) = form.segments.pop().expect("n >= 2");
            form.end_line = end_before;
            let (first, last) = (seg[0].line, seg[seg.len() - 1].line);
            sink.note(
                first,
                seg[0].page,
                format!(
                    "indicator rows L{first}-L{last} printed without a form header: {repeated} of their {} indicators repeat 《{}》's grid and none is in 《{}》's, whose grid they complete; read as part of 《{}》",
                    own.len(),
                    form.unit_name,
                    next.unit_name,
                    next.unit_name
                ),
            );
            next.segments.push((seg, next.end_line));
        }
    }
}
