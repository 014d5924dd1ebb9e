//! YS202 parent-not-sum-of-children · 上级科目不等于下级科目之和.

use yusuan_model::{ColumnKey, Disclosure, Finding, Row, Table, TableKind};

use crate::{Check, Rule};
use super::shared::*;

declare_rule! {
    /// YS202 上级科目不等于下级科目之和: a 类 differs from the sum of its 款, or a 款 from the sum of
    /// its 项, in some column; in a 三公 table printed by rows, 公务用车购置及运行费 from 购置费 + 运行费.
    pub struct ParentNotSumOfChildren {
        code: "YS202",
        name: "parent-not-sum-of-children",
        title: "上级科目不等于下级科目之和",
        family: TableArithmetic,
        severity: Error,
        doc: "ys202_parent_not_sum_of_children.md",
    }
}

/// The rows directly below a code: codes two digits longer that start with it.
pub(crate) fn children_of<'a>(table: &'a Table, code: &str) -> Vec<&'a Row> {
    table
        .rows
        .iter()
        .filter(|r| {
            r.code
                .as_deref()
                .is_some_and(|c| c.len() == code.len() + 2 && c.starts_with(code))
        })
        .collect()
}

/// True when a row without a code sits among or right after a parent's descendants (a code the
/// text lost, e.g. `301 2 津贴补贴`, `7 11 02 事业单位医疗`): the children listed may then not be
/// all of them.
fn uncoded_in_block(table: &Table, parent: &Row, code: &str) -> bool {
    let Some(start) = table.rows.iter().position(|r| std::ptr::eq(r, parent)) else {
        return false;
    };
    let block: Vec<&Row> = table.rows[start + 1..]
        .iter()
        .take_while(|r| r.code.as_deref().is_none_or(|c| c.starts_with(code)))
        .collect();
    block.iter().any(|r| r.code.is_none() && !r.is_total)
}

impl Check for ParentNotSumOfChildren {
    fn check(&self, doc: &Disclosure, out: &mut Vec<Finding>) {
        for table in judged(doc) {
            if table.kind.is_two_sided() {
                continue;
            }
            let keys = side_keys(table, None);
            for parent in &table.rows {
                let Some(code) = parent.code.as_deref() else {
                    continue;
                };
                // A code printed twice (a repeated page) makes the sums ambiguous.
                let twice = |c: &str| {
                    table
                        .rows
                        .iter()
                        .filter(|r| r.code.as_deref() == Some(c))
                        .count()
                        > 1
                };
                let children = children_of(table, code);
                if children.is_empty()
                    || twice(code)
                    || children
                        .iter()
                        .any(|c| twice(c.code.as_deref().unwrap_or("")))
                    || uncoded_in_block(table, parent, code)
                {
                    continue;
                }
                let level = match code.len() + 2 {
                    5 => "款",
                    7 => "项",
                    _ => "下级科目",
                };
                for key in &keys {
                    self.check_sum(doc, table, parent, &children, key, level, out);
                }
            }
            // 三公 by rows: 公务用车购置及运行费 = 购置费 + 运行费.
            if table.kind == TableKind::ThreePublic {
                let (Some(parent), Some(a), Some(b)) = (
                    item_row(table, "three_public.vehicle"),
                    item_row(table, "three_public.vehicle_purchase"),
                    item_row(table, "three_public.vehicle_operation"),
                ) else {
                    continue;
                };
                for key in &keys {
                    self.check_sum(doc, table, parent, &[a, b], key, "细项", out);
                }
            }
        }
    }
}

impl ParentNotSumOfChildren {
    #[allow(clippy::too_many_arguments)]
    fn check_sum(
        &self,
        doc: &Disclosure,
        table: &Table,
        parent: &Row,
        children: &[&Row],
        key: &ColumnKey,
        level: &str,
        out: &mut Vec<Finding>,
    ) {
        let Some(printed) = column_figure(table, parent, key) else {
            return;
        };
        let Some(parts): Option<Vec<Figure>> = children
            .iter()
            .map(|c| figure(table, c, key, row_name(c)))
            .collect()
        else {
            return;
        };
        if let Some(m) = compare(&printed, &parts) {
            let subject = format!("《{}》{}：{}", table.title, row_name(parent), printed.name);
            let what = if parts.len() <= 3 {
                parts_name(&parts, "")
            } else {
                format!("所属 {} 个{level}之和", parts.len())
            };
            out.push(mismatch_finding(
                self.info(),
                doc,
                &subject,
                &printed,
                &what,
                &parts,
                &m,
            ));
        }
    }
}
