//! Project performance tables (项目绩效目标表) in the positional layouts: tab rows (seeds 000,
//! 003) and one cell per line (seeds 002, 004).
//!
//! A table is found by its header row (一级指标 / 二级指标 / 三级指标 / 指标值 …), and starts at
//! the prose line before it (the title, `1、城关房产管理处办公楼维修经费绩效目标表`). Between title
//! and header may come the unit line, 项目编码 / 项目名称, 预算数 = 财政资金 + 其他资金, 资金用途,
//! the quarterly 资金支出计划 and the 绩效目标 row (which may also follow the header). After the
//! header come the indicator rows; a header printed again means a page break, after which a
//! row with empty 一级, 二级 and 指标值 cells continues the cells of the row before the break.

use yusuan_model::{Figure, MoneyUnit, PlanPoint, Project, Span};

use super::rows::{Row, RowKind};
use super::{clean_level, strip_title_number, IndicatorDraft, Sink};
use crate::amount::parse_amount;
use crate::header::squeeze;

/// What a header cell names.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Role {
    /// 一级指标.
    Level1,
    /// 二级指标.
    Level2,
    /// 三级指标.
    Level3,
    /// 绩效指标描述 / 指标说明.
    Description,
    /// 指标值.
    Value,
    /// 指标值确定依据.
    Basis,
    /// 度量单位.
    MeasureUnit,
}

/// The role of one header cell, by its words.
pub fn role(text: &str) -> Option<Role> {
    let w = squeeze(text);
    if w.contains("一级指标") {
        Some(Role::Level1)
    } else if w.contains("二级指标") {
        Some(Role::Level2)
    } else if w.contains("三级指标") {
        Some(Role::Level3)
    } else if w.contains("依据") {
        Some(Role::Basis)
    } else if w.contains("度量单位") || w.contains("计量单位") {
        Some(Role::MeasureUnit)
    } else if w.contains("描述") || w.contains("说明") || w.contains("解释") {
        Some(Role::Description)
    } else if w.contains("指标值") {
        Some(Role::Value)
    } else {
        None
    }
}

/// The roles of a header row by cell index, when the row is an indicator header.
pub fn header_roles(row: &Row) -> Option<Vec<Option<Role>>> {
    if row.kind == RowKind::Prose {
        return None;
    }
    let roles: Vec<Option<Role>> = row.cells.iter().map(|c| role(&c.text)).collect();
    let has = |r: Role| roles.contains(&Some(r));
    (has(Role::Level1) && has(Role::Level3) && (has(Role::Value) || has(Role::Level2)))
        .then_some(roles)
}

/// Labels of a 绩效目标 row.
const GOAL_LABELS: &[&str] = &[
    "绩效目标",
    "年度绩效目标",
    "项目绩效目标",
    "年度目标",
    "项目目标",
    "年度总体目标",
];

/// A row labelled 绩效目标 (tab or cell rows only).
fn is_goal_row(r: &Row) -> bool {
    r.kind != RowKind::Prose && GOAL_LABELS.contains(&r.first_word().as_str())
}

/// A prose row that is only a page marker (`- 12 -`, `第3页`) and interrupts nothing.
fn is_page_marker(text: &str) -> bool {
    let t = squeeze(text);
    !t.is_empty()
        && t.chars()
            .all(|c| c.is_ascii_digit() || "-—–第页共/()（）".contains(c))
}

/// Finds the project tables among `rows`; rows whose line `skip` says belong elsewhere
/// (declaration forms) are ignored.
pub fn extract(rows: &[Row], skip: &dyn Fn(u32) -> bool, sink: &mut Sink) -> Vec<Project> {
    let rows: Vec<&Row> = rows
        .iter()
        .filter(|r| !skip(r.line))
        .filter(|r| !(r.kind == RowKind::Prose && is_page_marker(r.cell(0))))
        .collect();
    // A prose paragraph after a 绩效目标 row (past a blank line, seed 002 L1326) continues the
    // goal.
    let mut continues_goal = vec![false; rows.len()];
    for i in 1..rows.len() {
        continues_goal[i] =
            rows[i].kind == RowKind::Prose && (continues_goal[i - 1] || is_goal_row(rows[i - 1]));
    }
    // For each prose row: does a header row come before the next prose row?
    let mut title_of_table = vec![false; rows.len()];
    let mut seen_header = false;
    for (i, r) in rows.iter().enumerate().rev() {
        if continues_goal[i] {
            continue;
        }
        if r.kind == RowKind::Prose {
            title_of_table[i] = seen_header;
            seen_header = false;
        } else if header_roles(r).is_some() {
            seen_header = true;
        }
    }
    let mut out = Vec::new();
    let mut current: Option<Builder> = None;
    let mut i = 0;
    while i < rows.len() {
        let r = rows[i];
        if continues_goal[i] {
            if let Some(b) = current.as_mut() {
                b.row(r, sink);
            }
            i += 1;
            continue;
        }
        // A title printed as a row of the table's grid (`财政项目支出绩效目标填报表⇥⇥⇥`), or the
        // header fields (项目名称 …) after indicators: a new project table starts. A project
        // table starts with its title or its header fields, never with an indicator.
        let title_row = r.kind != RowKind::Prose && is_title_row(r);
        let fields_after_indicators =
            current.as_ref().is_some_and(|b| b.roles.is_some()) && starts_fields(r);
        if title_row || fields_after_indicators {
            if let Some(b) = current.take() {
                // A prose line taken for a title that nothing but this title followed is dropped.
                if b.has_content() {
                    out.push(b.finish(sink));
                }
            }
            current = Some(Builder::new(title_row.then_some(r), sink));
            if title_row {
                i += 1;
                continue;
            }
        }
        if r.kind == RowKind::Prose {
            if let Some(b) = current.take() {
                out.push(b.finish(sink));
            }
            if title_of_table[i] {
                current = Some(Builder::new(Some(r), sink));
            }
            i += 1;
            continue;
        }
        let b = match current.as_mut() {
            Some(b) => b,
            None => {
                if header_roles(r).is_none() {
                    i += 1;
                    continue;
                }
                // A table without a title line.
                current.insert(Builder::new(None, sink))
            }
        };
        // A row cut in two by blank lines (seed 002 L898-905): join the pieces.
        if let (Some(n), Some(next)) = (b.header_len(), rows.get(i + 1)) {
            if r.kind == RowKind::Cells
                && next.kind == RowKind::Cells
                && r.cells.len() < n
                && r.cells.len() + next.cells.len() == n
                && header_roles(next).is_none()
                && b.roles.is_some()
            {
                let mut joined = r.clone();
                joined.cells.extend(next.cells.iter().cloned());
                joined.end_line = next.end_line;
                b.row(&joined, sink);
                i += 2;
                continue;
            }
        }
        b.row(r, sink);
        i += 1;
    }
    if let Some(b) = current.take() {
        out.push(b.finish(sink));
    }
    out
}

/// A row that holds only a performance table's title (`财政项目支出绩效目标填报表`,
/// `1、…项目绩效目标表`), printed in a cell of the table's grid.
fn is_title_row(r: &Row) -> bool {
    let mut filled = r.filled();
    let (Some(only), None) = (filled.next(), filled.next()) else {
        return false;
    };
    let t = squeeze(&only.text);
    let t = t
        .trim_end_matches(['）', ')'])
        .trim_end_matches("（续")
        .trim_end_matches("(续");
    t.contains("绩效目标") && t.ends_with('表') && t.chars().count() <= 60 && !t.contains('。')
}

/// Labels of a project table's header fields: the first row of a table without a title.
const FIELD_LABELS: &[&str] = &["项目名称", "项目编码", "项目代码"];

/// A row that starts a project table's header fields (`项目名称 ⇥ …`).
fn starts_fields(r: &Row) -> bool {
    r.kind != RowKind::Prose && FIELD_LABELS.contains(&r.first_word().as_str())
}

/// `（2023年度）`, `(2023年)`: the year under a title, nothing to keep.
fn is_year_caption(text: &str) -> bool {
    let t = squeeze(text);
    let t = t.trim_matches(['（', '(', '）', ')']);
    let t = t
        .strip_suffix("年度")
        .or_else(|| t.strip_suffix('年'))
        .unwrap_or("");
    t.len() == 4 && t.chars().all(|c| c.is_ascii_digit())
}

/// Header-field labels whose value is text, kept nowhere but understood (not goal text).
const TEXT_FIELDS: &[&str] = &[
    "项目性质",
    "项目类别",
    "主管部门",
    "计划开始日期",
    "计划完成日期",
    "项目期限",
];

/// Captions of the two goal columns of the Shanghai 填报表: 项目总目标 (the whole project's)
/// and 年度总体目标 (the year's).
const OVERALL_GOAL: &str = "项目总目标";
const YEAR_GOAL: &[&str] = &["年度总体目标", "年度目标"];

struct Builder {
    number: Option<String>,
    title: Option<String>,
    name_cell: Option<String>,
    code: Option<String>,
    unit: Option<MoneyUnit>,
    unit_name: Option<String>,
    budget: Option<Figure>,
    fiscal: Option<Figure>,
    other: Option<Figure>,
    annual_request: Option<Figure>,
    current_appropriation: Option<Figure>,
    carryover: Option<Figure>,
    purpose: Option<String>,
    plan_periods: Option<(Vec<String>, u32)>,
    plan: Vec<PlanPoint>,
    goal: Vec<String>,
    /// 项目总目标 when printed beside the year's goal and different from it.
    overall_goal: Option<String>,
    /// Cell indices of the 项目总目标 and 年度总体目标 captions, until their text row.
    goal_columns: Option<(Option<usize>, usize)>,
    roles: Option<Vec<Option<Role>>>,
    indicators: Vec<IndicatorDraft>,
    after_break: bool,
    expect_purpose: bool,
    span: Option<Span>,
    end_line: u32,
}

impl Builder {
    fn new(title: Option<&Row>, sink: &Sink) -> Builder {
        let (number, text) = match title {
            Some(r) => {
                let first = r.filled().next().map(|c| c.text.as_str()).unwrap_or("");
                let (n, t) = strip_title_number(first);
                (n, Some(t))
            }
            None => (None, None),
        };
        Builder {
            number,
            title: text,
            name_cell: None,
            code: None,
            unit: None,
            unit_name: None,
            budget: None,
            fiscal: None,
            other: None,
            annual_request: None,
            current_appropriation: None,
            carryover: None,
            purpose: None,
            plan_periods: None,
            plan: Vec::new(),
            goal: Vec::new(),
            overall_goal: None,
            goal_columns: None,
            roles: None,
            indicators: Vec::new(),
            after_break: false,
            expect_purpose: false,
            span: title.map(|r| sink.span(r.line, r.page)),
            end_line: title.map(|r| r.end_line).unwrap_or(0),
        }
    }

    /// Anything read beyond the title.
    fn has_content(&self) -> bool {
        self.roles.is_some()
            || self.name_cell.is_some()
            || self.code.is_some()
            || self.budget.is_some()
            || !self.goal.is_empty()
    }

    fn header_len(&self) -> Option<usize> {
        self.roles.as_ref().map(|r| r.len())
    }

    fn row(&mut self, r: &Row, sink: &mut Sink) {
        if self.span.is_none() {
            self.span = Some(sink.span(r.line, r.page));
        }
        self.end_line = self.end_line.max(r.end_line);
        if let Some(roles) = header_roles(r) {
            if self.roles.is_some() {
                self.after_break = true;
            } else {
                self.roles = Some(roles);
            }
            return;
        }
        if r.is_empty() {
            return;
        }
        let first = r.first_word();
        if GOAL_LABELS.contains(&first.as_str()) {
            if let Some(columns) = goal_columns(r) {
                self.goal_columns = Some(columns);
                return;
            }
            let text: Vec<&str> = r.filled().skip(1).map(|c| c.text.as_str()).collect();
            if !text.is_empty() {
                self.goal.push(text.join("\n"));
            }
            return;
        }
        if self.roles.is_none() {
            self.preamble(r, sink);
        } else {
            self.indicator(r, sink);
        }
    }

    /// A row before the header: unit, code and name, budget, purpose, spending plan, or goal text.
    fn preamble(&mut self, r: &Row, sink: &mut Sink) {
        let expect_purpose = std::mem::take(&mut self.expect_purpose);
        if let Some((overall, year)) = self.goal_columns.take() {
            let at = |i: usize| r.cells.get(i).map(|c| c.text.trim()).unwrap_or("");
            if !at(year).is_empty() {
                let overall = overall.map(at).filter(|t| !t.is_empty() && *t != at(year));
                self.overall_goal = overall.map(str::to_string);
                self.goal.push(at(year).to_string());
                return;
            }
        }
        if r.filled().count() == 1 && is_year_caption(&r.joined("")) {
            return;
        }
        if let Some((periods, line)) = self.plan_periods.take() {
            let values: Vec<&super::rows::Cell> = r.filled().collect();
            if r.cell(0).is_empty() && values.len() == periods.len() {
                let mut points = Vec::new();
                for (p, c) in periods.iter().zip(values) {
                    let t = c.text.trim_end_matches(['%', '％']).trim();
                    match parse_amount(t) {
                        Some(a) => points.push(PlanPoint {
                            period: p.clone(),
                            percent: a.value,
                            span: sink.cell_span(c),
                        }),
                        None => sink.note(
                            c.line,
                            c.page,
                            format!("spending plan value `{}` is not a percentage", c.text),
                        ),
                    }
                }
                self.plan = points;
                return;
            }
            sink.note(
                line,
                r.page,
                format!(
                    "资金支出计划 with {} periods but no row of {} values after it",
                    periods.len(),
                    periods.len()
                ),
            );
        }
        let cells: Vec<&super::rows::Cell> = r.filled().collect();
        let words: Vec<String> = cells.iter().map(|c| squeeze(&c.text)).collect();
        // Unit line: `335001山海关区住房保障和房产管理局本级 ⇥ 单位：元`.
        if let Some(k) = words
            .iter()
            .position(|w| w.starts_with("单位：") || w.starts_with("单位:"))
        {
            let w = &words[k];
            self.unit = if w.contains("万元") {
                Some(MoneyUnit::WanYuan)
            } else if w.contains('元') {
                Some(MoneyUnit::Yuan)
            } else {
                None
            };
            let others: Vec<&str> = cells
                .iter()
                .enumerate()
                .filter(|(j, _)| *j != k)
                .map(|(_, c)| c.text.as_str())
                .collect();
            if !others.is_empty() {
                self.unit_name = Some(others.join(" "));
            }
            return;
        }
        if words
            .iter()
            .any(|w| w.contains("支出计划") || w.contains("用款计划"))
        {
            let periods: Vec<String> = cells.iter().skip(1).map(|c| c.text.clone()).collect();
            self.plan_periods = Some((periods, r.line));
            return;
        }
        let mut understood = false;
        let mut k = 0;
        while k < cells.len() {
            let w = words[k].as_str();
            let next = cells.get(k + 1);
            let figure = |sink: &Sink| {
                next.and_then(|c| {
                    parse_amount(&c.text).map(|a| Figure {
                        value: a.value,
                        span: sink.cell_span(c),
                    })
                })
            };
            let target: Option<&mut Option<Figure>> = if w == "项目编码" || w == "项目代码"
            {
                self.code = next.map(|c| c.text.clone());
                None
            } else if w == "项目名称" {
                self.name_cell = next.map(|c| c.text.clone());
                None
            } else if w == "实施单位" {
                if self.unit_name.is_none() {
                    self.unit_name = next.map(|c| c.text.clone());
                }
                None
            } else if TEXT_FIELDS.contains(&w) {
                None
            } else if w.starts_with("项目资金") && !w.contains("总额") {
                // The caption of the figures block (`项目资金（元）`).
                if w.contains("万元") {
                    self.unit = Some(MoneyUnit::WanYuan);
                } else if w.contains('元') {
                    self.unit = Some(MoneyUnit::Yuan);
                }
                understood = true;
                k += 1;
                continue;
            } else if w.contains("申请总额") {
                Some(&mut self.annual_request)
            } else if w.contains("当年财政拨款") {
                Some(&mut self.current_appropriation)
            } else if w.contains("上年结转") {
                Some(&mut self.carryover)
            } else if w.contains("预算规模") {
                self.expect_purpose = true;
                understood = true;
                k += 1;
                continue;
            } else if w.contains("财政资金") || w.contains("财政拨款") {
                Some(&mut self.fiscal)
            } else if w.contains("其他资金") {
                Some(&mut self.other)
            } else if w == "预算数" || w.contains("资金总额") || w == "预算金额" {
                Some(&mut self.budget)
            } else {
                k += 1;
                continue;
            };
            understood = true;
            if let Some(slot) = target {
                match figure(sink) {
                    Some(f) => *slot = Some(f),
                    None => sink.note(
                        r.line,
                        r.page,
                        format!(
                            "`{}` without an amount after it",
                            cells[k].text.replace('\n', " ")
                        ),
                    ),
                }
            }
            k += 2;
        }
        if understood {
            return;
        }
        if expect_purpose && r.cell(0).is_empty() {
            self.purpose = Some(r.joined("\n"));
            return;
        }
        // Anything else before the header is goal text without its label (seed 000 L609, L854).
        self.goal.push(r.joined("\n"));
    }

    fn indicator(&mut self, r: &Row, sink: &mut Sink) {
        let roles = self.roles.as_ref().expect("header seen");
        let get = |role: Role| -> Option<&super::rows::Cell> {
            roles
                .iter()
                .position(|x| *x == Some(role))
                .and_then(|i| r.cells.get(i))
        };
        let text = |role: Role| get(role).map(|c| c.text.clone()).unwrap_or_default();
        let (l1, l2, value) = (text(Role::Level1), text(Role::Level2), text(Role::Value));
        let after_break = std::mem::take(&mut self.after_break);
        if r.cells.len() > roles.len() && r.cells[roles.len()..].iter().any(|c| !c.text.is_empty())
        {
            sink.note(
                r.line,
                r.page,
                format!(
                    "indicator row with {} cells under a header of {}; the extra cells are kept in the description",
                    r.cells.len(),
                    roles.len()
                ),
            );
        }
        let extra: Vec<&str> = r
            .cells
            .iter()
            .skip(roles.len())
            .filter(|c| !c.text.is_empty())
            .map(|c| c.text.as_str())
            .collect();
        if after_break && l1.is_empty() && l2.is_empty() && value.is_empty() {
            if let Some(prev) = self.indicators.last_mut() {
                prev.name.push_str(&text(Role::Level3));
                prev.description.push_str(&text(Role::Description));
                prev.basis.push_str(&text(Role::Basis));
                prev.measure_unit.push_str(&text(Role::MeasureUnit));
                return;
            }
        }
        let value_cell = get(Role::Value);
        let mut description = text(Role::Description);
        for e in extra {
            if !description.is_empty() {
                description.push(' ');
            }
            description.push_str(e);
        }
        self.indicators.push(IndicatorDraft {
            level1: clean_level(&l1),
            level2: clean_level(&l2),
            name: unquote(&text(Role::Level3)),
            description,
            value,
            value_span: value_cell
                .filter(|c| !c.text.is_empty())
                .map(|c| sink.cell_span(c)),
            measure_unit: text(Role::MeasureUnit),
            basis: text(Role::Basis),
            line: r.line,
            page: r.page,
        });
    }

    fn finish(self, sink: &mut Sink) -> Project {
        let title = self.title.clone();
        let name = match (&self.name_cell, &title) {
            (Some(n), _) => n.clone(),
            (None, Some(t)) => t
                .trim_end_matches("绩效目标表")
                .trim_end_matches("绩效目标")
                .trim()
                .to_string(),
            (None, None) => String::new(),
        };
        let span = self.span.clone().unwrap_or_else(|| sink.span(0, None));
        if self.roles.is_none() {
            sink.note(
                span.line,
                span.page,
                "performance table without indicator header".to_string(),
            );
        }
        let goal = (!self.goal.is_empty()).then(|| self.goal.join("\n"));
        let label = format!(
            "project {}《{}》",
            self.number
                .as_deref()
                .map(|n| format!("{n} "))
                .unwrap_or_default(),
            name
        );
        let indicators = sink.indicators(self.indicators, &label);
        Project {
            number: self.number,
            name,
            title,
            code: self.code,
            unit_name: self.unit_name,
            unit: self.unit,
            budget: self.budget,
            fiscal_funds: self.fiscal,
            other_funds: self.other,
            annual_request: self.annual_request,
            current_appropriation: self.current_appropriation,
            carryover: self.carryover,
            purpose: self.purpose,
            spending_plan: self.plan,
            goal,
            overall_goal: self.overall_goal,
            indicators,
            span,
            end_line: self.end_line,
        }
    }
}

/// The cell indices of the goal captions in a 绩效目标 row that prints only captions
/// (`项目绩效目标 ⇥ 项目总目标 ⇥ … ⇥ 年度总体目标`): the text is in the row below.
fn goal_columns(r: &Row) -> Option<(Option<usize>, usize)> {
    let words: Vec<(usize, String)> = r
        .cells
        .iter()
        .enumerate()
        .skip_while(|(_, c)| c.text.is_empty())
        .skip(1)
        .filter(|(_, c)| !c.text.is_empty())
        .map(|(i, c)| (i, squeeze(&c.text)))
        .collect();
    let year = words
        .iter()
        .find(|(_, w)| YEAR_GOAL.contains(&w.as_str()))?
        .0;
    let overall = words
        .iter()
        .find(|(_, w)| w == OVERALL_GOAL)
        .map(|(i, _)| *i);
    let only_captions = words
        .iter()
        .all(|(_, w)| w == OVERALL_GOAL || YEAR_GOAL.contains(&w.as_str()));
    only_captions.then_some((overall, year))
}

/// A cell printed between straight quotes (`"提升居民… 优化营商环境"`, a multi-line cell quoted by
/// the spreadsheet the table came from): the text inside, as the space-separated reading gives it.
fn unquote(text: &str) -> String {
    match text.strip_prefix('"').and_then(|t| t.strip_suffix('"')) {
        Some(inner) if !inner.contains('"') => inner.to_string(),
        _ => text.to_string(),
    }
}
