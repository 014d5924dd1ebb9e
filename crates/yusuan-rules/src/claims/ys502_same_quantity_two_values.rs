//! YS502 same-quantity-two-values · 同一数额前后表述不一致.

use yusuan_model::{Disclosure, Finding, MoneyUnit, NarrativeFact};

use crate::narrative::narrative_location;
use crate::{finding, Check, Rule};
use super::shared::*;

declare_rule! {
    /// YS502: the same quantity stated twice with two values.
    pub struct SameQuantityTwoValues {
        code: "YS502",
        name: "same-quantity-two-values",
        title: "同一数额前后表述不一致",
        family: Claims,
        severity: Error,
        doc: "ys502_same_quantity_two_values.md",
    }
}

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

impl Check for SameQuantityTwoValues {
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
expected: Some(va),
actual: Some(vb),
unit: Some(MoneyUnit::WanYuan),
..finding(self.info(), doc, format!(
                    "情况说明对同一数额（{}）先写 {} {}，后写 {} {}（差 {} 万元）",
                    key_label(&a.key),
                    a.value,
                    a.unit,
                    b.value,
                    b.unit,
                    tidy(va - vb)
                ), vec![narrative_location(b), narrative_location(a)])
});
        }
    }
}
