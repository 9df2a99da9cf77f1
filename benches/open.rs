//! Opening a database: reading a snapshot of a generated graph back into memory (medium by
//! default; `DEMARCHE_BENCH_SIZE` chooses), next to plainly reading the same file, so the
//! ratio is the cost of decoding and rebuilding; and building the graph from its CSV files as
//! one `Database::apply` batch (the bulk path an import uses).

#[path = "support/mod.rs"]
mod support;

use criterion::{Criterion, Throughput, criterion_group, criterion_main};
use demarche::Database;
use std::hint::black_box;

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
    group.finish();

    let (dir, _) = support::ensure_data(&size).expect("benchmark data");
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
