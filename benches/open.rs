//! Opening a database: reading a snapshot of a generated graph back into memory (medium by
//! default; `DEMARCHE_BENCH_SIZE` chooses), next to plainly reading the same file, so the
//! ratio is the cost of decoding and rebuilding; beside them the least any engine that keeps
//! the graph in a petgraph `StableDiGraph` pays before its first answer, linking the same nodes
//! and edges bare (no properties, no decoding, no index); and building the graph from its CSV
//! files as one `Database::apply` batch (the bulk path an import uses).

#[path = "support/mod.rs"]
mod support;

use criterion::{Criterion, Throughput, criterion_group, criterion_main};
use demarche::Database;
use petgraph::stable_graph::{NodeIndex, StableDiGraph};
use std::hint::black_box;
use std::path::Path;

/// The graph's edges as (start, end) node numbers, in file order.
fn edge_ends(dir: &Path) -> Vec<(u32, u32)> {
    let mut edges = csv::Reader::from_path(dir.join("edges.csv")).expect("edges.csv");
    edges
        .records()
        .map(|r| {
            let r = r.expect("edge record");
            (r[0].parse().expect("src"), r[1].parse().expect("dst"))
        })
        .collect()
}

/// A bare petgraph build: `nodes` nodes, then the edges, each with a small weight (its type).
fn link(nodes: usize, edges: &[(u32, u32)]) -> StableDiGraph<u64, u8> {
    let mut g = StableDiGraph::with_capacity(nodes, edges.len());
    for i in 0..nodes {
        g.add_node(i as u64);
    }
    for &(a, b) in edges {
        g.add_edge(NodeIndex::new(a as usize), NodeIndex::new(b as usize), 0);
    }
    g
}

fn open(c: &mut Criterion) {
    let size = support::bench_size();
    let (snapshot, _) = support::ensure_snapshot(&size).expect("benchmark snapshot");
    let bytes = std::fs::metadata(&snapshot).expect("snapshot size").len();
    let mut group = c.benchmark_group(format!("open-{size}"));
    group.sample_size(10);
    group.throughput(Throughput::Bytes(bytes));
    group.bench_function("read file", |b| b.iter(|| black_box(std::fs::read(&snapshot).expect("read"))));
    group.bench_function("open snapshot", |b| {
        b.iter(|| black_box(Database::open_read_only(&snapshot).expect("open")))
    });
    let (dir, _) = support::ensure_data(&size).expect("benchmark data");
    let (nodes, _) = support::size_counts(&size).expect("graph size");
    let edges = edge_ends(&dir);
    group.bench_function("petgraph floor: link bare", |b| b.iter(|| black_box(link(nodes as usize, &edges))));
    group.finish();

    let mut group = c.benchmark_group(format!("import-{size}"));
    group.sample_size(10);
    group.bench_function("csv to mutations", |b| {
        b.iter(|| black_box(support::load_mutations(&dir).expect("csv")))
    });
    group.bench_function("apply one batch", |b| {
        b.iter_batched(
            || support::load_mutations(&dir).expect("csv"),
            |batch| {
                let db = Database::in_memory();
                db.apply(batch).expect("apply");
                db
            },
            criterion::BatchSize::PerIteration,
        )
    });
    group.finish();
}

criterion_group!(benches, open);
criterion_main!(benches);
