//! Process crashes: this test binary re-executes itself as a child that commits transactions to
//! a real database file and prints each acknowledgement; the parent SIGKILLs it at a random
//! moment, then reopens. 0 acknowledged commits may be lost and every open must succeed.
//!
//! 200 cycles by default; `DEMARCHE_CRASH_CYCLES=10000 cargo test --test crash process::`
//! runs the long version.

use crate::common::{Rng, child, count_from_env};
use demarche::{Database, Params};
use std::io::{BufRead, BufReader, Write};
use std::path::Path;

const CHILD_ENV: &str = "DEMARCHE_CRASH_CHILD_DB";

/// The child: commits `CREATE (:N {k: i})` for i = 0, 1, 2, ... (continuing from what the
/// database holds), with a checkpoint every 7 commits and a three-statement transaction every
/// 5, printing `ack <i>` once each commit has returned. Returns at once unless run as a child.
#[test]
fn commit_forever_child() {
    let Ok(path) = std::env::var(CHILD_ENV) else { return };
    let db = Database::open(&path).expect("the child opens the database");
    let mut next = db.counts().expect("counts").0 as i64;
    let mut out = std::io::stdout().lock();
    writeln!(out, "open {next}").expect("stdout");
    out.flush().expect("stdout");
    loop {
        if next % 5 == 4 {
            let mut tx = db.begin().expect("begin");
            tx.execute(&format!("CREATE (:N {{k: {next}}})"), &Params::new()).expect("create");
            tx.execute("MATCH (n:N) WITH count(n) AS c RETURN c", &Params::new()).expect("read");
            tx.execute(&format!("MATCH (n:N {{k: {next}}}) SET n.twice = {}", next * 2), &Params::new())
                .expect("set");
            tx.commit().expect("commit");
        } else {
            db.execute(&format!("CREATE (:N {{k: {next}, twice: {}}})", next * 2), &Params::new())
                .expect("commit");
        }
        writeln!(out, "ack {next}").expect("stdout");
        out.flush().expect("stdout");
        if next % 7 == 6 {
            db.checkpoint().expect("checkpoint");
        }
        next += 1;
    }
}

/// Checks the database holds exactly the nodes 0..n with n past every acknowledged one.
fn verify(path: &Path, acked: Option<i64>, cycle: u64) -> i64 {
    let db = Database::open_read_only(path)
        .unwrap_or_else(|e| panic!("cycle {cycle}: open after SIGKILL failed: {e}"));
    let rows =
        db.query("MATCH (n:N) RETURN n.k AS k, n.twice AS t ORDER BY k", &Params::new()).expect("query");
    let mut count = 0;
    for (i, row) in rows.iter().enumerate() {
        let k: i64 = row.get("k").expect("k");
        assert_eq!(k, i as i64, "cycle {cycle}: node keys must run 0..n without holes");
        assert_eq!(row.get::<i64>("t").expect("t"), 2 * k, "cycle {cycle}: transaction {k} is partial");
        count += 1;
    }
    if let Some(acked) = acked {
        assert!(count > acked, "cycle {cycle}: commit {acked} was acknowledged but is lost ({count} nodes)");
    }
    count
}

#[test]
fn sigkill_at_random_moments_loses_no_acknowledged_commit() {
    let cycles = count_from_env("DEMARCHE_CRASH_CYCLES", 200);
    let dir = tempfile::tempdir().expect("tempdir");
    let path = dir.path().join("crash.db");
    let mut rng = Rng(0x5eed_0fc4_a5a5);
    let mut max_acked: Option<i64> = None;
    let (mut kills, mut acks) = (0u64, 0u64);
    for cycle in 0..cycles {
        let mut proc =
            child("process::commit_forever_child", (CHILD_ENV, path.to_str().expect("utf-8 path")))
                .spawn()
                .expect("spawn the child");
        let stdout = proc.stdout.take().expect("piped stdout");
        let mut lines = BufReader::new(stdout).lines();
        // Kill after a random number of acknowledgements (0: during open and recovery), and
        // after reading one more line or not, so the kill lands at varied points of a commit.
        let wait_for = rng.below(12) as i64;
        let mut seen = -1;
        while seen < wait_for {
            let Some(Ok(line)) = lines.next() else { break };
            if let Some(n) = line.strip_prefix("ack ") {
                let n: i64 = n.parse().expect("ack number");
                max_acked = max_acked.max(Some(n));
                acks += 1;
            }
            seen += 1;
        }
        proc.kill().expect("SIGKILL the child");
        // Acknowledgements printed before the kill landed count too.
        for line in lines.map_while(Result::ok) {
            if let Some(n) = line.strip_prefix("ack ") {
                max_acked = max_acked.max(Some(n.parse().expect("ack number")));
                acks += 1;
            }
        }
        let status = proc.wait().expect("wait for the child");
        assert!(status.code().is_none() || status.success(), "cycle {cycle}: child failed: {status:?}");
        kills += 1;
        verify(&path, max_acked, cycle);
    }
    eprintln!("process crashes: {kills} SIGKILL cycles, {acks} acknowledged commits, 0 lost, 0 failed opens");
}
