//! The explanation (情况说明): its figures written from the tables, in the standard wording.
//!
//! Every amount in a sentence is a table figure in 万元 (tables in 元 are converted exactly and
//! rounded to two decimals, as printed); the department's own words (duties, reasons) come from
//! [`FreeText`] and are never made up. A reason not given is left out rather than invented.

use rust_decimal::Decimal;
use yusuan_model::{ColumnKey, Disclosure, MoneyUnit, Table, TableKind};

use crate::format::narrative;
use crate::layout::subject;
use crate::{FreeText, Template};

/// A section of the explanation.
#[derive(Debug, Clone, PartialEq)]
pub struct Section {
    pub heading: String,
    /// 1 for a numbered section (一、), 2 for a sub-heading (1、).
    pub level: u8,
    pub paragraphs: Vec<String>,
    /// Print the list of units (机构设置) after the paragraphs.
    pub units_table: bool,
}

impl Section {
    fn new(heading: impl Into<String>, level: u8) -> Self {
        Section {
            heading: heading.into(),
            level,
            paragraphs: Vec::new(),
            units_table: false,
        }
    }
}

fn table(d: &Disclosure, kind: TableKind) -> Option<&Table> {
    d.tables
        .iter()
        .find(|t| t.kind == kind && t.unreadable.is_none())
}

/// A table's figure in 万元: the column's value on the total row.
fn total_wan(d: &Disclosure, kind: TableKind, key: &ColumnKey) -> Option<Decimal> {
    let t = table(d, kind)?;
    let v = t.rows.iter().find(|r| r.is_total)?.cells.get(key).copied();
    let v = if t.empty { Some(Decimal::ZERO) } else { v };
    v.map(|v| to_wan(v, t.unit))
}

fn to_wan(v: Decimal, unit: Option<MoneyUnit>) -> Decimal {
    unit.unwrap_or(MoneyUnit::WanYuan)
        .convert(v, MoneyUnit::WanYuan)
        .round_dp(2)
}

/// The 三公 figures in 万元, by key (`total`, `outbound`, `vehicle`, `vehicle_purchase`,
/// `vehicle_operation`, `reception`, `operation_cost`), from a one-row table or one by item.
pub fn three_public(d: &Disclosure) -> Option<ThreePublic> {
    let t = table(d, TableKind::ThreePublic)?;
    let get = |key: &ColumnKey, item: &str| -> Option<Decimal> {
        let by_item = t
            .rows
            .iter()
            .find(|r| r.item.as_deref() == Some(item))
            .map(|r| r.cells.get(&ColumnKey::TOTAL).copied().unwrap_or_default());
        let by_column = t.column(key).map(|_| {
            t.rows
                .iter()
                .find_map(|r| r.cells.get(key).copied())
                .unwrap_or_default()
        });
        by_item.or(by_column).map(|v| to_wan(v, t.unit))
    };
    if t.empty {
        let z = Some(Decimal::ZERO);
        return Some(ThreePublic {
            total: z,
            outbound: z,
            vehicle: z,
            purchase: z,
            operation: z,
            reception: z,
            operation_cost: None,
        });
    }
    Some(ThreePublic {
        total: get(&ColumnKey::TOTAL, "three_public.total"),
        outbound: get(&ColumnKey::OUTBOUND, "three_public.outbound"),
        vehicle: get(&ColumnKey::VEHICLE, "three_public.vehicle"),
        purchase: get(
            &ColumnKey::VEHICLE_PURCHASE,
            "three_public.vehicle_purchase",
        ),
        operation: get(
            &ColumnKey::VEHICLE_OPERATION,
            "three_public.vehicle_operation",
        ),
        reception: get(&ColumnKey::RECEPTION, "three_public.reception"),
        operation_cost: t
            .column(&ColumnKey::OPERATION_COST)
            .map(|_| {
                t.rows
                    .iter()
                    .find_map(|r| r.cells.get(&ColumnKey::OPERATION_COST).copied())
                    .unwrap_or_default()
            })
            .map(|v| to_wan(v, t.unit)),
    })
}

/// The 三公 figures of a document, in 万元.
#[derive(Debug, Clone, Copy, PartialEq)]
pub struct ThreePublic {
    pub total: Option<Decimal>,
    pub outbound: Option<Decimal>,
    pub vehicle: Option<Decimal>,
    pub purchase: Option<Decimal>,
    pub operation: Option<Decimal>,
    pub reception: Option<Decimal>,
    pub operation_cost: Option<Decimal>,
}

/// The figures the explanation states, in 万元.
#[derive(Debug, Clone, Copy, Default)]
struct Figures {
    income: Decimal,
    general_public: Decimal,
    government_fund: Decimal,
    state_capital: Decimal,
    fiscal_special_account: Decimal,
    business: Decimal,
    operating: Decimal,
    other: Decimal,
    carryover: Decimal,
    expenditure: Decimal,
    basic: Decimal,
    personnel: Decimal,
    public_use: Decimal,
    project: Decimal,
}

fn figures(d: &Disclosure) -> Figures {
    use TableKind::*;
    let z = |v: Option<Decimal>| v.unwrap_or_default();
    let inc = |k: ColumnKey| z(total_wan(d, Income, &k));
    Figures {
        income: inc(ColumnKey::TOTAL),
        general_public: z(total_wan(d, GeneralPublicExpenditure, &ColumnKey::TOTAL)),
        government_fund: z(total_wan(d, GovernmentFundExpenditure, &ColumnKey::TOTAL)),
        state_capital: z(total_wan(d, StateCapitalExpenditure, &ColumnKey::TOTAL)),
        fiscal_special_account: inc(ColumnKey::FISCAL_SPECIAL_ACCOUNT),
        business: inc(ColumnKey::BUSINESS_INCOME),
        operating: inc(ColumnKey::OPERATING_INCOME),
        other: inc(ColumnKey::OTHER_INCOME),
        carryover: inc(ColumnKey::CARRYOVER),
        expenditure: z(total_wan(d, Expenditure, &ColumnKey::TOTAL)),
        basic: z(total_wan(d, Expenditure, &ColumnKey::BASIC)),
        personnel: z(total_wan(d, BasicExpenditure, &ColumnKey::PERSONNEL)),
        public_use: z(total_wan(d, BasicExpenditure, &ColumnKey::PUBLIC_USE)),
        project: z(total_wan(d, Expenditure, &ColumnKey::PROJECT)),
    }
}

/// `增加12.00万元，增长5.26%` / `减少…，下降…%` / `持平`, against last year's figure.
pub fn change(now: Decimal, before: Decimal) -> String {
    let delta = now - before;
    if delta.is_zero() {
        return "持平".into();
    }
    let (verb, rate_word) = if delta > Decimal::ZERO {
        ("增加", "增长")
    } else {
        ("减少", "下降")
    };
    let mut s = format!("{verb}{}万元", narrative(delta.abs()));
    if !before.is_zero() {
        let pct = (delta.abs() / before * Decimal::from(100)).round_dp(2);
        s.push_str(&format!("，{rate_word}{}%", narrative(pct)));
    }
    s
}

fn reason(text: &FreeText, key: &str) -> Option<String> {
    text.reasons
        .get(key)
        .map(|s| s.trim().trim_end_matches('。').to_string())
        .filter(|s| !s.is_empty())
}

fn paragraphs(text: &str) -> Vec<String> {
    text.split("\n\n")
        .map(|p| p.trim().to_string())
        .filter(|p| !p.is_empty())
        .collect()
}

/// What every sentence of the explanation draws on.
struct Context<'a> {
    d: &'a Disclosure,
    text: &'a FreeText,
    f: &'a Figures,
    /// 部门 or 单位.
    s: &'a str,
    /// `2025年`, or 本年.
    year: &'a str,
    /// `2024年`, or 上年.
    prev_year: &'a str,
    /// The department's name, or 本部门.
    dept: &'a str,
    /// Shanghai's wording and numbering (else Hebei's).
    sh: bool,
}

/// Writes the explanation.
pub fn explanation(
    d: &Disclosure,
    previous: Option<&Disclosure>,
    text: &FreeText,
    template: Template,
) -> Vec<Section> {
    let f = figures(d);
    let s = subject(d.kind);
    let year = d
        .year
        .map(|y| format!("{y}年"))
        .unwrap_or_else(|| "本年".into());
    let prev_year = d
        .year
        .map(|y| format!("{}年", y - 1))
        .unwrap_or_else(|| "上年".into());
    let dept = d
        .department
        .as_ref()
        .map(|x| x.name.clone())
        .unwrap_or_else(|| format!("本{s}"));
    let c = Context {
        d,
        text,
        f: &f,
        s: &s,
        year: &year,
        prev_year: &prev_year,
        dept: &dept,
        sh: template == Template::Shanghai,
    };
    let mut out = Vec::new();
    duties(&c, &mut out);
    overview(&c, &mut out);
    if let Some(p) = previous.map(figures) {
        out.push(change_section(&c, &p));
    }
    operation_and_three_public(&c, previous, &mut out);
    further_sections(text, &mut out);
    renumber(out)
}

/// 职责及机构设置.
fn duties(c: &Context, out: &mut Vec<Section>) {
    let Context { d, text, s, sh, .. } = *c;
    if sh {
        let mut duty = Section::new(format!("一、{s}主要职能"), 1);
        if let Some(t) = &text.duties {
            duty.paragraphs.extend(paragraphs(t));
        }
        out.push(duty);
        let mut org = Section::new(format!("二、{s}机构设置"), 1);
        if let Some(t) = &text.organisation {
            org.paragraphs.extend(paragraphs(t));
        }
        org.units_table = !d.units.is_empty();
        out.push(org);
    } else {
        let mut duty = Section::new(format!("一、{s}职责及机构设置情况"), 1);
        if let Some(t) = &text.duties {
            duty.paragraphs.push(format!("{s}职责："));
            duty.paragraphs.extend(paragraphs(t));
        }
        if text.organisation.is_some() || !d.units.is_empty() {
            duty.paragraphs.push("机构设置：".into());
            if let Some(t) = &text.organisation {
                duty.paragraphs.extend(paragraphs(t));
            }
            duty.units_table = !d.units.is_empty();
        }
        out.push(duty);
    }
}

/// 总体情况 (Hebei: 收入说明, 支出说明) or 预算编制说明 (Shanghai).
fn overview(c: &Context, out: &mut Vec<Section>) {
    let Context {
        text,
        f,
        s,
        year,
        dept,
        sh,
        ..
    } = *c;
    let w = narrative;
    let project_use = reason(text, "project")
        .map(|r| format!("，主要用于{r}"))
        .unwrap_or_default();
    if sh {
        let mut budget = Section::new(format!("三、{s}预算编制说明"), 1);
        let fiscal = f.general_public + f.government_fund + f.state_capital;
        budget.paragraphs.push(format!(
            "{year}，{dept}收入预算{}万元，其中：财政拨款收入{}万元；事业收入{}万元；事业单位经营收入{}万元；其他收入{}万元。",
            w(f.income),
            w(fiscal),
            w(f.business),
            w(f.operating),
            w(f.other),
        ));
        budget.paragraphs.push(format!(
            "支出预算{}万元，其中：基本支出{}万元，项目支出{}万元{project_use}。财政拨款支出预算中，一般公共预算拨款支出预算{}万元，政府性基金拨款支出预算{}万元，国有资本经营预算拨款支出预算{}万元。",
            w(f.expenditure),
            w(f.basic),
            w(f.project),
            w(f.general_public),
            w(f.government_fund),
            w(f.state_capital),
        ));
        out.push(budget);
    } else {
        out.push(Section::new(format!("二、{s}预算安排的总体情况"), 1));
        let mut income = Section::new("1、收入说明", 2);
        let mut parts = vec![
            format!("一般公共预算收入{}万元", w(f.general_public)),
            format!("基金预算收入{}万元", w(f.government_fund)),
            format!("国有资本经营预算收入{}万元", w(f.state_capital)),
        ];
        for (name, v) in [
            ("财政专户管理资金收入", f.fiscal_special_account),
            ("事业收入", f.business),
            ("事业单位经营收入", f.operating),
            ("其他收入", f.other),
        ] {
            if !v.is_zero() {
                parts.push(format!("{name}{}万元", w(v)));
            }
        }
        parts.push(format!("上年结转结余{}万元", w(f.carryover)));
        income.paragraphs.push(format!(
            "{year}预算收入{}万元，其中：{}。",
            w(f.income),
            parts.join("，")
        ));
        out.push(income);

        let mut spending = Section::new("2、支出说明", 2);
        spending.paragraphs.push(format!(
            "{year}支出预算{}万元，其中：基本支出{}万元，包括人员经费{}万元和日常公用经费{}万元；项目支出{}万元{project_use}。",
            w(f.expenditure),
            w(f.basic),
            w(f.personnel),
            w(f.public_use),
            w(f.project),
        ));
        out.push(spending);
    }
}

/// 比上年增减情况.
fn change_section(c: &Context, p: &Figures) -> Section {
    let Context {
        text,
        f,
        year,
        prev_year,
        sh,
        ..
    } = *c;
    let w = narrative;
    let heading = if sh {
        "比上年增减情况"
    } else {
        "3、比上年增减情况"
    };
    let mut ch = Section::new(heading, 2);
    let mut sentence = format!(
        "{year}预算收支安排{}万元，较{prev_year}预算{}",
        w(f.expenditure),
        change(f.expenditure, p.expenditure)
    );
    if let Some(r) = reason(text, "change.total") {
        sentence.push_str(&format!("，主要原因是{r}"));
    }
    let mut sub = Vec::new();
    for (name, now, before, key) in [
        ("基本支出", f.basic, p.basic, "change.basic"),
        ("项目支出", f.project, p.project, "change.project"),
    ] {
        let mut part = format!("{name}较{prev_year}预算{}", change(now, before));
        if let Some(r) = reason(text, key) {
            part.push_str(&format!("，主要原因是{r}"));
        }
        sub.push(part);
    }
    sentence.push_str(&format!("。其中：{}。", sub.join("；")));
    ch.paragraphs.push(sentence);
    ch
}

/// 机关运行经费 and 三公 经费, in the template's order.
fn operation_and_three_public(c: &Context, previous: Option<&Disclosure>, out: &mut Vec<Section>) {
    let Context {
        d,
        text,
        f,
        s,
        year,
        prev_year,
        dept,
        sh,
    } = *c;
    let w = narrative;
    let tp = three_public(d);
    let operation = tp.and_then(|t| t.operation_cost).unwrap_or(f.public_use);
    let mut op_sentence = if sh {
        format!(
            "{year}{dept}财政拨款的机关运行经费预算为{}万元",
            w(operation)
        )
    } else {
        format!("{year}，本{s}机关运行经费预算安排{}万元", w(operation))
    };
    if let Some(r) = reason(text, "operation_cost") {
        op_sentence.push_str(&format!("，主要用于{r}"));
    }
    op_sentence.push('。');

    let mut three_sentence = None;
    if let Some(t) = tp {
        let z = |v: Option<Decimal>| w(v.unwrap_or_default());
        let mut sentence = if sh {
            format!(
                "{year}“三公”经费预算数为{}万元，其中：因公出国（境）费{}万元；公务用车购置及运行费{}万元（其中：公务用车购置费{}万元，公务用车运行费{}万元）；公务接待费{}万元。",
                z(t.total),
                z(t.outbound),
                z(t.vehicle),
                z(t.purchase),
                z(t.operation),
                z(t.reception),
            )
        } else {
            format!(
                "{year}，本{s}财政拨款“三公”经费预算安排{}万元，其中：因公出国（境）费{}万元；公务用车购置及运行维护费{}万元（其中：公务用车购置费{}万元，公务用车运行维护费{}万元）；公务接待费{}万元。",
                z(t.total),
                z(t.outbound),
                z(t.vehicle),
                z(t.purchase),
                z(t.operation),
                z(t.reception),
            )
        };
        if let Some(pt) = previous.and_then(three_public) {
            let now = t.total.unwrap_or_default();
            let before = pt.total.unwrap_or_default();
            sentence.push_str(&format!("与{prev_year}相比{}", change(now, before)));
            if let Some(r) = reason(text, "three_public") {
                sentence.push_str(&format!("，主要原因是{r}"));
            }
            sentence.push('。');
        } else if let Some(r) = reason(text, "three_public") {
            sentence.push_str(&format!("主要原因是{r}。"));
        }
        three_sentence = Some(sentence);
    }
    if sh {
        out.push(Section::new("四、其他相关情况说明", 1));
        let mut three = Section::new(format!("（一）{year}“三公”经费预算情况说明"), 2);
        three.paragraphs.extend(three_sentence);
        out.push(three);
        let mut op = Section::new("（二）机关运行经费预算", 2);
        op.paragraphs.push(op_sentence);
        out.push(op);
    } else {
        let mut op = Section::new("三、机关运行经费安排情况", 1);
        op.paragraphs.push(op_sentence);
        out.push(op);
        let mut three = Section::new("四、财政拨款“三公”经费预算情况及增减变化原因", 1);
        three.paragraphs.extend(three_sentence);
        out.push(three);
    }
}

/// Further sections as the department wrote them.
fn further_sections(text: &FreeText, out: &mut Vec<Section>) {
    for (n, sec) in text.sections.iter().enumerate() {
        let heading = if sec
            .heading
            .trim_start()
            .starts_with(|c: char| "一二三四五六七八九十".contains(c))
        {
            sec.heading.clone()
        } else {
            format!("{}、{}", crate::format::chinese_ordinal(n + 5), sec.heading)
        };
        let mut extra = Section::new(heading, 1);
        extra.paragraphs = paragraphs(&sec.text);
        out.push(extra);
    }
}

/// Drops a numbered section with nothing under it (职责 when the department wrote none) and
/// numbers the rest 一、二、… in order.
fn renumber(sections: Vec<Section>) -> Vec<Section> {
    let mut kept: Vec<Section> = Vec::new();
    for (i, sec) in sections.iter().enumerate() {
        let has_children = sections
            .get(i + 1)
            .is_some_and(|next| next.level > sec.level);
        if sec.level == 1 && sec.paragraphs.is_empty() && !sec.units_table && !has_children {
            continue;
        }
        kept.push(sec.clone());
    }
    let mut n = 0;
    for sec in kept.iter_mut().filter(|s| s.level == 1) {
        n += 1;
        let bare = sec
            .heading
            .split_once('、')
            .filter(|(num, _)| num.chars().all(|c| "一二三四五六七八九十".contains(c)))
            .map(|(_, rest)| rest.to_string())
            .unwrap_or_else(|| sec.heading.clone());
        sec.heading = format!("{}、{bare}", crate::format::chinese_ordinal(n));
    }
    kept
}

#[cfg(test)]
mod tests {
    use super::*;
    use std::str::FromStr;

    #[test]
    fn empty_sections_are_dropped_and_the_rest_renumbered() {
        let sec = |h: &str, level: u8, p: &[&str]| Section {
            heading: h.into(),
            level,
            paragraphs: p.iter().map(|x| x.to_string()).collect(),
            units_table: false,
        };
        let out = renumber(vec![
            sec("一、部门主要职能", 1, &[]),
            sec("二、部门预算安排的总体情况", 1, &[]),
            sec("1、收入说明", 2, &["收入"]),
            sec("三、机关运行经费安排情况", 1, &["经费"]),
        ]);
        let headings: Vec<&str> = out.iter().map(|s| s.heading.as_str()).collect();
        assert_eq!(
            headings,
            [
                "一、部门预算安排的总体情况",
                "1、收入说明",
                "二、机关运行经费安排情况"
            ]
        );
    }

    #[test]
    fn changes_are_worded_with_their_rate() {
        let d = |s| Decimal::from_str(s).unwrap();
        assert_eq!(change(d("110"), d("100")), "增加10.00万元，增长10.00%");
        assert_eq!(change(d("90"), d("100")), "减少10.00万元，下降10.00%");
        assert_eq!(change(d("5"), d("5")), "持平");
        assert_eq!(change(d("5"), d("0")), "增加5.00万元");
    }
}
