//! Running statements from `-c`, files and stdin, and the meta commands shared with the REPL.
//!
//! Input is consumed line by line: a statement runs as soon as its `;` arrives (or at the end of
//! the input), and its output is written and flushed once it has committed, so whoever reads
//! stdout knows what is durable. A line starting with `:` is a meta command.

use super::EXIT_FAILED;
use super::output::{self, Format, TableStyle};
use demarche::{
    Database, Error, ExecutionKind, ExportFormat, Params, QueryOptions, Session, Subgraph, Value,
    render_position,
};
use std::io::{BufRead, Write};
use std::path::Path;
use std::time::Instant;

/// What the caller should do after a piece of input.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Flow {
    /// Go on.
    Continue,
    /// Stop reading input (`:quit`, or `--bail` after an error).
    Stop,
}

/// Runs statements and meta commands against one session.
pub struct Runner<'db> {
    session: Session<'db>,
    /// Output format.
    pub format: Format,
    bail: bool,
    /// Print the time each statement took.
    pub timing: bool,
    params: Params,
    /// True once any statement has failed.
    pub failed: bool,
    /// Table rows shown before "… N more rows".
    pub max_rows: usize,
    /// Terminal width for tables, when writing to a terminal.
    pub width: Option<u16>,
    /// Options for each query (the REPL sets a cancel flag).
    pub options: QueryOptions,
    /// Where results and messages go (stdout, or a buffer in tests).
    pub out: Box<dyn Write>,
    /// Where errors and hints go (stderr, or a buffer in tests).
    pub err: Box<dyn Write>,
    /// The graph the last statement returned, for `:export dot FILE`; `None` after a failure.
    last: Option<Subgraph>,
}

impl<'db> Runner<'db> {
    /// A runner over a database.
    pub fn new(db: &'db Database, format: Format, bail: bool) -> Runner<'db> {
        Runner {
            session: db.session(),
            format,
            bail,
            timing: false,
            params: Params::new(),
            failed: false,
            max_rows: usize::MAX,
            width: None,
            options: QueryOptions::default(),
            out: Box::new(std::io::stdout()),
            err: Box::new(std::io::stderr()),
            last: None,
        }
    }

    /// The database.
    pub fn database(&self) -> &'db Database {
        self.session.database()
    }

    /// Runs every `-c` command, then every `-f` file, or stdin when there are neither.
    /// Returns the exit code.
    pub fn run_inputs(&mut self, commands: &[String], files: &[std::path::PathBuf]) -> i32 {
        let mut flow = Flow::Continue;
        for (i, command) in commands.iter().enumerate() {
            flow = self.run_text(command, &format!("<command {}>", i + 1));
            if flow == Flow::Stop {
                break;
            }
        }
        if flow == Flow::Continue {
            for file in files {
                flow = if file.as_os_str() == "-" { self.run_stdin() } else { self.run_file(file) };
                if flow == Flow::Stop {
                    break;
                }
            }
        }
        if commands.is_empty() && files.is_empty() {
            self.run_stdin();
        }
        if self.failed { EXIT_FAILED } else { 0 }
    }

    fn run_stdin(&mut self) -> Flow {
        let stdin = std::io::stdin();
        self.run_reader(stdin.lock(), "<stdin>")
    }

    /// Runs a script file; errors name positions in that file.
    pub fn run_file(&mut self, path: &Path) -> Flow {
        match std::fs::File::open(path) {
            Ok(file) => self.run_reader(std::io::BufReader::new(file), &path.display().to_string()),
            Err(e) => self.fail_message(&format!("cannot read {}: {e}", path.display())),
        }
    }

    /// Runs a complete text (a `-c` argument).
    pub fn run_text(&mut self, text: &str, origin: &str) -> Flow {
        self.run_reader(std::io::Cursor::new(text.as_bytes()), origin)
    }

    /// Reads lines, running each statement once its `;` arrives and each meta command at once.
    pub fn run_reader(&mut self, reader: impl BufRead, origin: &str) -> Flow {
        let mut buffer = String::new();
        let mut start_line = 0;
        for (number, line) in reader.lines().enumerate() {
            let line = match line {
                Ok(line) => line,
                Err(e) => return self.fail_message(&format!("cannot read {origin}: {e}")),
            };
            if buffer.trim().is_empty() && is_meta(&line) {
                buffer.clear();
                if self.meta(line.trim()) == Flow::Stop {
                    return Flow::Stop;
                }
                continue;
            }
            if buffer.trim().is_empty() {
                buffer.clear();
                start_line = number;
            }
            buffer.push_str(&line);
            buffer.push('\n');
            if demarche::is_complete(&buffer) {
                let text = std::mem::take(&mut buffer);
                if self.run_statements(&text, origin, start_line) == Flow::Stop {
                    return Flow::Stop;
                }
            }
        }
        if buffer.trim().is_empty() {
            Flow::Continue
        } else {
            self.run_statements(&buffer, origin, start_line)
        }
    }

    /// Runs the statements of a text whose first line is line `line_offset + 1` of `origin`.
    pub fn run_statements(&mut self, text: &str, origin: &str, line_offset: usize) -> Flow {
        for span in demarche::split_statements(text) {
            let statement = &text[span.start..span.end];
            let started = Instant::now();
            match self.session.run(statement, &self.params, &self.options) {
                Ok(result) => {
                    self.last = Some(Subgraph::from_result(&result));
                    let out = &mut self.out;
                    let elapsed = self.timing.then(|| started.elapsed());
                    let style = TableStyle { max_rows: self.max_rows, width: self.width, elapsed };
                    let _ = output::write(out, &result, self.format, style);
                    if let Some(profile) = &result.profile {
                        // Machine-readable formats keep stdout to one document per statement.
                        let sink: &mut dyn Write = if matches!(self.format, Format::Table | Format::Markdown)
                        {
                            out
                        } else {
                            &mut self.err
                        };
                        for (step, rows) in profile {
                            let _ = writeln!(sink, "  {step}: {rows} rows");
                        }
                    }
                    if let Some(elapsed) = elapsed.filter(|_| self.format != Format::Table) {
                        let _ = writeln!(self.err, "({})", output::duration(elapsed));
                    }
                    let _ = out.flush();
                }
                Err(e) => {
                    self.last = None;
                    let e = e.shifted(span.start);
                    let cancelled = matches!(&e, Error::Execution(x) if x.kind == ExecutionKind::Cancelled);
                    if self.fail(&e, text, origin, line_offset) == Flow::Stop || cancelled {
                        return Flow::Stop;
                    }
                }
            }
            if self.options.cancel.as_ref().is_some_and(|c| c.load(std::sync::atomic::Ordering::Relaxed)) {
                // Ctrl-C in the REPL stops the rest of the input (a `:source`d script too).
                return self.fail_message("query cancelled");
            }
        }
        Flow::Continue
    }

    fn fail(&mut self, e: &Error, text: &str, origin: &str, line_offset: usize) -> Flow {
        let mut message = format!("error: {e}\n");
        if let Some(span) = e.span() {
            message.push_str(&render_position(text, origin, span, line_offset));
        }
        let _ = write!(self.err, "{message}");
        self.failed = true;
        if self.bail { Flow::Stop } else { Flow::Continue }
    }

    fn fail_message(&mut self, message: &str) -> Flow {
        let _ = writeln!(self.err, "error: {message}");
        self.failed = true;
        if self.bail { Flow::Stop } else { Flow::Continue }
    }

    /// Runs a meta command (`:help`, `:format json`, ...).
    pub fn meta(&mut self, line: &str) -> Flow {
        let line = line.trim().trim_end_matches(';');
        let (word, rest) = line.split_once(char::is_whitespace).unwrap_or((line, ""));
        let rest = rest.trim();
        if let Some(dot) = word.strip_prefix('.') {
            let _ = writeln!(self.err, "hint: meta commands start with ':' here (:{dot})");
        }
        let name = word.trim_start_matches([':', '.']).to_lowercase();
        match name.as_str() {
            "quit" | "exit" | "q" => return Flow::Stop,
            "help" | "h" => {
                let _ = writeln!(self.out, "{}", super::repl::help(rest));
            }
            "format" => match output::Format::parse(rest) {
                Some(f) => self.format = f,
                None => return self.fail_message("usage: :format table|json|jsonl|csv|markdown"),
            },
            "timing" => match rest {
                "on" => self.timing = true,
                "off" => self.timing = false,
                _ => return self.fail_message("usage: :timing on|off"),
            },
            "param" => return self.set_param(rest),
            "params" => {
                for (k, v) in &self.params {
                    let _ = writeln!(self.out, "${k} => {}", v.to_cypher());
                }
            }
            "source" if !rest.is_empty() => return self.run_file(Path::new(rest)),
            "save" => return self.save(rest),
            "schema" => return self.schema(),
            "export" => return self.export(rest),
            "import" => return self.import(rest),
            _ => {
                let known = [
                    "help", "schema", "format", "timing", "param", "params", "source", "save", "export",
                    "import", "quit",
                ];
                let hint =
                    demarche::suggest(&name, known.iter().copied()).map(|s| format!("; did you mean :{s}?"));
                return self
                    .fail_message(&format!("unknown meta command '{word}'{}", hint.unwrap_or_default()));
            }
        }
        Flow::Continue
    }

    fn set_param(&mut self, rest: &str) -> Flow {
        let Some((name, value)) = rest.split_once("=>") else {
            return self.fail_message("usage: :param name => value   (value is any Cypher expression)");
        };
        let name = name.trim().trim_start_matches('$').to_owned();
        let db = self.database();
        match db.query(&format!("RETURN {} AS value", value.trim()), &self.params) {
            Ok(result) => {
                let v = result.rows.first().and_then(|r| r.first()).cloned().unwrap_or(Value::Null);
                self.params.insert(name, v);
                Flow::Continue
            }
            Err(e) => self.fail_message(&format!("cannot evaluate the parameter value: {e}")),
        }
    }

    fn save(&mut self, rest: &str) -> Flow {
        let db = self.database();
        let result = if rest.is_empty() {
            if db.path().is_none() {
                return self.fail_message("this database lives in memory: give a path, :save FILE");
            }
            db.checkpoint().map(|()| "checkpoint written".to_owned())
        } else {
            db.save_as(rest).map(|()| format!("saved to {rest}"))
        };
        match result {
            Ok(message) => {
                let _ = writeln!(self.out, "{message}");
                Flow::Continue
            }
            Err(e) => self.fail_message(&e.to_string()),
        }
    }

    fn export(&mut self, rest: &str) -> Flow {
        let words = super::import::split_words(rest);
        let [format, path] = words.as_slice() else {
            return self.fail_message("usage: :export cypher|graphml|json|csv|dot PATH   (csv: a directory)");
        };
        let Some(format) = ExportFormat::parse(format) else {
            return self.fail_message(&format!(
                "unknown export format '{format}'; use cypher, graphml, json, csv or dot"
            ));
        };
        match super::export::meta(self.database(), self.last.as_ref(), format, Path::new(path)) {
            Ok(message) => {
                let _ = writeln!(self.out, "{message}");
                Flow::Continue
            }
            Err(message) => self.fail_message(&message),
        }
    }

    fn import(&mut self, rest: &str) -> Flow {
        if self.session.in_transaction() {
            return self.fail_message("finish the open transaction (COMMIT or ROLLBACK) before :import");
        }
        let files = match super::import::parse_meta(&super::import::split_words(rest)) {
            Ok(files) => files,
            Err(message) => return self.fail_message(&message),
        };
        match super::import::import(self.database(), &files) {
            Ok(message) => {
                self.last = None;
                let _ = writeln!(self.out, "{message}");
                Flow::Continue
            }
            Err(e) => self.fail_message(&format!("{e} (nothing was imported)")),
        }
    }

    fn schema(&mut self) -> Flow {
        match self.database().schema() {
            Ok(s) => {
                let _ = writeln!(self.out, "{} nodes, {} relationships", s.nodes, s.relationships);
                let _ = writeln!(
                    self.out,
                    "labels: {}",
                    s.labels.iter().map(|(l, n)| format!("{l} ({n})")).collect::<Vec<_>>().join(", ")
                );
                let types =
                    s.relationship_types.iter().map(|(t, n)| format!("{t} ({n})")).collect::<Vec<_>>();
                let _ = writeln!(self.out, "relationship types: {}", types.join(", "));
                let _ = writeln!(self.out, "property keys: {}", s.property_keys.join(", "));
                if !s.indexes.is_empty() {
                    let idx: Vec<String> = s.indexes.iter().map(|(l, k)| format!(":{l}({k})")).collect();
                    let _ = writeln!(self.out, "indexes: {}", idx.join(", "));
                }
                Flow::Continue
            }
            Err(e) => self.fail_message(&e.to_string()),
        }
    }
}

/// True when a line is a meta command rather than part of a statement.
pub fn is_meta(line: &str) -> bool {
    let t = line.trim_start();
    t.starts_with(':') || (t.starts_with('.') && t[1..].starts_with(|c: char| c.is_ascii_alphabetic()))
}
