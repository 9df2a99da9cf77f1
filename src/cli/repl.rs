//! The interactive shell, the last stage before the user: rustyline reads an input, [`Repl::handle`]
//! hands it to the same [`Runner`] scripts use.
//!
//! The pieces are separate so they can be tested without a terminal: [`ShellHelper`] is the
//! rustyline helper (completion, hints, highlighting, multi-line validation), [`Repl`] is the
//! line handler (input in, text out through the runner's writers), and [`run`] only wires them
//! to a real terminal, the history file and the Ctrl-C handler. Nothing here touches the
//! database except through the public API.

use super::script::{Flow, Runner, is_meta};
use rustyline::completion::{Completer, FilenameCompleter, Pair};
use rustyline::error::ReadlineError;
use rustyline::highlight::Highlighter;
use rustyline::hint::Hinter;
use rustyline::validate::{ValidationContext, ValidationResult, Validator};
use rustyline::{
    Cmd, ColorMode, ConditionalEventHandler, Config, Context, Editor, Event, EventContext, EventHandler,
    Helper, KeyEvent, RepeatCount,
};
use std::borrow::Cow;
use std::io::{IsTerminal, Write};
use std::path::{Path, PathBuf};
use std::sync::Arc;
use std::sync::atomic::{AtomicBool, Ordering};

/// The meta commands of DESIGN §4, as completed after `:`.
pub const META: &[&str] = &[
    ":help", ":schema", ":format", ":timing", ":param", ":params", ":source", ":save", ":export", ":import",
    ":quit",
];

/// Topics of `:help`.
pub const HELP_TOPICS: &[&str] = &["phrases", "cypher", "meta", "formats", "keys"];

/// The continuation prompt, right-aligned under the main prompt.
const CONTINUATION: &str = "...> ";

/// Rows a table shows in the REPL before "… N more rows".
pub const MAX_ROWS: usize = 200;

/// Completion, hints, highlighting and multi-line validation for the REPL.
///
/// A continuation line is stored in the edit buffer as a newline followed by [`ShellHelper::pad`]
/// spaces, exactly as wide as the prompt; the highlighter draws the continuation prompt over those
/// spaces, so rustyline's cursor arithmetic (done on the raw buffer) stays right. [`Repl::handle`]
/// removes the padding before the statement runs.
pub struct ShellHelper {
    keywords: Vec<String>,
    labels: Vec<String>,
    keys: Vec<String>,
    names: Vec<String>,
    counts: (usize, usize),
    colour: bool,
    pad: String,
    continuation: String,
    files: FilenameCompleter,
}

impl ShellHelper {
    /// A helper for `db` whose prompt is `prompt`; `colour` turns on ANSI highlighting.
    pub fn new(db: &demarche::Database, prompt: &str, colour: bool) -> ShellHelper {
        let width = prompt.chars().count().max(CONTINUATION.len());
        let mut helper = ShellHelper {
            keywords: demarche::KEYWORDS.iter().map(|k| k.to_string()).collect(),
            labels: Vec::new(),
            keys: Vec::new(),
            names: Vec::new(),
            counts: (usize::MAX, usize::MAX),
            colour,
            pad: " ".repeat(width),
            continuation: format!("{CONTINUATION:>width$}"),
            files: FilenameCompleter::new(),
        };
        helper.refresh(db);
        helper
    }

    /// Reloads labels, relationship types, property keys and entity names when the graph has
    /// grown or shrunk since the last call (a cheap check, so it can run after every input).
    pub fn refresh(&mut self, db: &demarche::Database) {
        let Ok(counts) = db.counts() else { return };
        if counts == self.counts {
            return;
        }
        self.counts = counts;
        if let Ok(schema) = db.schema() {
            let mut labels: Vec<String> = schema.labels.into_iter().map(|(l, _)| l).collect();
            labels.extend(schema.relationship_types.into_iter().map(|(t, _)| t));
            labels.sort();
            labels.dedup();
            self.labels = labels;
            self.keys = schema.property_keys;
        }
        self.names = db.entity_names().unwrap_or_default();
    }

    /// The spaces that stand for the continuation prompt after each newline of the edit buffer.
    pub fn pad(&self) -> &str {
        &self.pad
    }

    /// The continuation prompt, as wide as the main prompt.
    pub fn continuation(&self) -> &str {
        &self.continuation
    }

    /// The input as typed, without the continuation padding.
    pub fn strip_continuation(&self, input: &str) -> String {
        input.replace(&format!("\n{}", self.pad), "\n")
    }

    /// True when pressing Enter should run the input rather than open a continuation line:
    /// a meta command, a statement ending with `;`, or a lone word (answered with a suggestion).
    pub fn is_complete(&self, input: &str) -> bool {
        complete_input(input)
    }

    /// Completion candidates for the word ending at `pos`: `(start of the word, candidates)`.
    pub fn candidates(&self, line: &str, pos: usize) -> (usize, Vec<String>) {
        let before = &line[..pos];
        if is_meta(before) {
            return self.meta_candidates(before);
        }
        if let Some(quote) = open_quote(before) {
            let typed = before[quote + 1..].to_lowercase();
            let q = &before[quote..quote + 1];
            let found = self.names.iter().filter(|n| n.to_lowercase().starts_with(&typed));
            return (quote, found.map(|n| format!("{q}{n}{q}")).collect());
        }
        let start = before.rfind(|c: char| !(c.is_alphanumeric() || c == '_')).map_or(0, |i| i + 1);
        let typed = &before[start..];
        let lower = typed.to_lowercase();
        let matching = |words: &[String]| -> Vec<String> {
            words.iter().filter(|w| w.to_lowercase().starts_with(&lower)).cloned().collect()
        };
        match before[..start].chars().next_back() {
            Some(':') => return (start, matching(&self.labels)),
            Some('.') => return (start, matching(&self.keys)),
            _ => {}
        }
        if typed.is_empty() {
            return (start, vec![]);
        }
        let lowercase_typed = typed.chars().all(|c| !c.is_uppercase());
        let mut out: Vec<String> = matching(&self.keywords)
            .into_iter()
            .map(|k| if lowercase_typed { k.to_lowercase() } else { k })
            .collect();
        out.extend(matching(&self.labels));
        out.extend(
            self.names
                .iter()
                .filter(|n| n.to_lowercase().starts_with(&lower))
                .map(|n| if is_identifier(n) { n.clone() } else { format!("\"{n}\"") }),
        );
        let mut seen = std::collections::HashSet::new();
        out.retain(|c| seen.insert(c.clone()));
        (start, out)
    }

    fn meta_candidates(&self, before: &str) -> (usize, Vec<String>) {
        let text = before.trim_start();
        let offset = before.len() - text.len();
        let Some((command, rest)) = text.split_once(char::is_whitespace) else {
            let typed = text.replacen('.', ":", 1);
            return (offset, META.iter().filter(|m| m.starts_with(&typed)).map(|m| m.to_string()).collect());
        };
        let start = before.len() - rest.trim_start().len();
        let typed = &before[start..];
        let options: &[&str] = match command.trim_start_matches([':', '.']) {
            "help" => HELP_TOPICS,
            "format" => &["table", "json", "jsonl", "csv", "markdown"],
            "timing" => &["on", "off"],
            "export" | "export" if !typed.contains(' ') => &["cypher", "graphml", "json", "csv", "dot"],
            "import" if !typed.contains(' ') => &["csv"],
            "source" | "save" | "export" | "import" => {
                let path_start = before.rfind(' ').map_or(0, |i| i + 1);
                let found =
                    self.files.complete_path(before, before.len()).map(|(_, p)| p).unwrap_or_default();
                return (path_start, found.into_iter().map(|p| p.replacement).collect());
            }
            _ => &[],
        };
        (start, options.iter().filter(|o| o.starts_with(typed)).map(|o| o.to_string()).collect())
    }
}

/// The byte offset of an unclosed quote in `before`, if the cursor is inside a string.
fn open_quote(before: &str) -> Option<usize> {
    let mut open: Option<(usize, char)> = None;
    for (i, c) in before.char_indices() {
        match open {
            Some((_, q)) if c == q => open = None,
            None if c == '\'' || c == '"' => open = Some((i, c)),
            _ => {}
        }
    }
    open.map(|(i, _)| i)
}

fn is_identifier(name: &str) -> bool {
    name.chars().all(|c| c.is_alphanumeric() || c == '_')
}

impl Completer for ShellHelper {
    type Candidate = Pair;
    fn complete(&self, line: &str, pos: usize, _: &Context<'_>) -> rustyline::Result<(usize, Vec<Pair>)> {
        let (start, found) = self.candidates(line, pos);
        Ok((start, found.into_iter().map(|c| Pair { display: c.clone(), replacement: c }).collect()))
    }
}

impl Hinter for ShellHelper {
    type Hint = String;
    fn hint(&self, line: &str, pos: usize, _: &Context<'_>) -> Option<String> {
        if pos < line.len() || line.trim().len() < 2 {
            return None;
        }
        let (start, found) = self.candidates(line, pos);
        let typed = &line[start..pos];
        let first = found.into_iter().next()?;
        first.strip_prefix(typed).filter(|rest| !rest.is_empty()).map(str::to_owned)
    }
}

impl Highlighter for ShellHelper {
    fn highlight<'l>(&self, line: &'l str, _pos: usize) -> Cow<'l, str> {
        let body = if self.colour { Cow::Owned(highlight(line)) } else { Cow::Borrowed(line) };
        let pad = format!("\n{}", self.pad);
        if !body.contains(&pad) {
            return body;
        }
        let prompt = if self.colour {
            format!("\n\x1b[2m{}\x1b[0m", self.continuation())
        } else {
            format!("\n{}", self.continuation())
        };
        Cow::Owned(body.replace(&pad, &prompt))
    }

    fn highlight_hint<'h>(&self, hint: &'h str) -> Cow<'h, str> {
        if self.colour { Cow::Owned(format!("\x1b[2m{hint}\x1b[0m")) } else { Cow::Borrowed(hint) }
    }

    fn highlight_char(&self, _line: &str, _pos: usize, _kind: rustyline::highlight::CmdKind) -> bool {
        self.colour
    }
}

/// Colours keywords bold blue and strings green.
pub fn highlight(line: &str) -> String {
    let mut out = String::with_capacity(line.len() + 16);
    let mut chars = line.char_indices().peekable();
    while let Some((i, c)) = chars.next() {
        if c == '\'' || c == '"' {
            let mut end = line.len();
            for (j, d) in chars.by_ref() {
                if d == c {
                    end = j + 1;
                    break;
                }
            }
            out.push_str(&format!("\x1b[32m{}\x1b[0m", &line[i..end]));
        } else if c.is_alphabetic() {
            let mut end = line.len();
            while let Some((j, d)) = chars.peek() {
                if d.is_alphanumeric() || *d == '_' {
                    chars.next();
                } else {
                    end = *j;
                    break;
                }
            }
            let word = &line[i..end];
            if demarche::KEYWORDS.iter().any(|k| k.eq_ignore_ascii_case(word)) {
                out.push_str(&format!("\x1b[1;34m{word}\x1b[0m"));
            } else {
                out.push_str(word);
            }
        } else {
            out.push(c);
        }
    }
    out
}

impl Validator for ShellHelper {
    fn validate(&self, ctx: &mut ValidationContext<'_>) -> rustyline::Result<ValidationResult> {
        Ok(if self.is_complete(ctx.input()) {
            ValidationResult::Valid(None)
        } else {
            ValidationResult::Incomplete
        })
    }
}

impl Helper for ShellHelper {}

/// Enter: runs a complete input (through the [`Validator`]), otherwise opens a continuation line,
/// padded so the highlighter can draw the continuation prompt there.
struct Enter {
    pad: String,
}

impl ConditionalEventHandler for Enter {
    fn handle(&self, _: &Event, _: RepeatCount, _: bool, ctx: &EventContext<'_>) -> Option<Cmd> {
        if complete_input(ctx.line()) {
            Some(Cmd::AcceptOrInsertLine { accept_in_the_middle: true })
        } else {
            Some(Cmd::Insert(1, format!("\n{}", self.pad)))
        }
    }
}

/// The line handler: one complete input in, its output written through the runner's writers.
pub struct Repl<'db> {
    /// Runs statements and meta commands; its `out` and `err` receive everything the REPL prints.
    pub runner: Runner<'db>,
    cancel: Arc<AtomicBool>,
}

impl<'db> Repl<'db> {
    /// A REPL over a runner; queries it runs can be cancelled through [`Repl::cancel_flag`].
    pub fn new(mut runner: Runner<'db>) -> Repl<'db> {
        let cancel = Arc::new(AtomicBool::new(false));
        runner.options.cancel = Some(Arc::clone(&cancel));
        Repl { runner, cancel }
    }

    /// The flag that cancels the running query (set by the SIGINT handler, cleared before each prompt).
    pub fn cancel_flag(&self) -> Arc<AtomicBool> {
        Arc::clone(&self.cancel)
    }

    /// Runs one input (a meta command or statements); a lone word that is not a query gets a
    /// suggestion. Returns [`Flow::Stop`] only to leave the REPL (`:quit`), never after Ctrl-C.
    pub fn handle(&mut self, input: &str) -> Flow {
        let trimmed = input.trim();
        let flow = if is_meta(trimmed) {
            self.runner.meta(trimmed)
        } else if let Some(answer) = lone_word_answer(trimmed) {
            let _ = writeln!(self.runner.err, "{answer}");
            Flow::Continue
        } else {
            self.runner.run_statements(input, "<input>", 0)
        };
        let _ = self.runner.out.flush();
        let _ = self.runner.err.flush();
        if self.cancel.load(Ordering::Relaxed) { Flow::Continue } else { flow }
    }
}

/// The answer to a one-word input that is not a statement: "did you mean ...".
fn lone_word_answer(trimmed: &str) -> Option<String> {
    let word = trimmed.trim_end_matches(';').trim();
    let statement_words = ["begin", "commit", "rollback", "timeline", "contested"];
    if word.is_empty()
        || !word.chars().all(char::is_alphabetic)
        || statement_words.contains(&word.to_lowercase().as_str())
    {
        return None;
    }
    let meta = ["help", "quit", "exit", "schema", "params"];
    let known = meta.iter().chain(&["timeline", "describe", "contested", "MATCH", "RETURN", "CREATE"]);
    let lower = word.to_lowercase();
    let hint = demarche::suggest(&lower, known.copied()).unwrap_or("help");
    let hint = if meta.contains(&hint) { format!(":{hint}") } else { hint.to_owned() };
    Some(format!("'{word}' is not a query; did you mean {hint}? (:help lists what you can type)"))
}

/// The history file: `DEMARCHE_HISTORY`, else `~/.demarche_history`.
pub fn history_path() -> Option<PathBuf> {
    std::env::var_os("DEMARCHE_HISTORY")
        .filter(|h| !h.is_empty())
        .map(PathBuf::from)
        .or_else(|| std::env::var_os("HOME").map(|h| Path::new(&h).join(".demarche_history")))
}

/// The prompt naming the database: `builtin> ` or the file name.
pub fn prompt(db_path: Option<&Path>) -> String {
    let name = db_path.map_or("builtin".to_owned(), |p| {
        p.file_name().map_or(p.display().to_string(), |n| n.to_string_lossy().into_owned())
    });
    format!("{name}> ")
}

/// Runs the REPL on the terminal until `:quit` or Ctrl-D. Returns the exit code.
pub fn run(runner: Runner<'_>, db_path: Option<&Path>) -> i32 {
    let terminal = std::io::stdout().is_terminal();
    let colour = terminal && std::env::var_os("NO_COLOR").is_none_or(|v| v.is_empty());
    let mut repl = Repl::new(runner);
    repl.runner.err =
        Box::new(AfterCtrlC { cancel: repl.cancel_flag(), inner: std::io::stderr(), fresh: true });
    repl.runner.max_rows = MAX_ROWS;
    repl.runner.width = terminal_width();
    // Without a terminal the highlighter still draws the continuation prompt, in plain text.
    let config = Config::builder()
        .color_mode(ColorMode::Forced)
        .auto_add_history(false)
        .max_history_size(10_000)
        .and_then(|c| c.history_ignore_dups(true))
        .map(|c| c.build());
    let mut editor =
        match config.and_then(Editor::<ShellHelper, rustyline::history::DefaultHistory>::with_config) {
            Ok(e) => e,
            Err(e) => {
                eprintln!("error: cannot start the line editor: {e}");
                return super::EXIT_FAILED;
            }
        };
    let prompt = prompt(db_path);
    let helper = ShellHelper::new(repl.runner.database(), &prompt, colour);
    let enter = Enter { pad: helper.pad().to_owned() };
    editor.set_helper(Some(helper));
    editor.bind_sequence(KeyEvent::from('\r'), EventHandler::Conditional(Box::new(enter)));
    // Ctrl-C at the prompt is a key rustyline reads (the terminal is in raw mode); while a query
    // runs the terminal is back in cooked mode, Ctrl-C is SIGINT, and this flag cancels the query.
    if let Err(e) = signal_hook::flag::register(signal_hook::consts::SIGINT, repl.cancel_flag()) {
        eprintln!("warning: Ctrl-C will not cancel queries: {e}");
    }
    let history = history_path();
    if let Some(h) = &history {
        let _ = editor.load_history(h);
    }
    if terminal {
        println!("{}", banner(db_path.is_none()));
    }
    loop {
        repl.cancel.store(false, Ordering::Relaxed);
        match editor.readline(&prompt) {
            Ok(raw) => {
                if raw.trim().is_empty() {
                    continue;
                }
                let _ = editor.add_history_entry(raw.as_str());
                if let Some(h) = &history
                    && let Err(e) = editor.save_history(h)
                {
                    eprintln!("warning: cannot save the history to {}: {e}", h.display());
                }
                let input = editor.helper().map_or(raw.clone(), |h| h.strip_continuation(&raw));
                if repl.handle(&input) == Flow::Stop {
                    break;
                }
                if let Some(helper) = editor.helper_mut() {
                    helper.refresh(repl.runner.database());
                }
            }
            Err(ReadlineError::Interrupted) => continue,
            Err(ReadlineError::Eof) => break,
            Err(e) => {
                eprintln!("error: {e}");
                break;
            }
        }
    }
    0
}

/// Standard error that starts a new line before the first message after Ctrl-C, since the
/// terminal has just echoed `^C` where the cursor was.
struct AfterCtrlC {
    cancel: Arc<AtomicBool>,
    inner: std::io::Stderr,
    fresh: bool,
}

impl Write for AfterCtrlC {
    fn write(&mut self, buf: &[u8]) -> std::io::Result<usize> {
        let cancelled = self.cancel.load(Ordering::Relaxed);
        if cancelled && self.fresh {
            self.inner.write_all(b"\n")?;
        }
        self.fresh = !cancelled;
        self.inner.write(buf)
    }

    fn flush(&mut self) -> std::io::Result<()> {
        self.inner.flush()
    }
}

/// See [`ShellHelper::is_complete`].
fn complete_input(input: &str) -> bool {
    let trimmed = input.trim();
    // A clause keyword alone ("MATCH") starts a statement; any other lone word is answered.
    let lone_word = !trimmed.is_empty() && trimmed.chars().all(char::is_alphabetic);
    let clause_start =
        lone_word && demarche::KEYWORDS.iter().any(|k| k.eq_ignore_ascii_case(trimmed) && *k != "timeline");
    trimmed.is_empty() || is_meta(input) || demarche::is_complete(input) || (lone_word && !clause_start)
}

/// The width tables are fitted to; a terminal that reports no size (0 columns, as a fresh
/// pseudo-terminal does) gets unfitted tables rather than one character per line.
fn terminal_width() -> Option<u16> {
    std::io::stdout().is_terminal().then(|| comfy_table::Table::new().width()).flatten().filter(|w| *w >= 20)
}

/// The greeting on a terminal: version, how to get help and leave, and (on the built-in graph)
/// three queries to try.
pub fn banner(builtin: bool) -> String {
    let mut text = format!(
        "demarche {} — end statements with ';', :help for help, Tab completes, Ctrl-D leaves.",
        env!("CARGO_PKG_VERSION")
    );
    if builtin {
        text.push_str(
            "\nThe built-in graph of the 2021–22 Russia–US dispute over diplomats is loaded (in memory). Try:\n  \
             measures responding to \"April 2021 US sanctions\";\n  \
             timeline of Russia since 2021-08-01;\n  \
             MATCH (p:Person)-[:WORKS_FOR]->(o) WHERE o.name CONTAINS 'Embassy' RETURN p.name, o.name;",
        );
    }
    text
}

/// The text of `:help [topic]`.
pub fn help(topic: &str) -> String {
    match topic.trim().to_lowercase().as_str() {
        "phrases" | "phrase" => "Phrase queries (<ref> is a quoted name or bare words; dates are 2021, 2021-04 or 2021-08-01):\n  \
            measures responding to <ref>      all measures responding to <ref>     responses to <ref>\n  \
            what <ref> responds to            escalation from <ref>                escalation to <ref>\n  \
            measures by <ref> [against <ref>] [since <date>] [until <date>]\n  \
            timeline [of <ref>] [since <date>] [until <date>]\n  \
            claims by <ref>    claims about <ref>    contested measures    describe <ref>    people in <ref>\n  \
            path from <ref> to <ref>          sources of <ref>                     count measures by <ref>\n  \
            explain <query>   (prints the Cypher a phrase query runs)\n\
            Examples:\n  \
            measures responding to \"April 2021 US sanctions\";\n  \
            claims by Zakharova;\n  \
            explain timeline of Russia since 2022-01;"
            .into(),
        "cypher" => "Cypher: MATCH (p:Person)-[:WORKS_FOR]->(o) WHERE o.name CONTAINS 'Embassy' RETURN p.name, o.name;\n  \
            CREATE / MERGE / SET / REMOVE / DELETE, OPTIONAL MATCH, WITH, UNWIND, UNION, ORDER BY, SKIP, LIMIT,\n  \
            aggregation (count, sum, avg, min, max, collect), variable-length paths -[:RESPONDS_TO*1..5]->,\n  \
            shortestPath(...), CASE, list comprehensions, parameters $name, BEGIN / COMMIT / ROLLBACK, EXPLAIN, PROFILE.\n\
            Examples:\n  \
            MATCH (m:Measure)-[:IMPOSED_BY]->(:Country {name: 'Russia'}) RETURN m.name, m.announced ORDER BY m.announced;\n  \
            MATCH (c:Claim)-[:CONTRADICTS]->(d:Claim) RETURN c.text, d.text;\n\
            See docs/language.md for the full reference."
            .into(),
        "meta" | "commands" => "Meta commands (one line each, no ';' needed):\n  \
            :help [phrases|cypher|meta|formats|keys]   this help\n  \
            :schema                          labels, relationship types, property keys, indexes\n  \
            :format table|json|jsonl|csv|markdown\n  \
            :timing on|off                   show how long each statement took\n  \
            :param name => value             set $name (any Cypher expression); :params lists them\n  \
            :source FILE                     run a script; errors name positions in FILE\n  \
            :save [PATH]                     checkpoint, or save the whole graph to a new file\n  \
            :export FORMAT PATH              cypher|graphml|json|csv|dot (dot right after a query draws its result)\n  \
            :import csv DIR                  load CSV files (nodes and relationships) into the graph\n  \
            :quit                            leave (also Ctrl-D)\n\
            Example:\n  :param who => 'Anatoly Antonov'\n  MATCH (p {name: $who}) RETURN p;"
            .into(),
        "formats" | "format" | "output" => "Output formats (:format NAME, or --format NAME on the command line):\n  \
            table      a table fitted to the terminal (at most 200 rows in the REPL, then \"… N more rows\")\n  \
            json       one compact document per statement per line: {\"columns\":[...],\"rows\":[[...]]}\n  \
            jsonl      one object per row, keyed by column\n  \
            csv        a header line, then one line per row\n  \
            markdown   a Markdown table\n\
            Example:\n  :format json\n  MATCH (c:Country) RETURN c.name;"
            .into(),
        "keys" | "editing" => "Keys:\n  \
            Enter      runs the input once it ends with ';' (otherwise a continuation line opens)\n  \
            Tab        completes keywords, meta commands, labels, relationship types, property keys and names\n  \
            Up/Down    walk the history (~/.demarche_history or $DEMARCHE_HISTORY, saved per statement)\n  \
            Ctrl-C     clears the input, or cancels the running query\n  \
            Ctrl-D     leaves"
            .into(),
        "" => format!(
            "End statements with ';' (input continues on the next line until then). Help topics: {}.\n\n{}\n\n{}\n\n{}",
            HELP_TOPICS.join(", "),
            help("phrases"),
            help("cypher"),
            help("meta")
        ),
        other => format!("no help on '{other}'; topics: {}", HELP_TOPICS.join(", ")),
    }
}

#[cfg(test)]
mod tests;
