//! The in-memory property graph: petgraph storage plus the indexes queries start from.
//!
//! This is the only module that touches petgraph indices. Everything outside speaks in
//! stable [`NodeId`] / [`RelId`]s. Changes arrive as [`Mutation`]s; [`Graph::apply`] applies a
//! batch all or nothing, and returns the inverse batch so a caller can undo it later. The
//! graph knows nothing of queries, files or bincode.

use crate::error::{ExecutionError, ExecutionKind};
use crate::model::{Mutation, Node, NodeId, Properties, RelId, Relationship, Value};
use petgraph::Direction as PgDirection;
use petgraph::stable_graph::{EdgeIndex, NodeIndex, StableDiGraph};
use petgraph::visit::EdgeRef;
use serde::{Deserialize, Serialize};
use std::collections::BTreeSet;

/// The maps of the graph and its indexes: foldhash, seeded per process (fast on short keys such
/// as names and ids, and still not predictable by whoever writes the data).
type HashMap<K, V> = std::collections::HashMap<K, V, foldhash::fast::RandomState>;

/// An interned label, relationship type or other name.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, PartialOrd, Ord, Serialize, Deserialize)]
pub struct Sym(pub u32);

/// The iterator of [`Graph::expand`]: nothing, one direction's relationships, or both.
enum Expand<A, B> {
    None,
    One(A),
    Both(B),
}

impl<T, A: Iterator<Item = T>, B: Iterator<Item = T>> Iterator for Expand<A, B> {
    type Item = T;

    #[inline]
    fn next(&mut self) -> Option<T> {
        match self {
            Expand::None => None,
            Expand::One(a) => a.next(),
            Expand::Both(b) => b.next(),
        }
    }
}

/// Which relationships of a node to follow.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Dir {
    /// Relationships that start at the node.
    Out,
    /// Relationships that end at the node.
    In,
    /// Both.
    Both,
}

#[derive(Debug, Clone)]
struct NodeRec {
    id: NodeId,
    labels: Labels,
    props: PropMap,
}

// What petgraph stores per node slot, besides its own 8 bytes of links.
const _: () = assert!(std::mem::size_of::<Option<NodeRec>>() == 40);

/// A node's labels, distinct, in the order they were added. Most nodes have one, kept inline:
/// 16 bytes and no allocation, where a `Vec` took 24 bytes and an allocation of its own.
#[derive(Debug, Clone, Default)]
enum Labels {
    #[default]
    None,
    One(Sym),
    /// Behind a thin pointer, so the whole stays 16 bytes (a boxed slice is 16 on its own);
    /// the extra allocation is paid only by nodes with several labels.
    #[expect(clippy::box_collection, reason = "a thin pointer keeps the common case small")]
    Many(Box<Vec<Sym>>),
}

impl Labels {
    fn from_vec(mut labels: Vec<Sym>) -> Labels {
        match labels.len() {
            0 => Labels::None,
            1 => Labels::One(labels[0]),
            _ => {
                labels.shrink_to_fit();
                Labels::Many(Box::new(labels))
            }
        }
    }

    fn as_slice(&self) -> &[Sym] {
        match self {
            Labels::None => &[],
            Labels::One(sym) => std::slice::from_ref(sym),
            Labels::Many(syms) => syms,
        }
    }

    fn contains(&self, sym: &Sym) -> bool {
        self.as_slice().contains(sym)
    }

    fn iter(&self) -> std::slice::Iter<'_, Sym> {
        self.as_slice().iter()
    }

    fn push(&mut self, sym: Sym) {
        let mut all = self.as_slice().to_vec();
        all.push(sym);
        *self = Labels::from_vec(all);
    }

    fn remove(&mut self, sym: Sym) {
        let mut all = self.as_slice().to_vec();
        all.retain(|s| *s != sym);
        *self = Labels::from_vec(all);
    }
}

#[derive(Debug, Clone)]
struct RelRec {
    id: RelId,
    rel_type: TypeSym,
    props: RelProps,
}

impl RelRec {
    fn new(id: RelId, rel_type: Sym, props: PropMap) -> RelRec {
        RelRec { id, rel_type: TypeSym::new(rel_type), props: RelProps::new(props) }
    }

    fn rel_type(&self) -> Sym {
        self.rel_type.get()
    }
}

/// A relationship's type, kept one above its symbol so that it is never zero. petgraph keeps
/// each edge as an `Option<RelRec>`; with a value that cannot be zero inside, that option needs
/// no tag of its own, and a relationship takes 40 bytes instead of 48.
#[derive(Debug, Clone, Copy)]
struct TypeSym(std::num::NonZeroU32);

// What petgraph stores per relationship slot, besides its own 16 bytes of links.
const _: () = assert!(std::mem::size_of::<Option<RelRec>>() == 24);

impl TypeSym {
    fn new(sym: Sym) -> TypeSym {
        TypeSym(std::num::NonZeroU32::MIN.saturating_add(sym.0))
    }

    fn get(self) -> Sym {
        Sym(self.0.get() - 1)
    }
}

/// A relationship's properties. Most relationships have none, so an empty map is a null
/// pointer: 8 bytes per relationship instead of the 16 of an inline [`PropMap`] (40 MB on 5M).
#[derive(Debug, Clone, Default)]
struct RelProps(Option<Box<PropMap>>);

impl RelProps {
    fn new(props: PropMap) -> RelProps {
        RelProps((!props.is_empty()).then(|| Box::new(props)))
    }

    fn entries(&self) -> &[(Sym, Value)] {
        self.0.as_deref().map_or(&[], PropMap::entries)
    }

    fn get_mut(&mut self) -> &mut PropMap {
        self.0.get_or_insert_with(Box::default)
    }

    fn into_inner(self) -> PropMap {
        self.0.map(|props| *props).unwrap_or_default()
    }
}

/// The property graph with its indexes.
#[derive(Debug, Default, Clone)]
pub struct Graph {
    g: StableDiGraph<NodeRec, RelRec>,
    node_slots: Slots<NodeIndex>,
    rel_slots: Slots<EdgeIndex>,
    symbols: Vec<String>,
    symbol_ids: HashMap<String, Sym>,
    by_label: HashMap<Sym, BTreeSet<NodeId>>,
    /// Node ids by name, the names read from the nodes (see `graph::names`).
    by_name: NameIndex,
    /// Aliases are boxed strings, 8 bytes less per entry than a `String`.
    by_alias: HashMap<Box<str>, Postings>,
    /// Names and aliases by their lower-case form, only where that differs from the text
    /// itself (a name already in lower case is found through `by_name` / `by_alias`).
    by_folded_name: HashMap<Box<str>, Postings>,
    /// By (label, property key) symbols: looking one up allocates nothing.
    /// Each built on its first lookup (see [`LazyIndex`]).
    property_indexes: HashMap<(Sym, Sym), LazyIndex>,
    n_by_type: HashMap<Sym, usize>,
    /// False while every node sits at the petgraph index equal to its id (a graph built in one
    /// go, with no deleted node's index reused): then an index is turned into an id without
    /// reading the node, which saves a cache miss per node on every expansion and scan.
    ids_differ: bool,
    /// Which graph this is, for the symbols query plans remember (see `graph::prop_key`).
    instance: prop_key::Instance,
    /// Writes so far (batches applied or undone, bulk steps): what kept numberings are
    /// checked against (see `graph::node_codes`).
    writes: u64,
    node_codes: node_codes::NodeCodeCache,
}

fn not_found(what: &str, id: u64) -> ExecutionError {
    ExecutionError::new(
        ExecutionKind::EntityNotFound,
        format!("{what} {id} does not exist (it may have been deleted)"),
    )
}

impl Graph {
    /// An empty graph.
    pub fn new() -> Graph {
        Graph::default()
    }

    /// Number of nodes.
    pub fn node_count(&self) -> usize {
        self.g.node_count()
    }

    /// Number of relationships.
    pub fn relationship_count(&self) -> usize {
        self.g.edge_count()
    }

    /// The id the next created node will get.
    pub fn next_node_id(&self) -> NodeId {
        NodeId(self.node_slots.len() as u64)
    }

    /// The id the next created relationship will get.
    pub fn next_rel_id(&self) -> RelId {
        RelId(self.rel_slots.len() as u64)
    }

    /// The interned symbol for a name, if any node or relationship ever used it.
    pub fn sym(&self, name: &str) -> Option<Sym> {
        self.symbol_ids.get(name).copied()
    }

    /// The name of a symbol.
    pub fn sym_name(&self, sym: Sym) -> &str {
        self.symbols.get(sym.0 as usize).map_or("", String::as_str)
    }

    /// Stored properties from a map: keys interned, nulls left out.
    fn intern_props(&mut self, props: &Properties) -> PropMap {
        let entries: Vec<(Sym, Value)> =
            props.iter().filter(|(_, v)| !v.is_null()).map(|(k, v)| (self.intern(k), v.clone())).collect();
        PropMap::build_last_wins(entries, &self.symbols)
    }

    /// Stored properties as a map of their own.
    fn props_map(&self, props: &[(Sym, Value)]) -> Properties {
        PropsRef::new(self, props).to_map()
    }

    fn intern(&mut self, name: &str) -> Sym {
        if let Some(sym) = self.symbol_ids.get(name) {
            return *sym;
        }
        let sym = Sym(self.symbols.len() as u32);
        self.symbols.push(name.to_owned());
        self.symbol_ids.insert(name.to_owned(), sym);
        sym
    }

    fn node_idx(&self, id: NodeId) -> Option<NodeIndex> {
        self.node_slots.get(id.0 as usize).flatten()
    }

    /// [`Graph::node_idx`] for loading relationships in bulk: most graphs put node `n` at index
    /// `n` (built in one go, no node deleted), and reading that node is free, since adding the
    /// edge reads it next anyway; only otherwise is the slot table consulted, a cache miss
    /// per end on a large graph.
    fn end_idx(&self, id: NodeId) -> Option<NodeIndex> {
        let guess = usize::try_from(id.0).ok().map(NodeIndex::new);
        match guess.and_then(|idx| self.g.node_weight(idx).map(|rec| (idx, rec.id))) {
            Some((idx, found)) if found == id => Some(idx),
            _ => self.node_idx(id),
        }
    }

    /// The id of the node at a petgraph index (see `ids_differ`).
    fn id_of(&self, idx: NodeIndex) -> NodeId {
        if self.ids_differ { self.g[idx].id } else { NodeId(idx.index() as u64) }
    }

    /// Adds a node record to petgraph, keeping `ids_differ` true to what it says.
    fn add_node_rec(&mut self, rec: NodeRec) -> NodeIndex {
        let id = rec.id;
        let idx = self.g.add_node(rec);
        if idx.index() as u64 != id.0 {
            self.ids_differ = true;
        }
        idx
    }

    fn rel_idx(&self, id: RelId) -> Option<EdgeIndex> {
        self.rel_slots.get(id.0 as usize).flatten()
    }

    /// True when the node exists.
    pub fn contains_node(&self, id: NodeId) -> bool {
        self.node_idx(id).is_some()
    }

    /// True when the relationship exists.
    pub fn contains_rel(&self, id: RelId) -> bool {
        self.rel_idx(id).is_some()
    }

    /// Every node id, in id order.
    pub fn node_ids(&self) -> impl Iterator<Item = NodeId> + '_ {
        self.node_slots.iter().enumerate().filter(|(_, s)| s.is_some()).map(|(i, _)| NodeId(i as u64))
    }

    /// The nodes carrying a label, in id order (the label index).
    pub fn nodes_with_label(&self, label: &str) -> impl Iterator<Item = NodeId> + '_ {
        self.sym(label).and_then(|s| self.by_label.get(&s)).into_iter().flatten().copied()
    }

    /// Number of nodes with a label.
    pub fn label_count(&self, label: &str) -> usize {
        self.sym(label).and_then(|s| self.by_label.get(&s)).map_or(0, BTreeSet::len)
    }

    /// Nodes whose `name` property is exactly `name` (the name index).
    pub fn nodes_named(&self, name: &str) -> impl Iterator<Item = NodeId> + '_ {
        let key = self.sym("name");
        let ids: Vec<NodeId> =
            self.by_name.get(name, |id| node_name(&self.g, &self.node_slots, key, id)).collect();
        ids.into_iter()
    }

    /// Nodes listing `alias` in their `aliases` property (the alias index).
    pub fn nodes_aliased(&self, alias: &str) -> impl Iterator<Item = NodeId> + '_ {
        self.by_alias.get(alias).into_iter().flat_map(Postings::iter)
    }

    /// Nodes whose name or an alias equals `text` ignoring case.
    pub fn nodes_named_folded(&self, text: &str) -> impl Iterator<Item = NodeId> + '_ {
        let folded = text.to_lowercase();
        let mut ids: Vec<NodeId> = [&self.by_folded_name, &self.by_alias]
            .into_iter()
            .filter_map(|map| map.get(folded.as_str()))
            .flat_map(Postings::iter)
            .chain(self.nodes_named(&folded))
            .collect();
        ids.sort_unstable();
        ids.dedup();
        ids.into_iter()
    }

    /// Every distinct name and alias, for fuzzy matching and completion.
    pub fn all_names(&self) -> impl Iterator<Item = &str> + '_ {
        let key = self.sym("name");
        let names = self.by_name.ids().filter_map(move |id| node_name(&self.g, &self.node_slots, key, id));
        let mut seen = std::collections::HashSet::new();
        names.chain(self.by_alias.keys().map(|alias| &**alias)).filter(move |name| seen.insert(*name))
    }

    /// Nodes with `label` whose `key` equals `value`, when that property is indexed. The first
    /// lookup in an index builds it.
    pub fn index_lookup(&self, label: &str, key: &str, value: &Value) -> Option<Vec<NodeId>> {
        let key = self.sym(key)?;
        let label = self.sym(label)?;
        let index = self.property_indexes.get(&(label, key))?.0.get_or_init(|| self.build_index(label, key));
        Some(index.get(value, |x| node_value(&self.g, &self.node_slots, key, x)))
    }

    /// The property index of (`label`, `key`) over the nodes as they are.
    fn build_index(&self, label: Sym, key: Sym) -> ValueIndex {
        let members = self.by_label.get(&label);
        let mut index = ValueIndex::with_capacity(members.map_or(0, BTreeSet::len));
        let value_of = |x: NodeId| node_value(&self.g, &self.node_slots, key, x);
        for id in members.into_iter().flatten() {
            if let Some(value) = value_of(*id) {
                index.insert(value, *id, value_of);
            }
        }
        index
    }

    /// Declares the property index of (`label`, `key`) without building it: the first lookup
    /// will. For an index a snapshot lists, so that opening a database does not pay for
    /// indexes a session never reads.
    pub(crate) fn declare_index(&mut self, label: &str, key: &str) {
        let pair = (self.intern(label), self.intern(key));
        self.property_indexes.entry(pair).or_default();
    }

    /// The (label, key) pairs that have a property index.
    pub fn indexes(&self) -> Vec<(String, String)> {
        let mut out: Vec<_> = self
            .property_indexes
            .keys()
            .map(|(l, k)| (self.sym_name(*l).to_owned(), self.sym_name(*k).to_owned()))
            .collect();
        out.sort();
        out
    }

    /// Labels in use, with node counts, sorted by name.
    pub fn labels(&self) -> Vec<(String, usize)> {
        let mut out: Vec<_> = self
            .by_label
            .iter()
            .filter(|(_, s)| !s.is_empty())
            .map(|(l, s)| (self.sym_name(*l).to_owned(), s.len()))
            .collect();
        out.sort();
        out
    }

    /// Relationship types in use, with counts, sorted by name.
    pub fn rel_types(&self) -> Vec<(String, usize)> {
        let mut out: Vec<_> = self
            .n_by_type
            .iter()
            .filter(|(_, n)| **n > 0)
            .map(|(t, n)| (self.sym_name(*t).to_owned(), *n))
            .collect();
        out.sort();
        out
    }

    /// Property keys in use on nodes and relationships, sorted.
    pub fn property_keys(&self) -> Vec<String> {
        let mut keys = BTreeSet::new();
        keys.extend(self.g.node_weights().flat_map(|n| n.props.entries()).map(|(k, _)| *k));
        keys.extend(self.g.edge_weights().flat_map(|r| r.props.entries()).map(|(k, _)| *k));
        let mut names: Vec<String> = keys.into_iter().map(|k| self.sym_name(k).to_owned()).collect();
        names.sort();
        names
    }

    /// True when the node has the label.
    pub fn has_label(&self, id: NodeId, label: &str) -> bool {
        match (self.sym(label), self.node_idx(id)) {
            (Some(sym), Some(idx)) => self.g[idx].labels.contains(&sym),
            _ => false,
        }
    }

    /// The node's labels, in the order they were added.
    pub fn node_labels(&self, id: NodeId) -> Vec<&str> {
        self.node_idx(id)
            .map(|i| self.g[i].labels.iter().map(|s| self.sym_name(*s)).collect())
            .unwrap_or_default()
    }

    /// The node's properties.
    pub fn node_props(&self, id: NodeId) -> Option<PropsRef<'_>> {
        self.node_idx(id).map(|i| PropsRef::new(self, self.g[i].props.entries()))
    }

    /// The relationship's properties.
    pub fn rel_props(&self, id: RelId) -> Option<PropsRef<'_>> {
        self.rel_idx(id).map(|i| PropsRef::new(self, self.g[i].props.entries()))
    }

    /// The relationship's type.
    pub fn rel_type(&self, id: RelId) -> Option<&str> {
        self.rel_idx(id).map(|i| self.sym_name(self.g[i].rel_type()))
    }

    /// The relationship's start and end node.
    pub fn rel_ends(&self, id: RelId) -> Option<(NodeId, NodeId)> {
        let (a, b) = self.g.edge_endpoints(self.rel_idx(id)?)?;
        Some((self.id_of(a), self.id_of(b)))
    }

    /// The node as a self-contained value.
    pub fn node(&self, id: NodeId) -> Option<Node> {
        let rec = &self.g[self.node_idx(id)?];
        let labels = rec.labels.iter().map(|s| self.sym_name(*s).to_owned()).collect();
        Some(Node { id, labels, properties: self.props_map(rec.props.entries()) })
    }

    /// The relationship as a self-contained value.
    pub fn relationship(&self, id: RelId) -> Option<Relationship> {
        let idx = self.rel_idx(id)?;
        let (start, end) = self.rel_ends(id)?;
        let rec = &self.g[idx];
        Some(Relationship {
            id,
            rel_type: self.sym_name(rec.rel_type()).to_owned(),
            start,
            end,
            properties: self.props_map(rec.props.entries()),
        })
    }

    /// The relationships at a node in a direction, optionally only of some types, as
    /// `(relationship, other node)`. A self-loop is reported once, even for `Dir::Both`.
    pub fn expand<'a>(
        &'a self,
        id: NodeId,
        dir: Dir,
        types: Option<&'a [Sym]>,
    ) -> impl Iterator<Item = (RelId, NodeId)> + 'a {
        let wanted = move |sym: Sym| types.is_none_or(|t| t.contains(&sym));
        let side = move |i: NodeIndex, pg: PgDirection| {
            self.g
                .edges_directed(i, pg)
                .filter(move |e| wanted(e.weight().rel_type()))
                .filter(move |e| {
                    !(dir == Dir::Both && pg == PgDirection::Incoming && e.source() == e.target())
                })
                .map(move |e| {
                    let other = if pg == PgDirection::Outgoing { e.target() } else { e.source() };
                    (e.weight().id, self.id_of(other))
                })
        };
        // One direction is by far the commonest: its edges are read without the bookkeeping
        // of a chain of two iterators, which cost more than the rest of a short hop.
        match (self.node_idx(id), dir) {
            (None, _) => Expand::None,
            (Some(i), Dir::Out) => Expand::One(side(i, PgDirection::Outgoing)),
            (Some(i), Dir::In) => Expand::One(side(i, PgDirection::Incoming)),
            (Some(i), Dir::Both) => {
                Expand::Both(side(i, PgDirection::Outgoing).chain(side(i, PgDirection::Incoming)))
            }
        }
    }

    /// One past the last position [`Graph::scan_rels_in`] can read (positions of deleted
    /// relationships included).
    pub fn rel_bound(&self) -> usize {
        petgraph::visit::EdgeIndexable::edge_bound(&self.g)
    }

    /// The relationships at positions `range` of the relationship table, optionally only of
    /// some types, as `(position, relationship, its type's symbol, start, end)`. Storage order
    /// is neither id order nor grouped by node; what it buys is reading the table front to back,
    /// which on a large graph is several times faster than following each node's list of
    /// relationships (a cache miss per hop), and split in parts for several threads. For callers
    /// that do not care about the order, such as an aggregation over all relationships.
    pub fn scan_rels_in<'a>(
        &'a self,
        types: Option<&'a [Sym]>,
        range: std::ops::Range<usize>,
    ) -> impl Iterator<Item = (usize, RelId, Sym, NodeId, NodeId)> + 'a {
        range.filter_map(move |i| {
            let idx = EdgeIndex::new(i);
            let rec = self.g.edge_weight(idx)?;
            if types.is_some_and(|t| !t.contains(&rec.rel_type())) {
                return None;
            }
            let (a, b) = self.g.edge_endpoints(idx)?;
            Some((i, rec.id, rec.rel_type(), self.id_of(a), self.id_of(b)))
        })
    }

    /// The symbols of the relationship types in use.
    pub fn rel_type_syms(&self) -> impl Iterator<Item = Sym> + '_ {
        self.n_by_type.iter().filter(|(_, n)| **n > 0).map(|(sym, _)| *sym)
    }

    /// Number of relationships at a node (both directions, self-loops counted once).
    pub fn degree(&self, id: NodeId) -> usize {
        self.expand(id, Dir::Both, None).count()
    }

    /// Applies a batch all or nothing. On success returns the inverse batch (apply it to undo);
    /// on failure the graph is exactly as before.
    pub fn apply(&mut self, batch: &[Mutation]) -> Result<Vec<Mutation>, ExecutionError> {
        let mut undo = Vec::with_capacity(batch.len());
        for mutation in batch {
            match self.apply_one(mutation) {
                Ok(inverse) => undo.extend(inverse),
                Err(err) => {
                    self.undo(undo);
                    return Err(err);
                }
            }
        }
        Ok(undo)
    }

    /// Applies an inverse batch returned by [`Graph::apply`] (in reverse order).
    pub fn undo(&mut self, inverse: Vec<Mutation>) {
        for mutation in inverse.into_iter().rev() {
            // Inverses of applied mutations always apply; ignoring the result keeps undo total.
            let _ = self.apply_one(&mutation);
        }
        // Id counters stay where they are: ids of undone entities are skipped, never reused.
    }

    fn apply_one(&mut self, mutation: &Mutation) -> Result<Vec<Mutation>, ExecutionError> {
        self.wrote();
        match mutation {
            Mutation::CreateNode { id, labels, properties } => self.create_node(*id, labels, properties),
            Mutation::DeleteNode { id } => self.delete_node(*id),
            Mutation::CreateRelationship { id, rel_type, start, end, properties } => {
                self.create_rel(*id, rel_type, *start, *end, properties)
            }
            Mutation::DeleteRelationship { id } => self.delete_rel(*id),
            Mutation::SetNodeProperty { id, key, value } => self.set_node_prop(*id, key, value),
            Mutation::SetRelationshipProperty { id, key, value } => self.set_rel_prop(*id, key, value),
            Mutation::AddLabel { id, label } => self.add_label(*id, label),
            Mutation::RemoveLabel { id, label } => self.remove_label(*id, label),
            Mutation::CreateIndex { label, key } => self.create_index(label, key),
            Mutation::DropIndex { label, key } => self.drop_index(label, key),
        }
    }

    fn create_node(
        &mut self,
        id: NodeId,
        labels: &[String],
        props: &Properties,
    ) -> Result<Vec<Mutation>, ExecutionError> {
        if self.contains_node(id) {
            return Err(ExecutionError::new(
                ExecutionKind::ConstraintViolation,
                format!("node {} exists already", id.0),
            ));
        }
        check_props(props)?;
        let mut syms: Vec<Sym> = Vec::with_capacity(labels.len());
        for label in labels {
            let sym = self.intern(label);
            if !syms.contains(&sym) {
                syms.push(sym);
            }
        }
        let idx = self.add_node_rec(NodeRec {
            id,
            labels: Labels::from_vec(syms.clone()),
            props: PropMap::default(),
        });
        let slot = id.0 as usize;
        self.node_slots.grow_to(slot + 1);
        self.node_slots.set(slot, Some(idx));
        for sym in syms {
            self.by_label.entry(sym).or_default().insert(id);
        }
        for (key, value) in props {
            self.write_node_prop(id, key, value.clone());
        }
        Ok(vec![Mutation::DeleteNode { id }])
    }

    fn delete_node(&mut self, id: NodeId) -> Result<Vec<Mutation>, ExecutionError> {
        let idx = self.node_idx(id).ok_or_else(|| not_found("node", id.0))?;
        if self.degree(id) > 0 {
            return Err(ExecutionError::new(
                ExecutionKind::DeleteConnectedNode,
                format!("cannot delete node {} because it still has relationships; use DETACH DELETE", id.0),
            ));
        }
        let props = self.props_map(self.g[idx].props.entries());
        for key in props.keys() {
            self.write_node_prop(id, key, Value::Null);
        }
        let rec = self.g.remove_node(idx).ok_or_else(|| not_found("node", id.0))?;
        self.node_slots.set(id.0 as usize, None);
        for sym in rec.labels.iter() {
            if let Some(set) = self.by_label.get_mut(sym) {
                set.remove(&id);
            }
        }
        let labels = rec.labels.iter().map(|s| self.sym_name(*s).to_owned()).collect();
        Ok(vec![Mutation::CreateNode { id, labels, properties: props }])
    }

    fn create_rel(
        &mut self,
        id: RelId,
        rel_type: &str,
        start: NodeId,
        end: NodeId,
        props: &Properties,
    ) -> Result<Vec<Mutation>, ExecutionError> {
        if self.contains_rel(id) {
            return Err(ExecutionError::new(
                ExecutionKind::ConstraintViolation,
                format!("relationship {} exists already", id.0),
            ));
        }
        check_props(props)?;
        let a = self.node_idx(start).ok_or_else(|| not_found("node", start.0))?;
        let b = self.node_idx(end).ok_or_else(|| not_found("node", end.0))?;
        let sym = self.intern(rel_type);
        let props = self.intern_props(props);
        let idx = self.g.add_edge(a, b, RelRec::new(id, sym, props));
        let slot = id.0 as usize;
        self.rel_slots.grow_to(slot + 1);
        self.rel_slots.set(slot, Some(idx));
        *self.n_by_type.entry(sym).or_default() += 1;
        Ok(vec![Mutation::DeleteRelationship { id }])
    }

    fn delete_rel(&mut self, id: RelId) -> Result<Vec<Mutation>, ExecutionError> {
        let idx = self.rel_idx(id).ok_or_else(|| not_found("relationship", id.0))?;
        let (start, end) = self.rel_ends(id).ok_or_else(|| not_found("relationship", id.0))?;
        let rec = self.g.remove_edge(idx).ok_or_else(|| not_found("relationship", id.0))?;
        self.rel_slots.set(id.0 as usize, None);
        if let Some(n) = self.n_by_type.get_mut(&rec.rel_type()) {
            *n -= 1;
        }
        let rel_type = self.sym_name(rec.rel_type()).to_owned();
        Ok(vec![Mutation::CreateRelationship {
            id,
            rel_type,
            start,
            end,
            properties: self.props_map(rec.props.into_inner().entries()),
        }])
    }

    fn set_node_prop(
        &mut self,
        id: NodeId,
        key: &str,
        value: &Value,
    ) -> Result<Vec<Mutation>, ExecutionError> {
        if !self.contains_node(id) {
            return Err(not_found("node", id.0));
        }
        check_value(key, value)?;
        let old = self.write_node_prop(id, key, value.clone());
        Ok(vec![Mutation::SetNodeProperty { id, key: key.to_owned(), value: old }])
    }

    fn set_rel_prop(&mut self, id: RelId, key: &str, value: &Value) -> Result<Vec<Mutation>, ExecutionError> {
        let idx = self.rel_idx(id).ok_or_else(|| not_found("relationship", id.0))?;
        check_value(key, value)?;
        let old = if value.is_null() {
            self.sym(key).and_then(|k| self.g[idx].props.get_mut().remove(k))
        } else {
            let k = self.intern(key);
            self.g[idx].props.get_mut().insert(k, value.clone(), &self.symbols)
        };
        Ok(vec![Mutation::SetRelationshipProperty {
            id,
            key: key.to_owned(),
            value: old.unwrap_or(Value::Null),
        }])
    }

    fn add_label(&mut self, id: NodeId, label: &str) -> Result<Vec<Mutation>, ExecutionError> {
        let idx = self.node_idx(id).ok_or_else(|| not_found("node", id.0))?;
        let sym = self.intern(label);
        if self.g[idx].labels.contains(&sym) {
            return Ok(vec![]);
        }
        self.g[idx].labels.push(sym);
        self.by_label.entry(sym).or_default().insert(id);
        let keys: Vec<Sym> = self.g[idx].props.entries().iter().map(|(k, _)| *k).collect();
        for key in keys {
            self.index_insert(sym, key, id);
        }
        Ok(vec![Mutation::RemoveLabel { id, label: label.to_owned() }])
    }

    fn remove_label(&mut self, id: NodeId, label: &str) -> Result<Vec<Mutation>, ExecutionError> {
        let idx = self.node_idx(id).ok_or_else(|| not_found("node", id.0))?;
        let Some(sym) = self.sym(label).filter(|s| self.g[idx].labels.contains(s)) else {
            return Ok(vec![]);
        };
        self.g[idx].labels.remove(sym);
        if let Some(set) = self.by_label.get_mut(&sym) {
            set.remove(&id);
        }
        for (key, value) in self.g[idx].props.entries().to_vec() {
            self.index_remove(sym, key, &value, id);
        }
        Ok(vec![Mutation::AddLabel { id, label: label.to_owned() }])
    }

    fn create_index(&mut self, label: &str, key: &str) -> Result<Vec<Mutation>, ExecutionError> {
        let sym = self.intern(label);
        let key_sym = self.intern(key);
        if self.property_indexes.contains_key(&(sym, key_sym)) {
            return Ok(vec![]);
        }
        let index = self.build_index(sym, key_sym);
        self.property_indexes.insert((sym, key_sym), LazyIndex(index.into()));
        Ok(vec![Mutation::DropIndex { label: label.to_owned(), key: key.to_owned() }])
    }

    fn drop_index(&mut self, label: &str, key: &str) -> Result<Vec<Mutation>, ExecutionError> {
        let removed =
            (self.sym(label).zip(self.sym(key))).and_then(|pair| self.property_indexes.remove(&pair));
        Ok(match removed {
            Some(_) => vec![Mutation::CreateIndex { label: label.to_owned(), key: key.to_owned() }],
            None => vec![],
        })
    }

    /// Writes a node property and keeps every index in step; returns the old value.
    fn write_node_prop(&mut self, id: NodeId, key: &str, value: Value) -> Value {
        let Some(idx) = self.node_idx(id) else { return Value::Null };
        let old = self.sym(key).and_then(|k| self.g[idx].props.remove(k)).unwrap_or(Value::Null);
        let labels = self.g[idx].labels.as_slice().to_vec();
        if !old.is_null() {
            self.unindex_value(id, key, &old, &labels);
        }
        if !value.is_null() {
            self.index_value(id, key, &value);
            let k = self.intern(key);
            self.g[idx].props.insert(k, value, &self.symbols);
            for label in labels {
                self.index_insert(label, k, id);
            }
            if key == "name" {
                self.index_name(id);
            }
        }
        old
    }

    /// Makes room for `n` more names in the name index.
    fn reserve_names(&mut self, n: usize) {
        let key = self.sym("name");
        let (g, slots) = (&self.g, &self.node_slots);
        self.by_name.reserve(n, |x| node_name(g, slots, key, x));
    }

    /// Adds a node to the name index once it holds its name (see `graph::names`).
    fn index_name(&mut self, id: NodeId) {
        let key = self.sym("name");
        let (g, slots) = (&self.g, &self.node_slots);
        let name_of = |x: NodeId| node_name(g, slots, key, x);
        if let Some(name) = name_of(id) {
            self.by_name.insert(name, id, name_of);
        }
    }

    /// Indexes a value the node is about to hold under aliases and folded names. The name index
    /// and property indexes follow once the node holds it ([`Graph::index_name`],
    /// [`Graph::index_insert`]).
    fn index_value(&mut self, id: NodeId, key: &str, value: &Value) {
        for name in name_keys(key, value) {
            if key != "name" {
                post(&mut self.by_alias, name.into(), id);
            }
            if let Some(folded) = fold(name) {
                post(&mut self.by_folded_name, folded.into(), id);
            }
        }
    }

    fn unindex_value(&mut self, id: NodeId, key: &str, value: &Value, labels: &[Sym]) {
        for name in name_keys(key, value) {
            if key == "name" {
                self.by_name.remove(name, id);
            } else {
                remove_from(&mut self.by_alias, name, id);
            }
            let Some(folded) = fold(name) else { continue };
            // Another name or alias of the node (the removed value is already out of its
            // properties) may fold to the same text; keep the entry then.
            let still_named = self.node_props(id).is_some_and(|p| {
                ["name", "aliases"].iter().any(|k| {
                    p.get(k).is_some_and(|v| name_keys(k, v).any(|n| fold(n).is_some_and(|f| f == folded)))
                })
            });
            if !still_named {
                remove_from(&mut self.by_folded_name, &folded, id);
            }
        }
        if let Some(key) = self.sym(key) {
            for sym in labels {
                self.index_remove(*sym, key, value, id);
            }
        }
    }

    /// Files a node under the value it holds for `key` in the property index of (`label`,
    /// `key`), if there is one.
    fn index_insert(&mut self, label: Sym, key: Sym, id: NodeId) {
        // An index not built yet needs nothing: it will be built from the nodes as they are.
        if let Some(index) = self.property_indexes.get_mut(&(label, key)).and_then(|i| i.0.get_mut()) {
            let value_of = |x: NodeId| node_value(&self.g, &self.node_slots, key, x);
            if let Some(value) = value_of(id) {
                index.insert(value, id, value_of);
            }
        }
    }

    /// Takes a node out from under `value`, what it held for `key` when it was filed.
    fn index_remove(&mut self, label: Sym, key: Sym, value: &Value, id: NodeId) {
        if let Some(index) = self.property_indexes.get_mut(&(label, key)).and_then(|i| i.0.get_mut()) {
            index.remove(value, id);
        }
    }
}

/// A property index, or its declaration until the first lookup builds it. Building at
/// first use instead of at open is safe because an index is a function of the nodes: writes
/// before that have nothing to update, and the build reads the nodes as they are then.
#[derive(Debug, Clone, Default)]
struct LazyIndex(std::sync::OnceLock<ValueIndex>);

/// The names a property contributes to the name and alias indexes.
fn name_keys<'a>(key: &str, value: &'a Value) -> NameKeys<'a> {
    match (key, value) {
        ("name", Value::String(s)) | ("aliases", Value::String(s)) => NameKeys::One(Some(s.as_str())),
        ("aliases", Value::List(items)) => NameKeys::List(items.iter()),
        _ => NameKeys::One(None),
    }
}

/// What [`name_keys`] gives, without an allocation per node (loading a large graph asks once
/// for every node).
enum NameKeys<'a> {
    One(Option<&'a str>),
    List(std::slice::Iter<'a, Value>),
}

impl<'a> Iterator for NameKeys<'a> {
    type Item = &'a str;

    fn next(&mut self) -> Option<&'a str> {
        match self {
            NameKeys::One(one) => one.take(),
            NameKeys::List(items) => items.find_map(Value::as_str),
        }
    }
}

/// The `name` of a node, read for the name index (`key` is the symbol of "name").
fn node_name<'a>(
    g: &'a StableDiGraph<NodeRec, RelRec>,
    slots: &Slots<NodeIndex>,
    key: Option<Sym>,
    id: NodeId,
) -> Option<&'a str> {
    node_value(g, slots, key?, id)?.as_str()
}

/// A node's value of `key`, read for the property indexes.
fn node_value<'a>(
    g: &'a StableDiGraph<NodeRec, RelRec>,
    slots: &Slots<NodeIndex>,
    key: Sym,
    id: NodeId,
) -> Option<&'a Value> {
    let idx = slots.get(usize::try_from(id.0).ok()?).flatten()?;
    g.node_weight(idx)?.props.get(key)
}

/// The lower-case form of a name or alias, when it differs from the text (see `by_folded_name`).
fn fold(name: &str) -> Option<String> {
    // Most names are ASCII already in lower case: say so without building the folded copy.
    if name.is_ascii() && !name.bytes().any(|b| b.is_ascii_uppercase()) {
        return None;
    }
    let folded = name.to_lowercase();
    (folded != name).then_some(folded)
}

fn remove_from(map: &mut HashMap<Box<str>, Postings>, key: &str, id: NodeId) {
    if let Some(postings) = map.get_mut(key)
        && postings.remove(id)
    {
        map.remove(key);
    }
}

fn check_value(key: &str, value: &Value) -> Result<(), ExecutionError> {
    if value.is_storable() {
        Ok(())
    } else {
        Err(ExecutionError::new(
            ExecutionKind::TypeError,
            format!("property '{key}' cannot hold a {}: only plain values can be stored", value.type_name()),
        ))
    }
}

fn check_props(props: &Properties) -> Result<(), ExecutionError> {
    props.iter().try_for_each(|(k, v)| check_value(k, v))
}

mod bulk;
pub use bulk::BulkRel;
pub(crate) use bulk::REL_BATCH;
mod image;
mod names;
mod node_codes;
mod postings;
mod prop_key;
mod props;
mod slots;
mod value_index;
pub use image::{GraphImage, ImageWriter};
use names::NameIndex;
pub use node_codes::NodeCodes;
use postings::{Postings, post};
pub use prop_key::PropKey;
use props::PropMap;
pub use props::PropsRef;
use slots::Slots;
use value_index::ValueIndex;

#[cfg(test)]
mod tests;
