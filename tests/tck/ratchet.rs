//! The ratchet: `tests/tck/passing.txt` lists the scenarios that must keep passing.
//!
//! A listed scenario that fails (or no longer exists) fails the test; scenarios that pass but
//! are not listed are printed, so the list can only move up. `DEMARCHE_TCK_BASELINE=none`
//! disables the check (for another copy of the suite); `DEMARCHE_TCK_WRITE_BASELINE=1`
//! rewrites the list from this run.

use crate::scenario::{Outcome, Scenario};
use std::collections::BTreeSet;
use std::path::Path;

const HEADER: &str = "\
# openCypher TCK scenarios demarche passes; `cargo test --test tck` fails if one of them stops passing.
# One id per line: PATH:NAME, where PATH is the feature file under features/ and NAME the scenario
# name as written; outline rows add ` [example N]`, N counting example rows from 1 across the outline's
# Examples tables; a name repeated in one file adds ` #K` from its second occurrence.
# Regenerate: DEMARCHE_TCK_WRITE_BASELINE=1 cargo test --test tck
";

/// Checks the run against the list, or rewrites the list when asked.
pub fn check(results: &[(Scenario, Outcome)]) {
    let path = Path::new(env!("CARGO_MANIFEST_DIR")).join("tests/tck/passing.txt");
    let passing: BTreeSet<&str> =
        results.iter().filter(|(_, o)| matches!(o, Outcome::Passed)).map(|(s, _)| s.id.as_str()).collect();
    if std::env::var("DEMARCHE_TCK_WRITE_BASELINE").is_ok_and(|v| v == "1") {
        let mut text = HEADER.to_owned();
        for id in &passing {
            text.push_str(id);
            text.push('\n');
        }
        std::fs::write(&path, text).unwrap_or_else(|e| panic!("cannot write {}: {e}", path.display()));
        println!("wrote {} passing scenario ids to {}", passing.len(), path.display());
        return;
    }
    if std::env::var("DEMARCHE_TCK_BASELINE").is_ok_and(|v| v == "none") {
        println!("ratchet disabled (DEMARCHE_TCK_BASELINE=none)");
        return;
    }
    let listed_text = std::fs::read_to_string(&path).unwrap_or_default();
    let listed: BTreeSet<&str> =
        listed_text.lines().map(str::trim_end).filter(|l| !l.is_empty() && !l.starts_with('#')).collect();
    let newly: Vec<&&str> = passing.difference(&listed).collect();
    if !newly.is_empty() {
        println!("{} scenarios pass that passing.txt does not list yet:", newly.len());
        for id in &newly {
            println!("  {id}");
        }
    }
    let lost: Vec<String> = listed
        .difference(&passing)
        .map(|id| {
            let why =
                results.iter().find(|(s, _)| s.id == *id).map_or("no such scenario".to_owned(), |(_, o)| {
                    match o {
                        Outcome::Failed(m) | Outcome::Panicked(m) | Outcome::Skipped(m) => m.clone(),
                        Outcome::Passed => String::new(),
                    }
                });
            format!("{id}\n    {}", why.replace('\n', "\n    "))
        })
        .collect();
    assert!(
        lost.is_empty(),
        "{} scenarios listed in passing.txt no longer pass:\n{}",
        lost.len(),
        lost.join("\n")
    );
}
