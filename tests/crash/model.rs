//! Model test: random sequences of create / delete / set, committed alone or in explicit
//! transactions that commit or roll back, with checkpoints, clean reopens and power losses,
//! run against a simulated disk and checked after every operation against a plain map.
//!
//! 1,000 cases by default; `PROPTEST_CASES=100000 cargo test --test crash model::` for more.

use crate::common::{State, dump, open_mem};
use demarche::backends::{Access, Damage, MemBackend};
use demarche::{Database, Params};
use proptest::prelude::*;

#[derive(Debug, Clone)]
enum Write {
    Create(i64),
    /// Deletes the `i`-th existing key (modulo the count).
    Delete(usize),
    /// Sets the `i`-th existing key's value.
    Set(usize, i64),
}

#[derive(Debug, Clone)]
enum Op {
    Write(Write),
    Transaction(Vec<Write>, bool),
    Checkpoint,
    Reopen,
    Crash(usize),
}

fn write() -> impl Strategy<Value = Write> {
    prop_oneof![
        (0i64..1000).prop_map(Write::Create),
        any::<usize>().prop_map(Write::Delete),
        (any::<usize>(), -50i64..50).prop_map(|(i, v)| Write::Set(i, v)),
    ]
}

fn op() -> impl Strategy<Value = Op> {
    prop_oneof![
        6 => write().prop_map(Op::Write),
        3 => (proptest::collection::vec(write(), 1..4), any::<bool>()).prop_map(|(w, c)| Op::Transaction(w, c)),
        1 => Just(Op::Checkpoint),
        1 => Just(Op::Reopen),
        1 => (0..Damage::ALL.len()).prop_map(Op::Crash),
    ]
}

/// The statement for a write and its effect on the model; `None` when it has no target.
fn statement(w: &Write, model: &mut State) -> Option<String> {
    let nth = |i: usize, model: &State| model.keys().nth(i % model.len().max(1)).copied();
    match *w {
        Write::Create(k) if !model.contains_key(&k) => {
            model.insert(k, 0);
            Some(format!("CREATE (:N {{k: {k}, v: 0}})"))
        }
        Write::Create(_) => None,
        Write::Delete(i) => {
            let k = nth(i, model)?;
            model.remove(&k);
            Some(format!("MATCH (n:N {{k: {k}}}) DELETE n"))
        }
        Write::Set(i, v) => {
            let k = nth(i, model)?;
            model.insert(k, v);
            Some(format!("MATCH (n:N {{k: {k}}}) SET n.v = {v}"))
        }
    }
}

fn run(ops: &[Op]) -> Result<(), TestCaseError> {
    let disk = MemBackend::new();
    let mut db: Database = open_mem(&disk, Access::ReadWrite).expect("open");
    let mut model = State::new();
    for (i, op) in ops.iter().enumerate() {
        match op {
            Op::Write(w) => {
                if let Some(text) = statement(w, &mut model) {
                    db.execute(&text, &Params::new()).expect("write");
                }
            }
            Op::Transaction(writes, commit) => {
                let mut pending = model.clone();
                let mut tx = db.begin().expect("begin");
                for w in writes {
                    if let Some(text) = statement(w, &mut pending) {
                        tx.execute(&text, &Params::new()).expect("write in transaction");
                    }
                }
                if *commit {
                    tx.commit().expect("commit");
                    model = pending;
                } else {
                    tx.rollback();
                }
            }
            Op::Checkpoint => db.checkpoint().expect("checkpoint"),
            Op::Reopen => {
                drop(db);
                db = open_mem(&disk, Access::ReadWrite).expect("reopen");
            }
            Op::Crash(d) => {
                std::mem::forget(db); // no clean close: the power goes
                disk.crash(Damage::ALL[*d]);
                db = open_mem(&disk, Access::ReadWrite).expect("reopen after a crash");
            }
        }
        prop_assert_eq!(dump(&db), model.clone(), "after op {} ({:?})", i, op);
    }
    Ok(())
}

proptest! {
    #![proptest_config(ProptestConfig { cases: crate::common::count_from_env("PROPTEST_CASES", 1000) as u32, ..ProptestConfig::default() })]

    #[test]
    fn random_operations_never_diverge_from_the_model(ops in proptest::collection::vec(op(), 1..24)) {
        run(&ops)?;
    }
}
