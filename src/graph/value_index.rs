//! A property index (`CREATE INDEX FOR (n:Label) ON (n.key)`): nodes by the value of one
//! property, holding node ids only.
//!
//! A map from value to ids kept a copy of every value beside its ids: about 90 bytes per
//! indexed node on a large graph, more than the node's own record. This table holds only the
//! ids, like the name index (`graph::names`): an entry's key is the value its first node holds,
//! read from the node when the table compares (on lookup and insertion) or re-hashes (when it
//! grows). Nodes sharing a value share one entry, so a property with few distinct values does
//! not pile up entries of equal hash. Removal finds the entry by the old value's hash and the
//! id, so it works whatever the node holds by then; insertion must come after the node holds
//! the value.

use super::NodeId;
use crate::model::Value;
use std::collections::BTreeSet;
use std::hash::BuildHasher;

/// Node ids hashed by the value their node holds under the indexed key (see the module docs).
#[derive(Clone, Default)]
pub(super) struct ValueIndex {
    table: hashbrown::HashTable<Entry>,
    hasher: foldhash::fast::RandomState,
}

/// The nodes holding one value: most values of an indexed key are held by one node.
#[derive(Clone, Debug)]
enum Entry {
    One(NodeId),
    /// Never empty; behind a box so that an entry takes 16 bytes.
    #[expect(clippy::box_collection, reason = "a thin pointer keeps the common entry small")]
    Many(Box<BTreeSet<NodeId>>),
}

impl Entry {
    /// The node whose value is the entry's key.
    fn first(&self) -> NodeId {
        match self {
            Entry::One(id) => *id,
            Entry::Many(set) => *set.first().expect("an index entry is never empty"),
        }
    }

    fn contains(&self, id: NodeId) -> bool {
        match self {
            Entry::One(one) => *one == id,
            Entry::Many(set) => set.contains(&id),
        }
    }

    fn insert(&mut self, id: NodeId) {
        match self {
            Entry::One(one) if *one == id => {}
            Entry::One(one) => *self = Entry::Many(Box::new(BTreeSet::from([*one, id]))),
            Entry::Many(set) => {
                set.insert(id);
            }
        }
    }

    /// Removes `id`; true when no node is left.
    fn remove(&mut self, id: NodeId) -> bool {
        match self {
            Entry::One(one) => *one == id,
            Entry::Many(set) => {
                set.remove(&id);
                set.is_empty()
            }
        }
    }

    /// The nodes, in id order.
    fn iter(&self) -> impl Iterator<Item = NodeId> + '_ {
        let (one, many) = match self {
            Entry::One(id) => (Some(*id), None),
            Entry::Many(set) => (None, Some(set)),
        };
        one.into_iter().chain(many.into_iter().flat_map(|s| s.iter().copied()))
    }
}

impl std::fmt::Debug for ValueIndex {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        write!(f, "ValueIndex({} values)", self.table.len())
    }
}

impl ValueIndex {
    /// An empty index with room for `n` distinct values.
    pub(super) fn with_capacity(n: usize) -> ValueIndex {
        ValueIndex { table: hashbrown::HashTable::with_capacity(n), hasher: Default::default() }
    }

    fn hash(&self, value: &Value) -> u64 {
        self.hasher.hash_one(value)
    }

    /// Files `id` under `value`, which the node must already hold; `value_of` reads any node's
    /// value of the indexed key, to compare and to re-hash entries when the table grows.
    pub(super) fn insert<'a>(
        &mut self,
        value: &Value,
        id: NodeId,
        value_of: impl Fn(NodeId) -> Option<&'a Value>,
    ) {
        let hash = self.hash(value);
        if let Some(entry) = self.table.find_mut(hash, |e| value_of(e.first()) == Some(value)) {
            entry.insert(id);
            return;
        }
        let hasher = &self.hasher;
        self.table
            .insert_unique(hash, Entry::One(id), |e| value_of(e.first()).map_or(0, |v| hasher.hash_one(v)));
    }

    /// Takes `id` out from under `value` (what the node held when it was filed); false when it
    /// was not there.
    pub(super) fn remove(&mut self, value: &Value, id: NodeId) -> bool {
        match self.table.find_entry(self.hash(value), |e| e.contains(id)) {
            Ok(mut entry) => {
                if entry.get_mut().remove(id) {
                    entry.remove();
                }
                true
            }
            Err(_) => false,
        }
    }

    /// The nodes holding `value`, in id order.
    pub(super) fn get<'a>(
        &'a self,
        value: &Value,
        value_of: impl Fn(NodeId) -> Option<&'a Value>,
    ) -> Vec<NodeId> {
        let found = self.table.find(self.hash(value), |e| value_of(e.first()) == Some(value));
        found.map(|e| e.iter().collect()).unwrap_or_default()
    }

    /// How many distinct values are indexed.
    #[cfg(test)]
    fn len(&self) -> usize {
        self.table.len()
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use std::collections::HashMap;

    fn ids(v: Vec<NodeId>) -> Vec<u64> {
        v.into_iter().map(|id| id.0).collect()
    }

    #[test]
    fn shared_values_growth_removal_and_changed_values() {
        let mut held: HashMap<NodeId, Value> = HashMap::new();
        let mut index = ValueIndex::default();
        for i in 0..2000u64 {
            // Half the nodes hold a value of their own, the rest one of three shared values;
            // 7 and 7.0 are the same value, as in a Cypher comparison.
            let value = match i % 2 {
                0 => Value::Int(i as i64 * 10),
                _ => Value::String(format!("k{}", i % 3).into()),
            };
            let value = if i == 1001 {
                Value::Float(7.0)
            } else if i == 1003 {
                Value::Int(7)
            } else {
                value
            };
            held.insert(NodeId(i), value.clone());
            index.insert(&value, NodeId(i), |id| held.get(&id));
        }
        assert_eq!(index.len(), 1000 + 3 + 1);
        assert_eq!(ids(index.get(&Value::Int(7), |id| held.get(&id))), vec![1001, 1003]);
        assert_eq!(ids(index.get(&Value::Int(40), |id| held.get(&id))), vec![4]);
        assert_eq!(index.get(&Value::Int(41), |id| held.get(&id)).len(), 0);
        let shared = index.get(&Value::String("k0".into()), |id| held.get(&id));
        assert_eq!(shared.len(), 333);
        assert!(shared.windows(2).all(|w| w[0] < w[1]), "in id order");
        // A node changes value: out by its old value (it already holds the new one), then in.
        let first = shared[0];
        held.insert(first, Value::Int(-1));
        assert!(index.remove(&Value::String("k0".into()), first));
        assert!(!index.remove(&Value::String("k0".into()), first));
        index.insert(&Value::Int(-1), first, |id| held.get(&id));
        assert_eq!(index.get(&Value::String("k0".into()), |id| held.get(&id)).len(), 332);
        assert_eq!(index.get(&Value::Int(-1), |id| held.get(&id)), vec![first]);
        // The last node of a value takes its entry with it.
        assert!(index.remove(&Value::Int(40), NodeId(4)));
        assert_eq!(index.len(), 1000 + 3 + 1);
    }
}
