//! Asset tables (部门固定资产占用情况表): 资产总额, 房屋 (其中：办公用房), 车辆, equipment over a
//! price threshold, other fixed assets — each with a quantity and a value.

use std::collections::BTreeMap;

use yusuan_model::{AssetRow, AssetTable, ExtractionNote, MoneyUnit};
use yusuan_read::Line;

use super::grid::{self, cell, cell_span, squeeze, unit_in};
use crate::amount::parse_amount;
use crate::layout::RawRow;

fn is_title(text: &str) -> bool {
    let t = squeeze(text.trim_start_matches('\t'));
    t.contains("资产")
        && (t.contains("占用") || t.contains("占有") || t.ends_with("表"))
        && t.chars().count() <= 30
        && !t.contains('。')
        && !t.contains('，')
        && !t.ends_with("情况")
        && !t.ends_with("说明")
        && !t.contains('、')
}

fn is_header(row: &RawRow) -> bool {
    let t = squeeze(&row.text());
    t.contains("数量") && (t.contains("价值") || t.contains("金额"))
}

/// What an asset line is, from its name.
fn item_of(name: &str) -> Option<&'static str> {
    let t = squeeze(name);
    let item = if t.contains("资产总额") || t == "合计" || t == "总计" {
        "total"
    } else if t.contains("办公用房") {
        "buildings.office"
    } else if t.contains("房屋") {
        "buildings"
    } else if t.contains("车辆") {
        "vehicles"
    } else if t.contains("设备") {
        "equipment"
    } else if t.contains("土地") {
        "land"
    } else if t.contains("其他") {
        "other"
    } else {
        return None;
    };
    Some(item)
}

/// The asset tables of a document, with the line ranges they occupy.
pub(super) fn find(
    path: &str,
    lines: &[Line],
    notes: &mut Vec<ExtractionNote>,
) -> Vec<(AssetTable, (u32, u32))> {
    grid::find_titled(
        lines,
        |l| is_title(&l.text),
        &["数量", "价值"],
        10,
        |title, region| {
            parse(path, title, region, notes).map(|t| {
                let last = t.end_line;
                (t, last)
            })
        },
    )
}

fn parse(
    path: &str,
    title: &Line,
    region: &[Line],
    notes: &mut Vec<ExtractionNote>,
) -> Option<AssetTable> {
    let (rows, meta, _) = grid::rows(region);
    let mut unit: Option<MoneyUnit> = meta.iter().find_map(|l| unit_in(&l.text));
    let mut as_of = meta.iter().find_map(|l| as_of(&l.text));
    let header_at = rows.iter().position(is_header)?;
    let header = &rows[header_at];
    let pos = |words: &[&str]| {
        header
            .cells
            .iter()
            .position(|c| words.iter().any(|w| squeeze(&c.text).contains(w)))
    };
    let q_pos = pos(&["数量", "面积"]);
    let a_pos = pos(&["价值", "金额"]);
    unit = unit.or_else(|| header.cells.iter().find_map(|c| unit_in(&c.text)));
    let mut out_rows = Vec::new();
    for r in &rows {
        for c in &r.cells {
            if as_of.is_none() {
                as_of = self::as_of(&c.text);
            }
            if unit.is_none() {
                unit = unit_in(&c.text);
            }
        }
    }
    for r in &rows[header_at + 1..] {
        if is_header(r) || r.non_empty() == 0 {
            continue;
        }
        let name = cell(r, 0).to_string();
        if name.is_empty() || as_of_in(&name) || unit_in(&name).is_some() {
            continue;
        }
        let Some(first) = r.cells.iter().find(|c| !c.text.trim().is_empty()) else {
            continue;
        };
        let item = item_of(&name);
        if item.is_none() && r.non_empty() == 1 {
            // A department line repeated under a page break.
            continue;
        }
        let mut spans = BTreeMap::new();
        let mut value = |p: Option<usize>, field: &str| {
            let c = r.cells.get(p?)?;
            let t = c.text.trim();
            if t.is_empty() {
                return None;
            }
            match parse_amount(t) {
                Some(a) => {
                    spans.insert(field.to_string(), cell_span(path, c));
                    Some(a.value)
                }
                None => {
                    notes.push(ExtractionNote {
                        message: format!("asset line `{name}`: `{t}` is not a number"),
                        span: cell_span(path, c),
                    });
                    None
                }
            }
        };
        let quantity = value(q_pos, "quantity");
        let amount = value(a_pos, "amount");
        out_rows.push(AssetRow {
            name: squeeze(&name),
            item: item.map(str::to_string),
            quantity,
            amount,
            spans,
            span: cell_span(path, first),
        });
    }
    let end_line = rows
        .iter()
        .flat_map(|r| r.cells.iter())
        .filter(|c| !c.text.trim().is_empty())
        .map(|c| c.line)
        .max()
        .unwrap_or(title.number);
    Some(AssetTable {
        title: squeeze(&title.text),
        unit,
        as_of,
        rows: out_rows,
        span: grid::line_span(path, title),
        end_line,
    })
}

fn as_of_in(t: &str) -> bool {
    t.contains("截止") || t.contains("截至")
}

/// `截止时间：2021-12-31` → `2021-12-31`.
fn as_of(text: &str) -> Option<String> {
    let t = squeeze(text);
    if !as_of_in(&t) {
        return None;
    }
    let p = t
        .find('：')
        .map(|p| p + '：'.len_utf8())
        .or_else(|| t.find(':').map(|p| p + 1))?;
    let v = t[p..].to_string();
    (!v.is_empty()).then_some(v)
}
