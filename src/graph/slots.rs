//! The table from stable ids to petgraph indices: where each node or relationship id sits.
//!
//! One `u32` per id ever handed out, `u32::MAX` where the id has no entity (deleted, rolled
//! back). petgraph never uses that value as an index (it is its own end marker), so the table
//! needs no separate flag: 4 bytes per id where `Option<NodeIndex>` takes 8 (24 MB on a graph of
//! a million nodes and five million relationships).

use petgraph::graph::{EdgeIndex, NodeIndex};
use std::marker::PhantomData;

/// A petgraph index that fits a slot.
pub(super) trait SlotIndex: Copy {
    fn from_slot(raw: u32) -> Self;
    fn to_slot(self) -> u32;
}

impl SlotIndex for NodeIndex {
    fn from_slot(raw: u32) -> Self {
        NodeIndex::from(raw)
    }
    fn to_slot(self) -> u32 {
        self.index() as u32
    }
}

impl SlotIndex for EdgeIndex {
    fn from_slot(raw: u32) -> Self {
        EdgeIndex::from(raw)
    }
    fn to_slot(self) -> u32 {
        self.index() as u32
    }
}

const EMPTY: u32 = u32::MAX;

/// Slots by id (see the module docs).
#[derive(Debug, Clone)]
pub(super) struct Slots<I> {
    at: Vec<u32>,
    index: PhantomData<I>,
}

impl<I> Default for Slots<I> {
    fn default() -> Self {
        Slots { at: Vec::new(), index: PhantomData }
    }
}

fn pack<I: SlotIndex>(slot: Option<I>) -> u32 {
    slot.map_or(EMPTY, I::to_slot)
}

fn unpack<I: SlotIndex>(raw: u32) -> Option<I> {
    (raw != EMPTY).then(|| I::from_slot(raw))
}

impl<I: SlotIndex> Slots<I> {
    /// Number of ids handed out (the next id).
    pub(super) fn len(&self) -> usize {
        self.at.len()
    }

    /// `None` past the end; `Some(None)` for an id without an entity.
    pub(super) fn get(&self, id: usize) -> Option<Option<I>> {
        self.at.get(id).map(|raw| unpack(*raw))
    }

    /// Sets the slot of an id below [`Slots::len`].
    pub(super) fn set(&mut self, id: usize, slot: Option<I>) {
        self.at[id] = pack(slot);
    }

    /// Hands out the next id.
    pub(super) fn push(&mut self, slot: Option<I>) {
        self.at.push(pack(slot));
    }

    /// Grows to `len` ids, the new ones empty.
    pub(super) fn grow_to(&mut self, len: usize) {
        if self.at.len() < len {
            self.at.resize(len, EMPTY);
        }
    }

    /// Makes room for `more` ids.
    pub(super) fn reserve(&mut self, more: usize) {
        self.at.reserve(more);
    }

    /// Forgets the ids from `len` on, returning their slots.
    pub(super) fn split_off(&mut self, len: usize) -> Vec<Option<I>> {
        self.at.split_off(len.min(self.at.len())).into_iter().map(unpack).collect()
    }

    /// Every slot, by id.
    pub(super) fn iter(&self) -> impl Iterator<Item = Option<I>> + '_ {
        self.at.iter().map(|raw| unpack(*raw))
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn slots_keep_indices_and_holes_and_cut_back_to_a_mark() {
        let mut slots: Slots<NodeIndex> = Slots::default();
        slots.push(Some(NodeIndex::new(7)));
        slots.grow_to(3);
        slots.set(2, Some(NodeIndex::new(0)));
        assert_eq!(slots.len(), 3);
        assert_eq!(slots.get(0), Some(Some(NodeIndex::new(7))));
        assert_eq!(slots.get(1), Some(None));
        assert_eq!(slots.get(3), None);
        assert_eq!(slots.split_off(1), vec![None, Some(NodeIndex::new(0))]);
        assert_eq!(slots.iter().collect::<Vec<_>>(), vec![Some(NodeIndex::new(7))]);
        // The largest index petgraph can hand out still fits beside the empty marker.
        slots.set(0, Some(NodeIndex::new(u32::MAX as usize - 1)));
        assert_eq!(slots.get(0), Some(Some(NodeIndex::new(u32::MAX as usize - 1))));
    }
}
