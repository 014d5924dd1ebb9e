//! Performance targets (绩效目标): project tables, department-level targets, declaration forms.
//!
//! Everything is recognised by its words, never by line positions:
//! - [`declaration`]: 整体绩效目标申报表, one form per unit, from its `部门（单位）名称` row;
//! - [`grid`]: 项目绩效目标表 in tab rows or one cell per line, from the header row
//!   (一级指标 / 二级指标 / 三级指标 / 指标值);
//! - [`spaced`]: the Shanghai 项目支出绩效目标填报表 in space-separated PDF text, where the
//!   merged 一级 / 二级 cells are printed once, vertically centred on their rows, and the two goal
//!   columns are interleaved line by line;
//! - [`targets`]: 部门整体绩效目标 (总体绩效目标 and 分项绩效目标 with inline indicators);
//! - [`value`]: 指标值 parsed into comparator, number, unit (or a grade).
//!
//! Nothing understood only in part is dropped: values that do not parse are kept raw and
//! counted in a note per project, form or target; rows that fit nowhere become notes.

mod declaration;
mod grid;
mod rows;
mod spaced;
mod targets;
pub mod value;

use std::sync::LazyLock;

use regex::Regex;
use yusuan_model::{Declaration, DepartmentTarget, ExtractionNote, Indicator, Project, Span};
use yusuan_read::TextDocument;

use crate::header::squeeze;

/// Everything about performance targets in one document.
#[derive(Debug, Default)]
pub struct Performance {
    pub projects: Vec<Project>,
    pub department_targets: Vec<DepartmentTarget>,
    pub declarations: Vec<Declaration>,
    pub notes: Vec<ExtractionNote>,
}

/// Finds the performance targets of a document.
pub fn extract(doc: &TextDocument) -> Performance {
    let mut sink = Sink {
        path: doc.path.clone(),
        notes: Vec::new(),
    };
    let rows = rows::build(&doc.lines);
    let (declarations, ranges) = declaration::extract(&rows, &mut sink);
    let in_form = |line: u32| ranges.iter().any(|(a, b)| (*a..=*b).contains(&line));
    let mut projects = grid::extract(&rows, &in_form, &mut sink);
    projects.extend(spaced::extract(&doc.lines, &mut sink));
    projects.sort_by_key(|p| p.span.line);
    let department_targets = targets::extract(&doc.lines, &mut sink);
    let mut notes = sink.notes;
    notes.sort_by_key(|n| n.span.line);
    Performance {
        projects,
        department_targets,
        declarations,
        notes,
    }
}

/// An indicator row as printed, before levels are carried down and the value is parsed.
#[derive(Debug, Clone, Default)]
pub(crate) struct IndicatorDraft {
    pub level1: String,
    pub level2: String,
    pub name: String,
    pub description: String,
    pub value: String,
    pub value_span: Option<Span>,
    pub measure_unit: String,
    pub basis: String,
    pub line: u32,
    pub page: Option<u32>,
}

/// Where spans point and where notes go.
pub(crate) struct Sink {
    path: String,
    notes: Vec<ExtractionNote>,
}

impl Sink {
    pub fn span(&self, line: u32, page: Option<u32>) -> Span {
        Span::line(self.path.clone(), page, line)
    }

    /// The span of a printed piece of text: its line, character column and length.
    pub fn text_span(&self, line: u32, page: Option<u32>, column: u32, text: &str) -> Span {
        let mut s = self.span(line, page);
        s.column = Some(column);
        s.length = Some(text.chars().count() as u32);
        s
    }

    pub fn cell_span(&self, c: &rows::Cell) -> Span {
        let first = c.text.split('\n').next().unwrap_or("");
        self.text_span(c.line, c.page, c.column, first)
    }

    pub fn note(&mut self, line: u32, page: Option<u32>, message: String) {
        let span = self.span(line, page);
        self.notes.push(ExtractionNote { message, span });
    }

    /// Turns drafts into indicators: 一级 and 二级 carried down to rows that leave them blank,
    /// values parsed; values kept raw are counted in one note for `owner`.
    pub fn indicators(&mut self, drafts: Vec<IndicatorDraft>, owner: &str) -> Vec<Indicator> {
        let mut level1: Option<String> = None;
        let mut level2: Option<String> = None;
        let mut raw: Vec<(String, u32)> = Vec::new();
        let mut out = Vec::with_capacity(drafts.len());
        for d in drafts {
            if !d.level1.is_empty() {
                level1 = Some(d.level1.clone());
                level2 = None;
            }
            if !d.level2.is_empty() {
                level2 = Some(d.level2.clone());
            }
            let mut value = value::parse_value(&d.value, d.value_span.clone());
            if value.parsed && value.unit.is_none() && value.number.is_some() {
                value.unit = value::whole_unit(&d.measure_unit);
            }
            if !value.parsed {
                let line = value.span.as_ref().map(|s| s.line).unwrap_or(d.line);
                raw.push((d.value.clone(), line));
            }
            let some = |s: String| (!s.is_empty()).then_some(s);
            out.push(Indicator {
                level1: level1.clone(),
                level2: level2.clone(),
                name: d.name,
                description: some(d.description),
                value,
                measure_unit: some(d.measure_unit),
                basis: some(d.basis),
                span: self.span(d.line, d.page),
            });
        }
        if let Some((_, first)) = raw.first() {
            let list: Vec<String> = raw
                .iter()
                .map(|(v, l)| format!("`{}` (L{l})", v.replace('\n', " ")))
                .collect();
            let message = format!(
                "{owner}: {} indicator value(s) kept as printed, not a comparator + number + unit, a reference or a grade: {}",
                raw.len(),
                list.join(", ")
            );
            self.note(*first, None, message);
        }
        out
    }
}

/// A 一级 / 二级 cell as a category name: spaces left by the layout removed (`投入管理 指标`).
pub(crate) fn clean_level(text: &str) -> String {
    squeeze(text)
}

static TITLE_NUMBER: LazyLock<Regex> = LazyLock::new(|| {
    Regex::new(
        r"^\s*(?:(\d{1,3})\s*[、.．]|([（(][一二三四五六七八九十百]+[）)]|[一二三四五六七八九十百]+、))\s*(\S.*)$",
    )
        .expect("valid regex")
});

/// `1、城关…绩效目标表` → (`1`, `城关…绩效目标表`); `（一）综合事务管理` → (`（一）`, …).
pub(crate) fn strip_title_number(text: &str) -> (Option<String>, String) {
    let t = text.trim();
    match TITLE_NUMBER.captures(t) {
        Some(c) => {
            let n = c
                .get(1)
                .or_else(|| c.get(2))
                .map(|m| m.as_str().to_string());
            (n, c[3].trim().to_string())
        }
        None => (None, t.to_string()),
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn title_numbers() {
        assert_eq!(
            strip_title_number("1、城关房产管理处办公楼维修经费绩效目标表"),
            (
                Some("1".into()),
                "城关房产管理处办公楼维修经费绩效目标表".into()
            )
        );
        assert_eq!(
            strip_title_number("11.2019年中央基建投资预算（肖庄二期棚户区改造项目）绩效目标表").0,
            Some("11".into())
        );
        assert_eq!(
            strip_title_number("（二十九）征收补偿金发放"),
            (Some("（二十九）".into()), "征收补偿金发放".into())
        );
        assert_eq!(strip_title_number("财政项目支出绩效目标填报表").0, None);
    }
}
