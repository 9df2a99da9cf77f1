//! The write clauses: `CREATE`, `MERGE`, `SET`, `REMOVE`, `DELETE`.
//!
//! Every change goes through [`Tx::apply`] as a [`Mutation`], which applies it to the graph at
//! once (later clauses see it) and remembers how to undo it, so a failed statement or a
//! `ROLLBACK` leaves the graph exactly as it was.

use super::eval::{Frame, type_error};
use super::{Ctx, Runner};
use crate::error::{Error, ExecutionError, ExecutionKind};
use crate::graph::{Dir, Graph};
use crate::model::{Mutation, NodeId, Path, Properties, RelId, Value};
use crate::query::ast::Direction;
use crate::query::plan::{Expr, PatternPlan, SetOp};
use std::collections::BTreeSet;

type Row = Vec<Value>;

/// Changes made so far by a statement or an explicit transaction, with their inverses.
pub struct Tx<'g> {
    /// The graph being changed.
    pub graph: &'g mut Graph,
    /// The mutations applied, in order: what gets logged on commit.
    pub log: Vec<Mutation>,
    /// Their inverses, in order of application.
    pub undo: Vec<Mutation>,
}

/// A point in a transaction to roll back to.
#[derive(Debug, Clone, Copy)]
pub struct Mark(usize, usize);

impl Mark {
    /// The start of a transaction.
    pub fn start() -> Mark {
        Mark(0, 0)
    }
}

impl<'g> Tx<'g> {
    /// Starts recording changes to `graph`.
    pub fn new(graph: &'g mut Graph) -> Tx<'g> {
        Tx { graph, log: Vec::new(), undo: Vec::new() }
    }

    /// Applies one mutation now, remembering its inverse.
    pub fn apply(&mut self, mutation: Mutation) -> Result<(), Error> {
        let inverse = self.graph.apply(std::slice::from_ref(&mutation))?;
        self.undo.extend(inverse);
        self.log.push(mutation);
        Ok(())
    }

    /// The current position, for [`Tx::rollback_to`].
    pub fn mark(&self) -> Mark {
        Mark(self.log.len(), self.undo.len())
    }

    /// Undoes everything applied after `mark`.
    pub fn rollback_to(&mut self, mark: Mark) {
        let undo = self.undo.split_off(mark.1);
        self.graph.undo(undo);
        self.log.truncate(mark.0);
    }

    fn runner<'a>(&'a self, ctx: &'a Ctx) -> Runner<'a> {
        Runner { graph: self.graph, ctx }
    }
}

/// Runs `CREATE` for each row.
pub fn create(
    tx: &mut Tx<'_>,
    ctx: &Ctx,
    patterns: &[PatternPlan],
    rows: Vec<Row>,
) -> Result<Vec<Row>, Error> {
    let mut out = Vec::with_capacity(rows.len());
    for row in rows {
        ctx.tick()?;
        let mut state = Building::new(row, patterns);
        for p in patterns {
            create_part(tx, ctx, p, &mut state)?;
        }
        out.push(state.row);
    }
    Ok(out)
}

/// Runs `MERGE` for each row: match the pattern, or create it whole.
pub fn merge(
    tx: &mut Tx<'_>,
    ctx: &Ctx,
    (pattern, on_create, on_match): (&PatternPlan, &[SetOp], &[SetOp]),
    rows: Vec<Row>,
) -> Result<Vec<Row>, Error> {
    let mut out = Vec::new();
    for row in rows {
        let found = tx.runner(ctx).match_pattern_rows(pattern, &row, false)?;
        if found.is_empty() {
            let mut state = Building::new(row, std::slice::from_ref(pattern));
            state.merging = true;
            create_part(tx, ctx, pattern, &mut state)?;
            out.extend(set(tx, ctx, on_create, vec![state.row])?);
        } else {
            out.extend(set(tx, ctx, on_match, found)?);
        }
    }
    Ok(out)
}

struct Building {
    row: Row,
    assigned: Vec<bool>,
    /// `MERGE` refuses null property values: the entity could never be matched again.
    merging: bool,
}

impl Building {
    fn new(mut row: Row, patterns: &[PatternPlan]) -> Building {
        let mut assigned = vec![true; row.len()];
        let width = patterns
            .iter()
            .flat_map(|p| {
                p.nodes.iter().map(|n| n.slot).chain(p.rels.iter().map(|r| r.slot)).chain(p.path_slot)
            })
            .map(|s| s + 1)
            .max()
            .unwrap_or(0);
        if width > row.len() {
            row.resize(width, Value::Null);
            assigned.resize(width, false);
        }
        Building { row, assigned, merging: false }
    }
}

fn create_part(tx: &mut Tx<'_>, ctx: &Ctx, p: &PatternPlan, state: &mut Building) -> Result<(), Error> {
    let mut nodes = Vec::with_capacity(p.nodes.len());
    for node in &p.nodes {
        if state.assigned[node.slot] {
            match state.row[node.slot] {
                Value::Node(id) => nodes.push(id),
                Value::Null => return Err(type_error("cannot create a relationship to or from a null node")),
                ref other => {
                    return Err(type_error(format!(
                        "expected a node to create from, got a {}",
                        other.type_name()
                    )));
                }
            }
            continue;
        }
        let properties = eval_props(tx, ctx, node.props.as_ref(), &state.row, state.merging)?;
        let id = tx.graph.next_node_id();
        tx.apply(Mutation::CreateNode { id, labels: node.labels.clone(), properties })?;
        state.row[node.slot] = Value::Node(id);
        state.assigned[node.slot] = true;
        nodes.push(id);
    }
    let mut rels = Vec::with_capacity(p.rels.len());
    for (i, rel) in p.rels.iter().enumerate() {
        let properties = eval_props(tx, ctx, rel.props.as_ref(), &state.row, state.merging)?;
        let (start, end) = match rel.direction {
            Direction::Incoming => (nodes[i + 1], nodes[i]),
            _ => (nodes[i], nodes[i + 1]),
        };
        let id = tx.graph.next_rel_id();
        let rel_type = rel.types.first().cloned().unwrap_or_default();
        tx.apply(Mutation::CreateRelationship { id, rel_type, start, end, properties })?;
        state.row[rel.slot] = Value::Relationship(id);
        state.assigned[rel.slot] = true;
        rels.push(id);
    }
    if let Some(slot) = p.path_slot {
        state.row[slot] = Value::Path(Box::new(Path { nodes, rels }));
        state.assigned[slot] = true;
    }
    Ok(())
}

fn eval_props(
    tx: &Tx<'_>,
    ctx: &Ctx,
    props: Option<&Expr>,
    row: &[Value],
    reject_null: bool,
) -> Result<Properties, Error> {
    let Some(expr) = props else { return Ok(Properties::new()) };
    match tx.runner(ctx).eval(expr, Frame::row(row))? {
        Value::Map(map) if reject_null && map.values().any(Value::is_null) => {
            let key = map.iter().find(|(_, v)| v.is_null()).map_or("", |(k, _)| k.as_str());
            Err(Error::Execution(ExecutionError::new(
                ExecutionKind::MergeReadOwnWrites,
                format!("MERGE cannot create an entity whose property '{key}' is null"),
            )))
        }
        Value::Map(map) => Ok(map.into_iter().filter(|(_, v)| !v.is_null()).collect()),
        Value::Null => Ok(Properties::new()),
        other => Err(type_error(format!("properties must be a map, got a {}", other.type_name()))),
    }
}

/// Runs `SET` / `REMOVE` items for each row.
pub fn set(tx: &mut Tx<'_>, ctx: &Ctx, items: &[SetOp], rows: Vec<Row>) -> Result<Vec<Row>, Error> {
    for row in &rows {
        for item in items {
            ctx.tick()?;
            set_item(tx, ctx, item, row)?;
        }
    }
    Ok(rows)
}

fn set_item(tx: &mut Tx<'_>, ctx: &Ctx, item: &SetOp, row: &[Value]) -> Result<(), Error> {
    match item {
        SetOp::Property(target, key, value) => {
            let (target, value) = {
                let runner = tx.runner(ctx);
                (runner.eval(target, Frame::row(row))?, runner.eval(value, Frame::row(row))?)
            };
            set_property(tx, &target, key.clone(), value)
        }
        SetOp::Properties(slot, value, replace) => {
            let target = row.get(*slot).cloned().unwrap_or(Value::Null);
            let value = tx.runner(ctx).eval(value, Frame::row(row))?;
            set_properties(tx, &target, value, *replace)
        }
        SetOp::Labels(slot, labels) | SetOp::RemoveLabels(slot, labels) => {
            let id = match row.get(*slot) {
                Some(Value::Node(id)) => *id,
                Some(Value::Null) | None => return Ok(()),
                Some(other) => {
                    return Err(type_error(format!(
                        "labels belong to nodes, not to a {}",
                        other.type_name()
                    )));
                }
            };
            for label in labels {
                let label = label.clone();
                let m = match item {
                    SetOp::Labels(..) => Mutation::AddLabel { id, label },
                    _ => Mutation::RemoveLabel { id, label },
                };
                tx.apply(m)?;
            }
            Ok(())
        }
    }
}

fn set_property(tx: &mut Tx<'_>, target: &Value, key: String, value: Value) -> Result<(), Error> {
    let m = match target {
        Value::Null => return Ok(()),
        Value::Node(id) => Mutation::SetNodeProperty { id: *id, key, value },
        Value::Relationship(id) => Mutation::SetRelationshipProperty { id: *id, key, value },
        other => {
            return Err(type_error(format!(
                "properties belong to nodes and relationships, not to a {}",
                other.type_name()
            )));
        }
    };
    tx.apply(m)
}

fn set_properties(tx: &mut Tx<'_>, target: &Value, value: Value, replace: bool) -> Result<(), Error> {
    let new = match value {
        Value::Map(map) => map,
        Value::Node(id) => tx.graph.node_props(id).map(|p| p.to_map()).unwrap_or_default(),
        Value::Relationship(id) => tx.graph.rel_props(id).map(|p| p.to_map()).unwrap_or_default(),
        Value::Null => Properties::new(),
        other => return Err(type_error(format!("SET = / += expects a map, got a {}", other.type_name()))),
    };
    let old = match target {
        Value::Null => return Ok(()),
        Value::Node(id) => tx.graph.node_props(*id).map(|p| p.to_map()).unwrap_or_default(),
        Value::Relationship(id) => tx.graph.rel_props(*id).map(|p| p.to_map()).unwrap_or_default(),
        other => {
            return Err(type_error(format!(
                "properties belong to nodes and relationships, not to a {}",
                other.type_name()
            )));
        }
    };
    if replace {
        for key in old.keys().filter(|k| !new.contains_key(*k)) {
            set_property(tx, target, key.clone(), Value::Null)?;
        }
    }
    for (key, value) in new {
        set_property(tx, target, key, value)?;
    }
    Ok(())
}

/// Runs `[DETACH] DELETE` over all rows: relationships first, then nodes.
pub fn delete(
    tx: &mut Tx<'_>,
    ctx: &Ctx,
    exprs: &[Expr],
    detach: bool,
    rows: Vec<Row>,
) -> Result<Vec<Row>, Error> {
    let mut nodes = BTreeSet::new();
    let mut rels = BTreeSet::new();
    for row in &rows {
        for expr in exprs {
            let value = tx.runner(ctx).eval(expr, Frame::row(row))?;
            collect_deletions(value, &mut nodes, &mut rels)?;
        }
    }
    for id in rels {
        if tx.graph.contains_rel(id) {
            tx.apply(Mutation::DeleteRelationship { id })?;
        }
    }
    for id in nodes {
        if !tx.graph.contains_node(id) {
            continue;
        }
        let attached: Vec<RelId> = tx.graph.expand(id, Dir::Both, None).map(|(r, _)| r).collect();
        if !attached.is_empty() && !detach {
            return Err(Error::Execution(ExecutionError::new(
                ExecutionKind::DeleteConnectedNode,
                format!(
                    "cannot delete node {} because it still has {} relationship(s); use DETACH DELETE",
                    id.0,
                    attached.len()
                ),
            )));
        }
        for rel in attached {
            tx.apply(Mutation::DeleteRelationship { id: rel })?;
        }
        tx.apply(Mutation::DeleteNode { id })?;
    }
    Ok(rows)
}

fn collect_deletions(
    value: Value,
    nodes: &mut BTreeSet<NodeId>,
    rels: &mut BTreeSet<RelId>,
) -> Result<(), Error> {
    match value {
        Value::Null => {}
        Value::Node(id) => {
            nodes.insert(id);
        }
        Value::Relationship(id) => {
            rels.insert(id);
        }
        Value::Path(p) => {
            nodes.extend(p.nodes);
            rels.extend(p.rels);
        }
        Value::List(items) => {
            for item in items {
                collect_deletions(item, nodes, rels)?;
            }
        }
        other => {
            return Err(type_error(format!(
                "DELETE expects nodes, relationships or paths, got a {}",
                other.type_name()
            )));
        }
    }
    Ok(())
}
