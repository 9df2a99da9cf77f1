//! plan → rows: runs a [`QueryPlan`] over the graph.
//!
//! Reads stream: each step is an iterator over the previous one, so `LIMIT` stops the work
//! early and nothing is materialised that need not be. A write step collects its input first
//! (the graph cannot change under a running read) and applies its changes through a [`Tx`].
//! `exec` never parses text and never touches storage.

mod arith;
mod eval;
mod functions;
mod mutate;
mod pattern;
mod project;

pub use eval::Frame;
pub use mutate::{Mark, Tx};
pub use pattern::describe_starts;

use crate::error::{Error, ExecutionError, ExecutionKind, SemanticError, SemanticKind};
use crate::graph::Graph;
use crate::model::Value;
use crate::query::plan::{Op, QueryPlan, SinglePlan};
use std::cell::Cell;
use std::collections::{BTreeMap, HashSet};
use std::sync::Arc;
use std::sync::atomic::{AtomicBool, Ordering};
use std::time::Instant;

/// A stream of rows or the error that stopped it.
pub type RowIter<'a> = Box<dyn Iterator<Item = Result<Vec<Value>, Error>> + 'a>;

/// Query parameters by name.
pub type Params = BTreeMap<String, Value>;

/// What a running query may consult besides the graph: parameters, deadline, cancellation.
pub struct Ctx {
    params: Params,
    deadline: Option<Instant>,
    cancel: Option<Arc<AtomicBool>>,
    ticks: Cell<u32>,
    profile: Option<std::cell::RefCell<Vec<u64>>>,
    /// Above 0 while a subquery's steps run: they are not counted for `PROFILE`.
    quiet: Cell<u32>,
}

/// While alive, steps built are not counted for `PROFILE` (see [`Ctx::quiet`]).
pub struct Quiet<'c>(&'c Ctx);

impl Drop for Quiet<'_> {
    fn drop(&mut self) {
        self.0.quiet.set(self.0.quiet.get() - 1);
    }
}

impl Ctx {
    /// A context with parameters, an optional deadline and an optional cancellation flag.
    pub fn new(params: Params, deadline: Option<Instant>, cancel: Option<Arc<AtomicBool>>) -> Ctx {
        Ctx { params, deadline, cancel, ticks: Cell::new(0), profile: None, quiet: Cell::new(0) }
    }

    /// Turns on row counting per step (for `PROFILE`).
    pub fn profiling(mut self) -> Ctx {
        self.profile = Some(Default::default());
        self
    }

    fn param(&self, name: &str) -> Result<Value, Error> {
        self.params.get(name).cloned().ok_or_else(|| {
            Error::Semantic(SemanticError::new(
                SemanticKind::MissingParameter,
                format!("parameter ${name} was not supplied"),
                None,
            ))
        })
    }

    /// Counts a unit of work; every 1024 units, checks the deadline and the cancel flag.
    pub fn tick(&self) -> Result<(), Error> {
        let n = self.ticks.get().wrapping_add(1);
        self.ticks.set(n);
        if !n.is_multiple_of(1024) {
            return Ok(());
        }
        self.stop().check()
    }

    /// The deadline and cancel flag, for work done on other threads.
    pub fn stop(&self) -> Stop {
        Stop { deadline: self.deadline, cancel: self.cancel.clone() }
    }
}

/// When a query must stop: a deadline and a cancel flag, which threads working for the query
/// check between units of work ([`Ctx::tick`] is the single-threaded form).
#[derive(Clone)]
pub struct Stop {
    deadline: Option<Instant>,
    cancel: Option<Arc<AtomicBool>>,
}

impl Stop {
    /// An error when the query was cancelled or ran past its deadline.
    pub fn check(&self) -> Result<(), Error> {
        if self.cancel.as_ref().is_some_and(|c| c.load(Ordering::Relaxed)) {
            return Err(Error::Execution(ExecutionError::new(ExecutionKind::Cancelled, "query cancelled")));
        }
        if self.deadline.is_some_and(|d| Instant::now() >= d) {
            return Err(Error::Execution(ExecutionError::new(
                ExecutionKind::Cancelled,
                "query ran past its deadline",
            )));
        }
        Ok(())
    }
}

impl Ctx {
    /// Rows produced by each step, when profiling.
    pub fn profile_counts(&self) -> Vec<u64> {
        self.profile.as_ref().map(|p| p.borrow().clone()).unwrap_or_default()
    }

    /// Stops counting the steps built until the guard is dropped: a subquery's steps are
    /// built and run inside one of the statement's, whose counts they would otherwise join.
    pub fn quiet(&self) -> Quiet<'_> {
        self.quiet.set(self.quiet.get() + 1);
        Quiet(self)
    }

    fn count_slot(&self) -> Option<usize> {
        if self.quiet.get() > 0 {
            return None;
        }
        let profile = self.profile.as_ref()?;
        let mut p = profile.borrow_mut();
        p.push(0);
        Some(p.len() - 1)
    }

    fn count(&self, slot: usize) {
        if let Some(p) = &self.profile {
            p.borrow_mut()[slot] += 1;
        }
    }
}

/// Evaluates expressions and matches patterns over a graph.
pub struct Runner<'g> {
    /// The graph read.
    pub graph: &'g Graph,
    /// Parameters and limits.
    pub ctx: &'g Ctx,
}

/// Columns and rows of a finished query.
#[derive(Debug, Default)]
pub struct Output {
    /// Column names.
    pub columns: std::sync::Arc<[String]>,
    /// Rows, each with one value per column.
    pub rows: Vec<Vec<Value>>,
}

/// Runs a plan that does not write.
pub fn run_read(plan: &QueryPlan, graph: &Graph, ctx: &Ctx) -> Result<Output, Error> {
    let runner = Runner { graph, ctx };
    if let ([part], []) = (plan.parts.as_slice(), plan.union_all.as_slice()) {
        // A single query: its rows as they are, cut to its columns (what `union` does for one).
        let mut rows = match direct_tail(&runner, &part.ops) {
            // The commonest read, straight into the rows.
            Some((patterns, filter, p)) => {
                match_and_project(&runner, patterns, filter, p, std::iter::once(Ok(vec![])))?
            }
            None => {
                let input: RowIter<'_> = Box::new(std::iter::once(Ok(Vec::new())));
                read_ops(&runner, &part.ops, input)?.collect::<Result<Vec<_>, _>>()?
            }
        };
        let width = part.columns.len();
        match width {
            0 => rows.clear(),
            _ => rows.iter_mut().for_each(|row| row.truncate(width)),
        }
        return Ok(Output { columns: part.columns.clone(), rows });
    }
    let mut parts = Vec::new();
    for part in &plan.parts {
        let input: RowIter<'_> = Box::new(std::iter::once(Ok(Vec::new())));
        parts.push(read_ops(&runner, &part.ops, input)?.collect::<Result<Vec<_>, _>>()?);
    }
    Ok(union(plan, parts))
}

/// Runs a plan that may write, applying its changes through `tx`.
pub fn run_write(plan: &QueryPlan, tx: &mut Tx<'_>, ctx: &Ctx) -> Result<Output, Error> {
    let mut parts = Vec::new();
    for part in &plan.parts {
        parts.push(run_single_write(part, tx, ctx)?);
    }
    Ok(union(plan, parts))
}

fn union(plan: &QueryPlan, mut parts: Vec<Vec<Vec<Value>>>) -> Output {
    let columns = plan.parts.first().map(|p| p.columns.clone()).unwrap_or_default();
    let width = columns.len();
    let distinct = plan.union_all.iter().any(|all| !all);
    if width == 0 {
        return Output { columns, rows: Vec::new() };
    }
    if let (1, Some(rows)) = (parts.len(), parts.last_mut()) {
        // A single query: its rows as they are, cut to the columns.
        let mut rows = std::mem::take(rows);
        rows.iter_mut().for_each(|row| row.truncate(width));
        return Output { columns, rows };
    }
    let mut rows = Vec::new();
    let mut seen = HashSet::new();
    for part in parts {
        for mut row in part {
            row.truncate(width);
            if !distinct || seen.insert(row.clone()) {
                rows.push(row);
            }
        }
    }
    Output { columns, rows }
}

fn run_single_write(part: &SinglePlan, tx: &mut Tx<'_>, ctx: &Ctx) -> Result<Vec<Vec<Value>>, Error> {
    let mut rows = vec![Vec::new()];
    let ops = &part.ops;
    let mut i = 0;
    while i < ops.len() {
        if ops[i].writes() {
            rows = write_op(&ops[i], tx, ctx, rows)?;
            i += 1;
            continue;
        }
        let end = ops[i..].iter().position(Op::writes).map_or(ops.len(), |j| i + j);
        let runner = Runner { graph: tx.graph, ctx };
        rows = read_ops(&runner, &ops[i..end], Box::new(rows.into_iter().map(Ok)))?
            .collect::<Result<Vec<_>, _>>()?;
        i = end;
    }
    Ok(rows)
}

fn write_op(op: &Op, tx: &mut Tx<'_>, ctx: &Ctx, rows: Vec<Vec<Value>>) -> Result<Vec<Vec<Value>>, Error> {
    match op {
        Op::Create(patterns) => mutate::create(tx, ctx, patterns, rows),
        Op::Merge { pattern, on_create, on_match, .. } => {
            mutate::merge(tx, ctx, (pattern, on_create, on_match), rows)
        }
        Op::Set(items) => mutate::set(tx, ctx, items, rows),
        Op::Delete(exprs, detach) => mutate::delete(tx, ctx, exprs, *detach, rows),
        _ => Ok(rows),
    }
}

/// Chains read steps into one row stream.
fn read_ops<'g>(runner: &'g Runner<'g>, ops: &'g [Op], mut rows: RowIter<'g>) -> Result<RowIter<'g>, Error> {
    if let Some(head) = ops.len().checked_sub(2).map(|n| &ops[..n])
        && let Some((patterns, filter, p)) = direct_tail(runner, &ops[head.len()..])
    {
        let rows = read_ops(runner, head, rows)?;
        return Ok(Box::new(match_and_project(runner, patterns, filter, p, rows)?.into_iter().map(Ok)));
    }
    let mut ops = ops.iter().peekable();
    while let Some(op) = ops.next() {
        if let (Op::Match { optional: false, patterns, filter, .. }, Some(Op::Project(p))) = (op, ops.peek())
            && !p.aggregates.is_empty()
            && runner.ctx.profile.is_none()
        {
            rows = match_into_groups(runner, patterns, filter.as_ref(), p, rows)?;
            ops.next();
            continue;
        }
        rows = match op {
            Op::Match { optional, patterns, filter, new_slots } => {
                let width = new_slots.iter().map(|s| s + 1).max().unwrap_or(0);
                Box::new(rows.flat_map(move |row| -> RowIter<'g> {
                    match row {
                        Ok(row) => Box::new(MatchRows {
                            runner,
                            patterns,
                            filter: filter.as_ref(),
                            optional: optional.then_some(width),
                            row: Some(row),
                            matches: None,
                            batch: Vec::new(),
                            next: 0,
                            found: false,
                            ended: false,
                        }),
                        Err(e) => Box::new(std::iter::once(Err(e))),
                    }
                }))
            }
            Op::Unwind(expr, slot) => Box::new(rows.flat_map(move |row| -> RowIter<'g> {
                let row = match row {
                    Ok(row) => row,
                    Err(e) => return Box::new(std::iter::once(Err(e))),
                };
                let items = match runner.eval(expr, Frame::row(&row)) {
                    Ok(Value::List(items)) => items,
                    Ok(Value::Null) => vec![],
                    Ok(other) => vec![other],
                    Err(e) => return Box::new(std::iter::once(Err(e))),
                };
                // One row per item, made as it is asked for; a long list stays cancellable.
                Box::new(items.into_iter().map(move |item| {
                    runner.ctx.tick()?;
                    let mut r = row.clone();
                    r.resize(*slot, Value::Null);
                    r.push(item);
                    Ok(r)
                }))
            })),
            Op::Project(p) => runner.project(p, rows)?,
            _ => rows,
        };
        if let Some(slot) = runner.ctx.count_slot() {
            let ctx = runner.ctx;
            rows = Box::new(rows.inspect(move |_| ctx.count(slot)));
        }
    }
    Ok(rows)
}

/// A `MATCH` whose rows go straight into the groups of the aggregating projection after it:
/// each match is grouped where the search found it, without being copied into a row of its own.
/// When the aggregation gives the same rows whatever order its input arrives in, a single
/// unanchored hop is read by scanning the relationships (see [`Runner::scan_hop`]).
fn match_into_groups<'g>(
    runner: &'g Runner<'g>,
    patterns: &'g [crate::query::plan::PatternPlan],
    filter: Option<&'g crate::query::plan::Expr>,
    p: &'g crate::query::plan::ProjectPlan,
    input: RowIter<'g>,
) -> Result<RowIter<'g>, Error> {
    let limits = runner.limits(p)?;
    let mut groups = project::Groups::default();
    let any_order = project::order_free(p);
    for row in input {
        let row = row?;
        if any_order && filter.is_none() && runner.count_hop(p, patterns, &row, &mut groups)? {
            continue;
        }
        let mut sink = |found: &[Value]| {
            if let Some(filter) = filter
                && !runner.holds(filter, Frame::row(found))?
            {
                return Ok(());
            }
            runner.group_row(p, &mut groups, found)
        };
        if !(any_order && runner.scan_hop(patterns, &row, &mut sink)?) {
            runner.for_each_match(patterns, None, &row, &mut sink)?;
        }
    }
    runner.aggregated(p, groups, limits)
}

/// The `MATCH` and projection of `ops` when they are exactly a non-optional `MATCH` followed by a
/// projection that maps each row to one row (no aggregate, `DISTINCT` or `WHERE` of its own,
/// and no `SKIP` or `LIMIT` unless it sorts, since a sort reads every row anyway), outside
/// `PROFILE`: the ends of query parts that [`match_and_project`] runs directly.
fn direct_tail<'o>(
    runner: &Runner<'_>,
    ops: &'o [Op],
) -> Option<(
    &'o [crate::query::plan::PatternPlan],
    Option<&'o crate::query::plan::Expr>,
    &'o crate::query::plan::ProjectPlan,
)> {
    let [Op::Match { optional: false, patterns, filter, .. }, Op::Project(p)] = ops else { return None };
    let plain = p.aggregates.is_empty()
        && !p.distinct
        && p.filter.is_none()
        && (!p.order_by.is_empty() || (p.skip.is_none() && p.limit.is_none()));
    (plain && runner.ctx.profile.is_none()).then_some((patterns, filter.as_ref(), p))
}

/// A `MATCH` followed by a projection that ends the query part ([`direct_tail`]): each match is
/// projected as the search finds it (and handed to the sort, if there is one), without
/// streaming it through a batch of rows first. The rows are all made here; nothing after the
/// projection could stop early, and the caller collects every row anyway.
fn match_and_project(
    runner: &Runner<'_>,
    patterns: &[crate::query::plan::PatternPlan],
    filter: Option<&crate::query::plan::Expr>,
    p: &crate::query::plan::ProjectPlan,
    input: impl Iterator<Item = Result<Vec<Value>, Error>>,
) -> Result<Vec<Vec<Value>>, Error> {
    if p.order_by.is_empty() {
        let mut out = Vec::new();
        for row in input {
            runner.for_each_match(patterns, filter, &row?, &mut |found: &[Value]| {
                out.push(runner.eval_items(p, found, &[])?);
                Ok(())
            })?;
        }
        return Ok(out);
    }
    let project::Limits { skip, limit } = runner.limits(p)?;
    let skip = skip.unwrap_or(0);
    let keep_input = project::keeps_input(p);
    let mut sorter = project::Sorter::new(p, skip.saturating_add(limit.unwrap_or(usize::MAX)));
    for row in input {
        runner.for_each_match(patterns, filter, &row?, &mut |found: &[Value]| {
            sorter.push(runner, runner.project_row(p, found, keep_input)?)
        })?;
    }
    let mut rows = sorter.finish();
    rows.drain(..skip.min(rows.len()));
    let width = p.columns.len();
    rows.iter_mut().for_each(|row| row.truncate(width));
    Ok(rows)
}

/// The rows one input row gives through a `MATCH`: streamed a batch (one start node) at a
/// time, filtered by its `WHERE`, or the input row padded with nulls for an `OPTIONAL MATCH`
/// that found nothing.
struct MatchRows<'g> {
    runner: &'g Runner<'g>,
    patterns: &'g [crate::query::plan::PatternPlan],
    filter: Option<&'g crate::query::plan::Expr>,
    /// For `OPTIONAL MATCH`: the width of the null-padded row.
    optional: Option<usize>,
    /// The input row, until the search starts (and again for the optional null row).
    row: Option<Vec<Value>>,
    matches: Option<pattern::Matches<'g>>,
    /// The current batch and the position of its next row (rows before it are taken).
    batch: Vec<Vec<Value>>,
    next: usize,
    found: bool,
    ended: bool,
}

impl MatchRows<'_> {
    fn next_row(&mut self) -> Result<Option<Vec<Value>>, Error> {
        loop {
            // The search applied the filter already.
            if let Some(slot) = self.batch.get_mut(self.next) {
                self.next += 1;
                self.found = true;
                return Ok(Some(std::mem::take(slot)));
            }
            let matches = match &mut self.matches {
                Some(m) => m,
                None => {
                    let row = self.row.as_deref().unwrap_or_default();
                    self.matches.insert(self.runner.matches(self.patterns, self.filter, row)?)
                }
            };
            self.next = 0;
            if !matches.next_batch(&mut self.batch)? {
                break;
            }
        }
        Ok(match (self.optional, self.found, self.row.take()) {
            (Some(width), false, Some(mut row)) => {
                row.resize(width.max(row.len()), Value::Null);
                Some(row)
            }
            _ => None,
        })
    }
}

impl Iterator for MatchRows<'_> {
    type Item = Result<Vec<Value>, Error>;

    fn next(&mut self) -> Option<Self::Item> {
        if self.ended {
            return None;
        }
        match self.next_row() {
            Ok(row) => row.map(Ok),
            Err(e) => {
                // The stream ends at its first error.
                self.ended = true;
                Some(Err(e))
            }
        }
    }
}

#[cfg(test)]
mod tests {
    use crate::error::{Error, ExecutionKind};
    use crate::{Database, Params, QueryOptions, Value};
    use std::sync::Arc;
    use std::sync::atomic::AtomicBool;

    fn cancelled() -> QueryOptions {
        QueryOptions { timeout: None, cancel: Some(Arc::new(AtomicBool::new(true))) }
    }

    #[test]
    fn a_long_unwind_stops_when_cancelled() {
        let db = Database::in_memory();
        let list = Value::List((0..5000).map(Value::Int).collect());
        let params = Params::from([("list".to_owned(), list)]);
        let query = "UNWIND $list AS x RETURN count(x) AS n";
        let done = db.query(query, &params).unwrap();
        assert_eq!(done.rows, vec![vec![Value::Int(5000)]]);
        let err = db.query_with(query, &params, &cancelled()).unwrap_err();
        assert!(matches!(&err, Error::Execution(e) if e.kind == ExecutionKind::Cancelled), "{err:?}");
        // In a write, and past its deadline.
        let write = "UNWIND $list AS x CREATE (:N {x: x})";
        let err = db.query_with(write, &params, &cancelled()).unwrap_err();
        assert!(matches!(&err, Error::Execution(e) if e.kind == ExecutionKind::Cancelled), "{err:?}");
        let late = QueryOptions { timeout: Some(std::time::Duration::ZERO), cancel: None };
        assert!(db.query_with(query, &params, &late).is_err());
        let count = db.query("MATCH (n) RETURN count(n) AS n", &Params::new()).unwrap();
        assert_eq!(count.rows, vec![vec![Value::Int(0)]], "the cancelled write changed nothing");
    }

    #[test]
    fn match_streams_and_stops_at_limit() {
        let db = Database::in_memory();
        db.execute("UNWIND range(1, 3000) AS i CREATE (:N {i: i})", &Params::new()).unwrap();
        // The whole scan would pass 1024 units of work and see the flag; three rows do not.
        let rows =
            db.query_with("MATCH (n:N) RETURN n.i AS i LIMIT 3", &Params::new(), &cancelled()).unwrap();
        assert_eq!(rows.rows, vec![vec![Value::Int(1)], vec![Value::Int(2)], vec![Value::Int(3)]]);
        let err =
            db.query_with("MATCH (n:N) RETURN count(n) AS c", &Params::new(), &cancelled()).unwrap_err();
        assert!(matches!(&err, Error::Execution(e) if e.kind == ExecutionKind::Cancelled), "{err:?}");
    }

    #[test]
    fn where_keeps_the_rows_whose_predicate_evaluates_to_true_and_fails_where_it_fails() {
        let db = Database::in_memory();
        let any = "[null, true, false, 0, 1, 1.5, 'a', [1], {k: 1}]";
        let truths = "[null, true, false]";
        // (values, predicate, whether it fails): comparisons take anything, connectives booleans.
        let cases = [
            (any, "x = y", false),
            (any, "x <> y", false),
            (any, "x < y", false),
            (any, "x <= y", false),
            (any, "x > y", false),
            (any, "x >= y", false),
            (any, "x IS NULL OR y IS NOT NULL AND NOT (x = y)", false),
            (truths, "x AND y", false),
            (truths, "x OR y", false),
            (truths, "x XOR y", false),
            (truths, "NOT x", false),
            (truths, "(x OR NOT y) AND NOT (x XOR y) OR x IS NULL", false),
            (any, "x AND y", true),
            (any, "NOT x", true),
            (any, "x = 1 XOR x", true),
        ];
        for (values, predicate, fails) in cases {
            // `WHERE p` is evaluated as a truth; `p AS t` as a value, compared afterwards.
            let rows = |q: String| db.query(&q, &Params::new()).map(|r| r.rows);
            let unwind = format!("UNWIND {values} AS x UNWIND {values} AS y");
            let direct = rows(format!("{unwind} WITH x, y WHERE {predicate} RETURN x, y"));
            let valued = rows(format!("{unwind} WITH x, y, {predicate} AS t WHERE t = true RETURN x, y"));
            match (direct, valued) {
                (Ok(a), Ok(b)) if !fails => {
                    assert_eq!(a, b, "{predicate}");
                    assert!(!a.is_empty(), "{predicate} keeps some rows");
                }
                (Err(a), Err(b)) if fails => assert_eq!(a.tck_code(), b.tck_code(), "{predicate}: {a} / {b}"),
                (a, b) => panic!("{predicate} over {values}: {a:?} / {b:?}"),
            }
        }
    }

    #[test]
    fn a_node_bound_already_must_still_have_the_labels_and_properties_asked_again() {
        let db = Database::in_memory();
        db.execute("CREATE (a:A {k: 0})-[:R]->(b:A {k: 1})-[:R]->(a)", &Params::new()).unwrap();
        let count = |q: &str| db.query(q, &Params::new()).unwrap().rows[0][0].clone();
        for (query, n) in [
            ("MATCH (n) WITH n MATCH (n:B) RETURN count(*)", 0),
            ("MATCH (n) WITH n MATCH (n:A {k: 0}) RETURN count(*)", 1),
            ("MATCH (a)-->(b)-->(a {k: 0}) RETURN count(*)", 1),
            ("MATCH (a)-->(b), (b {k: 0})-->(a) RETURN count(*)", 1),
            ("MATCH (a {k: 1}) MATCH p = shortestPath((a {k: 0})-[*]-(b)) RETURN count(*)", 0),
            ("MATCH (a {k: 1}) MATCH p = shortestPath((a)-[*]-(b {k: 0})) RETURN count(*)", 1),
        ] {
            assert_eq!(count(query), Value::Int(n), "{query}");
        }
    }

    #[test]
    fn an_equality_moved_from_where_into_the_pattern_keeps_the_same_rows() {
        let db = Database::in_memory();
        // `k` is an integer, the same number as a float, a string, a list, or missing; some
        // nodes are named, and `A.k` is indexed.
        db.execute(
            "UNWIND range(0, 59) AS i CREATE (:A {i: i, name: 'n' + toString(i % 7), k: CASE i % 5 \
             WHEN 0 THEN i % 3 WHEN 1 THEN toFloat(i % 3) WHEN 2 THEN toString(i % 3) \
             WHEN 3 THEN [i % 3] ELSE null END})",
            &Params::new(),
        )
        .unwrap();
        db.execute("MATCH (a:A), (b:A) WHERE (a.i * 7 + b.i) % 13 = 0 CREATE (a)-[:R]->(b)", &Params::new())
            .unwrap();
        db.execute("CREATE INDEX FOR (n:A) ON (n.k)", &Params::new()).unwrap();
        let params = Params::from([("p".to_owned(), Value::Int(2))]);
        // `NOT (x <> v)` is `x = v` in three-valued logic, but is not moved into the pattern.
        for (pushed, kept) in [
            ("MATCH (n:A) WHERE n.k = 1", "MATCH (n:A) WHERE NOT (n.k <> 1)"),
            ("MATCH (n:A) WHERE n.k = 1.0", "MATCH (n:A) WHERE NOT (n.k <> 1.0)"),
            ("MATCH (n:A) WHERE n.k = '2'", "MATCH (n:A) WHERE NOT (n.k <> '2')"),
            ("MATCH (n:A) WHERE n.k = [0]", "MATCH (n:A) WHERE NOT (n.k <> [0])"),
            ("MATCH (n:A) WHERE n.k = null", "MATCH (n:A) WHERE NOT (n.k <> null)"),
            (
                "MATCH (n) WHERE n.name = 'n3' AND n.i > 20",
                "MATCH (n) WHERE NOT (n.name <> 'n3') AND n.i > 20",
            ),
            ("MATCH (a:A)-->(b) WHERE b.k = $p", "MATCH (a:A)-->(b) WHERE NOT (b.k <> $p)"),
            ("MATCH (a)-->(b)-->(a) WHERE a.k = 0", "MATCH (a)-->(b)-->(a) WHERE NOT (a.k <> 0)"),
            (
                "MATCH (a:A {i: 3}) OPTIONAL MATCH (a)-->(b) WHERE b.k = 2",
                "MATCH (a:A {i: 3}) OPTIONAL MATCH (a)-->(b) WHERE NOT (b.k <> 2)",
            ),
            (
                "UNWIND [0, 1, 5] AS v MATCH (n:A) WHERE n.k = v AND n.name = 'n1'",
                "UNWIND [0, 1, 5] AS v MATCH (n:A) WHERE NOT (n.k <> v) AND n.name = 'n1'",
            ),
            // Seeks: by id (`id(n) + 0` is not one), and by IN (`NOT NOT` is not one).
            ("MATCH (n) WHERE id(n) = 7", "MATCH (n) WHERE id(n) + 0 = 7"),
            ("MATCH (n)-->(b) WHERE id(n) = 7.0", "MATCH (n)-->(b) WHERE id(n) + 0 = 7.0"),
            ("MATCH (n) WHERE id(n) = 'x'", "MATCH (n) WHERE id(n) + 0 = 'x'"),
            ("MATCH (n) WHERE id(n) = 1000", "MATCH (n) WHERE id(n) + 0 = 1000"),
            // By relationship id: from its ends, in either direction, self-loops included.
            ("MATCH (n)-[r]->(b) WHERE id(r) = 5", "MATCH (n)-[r]->(b) WHERE id(r) + 0 = 5"),
            ("MATCH (n)<-[r]-(b) WHERE id(r) = 5.0", "MATCH (n)<-[r]-(b) WHERE id(r) + 0 = 5.0"),
            ("MATCH (a)-->(n)-[r]->(b) WHERE id(r) = 9", "MATCH (a)-->(n)-[r]->(b) WHERE id(r) + 0 = 9"),
            (
                "UNWIND range(0, 60) AS v MATCH (n)-[r]-(b) WHERE id(r) = v",
                "UNWIND range(0, 60) AS v MATCH (n)-[r]-(b) WHERE id(r) + 0 = v",
            ),
            ("MATCH (n)-[r]->(b) WHERE id(r) = 10000", "MATCH (n)-[r]->(b) WHERE id(r) + 0 = 10000"),
            (
                "MATCH (n:A) WHERE n.k IN [1, '2', [0], null, 1.0]",
                "MATCH (n:A) WHERE NOT NOT n.k IN [1, '2', [0], null, 1.0]",
            ),
            ("MATCH (n:A) WHERE n.k IN null", "MATCH (n:A) WHERE NOT NOT n.k IN null"),
            (
                "MATCH (n) WHERE n.name IN ['n1', 'n4', 4]",
                "MATCH (n) WHERE NOT NOT n.name IN ['n1', 'n4', 4]",
            ),
            (
                "UNWIND [[0], [2, 1]] AS v MATCH (a:A)-->(n:A) WHERE n.k IN v AND a.i < 30",
                "UNWIND [[0], [2, 1]] AS v MATCH (a:A)-->(n:A) WHERE NOT NOT n.k IN v AND a.i < 30",
            ),
        ] {
            let rows = |q: &str| {
                let mut rows = db.query(&format!("{q} RETURN *"), &params).unwrap().rows;
                rows.sort();
                rows
            };
            let (got, want) = (rows(pushed), rows(kept));
            assert_eq!(got, want, "{pushed}");
            let empty = ["= null", "IN null", "'x'", "1000"].iter().any(|e| pushed.contains(e));
            assert_eq!(got.is_empty(), empty, "{pushed}");
        }
    }

    #[test]
    fn grouped_and_sorted_rows_straight_from_match_agree_with_streamed_rows() {
        let db = Database::in_memory();
        db.execute(
            "UNWIND range(1, 40) AS i CREATE (:N {i: i, k: i % 3, s: toString(i % 4)})",
            &Params::new(),
        )
        .unwrap();
        db.execute(
            "MATCH (a:N), (b:N) WHERE (a.i * 7 + b.i) % 11 = 0 CREATE (a)-[:R {w: a.i % 2}]->(b)",
            &Params::new(),
        )
        .unwrap();
        // PROFILE counts rows per step, so it keeps the streamed path: the two must agree.
        for query in [
            "MATCH (a)-[r]->(b) RETURN type(r) AS t, b.k AS k, count(*) AS c ORDER BY c DESC, t, k",
            "MATCH (a:N)-[r {w: 1}]->(b) WHERE b.i > 10 RETURN a.s AS s, sum(b.i) AS total, collect(DISTINCT b.k) AS ks \
             ORDER BY s",
            "MATCH (a:N) WHERE a.i > 100 RETURN count(*) AS none",
            "MATCH (a:N)-->(b)-->(c) RETURN count(DISTINCT c) AS n, min(a.i) AS lo, max(c.i) AS hi",
            "MATCH (a:N {k: 1}) WITH a.s AS s, count(*) AS c WHERE c > 2 RETURN s, c ORDER BY s LIMIT 2",
            // Sorted straight from the search: by columns, by a variable that is not one, by an
            // expression; with SKIP and LIMIT, and a LIMIT past the 1024 rows held at once.
            "MATCH (a:N)-[r]->(b) WHERE b.i > 3 RETURN a.i AS x, b.i AS y ORDER BY y DESC, x SKIP 3 LIMIT 7",
            "MATCH (a:N)-->(b) RETURN b.s AS s ORDER BY a.i, b.i DESC LIMIT 5",
            "MATCH (a:N)-->(b)-->(c) RETURN a.i AS x, c.i AS z ORDER BY a.i % 5, x + z DESC, z SKIP 2",
            "MATCH (a:N), (b:N) RETURN a.i AS x, b.i AS y ORDER BY x * y % 97 DESC, x, y LIMIT 1030",
            "MATCH (a:N) WITH a ORDER BY a.i DESC LIMIT 4 MATCH (a)-->(b) RETURN a.i AS x, b.i AS y ORDER BY x, y",
        ] {
            let direct = db.query(query, &Params::new()).unwrap().rows;
            let streamed = db.query(&format!("PROFILE {query}"), &Params::new()).unwrap().rows;
            assert_eq!(direct, streamed, "{query}");
            assert!(!direct.is_empty(), "{query}");
        }
    }
}
