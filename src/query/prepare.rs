//! Prepared statements: text → parsed statement and plan, kept in a small cache by text.
//!
//! Sits before `plan` and `exec`: `db` asks [`StatementCache::prepare`] for a statement instead
//! of parsing and planning it on every run, which is most of the cost of a point lookup. A
//! statement goes into the cache only when parsing it did not consult the graph: phrase queries
//! resolve entity names against the current graph, so their text can mean something else after
//! a write, and they are parsed every time. Plans depend on the statement alone (not on the
//! graph or its indexes), and parameters stay unbound in both, so a cached plan runs with the
//! parameters of each call.

use crate::error::{Error, SemanticError, Span};
use crate::query::ast::Statement;
use crate::query::plan::{self, QueryPlan};
use crate::query::syntax::{self, Resolve};
use std::collections::HashMap;
use std::sync::atomic::{AtomicBool, Ordering};
use std::sync::{Arc, Mutex};

/// How many statements the cache keeps (the least recently used goes first).
pub const CACHE_CAPACITY: usize = 128;

/// A parsed statement with its plan, ready to run with any parameters.
#[derive(Debug)]
pub struct Prepared {
    /// The statement as parsed.
    pub statement: Statement,
    /// The plan of the query inside (`Statement::Query`, or the query a `PROFILE` runs).
    pub plan: Option<QueryPlan>,
    /// True when running the statement may change the graph.
    pub writes: bool,
}

impl Prepared {
    /// Parses and plans `text`; names in phrase queries are resolved by `resolver`.
    pub fn new(text: &str, resolver: &dyn Resolve) -> Result<Prepared, Error> {
        Prepared::of(syntax::parse(text, resolver)?)
    }

    fn of(statement: Statement) -> Result<Prepared, Error> {
        let query = match &statement {
            Statement::Query(q) => Some(q),
            Statement::Profile(inner) => match inner.as_ref() {
                Statement::Query(q) => Some(q),
                _ => None,
            },
            _ => None,
        };
        let plan = query.map(plan::plan).transpose()?;
        let writes = match &statement {
            Statement::Query(_) => plan.as_ref().is_some_and(|p| p.writes),
            Statement::Profile(inner) => match inner.as_ref() {
                Statement::Query(_) => plan.as_ref().is_some_and(|p| p.writes),
                other => matches!(other, Statement::CreateIndex { .. } | Statement::DropIndex { .. }),
            },
            Statement::CreateIndex { .. } | Statement::DropIndex { .. } => true,
            _ => false,
        };
        Ok(Prepared { statement, plan, writes })
    }
}

/// Statements prepared before, by text, least recently used out first.
#[derive(Debug, Default)]
pub struct StatementCache {
    inner: Mutex<Entries>,
}

#[derive(Debug, Default)]
struct Entries {
    by_text: HashMap<String, (Arc<Prepared>, u64), foldhash::fast::RandomState>,
    clock: u64,
}

/// A resolver that notes whether it was asked anything.
struct Watched<'a> {
    inner: &'a dyn Resolve,
    used: AtomicBool,
}

impl Resolve for Watched<'_> {
    fn resolve(&self, reference: &str, span: Span) -> Result<String, SemanticError> {
        self.used.store(true, Ordering::Relaxed);
        self.inner.resolve(reference, span)
    }
}

impl StatementCache {
    /// The prepared form of `text`: from the cache, or parsed and planned now (and kept, when
    /// parsing did not resolve names against the graph). Errors are not cached.
    pub fn prepare(&self, text: &str, resolver: &dyn Resolve) -> Result<Arc<Prepared>, Error> {
        if let Some(found) = self.lookup(text) {
            return Ok(found);
        }
        let watched = Watched { inner: resolver, used: AtomicBool::new(false) };
        let prepared = Arc::new(Prepared::new(text, &watched)?);
        if !watched.used.load(Ordering::Relaxed) {
            self.insert(text, prepared.clone());
        }
        Ok(prepared)
    }

    /// Number of statements held.
    #[cfg(test)]
    pub(crate) fn len(&self) -> usize {
        self.inner.lock().map_or(0, |e| e.by_text.len())
    }

    fn lookup(&self, text: &str) -> Option<Arc<Prepared>> {
        // A poisoned lock only means another thread panicked mid-update: skip the cache.
        let mut entries = self.inner.lock().ok()?;
        entries.clock += 1;
        let now = entries.clock;
        let (prepared, used) = entries.by_text.get_mut(text)?;
        *used = now;
        Some(prepared.clone())
    }

    fn insert(&self, text: &str, prepared: Arc<Prepared>) {
        let Ok(mut entries) = self.inner.lock() else { return };
        if entries.by_text.len() >= CACHE_CAPACITY && !entries.by_text.contains_key(text) {
            let oldest = entries.by_text.iter().min_by_key(|(_, (_, used))| *used).map(|(t, _)| t.clone());
            if let Some(oldest) = oldest {
                entries.by_text.remove(&oldest);
            }
        }
        entries.clock += 1;
        let now = entries.clock;
        entries.by_text.insert(text.to_owned(), (prepared, now));
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::{Database, Params, Value};
    use std::sync::atomic::AtomicUsize;

    /// Takes every reference as canonical, counting the calls.
    #[derive(Default)]
    struct Counting(AtomicUsize);

    impl Resolve for Counting {
        fn resolve(&self, reference: &str, _span: Span) -> Result<String, SemanticError> {
            self.0.fetch_add(1, Ordering::Relaxed);
            Ok(reference.to_owned())
        }
    }

    #[test]
    fn cypher_is_kept_and_phrases_are_parsed_every_time() {
        let cache = StatementCache::default();
        let resolver = Counting::default();
        let first = cache.prepare("MATCH (n) RETURN n", &resolver).unwrap();
        let again = cache.prepare("MATCH (n) RETURN n", &resolver).unwrap();
        assert!(Arc::ptr_eq(&first, &again));
        assert!(first.plan.is_some() && !first.writes);
        assert!(cache.prepare("CREATE (:A)", &resolver).unwrap().writes);
        assert_eq!(cache.len(), 2);
        let phrase = cache.prepare("timeline of Russia", &resolver).unwrap();
        let phrase_again = cache.prepare("timeline of Russia", &resolver).unwrap();
        assert!(!Arc::ptr_eq(&phrase, &phrase_again));
        assert_eq!(resolver.0.load(Ordering::Relaxed), 2);
        assert_eq!(cache.len(), 2);
        assert!(cache.prepare("MATCH (n RETURN n", &resolver).is_err());
        assert_eq!(cache.len(), 2, "errors are not kept");
    }

    #[test]
    fn the_least_recently_used_statement_goes_first() {
        let cache = StatementCache::default();
        let resolver = Counting::default();
        let keep = cache.prepare("RETURN 0 AS x", &resolver).unwrap();
        for i in 1..CACHE_CAPACITY + 10 {
            cache.prepare(&format!("RETURN {i} AS x"), &resolver).unwrap();
            // Used again each time, so it stays while older ones go.
            assert!(Arc::ptr_eq(&keep, &cache.prepare("RETURN 0 AS x", &resolver).unwrap()));
        }
        assert_eq!(cache.len(), CACHE_CAPACITY);
        let evicted = cache.prepare("RETURN 1 AS x", &resolver).unwrap();
        let evicted_again = cache.prepare("RETURN 1 AS x", &resolver).unwrap();
        assert!(Arc::ptr_eq(&evicted, &evicted_again), "prepared again and kept");
    }

    #[test]
    fn a_cached_statement_binds_parameters_and_writes_on_every_run() {
        let db = Database::in_memory();
        let create = "CREATE (:P {id: $id, name: $name})";
        for (id, name) in [(1, "one"), (2, "two")] {
            let params =
                Params::from([("id".to_owned(), Value::Int(id)), ("name".to_owned(), Value::from(name))]);
            db.execute(create, &params).unwrap();
        }
        let lookup = "MATCH (p:P {id: $id}) RETURN p.name AS name";
        for (id, name) in [(1, "one"), (2, "two"), (1, "one")] {
            let params = Params::from([("id".to_owned(), Value::Int(id))]);
            assert_eq!(db.query(lookup, &params).unwrap().rows, vec![vec![Value::from(name)]]);
        }
        let count = db.query("MATCH (p:P) RETURN count(*) AS n", &Params::new()).unwrap();
        assert_eq!(count.rows, vec![vec![Value::Int(2)]]);
    }

    #[test]
    fn a_phrase_resolves_against_the_graph_after_a_write() {
        let db = Database::in_memory();
        db.execute("CREATE (:Country {name: 'Atlantis'}), (:Country {name: 'Lemuria'})", &Params::new())
            .unwrap();
        let describe = |db: &Database| format!("{:?}", db.query("describe Atlantis", &Params::new()));
        assert!(describe(&db).contains("Atlantis"), "{}", describe(&db));
        db.execute("MATCH (c {name: 'Atlantis'}) SET c.name = 'Old Lemuria'", &Params::new()).unwrap();
        db.execute("MATCH (c {name: 'Lemuria'}) SET c.aliases = ['Atlantis']", &Params::new()).unwrap();
        let after = describe(&db);
        assert!(after.contains("Lemuria") && !after.contains("Old Lemuria"), "{after}");
    }
}
