//! Hostile queries: 100,000 nested parentheses and a 1 MB query get clean errors (no stack
//! overflow), and a variable-length match over a dense 10,000-node graph stops at its depth
//! bound or at the deadline with a clear error instead of exhausting memory.

use demarche::{Database, Error, ExecutionKind, NodeId, Params, Properties, QueryOptions};
use std::time::Duration;

#[test]
fn one_hundred_thousand_nested_parentheses_are_a_clean_error() {
    let db = Database::in_memory();
    let text = format!("RETURN {}1{}", "(".repeat(100_000), ")".repeat(100_000));
    let err = db.query(&text, &Params::new()).expect_err("too deep to accept");
    assert!(err.to_string().contains("nested"), "{err}");
    let lists = format!("RETURN {}1{}", "[".repeat(100_000), "]".repeat(100_000));
    assert!(db.query(&lists, &Params::new()).is_err());
    let unbalanced = format!("MATCH {}", "(".repeat(100_000));
    assert!(db.query(&unbalanced, &Params::new()).is_err());
}

#[test]
fn a_one_megabyte_query_is_a_clean_error() {
    let db = Database::in_memory();
    let long_list = format!("RETURN [{}0] AS xs", "0, ".repeat(350_000));
    assert!(long_list.len() > 1 << 20);
    let err = db.query(&long_list, &Params::new()).expect_err("a 1 MB query is refused");
    assert!(matches!(err, Error::Syntax(_)), "{err}");
    let long_string = format!("RETURN '{}' AS s", "x".repeat(1 << 20));
    assert!(db.query(&long_string, &Params::new()).is_err());
}

/// 10,000 nodes, each with 8 relationships to pseudo-random others.
fn dense_graph() -> Database {
    let db = Database::in_memory();
    let mut tx = db.begin().expect("begin");
    let ids: Vec<NodeId> = (0..10_000)
        .map(|i| {
            let mut props = Properties::new();
            props.insert("i".into(), i.into());
            tx.create_node(&["D"], props).expect("node")
        })
        .collect();
    let mut x: u64 = 7;
    for (i, from) in ids.iter().enumerate() {
        for _ in 0..8 {
            x = x.wrapping_mul(6_364_136_223_846_793_005).wrapping_add(1_442_695_040_888_963_407);
            let to = ids[((x >> 33) as usize + i) % ids.len()];
            tx.create_relationship(*from, "L", to, Properties::new()).expect("relationship");
        }
    }
    tx.commit().expect("commit");
    db
}

#[test]
fn variable_length_matches_on_a_dense_graph_stop_at_the_bound_or_the_deadline() {
    let db = dense_graph();
    assert_eq!(db.counts().expect("counts"), (10_000, 80_000));
    // Bounded: 8 + 64 + 512 paths of length 1..3 from one node.
    let rows = db
        .query("MATCH (a:D {i: 0})-[:L*1..3]->(b) RETURN count(*) AS n", &Params::new())
        .expect("bounded query");
    assert_eq!(rows.iter().next().expect("row").get::<i64>("n").expect("n"), 8 + 64 + 512);
    // Unbounded: 8^32 paths. It must stop at the deadline, not run out of memory.
    let options = QueryOptions { timeout: Some(Duration::from_millis(300)), cancel: None };
    let err = db
        .query_with("MATCH p = (a:D)-[:L*]->(b) RETURN count(p) AS n", &Params::new(), &options)
        .expect_err("stopped");
    match &err {
        Error::Execution(e) => assert!(
            matches!(e.kind, ExecutionKind::Cancelled | ExecutionKind::LimitExceeded),
            "unexpected kind {:?}: {err}",
            e.kind
        ),
        other => panic!("expected an execution error, got {other}"),
    }
    // Collecting the paths instead of counting them must stop the same way.
    let err = db
        .query_with("MATCH p = (a:D {i: 1})-[:L*]->(b) RETURN collect(p) AS ps", &Params::new(), &options)
        .expect_err("stopped");
    assert!(matches!(err, Error::Execution(_)), "{err}");
}
