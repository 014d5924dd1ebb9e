//! Glyphs with positions → lines of text, tables → TAB-separated rows on their column grid.
//!
//! Pure geometry, shared by the text layer and OCR. Coordinates are PDF points with the origin at
//! the page's top-left corner (y grows downwards), as [`crate::CharBox`].
//!
//! * Ruling lines (table borders) that touch each other form a grid; each grid cell collects the
//!   glyphs whose centre lies in it, merged cells (a border missing between two grid cells) are
//!   one cell, and every grid row with text becomes one line: its cells in column order separated
//!   by TAB, a blank cell as an empty slot, a merged cell at its leftmost column.
//! * Text outside grids is grouped into lines by baseline; a wide gap between two glyphs becomes
//!   one space (as a plain-text extraction prints it).

use crate::CharBox;

/// One glyph (or OCR word) with its box.
#[derive(Debug, Clone, PartialEq)]
pub struct Glyph {
    /// The text: one character from a text layer, a word from OCR.
    pub text: String,
    /// The glyph's box in display space (points, top-left origin).
    pub bbox: CharBox,
    /// Whether a space precedes this glyph in the source (an explicit space character).
    pub space_before: bool,
}

/// A straight ruling line (horizontal or vertical).
#[derive(Debug, Clone, Copy, PartialEq)]
pub struct Rule {
    /// Horizontal: y; vertical: x.
    pub at: f32,
    /// Start of the span: horizontal x0, vertical y0.
    pub from: f32,
    /// End of the span: horizontal x1, vertical y1.
    pub to: f32,
    /// Whether the rule runs horizontally (a row border) rather than vertically.
    pub horizontal: bool,
}

/// One assembled line: its text and one box per character (`None` for TAB and inserted spaces).
#[derive(Debug, Clone, PartialEq)]
pub struct OutLine {
    /// The line's text, table cells separated by TAB.
    pub text: String,
    /// One box per character of `text`; `None` for TAB and inserted spaces.
    pub boxes: Vec<Option<CharBox>>,
    /// Top of the line, for ordering.
    pub y: f32,
    /// Left edge of the line, for ordering.
    pub x: f32,
}

/// Distance under which two ruling positions are the same.
const SNAP: f32 = 2.0;
/// Shortest ruling line considered.
const MIN_RULE: f32 = 4.0;

/// Assembles a page: grids from `rules`, text lines from the rest.
///
/// `columns` carries the column boundaries of the last grid from page to page: a grid whose
/// boundaries are all among them (a table continued on the next page, e.g. its 合计 row alone,
/// whose merged cell hides some borders) numbers its cells by those columns.
pub fn assemble(
    glyphs: Vec<Glyph>,
    rules: &[Rule],
    columns: &mut Option<Vec<f32>>,
) -> Vec<OutLine> {
    let grids = find_grids(rules);
    let mut out = Vec::new();
    let mut rest = glyphs;
    for grid in &grids {
        let (inside, outside): (Vec<Glyph>, Vec<Glyph>) =
            rest.into_iter().partition(|g| grid.contains(&g.bbox));
        rest = outside;
        let map = columns
            .as_deref()
            .and_then(|reference| grid.column_map(reference));
        match map {
            Some((map, width)) => out.extend(grid.lines(inside, &map, width)),
            None => {
                let map: Vec<usize> = (0..grid.cols()).collect();
                out.extend(grid.lines(inside, &map, grid.cols()));
                *columns = Some(grid.xs.clone());
            }
        }
    }
    for line in group_lines(rest) {
        out.push(join_line(&line, true));
    }
    out.sort_by(|a, b| {
        a.y.partial_cmp(&b.y)
            .unwrap_or(std::cmp::Ordering::Equal)
            .then(a.x.partial_cmp(&b.x).unwrap_or(std::cmp::Ordering::Equal))
    });
    out
}

fn centre(b: &CharBox) -> (f32, f32) {
    ((b[0] + b[2]) / 2.0, (b[1] + b[3]) / 2.0)
}

fn height(b: &CharBox) -> f32 {
    (b[3] - b[1]).max(0.1)
}

/// Groups glyphs into lines: glyphs whose vertical extents overlap by half the smaller height.
pub fn group_lines(mut glyphs: Vec<Glyph>) -> Vec<Vec<Glyph>> {
    glyphs.sort_by(|a, b| {
        centre(&a.bbox)
            .1
            .partial_cmp(&centre(&b.bbox).1)
            .unwrap_or(std::cmp::Ordering::Equal)
    });
    // Each line: (top, bottom, glyphs).
    let mut lines: Vec<(f32, f32, Vec<Glyph>)> = Vec::new();
    for g in glyphs {
        let (top, bottom) = (g.bbox[1], g.bbox[3]);
        let h = height(&g.bbox);
        let found = lines.iter_mut().rev().take(4).find(|(t, b, _)| {
            let overlap = bottom.min(*b) - top.max(*t);
            overlap >= 0.5 * h.min((*b - *t).max(0.1))
        });
        match found {
            Some((t, b, v)) => {
                *t = t.min(top);
                *b = b.max(bottom);
                v.push(g);
            }
            None => lines.push((top, bottom, vec![g])),
        }
    }
    let mut out: Vec<Vec<Glyph>> = lines
        .into_iter()
        .map(|(_, _, mut v)| {
            v.sort_by(|a, b| {
                a.bbox[0]
                    .partial_cmp(&b.bbox[0])
                    .unwrap_or(std::cmp::Ordering::Equal)
            });
            v
        })
        .collect();
    out.sort_by(|a, b| {
        let ya = a.iter().map(|g| g.bbox[1]).fold(f32::MAX, f32::min);
        let yb = b.iter().map(|g| g.bbox[1]).fold(f32::MAX, f32::min);
        ya.partial_cmp(&yb).unwrap_or(std::cmp::Ordering::Equal)
    });
    out
}

/// Whether two glyphs are separated by a space: an explicit one, or a gap wider than a third of
/// the line's height (half of it between two CJK characters, which are set solid).
fn spaced(prev: &Glyph, g: &Glyph, line_height: f32) -> bool {
    if g.space_before {
        return true;
    }
    // Digit groups of one number (`82,` `096,` `797.` `42` as OCR words) are never apart.
    let ends = |s: &str, f: fn(char) -> bool| s.chars().last().is_some_and(f);
    let starts = |s: &str, f: fn(char) -> bool| s.chars().next().is_some_and(f);
    let digit = |c: char| c.is_ascii_digit();
    let sep = |c: char| c == ',' || c == '.';
    if (ends(&prev.text, sep) && starts(&g.text, digit))
        || (ends(&prev.text, digit) && starts(&g.text, sep))
    {
        return false;
    }
    let gap = g.bbox[0] - prev.bbox[2];
    let cjk = |s: &str| s.chars().any(|c| c as u32 >= 0x2E80);
    let limit = if cjk(&prev.text) || cjk(&g.text) {
        0.6
    } else {
        0.3
    };
    gap > limit * line_height
}

/// Joins one line's glyphs (sorted by x) into text; `spaces` inserts one space at wide gaps.
fn join_line(glyphs: &[Glyph], spaces: bool) -> OutLine {
    let line_height = glyphs
        .iter()
        .map(|g| height(&g.bbox))
        .fold(0.0f32, f32::max);
    let mut text = String::new();
    let mut boxes = Vec::new();
    for (i, g) in glyphs.iter().enumerate() {
        if i > 0 && spaces && spaced(&glyphs[i - 1], g, line_height) {
            text.push(' ');
            boxes.push(None);
        }
        push_glyph(&mut text, &mut boxes, g);
    }
    OutLine {
        text,
        boxes,
        y: glyphs.iter().map(|g| g.bbox[1]).fold(f32::MAX, f32::min),
        x: glyphs.first().map(|g| g.bbox[0]).unwrap_or(0.0),
    }
}

fn push_glyph(text: &mut String, boxes: &mut Vec<Option<CharBox>>, g: &Glyph) {
    let n = g.text.chars().count().max(1) as f32;
    let w = (g.bbox[2] - g.bbox[0]) / n;
    for (k, c) in g.text.chars().enumerate() {
        text.push(c);
        let x0 = g.bbox[0] + w * k as f32;
        boxes.push(Some([x0, g.bbox[1], x0 + w, g.bbox[3]]));
    }
}

/// The text of one table cell: its lines joined (a space only between two Latin words).
fn cell_text(glyphs: Vec<Glyph>) -> (String, Vec<Option<CharBox>>) {
    let mut text = String::new();
    let mut boxes = Vec::new();
    for line in group_lines(glyphs) {
        let joined = join_line(&line, true);
        let latin_end = text
            .chars()
            .last()
            .is_some_and(|c| c.is_ascii_alphanumeric());
        let latin_start = joined
            .text
            .chars()
            .next()
            .is_some_and(|c| c.is_ascii_alphabetic());
        if latin_end && latin_start {
            text.push(' ');
            boxes.push(None);
        }
        text.push_str(&joined.text);
        boxes.extend(joined.boxes);
    }
    // A cell never holds a TAB or a line break.
    let text: String = text
        .chars()
        .map(|c| if c == '\t' { ' ' } else { c })
        .collect();
    (text, boxes)
}

/// A table grid: column and row boundaries, and which borders between grid cells are drawn.
#[derive(Debug)]
pub struct Grid {
    xs: Vec<f32>,
    ys: Vec<f32>,
    /// `vbreak[r][c]`: a border is drawn between grid cells (r, c) and (r, c + 1).
    vbreak: Vec<Vec<bool>>,
    /// `hbreak[r][c]`: a border is drawn between grid cells (r, c) and (r + 1, c).
    hbreak: Vec<Vec<bool>>,
}

impl Grid {
    fn contains(&self, b: &CharBox) -> bool {
        let (x, y) = centre(b);
        let (Some(&x0), Some(&x1), Some(&y0), Some(&y1)) = (
            self.xs.first(),
            self.xs.last(),
            self.ys.first(),
            self.ys.last(),
        ) else {
            return false;
        };
        x >= x0 && x <= x1 && y >= y0 && y <= y1
    }

    fn cols(&self) -> usize {
        self.xs.len() - 1
    }

    fn rows(&self) -> usize {
        self.ys.len() - 1
    }

    /// The merged cell each grid cell belongs to: its anchor (top row, leftmost column).
    fn anchors(&self) -> Vec<Vec<(usize, usize)>> {
        let (rows, cols) = (self.rows(), self.cols());
        let mut parent: Vec<usize> = (0..rows * cols).collect();
        fn find(p: &mut [usize], mut i: usize) -> usize {
            while p[i] != i {
                p[i] = p[p[i]];
                i = p[i];
            }
            i
        }
        for r in 0..rows {
            for c in 0..cols {
                if c + 1 < cols && !self.vbreak[r][c] {
                    let (a, b) = (
                        find(&mut parent, r * cols + c),
                        find(&mut parent, r * cols + c + 1),
                    );
                    parent[a.max(b)] = a.min(b);
                }
                if r + 1 < rows && !self.hbreak[r][c] {
                    let (a, b) = (
                        find(&mut parent, r * cols + c),
                        find(&mut parent, (r + 1) * cols + c),
                    );
                    parent[a.max(b)] = a.min(b);
                }
            }
        }
        // The anchor of a merged cell: the smallest row, then the smallest column, of its members.
        let mut anchor: Vec<(usize, usize)> = vec![(usize::MAX, usize::MAX); rows * cols];
        for r in 0..rows {
            for c in 0..cols {
                let root = find(&mut parent, r * cols + c);
                let a = &mut anchor[root];
                if (r, c) < *a {
                    *a = (r, c);
                }
            }
        }
        (0..rows)
            .map(|r| {
                (0..cols)
                    .map(|c| {
                        let root = find(&mut parent, r * cols + c);
                        anchor[root]
                    })
                    .collect()
            })
            .collect()
    }

    fn index(bounds: &[f32], v: f32) -> usize {
        let n = bounds.len() - 1;
        bounds[1..]
            .iter()
            .position(|&b| v < b)
            .unwrap_or(n - 1)
            .min(n - 1)
    }

    /// Where this grid's columns fall among `reference` boundaries (same left and right edge,
    /// every boundary found): the output column of each own column, and the output width.
    fn column_map(&self, reference: &[f32]) -> Option<(Vec<usize>, usize)> {
        if reference.len() < 2
            || reference.len() == self.xs.len()
                && self
                    .xs
                    .iter()
                    .zip(reference)
                    .all(|(a, b)| (a - b).abs() <= SNAP)
        {
            return None;
        }
        let find = |x: f32| reference.iter().position(|r| (r - x).abs() <= SNAP);
        let positions: Option<Vec<usize>> = self.xs.iter().map(|&x| find(x)).collect();
        let positions = positions?;
        if positions[0] != 0 || positions[positions.len() - 1] != reference.len() - 1 {
            return None;
        }
        Some((
            positions[..positions.len() - 1].to_vec(),
            reference.len() - 1,
        ))
    }

    /// The grid's lines: one per grid row with text, cells separated by TAB; own column `c` is
    /// printed as output column `map[c]` of `width`.
    fn lines(&self, glyphs: Vec<Glyph>, map: &[usize], width: usize) -> Vec<OutLine> {
        let (rows, cols) = (self.rows(), self.cols());
        let anchors = self.anchors();
        let mut cells: Vec<Vec<Vec<Glyph>>> = vec![vec![Vec::new(); cols]; rows];
        for g in glyphs {
            let (x, y) = centre(&g.bbox);
            let (r, c) = (Self::index(&self.ys, y), Self::index(&self.xs, x));
            let (ar, ac) = anchors[r][c];
            cells[ar][ac].push(g);
        }
        let mut out = Vec::new();
        for (r, row) in cells.into_iter().enumerate() {
            if row.iter().all(Vec::is_empty) {
                continue;
            }
            let mut wide: Vec<Vec<Glyph>> = vec![Vec::new(); width];
            for (c, g) in row.into_iter().enumerate() {
                wide[map[c]].extend(g);
            }
            out.push(self.row_line(r, wide));
        }
        out
    }

    /// One line of a grid row: cells in column order, TAB-separated.
    fn row_line(&self, r: usize, row: Vec<Vec<Glyph>>) -> OutLine {
        {
            let mut text = String::new();
            let mut boxes = Vec::new();
            for (c, glyphs) in row.into_iter().enumerate() {
                if c > 0 {
                    text.push('\t');
                    boxes.push(None);
                }
                let (t, b) = cell_text(glyphs);
                text.push_str(&t);
                boxes.extend(b);
            }
            OutLine {
                text,
                boxes,
                y: self.ys[r],
                x: self.xs[0],
            }
        }
    }
}

/// Merges collinear ruling lines that overlap or touch.
fn merge_rules(mut rules: Vec<Rule>) -> Vec<Rule> {
    rules.sort_by(|a, b| {
        (a.horizontal, a.at, a.from)
            .partial_cmp(&(b.horizontal, b.at, b.from))
            .unwrap_or(std::cmp::Ordering::Equal)
    });
    let mut out: Vec<Rule> = Vec::new();
    for r in rules {
        if let Some(last) = out.iter_mut().rev().take(8).find(|l| {
            l.horizontal == r.horizontal
                && (l.at - r.at).abs() <= SNAP
                && r.from <= l.to + SNAP
                && r.to >= l.from - SNAP
        }) {
            last.from = last.from.min(r.from);
            last.to = last.to.max(r.to);
            continue;
        }
        out.push(r);
    }
    out
}

/// Grids: groups of horizontal and vertical rules that touch, with at least two of each.
pub fn find_grids(rules: &[Rule]) -> Vec<Grid> {
    let rules = merge_rules(
        rules
            .iter()
            .filter(|r| r.to - r.from >= MIN_RULE && r.at.is_finite())
            .copied()
            .collect(),
    );
    let n = rules.len();
    if n > 20_000 {
        return Vec::new();
    }
    let mut parent: Vec<usize> = (0..n).collect();
    fn find(p: &mut [usize], mut i: usize) -> usize {
        while p[i] != i {
            p[i] = p[p[i]];
            i = p[i];
        }
        i
    }
    let touches = |h: &Rule, v: &Rule| {
        v.at >= h.from - SNAP && v.at <= h.to + SNAP && h.at >= v.from - SNAP && h.at <= v.to + SNAP
    };
    for i in 0..n {
        for j in i + 1..n {
            if rules[i].horizontal == rules[j].horizontal {
                continue;
            }
            let (h, v) = if rules[i].horizontal {
                (&rules[i], &rules[j])
            } else {
                (&rules[j], &rules[i])
            };
            if touches(h, v) {
                let (a, b) = (find(&mut parent, i), find(&mut parent, j));
                parent[a.max(b)] = a.min(b);
            }
        }
    }
    let mut groups: std::collections::BTreeMap<usize, Vec<Rule>> = Default::default();
    for (i, rule) in rules.iter().enumerate() {
        let root = find(&mut parent, i);
        groups.entry(root).or_default().push(*rule);
    }
    let mut grids = Vec::new();
    for (_, group) in groups {
        let hs: Vec<&Rule> = group.iter().filter(|r| r.horizontal).collect();
        let vs: Vec<&Rule> = group.iter().filter(|r| !r.horizontal).collect();
        if hs.len() < 2 || vs.len() < 2 {
            continue;
        }
        let xs = snap_positions(vs.iter().map(|r| r.at));
        let ys = snap_positions(hs.iter().map(|r| r.at));
        if xs.len() < 2 || ys.len() < 2 || xs.len() > 200 || ys.len() > 1000 {
            continue;
        }
        let (rows, cols) = (ys.len() - 1, xs.len() - 1);
        let covers = |r: &Rule, a: f32, b: f32| {
            let mid = (a + b) / 2.0;
            r.from - SNAP <= mid && r.to + SNAP >= mid
        };
        let vbreak = (0..rows)
            .map(|r| {
                (0..cols)
                    .map(|c| {
                        vs.iter().any(|v| {
                            (v.at - xs[c + 1]).abs() <= SNAP && covers(v, ys[r], ys[r + 1])
                        })
                    })
                    .collect()
            })
            .collect();
        let hbreak = (0..rows)
            .map(|r| {
                (0..cols)
                    .map(|c| {
                        hs.iter().any(|h| {
                            (h.at - ys[r + 1]).abs() <= SNAP && covers(h, xs[c], xs[c + 1])
                        })
                    })
                    .collect()
            })
            .collect();
        grids.push(Grid {
            xs,
            ys,
            vbreak,
            hbreak,
        });
    }
    grids
}

/// Sorted positions with those closer than [`SNAP`] merged.
fn snap_positions(values: impl Iterator<Item = f32>) -> Vec<f32> {
    let mut v: Vec<f32> = values.filter(|x| x.is_finite()).collect();
    v.sort_by(|a, b| a.partial_cmp(b).unwrap_or(std::cmp::Ordering::Equal));
    let mut out: Vec<f32> = Vec::new();
    for x in v {
        match out.last() {
            Some(&l) if x - l <= SNAP => {}
            _ => out.push(x),
        }
    }
    out
}

#[cfg(test)]
mod tests {
    use super::*;

    fn g(text: &str, x: f32, y: f32, w: f32) -> Glyph {
        Glyph {
            text: text.into(),
            bbox: [x, y, x + w, y + 10.0],
            space_before: false,
        }
    }

    fn h(y: f32, x0: f32, x1: f32) -> Rule {
        Rule {
            at: y,
            from: x0,
            to: x1,
            horizontal: true,
        }
    }

    fn v(x: f32, y0: f32, y1: f32) -> Rule {
        Rule {
            at: x,
            from: y0,
            to: y1,
            horizontal: false,
        }
    }

    #[test]
    fn grid_rows_keep_blank_slots_and_merged_headers() {
        // Three columns; the header's first row spans columns 1–2.
        let rules = vec![
            h(0.0, 0.0, 300.0),
            h(20.0, 100.0, 300.0),
            h(40.0, 0.0, 300.0),
            h(60.0, 0.0, 300.0),
            v(0.0, 0.0, 60.0),
            v(100.0, 0.0, 60.0),
            v(200.0, 20.0, 60.0),
            v(300.0, 0.0, 60.0),
        ];
        let glyphs = vec![
            g("项", 10.0, 15.0, 10.0),
            g("目", 20.0, 15.0, 10.0),
            g("预", 150.0, 5.0, 10.0),
            g("合", 110.0, 25.0, 10.0),
            g("计", 120.0, 25.0, 10.0),
            g("其", 210.0, 25.0, 10.0),
            g("它", 220.0, 25.0, 10.0),
            g("A", 10.0, 45.0, 6.0),
            g("5", 280.0, 45.0, 6.0),
        ];
        let lines = assemble(glyphs, &rules, &mut None);
        let texts: Vec<&str> = lines.iter().map(|l| l.text.as_str()).collect();
        assert_eq!(texts, ["项目\t预\t", "\t合计\t其它", "A\t\t5"]);
        assert_eq!(lines[2].boxes.len(), lines[2].text.chars().count());
    }

    #[test]
    fn prose_gets_spaces_at_wide_gaps() {
        let glyphs = vec![
            g("单", 0.0, 0.0, 10.0),
            g("位", 10.0, 0.0, 10.0),
            g("元", 60.0, 0.0, 10.0),
        ];
        let lines = assemble(glyphs, &[], &mut None);
        assert_eq!(lines[0].text, "单位 元");
    }
}
