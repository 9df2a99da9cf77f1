//! The graph as a serializable image: what a snapshot stores.
//!
//! Writing borrows the graph (no copy of a large graph at checkpoint time). Reading builds the
//! graph while the bytes are decoded: each node and relationship goes into the graph as soon as
//! it is read, so the decoded image never exists beside the graph (on a large graph that list
//! of relationships alone was as big as the graph's own). [`GraphImage`] carries the result to
//! [`Graph::from_image`], which reports what is inconsistent. The byte encoding itself belongs
//! to `storage::codec`, not here.

use super::bulk::REL_BATCH;
use super::props::RawProps;
use super::{Graph, Labels, NodeRec, PropMap, PropsRef, RelRec, Sym};
use crate::model::{NodeId, RelId};
use petgraph::stable_graph::NodeIndex;
use serde::de::{DeserializeSeed, Deserializer, SeqAccess, Visitor};
use serde::ser::{SerializeSeq, SerializeStruct};
use serde::{Deserialize, Serialize, Serializer};
use std::fmt;

/// A whole graph as read from a snapshot (symbols, id counters, nodes, relationships,
/// indexes, in that order on disk), already built, or the first inconsistency found in it.
#[derive(Debug)]
pub struct GraphImage {
    graph: Result<Graph, String>,
}

#[derive(Debug, Deserialize)]
struct NodeImage<'a> {
    id: u64,
    labels: Vec<Sym>,
    #[serde(borrow)]
    props: RawProps<'a>,
}

#[derive(Debug, Deserialize)]
struct RelImage<'a> {
    id: u64,
    rel_type: Sym,
    start: u64,
    end: u64,
    #[serde(borrow)]
    props: RawProps<'a>,
}

#[derive(Serialize)]
struct NodeImageRef<'a> {
    id: u64,
    labels: &'a [Sym],
    props: PropsRef<'a>,
}

#[derive(Serialize)]
struct RelImageRef<'a> {
    id: u64,
    rel_type: Sym,
    start: u64,
    end: u64,
    props: PropsRef<'a>,
}

/// Serializes a graph in the layout [`GraphImage`] reads, without copying it.
pub struct ImageWriter<'a>(pub &'a Graph);

impl Serialize for ImageWriter<'_> {
    fn serialize<S: Serializer>(&self, serializer: S) -> Result<S::Ok, S::Error> {
        let g = self.0;
        let mut s = serializer.serialize_struct("GraphImage", 6)?;
        s.serialize_field("symbols", &g.symbols)?;
        s.serialize_field("next_node", &(g.node_slots.len() as u64))?;
        s.serialize_field("next_rel", &(g.rel_slots.len() as u64))?;
        s.serialize_field("nodes", &Nodes(g))?;
        s.serialize_field("rels", &Rels(g))?;
        s.serialize_field("indexes", &g.indexes())?;
        s.end()
    }
}

struct Nodes<'a>(&'a Graph);
struct Rels<'a>(&'a Graph);

impl Serialize for Nodes<'_> {
    fn serialize<S: Serializer>(&self, serializer: S) -> Result<S::Ok, S::Error> {
        let g = self.0;
        let mut seq = serializer.serialize_seq(Some(g.node_count()))?;
        for idx in g.node_slots.iter().flatten() {
            let rec = &g.g[idx];
            let props = PropsRef::new(g, rec.props.entries());
            seq.serialize_element(&NodeImageRef { id: rec.id.0, labels: rec.labels.as_slice(), props })?;
        }
        seq.end()
    }
}

impl Serialize for Rels<'_> {
    fn serialize<S: Serializer>(&self, serializer: S) -> Result<S::Ok, S::Error> {
        let g = self.0;
        // The ends' ids, by node index: reading them from the node records costs two cache
        // misses per relationship on a large graph. Most graphs need no table at all, because
        // node index and id are the same (a database built in one go, with no node deleted).
        let identity = g.node_slots.iter().enumerate().all(|(i, s)| s.is_none_or(|idx| idx.index() == i));
        let table: Vec<u64> = if identity {
            Vec::new()
        } else {
            let mut table = vec![0; petgraph::visit::NodeIndexable::node_bound(&g.g)];
            for idx in g.node_slots.iter().flatten() {
                table[idx.index()] = g.g[idx].id.0;
            }
            table
        };
        let id_of = |idx: NodeIndex| if identity { idx.index() as u64 } else { table[idx.index()] };
        let mut seq = serializer.serialize_seq(Some(g.relationship_count()))?;
        for idx in g.rel_slots.iter().flatten() {
            let rec = &g.g[idx];
            let (a, b) = g.g.edge_endpoints(idx).ok_or_else(|| serde::ser::Error::custom("dangling edge"))?;
            let image = RelImageRef {
                id: rec.id.0,
                rel_type: rec.rel_type(),
                start: id_of(a),
                end: id_of(b),
                props: PropsRef::new(g, rec.props.entries()),
            };
            seq.serialize_element(&image)?;
        }
        seq.end()
    }
}

impl Graph {
    /// The graph of an image, once checked that it is consistent (ids unique and below the
    /// counters, relationship ends present, symbols in range). The error says what is wrong.
    ///
    /// The work happened while decoding (see [`GraphImage`]'s `Deserialize`), which avoids work
    /// per entity: property maps are moved into place as decoded, only `name` and `aliases`
    /// feed indexes while loading, the label sets and per-type counts are built in bulk at the
    /// end, error messages are only formatted on error, and property indexes are declared, to
    /// be built by their first lookup.
    pub fn from_image(image: GraphImage) -> Result<Graph, String> {
        image.graph
    }

    /// `sym` when it is one of the `declared` symbols of the file's table (property keys are
    /// interned after them while loading, and are not labels or types).
    fn check_sym(sym: Sym, declared: usize) -> Result<Sym, String> {
        if (sym.0 as usize) < declared { Ok(sym) } else { Err(format!("symbol {} out of range", sym.0)) }
    }

    /// The stored form of an entity's properties from a snapshot: values checked, keys
    /// interned, key order checked. `what` names the entity in errors.
    fn load_props(&mut self, raw: RawProps<'_>, what: impl Fn() -> String) -> Result<PropMap, String> {
        let mut entries = Vec::with_capacity(raw.0.len());
        for (key, value) in raw.0 {
            if value.is_null() || !value.is_storable() {
                return Err(format!("{} has an invalid value for '{key}'", what()));
            }
            entries.push((self.intern(&key), value));
        }
        PropMap::build(entries, &self.symbols)
            .map_err(|k| format!("{} has property '{}' twice", what(), self.sym_name(k)))
    }

    /// Adds one node of an image; `members` collects the nodes of each label (by symbol).
    fn load_node(&mut self, node: NodeImage<'_>, members: &mut [Vec<NodeId>]) -> Result<(), String> {
        let id = NodeId(node.id);
        let slot = self
            .node_slots
            .get(node.id as usize)
            .ok_or_else(|| format!("node id {} beyond the counter", node.id))?;
        if slot.is_some() {
            return Err(format!("node id {} appears twice", node.id));
        }
        for (i, sym) in node.labels.iter().enumerate() {
            Graph::check_sym(*sym, members.len())?;
            if node.labels[..i].contains(sym) {
                return Err(format!("node {} repeats a label", node.id));
            }
        }
        let props = self.load_props(node.props, || format!("node {}", node.id))?;
        for sym in &node.labels {
            members[sym.0 as usize].push(id);
        }
        // Property indexes are built after all nodes are in, so only the alias and folded-name
        // indexes need the values now; the name index once the node holds its name.
        for key in ["name", "aliases"] {
            if let Some(value) = self.sym(key).and_then(|k| props.get(k)) {
                self.index_value(id, key, value);
            }
        }
        let idx = self.add_node_rec(NodeRec { id, labels: Labels::from_vec(node.labels), props });
        self.node_slots.set(node.id as usize, Some(idx));
        self.index_name(id);
        Ok(())
    }

    /// Adds one relationship of an image whose ends were looked up already (`None`: missing);
    /// `per_type` counts relationships by type symbol.
    fn load_rel(
        &mut self,
        rel: RelImage<'_>,
        (a, b): (Option<NodeIndex>, Option<NodeIndex>),
        per_type: &mut [usize],
    ) -> Result<(), String> {
        let slot = self
            .rel_slots
            .get(rel.id as usize)
            .ok_or_else(|| format!("relationship id {} beyond the counter", rel.id))?;
        if slot.is_some() {
            return Err(format!("relationship id {} appears twice", rel.id));
        }
        let rel_type = Graph::check_sym(rel.rel_type, per_type.len())?;
        let a = a.ok_or_else(|| format!("relationship {} starts at a missing node", rel.id))?;
        let b = b.ok_or_else(|| format!("relationship {} ends at a missing node", rel.id))?;
        let props = self.load_props(rel.props, || format!("relationship {}", rel.id))?;
        let idx = self.g.add_edge(a, b, RelRec::new(RelId(rel.id), rel_type, props));
        self.rel_slots.set(rel.id as usize, Some(idx));
        per_type[rel_type.0 as usize] += 1;
        Ok(())
    }
}

/// The graph being built while a snapshot is decoded, and the first inconsistency found. After
/// an inconsistency the rest is still decoded (so a file that does not decode is reported as
/// such) but no longer added.
struct Builder {
    g: Graph,
    error: Option<String>,
    /// The nodes of each label, by symbol.
    members: Vec<Vec<NodeId>>,
    /// Relationships per type symbol.
    per_type: Vec<usize>,
}

impl Builder {
    fn new(symbols: Vec<String>, next_node: u64, next_rel: u64) -> Builder {
        let mut b = Builder { g: Graph::new(), error: None, members: Vec::new(), per_type: Vec::new() };
        b.check(|g| {
            g.symbols.reserve_exact(symbols.len());
            g.symbol_ids.reserve(symbols.len());
            for name in &symbols {
                g.intern(name);
            }
            if g.symbols.len() != symbols.len() {
                return Err("duplicate symbol in the symbol table".into());
            }
            let nodes = usize::try_from(next_node).map_err(|_| "node counter too large")?.min(1 << 40);
            let rels = usize::try_from(next_rel).map_err(|_| "relationship counter too large")?.min(1 << 40);
            g.node_slots.grow_to(nodes);
            g.rel_slots.grow_to(rels);
            Ok(())
        });
        b.members = vec![Vec::new(); b.g.symbols.len()];
        b.per_type = vec![0; b.g.symbols.len()];
        b
    }

    /// Runs a step unless an earlier one failed, keeping its error.
    fn check(&mut self, step: impl FnOnce(&mut Graph) -> Result<(), String>) {
        if self.error.is_none()
            && let Err(e) = step(&mut self.g)
        {
            self.error = Some(e);
        }
    }

    fn node(&mut self, node: NodeImage<'_>) {
        if self.error.is_none()
            && let Err(e) = self.g.load_node(node, &mut self.members)
        {
            self.error = Some(e);
        }
    }

    /// Adds a batch of relationships, emptying it. Every end is looked up first: those reads
    /// are independent, so the processor overlaps their cache misses (a large graph's nodes do
    /// not fit in cache), and adding the edges then finds the nodes cached.
    fn rels(&mut self, batch: &mut Vec<RelImage<'_>>) {
        if self.error.is_some() {
            batch.clear();
            return;
        }
        let g = &self.g;
        let ends: Vec<_> =
            batch.iter().map(|r| (g.end_idx(NodeId(r.start)), g.end_idx(NodeId(r.end)))).collect();
        for (rel, ends) in batch.drain(..).zip(ends) {
            if self.error.is_none()
                && let Err(e) = self.g.load_rel(rel, ends, &mut self.per_type)
            {
                self.error = Some(e);
            }
        }
    }

    /// Makes room for `hint` more nodes (`rels` false) or relationships. The hint is the
    /// sequence length the file declares, trusted only as far as the id counter already is.
    fn reserve(&mut self, hint: Option<usize>, rels: bool) {
        if self.error.is_some() {
            return;
        }
        let g = &mut self.g;
        if rels {
            g.g.reserve_exact_edges(hint.unwrap_or(0).min(g.rel_slots.len()));
        } else {
            let n = hint.unwrap_or(0).min(g.node_slots.len());
            g.g.reserve_exact_nodes(n);
            g.reserve_names(n);
        }
    }

    fn finish(mut self, indexes: Vec<(String, String)>) -> GraphImage {
        let members = std::mem::take(&mut self.members);
        let per_type = std::mem::take(&mut self.per_type);
        self.check(|g| {
            for (sym, ids) in members.into_iter().enumerate() {
                if !ids.is_empty() {
                    g.by_label.insert(Sym(sym as u32), ids.into_iter().collect());
                }
            }
            for (sym, n) in per_type.into_iter().enumerate() {
                if n > 0 {
                    g.n_by_type.insert(Sym(sym as u32), n);
                }
            }
            for (label, key) in indexes {
                g.declare_index(&label, &key);
            }
            Ok(())
        });
        GraphImage { graph: self.error.map_or(Ok(self.g), Err) }
    }
}

impl<'de> Deserialize<'de> for GraphImage {
    fn deserialize<D: Deserializer<'de>>(deserializer: D) -> Result<Self, D::Error> {
        const FIELDS: &[&str] = &["symbols", "next_node", "next_rel", "nodes", "rels", "indexes"];
        deserializer.deserialize_struct("GraphImage", FIELDS, ImageVisitor)
    }
}

struct ImageVisitor;

impl<'de> Visitor<'de> for ImageVisitor {
    type Value = GraphImage;

    fn expecting(&self, f: &mut fmt::Formatter) -> fmt::Result {
        f.write_str("a graph image")
    }

    fn visit_seq<A: SeqAccess<'de>>(self, mut seq: A) -> Result<GraphImage, A::Error> {
        use serde::de::Error;
        let missing = |i: usize| A::Error::invalid_length(i, &"a graph image of 6 fields");
        let symbols: Vec<String> = seq.next_element()?.ok_or_else(|| missing(0))?;
        let next_node: u64 = seq.next_element()?.ok_or_else(|| missing(1))?;
        let next_rel: u64 = seq.next_element()?.ok_or_else(|| missing(2))?;
        let mut builder = Builder::new(symbols, next_node, next_rel);
        seq.next_element_seed(Entities { builder: &mut builder, rels: false })?.ok_or_else(|| missing(3))?;
        seq.next_element_seed(Entities { builder: &mut builder, rels: true })?.ok_or_else(|| missing(4))?;
        let indexes: Vec<(String, String)> = seq.next_element()?.ok_or_else(|| missing(5))?;
        Ok(builder.finish(indexes))
    }
}

/// The sequence of nodes (or of relationships) of an image, added to the builder one by one
/// (relationships in batches of [`REL_BATCH`]).
struct Entities<'b> {
    builder: &'b mut Builder,
    rels: bool,
}

impl<'de> DeserializeSeed<'de> for Entities<'_> {
    type Value = ();

    fn deserialize<D: Deserializer<'de>>(self, deserializer: D) -> Result<(), D::Error> {
        deserializer.deserialize_seq(self)
    }
}

impl<'de> Visitor<'de> for Entities<'_> {
    type Value = ();

    fn expecting(&self, f: &mut fmt::Formatter) -> fmt::Result {
        f.write_str(if self.rels { "a sequence of relationships" } else { "a sequence of nodes" })
    }

    fn visit_seq<A: SeqAccess<'de>>(self, mut seq: A) -> Result<(), A::Error> {
        self.builder.reserve(seq.size_hint(), self.rels);
        if self.rels {
            let mut batch = Vec::with_capacity(REL_BATCH);
            while let Some(rel) = seq.next_element::<RelImage>()? {
                batch.push(rel);
                if batch.len() == REL_BATCH {
                    self.builder.rels(&mut batch);
                }
            }
            self.builder.rels(&mut batch);
        } else {
            while let Some(node) = seq.next_element::<NodeImage>()? {
                self.builder.node(node);
            }
        }
        Ok(())
    }
}
