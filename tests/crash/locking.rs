//! Locking: a second writer gets the locked error at once, in this process or another; a
//! read-only open beside a writer sees the last committed state; after the holder is SIGKILLed
//! the next open succeeds.

use crate::common::child;
use demarche::{Database, Error, Params, StorageError};
use std::io::{BufRead, BufReader};

const HOLDER_ENV: &str = "DEMARCHE_LOCK_HOLDER_DB";

fn names(db: &Database) -> Vec<String> {
    let rows = db.query("MATCH (n:N) RETURN n.name AS name ORDER BY name", &Params::new()).expect("query");
    rows.iter().map(|r| r.get::<String>("name").expect("name")).collect()
}

#[test]
fn a_second_writer_in_this_process_is_locked_out() {
    let dir = tempfile::tempdir().expect("tempdir");
    let path = dir.path().join("db");
    let _writer = Database::open(&path).expect("first writer");
    let err = Database::open(&path).err().expect("a second writer must be refused");
    assert!(matches!(err, Error::Storage(StorageError::Locked { .. })), "{err}");
    assert!(err.to_string().contains("database is locked"), "{err}");
}

#[test]
fn a_reader_beside_a_writer_sees_the_last_committed_state() {
    let dir = tempfile::tempdir().expect("tempdir");
    let path = dir.path().join("db");
    let writer = Database::open(&path).expect("writer");
    writer.execute("CREATE (:N {name: 'a'})", &Params::new()).expect("commit");
    writer.checkpoint().expect("checkpoint");
    writer.execute("CREATE (:N {name: 'b'})", &Params::new()).expect("commit");
    let mut open_tx = writer.begin().expect("begin");
    open_tx.execute("CREATE (:N {name: 'uncommitted'})", &Params::new()).expect("in transaction");
    let reader = Database::open_read_only(&path).expect("a reader opens beside the writer");
    assert_eq!(names(&reader), ["a", "b"], "snapshot + log, nothing uncommitted");
    open_tx.rollback();
    writer.checkpoint().expect("checkpoint");
    writer.execute("CREATE (:N {name: 'c'})", &Params::new()).expect("commit");
    let later = Database::open_read_only(&path).expect("reader after a checkpoint");
    assert_eq!(names(&later), ["a", "b", "c"]);
    assert_eq!(names(&reader), ["a", "b"], "a reader keeps the state it opened");
    assert!(reader.execute("CREATE (:N)", &Params::new()).is_err(), "readers never write");
}

/// Child: opens the database, says so, then waits (holding the lock) until killed.
#[test]
fn hold_lock_child() {
    let Ok(path) = std::env::var(HOLDER_ENV) else { return };
    let db = Database::open(&path).expect("the holder opens");
    db.execute("CREATE (:N {name: 'from the holder'})", &Params::new()).expect("commit");
    println!("holding");
    let mut line = String::new();
    let _ = std::io::stdin().read_line(&mut line); // blocks until the parent kills us
}

#[test]
fn another_process_is_locked_out_until_it_is_killed() {
    let dir = tempfile::tempdir().expect("tempdir");
    let path = dir.path().join("db");
    let mut holder = child("locking::hold_lock_child", (HOLDER_ENV, path.to_str().expect("utf-8")))
        .spawn()
        .expect("spawn");
    let mut lines = BufReader::new(holder.stdout.take().expect("stdout")).lines();
    let first = lines.find(|l| l.as_ref().is_ok_and(|l| l == "holding"));
    assert!(first.is_some(), "the holder should report it holds the database");
    let err = Database::open(&path).err().expect("locked while the other process holds it");
    assert!(matches!(err, Error::Storage(StorageError::Locked { .. })), "{err}");
    let reader = Database::open_read_only(&path).expect("a reader opens beside the other process");
    assert_eq!(names(&reader), ["from the holder"]);
    holder.kill().expect("SIGKILL the holder");
    holder.wait().expect("reap");
    let db = Database::open(&path).expect("the next open after SIGKILL succeeds");
    assert_eq!(names(&db), ["from the holder"]);
}
