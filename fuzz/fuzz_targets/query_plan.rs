//! Fuzz target: arbitrary text through the parser and the planner (`EXPLAIN` plans without
//! running). Any panic, abort or stack overflow is a finding; errors are expected.
#![no_main]

use demarche::{Database, Params};
use libfuzzer_sys::fuzz_target;
use std::sync::OnceLock;

static DB: OnceLock<Database> = OnceLock::new();

fuzz_target!(|data: &[u8]| {
    let Ok(text) = std::str::from_utf8(data) else { return };
    let db = DB.get_or_init(Database::in_memory);
    let _ = db.query(&format!("EXPLAIN {text}"), &Params::new());
    let _ = demarche::ast::parse_cypher(text);
});
