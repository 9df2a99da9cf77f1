//! Command-line arguments, as fixed by DESIGN §6.

use super::output::Format;
use clap::{CommandFactory, Parser, Subcommand};
use std::path::PathBuf;

/// demarche: an embedded graph database with a Cypher-compatible query language.
///
/// Without DB, opens the built-in knowledge graph of the 2021–22 Russia–US dispute over
/// diplomats, in memory. Without -c or -f, starts the REPL when stdin is a terminal and reads
/// statements from stdin otherwise.
#[derive(Debug, Parser)]
#[command(name = "demarche", version, args_conflicts_with_subcommands = true)]
pub struct Args {
    /// Database file to open or create (default: the built-in graph, in memory).
    pub db: Option<PathBuf>,
    /// Run a statement (repeatable; runs in order, before any -f).
    #[arg(short = 'c', long = "command", value_name = "QUERY")]
    pub commands: Vec<String>,
    /// Run the statements of a file (repeatable; `-` reads stdin).
    #[arg(short = 'f', long = "file", value_name = "FILE")]
    pub files: Vec<PathBuf>,
    /// Output format.
    #[arg(long, value_enum)]
    pub format: Option<Format>,
    /// Open the database without changing it (shares it with other readers).
    #[arg(long)]
    pub read_only: bool,
    /// Stop at the first failing statement.
    #[arg(long)]
    pub bail: bool,
    /// Subcommands.
    #[command(subcommand)]
    pub command: Option<Command>,
}

/// Subcommands.
#[derive(Debug, Subcommand)]
pub enum Command {
    /// Import CSV files into a database (created if missing), all or nothing.
    ///
    /// Headers in the Neo4j admin-import style (`id:ID`, `:LABEL`, `name`, `count:int`,
    /// `day:date`, `tags:string[]`; `:START_ID`, `:END_ID`, `:TYPE`) or the plain style
    /// (`id,kind,name,date,count` and `src,dst,type`). See docs/import-export.md.
    Import {
        /// The database file.
        db: PathBuf,
        /// Node files (repeatable, or several after one flag).
        #[arg(long = "nodes", value_name = "FILE.csv", num_args = 1.., required = true)]
        nodes: Vec<PathBuf>,
        /// Relationship files (repeatable, or several after one flag).
        #[arg(long = "relationships", value_name = "FILE.csv", num_args = 1..)]
        relationships: Vec<PathBuf>,
    },
    /// Export a database: a Cypher script, GraphML, JSON lines, import CSV or Graphviz DOT.
    Export {
        /// The database file (opened read-only).
        db: PathBuf,
        /// The format.
        #[arg(long, value_parser = clap::builder::PossibleValuesParser::new(["cypher", "graphml", "json", "csv", "dot"]))]
        format: String,
        /// Where to write (default: stdout); for csv, a directory that gets nodes.csv and
        /// relationships.csv.
        #[arg(short = 'o', long = "output", value_name = "PATH")]
        output: Option<PathBuf>,
    },
    /// Print a shell completion script.
    Completions {
        /// The shell.
        shell: clap_complete::Shell,
    },
}

/// Writes the completion script for a shell to stdout.
pub fn print_completions(shell: clap_complete::Shell) {
    clap_complete::generate(shell, &mut Args::command(), "demarche", &mut std::io::stdout());
}
