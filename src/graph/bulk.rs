//! Bulk loading: many nodes and relationships added straight into the graph, without building
//! an undo record per change, and taken back out again in one step if the load fails.
//!
//! Used by `import`, which validates every value before it gets here and persists the result
//! as one snapshot. A load starts with [`Graph::bulk_mark`]; [`Graph::bulk_rollback`] restores
//! the graph to exactly that mark (entities, indexes, symbols and id counters). Nothing else
//! may change the graph in between: the caller holds the database's write lock throughout.

use super::{Graph, Labels, NodeRec, PropMap, RelRec, Sym, fold, name_keys, not_found, post};
use crate::error::ExecutionError;
use crate::model::{NodeId, RelId, Value};

/// Relationships decoded or parsed before they are added to the graph together (snapshot load,
/// CSV import): their end nodes are looked up as a batch first (see [`Graph::bulk_rels`]).
pub(crate) const REL_BATCH: usize = 64;

/// A relationship for [`Graph::bulk_rels`]: start, type, end, properties.
pub type BulkRel = (NodeId, Sym, NodeId, Vec<(Sym, Value)>);

/// Where a bulk load started: everything added after it can be taken back out.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct BulkMark {
    nodes: usize,
    rels: usize,
    symbols: usize,
}

impl Graph {
    /// Marks the current state, before a bulk load.
    pub fn bulk_mark(&self) -> BulkMark {
        BulkMark { nodes: self.node_slots.len(), rels: self.rel_slots.len(), symbols: self.symbols.len() }
    }

    /// Makes room for about `nodes` more nodes (`named` of them with a `name` property), so a
    /// large load does not grow and copy its tables again and again. A hint: the importer passes
    /// the line count of the file.
    pub fn bulk_reserve_nodes(&mut self, nodes: usize, named: bool) {
        self.g.reserve_nodes(nodes);
        self.node_slots.reserve(nodes);
        if named {
            self.reserve_names(nodes);
        }
    }

    /// Makes room for about `rels` more relationships (see [`Graph::bulk_reserve_nodes`]).
    pub fn bulk_reserve_rels(&mut self, rels: usize) {
        self.g.reserve_edges(rels);
        self.rel_slots.reserve(rels);
    }

    /// The symbol for a label, relationship type or property key, interning it when new.
    pub fn bulk_symbol(&mut self, name: &str) -> Sym {
        self.intern(name)
    }

    /// Adds a node with a fresh id. `labels` must be distinct symbols from [`Graph::bulk_symbol`];
    /// `props` are `(key symbol, value)` pairs in any order (the last wins when a key repeats)
    /// and must hold only storable, non-null values (the importer checks them as it parses).
    pub fn bulk_node(&mut self, labels: Vec<Sym>, props: Vec<(Sym, Value)>) -> NodeId {
        self.wrote();
        let id = NodeId(self.node_slots.len() as u64);
        for sym in &labels {
            self.by_label.entry(*sym).or_default().insert(id);
        }
        let props = PropMap::build_last_wins(props, &self.symbols);
        for (key, value) in props.entries() {
            let key = self.symbols.get(key.0 as usize).map_or("", String::as_str);
            for name in name_keys(key, value) {
                if key != "name" {
                    post(&mut self.by_alias, name.into(), id);
                }
                if let Some(folded) = fold(name) {
                    post(&mut self.by_folded_name, folded.into(), id);
                }
            }
        }
        let indexed: Vec<(Sym, Sym)> = match self.property_indexes.is_empty() {
            true => Vec::new(),
            false => labels.iter().flat_map(|l| props.entries().iter().map(move |(k, _)| (*l, *k))).collect(),
        };
        let idx = self.add_node_rec(NodeRec { id, labels: Labels::from_vec(labels), props });
        self.node_slots.push(Some(idx));
        for (label, key) in indexed {
            self.index_insert(label, key, id);
        }
        self.index_name(id);
        id
    }

    /// Adds a batch of relationships with fresh ids between existing nodes, emptying it, and
    /// returns how many were added; each is (start, type, end, properties), the properties as
    /// for [`Graph::bulk_node`]. The caller counts relationships per type and hands the counts
    /// over with [`Graph::bulk_count_type`] before the graph is read or rolled back.
    ///
    /// Every end is looked up before any edge is linked, so that the cache misses on end nodes
    /// overlap (on a large graph, a miss per end). Stops at the first relationship with a
    /// missing end: the error comes with its position in the batch, and the ones before it are
    /// added.
    pub fn bulk_rels(&mut self, batch: &mut Vec<BulkRel>) -> Result<usize, (usize, ExecutionError)> {
        self.wrote();
        let n = batch.len();
        let ends: Vec<_> = batch.iter().map(|(a, _, b, _)| (self.end_idx(*a), self.end_idx(*b))).collect();
        for (i, ((start, rel_type, end, props), ends)) in batch.drain(..).zip(ends).enumerate() {
            let (Some(a), Some(b)) = ends else {
                let missing = if ends.0.is_none() { start } else { end };
                return Err((i, not_found("node", missing.0)));
            };
            let id = RelId(self.rel_slots.len() as u64);
            let props = PropMap::build_last_wins(props, &self.symbols);
            let idx = self.g.add_edge(a, b, RelRec::new(id, rel_type, props));
            self.rel_slots.push(Some(idx));
        }
        Ok(n)
    }

    /// Adds `n` to the count of relationships of a type (see [`Graph::bulk_rels`]).
    pub fn bulk_count_type(&mut self, rel_type: Sym, n: usize) {
        *self.n_by_type.entry(rel_type).or_default() += n;
    }

    /// Every relationship id, in id order.
    pub fn rel_ids(&self) -> impl Iterator<Item = RelId> + '_ {
        self.rel_slots.iter().enumerate().filter(|(_, s)| s.is_some()).map(|(i, _)| RelId(i as u64))
    }

    /// Takes out everything added since `mark`: relationships, then nodes (with their index
    /// entries), then symbols first used since; id counters go back to where they were.
    pub fn bulk_rollback(&mut self, mark: BulkMark) {
        self.wrote();
        for slot in self.rel_slots.split_off(mark.rels) {
            if let Some(rec) = slot.and_then(|idx| self.g.remove_edge(idx))
                && let Some(n) = self.n_by_type.get_mut(&rec.rel_type())
            {
                *n = n.saturating_sub(1);
            }
        }
        let added: Vec<(usize, _)> = self.node_slots.iter().enumerate().skip(mark.nodes).collect();
        for (slot, idx) in added {
            let Some(idx) = idx else { continue };
            let id = NodeId(slot as u64);
            let keys: Vec<String> =
                self.g[idx].props.entries().iter().map(|(k, _)| self.sym_name(*k).to_owned()).collect();
            for key in keys {
                self.write_node_prop(id, &key, Value::Null);
            }
            if let Some(rec) = self.g.remove_node(idx) {
                for sym in rec.labels.iter() {
                    if let Some(set) = self.by_label.get_mut(sym) {
                        set.remove(&id);
                    }
                }
            }
        }
        self.node_slots.split_off(mark.nodes);
        // Symbols go back too, and a number taken back may name another key later: plans
        // must not take the numbers they remember for this graph's any more.
        self.instance = super::prop_key::Instance::fresh();
        for name in self.symbols.drain(mark.symbols.min(self.symbols.len())..).collect::<Vec<_>>() {
            if let Some(sym) = self.symbol_ids.remove(&name) {
                self.by_label.remove(&sym);
                self.n_by_type.remove(&sym);
            }
        }
    }
}
