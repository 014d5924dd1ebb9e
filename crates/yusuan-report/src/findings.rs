//! The result of `yusuan check`: the findings of every document read, the files that could not be
//! read, and the source lines the findings point into. Every output format renders a [`Report`].

use std::collections::HashMap;

use serde::Serialize;
use yusuan_model::{Department, Disclosure, DocumentKind, Finding, Severity};

/// The findings of one document, with what identifies the document.
#[derive(Debug, Clone, Serialize)]
pub struct DocumentReport {
    /// The path as given (and as the findings' spans name it).
    pub path: String,
    pub kind: DocumentKind,
    pub year: Option<i32>,
    pub department: Option<Department>,
    /// What the rules could not judge in this document.
    pub not_judged: NotJudged,
    /// The findings at or above the report's minimum severity, in document order.
    pub findings: Vec<Finding>,
    /// The findings below the report's minimum severity, counted (not kept).
    #[serde(skip)]
    pub hidden: Counts,
}

/// What no rule looked at: cells whose column the extractor could not place, and tables whose
/// layout could not be read. A document without findings is only as clean as these allow.
#[derive(Debug, Clone, Copy, Default, PartialEq, Eq, Serialize)]
pub struct NotJudged {
    pub uncertain_cells: usize,
    pub unreadable_tables: usize,
}

impl NotJudged {
    pub fn of(d: &Disclosure) -> Self {
        NotJudged {
            uncertain_cells: d
                .tables
                .iter()
                .flat_map(|t| &t.rows)
                .map(|r| r.uncertain.len())
                .sum(),
            unreadable_tables: d.tables.iter().filter(|t| t.unreadable.is_some()).count(),
        }
    }

    pub fn is_nothing(self) -> bool {
        self == NotJudged::default()
    }
}

impl DocumentReport {
    /// The report of one document: its identity from the disclosure, and the findings kept.
    pub fn new(d: &Disclosure, findings: Vec<Finding>) -> Self {
        DocumentReport {
            path: d.source.path.clone(),
            kind: d.kind,
            year: d.year,
            department: d.department.clone(),
            not_judged: NotJudged::of(d),
            findings,
            hidden: Counts::default(),
        }
    }

    pub fn counts(&self) -> Counts {
        Counts::of(&self.findings)
    }
}

/// A file that could not be checked, and why.
#[derive(Debug, Clone, PartialEq, Eq, Serialize)]
pub struct Failure {
    pub path: String,
    pub error: String,
}

/// Findings counted by severity.
#[derive(Debug, Clone, Copy, Default, PartialEq, Eq, Serialize)]
pub struct Counts {
    pub errors: usize,
    pub warnings: usize,
    pub infos: usize,
}

impl Counts {
    pub fn of(findings: &[Finding]) -> Self {
        let mut c = Counts::default();
        for f in findings {
            c.add(f.severity);
        }
        c
    }

    fn add(&mut self, s: Severity) {
        match s {
            Severity::Error => self.errors += 1,
            Severity::Warning => self.warnings += 1,
            Severity::Info => self.infos += 1,
        }
    }

    pub fn total(self) -> usize {
        self.errors + self.warnings + self.infos
    }

    /// `2 errors, 1 warning` / `no findings`.
    pub fn phrase(self) -> String {
        let parts: Vec<String> = [
            (self.errors, "error"),
            (self.warnings, "warning"),
            (self.infos, "info"),
        ]
        .into_iter()
        .filter(|(n, _)| *n > 0)
        .map(|(n, word)| plural(n, word))
        .collect();
        if parts.is_empty() {
            "no findings".into()
        } else {
            parts.join(", ")
        }
    }
}

/// `1 error`, `2 errors`, `3 infos`.
pub(crate) fn plural(n: usize, word: &str) -> String {
    if n == 1 {
        format!("{n} {word}")
    } else {
        format!("{n} {word}s")
    }
}

/// The source lines findings point into, by path: the normalised lines of `yusuan_read`, the text
/// spans count their columns in. The renderers quote from here and never read files themselves.
#[derive(Debug, Clone, Default)]
pub struct Sources {
    files: HashMap<String, Vec<String>>,
}

impl Sources {
    pub fn new() -> Self {
        Self::default()
    }

    /// Records the lines of a file; `lines[0]` is line 1.
    pub fn insert(&mut self, path: impl Into<String>, lines: Vec<String>) {
        self.files.insert(path.into(), lines);
    }

    /// Line `number` (1-based) of `path`, when known.
    pub fn line(&self, path: &str, number: u32) -> Option<&str> {
        let lines = self.files.get(path)?;
        let i = usize::try_from(number).ok()?.checked_sub(1)?;
        lines.get(i).map(String::as_str)
    }
}

/// Everything `yusuan check` found in one run.
#[derive(Debug, Clone)]
pub struct Report {
    /// Findings below this severity are not kept.
    pub min_severity: Severity,
    pub documents: Vec<DocumentReport>,
    pub failures: Vec<Failure>,
}

/// The totals of a [`Report`], as the JSON output gives them.
#[derive(Debug, Clone, Serialize)]
pub struct Summary {
    pub documents: usize,
    pub findings: usize,
    #[serde(flatten)]
    pub counts: Counts,
    pub min_severity: Severity,
    /// Files that could not be checked.
    pub failed: Vec<Failure>,
}

impl Report {
    pub fn new(min_severity: Severity) -> Self {
        Report {
            min_severity,
            documents: Vec::new(),
            failures: Vec::new(),
        }
    }

    /// Adds a document with its findings, keeping those at or above the minimum severity.
    pub fn add(&mut self, d: &Disclosure, findings: Vec<Finding>) {
        let (kept, below): (Vec<Finding>, Vec<Finding>) = findings
            .into_iter()
            .partition(|f| f.severity >= self.min_severity);
        let mut doc = DocumentReport::new(d, kept);
        doc.hidden = Counts::of(&below);
        self.documents.push(doc);
    }

    /// The findings below the minimum severity, counted over every document.
    pub fn hidden(&self) -> Counts {
        let mut c = Counts::default();
        for d in &self.documents {
            c.errors += d.hidden.errors;
            c.warnings += d.hidden.warnings;
            c.infos += d.hidden.infos;
        }
        c
    }

    pub fn fail(&mut self, path: impl Into<String>, error: impl Into<String>) {
        self.failures.push(Failure {
            path: path.into(),
            error: error.into(),
        });
    }

    pub fn findings(&self) -> impl Iterator<Item = &Finding> {
        self.documents.iter().flat_map(|d| &d.findings)
    }

    pub fn counts(&self) -> Counts {
        let mut c = Counts::default();
        for f in self.findings() {
            c.add(f.severity);
        }
        c
    }

    /// True when a kept finding is an error: `yusuan check` then exits with 1.
    pub fn has_errors(&self) -> bool {
        self.findings().any(|f| f.severity == Severity::Error)
    }

    pub fn summary(&self) -> Summary {
        let counts = self.counts();
        Summary {
            documents: self.documents.len(),
            findings: counts.total(),
            counts,
            min_severity: self.min_severity,
            failed: self.failures.clone(),
        }
    }

    /// `2 errors, 1 warning in 1 document`.
    pub fn summary_line(&self) -> String {
        let mut s = format!(
            "{} in {}",
            self.counts().phrase(),
            plural(self.documents.len(), "document")
        );
        if !self.failures.is_empty() {
            s.push_str(&format!(
                "; {} could not be read",
                plural(self.failures.len(), "file")
            ));
        }
        s
    }
}

/// The JSON output: `{ "documents": [ { "path", "kind", "year", "department", "not_judged",
/// "findings": [Finding…] } ], "summary": { "documents", "findings", "errors", "warnings",
/// "infos", "min_severity", "failed": [ { "path", "error" } ] } }`, pretty-printed with a final
/// newline, fields in that order.
pub fn json(report: &Report) -> String {
    #[derive(Serialize)]
    struct Out<'a> {
        documents: &'a [DocumentReport],
        summary: Summary,
    }
    let out = Out {
        documents: &report.documents,
        summary: report.summary(),
    };
    // Plain data with string keys: serialisation cannot fail.
    let mut s = serde_json::to_string_pretty(&out).unwrap_or_default();
    s.push('\n');
    s
}

/// Hand-built findings for the renderers' tests.
#[cfg(test)]
pub(crate) mod fixture {
    use std::str::FromStr;

    use yusuan_model::{Decimal, Disclosure, Finding, Location, MoneyUnit, Severity, Span};
    use yusuan_rules::{Family, RuleInfo};

    use super::{Report, Sources};

    pub const PATH: &str = "corpus/seeds/000_58134781a689c5f0.txt";
    /// Line 159 of seed 000 as read: 序号, code, name (double-width), 合计, blank 基本支出, 项目支出.
    pub const LINE_159: &str = "15\t2120199\t其他城乡社区管理事务支出\t3313.52\t\t3319.59\t\t\t";
    pub const LINE_81: &str = "31\t本年收入合计\t86991.86\t本年支出合计\t86991.86";

    pub static RULE: RuleInfo = RuleInfo {
        code: "YS201",
        name: "row-total-mismatch",
        title: "行合计与分项之和不符",
        family: Family::TableArithmetic,
        severity: Severity::Error,
        doc: "# 行合计与分项之和不符\n\nA row's 合计 must equal the sum of its parts.\n\n## Example\n\n…",
    };

    pub fn d(s: &str) -> Decimal {
        Decimal::from_str(s).unwrap()
    }

    /// 1-based character column of `needle` in `line`.
    pub fn column_of(line: &str, needle: &str) -> u32 {
        let byte = line.find(needle).unwrap();
        line[..byte].chars().count() as u32 + 1
    }

    pub fn cell(line_no: u32, line: &str, figure: &str, label: &str) -> Location {
        Location {
            span: Span {
                path: PATH.into(),
                page: None,
                line: line_no,
                column: Some(column_of(line, figure)),
                length: Some(figure.chars().count() as u32),
                bbox: None,
                origin: None,
            },
            label: label.into(),
            value: Some(d(figure)),
        }
    }

    pub fn finding() -> Finding {
        Finding {
            rule: "YS201".into(),
            severity: Severity::Error,
            message: "合计 3313.52 不等于基本支出 0 与项目支出 3319.59 之和 3319.59".into(),
            expected: Some(d("3319.59")),
            actual: Some(d("3313.52")),
            unit: Some(MoneyUnit::WanYuan),
            locations: vec![
                cell(
                    159,
                    LINE_159,
                    "3313.52",
                    "《部门预算支出总表》 2120199 其他城乡社区管理事务支出 · 合计",
                ),
                cell(
                    159,
                    LINE_159,
                    "3319.59",
                    "《部门预算支出总表》 2120199 其他城乡社区管理事务支出 · 项目支出",
                ),
                cell(81, LINE_81, "86991.86", "《部门收支总表》 本年收入合计"),
            ],
            related: vec!["YS202 2120199 ≠ Σ 212019901…".into()],
            document: PATH.into(),
        }
    }

    pub fn warning() -> Finding {
        Finding {
            rule: "YS999".into(),
            severity: Severity::Warning,
            message: "一个警告, with a \"quote\", and a comma".into(),
            expected: None,
            actual: None,
            unit: None,
            locations: vec![],
            related: vec![],
            document: PATH.into(),
        }
    }

    /// A disclosure without tables (built from JSON, so that new optional fields of the model
    /// need no change here).
    pub fn disclosure() -> Disclosure {
        serde_json::from_value(serde_json::json!({
            "schema_version": yusuan_model::SCHEMA_VERSION,
            "source": { "path": PATH, "sha256": "0".repeat(64), "format": "text" },
            "year": 2022,
            "kind": "department_budget",
            "tables": [],
        }))
        .expect("a minimal disclosure")
    }

    pub fn report(min: Severity) -> Report {
        let mut r = Report::new(min);
        r.add(&disclosure(), vec![finding(), warning()]);
        r
    }

    pub fn sources() -> Sources {
        let mut lines = vec![String::new(); 200];
        lines[158] = LINE_159.into();
        lines[80] = LINE_81.into();
        let mut s = Sources::new();
        s.insert(PATH, lines);
        s
    }
}

#[cfg(test)]
mod tests {
    use super::fixture::*;
    use super::*;

    #[test]
    fn minimum_severity_filters_and_counts() {
        let all = report(Severity::Info);
        assert_eq!(
            all.counts(),
            Counts {
                errors: 1,
                warnings: 1,
                infos: 0
            }
        );
        assert!(all.has_errors());
        assert_eq!(all.summary_line(), "1 error, 1 warning in 1 document");
        let errors = report(Severity::Error);
        assert_eq!(errors.findings().count(), 1);
        let mut none = Report::new(Severity::Info);
        none.fail("x.pdf", "x.pdf: PDF input is not supported yet");
        assert!(!none.has_errors());
        assert_eq!(
            none.summary_line(),
            "no findings in 0 documents; 1 file could not be read"
        );
    }

    #[test]
    fn json_has_documents_and_summary() {
        let v: serde_json::Value = serde_json::from_str(&json(&report(Severity::Info))).unwrap();
        let doc = &v["documents"][0];
        assert_eq!(doc["path"], PATH);
        assert_eq!(doc["kind"], "department_budget");
        assert_eq!(doc["year"], 2022);
        assert!(doc["department"].is_null());
        let f = &doc["findings"][0];
        assert_eq!(f["rule"], "YS201");
        assert_eq!(f["severity"], "error");
        assert_eq!(f["expected"], "3319.59");
        assert_eq!(f["actual"], "3313.52");
        assert_eq!(f["unit"], "wan_yuan");
        assert_eq!(f["locations"][0]["span"]["line"], 159);
        // 序号, TAB, code, TAB, twelve Chinese characters, TAB: the figure is the 25th character.
        assert_eq!(f["locations"][0]["span"]["column"], 25);
        assert_eq!(f["related"][0], "YS202 2120199 ≠ Σ 212019901…");
        assert_eq!(f["document"], PATH);
        // Findings round-trip into the model.
        let back: Finding = serde_json::from_value(f.clone()).unwrap();
        assert_eq!(back, finding());
        let s = &v["summary"];
        assert_eq!(s["documents"], 1);
        assert_eq!(s["findings"], 2);
        assert_eq!(s["errors"], 1);
        assert_eq!(s["warnings"], 1);
        assert_eq!(s["infos"], 0);
        assert_eq!(s["min_severity"], "info");
        assert_eq!(s["failed"], serde_json::json!([]));
    }

    #[test]
    fn sources_are_one_based_and_forgiving() {
        let s = sources();
        assert_eq!(s.line(PATH, 159), Some(LINE_159));
        assert_eq!(s.line(PATH, 0), None);
        assert_eq!(s.line(PATH, 9999), None);
        assert_eq!(s.line("other.txt", 1), None);
    }
}
