//! Export of a graph, or of the subgraph a query returned, in formats other tools load
//! (DESIGN §6 `demarche export`): a Cypher script, GraphML, JSON lines, Neo4j admin-import CSV
//! and Graphviz DOT.
//!
//! Beside the query pipeline: reads the graph under the read lock (through
//! [`crate::Database::export`]) or a [`Subgraph`] built from a [`QueryResult`]. It writes to any
//! `Write`, or to files replaced atomically (temporary file in the same directory, then rename).
//! It never changes the graph.
//!
//! Choices worth knowing:
//! - **Cypher**: nodes are created in batches carrying a temporary label `_dmx` and property
//!   `_dmx_id`, with an index on them (`CREATE INDEX dmx_import FOR (n:_dmx) ON (n._dmx_id)`,
//!   a form demarche and Neo4j 5 both accept); relationships are created in batches through
//!   `UNWIND ... MATCH ... CREATE`; the last statement removes the label and the property. The
//!   index stays (on a label no node has any more): drop it with `DROP INDEX dmx_import` in
//!   Neo4j or `DROP INDEX ON :_dmx(_dmx_id)` in demarche. Dates are written `date('2021-04-15')`;
//!   demarche keeps a month or year precision (`date('2021-04')`), Neo4j reads such a date as
//!   its first day.
//! - **CSV**: the import format ([`crate::import`]): `:ID` (internal ids, stored as no property),
//!   `:LABEL`, typed property columns (`long`, `double`, `boolean`, `string`, `date`, arrays with
//!   `[]`), and `:START_ID`, `:END_ID`, `:TYPE` for relationships. Values CSV cannot carry exactly
//!   (maps, nested or mixed lists, empty strings and lists, array items containing `;`) are an
//!   error naming the entity and the key, rather than a silent change.
//! - **JSON lines**: one node per line (`{"id", "labels", "properties"}`), then one relationship
//!   per line (`{"id", "type", "start", "end", "properties"}`), as in DESIGN §6.
//! - **GraphML**: keys declared with types (`long`, `double`, `boolean`, `string`); dates, lists
//!   and maps are strings (lists and maps as JSON); labels in a `labels` key (`:A:B`), the
//!   relationship type in `label`.
//! - **DOT**: one box per node captioned with its labels and its name (else title, text or
//!   id), one arrow per relationship labelled with its type.

use crate::error::Error;
use crate::graph::Graph;
use crate::model::{Node, NodeId, Properties, RelId, Relationship, Value, escape_identifier};
use crate::result::{QueryResult, plain_json};
use std::borrow::Cow;
use std::collections::{BTreeMap, BTreeSet};
use std::io::Write;
use std::path::{Path, PathBuf};

/// Export formats.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash)]
pub enum ExportFormat {
    /// A Cypher script that demarche and Neo4j both load.
    Cypher,
    /// GraphML (XML) with typed keys.
    Graphml,
    /// JSON lines: one node or relationship per line.
    Json,
    /// Neo4j admin-import CSV: `nodes.csv` and `relationships.csv`.
    Csv,
    /// Graphviz DOT.
    Dot,
}

impl ExportFormat {
    /// Every format, in the order help texts list them.
    pub const ALL: [ExportFormat; 5] = [
        ExportFormat::Cypher,
        ExportFormat::Graphml,
        ExportFormat::Json,
        ExportFormat::Csv,
        ExportFormat::Dot,
    ];

    /// The format's name as typed on the command line.
    pub fn name(self) -> &'static str {
        match self {
            ExportFormat::Cypher => "cypher",
            ExportFormat::Graphml => "graphml",
            ExportFormat::Json => "json",
            ExportFormat::Csv => "csv",
            ExportFormat::Dot => "dot",
        }
    }

    /// The format named `name` (case-insensitive; `jsonl` is accepted for `json`).
    pub fn parse(name: &str) -> Option<ExportFormat> {
        let name = name.trim().to_ascii_lowercase();
        if name == "jsonl" {
            return Some(ExportFormat::Json);
        }
        ExportFormat::ALL.into_iter().find(|f| f.name() == name)
    }
}

impl std::fmt::Display for ExportFormat {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        f.write_str(self.name())
    }
}

/// Why an export failed.
#[derive(Debug, thiserror::Error)]
#[non_exhaustive]
pub enum ExportError {
    /// A file or directory could not be written.
    #[error("cannot write {path}: {source}")]
    Io {
        /// The file.
        path: PathBuf,
        /// The OS error.
        source: std::io::Error,
    },
    /// Writing to the caller's output failed.
    #[error("cannot write the export: {0}")]
    Write(#[from] std::io::Error),
    /// The graph holds a value this format cannot carry exactly, or the format needs files.
    #[error("{0}")]
    Unsupported(String),
    /// The database could not be read.
    #[error("{0}")]
    Database(#[from] Error),
}

/// Nodes and relationships to export: a whole graph's, or those a query returned.
#[derive(Debug, Clone, Default, PartialEq)]
pub struct Subgraph {
    /// The nodes, in id order.
    pub nodes: Vec<Node>,
    /// The relationships, in id order; their end nodes are among `nodes`.
    pub relationships: Vec<Relationship>,
}

impl Subgraph {
    /// The nodes, relationships and paths a query returned (also inside lists and maps). A
    /// relationship's end node that the query did not return is added with no labels or
    /// properties, so every arrow has both ends.
    pub fn from_result(result: &QueryResult) -> Subgraph {
        let mut node_ids = BTreeSet::new();
        let mut rel_ids = BTreeSet::new();
        for row in &result.rows {
            for value in row {
                collect(value, &mut node_ids, &mut rel_ids);
            }
        }
        let relationships: Vec<Relationship> =
            rel_ids.iter().filter_map(|id| result.relationship(*id).cloned()).collect();
        node_ids.extend(relationships.iter().flat_map(|r| [r.start, r.end]));
        let nodes = node_ids
            .into_iter()
            .map(|id| {
                result.node(id).cloned().unwrap_or(Node { id, labels: vec![], properties: Properties::new() })
            })
            .collect();
        Subgraph { nodes, relationships }
    }

    /// True when the query returned no node, relationship or path.
    pub fn is_empty(&self) -> bool {
        self.nodes.is_empty()
    }

    /// Writes the subgraph in `format` (CSV needs two outputs: use [`Subgraph::write_to`]).
    pub fn write(&self, format: ExportFormat, out: &mut dyn Write) -> Result<(), ExportError> {
        write(self, format, out)
    }

    /// Writes the subgraph to a file (for CSV, a directory), atomically; returns the files written.
    pub fn write_to(&self, format: ExportFormat, path: &Path) -> Result<Vec<PathBuf>, ExportError> {
        write_to(self, format, path)
    }
}

fn collect(value: &Value, nodes: &mut BTreeSet<NodeId>, rels: &mut BTreeSet<RelId>) {
    match value {
        Value::Node(id) => {
            nodes.insert(*id);
        }
        Value::Relationship(id) => {
            rels.insert(*id);
        }
        Value::Path(path) => {
            nodes.extend(&path.nodes);
            rels.extend(&path.rels);
        }
        Value::List(items) => items.iter().for_each(|v| collect(v, nodes, rels)),
        Value::Map(map) => map.values().for_each(|v| collect(v, nodes, rels)),
        _ => {}
    }
}

/// A node as the writers see it, borrowed from its source.
pub(crate) struct NodeView<'a> {
    id: NodeId,
    labels: Vec<&'a str>,
    /// Borrowed from a [`Subgraph`]; built from the graph's stored form for the graph itself.
    props: Cow<'a, Properties>,
}

/// A relationship as the writers see it.
pub(crate) struct RelView<'a> {
    id: RelId,
    rel_type: &'a str,
    start: NodeId,
    end: NodeId,
    props: Cow<'a, Properties>,
}

/// What can be exported: the graph itself, or a [`Subgraph`].
pub(crate) trait Source {
    /// Every node, in id order.
    fn nodes(&self) -> Box<dyn Iterator<Item = NodeView<'_>> + '_>;
    /// Every relationship, in id order.
    fn rels(&self) -> Box<dyn Iterator<Item = RelView<'_>> + '_>;
    /// Number of nodes and relationships.
    fn counts(&self) -> (usize, usize);
}

impl Source for Graph {
    fn nodes(&self) -> Box<dyn Iterator<Item = NodeView<'_>> + '_> {
        Box::new(self.node_ids().filter_map(move |id| {
            Some(NodeView {
                id,
                labels: self.node_labels(id),
                props: Cow::Owned(self.node_props(id)?.to_map()),
            })
        }))
    }

    fn rels(&self) -> Box<dyn Iterator<Item = RelView<'_>> + '_> {
        Box::new(self.rel_ids().filter_map(move |id| {
            let (start, end) = self.rel_ends(id)?;
            Some(RelView {
                id,
                rel_type: self.rel_type(id)?,
                start,
                end,
                props: Cow::Owned(self.rel_props(id)?.to_map()),
            })
        }))
    }

    fn counts(&self) -> (usize, usize) {
        (self.node_count(), self.relationship_count())
    }
}

impl Source for Subgraph {
    fn nodes(&self) -> Box<dyn Iterator<Item = NodeView<'_>> + '_> {
        Box::new(self.nodes.iter().map(|n| NodeView {
            id: n.id,
            labels: n.labels.iter().map(String::as_str).collect(),
            props: Cow::Borrowed(&n.properties),
        }))
    }

    fn rels(&self) -> Box<dyn Iterator<Item = RelView<'_>> + '_> {
        Box::new(self.relationships.iter().map(|r| RelView {
            id: r.id,
            rel_type: &r.rel_type,
            start: r.start,
            end: r.end,
            props: Cow::Borrowed(&r.properties),
        }))
    }

    fn counts(&self) -> (usize, usize) {
        (self.nodes.len(), self.relationships.len())
    }
}

/// Writes `source` in `format` to one output.
pub(crate) fn write(
    source: &dyn Source,
    format: ExportFormat,
    out: &mut dyn Write,
) -> Result<(), ExportError> {
    match format {
        ExportFormat::Cypher => write_cypher(source, out),
        ExportFormat::Graphml => write_graphml(source, out),
        ExportFormat::Json => write_json(source, out),
        ExportFormat::Dot => write_dot(source, out),
        ExportFormat::Csv => Err(ExportError::Unsupported(
            "CSV export writes two files (nodes.csv and relationships.csv): give a directory".into(),
        )),
    }
}

/// Writes `source` to `path` atomically (for CSV, into the directory `path`).
pub(crate) fn write_to(
    source: &dyn Source,
    format: ExportFormat,
    path: &Path,
) -> Result<Vec<PathBuf>, ExportError> {
    if format != ExportFormat::Csv {
        atomically(path, |out| write(source, format, out))?;
        return Ok(vec![path.to_owned()]);
    }
    std::fs::create_dir_all(path).map_err(|source| ExportError::Io { path: path.to_owned(), source })?;
    let (nodes, rels) = (path.join("nodes.csv"), path.join("relationships.csv"));
    // Both tables are computed before either file is replaced, so an unrepresentable value
    // leaves the directory as it was.
    let (mut node_bytes, mut rel_bytes) = (Vec::new(), Vec::new());
    write_csv(source, &mut node_bytes, &mut rel_bytes)?;
    atomically(&nodes, |out| Ok(out.write_all(&node_bytes)?))?;
    atomically(&rels, |out| Ok(out.write_all(&rel_bytes)?))?;
    Ok(vec![nodes, rels])
}

/// Writes a file through a temporary file in the same directory, renamed over `path` once
/// complete and flushed; errors name `path`.
pub(crate) fn atomically(
    path: &Path,
    fill: impl FnOnce(&mut dyn Write) -> Result<(), ExportError>,
) -> Result<(), ExportError> {
    let io = |source| ExportError::Io { path: path.to_owned(), source };
    let dir = match path.parent() {
        Some(p) if !p.as_os_str().is_empty() => p,
        _ => Path::new("."),
    };
    let temp = temp_builder(".tmp").tempfile_in(dir).map_err(io)?;
    let mut out = std::io::BufWriter::with_capacity(1 << 20, temp);
    match fill(&mut out) {
        Ok(()) => {}
        Err(ExportError::Write(source)) => return Err(io(source)),
        Err(e) => return Err(e),
    }
    let temp = out.into_inner().map_err(|e| io(e.into_error()))?;
    temp.as_file().sync_all().map_err(io)?;
    temp.persist(path).map_err(|e| io(e.error))?;
    Ok(())
}

/// A builder for temporary files that become ordinary output files: readable by others, like
/// files a shell redirection creates (tempfile's default is owner-only).
pub(crate) fn temp_builder(suffix: &str) -> tempfile::Builder<'_, '_> {
    let mut builder = tempfile::Builder::new();
    builder.suffix(suffix);
    #[cfg(unix)]
    {
        use std::os::unix::fs::PermissionsExt;
        builder.permissions(std::fs::Permissions::from_mode(0o644));
    }
    builder
}

// ---------------------------------------------------------------- JSON lines

fn write_json(source: &dyn Source, out: &mut dyn Write) -> Result<(), ExportError> {
    for n in source.nodes() {
        let line = serde_json::json!({"id": n.id.0, "labels": n.labels, "properties": props_json(&n.props)});
        writeln!(out, "{line}")?;
    }
    for r in source.rels() {
        let line = serde_json::json!({
            "id": r.id.0, "type": r.rel_type, "start": r.start.0, "end": r.end.0,
            "properties": props_json(&r.props),
        });
        writeln!(out, "{line}")?;
    }
    Ok(())
}

fn props_json(props: &Properties) -> serde_json::Value {
    serde_json::Value::Object(props.iter().map(|(k, v)| (k.clone(), plain_json(v))).collect())
}

// ---------------------------------------------------------------- Cypher

const BATCH: usize = 100;
const TEMP_LABEL: &str = "_dmx";
const TEMP_ID: &str = "_dmx_id";

fn write_cypher(source: &dyn Source, out: &mut dyn Write) -> Result<(), ExportError> {
    let (n_nodes, n_rels) = source.counts();
    writeln!(out, "// demarche export: {n_nodes} nodes, {n_rels} relationships.")?;
    writeln!(out, "// Load with `demarche DB -f FILE` or `cypher-shell -f FILE`.")?;
    writeln!(
        out,
        "// The index below stays afterwards; drop it with `DROP INDEX dmx_import` (Neo4j) or `DROP INDEX ON :_dmx(_dmx_id)` (demarche)."
    )?;
    writeln!(out, "CREATE INDEX dmx_import FOR (n:{TEMP_LABEL}) ON (n.{TEMP_ID});")?;
    let mut in_batch = 0;
    for n in source.nodes() {
        out.write_all(if in_batch == 0 { b"CREATE " } else { b",\n  " })?;
        let mut labels: String = n.labels.iter().map(|l| format!(":{}", escape_identifier(l))).collect();
        labels.push_str(&format!(":{TEMP_LABEL}"));
        let mut props = format!("{TEMP_ID}: {}", n.id.0);
        for (k, v) in n.props.iter() {
            props.push_str(&format!(", {}: {}", escape_identifier(k), cypher_value(v)));
        }
        write!(out, "({labels} {{{props}}})")?;
        in_batch += 1;
        if in_batch == BATCH {
            writeln!(out, ";")?;
            in_batch = 0;
        }
    }
    if in_batch > 0 {
        writeln!(out, ";")?;
    }
    let mut by_type: BTreeMap<&str, Vec<RelView<'_>>> = BTreeMap::new();
    for r in source.rels() {
        by_type.entry(r.rel_type).or_default().push(r);
    }
    for (rel_type, rels) in &by_type {
        for batch in rels.chunks(BATCH) {
            let rows: Vec<String> = batch
                .iter()
                .map(|r| format!("{{s: {}, e: {}, p: {}}}", r.start.0, r.end.0, cypher_map(&r.props)))
                .collect();
            writeln!(
                out,
                "UNWIND [{}] AS row\nMATCH (a:{TEMP_LABEL} {{{TEMP_ID}: row.s}}), (b:{TEMP_LABEL} {{{TEMP_ID}: row.e}})\nCREATE (a)-[r:{}]->(b) SET r = row.p;",
                rows.join(",\n  "),
                escape_identifier(rel_type)
            )?;
        }
    }
    writeln!(out, "MATCH (n:{TEMP_LABEL}) REMOVE n:{TEMP_LABEL}, n.{TEMP_ID};")?;
    Ok(())
}

/// A property value as a Cypher literal. Large floats are written with an exponent: their plain
/// decimal form has no point and would read back as an integer (or not at all).
fn cypher_value(value: &Value) -> String {
    match value {
        Value::Float(f) if f.is_finite() && f.abs() >= 1e16 => format!("{f:e}"),
        Value::List(items) => format!("[{}]", items.iter().map(cypher_value).collect::<Vec<_>>().join(", ")),
        Value::Map(map) => cypher_map(map),
        other => other.to_cypher(),
    }
}

fn cypher_map(map: &Properties) -> String {
    let items: Vec<String> =
        map.iter().map(|(k, v)| format!("{}: {}", escape_identifier(k), cypher_value(v))).collect();
    format!("{{{}}}", items.join(", "))
}

// ---------------------------------------------------------------- CSV

/// A CSV column type, as written in the header.
fn csv_type(value: &Value) -> Option<&'static str> {
    Some(match value {
        Value::Int(_) => "long",
        Value::Float(_) => "double",
        Value::Bool(_) => "boolean",
        Value::String(_) => "string",
        Value::Date(_) => "date",
        Value::List(items) => match items.first().and_then(csv_type) {
            Some("long") => "long[]",
            Some("double") => "double[]",
            Some("boolean") => "boolean[]",
            Some("string") => "string[]",
            Some("date") => "date[]",
            _ => return None,
        },
        _ => return None,
    })
}

/// The cell text of a value, or why CSV cannot carry it exactly.
fn csv_cell(value: &Value) -> Result<String, &'static str> {
    match value {
        Value::String(s) if s.is_empty() => Err("an empty string reads back as an absent property"),
        Value::List(items) if items.is_empty() => Err("an empty list reads back as an absent property"),
        Value::List(items) => {
            let ty = csv_type(value).ok_or("lists must hold plain values of one type")?;
            let mut cells = Vec::with_capacity(items.len());
            for item in items {
                if csv_type(item).map(|t| format!("{t}[]")).as_deref() != Some(ty) {
                    return Err("lists must hold plain values of one type");
                }
                let cell = csv_cell(item)?;
                if cell.contains(';') {
                    return Err("list items may not contain ';', the array separator");
                }
                cells.push(cell);
            }
            Ok(cells.join(";"))
        }
        Value::Float(f) => Ok(crate::model::format_float(*f)),
        Value::Int(_) | Value::Bool(_) | Value::String(_) | Value::Date(_) => Ok(value.to_string()),
        _ => Err("maps cannot be written to CSV"),
    }
}

/// Property columns: (key, type) → position, in key order.
type Columns = BTreeMap<(String, &'static str), usize>;

fn csv_columns<'a>(
    props: impl Iterator<Item = (String, Cow<'a, Properties>)>,
) -> Result<Columns, ExportError> {
    let mut seen: BTreeSet<(String, &'static str)> = BTreeSet::new();
    for (what, p) in props {
        for (key, value) in p.iter() {
            let ty = csv_type(value).ok_or_else(|| {
                unrepresentable(&what, key, "maps and nested lists cannot be written to CSV")
            })?;
            seen.insert((key.clone(), ty));
        }
    }
    Ok(seen.into_iter().enumerate().map(|(i, column)| (column, i)).collect())
}

fn unrepresentable(what: &str, key: &str, why: &str) -> ExportError {
    ExportError::Unsupported(format!("{what}, property '{key}': {why}; export to cypher or json instead"))
}

fn fill_cells(
    cells: &mut [String],
    columns: &Columns,
    props: &Properties,
    what: impl Fn() -> String,
) -> Result<(), ExportError> {
    for (key, value) in props {
        let ty = csv_type(value).ok_or_else(|| unrepresentable(&what(), key, "not a plain value"))?;
        let Some(&i) = columns.get(&(key.clone(), ty)) else { continue };
        cells[i] = csv_cell(value).map_err(|why| unrepresentable(&what(), key, why))?;
    }
    Ok(())
}

/// Writes `source` as Neo4j admin-import CSV: nodes to `nodes`, relationships to `rels`.
pub(crate) fn write_csv(
    source: &dyn Source,
    nodes: &mut dyn Write,
    rels: &mut dyn Write,
) -> Result<(), ExportError> {
    let csv_err = |e: csv::Error| ExportError::Write(std::io::Error::other(e.to_string()));
    let node_columns = csv_columns(source.nodes().map(|n| (format!("node {}", n.id.0), n.props)))?;
    let mut w = csv::Writer::from_writer(nodes);
    let mut header = vec![":ID".to_owned(), ":LABEL".to_owned()];
    header.extend(node_columns.keys().map(|(k, t)| format!("{k}:{t}")));
    w.write_record(&header).map_err(csv_err)?;
    let mut cells = vec![String::new(); node_columns.len()];
    for n in source.nodes() {
        if let Some(l) = n.labels.iter().find(|l| l.contains(';') || l.is_empty()) {
            return Err(ExportError::Unsupported(format!(
                "node {}: the label '{l}' contains ';', the label separator; export to cypher or json instead",
                n.id.0
            )));
        }
        cells.iter_mut().for_each(String::clear);
        fill_cells(&mut cells, &node_columns, &n.props, || format!("node {}", n.id.0))?;
        let id = n.id.0.to_string();
        let labels = n.labels.join(";");
        w.write_record([id.as_str(), labels.as_str()].into_iter().chain(cells.iter().map(String::as_str)))
            .map_err(csv_err)?;
    }
    w.flush()?;
    let rel_columns = csv_columns(source.rels().map(|r| (format!("relationship {}", r.id.0), r.props)))?;
    let mut w = csv::Writer::from_writer(rels);
    let mut header = vec![":START_ID".to_owned(), ":END_ID".to_owned(), ":TYPE".to_owned()];
    header.extend(rel_columns.keys().map(|(k, t)| format!("{k}:{t}")));
    w.write_record(&header).map_err(csv_err)?;
    let mut cells = vec![String::new(); rel_columns.len()];
    for r in source.rels() {
        cells.iter_mut().for_each(String::clear);
        fill_cells(&mut cells, &rel_columns, &r.props, || format!("relationship {}", r.id.0))?;
        let (start, end) = (r.start.0.to_string(), r.end.0.to_string());
        w.write_record(
            [start.as_str(), end.as_str(), r.rel_type].into_iter().chain(cells.iter().map(String::as_str)),
        )
        .map_err(csv_err)?;
    }
    w.flush()?;
    Ok(())
}

// ---------------------------------------------------------------- GraphML

fn graphml_type(value: &Value) -> &'static str {
    match value {
        Value::Int(_) => "long",
        Value::Float(_) => "double",
        Value::Bool(_) => "boolean",
        _ => "string",
    }
}

fn graphml_text(value: &Value) -> String {
    match value {
        Value::String(s) => s.to_string(),
        Value::Float(f) => crate::model::format_float(*f),
        Value::Int(_) | Value::Bool(_) | Value::Date(_) => value.to_string(),
        other => plain_json(other).to_string(),
    }
}

/// Escapes text for XML content and attributes; characters XML 1.0 forbids become U+FFFD.
fn xml_escape(text: &str) -> String {
    let mut out = String::with_capacity(text.len());
    for c in text.chars() {
        match c {
            '&' => out.push_str("&amp;"),
            '<' => out.push_str("&lt;"),
            '>' => out.push_str("&gt;"),
            '"' => out.push_str("&quot;"),
            '\'' => out.push_str("&apos;"),
            '\t' | '\n' | '\r' => out.push(c),
            c if (c as u32) < 0x20 || c == '\u{fffe}' || c == '\u{ffff}' => out.push('\u{fffd}'),
            c => out.push(c),
        }
    }
    out
}

/// GraphML keys of one element kind: property name → (key id, type); conflicting types widen
/// to string.
fn graphml_keys<'a>(
    prefix: &str,
    props: impl Iterator<Item = Cow<'a, Properties>>,
) -> BTreeMap<String, (String, &'static str)> {
    let mut types: BTreeMap<String, &'static str> = BTreeMap::new();
    for p in props {
        for (k, v) in p.iter() {
            let ty = graphml_type(v);
            types
                .entry(k.clone())
                .and_modify(|t| {
                    if *t != ty {
                        *t = "string"
                    }
                })
                .or_insert(ty);
        }
    }
    types.into_iter().enumerate().map(|(i, (k, t))| (k, (format!("{prefix}{i}"), t))).collect()
}

fn write_graphml(source: &dyn Source, out: &mut dyn Write) -> Result<(), ExportError> {
    let node_keys = graphml_keys("n", source.nodes().map(|n| n.props));
    let edge_keys = graphml_keys("e", source.rels().map(|r| r.props));
    writeln!(out, r#"<?xml version="1.0" encoding="UTF-8"?>"#)?;
    writeln!(
        out,
        r#"<graphml xmlns="http://graphml.graphdrawing.org/xmlns" xmlns:xsi="http://www.w3.org/2001/XMLSchema-instance" xsi:schemaLocation="http://graphml.graphdrawing.org/xmlns http://graphml.graphdrawing.org/xmlns/1.0/graphml.xsd">"#
    )?;
    writeln!(out, r#"  <key id="labels" for="node" attr.name="labels" attr.type="string"/>"#)?;
    writeln!(out, r#"  <key id="label" for="edge" attr.name="label" attr.type="string"/>"#)?;
    for (for_what, keys) in [("node", &node_keys), ("edge", &edge_keys)] {
        for (name, (id, ty)) in keys {
            writeln!(
                out,
                r#"  <key id="{id}" for="{for_what}" attr.name="{}" attr.type="{ty}"/>"#,
                xml_escape(name)
            )?;
        }
    }
    writeln!(out, r#"  <graph id="G" edgedefault="directed">"#)?;
    for n in source.nodes() {
        let labels: String = n.labels.iter().map(|l| format!(":{l}")).collect();
        write!(out, r#"    <node id="n{}"><data key="labels">{}</data>"#, n.id.0, xml_escape(&labels))?;
        write_graphml_data(out, &node_keys, &n.props)?;
        writeln!(out, "</node>")?;
    }
    for r in source.rels() {
        write!(
            out,
            r#"    <edge id="e{}" source="n{}" target="n{}"><data key="label">{}</data>"#,
            r.id.0,
            r.start.0,
            r.end.0,
            xml_escape(r.rel_type)
        )?;
        write_graphml_data(out, &edge_keys, &r.props)?;
        writeln!(out, "</edge>")?;
    }
    writeln!(out, "  </graph>\n</graphml>")?;
    Ok(())
}

fn write_graphml_data(
    out: &mut dyn Write,
    keys: &BTreeMap<String, (String, &'static str)>,
    props: &Properties,
) -> Result<(), ExportError> {
    for (k, v) in props {
        if let Some((id, _)) = keys.get(k) {
            write!(out, r#"<data key="{id}">{}</data>"#, xml_escape(&graphml_text(v)))?;
        }
    }
    Ok(())
}

// ---------------------------------------------------------------- DOT

fn dot_escape(text: &str) -> String {
    text.replace('\\', "\\\\").replace('"', "\\\"").replace('\n', "\\n").replace('\r', "")
}

/// A node's caption: its labels, then its name (else title, text or id property), shortened.
fn caption(n: &NodeView<'_>) -> String {
    let labels: String = n.labels.iter().map(|l| format!(":{l}")).collect();
    let main = ["name", "title", "text", "id"]
        .iter()
        .find_map(|k| n.props.get(*k))
        .map(|v| v.to_string())
        .unwrap_or_else(|| format!("#{}", n.id.0));
    let short: String = if main.chars().count() > 48 {
        main.chars().take(47).chain(std::iter::once('…')).collect()
    } else {
        main
    };
    if labels.is_empty() { short } else { format!("{labels}\n{short}") }
}

fn write_dot(source: &dyn Source, out: &mut dyn Write) -> Result<(), ExportError> {
    writeln!(out, "digraph demarche {{")?;
    writeln!(out, "  rankdir=LR;")?;
    writeln!(out, r#"  node [shape=box, style=rounded, fontname="Helvetica", fontsize=11];"#)?;
    writeln!(out, r#"  edge [fontname="Helvetica", fontsize=9];"#)?;
    for n in source.nodes() {
        writeln!(out, r#"  n{} [label="{}"];"#, n.id.0, dot_escape(&caption(&n)))?;
    }
    for r in source.rels() {
        writeln!(out, r#"  n{} -> n{} [label="{}"];"#, r.start.0, r.end.0, dot_escape(r.rel_type))?;
    }
    writeln!(out, "}}")?;
    Ok(())
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn csv_refuses_values_it_cannot_carry() {
        assert!(csv_cell(&Value::String(Default::default())).is_err());
        assert!(csv_cell(&Value::List(vec![])).is_err());
        assert!(csv_cell(&Value::List(vec![Value::Int(1), Value::from("a")])).is_err());
        assert!(csv_cell(&Value::List(vec![Value::from("a;b")])).is_err());
        assert_eq!(csv_cell(&Value::List(vec![Value::from("a"), Value::from("b")])).unwrap(), "a;b");
        assert_eq!(csv_type(&Value::List(vec![Value::Float(1.0)])), Some("double[]"));
    }

    #[test]
    fn xml_and_dot_escaping() {
        assert_eq!(xml_escape("a<b & \"c\"\u{1}"), "a&lt;b &amp; &quot;c&quot;\u{fffd}");
        assert_eq!(dot_escape("say \"hi\"\n"), "say \\\"hi\\\"\\n");
        assert_eq!(ExportFormat::parse("GraphML"), Some(ExportFormat::Graphml));
        assert_eq!(ExportFormat::parse("xml"), None);
    }
}
