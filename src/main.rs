//! The `demarche` binary: parses the command line and hands over to `cli`, which uses only the
//! library's public API. Exit codes: 0 success, 1 a statement failed, 2 usage error, 3 the
//! database could not be opened.

mod cli;

fn main() {
    std::process::exit(cli::main());
}
