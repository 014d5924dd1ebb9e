//! The readable dump of a disclosure's performance targets (`yusuan extract --format text`):
//! project tables, department targets and declaration forms, every indicator on one line with
//! its value as printed and as read (`≥128.22 万元 ⇒ ≥ 128.22 万元`; a value that was not
//! understood shows `⇒ kept as printed`).
//!
//! Depends only on `yusuan_model` and `std`.

use std::fmt::Write;

use yusuan_model::{
    Comparator, Declaration, DepartmentTarget, Disclosure, Figure, Indicator, IndicatorValue,
    MoneyUnit, Project, Stated,
};

/// Renders the projects, department targets and declarations of `d`; empty when it has none.
pub fn render(d: &Disclosure) -> String {
    let mut s = String::new();
    if d.projects.is_empty() && d.department_targets.is_empty() && d.declarations.is_empty() {
        return s;
    }
    let all: Vec<&Indicator> = d
        .projects
        .iter()
        .flat_map(|p| &p.indicators)
        .chain(d.department_targets.iter().flat_map(|t| &t.indicators))
        .chain(d.declarations.iter().flat_map(|f| &f.indicators))
        .collect();
    let raw = all.iter().filter(|i| !i.value.parsed).count();
    let _ = writeln!(s, "== performance targets: {} ==", d.source.path);
    let _ = writeln!(
        s,
        "projects: {} ({} indicators)   department targets: {} ({} indicators)   declarations: {} ({} indicators)   values kept as printed: {raw}",
        d.projects.len(),
        d.projects.iter().map(|p| p.indicators.len()).sum::<usize>(),
        d.department_targets.len(),
        d.department_targets
            .iter()
            .map(|t| t.indicators.len())
            .sum::<usize>(),
        d.declarations.len(),
        d.declarations
            .iter()
            .map(|f| f.indicators.len())
            .sum::<usize>(),
    );
    for t in &d.department_targets {
        target(&mut s, t);
    }
    for p in &d.projects {
        project(&mut s, p);
    }
    for f in &d.declarations {
        declaration(&mut s, f);
    }
    s.push('\n');
    s
}

/// Text on one line: line breaks shown as ` ⏎ `.
fn one_line(text: &str) -> String {
    text.replace('\n', " ⏎ ")
}

fn unit_word(u: Option<MoneyUnit>) -> &'static str {
    u.map(|u| u.chinese()).unwrap_or("unit not stated")
}

fn figure(f: &Option<Figure>) -> String {
    match f {
        Some(f) => f.value.to_string(),
        None => "—".to_string(),
    }
}

fn target(s: &mut String, t: &DepartmentTarget) {
    let _ = writeln!(
        s,
        "\n-- department target 《{}》 line {}, {} indicators",
        t.title.as_deref().unwrap_or("(untitled)"),
        t.span.line,
        t.indicators.len()
    );
    if !t.goal.is_empty() {
        let _ = writeln!(s, "   goal: {}", one_line(&t.goal));
    }
    for i in &t.indicators {
        indicator(s, i);
    }
}

fn project(s: &mut String, p: &Project) {
    let _ = writeln!(
        s,
        "\n-- project {}《{}》 lines {}–{}, {} indicators",
        p.number
            .as_deref()
            .map(|n| format!("{n} "))
            .unwrap_or_default(),
        p.name,
        p.span.line,
        p.end_line,
        p.indicators.len()
    );
    if let Some(t) = &p.title {
        let _ = writeln!(s, "   title: {t}");
    }
    if let Some(c) = &p.code {
        let _ = writeln!(s, "   项目编码: {c}");
    }
    if let Some(u) = &p.unit_name {
        let _ = writeln!(s, "   unit: {u}");
    }
    if p.budget.is_some() || p.fiscal_funds.is_some() || p.other_funds.is_some() {
        let _ = writeln!(
            s,
            "   预算 [{}]: {} = 财政资金 {} + 其他资金 {}",
            unit_word(p.unit),
            figure(&p.budget),
            figure(&p.fiscal_funds),
            figure(&p.other_funds)
        );
    }
    if p.annual_request.is_some() || p.current_appropriation.is_some() || p.carryover.is_some() {
        let _ = writeln!(
            s,
            "   年度资金申请总额 {}   当年财政拨款 {}   上年结转资金 {}",
            figure(&p.annual_request),
            figure(&p.current_appropriation),
            figure(&p.carryover)
        );
    }
    if let Some(u) = &p.purpose {
        let _ = writeln!(s, "   资金用途: {}", one_line(u));
    }
    if !p.spending_plan.is_empty() {
        let points: Vec<String> = p
            .spending_plan
            .iter()
            .map(|pt| format!("{} {}%", pt.period, pt.percent))
            .collect();
        let _ = writeln!(s, "   资金支出计划: {}", points.join(" · "));
    }
    if let Some(g) = &p.overall_goal {
        let _ = writeln!(s, "   项目总目标: {}", one_line(g));
    }
    if let Some(g) = &p.goal {
        let _ = writeln!(s, "   goal: {}", one_line(g));
    }
    for i in &p.indicators {
        indicator(s, i);
    }
}

fn stated(label: &str, v: &Option<Stated>) -> String {
    match v {
        None => format!("{label} (blank)"),
        Some(st) => match st.value {
            Some(n) if st.text == n.to_string() => format!("{label} {n}"),
            Some(n) => format!("{label} {n} (printed `{}`)", st.text),
            None => format!("{label} `{}` (not a number)", st.text),
        },
    }
}

fn declaration(s: &mut String, f: &Declaration) {
    let _ = writeln!(
        s,
        "\n-- declaration 《{}》 lines {}–{}, {} indicators",
        f.unit_name,
        f.span.line,
        f.end_line,
        f.indicators.len()
    );
    if let Some(g) = &f.annual_goal {
        let _ = writeln!(s, "   年度履职目标: {}", one_line(g));
    }
    for t in &f.tasks {
        let _ = writeln!(s, "   任务: {}", one_line(t));
    }
    let _ = writeln!(
        s,
        "   [{}] {} = {} + {}",
        unit_word(f.unit),
        stated("部门预算总额", &f.total),
        stated("财政性资金", &f.fiscal_funds),
        stated("其他资金", &f.other_funds)
    );
    let _ = writeln!(
        s,
        "   {} + {}",
        stated("基本支出", &f.basic),
        stated("项目支出", &f.project)
    );
    for i in &f.indicators {
        indicator(s, i);
    }
}

fn comparator(c: Comparator) -> &'static str {
    match c {
        Comparator::AtLeast => "≥",
        Comparator::AtMost => "≤",
        Comparator::Equal => "=",
        Comparator::Above => ">",
        Comparator::Below => "<",
    }
}

/// How a value was read: `≥ 128.22 万元`, `grade 合规`, `≥ 上年`, or `kept as printed`.
pub fn value_reading(v: &IndicatorValue) -> String {
    if !v.parsed {
        return "kept as printed".to_string();
    }
    if let Some(g) = &v.grade {
        return format!("grade {g}");
    }
    let mut parts: Vec<String> = Vec::new();
    if let Some(c) = v.comparator {
        parts.push(comparator(c).to_string());
    }
    if let Some(n) = v.number {
        parts.push(n.to_string());
    }
    if let Some(u) = &v.unit {
        parts.push(u.clone());
    }
    if let Some(r) = &v.reference {
        parts.push(format!("reference {r}"));
    }
    if let Some(r) = &v.remark {
        parts.push(format!("({r})"));
    }
    parts.join(" ")
}

fn indicator(s: &mut String, i: &Indicator) {
    let levels = format!(
        "{} / {} / {}",
        i.level1.as_deref().unwrap_or("—"),
        i.level2.as_deref().unwrap_or("—"),
        one_line(&i.name)
    );
    let mut line = format!("   L{} {levels}", i.span.line);
    if let Some(d) = &i.description {
        let _ = write!(line, " | {}", one_line(d));
    }
    let _ = write!(
        line,
        " | `{}` ⇒ {}",
        one_line(&i.value.raw),
        value_reading(&i.value)
    );
    if let Some(u) = &i.measure_unit {
        let _ = write!(line, " | 度量单位 {u}");
    }
    if let Some(b) = &i.basis {
        let _ = write!(line, " | 依据 {}", one_line(b));
    }
    let _ = writeln!(s, "{line}");
}
