//! The node ids an index entry points to (a name, an alias, a property value).
//!
//! Part of the graph's indexes. Most entries of the name and `id` indexes point to exactly one
//! node, so a single id is kept inline; only an entry shared by several nodes gets a set. A
//! one-element `BTreeSet` costs a ~100-byte heap leaf, three per node on a typical import.

use crate::model::NodeId;
use std::collections::BTreeSet;

/// The nodes of one index entry, in id order. Never empty while it is in an index.
#[derive(Debug, Clone, PartialEq, Eq)]
pub(crate) enum Postings {
    /// Exactly one node.
    One(NodeId),
    /// Any number of nodes (an emptied set is removed from its index by the caller).
    Many(BTreeSet<NodeId>),
}

impl Postings {
    /// Adds a node.
    pub(crate) fn insert(&mut self, id: NodeId) {
        match self {
            Postings::One(one) if *one == id => {}
            Postings::One(one) => *self = Postings::Many(BTreeSet::from([*one, id])),
            Postings::Many(set) => {
                set.insert(id);
            }
        }
    }

    /// Removes a node; true when no node is left, so the caller drops the entry.
    pub(crate) fn remove(&mut self, id: NodeId) -> bool {
        match self {
            Postings::One(one) => *one == id,
            Postings::Many(set) => {
                set.remove(&id);
                set.is_empty()
            }
        }
    }

    /// The nodes, in id order.
    pub(crate) fn iter(&self) -> impl Iterator<Item = NodeId> + '_ {
        let (one, many) = match self {
            Postings::One(id) => (Some(*id), None),
            Postings::Many(set) => (None, Some(set)),
        };
        one.into_iter().chain(many.into_iter().flatten().copied())
    }
}

/// Adds `id` under `key`, creating the entry with a single id when it is new.
pub(crate) fn post<K: std::hash::Hash + Eq, S: std::hash::BuildHasher>(
    map: &mut std::collections::HashMap<K, Postings, S>,
    key: K,
    id: NodeId,
) {
    map.entry(key).and_modify(|p| p.insert(id)).or_insert(Postings::One(id));
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn postings_grow_from_one_and_shrink_back_to_empty() {
        let mut p = Postings::One(NodeId(5));
        p.insert(NodeId(5));
        assert_eq!(p, Postings::One(NodeId(5)));
        p.insert(NodeId(2));
        assert_eq!(p.iter().collect::<Vec<_>>(), vec![NodeId(2), NodeId(5)]);
        assert!(!p.remove(NodeId(5)));
        assert!(!p.remove(NodeId(9)));
        assert_eq!(p.iter().collect::<Vec<_>>(), vec![NodeId(2)]);
        assert!(p.remove(NodeId(2)));
        let one = Postings::One(NodeId(1));
        assert!(!one.clone().remove(NodeId(2)));
        assert!(one.clone().remove(NodeId(1)));
    }
}
