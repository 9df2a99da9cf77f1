//! The embedding API: [`Database`], [`Transaction`] and [`Session`].
//!
//! Top of the pipeline: text goes to `query::syntax`, the AST to `query::plan`, the plan to
//! `query::exec`, and a write's mutations to `storage` (WAL append + fsync) before the statement
//! is acknowledged. A statement commits whole or changes nothing. Readers share a lock; one
//! writer at a time holds it exclusively, for a statement or an explicit transaction.

use crate::error::{Error, ExecutionError, ExecutionKind};
use crate::graph::{Graph, GraphImage};
use crate::model::{Mutation, Node, NodeId, Properties, RelId, Relationship, Value};
use crate::query::ast::Statement;
use crate::query::exec::{self, Ctx, Params, Tx};
use crate::query::plan::{self, QueryPlan};
use crate::query::prepare::StatementCache;
use crate::query::resolve::GraphResolver;
use crate::query::syntax;
use crate::result::{QueryResult, Stats};
use crate::storage::backends::{Backend, FsBackend};
use crate::storage::{Access, CHECKPOINT_WAL_BYTES, Store};
use std::path::{Path, PathBuf};
use std::sync::atomic::AtomicBool;
use std::sync::{Arc, RwLock, RwLockReadGuard, RwLockWriteGuard};
use std::time::{Duration, Instant};

/// The built-in knowledge graph, as a script in the query language.
pub const BUILTIN_SCRIPT: &str = include_str!("../data/diplomacy.cypher");

/// Limits for one query.
#[derive(Debug, Clone, Default)]
pub struct QueryOptions {
    /// Stop with an error when the query runs longer than this.
    pub timeout: Option<Duration>,
    /// Stop with an error when this flag becomes true (set it from another thread or a signal handler).
    pub cancel: Option<Arc<AtomicBool>>,
}

struct State {
    graph: Graph,
    store: Option<Store>,
}

/// An embedded graph database: in memory, or backed by a file with a write-ahead log.
///
/// ```
/// use demarche::{Database, Params};
/// let db = Database::in_memory();
/// db.execute("CREATE (:Country {name: 'Russia'})", &Params::new()).unwrap();
/// let rows = db.query("MATCH (c:Country) RETURN c.name AS name", &Params::new()).unwrap();
/// assert_eq!(rows.iter().next().unwrap().get::<&str>("name").unwrap(), "Russia");
/// ```
pub struct Database {
    state: RwLock<State>,
    path: Option<PathBuf>,
    read_only: bool,
    /// Statements parsed and planned before, by text (phrase queries are never kept).
    statements: StatementCache,
}

fn poisoned() -> Error {
    Error::Execution(ExecutionError::new(
        ExecutionKind::Transaction,
        "the database is unusable after an internal error in another thread; reopen it",
    ))
}

impl Database {
    /// Opens the database at `path` for reading and writing, creating it if absent.
    pub fn open(path: impl AsRef<Path>) -> Result<Database, Error> {
        Database::open_with(Arc::new(FsBackend), path.as_ref(), Access::ReadWrite)
    }

    /// Opens an existing database without changing it; several read-only handles may share it.
    pub fn open_read_only(path: impl AsRef<Path>) -> Result<Database, Error> {
        Database::open_with(Arc::new(FsBackend), path.as_ref(), Access::ReadOnly)
    }

    fn open_with(backend: Arc<dyn Backend>, path: &Path, access: Access) -> Result<Database, Error> {
        let (store, recovered) = Store::open_on::<GraphImage>(backend, path, access)?;
        let mut graph = match recovered.snapshot {
            Some(image) => Graph::from_image(image).map_err(|reason| {
                Error::Storage(crate::storage::StorageError::corrupt_snapshot(path, reason))
            })?,
            None => Graph::new(),
        };
        for (i, batch) in recovered.transactions.iter().enumerate() {
            graph.apply(batch).map_err(|e| {
                Error::Storage(crate::storage::StorageError::corrupt_snapshot(
                    path,
                    format!("transaction {} of the log does not apply: {}", i + 1, e.message),
                ))
            })?;
        }
        let read_only = matches!(access, Access::ReadOnly);
        Ok(Database {
            state: RwLock::new(State { graph, store: Some(store) }),
            path: Some(path.to_owned()),
            read_only,
            statements: StatementCache::default(),
        })
    }

    /// An empty database that lives in memory only.
    pub fn in_memory() -> Database {
        Database {
            state: RwLock::new(State { graph: Graph::new(), store: None }),
            path: None,
            read_only: false,
            statements: StatementCache::default(),
        }
    }

    /// The built-in knowledge graph of the 2021–22 Russia–US dispute over diplomats, in memory.
    pub fn builtin() -> Result<Database, Error> {
        let db = Database::in_memory();
        db.run_script(BUILTIN_SCRIPT)?;
        Ok(db)
    }

    /// Runs every statement of a script in one transaction: all of them commit, or none.
    pub fn run_script(&self, script: &str) -> Result<(), Error> {
        let mut tx = self.begin()?;
        for span in syntax::split_statements(script) {
            let text = &script[span.start..span.end];
            tx.execute(text, &Params::new()).map_err(|e| e.shifted(span.start))?;
        }
        tx.commit()
    }

    /// The file this database lives in, if any.
    pub fn path(&self) -> Option<&Path> {
        self.path.as_deref()
    }

    /// True when opened read-only.
    pub fn is_read_only(&self) -> bool {
        self.read_only
    }

    fn read(&self) -> Result<RwLockReadGuard<'_, State>, Error> {
        self.state.read().map_err(|_| poisoned())
    }

    fn write(&self) -> Result<RwLockWriteGuard<'_, State>, Error> {
        if self.read_only {
            return Err(Error::Execution(ExecutionError::new(
                ExecutionKind::ReadOnly,
                "the database is open read-only; this statement would change it",
            )));
        }
        self.state.write().map_err(|_| poisoned())
    }

    /// Runs one statement (Cypher or phrase query) and returns its rows. A write commits
    /// durably before this returns.
    pub fn query(&self, text: &str, params: &Params) -> Result<QueryResult, Error> {
        self.query_with(text, params, &QueryOptions::default())
    }

    /// Runs one statement; same as [`Database::query`], named for statements run for effect.
    pub fn execute(&self, text: &str, params: &Params) -> Result<QueryResult, Error> {
        self.query(text, params)
    }

    /// Runs one statement with a timeout or a cancellation flag.
    pub fn query_with(
        &self,
        text: &str,
        params: &Params,
        options: &QueryOptions,
    ) -> Result<QueryResult, Error> {
        let state = self.read()?;
        let prepared = self.statements.prepare(text, &GraphResolver(&state.graph))?;
        let (statement, plan) = (&prepared.statement, prepared.plan.as_ref());
        let ctx = make_ctx(params, options);
        if !prepared.writes
            && !matches!(statement, Statement::Begin | Statement::Commit | Statement::Rollback)
        {
            // A read runs under the lock its statement was prepared under.
            return run_read_statement(statement, plan, &state.graph, ctx);
        }
        drop(state);
        match statement {
            Statement::Begin | Statement::Commit | Statement::Rollback => {
                Err(Error::Execution(ExecutionError::new(
                    ExecutionKind::Transaction,
                    "BEGIN, COMMIT and ROLLBACK need a session: use Database::begin() or Database::session()",
                )))
            }
            _ => {
                let mut state = self.write()?;
                let state = &mut *state;
                let mut tx = Tx::new(&mut state.graph);
                let result = run_statement(statement, plan, &mut tx, ctx);
                let result = match result {
                    Ok(r) => r,
                    Err(e) => {
                        tx.rollback_to(exec::Mark::start());
                        return Err(e);
                    }
                };
                let log = std::mem::take(&mut tx.log);
                let undo = std::mem::take(&mut tx.undo);
                commit_log(state, &log, undo)?;
                Ok(result)
            }
        }
    }

    /// Starts an explicit transaction; it holds the write lock until commit or rollback
    /// (dropping it rolls back).
    pub fn begin(&self) -> Result<Transaction<'_>, Error> {
        Ok(Transaction {
            guard: Some(self.write()?),
            log: Vec::new(),
            undo: Vec::new(),
            statements: &self.statements,
        })
    }

    /// A session: runs statements including `BEGIN` / `COMMIT` / `ROLLBACK`.
    pub fn session(&self) -> Session<'_> {
        Session { db: self, tx: None }
    }

    /// Writes a snapshot and empties the log (also done on clean close and past 16 MiB of log).
    pub fn checkpoint(&self) -> Result<(), Error> {
        let mut state = self.write()?;
        let state = &mut *state;
        if let Some(store) = &mut state.store {
            store.checkpoint(&crate::graph::ImageWriter(&state.graph))?;
        }
        Ok(())
    }

    /// Saves the current graph as a new database file at `path` (which must not be open).
    pub fn save_as(&self, path: impl AsRef<Path>) -> Result<(), Error> {
        let state = self.read()?;
        let (mut store, _) = Store::open::<GraphImage>(path.as_ref(), Access::ReadWrite)?;
        store.checkpoint(&crate::graph::ImageWriter(&state.graph))?;
        Ok(())
    }

    /// Labels, relationship types, property keys and indexes in use.
    pub fn schema(&self) -> Result<Schema, Error> {
        let state = self.read()?;
        let g = &state.graph;
        Ok(Schema {
            labels: g.labels(),
            relationship_types: g.rel_types(),
            property_keys: g.property_keys(),
            indexes: g.indexes(),
            nodes: g.node_count(),
            relationships: g.relationship_count(),
        })
    }

    /// Every entity name and alias, sorted (for completion).
    pub fn entity_names(&self) -> Result<Vec<String>, Error> {
        let state = self.read()?;
        let mut names: Vec<String> = state.graph.all_names().map(str::to_owned).collect();
        names.sort();
        names.dedup();
        Ok(names)
    }

    /// The names closest to `text`, for "did you mean" hints.
    pub fn closest_names(&self, text: &str, n: usize) -> Result<Vec<String>, Error> {
        Ok(GraphResolver(&self.read()?.graph).closest(text, n))
    }

    /// Applies mutations as one committed transaction (the typed API's building block).
    pub fn apply(&self, mutations: Vec<Mutation>) -> Result<Stats, Error> {
        let mut state = self.write()?;
        let state = &mut *state;
        let undo = state.graph.apply(&mutations)?;
        commit_log(state, &mutations, undo)?;
        Ok(Stats::of(&mutations))
    }

    /// Creates a node and returns its id.
    pub fn create_node(&self, labels: &[&str], properties: Properties) -> Result<NodeId, Error> {
        let mut tx = self.begin()?;
        let id = tx.create_node(labels, properties)?;
        tx.commit()?;
        Ok(id)
    }

    /// Creates a relationship and returns its id.
    pub fn create_relationship(
        &self,
        start: NodeId,
        rel_type: &str,
        end: NodeId,
        properties: Properties,
    ) -> Result<RelId, Error> {
        let mut tx = self.begin()?;
        let id = tx.create_relationship(start, rel_type, end, properties)?;
        tx.commit()?;
        Ok(id)
    }

    /// Sets (or with `Value::Null` removes) a node property.
    pub fn set_node_property(&self, id: NodeId, key: &str, value: Value) -> Result<(), Error> {
        self.apply(vec![Mutation::SetNodeProperty { id, key: key.into(), value }]).map(drop)
    }

    /// Deletes a node; with `detach`, its relationships too (else they must be gone already).
    pub fn delete_node(&self, id: NodeId, detach: bool) -> Result<(), Error> {
        let mut tx = self.begin()?;
        tx.delete_node(id, detach)?;
        tx.commit()
    }

    /// Deletes a relationship.
    pub fn delete_relationship(&self, id: RelId) -> Result<(), Error> {
        self.apply(vec![Mutation::DeleteRelationship { id }]).map(drop)
    }

    /// A node by id.
    pub fn node(&self, id: NodeId) -> Result<Option<Node>, Error> {
        Ok(self.read()?.graph.node(id))
    }

    /// A relationship by id.
    pub fn relationship(&self, id: RelId) -> Result<Option<Relationship>, Error> {
        Ok(self.read()?.graph.relationship(id))
    }

    /// Nodes whose `name` is exactly `name`, or that list it among their `aliases`.
    pub fn find_by_name(&self, name: &str) -> Result<Vec<Node>, Error> {
        let state = self.read()?;
        let g = &state.graph;
        let mut ids: Vec<NodeId> = g.nodes_named(name).chain(g.nodes_aliased(name)).collect();
        ids.sort();
        ids.dedup();
        Ok(ids.into_iter().filter_map(|id| g.node(id)).collect())
    }

    /// Nodes carrying a label, in id order.
    pub fn nodes_with_label(&self, label: &str) -> Result<Vec<Node>, Error> {
        let state = self.read()?;
        Ok(state.graph.nodes_with_label(label).filter_map(|id| state.graph.node(id)).collect())
    }

    /// Number of nodes and relationships.
    pub fn counts(&self) -> Result<(usize, usize), Error> {
        let state = self.read()?;
        Ok((state.graph.node_count(), state.graph.relationship_count()))
    }

    /// Imports CSV files (Neo4j admin-style or the plain `id,kind,...` / `src,dst,type` format,
    /// see [`crate::import`]) in bulk, then writes one snapshot. All or nothing: on any error the
    /// database is exactly as it was. Holds the write lock throughout, so it waits for an open
    /// [`Transaction`] to end (never call it from a thread that holds one). `progress` is called
    /// every 65536 rows and at the end of each file.
    ///
    /// ```
    /// # let dir = tempfile::tempdir().unwrap();
    /// let nodes = dir.path().join("nodes.csv");
    /// std::fs::write(&nodes, "id,kind,name\n1,Person,Ann\n2,Person,Bob\n").unwrap();
    /// let edges = dir.path().join("edges.csv");
    /// std::fs::write(&edges, "src,dst,type\n1,2,KNOWS\n").unwrap();
    /// let db = demarche::Database::in_memory();
    /// let files = demarche::CsvImport { nodes: vec![nodes], relationships: vec![edges] };
    /// let summary = db.import_csv(&files, &mut |_| {}).unwrap();
    /// assert_eq!((summary.nodes, summary.relationships), (2, 1));
    /// ```
    pub fn import_csv(
        &self,
        files: &crate::import::CsvImport,
        progress: &mut dyn FnMut(&crate::import::ImportProgress),
    ) -> Result<crate::import::ImportSummary, crate::import::ImportError> {
        let mut state = self.write()?;
        let state = &mut *state;
        let mark = state.graph.bulk_mark();
        let summary = match crate::import::load(&mut state.graph, files, progress) {
            Ok(summary) => summary,
            Err(e) => {
                state.graph.bulk_rollback(mark);
                return Err(e);
            }
        };
        if let Some(store) = &mut state.store
            && let Err(e) = store.checkpoint(&crate::graph::ImageWriter(&state.graph))
        {
            state.graph.bulk_rollback(mark);
            return Err(Error::from(e).into());
        }
        Ok(summary)
    }

    /// Writes the whole database in `format` to `out` (every format but CSV, which needs two
    /// outputs: see [`Database::export_csv`]).
    pub fn export(
        &self,
        format: crate::export::ExportFormat,
        out: &mut dyn std::io::Write,
    ) -> Result<(), crate::export::ExportError> {
        let state = self.read()?;
        crate::export::write(&state.graph, format, out)
    }

    /// Writes the whole database as Neo4j admin-import CSV: nodes to one output, relationships to
    /// the other. [`Database::import_csv`] reads them back into an equal graph.
    pub fn export_csv(
        &self,
        nodes: &mut dyn std::io::Write,
        relationships: &mut dyn std::io::Write,
    ) -> Result<(), crate::export::ExportError> {
        let state = self.read()?;
        crate::export::write_csv(&state.graph, nodes, relationships)
    }

    /// Exports to a file, written atomically (temporary file, then rename). For CSV, `path` is a
    /// directory (created if missing) that receives `nodes.csv` and `relationships.csv`.
    pub fn export_to(
        &self,
        format: crate::export::ExportFormat,
        path: impl AsRef<Path>,
    ) -> Result<Vec<PathBuf>, crate::export::ExportError> {
        let state = self.read()?;
        crate::export::write_to(&state.graph, format, path.as_ref())
    }

    /// Opens the database at `path` with every file operation going through `backend`: the
    /// real file system ([`FsBackend`]) or a simulated disk such as
    /// [`MemBackend`](crate::backends::MemBackend), which tests use to inject I/O errors and
    /// power loss. Otherwise the same as [`Database::open`] / [`Database::open_read_only`].
    pub fn open_on(
        backend: Arc<dyn Backend>,
        path: impl AsRef<Path>,
        access: Access,
    ) -> Result<Database, Error> {
        Database::open_with(backend, path.as_ref(), access)
    }
}

impl Database {
    /// Closes the database in a process about to exit: folds the log into the snapshot, as
    /// dropping it does, but says whether that worked, and then leaves the graph's memory to the
    /// operating system instead of freeing it entity by entity (0.3 s on a graph of a million
    /// nodes and five million relationships). Nothing committed is lost
    /// when folding fails: the log still holds it and the next open replays it.
    ///
    /// Only for a process that ends soon after: the memory is not reclaimed until it does.
    pub fn close_for_exit(mut self) -> Result<(), Error> {
        let folded = self.fold_log();
        std::mem::forget(self);
        folded
    }

    /// Folds the log into the snapshot when this handle wrote to it and it is not empty.
    fn fold_log(&mut self) -> Result<(), Error> {
        if !self.read_only
            && let Ok(state) = self.state.get_mut()
            && let Some(store) = &mut state.store
            && store.wal_len() > 0
        {
            store.checkpoint(&crate::graph::ImageWriter(&state.graph))?;
        }
        Ok(())
    }
}

impl Drop for Database {
    fn drop(&mut self) {
        // A clean close folds the log into the snapshot. Failing here loses nothing: the log
        // still holds every committed transaction and the next open replays it.
        let _ = self.fold_log();
    }
}

/// What a database holds, for `:schema` and completion.
#[derive(Debug, Clone, Default)]
pub struct Schema {
    /// Labels with node counts.
    pub labels: Vec<(String, usize)>,
    /// Relationship types with counts.
    pub relationship_types: Vec<(String, usize)>,
    /// Property keys in use.
    pub property_keys: Vec<String>,
    /// Property indexes as (label, key).
    pub indexes: Vec<(String, String)>,
    /// Number of nodes.
    pub nodes: usize,
    /// Number of relationships.
    pub relationships: usize,
}

fn make_ctx(params: &Params, options: &QueryOptions) -> Ctx {
    Ctx::new(params.clone(), options.timeout.map(|t| Instant::now() + t), options.cancel.clone())
}

/// Appends a transaction's mutations to the log, or undoes them when that fails.
fn commit_log(state: &mut State, log: &[Mutation], undo: Vec<Mutation>) -> Result<(), Error> {
    if log.is_empty() {
        return Ok(());
    }
    let Some(store) = &mut state.store else { return Ok(()) };
    if let Err(e) = store.commit(log) {
        state.graph.undo(undo);
        return Err(e.into());
    }
    if store.wal_len() > CHECKPOINT_WAL_BYTES {
        // The commit is durable in the log already; a failed checkpoint only delays folding it.
        let _ = store.checkpoint(&crate::graph::ImageWriter(&state.graph));
    }
    Ok(())
}

/// The plan prepared with the statement, or one made now.
fn plan_of<'p>(
    prepared: Option<&'p QueryPlan>,
    q: &crate::query::ast::Query,
    owned: &'p mut Option<QueryPlan>,
) -> Result<&'p QueryPlan, Error> {
    Ok(match prepared {
        Some(plan) => plan,
        None => owned.insert(plan::plan(q)?),
    })
}

fn run_read_statement(
    statement: &Statement,
    prepared: Option<&QueryPlan>,
    graph: &Graph,
    ctx: Ctx,
) -> Result<QueryResult, Error> {
    let mut owned = None;
    match statement {
        Statement::Query(q) => {
            let plan = plan_of(prepared, q, &mut owned)?;
            let out = exec::run_read(plan, graph, &ctx)?;
            Ok(QueryResult::new(out.columns, out.rows, graph))
        }
        Statement::Explain(inner) => explain(inner, graph),
        Statement::Profile(inner) => {
            let Statement::Query(q) = inner.as_ref() else {
                return run_read_statement(inner, None, graph, ctx);
            };
            let plan = plan_of(prepared, q, &mut owned)?;
            let ctx = ctx.profiling();
            let out = exec::run_read(plan, graph, &ctx)?;
            let mut result = QueryResult::new(out.columns, out.rows, graph);
            result.profile = Some(profile_lines(plan, &ctx));
            Ok(result)
        }
        _ => Ok(QueryResult::message("nothing to do")),
    }
}

fn run_statement(
    statement: &Statement,
    prepared: Option<&QueryPlan>,
    tx: &mut Tx<'_>,
    ctx: Ctx,
) -> Result<QueryResult, Error> {
    let start = tx.log.len();
    let mut owned = None;
    let mut result = match statement {
        Statement::Query(q) => {
            let plan = plan_of(prepared, q, &mut owned)?;
            let out = exec::run_write(plan, tx, &ctx)?;
            QueryResult::new(out.columns, out.rows, tx.graph)
        }
        Statement::Profile(inner) => {
            let Statement::Query(q) = inner.as_ref() else { return run_statement(inner, None, tx, ctx) };
            let plan = plan_of(prepared, q, &mut owned)?;
            let ctx = ctx.profiling();
            let out = exec::run_write(plan, tx, &ctx)?;
            let mut result = QueryResult::new(out.columns, out.rows, tx.graph);
            result.profile = Some(profile_lines(plan, &ctx));
            result
        }
        Statement::CreateIndex { label, key } => {
            tx.apply(Mutation::CreateIndex { label: label.clone(), key: key.clone() })?;
            QueryResult::message(format!("index on :{label}({key}) ready"))
        }
        Statement::DropIndex { label, key } => {
            tx.apply(Mutation::DropIndex { label: label.clone(), key: key.clone() })?;
            QueryResult::message(format!("index on :{label}({key}) dropped"))
        }
        other => run_read_statement(other, None, tx.graph, ctx)?,
    };
    result.stats = Stats::of(&tx.log[start..]);
    Ok(result)
}

fn profile_lines(plan: &plan::QueryPlan, ctx: &Ctx) -> Vec<(String, u64)> {
    let counts = ctx.profile_counts();
    let ops = plan.parts.iter().flat_map(|p| p.ops.iter().filter(|op| !op.writes()));
    ops.zip(counts.into_iter().chain(std::iter::repeat(0))).map(|(op, n)| (op.describe(), n)).collect()
}

fn explain(inner: &Statement, graph: &Graph) -> Result<QueryResult, Error> {
    let mut steps = Vec::new();
    if let Statement::Query(q) = inner {
        let plan = plan::plan(q)?;
        for (i, part) in plan.parts.iter().enumerate() {
            for op in &part.ops {
                let mut step = op.describe();
                if let plan::Op::Match { patterns, new_slots, .. } = op {
                    let first_new = new_slots.first().copied().unwrap_or(usize::MAX);
                    step = format!("{step}: {}", exec::describe_starts(patterns, first_new, graph));
                }
                steps.push(if plan.parts.len() > 1 { format!("{}: {step}", i + 1) } else { step });
            }
        }
    }
    let columns = vec!["cypher".to_owned(), "plan".to_owned()];
    let rows = vec![vec![Value::from(inner.to_string()), Value::from(steps.join("\n"))]];
    Ok(QueryResult::new(columns.into(), rows, &Graph::new()))
}

/// An explicit transaction: statements see each other's changes; nothing is durable or visible
/// to others until [`Transaction::commit`]. Dropping it rolls back.
pub struct Transaction<'db> {
    guard: Option<RwLockWriteGuard<'db, State>>,
    log: Vec<Mutation>,
    undo: Vec<Mutation>,
    /// The database's prepared statements: a statement run again inside the transaction is
    /// not parsed and planned again.
    statements: &'db StatementCache,
}

impl Transaction<'_> {
    fn with_tx<T>(&mut self, f: impl FnOnce(&mut Tx<'_>) -> Result<T, Error>) -> Result<T, Error> {
        let state = self.guard.as_mut().ok_or_else(|| {
            Error::Execution(ExecutionError::new(ExecutionKind::Transaction, "the transaction has ended"))
        })?;
        let mut tx = Tx {
            graph: &mut state.graph,
            log: std::mem::take(&mut self.log),
            undo: std::mem::take(&mut self.undo),
        };
        let mark = tx.mark();
        let result = f(&mut tx);
        if result.is_err() {
            tx.rollback_to(mark);
        }
        self.log = tx.log;
        self.undo = tx.undo;
        result
    }

    /// Runs a statement inside the transaction. A failed statement is undone; the transaction stays open.
    pub fn execute(&mut self, text: &str, params: &Params) -> Result<QueryResult, Error> {
        self.query_with(text, params, &QueryOptions::default())
    }

    /// Runs a statement with limits inside the transaction.
    pub fn query_with(
        &mut self,
        text: &str,
        params: &Params,
        options: &QueryOptions,
    ) -> Result<QueryResult, Error> {
        let prepared = {
            let state = self.guard.as_ref().ok_or_else(|| {
                Error::Execution(ExecutionError::new(ExecutionKind::Transaction, "the transaction has ended"))
            })?;
            self.statements.prepare(text, &GraphResolver(&state.graph))?
        };
        let (statement, plan) = (&prepared.statement, prepared.plan.as_ref());
        if matches!(statement, Statement::Begin | Statement::Commit | Statement::Rollback) {
            return Err(Error::Execution(ExecutionError::new(
                ExecutionKind::Transaction,
                "use Transaction::commit() or rollback() to end a transaction",
            )));
        }
        let ctx = make_ctx(params, options);
        self.with_tx(|tx| run_statement(statement, plan, tx, ctx))
    }

    /// Creates a node inside the transaction.
    pub fn create_node(&mut self, labels: &[&str], properties: Properties) -> Result<NodeId, Error> {
        let labels = labels.iter().map(|l| l.to_string()).collect();
        self.with_tx(|tx| {
            let id = tx.graph.next_node_id();
            tx.apply(Mutation::CreateNode { id, labels, properties })?;
            Ok(id)
        })
    }

    /// Creates a relationship inside the transaction.
    pub fn create_relationship(
        &mut self,
        start: NodeId,
        rel_type: &str,
        end: NodeId,
        properties: Properties,
    ) -> Result<RelId, Error> {
        self.with_tx(|tx| {
            let id = tx.graph.next_rel_id();
            tx.apply(Mutation::CreateRelationship { id, rel_type: rel_type.into(), start, end, properties })?;
            Ok(id)
        })
    }

    /// Deletes a node inside the transaction (with `detach`, its relationships first).
    pub fn delete_node(&mut self, id: NodeId, detach: bool) -> Result<(), Error> {
        self.with_tx(|tx| {
            if detach {
                let rels: Vec<RelId> =
                    tx.graph.expand(id, crate::graph::Dir::Both, None).map(|(r, _)| r).collect();
                for rel in rels {
                    tx.apply(Mutation::DeleteRelationship { id: rel })?;
                }
            }
            tx.apply(Mutation::DeleteNode { id })
        })
    }

    /// Makes every change durable (one log record) and visible.
    pub fn commit(mut self) -> Result<(), Error> {
        let Some(mut guard) = self.guard.take() else { return Ok(()) };
        let log = std::mem::take(&mut self.log);
        let undo = std::mem::take(&mut self.undo);
        commit_log(&mut guard, &log, undo)
    }

    /// Drops every change.
    pub fn rollback(mut self) {
        self.abort();
    }

    fn abort(&mut self) {
        if let Some(mut guard) = self.guard.take() {
            let undo = std::mem::take(&mut self.undo);
            guard.graph.undo(undo);
        }
    }
}

impl Drop for Transaction<'_> {
    fn drop(&mut self) {
        self.abort();
    }
}

/// Runs statements one after another, like a shell: `BEGIN` opens a transaction that later
/// statements join until `COMMIT` or `ROLLBACK`.
pub struct Session<'db> {
    db: &'db Database,
    tx: Option<Transaction<'db>>,
}

impl<'db> Session<'db> {
    /// The database this session runs against.
    pub fn database(&self) -> &'db Database {
        self.db
    }

    /// True while an explicit transaction is open.
    pub fn in_transaction(&self) -> bool {
        self.tx.is_some()
    }

    /// Runs one statement.
    pub fn run(&mut self, text: &str, params: &Params, options: &QueryOptions) -> Result<QueryResult, Error> {
        match transaction_keyword(text) {
            Some(Statement::Begin) => {
                if self.tx.is_some() {
                    return Err(tx_error("a transaction is already open; COMMIT or ROLLBACK it first"));
                }
                self.tx = Some(self.db.begin()?);
                Ok(QueryResult::message("transaction started"))
            }
            Some(Statement::Commit) => {
                let tx = self.tx.take().ok_or_else(|| tx_error("COMMIT without BEGIN"))?;
                tx.commit()?;
                Ok(QueryResult::message("transaction committed"))
            }
            Some(Statement::Rollback) => {
                let tx = self.tx.take().ok_or_else(|| tx_error("ROLLBACK without BEGIN"))?;
                tx.rollback();
                Ok(QueryResult::message("transaction rolled back"))
            }
            _ => match &mut self.tx {
                Some(tx) => tx.query_with(text, params, options),
                None => self.db.query_with(text, params, options),
            },
        }
    }
}

fn tx_error(message: &str) -> Error {
    Error::Execution(ExecutionError::new(ExecutionKind::Transaction, message))
}

/// Recognises `BEGIN`, `COMMIT` and `ROLLBACK` without taking the lock to parse.
fn transaction_keyword(text: &str) -> Option<Statement> {
    let word = text.trim().trim_end_matches(';').trim().to_ascii_uppercase();
    match word.as_str() {
        "BEGIN" | "BEGIN TRANSACTION" => Some(Statement::Begin),
        "COMMIT" => Some(Statement::Commit),
        "ROLLBACK" => Some(Statement::Rollback),
        _ => None,
    }
}

#[cfg(test)]
mod tests {
    use super::{Database, Params};
    use crate::Value;

    #[test]
    fn explain_says_where_each_pattern_part_starts() {
        let db = Database::in_memory();
        db.execute(
            "UNWIND range(1, 5) AS i CREATE (:A {id: i, name: 'a' + toString(i)})-[:R]->(:B)",
            &Params::new(),
        )
        .unwrap();
        let plan = |q: &str| {
            let result = db.query(&format!("EXPLAIN {q}"), &Params::new()).unwrap();
            let Value::String(plan) = &result.rows[0][1] else { panic!("no plan") };
            plan.to_string()
        };
        let lookup = "MATCH (n:A)-->(m) WHERE n.id = 3 RETURN m";
        assert!(plan(lookup).contains("part 1 starts from label :A (5 nodes)"), "{}", plan(lookup));
        db.execute("CREATE INDEX FOR (n:A) ON (n.id)", &Params::new()).unwrap();
        assert!(plan(lookup).contains("part 1 starts from index :A(id)"), "{}", plan(lookup));
        for (query, start) in [
            ("MATCH (m)<--(n {name: 'a1'}) RETURN m", "part 1 starts from the name index"),
            ("MATCH (n) WHERE id(n) = 0 RETURN n", "part 1 starts from its id"),
            (
                "MATCH (n)-[r]->(m) WHERE id(r) = 0 RETURN n",
                "part 1 starts from the ends of a relationship found by id",
            ),
            ("MATCH (n:A) WHERE n.id IN [1, 2] RETURN n", "part 1 starts from lookups of id IN a list"),
            ("MATCH (n) RETURN n", "part 1 starts from all 10 nodes"),
            (
                "MATCH (n:A) WITH n MATCH (n)-->(m), (b:B) RETURN m",
                "part 1 starts from a node bound already; part 2 starts from label :B",
            ),
            (
                "MATCH p = shortestPath((a:A)-[*]-(b:B)) RETURN p",
                "part 1 is a shortest path between its ends",
            ),
        ] {
            assert!(plan(query).contains(start), "{query}: {}", plan(query));
        }
    }

    #[test]
    fn a_transaction_reuses_prepared_statements_and_its_phrases_see_its_changes() {
        let db = Database::in_memory();
        let create = "CREATE (:Country {name: $name})";
        let named = |name: &str| Params::from([("name".to_owned(), Value::from(name))]);
        let mut tx = db.begin().unwrap();
        for name in ["Atlantis", "Lemuria"] {
            tx.execute(create, &named(name)).unwrap();
        }
        assert_eq!(db.statements.len(), 1, "prepared once, run twice");
        // A phrase resolves against the transaction's graph, and is not kept.
        let described = format!("{:?}", tx.execute("describe Atlantis", &Params::new()));
        assert!(described.contains("Atlantis"), "{described}");
        assert_eq!(db.statements.len(), 1);
        tx.rollback();
        assert!(db.query("describe Atlantis", &Params::new()).is_err(), "rolled back");
        // The statement prepared inside the transaction runs against the graph as it is now.
        db.execute(create, &named("Mu")).unwrap();
        let count = db.query("MATCH (c:Country) RETURN count(*) AS n", &Params::new()).unwrap();
        assert_eq!(count.rows, vec![vec![Value::Int(1)]]);
        assert_eq!(db.statements.len(), 2);
    }
}
