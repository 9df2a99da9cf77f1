//! Fuzz target: arbitrary statements executed on a small graph with a 200 ms deadline, inside a
//! transaction that is rolled back so every input sees the same graph. Any panic, abort or
//! stack overflow is a finding; errors (including the deadline) are expected.
#![no_main]

use demarche::{Database, Params, QueryOptions};
use libfuzzer_sys::fuzz_target;
use std::sync::OnceLock;
use std::time::Duration;

static DB: OnceLock<Database> = OnceLock::new();

const GRAPH: &str = "CREATE (a:Country {name: 'Russia', since: 1991}), (b:Country {name: 'United States'}), \
    (c:Person {name: 'Lavrov', aliases: ['Sergey Lavrov']}), (d:Event {name: 'Expulsion', date: date('2021-04')}), \
    (c)-[:MINISTER_OF {from: 2004}]->(a), (a)-[:EXPELLED {n: 10}]->(b), (b)-[:EXPELLED {n: 10}]->(a), \
    (d)-[:INVOLVES]->(a), (d)-[:INVOLVES]->(b)";

fuzz_target!(|data: &[u8]| {
    let Ok(text) = std::str::from_utf8(data) else { return };
    let db = DB.get_or_init(|| {
        let db = Database::in_memory();
        db.execute(GRAPH, &Params::new()).expect("the seed graph is valid");
        db
    });
    let options = QueryOptions { timeout: Some(Duration::from_millis(200)), cancel: None };
    let Ok(mut tx) = db.begin() else { return };
    let _ = tx.query_with(text, &Params::new(), &options);
    tx.rollback();
});
