//! A table as printed: header rows and body rows of plain cells, shared by every output format
//! so that HTML, PDF, XLSX and text print the same thing.

use yusuan_model::{Disclosure, Row, Side, Table, TableKind};

use crate::format::amount;
use crate::layout::{self, column_header};
use crate::Template;

/// One printed table.
#[derive(Debug, Clone)]
pub struct Grid {
    pub kind: TableKind,
    pub title: String,
    /// Lines between the title and the table (编制单位, 预算年度).
    pub meta: Vec<String>,
    /// `单位：万元`.
    pub unit: String,
    pub header: Vec<Vec<String>>,
    pub body: Vec<Vec<String>>,
    /// Indexes of body rows that are totals (printed bold).
    pub total_rows: Vec<usize>,
    /// Index of the first amount column (cells from here on are right-aligned); for two-sided
    /// tables the name column of the second side is listed in `text_columns`.
    pub text_columns: Vec<usize>,
    /// The note under the table (empty tables).
    pub note: Option<String>,
    /// What each column holds.
    pub columns: Vec<ColKind>,
}

/// What a printed column holds (alignment, number format).
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum ColKind {
    /// 序号.
    Seq,
    /// 科目编码.
    Code,
    /// Names (科目名称, 项目).
    Text,
    /// Amounts.
    Amount,
}

impl Grid {
    /// The kind of column `c`.
    pub fn column(&self, c: usize) -> ColKind {
        self.columns.get(c).copied().unwrap_or(ColKind::Text)
    }
}

fn money(row: &Row, key: &yusuan_model::ColumnKey, sep: bool) -> String {
    row.cells
        .get(key)
        .map(|v| amount(*v, sep))
        .unwrap_or_default()
}

/// The grid of a table.
pub fn grid(t: &Table, d: &Disclosure, template: Template) -> Grid {
    let hebei = template == Template::Hebei;
    let mut g = Grid {
        kind: t.kind,
        title: layout::table_title(t, d, template),
        meta: meta_lines(d, template),
        unit: layout::unit_line(t.unit),
        header: Vec::new(),
        body: Vec::new(),
        total_rows: Vec::new(),
        text_columns: Vec::new(),
        note: if t.empty {
            Some(
                t.empty_note
                    .clone()
                    .unwrap_or_else(|| layout::empty_note(t.kind, d, template)),
            )
        } else {
            None
        },
        columns: Vec::new(),
    };
    let fa = d.kind.is_final_accounts();
    let sep = layout::separators(template);
    if t.kind.is_two_sided() {
        two_sided_body(&mut g, t, hebei, fa, sep);
    } else {
        one_sided_body(&mut g, t, hebei, fa, sep);
    }
    let width = g.header.first().map(Vec::len).unwrap_or(0);
    g.columns = column_kinds(&g, width, hebei);
    if hebei {
        // 栏次: the column numbers.
        let mut cols = vec!["栏次".to_string()];
        cols.extend((1..width).map(|i| i.to_string()));
        g.header.push(cols);
    }
    g
}

/// The lines above the table: 编制部门 (Hebei: its code and name) and the year.
fn meta_lines(d: &Disclosure, template: Template) -> Vec<String> {
    let fa = d.kind.is_final_accounts();
    let dept = d.department.as_ref();
    let mut meta = Vec::new();
    match template {
        Template::Hebei => {
            if let Some(dp) = dept {
                match dp.code.as_deref() {
                    Some(c) => meta.push(format!("{c}\u{3000}{}", dp.name)),
                    None => meta.push(format!("编制{}：{}", layout::subject(d.kind), dp.name)),
                }
            }
            if let Some(y) = d.year {
                let word = if fa { "决算年度" } else { "预算年度" };
                meta.push(format!("{word}：{y}"));
            }
        }
        Template::Shanghai => {
            if let Some(dp) = dept {
                meta.push(format!("编制{}：{}", layout::subject(d.kind), dp.name));
            }
        }
    }
    meta
}

/// A summary table (收支总表): income and expenditure side by side, two header rows.
fn two_sided_body(g: &mut Grid, t: &Table, hebei: bool, fa: bool, sep: bool) {
    let inc: Vec<_> = t
        .columns
        .iter()
        .filter(|c| c.side != Some(Side::Expenditure))
        .collect();
    let exp: Vec<_> = t
        .columns
        .iter()
        .filter(|c| c.side == Some(Side::Expenditure))
        .collect();
    // Two header rows, as published: the sides (收入 / 支出) over 项目 and the amount words.
    let mut top = Vec::new();
    let mut h = Vec::new();
    if hebei {
        top.push("序号".to_string());
        h.push(String::new());
    }
    top.push("收入".into());
    top.extend(inc.iter().map(|_| String::new()));
    top.push("支出".into());
    top.extend(exp.iter().map(|_| String::new()));
    h.push("项目".into());
    h.extend(
        inc.iter()
            .map(|c| column_header(t.kind, &c.key, &c.label, fa)),
    );
    h.push("项目".into());
    h.extend(
        exp.iter()
            .map(|c| column_header(t.kind, &c.key, &c.label, fa)),
    );
    let off = usize::from(hebei);
    g.text_columns = vec![off, off + 1 + inc.len()];
    g.header.push(top);
    g.header.push(h);
    let (li, ri) = sides(t);
    let mut n = 0u32;
    for (l, r) in li.into_iter().zip(ri) {
        n += 1;
        let mut line = Vec::new();
        if hebei {
            line.push(n.to_string());
        }
        line.push(l.map(|r| r.name.clone()).unwrap_or_default());
        line.extend(
            inc.iter()
                .map(|c| l.map(|r| money(r, &c.key, sep)).unwrap_or_default()),
        );
        line.push(r.map(|r| r.name.clone()).unwrap_or_default());
        line.extend(
            exp.iter()
                .map(|c| r.map(|r| money(r, &c.key, sep)).unwrap_or_default()),
        );
        if l.is_some_and(|r| r.is_total) || r.is_some_and(|r| r.is_total) {
            g.total_rows.push(g.body.len());
        }
        g.body.push(line);
    }
}

/// A one-sided table: 序号 (Hebei), code and name or 项目, the amount columns.
fn one_sided_body(g: &mut Grid, t: &Table, hebei: bool, fa: bool, sep: bool) {
    let seq = |r: &Row| r.seq.map(|s| s.to_string()).unwrap_or_default();
    let coded = t.kind.has_functional_codes() || t.kind == TableKind::BasicExpenditure;
    let mut h = Vec::new();
    if hebei {
        h.push("序号".to_string());
    }
    if coded {
        h.push(format!("{}编码", layout::code_group(t.kind)));
        h.push("科目名称".into());
    } else {
        h.push("项目".into());
    }
    g.text_columns = (0..h.len()).collect();
    h.extend(
        t.columns
            .iter()
            .map(|c| column_header(t.kind, &c.key, &c.label, fa)),
    );
    g.header.push(h);
    for r in &t.rows {
        let mut line = Vec::new();
        if hebei {
            line.push(seq(r));
        }
        if coded {
            line.push(r.code.clone().unwrap_or_default());
        }
        line.push(r.name.clone());
        line.extend(t.columns.iter().map(|c| money(r, &c.key, sep)));
        if r.is_total {
            g.total_rows.push(g.body.len());
        }
        g.body.push(line);
    }
}

/// What each column holds: 序号, codes, text or amounts.
fn column_kinds(g: &Grid, width: usize, hebei: bool) -> Vec<ColKind> {
    (0..width)
        .map(|c| {
            if hebei && c == 0 {
                ColKind::Seq
            } else if g.text_columns.contains(&c) {
                if g.header
                    .iter()
                    .any(|h| h.get(c).is_some_and(|x| x.ends_with("编码")))
                {
                    ColKind::Code
                } else {
                    ColKind::Text
                }
            } else {
                ColKind::Amount
            }
        })
        .collect()
}

/// The two sides of a summary table paired line by line: the bodies side by side, then the total
/// lines with the grand totals (总计) on the last line together.
#[allow(clippy::type_complexity)]
fn sides(t: &Table) -> (Vec<Option<&Row>>, Vec<Option<&Row>>) {
    let split = |side: Side| -> (Vec<&Row>, Vec<&Row>) {
        let rows: Vec<&Row> = t.rows.iter().filter(|r| r.side == Some(side)).collect();
        let cut = rows
            .iter()
            .position(|r| {
                r.is_total
                    || r.item.as_deref().is_some_and(|i| {
                        i.ends_with("current_year_total") || i.ends_with("grand_total")
                    })
            })
            .unwrap_or(rows.len());
        let (a, b) = rows.split_at(cut);
        (a.to_vec(), b.to_vec())
    };
    let (ib, it) = split(Side::Income);
    let (eb, et) = split(Side::Expenditure);
    let mut left: Vec<Option<&Row>> = Vec::new();
    let mut right: Vec<Option<&Row>> = Vec::new();
    let n = ib.len().max(eb.len());
    for i in 0..n {
        left.push(ib.get(i).copied());
        right.push(eb.get(i).copied());
    }
    // Tails: align the last lines (总计 with 总计).
    let m = it.len().max(et.len());
    left.extend(pad(&it, m));
    right.extend(pad(&et, m));
    (left, right)
}

fn pad<'a>(tail: &[&'a Row], m: usize) -> Vec<Option<&'a Row>> {
    let mut v: Vec<Option<&'a Row>> = Vec::new();
    let Some((last, rest)) = tail.split_last() else {
        return vec![None; m];
    };
    v.extend(rest.iter().map(|r| Some(*r)));
    while v.len() + 1 < m {
        v.push(None);
    }
    v.push(Some(*last));
    v
}
