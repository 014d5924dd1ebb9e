//! Facts stated outside the standard tables: narrative figures, procurement, assets, units.

use rust_decimal::Decimal;
use schemars::JsonSchema;
use serde::{Deserialize, Serialize};

use crate::{FactKey, MoneyUnit, Span};

/// A figure stated in the explanation (情况说明): what it is, its value and unit, its sentence.
///
/// The same quantity stated twice is kept twice: the checker compares them.
///
/// # Keys
///
/// A key is a dotted path: `[change.]<subject>[.<qualifier>]`.
///
/// Subjects:
/// - `total` — 收支总计 / 预算收支安排 (income = expenditure);
///   `fiscal_appropriation.total` — 财政拨款收入支出总计;
/// - income (收入): `income.total` (收入 / 预算收入 / 本年收入合计), `income.general_public`
///   (一般公共预算收入), `income.government_fund` (基金预算收入 / 政府性基金), `income.state_capital`
///   (国有资本经营预算收入), `income.fiscal_special_account` (财政专户核拨), `income.unit_funds`
///   (单位资金), `income.other_sources` (其他来源收入), `income.carryover` (上年结转结余),
///   `income.fiscal_appropriation` (财政拨款收入), `income.business` (事业收入),
///   `income.operating` (事业单位经营收入), `income.other` (其他收入);
/// - expenditure (支出): `expenditure.total` (支出预算 / 本年支出合计), `expenditure.basic` (基本支出),
///   `expenditure.basic.personnel` (人员经费), `expenditure.basic.public_use` (日常公用经费 /
///   公用经费), `expenditure.project` (项目支出), `expenditure.fiscal_appropriation` (财政拨款支出),
///   `expenditure.general_public` (一般公共预算(财政)拨款支出), `expenditure.government_fund`,
///   `expenditure.state_capital`;
/// - by classification (支出功能分类科目): `expenditure.function` — one 科目 of the explanation's
///   numbered list (`1. “一般公共服务支出-…-行政运行”科目1,202.95万元`, `一般公共服务支出（类）…（项）`);
///   `<parent>.function` — an item of a breakdown introduced by 主要为 / 主要用于 after `<parent>`
///   (`expenditure.project.function`: `主要为其他普通教育支出143.15万元`). The 科目 or item name is
///   in [`NarrativeFact::subject`];
/// - `operation_cost` — 机关运行经费;
/// - 三公经费: `three_public.total`, `three_public.outbound` (因公出国（境）费), `three_public.vehicle`
///   (公务用车购置及运行(维护)费), `three_public.vehicle.purchase` (购置费),
///   `three_public.vehicle.operation` (运行(维护)费 / 运维费), `three_public.reception` (公务接待费),
///   `three_public.reception.foreign` (外宾接待);
/// - 政府采购: `procurement.total`, `procurement.goods` (货物), `procurement.works` (工程),
///   `procurement.services` (服务), `procurement.reserved_sme` (面向中小企业预留),
///   `procurement.reserved_small_micro` (预留给小型和微型企业), and in final accounts
///   `procurement.awarded.sme_reserved`, `procurement.awarded.small_micro_reserved`,
///   `procurement.awarded.sme_other` (由中小企业供应商中标或成交的采购金额);
/// - 国有资产: `assets.fixed` (固定资产金额), `assets.other_fixed` (其他固定资产), `assets.current`
///   (流动资产), `assets.long_term_investment` (长期投资), `assets.construction_in_progress`
///   (在建工程), `assets.intangible` (无形资产), `assets.buildings` / `assets.buildings.office`
///   (房屋 / 办公用房, 平方米), `assets.general_equipment` (通用设备), `assets.special_equipment`
///   (专用设备), `assets.furniture` (家具用具), `assets.vehicles` (车辆, 辆) and its kinds
///   `assets.vehicles.{general_official, ministerial, principal_leader, confidential, emergency,
///   law_enforcement, special_technical, retired_cadre, other}` (一般公务用车, 部级领导干部用车,
///   主要领导干部用车, 机要通信用车, 应急保障用车, 执法执勤用车, 特种专业技术用车, 离退休干部用车,
///   其他用车), `assets.equipment_over_threshold[.general|.special]` (单价…以上(通用/专用)设备,
///   台（套）); `assets.planned_purchase` (拟购置固定资产总额) and `assets.planned_purchase.<same>`
///   for what the budget plans to buy (安排购置车辆 …).
/// - A count (辆, 台（套）, 平方米) under a money subject gets `.count`
///   (`three_public.vehicle.count`: 公务用车保有量为 0 辆).
///
/// Qualifiers: `.budget` (年初预算, in final accounts), `.budget_full_year` (全年预算),
/// `.prior_executed` (上年预算执行数), `.share` (占…%), `.completion` (完成预算的…%), `.percent`
/// (the rate of a change: 增长 / 下降 …%).
///
/// `change.<subject>` is a change against an earlier year (比上年 / 较2021年 / 与2024年相比), signed:
/// 增加 / 增长 positive, 减少 / 下降 negative; `change.<subject>.percent` its stated rate.
/// 持平 / 无增减变化 is a change of zero stated in words ([`NarrativeFact::worded`]).
///
/// A figure whose meaning cannot be named with confidence gets no fact; the extractor counts
/// them in a note.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize, JsonSchema)]
pub struct NarrativeFact {
    /// What the figure is (see the key vocabulary above).
    pub key: FactKey,
    /// The value, signed for changes (减少 → negative).
    pub value: Decimal,
    /// `万元`, `元`, `亿元`, `%`, `个百分点`, `辆`, `台（套）`, `平方米`. Normalised: a bare `万` after
    /// a figure is `万元`, `％` is `%`, `台/套` and `台(套)` are `台（套）`.
    pub unit: String,
    /// The 科目 or item the figure belongs to, for `expenditure.function` and `<parent>.function`
    /// keys (`一般公共服务支出-政府办公厅（室）及相关机构事务-行政运行`).
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub subject: Option<String>,
    /// True when the value is stated in words, not printed as a figure (持平 → 0); the span then
    /// covers the words.
    #[serde(default, skip_serializing_if = "std::ops::Not::not")]
    pub worded: bool,
    /// The sentence that states it.
    pub text: String,
    /// Where the figure itself was printed (line, 1-based character column, length).
    pub span: Span,
}

/// A procurement table (政府采购预算表).
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize, JsonSchema)]
pub struct ProcurementTable {
    /// The title as printed (`部门政府采购预算`).
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
    /// The amount by fund source: `general_public` (一般公共预算拨款), `government_fund` (基金预算拨款),
    /// `state_capital` (国有资本经营预算拨款), `fiscal_special_account` (财政专户核拨), `unit_funds`
    /// (单位资金), `fiscal_carryover` (财政拨款结转), `non_fiscal_carryover` (非财政拨款结转结余).
    #[serde(default, skip_serializing_if = "std::collections::BTreeMap::is_empty")]
    pub by_source: std::collections::BTreeMap<String, Decimal>,
    /// 合计 / 小计 lines.
    #[serde(default, skip_serializing_if = "std::ops::Not::not")]
    pub is_total: bool,
    /// 预留中小微企业份额 (the share reserved for small and micro firms).
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub reserved_sme: Option<Decimal>,
    /// Values whose column could not be placed with confidence, by field name (`total`,
    /// `unit_price`, `reserved_sme`, `by_source.state_capital`, …): no rule should judge them.
    #[serde(default, skip_serializing_if = "Vec::is_empty")]
    pub uncertain: Vec<String>,
    /// Where each value was printed, by the same field names.
    #[serde(default, skip_serializing_if = "std::collections::BTreeMap::is_empty")]
    pub spans: std::collections::BTreeMap<String, Span>,
    /// The row's first line.
    pub span: Span,
}

/// An asset table (国有资产占有使用情况 / 固定资产占用情况表).
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize, JsonSchema)]
pub struct AssetTable {
    /// The title as printed (`部门固定资产占用情况表`).
    pub title: String,
    /// The unit of the amounts (`价值（金额单位：万元）`).
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub unit: Option<MoneyUnit>,
    /// 截止时间 as printed (`2021-12-31`, `2022年12月31日`).
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub as_of: Option<String>,
    pub rows: Vec<AssetRow>,
    pub span: Span,
    pub end_line: u32,
}

/// One line of an asset table (资产总额, 房屋, 车辆, 单价在…以上的设备, 其他).
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize, JsonSchema)]
pub struct AssetRow {
    pub name: String,
    /// What the line is: `total` (资产总额), `buildings` (房屋), `buildings.office` (其中：办公用房),
    /// `vehicles` (车辆), `equipment` (单价在…以上的设备), `land` (土地), `other` (其他固定资产).
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub item: Option<String>,
    /// 数量 (square metres, vehicles, items — the unit is in the name).
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub quantity: Option<Decimal>,
    /// 金额 / 价值.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub amount: Option<Decimal>,
    /// Where `quantity` and `amount` were printed.
    #[serde(default, skip_serializing_if = "std::collections::BTreeMap::is_empty")]
    pub spans: std::collections::BTreeMap<String, Span>,
    pub span: Span,
}

/// A unit of the department: a line of the 机构设置 table (单位名称, 单位性质, 单位规格, 经费保障形式)
/// or of a final account's 单位构成 list (序号, 单位名称, 备注).
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
    /// 备注 (`预算不单列，并入本级`).
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub note: Option<String>,
    pub span: Span,
}
