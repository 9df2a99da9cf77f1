//! `demarche import` and the `:import` meta command: CSV files into a database, with a progress
//! bar on a terminal.
//!
//! A thin layer over [`Database::import_csv`]; parsing and the all-or-nothing rule live in the
//! library.

use super::{EXIT_FAILED, EXIT_OPEN};
use demarche::{CsvImport, Database, ImportError, ImportProgress, ImportStage, ImportSummary};
use indicatif::{ProgressBar, ProgressDrawTarget, ProgressStyle};
use std::io::IsTerminal;
use std::path::{Path, PathBuf};
use std::time::Instant;

/// Runs `demarche import DB --nodes ... --relationships ...`; returns the exit code.
pub fn run(db_path: &Path, nodes: &[PathBuf], relationships: &[PathBuf]) -> i32 {
    let db = match Database::open(db_path) {
        Ok(db) => db,
        Err(e) => {
            eprintln!("error: {e}");
            return EXIT_OPEN;
        }
    };
    let files = CsvImport { nodes: nodes.to_vec(), relationships: relationships.to_vec() };
    match import(&db, &files) {
        Ok(message) => {
            println!("{message}");
            // Everything is in the snapshot and the log is empty, so closing has nothing left to
            // write; skip freeing millions of entities one by one just before the process exits
            // (the lock is released with the process).
            std::mem::forget(db);
            0
        }
        Err(e) => {
            eprintln!("error: {e}");
            eprintln!("nothing was imported; {} is unchanged", db_path.display());
            EXIT_FAILED
        }
    }
}

/// Imports with a progress bar on stderr when it is a terminal; returns the summary line.
pub fn import(db: &Database, files: &CsvImport) -> Result<String, ImportError> {
    let bar = progress_bar();
    let started = Instant::now();
    let result = db.import_csv(files, &mut |p| update(&bar, p));
    bar.finish_and_clear();
    result.map(|summary| describe(&summary, started.elapsed().as_secs_f64()))
}

fn describe(summary: &ImportSummary, seconds: f64) -> String {
    format!(
        "imported {} nodes and {} relationships ({:.1} MB of CSV) in {seconds:.2} s",
        summary.nodes,
        summary.relationships,
        summary.bytes as f64 / 1e6
    )
}

fn progress_bar() -> ProgressBar {
    if !std::io::stderr().is_terminal() {
        return ProgressBar::hidden();
    }
    let bar = ProgressBar::with_draw_target(Some(0), ProgressDrawTarget::stderr());
    let style = ProgressStyle::with_template("{msg:<24} [{wide_bar}] {bytes}/{total_bytes} {eta}")
        .map(|s| s.progress_chars("=> "))
        .unwrap_or_else(|_| ProgressStyle::default_bar());
    bar.set_style(style);
    bar
}

fn update(bar: &ProgressBar, p: &ImportProgress) {
    bar.set_length(p.bytes_total);
    bar.set_position(p.bytes_read);
    bar.set_message(match p.stage {
        ImportStage::Nodes => format!("{} nodes", p.nodes),
        ImportStage::Relationships => format!("{} relationships", p.relationships),
        ImportStage::Saving => "writing the snapshot".to_owned(),
    });
}

/// Parses the words after `:import`: `[csv] --nodes F... [--relationships F...]`, or
/// `[csv] DIR` for a directory holding `nodes.csv` and `relationships.csv` (what `:export csv
/// DIR` writes).
pub fn parse_meta(words: &[String]) -> Result<CsvImport, String> {
    let usage = "usage: :import csv --nodes FILE... [--relationships FILE...]   or   :import csv DIR";
    let words = match words.first() {
        Some(w) if w.eq_ignore_ascii_case("csv") => &words[1..],
        Some(w) if !w.starts_with("--") && words.len() > 1 => {
            return Err(format!("cannot import '{w}': only csv is supported; {usage}"));
        }
        _ => words,
    };
    if let [dir] = words
        && !dir.starts_with("--")
    {
        let dir = Path::new(dir);
        let rels = dir.join("relationships.csv");
        return Ok(CsvImport {
            nodes: vec![dir.join("nodes.csv")],
            relationships: if rels.exists() { vec![rels] } else { vec![] },
        });
    }
    let mut files = CsvImport::default();
    let mut target: Option<&mut Vec<PathBuf>> = None;
    for word in words {
        match word.as_str() {
            "--nodes" => target = Some(&mut files.nodes),
            "--relationships" => target = Some(&mut files.relationships),
            path => match target.as_mut() {
                Some(list) => list.push(PathBuf::from(path)),
                None => return Err(usage.to_owned()),
            },
        }
    }
    if files.nodes.is_empty() {
        return Err(usage.to_owned());
    }
    Ok(files)
}

/// Splits a meta command's arguments at spaces, keeping quoted parts ("a b" or 'a b') whole.
pub fn split_words(text: &str) -> Vec<String> {
    let mut words = Vec::new();
    let mut current = String::new();
    let mut quote: Option<char> = None;
    let mut started = false;
    for c in text.chars() {
        match (quote, c) {
            (Some(q), c) if c == q => quote = None,
            (Some(_), c) => current.push(c),
            (None, '"' | '\'') => {
                quote = Some(c);
                started = true;
            }
            (None, c) if c.is_whitespace() => {
                if started {
                    words.push(std::mem::take(&mut current));
                    started = false;
                }
            }
            (None, c) => {
                current.push(c);
                started = true;
            }
        }
    }
    if started {
        words.push(current);
    }
    words
}
