//! Year on year (YS404): the changes a document states against the previous year (较上年增加 X
//! 万元 / Y%) against the previous year's document of the same department and kind.
//!
//! The rule needs two documents, so [`check`] takes both; the catalogue entry documents it and
//! its single-document `check` finds nothing. The library runs [`check`] when it holds the
//! previous year's document.

use rust_decimal::Decimal;
use yusuan_model::{Disclosure, Finding, Location, MoneyUnit, NarrativeFact};

use crate::{finding, Check, Rule};
use super::shared::{narrative_amount, narrative_location, three_public_figure, ys401_candidates};

/// The rule's code.
pub const CODE: &str = "YS404";

declare_rule! {
    /// YS404: a stated change against the previous year disagrees with the previous year's document.
    pub struct YearOnYearChange {
        code: CODE,
        name: "year-on-year-change",
        title: "较上年增减与上年公开数不符",
        family: Narrative,
        severity: Warning,
        doc: "ys404_year_on_year_change.md",
    }
}

impl Check for YearOnYearChange {
    /// One document alone holds no previous year: nothing to compare (see [`check`]).
    fn check(&self, _doc: &Disclosure, _out: &mut Vec<Finding>) {}
}

/// A quantity of one document in a money unit: value, half a unit of its printed precision, what
/// it is called and where it was printed.
struct Amount {
    value: Decimal,
    half: Decimal,
    location: Location,
}

/// The amount a document gives for a subject (`income.fiscal_appropriation`), in `unit`: the
/// explanation's own figure when it states one (every statement of it agreeing), else the table
/// figure the subject names. `None` when neither is certain.
fn amount_of(doc: &Disclosure, subject: &str, unit: MoneyUnit) -> Option<Amount> {
    let stated: Vec<&NarrativeFact> = doc
        .narrative_facts
        .iter()
        .filter(|f| f.key == subject && f.subject.is_none() && !f.worded)
        .collect();
    if !stated.is_empty() {
        let mut values = stated.iter().filter_map(|f| {
            let (v, u, half) = narrative_amount(f)?;
            Some((u.convert(v, unit), u.convert(half, unit), *f))
        });
        let (value, half, fact) = values.next()?;
        if values.any(|(v, _, _)| v != value) {
            return None;
        }
        return Some(Amount {
            value,
            half,
            location: narrative_location(fact),
        });
    }
    let figure = match ys401_candidates(doc, subject) {
        Some((_, list)) => list.into_iter().find(|f| f.unit.is_some())?,
        None => three_public_figure(doc, subject)?.1,
    };
    let from = figure.unit?;
    Some(Amount {
        value: from.convert(figure.value, unit),
        half: from.convert(crate::tolerance::tolerance(figure.precision, 0), unit),
        location: figure.location,
    })
}

/// Years (`2023年`) named in a sentence.
fn years_named(text: &str) -> Vec<i32> {
    let chars: Vec<char> = text.chars().collect();
    let mut out = Vec::new();
    for i in 0..chars.len().saturating_sub(4) {
        let digits = &chars[i..i + 4];
        let before_digit = i > 0 && chars[i - 1].is_ascii_digit();
        if !before_digit && digits.iter().all(|c| c.is_ascii_digit()) && chars[i + 4] == '年' {
            if let Ok(y) = digits.iter().collect::<String>().parse::<i32>() {
                if (1990..2100).contains(&y) {
                    out.push(y);
                }
            }
        }
    }
    out
}

/// Whether a change sentence compares with the previous year's document of the same kind: not
/// with an executed figure (执行数) or final accounts (决算) when the document is a budget, and
/// with no year other than this one and the previous.
fn compares_with_previous_document(fact: &NarrativeFact, current: &Disclosure, year: i32) -> bool {
    if fact.text.contains("执行数") {
        return false;
    }
    if !current.kind.is_final_accounts() && fact.text.contains("决算") {
        return false;
    }
    years_named(&fact.text)
        .iter()
        .all(|y| *y == year || *y == year - 1)
}

fn tidy(v: Decimal) -> String {
    let mut v = v.normalize();
    if v.scale() < 2 && v.fract() != Decimal::ZERO {
        v.rescale(2);
    }
    v.to_string()
}

/// The findings of `current`'s stated changes against `previous`, the document of the same
/// department and kind for the year before. Nothing when the years do not follow each other.
pub fn check(current: &Disclosure, previous: &Disclosure) -> Vec<Finding> {
    let mut out = Vec::new();
    let (Some(year), Some(prev_year)) = (current.year, previous.year) else {
        return out;
    };
    if prev_year != year - 1 || current.kind != previous.kind {
        return out;
    }
    for fact in &current.narrative_facts {
        let Some(rest) = fact.key.strip_prefix("change.") else {
            continue;
        };
        if fact.subject.is_some() || !compares_with_previous_document(fact, current, year) {
            continue;
        }
        let (subject, percent) = match rest.strip_suffix(".percent") {
            Some(s) => (s, true),
            None => (rest, false),
        };
        if percent {
            if fact.unit != "%" {
                continue;
            }
            // The rate is checked in 万元 terms: its inputs' precision decides the tolerance.
            let unit = MoneyUnit::WanYuan;
            let (Some(now), Some(before)) = (
                amount_of(current, subject, unit),
                amount_of(previous, subject, unit),
            ) else {
                continue;
            };
            if before.value - before.half <= Decimal::ZERO {
                continue;
            }
            let hundred = Decimal::from(100);
            let low =
                ((now.value - now.half) / (before.value + before.half) - Decimal::ONE) * hundred;
            let high =
                ((now.value + now.half) / (before.value - before.half) - Decimal::ONE) * hundred;
            let half = if fact.worded {
                Decimal::ZERO
            } else {
                Decimal::new(5, fact.value.scale() + 1)
            };
            if fact.value + half >= low && fact.value - half <= high {
                continue;
            }
            let rate = ((now.value / before.value - Decimal::ONE) * hundred).round_dp(2);
            out.push(Finding {
expected: Some(rate),
actual: Some(fact.value),
..finding(YearOnYearChange.info(), current, format!(
                    "情况说明称较{prev_year}年变动 {}%，但{prev_year}年公开数 {} 万元、本年 {} 万元，变动为 {}%（{}）",
                    fact.value,
                    tidy(before.value),
                    tidy(now.value),
                    rate,
                    previous.source.path
                ), vec![narrative_location(fact), now.location, before.location])
});
            continue;
        }
        let Some((stated, unit, stated_half)) = narrative_amount(fact) else {
            continue;
        };
        let stated_half = if fact.worded {
            Decimal::ZERO
        } else {
            stated_half
        };
        let (Some(now), Some(before)) = (
            amount_of(current, subject, unit),
            amount_of(previous, subject, unit),
        ) else {
            continue;
        };
        let change = now.value - before.value;
        let tolerance = stated_half + now.half + before.half;
        if (stated - change).abs() <= tolerance {
            continue;
        }
        let u = unit.chinese();
        out.push(Finding {
expected: Some(change),
actual: Some(stated),
unit: Some(unit),
..finding(YearOnYearChange.info(), current, format!(
                "情况说明称较{prev_year}年{} {} {u}，但{prev_year}年公开数 {} {u}、本年 {} {u}，实际变动 {} {u}（{}）",
                if stated < Decimal::ZERO { "减少" } else { "增加" },
                tidy(stated.abs()),
                tidy(before.value),
                tidy(now.value),
                tidy(change),
                previous.source.path
            ), vec![narrative_location(fact), now.location, before.location])
});
    }
    out
}

#[cfg(test)]
mod tests {
    use super::years_named;

    #[test]
    fn years_are_found_before_nian() {
        assert_eq!(years_named("比2022年（上一年度）预算增加"), vec![2022]);
        assert_eq!(
            years_named("2023年当年预算执行数为1.48万元，2024年预算"),
            vec![2023, 2024]
        );
        assert!(years_named("增加12025万元").is_empty());
    }
}
