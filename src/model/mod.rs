//! The data model: values, dates, entities and mutations (DESIGN §3).
//!
//! Plain data shared by every stage: the graph stores it, storage encodes it, queries compute
//! with it. This module does no I/O and knows nothing of parsing, petgraph or bincode.

mod date;
mod mutation;
mod value;

pub use date::{Date, DateError, Precision};
pub use mutation::Mutation;
pub use value::{NodeId, Path, RelId, Value, format_float, quote};

use serde::{Deserialize, Serialize};
use std::collections::BTreeMap;

/// The properties of a node or relationship, in key order.
pub type Properties = BTreeMap<String, Value>;

/// A node as seen from outside the graph: id, labels and properties.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
pub struct Node {
    /// The node's stable id.
    pub id: NodeId,
    /// Its labels, in the order they were added.
    pub labels: Vec<String>,
    /// Its properties.
    pub properties: Properties,
}

/// A relationship as seen from outside the graph.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
pub struct Relationship {
    /// The relationship's stable id.
    pub id: RelId,
    /// Its type, e.g. `RESPONDS_TO`.
    pub rel_type: String,
    /// The node it starts from.
    pub start: NodeId,
    /// The node it points to.
    pub end: NodeId,
    /// Its properties.
    pub properties: Properties,
}

impl Node {
    /// The `name` property, when it is a string.
    pub fn name(&self) -> Option<&str> {
        self.properties.get("name").and_then(Value::as_str)
    }
}

/// Writes an identifier (label, type, key, variable) so Cypher reads it back unchanged:
/// plain when it is a simple identifier, in backticks otherwise.
pub fn escape_identifier(name: &str) -> String {
    let mut chars = name.chars();
    let simple = chars.next().is_some_and(|c| c.is_alphabetic() || c == '_')
        && chars.all(|c| c.is_alphanumeric() || c == '_');
    if simple { name.to_owned() } else { format!("`{}`", name.replace('`', "``")) }
}
