//! The demarche side of the side-by-side benchmark (`bench/peers/run.py` starts it).
//!
//! `bench_driver DIR --db DATABASE [--runs N] [--budget SECS] [--timeout SECS]` opens DATABASE
//! (written by `demarche import` from DIR/nodes.csv and DIR/edges.csv), creates an index on `id`
//! for each kind (the rest of the load, timed), reads DIR/params.json (from `bench/peers/gen.py`),
//! runs the six queries through `Database::query_with` and prints one JSON document: open and
//! index times, each query's answer and the median of its warm runs. Times exclude process start.
//!
//! `bench_driver --open SNAPSHOT [--runs N]` instead times reading the snapshot file and
//! opening it read-only (median of N), and prints both with their bytes per second.

#[path = "../benches/support/mod.rs"]
mod support;

use demarche::{Database, Params, QueryOptions};
use serde_json::json;
use std::path::PathBuf;
use std::time::{Duration, Instant};

fn main() -> Result<(), Box<dyn std::error::Error>> {
    let mut args = std::env::args().skip(1);
    if std::env::args().nth(1).as_deref() == Some("--open") {
        return time_open(std::env::args().skip(2).collect());
    }
    let mut dir = None;
    let mut db_path: Option<PathBuf> = None;
    let mut runs = 10usize;
    let mut budget = 10.0f64;
    let mut timeout = 120.0f64;
    while let Some(arg) = args.next() {
        match arg.as_str() {
            "--db" => db_path = Some(args.next().ok_or("--db needs a path")?.into()),
            "--runs" => runs = args.next().ok_or("--runs needs a number")?.parse()?,
            "--budget" => budget = args.next().ok_or("--budget needs seconds")?.parse()?,
            "--timeout" => timeout = args.next().ok_or("--timeout needs seconds")?.parse()?,
            _ if dir.is_none() => dir = Some(PathBuf::from(arg)),
            _ => return Err(format!("unexpected argument {arg}").into()),
        }
    }
    let usage = "usage: bench_driver DIR --db DATABASE [--runs N] [--budget SECS] [--timeout SECS]";
    let dir = dir.ok_or(usage)?;
    let db_path = db_path.ok_or(usage)?;
    let params = support::read_params(&dir)?;

    // The database was written by `demarche import`; opening it and creating the id indexes
    // is the rest of the load.
    let started = Instant::now();
    let db = Database::open(&db_path)?;
    let open = started.elapsed();
    let started = Instant::now();
    for (kind, _) in support::KINDS {
        db.execute(&format!("CREATE INDEX FOR (n:{kind}) ON (n.id)"), &Params::new())?;
    }
    db.checkpoint()?;
    let index = started.elapsed();

    let options = QueryOptions { timeout: Some(Duration::from_secs_f64(timeout)), cancel: None };
    let mut queries = Vec::new();
    for (name, text) in support::queries(&params) {
        let t = Instant::now();
        let first = db.query_with(&text, &Params::new(), &options);
        let first_secs = t.elapsed().as_secs_f64();
        let answer = match &first {
            Ok(result) => result.to_json()["rows"].clone(),
            Err(e) => {
                queries.push(json!({"name": name, "text": text, "error": e.to_string(),
                                    "first_ms": first_secs * 1e3}));
                continue;
            }
        };
        let mut times = Vec::new();
        let warm = Instant::now();
        while times.len() < runs && (times.is_empty() || warm.elapsed().as_secs_f64() < budget) {
            let t = Instant::now();
            db.query_with(&text, &Params::new(), &options)?;
            times.push(t.elapsed().as_secs_f64());
        }
        times.sort_by(f64::total_cmp);
        let median = times[times.len() / 2];
        queries.push(json!({"name": name, "text": text, "rows": answer, "first_ms": first_secs * 1e3,
                            "median_ms": median * 1e3, "runs": times.len()}));
    }
    let out = json!({
        "engine": "demarche",
        "open_s": open.as_secs_f64(),
        "index_s": index.as_secs_f64(),
        "queries": queries,
    });
    println!("{out}");
    Ok(())
}

fn time_open(args: Vec<String>) -> Result<(), Box<dyn std::error::Error>> {
    let path = PathBuf::from(args.first().ok_or("--open needs a snapshot path")?);
    let runs: usize = match args.get(1).map(String::as_str) {
        Some("--runs") => args.get(2).ok_or("--runs needs a number")?.parse()?,
        _ => 3,
    };
    let bytes = std::fs::metadata(&path)?.len() as f64;
    let median = |mut v: Vec<f64>| {
        v.sort_by(f64::total_cmp);
        v[v.len() / 2]
    };
    let mut read = Vec::new();
    let mut open = Vec::new();
    for _ in 0..runs {
        let t = Instant::now();
        std::hint::black_box(std::fs::read(&path)?);
        read.push(t.elapsed().as_secs_f64());
        let t = Instant::now();
        let db = Database::open_read_only(&path)?;
        open.push(t.elapsed().as_secs_f64());
        std::hint::black_box(db.counts()?);
    }
    let (read, open) = (median(read), median(open));
    let mib = bytes / f64::from(1 << 20);
    println!(
        "{}",
        json!({"snapshot_mib": mib, "read_s": read, "read_mib_s": mib / read, "open_s": open, "open_mib_s": mib / open})
    );
    Ok(())
}
