//! The openCypher TCK as an integration test (`cargo test --test tck`).
//!
//! Reads the feature files of `../shared/opencypher-tck` (or `DEMARCHE_TCK_DIR`) with the
//! `gherkin` crate, expands scenario outlines, and runs every scenario on a fresh in-memory
//! database. Each scenario is passed, failed or skipped with a reason; totals and a per-area table
//! go to stdout, and as JSON to `DEMARCHE_TCK_REPORT` when set. The ratchet
//! `tests/tck/passing.txt` lists the scenarios that must keep passing; see `ratchet.rs`.
//! Without the suite beside the repository, the test says so and passes.

mod ratchet;
mod report;
mod scenario;
mod values;

use scenario::{Outcome, Scenario};
use std::path::{Path, PathBuf};

#[test]
fn opencypher_tck() {
    let Some(dir) = suite_dir() else { return };
    let scenarios = scenario::load_all(&dir.join("features"));
    let results: Vec<(Scenario, Outcome)> = scenario::run_all(scenarios, &dir);
    let report = report::Report::new(&results);
    report.print();
    if let Ok(path) = std::env::var("DEMARCHE_TCK_REPORT") {
        std::fs::write(&path, report.json()).unwrap_or_else(|e| panic!("cannot write {path}: {e}"));
    }
    ratchet::check(&results);
}

/// Where the suite is: `DEMARCHE_TCK_DIR`, else `../shared/opencypher-tck` beside the repository.
fn suite_dir() -> Option<PathBuf> {
    let dir = match std::env::var_os("DEMARCHE_TCK_DIR") {
        Some(dir) => PathBuf::from(dir),
        None => Path::new(env!("CARGO_MANIFEST_DIR")).join("../shared/opencypher-tck"),
    };
    if dir.join("features").is_dir() {
        Some(dir)
    } else {
        println!("openCypher TCK absent: no features/ under {}; nothing to run", dir.display());
        None
    }
}
