//! Property tests: random graphs survive save and reopen; random expressions survive printing
//! and parsing; no input makes the parser panic.

use demarche::{Database, NodeId, Params, Properties, Value};
use proptest::prelude::*;

fn value() -> impl Strategy<Value = Value> {
    let leaf = prop_oneof![
        any::<bool>().prop_map(Value::Bool),
        any::<i64>().prop_map(Value::Int),
        (-1e12f64..1e12).prop_map(Value::Float),
        "[a-zA-Z0-9 ']{0,10}".prop_map(|s| Value::String(s.into())),
        (1900i32..2100, 1u8..13).prop_map(|(y, m)| Value::Date(demarche::Date::month(y, m).unwrap())),
    ];
    leaf.prop_recursive(2, 8, 3, |inner| proptest::collection::vec(inner, 0..3).prop_map(Value::List))
}

#[derive(Debug, Clone)]
struct RandomGraph {
    nodes: Vec<(Vec<String>, Properties)>,
    rels: Vec<(usize, usize, String, Properties)>,
}

fn graph() -> impl Strategy<Value = RandomGraph> {
    let props = || proptest::collection::btree_map("[a-z]{1,5}", value(), 0..4);
    let node = (
        proptest::collection::vec(prop_oneof![Just("Person"), Just("Measure"), Just("Country")], 0..3),
        props(),
    )
        .prop_map(|(labels, p)| {
            let mut labels: Vec<String> = labels.into_iter().map(str::to_owned).collect();
            labels.dedup();
            (labels, p)
        });
    proptest::collection::vec(node, 1..12).prop_flat_map(move |nodes| {
        let n = nodes.len();
        let rel =
            (0..n, 0..n, prop_oneof![Just("RESPONDS_TO".to_owned()), Just("TARGETS".to_owned())], props());
        proptest::collection::vec(rel, 0..20).prop_map(move |rels| RandomGraph { nodes: nodes.clone(), rels })
    })
}

/// Every node and relationship, as comparable text (ids included: they must survive too).
fn dump(db: &Database) -> Vec<String> {
    let q = "MATCH (n) OPTIONAL MATCH (n)-[r]->(m) RETURN id(n), labels(n), properties(n), id(r), type(r), properties(r), id(m) ORDER BY id(n), id(r)";
    db.query(q, &Params::new()).unwrap().rows.iter().map(|r| format!("{r:?}")).collect()
}

proptest! {
    #![proptest_config(ProptestConfig::with_cases(24))]

    #[test]
    fn random_graphs_reopen_equal(g in graph(), checkpoint in any::<bool>(), delete_some in any::<bool>()) {
        let dir = tempfile::tempdir().unwrap();
        let path = dir.path().join("g.db");
        let before = {
            let db = Database::open(&path).unwrap();
            let ids: Vec<NodeId> = g.nodes.iter().map(|(labels, props)| {
                let labels: Vec<&str> = labels.iter().map(String::as_str).collect();
                db.create_node(&labels, props.clone()).unwrap()
            }).collect();
            for (a, b, t, p) in &g.rels {
                db.create_relationship(ids[*a], t, ids[*b], p.clone()).unwrap();
            }
            if delete_some {
                db.delete_node(ids[0], true).unwrap();
            }
            if checkpoint {
                db.checkpoint().unwrap();
                db.execute("MATCH (n) SET n.touched = true", &Params::new()).unwrap();
            }
            dump(&db)
        };
        let db = Database::open(&path).unwrap();
        prop_assert_eq!(dump(&db), before);
    }
}

fn expr_text() -> impl Strategy<Value = String> {
    let leaf = prop_oneof![
        any::<i32>().prop_map(|i| i.to_string()),
        (0u32..1000, 0u32..100).prop_map(|(a, b)| format!("{a}.{b}")),
        "[a-z]{1,6}".prop_map(|s| format!("'{s}'")),
        Just("null".to_owned()),
        Just("true".to_owned()),
        Just("x".to_owned()),
        Just("x.name".to_owned()),
        Just("$p".to_owned()),
    ];
    leaf.prop_recursive(4, 40, 4, |inner| {
        let op = prop_oneof![
            Just("+"),
            Just("-"),
            Just("*"),
            Just("/"),
            Just("%"),
            Just("^"),
            Just("="),
            Just("<>"),
            Just("<"),
            Just("<="),
            Just("AND"),
            Just("OR"),
            Just("XOR"),
            Just("IN"),
            Just("STARTS WITH"),
            Just("CONTAINS"),
        ];
        prop_oneof![
            (inner.clone(), op, inner.clone()).prop_map(|(a, o, b)| format!("{a} {o} {b}")),
            (inner.clone(), op_unary()).prop_map(|(a, u)| format!("{u}{a}")),
            inner.clone().prop_map(|a| format!("({a})")),
            proptest::collection::vec(inner.clone(), 0..3).prop_map(|v| format!("[{}]", v.join(", "))),
            (inner.clone(), inner.clone()).prop_map(|(a, b)| format!("CASE WHEN {a} THEN {b} ELSE null END")),
            inner.clone().prop_map(|a| format!("[y IN [1, 2] WHERE {a} | y]")),
            inner.clone().prop_map(|a| format!("{a} IS NULL")),
            (inner.clone(), inner).prop_map(|(a, b)| format!("coalesce({a}, {b})")),
        ]
    })
}

fn op_unary() -> impl Strategy<Value = &'static str> {
    prop_oneof![Just("-"), Just("NOT "), Just("+")]
}

proptest! {
    #![proptest_config(ProptestConfig::with_cases(400))]

    /// Printing a parsed statement as Cypher and parsing that gives the same AST.
    #[test]
    fn printing_then_parsing_gives_the_same_ast(e in expr_text(), with_match in any::<bool>()) {
        let text = if with_match {
            format!("MATCH (x:Person)-[r:A|B*1..3]->(y {{k: 1}}) WHERE {e} RETURN DISTINCT {e} AS v ORDER BY v DESC LIMIT 3")
        } else {
            format!("WITH {{name: 'n'}} AS x RETURN {e} AS v, count(*) SKIP 1")
        };
        let first = demarche::ast::parse_cypher(&text);
        prop_assert!(first.is_ok(), "generated text does not parse: {text}\n{:?}", first.err());
        let first = first.unwrap();
        let printed = first.to_string();
        let second = demarche::ast::parse_cypher(&printed);
        prop_assert!(second.is_ok(), "printed form does not parse: {printed}\n{:?}", second.err());
        prop_assert_eq!(second.unwrap(), first, "{}\nprinted as\n{}", text, printed);
    }

    /// No input, however broken, makes the parser or planner panic.
    #[test]
    fn arbitrary_text_never_panics(text in "\\PC{0,80}", cypherish in "(MATCH|RETURN|WITH|\\(|\\)|\\[|\\]|-|>|<|:|\\{|\\}|,|'|\\*|\\.\\.|[a-z]|[0-9]| ){0,60}") {
        let db = Database::in_memory();
        let _ = db.query(&text, &Params::new());
        let _ = db.query(&cypherish, &Params::new());
    }
}
