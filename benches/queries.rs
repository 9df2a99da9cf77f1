//! The six workload queries through `Database::query` on a generated graph (medium by
//! default; `DEMARCHE_BENCH_SIZE=small|medium|large|N,M`), next to the same six written by hand
//! on a petgraph `StableDiGraph` with a `HashMap` from id to index: the floor the query
//! language is measured against. Setup checks that both give the same answers. A second group
//! times the same lookups written with `WHERE` (`n.id = ...`, `id(n) = ...`, `IN`, `id(r) = ...`),
//! which must start from an index or a seek as the property-map form does.

#[path = "support/mod.rs"]
mod support;

use criterion::{Criterion, criterion_group, criterion_main};
use demarche::{Database, Params};
use petgraph::Direction;
use petgraph::stable_graph::{NodeIndex, StableDiGraph};
use petgraph::visit::{EdgeRef, IntoEdgeReferences};
use serde_json::{Value as Json, json};
use std::collections::{HashMap, HashSet};
use std::hint::black_box;
use std::path::Path;

struct NodeData {
    kind: u8,
    name: String,
    count: i64,
    // Stored as the other engines store it, though no query reads it.
    _date: String,
}

/// The hand-written floor: petgraph plus an id map, types and kinds as small integers.
struct Floor {
    g: StableDiGraph<NodeData, u8>,
    by_id: HashMap<u64, NodeIndex>,
}

fn type_code(t: &str) -> u8 {
    support::TYPES.iter().position(|(name, _)| *name == t).unwrap_or(255) as u8
}

fn kind_code(k: &str) -> u8 {
    support::KINDS.iter().position(|(name, _)| *name == k).unwrap_or(255) as u8
}

impl Floor {
    fn load(dir: &Path) -> Floor {
        let mut g = StableDiGraph::new();
        let mut by_id = HashMap::new();
        let mut nodes = csv::Reader::from_path(dir.join("nodes.csv")).expect("nodes.csv");
        for r in nodes.records() {
            let r = r.expect("node record");
            let id: u64 = r[0].parse().expect("id");
            let idx = g.add_node(NodeData {
                kind: kind_code(&r[1]),
                name: r[2].to_owned(),
                _date: r[3].to_owned(),
                count: r[4].parse().expect("count"),
            });
            by_id.insert(id, idx);
        }
        let mut edges = csv::Reader::from_path(dir.join("edges.csv")).expect("edges.csv");
        for r in edges.records() {
            let r = r.expect("edge record");
            let a = by_id[&r[0].parse::<u64>().expect("src")];
            let b = by_id[&r[1].parse::<u64>().expect("dst")];
            g.add_edge(a, b, type_code(&r[2]));
        }
        Floor { g, by_id }
    }

    fn q1(&self, id: u64) -> Json {
        let n = &self.g[self.by_id[&id]];
        json!([[n.name, n.count]])
    }

    fn q2(&self, id: u64) -> Json {
        let knows = type_code("KNOWS");
        let mut rows: Vec<(&str, i64)> = self
            .g
            .edges_directed(self.by_id[&id], Direction::Outgoing)
            .filter(|e| *e.weight() == knows)
            .map(|e| &self.g[e.target()])
            .filter(|b| b.count > 500)
            .map(|b| (b.name.as_str(), b.count))
            .collect();
        rows.sort_by(|x, y| y.1.cmp(&x.1).then(x.0.cmp(y.0)));
        rows.truncate(10);
        Json::Array(rows.into_iter().map(|(n, c)| json!([n, c])).collect())
    }

    fn q3(&self, id: u64) -> Json {
        let mut seen = HashSet::new();
        for b in self.g.neighbors_directed(self.by_id[&id], Direction::Outgoing) {
            seen.extend(self.g.neighbors_directed(b, Direction::Outgoing));
        }
        json!([[seen.len()]])
    }

    fn q4(&self, id: u64) -> Json {
        let part_of = type_code("PART_OF");
        let mut seen = HashSet::new();
        let mut frontier = vec![self.by_id[&id]];
        for _ in 0..6 {
            let mut next = Vec::new();
            for a in frontier {
                for e in self.g.edges_directed(a, Direction::Outgoing) {
                    if *e.weight() == part_of && seen.insert(e.target()) {
                        next.push(e.target());
                    }
                }
            }
            frontier = next;
        }
        json!([[seen.len()]])
    }

    /// Bidirectional BFS, a level at a time from the side with the smaller frontier (as
    /// networkx's `shortest_path_length` does), so the floor is the best known algorithm.
    fn q5(&self, from: u64, to: u64) -> Json {
        let (a, b) = (self.by_id[&from], self.by_id[&to]);
        if a == b {
            return json!([[0]]);
        }
        let mut seen = [HashMap::from([(a, 0u32)]), HashMap::from([(b, 0u32)])];
        let mut frontier = [vec![a], vec![b]];
        while !frontier[0].is_empty() && !frontier[1].is_empty() {
            let side = usize::from(frontier[1].len() < frontier[0].len());
            let mut next = Vec::new();
            let mut best: Option<u32> = None;
            for &x in &frontier[side] {
                let d = seen[side][&x];
                for y in self.g.neighbors_undirected(x) {
                    if let Some(other) = seen[1 - side].get(&y) {
                        best = Some(best.map_or(d + 1 + other, |b| b.min(d + 1 + other)));
                    }
                    if let std::collections::hash_map::Entry::Vacant(v) = seen[side].entry(y) {
                        v.insert(d + 1);
                        next.push(y);
                    }
                }
            }
            if let Some(len) = best {
                return json!([[len]]);
            }
            frontier[side] = next;
        }
        json!([[null]])
    }

    fn q6(&self) -> Json {
        let mut counts = [[0u64; 6]; 6];
        for e in self.g.edge_references() {
            counts[*e.weight() as usize][self.g[e.target()].kind as usize] += 1;
        }
        let mut rows = Vec::new();
        for (t, per_kind) in counts.iter().enumerate() {
            for (k, c) in per_kind.iter().enumerate() {
                if *c > 0 {
                    rows.push((support::TYPES[t].0, support::KINDS[k].0, *c));
                }
            }
        }
        rows.sort_by(|x, y| y.2.cmp(&x.2).then(x.0.cmp(y.0)).then(x.1.cmp(y.1)));
        rows.truncate(10);
        Json::Array(rows.into_iter().map(|(t, k, c)| json!([t, k, c])).collect())
    }

    fn run(&self, name: &str, p: &support::QueryParams) -> Json {
        match name {
            "Q1" => self.q1(p.q1),
            "Q2" => self.q2(p.q2),
            "Q3" => self.q3(p.q3),
            "Q4" => self.q4(p.q4),
            "Q5" => self.q5(p.q5.0, p.q5.1),
            _ => self.q6(),
        }
    }
}

fn workload(c: &mut Criterion) {
    let size = support::bench_size();
    let (snapshot, params) = support::ensure_snapshot(&size).expect("benchmark graph");
    let db = Database::open_read_only(&snapshot).expect("open the benchmark snapshot");
    let floor = Floor::load(&support::cache_dir(&size));
    let none = Params::new();
    let queries = support::queries(&params);
    for (name, text) in &queries {
        let ours = db.query(text, &none).expect("query runs").to_json()["rows"].clone();
        assert_eq!(ours, floor.run(name, &params), "{name}: demarche and the petgraph floor disagree");
    }
    let mut group = c.benchmark_group(format!("workload-{size}"));
    group.sample_size(10);
    for (name, text) in &queries {
        group.bench_function(format!("{name}/demarche"), |b| {
            b.iter(|| black_box(db.query(text, &none).expect("query runs")))
        });
        group.bench_function(format!("{name}/petgraph-floor"), |b| {
            b.iter(|| black_box(floor.run(name, &params)))
        });
    }
    group.finish();

    // The same lookups written the ways a Cypher user writes them: each pair must give the same
    // rows, and the WHERE forms must start from an index or a seek as the map form does (a
    // label scan here is milliseconds, not a microsecond).
    let kind = |id: u64| params.kinds.get(&id).cloned().unwrap_or_default();
    let (k1, q1, k2, q2) = (kind(params.q1), params.q1, kind(params.q2), params.q2);
    let point = format!("MATCH (n:{k1} {{id: {q1}}}) RETURN n.name AS name, n.count AS count");
    let hop = format!("MATCH (a:{k2} {{id: {q2}}})-[:KNOWS]->(b) RETURN count(*) AS c");
    // `id(r) + 0` is not a seek: the same relationship found by a scan, once, for the rows.
    let by_scan = "MATCH (a)-[r]->(b) WHERE id(r) + 0 = 1234 RETURN a.id AS a, b.id AS b".to_owned();
    let forms = [
        (
            "where-equals",
            format!("MATCH (n:{k1}) WHERE n.id = {q1} RETURN n.name AS name, n.count AS count"),
            &point,
        ),
        ("where-id", format!("MATCH (n) WHERE id(n) = {q1} RETURN n.name AS name, n.count AS count"), &point),
        (
            "where-in",
            format!("MATCH (n:{k1}) WHERE n.id IN [{q1}] RETURN n.name AS name, n.count AS count"),
            &point,
        ),
        (
            "where-relationship-id",
            "MATCH (a)-[r]->(b) WHERE id(r) = 1234 RETURN a.id AS a, b.id AS b".to_owned(),
            &by_scan,
        ),
        ("anchored-count", hop.clone(), &hop),
        (
            "anchored-count-where",
            format!("MATCH (a:{k2})-[:KNOWS]->(b) WHERE a.id = {q2} RETURN count(*) AS c"),
            &hop,
        ),
    ];
    let mut group = c.benchmark_group(format!("anchoring-{size}"));
    group.sample_size(10);
    for (name, text, same_as) in &forms {
        let rows = |q: &str| db.query(q, &none).expect("query runs").to_json()["rows"].clone();
        assert_eq!(rows(text), rows(same_as), "{name}: {text}");
        group.bench_function(*name, |b| b.iter(|| black_box(db.query(text, &none).expect("query runs"))));
    }
    group.finish();
}

criterion_group!(benches, workload);
criterion_main!(benches);
