//! Totals, the per-area table, the first-landing subset and failure clusters; stdout and JSON.

use crate::scenario::{Outcome, Scenario};
use regex::Regex;
use serde_json::json;
use std::collections::BTreeMap;
use std::sync::LazyLock;

/// Counts of one group of scenarios.
#[derive(Default, Clone, Copy)]
pub struct Counts {
    passed: usize,
    failed: usize,
    panicked: usize,
    skipped: usize,
}

impl Counts {
    fn add(&mut self, outcome: &Outcome) {
        match outcome {
            Outcome::Passed => self.passed += 1,
            Outcome::Failed(_) => self.failed += 1,
            Outcome::Panicked(_) => self.panicked += 1,
            Outcome::Skipped(_) => self.skipped += 1,
        }
    }

    fn total(&self) -> usize {
        self.passed + self.failed + self.panicked + self.skipped
    }

    fn percent(&self) -> f64 {
        if self.total() == 0 { 0.0 } else { 100.0 * self.passed as f64 / self.total() as f64 }
    }

    fn json(&self) -> serde_json::Value {
        json!({"total": self.total(), "passed": self.passed, "failed": self.failed,
               "panicked": self.panicked, "skipped": self.skipped})
    }
}

/// The summary of a run.
pub struct Report {
    all: Counts,
    subset: Counts,
    areas: BTreeMap<String, Counts>,
    panics: Vec<(String, String)>,
    clusters: Vec<(usize, String)>,
    failures: Vec<(String, String)>,
}

static EXCLUDED_AREAS: [&str; 4] =
    ["expressions/temporal", "expressions/quantifier", "clauses/call", "clauses/union"];
static EXCLUDED_FORMS: LazyLock<Regex> = LazyLock::new(|| {
    Regex::new(concat!(
        r"(?i)\bUNION\b",                                                             // UNION
        r"|\[\s*\w+\s+IN\b",                                                          // list comprehension
        r"|\[\s*(\w+\s*=\s*)?\(",                                                     // pattern comprehension
        r"|\b(any|all|none|single)\s*\(\s*\w+\s+IN\b",                                // quantifiers
        r"|(MATCH|MERGE|CREATE|,)\s*\w+\s*=\s*(shortestPath|allShortestPaths)?\s*\(", // named paths
        r"|\bCALL\b"                                                                  // procedures
    ))
    .expect("a valid regex")
});

/// True when the scenario belongs to the first-landing subset: outside temporal functions,
/// quantifiers, comprehensions, procedures, named paths and UNION (by area, then by query text).
fn in_subset(scenario: &Scenario) -> bool {
    !EXCLUDED_AREAS.contains(&scenario.area.as_str())
        && !scenario.steps.iter().filter_map(|s| s.docstring.as_deref()).any(|q| EXCLUDED_FORMS.is_match(q))
}

impl Report {
    /// Tallies the outcomes.
    pub fn new(results: &[(Scenario, Outcome)]) -> Report {
        let mut report = Report {
            all: Counts::default(),
            subset: Counts::default(),
            areas: BTreeMap::new(),
            panics: Vec::new(),
            clusters: Vec::new(),
            failures: Vec::new(),
        };
        let mut clusters: BTreeMap<String, usize> = BTreeMap::new();
        for (scenario, outcome) in results {
            report.all.add(outcome);
            report.areas.entry(scenario.area.clone()).or_default().add(outcome);
            if in_subset(scenario) {
                report.subset.add(outcome);
            }
            match outcome {
                Outcome::Panicked(m) => report.panics.push((scenario.id.clone(), m.clone())),
                Outcome::Failed(m) => {
                    *clusters.entry(cluster_key(m)).or_default() += 1;
                    report.failures.push((scenario.id.clone(), m.clone()));
                }
                _ => {}
            }
        }
        report.clusters = clusters.into_iter().map(|(k, n)| (n, k)).collect();
        report.clusters.sort_by(|a, b| b.0.cmp(&a.0).then(a.1.cmp(&b.1)));
        report
    }

    /// Prints the totals, the per-area table, panics and the largest failure clusters.
    pub fn print(&self) {
        let line = |name: &str, c: &Counts| {
            println!(
                "{name:<32} {:>6} {:>6} {:>6} {:>6} {:>6} {:>6.1}%",
                c.total(),
                c.passed,
                c.failed,
                c.panicked,
                c.skipped,
                c.percent()
            )
        };
        println!(
            "{:<32} {:>6} {:>6} {:>6} {:>6} {:>6} {:>7}",
            "area", "total", "pass", "fail", "panic", "skip", "rate"
        );
        for (area, counts) in &self.areas {
            line(area, counts);
        }
        line("ALL", &self.all);
        line("first-landing subset", &self.subset);
        for (id, message) in &self.panics {
            println!("PANIC {id}: {message}");
        }
        println!("largest failure clusters:");
        for (n, key) in self.clusters.iter().take(40) {
            println!("{n:>5}  {key}");
        }
        if std::env::var("DEMARCHE_TCK_FAILURES").is_ok() {
            for (id, message) in &self.failures {
                println!("FAIL {id}\n    {}", message.replace('\n', "\n    "));
            }
        }
    }

    /// The report as JSON: totals, subset and per-area counts, panics.
    pub fn json(&self) -> String {
        let areas: serde_json::Map<String, serde_json::Value> =
            self.areas.iter().map(|(a, c)| (a.clone(), c.json())).collect();
        let panics: Vec<serde_json::Value> =
            self.panics.iter().map(|(id, m)| json!({"id": id, "message": m})).collect();
        json!({"total": self.all.json(), "first_landing_subset": self.subset.json(), "areas": areas, "panics": panics})
            .to_string()
    }
}

/// The first line of a failure with step numbers, quoted text and numbers blurred, so similar
/// failures group together.
fn cluster_key(message: &str) -> String {
    static NOISE: LazyLock<Regex> =
        LazyLock::new(|| Regex::new(r"step \d+ `[^`]*`: |'[^']*'|`[^`]*`|\d+").expect("a valid regex"));
    let first = message.lines().next().unwrap_or("");
    let first = first.split_once("`: ").map_or(first, |(_, rest)| rest);
    let key = NOISE.replace_all(first, "_").into_owned();
    key.chars().take(150).collect()
}
