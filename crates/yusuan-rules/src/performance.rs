//! Performance targets (YS8xx): 项目支出绩效目标表, 部门整体绩效目标 and 整体绩效目标申报表.
//!
//! - YS801 a satisfaction indicator written as a ceiling (`≤100%`);
//! - YS802 a rate above 100 %;
//! - YS803 a quantitative indicator (数量/质量/时效/成本) without a number or a grade;
//! - YS804 a cost indicator that is not an amount of money;
//! - YS805 a project's 预算数 ≠ 财政资金 + 其他资金;
//! - YS806 a cumulative spending plan that falls or exceeds 100 %;
//! - YS807 a 二级指标 under a 一级指标 it does not belong to (DOMAIN.md §4);
//! - YS808 a project without any 产出, 效益 or 满意度 indicator;
//! - YS809 descriptions that only repeat the 三级指标 (one finding per project);
//! - YS810 a declaration form whose totals do not add up;
//! - YS811 text printed where a declaration form expects a number.

use rust_decimal::Decimal;
use yusuan_model::{Comparator, Disclosure, Finding, Indicator, Location, Severity, Stated};

use crate::{tolerance, Family, Rule, RuleInfo};

/// The rules of this family.
pub fn rules() -> Vec<&'static dyn Rule> {
    vec![
        &SatisfactionUpperBound,
        &PercentOver100,
        &QuantitativeWithoutNumber,
        &CostNotMoney,
        &BudgetNotSum,
        &SpendingPlanNotMonotone,
        &Level2UnderWrongLevel1,
        &MissingLevel1,
        &DescriptionRepeatsName,
        &DeclarationTotals,
        &TextWhereNumber,
    ]
}

fn finding(
    doc: &Disclosure,
    info: &RuleInfo,
    severity: Severity,
    message: String,
    locations: Vec<Location>,
) -> Finding {
    Finding {
        rule: info.code.to_string(),
        severity,
        message,
        expected: None,
        actual: None,
        unit: None,
        locations,
        related: Vec::new(),
        document: doc.source.path.clone(),
    }
}

/// Every indicator of the document with the name of what it belongs to (a project, a department
/// target, a declaration form).
fn indicators(doc: &Disclosure) -> Vec<(String, &Indicator)> {
    let mut out = Vec::new();
    for p in &doc.projects {
        for i in &p.indicators {
            out.push((p.name.clone(), i));
        }
    }
    for t in &doc.department_targets {
        let owner = t
            .title
            .clone()
            .unwrap_or_else(|| "部门整体绩效目标".to_string());
        for i in &t.indicators {
            out.push((owner.clone(), i));
        }
    }
    for d in &doc.declarations {
        for i in &d.indicators {
            out.push((format!("{}整体绩效目标申报表", d.unit_name), i));
        }
    }
    out
}

/// An indicator as a location: its value cell, labelled `《项目》 二级 · 三级`.
fn indicator_location(owner: &str, ind: &Indicator) -> Location {
    let level2 = ind.level2.as_deref().unwrap_or("");
    Location {
        span: ind.value.span.clone().unwrap_or_else(|| ind.span.clone()),
        label: format!("《{owner}》 {level2} · {}", ind.name)
            .replace("  ", " ")
            .replace("》  ·", "》 ·"),
        value: ind.value.number,
    }
}

fn text(s: &Option<String>) -> &str {
    s.as_deref().unwrap_or("")
}

fn is_satisfaction(ind: &Indicator) -> bool {
    text(&ind.level1).contains("满意")
        || text(&ind.level2).contains("满意")
        || ind.name.contains("满意")
}

// ---------------------------------------------------------------------------------------------

/// YS801: a satisfaction indicator written as a ceiling.
pub struct SatisfactionUpperBound;

static YS801: RuleInfo = RuleInfo {
    code: "YS801",
    name: "satisfaction-upper-bound",
    title: "满意度指标写成上限",
    family: Family::Performance,
    severity: Severity::Warning,
    doc: include_str!("../docs/YS801.md"),
};

impl Rule for SatisfactionUpperBound {
    fn info(&self) -> &'static RuleInfo {
        &YS801
    }

    fn check(&self, doc: &Disclosure, out: &mut Vec<Finding>) {
        for (owner, ind) in indicators(doc) {
            if !ind.value.parsed || !is_satisfaction(ind) {
                continue;
            }
            if matches!(
                ind.value.comparator,
                Some(Comparator::AtMost) | Some(Comparator::Below)
            ) {
                out.push(finding(
                    doc,
                    &YS801,
                    Severity::Warning,
                    format!(
                        "满意度指标“{}”的指标值为“{}”，写成了上限，应为不低于某一水平（如≥90%）。",
                        ind.name, ind.value.raw
                    ),
                    vec![indicator_location(&owner, ind)],
                ));
            }
        }
    }
}

// ---------------------------------------------------------------------------------------------

/// YS802: a rate above 100 %.
pub struct PercentOver100;

static YS802: RuleInfo = RuleInfo {
    code: "YS802",
    name: "percent-over-100",
    title: "比率指标超过100%",
    family: Family::Performance,
    severity: Severity::Warning,
    doc: include_str!("../docs/YS802.md"),
};

fn is_bounded_rate(ind: &Indicator) -> bool {
    let words = format!("{}{}", ind.name, text(&ind.level2));
    let rate = ["率", "占比", "比例", "满意度"]
        .iter()
        .any(|w| words.contains(w));
    let growth = [
        "增长", "增幅", "增加", "提高", "提升", "上升", "同比", "环比",
    ]
    .iter()
    .any(|w| ind.name.contains(w));
    rate && !growth
}

impl Rule for PercentOver100 {
    fn info(&self) -> &'static RuleInfo {
        &YS802
    }

    fn check(&self, doc: &Disclosure, out: &mut Vec<Finding>) {
        let hundred = Decimal::from(100);
        for (owner, ind) in indicators(doc) {
            let v = &ind.value;
            let (Some(n), Some("%")) = (v.number, v.unit.as_deref()) else {
                continue;
            };
            if !v.parsed
                || n <= hundred
                || matches!(v.comparator, Some(Comparator::AtMost | Comparator::Below))
                || !is_bounded_rate(ind)
            {
                continue;
            }
            let mut f = finding(
                doc,
                &YS802,
                Severity::Warning,
                format!(
                    "比率指标“{}”的指标值为“{}”，超过100%，该比率不可能超过100%。",
                    ind.name, v.raw
                ),
                vec![indicator_location(&owner, ind)],
            );
            f.actual = Some(n);
            f.expected = Some(hundred);
            out.push(f);
        }
    }
}

// ---------------------------------------------------------------------------------------------

/// YS803: a quantitative indicator without a number or a grade.
pub struct QuantitativeWithoutNumber;

static YS803: RuleInfo = RuleInfo {
    code: "YS803",
    name: "quantitative-without-number",
    title: "定量指标未给出数值",
    family: Family::Performance,
    severity: Severity::Warning,
    doc: include_str!("../docs/YS803.md"),
};

fn is_quantitative(ind: &Indicator) -> bool {
    let l2 = text(&ind.level2);
    ["数量", "质量", "时效", "成本"]
        .iter()
        .any(|w| l2.contains(w))
}

/// A value that reads as a sentence rather than a target (`有力保障单位业务工作的正常开展`).
fn is_sentence(raw: &str) -> bool {
    raw.chars().count() >= 8 || raw.contains(['，', '。', ',', '；'])
}

impl Rule for QuantitativeWithoutNumber {
    fn info(&self) -> &'static RuleInfo {
        &YS803
    }

    fn check(&self, doc: &Disclosure, out: &mut Vec<Finding>) {
        for (owner, ind) in indicators(doc) {
            let v = &ind.value;
            let raw = v.raw.trim();
            if v.parsed || raw.is_empty() || !is_quantitative(ind) {
                continue;
            }
            if v.number.is_some() || v.grade.is_some() {
                continue;
            }
            let (severity, message) = if is_sentence(raw) {
                (
                    Severity::Info,
                    format!(
                        "{}“{}”的指标值是一句话“{}”，不是“比较符+数值+单位”形式的目标值。",
                        text(&ind.level2),
                        ind.name,
                        raw
                    ),
                )
            } else {
                (
                    Severity::Warning,
                    format!(
                        "{}“{}”的指标值“{}”不是“比较符+数值+单位”或等级，无法衡量。",
                        text(&ind.level2),
                        ind.name,
                        raw
                    ),
                )
            };
            out.push(finding(
                doc,
                &YS803,
                severity,
                message,
                vec![indicator_location(&owner, ind)],
            ));
        }
    }
}

// ---------------------------------------------------------------------------------------------

/// YS804: a cost indicator that is not an amount of money.
pub struct CostNotMoney;

static YS804: RuleInfo = RuleInfo {
    code: "YS804",
    name: "cost-not-money",
    title: "成本指标不是金额",
    family: Family::Performance,
    severity: Severity::Warning,
    doc: include_str!("../docs/YS804.md"),
};

impl Rule for CostNotMoney {
    fn info(&self) -> &'static RuleInfo {
        &YS804
    }

    fn check(&self, doc: &Disclosure, out: &mut Vec<Finding>) {
        for (owner, ind) in indicators(doc) {
            let l2 = text(&ind.level2);
            // Newer templates: 一级 成本指标 with 社会成本 / 生态成本, which need not be money.
            if !l2.contains("成本") || l2.contains("社会成本") || l2.contains("生态成本")
            {
                continue;
            }
            let v = &ind.value;
            let (true, Some(_), Some(unit)) = (v.parsed, v.number, v.unit.as_deref()) else {
                continue;
            };
            if unit.contains('元') {
                continue;
            }
            out.push(finding(
                doc,
                &YS804,
                Severity::Warning,
                format!(
                    "成本指标“{}”的指标值“{}”以“{}”计，不是金额（元、万元）。",
                    ind.name, v.raw, unit
                ),
                vec![indicator_location(&owner, ind)],
            ));
        }
    }
}

// ---------------------------------------------------------------------------------------------

/// YS805: a project's 预算数 ≠ 财政资金 + 其他资金.
pub struct BudgetNotSum;

static YS805: RuleInfo = RuleInfo {
    code: "YS805",
    name: "budget-not-sum",
    title: "项目预算数不等于财政资金与其他资金之和",
    family: Family::Performance,
    severity: Severity::Error,
    doc: include_str!("../docs/YS805.md"),
};

impl Rule for BudgetNotSum {
    fn info(&self) -> &'static RuleInfo {
        &YS805
    }

    fn check(&self, doc: &Disclosure, out: &mut Vec<Finding>) {
        for p in &doc.projects {
            let (Some(b), Some(f), Some(o)) = (&p.budget, &p.fiscal_funds, &p.other_funds) else {
                continue;
            };
            let sum = f.value + o.value;
            if sum == b.value {
                continue;
            }
            let loc = |label: &str, fig: &yusuan_model::Figure| Location {
                span: fig.span.clone(),
                label: format!("《{}》 {label}", p.name),
                value: Some(fig.value),
            };
            let mut finding = finding(
                doc,
                &YS805,
                Severity::Error,
                format!(
                    "项目“{}”预算数 {} ≠ 财政资金 {} + 其他资金 {} = {}。",
                    p.name, b.value, f.value, o.value, sum
                ),
                vec![loc("预算数", b), loc("财政资金", f), loc("其他资金", o)],
            );
            finding.actual = Some(b.value);
            finding.expected = Some(sum);
            finding.unit = p.unit;
            out.push(finding);
        }
    }
}

// ---------------------------------------------------------------------------------------------

/// YS806: a cumulative spending plan that falls or exceeds 100 %.
pub struct SpendingPlanNotMonotone;

static YS806: RuleInfo = RuleInfo {
    code: "YS806",
    name: "spending-plan-not-monotone",
    title: "资金支出计划累计进度下降或超过100%",
    family: Family::Performance,
    severity: Severity::Warning,
    doc: include_str!("../docs/YS806.md"),
};

impl Rule for SpendingPlanNotMonotone {
    fn info(&self) -> &'static RuleInfo {
        &YS806
    }

    fn check(&self, doc: &Disclosure, out: &mut Vec<Finding>) {
        let hundred = Decimal::from(100);
        for p in &doc.projects {
            let loc = |pt: &yusuan_model::PlanPoint| Location {
                span: pt.span.clone(),
                label: format!("《{}》 资金支出计划 · {}", p.name, pt.period),
                value: Some(pt.percent),
            };
            for (i, pt) in p.spending_plan.iter().enumerate() {
                if pt.percent > hundred {
                    out.push(finding(
                        doc,
                        &YS806,
                        Severity::Warning,
                        format!(
                            "项目“{}”资金支出计划“{}”累计 {}%，超过100%。",
                            p.name, pt.period, pt.percent
                        ),
                        vec![loc(pt)],
                    ));
                }
                if i > 0 {
                    let prev = &p.spending_plan[i - 1];
                    if pt.percent < prev.percent {
                        out.push(finding(
                            doc,
                            &YS806,
                            Severity::Warning,
                            format!(
                                "项目“{}”资金支出计划“{}”累计 {}% 低于前一期“{}”的 {}%，累计进度不应下降。",
                                p.name, pt.period, pt.percent, prev.period, prev.percent
                            ),
                            vec![loc(pt), loc(prev)],
                        ));
                    }
                }
            }
        }
    }
}

// ---------------------------------------------------------------------------------------------

/// YS807: a 二级指标 under a 一级指标 it does not belong to.
pub struct Level2UnderWrongLevel1;

static YS807: RuleInfo = RuleInfo {
    code: "YS807",
    name: "level2-under-wrong-level1",
    title: "二级指标不属于其一级指标",
    family: Family::Performance,
    severity: Severity::Warning,
    doc: include_str!("../docs/YS807.md"),
};

#[derive(Debug, Clone, Copy, PartialEq, Eq)]
enum Group {
    Output,
    Benefit,
    Satisfaction,
    Cost,
}

impl Group {
    fn name(self) -> &'static str {
        match self {
            Group::Output => "产出指标",
            Group::Benefit => "效益指标",
            Group::Satisfaction => "满意度指标",
            Group::Cost => "成本指标",
        }
    }
}

fn level1_group(l1: &str) -> Option<Group> {
    if l1.contains("满意") {
        Some(Group::Satisfaction)
    } else if l1.contains("产出") {
        Some(Group::Output)
    } else if l1.contains("效益") {
        Some(Group::Benefit)
    } else if l1.contains("成本") {
        Some(Group::Cost)
    } else {
        None
    }
}

/// The 一级 groups a 二级 may stand under.
fn level2_groups(l2: &str) -> Option<&'static [Group]> {
    if l2.contains("满意") {
        Some(&[Group::Satisfaction])
    } else if l2.contains("经济成本") || l2.contains("社会成本") || l2.contains("生态成本")
    {
        Some(&[Group::Cost, Group::Output])
    } else if l2.contains("成本") {
        Some(&[Group::Output, Group::Cost])
    } else if l2.contains("数量") || l2.contains("质量") || l2.contains("时效") {
        Some(&[Group::Output])
    } else if ["经济效益", "社会效益", "生态效益", "可持续影响"]
        .iter()
        .any(|w| l2.contains(w))
    {
        Some(&[Group::Benefit])
    } else {
        None
    }
}

impl Rule for Level2UnderWrongLevel1 {
    fn info(&self) -> &'static RuleInfo {
        &YS807
    }

    fn check(&self, doc: &Disclosure, out: &mut Vec<Finding>) {
        let mut previous: Option<(String, String, String)> = None;
        // Declaration forms follow the 部门整体 template, where 满意度 is a 二级 under 效益.
        let declared = doc
            .declarations
            .iter()
            .map(|d| d.indicators.len())
            .sum::<usize>();
        let all = indicators(doc);
        let judged = &all[..all.len() - declared];
        for (owner, ind) in judged.iter().map(|(o, i)| (o.clone(), *i)) {
            let l1 = text(&ind.level1).to_string();
            let l2 = text(&ind.level2).to_string();
            let key = (owner.clone(), l1.clone(), l2.clone());
            // One finding per printed group: carried-down labels repeat on every row.
            if previous.as_ref() == Some(&key) {
                continue;
            }
            previous = Some(key);
            let (Some(g1), Some(allowed)) = (level1_group(&l1), level2_groups(&l2)) else {
                continue;
            };
            if allowed.contains(&g1) {
                continue;
            }
            out.push(finding(
                doc,
                &YS807,
                Severity::Warning,
                format!(
                    "二级指标“{l2}”被列在一级指标“{l1}”下，应属于“{}”。",
                    allowed[0].name()
                ),
                vec![indicator_location(&owner, ind)],
            ));
        }
    }
}

// ---------------------------------------------------------------------------------------------

/// YS808: a project without any 产出, 效益 or 满意度 indicator.
pub struct MissingLevel1;

static YS808: RuleInfo = RuleInfo {
    code: "YS808",
    name: "missing-level1",
    title: "缺少一级指标",
    family: Family::Performance,
    severity: Severity::Info,
    doc: include_str!("../docs/YS808.md"),
};

impl Rule for MissingLevel1 {
    fn info(&self) -> &'static RuleInfo {
        &YS808
    }

    fn check(&self, doc: &Disclosure, out: &mut Vec<Finding>) {
        for p in &doc.projects {
            if p.indicators.is_empty() {
                continue;
            }
            let has = |g: Group| {
                p.indicators.iter().any(|i| {
                    level1_group(text(&i.level1)) == Some(g)
                        || (g == Group::Output
                            && level1_group(text(&i.level1)) == Some(Group::Cost))
                        || level2_groups(text(&i.level2)).is_some_and(|a| a[0] == g)
                })
            };
            let missing: Vec<&str> = [Group::Output, Group::Benefit, Group::Satisfaction]
                .into_iter()
                .filter(|g| !has(*g))
                .map(Group::name)
                .collect();
            if missing.is_empty() {
                continue;
            }
            out.push(finding(
                doc,
                &YS808,
                Severity::Info,
                format!("项目“{}”的绩效目标表没有{}。", p.name, missing.join("、")),
                vec![Location {
                    span: p.span.clone(),
                    label: format!("《{}》", p.title.as_deref().unwrap_or(&p.name)),
                    value: None,
                }],
            ));
        }
    }
}

// ---------------------------------------------------------------------------------------------

/// YS809: descriptions that only repeat the 三级指标.
pub struct DescriptionRepeatsName;

static YS809: RuleInfo = RuleInfo {
    code: "YS809",
    name: "description-repeats-name",
    title: "指标描述照抄三级指标名称",
    family: Family::Performance,
    severity: Severity::Info,
    doc: include_str!("../docs/YS809.md"),
};

impl Rule for DescriptionRepeatsName {
    fn info(&self) -> &'static RuleInfo {
        &YS809
    }

    fn check(&self, doc: &Disclosure, out: &mut Vec<Finding>) {
        for p in &doc.projects {
            let repeated: Vec<&Indicator> = p
                .indicators
                .iter()
                .filter(|i| {
                    let name = i.name.trim();
                    !name.is_empty() && i.description.as_deref().map(str::trim) == Some(name)
                })
                .collect();
            if repeated.is_empty() {
                continue;
            }
            out.push(finding(
                doc,
                &YS809,
                Severity::Info,
                format!(
                    "项目“{}”有 {} 个指标的描述只是重复三级指标名称（如“{}”），未说明指标含义。",
                    p.name,
                    repeated.len(),
                    repeated[0].name
                ),
                repeated
                    .iter()
                    .map(|i| Location {
                        span: i.span.clone(),
                        label: format!("《{}》 {}", p.name, i.name),
                        value: None,
                    })
                    .collect(),
            ));
        }
    }
}

// ---------------------------------------------------------------------------------------------

/// YS810: a declaration form whose totals do not add up.
pub struct DeclarationTotals;

static YS810: RuleInfo = RuleInfo {
    code: "YS810",
    name: "declaration-totals",
    title: "整体绩效目标申报表总额不等于分项之和",
    family: Family::Performance,
    severity: Severity::Error,
    doc: include_str!("../docs/YS810.md"),
};

/// A field printed as a dash or nothing at all: zero.
fn is_blank(text: &str) -> bool {
    let t = text.trim();
    t.is_empty() || ["-", "—", "——", "－", "/"].contains(&t)
}

/// The amount of a part: a number, zero when blank or not printed, `None` when text stands there.
fn part(s: &Option<Stated>) -> Option<Decimal> {
    match s {
        None => Some(Decimal::ZERO),
        Some(s) => match s.value {
            Some(v) => Some(v),
            None if is_blank(&s.text) => Some(Decimal::ZERO),
            None => None,
        },
    }
}

impl Rule for DeclarationTotals {
    fn info(&self) -> &'static RuleInfo {
        &YS810
    }

    fn check(&self, doc: &Disclosure, out: &mut Vec<Finding>) {
        for d in &doc.declarations {
            let Some(total) = d.total.as_ref() else {
                continue;
            };
            let Some(t) = total.value else { continue };
            let pairs = [
                ("财政性资金", &d.fiscal_funds, "其他资金", &d.other_funds),
                ("基本支出", &d.basic, "项目支出", &d.project),
            ];
            for (na, a, nb, b) in pairs {
                // Judge only when at least one part is printed as a number.
                if a.as_ref().and_then(|s| s.value).is_none()
                    && b.as_ref().and_then(|s| s.value).is_none()
                {
                    continue;
                }
                let (Some(va), Some(vb)) = (part(a), part(b)) else {
                    continue;
                };
                let sum = va + vb;
                let scale = tolerance::scale_of(&[t, va, vb]);
                if !tolerance::differs(t, sum, 2, scale) {
                    continue;
                }
                let mut locations = vec![Location {
                    span: total.span.clone(),
                    label: format!("《{}整体绩效目标申报表》 部门预算总额", d.unit_name),
                    value: Some(t),
                }];
                for (n, s) in [(na, a), (nb, b)] {
                    if let Some(s) = s {
                        locations.push(Location {
                            span: s.span.clone(),
                            label: format!("《{}整体绩效目标申报表》 {n}", d.unit_name),
                            value: s.value,
                        });
                    }
                }
                let mut f = finding(
                    doc,
                    &YS810,
                    Severity::Error,
                    format!(
                        "“{}”申报表部门预算总额 {t} ≠ {na} {va} + {nb} {vb} = {sum}。",
                        d.unit_name
                    ),
                    locations,
                );
                f.actual = Some(t);
                f.expected = Some(sum);
                f.unit = d.unit;
                out.push(f);
            }
        }
    }
}

// ---------------------------------------------------------------------------------------------

/// YS811: text printed where a declaration form expects a number.
pub struct TextWhereNumber;

static YS811: RuleInfo = RuleInfo {
    code: "YS811",
    name: "text-where-number",
    title: "金额栏填写了文字",
    family: Family::Performance,
    severity: Severity::Warning,
    doc: include_str!("../docs/YS811.md"),
};

impl Rule for TextWhereNumber {
    fn info(&self) -> &'static RuleInfo {
        &YS811
    }

    fn check(&self, doc: &Disclosure, out: &mut Vec<Finding>) {
        for d in &doc.declarations {
            let fields = [
                ("部门预算总额", &d.total),
                ("财政性资金", &d.fiscal_funds),
                ("其他资金", &d.other_funds),
                ("基本支出", &d.basic),
                ("项目支出", &d.project),
            ];
            for (name, field) in fields {
                let Some(s) = field else { continue };
                if s.value.is_some() || is_blank(&s.text) {
                    continue;
                }
                out.push(finding(
                    doc,
                    &YS811,
                    Severity::Warning,
                    format!(
                        "“{}”申报表的{name}栏应填金额，却填写了文字“{}”，相关总额无法核对。",
                        d.unit_name,
                        s.text.trim()
                    ),
                    vec![Location {
                        span: s.span.clone(),
                        label: format!("《{}整体绩效目标申报表》 {name}", d.unit_name),
                        value: None,
                    }],
                ));
            }
        }
    }
}
