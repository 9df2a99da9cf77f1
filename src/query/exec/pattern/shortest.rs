//! `shortestPath` and `allShortestPaths`: a bidirectional breadth-first search.
//!
//! Both ends of the pattern are bound when the search runs, so it grows one BFS from each end,
//! a whole level at a time, always the side with the smaller frontier. The two meet after
//! visiting roughly the square root of what a one-sided search visits. Each side keeps, per
//! node reached, its depth and one parent (further parents of the same depth only for
//! `allShortestPaths`), in a foldhash map keyed by node id. The relationship type, direction and
//! property filters apply on both sides (the backward side follows relationships against their
//! direction), and the two depths together never exceed the maximum length.
//!
//! Why meeting after a level gives the shortest length: when neither side has reached a node of
//! the other, every path is longer than the two depths together. When the side that just grew
//! to depth `d` reaches nodes of the other side (at depth `e`), each such node `v` is exactly at
//! depth `e` there — a parent of `v` at depth `d - 1` would otherwise already have been
//! reached by both — so every shortest path has length `d + e` and passes through one of them,
//! at position `d` from the growing side's end.

use super::{Search, flip};
use crate::error::Error;
use crate::graph::{Dir, Sym};
use crate::model::{NodeId, Path, RelId, Value};
use crate::query::ast::PathKind;
use crate::query::exec::Runner;
use crate::query::plan::{PatternPlan, RelPlan};

type Map<K, V> = std::collections::HashMap<K, V, foldhash::fast::RandomState>;

/// A link toward the root of a side: the previous node and the relationship to it.
type Link = (NodeId, RelId);

/// One side of the search: what it has reached and its current frontier.
struct Side {
    dir: Dir,
    /// Depth of every node reached, and its first parent (none for the root).
    seen: Map<NodeId, (u64, Option<Link>)>,
    /// Further parents at the same depth (only when every shortest path is wanted).
    more: Map<NodeId, Vec<Link>>,
    frontier: Vec<NodeId>,
    depth: u64,
}

impl Side {
    fn new(root: NodeId, dir: Dir) -> Side {
        let mut seen = Map::default();
        seen.insert(root, (0, None));
        Side { dir, seen, more: Map::default(), frontier: vec![root], depth: 0 }
    }

    /// Every chain of links from `node` back to the root: nodes from `node` to the root, and
    /// the relationships between them. With `all` false, only the first.
    fn chains(&self, node: NodeId, all: bool) -> Vec<(Vec<NodeId>, Vec<RelId>)> {
        let mut out = Vec::new();
        self.walk_back(node, &mut vec![node], &mut Vec::new(), &mut out, all);
        out
    }

    fn walk_back(
        &self,
        node: NodeId,
        nodes: &mut Vec<NodeId>,
        rels: &mut Vec<RelId>,
        out: &mut Vec<(Vec<NodeId>, Vec<RelId>)>,
        all: bool,
    ) {
        let Some((_, first)) = self.seen.get(&node) else { return };
        let Some(first) = first else {
            out.push((nodes.clone(), rels.clone()));
            return;
        };
        let more = if all { self.more.get(&node).map_or(&[][..], Vec::as_slice) } else { &[] };
        for (prev, rid) in std::iter::once(first).chain(more) {
            nodes.push(*prev);
            rels.push(*rid);
            self.walk_back(*prev, nodes, rels, out, all);
            nodes.pop();
            rels.pop();
            if !all && !out.is_empty() {
                return;
            }
        }
    }
}

/// The reverse of a direction, for the side that starts at the far end.
fn reverse(dir: Dir) -> Dir {
    match dir {
        Dir::Out => Dir::In,
        Dir::In => Dir::Out,
        Dir::Both => Dir::Both,
    }
}

impl Runner<'_> {
    /// Matches a `shortestPath` / `allShortestPaths` part, then the parts after it.
    pub(super) fn shortest_part(&self, s: &mut Search, parts: &[PatternPlan], i: usize) -> Result<(), Error> {
        let p = &parts[i];
        let (a, b, rel) = (&p.nodes[0], &p.nodes[1], &p.rels[0]);
        let (min, max) = rel.length.unwrap_or((1, 1));
        for from in self.candidates(s, a)? {
            let Some(a_here) = self.try_node(s, a, from)? else { continue };
            for to in self.candidates(s, b)? {
                let Some(b_here) = self.try_node(s, b, to)? else { continue };
                let paths =
                    self.shortest_paths(s, rel, from, to, (min, max), p.kind == PathKind::AllShortest)?;
                for path in paths {
                    let list = Value::List(path.rels.iter().map(|r| Value::Relationship(*r)).collect());
                    let rel_here = !s.assigned[rel.slot];
                    if rel_here {
                        s.assign(rel.slot, list);
                    }
                    if let Some(slot) = p.path_slot {
                        s.assign(slot, Value::Path(Box::new(path)));
                    }
                    self.part(s, parts, i + 1)?;
                    if let Some(slot) = p.path_slot {
                        s.unassign(slot);
                    }
                    if rel_here {
                        s.unassign(rel.slot);
                    }
                }
                if b_here {
                    s.unassign(b.slot);
                }
            }
            if a_here {
                s.unassign(a.slot);
            }
        }
        Ok(())
    }

    /// The shortest paths from `from` to `to` (one, or all of them) whose length is at most
    /// `max`; none when the shortest is shorter than `min`.
    fn shortest_paths(
        &self,
        s: &Search,
        rel: &RelPlan,
        from: NodeId,
        to: NodeId,
        (min, max): (u64, u64),
        all: bool,
    ) -> Result<Vec<Path>, Error> {
        if from == to {
            return Ok(if min == 0 { vec![Path { nodes: vec![from], rels: vec![] }] } else { vec![] });
        }
        let types = self.type_syms(rel);
        let dir = flip(rel.direction, false);
        let mut fwd = Side::new(from, dir);
        let mut bwd = Side::new(to, reverse(dir));
        let meeting = loop {
            if fwd.depth + bwd.depth >= max || fwd.frontier.is_empty() || bwd.frontier.is_empty() {
                return Ok(vec![]);
            }
            let meeting = if fwd.frontier.len() <= bwd.frontier.len() {
                self.grow(s, rel, types.as_deref(), &mut fwd, &bwd, all)?
            } else {
                self.grow(s, rel, types.as_deref(), &mut bwd, &fwd, all)?
            };
            if !meeting.is_empty() {
                break meeting;
            }
        };
        if fwd.depth + bwd.depth < min {
            return Ok(vec![]);
        }
        let mut out = Vec::new();
        for m in meeting {
            for (mut head_nodes, mut head_rels) in fwd.chains(m, all) {
                head_nodes.reverse();
                head_rels.reverse();
                for (tail_nodes, tail_rels) in bwd.chains(m, all) {
                    let nodes = head_nodes.iter().chain(&tail_nodes[1..]).copied().collect();
                    let rels = head_rels.iter().chain(&tail_rels).copied().collect();
                    out.push(Path { nodes, rels });
                    if !all {
                        return Ok(out);
                    }
                }
            }
        }
        Ok(out)
    }

    /// Grows `side` by one level; returns the new nodes the `other` side has reached (with
    /// `all` false, stops at the first such node).
    fn grow(
        &self,
        s: &Search,
        rel: &RelPlan,
        types: Option<&[Sym]>,
        side: &mut Side,
        other: &Side,
        all: bool,
    ) -> Result<Vec<NodeId>, Error> {
        let depth = side.depth + 1;
        let mut next = Vec::new();
        let mut meeting = Vec::new();
        for cur in std::mem::take(&mut side.frontier) {
            for (rid, node) in self.graph.expand(cur, side.dir, types) {
                self.ctx.tick()?;
                if !self.props_match(s, rel.props.as_ref(), || self.graph.rel_props(rid))? {
                    continue;
                }
                match side.seen.entry(node) {
                    std::collections::hash_map::Entry::Vacant(e) => {
                        e.insert((depth, Some((cur, rid))));
                        next.push(node);
                        if other.seen.contains_key(&node) {
                            meeting.push(node);
                            if !all {
                                side.depth = depth;
                                return Ok(meeting);
                            }
                        }
                    }
                    std::collections::hash_map::Entry::Occupied(e) if all && e.get().0 == depth => {
                        side.more.entry(node).or_default().push((cur, rid));
                    }
                    std::collections::hash_map::Entry::Occupied(_) => {}
                }
            }
        }
        side.frontier = next;
        side.depth = depth;
        Ok(meeting)
    }
}

#[cfg(test)]
mod tests {
    use crate::{Database, Params, Value};
    use std::collections::BTreeSet;

    /// A small deterministic multigraph: `n` nodes with `i` = 0..n, `m` relationships of types
    /// `A` and `B` (self-loops and parallel relationships included), from a seeded generator.
    fn random_graph(seed: u64, n: u64, m: u64) -> Database {
        let db = Database::in_memory();
        let mut state = seed.wrapping_mul(6364136223846793005).wrapping_add(1442695040888963407);
        let mut next = move |bound: u64| {
            state = state.wrapping_mul(6364136223846793005).wrapping_add(1442695040888963407);
            (state >> 33) % bound
        };
        db.execute(&format!("UNWIND range(0, {}) AS i CREATE (:N {{i: i}})", n - 1), &Params::new()).unwrap();
        for _ in 0..m {
            let (a, b) = (next(n), next(n));
            let t = if next(3) == 0 { "B" } else { "A" };
            let q =
                format!("MATCH (a:N {{i: {a}}}), (b:N {{i: {b}}}) CREATE (a)-[:{t} {{w: {}}}]->(b)", next(2));
            db.execute(&q, &Params::new()).unwrap();
        }
        db
    }

    fn rel_lists(db: &Database, query: &str, a: u64, b: u64) -> Vec<Vec<i64>> {
        let params =
            Params::from([("a".to_owned(), Value::Int(a as i64)), ("b".to_owned(), Value::Int(b as i64))]);
        let result = db.query(query, &params).unwrap();
        let ids = |v: &Value| match v {
            Value::List(items) => items.iter().map(|x| if let Value::Int(i) = x { *i } else { -1 }).collect(),
            other => panic!("expected a list, got {other:?}"),
        };
        result.rows.iter().map(|row| ids(&row[0])).collect()
    }

    /// Checks `shortestPath` and `allShortestPaths` against every trail up to `max` hops,
    /// for one relationship pattern, on every pair of distinct nodes.
    fn check_against_trails(db: &Database, n: u64, rel: &str, max: u64) {
        let trails = format!(
            "MATCH p = (a:N {{i: $a}}){}(b:N {{i: $b}}) RETURN [r IN relationships(p) | id(r)] AS rs",
            rel.replace("*", &format!("*1..{max}"))
        );
        let shortest = |kind: &str| {
            format!(
                "MATCH (a:N {{i: $a}}), (b:N {{i: $b}}) MATCH p = {kind}((a){}(b)) \
                 RETURN [r IN relationships(p) | id(r)] AS rs",
                rel.replace("*", &format!("*..{max}"))
            )
        };
        for a in 0..n {
            for b in (0..n).filter(|b| *b != a) {
                let all_trails = rel_lists(db, &trails, a, b);
                let min = all_trails.iter().map(Vec::len).min();
                let expected: BTreeSet<Vec<i64>> =
                    all_trails.into_iter().filter(|t| Some(t.len()) == min).collect();
                let all = rel_lists(db, &shortest("allShortestPaths"), a, b);
                let all_set: BTreeSet<Vec<i64>> = all.iter().cloned().collect();
                assert_eq!(all.len(), all_set.len(), "{rel} {a}->{b}: a path twice: {all:?}");
                assert_eq!(all_set, expected, "allShortestPaths {rel} {a}->{b}");
                let one = rel_lists(db, &shortest("shortestPath"), a, b);
                assert_eq!(one.len(), usize::from(min.is_some()), "shortestPath {rel} {a}->{b}");
                if let Some(path) = one.first() {
                    assert!(expected.contains(path), "shortestPath {rel} {a}->{b}: {path:?} not shortest");
                }
            }
        }
    }

    #[test]
    fn bidirectional_search_finds_exactly_the_shortest_trails() {
        for seed in 0..4 {
            let (n, m) = (7, 11 + seed);
            let db = random_graph(seed, n, m);
            for rel in ["-[*]->", "<-[*]-", "-[*]-", "-[:A*]->", "-[:A|B*]-", "-[:B*]-", "-[* {w: 1}]-"] {
                for max in [1, 2, 4] {
                    check_against_trails(&db, n, rel, max);
                }
            }
        }
    }
}
