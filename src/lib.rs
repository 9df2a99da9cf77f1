//! demarche: an embedded property-graph database with a Cypher-compatible query language,
//! phrase queries for analysts, and a built-in knowledge graph of the 2021–22 Russia–US
//! dispute over diplomats.
//!
//! The pipeline (see ARCHITECTURE.md): text → `query::syntax` → AST → `query::plan` →
//! `query::exec` → rows and mutations → `graph` (in memory) and `storage` (WAL + snapshot).

mod db;
mod error;
pub mod export;
mod graph;
pub mod import;
pub mod model;
mod query;
mod result;
mod storage;

/// The string type inside [`Value::String`], re-exported so an embedder can name it without
/// depending on `compact_str` itself.
pub use compact_str::CompactString;
pub use db::{BUILTIN_SCRIPT, Database, QueryOptions, Schema, Session, Transaction};
pub use error::{
    Error, ExecutionError, ExecutionKind, Result, SemanticError, SemanticKind, Span, SyntaxError, TckCode,
    TckErrorType, TckPhase, render_position,
};
pub use export::{ExportError, ExportFormat, Subgraph};
pub use import::{CsvImport, ImportError, ImportProgress, ImportStage, ImportSummary};
pub use model::{Date, Mutation, Node, NodeId, Path, Properties, RelId, Relationship, Value};
pub use query::ast;
pub use query::exec::Params;
pub use query::suggest;
pub use query::syntax::{KEYWORDS, is_complete, split_statements};
pub use result::{FromValue, QueryResult, Row, Stats};
pub use storage::backends;
pub use storage::{FORMAT_VERSION, StorageError};
