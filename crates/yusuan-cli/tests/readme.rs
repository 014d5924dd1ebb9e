//! The README tells the truth: the commands it shows run on the corpus as shown, the output it
//! quotes is what they print, and the size of the rule catalogue it states is that of
//! `yusuan rules`. Every expectation is read from README.md itself, so this test follows the
//! README when it changes, and fails when the README and yusuan part ways.

use std::path::{Path, PathBuf};
use std::process::{Command, Output};

fn root() -> PathBuf {
    PathBuf::from(env!("CARGO_MANIFEST_DIR")).join("../..")
}

fn readme() -> String {
    std::fs::read_to_string(root().join("README.md")).expect("README.md")
}

/// The lines of the first ```sh block after `heading`.
fn sh_block(readme: &str, heading: &str) -> Vec<String> {
    let at = readme
        .find(heading)
        .unwrap_or_else(|| panic!("README has no {heading:?}"));
    let rest = &readme[at..];
    let start = rest.find("```sh\n").expect("a ```sh block") + "```sh\n".len();
    let end = rest[start..].find("```").expect("the block's end") + start;
    rest[start..end].lines().map(str::to_string).collect()
}

/// A command line of the README: its words (shell quoting undone) and the comment after `#`.
fn command(line: &str) -> (Vec<String>, String) {
    let (cmd, comment) = match line.find(" #") {
        Some(i) => (&line[..i], line[i + 2..].trim()),
        None => (line, ""),
    };
    let words = shlex::split(cmd).unwrap_or_else(|| panic!("cannot split {line:?}"));
    (words, comment.to_string())
}

fn yusuan(args: &[String], dir: &Path, db: Option<&Path>) -> Output {
    let mut c = Command::new(env!("CARGO_BIN_EXE_yusuan"));
    c.args(args)
        .current_dir(dir)
        .env_remove("LC_ALL")
        .env_remove("LC_MESSAGES")
        .env("LANG", "C.UTF-8")
        .env_remove("YUSUAN_DB");
    if let Some(db) = db {
        c.env("YUSUAN_DB", db);
    }
    c.output().expect("yusuan runs")
}

fn text(o: &Output) -> String {
    format!(
        "exit {:?}\nstdout:\n{}\nstderr:\n{}",
        o.status.code(),
        String::from_utf8_lossy(&o.stdout),
        String::from_utf8_lossy(&o.stderr)
    )
}

/// `check` answers 1 when it finds an error: that is its verdict, not a failure to run.
fn succeeded(args: &[String], o: &Output) -> bool {
    match o.status.code() {
        Some(0) => true,
        Some(1) => args.first().map(String::as_str) == Some("check"),
        _ => false,
    }
}

#[test]
fn the_commands_of_using_it_run_on_the_corpus() {
    let mut ran = 0;
    for line in sh_block(&readme(), "## Using it") {
        let Some(rest) = line.strip_prefix("./target/release/yusuan ") else {
            continue;
        };
        let (args, _) = command(rest);
        let o = yusuan(&args, &root(), None);
        assert!(succeeded(&args, &o), "{line}\n{}", text(&o));
        assert!(!o.stdout.is_empty(), "{line} printed nothing");
        ran += 1;
    }
    assert!(
        ran >= 5,
        "only {ran} commands found in the README's Using it block"
    );
}

#[test]
fn the_library_commands_run_and_print_what_the_readme_quotes() {
    let dir = tempfile::tempdir().unwrap();
    // The README's paths are relative to the repository; its outputs go to the current folder.
    #[cfg(unix)]
    std::os::unix::fs::symlink(root().join("corpus"), dir.path().join("corpus")).unwrap();
    let db = dir.path().join("library.sqlite");
    let mut ran = 0;
    for line in sh_block(&readme(), "### The library:") {
        let Some(rest) = line.strip_prefix("yusuan ") else {
            continue;
        };
        // A synopsis with optional parts (`[--year 2024]`) is not a command to run.
        if rest.contains('[') {
            continue;
        }
        let (args, comment) = command(rest);
        let o = yusuan(&args, dir.path(), Some(&db));
        assert!(succeeded(&args, &o), "{line}\n{}", text(&o));
        // A comment that starts with a number quotes the output.
        if comment.starts_with(|c: char| c.is_ascii_digit()) {
            let out = String::from_utf8_lossy(&o.stdout);
            assert!(
                out.starts_with(&comment),
                "the README says `{line}` prints {comment:?}; it printed:\n{out}"
            );
        }
        ran += 1;
    }
    assert!(ran >= 5, "only {ran} library commands found");
}

#[test]
fn the_rule_count_is_that_of_yusuan_rules() {
    let readme = readme();
    let re = regex::Regex::new(r"(\d+) rules in (\d+) families").unwrap();
    let claims: Vec<(usize, usize)> = re
        .captures_iter(&readme)
        .map(|c| (c[1].parse().unwrap(), c[2].parse().unwrap()))
        .collect();
    assert!(!claims.is_empty(), "the README states no rule count");
    let o = yusuan(
        &["rules".into(), "--format".into(), "json".into()],
        &root(),
        None,
    );
    let rules: serde_json::Value = serde_json::from_slice(&o.stdout).expect("JSON catalogue");
    let rules = rules.as_array().unwrap();
    let mut families: Vec<&str> = rules
        .iter()
        .map(|r| r["family"].as_str().unwrap())
        .collect();
    families.sort();
    families.dedup();
    for (n, f) in claims {
        assert_eq!(
            (n, f),
            (rules.len(), families.len()),
            "the README says {n} rules in {f} families; `yusuan rules` lists {} in {}",
            rules.len(),
            families.len()
        );
    }
}
