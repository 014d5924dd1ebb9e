//! YS501 change-inconsistent · 增减额与增减幅度不符.

use rust_decimal::Decimal;
use yusuan_model::{Disclosure, Finding, NarrativeFact};

use crate::narrative::narrative_location;
use crate::{finding, Check, Rule};
use super::shared::*;

declare_rule! {
    /// YS501: a stated change whose rate does not follow from its amounts.
    pub struct ChangeInconsistent {
        code: "YS501",
        name: "change-inconsistent",
        title: "增减额与增减幅度不符",
        family: Claims,
        severity: Error,
        doc: "ys501_change_inconsistent.md",
    }
}

/// The only fact of a key in the same sentence and about the same subject as `like`.
fn only_in_sentence<'a>(
    doc: &'a Disclosure,
    like: &NarrativeFact,
    key: &str,
) -> Option<&'a NarrativeFact> {
    let mut it = doc.narrative_facts.iter().filter(|f| {
        f.key == key
            && f.text == like.text
            && f.subject == like.subject
            && f.span.line == like.span.line
            && !f.worded
    });
    let first = it.next()?;
    it.next().is_none().then_some(first)
}

/// The current figure a change is stated against: the only fact of `key` about the same subject
/// in the change's sentence, or, when the sentence was cut at a line break, the only one printed
/// on the change's line or the line before it, ahead of the change.
fn current_of<'a>(
    doc: &'a Disclosure,
    change: &NarrativeFact,
    key: &str,
) -> Option<&'a NarrativeFact> {
    let mut it = doc.narrative_facts.iter().filter(|f| {
        f.key == key
            && f.subject == change.subject
            && !f.worded
            && (f.text == change.text
                || (f.span.line + 1 == change.span.line
                    || (f.span.line == change.span.line && f.span.column < change.span.column)))
    });
    let first = it.next()?;
    it.next().is_none().then_some(first)
}

impl Check for ChangeInconsistent {
    fn check(&self, doc: &Disclosure, out: &mut Vec<Finding>) {
        for change in &doc.narrative_facts {
            let Some(subject) = change.key.strip_prefix("change.") else {
                continue;
            };
            if change.worded || subject.ends_with(".percent") {
                continue;
            }
            let Some((c, hc)) = in_wan(change) else {
                continue;
            };
            // Exactly one change of this key in the sentence, one rate after it, one current figure.
            let Some(same) = only_in_sentence(doc, change, &change.key) else {
                continue;
            };
            if !std::ptr::eq(same, change) {
                continue;
            }
            let Some(rate) = only_in_sentence(doc, change, &format!("{}.percent", change.key))
            else {
                continue;
            };
            if rate.unit != "%" || rate.span.column <= change.span.column {
                continue;
            }
            let Some(current) = current_of(doc, change, subject) else {
                continue;
            };
            let Some((cur, hcur)) = in_wan(current) else {
                continue;
            };
            if c == Decimal::ZERO {
                continue;
            }
            let y = rate.value;
            let hy = Decimal::new(5, y.scale() + 1);
            let prev = cur - c;
            let prev_tol = hc + hcur;
            let message;
            if prev < -prev_tol {
                message = format!(
                    "增减额 {} {} 大于本年数 {} {}，隐含的上年数 {} 万元为负，增减幅度 {}% 无从计算",
                    change.value,
                    change.unit,
                    current.value,
                    current.unit,
                    tidy(prev),
                    rate.value
                );
            } else {
                if prev <= prev_tol {
                    continue;
                }
                // The rate the rounded amounts allow: the extremes over their rounding.
                let mut lo: Option<Decimal> = None;
                let mut hi: Option<Decimal> = None;
                for dc in [-hc, hc] {
                    for dcur in [-hcur, hcur] {
                        let p = cur + dcur - (c + dc);
                        if p <= Decimal::ZERO {
                            continue;
                        }
                        let r = (c + dc) / p * Decimal::ONE_HUNDRED;
                        lo = Some(lo.map_or(r, |l| l.min(r)));
                        hi = Some(hi.map_or(r, |h| h.max(r)));
                    }
                }
                let (Some(lo), Some(hi)) = (lo, hi) else {
                    continue;
                };
                // The extractor signs the rate like the amount; compare magnitudes when it did not.
                let y_signed =
                    if (y.is_sign_negative()) != (c.is_sign_negative()) && y != Decimal::ZERO {
                        -y
                    } else {
                        y
                    };
                if y_signed >= lo - hy && y_signed <= hi + hy {
                    continue;
                }
                let expected = c / prev * Decimal::ONE_HUNDRED;
                message = format!(
                    "增减额 {} {}、本年数 {} {}（上年 {} 万元）对应增减幅度 {}%，而说明写 {}%",
                    change.value,
                    change.unit,
                    current.value,
                    current.unit,
                    tidy(prev),
                    tidy(expected),
                    rate.value
                );
            }
            out.push(Finding {
actual: Some(rate.value),
..finding(self.info(), doc, message, vec![
                    narrative_location(rate),
                    narrative_location(change),
                    narrative_location(current),
                ])
});
        }
    }
}
