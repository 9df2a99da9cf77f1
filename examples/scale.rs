//! Builds a large database through the typed API, closes it, reopens it, and reports the size
//! on disk and the time each step took.
//!
//! `cargo run --release --example scale -- [NODES] [RELATIONSHIPS] [PATH]` (default 1000000
//! nodes, 5000000 relationships, in a temporary directory).

use demarche::{Database, Properties, Value};
use std::time::Instant;

fn main() -> Result<(), Box<dyn std::error::Error>> {
    let args: Vec<String> = std::env::args().collect();
    let n_nodes: u64 = args.get(1).map_or(Ok(1_000_000), |s| s.parse())?;
    let n_rels: u64 = args.get(2).map_or(Ok(5_000_000), |s| s.parse())?;
    let dir = tempfile::tempdir()?;
    let path = args.get(3).map_or_else(|| dir.path().join("scale.db"), Into::into);

    let started = Instant::now();
    {
        let db = Database::open(&path)?;
        let mut tx = db.begin()?;
        let mut ids = Vec::with_capacity(n_nodes as usize);
        for i in 0..n_nodes {
            let mut props = Properties::new();
            props.insert("name".into(), Value::from(format!("entity {i}")));
            props.insert("count".into(), Value::Int(i as i64 % 1000));
            let label = if i % 10 == 0 { "Measure" } else { "Person" };
            ids.push(tx.create_node(&[label], props)?);
        }
        // A deterministic spread of endpoints (a linear congruential walk).
        let mut x: u64 = 42;
        for _ in 0..n_rels {
            x = x.wrapping_mul(6_364_136_223_846_793_005).wrapping_add(1_442_695_040_888_963_407);
            let a = ids[(x >> 33) as usize % ids.len()];
            let b = ids[(x >> 13) as usize % ids.len()];
            let rel_type = if x.is_multiple_of(3) { "RESPONDS_TO" } else { "TARGETS" };
            tx.create_relationship(a, rel_type, b, Properties::new())?;
        }
        let built = started.elapsed();
        tx.commit()?;
        println!(
            "built {n_nodes} nodes and {n_rels} relationships in {built:.2?}; commit (WAL append + fsync) done at {:.2?}",
            started.elapsed()
        );
        let checkpoint = Instant::now();
        db.checkpoint()?;
        println!("checkpoint (snapshot write + fsync + rename) took {:.2?}", checkpoint.elapsed());
    }
    let size = std::fs::metadata(&path)?.len();
    let wal = std::fs::metadata(format!("{}-wal", path.display())).map_or(0, |m| m.len());
    println!("on disk: snapshot {:.1} MiB, log {wal} bytes", size as f64 / (1 << 20) as f64);
    let opened = Instant::now();
    let db = Database::open(&path)?;
    let open_time = opened.elapsed();
    let (nodes, rels) = db.counts()?;
    println!(
        "reopened {nodes} nodes and {rels} relationships in {open_time:.2?} ({:.0} MiB/s of snapshot)",
        size as f64 / (1 << 20) as f64 / open_time.as_secs_f64()
    );
    assert_eq!((nodes as u64, rels as u64), (n_nodes, n_rels));
    Ok(())
}
