//! The command line (DESIGN §6): argument parsing, then the REPL or the script runner.
//!
//! Sits on top of the library and uses only its public API, exactly as an embedder would.

mod args;
mod export;
mod import;
mod output;
mod repl;
mod script;

use args::{Args, Command};
use clap::Parser;
use demarche::{Database, Error};
use std::io::IsTerminal;

/// Exit code when a statement failed.
pub const EXIT_FAILED: i32 = 1;
/// Exit code for a usage error.
pub const EXIT_USAGE: i32 = 2;
/// Exit code when the database could not be opened.
pub const EXIT_OPEN: i32 = 3;

/// Runs the program and returns its exit code.
pub fn main() -> i32 {
    let args = match Args::try_parse() {
        Ok(args) => args,
        Err(e) => {
            let code = if e.use_stderr() { EXIT_USAGE } else { 0 };
            let _ = e.print();
            return code;
        }
    };
    match &args.command {
        Some(Command::Completions { shell }) => {
            args::print_completions(*shell);
            return 0;
        }
        Some(Command::Import { db, nodes, relationships }) => return import::run(db, nodes, relationships),
        Some(Command::Export { db, format, output }) => return export::run(db, format, output.as_deref()),
        None => {}
    }
    let db = match open(&args) {
        Ok(db) => db,
        Err(e) => {
            eprintln!("error: {e}");
            return EXIT_OPEN;
        }
    };
    let interactive = std::io::stdin().is_terminal() && args.commands.is_empty() && args.files.is_empty();
    let format = args.format.unwrap_or(output::Format::Table);
    let code = {
        let mut runner = script::Runner::new(&db, format, args.bail);
        if interactive {
            repl::run(runner, args.db.as_deref())
        } else {
            runner.run_inputs(&args.commands, &args.files)
        }
    };
    // The process ends next: skip freeing the graph entity by entity (0.3 s on a large one).
    if let Err(e) = db.close_for_exit() {
        eprintln!(
            "warning: could not fold the log into the database file ({e}); nothing is lost, the next open replays it"
        );
    }
    code
}

fn open(args: &Args) -> Result<Database, Error> {
    match &args.db {
        None => Database::builtin(),
        Some(path) if args.read_only => Database::open_read_only(path),
        Some(path) => Database::open(path),
    }
}
