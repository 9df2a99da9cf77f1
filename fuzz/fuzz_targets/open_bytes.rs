//! Fuzz target: open a database whose snapshot and log are arbitrary bytes (on the in-memory
//! backend), then read it and write to it. The input is split at the position given by its
//! first two bytes. Any panic or abort is a finding; typed errors are expected.
#![no_main]

use demarche::backends::{Access, MemBackend};
use demarche::{Database, Params};
use libfuzzer_sys::fuzz_target;
use std::path::Path;
use std::sync::Arc;

fuzz_target!(|data: &[u8]| {
    if data.len() < 2 {
        return;
    }
    let split = (usize::from(data[0]) << 8 | usize::from(data[1])).min(data.len() - 2);
    let (snapshot, wal) = data[2..].split_at(split);
    let disk = MemBackend::new();
    if !snapshot.is_empty() {
        disk.set_contents(Path::new("db"), snapshot);
    }
    if !wal.is_empty() {
        disk.set_contents(Path::new("db-wal"), wal);
    }
    if let Ok(db) = Database::open_on(Arc::new(disk), "db", Access::ReadWrite) {
        let _ = db.query("MATCH (n) OPTIONAL MATCH (n)-[r]->() RETURN n, r", &Params::new());
        let _ = db.execute("CREATE (:Fuzz {n: 1})", &Params::new());
        let _ = db.checkpoint();
    }
});
