//! The unit list (机构设置 / 单位构成): a table headed 单位名称 with 单位性质, 单位规格, 经费保障形式
//! or 备注 columns.

use yusuan_model::OrgUnit;
use yusuan_read::Line;

use super::grid::{self, cell, cell_span, squeeze};
use crate::layout::RawRow;

#[derive(Debug, Clone, Copy, PartialEq, Eq)]
enum Field {
    Seq,
    Name,
    Nature,
    Rank,
    Funding,
    Note,
}

fn field(label: &str) -> Option<Field> {
    let t = squeeze(label);
    let f = if t.contains("单位名称") || t == "名称" {
        Field::Name
    } else if t.contains("性质") {
        Field::Nature
    } else if t.contains("规格") || t.contains("级别") {
        Field::Rank
    } else if t.contains("经费") || t.contains("保障形式") {
        Field::Funding
    } else if t.contains("备注") {
        Field::Note
    } else if t == "序号" {
        Field::Seq
    } else {
        return None;
    };
    Some(f)
}

fn is_header_line(text: &str) -> bool {
    let t = squeeze(text);
    t.contains("单位名称")
        && ["性质", "规格", "经费", "备注"]
            .iter()
            .any(|w| t.contains(w))
        && !t.contains('。')
}

/// The unit lists of a document, with the line ranges they occupy.
pub(super) fn find(path: &str, lines: &[Line]) -> Vec<(Vec<OrgUnit>, (u32, u32))> {
    let mut out = Vec::new();
    let mut i = 0;
    while i < lines.len() {
        // The header: one line, or cell-per-line lines gathered up to a blank line.
        let (header_end, header_text) = if is_header_line(&lines[i].text) {
            (i + 1, lines[i].text.clone())
        } else if squeeze(&lines[i].text) == "单位名称" && lines[i].text.contains('\t') {
            let mut j = i;
            let mut text = String::new();
            while j < lines.len() && !lines[j].text.trim().is_empty() {
                text.push('\t');
                text.push_str(lines[j].text.trim());
                j += 1;
            }
            if !is_header_line(&text) {
                i += 1;
                continue;
            }
            (j, text)
        } else {
            i += 1;
            continue;
        };
        let spaced = !lines[i].text.contains('\t');
        let end = table_end(lines, header_end, spaced);
        let header_cells: Vec<String> = if spaced {
            lines[i]
                .text
                .split_whitespace()
                .map(str::to_string)
                .collect()
        } else {
            header_text
                .split('\t')
                .map(|c| c.trim().to_string())
                .filter(|c| !c.is_empty() || !header_text.starts_with('\t'))
                .collect()
        };
        let fields: Vec<Option<Field>> = header_cells.iter().map(|c| field(c)).collect();
        let units = if spaced {
            spaced_rows(path, &lines[header_end..end], &fields)
        } else {
            let (rows, _, _) = grid::rows(&lines[header_end..end]);
            rows.iter()
                .filter_map(|r| positional_row(path, r, &fields))
                .collect()
        };
        if !units.is_empty() {
            let last = lines[..end]
                .iter()
                .rev()
                .find(|l| !l.text.trim().is_empty())
                .map(|l| l.number)
                .unwrap_or(lines[i].number);
            out.push((units, (lines[i].number, last)));
        }
        i = end.max(i + 1);
    }
    out
}

/// Where the list ends: for tab and cell-per-line layouts, the first non-empty line without a
/// TAB (cell per line) or without two cells (tab rows); for space-separated lists, the first
/// line not starting with a 序号.
fn table_end(lines: &[Line], from: usize, spaced: bool) -> usize {
    let mut end = from;
    for (k, l) in lines.iter().enumerate().skip(from) {
        let t = l.text.trim();
        if t.is_empty() {
            if spaced {
                break;
            }
            end = k + 1;
            continue;
        }
        let ok = if spaced {
            t.split_whitespace()
                .next()
                .is_some_and(|w| w.chars().all(|c| c.is_ascii_digit()) && w.len() <= 3)
                && t.split_whitespace().count() >= 2
        } else {
            l.text.contains('\t')
        };
        if !ok {
            break;
        }
        end = k + 1;
    }
    end
}

fn unit_from(
    path: &str,
    cells: &[(Option<Field>, String, crate::layout::Cell)],
) -> Option<OrgUnit> {
    let mut unit = OrgUnit {
        name: String::new(),
        nature: None,
        rank: None,
        funding: None,
        note: None,
        span: cell_span(path, &cells.first()?.2),
    };
    for (f, text, c) in cells {
        let t = squeeze(text);
        if t.is_empty() {
            continue;
        }
        match f {
            Some(Field::Name) => {
                unit.name = t;
                unit.span = cell_span(path, c);
            }
            Some(Field::Nature) => unit.nature = Some(t),
            Some(Field::Rank) => unit.rank = Some(t),
            Some(Field::Funding) => unit.funding = Some(t),
            Some(Field::Note) => unit.note = Some(t),
            Some(Field::Seq) | None => {}
        }
    }
    // A name has words (not `。。。`).
    let named = unit.name.chars().filter(|c| c.is_alphabetic()).count() >= 2;
    (named && unit.name != "单位名称").then_some(unit)
}

fn positional_row(path: &str, r: &RawRow, fields: &[Option<Field>]) -> Option<OrgUnit> {
    let cells: Vec<(Option<Field>, String, crate::layout::Cell)> = r
        .cells
        .iter()
        .enumerate()
        .map(|(i, c)| {
            (
                fields.get(i).copied().flatten(),
                cell(r, i).to_string(),
                c.clone(),
            )
        })
        .collect();
    unit_from(path, &cells)
}

/// `2 上海市普陀区财政局财政所 预算不单列，并入本级`: 序号, the name (its words joined), then a
/// remark (`预算不单列，并入本级`) when the header has a 备注 column.
fn spaced_rows(path: &str, lines: &[Line], fields: &[Option<Field>]) -> Vec<OrgUnit> {
    let (rows, _, _) = grid::rows(lines);
    let has_note = fields.contains(&Some(Field::Note));
    let mut out = Vec::new();
    for r in &rows {
        let Some(seq) = r.cells.first() else {
            continue;
        };
        let rest = &r.cells[1..];
        let is_remark = |t: &str| {
            ["单列", "并入", "合并", "纳入", "，"]
                .iter()
                .any(|w| t.contains(w))
        };
        let split = if has_note {
            rest.iter()
                .position(|c| is_remark(&c.text))
                .unwrap_or(rest.len())
        } else {
            rest.len()
        };
        let Some(first) = rest.first() else {
            continue;
        };
        let name: String = rest[..split].iter().map(|c| c.text.as_str()).collect();
        let note: String = rest[split..].iter().map(|c| c.text.as_str()).collect();
        let cells = vec![
            (Some(Field::Seq), seq.text.clone(), seq.clone()),
            (Some(Field::Name), name, first.clone()),
            (Some(Field::Note), note, first.clone()),
        ];
        if let Some(u) = unit_from(path, &cells) {
            out.push(u);
        }
    }
    out
}
