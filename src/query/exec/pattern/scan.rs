//! One unanchored hop, `(a)-[r:T]->(b)`, matched by reading the relationship table front to
//! back instead of expanding node by node.
//!
//! A caller that does not care in which order matches arrive (an aggregation that only counts)
//! asks [`Runner::scan_hop`] first. Following each node's list of relationships costs a cache
//! miss per hop on a large graph; reading every relationship in storage order does not. The
//! matches are the same as the node-by-node search gives, as a multiset: a directed hop gives
//! each relationship once; an undirected one gives each relationship twice, once per
//! orientation, and a self-loop once (as [`Graph::expand`](crate::graph::Graph::expand) reports
//! it once for both directions).

use super::{Sink, width};
use crate::error::Error;
use crate::graph::{Graph, Sym};
use crate::model::{NodeId, RelId, Value};
use crate::query::ast::{Direction, PathKind};
use crate::query::exec::Runner;
use crate::query::exec::eval::Frame;
use crate::query::plan::{Expr, PatternPlan};
use std::collections::BTreeMap;

/// Following a node's relationships one by one costs several times what reading the same
/// number in table order does: an index-found end with fewer nodes than this share of all
/// nodes anchors the hop, which is then searched node by node.
const ANCHOR_SHARE: usize = 8;

/// The constraints of one end of the hop, with its property map evaluated once.
struct Wanted<'p> {
    /// No constraint at all.
    free: bool,
    labels: &'p [String],
    props: Option<BTreeMap<String, Value>>,
}

impl<'p> Wanted<'p> {
    fn new(labels: &'p [String], props: Option<BTreeMap<String, Value>>) -> Wanted<'p> {
        Wanted { free: labels.is_empty() && props.is_none(), labels, props }
    }
}

/// What pre-evaluating a property map gave.
enum Props {
    /// Matches when these properties are equal.
    Map(Option<BTreeMap<String, Value>>),
    /// Matches nothing (the map evaluated to null).
    Nothing,
    /// Leave it to the node-by-node search (which reports the error where it would).
    Fallback,
}

impl<'g> Runner<'g> {
    /// Hands every match of `patterns` extending `row` to `sink`, in storage order of the
    /// relationships, when the patterns are a single unanchored hop: one plain part of one
    /// fixed-length relationship, no path variable, no variable bound already, two different
    /// node variables, property maps that read only literals, parameters and the input row,
    /// no end an index finds among few nodes (see `anchored`), and no end with a
    /// [`Seek`](crate::query::plan::Seek). Returns false without calling `sink` otherwise; the caller then runs
    /// [`Runner::for_each_match`], which gives the same matches in node order.
    pub fn scan_hop(&self, patterns: &[PatternPlan], row: &[Value], sink: Sink<'_>) -> Result<bool, Error> {
        let Some(slots) = hop_slots(patterns) else { return Ok(false) };
        let scan = match self.prepare_hop(patterns, row) {
            Hop::Unfit => return Ok(false),
            Hop::Nothing => return Ok(true),
            Hop::Scan(scan) => scan,
        };
        let mut out = row.to_vec();
        out.resize(width(patterns, row), Value::Null);
        scan.each_in(0..scan.bound(), &mut || self.ctx.tick(), &mut |_, x, rid, _, y| {
            emit(&mut out, slots, (x, rid, y), sink)
        })?;
        Ok(true)
    }

    /// Checks that `patterns` are a single unanchored hop (see [`Runner::scan_hop`]) and
    /// evaluates what its matches must satisfy.
    pub fn prepare_hop<'p>(&self, patterns: &'p [PatternPlan], row: &[Value]) -> Hop<'p, 'g> {
        let [p] = patterns else { return Hop::Unfit };
        let ([from, to], [rel]) = (p.nodes.as_slice(), p.rels.as_slice()) else { return Hop::Unfit };
        let bound = row.len();
        let slots = [from.slot, rel.slot, to.slot];
        if p.kind != PathKind::Plain
            || p.path_slot.is_some()
            || from.seek.is_some()
            || to.seek.is_some()
            || rel.length.is_some()
            || slots.iter().any(|s| *s < bound)
            || from.slot == to.slot
            || rel.slot == from.slot
            || rel.slot == to.slot
        {
            return Hop::Unfit;
        }
        let maps = [&from.props, &rel.props, &to.props].map(|e| self.static_props(e.as_ref(), row));
        if maps.iter().any(|m| matches!(m, Props::Fallback)) {
            return Hop::Unfit;
        }
        if maps.iter().any(|m| matches!(m, Props::Nothing)) {
            return Hop::Nothing;
        }
        let [a, r, b] = maps.map(|m| match m {
            Props::Map(m) => m,
            Props::Nothing | Props::Fallback => None,
        });
        let (a, b) = (Wanted::new(&from.labels, a), Wanted::new(&to.labels, b));
        // A label no node carries, or types none of which exist: no match.
        if [from, to].iter().any(|n| n.labels.iter().any(|l| self.graph.label_count(l) == 0)) {
            return Hop::Nothing;
        }
        if self.anchored(&a) || self.anchored(&b) {
            return Hop::Unfit;
        }
        let types = (!rel.types.is_empty())
            .then(|| rel.types.iter().filter_map(|t| self.graph.sym(t)).collect::<Vec<_>>());
        if types.as_ref().is_some_and(Vec::is_empty) {
            return Hop::Nothing;
        }
        Hop::Scan(HopScan { graph: self.graph, a, b, r, types, direction: rel.direction })
    }

    /// True when the name index or a property index finds the nodes `w` asks for, and they
    /// are fewer than a [`ANCHOR_SHARE`] of all nodes: with an average number of relationships
    /// each, the node-by-node search then starts there and reads a small part of the
    /// relationships where a scan reads them all.
    fn anchored(&self, w: &Wanted<'_>) -> bool {
        let Some(props) = &w.props else { return false };
        let few = self.graph.node_count() / ANCHOR_SHARE;
        props.iter().any(|(key, value)| {
            if key == "name"
                && let Value::String(name) = value
            {
                return self.graph.nodes_named(name).nth(few).is_none();
            }
            w.labels
                .iter()
                .any(|label| self.graph.index_lookup(label, key, value).is_some_and(|ids| ids.len() <= few))
        })
    }

    /// Evaluates a pattern's property map once, when it reads nothing the match binds.
    fn static_props(&self, props: Option<&Expr>, row: &[Value]) -> Props {
        let Some(expr) = props else { return Props::Map(None) };
        if !expr.is_fixed(row.len()) {
            return Props::Fallback;
        }
        match self.eval(expr, Frame::row(row)) {
            Ok(Value::Map(m)) => Props::Map(Some(m)),
            Ok(Value::Null) => Props::Nothing,
            _ => Props::Fallback,
        }
    }
}

/// What [`Runner::prepare_hop`] found.
pub enum Hop<'p, 'g> {
    /// The patterns are not a single unanchored hop.
    Unfit,
    /// They are, and nothing can match (a null property map, an unknown label or type).
    Nothing,
    /// They are: scan with this.
    Scan(HopScan<'p, 'g>),
}

/// A single unanchored hop, ready to scan: what each match must satisfy, evaluated once. It
/// holds no reference to the query's context, so several threads may each scan a part of the
/// relationship table with it.
pub struct HopScan<'p, 'g> {
    graph: &'g Graph,
    a: Wanted<'p>,
    b: Wanted<'p>,
    r: Option<BTreeMap<String, Value>>,
    types: Option<Vec<Sym>>,
    direction: Direction,
}

impl HopScan<'_, '_> {
    /// One past the last position of the relationship table.
    pub fn bound(&self) -> usize {
        self.graph.rel_bound()
    }

    /// Hands every match among the relationships at positions `range` to `each`, with its
    /// place in a whole scan (twice the position, plus one for the second orientation of an
    /// undirected match), so that matches found by several threads can be put back in order.
    /// `tick` is called once per relationship read.
    pub fn each_in(
        &self,
        range: std::ops::Range<usize>,
        tick: &mut impl FnMut() -> Result<(), Error>,
        each: &mut impl FnMut(u64, NodeId, RelId, Sym, NodeId) -> Result<(), Error>,
    ) -> Result<(), Error> {
        let both = self.direction == Direction::Both;
        let (a, b, r) = (&self.a, &self.b, self.r.as_ref());
        for (at, rid, rel_type, start, end) in self.graph.scan_rels_in(self.types.as_deref(), range) {
            tick()?;
            if r.is_some() && !self.rel_ok(r, rid) {
                continue;
            }
            let at = at as u64;
            // In text order: `from` is at the start of `->`, at the end of `<-`.
            let (x, y) = if self.direction == Direction::Incoming { (end, start) } else { (start, end) };
            if (a.free || self.node_ok(a, x)) && (b.free || self.node_ok(b, y)) {
                each(2 * at, x, rid, rel_type, y)?;
            }
            if both && x != y && (a.free || self.node_ok(a, y)) && (b.free || self.node_ok(b, x)) {
                each(2 * at + 1, y, rid, rel_type, x)?;
            }
        }
        Ok(())
    }

    #[inline]
    fn node_ok(&self, w: &Wanted<'_>, id: NodeId) -> bool {
        w.labels.iter().all(|l| self.graph.has_label(id, l))
            && w.props.as_ref().is_none_or(|m| {
                let actual = self.graph.node_props(id);
                m.iter()
                    .all(|(k, v)| actual.and_then(|p| p.get(k)).is_some_and(|x| x.cypher_eq(v) == Some(true)))
            })
    }

    #[inline]
    fn rel_ok(&self, props: Option<&BTreeMap<String, Value>>, id: RelId) -> bool {
        props.is_none_or(|m| {
            let actual = self.graph.rel_props(id);
            m.iter().all(|(k, v)| actual.and_then(|p| p.get(k)).is_some_and(|x| x.cypher_eq(v) == Some(true)))
        })
    }
}

/// The row slots of (`from`, relationship, `to`) when `patterns` has the shape of one hop (the
/// rest of what [`Runner::prepare_hop`] requires is checked there).
pub fn hop_slots(patterns: &[PatternPlan]) -> Option<[usize; 3]> {
    let [p] = patterns else { return None };
    let ([from, to], [rel]) = (p.nodes.as_slice(), p.rels.as_slice()) else { return None };
    Some([from.slot, rel.slot, to.slot])
}

/// Writes one match into the row and hands it on. The slots hold ids from the previous match
/// (or null), so they are overwritten in place, with nothing to drop.
#[inline]
fn emit(
    out: &mut [Value],
    [a, r, b]: [usize; 3],
    (x, rid, y): (NodeId, RelId, NodeId),
    sink: Sink<'_>,
) -> Result<(), Error> {
    super::put(&mut out[a], Value::Node(x));
    super::put(&mut out[r], Value::Relationship(rid));
    super::put(&mut out[b], Value::Node(y));
    sink(out)
}

#[cfg(test)]
mod tests {
    use crate::Database;
    use crate::graph::Graph;
    use crate::model::{Mutation, NodeId, Properties, RelId, Value};
    use crate::query::ast::{Statement, parse_cypher};
    use crate::query::exec::{Ctx, Params, Runner};
    use crate::query::plan::{Op, PatternPlan, plan};
    use proptest::prelude::*;

    /// A random graph: nodes with labels from {A, B} and maybe `k`; relationships of types
    /// X, Y, Z between any two of them (self-loops included), maybe with `w`; then some
    /// relationships deleted, and some nodes left without relationships deleted.
    #[derive(Debug, Clone)]
    struct Spec {
        nodes: Vec<(u8, Option<i64>)>,
        rels: Vec<(usize, usize, u8, Option<i64>, bool)>,
        drop_lonely: Vec<bool>,
    }

    fn spec() -> impl Strategy<Value = Spec> {
        (1usize..9).prop_flat_map(|n| {
            (
                proptest::collection::vec((0u8..4, proptest::option::of(0i64..3)), n),
                proptest::collection::vec(
                    (0..n, 0..n, 0u8..3, proptest::option::of(0i64..2), proptest::bool::weighted(0.2)),
                    0..24,
                ),
                proptest::collection::vec(any::<bool>(), n),
            )
                .prop_map(|(nodes, rels, drop_lonely)| Spec { nodes, rels, drop_lonely })
        })
    }

    fn props(key: &str, value: Option<i64>) -> Properties {
        value.map(|v| (key.to_owned(), Value::Int(v))).into_iter().collect()
    }

    fn mutations(spec: &Spec) -> Vec<Mutation> {
        let mut batch = Vec::new();
        for (i, (labels, k)) in spec.nodes.iter().enumerate() {
            let labels = [("A", 1), ("B", 2)].iter().filter(|(_, bit)| labels & bit != 0);
            batch.push(Mutation::CreateNode {
                id: NodeId(i as u64),
                labels: labels.map(|(l, _)| (*l).to_owned()).collect(),
                properties: props("k", *k),
            });
        }
        for (i, (start, end, t, w, _)) in spec.rels.iter().enumerate() {
            batch.push(Mutation::CreateRelationship {
                id: RelId(i as u64),
                rel_type: ["X", "Y", "Z"][*t as usize].to_owned(),
                start: NodeId(*start as u64),
                end: NodeId(*end as u64),
                properties: props("w", *w),
            });
        }
        for (i, rel) in spec.rels.iter().enumerate() {
            if rel.4 {
                batch.push(Mutation::DeleteRelationship { id: RelId(i as u64) });
            }
        }
        for (i, drop) in spec.drop_lonely.iter().enumerate() {
            let lonely = spec.rels.iter().all(|(a, b, .., deleted)| *deleted || (*a != i && *b != i));
            if *drop && lonely {
                batch.push(Mutation::DeleteNode { id: NodeId(i as u64) });
            }
        }
        batch
    }

    fn build(spec: &Spec) -> Graph {
        let mut g = Graph::new();
        g.apply(&mutations(spec)).unwrap();
        g
    }

    /// The patterns of the first `MATCH` of `query`.
    fn patterns_of(query: &str) -> Vec<PatternPlan> {
        let Statement::Query(q) = parse_cypher(query).unwrap() else { panic!("not a query: {query}") };
        let plan = plan(&q).unwrap();
        let found = plan.parts[0].ops.iter().find_map(|op| match op {
            Op::Match { patterns, .. } => Some(patterns.clone()),
            _ => None,
        });
        found.unwrap()
    }

    type Rows = Vec<Vec<Value>>;

    /// The matches found node by node and by the scan, sorted; `None` when the scan declines.
    fn both_ways(g: &Graph, query: &str, row: &[Value]) -> Option<(Rows, Rows)> {
        let patterns = patterns_of(query);
        let ctx = Ctx::new(Params::from([("k".to_owned(), Value::Int(1))]), None, None);
        let runner = Runner { graph: g, ctx: &ctx };
        let mut walked = Vec::new();
        runner
            .for_each_match(&patterns, None, row, &mut |r| {
                walked.push(r.to_vec());
                Ok(())
            })
            .unwrap();
        let mut scanned = Vec::new();
        let took = runner
            .scan_hop(&patterns, row, &mut |r| {
                scanned.push(r.to_vec());
                Ok(())
            })
            .unwrap();
        walked.sort();
        scanned.sort();
        took.then_some((walked, scanned))
    }

    const HOPS: &[&str] = &[
        "MATCH (a)-[r]->(b) RETURN 1",
        "MATCH (a)<-[r]-(b) RETURN 1",
        "MATCH (a)-[r]-(b) RETURN 1",
        "MATCH ()-[r]-() RETURN 1",
        "MATCH (a:A)-[r:X]->(b) RETURN 1",
        "MATCH (a)-[r:X|Y]-(b:B) RETURN 1",
        "MATCH (a:A:B)<-[r]-(b {k: 1}) RETURN 1",
        "MATCH (a {k: $k})-[r {w: 0}]-(b:A) RETURN 1",
        "MATCH (a)-[:Z {w: 1}]->(b:B {k: 2}) RETURN 1",
        "MATCH (a {k: null})-[r]->(b) RETURN 1",
        "MATCH (a)-[r:NOPE]->(b) RETURN 1",
        "MATCH (a)-[r:NOPE|Y]-(b) RETURN 1",
        "MATCH (a:NOPE)-[r]-(b) RETURN 1",
    ];

    proptest! {
        #![proptest_config(ProptestConfig::with_cases(64))]

        #[test]
        fn the_scan_finds_what_the_walk_finds(spec in spec()) {
            let g = build(&spec);
            for query in HOPS {
                let (walked, scanned) = both_ways(&g, query, &[]).expect(query);
                prop_assert_eq!(walked, scanned, "{}", query);
            }
            // A variable of the input row read by a property map.
            let (walked, scanned) =
                both_ways(&g, "WITH 1 AS one MATCH (a {k: one})-[r]-(b) RETURN 1", &[Value::Int(1)]).unwrap();
            prop_assert_eq!(walked, scanned);
        }

        #[test]
        fn counting_queries_agree_with_the_streamed_rows(spec in spec()) {
            let db = Database::in_memory();
            db.apply(mutations(&spec)).unwrap();
            let params = Params::from([("k".to_owned(), Value::Int(1))]);
            // PROFILE counts rows per step, so it keeps the node-by-node path.
            for query in [
                "MATCH (a)-[r]->(b) RETURN type(r) AS t, b.k AS k, count(*) AS c ORDER BY c DESC, t, k",
                "MATCH (a)-[r]-(b:A) WHERE r.w IS NULL OR a.k < b.k \
                 RETURN a.k AS k, count(DISTINCT b) AS n, count(r.w) * 2 AS w ORDER BY k",
                "MATCH (a {k: $k})<-[r:X|Z]-(b) RETURN count(*) AS c",
                "MATCH (a)-[r]-(b) RETURN DISTINCT count(*) + 1 AS c",
                // Counted straight from the scan (`count(*)` by `type(r)` and end properties).
                "MATCH (a)<-[r]-(b) RETURN b.k AS k, type(r) AS t, count(*) AS c, count(*) AS d ORDER BY k, t",
                "MATCH (a:A)-[r]-(b) RETURN a.k AS k, count(*) AS c ORDER BY k",
                "MATCH (a)-[r:Y|NOPE]->(b:B) RETURN b.nope AS n, count(*) AS c",
                // Several input rows counted into the same groups.
                "UNWIND [1, 2, 1, null] AS i MATCH (a {k: i})-[r]->(b) RETURN b.k AS k, count(*) AS c ORDER BY k",
                // Declined: a relationship property as key.
                "MATCH (a)-[r]->(b) RETURN r.w AS w, count(*) AS c ORDER BY w",
            ] {
                let direct = db.query(query, &params).unwrap().rows;
                let streamed = db.query(&format!("PROFILE {query}"), &params).unwrap().rows;
                prop_assert_eq!(direct, streamed, "{}", query);
            }
        }
    }

    #[test]
    fn counted_groups_come_in_the_order_of_their_first_match_in_storage_order() {
        // Unit tests count with three threads even on a graph this small.
        let spec = Spec {
            nodes: (0..12).map(|i| ((i % 4) as u8, Some(i as i64 % 3))).collect(),
            rels: (0..40)
                .map(|i| ((i * 7) % 12, (i * 5 + 3) % 12, ((i / 2) % 3) as u8, None, i % 9 == 4))
                .collect(),
            drop_lonely: vec![],
        };
        let db = Database::in_memory();
        db.apply(mutations(&spec)).unwrap();
        let got = db
            .query("MATCH (a)-[r]->(b) RETURN type(r) AS t, b.k AS k, count(*) AS c", &Params::new())
            .unwrap();
        let g = build(&spec);
        let mut expected: Vec<(Value, Value, i64)> = Vec::new();
        for (_, _, t, _, b) in g.scan_rels_in(None, 0..g.rel_bound()) {
            let t = Value::from(g.sym_name(t));
            let k = g.node_props(b).and_then(|p| p.get("k").cloned()).unwrap_or(Value::Null);
            match expected.iter_mut().find(|(t2, k2, _)| *t2 == t && *k2 == k) {
                Some(e) => e.2 += 1,
                None => expected.push((t, k, 1)),
            }
        }
        let expected: Vec<Vec<Value>> =
            expected.into_iter().map(|(t, k, c)| vec![t, k, Value::Int(c)]).collect();
        assert!(expected.len() > 3, "{expected:?}");
        assert_eq!(got.rows, expected);
    }

    #[test]
    fn a_cancelled_query_stops_the_counting_threads() {
        // Enough relationships that each of the three counting threads checks the flag.
        let spec = Spec {
            nodes: vec![(1, Some(1)); 50],
            rels: (0..15_000).map(|i| (i % 50, (i * 7) % 50, (i % 3) as u8, None, false)).collect(),
            drop_lonely: vec![],
        };
        let db = Database::in_memory();
        db.apply(mutations(&spec)).unwrap();
        let query = "MATCH (a)-[r]->(b) RETURN type(r) AS t, b.k AS k, count(*) AS c";
        let counted: i64 =
            db.query(query, &Params::new()).unwrap().rows.iter().map(|r| r[2].as_int().unwrap()).sum();
        assert_eq!(counted, 15_000);
        let cancel = std::sync::Arc::new(std::sync::atomic::AtomicBool::new(true));
        let options = crate::QueryOptions { timeout: None, cancel: Some(cancel) };
        let err = db.query_with(query, &Params::new(), &options).expect_err("cancelled");
        assert!(err.to_string().contains("cancelled"), "{err}");
    }

    #[test]
    fn an_end_an_index_finds_among_few_nodes_is_left_to_the_search() {
        // 40 nodes in a chain, each with a name and `k` of its own; the first 8 are also named
        // "twin" and have `g` 1. An anchor finds at most 40 / 8 = 5 nodes.
        let mut batch: Vec<Mutation> = (0..40u64)
            .map(|i| {
                let name = if i < 8 { "twin".to_owned() } else { format!("n{i}") };
                let g = Value::Int(i64::from(i < 8));
                let properties = [("name", Value::from(name)), ("k", Value::Int(i as i64)), ("g", g)];
                Mutation::CreateNode {
                    id: NodeId(i),
                    labels: vec!["A".into()],
                    properties: properties.into_iter().map(|(k, v)| (k.to_owned(), v)).collect(),
                }
            })
            .collect();
        for i in 0..39u64 {
            batch.push(Mutation::CreateRelationship {
                id: RelId(i),
                rel_type: "X".into(),
                start: NodeId(i),
                end: NodeId(i + 1),
                properties: Properties::new(),
            });
        }
        let mut g = Graph::new();
        g.apply(&batch).unwrap();
        let scans = |g: &Graph, query: &str| {
            let patterns = patterns_of(query);
            let ctx = Ctx::new(Params::new(), None, None);
            let runner = Runner { graph: g, ctx: &ctx };
            runner.scan_hop(&patterns, &[], &mut |_| Ok(())).unwrap()
        };
        // The name index always exists.
        assert!(!scans(&g, "MATCH (a {name: 'n9'})-[r]->(b) RETURN 1"));
        assert!(!scans(&g, "MATCH (a)-[r]-(b {name: 'n9'}) RETURN 1"));
        assert!(!scans(&g, "MATCH (a {name: 'nobody'})-[r]->(b) RETURN 1"), "no node at all");
        assert!(scans(&g, "MATCH (a {name: 'twin'})-[r]->(b) RETURN 1"), "too many nodes");
        // A property is an anchor once it is indexed for one of the node's labels.
        assert!(scans(&g, "MATCH (a:A {k: 5})-[r]->(b) RETURN 1"));
        g.apply(&[Mutation::CreateIndex { label: "A".into(), key: "k".into() }]).unwrap();
        g.apply(&[Mutation::CreateIndex { label: "A".into(), key: "g".into() }]).unwrap();
        assert!(!scans(&g, "MATCH (a:A {k: 5})-[r]->(b) RETURN 1"));
        assert!(!scans(&g, "MATCH (a)<-[r]-(b:A {k: 5}) RETURN 1"));
        assert!(scans(&g, "MATCH (a {k: 5})-[r]->(b) RETURN 1"), "no label, no index");
        assert!(scans(&g, "MATCH (a:A {g: 1})-[r]->(b) RETURN 1"), "too many nodes");
    }

    #[test]
    fn the_scan_declines_what_it_cannot_read_in_one_pass() {
        let g = build(&Spec {
            nodes: vec![(1, Some(1)); 3],
            rels: vec![(0, 1, 0, None, false)],
            drop_lonely: vec![],
        });
        for query in [
            "MATCH (a)-[r]->(a) RETURN 1",
            "MATCH (a)-[r*1..2]->(b) RETURN 1",
            "MATCH p = (a)-[r]->(b) RETURN 1",
            "MATCH (a)-[r]->(b)-[s]->(c) RETURN 1",
            "MATCH (a)-[r]->(b), (c) RETURN 1",
            "MATCH (a)-[r]->(b {k: a.k}) RETURN 1",
            "MATCH (a)-[r {w: 1 / 0}]->(b) RETURN 1",
            "MATCH (a {k: $missing})-[r]->(b) RETURN 1",
            "MATCH shortestPath((a)-[r*]->(b)) RETURN 1",
        ] {
            let patterns = patterns_of(query);
            let ctx = Ctx::new(Params::new(), None, None);
            let runner = Runner { graph: &g, ctx: &ctx };
            let took = runner.scan_hop(&patterns, &[], &mut |_| Ok(())).unwrap();
            assert!(!took, "{query}");
        }
    }
}
