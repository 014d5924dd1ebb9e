//! YS811 text-where-number · 金额栏填写了文字.

use yusuan_model::{Disclosure, Finding, Location, Severity};

use crate::{finding, Check, Rule};
use super::shared::*;

declare_rule! {
    /// YS811: text printed where a declaration form expects a number.
    pub struct TextWhereNumber {
        code: "YS811",
        name: "text-where-number",
        title: "金额栏填写了文字",
        family: Performance,
        severity: Warning,
        doc: "ys811_text_where_number.md",
    }
}

impl Check for TextWhereNumber {
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
                out.push(Finding {
                    severity: Severity::Warning,
                    ..finding(
                        self.info(),
                        doc,
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
                    )
                });
            }
        }
    }
}
