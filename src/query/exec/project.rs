//! `WITH` / `RETURN`: projection, grouping and aggregation, `DISTINCT`, `ORDER BY`, `SKIP`, `LIMIT`.
//!
//! Without aggregation or sorting, rows stream through. Aggregation keeps one state per group,
//! not the rows; sorting with a `LIMIT` keeps only the rows that can still make the cut.

use super::eval::{Frame, argument_error, error_of, type_error};
use super::pattern::{Hop, HopScan};
use super::{RowIter, Runner};
use crate::error::{Error, ExecutionKind};
use crate::graph::{Graph, NodeCodes, Sym};
use crate::model::{NodeId, RelId, Value};
use crate::query::plan::{Aggregate, Expr, ProjectPlan};
use std::cmp::Ordering;
use std::collections::{HashMap, HashSet};

type Row = Vec<Value>;

impl<'g> Runner<'g> {
    /// Runs a projection over its input rows.
    pub fn project(&'g self, p: &'g ProjectPlan, input: RowIter<'g>) -> Result<RowIter<'g>, Error> {
        let limits = self.limits(p)?;
        if !p.aggregates.is_empty() {
            let mut groups = Groups::default();
            for row in input {
                self.group_row(p, &mut groups, &row?)?;
            }
            return self.aggregated(p, groups, limits);
        }
        let keep_input = keeps_input(p);
        let rows = Box::new(input.map(move |row| self.project_row(p, &row?, keep_input)));
        self.finish_projection(p, rows, limits)
    }

    /// One input row of a non-aggregating projection: its items, followed by the input row
    /// itself when `keep_input` (see [`keeps_input`]).
    pub(super) fn project_row(&self, p: &ProjectPlan, row: &[Value], keep_input: bool) -> Result<Row, Error> {
        let mut out = self.eval_items(p, row, &[])?;
        if keep_input {
            out.extend_from_slice(row);
        }
        Ok(out)
    }

    /// `SKIP` and `LIMIT` of a projection, checked (before any row is read).
    pub fn limits(&self, p: &ProjectPlan) -> Result<Limits, Error> {
        Ok(Limits {
            skip: self.count_arg(p.skip.as_ref(), "SKIP")?,
            limit: self.count_arg(p.limit.as_ref(), "LIMIT")?,
        })
    }

    /// The rows of an aggregating projection, once `groups` has seen every input row.
    pub fn aggregated(
        &'g self,
        p: &'g ProjectPlan,
        groups: Groups<'g>,
        limits: Limits,
    ) -> Result<RowIter<'g>, Error> {
        let rows = Box::new(self.finish_groups(p, groups)?.into_iter().map(Ok));
        self.finish_projection(p, rows, limits)
    }

    /// `DISTINCT`, sorting, `SKIP`, `LIMIT` and the `WHERE` of a `WITH`, after the items.
    fn finish_projection(
        &'g self,
        p: &'g ProjectPlan,
        mut rows: RowIter<'g>,
        Limits { skip, limit }: Limits,
    ) -> Result<RowIter<'g>, Error> {
        if p.distinct {
            let width = p.columns.len();
            let mut seen = FastSet::default();
            rows = Box::new(rows.filter(move |r| match r {
                Ok(row) => seen.insert(row[..width.min(row.len())].to_vec()),
                Err(_) => true,
            }));
        }
        if !p.order_by.is_empty() && p.aggregates.is_empty() {
            rows = Box::new(
                self.sort(p, rows, skip.unwrap_or(0).saturating_add(limit.unwrap_or(usize::MAX)))?
                    .into_iter()
                    .map(Ok),
            );
        }
        let width = p.columns.len();
        let rows = rows.skip(skip.unwrap_or(0)).take(limit.unwrap_or(usize::MAX));
        let rows: RowIter<'g> = match &p.filter {
            None => Box::new(rows),
            Some(filter) => Box::new(rows.filter_map(move |r| match r {
                Ok(row) => match self.holds(filter, Frame::row(&row)) {
                    Ok(true) => Some(Ok(row)),
                    Ok(false) => None,
                    Err(e) => Some(Err(e)),
                },
                Err(e) => Some(Err(e)),
            })),
        };
        Ok(Box::new(rows.map(move |r| {
            r.map(|mut row| {
                row.truncate(width);
                row
            })
        })))
    }

    pub(super) fn eval_items(&self, p: &ProjectPlan, row: &[Value], aggs: &[Value]) -> Result<Row, Error> {
        self.eval_all(&p.items, Frame { row, locals: &[], aggs })
    }

    fn count_arg(&self, e: Option<&crate::query::plan::Expr>, what: &str) -> Result<Option<usize>, Error> {
        let Some(e) = e else { return Ok(None) };
        match self.eval(e, Frame::row(&[]))? {
            Value::Int(i) if i >= 0 => Ok(Some(i as usize)),
            Value::Int(i) => Err(error_of(
                ExecutionKind::NegativeIntegerArgument,
                format!("{what} cannot be negative ({i})"),
            )),
            Value::Float(f) if f.fract() == 0.0 && f >= 0.0 => Ok(Some(f as usize)),
            other => {
                Err(argument_error(format!("{what} takes a non-negative integer, not {}", other.to_cypher())))
            }
        }
    }

    /// Sorts rows (output columns followed by input slots) by the sort keys, keeping at most `keep`.
    fn sort(&self, p: &ProjectPlan, rows: RowIter<'_>, keep: usize) -> Result<Vec<Row>, Error> {
        let mut sorter = Sorter::new(p, keep);
        for row in rows {
            sorter.push(self, row?)?;
        }
        Ok(sorter.finish())
    }

    /// Adds one input row to its group (grouped by the non-aggregate items).
    pub fn group_row(&self, p: &ProjectPlan, groups: &mut Groups<'g>, row: &[Value]) -> Result<(), Error> {
        let frame = Frame::row(row);
        groups.rows += 1;
        let remember = groups.rows > REMEMBER_AFTER;
        groups.start_columns(p);
        if groups.rows == self.fill_at() {
            for (i, column) in p.group_keys.iter().zip(&mut groups.columns) {
                self.fill_node_codes(&p.items[*i], column);
            }
        }
        let mut codes = std::mem::take(&mut groups.codes);
        codes.clear();
        for (i, column) in p.group_keys.iter().zip(&mut groups.columns) {
            codes.push(self.key_code(&p.items[*i], row, column, remember)?);
        }
        let g = groups.group_of(&codes, p, || row.to_vec());
        groups.codes = codes;
        for (state, agg) in groups.groups[g].1.iter_mut().zip(&p.aggregates) {
            if agg.arg.is_none() {
                state.count += 1; // count(*)
                continue;
            }
            let value = agg.arg.as_ref().map(|a| self.eval(a, frame)).transpose()?;
            let extra = match agg.extra.as_slice() {
                [] => Vec::new(),
                extra => self.eval_all(extra, frame)?,
            };
            state.add(value, extra)?;
        }
        Ok(())
    }

    /// The output row of every group, sorted when the projection orders.
    fn finish_groups(&self, p: &ProjectPlan, groups: Groups<'g>) -> Result<Vec<Row>, Error> {
        let mut groups = groups.groups;
        if groups.is_empty() && p.group_keys.is_empty() {
            groups.push((Vec::new(), p.aggregates.iter().map(AggState::new).collect()));
        }
        let mut out = Vec::with_capacity(groups.len());
        for (first_row, states) in groups {
            let aggs = states.into_iter().map(AggState::finish).collect::<Result<Vec<_>, _>>()?;
            let mut row = self.eval_items(p, &first_row, &aggs)?;
            if !p.order_by.is_empty() {
                // Sort keys may name aggregates of their own: evaluate them here, where they exist.
                let keys = p
                    .order_by
                    .iter()
                    .map(|k| self.eval(&k.expr, Frame { row: &row, locals: &[], aggs: &aggs }));
                let keys = keys.collect::<Result<Vec<_>, _>>()?;
                row.extend(keys);
            }
            out.push(row);
        }
        if !p.order_by.is_empty() {
            let width = p.columns.len();
            let mut keyed: Vec<(Vec<Value>, Row)> =
                out.into_iter().map(|mut r| (r.split_off(width), r)).collect();
            keyed.sort_by(|(a, _), (b, _)| compare_keys(p, a.iter().zip(b)));
            return Ok(keyed.into_iter().map(|(_, r)| r).collect());
        }
        Ok(out)
    }

    /// The number of a grouping key's value in its column. With `remember`, a property of a
    /// node (`b.kind`) is looked up once per node and its number kept by node id: the graph
    /// does not change while the groups fill, and a large aggregation meets the same nodes
    /// again and again. A string borrowed from the graph (`type(r)`) is numbered by address.
    fn key_code(
        &self,
        e: &Expr,
        row: &[Value],
        column: &mut Column<'g>,
        remember: bool,
    ) -> Result<u64, Error> {
        match column.access {
            Access::NodeProp(slot) if remember => {
                if let Some(Value::Node(id)) = row.get(slot) {
                    return self.node_key_code(e, row, column, *id);
                }
            }
            Access::RelType(slot) => {
                if let Some(Value::Relationship(id)) = row.get(slot)
                    && let Some(name) = self.graph.rel_type(*id)
                {
                    let address = (name.as_ptr() as usize, name.len());
                    if let Some((_, code)) = column.by_address.iter().find(|(a, _)| *a == address) {
                        return Ok(*code);
                    }
                    let code = column.code(KeyPart::Str(name));
                    if column.by_address.len() < 64 {
                        column.by_address.push((address, code));
                    }
                    return Ok(code);
                }
            }
            _ => {}
        }
        let part = self.eval_key(e, row)?;
        Ok(column.code(part))
    }

    /// After how many rows the node-property columns are numbered for every node at once: when
    /// the rows seen are a sixteenth of the nodes. Reading every node in storage order then
    /// costs at most a small multiple of what the aggregation has done so far, and saves a
    /// cache miss for each node met later in random order (grouping the medium benchmark
    /// graph's relationships by type and `b.kind`, before `count_hop` took that query: 70 ms
    /// reading each node as first met, 35 ms filling at a quarter, 28 ms at a sixteenth).
    fn fill_at(&self) -> usize {
        (self.graph.node_count() / 16).max(REMEMBER_AFTER) + 1
    }

    /// Numbers the value of a node-property key (`b.kind`) for every node, in storage order.
    /// The graph keeps the numbering until its next write (`Graph::node_codes`), so a repeated
    /// aggregation only maps its few distinct values to the column's codes.
    fn fill_node_codes(&self, e: &Expr, column: &mut Column<'g>) {
        let (Access::NodeProp(_), Expr::Prop(_, key), false) = (column.access, e, column.filled) else {
            return;
        };
        let graph = self.graph;
        if column.by_node.is_empty() {
            column.by_node = vec![0; usize::try_from(graph.next_node_id().0).unwrap_or(0)];
        }
        column.filled = true;
        let n = column.by_node.len();
        let sym = key.sym(graph);
        let numbering = match sym {
            Some(k) => graph.node_codes(k, || number_nodes(graph, Some(k), n)),
            None => std::sync::Arc::new(number_nodes(graph, None, n)),
        };
        let value_of = |holder: Option<NodeId>| holder.and_then(|id| graph.node_props(id)?.get_sym(sym?));
        let global: Vec<u32> = numbering
            .holders
            .iter()
            .map(|h| column.code(KeyPart::of(value_of(*h))))
            .map(|code| u32::try_from(code + 1).unwrap_or(0))
            .collect();
        for (slot, code) in column.by_node.iter_mut().zip(&numbering.codes) {
            if *code != 0 && *slot == 0 {
                *slot = global[*code as usize - 1];
            }
        }
    }

    /// Counts the matches of one scanned hop straight into `groups`, without a row per match,
    /// when that is all the aggregation needs: every aggregate is `count(*)`, and there are at
    /// most two grouping keys, each `type(r)` or a property of either end node. The groups are
    /// those [`Runner::group_row`] would make (same numbering, created in the order of their
    /// first match, which is their row), so other input rows may still go through it. A large
    /// relationship table is split among threads. False, with nothing counted, when the shape
    /// does not fit; the caller then feeds the rows one by one.
    pub fn count_hop(
        &self,
        p: &ProjectPlan,
        patterns: &[crate::query::plan::PatternPlan],
        row: &[Value],
        groups: &mut Groups<'g>,
    ) -> Result<bool, Error> {
        let Some([from, rel, to]) = super::pattern::hop_slots(patterns) else { return Ok(false) };
        if p.group_keys.len() > 2 || !p.aggregates.iter().all(|a| a.arg.is_none() && a.extra.is_empty()) {
            return Ok(false);
        }
        let mut reads = [Read::Type; 2];
        for (read, i) in reads.iter_mut().zip(&p.group_keys) {
            *read = match access(&p.items[*i]) {
                Access::RelType(s) if s == rel => Read::Type,
                Access::NodeProp(s) if s == from => Read::From,
                Access::NodeProp(s) if s == to => Read::To,
                _ => return Ok(false),
            };
        }
        let reads = &reads[..p.group_keys.len()];
        let scan = match self.prepare_hop(patterns, row) {
            Hop::Unfit => return Ok(false),
            Hop::Nothing => return Ok(true),
            Hop::Scan(scan) => scan,
        };
        groups.start_columns(p);
        // Number every value a key can read before the scan, so that the scan only reads tables.
        let mut tables: [Table; 2] = Default::default();
        for (((i, read), column), table) in
            p.group_keys.iter().zip(reads).zip(groups.columns.iter_mut()).zip(&mut tables)
        {
            let complete = match read {
                Read::Type => {
                    let mut by_type = Vec::new();
                    for sym in self.graph.rel_type_syms() {
                        let code = column.code(KeyPart::Str(self.graph.sym_name(sym)));
                        let at = sym.0 as usize;
                        by_type.resize(by_type.len().max(at + 1), 0);
                        by_type[at] = u32::try_from(code + 1).unwrap_or(0);
                    }
                    *table = Table::Wide(by_type);
                    true
                }
                Read::From | Read::To => {
                    self.fill_node_codes(&p.items[*i], column);
                    // Fewer than 255 values: a byte per node, so that the table stays in cache
                    // (on a large graph, a miss per match otherwise).
                    *table = match column.codes.len() < 255 {
                        true => Table::Narrow(column.by_node.iter().map(|c| *c as u8).collect()),
                        false => Table::Wide(column.by_node.clone()),
                    };
                    column.filled
                }
            };
            if !complete || column.codes.len() >= u32::MAX as usize {
                return Ok(false);
            }
        }
        let tables = &tables[..reads.len()];
        let bound = scan.bound();
        let threads = counting_threads(bound);
        let tallies = if threads > 1 {
            let stop = self.ctx.stop();
            let counted = in_parts(bound, threads, |range| {
                let mut n = 0u32;
                let mut tick = || {
                    n = n.wrapping_add(1);
                    if n.is_multiple_of(4096) { stop.check() } else { Ok(()) }
                };
                tally(&scan, range, reads, tables, &mut tick)
            });
            counted.into_iter().collect::<Result<Vec<_>, _>>()?
        } else {
            vec![tally(&scan, 0..bound, reads, tables, &mut || self.ctx.tick())?]
        };
        // A node or type the tables did not number (the graph cannot change during a query, so
        // this is a safeguard): leave the counting to the rows.
        let Some(tallies) = tallies.into_iter().collect::<Option<Vec<_>>>() else { return Ok(false) };
        let mut merged: Vec<Tally> = Vec::new();
        let mut by_key: FastMap<[u64; 2], usize> = FastMap::default();
        for t in tallies.into_iter().flatten() {
            match by_key.get(&t.key) {
                Some(&i) => {
                    let m = &mut merged[i];
                    m.n += t.n;
                    if t.first < m.first {
                        (m.first, m.hit) = (t.first, t.hit);
                    }
                }
                None => {
                    by_key.insert(t.key, merged.len());
                    merged.push(t);
                }
            }
        }
        // Groups are created in the order of their first match, as a single scan makes them.
        merged.sort_by_key(|t| t.first);
        let width = super::pattern::width(patterns, row);
        for t in merged {
            let g = groups.group_of(&t.key[..reads.len()], p, || {
                let (x, rid, y) = t.hit;
                let mut first = row.to_vec();
                first.resize(width, Value::Null);
                first[from] = Value::Node(x);
                first[rel] = Value::Relationship(rid);
                first[to] = Value::Node(y);
                first
            });
            groups.rows += t.n as usize;
            for state in &mut groups.groups[g].1 {
                state.count += t.n;
            }
        }
        Ok(true)
    }

    /// [`Runner::key_code`] for a property of node `id`, remembered by node id.
    fn node_key_code(
        &self,
        e: &Expr,
        row: &[Value],
        column: &mut Column<'g>,
        id: NodeId,
    ) -> Result<u64, Error> {
        if column.by_node.is_empty() {
            column.by_node = vec![0; usize::try_from(self.graph.next_node_id().0).unwrap_or(0)];
        }
        let at = usize::try_from(id.0).ok().filter(|n| *n < column.by_node.len());
        if let Some(n) = at
            && column.by_node[n] != 0
        {
            return Ok(u64::from(column.by_node[n] - 1));
        }
        let code = column.code(self.eval_key(e, row)?);
        // (Past 2^32 - 1 distinct values, they are looked up every time.)
        if let Some(n) = at
            && let Ok(kept) = u32::try_from(code + 1)
        {
            column.by_node[n] = kept;
        }
        Ok(code)
    }

    /// Evaluates a grouping key, borrowing from the graph what it can: a property of a node or
    /// relationship, the type of a relationship. Gives the same value as [`Runner::eval`].
    fn eval_key(&self, e: &Expr, row: &[Value]) -> Result<KeyPart<'g>, Error> {
        let graph = self.graph;
        let found = KeyPart::of;
        // A slot is read in place (group keys see the row only, no comprehension variables).
        let operand = |x: &Expr| -> Result<std::borrow::Cow<'_, Value>, Error> {
            Ok(match x {
                Expr::Slot(slot) => std::borrow::Cow::Borrowed(row.get(*slot).unwrap_or(&Value::Null)),
                other => std::borrow::Cow::Owned(self.eval(other, Frame::row(row))?),
            })
        };
        Ok(match e {
            Expr::Prop(x, key) => match operand(x)?.as_ref() {
                Value::Node(id) => found(key.sym(graph).and_then(|k| graph.node_props(*id)?.get_sym(k))),
                Value::Relationship(id) => {
                    found(key.sym(graph).and_then(|k| graph.rel_props(*id)?.get_sym(k)))
                }
                other => KeyPart::Owned(self.property(other, key)?),
            },
            Expr::Call(name, args) if name == "type" && args.len() == 1 => {
                match operand(&args[0])?.as_ref() {
                    Value::Relationship(id) => {
                        graph.rel_type(*id).map_or(KeyPart::Owned(Value::Null), KeyPart::Str)
                    }
                    other => KeyPart::Owned(self.call(name, vec![other.clone()])?),
                }
            }
            Expr::Slot(slot) => KeyPart::Owned(row.get(*slot).cloned().unwrap_or(Value::Null)),
            _ => KeyPart::Owned(self.eval(e, Frame::row(row))?),
        })
    }
}

/// What a grouping key counted by [`Runner::count_hop`] reads of a match.
#[derive(Clone, Copy)]
enum Read {
    /// `type(r)`.
    Type,
    /// A property of the `from` node.
    From,
    /// A property of the `to` node.
    To,
}

/// 1 + the number of each value a key can read, by type symbol or node id (0: none).
#[derive(Default)]
enum Table {
    #[default]
    Empty,
    /// A byte each, when a key has fewer than 255 values.
    Narrow(Vec<u8>),
    Wide(Vec<u32>),
}

impl Table {
    fn code(&self, at: usize) -> Option<u64> {
        let kept = match self {
            Table::Empty => 0,
            Table::Narrow(t) => t.get(at).map_or(0, |c| u32::from(*c)),
            Table::Wide(t) => t.get(at).copied().unwrap_or(0),
        };
        (kept != 0).then(|| u64::from(kept - 1))
    }
}

/// The matches of one group key counted by one thread: how many, and the first of them (its
/// place in a whole scan, and the match).
struct Tally {
    key: [u64; 2],
    n: i64,
    first: u64,
    hit: (NodeId, RelId, NodeId),
}

/// Relationship tables at least this long are counted by several threads (unit tests split
/// even tiny graphs, so that the merge is checked against the rows).
const PARALLEL_MIN: usize = if cfg!(test) { 4 } else { 1 << 17 };

/// At most this many threads count one hop.
const MAX_THREADS: usize = 8;

/// The threads that count a hop over a relationship table `bound` long: one per core, at
/// most [`MAX_THREADS`] (three under unit tests, whatever the machine, so that parts are uneven).
fn counting_threads(bound: usize) -> usize {
    if bound < PARALLEL_MIN {
        1
    } else if cfg!(test) {
        3
    } else {
        std::thread::available_parallelism().map_or(1, |n| n.get()).min(MAX_THREADS)
    }
}

/// Node tables at least this long are numbered by several threads (unit tests split even tiny
/// graphs).
const FILL_PARALLEL_MIN: usize = if cfg!(test) { 4 } else { 1 << 15 };

/// The threads that number the values of `nodes` nodes ([`counting_threads`], from a lower
/// size: numbering a node costs more than counting a relationship).
fn filling_threads(nodes: usize) -> usize {
    if nodes < FILL_PARALLEL_MIN { 1 } else { counting_threads(PARALLEL_MIN.max(nodes)) }
}

/// Numbers the value of `key` (`None`: a key no node has) of nodes `0..n`: each part of the id
/// range numbers its nodes' values in order of appearance on a thread of its own, then the
/// parts' numbers are made one numbering, part by part.
fn number_nodes<'g>(graph: &'g Graph, key: Option<Sym>, n: usize) -> NodeCodes {
    let value_of = |id: NodeId| key.and_then(|k| graph.node_props(id)?.get_sym(k));
    let parts = in_parts(n, filling_threads(n), |range| {
        let mut numbers: FastMap<KeyPart<'g>, u32> = FastMap::default();
        let mut holders: Vec<Option<NodeId>> = Vec::new();
        let mut local = Vec::with_capacity(range.len());
        for at in range {
            let id = NodeId(at as u64);
            if !graph.contains_node(id) {
                local.push(0);
                continue;
            }
            let value = value_of(id);
            let next = numbers.len() as u32;
            let number = *numbers.entry(KeyPart::of(value)).or_insert_with(|| {
                holders.push(value.map(|_| id));
                next
            });
            local.push(number + 1);
        }
        (holders, local)
    });
    let mut numbers: FastMap<KeyPart<'g>, u32> = FastMap::default();
    let mut out = NodeCodes { codes: Vec::with_capacity(n), holders: Vec::new() };
    for (holders, local) in parts {
        let global: Vec<u32> = holders
            .into_iter()
            .map(|holder| {
                let next = numbers.len() as u32;
                *numbers.entry(KeyPart::of(holder.and_then(value_of))).or_insert_with(|| {
                    out.holders.push(holder);
                    next
                }) + 1
            })
            .collect();
        out.codes.extend(local.into_iter().map(|code| if code == 0 { 0 } else { global[code as usize - 1] }));
    }
    out
}

/// Runs `work` on `threads` consecutive parts of `0..n` at once, each on a thread of its own,
/// and gives the results in the order of the parts. A part whose thread cannot be started runs
/// on the calling thread; a panic in a part is a panic here.
fn in_parts<T: Send>(n: usize, threads: usize, work: impl Fn(std::ops::Range<usize>) -> T + Sync) -> Vec<T> {
    if threads <= 1 {
        return vec![work(0..n)];
    }
    let per = n.div_ceil(threads);
    let range = |t: usize| (t * per).min(n)..((t + 1) * per).min(n);
    let work = &work;
    std::thread::scope(|s| {
        let workers: Vec<_> = (0..threads)
            .map(|t| std::thread::Builder::new().spawn_scoped(s, move || work(range(t))))
            .collect();
        let joined = workers.into_iter().enumerate().map(|(t, w)| match w {
            Ok(w) => w.join().unwrap_or_else(|e| std::panic::resume_unwind(e)),
            Err(_) => work(range(t)),
        });
        joined.collect()
    })
}

/// Counts the matches of `scan` among the relationships at `range` by the numbers `tables`
/// give their keys. `None` when a key has no number in its table.
fn tally(
    scan: &HopScan<'_, '_>,
    range: std::ops::Range<usize>,
    reads: &[Read],
    tables: &[Table],
    tick: &mut impl FnMut() -> Result<(), Error>,
) -> Result<Option<Vec<Tally>>, Error> {
    // Small key numbers index a table of tallies directly; the rest go through a map.
    const GRID: usize = 1 << 16;
    let mut grid: Vec<u32> = Vec::new();
    let mut others: FastMap<[u64; 2], usize> = FastMap::default();
    let mut out: Vec<Tally> = Vec::new();
    let mut complete = true;
    scan.each_in(range, tick, &mut |at, x, rid, t, y| {
        let mut key = [0u64; 2];
        for ((read, table), code) in reads.iter().zip(tables).zip(&mut key) {
            let index = match read {
                Read::Type => t.0 as usize,
                Read::From => usize::try_from(x.0).unwrap_or(usize::MAX),
                Read::To => usize::try_from(y.0).unwrap_or(usize::MAX),
            };
            match table.code(index) {
                Some(c) => *code = c,
                None => {
                    complete = false;
                    return Ok(());
                }
            }
        }
        let cell = match (reads.len(), key) {
            (0, _) => Some(0),
            (1, [a, _]) if a < GRID as u64 => Some(a as usize),
            (2, [a, b]) if (a | b) < 256 => Some((a << 8 | b) as usize),
            _ => None,
        };
        let known = match cell {
            Some(c) => grid.get(c).filter(|i| **i != 0).map(|i| *i as usize - 1),
            None => others.get(&key).copied(),
        };
        match known {
            Some(i) => out[i].n += 1,
            None => {
                let i = out.len();
                out.push(Tally { key, n: 1, first: at, hit: (x, rid, y) });
                match cell {
                    Some(c) => {
                        if grid.is_empty() {
                            grid = vec![0; GRID];
                        }
                        grid[c] = u32::try_from(i + 1).unwrap_or(0);
                    }
                    None => {
                        others.insert(key, i);
                    }
                }
            }
        }
        Ok(())
    })?;
    Ok(complete.then_some(out))
}

/// Whether the rows of a non-aggregating projection carry the input row after the output
/// columns: when a sort key, or the `WHERE` of a `WITH *`, reads a variable that is not a
/// column. Sort keys that read only output columns do not need it.
pub(super) fn keeps_input(p: &ProjectPlan) -> bool {
    let width = p.columns.len();
    (p.extended && p.filter.is_some()) || p.order_by.iter().any(|k| !reads_only_below(&k.expr, width))
}

/// The rows of a projection with `ORDER BY`, sorted as they arrive: at most `keep` are kept
/// (the first `keep` in order so far), so a `LIMIT` bounds the memory whatever the input.
pub(super) struct Sorter<'p> {
    p: &'p ProjectPlan,
    keep: usize,
    /// The row slots of the keys, when every key is a column: rows are then compared in
    /// place, and no key is copied out.
    slots: Option<Vec<usize>>,
    kept: Vec<Row>,
    /// Otherwise each row with its keys, evaluated once.
    keyed: Vec<(Vec<Value>, Row)>,
}

impl<'p> Sorter<'p> {
    /// A sorter for `p`'s keys keeping at most `keep` rows.
    pub(super) fn new(p: &'p ProjectPlan, keep: usize) -> Sorter<'p> {
        let slots = p
            .order_by
            .iter()
            .map(|k| match k.expr {
                Expr::Slot(slot) => Some(slot),
                _ => None,
            })
            .collect();
        Sorter { p, keep, slots, kept: Vec::new(), keyed: Vec::new() }
    }

    /// Past this many rows, the rows are sorted and cut to `keep`.
    fn bound(&self) -> usize {
        self.keep.saturating_mul(2).max(1024)
    }

    /// Takes one row (output columns followed by input slots).
    pub(super) fn push(&mut self, runner: &Runner<'_>, row: Row) -> Result<(), Error> {
        if self.slots.is_some() {
            self.kept.push(row);
            if self.kept.len() >= self.bound() {
                self.sort_kept();
            }
            return Ok(());
        }
        let keys = self
            .p
            .order_by
            .iter()
            .map(|k| runner.eval(&k.expr, Frame::row(&row)))
            .collect::<Result<Vec<_>, _>>()?;
        self.keyed.push((keys, row));
        if self.keyed.len() >= self.bound() {
            self.sort_keyed();
        }
        Ok(())
    }

    /// The first `keep` rows, in order.
    pub(super) fn finish(mut self) -> Vec<Row> {
        if self.slots.is_some() {
            self.sort_kept();
            return self.kept;
        }
        self.sort_keyed();
        self.keyed.into_iter().map(|(_, row)| row).collect()
    }

    fn sort_kept(&mut self) {
        let (p, slots) = (self.p, self.slots.as_deref().unwrap_or_default());
        let null = Value::Null;
        self.kept.sort_by(|a, b| {
            let pairs = slots.iter().map(|s| (a.get(*s).unwrap_or(&null), b.get(*s).unwrap_or(&null)));
            compare_keys(p, pairs)
        });
        self.kept.truncate(self.keep);
    }

    fn sort_keyed(&mut self) {
        let p = self.p;
        self.keyed.sort_by(|(a, _), (b, _)| compare_keys(p, a.iter().zip(b)));
        self.keyed.truncate(self.keep);
    }
}

/// A group key of no number (the first row of an aggregation without grouping keys), or of one
/// or two numbers below 2^32 (nearly every key), as one integer, by which its group is found
/// faster than by the list of numbers.
fn pack(codes: &[u64]) -> Option<u64> {
    match codes {
        [] => Some(0),
        [a] if *a >> 32 == 0 => Some(*a),
        [a, b] if (a | b) >> 32 == 0 => Some(a << 32 | b),
        _ => None,
    }
}

/// Compares two rows' sort keys, given pairwise, in the projection's order.
fn compare_keys<'v>(p: &ProjectPlan, pairs: impl Iterator<Item = (&'v Value, &'v Value)>) -> Ordering {
    for ((x, y), key) in pairs.zip(&p.order_by) {
        let o = x.order(y);
        let o = if key.descending { o.reverse() } else { o };
        if o != Ordering::Equal {
            return o;
        }
    }
    Ordering::Equal
}

/// True when `e` reads no slot at or above `width` (conservatively: anything that binds
/// variables of its own, reads a pattern or an aggregate counts as reading everything).
fn reads_only_below(e: &Expr, width: usize) -> bool {
    let below = |x: &Expr| reads_only_below(x, width);
    match e {
        Expr::Lit(_) | Expr::Param(_) => true,
        Expr::Slot(slot) => *slot < width,
        Expr::Prop(x, _) | Expr::Unary(_, x) | Expr::IsNull(x, _) | Expr::HasLabels(x, _) => below(x),
        Expr::Index(a, b) | Expr::Binary(_, a, b) => below(a) && below(b),
        Expr::Slice(x, a, b) => below(x) && a.as_deref().is_none_or(below) && b.as_deref().is_none_or(below),
        Expr::List(items) | Expr::Call(_, items) => items.iter().all(below),
        Expr::Map(items) => items.iter().all(|(_, x)| below(x)),
        Expr::Case(subject, whens, otherwise) => {
            subject.as_deref().is_none_or(below)
                && whens.iter().all(|(w, t)| below(w) && below(t))
                && otherwise.as_deref().is_none_or(below)
        }
        _ => false,
    }
}

/// True when the rows of an aggregating projection do not depend on the order its input rows
/// arrive in: every aggregate counts, and no item besides the grouping keys reads the input row
/// (such an item is evaluated on the first row of its group).
pub fn order_free(p: &ProjectPlan) -> bool {
    p.aggregates.iter().all(|a| a.func == "count" || a.func == "count*")
        && p.items.iter().enumerate().all(|(i, e)| p.group_keys.contains(&i) || reads_no_row(e))
}

/// True when `e` is made of literals, parameters and aggregate results only.
fn reads_no_row(e: &Expr) -> bool {
    match e {
        Expr::Lit(_) | Expr::Param(_) | Expr::Agg(_) => true,
        Expr::Unary(_, x) | Expr::IsNull(x, _) => reads_no_row(x),
        Expr::Binary(_, a, b) => reads_no_row(a) && reads_no_row(b),
        Expr::List(items) | Expr::Call(_, items) => items.iter().all(reads_no_row),
        Expr::Map(items) => items.iter().all(|(_, x)| reads_no_row(x)),
        _ => false,
    }
}

/// `SKIP` and `LIMIT` of a projection.
#[derive(Debug, Clone, Copy)]
pub struct Limits {
    /// Rows to skip.
    pub skip: Option<usize>,
    /// Rows to keep after them.
    pub limit: Option<usize>,
}

/// The groups of an aggregating projection, fed one row at a time: one state per group. Each
/// grouping key's distinct values (borrowed from the graph where possible) are numbered in its
/// column, and a group is found by the numbers of its key.
#[derive(Default)]
pub struct Groups<'g> {
    index: FastMap<Vec<u64>, usize>,
    /// Groups whose key packs into one integer (see [`Runner::group_row`]).
    packed: FastMap<u64, usize>,
    /// The first row of each group and its aggregate states.
    groups: Vec<(Row, Vec<AggState>)>,
    /// One per grouping key.
    columns: Vec<Column<'g>>,
    /// The numbers of the key being built, kept to reuse its allocation.
    codes: Vec<u64>,
    /// Rows seen so far.
    rows: usize,
}

impl Groups<'_> {
    /// Sets up one column per grouping key of `p`, unless done already.
    fn start_columns(&mut self, p: &ProjectPlan) {
        if self.columns.len() < p.group_keys.len() {
            self.columns = p
                .group_keys
                .iter()
                .map(|i| Column { access: access(&p.items[*i]), ..Column::default() })
                .collect();
        }
    }

    /// The number of the group whose key has the numbers `codes`; a new group gets its first
    /// row from `first` and fresh aggregate states.
    fn group_of(&mut self, codes: &[u64], p: &ProjectPlan, first: impl FnOnce() -> Row) -> usize {
        if codes.is_empty() && !self.groups.is_empty() {
            return 0; // Without grouping keys, every row is in the one group.
        }
        let packed = pack(codes);
        let found = match packed {
            Some(key) => self.packed.get(&key),
            None => self.index.get(codes),
        };
        if let Some(g) = found {
            return *g;
        }
        let n = self.groups.len();
        match packed {
            Some(key) => self.packed.insert(key, n),
            None => self.index.insert(codes.to_vec(), n),
        };
        self.groups.push((first(), p.aggregates.iter().map(AggState::new).collect()));
        n
    }
}

/// After how many rows the groups remember node properties by node id (a small aggregation
/// does not pay for the table).
const REMEMBER_AFTER: usize = 4096;

/// What a grouping key reads, when it is one of the shapes numbered without evaluating it.
#[derive(Default, Clone, Copy)]
enum Access {
    /// `v.key`, `v` in this slot (remembered per node when `v` holds a node).
    NodeProp(usize),
    /// `type(r)`, `r` in this slot.
    RelType(usize),
    /// Anything else: evaluated.
    #[default]
    Other,
}

fn access(e: &Expr) -> Access {
    match e {
        Expr::Prop(x, _) => match **x {
            Expr::Slot(slot) => Access::NodeProp(slot),
            _ => Access::Other,
        },
        Expr::Call(name, args) if name == "type" && args.len() == 1 => match args[0] {
            Expr::Slot(slot) => Access::RelType(slot),
            _ => Access::Other,
        },
        _ => Access::Other,
    }
}

/// The distinct values of one grouping key, numbered in order of appearance.
#[derive(Default)]
struct Column<'g> {
    access: Access,
    codes: FastMap<KeyPart<'g>, u64>,
    /// For a property of a node: 1 + the number of each node's value, by node id (0: not seen).
    by_node: Vec<u32>,
    /// For strings borrowed from the graph: numbers by (address, length).
    by_address: Vec<((usize, usize), u64)>,
    /// `by_node` holds every node's number already.
    filled: bool,
}

impl<'g> Column<'g> {
    fn code(&mut self, part: KeyPart<'g>) -> u64 {
        let next = self.codes.len() as u64;
        *self.codes.entry(part).or_insert(next)
    }
}

/// Maps keyed by group keys: foldhash, seeded per process.
type FastMap<K, V> = HashMap<K, V, foldhash::fast::RandomState>;

/// Sets of values seen (`DISTINCT`), hashed the same way.
type FastSet<T> = HashSet<T, foldhash::fast::RandomState>;

/// One part of a group key: a value, or a string or value borrowed from the graph. Equal and
/// hashed as the value it stands for, so `Str("x")` and `Owned(Value::String("x"))` are one key.
enum KeyPart<'g> {
    Owned(Value),
    Borrowed(&'g Value),
    Str(&'g str),
}

impl<'g> KeyPart<'g> {
    /// A value read from the graph, or null where there is none.
    fn of(value: Option<&'g Value>) -> KeyPart<'g> {
        value.map_or(KeyPart::Owned(Value::Null), KeyPart::Borrowed)
    }
}

impl KeyPart<'_> {
    fn as_str(&self) -> Option<&str> {
        match self {
            KeyPart::Str(s) => Some(s),
            KeyPart::Owned(Value::String(s)) | KeyPart::Borrowed(Value::String(s)) => Some(s),
            _ => None,
        }
    }

    fn value(&self) -> Option<&Value> {
        match self {
            KeyPart::Owned(v) => Some(v),
            KeyPart::Borrowed(v) => Some(v),
            KeyPart::Str(_) => None,
        }
    }
}

impl PartialEq for KeyPart<'_> {
    fn eq(&self, other: &Self) -> bool {
        match (self.as_str(), other.as_str()) {
            // Strings borrowed from the graph's symbol table are equal when they are the same.
            (Some(a), Some(b)) => std::ptr::eq(a, b) || a == b,
            (None, None) => self.value() == other.value(),
            _ => false,
        }
    }
}

impl Eq for KeyPart<'_> {}

impl std::hash::Hash for KeyPart<'_> {
    fn hash<H: std::hash::Hasher>(&self, state: &mut H) {
        match self.as_str() {
            Some(s) => {
                state.write_u8(0);
                s.hash(state);
            }
            None => {
                state.write_u8(1);
                self.value().hash(state);
            }
        }
    }
}

/// The values a `DISTINCT` aggregate has seen. Nodes, the usual case, are kept by id in a set
/// of their own (a node equals no other kind of value), hashed and compared as plain integers.
#[derive(Default)]
struct Seen {
    nodes: FastSet<NodeId>,
    others: FastSet<Value>,
}

impl Seen {
    /// True when `value` had not been seen.
    fn insert(&mut self, value: Value) -> bool {
        match value {
            Value::Node(id) => {
                if self.nodes.capacity() == 0 {
                    // Room for a first few dozen nodes at once, rather than growing through
                    // every small size.
                    self.nodes.reserve(64);
                }
                self.nodes.insert(id)
            }
            other => self.others.insert(other),
        }
    }
}

/// The running state of one aggregate over one group.
struct AggState {
    func: String,
    distinct: Option<Seen>,
    count: i64,
    int_sum: Option<i64>,
    float_sum: f64,
    any_float: bool,
    best: Option<Value>,
    items: Vec<Value>,
    fraction: Option<f64>,
}

impl AggState {
    fn new(agg: &Aggregate) -> AggState {
        AggState {
            func: agg.func.clone(),
            distinct: agg.distinct.then(Seen::default),
            count: 0,
            int_sum: Some(0),
            float_sum: 0.0,
            any_float: false,
            best: None,
            items: Vec::new(),
            fraction: None,
        }
    }

    fn add(&mut self, value: Option<Value>, extra: Vec<Value>) -> Result<(), Error> {
        let Some(value) = value else {
            self.count += 1; // count(*)
            return Ok(());
        };
        if value.is_null() {
            return Ok(());
        }
        if let Some(seen) = &mut self.distinct {
            if self.func == "count" {
                // The value is not needed after the set has it.
                self.count += i64::from(seen.insert(value));
                return Ok(());
            }
            if !seen.insert(value.clone()) {
                return Ok(());
            }
        }
        self.count += 1;
        match self.func.as_str() {
            "count" => {}
            "sum" | "avg" | "stdev" | "stdevp" | "percentilecont" | "percentiledisc" => {
                self.add_number(value, extra)?
            }
            "min" => self.keep_best(value, Ordering::Less),
            "max" => self.keep_best(value, Ordering::Greater),
            _ => self.items.push(value),
        }
        Ok(())
    }

    fn add_number(&mut self, value: Value, extra: Vec<Value>) -> Result<(), Error> {
        match value {
            Value::Int(i) => {
                self.int_sum = self.int_sum.and_then(|s| s.checked_add(i));
                self.float_sum += i as f64;
            }
            Value::Float(f) => {
                self.any_float = true;
                self.float_sum += f;
            }
            other => {
                return Err(type_error(format!(
                    "{}() expects numbers, got a {}",
                    self.func,
                    other.type_name()
                )));
            }
        }
        if self.func != "sum" && self.func != "avg" {
            self.items.push(value);
        }
        if let Some(p) = extra.first() {
            let p = match p {
                Value::Int(i) => *i as f64,
                Value::Float(f) => *f,
                other => {
                    return Err(type_error(format!(
                        "percentile must be a number, got a {}",
                        other.type_name()
                    )));
                }
            };
            if !(0.0..=1.0).contains(&p) {
                return Err(error_of(
                    ExecutionKind::NumberOutOfRange,
                    format!("percentile must be between 0.0 and 1.0, got {p}"),
                ));
            }
            self.fraction = Some(p);
        }
        Ok(())
    }

    fn keep_best(&mut self, value: Value, wanted: Ordering) {
        let replace = match &self.best {
            None => true,
            Some(best) => value.order(best) == wanted,
        };
        if replace {
            self.best = Some(value);
        }
    }

    fn finish(self) -> Result<Value, Error> {
        Ok(match self.func.as_str() {
            "count" | "count*" => Value::Int(self.count),
            "sum" if self.any_float => Value::Float(self.float_sum),
            "sum" => Value::Int(self.int_sum.ok_or_else(|| argument_error("integer overflow in sum()"))?),
            "avg" if self.count == 0 => Value::Null,
            "avg" => Value::Float(self.float_sum / self.count as f64),
            "min" | "max" => self.best.unwrap_or(Value::Null),
            "collect" => Value::List(self.items),
            "stdev" | "stdevp" => stdev(&self.items, self.func == "stdev"),
            _ => percentile(self.items, self.fraction.unwrap_or(0.5), self.func == "percentilecont"),
        })
    }
}

fn as_f64(v: &Value) -> f64 {
    match v {
        Value::Int(i) => *i as f64,
        Value::Float(f) => *f,
        _ => f64::NAN,
    }
}

fn stdev(items: &[Value], sample: bool) -> Value {
    let n = items.len() as f64;
    if items.len() < 2 {
        return Value::Float(0.0);
    }
    let mean = items.iter().map(as_f64).sum::<f64>() / n;
    let squares = items.iter().map(|v| (as_f64(v) - mean).powi(2)).sum::<f64>();
    Value::Float((squares / if sample { n - 1.0 } else { n }).sqrt())
}

fn percentile(mut items: Vec<Value>, p: f64, continuous: bool) -> Value {
    if items.is_empty() {
        return Value::Null;
    }
    items.sort_by(|a, b| a.order(b));
    let n = items.len();
    if continuous {
        let pos = p * (n - 1) as f64;
        let (lo, hi) = (pos.floor() as usize, pos.ceil() as usize);
        let (a, b) = (as_f64(&items[lo]), as_f64(&items[hi]));
        Value::Float(a + (b - a) * (pos - lo as f64))
    } else {
        let idx = ((p * n as f64).ceil() as usize).saturating_sub(1).min(n - 1);
        items.swap_remove(idx)
    }
}

#[cfg(test)]
mod tests {
    use crate::{Database, Params, Value};

    fn rows(db: &Database, query: &str) -> Vec<Vec<Value>> {
        db.query(query, &Params::new()).unwrap().rows
    }

    #[test]
    fn large_groups_remember_node_properties_and_count_as_by_hand() {
        let db = Database::in_memory();
        // k is an integer, the same number as a float, a string, or missing.
        db.execute(
            "UNWIND range(0, 299) AS i CREATE (:N {i: i, k: CASE i % 4 WHEN 0 THEN i % 5 \
             WHEN 1 THEN toFloat(i % 5) WHEN 2 THEN toString(i % 5) ELSE null END})",
            &Params::new(),
        )
        .unwrap();
        for (t, rest) in [("R", 0), ("S", 1)] {
            let create = format!(
                "MATCH (a:N), (b:N) WHERE (a.i * 31 + b.i * 17) % 20 = {rest} CREATE (a)-[:{t}]->(b)"
            );
            db.execute(&create, &Params::new()).unwrap();
        }
        // By hand: 9,000 relationships, well past the point where node properties are remembered.
        let key = |b: i64| match b % 4 {
            0 | 1 => Value::Int(b % 5),
            2 => Value::String((b % 5).to_string().into()),
            _ => Value::Null,
        };
        let mut counts: Vec<(Value, Value, i64)> = Vec::new();
        for a in 0..300i64 {
            for b in 0..300i64 {
                let t = match (a * 31 + b * 17) % 20 {
                    0 => Value::from("R"),
                    1 => Value::from("S"),
                    _ => continue,
                };
                let k = key(b);
                match counts.iter_mut().find(|(t2, k2, _)| *t2 == t && *k2 == k) {
                    Some(found) => found.2 += 1,
                    None => counts.push((t, k, 1)),
                }
            }
        }
        counts.sort_by(|x, y| x.0.order(&y.0).then(x.1.order(&y.1)));
        let expected: Vec<Vec<Value>> =
            counts.into_iter().map(|(t, k, c)| vec![t, k, Value::Int(c)]).collect();
        assert_eq!(expected.iter().map(|r| r[2].as_int().unwrap_or(0)).sum::<i64>(), 9000);
        let query = "MATCH (a:N)-[r]->(b) RETURN type(r) AS t, b.k AS k, count(*) AS c ORDER BY t, k";
        assert_eq!(rows(&db, query), expected);
        assert_eq!(rows(&db, &format!("PROFILE {query}")), expected);
    }

    #[test]
    fn only_counting_projections_may_take_their_rows_in_any_order() {
        use crate::query::ast::{Statement, parse_cypher};
        use crate::query::plan::{Op, plan};
        let order_free = |query: &str| {
            let Statement::Query(q) = parse_cypher(query).unwrap() else { panic!("{query}") };
            let plan = plan(&q).unwrap();
            let found = plan.parts[0].ops.iter().find_map(|op| match op {
                Op::Project(p) if !p.aggregates.is_empty() => Some(super::order_free(p)),
                _ => None,
            });
            found.unwrap()
        };
        assert!(order_free("MATCH (a)-[r]->(b) RETURN type(r) AS t, b.k AS k, count(*) AS c ORDER BY c"));
        assert!(order_free("MATCH (a)-->(b) RETURN a.k AS k, count(DISTINCT b) * 2 + 1 AS n"));
        // Collected lists, sums of floats and picks among equal values follow the input order.
        assert!(!order_free("MATCH (a)-->(b) RETURN a.k AS k, collect(b.k) AS ks"));
        assert!(!order_free("MATCH (a)-->(b) RETURN sum(b.x) AS s"));
        assert!(!order_free("MATCH (a)-->(b) RETURN min(b.x) AS m, count(*) AS c"));
    }

    #[test]
    fn borrowed_and_computed_group_keys_meet_in_one_group() {
        let db = Database::in_memory();
        db.execute("CREATE (:K {kind: 'x'})-[:x]->(:K {kind: 1})", &Params::new()).unwrap();
        // A property read from a node and the same value from a map are one group.
        let by_prop = rows(
            &db,
            "MATCH (n:K) WITH collect(n) + [{kind: 'x'}, {kind: 1.0}, {}] AS xs UNWIND xs AS x \
             RETURN x.kind AS k, count(*) AS c ORDER BY c, k",
        );
        let expected = |k: Value, c: i64| vec![k, Value::Int(c)];
        assert_eq!(
            by_prop,
            vec![expected(Value::Null, 1), expected(Value::from("x"), 2), expected(Value::Int(1), 2)]
        );
        // type(r) is borrowed from the graph; a missing relationship gives a null key.
        let typed =
            rows(&db, "MATCH (a) OPTIONAL MATCH (a)-[r]->() RETURN type(r) AS t, count(*) AS c ORDER BY t");
        assert_eq!(typed, vec![expected(Value::from("x"), 1), expected(Value::Null, 1)]);
    }
}
