//! Performance targets (绩效目标): project tables, department-level targets, declaration forms.

use rust_decimal::Decimal;
use schemars::JsonSchema;
use serde::{Deserialize, Serialize};

use crate::{MoneyUnit, Span};

/// A printed number with where it was printed.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize, JsonSchema)]
pub struct Figure {
    pub value: Decimal,
    pub span: Span,
}

/// A field of a form printed either as a number or as text where a number belongs
/// (seed 001 prints `财政性资金` in the 财政性资金 cell).
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize, JsonSchema)]
pub struct Stated {
    /// The text as printed.
    pub text: String,
    /// The amount, when the text is one.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub value: Option<Decimal>,
    pub span: Span,
}

/// 项目支出绩效目标表: one project's targets.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize, JsonSchema)]
pub struct Project {
    /// The number the document gives the project (`1`, `（一）`), as printed.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub number: Option<String>,
    /// 项目名称.
    pub name: String,
    /// 项目编码, when printed.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub code: Option<String>,
    /// The unit of the budget figures.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub unit: Option<MoneyUnit>,
    /// 预算数 / 资金总额.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub budget: Option<Figure>,
    /// 财政资金 / 财政拨款.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub fiscal_funds: Option<Figure>,
    /// 其他资金.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub other_funds: Option<Figure>,
    /// 资金支出计划: cumulative share of the budget spent by each point of the year.
    #[serde(default, skip_serializing_if = "Vec::is_empty")]
    pub spending_plan: Vec<PlanPoint>,
    /// 绩效目标 / 年度目标 text.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub goal: Option<String>,
    pub indicators: Vec<Indicator>,
    /// The project's first line.
    pub span: Span,
    pub end_line: u32,
}

/// One point of a spending plan (`一季度 25%`).
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize, JsonSchema)]
pub struct PlanPoint {
    /// The period as printed (`第一季度`, `6月底`).
    pub period: String,
    /// Cumulative percentage of the budget.
    pub percent: Decimal,
    pub span: Span,
}

/// A performance indicator (绩效指标): 一级 / 二级 / 三级 with its value.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize, JsonSchema)]
pub struct Indicator {
    /// 一级指标 (产出指标, 效益指标, 满意度指标, 成本指标), carried down to rows that leave it blank.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub level1: Option<String>,
    /// 二级指标 (数量指标, 质量指标, …), carried down likewise.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub level2: Option<String>,
    /// 三级指标: the concrete measure.
    pub name: String,
    /// 绩效指标描述 / 指标说明.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub description: Option<String>,
    /// 指标值.
    pub value: IndicatorValue,
    /// 度量单位, when printed in a column of its own.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub measure_unit: Option<String>,
    /// 指标值确定依据.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub basis: Option<String>,
    pub span: Span,
}

/// An indicator value parsed into comparator, number and unit, or a grade; always with the raw
/// text. `parsed` is false when the text is neither (kept raw and flagged).
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize, JsonSchema)]
pub struct IndicatorValue {
    pub raw: String,
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub comparator: Option<Comparator>,
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub number: Option<Decimal>,
    /// `%`, `元`, `万元`, `天`, `平方米`, … (`百分号`/`百分比` are `%`).
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub unit: Option<String>,
    /// A qualitative value (`合规`, `良好`, `明显`, `按规定公开`).
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub grade: Option<String>,
    pub parsed: bool,
    /// Where the value was printed.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub span: Option<Span>,
}

/// How an indicator value compares: `≥`/`不低于`, `≤`/`不高于`, `=`/`达到`, `>`, `<`.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, Serialize, Deserialize, JsonSchema)]
#[serde(rename_all = "snake_case")]
pub enum Comparator {
    AtLeast,
    AtMost,
    Equal,
    Above,
    Below,
}

/// A department-level target (整体绩效目标 / 分项绩效目标) with its inline indicators.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize, JsonSchema)]
pub struct DepartmentTarget {
    /// The heading (`（一）综合事务管理`, `总体绩效目标`).
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub title: Option<String>,
    pub goal: String,
    #[serde(default, skip_serializing_if = "Vec::is_empty")]
    pub indicators: Vec<Indicator>,
    pub span: Span,
}

/// 整体绩效目标申报表: one unit's declaration form (seed 001).
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize, JsonSchema)]
pub struct Declaration {
    /// 部门（单位）名称.
    pub unit_name: String,
    /// 年度履职目标.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub annual_goal: Option<String>,
    /// 年度主要任务: task names.
    #[serde(default, skip_serializing_if = "Vec::is_empty")]
    pub tasks: Vec<String>,
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub unit: Option<MoneyUnit>,
    /// 部门预算总额.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub total: Option<Stated>,
    /// 财政性资金.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub fiscal_funds: Option<Stated>,
    /// 其他资金.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub other_funds: Option<Stated>,
    /// 基本支出.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub basic: Option<Stated>,
    /// 项目支出.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub project: Option<Stated>,
    pub indicators: Vec<Indicator>,
    pub span: Span,
    pub end_line: u32,
}
