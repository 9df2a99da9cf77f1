//! Crash safety and hostile input (issue #6): one integration binary, run by `cargo test`.
//!
//! Modules: `power_loss` (a crash after every I/O operation, with damage variants), `io_errors`
//! (fail the Nth operation once or for ever), `model` (proptest sequences against a plain
//! model), `process` (SIGKILL loop over a real file), `locking`, `corrupt` (mutated files, the
//! 1 GiB length under an address-space limit), `limits` (deep nesting, huge queries, dense
//! variable-length matches) and `golden` (committed files of the current format). Longer runs
//! are behind environment variables, documented in `docs/durability.md`.

#[path = "crash/common.rs"]
mod common;
#[path = "crash/corrupt.rs"]
mod corrupt;
#[path = "crash/golden.rs"]
mod golden;
#[path = "crash/io_errors.rs"]
mod io_errors;
#[path = "crash/limits.rs"]
mod limits;
#[path = "crash/locking.rs"]
mod locking;
#[path = "crash/model.rs"]
mod model;
#[path = "crash/power_loss.rs"]
mod power_loss;
#[path = "crash/process.rs"]
mod process;
