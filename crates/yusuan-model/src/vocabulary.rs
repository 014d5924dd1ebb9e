//! The domain vocabulary (术语): the stable keys the model describes a disclosure with, each with
//! its canonical Chinese label and the words it is recognised by.
//!
//! - [`ItemKey`]: what a line of a summary or 三公 table stands for (`income.general_public`);
//! - [`FactKey`]: what a figure of the explanation is (`three_public.vehicle.purchase`), see
//!   [`crate::NarrativeFact`] for the grammar of keys;
//! - [`crate::ColumnKey`]: what an amount column holds (`outbound`).
//!
//! Keys serialise to the same strings as they always have. A concept printed both as a line and
//! as a column, or named by the explanation, is one value of a concept type that knows all its
//! keys: [`ThreePublicItem`] (三公), [`FundSource`] (the income sources of 收入总表 and 收支总表).
//!
//! Adding a key: one line in [`ITEMS`] (an item) or [`FACT_SUBJECTS`] (a fact subject) with its
//! label and aliases, in recognition order within its group; a new concept spans several
//! vocabularies only through its concept type.

use std::borrow::{Borrow, Cow};
use std::fmt;
use std::ops::Deref;

use schemars::JsonSchema;
use serde::{Deserialize, Serialize};

use crate::ColumnKey;

/// How a printed name (white space removed) is recognised: it contains every word of `all` (or
/// equals `all[0]` when `exact`) and none of `none`.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct Alias {
    pub all: &'static [&'static str],
    pub none: &'static [&'static str],
    pub exact: bool,
}

impl Alias {
    /// A name containing every one of `words`.
    pub const fn has(words: &'static [&'static str]) -> Alias {
        Alias {
            all: words,
            none: &[],
            exact: false,
        }
    }

    /// A name that is exactly `word`.
    pub const fn is(word: &'static [&'static str]) -> Alias {
        Alias {
            all: word,
            none: &[],
            exact: true,
        }
    }

    /// The same alias, unless the name contains one of `words`.
    pub const fn but(self, words: &'static [&'static str]) -> Alias {
        Alias {
            all: self.all,
            none: words,
            exact: self.exact,
        }
    }

    /// True when `name` (white space removed) is this alias.
    pub fn matches(&self, name: &str) -> bool {
        let hit = if self.exact {
            self.all.first().is_some_and(|w| name == *w)
        } else {
            self.all.iter().all(|w| name.contains(w))
        };
        hit && !self.none.iter().any(|w| name.contains(w))
    }
}

/// A key of the vocabulary with its canonical Chinese label and its recognition aliases.
#[derive(Debug, Clone)]
pub struct Term<K: 'static> {
    pub key: K,
    /// The canonical Chinese name (`因公出国（境）费`).
    pub label: &'static str,
    /// The printed names that mean it, tried in order.
    pub aliases: &'static [Alias],
}

impl<K> Term<K> {
    /// True when one of the aliases matches `name` (white space removed).
    pub fn matches(&self, name: &str) -> bool {
        self.aliases.iter().any(|a| a.matches(name))
    }
}

macro_rules! string_key {
    ($(#[$doc:meta])* $name:ident) => {
        $(#[$doc])*
        #[derive(Debug, Clone, PartialEq, Eq, Hash, PartialOrd, Ord, Serialize, Deserialize)]
        #[serde(transparent)]
        pub struct $name(Cow<'static, str>);

        impl $name {
            /// A key known at compile time.
            pub const fn new(key: &'static str) -> Self {
                $name(Cow::Borrowed(key))
            }

            pub fn as_str(&self) -> &str {
                &self.0
            }
        }

        impl Deref for $name {
            type Target = str;
            fn deref(&self) -> &str {
                &self.0
            }
        }

        impl Borrow<str> for $name {
            fn borrow(&self) -> &str {
                &self.0
            }
        }

        impl AsRef<str> for $name {
            fn as_ref(&self) -> &str {
                &self.0
            }
        }

        impl fmt::Display for $name {
            fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
                // Honours width and alignment (`{:<40}`), as a `String` does.
                f.pad(&self.0)
            }
        }

        impl From<&str> for $name {
            fn from(s: &str) -> Self {
                $name(Cow::Owned(s.to_owned()))
            }
        }

        impl From<String> for $name {
            fn from(s: String) -> Self {
                $name(Cow::Owned(s))
            }
        }

        impl From<$name> for String {
            fn from(k: $name) -> String {
                k.0.into_owned()
            }
        }

        impl PartialEq<str> for $name {
            fn eq(&self, other: &str) -> bool {
                self.0 == other
            }
        }

        impl PartialEq<&str> for $name {
            fn eq(&self, other: &&str) -> bool {
                self.0 == *other
            }
        }

        impl PartialEq<String> for $name {
            fn eq(&self, other: &String) -> bool {
                self.0 == other.as_str()
            }
        }
    };
}

string_key! {
    /// What a line of a summary or 三公 table stands for (`income.general_public`,
    /// `expenditure.grand_total`, `three_public.reception`): one of [`ITEMS`].
    ItemKey
}

string_key! {
    /// What a figure of the explanation is: `[change.]<subject>[.<qualifier>]`, the subject one of
    /// [`FACT_SUBJECTS`] or built from them (see [`crate::NarrativeFact`]).
    FactKey
}

impl JsonSchema for ItemKey {
    fn schema_name() -> Cow<'static, str> {
        "ItemKey".into()
    }

    fn json_schema(_: &mut schemars::SchemaGenerator) -> schemars::Schema {
        let known: Vec<&str> = ITEMS.iter().map(|t| t.key.as_str()).collect();
        schemars::json_schema!({
            "description": "What a line of a summary or 三公 table stands for: `<group>.<item>` \
                (income.general_public 一般公共预算拨款收入, expenditure.grand_total 支出总计, \
                three_public.reception 公务接待费, …).",
            "type": "string",
            "enum": known
        })
    }
}

impl JsonSchema for FactKey {
    fn schema_name() -> Cow<'static, str> {
        "FactKey".into()
    }

    fn json_schema(_: &mut schemars::SchemaGenerator) -> schemars::Schema {
        schemars::json_schema!({
            "description": "What a figure of the explanation is: `[change.]<subject>[.<qualifier>]` \
                (income.general_public, three_public.vehicle.purchase, change.expenditure.total.percent, …).",
            "type": "string"
        })
    }
}

/// The table groups whose lines carry items: the prefix of their keys.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum ItemGroup {
    /// 三公 table lines.
    ThreePublic,
    /// The income (收入) side of a summary.
    Income,
    /// The expenditure (支出) side of a summary.
    Expenditure,
}

impl ItemGroup {
    pub fn prefix(self) -> &'static str {
        match self {
            ItemGroup::ThreePublic => "three_public.",
            ItemGroup::Income => "income.",
            ItemGroup::Expenditure => "expenditure.",
        }
    }
}

macro_rules! items {
    ($($(#[$doc:meta])* $name:ident = $key:literal, $label:literal, [$($alias:expr),* $(,)?];)*) => {
        impl ItemKey {
            $($(#[$doc])* pub const $name: ItemKey = ItemKey::new($key);)*
        }

        /// Every item, with its label and aliases, in recognition order within each group.
        pub const ITEMS: &[Term<ItemKey>] = &[$(Term {
            key: ItemKey::$name,
            label: $label,
            aliases: &[$($alias),*],
        }),*];
    };
}

const fn has(w: &'static [&'static str]) -> Alias {
    Alias::has(w)
}
const fn is(w: &'static [&'static str]) -> Alias {
    Alias::is(w)
}

items! {
    /// 因公出国（境）费.
    THREE_PUBLIC_OUTBOUND = "three_public.outbound", "因公出国（境）费", [has(&["因公出国"])];
    /// 公务用车购置费.
    THREE_PUBLIC_VEHICLE_PURCHASE = "three_public.vehicle_purchase", "公务用车购置费",
        [has(&["购置费"]).but(&["运行"])];
    /// 公务用车购置及运行（维护）费.
    THREE_PUBLIC_VEHICLE = "three_public.vehicle", "公务用车购置及运行费",
        [has(&["公务用车", "购置及"]), has(&["公务用车", "购置和"])];
    /// 公务用车运行维护费.
    THREE_PUBLIC_VEHICLE_OPERATION = "three_public.vehicle_operation", "公务用车运行维护费",
        [has(&["运行", "维护费"]), has(&["运行费"])];
    /// 公务接待费.
    THREE_PUBLIC_RECEPTION = "three_public.reception", "公务接待费", [has(&["接待"])];
    /// 机关运行经费 (printed with the 三公 table, not part of its total).
    THREE_PUBLIC_OPERATION_COST = "three_public.operation_cost", "机关运行经费", [has(&["机关运行经费"])];
    /// “三公”经费合计.
    THREE_PUBLIC_TOTAL = "three_public.total", "“三公”经费合计", [has(&["合计"]), has(&["总计"])];

    /// 本年收入合计.
    INCOME_CURRENT_YEAR_TOTAL = "income.current_year_total", "本年收入合计",
        [has(&["本年收入合计"]), is(&["本年收入"]), is(&["收入合计"])];
    /// 收入总计.
    INCOME_GRAND_TOTAL = "income.grand_total", "收入总计", [has(&["收入总计"]), is(&["总计"])];
    /// 上年结转结余 / 年初结转和结余.
    INCOME_CARRYOVER = "income.carryover", "上年结转结余", [has(&["上年", "结转"]), has(&["年初", "结转"])];
    /// 使用非财政拨款结余.
    INCOME_USE_OF_BALANCE = "income.use_of_balance", "使用非财政拨款结余", [has(&["使用非财政拨款结余"])];
    /// 一般公共预算拨款收入.
    INCOME_GENERAL_PUBLIC = "income.general_public", "一般公共预算拨款收入", [has(&["一般公共预算"])];
    /// 政府性基金预算拨款收入.
    INCOME_GOVERNMENT_FUND = "income.government_fund", "政府性基金预算拨款收入", [has(&["政府性基金"])];
    /// 国有资本经营预算拨款收入.
    INCOME_STATE_CAPITAL = "income.state_capital", "国有资本经营预算拨款收入", [has(&["国有资本经营"])];
    /// 财政拨款收入.
    INCOME_FISCAL_APPROPRIATION = "income.fiscal_appropriation", "财政拨款收入", [has(&["财政拨款"])];
    /// 财政专户管理资金收入.
    INCOME_FISCAL_SPECIAL_ACCOUNT = "income.fiscal_special_account", "财政专户管理资金收入", [has(&["财政专户"])];
    /// 事业单位经营收入.
    INCOME_OPERATING = "income.operating", "事业单位经营收入", [has(&["经营收入"])];
    /// 事业收入.
    INCOME_BUSINESS = "income.business", "事业收入", [has(&["事业收入"])];
    /// 上级补助收入.
    INCOME_SUPERIOR_SUBSIDY = "income.superior_subsidy", "上级补助收入", [has(&["上级补助"])];
    /// 附属单位上缴收入.
    INCOME_SUBORDINATE_REMITTANCE = "income.subordinate_remittance", "附属单位上缴收入", [has(&["附属单位上缴"])];
    /// 其他收入.
    INCOME_OTHER = "income.other", "其他收入", [has(&["其他收入"])];
    /// 单位资金.
    INCOME_UNIT_FUNDS = "income.unit_funds", "单位资金", [has(&["单位资金"])];

    /// 本年支出合计.
    EXPENDITURE_CURRENT_YEAR_TOTAL = "expenditure.current_year_total", "本年支出合计",
        [has(&["本年支出合计"]), is(&["支出合计"])];
    /// 支出总计.
    EXPENDITURE_GRAND_TOTAL = "expenditure.grand_total", "支出总计", [has(&["支出总计"]), is(&["总计"])];
    /// 年末结转和结余.
    EXPENDITURE_CLOSING_BALANCE = "expenditure.closing_balance", "年末结转和结余",
        [has(&["年终", "结转"]), has(&["年末", "结转"])];
    /// 结余分配.
    EXPENDITURE_BALANCE_DISTRIBUTION = "expenditure.balance_distribution", "结余分配", [has(&["结余分配"])];
}

impl ItemKey {
    /// The item a printed line name stands for in a group: the first term of the group (in
    /// [`ITEMS`] order) one of whose aliases matches the name (white space removed).
    pub fn recognise(group: ItemGroup, name: &str) -> Option<ItemKey> {
        ITEMS
            .iter()
            .filter(|t| t.key.starts_with(group.prefix()))
            .find(|t| t.matches(name))
            .map(|t| t.key.clone())
    }

    /// The term of this key, when it is one of [`ITEMS`].
    pub fn term(&self) -> Option<&'static Term<ItemKey>> {
        ITEMS.iter().find(|t| &t.key == self)
    }

    /// The canonical Chinese label.
    pub fn label(&self) -> Option<&'static str> {
        self.term().map(|t| t.label)
    }
}

/// The figures of the “三公”经费 table (财政拨款“三公”经费支出表), and 机关运行经费 printed with it.
///
/// The same figure is a line of the table ([`ItemKey`]), a column when the table is printed as one
/// row ([`ColumnKey`]) and a figure of the explanation ([`FactKey`]); this type holds all three.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, PartialOrd, Ord)]
pub enum ThreePublicItem {
    /// “三公”经费合计.
    Total,
    /// 因公出国（境）费.
    Outbound,
    /// 公务用车购置及运行（维护）费.
    Vehicle,
    /// 公务用车购置费.
    VehiclePurchase,
    /// 公务用车运行（维护）费.
    VehicleOperation,
    /// 公务接待费.
    Reception,
    /// 机关运行经费.
    OperationCost,
}

impl ThreePublicItem {
    /// Every item, in the order the tables print them.
    pub const ALL: [ThreePublicItem; 7] = [
        ThreePublicItem::Total,
        ThreePublicItem::Outbound,
        ThreePublicItem::Vehicle,
        ThreePublicItem::VehiclePurchase,
        ThreePublicItem::VehicleOperation,
        ThreePublicItem::Reception,
        ThreePublicItem::OperationCost,
    ];

    /// The line's item key (`three_public.vehicle_purchase`).
    pub fn item(self) -> ItemKey {
        match self {
            ThreePublicItem::Total => ItemKey::THREE_PUBLIC_TOTAL,
            ThreePublicItem::Outbound => ItemKey::THREE_PUBLIC_OUTBOUND,
            ThreePublicItem::Vehicle => ItemKey::THREE_PUBLIC_VEHICLE,
            ThreePublicItem::VehiclePurchase => ItemKey::THREE_PUBLIC_VEHICLE_PURCHASE,
            ThreePublicItem::VehicleOperation => ItemKey::THREE_PUBLIC_VEHICLE_OPERATION,
            ThreePublicItem::Reception => ItemKey::THREE_PUBLIC_RECEPTION,
            ThreePublicItem::OperationCost => ItemKey::THREE_PUBLIC_OPERATION_COST,
        }
    }

    /// The column key when the table prints the item as a column (`vehicle_purchase`).
    pub fn column(self) -> ColumnKey {
        match self {
            ThreePublicItem::Total => ColumnKey::TOTAL,
            ThreePublicItem::Outbound => ColumnKey::OUTBOUND,
            ThreePublicItem::Vehicle => ColumnKey::VEHICLE,
            ThreePublicItem::VehiclePurchase => ColumnKey::VEHICLE_PURCHASE,
            ThreePublicItem::VehicleOperation => ColumnKey::VEHICLE_OPERATION,
            ThreePublicItem::Reception => ColumnKey::RECEPTION,
            ThreePublicItem::OperationCost => ColumnKey::OPERATION_COST,
        }
    }

    /// The explanation's key for the figure (`three_public.vehicle.purchase`).
    pub fn fact(self) -> FactKey {
        match self {
            ThreePublicItem::Total => FactKey::THREE_PUBLIC_TOTAL,
            ThreePublicItem::Outbound => FactKey::THREE_PUBLIC_OUTBOUND,
            ThreePublicItem::Vehicle => FactKey::THREE_PUBLIC_VEHICLE,
            ThreePublicItem::VehiclePurchase => FactKey::THREE_PUBLIC_VEHICLE_PURCHASE,
            ThreePublicItem::VehicleOperation => FactKey::THREE_PUBLIC_VEHICLE_OPERATION,
            ThreePublicItem::Reception => FactKey::THREE_PUBLIC_RECEPTION,
            ThreePublicItem::OperationCost => FactKey::OPERATION_COST,
        }
    }

    /// The canonical Chinese label (`公务用车购置费`).
    pub fn label(self) -> &'static str {
        self.item().label().unwrap_or_default()
    }

    /// The items this one is the sum of (合计 = 因公出国 + 公务用车 + 公务接待; 公务用车 = 购置 + 运行).
    pub fn parts(self) -> &'static [ThreePublicItem] {
        match self {
            ThreePublicItem::Total => &[
                ThreePublicItem::Outbound,
                ThreePublicItem::Vehicle,
                ThreePublicItem::Reception,
            ],
            ThreePublicItem::Vehicle => &[
                ThreePublicItem::VehiclePurchase,
                ThreePublicItem::VehicleOperation,
            ],
            _ => &[],
        }
    }

    pub fn of_item(key: &str) -> Option<ThreePublicItem> {
        Self::ALL.into_iter().find(|i| i.item() == key)
    }

    pub fn of_column(key: &ColumnKey) -> Option<ThreePublicItem> {
        Self::ALL.into_iter().find(|i| &i.column() == key)
    }

    pub fn of_fact(key: &str) -> Option<ThreePublicItem> {
        Self::ALL.into_iter().find(|i| i.fact() == key)
    }
}

/// An income source (收入来源) as a line of the 收支总表 ([`ItemKey`]) and as a column of the
/// 收入总表 ([`ColumnKey`]).
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct FundSource {
    pub item: ItemKey,
    pub column: ColumnKey,
}

/// The appropriations (财政拨款) by fund: 一般公共预算, 政府性基金, 国有资本经营.
pub const APPROPRIATION_SOURCES: &[FundSource] = &[
    FundSource {
        item: ItemKey::INCOME_GENERAL_PUBLIC,
        column: ColumnKey::GENERAL_PUBLIC,
    },
    FundSource {
        item: ItemKey::INCOME_GOVERNMENT_FUND,
        column: ColumnKey::GOVERNMENT_FUND,
    },
    FundSource {
        item: ItemKey::INCOME_STATE_CAPITAL,
        column: ColumnKey::STATE_CAPITAL,
    },
];

/// The other income sources, 上年结转 last.
pub const OTHER_SOURCES: &[FundSource] = &[
    FundSource {
        item: ItemKey::INCOME_FISCAL_SPECIAL_ACCOUNT,
        column: ColumnKey::FISCAL_SPECIAL_ACCOUNT,
    },
    FundSource {
        item: ItemKey::INCOME_BUSINESS,
        column: ColumnKey::BUSINESS_INCOME,
    },
    FundSource {
        item: ItemKey::INCOME_OPERATING,
        column: ColumnKey::OPERATING_INCOME,
    },
    FundSource {
        item: ItemKey::INCOME_SUPERIOR_SUBSIDY,
        column: ColumnKey::SUPERIOR_SUBSIDY,
    },
    FundSource {
        item: ItemKey::INCOME_SUBORDINATE_REMITTANCE,
        column: ColumnKey::SUBORDINATE_REMITTANCE,
    },
    FundSource {
        item: ItemKey::INCOME_OTHER,
        column: ColumnKey::OTHER_INCOME,
    },
    FundSource {
        item: ItemKey::INCOME_UNIT_FUNDS,
        column: ColumnKey::UNIT_FUNDS,
    },
    FundSource {
        item: ItemKey::INCOME_CARRYOVER,
        column: ColumnKey::CARRYOVER,
    },
];

macro_rules! fact_subjects {
    ($($(#[$doc:meta])* $name:ident = $key:literal, $label:literal;)*) => {
        impl FactKey {
            $($(#[$doc])* pub const $name: FactKey = FactKey::new($key);)*
        }

        /// The named subjects of explanation figures with their labels.
        pub const FACT_SUBJECTS: &[Term<FactKey>] = &[$(Term {
            key: FactKey::$name,
            label: $label,
            aliases: &[],
        }),*];
    };
}

fact_subjects! {
    /// 收支总计.
    TOTAL = "total", "收支总计";
    /// 财政拨款收入支出总计.
    FISCAL_APPROPRIATION_TOTAL = "fiscal_appropriation.total", "财政拨款收支总计";
    /// 收入合计.
    INCOME_TOTAL = "income.total", "收入合计";
    /// 支出合计.
    EXPENDITURE_TOTAL = "expenditure.total", "支出合计";
    /// A 科目 of the explanation's numbered list.
    EXPENDITURE_FUNCTION = "expenditure.function", "支出功能分类科目";
    /// 机关运行经费.
    OPERATION_COST = "operation_cost", "机关运行经费";
    /// “三公”经费.
    THREE_PUBLIC_TOTAL = "three_public.total", "“三公”经费";
    /// 因公出国（境）费.
    THREE_PUBLIC_OUTBOUND = "three_public.outbound", "因公出国（境）费";
    /// 公务用车购置及运行费.
    THREE_PUBLIC_VEHICLE = "three_public.vehicle", "公务用车购置及运行费";
    /// 公务用车购置费.
    THREE_PUBLIC_VEHICLE_PURCHASE = "three_public.vehicle.purchase", "公务用车购置费";
    /// 公务用车运行维护费.
    THREE_PUBLIC_VEHICLE_OPERATION = "three_public.vehicle.operation", "公务用车运行维护费";
    /// 公务接待费.
    THREE_PUBLIC_RECEPTION = "three_public.reception", "公务接待费";
    /// 外宾接待费.
    THREE_PUBLIC_RECEPTION_FOREIGN = "three_public.reception.foreign", "外宾接待费";
}

impl FactKey {
    /// The key of a change of this subject against an earlier year (`change.<key>`).
    pub fn change(&self) -> FactKey {
        FactKey(Cow::Owned(format!("change.{}", self.0)))
    }

    /// This key with a qualifier (`<key>.share`).
    pub fn qualified(&self, qualifier: &str) -> FactKey {
        FactKey(Cow::Owned(format!("{}.{qualifier}", self.0)))
    }

    /// The canonical label of a named subject.
    pub fn label(&self) -> Option<&'static str> {
        FACT_SUBJECTS
            .iter()
            .find(|t| &t.key == self)
            .map(|t| t.label)
    }
}

/// The words that name an explanation figure's subject, by family, each list in recognition order
/// (the first alias contained in the figure's label wins). `yusuan-extract` decides which family
/// a label belongs to from its section; these lists decide the key.
pub mod fact_aliases {
    use super::{Alias, FactKey};

    const fn has(w: &'static [&'static str]) -> Alias {
        Alias::has(w)
    }

    /// 三公经费 (the label names the item; 三公 alone is the total).
    pub const THREE_PUBLIC: &[(Alias, FactKey)] = &[
        (has(&["因公出国"]), FactKey::THREE_PUBLIC_OUTBOUND),
        (has(&["外宾接待"]), FactKey::THREE_PUBLIC_RECEPTION_FOREIGN),
        (has(&["接待"]), FactKey::THREE_PUBLIC_RECEPTION),
        (has(&["购置及"]), FactKey::THREE_PUBLIC_VEHICLE),
        (has(&["购置和"]), FactKey::THREE_PUBLIC_VEHICLE),
        (has(&["购置"]), FactKey::THREE_PUBLIC_VEHICLE_PURCHASE),
        (has(&["运维"]), FactKey::THREE_PUBLIC_VEHICLE_OPERATION),
        (has(&["运行"]), FactKey::THREE_PUBLIC_VEHICLE_OPERATION),
        (has(&["维护"]), FactKey::THREE_PUBLIC_VEHICLE_OPERATION),
        (has(&["公务用车"]), FactKey::THREE_PUBLIC_VEHICLE),
        (has(&["公务车"]), FactKey::THREE_PUBLIC_VEHICLE),
        (has(&["三公"]), FactKey::THREE_PUBLIC_TOTAL),
    ];

    /// Words that put a label in the 三公 family.
    pub const THREE_PUBLIC_WORDS: &[&str] = &["三公", "因公出国", "公务用车", "公务车", "接待"];

    /// 机关运行经费.
    pub const OPERATION_COST: &[(Alias, FactKey)] = &[
        (has(&["机关运行经费"]), FactKey::OPERATION_COST),
        (has(&["运行经费"]), FactKey::OPERATION_COST),
    ];

    /// Final accounts: amounts awarded to small firms, named by the whole sentence.
    pub const PROCUREMENT_AWARDED: &[(Alias, FactKey)] = &[
        (
            has(&["面向小微企业预留"]),
            FactKey::new("procurement.awarded.small_micro_reserved"),
        ),
        (
            has(&["面向中小企业预留"]),
            FactKey::new("procurement.awarded.sme_reserved"),
        ),
        (
            has(&["其他政府采购项目"]),
            FactKey::new("procurement.awarded.sme_other"),
        ),
    ];

    /// 政府采购.
    pub const PROCUREMENT: &[(Alias, FactKey)] = &[
        (
            has(&["小型和微型", "预留"]),
            FactKey::new("procurement.reserved_small_micro"),
        ),
        (
            has(&["小微", "预留"]),
            FactKey::new("procurement.reserved_small_micro"),
        ),
        (
            has(&["中小企业", "预留"]),
            FactKey::new("procurement.reserved_sme"),
        ),
        (has(&["货物"]), FactKey::new("procurement.goods")),
        (has(&["工程"]), FactKey::new("procurement.works")),
        (has(&["服务"]), FactKey::new("procurement.services")),
        (
            has(&["采购"]).but(&["拟购置"]),
            FactKey::new("procurement.total"),
        ),
    ];

    /// Words that put a label in the procurement family within its section.
    pub const PROCUREMENT_WORDS: &[&str] =
        &["货物", "工程", "服务", "中小企业", "小微", "小型和微型"];

    /// 国有资产: the part after `assets.` (or `assets.planned_purchase.`); empty for 固定资产 itself.
    pub const ASSETS: &[(Alias, &str)] = &[
        (has(&["其他固定资产"]), "other_fixed"),
        (has(&["固定资产"]), ""),
        (has(&["流动资产"]), "current"),
        (has(&["长期投资"]), "long_term_investment"),
        (has(&["在建工程"]), "construction_in_progress"),
        (has(&["无形资产"]), "intangible"),
        // 单价100万元（含）以上设备（不含车辆）, 单价100万元以上专用设备.
        (
            has(&["单价", "以上", "设备", "通用设备"]),
            "equipment_over_threshold.general",
        ),
        (
            has(&["单价", "以上", "设备", "专用设备"]),
            "equipment_over_threshold.special",
        ),
        (has(&["单价", "以上", "设备"]), "equipment_over_threshold"),
        (has(&["办公用房"]), "buildings.office"),
        (has(&["房屋"]), "buildings"),
        (has(&["通用设备"]), "general_equipment"),
        (has(&["专用设备"]), "special_equipment"),
        (has(&["家具"]), "furniture"),
        (has(&["一般公务用车"]), "vehicles.general_official"),
        (has(&["部级领导"]), "vehicles.ministerial"),
        (has(&["主要领导"]), "vehicles.principal_leader"),
        (has(&["机要通信"]), "vehicles.confidential"),
        (has(&["应急保障"]), "vehicles.emergency"),
        (has(&["执法执勤"]), "vehicles.law_enforcement"),
        (has(&["特种专业"]), "vehicles.special_technical"),
        (has(&["离退休"]), "vehicles.retired_cadre"),
        (has(&["其他用车"]), "vehicles.other"),
        (has(&["车辆"]), "vehicles"),
    ];

    /// Words before a figure that make an asset one the budget plans to buy.
    pub const PLANNED_PURCHASE_WORDS: &[&str] = &["拟购置", "安排购置", "计划购置"];

    /// 基本支出 = 人员经费 + 公用经费; 项目支出.
    pub const EXPENDITURE: &[(Alias, FactKey)] = &[
        (
            has(&["人员经费"]),
            FactKey::new("expenditure.basic.personnel"),
        ),
        (
            has(&["人员支出"]),
            FactKey::new("expenditure.basic.personnel"),
        ),
        (
            has(&["公用经费"]),
            FactKey::new("expenditure.basic.public_use"),
        ),
        (
            has(&["公用支出"]),
            FactKey::new("expenditure.basic.public_use"),
        ),
        (has(&["基本支出"]), FactKey::new("expenditure.basic")),
        (has(&["项目支出"]), FactKey::new("expenditure.project")),
    ];

    /// Fund sources: the part after `income.` / `expenditure.`, and whether only income has it.
    pub const SOURCES: &[(Alias, &str, bool)] = &[
        (has(&["一般公共预算"]), "general_public", false),
        (has(&["政府性基金"]), "government_fund", false),
        (has(&["基金预算"]), "government_fund", false),
        (has(&["基金收入"]), "government_fund", false),
        (has(&["国有资本经营"]), "state_capital", false),
        (has(&["财政专户"]), "fiscal_special_account", true),
        (has(&["单位资金"]), "unit_funds", true),
        (has(&["其他来源"]), "other_sources", true),
        (has(&["上年结转"]), "carryover", true),
        (has(&["年初结转"]), "carryover", true),
        (has(&["经营收入"]), "operating", true),
        (has(&["事业收入"]), "business", true),
        (has(&["其他收入"]), "other", true),
        (has(&["财政拨款"]), "fiscal_appropriation", false),
    ];

    /// The first key of `table` whose alias `label` contains.
    pub fn first<K: Clone>(table: &[(Alias, K)], label: &str) -> Option<K> {
        table
            .iter()
            .find(|(a, _)| a.matches(label))
            .map(|(_, k)| k.clone())
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn keys_serialise_as_plain_strings() {
        let json = serde_json::to_string(&ItemKey::THREE_PUBLIC_VEHICLE_PURCHASE).unwrap();
        assert_eq!(json, "\"three_public.vehicle_purchase\"");
        let back: ItemKey = serde_json::from_str(&json).unwrap();
        assert_eq!(back, ItemKey::THREE_PUBLIC_VEHICLE_PURCHASE);
        let fact = FactKey::THREE_PUBLIC_VEHICLE_PURCHASE
            .change()
            .qualified("percent");
        assert_eq!(
            serde_json::to_string(&fact).unwrap(),
            "\"change.three_public.vehicle.purchase.percent\""
        );
    }

    #[test]
    fn every_three_public_item_has_one_key_per_vocabulary() {
        for item in ThreePublicItem::ALL {
            assert_eq!(ThreePublicItem::of_item(&item.item()), Some(item));
            assert_eq!(ThreePublicItem::of_column(&item.column()), Some(item));
            assert_eq!(ThreePublicItem::of_fact(&item.fact()), Some(item));
            assert!(!item.label().is_empty());
        }
    }

    #[test]
    fn printed_lines_are_recognised_in_order() {
        let three = |n: &str| ItemKey::recognise(ItemGroup::ThreePublic, n);
        assert_eq!(
            three("一、因公出国（境）费"),
            Some(ItemKey::THREE_PUBLIC_OUTBOUND)
        );
        assert_eq!(
            three("二、公务用车购置及运维费"),
            Some(ItemKey::THREE_PUBLIC_VEHICLE)
        );
        assert_eq!(
            three("其中：公务用车购置费"),
            Some(ItemKey::THREE_PUBLIC_VEHICLE_PURCHASE)
        );
        assert_eq!(
            three("公务用车运行维护费"),
            Some(ItemKey::THREE_PUBLIC_VEHICLE_OPERATION)
        );
        assert_eq!(three("合计"), Some(ItemKey::THREE_PUBLIC_TOTAL));
        assert_eq!(three("说明"), None);
        let income = |n: &str| ItemKey::recognise(ItemGroup::Income, n);
        assert_eq!(income("总计"), Some(ItemKey::INCOME_GRAND_TOTAL));
        assert_eq!(
            income("年初财政拨款结转和结余"),
            Some(ItemKey::INCOME_CARRYOVER)
        );
        assert_eq!(
            income("一、一般公共预算拨款收入"),
            Some(ItemKey::INCOME_GENERAL_PUBLIC)
        );
        assert_eq!(income("本年收入"), Some(ItemKey::INCOME_CURRENT_YEAR_TOTAL));
        assert_eq!(income("本年收入小计"), None);
        let exp = |n: &str| ItemKey::recognise(ItemGroup::Expenditure, n);
        assert_eq!(
            exp("年末结转和结余"),
            Some(ItemKey::EXPENDITURE_CLOSING_BALANCE)
        );
    }

    #[test]
    fn every_item_has_a_label_and_an_alias() {
        for t in ITEMS {
            assert!(!t.label.is_empty() && !t.aliases.is_empty(), "{}", t.key);
        }
    }
}
