//! Changes to the graph expressed as data.
//!
//! A transaction is a list of mutations: the graph validates and applies them all or none,
//! and storage appends them to the write-ahead log as one record. Replaying the same list on
//! the same graph always gives the same result, so ids are chosen before a mutation is logged.

use super::{NodeId, Properties, RelId, Value};
use serde::{Deserialize, Serialize};

/// One change to the graph.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
pub enum Mutation {
    /// Creates a node with a fresh id.
    CreateNode {
        /// The new node's id, greater than every id used before.
        id: NodeId,
        /// Its labels.
        labels: Vec<String>,
        /// Its properties (no nulls).
        properties: Properties,
    },
    /// Deletes a node that has no relationships left.
    DeleteNode {
        /// The node to delete.
        id: NodeId,
    },
    /// Creates a relationship with a fresh id between two existing nodes.
    CreateRelationship {
        /// The new relationship's id.
        id: RelId,
        /// Its type.
        rel_type: String,
        /// The node it starts from.
        start: NodeId,
        /// The node it points to.
        end: NodeId,
        /// Its properties (no nulls).
        properties: Properties,
    },
    /// Deletes a relationship.
    DeleteRelationship {
        /// The relationship to delete.
        id: RelId,
    },
    /// Sets a node property; `Value::Null` removes it.
    SetNodeProperty {
        /// The node.
        id: NodeId,
        /// The property key.
        key: String,
        /// The new value.
        value: Value,
    },
    /// Sets a relationship property; `Value::Null` removes it.
    SetRelationshipProperty {
        /// The relationship.
        id: RelId,
        /// The property key.
        key: String,
        /// The new value.
        value: Value,
    },
    /// Adds a label to a node (no change when it has it already).
    AddLabel {
        /// The node.
        id: NodeId,
        /// The label.
        label: String,
    },
    /// Removes a label from a node (no change when it lacks it).
    RemoveLabel {
        /// The node.
        id: NodeId,
        /// The label.
        label: String,
    },
    /// Creates an index on a property of the nodes with a label.
    CreateIndex {
        /// The label.
        label: String,
        /// The property key.
        key: String,
    },
    /// Drops an index created by `CreateIndex`.
    DropIndex {
        /// The label.
        label: String,
        /// The property key.
        key: String,
    },
}
