//! Query fixtures: behaviour as data. Each file under `tests/data/queries/` (and the acceptance
//! questions) is a list of cases run in order on one database:
//!
//! ```text
//! === setup                     (optional; statements run once, before the cases)
//! CREATE (...);
//! ### a title
//! MATCH ... RETURN ...
//! ---- unordered                (or: ordered, empty, ok, error <Kind> [<Detail>])
//! col1 | col2
//! 'text' | 27
//! ```
//! Expected cells are Cypher literals, evaluated by the engine itself; a cell starting with `(`
//! or `[:` is compared with the value's table rendering instead.

use demarche::{Database, Error, Params, QueryResult, Value};
use std::path::Path;

/// One case of a fixture file.
#[derive(Debug)]
pub struct Case {
    pub title: String,
    pub query: String,
    pub expect: Expect,
    pub line: usize,
}

#[derive(Debug)]
pub enum Expect {
    Rows { ordered: bool, header: Vec<String>, rows: Vec<Vec<String>> },
    Empty,
    Ok,
    Error(String, Option<String>),
}

/// Parses a fixture text into its setup and cases.
pub fn parse(text: &str) -> (String, Vec<Case>) {
    let mut setup = String::new();
    let mut cases = Vec::new();
    let mut lines = text.lines().enumerate().peekable();
    while let Some((n, line)) = lines.next() {
        if line.starts_with("=== setup") {
            while let Some((_, l)) = lines.next_if(|(_, l)| !l.starts_with("### ")) {
                setup.push_str(l);
                setup.push('\n');
            }
        } else if let Some(title) = line.strip_prefix("### ") {
            let mut query = String::new();
            while let Some((_, l)) = lines.next_if(|(_, l)| !l.starts_with("----")) {
                query.push_str(l);
                query.push('\n');
            }
            let marker =
                lines.next().map(|(_, l)| l.trim_start_matches('-').trim().to_owned()).unwrap_or_default();
            let mut body = Vec::new();
            while let Some((_, l)) = lines.next_if(|(_, l)| !l.starts_with("### ")) {
                if !l.trim().is_empty() {
                    body.push(l.to_owned());
                }
            }
            cases.push(Case {
                title: title.to_owned(),
                query: query.trim().to_owned(),
                expect: expectation(&marker, body),
                line: n + 1,
            });
        }
    }
    (setup, cases)
}

fn cells(line: &str) -> Vec<String> {
    line.split(" | ").map(|c| c.trim().to_owned()).collect()
}

fn expectation(marker: &str, body: Vec<String>) -> Expect {
    let mut words = marker.split_whitespace();
    match words.next() {
        Some("empty") => Expect::Empty,
        Some("ok") => Expect::Ok,
        Some("error") => {
            Expect::Error(words.next().unwrap_or("").to_owned(), words.next().map(str::to_owned))
        }
        Some(order) => {
            let mut body = body.into_iter();
            let header = body.next().map(|h| cells(&h)).unwrap_or_default();
            Expect::Rows { ordered: order == "ordered", header, rows: body.map(|r| cells(&r)).collect() }
        }
        None => Expect::Ok,
    }
}

fn kind_of(e: &Error) -> (String, String) {
    match e {
        Error::Syntax(_) => ("Syntax".into(), String::new()),
        Error::Semantic(s) => ("Semantic".into(), s.kind.to_string()),
        Error::Execution(x) => ("Execution".into(), format!("{:?}", x.kind)),
        Error::Storage(_) => ("Storage".into(), String::new()),
        _ => ("Other".into(), String::new()),
    }
}

/// Turns expected cells into comparable strings: literals via the engine, renderings as is.
fn expected_cell(db: &Database, cell: &str) -> Result<String, String> {
    if cell.starts_with('(') || cell.starts_with("[:") {
        return Ok(cell.to_owned());
    }
    let result = db
        .query(&format!("RETURN {cell} AS v"), &Params::new())
        .map_err(|e| format!("bad expected cell {cell}: {e}"))?;
    Ok(canonical(&result, &result.rows[0][0]))
}

fn canonical(result: &QueryResult, v: &Value) -> String {
    match v {
        Value::Node(_) | Value::Relationship(_) | Value::Path(_) => result.display(v),
        Value::Float(f) if f.fract() == 0.0 && f.is_finite() => format!("{f:.1}"),
        Value::List(items) => {
            format!("[{}]", items.iter().map(|x| canonical(result, x)).collect::<Vec<_>>().join(", "))
        }
        other => other.to_cypher(),
    }
}

/// Runs one case; returns a description of the mismatch, if any.
pub fn check(db: &Database, case: &Case) -> Result<(), String> {
    let outcome = db.query(&case.query, &Params::new());
    match (&case.expect, outcome) {
        (Expect::Error(kind, detail), Err(e)) => {
            let (k, d) = kind_of(&e);
            if &k != kind || detail.as_ref().is_some_and(|want| want != &d) {
                return Err(format!("expected error {kind} {detail:?}, got {k} {d}: {e}"));
            }
            Ok(())
        }
        (Expect::Error(kind, _), Ok(r)) => Err(format!("expected error {kind}, got {} rows", r.len())),
        (_, Err(e)) => Err(format!("unexpected error: {}", e.render(&case.query, "<fixture>"))),
        (Expect::Ok, Ok(_)) => Ok(()),
        (Expect::Empty, Ok(r)) if r.is_empty() => Ok(()),
        (Expect::Empty, Ok(r)) => Err(format!("expected no rows, got {}: {:?}", r.len(), render(&r))),
        (Expect::Rows { ordered, header, rows }, Ok(r)) => {
            if r.columns[..] != header[..] {
                return Err(format!("columns {:?}, expected {:?}", r.columns, header));
            }
            let mut want = rows
                .iter()
                .map(|row| row.iter().map(|c| expected_cell(db, c)).collect::<Result<Vec<_>, _>>())
                .collect::<Result<Vec<_>, _>>()?;
            let mut got = render(&r);
            if !ordered {
                want.sort();
                got.sort();
            }
            if want != got {
                return Err(format!("rows differ\n  expected: {want:?}\n  got:      {got:?}"));
            }
            Ok(())
        }
    }
}

fn render(r: &QueryResult) -> Vec<Vec<String>> {
    r.rows.iter().map(|row| row.iter().map(|v| canonical(r, v)).collect()).collect()
}

/// Runs every case of a fixture file against `db` (after its setup); panics listing failures.
pub fn run_file(db: &Database, path: &Path) {
    let text =
        std::fs::read_to_string(path).unwrap_or_else(|e| panic!("cannot read {}: {e}", path.display()));
    let (setup, cases) = parse(&text);
    if !setup.trim().is_empty() {
        db.run_script(&setup).unwrap_or_else(|e| panic!("setup of {} failed: {e}", path.display()));
    }
    assert!(!cases.is_empty(), "{} has no cases", path.display());
    let failures: Vec<String> = cases
        .iter()
        .filter_map(|case| {
            check(db, case).err().map(|why| {
                format!("{}:{} {}\n{}\n  {why}", path.display(), case.line, case.title, case.query)
            })
        })
        .collect();
    assert!(
        failures.is_empty(),
        "{} of {} cases failed:\n\n{}",
        failures.len(),
        cases.len(),
        failures.join("\n\n")
    );
}

#[test]
fn query_fixtures_pass() {
    let dir = Path::new(env!("CARGO_MANIFEST_DIR")).join("tests/data/queries");
    let mut files: Vec<_> =
        std::fs::read_dir(&dir).expect("fixture directory").map(|e| e.expect("entry").path()).collect();
    files.sort();
    assert!(files.len() >= 5, "expected fixture files in {}", dir.display());
    for file in files {
        run_file(&Database::in_memory(), &file);
    }
}
