//! Unit tests of storage: replay, torn tails, corruption, versions, hostile lengths, locks, round trips.

use super::*;
use crate::model::{NodeId, Properties, Value};
use crate::storage::backends::MemBackend;
use std::collections::BTreeMap;
use std::fs::OpenOptions;

type Image = BTreeMap<String, Value>;

fn node(i: u64) -> Vec<Mutation> {
    vec![Mutation::CreateNode { id: NodeId(i), labels: vec!["N".into()], properties: Properties::new() }]
}

fn open(path: &Path) -> Result<(Store, Recovered<Image>), StorageError> {
    Store::open::<Image>(path, Access::ReadWrite)
}

fn commit_n(path: &Path, n: u64) {
    let (mut store, _) = open(path).unwrap();
    for i in 0..n {
        store.commit(&node(i)).unwrap();
    }
}

#[test]
fn commits_come_back_in_order_after_a_drop_without_checkpoint() {
    let dir = tempfile::tempdir().unwrap();
    let path = dir.path().join("db");
    commit_n(&path, 5);
    let (_, rec) = open(&path).unwrap();
    assert!(rec.snapshot.is_none());
    assert_eq!(rec.transactions, (0..5).map(node).collect::<Vec<_>>());
}

#[test]
fn checkpoint_then_more_commits_replays_only_the_later_ones() {
    let dir = tempfile::tempdir().unwrap();
    let path = dir.path().join("db");
    {
        let (mut store, _) = open(&path).unwrap();
        store.commit(&node(0)).unwrap();
        store.checkpoint(&Image::from([("k".to_owned(), Value::Int(1))])).unwrap();
        assert_eq!(store.wal_len(), 0);
        store.commit(&node(1)).unwrap();
    }
    let (_, rec) = open(&path).unwrap();
    assert_eq!(rec.snapshot.unwrap()["k"], Value::Int(1));
    assert_eq!(rec.transactions, vec![node(1)]);
}

#[test]
fn a_torn_tail_is_cut_off_before_the_next_append() {
    let dir = tempfile::tempdir().unwrap();
    let path = dir.path().join("db");
    commit_n(&path, 3);
    let wal = sibling(&path, "-wal");
    let full = std::fs::metadata(&wal).unwrap().len();
    let f = OpenOptions::new().write(true).open(&wal).unwrap();
    f.set_len(full - 3).unwrap();
    drop(f);
    {
        let (mut store, rec) = open(&path).unwrap();
        assert_eq!(rec.transactions.len(), 2);
        assert!(std::fs::metadata(&wal).unwrap().len() < full - 3, "the torn record is truncated on open");
        store.commit(&node(9)).unwrap();
    }
    let (_, rec) = open(&path).unwrap();
    assert_eq!(rec.transactions, vec![node(0), node(1), node(9)]);
}

#[test]
fn a_bad_record_followed_by_good_ones_refuses_to_open_naming_file_and_offset() {
    let dir = tempfile::tempdir().unwrap();
    let path = dir.path().join("db");
    commit_n(&path, 3);
    let wal = sibling(&path, "-wal");
    let mut bytes = std::fs::read(&wal).unwrap();
    let first_record = wal::HEADER_LEN as usize;
    bytes[first_record + 20] ^= 0xff;
    std::fs::write(&wal, &bytes).unwrap();
    let err = open(&path).err().expect("must refuse");
    let text = err.to_string();
    assert!(matches!(err, StorageError::Corrupt { offset, .. } if offset == first_record as u64), "{text}");
    assert!(text.contains("db-wal") && text.contains(&format!("offset {first_record}")), "{text}");
    assert_eq!(std::fs::read(&wal).unwrap(), bytes, "nothing is truncated when refusing");
}

#[test]
fn corrupt_snapshot_header_and_payload_are_distinct_typed_errors() {
    let dir = tempfile::tempdir().unwrap();
    let path = dir.path().join("db");
    {
        let (mut store, _) = open(&path).unwrap();
        store.checkpoint(&Image::from([("k".to_owned(), Value::from("v"))])).unwrap();
    }
    let good = std::fs::read(&path).unwrap();
    let mut header = good.clone();
    header[14] ^= 1;
    std::fs::write(&path, &header).unwrap();
    assert!(matches!(open(&path), Err(StorageError::Corrupt { offset: 0, .. })));
    let mut payload = good.clone();
    let last = payload.len() - 1;
    payload[last] ^= 1;
    std::fs::write(&path, &payload).unwrap();
    let err = open(&path).err().unwrap();
    assert!(
        matches!(err, StorageError::Corrupt { offset, .. } if offset == snapshot::HEADER_LEN as u64),
        "{err}"
    );
    std::fs::write(&path, b"hello, this is not a database at all").unwrap();
    assert!(matches!(open(&path), Err(StorageError::NotADatabase { .. })));
}

#[test]
fn a_newer_format_names_both_versions() {
    let dir = tempfile::tempdir().unwrap();
    let path = dir.path().join("db");
    {
        let (mut store, _) = open(&path).unwrap();
        store.checkpoint(&Image::new()).unwrap();
    }
    let mut bytes = std::fs::read(&path).unwrap();
    bytes[8..12].copy_from_slice(&7u32.to_le_bytes());
    let crc = crc32fast::hash(&bytes[..40]);
    bytes[40..44].copy_from_slice(&crc.to_le_bytes());
    std::fs::write(&path, &bytes).unwrap();
    let text = open(&path).err().unwrap().to_string();
    assert!(
        text.contains("version 7") && text.contains(&format!("up to version {FORMAT_VERSION}")),
        "{text}"
    );
}

#[test]
fn a_tiny_file_claiming_a_huge_length_is_an_error_not_an_allocation() {
    let dir = tempfile::tempdir().unwrap();
    // 13-byte log: valid magic, then a record length of 2^31 with nothing behind it.
    let path = dir.path().join("db");
    let wal = sibling(&path, "-wal");
    let mut bytes = MAGIC_WAL.to_vec();
    bytes.extend_from_slice(&[0xff, 0xff, 0xff, 0x7f, 0]);
    std::fs::write(&wal, &bytes).unwrap();
    let (_, rec) = open(&path).unwrap();
    assert!(rec.transactions.is_empty());
    // Snapshot whose header claims 2^40 payload bytes, with a correct header checksum.
    let mut head = snapshot::MAGIC.to_vec();
    head.extend_from_slice(&1u32.to_le_bytes());
    head.extend_from_slice(&0u64.to_le_bytes());
    head.extend_from_slice(&0u64.to_le_bytes());
    head.extend_from_slice(&(1u64 << 40).to_le_bytes());
    head.extend_from_slice(&0u32.to_le_bytes());
    let crc = crc32fast::hash(&head);
    head.extend_from_slice(&crc.to_le_bytes());
    let other = dir.path().join("db2");
    std::fs::write(&other, &head).unwrap();
    let err = open(&other).err().unwrap();
    assert!(err.to_string().contains("declares"), "{err}");
    std::fs::write(&other, &head[..13]).unwrap();
    assert!(matches!(open(&other), Err(StorageError::Corrupt { .. })));
}

const MAGIC_WAL: &[u8; 8] = wal::MAGIC;

#[test]
fn one_writer_many_readers() {
    let dir = tempfile::tempdir().unwrap();
    let path = dir.path().join("db");
    let mut writer = open(&path).unwrap().0;
    assert!(matches!(open(&path), Err(StorageError::Locked { .. })));
    writer.commit(&node(0)).unwrap();
    let (_, beside) = Store::open::<Image>(&path, Access::ReadOnly).expect("a reader opens beside a writer");
    assert_eq!(beside.transactions, vec![node(0)], "and sees what was committed");
    drop(writer);
    let r1 = Store::open::<Image>(&path, Access::ReadOnly).unwrap();
    let _r2 = Store::open::<Image>(&path, Access::ReadOnly).unwrap();
    assert!(matches!(open(&path), Err(StorageError::Locked { .. })));
    drop(r1);
}

#[test]
fn read_only_on_a_missing_database_is_not_found() {
    let dir = tempfile::tempdir().unwrap();
    assert!(matches!(
        Store::open::<Image>(&dir.path().join("nope"), Access::ReadOnly),
        Err(StorageError::NotFound { .. })
    ));
}

const CHILD_ENV: &str = "DEMARCHE_LOCK_CHILD_PATH";

/// Run in a child process by `a_second_process_is_locked_out`: tries to open and reports.
#[test]
fn lock_child_helper() {
    if let Some(path) = std::env::var_os(CHILD_ENV) {
        let outcome = open(Path::new(&path));
        std::process::exit(match outcome {
            Err(StorageError::Locked { .. }) => 42,
            Err(_) => 2,
            Ok(_) => 0,
        });
    }
}

#[test]
fn a_second_process_is_locked_out() {
    let dir = tempfile::tempdir().unwrap();
    let path = dir.path().join("db");
    let _held = open(&path).unwrap();
    let status = std::process::Command::new(std::env::current_exe().unwrap())
        .args(["--exact", "storage::tests::lock_child_helper", "--nocapture"])
        .env(CHILD_ENV, &path)
        .status()
        .unwrap();
    assert_eq!(status.code(), Some(42), "the child should see the database locked");
}

mod roundtrip {
    use super::*;
    use proptest::prelude::*;

    fn value() -> impl Strategy<Value = Value> {
        let leaf = prop_oneof![
            Just(Value::Null),
            any::<bool>().prop_map(Value::Bool),
            any::<i64>().prop_map(Value::Int),
            any::<f64>().prop_filter("NaN never equals itself", |f| !f.is_nan()).prop_map(Value::Float),
            ".{0,12}".prop_map(|s| Value::String(s.into())),
            (1900i32..2100, 1u8..13, 1u8..29)
                .prop_map(|(y, m, d)| Value::Date(crate::model::Date::day(y, m, d).unwrap())),
        ];
        leaf.prop_recursive(3, 24, 4, |inner| {
            prop_oneof![
                proptest::collection::vec(inner.clone(), 0..4).prop_map(Value::List),
                proptest::collection::btree_map("[a-z]{1,4}", inner, 0..4).prop_map(Value::Map),
            ]
        })
    }

    fn mutation() -> impl Strategy<Value = Mutation> {
        prop_oneof![
            (
                any::<u64>(),
                proptest::collection::vec("[A-Z][a-z]{0,5}", 0..3),
                proptest::collection::btree_map("[a-z]{1,5}", value(), 0..4)
            )
                .prop_map(|(id, labels, properties)| Mutation::CreateNode {
                    id: NodeId(id),
                    labels,
                    properties
                }),
            (any::<u64>(), "[a-z]{1,5}", value()).prop_map(|(id, key, value)| Mutation::SetNodeProperty {
                id: NodeId(id),
                key,
                value
            }),
            any::<u64>().prop_map(|id| Mutation::DeleteNode { id: NodeId(id) }),
        ]
    }

    proptest! {
        #![proptest_config(ProptestConfig::with_cases(32))]
        #[test]
        fn logged_transactions_reopen_identical(txs in proptest::collection::vec(proptest::collection::vec(mutation(), 1..5), 0..8)) {
            let dir = tempfile::tempdir().unwrap();
            let path = dir.path().join("db");
            {
                let (mut store, _) = open(&path).unwrap();
                for tx in &txs {
                    store.commit(tx).unwrap();
                }
            }
            let (_, rec) = open(&path).unwrap();
            prop_assert_eq!(rec.transactions, txs);
        }

        #[test]
        fn snapshots_reopen_identical(image in proptest::collection::btree_map("[a-z]{1,6}", value(), 0..16)) {
            let dir = tempfile::tempdir().unwrap();
            let path = dir.path().join("db");
            {
                let (mut store, _) = open(&path).unwrap();
                store.checkpoint(&image).unwrap();
            }
            let (_, rec) = open(&path).unwrap();
            prop_assert_eq!(rec.snapshot.unwrap(), image);
        }
    }
}

#[test]
fn counters_at_their_maximum_are_corruption_not_an_overflow() {
    for (at, what) in [(12usize, "generation"), (20, "last sequence number")] {
        let disk = MemBackend::new();
        let backend: Arc<dyn Backend> = Arc::new(disk.clone());
        let path = Path::new("db");
        {
            let (mut store, _) =
                Store::open_on::<Image>(Arc::clone(&backend), path, Access::ReadWrite).unwrap();
            store.checkpoint(&Image::new()).unwrap();
        }
        let mut bytes = disk.contents(path).unwrap();
        bytes[at..at + 8].copy_from_slice(&u64::MAX.to_le_bytes());
        let crc = crc32fast::hash(&bytes[..40]);
        bytes[40..44].copy_from_slice(&crc.to_le_bytes());
        disk.set_contents(path, &bytes);
        let err = Store::open_on::<Image>(backend, path, Access::ReadWrite).err().expect(what);
        assert!(matches!(err, StorageError::Corrupt { .. }), "{what}: {err}");
    }
}

#[test]
fn a_leftover_snapshot_temp_file_is_removed_on_open() {
    let disk = MemBackend::new();
    let backend: Arc<dyn Backend> = Arc::new(disk.clone());
    let tmp = snapshot::temp_path(Path::new("db"));
    disk.set_contents(&tmp, b"half a snapshot");
    let _ = Store::open_on::<Image>(backend, Path::new("db"), Access::ReadWrite).unwrap();
    assert!(disk.contents(&tmp).is_none());
}

#[test]
fn a_snapshot_of_many_chunks_round_trips_and_a_failed_chunk_keeps_the_previous_one() {
    use crate::storage::backends::Fault;
    let big = |fill: &str| {
        let mut image = Image::new();
        // Three and a half chunks of payload, in pieces, so the encoder crosses chunk ends.
        for i in 0..7 {
            image.insert(format!("k{i}"), Value::String(fill.repeat(snapshot::CHUNK / 2).into()));
        }
        image
    };
    let path = Path::new("db");
    let disk = MemBackend::new();
    let backend: Arc<dyn Backend> = Arc::new(disk.clone());
    let (mut store, _) = Store::open_on::<Image>(Arc::clone(&backend), path, Access::ReadWrite).unwrap();
    store.checkpoint(&big("a")).unwrap();
    let before = disk.steps();
    store.checkpoint(&big("b")).unwrap();
    let steps = disk.steps() - before;
    assert!(
        disk.ops()[before as usize..].iter().filter(|op| **op == "write").count() >= 4,
        "one write per chunk"
    );
    drop(store);
    let (_, rec) = Store::open_on::<Image>(Arc::clone(&backend), path, Access::ReadWrite).unwrap();
    assert_eq!(rec.snapshot.unwrap(), big("b"));
    // Fail each step of the next checkpoint in turn: it reports an I/O error (or, failing only
    // the cleanup after the rename, succeeds), and the database reopens with one of the two
    // snapshots, whole.
    for step in 0..steps {
        let (mut store, _) = Store::open_on::<Image>(Arc::clone(&backend), path, Access::ReadWrite).unwrap();
        disk.fail_at(disk.steps() + step, Fault::Once);
        let result = store.checkpoint(&big("c"));
        drop(store);
        let (mut store, rec) =
            Store::open_on::<Image>(Arc::clone(&backend), path, Access::ReadWrite).unwrap();
        let got = rec.snapshot.unwrap();
        match result {
            Err(StorageError::Io { .. }) => assert!(got == big("b") || got == big("c"), "step {step}"),
            Err(other) => panic!("step {step}: {other}"),
            Ok(()) => assert_eq!(got, big("c"), "step {step}"),
        }
        store.checkpoint(&big("b")).unwrap();
    }
}

/// A node of [`RawImage`]: id, label symbols, properties.
type RawNode = (u64, Vec<u32>, BTreeMap<String, Value>);

/// A relationship of [`RawImage`]: id, type symbol, start, end, properties.
type RawRel = (u64, u32, u64, u64, BTreeMap<String, Value>);

/// The layout of a snapshot's graph image (see `graph::image`), written field by field so that
/// a test can describe an inconsistent graph.
#[derive(serde::Serialize)]
struct RawImage {
    symbols: Vec<String>,
    next_node: u64,
    next_rel: u64,
    nodes: Vec<RawNode>,
    rels: Vec<RawRel>,
    indexes: Vec<(String, String)>,
}

fn raw_graph(rels: Vec<RawRel>) -> Result<crate::graph::Graph, String> {
    let image = RawImage {
        symbols: vec!["N".into(), "R".into()],
        next_node: 10,
        next_rel: rels.len() as u64,
        nodes: (0..4).map(|i| (i, vec![0], BTreeMap::new())).collect(),
        rels,
        indexes: vec![],
    };
    let bytes = codec::encode(&image).unwrap();
    let decoded: crate::graph::GraphImage = codec::decode(&bytes).unwrap();
    crate::graph::Graph::from_image(decoded)
}

#[test]
fn relationships_load_in_batches_and_a_missing_end_is_reported_by_its_relationship() {
    // Relationships are added in batches of 64: 150 of them span three batches.
    let rel = |i: u64, end: u64| (i, 1, i % 4, end, BTreeMap::new());
    let good: Vec<_> = (0..150).map(|i| rel(i, (i + 1) % 4)).collect();
    let g = raw_graph(good.clone()).expect("a consistent image loads");
    assert_eq!(g.relationship_count(), 150);
    assert_eq!(g.rel_ends(crate::model::RelId(149)), Some((NodeId(1), NodeId(2))));
    let mut bad = good.clone();
    bad[100].3 = 7; // node 7 is below the counter but absent
    let err = raw_graph(bad).expect_err("an end that is not there");
    assert!(err.contains("relationship 100 ends at a missing node"), "{err}");
    let mut bad = good;
    bad[70].2 = 9;
    bad[120].3 = 8;
    let err = raw_graph(bad).expect_err("the first missing end is reported");
    assert!(err.contains("relationship 70 starts at a missing node"), "{err}");
}
