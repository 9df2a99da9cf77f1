//! Helpers shared by the crash tests: a small deterministic RNG, the graph as a plain map,
//! re-executing this test binary as a child, and an environment-variable count.

use demarche::backends::{Access, MemBackend};
use demarche::{Database, Error, Params};
use std::collections::BTreeMap;
use std::process::{Command, Stdio};
use std::sync::Arc;

/// Xorshift: reproducible randomness without a dependency.
pub struct Rng(pub u64);

impl Rng {
    /// The next 64 random bits.
    pub fn next(&mut self) -> u64 {
        let mut x = self.0.max(1);
        x ^= x << 13;
        x ^= x >> 7;
        x ^= x << 17;
        self.0 = x;
        x
    }

    /// A number in `0..n` (`n` > 0).
    pub fn below(&mut self, n: u64) -> u64 {
        self.next() % n
    }
}

/// `:N` nodes as `k -> v`, the whole observable state of the workloads here.
pub type State = BTreeMap<i64, i64>;

/// Reads the `:N` nodes of a database.
pub fn dump(db: &Database) -> State {
    let rows = db.query("MATCH (n:N) RETURN n.k AS k, n.v AS v", &Params::new()).expect("dump query");
    rows.iter().map(|r| (r.get::<i64>("k").expect("k"), r.get::<i64>("v").expect("v"))).collect()
}

/// Opens `db` on a simulated disk.
pub fn open_mem(disk: &MemBackend, access: Access) -> Result<Database, Error> {
    Database::open_on(Arc::new(disk.clone()), "db", access)
}

/// The count in environment variable `name`, else `default`.
pub fn count_from_env(name: &str, default: u64) -> u64 {
    std::env::var(name).ok().and_then(|v| v.parse().ok()).unwrap_or(default)
}

/// A command re-running this test binary for the single test `name`, with `env` set so that
/// test acts as a child instead of returning at once.
pub fn child(name: &str, env: (&str, &str)) -> Command {
    let mut cmd = Command::new(std::env::current_exe().expect("test binary path"));
    cmd.args(["--exact", name, "--nocapture", "--test-threads=1", "--quiet"])
        .env(env.0, env.1)
        .stdin(Stdio::piped())
        .stdout(Stdio::piped())
        .stderr(Stdio::inherit());
    cmd
}
