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

/// 项目支出绩效目标表 / 绩效目标申报表 / 绩效目标填报表: one project's targets.
///
/// Recognised by the table's header words (一级指标, 二级指标, 三级指标, 指标值), in any of the
/// corpus layouts: tab rows, one cell per line, space-separated PDF text. A table printed over
/// several pages (header repeated, a cell split across the break) is one project.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize, JsonSchema)]
pub struct Project {
    /// The number the document gives the project (`1`, `（一）`), as printed.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub number: Option<String>,
    /// 项目名称: the 项目名称 cell when printed, otherwise the title without its number and
    /// without the words `绩效目标表`.
    pub name: String,
    /// The table's title as printed, without its number (`城关房产管理处办公楼维修经费绩效目标表`).
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub title: Option<String>,
    /// 项目编码, when printed.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub code: Option<String>,
    /// The budget unit printed with the table (`335001山海关区住房保障和房产管理局本级`) or its
    /// 实施单位.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub unit_name: Option<String>,
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
    /// 年度资金申请总额 (Shanghai 填报表), when printed beside 项目资金总额.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub annual_request: Option<Figure>,
    /// 其中：当年财政拨款 (Shanghai 填报表).
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub current_appropriation: Option<Figure>,
    /// 上年结转资金 (Shanghai 填报表).
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub carryover: Option<Figure>,
    /// 资金用途: what the money is for, when printed.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub purpose: Option<String>,
    /// 资金支出计划: cumulative share of the budget spent by each point of the year.
    #[serde(default, skip_serializing_if = "Vec::is_empty")]
    pub spending_plan: Vec<PlanPoint>,
    /// 绩效目标 / 年度目标 / 年度总体目标 text. Lines wrapped by the layout are joined.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub goal: Option<String>,
    /// 项目总目标, when printed beside the year's goal and different from it (Shanghai 填报表;
    /// when the two columns say the same, only `goal` is kept).
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub overall_goal: Option<String>,
    /// The indicator rows in printed order (a row split over a page break is one indicator).
    pub indicators: Vec<Indicator>,
    /// The project's first line (its title, or its first row when it has no title).
    pub span: Span,
    /// The project's last line.
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

/// An indicator value (指标值) parsed into comparator, number and unit, or a grade; always with
/// the raw text. `parsed` is false when the text is none of the forms below (kept raw, every
/// other field empty, and counted in an extraction note).
///
/// Parsed forms: `[comparator] number [unit] [（remark）]` (`≥95%`, `≥95 百分号`, `≤9282 元`,
/// `=100.00(%)`, `≥13459.00(平方米)`, `不低于50%`, `100%`, `≥90 百分号（差异率）`,
/// `98 百分号以上`); `comparator reference` (`≥上年`, `小于等于预算数`); a grade (`合规`, `良好`,
/// `明显`, `按规定公开`: a short word without digits or punctuation).
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize, JsonSchema)]
pub struct IndicatorValue {
    /// The text as printed (cells joined when split over a page break).
    pub raw: String,
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub comparator: Option<Comparator>,
    /// The number, exactly as printed (scale kept: `100.00`).
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub number: Option<Decimal>,
    /// `%`, `元`, `万元`, `天`, `平方米`, … (`百分号`/`百分比`/`百分百` are `%`); taken from the
    /// 度量单位 column when the value itself prints none.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub unit: Option<String>,
    /// A qualitative value (`合规`, `良好`, `明显`, `按规定公开`).
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub grade: Option<String>,
    /// What a relative value compares with (`上年`, `预算数`, `核定数`): `≥上年`.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub reference: Option<String>,
    /// A bracketed remark after the figure: `≥90 百分号（差异率）` → `差异率`.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub remark: Option<String>,
    pub parsed: bool,
    /// Where the value was printed.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub span: Option<Span>,
}

/// How an indicator value compares: `≥`/`不低于`/`不少于`/`以上`, `≤`/`不高于`/`不超过`/`以下`,
/// `=`/`达到`, `>`/`大于`/`高于`, `<`/`小于`/`低于`.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, Serialize, Deserialize, JsonSchema)]
#[serde(rename_all = "snake_case")]
pub enum Comparator {
    AtLeast,
    AtMost,
    Equal,
    Above,
    Below,
}

/// A department-level target (整体绩效目标 / 分项绩效目标) with its inline indicators
/// (`①综合事务保障率：…，指标值≥90%`, or one `档案资料完好率 ≥90%` per line).
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize, JsonSchema)]
pub struct DepartmentTarget {
    /// The heading (`（一）综合事务管理`, `总体绩效目标`).
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub title: Option<String>,
    /// 绩效目标: the goal text (paragraphs joined with a line break, wrapped lines joined).
    pub goal: String,
    #[serde(default, skip_serializing_if = "Vec::is_empty")]
    pub indicators: Vec<Indicator>,
    pub span: Span,
}

/// 整体绩效目标申报表: one unit's declaration form (seed 001). A field printed blank is `None`;
/// a field printed with text instead of a number is a [`Stated`] without value.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize, JsonSchema)]
pub struct Declaration {
    /// 部门（单位）名称.
    pub unit_name: String,
    /// 年度履职目标.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub annual_goal: Option<String>,
    /// 年度主要任务: task names (任务名称).
    #[serde(default, skip_serializing_if = "Vec::is_empty")]
    pub tasks: Vec<String>,
    /// The unit of the budget figures (`部门预算总额（万元）`).
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
    /// The indicator grid (一级/二级/三级, 指标值, 度量单位), across page breaks.
    pub indicators: Vec<Indicator>,
    /// The form's first line (its 部门（单位）名称 row).
    pub span: Span,
    /// The form's last line.
    pub end_line: u32,
}
