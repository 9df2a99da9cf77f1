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
