//! `demarche export` and the `:export` meta command, including `:export dot FILE` of the last
//! query's result and its SVG rendering when Graphviz is installed.
//!
//! A thin layer over [`Database::export`], [`Database::export_to`] and [`Subgraph`].

use super::{EXIT_FAILED, EXIT_OPEN, EXIT_USAGE};
use demarche::{Database, ExportFormat, Subgraph};
use std::io::Write;
use std::path::{Path, PathBuf};

/// Runs `demarche export DB --format F [-o PATH]`; returns the exit code.
pub fn run(db_path: &Path, format: &str, output: Option<&Path>) -> i32 {
    let Some(format) = ExportFormat::parse(format) else {
        eprintln!("error: unknown export format '{format}'");
        return EXIT_USAGE;
    };
    if format == ExportFormat::Csv && output.is_none() {
        eprintln!(
            "error: csv export writes two files (nodes.csv, relationships.csv): give a directory with -o DIR"
        );
        return EXIT_USAGE;
    }
    let db = match Database::open_read_only(db_path) {
        Ok(db) => db,
        Err(e) => {
            eprintln!("error: {e}");
            return EXIT_OPEN;
        }
    };
    let result = match output {
        Some(path) => db.export_to(format, path).map(drop),
        None => {
            let stdout = std::io::stdout();
            let mut out = std::io::BufWriter::new(stdout.lock());
            db.export(format, &mut out).and_then(|()| Ok(out.flush()?))
        }
    };
    match result {
        Ok(()) => 0,
        Err(e) => {
            eprintln!("error: {e}");
            EXIT_FAILED
        }
    }
}

/// Runs `:export FORMAT PATH`: the whole database, except that `dot` right after a query that
/// returned nodes, relationships or paths draws that result. Returns what was written.
pub fn meta(
    db: &Database,
    last: Option<&Subgraph>,
    format: ExportFormat,
    path: &Path,
) -> Result<String, String> {
    let subgraph = last.filter(|s| format == ExportFormat::Dot && !s.is_empty());
    let written = match subgraph {
        Some(s) => s.write_to(format, path),
        None => db.export_to(format, path),
    }
    .map_err(|e| e.to_string())?;
    let what = match subgraph {
        Some(s) => {
            format!("the last result ({} nodes, {} relationships)", s.nodes.len(), s.relationships.len())
        }
        None => "the database".to_owned(),
    };
    let mut message = format!("exported {what} to {}", list(&written));
    if format == ExportFormat::Dot
        && let Some(dot) = find_on_path("dot")
    {
        let svg = path.with_extension("svg");
        render_svg(&dot, path, &svg)?;
        message.push_str(&format!(" and {}", svg.display()));
    }
    Ok(message)
}

fn list(paths: &[PathBuf]) -> String {
    paths.iter().map(|p| p.display().to_string()).collect::<Vec<_>>().join(" and ")
}

/// The first executable called `name` on PATH.
fn find_on_path(name: &str) -> Option<PathBuf> {
    let path = std::env::var_os("PATH")?;
    std::env::split_paths(&path).map(|dir| dir.join(name)).find(|p| p.is_file())
}

/// Renders a DOT file to SVG with Graphviz, through a temporary file renamed into place.
fn render_svg(dot: &Path, input: &Path, svg: &Path) -> Result<(), String> {
    let dir = match svg.parent() {
        Some(p) if !p.as_os_str().is_empty() => p,
        _ => Path::new("."),
    };
    let mut builder = tempfile::Builder::new();
    builder.suffix(".svg");
    #[cfg(unix)]
    {
        use std::os::unix::fs::PermissionsExt;
        builder.permissions(std::fs::Permissions::from_mode(0o644));
    }
    let temp = builder.tempfile_in(dir).map_err(|e| format!("cannot write {}: {e}", svg.display()))?;
    let status = std::process::Command::new(dot)
        .arg("-Tsvg")
        .arg("-o")
        .arg(temp.path())
        .arg(input)
        .status()
        .map_err(|e| format!("cannot run {}: {e}", dot.display()))?;
    if !status.success() {
        return Err(format!("{} could not render {} ({status})", dot.display(), input.display()));
    }
    temp.persist(svg).map_err(|e| format!("cannot write {}: {}", svg.display(), e.error))?;
    Ok(())
}
