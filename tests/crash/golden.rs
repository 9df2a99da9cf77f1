//! Compatibility: database files of the current format (version 1), committed under
//! `tests/golden/`, must keep opening with the same contents; a file of a newer format version
//! gets a clear error. `DEMARCHE_WRITE_GOLDEN=1 cargo test --test crash golden::` rewrites the
//! files (only when the format changes on purpose, with a new version number).

use crate::common::open_mem;
use demarche::backends::{Access, MemBackend};
use demarche::{Error, Params, StorageError, Value};
use std::path::{Path, PathBuf};

fn golden_dir() -> PathBuf {
    Path::new(env!("CARGO_MANIFEST_DIR")).join("tests/golden")
}

/// The golden database: a snapshot holding the first part, a log holding the rest.
const SNAPSHOT_PART: &str = "CREATE (r:Country {name: 'Russia', aliases: ['RU', 'Russian Federation']}), \
    (u:Country {name: 'United States', founded: 1776, area: 9.83e6}), \
    (e:Event {name: 'Expulsion of 10 diplomats', date: date('2021-04-15'), month: date('2021-04'), ok: true}), \
    (e)-[:INVOLVES {role: 'expelling'}]->(u), (e)-[:INVOLVES {role: 'expelled', count: 10}]->(r)";
const LOG_PART: &[&str] = &[
    "CREATE INDEX FOR (c:Country) ON (c.name)",
    "CREATE (:Event {name: 'Response', date: date('2021-04-16'), note: null, tags: ['a', 'é']})",
    "MATCH (a:Event {name: 'Response'}), (b:Event {name: 'Expulsion of 10 diplomats'}) CREATE (a)-[:RESPONDS_TO]->(b)",
    "MATCH (u:Country {name: 'United States'}) SET u.founded = 1789 REMOVE u.area",
];

#[test]
fn write_golden_files() {
    if std::env::var("DEMARCHE_WRITE_GOLDEN").is_err() {
        return;
    }
    let disk = MemBackend::new();
    let db = open_mem(&disk, Access::ReadWrite).expect("open");
    db.execute(SNAPSHOT_PART, &Params::new()).expect("snapshot part");
    db.checkpoint().expect("checkpoint");
    for text in LOG_PART {
        db.execute(text, &Params::new()).expect("log part");
    }
    std::fs::create_dir_all(golden_dir()).expect("dir");
    std::fs::write(golden_dir().join("v1.db"), disk.contents(Path::new("db")).expect("snapshot"))
        .expect("write");
    std::fs::write(golden_dir().join("v1.db-wal"), disk.contents(Path::new("db-wal")).expect("log"))
        .expect("write");
    std::mem::forget(db); // keep the log: the golden pair must have both parts
}

fn golden_disk() -> MemBackend {
    let disk = MemBackend::new();
    for (file, name) in [("v1.db", "db"), ("v1.db-wal", "db-wal")] {
        let bytes = std::fs::read(golden_dir().join(file)).expect("golden file");
        disk.set_contents(Path::new(name), &bytes);
    }
    disk
}

fn one(db: &demarche::Database, text: &str) -> Value {
    let rows = db.query(text, &Params::new()).expect(text);
    let row = rows.iter().next().expect("one row");
    row.get::<&Value>("x").expect("x").clone()
}

#[test]
fn golden_version_1_files_open_with_their_contents() {
    let disk = golden_disk();
    let db = open_mem(&disk, Access::ReadOnly).expect("golden files open");
    assert_eq!(db.counts().expect("counts"), (4, 3));
    assert_eq!(one(&db, "MATCH (c:Country {name: 'United States'}) RETURN c.founded AS x"), Value::Int(1789));
    assert_eq!(one(&db, "MATCH (c:Country {name: 'United States'}) RETURN c.area AS x"), Value::Null);
    assert_eq!(
        one(&db, "MATCH (c:Country {name: 'Russia'}) RETURN c.aliases AS x"),
        Value::List(vec!["RU".into(), "Russian Federation".into()])
    );
    assert_eq!(
        one(
            &db,
            "MATCH (e:Event {name: 'Expulsion of 10 diplomats'}) RETURN toString(e.month) + ' ' + toString(e.date) AS x"
        ),
        Value::from("2021-04 2021-04-15")
    );
    assert_eq!(
        one(
            &db,
            "MATCH (:Event)-[r:INVOLVES {role: 'expelled'}]->(c) RETURN c.name + ':' + toString(r.count) AS x"
        ),
        Value::from("Russia:10")
    );
    assert_eq!(
        one(&db, "MATCH (a)-[:RESPONDS_TO]->(b) RETURN a.tags AS x"),
        Value::List(vec!["a".into(), "é".into()])
    );
    let schema = db.schema().expect("schema");
    assert_eq!(schema.indexes, vec![("Country".to_owned(), "name".to_owned())]);
}

#[test]
fn a_newer_format_version_is_a_clear_error() {
    let disk = golden_disk();
    let mut snapshot = disk.contents(Path::new("db")).expect("snapshot");
    snapshot[8..12].copy_from_slice(&(demarche::FORMAT_VERSION + 1).to_le_bytes());
    let crc = crc32fast::hash(&snapshot[..40]);
    snapshot[40..44].copy_from_slice(&crc.to_le_bytes());
    disk.set_contents(Path::new("db"), &snapshot);
    let err = open_mem(&disk, Access::ReadOnly).err().expect("a newer snapshot is refused");
    assert!(matches!(err, Error::Storage(StorageError::NewerFormat { found: 2, supported: 1, .. })), "{err}");
    assert!(err.to_string().contains("format version 2; this build reads up to version 1"), "{err}");

    let disk = golden_disk();
    let mut wal = disk.contents(Path::new("db-wal")).expect("log");
    wal[8..12].copy_from_slice(&(demarche::FORMAT_VERSION + 1).to_le_bytes());
    let crc = crc32fast::hash(&wal[..12]);
    wal[12..16].copy_from_slice(&crc.to_le_bytes());
    disk.set_contents(Path::new("db-wal"), &wal);
    let err = open_mem(&disk, Access::ReadWrite).err().expect("a newer log is refused");
    assert!(matches!(err, Error::Storage(StorageError::NewerFormat { found: 2, .. })), "{err}");
    assert_eq!(
        disk.contents(Path::new("db-wal")).as_deref(),
        Some(&wal[..]),
        "the refused file is untouched"
    );
}
