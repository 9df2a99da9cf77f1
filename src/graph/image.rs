//! The graph as a serializable image: what a snapshot stores.
//!
//! Writing borrows the graph (no copy of a large graph at checkpoint time); reading builds an
//! owned [`GraphImage`] that [`Graph::from_image`] validates and turns back into a graph. The
//! byte encoding itself belongs to `storage::codec`, not here.

use super::{Graph, NodeRec, RelRec, Sym};
use crate::model::{NodeId, Properties, RelId};
use petgraph::stable_graph::NodeIndex;
use serde::ser::{SerializeSeq, SerializeStruct};
use serde::{Deserialize, Serialize, Serializer};

/// A whole graph in a form serde can read: symbols, nodes, relationships, indexes, id counters.
#[derive(Debug, Deserialize)]
pub struct GraphImage {
    symbols: Vec<String>,
    next_node: u64,
    next_rel: u64,
    nodes: Vec<NodeImage>,
    rels: Vec<RelImage>,
    indexes: Vec<(String, String)>,
}

#[derive(Debug, Deserialize)]
struct NodeImage {
    id: u64,
    labels: Vec<Sym>,
    props: Properties,
}

#[derive(Debug, Deserialize)]
struct RelImage {
    id: u64,
    rel_type: Sym,
    start: u64,
    end: u64,
    props: Properties,
}

#[derive(Serialize)]
struct NodeImageRef<'a> {
    id: u64,
    labels: &'a [Sym],
    props: &'a Properties,
}

#[derive(Serialize)]
struct RelImageRef<'a> {
    id: u64,
    rel_type: Sym,
    start: u64,
    end: u64,
    props: &'a Properties,
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
            let rec = &g.g[*idx];
            seq.serialize_element(&NodeImageRef { id: rec.id.0, labels: &rec.labels, props: &rec.props })?;
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
                table[idx.index()] = g.g[*idx].id.0;
            }
            table
        };
        let id_of = |idx: NodeIndex| if identity { idx.index() as u64 } else { table[idx.index()] };
        let mut seq = serializer.serialize_seq(Some(g.relationship_count()))?;
        for idx in g.rel_slots.iter().flatten() {
            let rec = &g.g[*idx];
            let (a, b) =
                g.g.edge_endpoints(*idx).ok_or_else(|| serde::ser::Error::custom("dangling edge"))?;
            let image = RelImageRef {
                id: rec.id.0,
                rel_type: rec.rel_type,
                start: id_of(a),
                end: id_of(b),
                props: &rec.props,
            };
            seq.serialize_element(&image)?;
        }
        seq.end()
    }
}

impl Graph {
    /// Rebuilds a graph from an image, checking that it is consistent (ids unique and below the
    /// counters, relationship ends present, symbols in range). The error says what is wrong.
    ///
    /// This is the open path of every database, so it avoids work per entity: property maps
    /// are moved into place as decoded, only `name` and `aliases` feed indexes while loading,
    /// the label sets and per-type counts are built in bulk at the end, error messages are
    /// only formatted on error, and property indexes are rebuilt once every node is in.
    pub fn from_image(image: GraphImage) -> Result<Graph, String> {
        let mut g = Graph::new();
        g.symbols.reserve_exact(image.symbols.len());
        g.symbol_ids.reserve(image.symbols.len());
        for name in &image.symbols {
            g.intern(name);
        }
        if g.symbols.len() != image.symbols.len() {
            return Err("duplicate symbol in the symbol table".into());
        }
        g.node_slots.resize(
            usize::try_from(image.next_node).map_err(|_| "node counter too large")?.min(1 << 40),
            None,
        );
        g.rel_slots.resize(
            usize::try_from(image.next_rel).map_err(|_| "relationship counter too large")?.min(1 << 40),
            None,
        );
        g.g.reserve_exact_nodes(image.nodes.len());
        g.g.reserve_exact_edges(image.rels.len());
        g.by_name.reserve(image.nodes.len());
        g.by_folded_name.reserve(image.nodes.len());
        let mut members: Vec<Vec<NodeId>> = vec![Vec::new(); g.symbols.len()];
        for node in image.nodes {
            g.load_node(node, &mut members)?;
        }
        for (sym, ids) in members.into_iter().enumerate() {
            if !ids.is_empty() {
                g.by_label.insert(Sym(sym as u32), ids.into_iter().collect());
            }
        }
        let mut per_type = vec![0usize; g.symbols.len()];
        for rel in image.rels {
            g.load_rel(rel, &mut per_type)?;
        }
        for (sym, n) in per_type.into_iter().enumerate() {
            if n > 0 {
                g.n_by_type.insert(Sym(sym as u32), n);
            }
        }
        for (label, key) in image.indexes {
            g.create_index(&label, &key).map_err(|e| e.message)?;
        }
        Ok(g)
    }

    fn check_sym(&self, sym: Sym) -> Result<Sym, String> {
        if (sym.0 as usize) < self.symbols.len() {
            Ok(sym)
        } else {
            Err(format!("symbol {} out of range", sym.0))
        }
    }

    /// Adds one node of an image; `members` collects the nodes of each label (by symbol).
    fn load_node(&mut self, node: NodeImage, members: &mut [Vec<NodeId>]) -> Result<(), String> {
        let id = NodeId(node.id);
        let slot = self
            .node_slots
            .get(node.id as usize)
            .ok_or_else(|| format!("node id {} beyond the counter", node.id))?;
        if slot.is_some() {
            return Err(format!("node id {} appears twice", node.id));
        }
        for (i, sym) in node.labels.iter().enumerate() {
            self.check_sym(*sym)?;
            if node.labels[..i].contains(sym) {
                return Err(format!("node {} repeats a label", node.id));
            }
        }
        for (key, value) in &node.props {
            if value.is_null() || !value.is_storable() {
                return Err(format!("node {} has an invalid value for '{key}'", node.id));
            }
        }
        // Property indexes are built after all nodes are in, so only the name and alias
        // indexes need the values now.
        for key in ["name", "aliases"] {
            if let Some(value) = node.props.get(key) {
                self.index_value(id, key, value, &[]);
            }
        }
        for sym in &node.labels {
            members[sym.0 as usize].push(id);
        }
        let idx = self.g.add_node(NodeRec { id, labels: node.labels, props: node.props });
        self.node_slots[node.id as usize] = Some(idx);
        Ok(())
    }

    /// Adds one relationship of an image; `per_type` counts relationships by type symbol.
    fn load_rel(&mut self, rel: RelImage, per_type: &mut [usize]) -> Result<(), String> {
        let slot = self
            .rel_slots
            .get(rel.id as usize)
            .ok_or_else(|| format!("relationship id {} beyond the counter", rel.id))?;
        if slot.is_some() {
            return Err(format!("relationship id {} appears twice", rel.id));
        }
        let rel_type = self.check_sym(rel.rel_type)?;
        let a = self
            .node_idx(NodeId(rel.start))
            .ok_or_else(|| format!("relationship {} starts at a missing node", rel.id))?;
        let b = self
            .node_idx(NodeId(rel.end))
            .ok_or_else(|| format!("relationship {} ends at a missing node", rel.id))?;
        let idx = self.g.add_edge(a, b, RelRec { id: RelId(rel.id), rel_type, props: rel.props });
        self.rel_slots[rel.id as usize] = Some(idx);
        per_type[rel_type.0 as usize] += 1;
        Ok(())
    }
}
