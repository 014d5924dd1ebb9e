//! Findings as CSV, one row per finding, for spreadsheets.
//!
//! Columns: `document, rule, severity, line, column, message, expected, actual, difference, unit`
//! (line and column of the finding's first location; `unit` is `yuan` or `wan_yuan`, as in the
//! JSON model). The text is UTF-8 and starts with a byte-order mark (U+FEFF), without which Excel
//! reads a CSV file in the legacy code page and garbles Chinese; other CSV readers may need to be
//! told to skip it (Python: `encoding="utf-8-sig"`).

use crate::findings::Report;

/// The header row.
pub const HEADER: [&str; 10] = [
    "document",
    "rule",
    "severity",
    "line",
    "column",
    "message",
    "expected",
    "actual",
    "difference",
    "unit",
];

/// The byte-order mark the output starts with.
pub const BOM: &str = "\u{feff}";

/// The CSV text of a report's findings, BOM first.
pub fn render(report: &Report) -> String {
    let mut w = ::csv::WriterBuilder::new()
        .terminator(::csv::Terminator::CRLF)
        .from_writer(BOM.as_bytes().to_vec());
    let opt = |v: Option<String>| v.unwrap_or_default();
    // Writing into a Vec cannot fail.
    let _ = w.write_record(HEADER);
    for f in report.findings() {
        let span = f.locations.first().map(|l| &l.span);
        let _ = w.write_record([
            f.document.clone(),
            f.rule.clone(),
            f.severity.as_str().to_string(),
            opt(span.map(|s| s.line.to_string())),
            opt(span.and_then(|s| s.column).map(|c| c.to_string())),
            f.message.clone(),
            opt(f.expected.map(|v| v.to_string())),
            opt(f.actual.map(|v| v.to_string())),
            opt(f.difference().map(|v| v.to_string())),
            opt(f.unit.map(|u| {
                serde_json::to_value(u)
                    .ok()
                    .and_then(|v| v.as_str().map(str::to_owned))
                    .unwrap_or_default()
            })),
        ]);
    }
    let bytes = w.into_inner().unwrap_or_default();
    String::from_utf8(bytes).unwrap_or_default()
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::findings::fixture::*;
    use yusuan_model::Severity;

    #[test]
    fn one_row_per_finding_after_a_bom_and_the_header() {
        let text = render(&report(Severity::Info));
        assert!(text.starts_with("\u{feff}document,rule,severity,line,column,message,"));
        let mut r = ::csv::Reader::from_reader(text.strip_prefix(BOM).unwrap().as_bytes());
        assert_eq!(r.headers().unwrap(), HEADER.as_slice());
        let rows: Vec<::csv::StringRecord> = r.records().map(Result::unwrap).collect();
        assert_eq!(rows.len(), 2);
        assert_eq!(
            rows[0].iter().collect::<Vec<_>>(),
            [
                PATH,
                "YS201",
                "error",
                "159",
                "25",
                "合计 3313.52 不等于基本支出 0 与项目支出 3319.59 之和 3319.59",
                "3319.59",
                "3313.52",
                "-6.07",
                "wan_yuan"
            ]
        );
        // Commas and quotes survive; absent figures are empty.
        assert_eq!(&rows[1][5], "一个警告, with a \"quote\", and a comma");
        assert_eq!(&rows[1][3], "");
        assert_eq!(&rows[1][6], "");
    }
}
