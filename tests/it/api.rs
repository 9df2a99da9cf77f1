//! The embedding API: transactions, durability, locking, typed results.

use demarche::{Database, Error, ExecutionKind, Params, Properties, Value};
use std::io::{BufRead, BufReader, Write};
use std::process::{Command, Stdio};

fn params(pairs: &[(&str, Value)]) -> Params {
    pairs.iter().map(|(k, v)| (k.to_string(), v.clone())).collect()
}

#[test]
fn database_is_send_and_sync() {
    fn assert_send_sync<T: Send + Sync>() {}
    assert_send_sync::<Database>();
}

#[test]
fn rollback_leaves_nothing_behind() {
    let db = Database::in_memory();
    let mut tx = db.begin().unwrap();
    tx.execute("CREATE (:A {name: 'x'})-[:T]->(:B)", &Params::new()).unwrap();
    assert_eq!(
        tx.execute("MATCH (n) RETURN count(n) AS n", &Params::new()).unwrap().rows[0][0],
        Value::Int(2)
    );
    tx.rollback();
    assert_eq!(db.counts().unwrap(), (0, 0));
    assert!(db.find_by_name("x").unwrap().is_empty());
    let id = db.create_node(&["A"], Properties::new()).unwrap();
    assert!(id.0 >= 2, "ids of rolled-back nodes are not reused");
}

#[test]
fn dropping_a_transaction_rolls_it_back() {
    let db = Database::in_memory();
    {
        let mut tx = db.begin().unwrap();
        tx.execute("CREATE (:A)", &Params::new()).unwrap();
    }
    assert_eq!(db.counts().unwrap(), (0, 0));
}

#[test]
fn a_failed_statement_inside_a_transaction_is_undone_alone() {
    let db = Database::in_memory();
    let mut tx = db.begin().unwrap();
    tx.execute("CREATE (:A)", &Params::new()).unwrap();
    assert!(tx.execute("CREATE (:B) WITH 1 AS x RETURN x / 0", &Params::new()).is_err());
    tx.commit().unwrap();
    let labels = db.query("MATCH (n) RETURN labels(n) AS l", &Params::new()).unwrap();
    assert_eq!(labels.rows, vec![vec![Value::from(vec!["A"])]]);
}

#[test]
fn parameters_reach_the_query() {
    let db = Database::in_memory();
    db.execute("CREATE (:P {name: $name, n: $n})", &params(&[("name", "Ned Price".into()), ("n", 3.into())]))
        .unwrap();
    let r = db
        .query("MATCH (p:P {name: $name}) RETURN p.n AS n", &params(&[("name", "Ned Price".into())]))
        .unwrap();
    assert_eq!(r.iter().next().unwrap().get::<i64>("n").unwrap(), 3);
}

#[test]
fn typed_get_names_the_column_on_mismatch() {
    let db = Database::in_memory();
    let r = db.query("RETURN 1 AS n", &Params::new()).unwrap();
    let row = r.iter().next().unwrap();
    let err = row.get::<&str>("n").unwrap_err().to_string();
    assert!(err.contains("'n'") && err.contains("INTEGER"), "{err}");
    assert!(row.get::<i64>("missing").is_err());
}

#[test]
fn json_shapes_follow_the_design() {
    let db = Database::in_memory();
    db.execute(
        "CREATE (:Person {name: 'A'})-[:WORKS_FOR {since: date('2021-04')}]->(:Organization {name: 'B'})",
        &Params::new(),
    )
    .unwrap();
    let r = db.query("MATCH (a)-[r]->(b) RETURN a, r, r.since AS since", &Params::new()).unwrap();
    let json = r.to_json();
    assert_eq!(json["columns"], serde_json::json!(["a", "r", "since"]));
    let row = &json["rows"][0];
    assert_eq!(row[0]["labels"], serde_json::json!(["Person"]));
    assert_eq!(row[0]["properties"]["name"], "A");
    assert_eq!(row[1]["type"], "WORKS_FOR");
    assert_eq!(row[1]["start"], row[0]["id"]);
    assert_eq!(row[2], "2021-04");
}

#[test]
fn read_only_refuses_writes() {
    let dir = tempfile::tempdir().unwrap();
    let path = dir.path().join("ro.db");
    drop(Database::open(&path).unwrap());
    let db = Database::open_read_only(&path).unwrap();
    let err = db.execute("CREATE (:A)", &Params::new()).unwrap_err();
    assert!(matches!(err, Error::Execution(ref e) if e.kind == ExecutionKind::ReadOnly), "{err}");
}

#[test]
fn commits_survive_reopen_and_checkpoint() {
    let dir = tempfile::tempdir().unwrap();
    let path = dir.path().join("d.db");
    {
        let db = Database::open(&path).unwrap();
        db.execute("CREATE (:Country {name: 'Russia'})", &Params::new()).unwrap();
        db.checkpoint().unwrap();
        db.execute("CREATE (:Country {name: 'United States'})", &Params::new()).unwrap();
    }
    let db = Database::open(&path).unwrap();
    let r = db.query("MATCH (c:Country) RETURN c.name AS n ORDER BY n", &Params::new()).unwrap();
    assert_eq!(r.rows, vec![vec![Value::from("Russia")], vec![Value::from("United States")]]);
}

#[test]
fn a_second_writer_is_told_the_database_is_locked() {
    let dir = tempfile::tempdir().unwrap();
    let path = dir.path().join("l.db");
    let _first = Database::open(&path).unwrap();
    let err = Database::open(&path).err().expect("second open must fail");
    assert!(err.to_string().contains("database is locked"), "{err}");
}

/// Writes through the real binary, SIGKILLs it after some acknowledged commits, and checks that
/// reopening keeps every acknowledged one.
#[test]
fn sigkill_loses_no_acknowledged_commit() {
    let dir = tempfile::tempdir().unwrap();
    let path = dir.path().join("k.db");
    let mut child = Command::new(env!("CARGO_BIN_EXE_demarche"))
        .arg(&path)
        .args(["--format", "json"])
        .stdin(Stdio::piped())
        .stdout(Stdio::piped())
        .stderr(Stdio::null())
        .spawn()
        .unwrap();
    let mut stdin = child.stdin.take().unwrap();
    let mut stdout = BufReader::new(child.stdout.take().unwrap());
    let mut acknowledged = 0;
    for i in 0..25 {
        writeln!(stdin, "CREATE (:Entry {{n: {i}}}) RETURN {i} AS n;").unwrap();
        stdin.flush().unwrap();
        let mut line = String::new();
        stdout.read_line(&mut line).unwrap();
        assert!(line.contains(&format!("[[{i}]]")), "unexpected acknowledgement {line}");
        acknowledged += 1;
    }
    child.kill().unwrap(); // SIGKILL on Unix: no clean close, no checkpoint
    child.wait().unwrap();
    let db = Database::open(&path).unwrap();
    let r = db.query("MATCH (e:Entry) RETURN count(e) AS n, max(e.n) AS last", &Params::new()).unwrap();
    assert_eq!(r.rows[0], vec![Value::Int(acknowledged), Value::Int(acknowledged - 1)]);
}

#[test]
fn the_embed_example_runs() {
    let status = Command::new(env!("CARGO"))
        .args(["run", "--quiet", "--example", "embed"])
        .current_dir(env!("CARGO_MANIFEST_DIR"))
        .status()
        .unwrap();
    assert!(status.success());
}

#[test]
fn a_query_past_its_deadline_or_cancelled_stops_with_an_error() {
    let db = Database::builtin().unwrap();
    let heavy = "MATCH (a), (b), (c) RETURN count(*) AS n";
    let options = demarche::QueryOptions { timeout: Some(std::time::Duration::ZERO), cancel: None };
    let err = db.query_with(heavy, &Params::new(), &options).unwrap_err();
    assert!(matches!(err, Error::Execution(ref e) if e.kind == ExecutionKind::Cancelled), "{err}");
    let flag = std::sync::Arc::new(std::sync::atomic::AtomicBool::new(true));
    let options = demarche::QueryOptions { timeout: None, cancel: Some(flag) };
    assert!(db.query_with(heavy, &Params::new(), &options).is_err());
    let fine = db
        .query_with(
            "MATCH (c:Country) RETURN count(c) AS n",
            &Params::new(),
            &demarche::QueryOptions::default(),
        )
        .unwrap();
    assert_eq!(fine.rows[0][0], Value::Int(3));
}

#[test]
fn printed_floats_read_back_as_the_same_floats() {
    let db = Database::in_memory();
    for f in [1e300, -1e16, 1.2345678901234568e17, 1.5e-10, -2.5e-7, 0.1, 3.0, 0.30000000000000004] {
        let text = demarche::model::format_float(f);
        let result = db.query(&format!("RETURN {text} AS x"), &Params::new()).expect(&text);
        let value = result.iter().next().unwrap().value("x").cloned();
        assert_eq!(value, Some(Value::Float(f)), "{f} printed as {text}");
    }
}

#[test]
fn a_large_grouping_by_a_node_property_counts_every_row() {
    // Past a few thousand rows the groups number `b.kind` for every node at once; the counts
    // must equal a plain computation, including nodes without the property and non-strings.
    let db = Database::in_memory();
    let kinds = ["a", "b", "c"];
    let kind_of = |i: i64| -> Value {
        match i % 5 {
            0 => Value::Null,
            1 => Value::Int(1),
            2 => Value::Float(1.0),
            _ => Value::from(kinds[(i % 3) as usize]),
        }
    };
    for i in 0..60 {
        let mut p = Properties::new();
        if !kind_of(i).is_null() {
            p.insert("kind".into(), kind_of(i));
        }
        p.insert("i".into(), Value::Int(i));
        db.create_node(&["N"], p).unwrap();
    }
    db.execute(
        "MATCH (a:N), (b:N) WHERE (a.i * 7 + b.i) % 3 <> 0 \
         UNWIND range(1, 3) AS k CREATE (a)-[:R {k: k}]->(b)",
        &Params::new(),
    )
    .unwrap();
    let result = db
        .execute("MATCH (a)-[r]->(b) RETURN b.kind AS k, count(*) AS c ORDER BY c DESC", &Params::new())
        .unwrap();
    let mut expected: std::collections::BTreeMap<String, i64> = Default::default();
    for a in 0..60i64 {
        for b in 0..60i64 {
            if (a * 7 + b) % 3 != 0 {
                // 1 and 1.0 are one group.
                let k = match kind_of(b) {
                    Value::Float(_) => Value::Int(1),
                    other => other,
                };
                *expected.entry(k.to_string()).or_default() += 3;
            }
        }
    }
    assert!(expected.values().sum::<i64>() > 5000, "enough rows to number every node");
    let mut got: std::collections::BTreeMap<String, i64> = Default::default();
    for row in &result.rows {
        let Value::Int(c) = row[1] else { panic!("{row:?}") };
        let k = match &row[0] {
            Value::Float(_) => Value::Int(1),
            other => other.clone(),
        };
        got.insert(k.to_string(), c);
    }
    assert_eq!(got, expected);
}

#[test]
fn a_pattern_with_more_variables_than_fit_inline_still_matches() {
    // 14 nodes and 13 relationships: 27 variables, past what a search keeps without allocating.
    let db = Database::in_memory();
    db.execute("UNWIND range(0, 13) AS i CREATE (:C {i: i})", &Params::new()).unwrap();
    db.execute("MATCH (a:C), (b:C) WHERE b.i = a.i + 1 CREATE (a)-[:NEXT]->(b)", &Params::new()).unwrap();
    let hops: String = (0..13).map(|i| format!("-[r{i}:NEXT]->(n{})", i + 1)).collect();
    let query = format!("MATCH (n0:C {{i: 0}}){hops} RETURN n13.i AS last, r12 IS NOT NULL AS ok");
    let rows = db.query(&query, &Params::new()).unwrap().rows;
    assert_eq!(rows, vec![vec![Value::Int(13), Value::Bool(true)]]);
}

#[test]
fn profile_counts_the_statements_steps_not_those_of_an_exists_subquery() {
    let db = Database::in_memory();
    let none = Params::new();
    db.query("CREATE (a:P)-[:K]->(b:P), (a)-[:K]->(c:P), (b)-[:K]->(c), (:P)", &none).unwrap();
    let query = "PROFILE MATCH (n:P) WITH n, EXISTS { MATCH (n)-->(m) WITH m RETURN m } AS e, count(*) AS c \
                 RETURN e, c";
    let result = db.query(query, &none).unwrap();
    let profile = result.profile.expect("PROFILE gives counts");
    let counts: Vec<u64> = profile.iter().map(|(_, n)| *n).collect();
    // Four nodes matched, four groups (each node is its own key), four rows returned.
    assert_eq!(counts, [4, 4, 4], "{profile:?}");
}

#[test]
fn an_index_read_back_from_a_snapshot_sees_the_writes_made_before_its_first_use() {
    let dir = tempfile::tempdir().unwrap();
    let path = dir.path().join("indexed.db");
    let none = Params::new();
    {
        let db = Database::open(&path).unwrap();
        db.query("CREATE INDEX FOR (m:Measure) ON (m.kind)", &none).unwrap();
        db.query("UNWIND range(1, 20) AS i CREATE (:Measure {i: i, kind: i % 3})", &none).unwrap();
        db.checkpoint().unwrap();
    }
    let db = Database::open(&path).unwrap();
    // Before any lookup: values change, a label goes, nodes come and go.
    db.query("MATCH (m:Measure) WHERE m.i <= 5 SET m.kind = 7", &none).unwrap();
    db.query("MATCH (m:Measure {i: 6}) REMOVE m:Measure", &none).unwrap();
    db.query("MATCH (m:Measure {i: 9}) DETACH DELETE m", &none).unwrap();
    db.query("CREATE (:Measure {i: 21, kind: 0})", &none).unwrap();
    for kind in [0, 1, 2, 7] {
        let by_index =
            db.query(&format!("MATCH (m:Measure {{kind: {kind}}}) RETURN m.i ORDER BY m.i"), &none).unwrap();
        let by_scan = db
            .query(
                &format!(
                    "MATCH (m:Measure) WHERE m.kind >= {kind} AND m.kind <= {kind} RETURN m.i ORDER BY m.i"
                ),
                &none,
            )
            .unwrap();
        assert_eq!(by_index.rows, by_scan.rows, "kind {kind}");
        assert!(!by_index.rows.is_empty(), "kind {kind}");
    }
}

#[test]
fn a_grouping_by_an_end_nodes_property_follows_every_write() {
    let db = Database::in_memory();
    let none = Params::new();
    db.query(
        "UNWIND range(0, 39) AS i CREATE (:N {i: i, kind: ['a', 'b', 'c'][i % 3]}) \
         WITH 1 AS one LIMIT 1 \
         MATCH (x:N), (y:N) WHERE y.i = (x.i * 7 + 3) % 40 CREATE (x)-[:R {w: x.i}]->(y)",
        &none,
    )
    .unwrap();
    // The first form is counted from the relationship scan with `b.kind` numbered for every
    // node (and that numbering kept between queries); the second groups row by row.
    let counted = "MATCH (a)-[r]->(b) RETURN type(r) AS t, b.kind AS k, count(*) AS c ORDER BY t, k";
    let by_rows = "MATCH (a)-[r]->(b) RETURN type(r) AS t, b.kind + '' AS k, count(*) AS c ORDER BY t, k";
    let same = |db: &Database, when: &str| {
        let counted = db.query(counted, &none).unwrap().rows;
        let by_rows = db.query(by_rows, &none).unwrap().rows;
        assert_eq!(counted, by_rows, "{when}");
        counted
    };
    let before = same(&db, "before any change");
    db.query("MATCH (n:N) WHERE n.i < 10 SET n.kind = 'z'", &none).unwrap();
    let after_set = same(&db, "after SET");
    assert_ne!(before, after_set);
    db.query("MATCH (n:N {i: 11}) REMOVE n.kind", &none).unwrap();
    same(&db, "after REMOVE");
    db.query("MATCH (n:N {i: 12}) DETACH DELETE n", &none).unwrap();
    same(&db, "after DELETE");
    db.query("MATCH (x:N {i: 13}) CREATE (x)-[:R]->(:N {i: 40, kind: 'new'})", &none).unwrap();
    same(&db, "after CREATE");
    let mut tx = db.begin().unwrap();
    tx.execute("MATCH (n:N) WHERE n.i >= 20 SET n.kind = 'tx'", &none).unwrap();
    let inside = tx.execute(counted, &none).unwrap().rows;
    assert!(inside.iter().any(|row| row[1] == Value::from("tx")), "{inside:?}");
    tx.rollback();
    let rolled_back = same(&db, "after ROLLBACK");
    assert!(rolled_back.iter().all(|row| row[1] != Value::from("tx")), "{rolled_back:?}");
}
