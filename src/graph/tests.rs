//! Unit tests of the graph: indexes following changes, atomic batches, undo, expansion by type.

use super::*;

fn props(pairs: &[(&str, Value)]) -> Properties {
    pairs.iter().map(|(k, v)| (k.to_string(), v.clone())).collect()
}

fn create(g: &mut Graph, labels: &[&str], pairs: &[(&str, Value)]) -> NodeId {
    let id = g.next_node_id();
    let labels = labels.iter().map(|l| l.to_string()).collect();
    g.apply(&[Mutation::CreateNode { id, labels, properties: props(pairs) }]).unwrap();
    id
}

fn link(g: &mut Graph, a: NodeId, b: NodeId, t: &str) -> RelId {
    let id = g.next_rel_id();
    g.apply(&[Mutation::CreateRelationship {
        id,
        rel_type: t.into(),
        start: a,
        end: b,
        properties: Properties::new(),
    }])
    .unwrap();
    id
}

#[test]
fn name_alias_and_folded_indexes_follow_property_changes() {
    let mut g = Graph::new();
    let id = create(
        &mut g,
        &["Person"],
        &[("name", "Anatoly Antonov".into()), ("aliases", vec!["Antonov"].into())],
    );
    assert_eq!(g.nodes_named("Anatoly Antonov").collect::<Vec<_>>(), vec![id]);
    assert_eq!(g.nodes_aliased("Antonov").collect::<Vec<_>>(), vec![id]);
    assert_eq!(g.nodes_named_folded("antonov").collect::<Vec<_>>(), vec![id]);
    g.apply(&[Mutation::SetNodeProperty { id, key: "name".into(), value: "A. Antonov".into() }]).unwrap();
    assert_eq!(g.nodes_named("Anatoly Antonov").count(), 0);
    assert_eq!(g.nodes_named_folded("anatoly antonov").count(), 0);
    assert_eq!(g.nodes_named("A. Antonov").count(), 1);
}

#[test]
fn folded_lookup_finds_lower_case_names_and_keeps_an_alias_that_folds_alike() {
    let mut g = Graph::new();
    let lower = create(&mut g, &["Place"], &[("name", "place-1".into())]);
    let id = create(&mut g, &["Person"], &[("name", "Foo".into()), ("aliases", vec!["FOO", "foo"].into())]);
    assert_eq!(g.nodes_named_folded("PLACE-1").collect::<Vec<_>>(), vec![lower]);
    assert_eq!(g.nodes_named_folded("fOo").collect::<Vec<_>>(), vec![id]);
    g.apply(&[Mutation::SetNodeProperty { id, key: "name".into(), value: Value::Null }]).unwrap();
    assert_eq!(g.nodes_named_folded("foo").collect::<Vec<_>>(), vec![id]);
    g.apply(&[Mutation::SetNodeProperty { id, key: "aliases".into(), value: vec!["Bar"].into() }]).unwrap();
    assert_eq!(g.nodes_named_folded("foo").count(), 0);
    assert_eq!(g.nodes_named_folded("BAR").collect::<Vec<_>>(), vec![id]);
}

#[test]
fn a_failing_batch_changes_nothing() {
    let mut g = Graph::new();
    let a = create(&mut g, &["Country"], &[("name", "Russia".into())]);
    let next = g.next_node_id();
    let batch = vec![
        Mutation::CreateNode {
            id: next,
            labels: vec!["Person".into()],
            properties: props(&[("name", "x".into())]),
        },
        Mutation::SetNodeProperty { id: a, key: "name".into(), value: "Renamed".into() },
        Mutation::DeleteNode { id: NodeId(999) },
    ];
    let err = g.apply(&batch).unwrap_err();
    assert_eq!(err.kind, ExecutionKind::EntityNotFound);
    assert_eq!(g.node_count(), 1);
    assert_eq!(g.nodes_named("Russia").count(), 1);
    assert_eq!(g.label_count("Person"), 0);
}

#[test]
fn deleting_a_connected_node_is_refused() {
    let mut g = Graph::new();
    let a = create(&mut g, &["A"], &[]);
    let b = create(&mut g, &["B"], &[]);
    let r = link(&mut g, a, b, "T");
    let err = g.apply(&[Mutation::DeleteNode { id: a }]).unwrap_err();
    assert_eq!(err.kind, ExecutionKind::DeleteConnectedNode);
    g.apply(&[Mutation::DeleteRelationship { id: r }, Mutation::DeleteNode { id: a }]).unwrap();
    assert_eq!(g.node_count(), 1);
    assert!(g.rel_types().is_empty());
}

#[test]
fn undo_restores_the_previous_state_and_ids_are_not_reused() {
    let mut g = Graph::new();
    let a = create(&mut g, &["A"], &[("k", 1.into())]);
    let b = create(&mut g, &["B"], &[]);
    link(&mut g, a, b, "T");
    let undo = g
        .apply(&[
            Mutation::SetNodeProperty { id: a, key: "k".into(), value: 2.into() },
            Mutation::DeleteRelationship { id: RelId(0) },
            Mutation::DeleteNode { id: b },
        ])
        .unwrap();
    g.undo(undo);
    assert_eq!(g.node_props(a).unwrap().get("k"), Some(&Value::Int(1)));
    assert_eq!(g.rel_ends(RelId(0)), Some((a, b)));
    let c = create(&mut g, &["C"], &[]);
    assert!(c.0 > b.0);
}

#[test]
fn expand_filters_by_type_and_direction() {
    let mut g = Graph::new();
    let a = create(&mut g, &[], &[]);
    let b = create(&mut g, &[], &[]);
    link(&mut g, a, b, "X");
    link(&mut g, b, a, "Y");
    link(&mut g, a, a, "X");
    let x = [g.sym("X").unwrap()];
    assert_eq!(g.expand(a, Dir::Out, Some(&x)).count(), 2);
    assert_eq!(g.expand(a, Dir::Both, None).count(), 3);
    assert_eq!(g.expand(a, Dir::In, None).count(), 2);
}

#[test]
fn property_index_tracks_labels_and_values() {
    let mut g = Graph::new();
    let a = create(&mut g, &["Measure"], &[("kind", "expulsion".into())]);
    g.apply(&[Mutation::CreateIndex { label: "Measure".into(), key: "kind".into() }]).unwrap();
    assert_eq!(g.index_lookup("Measure", "kind", &"expulsion".into()), Some(vec![a]));
    g.apply(&[Mutation::RemoveLabel { id: a, label: "Measure".into() }]).unwrap();
    assert_eq!(g.index_lookup("Measure", "kind", &"expulsion".into()), Some(vec![]));
    assert_eq!(g.index_lookup("Person", "kind", &"expulsion".into()), None);
}

#[test]
fn a_declared_index_is_built_at_its_first_lookup_from_the_nodes_as_they_are_then() {
    let mut g = Graph::new();
    let a = create(&mut g, &["Measure"], &[("kind", "expulsion".into())]);
    let b = create(&mut g, &["Measure"], &[("kind", "sanction".into())]);
    // What a snapshot's index list does: declared, not built.
    g.declare_index("Measure", "kind");
    assert_eq!(g.indexes(), [("Measure".to_owned(), "kind".to_owned())]);
    // Writes before the first lookup: a value changed, a label gone, a node added.
    g.apply(&[Mutation::SetNodeProperty { id: b, key: "kind".into(), value: "expulsion".into() }]).unwrap();
    g.apply(&[Mutation::RemoveLabel { id: a, label: "Measure".into() }]).unwrap();
    let c = create(&mut g, &["Measure"], &[("kind", "expulsion".into())]);
    assert_eq!(g.index_lookup("Measure", "kind", &"expulsion".into()), Some(vec![b, c]));
    assert_eq!(g.index_lookup("Measure", "kind", &"sanction".into()), Some(vec![]));
    // Built now, so later writes update it.
    g.apply(&[Mutation::SetNodeProperty { id: c, key: "kind".into(), value: "sanction".into() }]).unwrap();
    assert_eq!(g.index_lookup("Measure", "kind", &"sanction".into()), Some(vec![c]));
    assert_eq!(g.index_lookup("Measure", "kind", &"expulsion".into()), Some(vec![b]));
}

#[test]
fn a_relationship_scan_sees_every_relationship_once_with_its_ends() {
    let mut g = Graph::new();
    let props = Properties::new();
    let n = |i: u64| Mutation::CreateNode { id: NodeId(i), labels: vec![], properties: props.clone() };
    let r = |i: u64, t: &str, a: u64, b: u64| Mutation::CreateRelationship {
        id: RelId(i),
        rel_type: t.into(),
        start: NodeId(a),
        end: NodeId(b),
        properties: props.clone(),
    };
    g.apply(&[n(0), n(1), n(2), r(0, "A", 0, 1), r(1, "B", 1, 2), r(2, "A", 2, 2), r(3, "A", 2, 0)]).unwrap();
    g.apply(&[Mutation::DeleteRelationship { id: RelId(1) }]).unwrap();
    let mut all: Vec<_> =
        g.scan_rels_in(None, 0..g.rel_bound()).map(|(_, r, _, a, b)| (r.0, a.0, b.0)).collect();
    all.sort();
    assert_eq!(all, vec![(0, 0, 1), (2, 2, 2), (3, 2, 0)]);
    let only_b = [g.sym("B").unwrap()];
    assert_eq!(g.scan_rels_in(Some(&only_b), 0..g.rel_bound()).count(), 0);
}

#[test]
fn expansion_and_scans_name_nodes_by_id_when_a_deleted_nodes_index_is_reused() {
    let mut g = Graph::new();
    let props = Properties::new();
    let n = |i: u64| Mutation::CreateNode { id: NodeId(i), labels: vec![], properties: props.clone() };
    g.apply(&[n(0), n(1), n(2)]).unwrap();
    g.apply(&[Mutation::DeleteNode { id: NodeId(1) }]).unwrap();
    // petgraph hands the freed index to the next node, whose id is 3.
    g.apply(&[n(3)]).unwrap();
    let rel = Mutation::CreateRelationship {
        id: RelId(0),
        rel_type: "R".into(),
        start: NodeId(3),
        end: NodeId(2),
        properties: props.clone(),
    };
    g.apply(&[rel]).unwrap();
    assert_eq!(g.expand(NodeId(2), Dir::In, None).collect::<Vec<_>>(), vec![(RelId(0), NodeId(3))]);
    assert_eq!(g.expand(NodeId(3), Dir::Out, None).collect::<Vec<_>>(), vec![(RelId(0), NodeId(2))]);
    let r = g.sym("R").unwrap();
    let all: Vec<_> = g.scan_rels_in(None, 0..g.rel_bound()).map(|(_, id, t, a, b)| (id, t, a, b)).collect();
    assert_eq!(all, vec![(RelId(0), r, NodeId(3), NodeId(2))]);
    assert_eq!(g.rel_ends(RelId(0)), Some((NodeId(3), NodeId(2))));
}

mod property_index_model {
    //! The property index against a scan, through random changes and growth.
    use super::*;
    use proptest::prelude::*;

    #[derive(Debug, Clone)]
    enum Step {
        Create { labelled: bool, v: Option<i64> },
        Bulk { labelled: bool, v: i64 },
        Set { node: usize, v: Option<i64>, float: bool },
        AddLabel { node: usize },
        RemoveLabel { node: usize },
        Delete { node: usize },
        CreateIndex,
    }

    fn step() -> impl Strategy<Value = Step> {
        prop_oneof![
            4 => (any::<bool>(), proptest::option::of(0i64..6)).prop_map(|(labelled, v)| Step::Create { labelled, v }),
            2 => (any::<bool>(), 0i64..6).prop_map(|(labelled, v)| Step::Bulk { labelled, v }),
            3 => (0usize..64, proptest::option::of(0i64..6), any::<bool>())
                .prop_map(|(node, v, float)| Step::Set { node, v, float }),
            1 => (0usize..64).prop_map(|node| Step::AddLabel { node }),
            1 => (0usize..64).prop_map(|node| Step::RemoveLabel { node }),
            1 => (0usize..64).prop_map(|node| Step::Delete { node }),
            1 => Just(Step::CreateIndex),
        ]
    }

    fn value(v: i64, float: bool) -> Value {
        if float { Value::Float(v as f64) } else { Value::Int(v) }
    }

    proptest! {
        #[test]
        fn lookups_agree_with_a_scan(steps in proptest::collection::vec(step(), 1..120)) {
            let mut g = Graph::new();
            let mut nodes: Vec<NodeId> = Vec::new();
            let pick = |nodes: &[NodeId], i: usize| (!nodes.is_empty()).then(|| nodes[i % nodes.len()]);
            for step in steps {
                match step {
                    Step::Create { labelled, v } => {
                        let labels: &[&str] = if labelled { &["L"] } else { &[] };
                        let pairs: Vec<(&str, Value)> = v.map(|v| ("v", Value::Int(v))).into_iter().collect();
                        nodes.push(create(&mut g, labels, &pairs));
                    }
                    Step::Bulk { labelled, v } => {
                        let labels = if labelled { vec![g.bulk_symbol("L")] } else { vec![] };
                        let key = g.bulk_symbol("v");
                        nodes.push(g.bulk_node(labels, vec![(key, Value::Int(v))]));
                    }
                    Step::Set { node, v, float } => {
                        if let Some(id) = pick(&nodes, node) {
                            let v = v.map_or(Value::Null, |v| value(v, float));
                            g.apply(&[Mutation::SetNodeProperty { id, key: "v".into(), value: v }]).unwrap();
                        }
                    }
                    Step::AddLabel { node } => {
                        if let Some(id) = pick(&nodes, node) {
                            g.apply(&[Mutation::AddLabel { id, label: "L".into() }]).unwrap();
                        }
                    }
                    Step::RemoveLabel { node } => {
                        if let Some(id) = pick(&nodes, node) {
                            g.apply(&[Mutation::RemoveLabel { id, label: "L".into() }]).unwrap();
                        }
                    }
                    Step::Delete { node } => {
                        if let Some(id) = pick(&nodes, node) {
                            g.apply(&[Mutation::DeleteNode { id }]).unwrap();
                            nodes.retain(|n| *n != id);
                        }
                    }
                    Step::CreateIndex => {
                        g.apply(&[Mutation::CreateIndex { label: "L".into(), key: "v".into() }]).unwrap();
                    }
                }
                if g.indexes().is_empty() {
                    continue;
                }
                for v in 0..6 {
                    let mut expected: Vec<NodeId> = nodes
                        .iter()
                        .copied()
                        .filter(|id| g.node(*id).is_some_and(|n| n.labels.iter().any(|l| l == "L")))
                        .filter(|id| g.node_props(*id).and_then(|p| p.get("v").cloned()) == Some(Value::Int(v)))
                        .collect();
                    expected.sort();
                    prop_assert_eq!(g.index_lookup("L", "v", &Value::Int(v)), Some(expected));
                }
            }
        }
    }
}
