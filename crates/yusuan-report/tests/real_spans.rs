//! The human renderer on spans made by the extractor from real documents: the underline sits under
//! the printed figure, whatever tabs, spaces and double-width characters come before it.

use std::path::{Path, PathBuf};

use unicode_width::UnicodeWidthStr;
use yusuan_model::{ColumnKey, Finding, MoneyUnit, Severity, TableKind};
use yusuan_report::{HumanOptions, Report, Sources};

fn root() -> PathBuf {
    PathBuf::from(env!("CARGO_MANIFEST_DIR")).join("../..")
}

/// A finding on every certain cell of `kind`'s first rows that has a span, rendered; checks that the
/// underline of each is under the figure as printed.
fn underlines_match(file: &str, kind: TableKind, max: usize) {
    let path = root().join(file);
    let mut doc = yusuan_read::read_path(&path).unwrap();
    doc.path = file.to_string();
    let model = yusuan_extract::extract(&doc);
    let table = model
        .tables
        .iter()
        .find(|t| t.kind == kind && !t.rows.is_empty())
        .unwrap_or_else(|| panic!("{file}: no {kind} table"));
    let mut sources = Sources::new();
    sources.insert(file, doc.lines.iter().map(|l| l.text.clone()).collect());
    let mut checked = 0;
    for row in &table.rows {
        for key in [ColumnKey::TOTAL, ColumnKey::BASIC, ColumnKey::PROJECT] {
            if row.certain(&key).is_none() || !row.cell_spans.contains_key(&key) {
                continue;
            }
            let loc = yusuan_rules::support::cell_location(table, row, &key);
            let printed: String = {
                let line = sources.line(file, loc.span.line).unwrap();
                let from = loc.span.column.unwrap() as usize - 1;
                line.chars()
                    .skip(from)
                    .take(loc.span.length.unwrap() as usize)
                    .collect()
            };
            let finding = Finding {
                rule: "YS000".into(),
                severity: Severity::Error,
                message: "test".into(),
                expected: None,
                actual: loc.value,
                unit: Some(MoneyUnit::WanYuan),
                locations: vec![loc],
                related: vec![],
                document: file.into(),
            };
            let out =
                yusuan_report::human::diagnostic(&finding, &sources, &[], HumanOptions::default());
            let lines: Vec<&str> = out.lines().collect();
            let quoted = lines[3];
            let under = lines[4];
            let caret = under.find('^').unwrap();
            let carets = under[caret..].chars().take_while(|&c| c == '^').count();
            // What is above the carets is the printed figure.
            let above: String = {
                let mut w = 0;
                quoted
                    .chars()
                    .filter(|c| {
                        let start = w;
                        w += c.to_string().width();
                        start >= under[..caret].width() && start < under[..caret].width() + carets
                    })
                    .collect()
            };
            assert_eq!(above, printed, "{out}");
            checked += 1;
            if checked >= max {
                return;
            }
        }
    }
    assert!(checked > 0, "{file}: no cell checked");
}

#[test]
fn underlines_on_a_tab_separated_seed() {
    underlines_match(
        "corpus/seeds/000_58134781a689c5f0.txt",
        TableKind::Expenditure,
        60,
    );
}

#[test]
fn underlines_on_a_space_separated_shanghai_document() {
    underlines_match(
        "corpus/shanghai/text/putuo-govoffice-2025-dept-budget.txt",
        TableKind::Expenditure,
        60,
    );
}

#[test]
fn a_report_of_real_documents_renders() {
    let file = "corpus/seeds/000_58134781a689c5f0.txt";
    let doc = yusuan_read::read_path(Path::new(&root().join(file))).unwrap();
    let model = yusuan_extract::extract(&doc);
    let mut report = Report::new(Severity::Info);
    report.add(&model, vec![]);
    let out = yusuan_report::human::render(&report, &Sources::new(), &[], HumanOptions::default());
    assert!(out.ends_with("no findings in 1 document\n"), "{out}");
}
