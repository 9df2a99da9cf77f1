//! Corrupt and hostile files: thousands of mutated snapshot and log files (bit flips, byte
//! runs, truncation at every length, header fields at 0 and max), each with stale and with
//! recomputed checksums. Opening must never panic: it succeeds (the mutation left a valid
//! database, e.g. a torn log tail) or fails with a typed storage error. And a file declaring a
//! 1 GiB length, opened under a 256 MiB address-space limit, is a clean error.
//!
//! `DEMARCHE_CORRUPT_ROUNDS=10` multiplies the random mutations.

use crate::common::{Rng, child, count_from_env, dump, open_mem};
use crate::power_loss::{Step, WORKLOAD, run_step};
use demarche::backends::{Access, MemBackend};
use demarche::{Database, Error, Params, StorageError};
use std::collections::BTreeMap;
use std::panic::{AssertUnwindSafe, catch_unwind};
use std::path::Path;

const SNAPSHOT_HEADER: usize = 44;
const WAL_HEADER: usize = 16;

/// A database with a snapshot and a log of several records: (snapshot bytes, log bytes).
fn base_files() -> (Vec<u8>, Vec<u8>) {
    let disk = MemBackend::new();
    let db = open_mem(&disk, Access::ReadWrite).expect("open");
    for step in WORKLOAD {
        run_step(&db, step).expect("workload");
    }
    for step in [
        Step::Commit("CREATE (:N {k: 100, v: 1})-[:R {w: 'x'}]->(:M {name: 'm', d: date('2021-04')})"),
        Step::Commit("CREATE INDEX FOR (n:N) ON (n.k)"),
        Step::Commit("MATCH (n:N {k: 100}) SET n.v = 2, n.tags = ['a', 'b']"),
    ] {
        run_step(&db, &step).expect("workload");
    }
    let files =
        (disk.contents(Path::new("db")).expect("snapshot"), disk.contents(Path::new("db-wal")).expect("log"));
    std::mem::forget(db);
    files
}

fn put(bytes: &mut [u8], at: usize, field: &[u8]) {
    if at + field.len() <= bytes.len() {
        bytes[at..at + field.len()].copy_from_slice(field);
    }
}

/// Makes the snapshot's length field and both checksums agree with its bytes.
fn fix_snapshot(bytes: &mut [u8]) {
    if bytes.len() < SNAPSHOT_HEADER {
        return;
    }
    let payload_len = (bytes.len() - SNAPSHOT_HEADER) as u64;
    put(bytes, 28, &payload_len.to_le_bytes());
    let crc = crc32fast::hash(&bytes[SNAPSHOT_HEADER..]);
    put(bytes, 36, &crc.to_le_bytes());
    let crc = crc32fast::hash(&bytes[..40]);
    put(bytes, 40, &crc.to_le_bytes());
}

/// Makes the log header's checksum and each complete record's checksum agree with the bytes.
fn fix_wal(bytes: &mut [u8]) {
    if bytes.len() < WAL_HEADER {
        return;
    }
    let crc = crc32fast::hash(&bytes[..12]);
    put(bytes, 12, &crc.to_le_bytes());
    let mut at = WAL_HEADER;
    while at + 16 <= bytes.len() {
        let len = u32::from_le_bytes(bytes[at..at + 4].try_into().expect("4 bytes")) as usize;
        let Some(end) = (at + 16).checked_add(len).filter(|end| *end <= bytes.len()) else { break };
        let crc = crc32fast::hash(&bytes[at + 8..end]);
        put(bytes, at + 4, &crc.to_le_bytes());
        at = end;
    }
}

/// Offsets of the log's records, for header-field mutations.
fn wal_records(bytes: &[u8]) -> Vec<usize> {
    let mut out = Vec::new();
    let mut at = WAL_HEADER;
    while at + 16 <= bytes.len() {
        out.push(at);
        at += 16 + u32::from_le_bytes(bytes[at..at + 4].try_into().expect("4 bytes")) as usize;
    }
    out
}

/// Every mutation of `base`: truncations at every length, header fields at 0 and max, and
/// `rounds` x (1,300 bit flips + 900 byte runs).
fn mutations(base: &[u8], fields: &[(usize, usize)], rng: &mut Rng, rounds: u64) -> Vec<Vec<u8>> {
    let mut out: Vec<Vec<u8>> = (0..base.len()).map(|n| base[..n].to_vec()).collect();
    for &(at, size) in fields {
        for fill in [0u8, 0xff] {
            let mut m = base.to_vec();
            put(&mut m, at, &vec![fill; size]);
            out.push(m);
        }
    }
    for _ in 0..rounds * 1300 {
        let mut m = base.to_vec();
        for _ in 0..=rng.below(3) {
            let bit = rng.below(m.len() as u64 * 8) as usize;
            m[bit / 8] ^= 1 << (bit % 8);
        }
        out.push(m);
    }
    for _ in 0..rounds * 900 {
        let mut m = base.to_vec();
        let start = rng.below(m.len() as u64) as usize;
        let len = (1 + rng.below(32) as usize).min(m.len() - start);
        let fill = match rng.below(3) {
            0 => 0,
            1 => 0xff,
            _ => rng.next() as u8,
        };
        m[start..start + len].fill(fill);
        out.push(m);
    }
    out
}

/// Opens a database made of these two files; the outcome's name, or the panic.
fn outcome(snapshot: &[u8], wal: &[u8]) -> Result<String, String> {
    let disk = MemBackend::new();
    disk.set_contents(Path::new("db"), snapshot);
    disk.set_contents(Path::new("db-wal"), wal);
    let result = catch_unwind(AssertUnwindSafe(|| match open_mem(&disk, Access::ReadWrite) {
        Ok(db) => {
            // What opened must also be usable.
            let _ = db.query("MATCH (n) OPTIONAL MATCH (n)-[r]->() RETURN n, r", &Params::new());
            db.execute("CREATE (:Probe)", &Params::new()).map_err(|e| format!("write after open: {e}"))?;
            Ok("opened".to_owned())
        }
        Err(Error::Storage(e @ StorageError::Io { .. })) => Err(format!("untyped I/O error: {e}")),
        Err(Error::Storage(e)) => Ok(format!("{e:?}").split([' ', '{', '(']).next().unwrap_or("").to_owned()),
        Err(other) => Err(format!("not a storage error: {other}")),
    }));
    match result {
        Ok(r) => r,
        Err(_) => Err("panic".to_owned()),
    }
}

#[test]
fn ten_thousand_mutated_files_open_or_fail_with_a_typed_error() {
    let (snapshot, wal) = base_files();
    assert!(wal_records(&wal).len() >= 3, "the log should hold several records");
    let rounds = count_from_env("DEMARCHE_CORRUPT_ROUNDS", 1);
    let mut rng = Rng(0xc0ff_ee00_1234_5678);
    let snapshot_fields = [(8, 4), (12, 8), (20, 8), (28, 8), (36, 4), (40, 4)];
    let mut wal_fields = vec![(8, 4), (12, 4)];
    for at in wal_records(&wal) {
        wal_fields.extend([(at, 4), (at + 4, 4), (at + 8, 8)]);
    }
    let mut tally: BTreeMap<String, u64> = BTreeMap::new();
    let mut failures = Vec::new();
    let mut total = 0u64;
    for (which, base, fields) in
        [("snapshot", &snapshot, &snapshot_fields[..]), ("log", &wal, &wal_fields[..])]
    {
        for mutated in mutations(base, fields, &mut rng, rounds) {
            for recompute in [false, true] {
                let mut bytes = mutated.clone();
                if recompute {
                    match which {
                        "snapshot" => fix_snapshot(&mut bytes),
                        _ => fix_wal(&mut bytes),
                    }
                }
                let (s, w) = if which == "snapshot" { (&bytes, &wal) } else { (&snapshot, &bytes) };
                total += 1;
                match outcome(s, w) {
                    Ok(kind) => *tally.entry(format!("{which}: {kind}")).or_default() += 1,
                    Err(why) => failures.push(format!("{which} (recomputed: {recompute}): {why}")),
                }
            }
        }
    }
    eprintln!("corrupt files: {total} mutated files, {} failures; outcomes {tally:?}", failures.len());
    assert!(total >= 10_000, "only {total} mutated files");
    assert!(
        failures.is_empty(),
        "{} of {total} failed, first: {:?}",
        failures.len(),
        &failures[..failures.len().min(5)]
    );
    assert!(tally.keys().any(|k| k.contains("Corrupt")), "mutations should be detected: {tally:?}");
}

#[test]
fn the_golden_mutation_base_is_sound() {
    let (snapshot, wal) = base_files();
    assert_eq!(outcome(&snapshot, &wal), Ok("opened".to_owned()));
    let disk = MemBackend::new();
    disk.set_contents(Path::new("db"), &snapshot);
    disk.set_contents(Path::new("db-wal"), &wal);
    let db = open_mem(&disk, Access::ReadOnly).expect("open");
    assert_eq!(dump(&db).get(&100), Some(&2));
}

const HUGE_ENV: &str = "DEMARCHE_HUGE_DIR";

/// Child, run under `ulimit -v 262144`: opens files declaring 1 GiB and prints each outcome.
#[test]
fn huge_length_child() {
    let Ok(dir) = std::env::var(HUGE_ENV) else { return };
    let dir = Path::new(&dir);
    let limited = Vec::<u8>::new().try_reserve_exact(512 << 20).is_err();
    println!("limit effective: {limited}");
    for name in ["declares.db", "sparse.db", "record.db"] {
        match Database::open_read_only(dir.join(name)) {
            Ok(db) => println!("{name}: opened with {:?}", db.counts().expect("counts")),
            Err(e) => println!("{name}: error: {e}"),
        }
    }
}

fn snapshot_header(payload_len: u64, payload_crc: u32) -> Vec<u8> {
    let mut h = b"DEMARCHE".to_vec();
    h.extend_from_slice(&demarche::FORMAT_VERSION.to_le_bytes());
    h.extend_from_slice(&1u64.to_le_bytes());
    h.extend_from_slice(&0u64.to_le_bytes());
    h.extend_from_slice(&payload_len.to_le_bytes());
    h.extend_from_slice(&payload_crc.to_le_bytes());
    let crc = crc32fast::hash(&h);
    h.extend_from_slice(&crc.to_le_bytes());
    h
}

#[test]
fn a_file_declaring_one_gib_under_a_256_mib_address_space_limit_is_a_clean_error() {
    const GIB: u64 = 1 << 30;
    let dir = tempfile::tempdir().expect("tempdir");
    // A small file whose valid header declares a 1 GiB payload.
    let mut small = snapshot_header(GIB, 0);
    small.extend_from_slice(&[7; 100]);
    std::fs::write(dir.path().join("declares.db"), &small).expect("write");
    // A (sparse) file really 1 GiB long, its header agreeing. It cannot fit in memory; the
    // snapshot is streamed, so the open reads it through and finds the checksum wrong.
    let sparse = dir.path().join("sparse.db");
    std::fs::write(&sparse, snapshot_header(GIB, 0)).expect("write");
    std::fs::OpenOptions::new().write(true).open(&sparse).expect("open").set_len(44 + GIB).expect("grow");
    // A log whose only record declares 1 GiB of payload.
    let mut wal = b"DMRCHWAL".to_vec();
    wal.extend_from_slice(&demarche::FORMAT_VERSION.to_le_bytes());
    let crc = crc32fast::hash(&wal);
    wal.extend_from_slice(&crc.to_le_bytes());
    wal.extend_from_slice(&(GIB as u32).to_le_bytes());
    wal.extend_from_slice(&[0; 40]);
    std::fs::write(dir.path().join("record.db-wal"), &wal).expect("write");

    let exe = std::env::current_exe().expect("exe");
    let cmd = child("corrupt::huge_length_child", (HUGE_ENV, dir.path().to_str().expect("utf-8")));
    let script = r#"ulimit -v 262144 && exec "$0" "$@""#;
    let mut sh = std::process::Command::new("sh");
    sh.arg("-c")
        .arg(script)
        .arg(exe)
        .args(cmd.get_args())
        .envs(cmd.get_envs().filter_map(|(k, v)| Some((k, v?))));
    sh.env("MALLOC_ARENA_MAX", "2");
    let out = sh.output().expect("run the child under ulimit");
    let text = String::from_utf8_lossy(&out.stdout);
    assert!(out.status.success(), "the child must exit cleanly, not abort: {:?}\n{text}", out.status);
    assert!(text.contains("limit effective: true"), "the address-space limit did not apply:\n{text}");
    assert!(
        text.contains("declares.db: error:") && text.contains("header declares 1073741824 payload bytes"),
        "{text}"
    );
    assert!(text.contains("sparse.db: error:") && text.contains("payload checksum mismatch"), "{text}");
    assert!(
        text.contains("record.db: opened with (0, 0)"),
        "a 1 GiB record length in a short log is a torn tail: {text}"
    );
    eprintln!("{text}");
}
