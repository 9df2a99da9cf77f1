//! Bulk import of CSV files into a database (DESIGN §6 `demarche import`).
//!
//! Beside the query pipeline: rows are parsed with the `csv` crate (one reused `ByteRecord`),
//! turned into nodes and relationships and added to the graph in bulk (`graph::bulk`), never
//! statement by statement or through the write-ahead log. [`crate::Database::import_csv`] holds
//! the write lock for the whole load, takes everything back out if any row is bad, and persists
//! a successful load as one snapshot. This module parses and validates; it never touches files
//! of the database itself.
//!
//! Two header styles are understood:
//! - **Neo4j admin import**: `id:ID` or `id:ID(Group)` (or `:ID` to store no property),
//!   `:LABEL` (labels separated by `;`), `name` (string), typed columns `count:int`, `x:float`,
//!   `ok:boolean`, `day:date`, arrays `tags:string[]` (items separated by `;`), `:IGNORE`; in
//!   relationship files `:START_ID(Group)`, `:END_ID(Group)`, `:TYPE` and property columns.
//! - **Plain**: a node file headed `id,kind,...` (label = kind; `id` and `count` integers, `date`
//!   a date, every other column a string) and a relationship file headed `src,dst,type`.
//!
//! An empty cell leaves the property absent.

use crate::error::Error;
use crate::graph::{Graph, REL_BATCH, Sym};
use crate::model::{Date, NodeId, Value};
use rustc_hash::FxHashMap;
use std::fs::File;
use std::path::{Path, PathBuf};

/// The files of one import: node files are loaded first, then relationship files.
#[derive(Debug, Clone, Default)]
pub struct CsvImport {
    /// Node files, in order.
    pub nodes: Vec<PathBuf>,
    /// Relationship files, in order; their start and end ids refer to nodes of the node files.
    pub relationships: Vec<PathBuf>,
}

/// What an import added.
#[derive(Debug, Clone, Copy, Default, PartialEq, Eq)]
pub struct ImportSummary {
    /// Nodes created.
    pub nodes: usize,
    /// Relationships created.
    pub relationships: usize,
    /// Bytes of CSV read.
    pub bytes: u64,
}

/// Which part of an import is running.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum ImportStage {
    /// Reading node files.
    Nodes,
    /// Reading relationship files.
    Relationships,
    /// Writing the snapshot.
    Saving,
}

/// How far an import has got, reported to the progress callback.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct ImportProgress {
    /// The current stage.
    pub stage: ImportStage,
    /// Bytes read so far, over every file.
    pub bytes_read: u64,
    /// Total bytes of every file.
    pub bytes_total: u64,
    /// Nodes read so far.
    pub nodes: usize,
    /// Relationships read so far.
    pub relationships: usize,
}

/// Why an import failed. The database is left exactly as it was.
#[derive(Debug, thiserror::Error)]
#[non_exhaustive]
pub enum ImportError {
    /// A file could not be opened or read.
    #[error("cannot read {path}: {source}")]
    Io {
        /// The file.
        path: PathBuf,
        /// The OS error.
        source: std::io::Error,
    },
    /// A row (or the header, line 1) is wrong.
    #[error("{}:{line}: {}{message}", path.display(), column.as_ref().map(|c| format!("column '{c}': ")).unwrap_or_default())]
    Row {
        /// The file.
        path: PathBuf,
        /// The 1-based line where the row starts, as a text editor shows it.
        line: u64,
        /// The column's header, when one column is at fault.
        column: Option<String>,
        /// What is wrong.
        message: String,
    },
    /// The database refused the import (read-only, or the snapshot could not be written).
    #[error("{0}")]
    Database(#[from] Error),
}

/// How often the progress callback is called, in rows.
const PROGRESS_EVERY: usize = 1 << 16;

/// Property value types of typed columns.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
enum Ty {
    Int,
    Float,
    Bool,
    Str,
    Date,
}

#[derive(Debug, Clone)]
struct PropCol {
    key: String,
    ty: Ty,
    array: bool,
}

#[derive(Debug, Clone)]
enum NodeCol {
    /// The id column; `key` names the property it is also stored in; `int` for the plain
    /// format, whose ids are integers.
    Id {
        group: usize,
        key: Option<String>,
        int: bool,
    },
    /// `:LABEL`: labels separated by `;`.
    Labels,
    /// The plain format's `kind`: the label, and a string property.
    Kind,
    Prop(PropCol),
    Ignore,
}

#[derive(Debug, Clone)]
enum RelCol {
    Start { group: usize, int: bool },
    End { group: usize, int: bool },
    Type,
    Prop(PropCol),
    Ignore,
}

/// Node ids of one id group, as written in the files.
#[derive(Default)]
struct IdGroup {
    ints: FxHashMap<i64, NodeId>,
    strings: FxHashMap<Box<str>, NodeId>,
    /// When the integer ids are compact, `ints` without hashing: relationship files look ids up
    /// millions of times, and a hash lookup is several times dearer than arithmetic or an array.
    dense: Option<Dense>,
}

/// Compact integer ids, from the smallest (`min`) on.
enum Dense {
    /// Ids `min..min + len` name nodes `base..base + len` in the same order (the usual case:
    /// a file of ids 0..n loaded into a fresh database), so no table is needed.
    Offset { min: i64, base: u64, len: u64 },
    /// Any other compact ids: the node of id `min + i` at `i`, `u64::MAX` for gaps.
    Table { min: i64, table: Vec<u64> },
}

impl IdGroup {
    /// Builds the dense form once every node is read, when the ids span at most twice their count.
    fn freeze(&mut self) {
        let (Some(&min), Some(&max)) = (self.ints.keys().min(), self.ints.keys().max()) else { return };
        let span = max.abs_diff(min);
        if span > 2 * self.ints.len() as u64 + 1024 {
            return;
        }
        let len = span + 1;
        if let Some(base) = self.ints.get(&min).map(|n| n.0)
            && len == self.ints.len() as u64
            && self.ints.iter().all(|(id, node)| node.0.checked_sub(base) == Some(id.abs_diff(min)))
        {
            self.dense = Some(Dense::Offset { min, base, len });
            return;
        }
        let Ok(len) = usize::try_from(len) else { return };
        let mut table = vec![u64::MAX; len];
        for (id, node) in &self.ints {
            table[id.abs_diff(min) as usize] = node.0;
        }
        self.dense = Some(Dense::Table { min, table });
    }

    fn find_int(&self, id: i64) -> Option<NodeId> {
        match &self.dense {
            Some(Dense::Offset { min, base, len }) => {
                let offset = u64::try_from(id.checked_sub(*min)?).ok().filter(|o| o < len)?;
                Some(NodeId(base + offset))
            }
            Some(Dense::Table { min, table }) => {
                let slot = id.checked_sub(*min).and_then(|i| usize::try_from(i).ok())?;
                table.get(slot).filter(|n| **n != u64::MAX).map(|n| NodeId(*n))
            }
            None => self.ints.get(&id).copied(),
        }
    }

    fn find(&self, text: &str, int: bool) -> Option<NodeId> {
        let as_int = || text.trim().parse::<i64>().ok().and_then(|i| self.find_int(i));
        if int {
            as_int().or_else(|| self.strings.get(text).copied())
        } else {
            self.strings.get(text).copied().or_else(as_int)
        }
    }
}

/// Parsing state shared by every file of one import.
struct Loader<'g, 'p> {
    graph: &'g mut Graph,
    groups: Vec<IdGroup>,
    group_names: FxHashMap<String, usize>,
    symbols: FxHashMap<Box<str>, Sym>,
    /// Relationships added per type symbol, not yet added to the graph's counts.
    type_counts: Vec<usize>,
    summary: ImportSummary,
    bytes_total: u64,
    bytes_done: u64,
    progress: &'p mut dyn FnMut(&ImportProgress),
}

/// Loads every file into `graph`. On error the graph holds a partial load: the caller rolls it
/// back to its `bulk_mark`.
pub(crate) fn load(
    graph: &mut Graph,
    files: &CsvImport,
    progress: &mut dyn FnMut(&ImportProgress),
) -> Result<ImportSummary, ImportError> {
    let mut bytes_total = 0;
    for path in files.nodes.iter().chain(&files.relationships) {
        let meta =
            std::fs::metadata(path).map_err(|source| ImportError::Io { path: path.clone(), source })?;
        bytes_total += meta.len();
    }
    let mut loader = Loader {
        graph,
        groups: vec![IdGroup::default()],
        group_names: FxHashMap::default(),
        symbols: FxHashMap::default(),
        type_counts: Vec::new(),
        summary: ImportSummary::default(),
        bytes_total,
        bytes_done: 0,
        progress,
    };
    loader.group_names.insert(String::new(), 0);
    for path in &files.nodes {
        loader.node_file(path)?;
    }
    loader.groups.iter_mut().for_each(IdGroup::freeze);
    for path in &files.relationships {
        loader.rel_file(path)?;
    }
    loader.summary.bytes = bytes_total;
    loader.report(ImportStage::Saving, 0);
    Ok(loader.summary)
}

/// A CSV reader over a file, and the file's header (line 1).
fn open(path: &Path) -> Result<(csv::Reader<File>, Vec<String>), ImportError> {
    let file = File::open(path).map_err(|source| ImportError::Io { path: path.to_owned(), source })?;
    let mut reader = csv::ReaderBuilder::new()
        .has_headers(false)
        .flexible(true)
        .buffer_capacity(1 << 20)
        .from_reader(file);
    let mut record = csv::ByteRecord::new();
    let found = reader.read_byte_record(&mut record).map_err(|e| csv_error(path, e))?;
    if !found || record.iter().all(<[u8]>::is_empty) {
        return Err(row_error(path, 1, None, "the file is empty; expected a header line"));
    }
    let mut header = Vec::with_capacity(record.len());
    for field in &record {
        let text = std::str::from_utf8(field)
            .map_err(|_| row_error(path, 1, None, "the header is not valid UTF-8"))?;
        header.push(text.trim().trim_start_matches('\u{feff}').to_owned());
    }
    Ok((reader, header))
}

/// The 1-based line, as a text editor counts, of the record that starts at byte `offset` of a
/// file. The csv crate's own line count and offset include blank lines it skipped before the
/// record, so those are stepped over here. Only called on the way to an error.
fn line_at(path: &Path, offset: u64) -> u64 {
    use std::io::Read;
    let Ok(file) = File::open(path) else { return 0 };
    let mut reader = std::io::BufReader::new(file);
    let (mut newlines, mut left) = (0u64, offset);
    let mut buf = vec![0; 1 << 16];
    while left > 0 {
        let want = buf.len().min(usize::try_from(left).unwrap_or(usize::MAX));
        match reader.read(&mut buf[..want]) {
            Ok(0) | Err(_) => return newlines + 1,
            Ok(n) => {
                newlines += buf[..n].iter().filter(|b| **b == b'\n').count() as u64;
                left -= n as u64;
            }
        }
    }
    for byte in reader.bytes() {
        match byte {
            Ok(b'\n') => newlines += 1,
            Ok(b'\r') => {}
            _ => break,
        }
    }
    newlines + 1
}

fn row_error(path: &Path, line: u64, column: Option<&str>, message: impl Into<String>) -> ImportError {
    ImportError::Row {
        path: path.to_owned(),
        line,
        column: column.map(str::to_owned),
        message: message.into(),
    }
}

fn csv_error(path: &Path, e: csv::Error) -> ImportError {
    match e.kind() {
        csv::ErrorKind::Io(_) => {
            let message = e.to_string();
            ImportError::Io { path: path.to_owned(), source: std::io::Error::other(message) }
        }
        _ => {
            let line = e.position().map_or(0, |p| line_at(path, p.byte()));
            row_error(path, line, None, e.to_string())
        }
    }
}

/// The number of data lines in a file (newlines, less the header's), to reserve room before a
/// load. A quoted cell spanning lines makes it an overestimate, which is harmless.
fn count_lines(path: &Path) -> Result<usize, ImportError> {
    use std::io::Read;
    let io = |source| ImportError::Io { path: path.to_owned(), source };
    let mut file = File::open(path).map_err(io)?;
    let mut buf = vec![0u8; 1 << 20];
    let mut lines = 0usize;
    loop {
        match file.read(&mut buf) {
            Ok(0) => break,
            Ok(n) => lines += buf[..n].iter().filter(|b| **b == b'\n').count(),
            Err(e) if e.kind() == std::io::ErrorKind::Interrupted => {}
            Err(e) => return Err(io(e)),
        }
    }
    Ok(lines.saturating_sub(1))
}

/// Splits `name:TYPE(Group)` into its name, type and group.
fn split_header(column: &str) -> (&str, Option<&str>, Option<&str>) {
    let Some((name, spec)) = column.rsplit_once(':') else { return (column, None, None) };
    match spec.split_once('(') {
        Some((ty, group)) => (name, Some(ty), Some(group.trim_end_matches(')'))),
        None => (name, Some(spec), None),
    }
}

fn parse_type(spec: &str) -> Option<(Ty, bool)> {
    let (base, array) = match spec.strip_suffix("[]") {
        Some(base) => (base, true),
        None => (spec, false),
    };
    let ty = match base.to_ascii_lowercase().as_str() {
        "int" | "long" | "short" | "byte" | "integer" => Ty::Int,
        "float" | "double" => Ty::Float,
        "boolean" | "bool" => Ty::Bool,
        "string" | "char" => Ty::Str,
        "date" => Ty::Date,
        _ => return None,
    };
    Some((ty, array))
}

const TYPES_HELP: &str = "supported: int, long, float, double, boolean, string, date, and arrays of these such as \
     string[]";

fn prop_col(path: &Path, column: &str, name: &str, spec: &str) -> Result<PropCol, ImportError> {
    if name.is_empty() {
        return Err(row_error(path, 1, Some(column), "a property column needs a name before ':'"));
    }
    let (ty, array) = parse_type(spec).ok_or_else(|| {
        row_error(path, 1, Some(column), format!("unsupported type '{spec}' ({TYPES_HELP})"))
    })?;
    Ok(PropCol { key: name.to_owned(), ty, array })
}

fn check_unique(path: &Path, header: &[String]) -> Result<(), ImportError> {
    for (i, column) in header.iter().enumerate() {
        if !column.is_empty() && header[..i].contains(column) {
            return Err(row_error(path, 1, Some(column), "the header names this column twice"));
        }
    }
    Ok(())
}

fn is_plain(header: &[String]) -> bool {
    header.iter().all(|c| !c.contains(':'))
}

impl Loader<'_, '_> {
    fn group(&mut self, name: Option<&str>) -> usize {
        let name = name.unwrap_or("");
        if let Some(i) = self.group_names.get(name) {
            return *i;
        }
        self.groups.push(IdGroup::default());
        self.group_names.insert(name.to_owned(), self.groups.len() - 1);
        self.groups.len() - 1
    }

    fn symbol(&mut self, name: &str) -> Sym {
        if let Some(sym) = self.symbols.get(name) {
            return *sym;
        }
        let sym = self.graph.bulk_symbol(name);
        self.symbols.insert(name.into(), sym);
        sym
    }

    fn report(&mut self, stage: ImportStage, position: u64) {
        let progress = ImportProgress {
            stage,
            bytes_read: self.bytes_done + position,
            bytes_total: self.bytes_total,
            nodes: self.summary.nodes,
            relationships: self.summary.relationships,
        };
        (self.progress)(&progress);
    }

    fn node_columns(&mut self, path: &Path, header: &[String]) -> Result<Vec<NodeCol>, ImportError> {
        check_unique(path, header)?;
        if is_plain(header) {
            if header.iter().any(|c| c == "src") && header.iter().any(|c| c == "dst") {
                return Err(row_error(
                    path,
                    1,
                    None,
                    "this looks like a relationship file (src,dst,type); pass it with --relationships",
                ));
            }
            let plain = header.first().is_some_and(|c| c == "id") && header.iter().any(|c| c == "kind");
            return Ok(header.iter().map(|c| plain_node_col(c, plain)).collect());
        }
        let mut columns = Vec::with_capacity(header.len());
        let mut has_id = false;
        for column in header {
            let (name, spec, group) = split_header(column);
            let col = match spec {
                None => NodeCol::Prop(PropCol { key: name.to_owned(), ty: Ty::Str, array: false }),
                Some(spec) if spec.eq_ignore_ascii_case("ID") => {
                    if has_id {
                        return Err(row_error(path, 1, Some(column), "a node file has one :ID column"));
                    }
                    has_id = true;
                    let key = (!name.is_empty()).then(|| name.to_owned());
                    NodeCol::Id { group: self.group(group), key, int: false }
                }
                Some(spec) if spec.eq_ignore_ascii_case("LABEL") => NodeCol::Labels,
                Some(spec) if spec.eq_ignore_ascii_case("IGNORE") => NodeCol::Ignore,
                Some(spec) if ["START_ID", "END_ID", "TYPE"].iter().any(|s| spec.eq_ignore_ascii_case(s)) => {
                    return Err(row_error(
                        path,
                        1,
                        Some(column),
                        "this is a relationship column; pass the file with --relationships",
                    ));
                }
                Some(spec) => NodeCol::Prop(prop_col(path, column, name, spec)?),
            };
            columns.push(col);
        }
        Ok(columns)
    }

    fn rel_columns(&mut self, path: &Path, header: &[String]) -> Result<Vec<RelCol>, ImportError> {
        check_unique(path, header)?;
        let mut columns = Vec::with_capacity(header.len());
        if is_plain(header) {
            for column in header {
                columns.push(match column.as_str() {
                    "src" => RelCol::Start { group: 0, int: true },
                    "dst" => RelCol::End { group: 0, int: true },
                    "type" => RelCol::Type,
                    other => RelCol::Prop(PropCol { key: other.to_owned(), ty: Ty::Str, array: false }),
                });
            }
        } else {
            for column in header {
                let (name, spec, group) = split_header(column);
                let col = match spec {
                    None => RelCol::Prop(PropCol { key: name.to_owned(), ty: Ty::Str, array: false }),
                    Some(s) if s.eq_ignore_ascii_case("START_ID") => {
                        RelCol::Start { group: self.group(group), int: false }
                    }
                    Some(s) if s.eq_ignore_ascii_case("END_ID") => {
                        RelCol::End { group: self.group(group), int: false }
                    }
                    Some(s) if s.eq_ignore_ascii_case("TYPE") => RelCol::Type,
                    Some(s) if s.eq_ignore_ascii_case("IGNORE") => RelCol::Ignore,
                    Some(s) if s.eq_ignore_ascii_case("ID") || s.eq_ignore_ascii_case("LABEL") => {
                        return Err(row_error(
                            path,
                            1,
                            Some(column),
                            "this is a node column; pass the file with --nodes",
                        ));
                    }
                    Some(spec) => RelCol::Prop(prop_col(path, column, name, spec)?),
                };
                columns.push(col);
            }
        }
        for (what, present) in [
            (
                "a start id column (:START_ID, or src)",
                columns.iter().any(|c| matches!(c, RelCol::Start { .. })),
            ),
            ("an end id column (:END_ID, or dst)", columns.iter().any(|c| matches!(c, RelCol::End { .. }))),
            ("a type column (:TYPE, or type)", columns.iter().any(|c| matches!(c, RelCol::Type))),
        ] {
            if !present {
                return Err(row_error(path, 1, None, format!("a relationship file needs {what}")));
            }
        }
        Ok(columns)
    }

    fn node_file(&mut self, path: &Path) -> Result<(), ImportError> {
        let (mut reader, header) = open(path)?;
        let columns = self.node_columns(path, &header)?;
        let rows = count_lines(path)?;
        let named = columns.iter().any(|c| matches!(c, NodeCol::Prop(p) if p.key == "name"));
        self.graph.bulk_reserve_nodes(rows, named);
        for column in &columns {
            if let NodeCol::Id { group, int: true, .. } = column {
                self.groups[*group].ints.reserve(rows);
            }
        }
        // The property key of each column, interned once for the whole file.
        let keys: Vec<Option<Sym>> = columns
            .iter()
            .map(|column| match column {
                NodeCol::Id { key: Some(key), .. } => Some(self.symbol(key)),
                NodeCol::Kind => Some(self.symbol("kind")),
                NodeCol::Prop(col) => Some(self.symbol(&col.key)),
                NodeCol::Id { key: None, .. } | NodeCol::Labels | NodeCol::Ignore => None,
            })
            .collect();
        let mut record = csv::ByteRecord::new();
        let mut labels: Vec<Sym> = Vec::new();
        while reader.read_byte_record(&mut record).map_err(|e| csv_error(path, e))? {
            let byte = record.position().map_or(0, csv::Position::byte);
            let line = || line_at(path, byte);
            let at = |column: usize, message: String| row_error(path, line(), Some(&header[column]), message);
            if record.len() != header.len() {
                if record.len() == 1 && record[0].is_empty() {
                    continue; // a blank line
                }
                return Err(width_error(path, line(), &header, record.len()));
            }
            labels.clear();
            let mut props: Vec<(Sym, Value)> = Vec::with_capacity(columns.len());
            let mut id_column: Option<usize> = None;
            for (i, (column, field)) in columns.iter().zip(record.iter()).enumerate() {
                let text = std::str::from_utf8(field).map_err(|_| at(i, "not valid UTF-8".into()))?;
                let key = keys[i];
                match column {
                    NodeCol::Id { int, .. } => {
                        if text.is_empty() {
                            return Err(at(i, "the id is empty".into()));
                        }
                        id_column = Some(i);
                        if let Some(key) = key {
                            let value = if *int {
                                Value::Int(parse_int(text).map_err(|m| at(i, m))?)
                            } else {
                                Value::String(text.into())
                            };
                            props.push((key, value));
                        }
                    }
                    NodeCol::Labels => {
                        for label in text.split(';').map(str::trim).filter(|l| !l.is_empty()) {
                            let sym = self.symbol(label);
                            if !labels.contains(&sym) {
                                labels.push(sym);
                            }
                        }
                    }
                    NodeCol::Kind if text.is_empty() => {}
                    NodeCol::Kind => {
                        labels.push(self.symbol(text));
                        if let Some(key) = key {
                            props.push((key, Value::String(text.into())));
                        }
                    }
                    NodeCol::Prop(_) | NodeCol::Ignore if text.is_empty() => {}
                    NodeCol::Prop(col) => {
                        if let Some(key) = key {
                            props.push((key, parse_cell(text, col).map_err(|m| at(i, m))?));
                        }
                    }
                    NodeCol::Ignore => {}
                }
            }
            let node = self.graph.bulk_node(labels.clone(), props);
            if let Some(i) = id_column {
                self.register(&columns[i], &record[i], node).map_err(|m| at(i, m))?;
            }
            self.summary.nodes += 1;
            if self.summary.nodes.is_multiple_of(PROGRESS_EVERY) {
                self.report(ImportStage::Nodes, record.position().map_or(0, csv::Position::byte));
            }
        }
        self.finish_file(path, ImportStage::Nodes)
    }

    fn register(&mut self, column: &NodeCol, field: &[u8], node: NodeId) -> Result<(), String> {
        let NodeCol::Id { group, int, .. } = column else { return Ok(()) };
        let text = std::str::from_utf8(field).map_err(|_| "not valid UTF-8".to_owned())?;
        let ids = &mut self.groups[*group];
        let fresh = if *int {
            let value = parse_int(text)?;
            ids.ints.insert(value, node).is_none()
        } else {
            ids.strings.insert(text.into(), node).is_none()
        };
        if fresh { Ok(()) } else { Err(format!("duplicate node id '{text}'{}", self.group_text(*group))) }
    }

    fn group_text(&self, group: usize) -> String {
        self.group_names
            .iter()
            .find(|(name, i)| **i == group && !name.is_empty())
            .map(|(name, _)| format!(" in id group '{name}'"))
            .unwrap_or_default()
    }

    fn finish_file(&mut self, path: &Path, stage: ImportStage) -> Result<(), ImportError> {
        let size =
            std::fs::metadata(path).map_err(|source| ImportError::Io { path: path.into(), source })?.len();
        self.bytes_done += size;
        self.report(stage, 0);
        Ok(())
    }

    fn rel_file(&mut self, path: &Path) -> Result<(), ImportError> {
        let (mut reader, header) = open(path)?;
        let columns = self.rel_columns(path, &header)?;
        self.graph.bulk_reserve_rels(count_lines(path)?);
        let keys: Vec<Option<Sym>> = columns
            .iter()
            .map(|column| match column {
                RelCol::Prop(col) => Some(self.symbol(&col.key)),
                _ => None,
            })
            .collect();
        let mut record = csv::ByteRecord::new();
        // Rows parsed but not yet added, with where each starts in the file (see `add_rels`).
        let mut batch = Vec::with_capacity(REL_BATCH);
        let mut offsets = Vec::with_capacity(REL_BATCH);
        while reader.read_byte_record(&mut record).map_err(|e| csv_error(path, e))? {
            let byte = record.position().map_or(0, csv::Position::byte);
            let line = || line_at(path, byte);
            let at = |column: usize, message: String| row_error(path, line(), Some(&header[column]), message);
            if record.len() != header.len() {
                if record.len() == 1 && record[0].is_empty() {
                    continue;
                }
                return Err(width_error(path, line(), &header, record.len()));
            }
            let (mut start, mut end, mut rel_type) = (None, None, None);
            let mut props: Vec<(Sym, Value)> = Vec::new();
            for (i, (column, field)) in columns.iter().zip(record.iter()).enumerate() {
                let text = std::str::from_utf8(field).map_err(|_| at(i, "not valid UTF-8".into()))?;
                match column {
                    RelCol::Start { group, int } | RelCol::End { group, int } => {
                        let which = if matches!(column, RelCol::Start { .. }) { "start" } else { "end" };
                        if text.is_empty() {
                            return Err(at(i, format!("the {which} id is empty")));
                        }
                        let node = self.groups[*group].find(text, *int).ok_or_else(|| {
                            at(i, format!("unknown {which} node id '{text}'{}", self.group_text(*group)))
                        })?;
                        if which == "start" {
                            start = Some(node);
                        } else {
                            end = Some(node);
                        }
                    }
                    RelCol::Type => {
                        if text.is_empty() {
                            return Err(at(i, "the relationship type is empty".into()));
                        }
                        rel_type = Some(self.symbol(text));
                    }
                    RelCol::Prop(_) | RelCol::Ignore if text.is_empty() => {}
                    RelCol::Prop(col) => {
                        if let Some(key) = keys[i] {
                            props.push((key, parse_cell(text, col).map_err(|m| at(i, m))?));
                        }
                    }
                    RelCol::Ignore => {}
                }
            }
            let (Some(start), Some(end), Some(rel_type)) = (start, end, rel_type) else {
                return Err(row_error(path, line(), None, "the row lacks a start id, end id or type"));
            };
            batch.push((start, rel_type, end, props));
            offsets.push(byte);
            if batch.len() == REL_BATCH {
                self.add_rels(path, &mut batch, &mut offsets)?;
            }
        }
        self.add_rels(path, &mut batch, &mut offsets)?;
        self.finish_file(path, ImportStage::Relationships)
    }

    /// Adds a batch of parsed relationship rows (`offsets`: where each row starts in `path`),
    /// emptying both. The graph looks every end up before linking any edge, so the cache misses
    /// on end nodes overlap.
    fn add_rels(
        &mut self,
        path: &Path,
        batch: &mut Vec<crate::graph::BulkRel>,
        offsets: &mut Vec<u64>,
    ) -> Result<(), ImportError> {
        let types: Vec<Sym> = batch.iter().map(|(_, t, _, _)| *t).collect();
        let added = self.graph.bulk_rels(batch);
        // Only what was added is counted: a failed load is rolled back, which counts it down.
        let n = *added.as_ref().unwrap_or_else(|(i, _)| i);
        for rel_type in &types[..n] {
            let slot = rel_type.0 as usize;
            if self.type_counts.len() <= slot {
                self.type_counts.resize(slot + 1, 0);
            }
            self.type_counts[slot] += 1;
            self.summary.relationships += 1;
            if self.summary.relationships.is_multiple_of(PROGRESS_EVERY) {
                self.report(
                    ImportStage::Relationships,
                    offsets.get(n.saturating_sub(1)).copied().unwrap_or(0),
                );
            }
        }
        let failed = added.err().map(|(i, e)| row_error(path, line_at(path, offsets[i]), None, e.message));
        batch.clear();
        offsets.clear();
        failed.map_or(Ok(()), Err)
    }
}

impl Drop for Loader<'_, '_> {
    /// Hands the relationship counts to the graph, whether the load succeeded or not (a failed
    /// load is rolled back afterwards, which counts them down again).
    fn drop(&mut self) {
        for (sym, n) in self.type_counts.iter().enumerate() {
            if *n > 0 {
                self.graph.bulk_count_type(Sym(sym as u32), *n);
            }
        }
    }
}

fn plain_node_col(column: &str, plain: bool) -> NodeCol {
    let prop = |ty| NodeCol::Prop(PropCol { key: column.to_owned(), ty, array: false });
    if !plain {
        return prop(Ty::Str);
    }
    match column {
        "id" => NodeCol::Id { group: 0, key: Some("id".into()), int: true },
        "kind" => NodeCol::Kind,
        "date" => prop(Ty::Date),
        "count" => prop(Ty::Int),
        _ => prop(Ty::Str),
    }
}

fn width_error(path: &Path, line: u64, header: &[String], found: usize) -> ImportError {
    let detail = if found < header.len() {
        format!("; '{}' and after are missing", header[found])
    } else {
        String::new()
    };
    row_error(
        path,
        line,
        None,
        format!("expected {} columns as in the header, found {found}{detail}", header.len()),
    )
}

fn parse_int(text: &str) -> Result<i64, String> {
    text.trim().parse::<i64>().map_err(|_| format!("'{text}' is not an integer"))
}

fn parse_scalar(text: &str, ty: Ty) -> Result<Value, String> {
    Ok(match ty {
        Ty::Str => Value::String(text.into()),
        Ty::Int => Value::Int(parse_int(text)?),
        Ty::Float => {
            Value::Float(parse_float(text.trim()).ok_or_else(|| format!("'{text}' is not a number"))?)
        }
        Ty::Bool => match text.trim() {
            t if t.eq_ignore_ascii_case("true") => Value::Bool(true),
            t if t.eq_ignore_ascii_case("false") => Value::Bool(false),
            _ => return Err(format!("'{text}' is not a boolean (true or false)")),
        },
        Ty::Date => Value::Date(Date::parse(text).map_err(|e| e.to_string())?),
    })
}

fn parse_float(text: &str) -> Option<f64> {
    match text {
        "Infinity" => Some(f64::INFINITY),
        "-Infinity" => Some(f64::NEG_INFINITY),
        _ => text.parse().ok(),
    }
}

/// The value of a non-empty cell.
fn parse_cell(text: &str, col: &PropCol) -> Result<Value, String> {
    if !col.array {
        return parse_scalar(text, col.ty);
    }
    text.split(';').map(|item| parse_scalar(item, col.ty)).collect::<Result<Vec<_>, _>>().map(Value::List)
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn headers_split_into_name_type_and_group() {
        assert_eq!(split_header("id:ID(Person)"), ("id", Some("ID"), Some("Person")));
        assert_eq!(split_header(":LABEL"), ("", Some("LABEL"), None));
        assert_eq!(split_header("name"), ("name", None, None));
        assert_eq!(split_header("tags:string[]"), ("tags", Some("string[]"), None));
    }

    #[test]
    fn compact_ids_are_found_by_offset_or_table() {
        let mut offset = IdGroup::default();
        for i in 0..100i64 {
            offset.ints.insert(i - 10, NodeId(7 + i as u64));
        }
        offset.freeze();
        assert!(matches!(offset.dense, Some(Dense::Offset { .. })));
        assert_eq!(offset.find_int(-10), Some(NodeId(7)));
        assert_eq!(offset.find_int(89), Some(NodeId(106)));
        assert_eq!(offset.find_int(90), None);
        assert_eq!(offset.find_int(-11), None);
        assert_eq!(offset.find_int(i64::MIN), None);

        let mut table = IdGroup::default();
        for (i, id) in [3i64, 1, 4, 9, 5].into_iter().enumerate() {
            table.ints.insert(id, NodeId(i as u64));
        }
        table.freeze();
        assert!(matches!(table.dense, Some(Dense::Table { .. })));
        assert_eq!(table.find_int(4), Some(NodeId(2)));
        assert_eq!(table.find_int(9), Some(NodeId(3)));
        assert_eq!(table.find_int(2), None);
        assert_eq!(table.find_int(10), None);
    }

    #[test]
    fn cells_parse_by_type() {
        let col = |ty, array| PropCol { key: "k".into(), ty, array };
        assert_eq!(parse_cell(" 42", &col(Ty::Int, false)).unwrap().as_int(), Some(42));
        assert!(parse_cell("4x", &col(Ty::Int, false)).is_err());
        assert!(matches!(parse_cell("TRUE", &col(Ty::Bool, false)), Ok(Value::Bool(true))));
        assert!(parse_cell("yes", &col(Ty::Bool, false)).is_err());
        assert!(
            matches!(parse_cell("-Infinity", &col(Ty::Float, false)), Ok(Value::Float(f)) if f == f64::NEG_INFINITY)
        );
        let Ok(Value::List(items)) = parse_cell("a;b", &col(Ty::Str, true)) else { panic!("not a list") };
        assert_eq!(items.len(), 2);
        assert!(parse_cell("2021-02-30", &col(Ty::Date, false)).unwrap_err().contains("2021-02-30"));
    }
}
