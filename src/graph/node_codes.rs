//! Every node's value of one property, numbered, kept between queries until the next write.
//!
//! Grouping relationships by a property of their end nodes (`RETURN type(r), b.kind,
//! count(*)`) numbers that property for every node first (`query::exec::project`): a pass that
//! reads each node's property slice, most of the time of such a query in a fresh process.
//! The numbering depends only on the nodes and that property, so the graph keeps the last one
//! per key with the count of writes it was made at: [`Graph::apply`], [`Graph::undo`] and the
//! bulk loader each count as a write, and a numbering made before the last write is made again.

use super::{Graph, NodeId, Sym};
use std::collections::HashMap;
use std::sync::{Arc, Mutex};

/// The numbering of one property over every node.
#[derive(Debug)]
pub struct NodeCodes {
    /// Per node id: 0 where there is no node, else 1 + the number of the node's value.
    pub codes: Vec<u32>,
    /// Per number, a node holding that value; `None` stands for the nodes without the property.
    pub holders: Vec<Option<NodeId>>,
}

/// The numberings a graph keeps, by property key, with the write count each was made at.
/// Behind a box so that the graph itself has no interior mutability (see `graph::prop_key`).
#[derive(Default)]
pub(super) struct NodeCodeCache(Box<Mutex<HashMap<Sym, Kept>>>);

/// A numbering and the write count it was made at.
type Kept = (u64, Arc<NodeCodes>);

impl Clone for NodeCodeCache {
    /// A clone of a graph starts with nothing kept.
    fn clone(&self) -> NodeCodeCache {
        NodeCodeCache::default()
    }
}

impl std::fmt::Debug for NodeCodeCache {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        f.write_str("NodeCodeCache")
    }
}

impl Graph {
    /// The numbering of `key` over every node: the one kept since the last write, or `number`'s,
    /// which is then kept. Two readers asking at once may both number; the second keeps its own.
    pub fn node_codes(&self, key: Sym, number: impl FnOnce() -> NodeCodes) -> Arc<NodeCodes> {
        let kept = self.node_codes.0.lock().ok().and_then(|map| map.get(&key).cloned());
        if let Some((writes, codes)) = kept
            && writes == self.writes
        {
            return codes;
        }
        let codes = Arc::new(number());
        if let Ok(mut map) = self.node_codes.0.lock() {
            map.insert(key, (self.writes, Arc::clone(&codes)));
        }
        codes
    }

    /// Counts a write: every numbering kept so far is out of date.
    pub(super) fn wrote(&mut self) {
        self.writes = self.writes.wrapping_add(1);
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::model::{Mutation, Properties, Value};

    fn numbering(marker: u32) -> NodeCodes {
        NodeCodes { codes: vec![marker], holders: vec![None] }
    }

    #[test]
    fn a_numbering_is_kept_until_the_next_write_of_any_kind() {
        let mut g = Graph::new();
        let props: Properties = [("kind".to_owned(), Value::from("a"))].into_iter().collect();
        g.apply(&[Mutation::CreateNode { id: NodeId(0), labels: vec![], properties: props }]).unwrap();
        let kind = g.sym("kind").unwrap();
        assert_eq!(g.node_codes(kind, || numbering(1)).codes, [1]);
        assert_eq!(g.node_codes(kind, || numbering(2)).codes, [1], "kept: nothing was written");
        let undo = g
            .apply(&[Mutation::SetNodeProperty { id: NodeId(0), key: "kind".into(), value: "b".into() }])
            .unwrap();
        assert_eq!(g.node_codes(kind, || numbering(3)).codes, [3], "a batch applied is a write");
        g.undo(undo);
        assert_eq!(g.node_codes(kind, || numbering(4)).codes, [4], "a batch undone is a write");
        let mark = g.bulk_mark();
        g.bulk_node(vec![], vec![(kind, Value::from("c"))]);
        assert_eq!(g.node_codes(kind, || numbering(5)).codes, [5], "a bulk node is a write");
        g.bulk_rollback(mark);
        assert_eq!(g.node_codes(kind, || numbering(6)).codes, [6], "a bulk rollback is a write");
        assert_eq!(g.clone().node_codes(kind, || numbering(7)).codes, [7], "a clone keeps nothing");
    }
}
