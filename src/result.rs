//! Query results as embedders and the CLI see them: columns, rows, the entities the rows
//! mention, and what a write changed.
//!
//! Rows hold [`Value`]s in which nodes and relationships are ids; the result carries a copy of
//! each entity it mentions, taken when the statement finished, so it stays valid after the
//! database moves on. Conversion to JSON follows the shapes of DESIGN §6.

use crate::error::{Error, ExecutionError, ExecutionKind};
use crate::model::{Date, Mutation, Node, NodeId, RelId, Relationship, Value, format_float};
use serde_json::{Map as JsonMap, Value as Json, json};

/// The entities a result holds by id: ids are not chosen by whoever sends the query, so a
/// fixed hasher serves (and costs nothing to create, where a randomly seeded one does).
type HashMap<K, V> = std::collections::HashMap<K, V, foldhash::fast::FixedState>;

/// What a write statement changed.
#[derive(Debug, Clone, Copy, Default, PartialEq, Eq)]
pub struct Stats {
    /// Nodes created.
    pub nodes_created: usize,
    /// Nodes deleted.
    pub nodes_deleted: usize,
    /// Relationships created.
    pub relationships_created: usize,
    /// Relationships deleted.
    pub relationships_deleted: usize,
    /// Properties set or removed (including those of created entities).
    pub properties_set: usize,
    /// Labels added (including those of created nodes).
    pub labels_added: usize,
    /// Labels removed.
    pub labels_removed: usize,
}

impl Stats {
    /// Counts the changes in a list of mutations.
    pub fn of(log: &[Mutation]) -> Stats {
        let mut s = Stats::default();
        for m in log {
            match m {
                Mutation::CreateNode { labels, properties, .. } => {
                    s.nodes_created += 1;
                    s.labels_added += labels.len();
                    s.properties_set += properties.len();
                }
                Mutation::DeleteNode { .. } => s.nodes_deleted += 1,
                Mutation::CreateRelationship { properties, .. } => {
                    s.relationships_created += 1;
                    s.properties_set += properties.len();
                }
                Mutation::DeleteRelationship { .. } => s.relationships_deleted += 1,
                Mutation::SetNodeProperty { .. } | Mutation::SetRelationshipProperty { .. } => {
                    s.properties_set += 1
                }
                Mutation::AddLabel { .. } => s.labels_added += 1,
                Mutation::RemoveLabel { .. } => s.labels_removed += 1,
                Mutation::CreateIndex { .. } | Mutation::DropIndex { .. } => {}
            }
        }
        s
    }

    /// True when nothing changed.
    pub fn is_empty(&self) -> bool {
        *self == Stats::default()
    }

    /// A one-line summary such as `2 nodes created, 1 relationship created`, or `None`.
    pub fn summary(&self) -> Option<String> {
        let parts: Vec<String> = [
            (self.nodes_created, "node", "created"),
            (self.nodes_deleted, "node", "deleted"),
            (self.relationships_created, "relationship", "created"),
            (self.relationships_deleted, "relationship", "deleted"),
            (self.properties_set, "property", "set"),
            (self.labels_added, "label", "added"),
            (self.labels_removed, "label", "removed"),
        ]
        .iter()
        .filter(|(n, _, _)| *n > 0)
        .map(|(n, what, verb)| {
            let plural = match (*n, *what) {
                (1, w) => w.to_string(),
                (_, "property") => "properties".into(),
                (_, w) => format!("{w}s"),
            };
            format!("{n} {plural} {verb}")
        })
        .collect();
        (!parts.is_empty()).then(|| parts.join(", "))
    }
}

/// The result of one statement.
#[derive(Debug, Clone, Default)]
pub struct QueryResult {
    /// Column names, in order (shared with the prepared statement, so a result does not copy them).
    pub columns: std::sync::Arc<[String]>,
    /// The rows, one value per column.
    pub rows: Vec<Vec<Value>>,
    /// What the statement changed.
    pub stats: Stats,
    /// Step descriptions and row counts, for `PROFILE`.
    pub profile: Option<Vec<(String, u64)>>,
    /// A message for statements without rows (`BEGIN`, index creation, ...).
    pub message: Option<String>,
    nodes: HashMap<NodeId, Node>,
    rels: HashMap<RelId, Relationship>,
}

impl QueryResult {
    /// Builds a result, copying every node and relationship the rows mention from `graph`.
    pub(crate) fn new(
        columns: std::sync::Arc<[String]>,
        rows: Vec<Vec<Value>>,
        graph: &crate::graph::Graph,
    ) -> QueryResult {
        let mut result = QueryResult {
            columns,
            rows,
            stats: Stats::default(),
            profile: None,
            message: None,
            nodes: HashMap::default(),
            rels: HashMap::default(),
        };
        let mut pending = Vec::new();
        for row in &result.rows {
            for v in row {
                collect_entities(v, &mut pending);
            }
        }
        for entity in pending {
            match entity {
                Entity::Node(id) => {
                    if let Some(node) = graph.node(id) {
                        result.nodes.insert(id, node);
                    }
                }
                Entity::Rel(id) => {
                    if let Some(rel) = graph.relationship(id) {
                        result.rels.insert(id, rel);
                    }
                }
            }
        }
        result
    }

    /// A result with a message and no rows.
    pub(crate) fn message(text: impl Into<String>) -> QueryResult {
        QueryResult { message: Some(text.into()), ..QueryResult::default() }
    }

    /// Number of rows.
    pub fn len(&self) -> usize {
        self.rows.len()
    }

    /// True when there are no rows.
    pub fn is_empty(&self) -> bool {
        self.rows.is_empty()
    }

    /// The rows, with access by column name.
    pub fn iter(&self) -> impl Iterator<Item = Row<'_>> {
        self.rows.iter().map(move |values| Row { result: self, values })
    }

    /// The position of a column.
    pub fn column(&self, name: &str) -> Option<usize> {
        self.columns.iter().position(|c| c == name)
    }

    /// All values of one column, in row order.
    pub fn column_values(&self, name: &str) -> Option<Vec<&Value>> {
        let i = self.column(name)?;
        Some(self.rows.iter().map(|r| &r[i]).collect())
    }

    /// The node with this id, as it was when the statement finished.
    pub fn node(&self, id: NodeId) -> Option<&Node> {
        self.nodes.get(&id)
    }

    /// The relationship with this id, as it was when the statement finished.
    pub fn relationship(&self, id: RelId) -> Option<&Relationship> {
        self.rels.get(&id)
    }

    /// The whole result as `{"columns": [...], "rows": [[...], ...]}`.
    pub fn to_json(&self) -> Json {
        let rows: Vec<Json> = self
            .rows
            .iter()
            .map(|r| Json::Array(r.iter().map(|v| self.value_to_json(v)).collect()))
            .collect();
        json!({ "columns": &*self.columns, "rows": rows })
    }

    /// One value as JSON: nodes as `{"id", "labels", "properties"}`, relationships as
    /// `{"id", "type", "start", "end", "properties"}`, paths as `{"nodes", "relationships"}`,
    /// dates as strings in their precision, non-finite floats as strings.
    pub fn value_to_json(&self, v: &Value) -> Json {
        match v {
            Value::Node(id) => match self.nodes.get(id) {
                Some(n) => json!({"id": id.0, "labels": n.labels, "properties": props_json(&n.properties)}),
                None => json!({"id": id.0, "deleted": true}),
            },
            Value::Relationship(id) => match self.rels.get(id) {
                Some(r) => json!({"id": id.0, "type": r.rel_type, "start": r.start.0, "end": r.end.0,
                    "properties": props_json(&r.properties)}),
                None => json!({"id": id.0, "deleted": true}),
            },
            Value::Path(p) => json!({
                "nodes": p.nodes.iter().map(|n| self.value_to_json(&Value::Node(*n))).collect::<Vec<_>>(),
                "relationships": p.rels.iter().map(|r| self.value_to_json(&Value::Relationship(*r))).collect::<Vec<_>>(),
            }),
            Value::List(items) => Json::Array(items.iter().map(|x| self.value_to_json(x)).collect()),
            Value::Map(map) => {
                Json::Object(map.iter().map(|(k, x)| (k.clone(), self.value_to_json(x))).collect())
            }
            plain => plain_json(plain),
        }
    }

    /// Renders a value for a table cell: entities as `(:Label {name: '...'})`, strings bare.
    pub fn display(&self, v: &Value) -> String {
        match v {
            Value::Node(id) => match self.nodes.get(id) {
                Some(n) => node_text(n),
                None => format!("(deleted node {})", id.0),
            },
            Value::Relationship(id) => match self.rels.get(id) {
                Some(r) => rel_text(r),
                None => format!("[deleted relationship {}]", id.0),
            },
            Value::Path(p) => self.path_text(p),
            Value::List(items) => {
                let inner: Vec<String> = items.iter().map(|x| self.display_nested(x)).collect();
                format!("[{}]", inner.join(", "))
            }
            Value::Map(map) => {
                let inner: Vec<String> =
                    map.iter().map(|(k, x)| format!("{k}: {}", self.display_nested(x))).collect();
                format!("{{{}}}", inner.join(", "))
            }
            other => other.to_string(),
        }
    }

    fn display_nested(&self, v: &Value) -> String {
        match v {
            Value::String(_) | Value::Date(_) => v.to_cypher(),
            other => self.display(other),
        }
    }

    fn path_text(&self, p: &crate::model::Path) -> String {
        let mut out = self.display(&Value::Node(p.nodes[0]));
        for (i, rel) in p.rels.iter().enumerate() {
            let (ty, forward) = match self.rels.get(rel) {
                Some(r) => (r.rel_type.clone(), r.start == p.nodes[i]),
                None => ("?".into(), true),
            };
            out.push_str(&if forward { format!("-[:{ty}]->") } else { format!("<-[:{ty}]-") });
            out.push_str(&self.display(&Value::Node(p.nodes[i + 1])));
        }
        out
    }
}

fn node_text(n: &Node) -> String {
    let labels: String = n.labels.iter().map(|l| format!(":{l}")).collect();
    let shown = match n.properties.get("name") {
        Some(name) => format!(" {{name: {}}}", name.to_cypher()),
        None if n.properties.is_empty() => String::new(),
        None => {
            let inner: Vec<String> =
                n.properties.iter().map(|(k, v)| format!("{k}: {}", v.to_cypher())).collect();
            format!(" {{{}}}", inner.join(", "))
        }
    };
    format!("({labels}{shown})")
}

fn rel_text(r: &Relationship) -> String {
    let inner: Vec<String> = r
        .properties
        .iter()
        .filter(|(k, _)| *k != "sources")
        .map(|(k, v)| format!("{k}: {}", v.to_cypher()))
        .collect();
    if inner.is_empty() {
        format!("[:{}]", r.rel_type)
    } else {
        format!("[:{} {{{}}}]", r.rel_type, inner.join(", "))
    }
}

fn props_json(props: &crate::model::Properties) -> Json {
    Json::Object(props.iter().map(|(k, v)| (k.clone(), plain_json(v))).collect::<JsonMap<_, _>>())
}

/// JSON for values that contain no entities.
pub fn plain_json(v: &Value) -> Json {
    match v {
        Value::Null => Json::Null,
        Value::Bool(b) => Json::Bool(*b),
        Value::Int(i) => json!(i),
        Value::Float(f) if f.is_finite() => json!(f),
        Value::Float(f) => Json::String(format_float(*f)),
        Value::String(s) => Json::String(s.to_string()),
        Value::Date(d) => Json::String(d.to_string()),
        Value::List(items) => Json::Array(items.iter().map(plain_json).collect()),
        Value::Map(map) => Json::Object(map.iter().map(|(k, x)| (k.clone(), plain_json(x))).collect()),
        Value::Node(id) => json!({"id": id.0}),
        Value::Relationship(id) => json!({"id": id.0}),
        Value::Path(p) => json!({"length": p.rels.len()}),
    }
}

enum Entity {
    Node(NodeId),
    Rel(RelId),
}

fn collect_entities(v: &Value, out: &mut Vec<Entity>) {
    match v {
        Value::Node(id) => out.push(Entity::Node(*id)),
        Value::Relationship(id) => out.push(Entity::Rel(*id)),
        Value::Path(p) => {
            out.extend(p.nodes.iter().map(|n| Entity::Node(*n)));
            out.extend(p.rels.iter().map(|r| Entity::Rel(*r)));
        }
        Value::List(items) => items.iter().for_each(|x| collect_entities(x, out)),
        Value::Map(map) => map.values().for_each(|x| collect_entities(x, out)),
        _ => {}
    }
}

/// One row of a [`QueryResult`].
#[derive(Debug, Clone, Copy)]
pub struct Row<'a> {
    result: &'a QueryResult,
    values: &'a [Value],
}

impl<'a> Row<'a> {
    /// The raw value of a column.
    pub fn value(&self, column: &str) -> Option<&'a Value> {
        self.result.column(column).map(|i| &self.values[i])
    }

    /// The values in column order.
    pub fn values(&self) -> &'a [Value] {
        self.values
    }

    /// A column's value converted to `T`; an error names the column when it is missing or
    /// holds another type.
    ///
    /// ```
    /// let db = demarche::Database::in_memory();
    /// let result = db.query("RETURN 'Antonov' AS name, 27 AS count", &demarche::Params::new()).unwrap();
    /// let row = result.iter().next().unwrap();
    /// let name: &str = row.get("name").unwrap();
    /// let count: i64 = row.get("count").unwrap();
    /// assert_eq!((name, count), ("Antonov", 27));
    /// ```
    pub fn get<T: FromValue<'a>>(&self, column: &str) -> Result<T, Error> {
        let value = self.value(column).ok_or_else(|| {
            Error::Execution(ExecutionError::new(
                ExecutionKind::ArgumentError,
                format!("no column named '{column}' (columns: {})", self.result.columns.join(", ")),
            ))
        })?;
        T::from_value(value, self.result).ok_or_else(|| {
            Error::Execution(ExecutionError::new(
                ExecutionKind::TypeError,
                format!(
                    "column '{column}' holds a {}, which does not convert to {}",
                    value.type_name(),
                    T::NAME
                ),
            ))
        })
    }
}

/// Conversion from a result value to a Rust type, for [`Row::get`].
pub trait FromValue<'a>: Sized {
    /// The type's name in error messages.
    const NAME: &'static str;
    /// Converts, or `None` when the value is of another type.
    fn from_value(v: &'a Value, result: &'a QueryResult) -> Option<Self>;
}

macro_rules! from_value {
    ($t:ty, $name:literal, $pat:pat => $out:expr) => {
        impl<'a> FromValue<'a> for $t {
            const NAME: &'static str = $name;
            fn from_value(v: &'a Value, _: &'a QueryResult) -> Option<Self> {
                match v {
                    $pat => Some($out),
                    _ => None,
                }
            }
        }
    };
}

from_value!(&'a str, "a string", Value::String(s) => s.as_str());
from_value!(String, "a string", Value::String(s) => s.to_string());
from_value!(i64, "an integer", Value::Int(i) => *i);
from_value!(f64, "a float", Value::Float(f) => *f);
from_value!(bool, "a boolean", Value::Bool(b) => *b);
from_value!(Date, "a date", Value::Date(d) => *d);
impl<'a> FromValue<'a> for &'a Value {
    const NAME: &'static str = "a value";
    fn from_value(v: &'a Value, _: &'a QueryResult) -> Option<Self> {
        Some(v)
    }
}

impl<'a> FromValue<'a> for &'a Node {
    const NAME: &'static str = "a node";
    fn from_value(v: &'a Value, result: &'a QueryResult) -> Option<Self> {
        match v {
            Value::Node(id) => result.node(*id),
            _ => None,
        }
    }
}

impl<'a, T: FromValue<'a>> FromValue<'a> for Option<T> {
    const NAME: &'static str = T::NAME;
    fn from_value(v: &'a Value, result: &'a QueryResult) -> Option<Self> {
        if v.is_null() { Some(None) } else { T::from_value(v, result).map(Some) }
    }
}

impl<'a, T: FromValue<'a>> FromValue<'a> for Vec<T> {
    const NAME: &'static str = "a list";
    fn from_value(v: &'a Value, result: &'a QueryResult) -> Option<Self> {
        match v {
            Value::List(items) => items.iter().map(|x| T::from_value(x, result)).collect(),
            _ => None,
        }
    }
}
