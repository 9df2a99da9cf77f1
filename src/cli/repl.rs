//! The interactive shell: rustyline with multi-line input, history, completion, hints and
//! highlighting. Each complete input goes to the same [`Runner`] scripts use.

use super::script::{Flow, Runner, is_meta};
use rustyline::completion::{Completer, Pair};
use rustyline::error::ReadlineError;
use rustyline::highlight::Highlighter;
use rustyline::hint::Hinter;
use rustyline::validate::{ValidationContext, ValidationResult, Validator};
use rustyline::{Context, Editor, Helper};
use std::borrow::Cow;
use std::io::IsTerminal;
use std::path::{Path, PathBuf};

const META: &[&str] =
    &[":help", ":schema", ":format", ":timing", ":param", ":params", ":source", ":save", ":quit"];

/// Completion, hints, highlighting and multi-line validation for the REPL.
pub struct ShellHelper {
    words: Vec<String>,
    names: Vec<String>,
    colour: bool,
}

impl ShellHelper {
    /// A helper completing keywords, meta commands, schema words and entity names of `db`.
    pub fn new(db: &demarche::Database, colour: bool) -> ShellHelper {
        let mut words: Vec<String> = demarche::KEYWORDS.iter().map(|k| k.to_string()).collect();
        if let Ok(schema) = db.schema() {
            words.extend(schema.labels.into_iter().map(|(l, _)| l));
            words.extend(schema.relationship_types.into_iter().map(|(t, _)| t));
            words.extend(schema.property_keys);
        }
        words.sort();
        words.dedup();
        ShellHelper { words, names: db.entity_names().unwrap_or_default(), colour }
    }

    /// Completion candidates for the word ending at `pos`: `(start of the word, candidates)`.
    pub fn candidates(&self, line: &str, pos: usize) -> (usize, Vec<String>) {
        let before = &line[..pos];
        if let Some(q) =
            before.rfind(['"', '\'']).filter(|q| before[..*q].matches(['"', '\'']).count().is_multiple_of(2))
        {
            let quote = &before[q..q + 1];
            let typed = before[q + 1..].to_lowercase();
            let found = self
                .names
                .iter()
                .filter(|n| n.to_lowercase().starts_with(&typed))
                .map(|n| format!("{quote}{n}{quote}"));
            return (q, found.collect());
        }
        let start =
            before.rfind(|c: char| !(c.is_alphanumeric() || c == '_' || c == ':')).map_or(0, |i| i + 1);
        let typed = &before[start..];
        if typed.is_empty() {
            return (start, vec![]);
        }
        if typed.starts_with(':') && start == 0 {
            return (start, META.iter().filter(|m| m.starts_with(typed)).map(|m| m.to_string()).collect());
        }
        let lower = typed.to_lowercase();
        let mut out: Vec<String> =
            self.words.iter().filter(|w| w.to_lowercase().starts_with(&lower)).cloned().collect();
        out.extend(
            self.names
                .iter()
                .filter(|n| n.to_lowercase().starts_with(&lower))
                .map(|n| if n.contains(' ') { format!("\"{n}\"") } else { n.clone() }),
        );
        out.dedup();
        (start, out)
    }
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
        first.get(typed.len()..).filter(|rest| !rest.is_empty()).map(str::to_owned)
    }
}

impl Highlighter for ShellHelper {
    fn highlight<'l>(&self, line: &'l str, _pos: usize) -> Cow<'l, str> {
        if !self.colour {
            return Cow::Borrowed(line);
        }
        Cow::Owned(highlight(line))
    }

    fn highlight_hint<'h>(&self, hint: &'h str) -> Cow<'h, str> {
        if self.colour { Cow::Owned(format!("\x1b[2m{hint}\x1b[0m")) } else { Cow::Borrowed(hint) }
    }

    fn highlight_char(&self, _line: &str, _pos: usize, _kind: rustyline::highlight::CmdKind) -> bool {
        self.colour
    }
}

/// Colours keywords bold blue and strings green.
fn highlight(line: &str) -> String {
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
        let input = ctx.input();
        let lone_word = !input.trim().is_empty() && input.trim().chars().all(char::is_alphabetic);
        let clause_start = lone_word
            && demarche::KEYWORDS.iter().any(|k| k.eq_ignore_ascii_case(input.trim()) && *k != "timeline");
        if input.trim().is_empty()
            || is_meta(input)
            || demarche::is_complete(input)
            || (lone_word && !clause_start)
        {
            Ok(ValidationResult::Valid(None))
        } else {
            Ok(ValidationResult::Incomplete)
        }
    }
}

impl Helper for ShellHelper {}

/// The history file: `DEMARCHE_HISTORY`, else `~/.demarche_history`.
pub fn history_path() -> Option<PathBuf> {
    std::env::var_os("DEMARCHE_HISTORY")
        .map(PathBuf::from)
        .or_else(|| std::env::var_os("HOME").map(|h| Path::new(&h).join(".demarche_history")))
}

/// Runs the REPL until `:quit` or Ctrl-D. Returns the exit code.
pub fn run(runner: &mut Runner<'_>, db_path: Option<&Path>) -> i32 {
    let colour = std::env::var_os("NO_COLOR").is_none() && std::io::stdout().is_terminal();
    runner.max_rows = 200;
    runner.width = terminal_width();
    let mut editor: Editor<ShellHelper, rustyline::history::DefaultHistory> = match Editor::new() {
        Ok(e) => e,
        Err(e) => {
            eprintln!("error: cannot start the line editor: {e}");
            return super::EXIT_FAILED;
        }
    };
    editor.set_helper(Some(ShellHelper::new(runner.database(), colour)));
    let history = history_path();
    if let Some(h) = &history {
        let _ = editor.load_history(h);
    }
    let name = db_path.map_or("builtin".to_owned(), |p| {
        p.file_name().map_or(p.display().to_string(), |n| n.to_string_lossy().into_owned())
    });
    println!("{}", banner(db_path.is_none()));
    loop {
        match editor.readline(&format!("{name}> ")) {
            Ok(input) => {
                if input.trim().is_empty() {
                    continue;
                }
                let _ = editor.add_history_entry(input.as_str());
                if let Some(h) = &history {
                    let _ = editor.save_history(h);
                }
                if handle(runner, &input) == Flow::Stop {
                    break;
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

/// Runs one REPL input (a meta command or statements); a lone unknown word gets a suggestion.
pub fn handle(runner: &mut Runner<'_>, input: &str) -> Flow {
    let trimmed = input.trim();
    if is_meta(trimmed) {
        return runner.meta(trimmed);
    }
    let word = trimmed.trim_end_matches(';');
    if !word.is_empty() && word.chars().all(|c| c.is_alphabetic()) && !is_statement_word(word) {
        let known = ["help", "quit", "exit", "schema", "timeline", "describe", "MATCH", "RETURN"];
        let hint = demarche::suggest(word, known.iter().copied()).unwrap_or("help");
        let hint = if ["help", "quit", "exit", "schema"].contains(&hint) {
            format!(":{hint}")
        } else {
            hint.to_owned()
        };
        eprintln!("'{word}' is not a query; did you mean {hint}? (:help lists what you can type)");
        return Flow::Continue;
    }
    runner.run_statements(input, "<input>", 0)
}

fn is_statement_word(word: &str) -> bool {
    ["begin", "commit", "rollback", "timeline"].contains(&word.to_lowercase().as_str())
}

fn terminal_width() -> Option<u16> {
    std::io::stdout().is_terminal().then(|| comfy_table::Table::new().width()).flatten()
}

fn banner(builtin: bool) -> String {
    let mut text =
        format!("demarche {} — type :help for help, :quit or Ctrl-D to leave.", env!("CARGO_PKG_VERSION"));
    if builtin {
        text.push_str(
            "\nThe built-in graph of the 2021–22 Russia–US dispute over diplomats is loaded. Try:\n  \
             measures responding to \"April 2021 US sanctions\";\n  \
             timeline of Russia since 2021-08-01;\n  \
             claims about \"departure of 27 Russian diplomats\";",
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
            explain <query>   (prints the Cypher a phrase query runs)"
            .into(),
        "cypher" => "Cypher: MATCH (p:Person)-[:WORKS_FOR]->(o) WHERE o.name CONTAINS 'Embassy' RETURN p.name, o.name;\n  \
            CREATE / MERGE / SET / REMOVE / DELETE, OPTIONAL MATCH, WITH, UNWIND, UNION, ORDER BY, SKIP, LIMIT,\n  \
            aggregation (count, sum, avg, min, max, collect), variable-length paths -[:RESPONDS_TO*1..5]->,\n  \
            shortestPath(...), CASE, list comprehensions, parameters $name, BEGIN / COMMIT / ROLLBACK, EXPLAIN, PROFILE.\n  \
            See docs/language.md for the full reference."
            .into(),
        "meta" | "commands" => "Meta commands:\n  \
            :help [phrases|cypher|meta]   this help\n  :schema   labels, relationship types, keys, indexes\n  \
            :format table|json|jsonl|csv|markdown\n  :timing on|off\n  :param name => value    :params\n  \
            :source FILE   run a script\n  :save [PATH]   checkpoint, or save the graph to a new file\n  :quit"
            .into(),
        _ => format!(
            "End statements with ';' (input continues on the next line until then).\n\n{}\n\n{}\n\n{}",
            help("phrases"),
            help("cypher"),
            help("meta")
        ),
    }
}
