//! Phrase queries of the built-in knowledge graph (`Database::builtin()`), each through
//! `Database::query`: what an analyst at the REPL waits for.

use criterion::{Criterion, criterion_group, criterion_main};
use demarche::{Database, Params};
use std::hint::black_box;

const PHRASES: &[&str] = &[
    "measures responding to \"April 2021 US sanctions\"",
    "all measures responding to \"April 2021 US sanctions\"",
    "responses to \"Ban on US missions hiring local staff\"",
    "what \"Expulsion of 10 US diplomats\" responds to",
    "escalation from \"April 2021 US sanctions\"",
    "escalation to \"Ban on US missions hiring local staff\"",
    "measures by Russia against United States since 2021-04 until 2021-12-31",
    "count measures by Russia",
    "timeline of Russia since 2021-08-01",
    "timeline since 2022-01",
    "claims by \"Anatoly Antonov\"",
    "claims about \"Departure of 27 Russian diplomats by 2022-01-30\"",
];

fn phrases(c: &mut Criterion) {
    let db = Database::builtin().expect("built-in graph");
    let none = Params::new();
    let mut group = c.benchmark_group("phrases-builtin");
    group.bench_function("Database::builtin()", |b| {
        b.iter(|| black_box(Database::builtin().expect("builtin")))
    });
    for phrase in PHRASES {
        db.query(phrase, &none).expect("phrase runs");
        group.bench_function(*phrase, |b| b.iter(|| black_box(db.query(phrase, &none).expect("runs"))));
    }
    group.finish();
}

criterion_group!(benches, phrases);
criterion_main!(benches);
