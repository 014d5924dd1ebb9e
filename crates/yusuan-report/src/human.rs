//! Findings for people at a terminal, in the style of rustc's diagnostics:
//!
//! ```text
//! error[YS201]: 行合计与分项之和不符
//!    --> corpus/seeds/000_58134781a689c5f0.txt:159:28
//!     |
//! 159 | 15  2120199 其他城乡社区管理事务支出    3313.52         3319.59
//!     |                                         ^^^^^^^ 《支出总表》 2120199 … · 合计
//!     |                                                         ------- 《支出总表》 … · 项目支出
//!     |
//!     = 合计 3313.52 不等于基本支出与项目支出之和 3319.59
//!     = expected: 3319.59 万元, actual: 3313.52 万元, difference: -6.07 万元
//!     = help: yusuan explain YS201
//! ```
//!
//! The quoted line is the normalised text the spans count their columns in ([`Sources`]); tabs
//! are expanded to stops of four and the underline is placed by display width, so it sits under the
//! figure even after double-width Chinese characters. Long lines are cut around the figures.

use std::fmt::Write;

use unicode_width::UnicodeWidthChar;
use yusuan_model::{Finding, Location, Severity};
use yusuan_rules::RuleInfo;

use crate::findings::{plural, DocumentReport, NotJudged, Report, Sources};

/// How to render.
#[derive(Debug, Clone, Copy, Default)]
pub struct HumanOptions {
    /// ANSI colours (the CLI sets this when stdout is a terminal and `NO_COLOR` is unset).
    pub color: bool,
}

const TAB_STOP: usize = 4;
/// Quoted lines wider than this (in terminal columns) are cut around the underlined figures.
const MAX_QUOTE_WIDTH: usize = 100;

/// The whole report: every finding of every document, then a summary line per document and one in
/// total.
pub fn render(
    report: &Report,
    sources: &Sources,
    rules: &[&RuleInfo],
    opts: HumanOptions,
) -> String {
    let st = Style(opts.color);
    let mut s = String::new();
    for doc in &report.documents {
        for f in &doc.findings {
            s.push_str(&diagnostic(f, sources, rules, opts));
            s.push('\n');
        }
    }
    for doc in &report.documents {
        let _ = writeln!(s, "{}", document_line(doc, st));
    }
    for fail in &report.failures {
        let _ = writeln!(
            s,
            "{}: {}",
            fail.path,
            st.paint(Paint::Error, "could not be read")
        );
    }
    let total = report.summary_line();
    let paint = if report.has_errors() {
        Paint::Error
    } else if report.counts().warnings > 0 || !report.failures.is_empty() {
        Paint::Warning
    } else {
        Paint::Bold
    };
    let _ = writeln!(s, "{}", st.paint(paint, &total));
    s
}

fn document_line(doc: &DocumentReport, st: Style) -> String {
    let c = doc.counts();
    let phrase = c.phrase();
    let phrase = if c.errors > 0 {
        st.paint(Paint::Error, &phrase)
    } else if c.warnings > 0 {
        st.paint(Paint::Warning, &phrase)
    } else {
        phrase
    };
    format!("{}: {phrase}{}", doc.path, not_judged(doc.not_judged))
}

fn not_judged(n: NotJudged) -> String {
    if n.is_nothing() {
        return String::new();
    }
    let mut parts = Vec::new();
    if n.uncertain_cells > 0 {
        parts.push(format!(
            "{} whose column is uncertain",
            plural(n.uncertain_cells, "cell")
        ));
    }
    if n.unreadable_tables > 0 {
        parts.push(plural(n.unreadable_tables, "unreadable table"));
    }
    format!(" (not judged: {})", parts.join(", "))
}

/// One finding as a diagnostic, ending with a newline.
pub fn diagnostic(
    f: &Finding,
    sources: &Sources,
    rules: &[&RuleInfo],
    opts: HumanOptions,
) -> String {
    let st = Style(opts.color);
    let sev = Paint::from(f.severity);
    let title = rules.iter().find(|r| r.code == f.rule).map(|r| r.title);
    let mut s = String::new();

    // error[YS201]: title
    let _ = writeln!(
        s,
        "{}{}",
        st.paint(sev, &format!("{}[{}]", f.severity.as_str(), f.rule)),
        st.paint(Paint::Bold, &format!(": {}", title.unwrap_or(&f.message)))
    );

    // The locations, grouped by line in order of first appearance; the first is the primary.
    let mut groups: Vec<Vec<(usize, &Location)>> = Vec::new();
    for (i, loc) in f.locations.iter().enumerate() {
        match groups
            .iter_mut()
            .find(|g| g[0].1.span.path == loc.span.path && g[0].1.span.line == loc.span.line)
        {
            Some(g) => g.push((i, loc)),
            None => groups.push(vec![(i, loc)]),
        }
    }
    let gutter = f
        .locations
        .iter()
        .map(|l| l.span.line.to_string().len())
        .max()
        .unwrap_or(1);
    let pad = " ".repeat(gutter);
    let bar = st.paint(Paint::Gutter, "|");

    for (gi, group) in groups.iter().enumerate() {
        let first = group[0].1;
        let arrow = if gi == 0 { "-->" } else { ":::" };
        if gi > 0 {
            let _ = writeln!(s, "{pad} {bar}");
        }
        let _ = writeln!(
            s,
            "{pad}{} {}",
            st.paint(Paint::Gutter, arrow),
            position(first)
        );
        match sources.line(&first.span.path, first.span.line) {
            Some(text) => {
                let lead = group[0].1.label.as_str();
                let marks: Vec<Mark> = group
                    .iter()
                    .enumerate()
                    .map(|(k, (i, loc))| Mark {
                        column: loc.span.column,
                        length: loc.span.length,
                        primary: *i == 0,
                        blank: loc.value.is_none(),
                        value: loc.value.map(|v| v.to_string()),
                        label: if k == 0 {
                            loc.label.clone()
                        } else {
                            without_shared_prefix(&loc.label, lead)
                        },
                    })
                    .collect();
                let _ = writeln!(s, "{pad} {bar}");
                quote(&mut s, text, first.span.line, gutter, &marks, sev, st);
            }
            None => {
                for (_, loc) in group {
                    let _ = writeln!(s, "{pad} {} {}", st.paint(Paint::Gutter, "="), loc.label);
                }
            }
        }
    }
    if f.locations.is_empty() {
        let _ = writeln!(s, "{pad}{} {}", st.paint(Paint::Gutter, "-->"), f.document);
    }

    let eq = st.paint(Paint::Gutter, "=");
    let _ = writeln!(s, "{pad} {bar}");
    if title.is_some() {
        let _ = writeln!(s, "{pad} {eq} {}", f.message);
    }
    if let Some(figures) = figures(f) {
        let _ = writeln!(s, "{pad} {eq} {figures}");
    }
    for r in &f.related {
        let _ = writeln!(s, "{pad} {eq} {}: {r}", st.paint(Paint::Bold, "also"));
    }
    let _ = writeln!(
        s,
        "{pad} {eq} {}: yusuan explain {}",
        st.paint(Paint::Bold, "help"),
        f.rule
    );
    s
}

/// `path:line:col`, with the page when the source has pages.
fn position(loc: &Location) -> String {
    let sp = &loc.span;
    let mut p = format!("{}:{}", sp.path, sp.line);
    if let Some(c) = sp.column {
        let _ = write!(p, ":{c}");
    }
    if let Some(page) = sp.page {
        let _ = write!(p, " (page {page})");
    }
    p
}

/// `expected: 3319.59 万元, actual: 3313.52 万元, difference: -6.07 万元`.
fn figures(f: &Finding) -> Option<String> {
    let unit = f
        .unit
        .map(|u| format!(" {}", u.chinese()))
        .unwrap_or_default();
    let mut parts = Vec::new();
    if let Some(e) = f.expected {
        parts.push(format!("expected: {e}{unit}"));
    }
    if let Some(a) = f.actual {
        parts.push(format!("actual: {a}{unit}"));
    }
    if let Some(d) = f.difference() {
        let sign = if d.is_sign_positive() && !d.is_zero() {
            "+"
        } else {
            ""
        };
        parts.push(format!("difference: {sign}{d}{unit}"));
    }
    (!parts.is_empty()).then(|| parts.join(", "))
}

struct Mark {
    /// 1-based character column; `None` for a whole line.
    column: Option<u32>,
    length: Option<u32>,
    primary: bool,
    /// The location has no printed value (a blank cell, taken as zero).
    blank: bool,
    value: Option<String>,
    label: String,
}

/// A label without the part it shares with the line's first label, up to a ` · ` separator:
/// `《支出总表》 2120199 其他… · 项目支出` under `《支出总表》 2120199 其他… · 合计` is `项目支出`.
fn without_shared_prefix(label: &str, lead: &str) -> String {
    let mut cut = 0;
    for (i, _) in label.match_indices(" · ") {
        let end = i + " · ".len();
        if lead.get(..end) == Some(&label[..end]) {
            cut = end;
        }
    }
    label[cut..].to_string()
}

/// A source line as displayed: each character's display start column, and the text.
struct Displayed {
    /// `starts[i]` is where character `i` begins; `starts[len]` is the total width.
    starts: Vec<usize>,
    cells: Vec<String>,
}

impl Displayed {
    fn new(text: &str) -> Self {
        let mut starts = Vec::new();
        let mut cells = Vec::new();
        let mut col = 0usize;
        for ch in text.chars() {
            starts.push(col);
            if ch == '\t' {
                let w = TAB_STOP - col % TAB_STOP;
                cells.push(" ".repeat(w));
                col += w;
            } else if ch.is_control() {
                cells.push(" ".into());
                col += 1;
            } else {
                cells.push(ch.to_string());
                col += ch.width().unwrap_or(0);
            }
        }
        starts.push(col);
        Displayed { starts, cells }
    }

    fn chars(&self) -> usize {
        self.cells.len()
    }

    fn width(&self) -> usize {
        self.starts[self.chars()]
    }

    /// Display columns `[start, end)` of characters `[from, to)`.
    fn range(&self, from: usize, to: usize) -> (usize, usize) {
        let from = from.min(self.chars());
        let to = to.clamp(from, self.chars());
        (self.starts[from], self.starts[to])
    }

    /// The text of display columns `[lo, hi)` (whole characters that start inside).
    fn slice(&self, lo: usize, hi: usize) -> String {
        (0..self.chars())
            .filter(|&i| self.starts[i] >= lo && self.starts[i + 1] <= hi)
            .map(|i| self.cells[i].as_str())
            .collect()
    }
}

/// Writes `159 | text` and one underline row per mark.
fn quote(
    s: &mut String,
    text: &str,
    line: u32,
    gutter: usize,
    marks: &[Mark],
    sev: Paint,
    st: Style,
) {
    let text = text.trim_end();
    let shown = Displayed::new(text);
    // On a line where figures are underlined, a location without a column (a blank cell, or a
    // cell whose position is not known) is named below them rather than underlining the line.
    let (marks, unplaced): (Vec<&Mark>, Vec<&Mark>) = if marks.iter().any(|m| m.column.is_some()) {
        marks.iter().partition(|m| m.column.is_some())
    } else {
        (marks.iter().collect(), Vec::new())
    };
    // Each mark's display range.
    let ranges: Vec<(usize, usize)> = marks
        .iter()
        .map(|m| match m.column {
            Some(col) => {
                let from = (col as usize).saturating_sub(1);
                let len = m.length.unwrap_or(1).max(1) as usize;
                let (a, b) = shown.range(from, from + len);
                (a, b.max(a + 1))
            }
            None => {
                let lead = text.chars().take_while(|c| c.is_whitespace()).count();
                let (a, b) = shown.range(lead, shown.chars());
                (a, b.max(a + 1))
            }
        })
        .collect();

    // Cut long lines around the marks.
    let (mut lo, mut hi) = (0, shown.width());
    if hi > MAX_QUOTE_WIDTH {
        let first = ranges.iter().map(|r| r.0).min().unwrap_or(0);
        let last = ranges.iter().map(|r| r.1).max().unwrap_or(0);
        lo = first.saturating_sub(16);
        hi = (lo + MAX_QUOTE_WIDTH).max(last + 8).min(shown.width());
        if hi - lo < MAX_QUOTE_WIDTH {
            lo = hi.saturating_sub(MAX_QUOTE_WIDTH);
        }
        // Snap to character boundaries.
        lo = shown
            .starts
            .iter()
            .copied()
            .filter(|&c| c <= lo)
            .max()
            .unwrap_or(0);
    }
    let head = if lo > 0 { "…" } else { "" };
    let tail = if hi < shown.width() { "…" } else { "" };
    let offset = lo;
    let head_w = usize::from(lo > 0);

    let number = format!("{line:>gutter$}");
    let bar = st.paint(Paint::Gutter, "|");
    let _ = writeln!(
        s,
        "{} {bar} {head}{}{tail}",
        st.paint(Paint::Gutter, &number),
        shown.slice(lo, hi)
    );
    let pad = " ".repeat(gutter);
    for (m, (a, b)) in marks.iter().zip(&ranges) {
        let a = (a.saturating_sub(offset)) + head_w;
        let b = (b.saturating_sub(offset)) + head_w;
        let (ch, paint) = if m.primary {
            ('^', sev)
        } else {
            ('-', Paint::Secondary)
        };
        let underline: String = std::iter::repeat_n(ch, b.saturating_sub(a).max(1)).collect();
        let label = if m.label.is_empty() {
            String::new()
        } else {
            format!(" {}", m.label)
        };
        let _ = writeln!(
            s,
            "{pad} {bar} {}{}",
            " ".repeat(a),
            st.paint(paint, &format!("{underline}{label}"))
        );
    }
    let blank: Vec<&str> = unplaced
        .iter()
        .filter(|m| m.blank)
        .map(|m| m.label.as_str())
        .collect();
    if !blank.is_empty() {
        let _ = writeln!(
            s,
            "{pad} {bar} {}",
            st.paint(
                Paint::Secondary,
                &format!("blank, taken as 0: {}", blank.join(", "))
            )
        );
    }
    for m in unplaced.iter().filter(|m| !m.blank) {
        let value = m.value.as_deref().unwrap_or_default();
        let _ = writeln!(
            s,
            "{pad} {bar} {}",
            st.paint(Paint::Secondary, &format!("{}: {value}", m.label))
        );
    }
}

#[derive(Clone, Copy)]
enum Paint {
    Error,
    Warning,
    Info,
    Gutter,
    Secondary,
    Bold,
}

impl From<Severity> for Paint {
    fn from(s: Severity) -> Self {
        match s {
            Severity::Error => Paint::Error,
            Severity::Warning => Paint::Warning,
            Severity::Info => Paint::Info,
        }
    }
}

#[derive(Clone, Copy)]
struct Style(bool);

impl Style {
    fn paint(self, p: Paint, text: &str) -> String {
        if !self.0 || text.is_empty() {
            return text.to_string();
        }
        let code = match p {
            Paint::Error => "1;31",
            Paint::Warning => "1;33",
            Paint::Info => "1;36",
            Paint::Gutter | Paint::Secondary => "1;34",
            Paint::Bold => "1",
        };
        format!("\x1b[{code}m{text}\x1b[0m")
    }
}

#[cfg(test)]
mod tests {
    use unicode_width::UnicodeWidthStr;
    use yusuan_model::Span;

    use super::*;
    use crate::findings::fixture::*;

    fn plain(f: &Finding) -> String {
        diagnostic(f, &sources(), &[&RULE], HumanOptions { color: false })
    }

    /// The display column of the first `mark` in the underline row right below the line that
    /// quotes `figure`, and the display column of `figure` in that quoted line.
    fn columns(out: &str, quoted: &str, figure: &str, mark: char) -> (usize, usize) {
        let lines: Vec<&str> = out.lines().collect();
        let i = lines
            .iter()
            .position(|l| l.contains(quoted))
            .unwrap_or_else(|| panic!("no line quoting {quoted:?} in\n{out}"));
        let q = lines[i];
        let at = q.find(figure).unwrap();
        let figure_col = q[..at].width();
        let under = lines[i + 1..]
            .iter()
            .find(|l| l.contains(mark))
            .unwrap_or_else(|| panic!("no underline in\n{out}"));
        let at = under.find(mark).unwrap();
        (under[..at].width(), figure_col)
    }

    #[test]
    fn a_diagnostic_quotes_the_line_and_underlines_the_figure_after_chinese_text() {
        let out = plain(&finding());
        let lines: Vec<&str> = out.lines().collect();
        assert_eq!(lines[0], "error[YS201]: 行合计与分项之和不符", "{out}");
        assert_eq!(
            lines[1], "   --> corpus/seeds/000_58134781a689c5f0.txt:159:25",
            "{out}"
        );
        assert_eq!(lines[2], "    |");
        // Tabs expanded to stops of four; the twelve Chinese characters are 24 columns wide.
        assert_eq!(
            lines[3],
            "159 | 15  2120199 其他城乡社区管理事务支出    3313.52     3319.59"
        );
        // The primary figure is underlined with ^ exactly under it, the compared one with -.
        let (under, figure) = columns(&out, "159 |", "3313.52", '^');
        assert_eq!(under, figure, "{out}");
        assert_eq!(figure, 6 + 40);
        assert!(lines[4]
            .ends_with("^^^^^^^ 《部门预算支出总表》 2120199 其他城乡社区管理事务支出 · 合计"));
        let (under, figure) = columns(&out, "159 |", "3319.59", '-');
        assert_eq!(under, figure, "{out}");
        // On the same line, what the labels share with the first is not repeated.
        assert!(lines[5].ends_with(" ------- 项目支出"), "{out}");
        // The figure on another line gets its own quoted line.
        assert!(
            out.contains("   ::: corpus/seeds/000_58134781a689c5f0.txt:81:"),
            "{out}"
        );
        let (under, figure) = columns(&out, " 81 |", "86991.86", '-');
        assert_eq!(under, figure, "{out}");
        assert!(
            out.contains("    = 合计 3313.52 不等于基本支出 0 与项目支出 3319.59 之和 3319.59\n")
        );
        assert!(out.contains(
            "    = expected: 3319.59 万元, actual: 3313.52 万元, difference: -6.07 万元\n"
        ));
        assert!(out.contains("    = also: YS202 2120199 ≠ Σ 212019901…\n"));
        assert!(out.ends_with("    = help: yusuan explain YS201\n"));
        assert!(!out.contains('\x1b'));
    }

    #[test]
    fn blank_cells_on_an_underlined_line_are_named_not_underlined() {
        let mut f = finding();
        for column in ["基本支出", "经营支出"] {
            f.locations.insert(
                1,
                Location {
                    span: Span::line(PATH, None, 159),
                    label: format!(
                        "《部门预算支出总表》 2120199 其他城乡社区管理事务支出 · {column}"
                    ),
                    value: None,
                },
            );
        }
        let out = plain(&f);
        let lines: Vec<&str> = out.lines().collect();
        assert!(lines[5].ends_with(" ------- 项目支出"), "{out}");
        assert_eq!(
            lines[6], "    | blank, taken as 0: 经营支出, 基本支出",
            "{out}"
        );
        assert_eq!(out.lines().filter(|l| l.contains('^')).count(), 1, "{out}");
    }

    #[test]
    fn an_unknown_rule_or_a_missing_source_still_reads() {
        let out = plain(&warning());
        assert!(out.starts_with("warning[YS999]: 一个警告"), "{out}");
        assert!(out.contains("--> corpus/seeds/000_58134781a689c5f0.txt\n"));
        let mut f = finding();
        f.locations.truncate(1);
        f.locations[0].span.path = "elsewhere.txt".into();
        f.locations[0].span.page = Some(3);
        let out = plain(&f);
        assert!(out.contains("--> elsewhere.txt:159:25 (page 3)\n"), "{out}");
        assert!(out.contains("= 《部门预算支出总表》"), "{out}");
    }

    #[test]
    fn a_whole_line_location_underlines_its_text() {
        let mut f = finding();
        f.locations = vec![Location {
            span: Span::line(PATH, None, 81),
            label: "《部门收支总表》".into(),
            value: None,
        }];
        let out = plain(&f);
        let quoted = "31  本年收入合计    86991.86    本年支出合计    86991.86";
        assert!(out.contains(&format!("81 | {quoted}\n")), "{out}");
        let underline = "^".repeat(quoted.width());
        assert!(
            out.contains(&format!("   | {underline} 《部门收支总表》\n")),
            "{out}"
        );
    }

    #[test]
    fn long_lines_are_cut_around_the_figure() {
        let line = format!(
            "{}\t{}\t12.34\t{}",
            "一".repeat(60),
            "x".repeat(40),
            "y".repeat(80)
        );
        let mut sources = Sources::new();
        sources.insert(PATH, vec![line.clone()]);
        let mut f = finding();
        f.locations = vec![Location {
            span: Span {
                path: PATH.into(),
                page: None,
                line: 1,
                column: Some(fixture_column(&line, "12.34")),
                length: Some(5),
                bbox: None,
                origin: None,
            },
            label: "here".into(),
            value: None,
        }];
        let out = diagnostic(&f, &sources, &[&RULE], HumanOptions::default());
        let quoted = out.lines().find(|l| l.starts_with("1 |")).unwrap();
        assert!(
            quoted.starts_with("1 | …") && quoted.ends_with('…'),
            "{out}"
        );
        assert!(quoted.width() <= 4 + MAX_QUOTE_WIDTH + 2, "{out}");
        let (under, figure) = columns(&out, "1 |", "12.34", '^');
        assert_eq!(under, figure, "{out}");
    }

    fn fixture_column(line: &str, needle: &str) -> u32 {
        column_of(line, needle)
    }

    #[test]
    fn colour_only_when_asked_and_a_summary_per_document_and_in_total() {
        let report = crate::findings::fixture::report(Severity::Info);
        let out = render(&report, &sources(), &[&RULE], HumanOptions { color: true });
        assert!(out.contains("\x1b[1;31merror[YS201]\x1b[0m"), "{out}");
        let out = render(&report, &sources(), &[&RULE], HumanOptions { color: false });
        assert!(!out.contains('\x1b'));
        assert!(
            out.contains(&format!("\n{PATH}: 1 error, 1 warning\n")),
            "{out}"
        );
        assert!(
            out.ends_with("\n1 error, 1 warning in 1 document\n"),
            "{out}"
        );
    }
}
