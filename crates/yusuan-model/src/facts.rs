//! Facts stated outside the standard tables: narrative figures, procurement, assets, units.

use rust_decimal::Decimal;
use schemars::JsonSchema;
use serde::{Deserialize, Serialize};

use crate::{MoneyUnit, Span};

/// A figure stated in the explanation (情况说明): what it is, its value and unit, its sentence.
///
/// The same quantity stated twice is kept twice: the checker compares them.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize, JsonSchema)]
pub struct NarrativeFact {
    /// What the figure is (`income.total`, `income.general_public`, `expenditure.basic.personnel`,
    /// `three_public.vehicle.operation`, `change.total`, `operation_cost`, `procurement.total`, …).
    pub key: String,
    pub value: Decimal,
    /// `万元`, `元`, `%`, `辆`, `台（套）`, … as printed.
    pub unit: String,
    /// The sentence (or clause) that states it.
    pub text: String,
    /// Where the figure itself was printed.
    pub span: Span,
}

/// A procurement table (政府采购预算表).
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize, JsonSchema)]
pub struct ProcurementTable {
    pub title: String,
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub unit: Option<MoneyUnit>,
    pub rows: Vec<ProcurementRow>,
    pub span: Span,
    pub end_line: u32,
}

/// One line of a procurement table.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize, JsonSchema)]
pub struct ProcurementRow {
    /// 预算单位 the line belongs to, when the table is split by unit.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub budget_unit: Option<String>,
    /// 项目名称 / 政府采购项目来源.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub project: Option<String>,
    /// 预算资金.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub project_budget: Option<Decimal>,
    /// 品名 / 采购物品名称.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub item: Option<String>,
    /// 政府采购目录序号 / 品目编码 (`A05049900`, `B0801`).
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub catalog_code: Option<String>,
    /// 计量单位.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub measure_unit: Option<String>,
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub quantity: Option<Decimal>,
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub unit_price: Option<Decimal>,
    /// 合计 (the line's procurement amount).
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub total: Option<Decimal>,
    /// The amount by fund source (`general_public`, `government_fund`, `state_capital`,
    /// `fiscal_special_account`, `unit_funds`, …).
    #[serde(default, skip_serializing_if = "std::collections::BTreeMap::is_empty")]
    pub by_source: std::collections::BTreeMap<String, Decimal>,
    /// 合计 / 小计 lines.
    #[serde(default, skip_serializing_if = "std::ops::Not::not")]
    pub is_total: bool,
    /// Values whose column could not be placed with confidence.
    #[serde(default, skip_serializing_if = "Vec::is_empty")]
    pub uncertain: Vec<String>,
    pub span: Span,
}

/// An asset table (国有资产占有使用情况 / 固定资产占用情况表).
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize, JsonSchema)]
pub struct AssetTable {
    pub title: String,
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub unit: Option<MoneyUnit>,
    pub rows: Vec<AssetRow>,
    pub span: Span,
    pub end_line: u32,
}

/// One line of an asset table (资产总额, 房屋, 车辆, 单价在…以上的设备, 其他).
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize, JsonSchema)]
pub struct AssetRow {
    pub name: String,
    /// What the line is (`total`, `buildings`, `buildings.office`, `vehicles`, `equipment`, `other`).
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub item: Option<String>,
    /// 数量 (square metres, vehicles, items — the unit is in the name).
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub quantity: Option<Decimal>,
    /// 金额 / 价值.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub amount: Option<Decimal>,
    pub span: Span,
}

/// A unit of the department (机构设置).
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize, JsonSchema)]
pub struct OrgUnit {
    pub name: String,
    /// 单位性质: 行政 / 事业 / 参公 ….
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub nature: Option<String>,
    /// 单位规格: 正处（县）级 ….
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub rank: Option<String>,
    /// 经费保障形式: 财政拨款, 财政性资金基本保证 ….
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub funding: Option<String>,
    pub span: Span,
}
