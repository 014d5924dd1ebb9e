//! Findings as CSV, one row per finding, for spreadsheets.
//!
//! Columns: `document, rule, severity, line, column, message, expected, actual, difference, unit`
//! (line and column of the finding's first location; `unit` is `yuan` or `wan_yuan`, as in the
//! JSON model). The text is UTF-8 and starts with a byte-order mark (U+FEFF), without which Excel
//! reads a CSV file in the legacy code page and garbles Chinese; other CSV readers may need to be
//! told to skip it (Python: `encoding="utf-8-sig"`).

use crate::findings::Report;
use crate::table::{Record, Words, CHECK};

/// The header row: the names of [`CHECK`]'s columns.
pub const HEADER: [&str; 10] = {
    let mut h = [""; 10];
    let mut i = 0;
    while i < h.len() {
        h[i] = CHECK[i].name();
        i += 1;
    }
    h
};

/// The byte-order mark the output starts with.
pub use crate::table::BOM;

/// The CSV text of a report's findings, BOM first.
pub fn render(report: &Report) -> String {
    let records: Vec<Record> = report.findings().map(Record::of).collect();
    String::from_utf8(crate::table::csv(CHECK, Words::Codes, &records)).unwrap_or_default()
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
