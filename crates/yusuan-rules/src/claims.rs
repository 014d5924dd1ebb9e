//! Claims of the explanation against themselves (YS5xx): stated changes that do not add up and
//! one quantity stated with two values.
//!
//! Both rules read only the narrative facts. They are conservative: a change is judged only when
//! its amount, its rate and the current figure are stated in one sentence about one subject, and a
//! quantity stated twice is judged only when its key names a single amount.

use rust_decimal::Decimal;
use yusuan_model::{Disclosure, Finding, MoneyUnit, NarrativeFact, Severity};

use crate::narrative::{narrative_amount, narrative_location};
use crate::{Family, Rule, RuleInfo};

/// The rules of this family.
pub fn rules() -> Vec<&'static dyn Rule> {
    vec![&ChangeInconsistent, &SameQuantityTwoValues]
}

/// A money fact in 万元 with the half unit of its last printed place.
fn in_wan(fact: &NarrativeFact) -> Option<(Decimal, Decimal)> {
    let (v, unit, half) = narrative_amount(fact)?;
    Some((
        unit.convert(v, MoneyUnit::WanYuan),
        unit.convert(half, MoneyUnit::WanYuan),
    ))
}

fn tidy(v: Decimal) -> String {
    let mut v = v.round_dp(2).normalize();
    if v.scale() < 2 && v.fract() != Decimal::ZERO {
        v.rescale(2);
    }
    v.to_string()
}

// ---------------------------------------------------------------------------------------------
// YS501
// ---------------------------------------------------------------------------------------------

/// YS501: a stated change whose rate does not follow from its amounts.
pub struct ChangeInconsistent;

static CHANGE_INCONSISTENT: RuleInfo = RuleInfo {
    code: "YS501",
    name: "change-inconsistent",
    title: "增减额与增减幅度不符",
    family: Family::Claims,
    severity: Severity::Error,
    doc: include_str!("../docs/YS501.md"),
};

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

impl Rule for ChangeInconsistent {
    fn info(&self) -> &'static RuleInfo {
        &CHANGE_INCONSISTENT
    }

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
                rule: CHANGE_INCONSISTENT.code.to_string(),
                severity: CHANGE_INCONSISTENT.severity,
                message,
                expected: None,
                actual: Some(rate.value),
                unit: None,
                locations: vec![
                    narrative_location(rate),
                    narrative_location(change),
                    narrative_location(current),
                ],
                related: Vec::new(),
                document: doc.source.path.clone(),
            });
        }
    }
}

// ---------------------------------------------------------------------------------------------
// YS502
// ---------------------------------------------------------------------------------------------

/// YS502: the same quantity stated twice with two values.
pub struct SameQuantityTwoValues;

static SAME_QUANTITY: RuleInfo = RuleInfo {
    code: "YS502",
    name: "same-quantity-two-values",
    title: "同一数额前后表述不一致",
    family: Family::Claims,
    severity: Severity::Error,
    doc: include_str!("../docs/YS502.md"),
};

/// Keys that name one amount of the document (not a list item, not a change, not a rate).
fn single_quantity(fact: &NarrativeFact) -> bool {
    let k = fact.key.as_str();
    let family = k == "total"
        || k == "fiscal_appropriation.total"
        || k == "operation_cost"
        || k.starts_with("income.")
        || k.starts_with("expenditure.")
        || k.starts_with("three_public.")
        || k.starts_with("procurement.");
    family
        && fact.subject.is_none()
        && !k.contains(".function")
        && ![".percent", ".share", ".completion", ".count"]
            .iter()
            .any(|q| k.ends_with(q))
}

/// How a reviewer names a key (`项目支出` for `expenditure.project`).
fn key_label(key: &str) -> &str {
    match key {
        "total" => "收支总计",
        "fiscal_appropriation.total" => "财政拨款收支总计",
        "income.total" => "收入合计",
        "income.general_public" => "一般公共预算收入",
        "income.government_fund" => "政府性基金收入",
        "income.state_capital" => "国有资本经营预算收入",
        "income.fiscal_appropriation" => "财政拨款收入",
        "income.business" => "事业收入",
        "income.operating" => "事业单位经营收入",
        "income.other" => "其他收入",
        "income.unit_funds" => "单位资金收入",
        "income.carryover" => "上年结转结余",
        "expenditure.total" => "支出合计",
        "expenditure.basic" => "基本支出",
        "expenditure.basic.personnel" => "人员经费",
        "expenditure.basic.public_use" => "公用经费",
        "expenditure.project" => "项目支出",
        "expenditure.fiscal_appropriation" => "财政拨款支出",
        "expenditure.general_public" => "一般公共预算支出",
        "expenditure.government_fund" => "政府性基金支出",
        "operation_cost" => "机关运行经费",
        "three_public.total" => "“三公”经费",
        "three_public.outbound" => "因公出国（境）费",
        "three_public.vehicle" => "公务用车购置及运行费",
        "three_public.vehicle.purchase" => "公务用车购置费",
        "three_public.vehicle.operation" => "公务用车运行维护费",
        "three_public.reception" => "公务接待费",
        "procurement.total" => "政府采购预算",
        other => other,
    }
}

/// True when two amounts differ by more than their printing explains.
fn differ(a: &NarrativeFact, b: &NarrativeFact) -> Option<bool> {
    let (va, ha) = in_wan(a)?;
    let (vb, hb) = in_wan(b)?;
    Some((va - vb).abs() > ha + hb)
}

/// The document states its headline totals consistently: it is about one budget entity.
fn one_entity(doc: &Disclosure) -> bool {
    ["total", "income.total", "expenditure.total"]
        .iter()
        .all(|key| {
            let facts: Vec<&NarrativeFact> = doc
                .narrative_facts
                .iter()
                .filter(|f| f.key == *key)
                .collect();
            facts
                .iter()
                .all(|a| facts.iter().all(|b| differ(a, b) != Some(true)))
        })
}

impl Rule for SameQuantityTwoValues {
    fn info(&self) -> &'static RuleInfo {
        &SAME_QUANTITY
    }

    fn check(&self, doc: &Disclosure, out: &mut Vec<Finding>) {
        let facts: Vec<&NarrativeFact> = doc
            .narrative_facts
            .iter()
            .filter(|f| single_quantity(f) && in_wan(f).is_some())
            .collect();
        let whole_document = one_entity(doc);
        let mut reported: Vec<&str> = Vec::new();
        for (i, a) in facts.iter().enumerate() {
            if reported.contains(&a.key.as_str()) {
                continue;
            }
            let Some(b) = facts[i + 1..].iter().find(|b| {
                b.key == a.key && differ(a, b) == Some(true) && (a.text == b.text || whole_document)
            }) else {
                continue;
            };
            reported.push(a.key.as_str());
            let (va, _) = in_wan(a).unwrap_or_default();
            let (vb, _) = in_wan(b).unwrap_or_default();
            out.push(Finding {
                rule: SAME_QUANTITY.code.to_string(),
                severity: SAME_QUANTITY.severity,
                message: format!(
                    "情况说明对同一数额（{}）先写 {} {}，后写 {} {}（差 {} 万元）",
                    key_label(&a.key),
                    a.value,
                    a.unit,
                    b.value,
                    b.unit,
                    tidy(va - vb)
                ),
                expected: Some(va),
                actual: Some(vb),
                unit: Some(MoneyUnit::WanYuan),
                locations: vec![narrative_location(b), narrative_location(a)],
                related: Vec::new(),
                document: doc.source.path.clone(),
            });
        }
    }
}
