//! I/O errors: fail the Nth operation of the workload, once and for ever, for every N. No
//! panic; the call returns an error; after a failed write or sync the handle refuses further
//! writes; reopening yields the last acknowledged state.

use crate::common::{dump, open_mem};
use crate::power_loss::{WORKLOAD, expected_states, run_step, total_steps};
use demarche::backends::{Access, Damage, Fault, MemBackend};
use demarche::{Error, Params, StorageError};

#[test]
fn failing_the_nth_operation_once_or_forever_loses_no_acknowledged_commit() {
    let states = expected_states();
    let total = total_steps();
    let mut runs = 0;
    for fault in [Fault::Once, Fault::Forever] {
        for n in 0..total {
            let disk = MemBackend::new();
            disk.fail_at(n, fault);
            let op = || disk.ops().get(n as usize).copied().unwrap_or("?");
            let mut acked = 0; // index into `states` of the last acknowledged state
            let mut errors = 0;
            match open_mem(&disk, Access::ReadWrite) {
                Err(e) => {
                    assert!(matches!(e, Error::Storage(_)), "step {n} ({}): {e}", op());
                    errors += 1;
                }
                Ok(db) => {
                    let mut failed = false;
                    for (i, step) in WORKLOAD.iter().enumerate() {
                        match run_step(&db, step) {
                            // After a failure only a statement that changes nothing (and so
                            // writes nothing) may succeed.
                            Ok(()) if failed => assert_eq!(dump(&db), states[acked], "step {n} ({})", op()),
                            Ok(()) => acked = i + 1,
                            Err(e) => {
                                assert!(matches!(e, Error::Storage(_)), "step {n} ({}): {e}", op());
                                if failed {
                                    assert!(
                                        matches!(e, Error::Storage(StorageError::Poisoned { .. })),
                                        "step {n} ({}): later writes must be refused as poisoned: {e}",
                                        op()
                                    );
                                }
                                failed = true;
                                errors += 1;
                            }
                        }
                        // Reads always answer, with the last acknowledged state.
                        assert_eq!(dump(&db), states[acked], "step {n} ({}): memory after an error", op());
                    }
                    std::mem::forget(db);
                }
            }
            assert!(errors > 0, "failing step {n} ({}) must surface as an error", op());
            // A process restart keeps every byte written; a failure that reached the disk was
            // taken back, or the disk is dead and only power loss tells what is durable.
            let damage = if fault == Fault::Once { Damage::ProcessKill } else { Damage::DropUnsynced };
            disk.crash(damage);
            let db = open_mem(&disk, Access::ReadWrite)
                .unwrap_or_else(|e| panic!("step {n} ({}) {fault:?}: reopen failed: {e}", op()));
            assert_eq!(dump(&db), states[acked], "step {n} ({}) {fault:?}: reopened state", op());
            db.execute("CREATE (:N {k: 999, v: 0})", &Params::new()).expect("writes after reopening");
            runs += 1;
        }
    }
    eprintln!("I/O errors: {runs} runs ({total} operations x once/forever), 0 failures");
}
