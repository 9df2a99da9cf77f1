//! Power loss after every I/O operation of a scripted workload of commits and checkpoints, with
//! each damage variant: every crash point must reopen to exactly the state before or after the
//! operation that was interrupted.

use crate::common::{State, dump, open_mem};
use demarche::backends::{Access, Damage, Fault, MemBackend};
use demarche::{Database, Error, Params};

/// One step of the scripted workload.
pub enum Step {
    /// A statement committed on its own.
    Commit(&'static str),
    /// Statements committed as one explicit transaction.
    Transaction(&'static [&'static str]),
    /// A checkpoint (snapshot + log reset).
    Checkpoint,
}

/// Creates, updates, deletes, a multi-statement transaction and checkpoints in between, so
/// crash points fall in appends, snapshot writes, renames and log resets.
pub const WORKLOAD: &[Step] = &[
    Step::Commit("CREATE (:N {k: 0, v: 0})"),
    Step::Commit("CREATE (:N {k: 1, v: 0}), (:N {k: 2, v: 0})"),
    Step::Checkpoint,
    Step::Commit("MATCH (n:N {k: 1}) SET n.v = 7"),
    Step::Transaction(&["CREATE (:N {k: 3, v: 3})", "MATCH (n:N {k: 0}) DELETE n"]),
    Step::Commit("CREATE (:N {k: 4, v: 4})"),
    Step::Checkpoint,
    Step::Commit("MATCH (n:N {k: 2}) SET n.v = 9"),
    Step::Commit("UNWIND range(5, 40) AS i CREATE (:N {k: i, v: i * 2})"),
    Step::Checkpoint,
    Step::Commit("MATCH (n:N) WHERE n.k > 30 DELETE n"),
];

/// The state after each step: `states[0]` is the empty database.
pub fn expected_states() -> Vec<State> {
    let disk = MemBackend::new();
    let db = open_mem(&disk, Access::ReadWrite).expect("open");
    let mut states = vec![dump(&db)];
    for step in WORKLOAD {
        run_step(&db, step).expect("the workload runs on a healthy disk");
        states.push(dump(&db));
    }
    states
}

/// Runs one step.
pub fn run_step(db: &Database, step: &Step) -> Result<(), Error> {
    match step {
        Step::Commit(text) => db.execute(text, &Params::new()).map(drop),
        Step::Transaction(texts) => {
            let mut tx = db.begin()?;
            for text in *texts {
                tx.execute(text, &Params::new())?;
            }
            tx.commit()
        }
        Step::Checkpoint => db.checkpoint(),
    }
}

/// Runs the whole workload, closing with a checkpoint so no I/O is left to `Drop`; returns how
/// many steps succeeded before the first failure.
fn run_until_failure(disk: &MemBackend) -> usize {
    let Ok(db) = open_mem(disk, Access::ReadWrite) else { return 0 };
    let mut done = 0;
    for step in WORKLOAD {
        if run_step(&db, step).is_err() {
            std::mem::forget(db); // the power is gone: nothing more reaches the disk
            return done;
        }
        done += 1;
    }
    std::mem::forget(db);
    done
}

/// The number of I/O operations of a whole healthy run.
pub fn total_steps() -> u64 {
    let disk = MemBackend::new();
    assert_eq!(run_until_failure(&disk), WORKLOAD.len());
    disk.steps()
}

#[test]
fn every_crash_point_reopens_to_the_state_before_or_after_the_interrupted_step() {
    let states = expected_states();
    let total = total_steps();
    assert!(total > 40, "the workload should have many crash points, has {total}");
    let mut points = 0;
    for damage in Damage::ALL {
        for crash_at in 0..=total {
            let disk = MemBackend::new();
            disk.fail_at(crash_at, Fault::Forever);
            let done = run_until_failure(&disk);
            let op = disk.ops().get(crash_at as usize).copied().unwrap_or("end");
            disk.crash(damage);
            let db = open_mem(&disk, Access::ReadWrite).unwrap_or_else(|e| {
                panic!("crash at step {crash_at} ({op}) with {damage:?}: reopen failed: {e}")
            });
            let got = dump(&db);
            let after = states.get(done + 1);
            assert!(
                got == states[done] || after == Some(&got),
                "crash at step {crash_at} ({op}) with {damage:?} after {done} steps: {got:?}"
            );
            // The reopened database takes writes and keeps them.
            db.execute("CREATE (:N {k: 1000, v: 1})", &Params::new()).expect("write after recovery");
            drop(db);
            disk.crash(damage);
            let again = open_mem(&disk, Access::ReadWrite).expect("second reopen");
            assert_eq!(dump(&again).get(&1000), Some(&1), "crash at {crash_at} with {damage:?}");
            points += 1;
        }
    }
    eprintln!(
        "power loss: {points} crash points ({} operations x {} damage variants), 0 failures",
        total + 1,
        Damage::ALL.len()
    );
}
