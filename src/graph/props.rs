//! Properties as the graph stores them, and the read-only view it lends out.
//!
//! A node's properties are one boxed slice of `(key symbol, value)` pairs sorted by key text:
//! 16 bytes in the node record plus 40 per property, with no allocation per key. A
//! `BTreeMap<String, Value>` holding the same five properties took over 600 bytes in a dozen
//! allocations, and a lookup compared key strings scattered over the heap. The public
//! [`Properties`] map is built only when an entity leaves the graph whole
//! ([`PropsRef::to_map`]); queries read single values through [`PropsRef::get`].

use super::{Graph, Sym};
use crate::model::{Properties, Value};
use serde::de::{Deserialize, Deserializer, MapAccess, Visitor};
use serde::ser::{Serialize, SerializeMap, Serializer};
use std::borrow::Cow;
use std::fmt;

/// The stored properties of one node or relationship: keys interned, sorted by key text,
/// values never null.
#[derive(Debug, Clone, Default)]
pub(super) struct PropMap(Box<[(Sym, Value)]>);

impl PropMap {
    /// A map of `entries` (values not null), sorted by key text with `names`; `Err(key)` when a
    /// key appears twice.
    pub(super) fn build(mut entries: Vec<(Sym, Value)>, names: &[String]) -> Result<PropMap, Sym> {
        if !sort_by_name(&mut entries, names)
            && let Some(pair) = entries.windows(2).find(|w| w[0].0 == w[1].0)
        {
            return Err(pair[0].0);
        }
        Ok(PropMap(entries.into_boxed_slice()))
    }

    /// A map of `entries` (values not null) in any order; when a key appears more than once
    /// the last of its entries is kept, as inserting them one by one would.
    pub(super) fn build_last_wins(mut entries: Vec<(Sym, Value)>, names: &[String]) -> PropMap {
        if !sort_by_name(&mut entries, names) {
            // The sort is stable, so equal keys keep their order and the last one wins the
            // dedup done back to front.
            entries.reverse();
            entries.dedup_by_key(|(k, _)| *k);
            entries.reverse();
        }
        PropMap(entries.into_boxed_slice())
    }

    /// The value under `key`.
    pub(super) fn get(&self, key: Sym) -> Option<&Value> {
        find(&self.0, key)
    }

    /// Sets `key` to a non-null `value`, keeping key order; returns the old value.
    pub(super) fn insert(&mut self, key: Sym, value: Value, names: &[String]) -> Option<Value> {
        if let Some((_, slot)) = self.0.iter_mut().find(|(k, _)| *k == key) {
            return Some(std::mem::replace(slot, value));
        }
        let mut entries = std::mem::take(&mut self.0).into_vec();
        let at = entries.partition_point(|(k, _)| key_name(names, *k) < key_name(names, key));
        entries.insert(at, (key, value));
        self.0 = entries.into_boxed_slice();
        None
    }

    /// Removes `key`; returns its value.
    pub(super) fn remove(&mut self, key: Sym) -> Option<Value> {
        let at = self.0.iter().position(|(k, _)| *k == key)?;
        let mut entries = std::mem::take(&mut self.0).into_vec();
        let (_, old) = entries.remove(at);
        self.0 = entries.into_boxed_slice();
        Some(old)
    }

    /// The entries, in key order.
    pub(super) fn entries(&self) -> &[(Sym, Value)] {
        &self.0
    }

    /// True when there are no properties.
    pub(super) fn is_empty(&self) -> bool {
        self.0.is_empty()
    }
}

/// The text of a key symbol (empty for one out of range).
fn key_name(names: &[String], key: Sym) -> &str {
    names.get(key.0 as usize).map_or("", String::as_str)
}

/// Sorts entries by key text, stably; false when they were not already strictly in order
/// (only then can a key repeat).
fn sort_by_name(entries: &mut [(Sym, Value)], names: &[String]) -> bool {
    let name = |s: Sym| key_name(names, s);
    if entries.is_sorted_by(|a, b| name(a.0) < name(b.0)) {
        return true;
    }
    entries.sort_by(|a, b| name(a.0).cmp(name(b.0)));
    false
}

/// The value under `key` in a slice of entries.
fn find(entries: &[(Sym, Value)], key: Sym) -> Option<&Value> {
    entries.iter().find(|(k, _)| *k == key).map(|(_, v)| v)
}

/// The properties of one node or relationship, borrowed from the graph: what
/// [`Graph::node_props`] and [`Graph::rel_props`] lend out. Iterates in key order.
#[derive(Clone, Copy)]
pub struct PropsRef<'g> {
    graph: &'g Graph,
    entries: &'g [(Sym, Value)],
}

impl<'g> PropsRef<'g> {
    pub(super) fn new(graph: &'g Graph, entries: &'g [(Sym, Value)]) -> PropsRef<'g> {
        PropsRef { graph, entries }
    }

    /// The value under `key`, if the entity has that property.
    pub fn get(self, key: &str) -> Option<&'g Value> {
        find(self.entries, self.graph.sym(key)?)
    }

    /// The value under the key whose symbol is `key` ([`Graph::sym`]): for a caller reading
    /// the same key of many entities, which looks the symbol up once instead of per entity.
    pub fn get_sym(self, key: Sym) -> Option<&'g Value> {
        find(self.entries, key)
    }

    /// Every `(key, value)`, in key order.
    pub fn iter(self) -> impl Iterator<Item = (&'g str, &'g Value)> + 'g {
        let graph = self.graph;
        self.entries.iter().map(move |(k, v)| (graph.sym_name(*k), v))
    }

    /// The properties as a map of their own.
    pub fn to_map(self) -> Properties {
        self.iter().map(|(k, v)| (k.to_owned(), v.clone())).collect()
    }
}

impl fmt::Debug for PropsRef<'_> {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.debug_map().entries(self.iter()).finish()
    }
}

/// Serializes as a map from key text to value, in key order: the same bytes as the
/// `Properties` map it replaces, so snapshots keep their format.
impl Serialize for PropsRef<'_> {
    fn serialize<S: Serializer>(&self, serializer: S) -> Result<S::Ok, S::Error> {
        let mut map = serializer.serialize_map(Some(self.entries.len()))?;
        for (k, v) in self.iter() {
            map.serialize_entry(k, v)?;
        }
        map.end()
    }
}

/// A property map as decoded from a snapshot, keys borrowed from the input bytes when the
/// decoder lends them (decoding from a slice) and owned otherwise (the snapshot reader streams
/// the file, and its decoder hands each key over as a string of its own); keys are interned
/// next.
#[derive(Debug, Default)]
pub(super) struct RawProps<'a>(pub(super) Vec<(Cow<'a, str>, Value)>);

impl<'de: 'a, 'a> Deserialize<'de> for RawProps<'a> {
    fn deserialize<D: Deserializer<'de>>(deserializer: D) -> Result<Self, D::Error> {
        deserializer.deserialize_map(RawPropsVisitor(std::marker::PhantomData))
    }
}

struct RawPropsVisitor<'a>(std::marker::PhantomData<&'a ()>);

impl<'de: 'a, 'a> Visitor<'de> for RawPropsVisitor<'a> {
    type Value = RawProps<'a>;

    fn expecting(&self, f: &mut fmt::Formatter) -> fmt::Result {
        f.write_str("a map of properties")
    }

    fn visit_map<A: MapAccess<'de>>(self, mut map: A) -> Result<RawProps<'a>, A::Error> {
        // The declared length is trusted only a little: a corrupt file must not reserve much.
        let mut out = Vec::with_capacity(map.size_hint().unwrap_or(0).min(64));
        while let Some(key) = map.next_key::<Key<'a>>()? {
            out.push((key.0, map.next_value()?));
        }
        Ok(RawProps(out))
    }
}

/// A key, borrowed when the decoder can lend it.
struct Key<'a>(Cow<'a, str>);

impl<'de: 'a, 'a> Deserialize<'de> for Key<'a> {
    fn deserialize<D: Deserializer<'de>>(deserializer: D) -> Result<Self, D::Error> {
        deserializer.deserialize_str(KeyVisitor(std::marker::PhantomData))
    }
}

struct KeyVisitor<'a>(std::marker::PhantomData<&'a ()>);

impl<'de: 'a, 'a> Visitor<'de> for KeyVisitor<'a> {
    type Value = Key<'a>;

    fn expecting(&self, f: &mut fmt::Formatter) -> fmt::Result {
        f.write_str("a property key")
    }

    fn visit_borrowed_str<E: serde::de::Error>(self, v: &'de str) -> Result<Key<'a>, E> {
        Ok(Key(Cow::Borrowed(v)))
    }

    fn visit_str<E: serde::de::Error>(self, v: &str) -> Result<Key<'a>, E> {
        Ok(Key(Cow::Owned(v.to_owned())))
    }

    fn visit_string<E: serde::de::Error>(self, v: String) -> Result<Key<'a>, E> {
        Ok(Key(Cow::Owned(v)))
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn names() -> Vec<String> {
        ["name", "b", "a", "kind"].map(String::from).to_vec()
    }

    fn keys(m: &PropMap) -> Vec<u32> {
        m.entries().iter().map(|(k, _)| k.0).collect()
    }

    #[test]
    fn entries_stay_in_key_text_order_through_inserts_and_removes() {
        let names = names();
        let mut m = PropMap::default();
        for k in [3, 0, 1, 2] {
            assert_eq!(m.insert(Sym(k), Value::Int(k.into()), &names), None);
        }
        // a < b < kind < name
        assert_eq!(keys(&m), vec![2, 1, 3, 0]);
        assert_eq!(m.insert(Sym(1), Value::Int(10), &names), Some(Value::Int(1)));
        assert_eq!(m.get(Sym(1)), Some(&Value::Int(10)));
        assert_eq!(m.remove(Sym(3)), Some(Value::Int(3)));
        assert_eq!(m.remove(Sym(3)), None);
        assert_eq!(keys(&m), vec![2, 1, 0]);
    }

    #[test]
    fn building_sorts_and_refuses_or_resolves_a_repeated_key() {
        let names = names();
        let entries = vec![(Sym(0), Value::Int(1)), (Sym(2), Value::Int(2)), (Sym(0), Value::Int(3))];
        assert_eq!(PropMap::build(entries.clone(), &names).err(), Some(Sym(0)));
        let m = PropMap::build_last_wins(entries, &names);
        assert_eq!(keys(&m), vec![2, 0]);
        assert_eq!(m.get(Sym(0)), Some(&Value::Int(3)));
        let sorted = PropMap::build(vec![(Sym(1), Value::Null), (Sym(0), Value::Null)], &names).unwrap();
        assert_eq!(keys(&sorted), vec![1, 0]);
    }
}
