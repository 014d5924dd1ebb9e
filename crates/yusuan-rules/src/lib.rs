//! The rule catalogue: what `yusuan check` looks for in a disclosure.
//!
//! Every rule is a small unit with a stable code, a title, a severity and a document (what it
//! checks, why it matters, an example, the legal basis) kept in `docs/CODE.md`. Rules read the
//! extracted [`Disclosure`] and report [`Finding`]s; they never see file formats or layouts.
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

use yusuan_model::{Disclosure, Finding, Severity};

pub mod arithmetic;
pub mod causes;
pub mod claims;
pub mod codes;
pub mod completeness;
pub mod cross_table;
pub mod narrative;
pub mod performance;
pub mod procurement;
pub mod support;
pub mod tolerance;
pub mod wording;
pub mod year_on_year;

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
    /// The family's stable kebab-case name, as shown by `yusuan rules` and in JSON/SARIF output.
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
    /// The family the rule belongs to (规则类别).
    pub family: Family,
    /// How serious a finding of this rule is: error, warning or info.
    pub severity: Severity,
    /// Markdown: what it checks, why it matters, an example, the legal basis.
    pub doc: &'static str,
}

/// A rule of the catalogue.
pub trait Rule: Send + Sync {
    /// The rule's code, name, title, family, severity and document.
    fn info(&self) -> &'static RuleInfo;
    /// Appends the findings of this rule on one document.
    fn check(&self, doc: &Disclosure, out: &mut Vec<Finding>);
}

/// Every rule, in code order.
pub fn registry() -> Vec<&'static dyn Rule> {
    let mut rules: Vec<&'static dyn Rule> = Vec::new();
    rules.extend(completeness::rules());
    rules.extend(arithmetic::rules());
    rules.extend(cross_table::rules());
    rules.extend(codes::rules());
    rules.extend(narrative::rules());
    rules.extend(claims::rules());
    rules.extend(wording::rules());
    rules.extend(performance::rules());
    rules.extend(procurement::rules());
    rules.push(&year_on_year::YearOnYearChange);
    rules.sort_by_key(|r| r.info().code);
    rules
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
