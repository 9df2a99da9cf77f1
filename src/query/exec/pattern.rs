//! Matching patterns against the graph.
//!
//! Each pattern part starts from its cheaper end — a variable bound already, the name index,
//! a property index, the smallest label — and expands relationship by relationship, only along
//! the requested types. Relationships are never reused within one `MATCH` (Cypher's
//! relationship isomorphism). Variable-length parts walk trails; `shortestPath` runs a
//! bidirectional BFS with visited sets instead of enumerating paths (see `shortest`).

use super::Runner;
use super::eval::{Frame, type_error};
use crate::error::Error;
use crate::graph::{Dir, Sym};
use crate::model::{NodeId, Path, RelId, Value};
use crate::query::ast::{Direction, PathKind};
use crate::query::plan::{Expr, NodePlan, PatternPlan, RelPlan, Seek};
use std::borrow::Cow;

mod scan;
pub(super) use scan::{Hop, HopScan, hop_slots};
mod shortest;

/// Takes each row a search finds, in place of collecting it.
type Sink<'f> = &'f mut dyn FnMut(&[Value]) -> Result<(), Error>;

/// The state of one search: the row being filled and what is in use.
struct Search<'f> {
    row: Vec<Value>,
    assigned: Bound,
    used_rels: Vec<RelId>,
    out: Vec<Vec<Value>>,
    first_only: bool,
    /// Per relationship of the current part: relationships and inner nodes, in walk order.
    trace: Vec<(Vec<RelId>, Vec<NodeId>)>,
    /// Where found rows go when they are not collected in `out`.
    sink: Option<Sink<'f>>,
    /// The `MATCH`'s `WHERE`, checked on each complete match before it is kept or handed on.
    filter: Option<&'f Expr>,
}

/// Which slots of a search's row are bound. Up to [`Bound::INLINE`] slots (nearly every pattern)
/// it needs no allocation: a point lookup is a fraction of a microsecond, and an allocation a
/// visible part of that.
enum Bound {
    Inline([bool; Bound::INLINE], usize),
    Heap(Vec<bool>),
}

impl Bound {
    const INLINE: usize = 24;

    fn new(width: usize) -> Bound {
        if width <= Bound::INLINE {
            Bound::Inline([false; Bound::INLINE], width)
        } else {
            Bound::Heap(vec![false; width])
        }
    }
}

impl std::ops::Deref for Bound {
    type Target = [bool];

    fn deref(&self) -> &[bool] {
        match self {
            Bound::Inline(slots, width) => &slots[..*width],
            Bound::Heap(slots) => slots,
        }
    }
}

impl std::ops::DerefMut for Bound {
    fn deref_mut(&mut self) -> &mut [bool] {
        match self {
            Bound::Inline(slots, width) => &mut slots[..*width],
            Bound::Heap(slots) => slots,
        }
    }
}

impl Search<'_> {
    fn done(&self) -> bool {
        self.first_only && !self.out.is_empty()
    }

    fn assign(&mut self, slot: usize, value: Value) {
        put(&mut self.row[slot], value);
        self.assigned[slot] = true;
    }

    fn unassign(&mut self, slot: usize) {
        put(&mut self.row[slot], Value::Null);
        self.assigned[slot] = false;
    }
}

/// Writes `value` into `slot`. A search mostly overwrites ids and nulls, which own nothing:
/// those are replaced without running `Value`'s drop glue (an out-of-line call per write).
#[inline]
pub(super) fn put(slot: &mut Value, value: Value) {
    if matches!(slot, Value::Null | Value::Node(_) | Value::Relationship(_)) {
        std::mem::forget(std::mem::replace(slot, value));
    } else {
        *slot = value;
    }
}

pub(super) fn width(patterns: &[PatternPlan], row: &[Value]) -> usize {
    let slots = patterns
        .iter()
        .flat_map(|p| p.nodes.iter().map(|n| n.slot).chain(p.rels.iter().map(|r| r.slot)).chain(p.path_slot));
    slots.map(|s| s + 1).max().unwrap_or(0).max(row.len())
}

fn flip(dir: Direction, reversed: bool) -> Dir {
    match (dir, reversed) {
        (Direction::Both, _) => Dir::Both,
        (Direction::Outgoing, false) | (Direction::Incoming, true) => Dir::Out,
        _ => Dir::In,
    }
}

impl Search<'_> {
    /// A search extending `row`, widened to hold the patterns' slots.
    fn new(patterns: &[PatternPlan], row: &[Value], first_only: bool) -> Self {
        let width = width(patterns, row);
        let mut search_row = row.to_vec();
        search_row.resize(width, Value::Null);
        let mut assigned = Bound::new(width);
        assigned[..row.len()].iter_mut().for_each(|a| *a = true);
        Search {
            row: search_row,
            assigned,
            used_rels: Vec::new(),
            out: Vec::new(),
            first_only,
            trace: Vec::new(),
            sink: None,
            filter: None,
        }
    }
}

/// The matches of a `MATCH`, found one start node of the first pattern part at a time, so that
/// a scan of the whole graph streams instead of collecting every row first.
pub struct Matches<'a> {
    runner: &'a Runner<'a>,
    patterns: &'a [PatternPlan],
    s: Search<'a>,
    /// The first part's start node pattern, its direction and the candidates left; `None` when
    /// the first part is a shortest path, matched in one go.
    start: Option<(&'a NodePlan, bool, std::vec::IntoIter<NodeId>)>,
    done: bool,
}

impl Matches<'_> {
    /// Fills `batch` (emptied first; its capacity is reused) with the rows found from the next
    /// start candidates; false, with `batch` empty, at the end.
    pub fn next_batch(&mut self, batch: &mut Vec<Vec<Value>>) -> Result<bool, Error> {
        batch.clear();
        if self.done {
            return Ok(false);
        }
        std::mem::swap(&mut self.s.out, batch);
        let found = self.fill();
        std::mem::swap(&mut self.s.out, batch);
        found.map(|()| !batch.is_empty())
    }

    fn fill(&mut self) -> Result<(), Error> {
        let Some((node, reversed, ids)) = &mut self.start else {
            self.done = true;
            return self.runner.part(&mut self.s, self.patterns, 0);
        };
        for id in ids.by_ref() {
            self.runner.walk_from(&mut self.s, self.patterns, 0, node, *reversed, id)?;
            if !self.s.out.is_empty() {
                return Ok(());
            }
        }
        self.done = true;
        Ok(())
    }
}

impl<'a> Runner<'a> {
    /// The matches of `patterns` extending `row` that pass `filter`, as a stream of batches.
    pub fn matches(
        &'a self,
        patterns: &'a [PatternPlan],
        filter: Option<&'a Expr>,
        row: &[Value],
    ) -> Result<Matches<'a>, Error> {
        let mut s = Search::new(patterns, row, false);
        s.filter = filter;
        let start = match patterns.first() {
            Some(p) if p.kind == PathKind::Plain => {
                s.trace = vec![(Vec::new(), Vec::new()); p.rels.len()];
                let (node, reversed, ids) = self.start_of(&s, p)?;
                Some((node, reversed, ids.into_iter()))
            }
            _ => None,
        };
        Ok(Matches { runner: self, patterns, s, start, done: patterns.is_empty() })
    }
}

impl Runner<'_> {
    /// Every way to extend `row` so that all `patterns` match; each result row is widened to
    /// hold the patterns' slots. With `first_only`, stops after the first match.
    pub fn match_patterns(
        &self,
        patterns: &[PatternPlan],
        row: &[Value],
        first_only: bool,
    ) -> Result<Vec<Vec<Value>>, Error> {
        let mut s = Search::new(patterns, row, first_only);
        self.part(&mut s, patterns, 0)?;
        Ok(s.out)
    }

    /// Hands every way to extend `row` so that all `patterns` match and `filter` holds to
    /// `sink`, in order, without keeping them (the row passed is only valid during the call).
    pub fn for_each_match(
        &self,
        patterns: &[PatternPlan],
        filter: Option<&Expr>,
        row: &[Value],
        sink: Sink<'_>,
    ) -> Result<(), Error> {
        let mut s = Search::new(patterns, row, false);
        s.sink = Some(sink);
        s.filter = filter;
        self.part(&mut s, patterns, 0)
    }

    /// Whether `pattern` has a match extending `row` for which `filter`, if any, holds; the
    /// search stops at the first.
    pub fn pattern_exists(
        &self,
        pattern: &PatternPlan,
        filter: Option<&Expr>,
        row: &[Value],
    ) -> Result<bool, Error> {
        let patterns = std::slice::from_ref(pattern);
        let mut s = Search::new(patterns, row, true);
        s.filter = filter;
        self.part(&mut s, patterns, 0)?;
        Ok(!s.out.is_empty())
    }

    /// Matches one pattern (from an expression: `exists`, pattern comprehension).
    pub fn match_pattern_rows(
        &self,
        pattern: &PatternPlan,
        row: &[Value],
        first_only: bool,
    ) -> Result<Vec<Vec<Value>>, Error> {
        self.match_patterns(std::slice::from_ref(pattern), row, first_only)
    }

    fn part(&self, s: &mut Search, parts: &[PatternPlan], i: usize) -> Result<(), Error> {
        let Some(p) = parts.get(i) else {
            if let Some(filter) = s.filter
                && !self.holds(filter, Frame::row(&s.row))?
            {
                return Ok(());
            }
            match &mut s.sink {
                Some(sink) => sink(&s.row)?,
                None => s.out.push(s.row.clone()),
            }
            return Ok(());
        };
        let saved_trace = std::mem::replace(&mut s.trace, vec![(Vec::new(), Vec::new()); p.rels.len()]);
        let result = match p.kind {
            PathKind::Plain => self.plain_part(s, parts, i),
            _ => self.shortest_part(s, parts, i),
        };
        s.trace = saved_trace;
        result
    }

    fn plain_part(&self, s: &mut Search, parts: &[PatternPlan], i: usize) -> Result<(), Error> {
        let p = &parts[i];
        let (start, reversed, ids) = self.start_of(s, p)?;
        for id in ids {
            self.walk_from(s, parts, i, start, reversed, id)?;
            if s.done() {
                break;
            }
        }
        Ok(())
    }

    /// The end a plain part starts from (the cheaper one), whether that is its last node, and
    /// its candidates (an index lookup made to estimate the cost is not made twice).
    fn start_of<'p>(
        &self,
        s: &Search,
        p: &'p PatternPlan,
    ) -> Result<(&'p NodePlan, bool, Vec<NodeId>), Error> {
        let last = p.nodes.len() - 1;
        if last == 0 {
            return Ok((&p.nodes[0], false, self.candidates(s, &p.nodes[0])?));
        }
        let (last_cost, last_ids) = self.start_cost(s, &p.nodes[last])?;
        let (first_cost, first_ids) = self.start_cost(s, &p.nodes[0])?;
        let (node, reversed, ids) = if last_cost < first_cost {
            (&p.nodes[last], true, last_ids)
        } else {
            (&p.nodes[0], false, first_ids)
        };
        Ok((node, reversed, self.candidates_with(s, node, ids)?))
    }

    /// Matches part `i` (and the parts after it) from one start candidate.
    fn walk_from(
        &self,
        s: &mut Search,
        parts: &[PatternPlan],
        i: usize,
        start: &NodePlan,
        reversed: bool,
        id: NodeId,
    ) -> Result<(), Error> {
        self.ctx.tick()?;
        if let Some(assigned_here) = self.try_node(s, start, id)? {
            self.walk(s, parts, i, 0, id, reversed)?;
            if assigned_here {
                s.unassign(start.slot);
            }
        }
        Ok(())
    }

    /// Estimated number of start candidates for a node pattern, with the candidates when an
    /// index gave them.
    fn start_cost(&self, s: &Search, node: &NodePlan) -> Result<(usize, Option<Vec<NodeId>>), Error> {
        if s.assigned[node.slot] {
            return Ok((0, None));
        }
        if let Some(ids) = self.indexed_candidates(s, node)? {
            return Ok((ids.len(), Some(ids)));
        }
        let by_label = node.labels.iter().map(|l| self.graph.label_count(l)).min();
        Ok((by_label.unwrap_or(self.graph.node_count()), None))
    }

    /// Candidates from the name index or a property index, when the pattern's map allows, or
    /// else from the node's [`Seek`].
    fn indexed_candidates(&self, s: &Search, node: &NodePlan) -> Result<Option<Vec<NodeId>>, Error> {
        if let Some(Expr::Map(items)) = &node.props {
            for (key, expr) in items {
                if key != "name" && node.labels.is_empty() {
                    continue;
                }
                let value = self.eval_borrowed(expr, &s.row)?;
                if let Some(ids) = self.lookup(&node.labels, key, &value) {
                    return Ok(Some(ids));
                }
            }
        }
        Ok(match &node.seek {
            None => None,
            Some(Seek::Id(e)) => Some(
                id_of(self.eval_borrowed(e, &s.row)?.as_ref())
                    .map(NodeId)
                    .filter(|id| self.graph.contains_node(*id))
                    .into_iter()
                    .collect(),
            ),
            Some(Seek::EndsOf(e)) => Some(
                match id_of(self.eval_borrowed(e, &s.row)?.as_ref())
                    .and_then(|id| self.graph.rel_ends(RelId(id)))
                {
                    Some((start, end)) if start == end => vec![start],
                    Some((start, end)) => vec![start, end],
                    None => Vec::new(),
                },
            ),
            Some(Seek::In(key, e)) => match self.eval_borrowed(e, &s.row)?.as_ref() {
                Value::Null => Some(Vec::new()),
                Value::List(items) => {
                    let mut ids = Vec::new();
                    for item in items {
                        // An element no index can look up: leave it to the scan.
                        let Some(found) = self.lookup(&node.labels, key, item) else { return Ok(None) };
                        ids.extend(found);
                    }
                    // 1 and 1.0 find the same nodes.
                    ids.sort_unstable();
                    ids.dedup();
                    Some(ids)
                }
                // Not a list: the filter reports it.
                _ => None,
            },
        })
    }

    /// The nodes with one of `labels` (or any, for `name`) whose `key` equals `value`, when the
    /// name index or a property index can tell.
    fn lookup(&self, labels: &[String], key: &str, value: &Value) -> Option<Vec<NodeId>> {
        if key == "name"
            && let Value::String(name) = value
        {
            return Some(self.graph.nodes_named(name).collect());
        }
        labels.iter().find_map(|label| self.graph.index_lookup(label, key, value))
    }

    /// Evaluates an expression, borrowing a literal instead of copying it.
    fn eval_borrowed<'e>(&self, e: &'e Expr, row: &[Value]) -> Result<Cow<'e, Value>, Error> {
        Ok(match e {
            Expr::Lit(v) => Cow::Borrowed(v),
            other => Cow::Owned(self.eval(other, Frame::row(row))?),
        })
    }

    fn candidates(&self, s: &Search, node: &NodePlan) -> Result<Vec<NodeId>, Error> {
        let indexed = if s.assigned[node.slot] { None } else { self.indexed_candidates(s, node)? };
        self.candidates_with(s, node, indexed)
    }

    /// The start candidates of a node pattern, given what its index lookup found (if any).
    fn candidates_with(
        &self,
        s: &Search,
        node: &NodePlan,
        indexed: Option<Vec<NodeId>>,
    ) -> Result<Vec<NodeId>, Error> {
        if s.assigned[node.slot] {
            return Ok(match &s.row[node.slot] {
                Value::Node(id) => vec![*id],
                Value::Null => vec![],
                other => {
                    return Err(type_error(format!("a pattern node is bound to a {}", other.type_name())));
                }
            });
        }
        if let Some(ids) = indexed {
            return Ok(ids);
        }
        let smallest = node.labels.iter().min_by_key(|l| self.graph.label_count(l));
        Ok(match smallest {
            Some(label) => self.graph.nodes_with_label(label).collect(),
            None => self.graph.node_ids().collect(),
        })
    }

    /// Checks a node against a pattern node; binds it when unbound. `None`: no match;
    /// `Some(true)`: matched and bound here (the caller unbinds); `Some(false)`: matched a binding.
    /// A node bound already (earlier in the pattern, or by an earlier clause) must still have
    /// this occurrence's labels and properties: `MATCH (n) WITH n MATCH (n:A {k: 1})`.
    fn try_node(&self, s: &mut Search, node: &NodePlan, id: NodeId) -> Result<Option<bool>, Error> {
        let bound = s.assigned[node.slot];
        if bound && !matches!(s.row[node.slot], Value::Node(b) if b == id) {
            return Ok(None);
        }
        if !node.labels.iter().all(|l| self.graph.has_label(id, l)) {
            return Ok(None);
        }
        if !self.props_match(s, node.props.as_ref(), || self.graph.node_props(id))? {
            return Ok(None);
        }
        if bound {
            return Ok(Some(false));
        }
        s.assign(node.slot, Value::Node(id));
        Ok(Some(true))
    }

    /// True when the entity whose properties `actual` reads has the pattern's `props`. The
    /// properties are only read when there is a map to check: finding them is a cache miss on
    /// a large graph.
    fn props_match<'g>(
        &self,
        s: &Search,
        props: Option<&Expr>,
        actual: impl FnOnce() -> Option<crate::graph::PropsRef<'g>>,
    ) -> Result<bool, Error> {
        let Some(expr) = props else { return Ok(true) };
        let actual = actual();
        if let Expr::Map(items) = expr {
            // Item by item, without building the map. Every item is still evaluated (an error
            // anywhere in the map is an error, as when the map is built), and a key given twice
            // is compared with its last value, the one the map would keep.
            let mut all = true;
            for (i, (key, e)) in items.iter().enumerate() {
                let wanted = self.eval_borrowed(e, &s.row)?;
                if !all || items[i + 1..].iter().any(|(later, _)| later == key) {
                    continue;
                }
                all = actual.and_then(|a| a.get(key)).is_some_and(|x| x.cypher_eq(&wanted) == Some(true));
            }
            return Ok(all);
        }
        let wanted = match self.eval(expr, Frame::row(&s.row))? {
            Value::Map(m) => m,
            Value::Null => return Ok(false),
            other => {
                return Err(type_error(format!(
                    "pattern properties must be a map, got a {}",
                    other.type_name()
                )));
            }
        };
        Ok(wanted
            .iter()
            .all(|(k, v)| actual.and_then(|a| a.get(k)).is_some_and(|x| x.cypher_eq(v) == Some(true))))
    }

    fn type_syms(&self, rel: &RelPlan) -> Option<Vec<Sym>> {
        (!rel.types.is_empty()).then(|| rel.types.iter().filter_map(|t| self.graph.sym(t)).collect())
    }

    /// Follows relationship `k` of the walk order from node `cur`.
    fn walk(
        &self,
        s: &mut Search,
        parts: &[PatternPlan],
        i: usize,
        k: usize,
        cur: NodeId,
        reversed: bool,
    ) -> Result<(), Error> {
        let p = &parts[i];
        if k == p.rels.len() {
            return self.finish_part(s, parts, i, reversed);
        }
        let r = if reversed { p.rels.len() - 1 - k } else { k };
        let rel = &p.rels[r];
        let next = if reversed { &p.nodes[r] } else { &p.nodes[r + 1] };
        let dir = flip(rel.direction, reversed);
        let types = self.type_syms(rel);
        match rel.length {
            None => self.step_fixed(s, parts, i, k, cur, reversed, (rel, next, dir, types.as_deref())),
            Some((min, max)) => {
                let mut rels = Vec::new();
                let mut nodes = Vec::new();
                let env = VarStep { rel, next, dir, types: types.as_deref(), min, max, r };
                self.step_var(s, parts, i, k, cur, reversed, &env, &mut rels, &mut nodes)
            }
        }
    }

    #[allow(clippy::too_many_arguments)]
    fn step_fixed(
        &self,
        s: &mut Search,
        parts: &[PatternPlan],
        i: usize,
        k: usize,
        cur: NodeId,
        reversed: bool,
        (rel, next, dir, types): (&RelPlan, &NodePlan, Dir, Option<&[Sym]>),
    ) -> Result<(), Error> {
        let r = if reversed { parts[i].rels.len() - 1 - k } else { k };
        for (rid, other) in self.graph.expand(cur, dir, types) {
            self.ctx.tick()?;
            if s.used_rels.contains(&rid) {
                continue;
            }
            if s.assigned[rel.slot] && !matches!(s.row[rel.slot], Value::Relationship(b) if b == rid) {
                continue;
            }
            if !self.props_match(s, rel.props.as_ref(), || self.graph.rel_props(rid))? {
                continue;
            }
            let Some(node_here) = self.try_node(s, next, other)? else { continue };
            let rel_here = !s.assigned[rel.slot];
            if rel_here {
                s.assign(rel.slot, Value::Relationship(rid));
            }
            s.used_rels.push(rid);
            if parts[i].path_slot.is_some() {
                s.trace[r] = (vec![rid], vec![]);
            }
            self.walk(s, parts, i, k + 1, other, reversed)?;
            s.used_rels.pop();
            if rel_here {
                s.unassign(rel.slot);
            }
            if node_here {
                s.unassign(next.slot);
            }
            if s.done() {
                break;
            }
        }
        Ok(())
    }

    #[allow(clippy::too_many_arguments)]
    fn step_var(
        &self,
        s: &mut Search,
        parts: &[PatternPlan],
        i: usize,
        k: usize,
        cur: NodeId,
        reversed: bool,
        env: &VarStep<'_>,
        rels: &mut Vec<RelId>,
        nodes: &mut Vec<NodeId>,
    ) -> Result<(), Error> {
        let depth = rels.len() as u64;
        if depth >= env.min
            && let Some(node_here) = self.try_node(s, env.next, cur)?
        {
            let in_text_order: Vec<RelId> =
                if reversed { rels.iter().rev().copied().collect() } else { rels.clone() };
            let list = Value::List(in_text_order.iter().map(|r| Value::Relationship(*r)).collect());
            let bound_ok = !s.assigned[env.rel.slot] || s.row[env.rel.slot] == list;
            if bound_ok {
                let rel_here = !s.assigned[env.rel.slot];
                if rel_here {
                    s.assign(env.rel.slot, list);
                }
                if parts[i].path_slot.is_some() {
                    let inner = nodes[..nodes.len().saturating_sub(1).min(nodes.len())].to_vec();
                    s.trace[env.r] = (rels.clone(), inner);
                }
                self.walk(s, parts, i, k + 1, cur, reversed)?;
                if rel_here {
                    s.unassign(env.rel.slot);
                }
            }
            if node_here {
                s.unassign(env.next.slot);
            }
        }
        if depth >= env.max || s.done() {
            return Ok(());
        }
        for (rid, other) in self.graph.expand(cur, env.dir, env.types) {
            self.ctx.tick()?;
            if s.used_rels.contains(&rid) || rels.contains(&rid) {
                continue;
            }
            if !self.props_match(s, env.rel.props.as_ref(), || self.graph.rel_props(rid))? {
                continue;
            }
            rels.push(rid);
            nodes.push(other);
            s.used_rels.push(rid);
            self.step_var(s, parts, i, k, other, reversed, env, rels, nodes)?;
            s.used_rels.pop();
            rels.pop();
            nodes.pop();
            if s.done() {
                break;
            }
        }
        Ok(())
    }

    /// Binds the path variable of part `i` (if any) and moves on to the next part.
    fn finish_part(
        &self,
        s: &mut Search,
        parts: &[PatternPlan],
        i: usize,
        reversed: bool,
    ) -> Result<(), Error> {
        let p = &parts[i];
        let Some(slot) = p.path_slot else { return self.part(s, parts, i + 1) };
        let node_at = |s: &Search, n: &NodePlan| match s.row[n.slot] {
            Value::Node(id) => Ok(id),
            _ => Err(type_error("a path node is not bound to a node")),
        };
        let mut nodes = vec![node_at(s, &p.nodes[0])?];
        let mut rels = Vec::new();
        for (r, (seg_rels, seg_nodes)) in s.trace.iter().enumerate() {
            if reversed {
                rels.extend(seg_rels.iter().rev());
                nodes.extend(seg_nodes.iter().rev());
            } else {
                rels.extend(seg_rels.iter());
                nodes.extend(seg_nodes.iter());
            }
            // A zero-length segment (`*0..`) ends where it starts: the node is already there.
            if !seg_rels.is_empty() {
                nodes.push(node_at(s, &p.nodes[r + 1])?);
            }
        }
        s.assign(slot, Value::Path(Box::new(Path { nodes, rels })));
        let result = self.part(s, parts, i + 1);
        s.unassign(slot);
        result
    }
}

/// The id an `id(x) = value` comparison can hold for: `id(x) = 1.0` holds for 1; a value of
/// another type, or a negative one, for none.
fn id_of(value: &Value) -> Option<u64> {
    match value {
        Value::Int(i) => u64::try_from(*i).ok(),
        Value::Float(f) if f.fract() == 0.0 && *f >= 0.0 && *f < u64::MAX as f64 => Some(*f as u64),
        _ => None,
    }
}

/// How the search will most likely start each pattern part of a `MATCH`, for `EXPLAIN`: from a
/// node bound already, an index, a seek, the nodes of a label, or every node. Judged from the
/// plan and the graph's indexes and label counts without evaluating anything; when running,
/// the choice between a part's two ends also weighs how many nodes a lookup actually finds.
pub fn describe_starts(patterns: &[PatternPlan], first_new: usize, graph: &crate::graph::Graph) -> String {
    let indexes = graph.indexes();
    // (rank, text): lower ranks are preferred, as `start_cost` prefers fewer candidates.
    let access = |n: &NodePlan| -> (usize, String) {
        if n.slot < first_new {
            return (0, "a node bound already".into());
        }
        if let Some(Expr::Map(items)) = &n.props {
            for (key, _) in items {
                if key == "name" {
                    return (1, "the name index".into());
                }
                if let Some(label) =
                    n.labels.iter().find(|l| indexes.iter().any(|(il, ik)| il == *l && ik == key))
                {
                    return (1, format!("index :{label}({key})"));
                }
            }
        }
        match &n.seek {
            Some(Seek::Id(_)) => return (1, "its id".into()),
            Some(Seek::EndsOf(_)) => return (1, "the ends of a relationship found by id".into()),
            Some(Seek::In(key, _))
                if key == "name"
                    || n.labels.iter().any(|l| indexes.iter().any(|(il, ik)| il == l && ik == key)) =>
            {
                return (1, format!("lookups of {key} IN a list"));
            }
            _ => {}
        }
        match n.labels.iter().map(|l| (graph.label_count(l), l)).min() {
            Some((count, label)) => (2 + count, format!("label :{label} ({count} nodes)")),
            None => (2 + graph.node_count(), format!("all {} nodes", graph.node_count())),
        }
    };
    let parts = patterns.iter().enumerate().map(|(i, p)| {
        if p.kind != PathKind::Plain {
            return format!("part {} is a shortest path between its ends", i + 1);
        }
        let (first, last) = (access(&p.nodes[0]), access(&p.nodes[p.nodes.len() - 1]));
        let (_, how) = if last.0 < first.0 { last } else { first };
        format!("part {} starts from {how}", i + 1)
    });
    parts.collect::<Vec<_>>().join("; ")
}

struct VarStep<'a> {
    rel: &'a RelPlan,
    next: &'a NodePlan,
    dir: Dir,
    types: Option<&'a [Sym]>,
    min: u64,
    max: u64,
    r: usize,
}

#[cfg(test)]
mod tests {
    use crate::{Database, Params, Value};

    #[test]
    fn zero_length_path_holds_its_node_once() {
        let db = Database::in_memory();
        db.execute("CREATE (:S)", &Params::new()).unwrap();
        let result = db
            .query("MATCH p = (:S)-[*0..1]->() RETURN nodes(p) AS ns, length(p) AS l", &Params::new())
            .unwrap();
        assert_eq!(result.rows.len(), 1);
        assert!(matches!(&result.rows[0][0], Value::List(nodes) if nodes.len() == 1), "{:?}", result.rows);
        assert!(matches!(result.rows[0][1], Value::Int(0)));
    }
}
