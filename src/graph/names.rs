//! The name index: nodes by their `name` property, holding node ids only.
//!
//! A map from name to ids kept a copy of every name (a boxed string and its allocation) plus
//! an id set per entry: about 100 bytes per node on a large graph. This table holds only the
//! ids; the key of an entry is the node's own name, read from the node when the table compares
//! (on lookup) or re-hashes (when it grows). Nodes sharing a name are separate entries with the
//! same hash. Removal finds an entry by id, so it works whatever the node's name is by then;
//! insertion must come after the node holds the name, since a later growth re-hashes from it.

use super::NodeId;
use std::hash::BuildHasher;

/// Node ids hashed by their node's name (see the module docs).
#[derive(Clone, Default)]
pub(super) struct NameIndex {
    table: hashbrown::HashTable<NodeId>,
    hasher: foldhash::fast::RandomState,
}

impl std::fmt::Debug for NameIndex {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        write!(f, "NameIndex({} entries)", self.table.len())
    }
}

impl NameIndex {
    fn hash(&self, name: &str) -> u64 {
        self.hasher.hash_one(name)
    }

    /// Adds `id` under `name`, which the node must already hold; `name_of` reads any node's
    /// name, to re-hash entries when the table grows.
    pub(super) fn insert<'a>(&mut self, name: &str, id: NodeId, name_of: impl Fn(NodeId) -> Option<&'a str>) {
        let hash = self.hash(name);
        let hasher = &self.hasher;
        self.table.insert_unique(hash, id, |x| name_of(*x).map_or(0, |n| hasher.hash_one(n)));
    }

    /// Removes `id` from under `name`; false when it was not there.
    pub(super) fn remove(&mut self, name: &str, id: NodeId) -> bool {
        match self.table.find_entry(self.hash(name), |x| *x == id) {
            Ok(entry) => {
                entry.remove();
                true
            }
            Err(_) => false,
        }
    }

    /// The nodes named `name`, in no particular order.
    pub(super) fn get<'a>(
        &'a self,
        name: &'a str,
        name_of: impl Fn(NodeId) -> Option<&'a str> + 'a,
    ) -> impl Iterator<Item = NodeId> + 'a {
        self.table.iter_hash(self.hash(name)).copied().filter(move |id| name_of(*id) == Some(name))
    }

    /// Every indexed node.
    pub(super) fn ids(&self) -> impl Iterator<Item = NodeId> + '_ {
        self.table.iter().copied()
    }

    /// Makes room for `more` entries (see [`NameIndex::insert`] for `name_of`).
    pub(super) fn reserve<'a>(&mut self, more: usize, name_of: impl Fn(NodeId) -> Option<&'a str>) {
        let hasher = &self.hasher;
        self.table.reserve(more, |x| name_of(*x).map_or(0, |n| hasher.hash_one(n)));
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use std::collections::HashMap;

    #[test]
    fn shared_names_growth_and_removal_by_id() {
        let mut names: HashMap<NodeId, String> = HashMap::new();
        let mut index = NameIndex::default();
        for i in 0..1000u64 {
            // Every tenth node shares its name with the one before.
            let name = format!("n{}", if i % 10 == 1 { i - 1 } else { i });
            names.insert(NodeId(i), name.clone());
            index.insert(&name, NodeId(i), |id| names.get(&id).map(String::as_str));
        }
        let mut shared: Vec<_> = index.get("n10", |id| names.get(&id).map(String::as_str)).collect();
        shared.sort();
        assert_eq!(shared, vec![NodeId(10), NodeId(11)]);
        assert_eq!(index.get("n11", |id| names.get(&id).map(String::as_str)).count(), 0);
        // Renaming: the entry goes by id before the name changes, comes back under the new name.
        assert!(index.remove("n10", NodeId(11)));
        assert!(!index.remove("n10", NodeId(11)));
        names.insert(NodeId(11), "eleven".into());
        index.insert("eleven", NodeId(11), |id| names.get(&id).map(String::as_str));
        let found: Vec<_> = index.get("eleven", |id| names.get(&id).map(String::as_str)).collect();
        assert_eq!(found, vec![NodeId(11)]);
        assert_eq!(index.ids().count(), 1000);
    }
}
