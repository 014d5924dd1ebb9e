//! YS604 code-level-inconsistent · 科目编码层级不符.

use yusuan_codes::{level, Level, Scheme};
use yusuan_model::{Disclosure, Finding};

use crate::{finding, Check, Rule};
use super::shared::*;

declare_rule! {
    /// YS604: 科目编码层级不符.
    pub struct CodeLevelInconsistent {
        code: "YS604",
        name: "code-level-inconsistent",
        title: "科目编码层级不符",
        family: Codes,
        severity: Error,
        doc: "ys604_code_level_inconsistent.md",
    }
}

impl Check for CodeLevelInconsistent {
    fn check(&self, doc: &Disclosure, out: &mut Vec<Finding>) {
        let info = self.info();
        let rows = coded_rows(doc);
        // Children whose parent is missing, by table and parent, in document order.
        let mut orphans: Vec<(&Coded, &str, Level, Vec<&Coded>)> = Vec::new();
        for c in &rows {
            let Some(lvl) = valid_level(c.code, c.scheme) else {
                let lengths = match c.scheme {
                    Scheme::Functional => "3、5 或 7",
                    Scheme::Economic => "3 或 5",
                };
                out.push(finding(info, doc, format!(
                        "《{}》科目编码 {} 有 {} 位，{}科目编码应为 {lengths} 位。",
                        c.table.title,
                        c.code,
                        c.code.chars().count(),
                        c.scheme.chinese()
                    ), vec![row_location(c.table, c.row)]));
                continue;
            };
            let parent_level = match lvl {
                Level::Lei => continue,
                Level::Kuan => Level::Lei,
                Level::Xiang => Level::Kuan,
            };
            let parent = &c.code[..parent_level.digits()];
            let codes_at = |l: Level| {
                c.table
                    .rows
                    .iter()
                    .filter(move |r| !r.is_total)
                    .filter_map(|r| r.code.as_deref())
                    .filter(move |code| level(code) == Some(l))
            };
            // Only tables that list parents at that level are judged.
            if codes_at(parent_level).next().is_none() {
                continue;
            }
            if codes_at(parent_level).any(|p| p == parent)
                || unread_code_above(c.table, c.index, parent)
            {
                continue;
            }
            match orphans
                .iter_mut()
                .find(|(first, p, _, _)| std::ptr::eq(first.table, c.table) && *p == parent)
            {
                Some((_, _, _, more)) => more.push(c),
                None => orphans.push((c, parent, parent_level, Vec::new())),
            }
        }
        for (c, parent, parent_level, more) in orphans {
            let others = if more.is_empty() {
                String::new()
            } else {
                format!("等 {} 行", more.len() + 1)
            };
            let mut locations = vec![row_location(c.table, c.row)];
            locations.extend(more.iter().map(|m| row_location(m.table, m.row)));
            out.push(finding(info, doc, format!(
                    "《{}》列示了 {} {}{others}，却未列示其所属{} {parent}。",
                    c.table.title,
                    c.code,
                    c.row.name.trim(),
                    parent_level.chinese()
                ), locations));
        }
    }
}
