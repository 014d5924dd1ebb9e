//! The catalogue as a whole: every rule has a unique code and name, a code in its family's
//! range, and a document in the ruff style (heading, what, why, example, legal basis).

use std::collections::HashSet;

use yusuan_rules::{registry, Family};

#[test]
fn every_rule_is_documented_in_ruff_style() {
    let rules = registry();
    assert!(rules.len() >= 40, "only {} rules registered", rules.len());
    for rule in &rules {
        let info = rule.info();
        let heading = format!("# {} {} · {}", info.code, info.name, info.title);
        assert!(
            info.doc.starts_with(&heading),
            "{}: the doc must start with `{heading}`",
            info.code
        );
        for section in [
            "## What it checks",
            "## Why it matters",
            "## Example",
            "## Legal basis",
        ] {
            assert!(info.doc.contains(section), "{} lacks {section}", info.code);
        }
    }
}

#[test]
fn codes_and_names_are_unique_and_in_their_family_range() {
    let mut codes = HashSet::new();
    let mut names = HashSet::new();
    for rule in registry() {
        let info = rule.info();
        assert!(codes.insert(info.code), "{} registered twice", info.code);
        assert!(names.insert(info.name), "name {} used twice", info.name);
        let hundreds = match info.family {
            Family::Completeness => '1',
            Family::TableArithmetic => '2',
            Family::CrossTable => '3',
            Family::Narrative => '4',
            Family::Claims => '5',
            Family::Codes => '6',
            Family::Wording => '7',
            Family::Performance => '8',
            Family::Procurement => '9',
        };
        assert!(
            info.code.starts_with("YS") && info.code.len() == 5,
            "{}",
            info.code
        );
        assert_eq!(
            info.code.as_bytes()[2] as char,
            hundreds,
            "{} is not in its family's range",
            info.code
        );
        assert!(yusuan_rules::find(info.code).is_some() && yusuan_rules::find(info.name).is_some());
    }
}
