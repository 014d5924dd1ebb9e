//! The rule catalogue: what `yusuan check` looks for in a disclosure.
//!
//! Every rule is one file, `src/<family>/ysNNN_<name>.rs`: its check, its metadata (code, name,
//! title, family, severity) declared with [`declare_rule!`], and beside it its document
//! `ysNNN_<name>.md` (what it checks, why it matters, an example, the legal basis). Rules read the
//! extracted [`Disclosure`] and report [`Finding`]s (built with [`finding`]); they never see file
//! formats or layouts. What the rules of a family share is in `src/<family>/shared.rs`.
//!
//! Adding a rule: write `src/<family>/ysNNN_<name>.rs` (a `declare_rule!` and an
//! `impl Check`) with its `ysNNN_<name>.md`, and add one line `ysNNN_<name>::TypeName,` to its
//! family in the [`catalogue!`] below.
//!
//! Two promises hold for every rule:
//! - **no finding on an uncertain value**: a cell whose column the extractor could not place
//!   ([`yusuan_model::CellValue::Uncertain`]) and a table marked `unreadable` are never judged;
//! - **tolerance follows printed precision** ([`tolerance`]): a sum of figures rounded to the
//!   printed decimals may differ from the printed total by the rounding, never more.
//!
//! Families and code ranges:
//!
//! | codes | family |
//! |---|---|
//! | YS1xx | completeness: required tables, empty tables, classification depth |
//! | YS2xx | table arithmetic: row totals, parent = Σ children, column totals, summaries |
//! | YS3xx | cross-table identities |
//! | YS4xx | narrative figures against the tables (YS404: against the previous year's document) |
//! | YS5xx | claims: changes and percentages, one quantity with two values |
//! | YS6xx | classification codes and names |
//! | YS7xx | wording: placeholders, truncated sentences, doubled punctuation |
//! | YS8xx | performance targets and declaration forms |
//! | YS9xx | procurement: quantity × unit price, subtotals |

use yusuan_model::{Disclosure, Finding, Location, Severity};

pub mod causes;
pub mod support;
pub mod tolerance;

/// Declares a rule: its unit struct and its [`RuleInfo`], implementing [`Rule`] with the
/// rule's [`Check`]. `doc` names the rule's document, a file beside the rule's source.
///
/// ```ignore
/// declare_rule! {
///     /// YS201 行合计与分项之和不符: within a row, a total column differs from the sum of its parts.
///     pub struct RowTotalMismatch {
///         code: "YS201",
///         name: "row-total-mismatch",
///         title: "行合计与分项之和不符",
///         family: TableArithmetic,
///         severity: Error,
///         doc: "ys201_row_total_mismatch.md",
///     }
/// }
/// ```
macro_rules! declare_rule {
    (
        $(#[$attr:meta])*
        pub struct $rule:ident {
            code: $code:expr,
            name: $name:literal,
            title: $title:literal,
            family: $family:ident,
            severity: $severity:ident,
            doc: $doc:literal $(,)?
        }
    ) => {
        $(#[$attr])*
        pub struct $rule;

        impl $crate::Rule for $rule {
            fn info(&self) -> &'static $crate::RuleInfo {
                static INFO: $crate::RuleInfo = $crate::RuleInfo {
                    code: $code,
                    name: $name,
                    title: $title,
                    family: $crate::Family::$family,
                    severity: ::yusuan_model::Severity::$severity,
                    doc: include_str!($doc),
                };
                &INFO
            }

            fn check(
                &self,
                doc: &::yusuan_model::Disclosure,
                out: &mut Vec<::yusuan_model::Finding>,
            ) {
                <Self as $crate::Check>::check(self, doc, out)
            }
        }
    };
}

/// The catalogue: every family (a module `src/<family>/` with its `shared.rs`) and its rules,
/// one line per rule (`ysNNN_<name>::TypeName`, the module `src/<family>/ysNNN_<name>.rs`).
/// Generates each family's module and `rules()`, and [`registry`].
macro_rules! catalogue {
    ($(
        $(#[$attr:meta])*
        $family:ident {
            $($module:ident::$rule:ident,)*
        }
    )*) => {
        $(
            $(#[$attr])*
            pub mod $family {
                mod shared;
                #[allow(unused_imports)]
                pub use shared::*;
                $(
                    pub mod $module;
                    pub use $module::$rule;
                )*

                /// The rules of this family, in code order.
                pub fn rules() -> Vec<&'static dyn $crate::Rule> {
                    vec![$(&$rule),*]
                }
            }
        )*

        /// Every rule, in code order.
        pub fn registry() -> Vec<&'static dyn Rule> {
            let mut rules: Vec<&'static dyn Rule> = vec![$($(&$family::$rule,)*)*];
            rules.sort_by_key(|r| r.info().code);
            rules
        }
    };
}

catalogue! {
    /// Completeness (YS1xx): required tables by document kind, empty tables without their note,
    /// classification depth.
    ///
    /// - YS101 a budget or final-accounts document that prints standard tables but not all nine;
    /// - YS102 a table printed empty without the note that says why (空表列示);
    /// - YS103 a table whose note says it is empty while it prints figures;
    /// - YS104 a functional 类/款 with amounts and nothing listed below it (must reach 项);
    /// - YS105 an economic 类 with amounts and no 款 listed below it.
    completeness {
        ys101_missing_standard_table::MissingStandardTable,
        ys102_empty_table_without_note::EmptyTableWithoutNote,
        ys103_empty_note_but_figures::EmptyNoteButFigures,
        ys104_functional_code_not_to_xiang::FunctionalCodeNotToXiang,
        ys105_economic_code_not_to_kuan::EconomicCodeNotToKuan,
    }
    /// Table arithmetic (YS2xx): row totals, parent = Σ children, column totals, summary tables.
    ///
    /// Every check compares one printed figure with the sum of other printed figures of the same
    /// table. A figure is taken only when its column exists in the table (on the row's side, for the
    /// two-sided 收支总表) and its placement is certain; a blank cell of an existing column is zero.
    /// The comparison tolerates what rounding to the printed decimals explains ([`tolerance`]).
    ///
    /// The figures and the comparison are shared with the cross-table rules ([`crate::cross_table`]).
    arithmetic {
        ys201_row_total_mismatch::RowTotalMismatch,
        ys202_parent_not_sum_of_children::ParentNotSumOfChildren,
        ys203_total_row_mismatch::TotalRowMismatch,
        ys204_summary_totals::SummaryTotals,
    }
    /// Cross-table identities (YS3xx) between the nine standard tables.
    ///
    /// Each rule compares a figure of one table with the figure (or the sum of figures) another table
    /// prints for the same thing. Tables may be printed in different units (Shanghai prints its tables
    /// in 元 and the 三公 table in 万元): figures are converted exactly into the coarser unit and the
    /// tolerance follows the precision of the figures printed in it. Uncertain cells and unreadable
    /// tables are never judged.
    cross_table {
        ys301_summary_vs_income::SummaryVsIncome,
        ys302_summary_vs_expenditure::SummaryVsExpenditure,
        ys303_income_vs_expenditure_rows::IncomeVsExpenditureRows,
        ys304_fiscal_summary_vs_fund_tables::FiscalSummaryVsFundTables,
        ys305_basic_total_vs_basic_table::BasicTotalVsBasicTable,
        ys306_three_public_vs_basic::ThreePublicVsBasic,
    }
    /// Classification codes and names (YS6xx).
    ///
    /// - YS601 the same code named differently in two tables of one document;
    /// - YS602 a code whose printed name is not its name that year (per `yusuan-codes`);
    /// - YS603 a code the dictionary has never seen;
    /// - YS604 a code of the wrong length, or a child whose 类/款 is missing from its table.
    ///
    /// Functional codes (支出功能分类) are read from the income, expenditure, general-public, fund and
    /// state-capital tables; economic codes (支出经济分类) from the basic-expenditure table. Rows whose
    /// code the extractor could not read (`code = None`), total rows and rows on a line the extractor
    /// left a note about are never judged.
    codes {
        ys601_code_name_mismatch_across_tables::CodeNameMismatchAcrossTables,
        ys602_code_name_not_official::CodeNameNotOfficial,
        ys603_unknown_code::UnknownCode,
        ys604_code_level_inconsistent::CodeLevelInconsistent,
    }
    /// Narrative against tables (YS4xx): the figures of the explanation (情况说明) against the tables.
    ///
    /// A narrative figure is compared with the table figure it names, after converting the table
    /// figure into the narrative's unit exactly. The narrative figure is rounded to the decimals it
    /// was printed with, so it may differ from the table by half a unit of its last place (and the
    /// table figure by half a unit of its own), never more. Where a narrative word may name one of
    /// several printed figures (收入 may be 本年收入合计 or 收入总计), the narrative figure must match
    /// one of them. A table figure that is uncertain, or in an unreadable table, is never judged; a
    /// table kind printed more than once (several units in one file) is not used.
    narrative {
        ys401_narrative_vs_table::NarrativeVsTable,
        ys402_operation_cost_vs_public_use::OperationCostVsPublicUse,
        ys403_three_public_narrative_vs_table::ThreePublicNarrativeVsTable,
        ys404_year_on_year_change::YearOnYearChange,
    }
    /// Claims of the explanation against themselves (YS5xx): stated changes that do not add up and
    /// one quantity stated with two values.
    ///
    /// Both rules read only the narrative facts. They are conservative: a change is judged only when
    /// its amount, its rate and the current figure are stated in one sentence about one subject, and a
    /// quantity stated twice is judged only when its key names a single amount.
    claims {
        ys501_change_inconsistent::ChangeInconsistent,
        ys502_same_quantity_two_values::SameQuantityTwoValues,
    }
    /// Wording (YS7xx): placeholders, truncated sentences and doubled punctuation.
    ///
    /// - YS701 a placeholder left in (`XX`, `××`, `某某`, `待填`);
    /// - YS702 a sentence cut off before its content (`主要原因是。`);
    /// - YS703 doubled punctuation (`。。`, `，，`).
    ///
    /// The disclosure does not carry the source's lines, so these rules read the texts the extractor
    /// keeps: the department name, table titles, the sentences of narrative figures
    /// ([`yusuan_model::NarrativeFact::text`]), project names, goals and indicator texts, department
    /// targets and declaration forms. A sentence without a figure in it is not seen.
    wording {
        ys701_placeholder_left::PlaceholderLeft,
        ys702_truncated_sentence::TruncatedSentence,
        ys703_doubled_punctuation::DoubledPunctuation,
    }
    /// Performance targets (YS8xx): 项目支出绩效目标表, 部门整体绩效目标 and 整体绩效目标申报表.
    ///
    /// - YS801 a satisfaction indicator written as a ceiling (`≤100%`);
    /// - YS802 a rate above 100 %;
    /// - YS803 a quantitative indicator (数量/质量/时效/成本) without a number or a grade;
    /// - YS804 a cost indicator that is not an amount of money;
    /// - YS805 a project's 预算数 ≠ 财政资金 + 其他资金;
    /// - YS806 a cumulative spending plan that falls or exceeds 100 %;
    /// - YS807 a 二级指标 under a 一级指标 it does not belong to (DOMAIN.md §4);
    /// - YS808 a project without any 产出, 效益 or 满意度 indicator;
    /// - YS809 descriptions that only repeat the 三级指标 (one finding per project);
    /// - YS810 a declaration form whose totals do not add up;
    /// - YS811 text printed where a declaration form expects a number.
    performance {
        ys801_satisfaction_upper_bound::SatisfactionUpperBound,
        ys802_percent_over_100::PercentOver100,
        ys803_quantitative_without_number::QuantitativeWithoutNumber,
        ys804_cost_not_money::CostNotMoney,
        ys805_budget_not_sum::BudgetNotSum,
        ys806_spending_plan_not_monotone::SpendingPlanNotMonotone,
        ys807_level2_under_wrong_level1::Level2UnderWrongLevel1,
        ys808_missing_level1::MissingLevel1,
        ys809_description_repeats_name::DescriptionRepeatsName,
        ys810_declaration_totals::DeclarationTotals,
        ys811_text_where_number::TextWhereNumber,
    }
    /// Procurement tables (YS9xx): 政府采购预算表 arithmetic.
    ///
    /// - YS901 a row's 数量 × 单价 ≠ 合计 (beyond what the printed decimals explain);
    /// - YS902 a 小计 / 合计 line ≠ the sum of its rows.
    ///
    /// A value the extractor lists in the row's `uncertain` fields is never judged.
    procurement {
        ys901_quantity_times_price::QuantityTimesPrice,
        ys902_procurement_subtotal_not_sum::SubtotalNotSum,
    }
}

/// YS404 compares two documents: [`year_on_year::check`] runs it on a document and the previous
/// year's.
pub use narrative::ys404_year_on_year_change as year_on_year;

/// The families of rules.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, PartialOrd, Ord)]
pub enum Family {
    /// 完整性: required tables and sections.
    Completeness,
    /// 表内勾稽: arithmetic within one table.
    TableArithmetic,
    /// 表间勾稽: identities between tables.
    CrossTable,
    /// 科目: classification codes and their names.
    Codes,
    /// 说明与报表: narrative figures against the tables.
    Narrative,
    /// 说明自洽: stated changes and repeated figures.
    Claims,
    /// 措辞: placeholders, truncated sentences, punctuation.
    Wording,
    /// 绩效目标: performance indicators, project budgets, declaration forms.
    Performance,
    /// 政府采购与资产: procurement tables.
    Procurement,
}

impl Family {
    pub fn as_str(self) -> &'static str {
        match self {
            Family::Completeness => "completeness",
            Family::TableArithmetic => "table-arithmetic",
            Family::CrossTable => "cross-table",
            Family::Codes => "codes",
            Family::Narrative => "narrative-vs-tables",
            Family::Claims => "claims",
            Family::Wording => "wording",
            Family::Performance => "performance",
            Family::Procurement => "procurement-and-assets",
        }
    }
}

/// What a rule is, for people: shown by `yusuan rules` and `yusuan explain CODE`.
#[derive(Debug)]
pub struct RuleInfo {
    /// Stable code (`YS201`).
    pub code: &'static str,
    /// Stable kebab-case name (`row-total-mismatch`).
    pub name: &'static str,
    /// Short Chinese title (`行合计与分项之和不符`).
    pub title: &'static str,
    pub family: Family,
    pub severity: Severity,
    /// Markdown: what it checks, why it matters, an example, the legal basis.
    pub doc: &'static str,
}

/// A rule of the catalogue.
pub trait Rule: Send + Sync {
    fn info(&self) -> &'static RuleInfo;
    /// Appends the findings of this rule on one document.
    fn check(&self, doc: &Disclosure, out: &mut Vec<Finding>);
}

/// What a rule looks for: the one part of a rule [`declare_rule!`] does not write.
pub(crate) trait Check {
    /// Appends the findings of this rule on one document.
    fn check(&self, doc: &Disclosure, out: &mut Vec<Finding>);
}

/// A finding of `rule` on `doc`: its message and locations, the rule's severity, no amounts. A
/// rule that reports another severity or the amounts compared sets them with struct update
/// syntax (`Finding { severity, ..finding(…) }`).
pub fn finding(
    rule: &RuleInfo,
    doc: &Disclosure,
    message: String,
    locations: Vec<Location>,
) -> Finding {
    Finding {
        rule: rule.code.to_string(),
        severity: rule.severity,
        message,
        expected: None,
        actual: None,
        unit: None,
        locations,
        related: Vec::new(),
        document: doc.source.path.clone(),
    }
}

/// The rule with this code or name.
pub fn find(code_or_name: &str) -> Option<&'static dyn Rule> {
    registry()
        .into_iter()
        .find(|r| r.info().code.eq_ignore_ascii_case(code_or_name) || r.info().name == code_or_name)
}

/// Runs every rule on a document; findings sorted by location.
pub fn check(doc: &Disclosure) -> Vec<Finding> {
    let mut out = Vec::new();
    for rule in registry() {
        rule.check(doc, &mut out);
    }
    let mut out = causes::one_per_cause(out);
    out.sort_by(|a, b| {
        let key = |f: &Finding| {
            f.locations
                .first()
                .map(|l| (l.span.line, l.span.column.unwrap_or(0)))
                .unwrap_or((0, 0))
        };
        key(a).cmp(&key(b)).then_with(|| a.rule.cmp(&b.rule))
    });
    out
}
