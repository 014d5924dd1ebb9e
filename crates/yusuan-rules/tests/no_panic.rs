//! The catalogue never panics on what extraction makes of damaged documents: every corpus text
//! cut at many points, with lines dropped or doubled, is extracted and checked.

use std::path::PathBuf;

fn corpus_texts() -> Vec<(String, Vec<u8>)> {
    let root = PathBuf::from(env!("CARGO_MANIFEST_DIR")).join("../../corpus");
    let mut out = Vec::new();
    for dir in ["seeds", "shanghai/text"] {
        let mut names: Vec<PathBuf> = std::fs::read_dir(root.join(dir))
            .unwrap()
            .flatten()
            .map(|e| e.path())
            .filter(|p| p.extension().is_some_and(|e| e == "txt"))
            .collect();
        names.sort();
        for p in names {
            out.push((p.display().to_string(), std::fs::read(&p).unwrap()));
        }
    }
    out
}

fn check(label: &str, text: &str) -> usize {
    let Ok(doc) = yusuan_read::read_bytes(label, text.as_bytes()) else {
        return 0;
    };
    let disclosure = yusuan_extract::extract(&doc);
    yusuan_rules::check(&disclosure).len()
}

#[test]
fn damaged_documents_are_checked_without_panic() {
    let mut runs = 0;
    for (path, bytes) in corpus_texts() {
        let text = String::from_utf8_lossy(&bytes).into_owned();
        let lines: Vec<&str> = text.lines().collect();
        let step = (lines.len() / 6).max(1);
        for cut in (step..lines.len()).step_by(step) {
            // The document cut short.
            check(&path, &lines[..cut].join("\n"));
            // One line dropped, and one line doubled.
            let mut dropped = lines.clone();
            dropped.remove(cut);
            check(&path, &dropped.join("\n"));
            let mut doubled = lines.clone();
            doubled.insert(cut, lines[cut - 1]);
            check(&path, &doubled.join("\n"));
            runs += 3;
        }
    }
    assert!(runs > 250, "only {runs} damaged documents checked");
}

#[test]
fn whole_documents_give_the_same_findings_twice() {
    // Rules are pure functions of the model: the same document gives the same findings.
    for (path, bytes) in corpus_texts() {
        let doc = yusuan_read::read_bytes(&path, &bytes).unwrap();
        let disclosure = yusuan_extract::extract(&doc);
        assert_eq!(
            yusuan_rules::check(&disclosure),
            yusuan_rules::check(&disclosure),
            "{path}"
        );
    }
}
