//! Property keys as query plans hold them, with the symbol each resolved to.
//!
//! A plan is prepared once and run many times, and reading `v.key` looked the key's text up in
//! the graph's symbol table on every read: a hash of the text per property read, about a tenth
//! of a query that reads a few properties of a hundred nodes. A [`PropKey`] remembers the
//! symbol together with the [`Instance`] of the graph it came from. A graph's symbols only grow
//! (a key keeps its number for the life of the graph) except when a bulk load is rolled back,
//! which gives the graph a new instance; a clone is a new instance too, since the two may
//! number new keys differently from then on. A key the graph does not know is not remembered:
//! a later write may add it.

use super::{Graph, Sym};
use std::fmt;
use std::sync::atomic::{AtomicU32, AtomicU64, Ordering};

/// Which graph a symbol was resolved in: a number no other graph of this process has had.
#[derive(Debug, PartialEq, Eq)]
pub(super) struct Instance(u32);

static NEXT_INSTANCE: AtomicU32 = AtomicU32::new(1);

impl Instance {
    /// A number never handed out before (0 is never handed out: it marks an empty cache).
    pub(super) fn fresh() -> Instance {
        let mut n = NEXT_INSTANCE.fetch_add(1, Ordering::Relaxed);
        while n == 0 {
            n = NEXT_INSTANCE.fetch_add(1, Ordering::Relaxed);
        }
        Instance(n)
    }
}

impl Default for Instance {
    fn default() -> Instance {
        Instance::fresh()
    }
}

impl Clone for Instance {
    /// A clone of a graph is another graph: it gets a number of its own.
    fn clone(&self) -> Instance {
        Instance::fresh()
    }
}

/// A property key in a plan: its text, and the symbol it had in the last graph it was read in.
pub struct PropKey {
    /// A boxed `str` rather than a `String`: 8 bytes less in every plan expression.
    text: Box<str>,
    /// `instance << 32 | symbol`, 0 while nothing is remembered. Boxed: a plan expression
    /// holding an atomic inline would have interior mutability, and the compiler would then
    /// assume nothing read through a reference to an expression stays put (the evaluator ran
    /// up to a fifth slower on queries that read no property at all).
    resolved: Box<AtomicU64>,
}

impl PropKey {
    /// The key `text`, not yet resolved in any graph.
    pub fn new(text: String) -> PropKey {
        PropKey { text: text.into_boxed_str(), resolved: Box::new(AtomicU64::new(0)) }
    }

    /// The key's text.
    pub fn as_str(&self) -> &str {
        &self.text
    }

    /// The key's symbol in `graph`, or `None` when nothing in the graph has ever had the key.
    #[inline]
    pub fn sym(&self, graph: &Graph) -> Option<Sym> {
        let resolved = self.resolved.load(Ordering::Relaxed);
        if (resolved >> 32) as u32 == graph.instance.0 {
            return Some(Sym(resolved as u32));
        }
        let sym = graph.sym(&self.text)?;
        self.resolved.store(u64::from(graph.instance.0) << 32 | u64::from(sym.0), Ordering::Relaxed);
        Some(sym)
    }
}

impl Clone for PropKey {
    fn clone(&self) -> PropKey {
        PropKey {
            text: self.text.clone(),
            resolved: Box::new(AtomicU64::new(self.resolved.load(Ordering::Relaxed))),
        }
    }
}

impl fmt::Debug for PropKey {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        fmt::Debug::fmt(&self.text, f)
    }
}

impl std::ops::Deref for PropKey {
    type Target = str;

    fn deref(&self) -> &str {
        &self.text
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::model::{Mutation, NodeId, Properties, Value};

    fn graph_with(keys: &[&str]) -> Graph {
        let mut g = Graph::new();
        let properties: Properties = keys.iter().map(|k| ((*k).to_owned(), Value::Int(1))).collect();
        g.apply(&[Mutation::CreateNode { id: NodeId(0), labels: vec![], properties }]).expect("apply");
        g
    }

    #[test]
    fn a_key_resolves_per_graph_and_a_clone_does_not_reuse_the_first_graphs_numbers() {
        let key = PropKey::new("b".into());
        let first = graph_with(&["a", "b"]);
        let second = graph_with(&["b"]);
        let in_first = key.sym(&first).expect("first has b");
        assert_eq!(first.sym_name(in_first), "b");
        // Remembered for the first graph, resolved again in the second, where b has another number.
        let in_second = key.sym(&second).expect("second has b");
        assert_eq!(second.sym_name(in_second), "b");
        assert_ne!(in_first, in_second);
        assert_eq!(key.sym(&first), Some(in_first));
        let mut copy = first.clone();
        copy.intern("c");
        assert_eq!(key.sym(&copy).map(|s| copy.sym_name(s).to_owned()), Some("b".to_owned()));
    }

    #[test]
    fn a_key_rolled_back_by_a_bulk_load_is_not_read_as_the_key_that_takes_its_number() {
        let mut g = graph_with(&["a"]);
        let mark = g.bulk_mark();
        let x = g.bulk_symbol("x");
        g.bulk_node(vec![], vec![(x, Value::Int(1))]);
        let key = PropKey::new("x".into());
        assert_eq!(key.sym(&g), Some(x));
        g.bulk_rollback(mark);
        let y = g.bulk_symbol("y");
        assert_eq!(y, x, "the rolled-back number is handed out again");
        assert_eq!(key.sym(&g), None, "x is gone, and y's number must not be taken for it");
    }

    #[test]
    fn an_unknown_key_is_not_remembered_so_a_later_write_finds_it() {
        let key = PropKey::new("later".into());
        let mut g = graph_with(&["a"]);
        assert_eq!(key.sym(&g), None);
        let properties: Properties = [("later".to_owned(), Value::Int(2))].into_iter().collect();
        g.apply(&[Mutation::CreateNode { id: NodeId(1), labels: vec![], properties }]).expect("apply");
        let sym = key.sym(&g).expect("now known");
        assert_eq!(g.sym_name(sym), "later");
    }
}
