//! The document's identity: department, year and kind, from its own words.

use yusuan_model::{Department, DocumentKind, Span};
use yusuan_read::Line;

use crate::header::squeeze;
use crate::table::is_org_name;

fn head(lines: &[Line], n: usize) -> impl Iterator<Item = &Line> {
    lines.iter().filter(|l| !l.text.trim().is_empty()).take(n)
}

/// 部门预算 / 单位预算 / 部门决算 / 单位决算 / 绩效目标, from the first lines and the table titles.
pub fn detect_kind(lines: &[Line], has_tables: bool) -> DocumentKind {
    for l in head(lines, 40) {
        let t = squeeze(&l.text);
        if t.contains("单位决算") {
            return DocumentKind::UnitFinalAccounts;
        }
        if t.contains("部门决算") || t.contains("决算表") || t.contains("年度决算") {
            return DocumentKind::DepartmentFinalAccounts;
        }
        if t.contains("单位预算") || t.contains("预算单位") {
            return DocumentKind::UnitBudget;
        }
        if t.contains("部门预算") || t.contains("区级部门预算") {
            return DocumentKind::DepartmentBudget;
        }
        if t.contains("绩效目标") && !has_tables {
            return DocumentKind::PerformanceDeclaration;
        }
    }
    if !has_tables && lines.iter().any(|l| l.text.contains("绩效目标")) {
        return DocumentKind::PerformanceDeclaration;
    }
    if lines.iter().any(|l| l.text.contains("部门预算")) {
        return DocumentKind::DepartmentBudget;
    }
    DocumentKind::Unknown
}

/// 预算年度：2022, `2025年…预算`, `(2021年度)`, or a year on a line of its own.
pub fn detect_year(lines: &[Line]) -> Option<i32> {
    let year_at = |s: &str| -> Option<i32> {
        let chars: Vec<char> = s.chars().collect();
        for i in 0..chars.len().saturating_sub(3) {
            if chars[i] == '2'
                && chars[i + 1] == '0'
                && chars[i + 2].is_ascii_digit()
                && chars[i + 3].is_ascii_digit()
            {
                let before_ok = i == 0 || !chars[i - 1].is_ascii_digit();
                let after = chars.get(i + 4).copied();
                let after_ok = after.is_none_or(|c| !c.is_ascii_digit());
                if before_ok && after_ok {
                    let y: i32 = chars[i..i + 4].iter().collect::<String>().parse().ok()?;
                    if (2000..=2099).contains(&y) {
                        return Some(y);
                    }
                }
            }
        }
        None
    };
    for l in lines.iter().take(400) {
        let t = squeeze(&l.text);
        if let Some(rest) = t
            .strip_prefix("预算年度：")
            .or_else(|| t.strip_prefix("预算年度:"))
        {
            if let Some(y) = year_at(rest) {
                return Some(y);
            }
        }
    }
    for l in head(lines, 30) {
        let t = squeeze(&l.text);
        let is_heading =
            t.contains("预算") || t.contains("决算") || t.contains("年度") || t.contains("绩效");
        if is_heading || (t.len() == 4 && t.chars().all(|c| c.is_ascii_digit())) {
            if let Some(y) = year_at(&t) {
                return Some(y);
            }
        }
    }
    // No heading states it: the year the document speaks of most (`2021年`).
    let mut counts: std::collections::BTreeMap<i32, usize> = std::collections::BTreeMap::new();
    for l in lines {
        let t = squeeze(&l.text);
        for (pos, _) in t.match_indices('年') {
            if let Some(y) = pos
                .checked_sub(4)
                .and_then(|p| t.get(p..pos))
                .and_then(year_at)
            {
                *counts.entry(y).or_default() += 1;
            }
        }
    }
    counts
        .into_iter()
        .max_by_key(|(y, n)| (*n, *y))
        .map(|(y, _)| y)
}

/// The publishing department: from `预算主管部门：`, `编制部门：`/`编制单位：`, a `502 名称` line,
/// or the title's leading name.
pub fn detect_department(path: &str, lines: &[Line]) -> Option<Department> {
    const LABELS: &[&str] = &[
        "预算主管部门",
        "编制部门",
        "编制单位",
        "部门（单位）名称",
        "部门(单位)名称",
        "部门名称",
        "单位名称",
        "预算单位",
    ];
    for l in lines.iter().take(600) {
        let t = l.text.trim();
        for label in LABELS {
            if let Some(rest) = t.strip_prefix(label) {
                let rest = rest.trim_start_matches([':', '：', ' ', '\t']);
                let name: String = rest.split([' ', '\t']).next().unwrap_or("").to_string();
                if is_org_name(&name) {
                    return Some(Department {
                        name,
                        code: None,
                        span: Some(Span::line(path, l.page, l.number)),
                    });
                }
            }
        }
    }
    // `502 邯郸市住房保障和房产管理局`, `335001山海关区住房保障和房产管理局本级`.
    for l in lines.iter().take(600) {
        let t = l.text.trim();
        let digits = t.chars().take_while(|c| c.is_ascii_digit()).count();
        let (code, name) = (&t[..digits], t[digits..].trim());
        if (3..=9).contains(&digits) && !name.contains(char::is_whitespace) && is_org_name(name) {
            let name = name
                .strip_suffix("本级")
                .filter(|n| is_org_name(n))
                .unwrap_or(name);
            return Some(Department {
                name: name.to_string(),
                code: Some(code.to_string()),
                span: Some(Span::line(path, l.page, l.number)),
            });
        }
    }
    // The cover: a name alone on the first line, or broken over the first two.
    let first: Vec<&Line> = head(lines, 2).collect();
    if let Some(l) = first.first() {
        let one = squeeze(&l.text);
        // `中共上海市普陀区委` / `社会工作部 2024 年度`: the second line up to its year.
        let two = first
            .get(1)
            .map(|m| {
                let t = squeeze(&m.text);
                let cut = t.find("20").unwrap_or(t.len());
                format!("{one}{}", &t[..cut])
            })
            .unwrap_or_default();
        for name in [two, one] {
            if is_org_name(&name) && !name.contains("20") && name.chars().count() <= 40 {
                return Some(Department {
                    name,
                    code: None,
                    span: Some(Span::line(path, l.page, l.number)),
                });
            }
        }
    }
    for l in head(lines, 12) {
        let t = squeeze(&l.text);
        let t = t.trim_start_matches(['#', '*']);
        let t = match t.find("部分") {
            Some(p) if t.starts_with('第') && p < 12 => &t[p + "部分".len()..],
            _ => t,
        };
        if let Some(pos) = t.find("20") {
            let name = &t[..pos];
            if is_org_name(name) && (t.contains("预算") || t.contains("决算") || t.contains("绩效"))
            {
                return Some(Department {
                    name: name.to_string(),
                    code: None,
                    span: Some(Span::line(path, l.page, l.number)),
                });
            }
        }
    }
    None
}
