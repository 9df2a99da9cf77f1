//! Rendering results: table, JSON, JSON lines, CSV and Markdown (DESIGN §6).

use comfy_table::{ContentArrangement, Table, presets};
use demarche::{QueryResult, Value};
use std::io::Write;
use std::time::Duration;

/// Output formats.
#[derive(Debug, Clone, Copy, PartialEq, Eq, clap::ValueEnum)]
pub enum Format {
    /// A table fitted to the terminal.
    Table,
    /// One compact JSON document per statement: `{"columns": [...], "rows": [[...]]}`.
    Json,
    /// One JSON object per row, keyed by column.
    Jsonl,
    /// CSV with a header line.
    Csv,
    /// A Markdown table.
    Markdown,
}

impl Format {
    /// Parses a format name as typed after `:format`.
    pub fn parse(name: &str) -> Option<Format> {
        <Format as clap::ValueEnum>::from_str(name.trim(), true).ok()
    }
}

/// How tables are drawn.
#[derive(Debug, Clone, Copy)]
pub struct TableStyle {
    /// At most this many rows are printed; the rest are counted.
    pub max_rows: usize,
    /// Terminal width to fit, when known.
    pub width: Option<u16>,
    /// How long the statement took, shown in the footer (`:timing on`).
    pub elapsed: Option<Duration>,
}

/// A duration as the timing footer shows it: `1.2 ms`, `3.45 s`.
pub fn duration(d: Duration) -> String {
    let ms = d.as_secs_f64() * 1000.0;
    if ms < 1000.0 { format!("{ms:.1} ms") } else { format!("{:.2} s", ms / 1000.0) }
}

/// Writes one statement's result.
pub fn write(
    out: &mut dyn Write,
    result: &QueryResult,
    format: Format,
    style: TableStyle,
) -> std::io::Result<()> {
    match format {
        Format::Table => write_table(out, result, style),
        Format::Json => writeln!(out, "{}", result.to_json()),
        Format::Jsonl => {
            for row in &result.rows {
                let object: serde_json::Map<String, serde_json::Value> =
                    result.columns.iter().cloned().zip(row.iter().map(|v| result.value_to_json(v))).collect();
                writeln!(out, "{}", serde_json::Value::Object(object))?;
            }
            Ok(())
        }
        Format::Csv => write_csv(out, result),
        Format::Markdown => write_markdown(out, result),
    }
}

fn cell(result: &QueryResult, v: &Value) -> String {
    match v {
        Value::Null => String::new(),
        other => result.display(other),
    }
}

fn write_table(out: &mut dyn Write, result: &QueryResult, style: TableStyle) -> std::io::Result<()> {
    if result.columns.is_empty() {
        let text = result.message.clone().or_else(|| result.stats.summary()).unwrap_or_else(|| "done".into());
        return writeln!(out, "{text}{}", timing_suffix(style));
    }
    let mut table = Table::new();
    table.load_style(presets::UTF8_FULL_CONDENSED).set_header(result.columns.iter());
    if let Some(width) = style.width {
        table.set_content_arrangement(ContentArrangement::Dynamic).set_width(width);
    }
    for row in result.rows.iter().take(style.max_rows) {
        table.add_row(row.iter().map(|v| cell(result, v)));
    }
    writeln!(out, "{table}")?;
    let hidden = result.rows.len().saturating_sub(style.max_rows);
    if hidden > 0 {
        writeln!(out, "… {hidden} more row{}", if hidden == 1 { "" } else { "s" })?;
    }
    let rows = result.rows.len();
    let mut footer = format!("{rows} row{}", if rows == 1 { "" } else { "s" });
    if let Some(summary) = result.stats.summary() {
        footer.push_str(&format!("; {summary}"));
    }
    writeln!(out, "{footer}{}", timing_suffix(style))
}

fn timing_suffix(style: TableStyle) -> String {
    style.elapsed.map(|d| format!(" ({})", duration(d))).unwrap_or_default()
}

fn write_csv(out: &mut dyn Write, result: &QueryResult) -> std::io::Result<()> {
    let mut w = csv::Writer::from_writer(Vec::new());
    let io = |e: csv::Error| std::io::Error::other(e.to_string());
    if !result.columns.is_empty() {
        w.write_record(result.columns.iter()).map_err(io)?;
    }
    for row in &result.rows {
        w.write_record(row.iter().map(|v| match v {
            Value::String(s) => s.to_string(),
            Value::Null => String::new(),
            Value::Int(_) | Value::Float(_) | Value::Bool(_) | Value::Date(_) => v.to_string(),
            other => result.value_to_json(other).to_string(),
        }))
        .map_err(io)?;
    }
    let bytes = w.into_inner().map_err(|e| std::io::Error::other(e.to_string()))?;
    out.write_all(&bytes)
}

fn write_markdown(out: &mut dyn Write, result: &QueryResult) -> std::io::Result<()> {
    if result.columns.is_empty() {
        // A statement that returns nothing gets the same one-line summary as in a table.
        return write_table(out, result, TableStyle { max_rows: 0, width: None, elapsed: None });
    }
    let escape = |s: String| s.replace('|', "\\|").replace('\n', " ");
    writeln!(
        out,
        "| {} |",
        result.columns.iter().map(|c| escape(c.clone())).collect::<Vec<_>>().join(" | ")
    )?;
    writeln!(out, "|{}", "---|".repeat(result.columns.len()))?;
    for row in &result.rows {
        writeln!(out, "| {} |", row.iter().map(|v| escape(cell(result, v))).collect::<Vec<_>>().join(" | "))?;
    }
    // A blank line ends the table: the next statement's table must not read as more rows.
    writeln!(out)
}
