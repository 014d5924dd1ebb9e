//! Findings for people at a terminal. First a summary: a line per document (its counts, the
//! findings hidden below the minimum severity, what could not be judged) and the total; then each
//! document's findings, errors first, each in the style of rustc's diagnostics:
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
//!
//! A rule that fires three times or more in one document is one block: the first finding in full,
//! its count in the header (`info[YS809] ×145`), then the place and message of the others. The
//! frame (severities, labels, summaries) is Chinese or English ([`crate::i18n`]).

use std::fmt::Write;

use unicode_width::UnicodeWidthChar;
use yusuan_model::{Finding, Location, Severity};
use yusuan_rules::RuleInfo;

use crate::findings::{Counts, DocumentReport, NotJudged, Report, Sources};
use crate::i18n::{n, t, Lang, Messages};

/// How to render.
#[derive(Debug, Clone, Copy, Default)]
pub struct HumanOptions {
    /// ANSI colours (the CLI sets this when stdout is a terminal and `NO_COLOR` is unset).
    pub color: bool,
    /// The language of the frame (severities, labels, summaries); rule titles and messages are
    /// Chinese in both.
    pub lang: Lang,
}

const TAB_STOP: usize = 4;
/// Quoted lines wider than this (in terminal columns) are cut around the underlined figures.
const MAX_QUOTE_WIDTH: usize = 100;
/// A rule that fires this often in one document is shown once in full, then by its places.
const GROUP_AT: usize = 3;
/// At most this many places are listed under a grouped finding.
const MAX_PLACES: usize = 20;

/// The whole report: a summary (a line per document, then the total), then each document's
/// findings, errors first; a rule that fires [`GROUP_AT`] times or more in a document is one block
/// (its first finding in full, the count, and the places of the others). The last line repeats
/// the total.
pub fn render(
    report: &Report,
    sources: &Sources,
    rules: &[&RuleInfo],
    opts: HumanOptions,
) -> String {
    let st = Style(opts.color);
    let msg = Messages::new(opts.lang);
    let mut s = String::new();
    let _ = writeln!(s, "{}", st.paint(Paint::Bold, &msg.get("summary-heading")));
    for doc in &report.documents {
        let _ = writeln!(s, "{}", document_line(doc, report.min_severity, st, &msg));
    }
    for fail in &report.failures {
        let _ = writeln!(
            s,
            "{}{}{}",
            fail.path,
            msg.get("title-separator"),
            st.paint(Paint::Error, &msg.get("could-not-be-read"))
        );
    }
    let total = total_line(report, st, &msg);
    let _ = writeln!(s, "{total}");
    for doc in &report.documents {
        for group in groups(&doc.findings) {
            s.push('\n');
            s.push_str(&block(group[0], &group[1..], sources, rules, st, &msg));
        }
    }
    if report.findings().next().is_some() {
        let _ = writeln!(s, "\n{total}");
    }
    s
}

/// The findings of one document, errors first (document order within a severity), gathered by
/// rule: each group is one finding, or one rule's [`GROUP_AT`] or more findings.
fn groups(findings: &[Finding]) -> Vec<Vec<&Finding>> {
    let mut sorted: Vec<&Finding> = findings.iter().collect();
    sorted.sort_by_key(|f| std::cmp::Reverse(f.severity));
    let mut by_rule: Vec<Vec<&Finding>> = Vec::new();
    for f in sorted {
        match by_rule
            .iter_mut()
            .find(|g| g[0].rule == f.rule && g[0].severity == f.severity)
        {
            Some(g) => g.push(f),
            None => by_rule.push(vec![f]),
        }
    }
    by_rule
        .into_iter()
        .flat_map(|g| {
            if g.len() >= GROUP_AT {
                vec![g]
            } else {
                g.into_iter().map(|f| vec![f]).collect()
            }
        })
        .collect()
}

/// `2 errors, 1 warning` / `no findings`, in the report's language.
fn counts_phrase(c: Counts, msg: &Messages) -> String {
    let parts: Vec<String> = [
        (c.errors, "count-errors"),
        (c.warnings, "count-warnings"),
        (c.infos, "count-infos"),
    ]
    .into_iter()
    .filter(|(k, _)| *k > 0)
    .map(|(k, id)| msg.with(id, &[("count", n(k))]))
    .collect();
    if parts.is_empty() {
        msg.get("no-findings")
    } else {
        parts.join(&msg.get("list-separator"))
    }
}

/// ` (145 infos hidden: …)` when findings below the minimum severity were left out.
fn hidden_note(hidden: Counts, min: Severity, msg: &Messages) -> String {
    if hidden.total() == 0 {
        return String::new();
    }
    let note = if min == Severity::Warning {
        msg.with("hidden", &[("count", n(hidden.infos))])
    } else {
        msg.with(
            "hidden-below",
            &[
                ("count", n(hidden.total())),
                ("severity", t(&severity_word(min, msg))),
            ],
        )
    };
    format!("{}{note}", msg.get("note-separator"))
}

fn total_line(report: &Report, st: Style, msg: &Messages) -> String {
    let counts = report.counts();
    let mut total = msg.with(
        "total",
        &[
            ("counts", t(&counts_phrase(counts, msg))),
            ("documents", n(report.documents.len())),
        ],
    );
    if !report.failures.is_empty() {
        total.push_str(&msg.with("total-failed", &[("files", n(report.failures.len()))]));
    }
    total.push_str(&hidden_note(report.hidden(), report.min_severity, msg));
    let paint = if report.has_errors() {
        Paint::Error
    } else if counts.warnings > 0 || !report.failures.is_empty() {
        Paint::Warning
    } else {
        Paint::Bold
    };
    st.paint(paint, &total)
}

fn document_line(doc: &DocumentReport, min: Severity, st: Style, msg: &Messages) -> String {
    let c = doc.counts();
    let phrase = counts_phrase(c, msg);
    let phrase = if c.errors > 0 {
        st.paint(Paint::Error, &phrase)
    } else if c.warnings > 0 {
        st.paint(Paint::Warning, &phrase)
    } else {
        phrase
    };
    format!(
        "{}{}{}",
        msg.with(
            "document-line",
            &[("path", t(&doc.path)), ("counts", t(&phrase))]
        ),
        hidden_note(doc.hidden, min, msg),
        not_judged(doc.not_judged, msg)
    )
}

fn not_judged(nj: NotJudged, msg: &Messages) -> String {
    if nj.is_nothing() {
        return String::new();
    }
    let mut parts = Vec::new();
    if nj.uncertain_cells > 0 {
        parts.push(msg.with("not-judged-uncertain", &[("count", n(nj.uncertain_cells))]));
    }
    if nj.unreadable_tables > 0 {
        parts.push(msg.with(
            "not-judged-unreadable",
            &[("count", n(nj.unreadable_tables))],
        ));
    }
    let what = parts.join(&msg.get("list-separator"));
    format!(
        "{}{}",
        msg.get("note-separator"),
        msg.with("not-judged", &[("what", t(&what))])
    )
}

fn severity_word(s: Severity, msg: &Messages) -> String {
    msg.get(match s {
        Severity::Error => "severity-error",
        Severity::Warning => "severity-warning",
        Severity::Info => "severity-info",
    })
}

/// One finding as a diagnostic, ending with a newline.
pub fn diagnostic(
    f: &Finding,
    sources: &Sources,
    rules: &[&RuleInfo],
    opts: HumanOptions,
) -> String {
    block(
        f,
        &[],
        sources,
        rules,
        Style(opts.color),
        &Messages::new(opts.lang),
    )
}

/// One finding as a diagnostic; with `more`, the same rule's other findings in the document,
/// counted in the header and listed by their places.
fn block(
    f: &Finding,
    more: &[&Finding],
    sources: &Sources,
    rules: &[&RuleInfo],
    st: Style,
    msg: &Messages,
) -> String {
    let sev = Paint::from(f.severity);
    let title = rules.iter().find(|r| r.code == f.rule).map(|r| r.title);
    let mut s = String::new();

    // error[YS201]: title   /   warning[YS809] ×145: title
    let count = if more.is_empty() {
        String::new()
    } else {
        format!(
            " {}",
            msg.with("group-count", &[("count", n(more.len() + 1))])
        )
    };
    let _ = writeln!(
        s,
        "{}{}",
        st.paint(
            sev,
            &format!("{}[{}]{count}", severity_word(f.severity, msg), f.rule)
        ),
        st.paint(
            Paint::Bold,
            &format!(
                "{}{}",
                msg.get("title-separator"),
                title.unwrap_or(&f.message)
            )
        )
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
            position(first, msg)
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
                quote(&mut s, text, first.span.line, gutter, &marks, sev, st, msg);
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
    if let Some(figures) = figures(f, msg) {
        let _ = writeln!(s, "{pad} {eq} {figures}");
    }
    let colon = msg.get("title-separator");
    for r in &f.related {
        let _ = writeln!(
            s,
            "{pad} {eq} {}{colon}{r}",
            st.paint(Paint::Bold, &msg.get("also"))
        );
    }
    if !more.is_empty() {
        let _ = writeln!(
            s,
            "{pad} {eq} {}",
            msg.with("group-places", &[("count", n(more.len()))])
        );
        for other in more.iter().take(MAX_PLACES) {
            let place = other
                .locations
                .first()
                .map(|l| position(l, msg))
                .unwrap_or_else(|| other.document.clone());
            let _ = writeln!(s, "{pad}     {place}{colon}{}", other.message);
        }
        if more.len() > MAX_PLACES {
            let _ = writeln!(
                s,
                "{pad}     {}",
                msg.with("group-omitted", &[("count", n(more.len() - MAX_PLACES))])
            );
        }
    }
    let _ = writeln!(
        s,
        "{pad} {eq} {}{colon}yusuan explain {}",
        st.paint(Paint::Bold, &msg.get("help")),
        f.rule
    );
    s
}

/// `path:line:col`, with the page when the source has pages.
fn position(loc: &Location, msg: &Messages) -> String {
    let sp = &loc.span;
    let mut p = format!("{}:{}", sp.path, sp.line);
    if let Some(c) = sp.column {
        let _ = write!(p, ":{c}");
    }
    if let Some(page) = sp.page {
        let _ = write!(p, " {}", msg.with("page", &[("page", n(page as usize))]));
    }
    p
}

/// `expected: 3319.59 万元, actual: 3313.52 万元, difference: -6.07 万元`.
fn figures(f: &Finding, msg: &Messages) -> Option<String> {
    let unit = f
        .unit
        .map(|u| format!(" {}", u.chinese()))
        .unwrap_or_default();
    let mut parts = Vec::new();
    if let Some(e) = f.expected {
        parts.push(msg.with("expected", &[("value", t(&format!("{e}{unit}")))]));
    }
    if let Some(a) = f.actual {
        parts.push(msg.with("actual", &[("value", t(&format!("{a}{unit}")))]));
    }
    if let Some(d) = f.difference() {
        let sign = if d.is_sign_positive() && !d.is_zero() {
            "+"
        } else {
            ""
        };
        parts.push(msg.with("difference", &[("value", t(&format!("{sign}{d}{unit}")))]));
    }
    (!parts.is_empty()).then(|| parts.join(&msg.get("figure-separator")))
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
#[allow(clippy::too_many_arguments)]
fn quote(
    s: &mut String,
    text: &str,
    line: u32,
    gutter: usize,
    marks: &[Mark],
    sev: Paint,
    st: Style,
    msg: &Messages,
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
                &msg.with(
                    "blank-taken-as-zero",
                    &[("cells", t(&blank.join(&msg.get("list-separator"))))]
                )
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
        diagnostic(f, &sources(), &[&RULE], HumanOptions::default())
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
        let out = render(
            &report,
            &sources(),
            &[&RULE],
            HumanOptions {
                color: true,
                ..Default::default()
            },
        );
        assert!(out.contains("\x1b[1;31merror[YS201]\x1b[0m"), "{out}");
        let out = render(&report, &sources(), &[&RULE], HumanOptions::default());
        assert!(!out.contains('\x1b'));
        // The summary first: a line per document, then the total; the total again at the end.
        assert!(
            out.starts_with(&format!(
                "Summary\n{PATH}: 1 error, 1 warning\n1 error, 1 warning in 1 document\n\nerror[YS201]"
            )),
            "{out}"
        );
        assert!(
            out.ends_with("\n\n1 error, 1 warning in 1 document\n"),
            "{out}"
        );
    }

    /// A report of one document with the given findings, at a minimum severity.
    fn report_of(min: Severity, findings: Vec<Finding>) -> Report {
        let mut r = Report::new(min);
        r.add(&disclosure(), findings);
        r
    }

    fn info(line: u32) -> Finding {
        let mut f = warning();
        f.rule = "YS809".into();
        f.severity = Severity::Info;
        f.message = format!("指标 {line} 缺少单位");
        f.locations = vec![Location {
            span: Span::line(PATH, Some(2), line),
            label: "指标".into(),
            value: None,
        }];
        f
    }

    #[test]
    fn errors_come_first_and_repeated_findings_are_one_block_with_their_places() {
        let mut findings: Vec<Finding> = (1..=25).map(info).collect();
        findings.push(warning());
        findings.push(finding());
        let out = render(
            &report_of(Severity::Info, findings),
            &sources(),
            &[&RULE],
            HumanOptions::default(),
        );
        let at = |needle: &str| {
            out.find(needle)
                .unwrap_or_else(|| panic!("no {needle:?} in\n{out}"))
        };
        assert!(at("error[YS201]") < at("warning[YS999]"), "{out}");
        assert!(at("warning[YS999]") < at("info[YS809]"), "{out}");
        // The 25 infos are one block: the first in full, a count, the others by place.
        assert_eq!(out.matches("info[YS809]").count(), 1, "{out}");
        assert!(out.contains("info[YS809] ×25: 指标 1 缺少单位\n"), "{out}");
        assert!(
            out.contains("the same finding 24 more times in this document:\n"),
            "{out}"
        );
        assert!(
            out.contains(&format!("{PATH}:2 (page 2): 指标 2 缺少单位\n")),
            "{out}"
        );
        assert!(
            out.contains(&format!("{PATH}:21 (page 2): 指标 21 缺少单位\n")),
            "{out}"
        );
        assert!(!out.contains(&format!("{PATH}:22 (page 2)")), "{out}");
        assert!(
            out.contains("… and 4 more (--format json lists every finding)\n"),
            "{out}"
        );
        assert!(
            out.contains(&format!("{PATH}: 1 error, 1 warning, 25 infos\n")),
            "{out}"
        );
        // Two findings of one rule are not grouped.
        let out = render(
            &report_of(Severity::Info, vec![info(1), info(2)]),
            &sources(),
            &[&RULE],
            HumanOptions::default(),
        );
        assert_eq!(out.matches("info[YS809]: ").count(), 2, "{out}");
    }

    #[test]
    fn hidden_findings_are_counted_and_the_way_to_show_them_named() {
        let findings = vec![finding(), info(1), info(2)];
        let out = render(
            &report_of(Severity::Warning, findings.clone()),
            &sources(),
            &[&RULE],
            HumanOptions::default(),
        );
        assert!(!out.contains("YS809"), "{out}");
        assert!(
            out.contains(&format!(
                "{PATH}: 1 error (2 infos hidden: --min-severity info shows them)\n"
            )),
            "{out}"
        );
        assert!(
            out.ends_with(
                "1 error in 1 document (2 infos hidden: --min-severity info shows them)\n"
            ),
            "{out}"
        );
        let out = render(
            &report_of(Severity::Error, vec![warning(), info(1)]),
            &sources(),
            &[&RULE],
            HumanOptions::default(),
        );
        assert_eq!(
            out,
            format!(
                "Summary\n{PATH}: no findings (2 findings below error hidden: --min-severity info shows them)\n\
                 no findings in 1 document (2 findings below error hidden: --min-severity info shows them)\n"
            )
        );
    }

    #[test]
    fn chinese_frame_when_asked() {
        let zh = HumanOptions {
            color: false,
            lang: Lang::Zh,
        };
        let mut findings = vec![finding(), warning()];
        findings.extend((1..=3).map(info));
        let out = render(
            &report_of(Severity::Warning, findings),
            &sources(),
            &[&RULE],
            zh,
        );
        assert!(out.starts_with("概要\n"), "{out}");
        assert!(
            out.contains(&format!(
                "{PATH}：1 个错误、1 个警告（3 条提示未显示：--min-severity info 可显示）\n"
            )),
            "{out}"
        );
        assert!(out.contains("错误[YS201]：行合计与分项之和不符\n"), "{out}");
        assert!(out.contains("警告[YS999]："), "{out}");
        assert!(
            out.contains("    = 应为：3319.59 万元，实际：3313.52 万元，差额：-6.07 万元\n"),
            "{out}"
        );
        assert!(
            out.contains("    = 另见：YS202 2120199 ≠ Σ 212019901…\n"),
            "{out}"
        );
        assert!(out.contains("    = 帮助：yusuan explain YS201\n"), "{out}");
        assert!(
            out.ends_with(
                "1 份文档：1 个错误、1 个警告（3 条提示未显示：--min-severity info 可显示）\n"
            ),
            "{out}"
        );
        for english in ["expected", "also", "help", "error[", "document"] {
            assert!(!out.contains(english), "{english} in\n{out}");
        }
        let page = diagnostic(&info(7), &sources(), &[], zh);
        assert!(
            page.contains(&format!("--> {PATH}:7 （第 2 页）\n")),
            "{page}"
        );
    }
}
