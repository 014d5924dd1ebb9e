//! The closed vocabularies of the model: document kinds, table kinds, units and column keys.

use std::borrow::Cow;
use std::fmt;

use rust_decimal::Decimal;
use schemars::JsonSchema;
use serde::{Deserialize, Serialize};

/// What kind of document a disclosure is.
#[derive(
    Debug,
    Clone,
    Copy,
    PartialEq,
    Eq,
    Hash,
    PartialOrd,
    Ord,
    Default,
    Serialize,
    Deserialize,
    JsonSchema,
)]
#[serde(rename_all = "snake_case")]
pub enum DocumentKind {
    /// 部门预算: a department's budget, consolidating its units.
    DepartmentBudget,
    /// 单位预算: one budget unit's budget.
    UnitBudget,
    /// 部门决算: a department's final accounts.
    DepartmentFinalAccounts,
    /// 单位决算: one unit's final accounts.
    UnitFinalAccounts,
    /// 整体绩效目标申报表 / 绩效目标: performance-target declarations without budget tables.
    PerformanceDeclaration,
    /// Not recognisable from the document's own words.
    #[default]
    Unknown,
}

impl DocumentKind {
    pub fn as_str(self) -> &'static str {
        match self {
            DocumentKind::DepartmentBudget => "department_budget",
            DocumentKind::UnitBudget => "unit_budget",
            DocumentKind::DepartmentFinalAccounts => "department_final_accounts",
            DocumentKind::UnitFinalAccounts => "unit_final_accounts",
            DocumentKind::PerformanceDeclaration => "performance_declaration",
            DocumentKind::Unknown => "unknown",
        }
    }

    /// True for 决算 (final accounts) documents.
    pub fn is_final_accounts(self) -> bool {
        matches!(
            self,
            DocumentKind::DepartmentFinalAccounts | DocumentKind::UnitFinalAccounts
        )
    }
}

impl fmt::Display for DocumentKind {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str(self.as_str())
    }
}

/// The nine standard tables (公开表). Names vary by province and year; see DOMAIN.md §1.
#[derive(
    Debug, Clone, Copy, PartialEq, Eq, Hash, PartialOrd, Ord, Serialize, Deserialize, JsonSchema,
)]
#[serde(rename_all = "snake_case")]
pub enum TableKind {
    /// 收支总表 / 财务收支预算总表 / 收入支出决算总表.
    IncomeExpenseSummary,
    /// 收入总表 / 收入预算总表 / 收入决算表.
    Income,
    /// 支出总表 / 支出预算总表 / 支出决算表.
    Expenditure,
    /// 财政拨款收支总表 / 财政拨款收入支出决算总表.
    FiscalSummary,
    /// 一般公共预算财政拨款支出表 / 一般公共预算支出功能分类预算表.
    GeneralPublicExpenditure,
    /// 一般公共预算财政拨款基本支出表 / …基本支出部门预算经济分类预算表.
    BasicExpenditure,
    /// 政府性基金预算财政拨款支出表.
    GovernmentFundExpenditure,
    /// 国有资本经营预算财政拨款支出表.
    StateCapitalExpenditure,
    /// 财政拨款"三公"经费支出表 / "三公"经费和机关运行经费预算表.
    ThreePublic,
}

impl TableKind {
    pub const ALL: [TableKind; 9] = [
        TableKind::IncomeExpenseSummary,
        TableKind::Income,
        TableKind::Expenditure,
        TableKind::FiscalSummary,
        TableKind::GeneralPublicExpenditure,
        TableKind::BasicExpenditure,
        TableKind::GovernmentFundExpenditure,
        TableKind::StateCapitalExpenditure,
        TableKind::ThreePublic,
    ];

    pub fn as_str(self) -> &'static str {
        match self {
            TableKind::IncomeExpenseSummary => "income_expense_summary",
            TableKind::Income => "income",
            TableKind::Expenditure => "expenditure",
            TableKind::FiscalSummary => "fiscal_summary",
            TableKind::GeneralPublicExpenditure => "general_public_expenditure",
            TableKind::BasicExpenditure => "basic_expenditure",
            TableKind::GovernmentFundExpenditure => "government_fund_expenditure",
            TableKind::StateCapitalExpenditure => "state_capital_expenditure",
            TableKind::ThreePublic => "three_public",
        }
    }

    /// A short Chinese name for display.
    pub fn chinese_name(self) -> &'static str {
        match self {
            TableKind::IncomeExpenseSummary => "收支总表",
            TableKind::Income => "收入总表",
            TableKind::Expenditure => "支出总表",
            TableKind::FiscalSummary => "财政拨款收支总表",
            TableKind::GeneralPublicExpenditure => "一般公共预算财政拨款支出表",
            TableKind::BasicExpenditure => "一般公共预算财政拨款基本支出表",
            TableKind::GovernmentFundExpenditure => "政府性基金预算财政拨款支出表",
            TableKind::StateCapitalExpenditure => "国有资本经营预算财政拨款支出表",
            TableKind::ThreePublic => "财政拨款“三公”经费支出表",
        }
    }

    /// True for the two-sided summary tables (income on the left, expenditure on the right).
    pub fn is_two_sided(self) -> bool {
        matches!(
            self,
            TableKind::IncomeExpenseSummary | TableKind::FiscalSummary
        )
    }

    /// True for tables whose rows are classified by functional code (支出功能分类).
    pub fn has_functional_codes(self) -> bool {
        matches!(
            self,
            TableKind::Income
                | TableKind::Expenditure
                | TableKind::GeneralPublicExpenditure
                | TableKind::GovernmentFundExpenditure
                | TableKind::StateCapitalExpenditure
        )
    }
}

impl fmt::Display for TableKind {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str(self.as_str())
    }
}

/// The money unit a table or figure is printed in.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, Serialize, Deserialize, JsonSchema)]
#[serde(rename_all = "snake_case")]
pub enum MoneyUnit {
    /// 元.
    Yuan,
    /// 万元 = 10,000 元.
    WanYuan,
}

impl MoneyUnit {
    /// How many 元 one of this unit is.
    pub fn in_yuan(self) -> Decimal {
        match self {
            MoneyUnit::Yuan => Decimal::ONE,
            MoneyUnit::WanYuan => Decimal::from(10_000),
        }
    }

    /// Converts an amount printed in `self` into `to`, exactly.
    pub fn convert(self, amount: Decimal, to: MoneyUnit) -> Decimal {
        amount * self.in_yuan() / to.in_yuan()
    }

    pub fn chinese(self) -> &'static str {
        match self {
            MoneyUnit::Yuan => "元",
            MoneyUnit::WanYuan => "万元",
        }
    }
}

/// A stable English key for an amount column.
///
/// The well-known keys are associated constants; a column the extractor cannot name gets the key
/// `col_N` (its 1-based position among the amount columns) and keeps its printed label.
#[derive(Debug, Clone, PartialEq, Eq, Hash, PartialOrd, Ord, Serialize, Deserialize)]
#[serde(transparent)]
pub struct ColumnKey(Cow<'static, str>);

macro_rules! column_keys {
    ($($(#[$doc:meta])* $name:ident = $key:literal;)*) => {
        impl ColumnKey {
            $($(#[$doc])* pub const $name: ColumnKey = ColumnKey(Cow::Borrowed($key));)*
            /// Every well-known key, in a stable order.
            pub const WELL_KNOWN: &'static [ColumnKey] = &[$(ColumnKey::$name),*];
        }
    };
}

column_keys! {
    /// 合计 / 总计.
    TOTAL = "total";
    /// 小计 (本年收入小计).
    SUBTOTAL = "subtotal";
    /// 基本支出.
    BASIC = "basic";
    /// 项目支出.
    PROJECT = "project";
    /// 人员经费.
    PERSONNEL = "personnel";
    /// 公用经费 / 日常公用经费.
    PUBLIC_USE = "public_use";
    /// 财政拨款收入 (all appropriations together).
    FISCAL_APPROPRIATION = "fiscal_appropriation";
    /// 一般公共预算 (财政拨款).
    GENERAL_PUBLIC = "general_public";
    /// 政府性基金预算 (财政拨款).
    GOVERNMENT_FUND = "government_fund";
    /// 国有资本经营预算 (财政拨款).
    STATE_CAPITAL = "state_capital";
    /// 财政专户管理资金收入 / 财政专户收入.
    FISCAL_SPECIAL_ACCOUNT = "fiscal_special_account";
    /// 事业收入.
    BUSINESS_INCOME = "business_income";
    /// 事业单位经营收入 / 经营收入.
    OPERATING_INCOME = "operating_income";
    /// 上级补助收入.
    SUPERIOR_SUBSIDY = "superior_subsidy";
    /// 附属单位上缴收入.
    SUBORDINATE_REMITTANCE = "subordinate_remittance";
    /// 其他收入.
    OTHER_INCOME = "other_income";
    /// 单位资金 (non-appropriated funds, some templates).
    UNIT_FUNDS = "unit_funds";
    /// 上年结转(结余) / 年初结转和结余.
    CARRYOVER = "carryover";
    /// 年末结转和结余.
    CLOSING_BALANCE = "closing_balance";
    /// 经营支出.
    OPERATING_EXPENDITURE = "operating_expenditure";
    /// 上缴上级支出.
    REMIT_TO_SUPERIOR = "remit_to_superior";
    /// 对附属单位补助支出.
    SUBSIDY_TO_SUBORDINATE = "subsidy_to_subordinate";
    /// 预算数 (the single amount column of a budget summary table).
    AMOUNT = "amount";
    /// 年初预算数 / 预算数 in final accounts.
    BUDGET = "budget";
    /// 决算数.
    ACTUAL = "actual";
    /// 因公出国(境)费.
    OUTBOUND = "outbound";
    /// 公务用车购置及运行(维护)费.
    VEHICLE = "vehicle";
    /// 公务用车购置费.
    VEHICLE_PURCHASE = "vehicle_purchase";
    /// 公务用车运行(维护)费.
    VEHICLE_OPERATION = "vehicle_operation";
    /// 公务接待费.
    RECEPTION = "reception";
    /// 机关运行经费.
    OPERATION_COST = "operation_cost";
}

impl ColumnKey {
    /// The key of an amount column that has no well-known meaning: `col_N`.
    pub fn positional(n: usize) -> ColumnKey {
        ColumnKey(Cow::Owned(format!("col_{n}")))
    }

    pub fn as_str(&self) -> &str {
        &self.0
    }

    /// True when the key is one of [`ColumnKey::WELL_KNOWN`].
    pub fn is_well_known(&self) -> bool {
        ColumnKey::WELL_KNOWN.contains(self)
    }
}

impl JsonSchema for ColumnKey {
    fn schema_name() -> Cow<'static, str> {
        "ColumnKey".into()
    }

    fn json_schema(_: &mut schemars::SchemaGenerator) -> schemars::Schema {
        let known: Vec<&str> = ColumnKey::WELL_KNOWN
            .iter()
            .map(ColumnKey::as_str)
            .collect();
        schemars::json_schema!({
            "description": "A stable English key for an amount column: one of the well-known keys \
                (total 合计, subtotal 小计, basic 基本支出, project 项目支出, personnel 人员经费, \
                public_use 公用经费, …), or `col_N` for a column whose header has no known meaning.",
            "type": "string",
            "anyOf": [ { "enum": known }, { "pattern": "^col_[0-9]+$" } ]
        })
    }
}

impl From<&str> for ColumnKey {
    fn from(s: &str) -> Self {
        match ColumnKey::WELL_KNOWN.iter().find(|k| k.as_str() == s) {
            Some(k) => k.clone(),
            None => ColumnKey(Cow::Owned(s.to_owned())),
        }
    }
}

impl fmt::Display for ColumnKey {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str(&self.0)
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use std::str::FromStr;

    #[test]
    fn converts_between_units_exactly() {
        let wan = Decimal::from_str("0.01").unwrap();
        assert_eq!(
            MoneyUnit::WanYuan.convert(wan, MoneyUnit::Yuan),
            Decimal::from(100)
        );
        let yuan = Decimal::from_str("46140000.00").unwrap();
        assert_eq!(
            MoneyUnit::Yuan.convert(yuan, MoneyUnit::WanYuan),
            Decimal::from_str("4614").unwrap()
        );
    }

    #[test]
    fn column_keys_round_trip_as_plain_strings() {
        let json = serde_json::to_string(&ColumnKey::PUBLIC_USE).unwrap();
        assert_eq!(json, "\"public_use\"");
        let back: ColumnKey = serde_json::from_str(&json).unwrap();
        assert_eq!(back, ColumnKey::PUBLIC_USE);
        assert!(back.is_well_known());
        assert!(!ColumnKey::positional(3).is_well_known());
    }
}
