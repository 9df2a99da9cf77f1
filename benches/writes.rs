//! Small parameterised writes through the library, as an embedding application makes them: one
//! statement per change, alone (each commits) or many inside one transaction. Each iteration
//! runs a batch of `CREATE`s on an in-memory database; the transaction is rolled back at the
//! end so that every batch starts from the same graph.

use criterion::{BatchSize, Criterion, criterion_group, criterion_main};
use demarche::{Database, Params, Value};
use std::hint::black_box;

const BATCH: i64 = 1000;
const CREATE: &str = "CREATE (m:Measure {name: $name, kind: 'expulsion', count: $n}) RETURN id(m)";

fn params(i: i64) -> Params {
    Params::from([("name".to_owned(), Value::from(format!("m{i}"))), ("n".to_owned(), Value::Int(i))])
}

fn writes(c: &mut Criterion) {
    let mut group = c.benchmark_group("writes");
    group.sample_size(10);
    group.bench_function("1000 CREATE, each committed", |b| {
        b.iter_batched(
            Database::in_memory,
            |db| {
                for i in 0..BATCH {
                    black_box(db.execute(CREATE, &params(i)).expect("create"));
                }
                db
            },
            BatchSize::PerIteration,
        )
    });
    let db = Database::in_memory();
    group.bench_function("1000 CREATE in one transaction", |b| {
        b.iter(|| {
            let mut tx = db.begin().expect("begin");
            for i in 0..BATCH {
                black_box(tx.execute(CREATE, &params(i)).expect("create"));
            }
            tx.rollback();
        })
    });
    group.finish();
}

criterion_group!(benches, writes);
criterion_main!(benches);
