//! The REPL without a terminal: inputs go through [`Repl::handle`], output is read back from
//! buffers; the rustyline helper is asked for completions, hints, highlighting and validation.

#![allow(clippy::unwrap_used)]

use super::*;
use crate::cli::output::Format;
use demarche::{Database, Params};
use std::cell::RefCell;
use std::rc::Rc;

/// A writer whose bytes the test can read back.
#[derive(Clone, Default)]
struct Buffer(Rc<RefCell<Vec<u8>>>);

impl Buffer {
    fn take(&self) -> String {
        String::from_utf8(std::mem::take(&mut *self.0.borrow_mut())).unwrap()
    }
}

impl Write for Buffer {
    fn write(&mut self, buf: &[u8]) -> std::io::Result<usize> {
        self.0.borrow_mut().extend_from_slice(buf);
        Ok(buf.len())
    }
    fn flush(&mut self) -> std::io::Result<()> {
        Ok(())
    }
}

/// A small graph with names that need quoting and names that do not.
fn graph() -> Database {
    let db = Database::in_memory();
    db.execute(
        "CREATE (ru:Country {name: 'Russia'}), (us:Country {name: 'United States'}),
                (a:Person {name: 'Anatoly Antonov', title: 'Ambassador'}),
                (z:Person {name: 'Maria Zakharova'}),
                (e:Organization:Embassy {name: 'Russian Embassy in Washington'}),
                (a)-[:WORKS_FOR {title: 'Ambassador'}]->(e), (e)-[:LOCATED_IN]->(us)",
        &Params::new(),
    )
    .unwrap();
    db
}

/// A REPL over `db` writing into two buffers: (repl, stdout, stderr).
fn repl(db: &Database) -> (Repl<'_>, Buffer, Buffer) {
    let (out, err) = (Buffer::default(), Buffer::default());
    let mut runner = Runner::new(db, Format::Table, false);
    runner.out = Box::new(out.clone());
    runner.err = Box::new(err.clone());
    runner.max_rows = MAX_ROWS;
    (Repl::new(runner), out, err)
}

fn helper(db: &Database) -> ShellHelper {
    ShellHelper::new(db, "builtin> ", false)
}

fn candidates(helper: &ShellHelper, line: &str) -> (usize, Vec<String>) {
    helper.candidates(line, line.len())
}

#[test]
fn a_statement_prints_a_table_with_a_row_count() {
    let db = graph();
    let (mut repl, out, err) = repl(&db);
    assert_eq!(repl.handle("MATCH (c:Country) RETURN c.name AS name ORDER BY name;"), Flow::Continue);
    let text = out.take();
    assert!(text.contains("│ Russia"), "{text}");
    assert!(text.contains("│ United States"), "{text}");
    assert!(text.ends_with("2 rows\n"), "{text}");
    assert_eq!(err.take(), "");
}

#[test]
fn enter_opens_a_continuation_line_until_the_statement_ends() {
    let db = graph();
    let helper = helper(&db);
    assert!(!helper.is_complete("MATCH (c:Country)"));
    assert!(!helper.is_complete("MATCH"), "a clause keyword alone starts a statement");
    assert!(!helper.is_complete("RETURN 'a;"), "a ';' inside a string does not end the statement");
    assert!(!helper.is_complete("RETURN 1 // ;"), "a ';' inside a comment does not end the statement");
    assert!(helper.is_complete("MATCH (c:Country)\n         RETURN c;"));
    assert!(helper.is_complete(":schema"), "meta commands need no ';'");
    assert!(helper.is_complete("help"), "a lone word is answered at once");
    assert!(helper.is_complete("   "));
}

#[test]
fn a_statement_typed_over_two_lines_runs_once_complete() {
    let db = graph();
    let helper = helper(&db);
    let (mut repl, out, err) = repl(&db);
    // What rustyline hands back after "MATCH (c:Country)", Enter, "RETURN count(c) AS n;", Enter.
    let raw = format!("MATCH (c:Country)\n{}RETURN count(c) AS n;", helper.pad());
    assert!(helper.is_complete(&raw));
    let input = helper.strip_continuation(&raw);
    assert_eq!(input, "MATCH (c:Country)\nRETURN count(c) AS n;");
    repl.handle(&input);
    assert!(out.take().contains("│ 2 "));
    // An error on the second line points at the second line as typed, without the padding.
    repl.handle(&helper.strip_continuation(&format!("MATCH (c:Country)\n{}RETURN nope;", helper.pad())));
    let err = err.take();
    assert!(err.contains("<input>:2:8"), "{err}");
    assert!(err.contains("2 | RETURN nope;"), "{err}");
}

#[test]
fn the_continuation_prompt_is_drawn_over_the_padding_at_the_same_width() {
    let db = graph();
    for colour in [false, true] {
        let helper = ShellHelper::new(&db, "diplomacy.db> ", colour);
        assert_eq!(helper.continuation(), "         ...> ");
        assert_eq!(helper.pad().len(), "diplomacy.db> ".len());
        let raw = format!("MATCH (n)\n{}RETURN 'x';", helper.pad());
        let shown = helper.highlight(&raw, raw.len()).into_owned();
        let plain = strip_ansi(&shown);
        assert_eq!(plain, "MATCH (n)\n         ...> RETURN 'x';");
        assert_eq!(plain.chars().count(), raw.chars().count(), "cursor arithmetic relies on equal widths");
    }
}

#[test]
fn highlighting_colours_keywords_and_strings_only_when_asked() {
    let db = graph();
    let line = "MATCH (p {name: 'Anatoly Antonov'}) RETURN p;";
    assert_eq!(helper(&db).highlight(line, 0), line, "no colour: the line is untouched");
    let shown = ShellHelper::new(&db, "builtin> ", true).highlight(line, 0).into_owned();
    assert!(shown.contains("\x1b[1;34mMATCH\x1b[0m"), "{shown:?}");
    assert!(shown.contains("\x1b[1;34mRETURN\x1b[0m"), "{shown:?}");
    assert!(shown.contains("\x1b[32m'Anatoly Antonov'\x1b[0m"), "{shown:?}");
    assert!(!shown.contains("\x1b[1;34mname"), "property keys are not keywords");
    assert_eq!(strip_ansi(&shown), line);
}

#[test]
fn tab_completes_keywords_in_the_case_typed() {
    let db = graph();
    let helper = helper(&db);
    assert_eq!(candidates(&helper, "MAT"), (0, vec!["MATCH".to_owned()]));
    assert_eq!(candidates(&helper, "mat"), (0, vec!["match".to_owned()]));
    let (start, found) = candidates(&helper, "MATCH (n) RET");
    assert_eq!((start, found), (10, vec!["RETURN".to_owned()]));
    assert!(candidates(&helper, "measures resp").1.contains(&"responding".to_owned()));
}

#[test]
fn tab_completes_labels_relationship_types_and_property_keys() {
    let db = graph();
    let helper = helper(&db);
    assert_eq!(candidates(&helper, "MATCH (c:Cou"), (9, vec!["Country".to_owned()]));
    assert_eq!(candidates(&helper, "MATCH (a)-[:WOR"), (12, vec!["WORKS_FOR".to_owned()]));
    assert_eq!(
        candidates(&helper, "MATCH (a)-[:"),
        (
            12,
            vec!["Country", "Embassy", "LOCATED_IN", "Organization", "Person", "WORKS_FOR"]
                .into_iter()
                .map(String::from)
                .collect::<Vec<_>>()
        )
    );
    assert_eq!(candidates(&helper, "MATCH (p) RETURN p.ti"), (19, vec!["title".to_owned()]));
}

#[test]
fn tab_completes_entity_names_quoted_when_they_contain_spaces() {
    let db = graph();
    let helper = helper(&db);
    assert_eq!(candidates(&helper, "claims by Anat"), (10, vec!["\"Anatoly Antonov\"".to_owned()]));
    assert_eq!(
        candidates(&helper, "describe Russ"),
        (9, vec!["Russia".to_owned(), "\"Russian Embassy in Washington\"".to_owned()])
    );
    // Inside an open quote the name completes with the same quote, from the quote on.
    assert_eq!(candidates(&helper, "claims by \"maria z"), (10, vec!["\"Maria Zakharova\"".to_owned()]));
    assert_eq!(candidates(&helper, "MATCH (p {name: 'Ana"), (16, vec!["'Anatoly Antonov'".to_owned()]));
    // A closed string is not completed again.
    assert_eq!(candidates(&helper, "claims by 'Maria Zakharova' "), (28, vec![]));
}

#[test]
fn tab_completes_meta_commands_and_their_arguments() {
    let db = graph();
    let helper = helper(&db);
    assert_eq!(candidates(&helper, ":sc"), (0, vec![":schema".to_owned()]));
    assert_eq!(candidates(&helper, ":par"), (0, vec![":param".to_owned(), ":params".to_owned()]));
    assert_eq!(
        candidates(&helper, ".qu"),
        (0, vec![":quit".to_owned()]),
        "the sqlite spelling completes too"
    );
    assert_eq!(candidates(&helper, ":format js"), (8, vec!["json".to_owned(), "jsonl".to_owned()]));
    assert_eq!(candidates(&helper, ":timing o"), (8, vec!["on".to_owned(), "off".to_owned()]));
    assert_eq!(candidates(&helper, ":help ph"), (6, vec!["phrases".to_owned()]));
    let dir = tempfile::tempdir().unwrap();
    std::fs::write(dir.path().join("update.dmq"), "RETURN 1;").unwrap();
    let line = format!(":source {}/upd", dir.path().display());
    let (start, found) = candidates(&helper, &line);
    assert_eq!(start, ":source ".len());
    assert_eq!(found, vec![format!("{}/update.dmq", dir.path().display())]);
}

#[test]
fn completion_learns_new_labels_and_names_after_a_write() {
    let db = graph();
    let mut helper = helper(&db);
    assert!(candidates(&helper, "MATCH (m:Mea").1.is_empty());
    db.execute("CREATE (:Measure {name: 'Visa ban'})", &Params::new()).unwrap();
    helper.refresh(&db);
    assert_eq!(candidates(&helper, "MATCH (m:Mea").1, vec!["Measure".to_owned()]);
    assert_eq!(candidates(&helper, "describe Vis").1, vec!["\"Visa ban\"".to_owned()]);
}

#[test]
fn hints_show_the_rest_of_the_first_candidate() {
    let db = graph();
    let helper = helper(&db);
    let history = rustyline::history::DefaultHistory::new();
    let ctx = Context::new(&history);
    assert_eq!(helper.hint("MATC", 4, &ctx).as_deref(), Some("H"));
    assert_eq!(helper.hint("claims by \"Maria", 16, &ctx).as_deref(), Some(" Zakharova\""));
    assert_eq!(helper.hint("MATC", 2, &ctx), None, "no hint with the cursor inside the line");
}

#[test]
fn a_lone_word_gets_a_did_you_mean() {
    let db = graph();
    let (mut repl, out, err) = repl(&db);
    for (word, suggestion) in
        [("shema", ":schema"), ("quit", ":quit"), ("hepl", ":help"), ("describ", "describe")]
    {
        assert_eq!(repl.handle(word), Flow::Continue);
        let text = err.take();
        assert!(
            text.contains(&format!("'{word}' is not a query; did you mean {suggestion}?")),
            "{word}: {text}"
        );
    }
    assert_eq!(out.take(), "", "nothing ran");
    assert!(!repl.runner.failed);
}

#[test]
fn dot_commands_work_with_a_hint_and_quit_stops() {
    let db = graph();
    let (mut repl, out, err) = repl(&db);
    assert_eq!(repl.handle(".help keys"), Flow::Continue);
    assert!(err.take().contains("hint: meta commands start with ':' here (:help)"));
    assert!(out.take().contains("Ctrl-C"));
    assert_eq!(repl.handle(".quit"), Flow::Stop);
    assert_eq!(repl.handle(":quit"), Flow::Stop);
}

#[test]
fn help_has_topics_with_examples() {
    let db = graph();
    let (mut repl, out, _) = repl(&db);
    repl.handle(":help");
    let all = out.take();
    for topic in HELP_TOPICS {
        assert!(all.contains(topic), "the overview names the topic {topic}");
    }
    for topic in HELP_TOPICS {
        assert!(help(topic).len() > 100, "{topic}");
    }
    assert!(help("phrases").contains("Examples:"));
    assert!(help("cypher").contains("Examples:"));
    assert!(help("formats").contains("jsonl"));
    assert_eq!(help("nonsense"), "no help on 'nonsense'; topics: phrases, cypher, meta, formats, keys");
}

#[test]
fn meta_commands_change_format_and_timing() {
    let db = graph();
    let (mut repl, out, err) = repl(&db);
    repl.handle(":format json");
    repl.handle("MATCH (c:Country) RETURN c.name AS n ORDER BY n;");
    assert_eq!(out.take(), "{\"columns\":[\"n\"],\"rows\":[[\"Russia\"],[\"United States\"]]}\n");
    repl.handle(":format table");
    repl.handle(":timing on");
    repl.handle("RETURN 1 AS one;");
    let text = out.take();
    let footer = text.lines().last().unwrap();
    assert!(footer.starts_with("1 row (") && footer.ends_with(" ms)"), "{footer}");
    repl.handle(":format yaml");
    assert!(err.take().contains("usage: :format table|json|jsonl|csv|markdown"));
}

#[test]
fn tables_stop_after_max_rows_and_fit_the_width() {
    let db = graph();
    let (mut repl, out, _) = repl(&db);
    repl.runner.max_rows = 3;
    repl.handle("UNWIND range(1, 10) AS x RETURN x;");
    let text = out.take();
    assert!(text.contains("│ 3 "));
    assert!(!text.contains("│ 4 "));
    assert!(text.ends_with("… 7 more rows\n10 rows\n"), "{text}");
    repl.runner.width = Some(40);
    repl.handle(
        "RETURN 'a long text that cannot fit in forty columns of a narrow terminal' AS text, 1 AS n;",
    );
    let text = out.take();
    for line in text.lines() {
        assert!(line.chars().count() <= 40, "{line:?} is wider than 40");
    }
    assert!(text.contains("narrow"), "the text wraps instead of being cut: {text}");
}

#[test]
fn nodes_relationships_and_paths_read_well_in_tables() {
    let db = graph();
    let (mut repl, out, _) = repl(&db);
    repl.handle("MATCH p = (a:Person)-[r:WORKS_FOR]->(e) RETURN a, r, p;");
    let text = out.take();
    assert!(text.contains("(:Person {name: 'Anatoly Antonov'})"), "{text}");
    assert!(text.contains("[:WORKS_FOR {title: 'Ambassador'}]"), "{text}");
    assert!(
        text.contains("-[:WORKS_FOR]->(:Organization:Embassy {name: 'Russian Embassy in Washington'})"),
        "{text}"
    );
}

#[test]
fn a_cancelled_query_prints_query_cancelled_and_the_repl_goes_on() {
    let db = big_graph();
    let (mut repl, out, err) = repl(&db);
    repl.cancel_flag().store(true, Ordering::Relaxed);
    assert_eq!(repl.handle("MATCH (a), (b), (c) RETURN count(*) AS n; RETURN 'after' AS x;"), Flow::Continue);
    assert_eq!(err.take(), "error: query cancelled\n", "the rest of the input is skipped");
    assert_eq!(out.take(), "");
    // Once the flag is cleared (as it is before each prompt), queries run again.
    repl.cancel_flag().store(false, Ordering::Relaxed);
    repl.handle("MATCH (a), (b), (c) RETURN count(*) AS n;");
    assert!(out.take().contains("27000"));
}

#[test]
fn sigint_while_a_query_runs_cancels_it() {
    let db = big_graph();
    let (mut repl, out, err) = repl(&db);
    signal_hook::flag::register(signal_hook::consts::SIGINT, repl.cancel_flag()).unwrap();
    // The signal is delivered before the query starts; the flag it sets stops the query at its
    // first check, exactly as when Ctrl-C arrives mid-query.
    signal_hook::low_level::raise(signal_hook::consts::SIGINT).unwrap();
    assert!(repl.cancel_flag().load(Ordering::Relaxed), "the handler set the flag");
    assert_eq!(repl.handle("MATCH (a), (b), (c) RETURN count(*) AS n;"), Flow::Continue);
    assert_eq!(err.take(), "error: query cancelled\n");
    assert_eq!(out.take(), "");
}

#[test]
fn source_reports_positions_in_the_nested_file() {
    let db = graph();
    let (mut repl, out, err) = repl(&db);
    let dir = tempfile::tempdir().unwrap();
    let script = dir.path().join("nested.dmq");
    std::fs::write(&script, "RETURN 1 AS first;\n\nMATCH (n)\nRETURN m;\nRETURN 2 AS after;\n").unwrap();
    repl.handle(&format!(":source {}", script.display()));
    let err = err.take();
    assert!(err.contains(&format!("{}:4:8", script.display())), "{err}");
    assert!(err.contains("4 | RETURN m;"), "{err}");
    let out = out.take();
    assert!(out.contains("first") && out.contains("after"), "{out}");
}

#[test]
fn the_prompt_names_the_database() {
    assert_eq!(prompt(None), "builtin> ");
    assert_eq!(prompt(Some(Path::new("/tmp/data/diplomacy.db"))), "diplomacy.db> ");
}

#[test]
fn the_banner_suggests_three_queries_on_the_builtin_graph() {
    let text = banner(true);
    assert_eq!(text.lines().filter(|l| l.trim_end().ends_with(';')).count(), 3, "{text}");
    assert!(!banner(false).contains("built-in"));
}

/// 30 nodes: three-way products have 27 000 rows, enough for the executor to check the flag.
fn big_graph() -> Database {
    let db = Database::in_memory();
    db.execute("UNWIND range(1, 30) AS i CREATE (:N {i: i})", &Params::new()).unwrap();
    db
}

fn strip_ansi(text: &str) -> String {
    let mut out = String::new();
    let mut chars = text.chars();
    while let Some(c) = chars.next() {
        if c == '\x1b' {
            for d in chars.by_ref() {
                if d == 'm' {
                    break;
                }
            }
        } else {
            out.push(c);
        }
    }
    out
}
