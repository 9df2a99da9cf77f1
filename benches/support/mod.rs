//! Shared by the criterion benches and `examples/bench_driver.rs`: the benchmark graph (a Rust
//! port of `bench/peers/gen.py`, same random stream, same bytes), loading its CSV files into
//! mutations through the public API, and the six workload queries in demarche's language.

#![allow(dead_code)]

use demarche::{Date, Mutation, NodeId, Properties, RelId, Value};
use std::collections::BTreeMap;
use std::error::Error;
use std::fmt::Write as _;
use std::fs;
use std::io::{BufWriter, Write};
use std::path::Path;

/// Node kinds (labels) with cumulative percentages, as in gen.py.
pub const KINDS: [(&str, u64); 6] =
    [("Person", 40), ("Org", 60), ("Place", 75), ("Event", 87), ("Product", 95), ("Topic", 100)];
/// Relationship types with cumulative percentages, as in gen.py.
pub const TYPES: [(&str, u64); 6] =
    [("KNOWS", 45), ("WORKS_AT", 65), ("LIKES", 80), ("MENTIONS", 92), ("LOCATED_IN", 97), ("PART_OF", 100)];
const SEED: u64 = 0x5EED_DE3A_2C4E;

struct SplitMix64(u64);

impl SplitMix64 {
    fn next(&mut self) -> u64 {
        self.0 = self.0.wrapping_add(0x9E37_79B9_7F4A_7C15);
        let mut z = self.0;
        z = (z ^ (z >> 30)).wrapping_mul(0xBF58_476D_1CE4_E5B9);
        z = (z ^ (z >> 27)).wrapping_mul(0x94D0_49BB_1331_11EB);
        z ^ (z >> 31)
    }

    fn uniform(&mut self) -> f64 {
        (self.next() >> 11) as f64 * (1.0 / (1u64 << 53) as f64)
    }
}

fn pick(table: &[(&'static str, u64)], r: u64) -> &'static str {
    table.iter().find(|(_, upto)| r < *upto).map_or("", |(name, _)| name)
}

fn skewed(n: u64, u: f64, power: f64) -> u64 {
    ((n as f64 * u.powf(power)) as u64).min(n - 1)
}

/// Days since 0000-03-01 style civil conversion (Howard Hinnant's algorithm).
fn civil(days_since_1970: i64) -> (i64, u32, u32) {
    let z = days_since_1970 + 719_468;
    let era = z.div_euclid(146_097);
    let doe = z - era * 146_097;
    let yoe = (doe - doe / 1460 + doe / 36_524 - doe / 146_096) / 365;
    let doy = doe - (365 * yoe + yoe / 4 - yoe / 100);
    let mp = (5 * doy + 2) / 153;
    let d = (doy - (153 * mp + 2) / 5 + 1) as u32;
    let m = if mp < 10 { mp + 3 } else { mp - 9 } as u32;
    let y = yoe + era * 400 + i64::from(m <= 2);
    (y, m, d)
}

/// The nodes each query starts from (what gen.py writes to params.json).
#[derive(Debug, Clone)]
pub struct QueryParams {
    /// Q1 point lookup.
    pub q1: u64,
    /// Q2 one hop from a hub.
    pub q2: u64,
    /// Q3 two hops.
    pub q3: u64,
    /// Q4 reachability over PART_OF.
    pub q4: u64,
    /// Q5 shortest path ends.
    pub q5: (u64, u64),
    /// Kind (label) of every node above.
    pub kinds: BTreeMap<u64, String>,
}

/// Writes nodes.csv, edges.csv and params.json for `n` nodes and `m` relationships.
pub fn generate(n: u64, m: u64, dir: &Path) -> Result<QueryParams, Box<dyn Error>> {
    fs::create_dir_all(dir)?;
    let mut rng = SplitMix64(SEED);
    let mut kinds = Vec::with_capacity(n as usize);
    let mut f = BufWriter::new(fs::File::create(dir.join("nodes.csv"))?);
    writeln!(f, "id,kind,name,date,count")?;
    for i in 0..n {
        let kind = pick(&KINDS, rng.next() % 100);
        // 1990-01-01 is day 7305 after 1970-01-01.
        let (y, mo, d) = civil(7305 + (rng.next() % 12_000) as i64);
        let count = rng.next() % 1000;
        kinds.push(kind);
        writeln!(f, "{i},{kind},{}-{i},{y:04}-{mo:02}-{d:02},{count}", kind.to_lowercase())?;
    }
    f.flush()?;
    let mut degree = vec![0u32; n as usize];
    let mut part_of_out = vec![0u32; n as usize];
    let mut f = BufWriter::new(fs::File::create(dir.join("edges.csv"))?);
    writeln!(f, "src,dst,type")?;
    for _ in 0..m {
        let src = skewed(n, rng.uniform(), 1.8);
        let mut dst = skewed(n, rng.uniform(), 1.3);
        if dst == src {
            dst = (dst + 1) % n;
        }
        let rel = pick(&TYPES, rng.next() % 100);
        degree[src as usize] += 1;
        degree[dst as usize] += 1;
        if rel == "PART_OF" {
            part_of_out[src as usize] += 1;
        }
        writeln!(f, "{src},{dst},{rel}")?;
    }
    f.flush()?;
    let first = |start: u64, ok: &dyn Fn(usize) -> bool| -> u64 {
        (start..n).chain(0..start).find(|i| ok(*i as usize)).unwrap_or(start)
    };
    let q4 = first(n / 1000, &|i| part_of_out[i] > 0);
    let q5 = (first(n / 3, &|i| degree[i] > 0), first(2 * n / 3, &|i| degree[i] > 0));
    let chosen = [n / 2, 3, n / 20, q4, q5.0, q5.1];
    let mut json = format!(
        "{{\"nodes\": {n}, \"relationships\": {m}, \"q1\": {}, \"q2\": 3, \"q3\": {}, \"q4\": {q4}, \"q5\": [{}, {}], \"kinds\": {{",
        n / 2,
        n / 20,
        q5.0,
        q5.1
    );
    let mut kinds_map = BTreeMap::new();
    for id in chosen {
        kinds_map.insert(id, kinds[id as usize].to_owned());
    }
    for (i, (id, kind)) in kinds_map.iter().enumerate() {
        let sep = if i == 0 { "" } else { ", " };
        write!(json, "{sep}\"{id}\": \"{kind}\"")?;
    }
    json.push_str("}}\n");
    fs::write(dir.join("params.json"), json)?;
    Ok(QueryParams { q1: n / 2, q2: 3, q3: n / 20, q4, q5, kinds: kinds_map })
}

/// Reads params.json as written by gen.py or [`generate`].
pub fn read_params(dir: &Path) -> Result<QueryParams, Box<dyn Error>> {
    let json: serde_json::Value = serde_json::from_str(&fs::read_to_string(dir.join("params.json"))?)?;
    let int = |v: &serde_json::Value| v.as_u64().ok_or("params.json: expected an integer");
    let mut kinds = BTreeMap::new();
    for (id, kind) in json["kinds"].as_object().ok_or("params.json: no kinds")? {
        kinds.insert(id.parse()?, kind.as_str().ok_or("params.json: kind must be text")?.to_owned());
    }
    Ok(QueryParams {
        q1: int(&json["q1"])?,
        q2: int(&json["q2"])?,
        q3: int(&json["q3"])?,
        q4: int(&json["q4"])?,
        q5: (int(&json["q5"][0])?, int(&json["q5"][1])?),
        kinds,
    })
}

/// Reads nodes.csv and edges.csv into one batch: an index on `id` per kind, then the nodes
/// (label = kind; properties id, kind, name, date, count), then the relationships.
pub fn load_mutations(dir: &Path) -> Result<Vec<Mutation>, Box<dyn Error>> {
    let mut out = Vec::new();
    for (kind, _) in KINDS {
        out.push(Mutation::CreateIndex { label: kind.into(), key: "id".into() });
    }
    let mut nodes = csv::Reader::from_path(dir.join("nodes.csv"))?;
    for (line, record) in nodes.records().enumerate() {
        let r = record?;
        let at = |what: &str| format!("nodes.csv record {}: bad {what}", line + 1);
        let id: u64 = r[0].parse().map_err(|_| at("id"))?;
        let mut props = Properties::new();
        props.insert("id".into(), Value::Int(id as i64));
        props.insert("kind".into(), Value::from(&r[1]));
        props.insert("name".into(), Value::from(&r[2]));
        props.insert("date".into(), Value::Date(Date::parse(&r[3]).map_err(|_| at("date"))?));
        props.insert("count".into(), Value::Int(r[4].parse().map_err(|_| at("count"))?));
        out.push(Mutation::CreateNode { id: NodeId(id), labels: vec![r[1].to_owned()], properties: props });
    }
    let mut edges = csv::Reader::from_path(dir.join("edges.csv"))?;
    for (line, record) in edges.records().enumerate() {
        let r = record?;
        let at = |what: &str| format!("edges.csv record {}: bad {what}", line + 1);
        out.push(Mutation::CreateRelationship {
            id: RelId(line as u64),
            rel_type: r[2].to_owned(),
            start: NodeId(r[0].parse().map_err(|_| at("src"))?),
            end: NodeId(r[1].parse().map_err(|_| at("dst"))?),
            properties: Properties::new(),
        });
    }
    Ok(out)
}

/// The six workload queries in demarche's language, with the start nodes filled in.
pub fn queries(p: &QueryParams) -> Vec<(&'static str, String)> {
    let kind = |id: u64| p.kinds.get(&id).cloned().unwrap_or_default();
    vec![
        ("Q1", format!("MATCH (n:{} {{id: {}}}) RETURN n.name AS name, n.count AS count", kind(p.q1), p.q1)),
        (
            "Q2",
            format!(
                "MATCH (a:{} {{id: {}}})-[:KNOWS]->(b) WHERE b.count > 500 \
                 RETURN b.name AS name, b.count AS count ORDER BY count DESC, name LIMIT 10",
                kind(p.q2),
                p.q2
            ),
        ),
        ("Q3", format!("MATCH (a:{} {{id: {}}})-->()-->(c) RETURN count(DISTINCT c) AS n", kind(p.q3), p.q3)),
        (
            "Q4",
            format!(
                "MATCH (a:{} {{id: {}}})-[:PART_OF*1..6]->(b) RETURN count(DISTINCT b) AS n",
                kind(p.q4),
                p.q4
            ),
        ),
        (
            "Q5",
            format!(
                "MATCH (a:{} {{id: {}}}), (b:{} {{id: {}}}), p = shortestPath((a)-[*..30]-(b)) \
                 RETURN length(p) AS len",
                kind(p.q5.0),
                p.q5.0,
                kind(p.q5.1),
                p.q5.1
            ),
        ),
        (
            "Q6",
            "MATCH (a)-[r]->(b) RETURN type(r) AS t, b.kind AS k, count(*) AS c ORDER BY c DESC, t, k LIMIT 10"
                .to_owned(),
        ),
    ]
}

/// Where benches cache generated graphs and snapshots: `target/bench-data/SIZE/`.
pub fn cache_dir(size: &str) -> std::path::PathBuf {
    Path::new(env!("CARGO_MANIFEST_DIR")).join("target").join("bench-data").join(size)
}

/// Node and relationship counts of a named size (`small`, `medium`, `large`) or `N,M`.
pub fn size_counts(size: &str) -> Result<(u64, u64), Box<dyn Error>> {
    Ok(match size {
        "small" => (10_000, 50_000),
        "medium" => (100_000, 500_000),
        "large" => (1_000_000, 5_000_000),
        other => {
            let (n, m) = other.split_once(',').ok_or("size: small, medium, large or N,M")?;
            (n.parse()?, m.parse()?)
        }
    })
}

/// The generated CSV files of a size, generated once and cached (`DEMARCHE_BENCH_SIZE`
/// chooses the size for the benches; default medium).
pub fn ensure_data(size: &str) -> Result<(std::path::PathBuf, QueryParams), Box<dyn Error>> {
    let dir = cache_dir(size);
    if !dir.join("params.json").exists() {
        let (n, m) = size_counts(size)?;
        generate(n, m, &dir)?;
    }
    let params = read_params(&dir)?;
    Ok((dir, params))
}

/// A snapshot of the generated graph of a size, written once and cached beside its CSV files.
pub fn ensure_snapshot(size: &str) -> Result<(std::path::PathBuf, QueryParams), Box<dyn Error>> {
    let (dir, params) = ensure_data(size)?;
    let snapshot = dir.join("graph.demarche");
    if !snapshot.exists() {
        let db = demarche::Database::in_memory();
        db.apply(load_mutations(&dir)?)?;
        let tmp = dir.join("graph.demarche.partial");
        let _ = fs::remove_file(&tmp);
        db.save_as(&tmp)?;
        drop(db);
        fs::rename(&tmp, &snapshot)?;
        for suffix in ["-wal", "-lock"] {
            let _ = fs::remove_file(dir.join(format!("graph.demarche.partial{suffix}")));
        }
    }
    Ok((snapshot, params))
}

/// The bench size from `DEMARCHE_BENCH_SIZE`, default `medium`.
pub fn bench_size() -> String {
    std::env::var("DEMARCHE_BENCH_SIZE").unwrap_or_else(|_| "medium".to_owned())
}
