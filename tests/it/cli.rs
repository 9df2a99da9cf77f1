//! The command line through the real binary: flags, formats, exit codes, error rendering.

use assert_cmd::Command;
use predicates::prelude::*;
use std::io::Write;

fn demarche() -> Command {
    Command::cargo_bin("demarche").unwrap()
}

#[test]
fn command_prints_a_table_by_default() {
    demarche().args(["-c", "RETURN 1 + 1 AS two, 'x' AS s"]).assert().success().stdout(
        predicate::str::contains("two")
            .and(predicate::str::contains("│ 2"))
            .and(predicate::str::contains("1 row")),
    );
}

#[test]
fn json_format_prints_one_document_per_statement() {
    let out = demarche()
        .args(["--format", "json", "-c", "RETURN 1 AS a", "-c", "UNWIND [1, 2] AS x RETURN x"])
        .output()
        .unwrap();
    assert!(out.status.success());
    let text = String::from_utf8(out.stdout).unwrap();
    let lines: Vec<&str> = text.lines().collect();
    assert_eq!(lines, vec![r#"{"columns":["a"],"rows":[[1]]}"#, r#"{"columns":["x"],"rows":[[1],[2]]}"#]);
}

#[test]
fn jsonl_csv_and_markdown_formats() {
    demarche()
        .args(["--format", "jsonl", "-c", "RETURN 1 AS a, 'b' AS b"])
        .assert()
        .success()
        .stdout("{\"a\":1,\"b\":\"b\"}\n");
    demarche()
        .args(["--format", "csv", "-c", "RETURN 1 AS a, 'x,y' AS b"])
        .assert()
        .success()
        .stdout("a,b\n1,\"x,y\"\n");
    demarche()
        .args(["--format", "markdown", "-c", "RETURN 1 AS a", "-c", "RETURN 2 AS b"])
        .assert()
        .success()
        .stdout("| a |\n|---|\n| 1 |\n\n| b |\n|---|\n| 2 |\n\n");
}

#[test]
fn a_write_without_return_prints_a_summary_in_human_formats_only() {
    let create = "CREATE (:A {name: 'x'})";
    let summary = "1 node created, 1 property set, 1 label added\n";
    demarche().args(["-c", create]).assert().success().stdout(summary);
    demarche().args(["--format", "markdown", "-c", create]).assert().success().stdout(summary);
    demarche()
        .args(["--format", "json", "-c", create])
        .assert()
        .success()
        .stdout("{\"columns\":[],\"rows\":[]}\n");
    demarche().args(["--format", "jsonl", "-c", create]).assert().success().stdout("");
    demarche().args(["--format", "csv", "-c", create]).assert().success().stdout("");
}

#[test]
fn a_failing_statement_exits_1_with_file_line_and_caret() {
    let dir = tempfile::tempdir().unwrap();
    let script = dir.path().join("update.dmq");
    std::fs::write(&script, "RETURN 1 AS ok;\n\nMATCH (n)\nRETRUN n;\nRETURN 2 AS after;\n").unwrap();
    demarche()
        .arg("-f")
        .arg(&script)
        .assert()
        .code(1)
        .stdout(predicate::str::contains("ok").and(predicate::str::contains("after")))
        .stderr(
            predicate::str::contains("error:")
                .and(predicate::str::contains("update.dmq:4:1"))
                .and(predicate::str::contains("4 | RETRUN n"))
                .and(predicate::str::contains("^^^^^^")),
        );
}

#[test]
fn bail_stops_at_the_first_failure() {
    demarche()
        .args(["--bail", "-c", "RETURN nope", "-c", "RETURN 'never' AS x"])
        .assert()
        .code(1)
        .stdout(predicate::str::contains("never").not());
}

#[test]
fn usage_errors_exit_2() {
    demarche().arg("--no-such-flag").assert().code(2);
    demarche().args(["--format", "yaml", "-c", "RETURN 1"]).assert().code(2);
}

#[test]
fn on_exit_the_log_is_folded_into_the_database_file() {
    let dir = tempfile::tempdir().unwrap();
    let path = dir.path().join("folded.db");
    demarche().arg(&path).args(["-c", "CREATE (:Country {name: 'Ruritania'})"]).assert().success();
    // The process leaves its graph to the operating system, but not before the log is folded:
    // the write is in the snapshot and the log holds nothing but its header.
    let wal = std::fs::read(dir.path().join("folded.db-wal")).unwrap();
    let snapshot = std::fs::read(&path).unwrap();
    assert!(snapshot.windows(9).any(|w| w == b"Ruritania"), "the snapshot holds the new node");
    assert!(!wal.windows(9).any(|w| w == b"Ruritania"), "the log was folded");
    demarche()
        .arg(&path)
        .args(["--format", "csv", "-c", "MATCH (c:Country) RETURN c.name"])
        .assert()
        .success()
        .stdout("c.name\nRuritania\n");
}

#[test]
fn a_locked_or_corrupt_database_exits_3() {
    let dir = tempfile::tempdir().unwrap();
    let path = dir.path().join("locked.db");
    let _held = demarche::Database::open(&path).unwrap();
    demarche()
        .arg(&path)
        .args(["-c", "RETURN 1"])
        .assert()
        .code(3)
        .stderr(predicate::str::contains("database is locked"));
    let corrupt = dir.path().join("corrupt.db");
    std::fs::write(&corrupt, b"DEMARCHE this is not really a database").unwrap();
    demarche()
        .arg(&corrupt)
        .args(["-c", "RETURN 1"])
        .assert()
        .code(3)
        .stderr(predicate::str::contains("corrupt"));
}

#[test]
fn statements_on_stdin_run_in_order_and_meta_commands_work() {
    demarche()
        .write_stdin("CREATE (:A {name: 'x'});\n:format csv\nMATCH (a:A)\nRETURN a.name AS name;\n:quit\nRETURN 'not reached';\n")
        .assert()
        .success()
        .stdout(predicate::str::contains("name\nx\n").and(predicate::str::contains("not reached").not()));
}

#[test]
fn unknown_meta_command_suggests_the_closest() {
    demarche()
        .write_stdin(":shema\n")
        .assert()
        .code(1)
        .stderr(predicate::str::contains("did you mean :schema"));
}

#[test]
fn writes_to_a_file_database_persist_between_runs() {
    let dir = tempfile::tempdir().unwrap();
    let path = dir.path().join("p.db");
    demarche().arg(&path).args(["-c", "CREATE (:Country {name: 'Russia'})"]).assert().success();
    demarche()
        .arg(&path)
        .args(["--read-only", "--format", "csv", "-c", "MATCH (c:Country) RETURN c.name AS n"])
        .assert()
        .success()
        .stdout("n\nRussia\n");
    demarche()
        .arg(&path)
        .args(["--read-only", "-c", "CREATE (:X)"])
        .assert()
        .code(1)
        .stderr(predicate::str::contains("read-only"));
}

#[test]
fn builtin_graph_answers_the_readme_query() {
    demarche()
        .args(["--format", "csv", "-c", "measures responding to \"April 2021 US sanctions\""])
        .assert()
        .success()
        .stdout(
            predicate::str::contains("Expulsion of 10 US diplomats")
                .and(predicate::str::contains("Ban on US missions hiring local staff")),
        );
}

#[test]
fn completions_are_generated() {
    demarche().args(["completions", "bash"]).assert().success().stdout(predicate::str::contains("demarche"));
}

#[test]
fn save_writes_a_database_that_reopens() {
    let dir = tempfile::tempdir().unwrap();
    let target = dir.path().join("copy.db");
    let mut child = std::process::Command::new(env!("CARGO_BIN_EXE_demarche"))
        .stdin(std::process::Stdio::piped())
        .stdout(std::process::Stdio::null())
        .spawn()
        .unwrap();
    writeln!(child.stdin.as_mut().unwrap(), ":save {}", target.display()).unwrap();
    drop(child.stdin.take());
    assert!(child.wait().unwrap().success());
    let db = demarche::Database::open_read_only(&target).unwrap();
    assert!(db.counts().unwrap().0 > 50, "the saved copy holds the built-in graph");
}

// ---- every flag -------------------------------------------------------------------------

#[test]
fn help_and_version_exit_0() {
    demarche().arg("--help").assert().success().stdout(
        predicate::str::contains("Usage: demarche [OPTIONS] [DB]").and(predicate::str::contains("--bail")),
    );
    demarche()
        .arg("--version")
        .assert()
        .success()
        .stdout(format!("demarche {}\n", env!("CARGO_PKG_VERSION")));
}

#[test]
fn files_run_in_order_after_the_commands_and_dash_reads_stdin() {
    let dir = tempfile::tempdir().unwrap();
    let (a, b) = (dir.path().join("a.dmq"), dir.path().join("b.dmq"));
    std::fs::write(&a, "RETURN 'a' AS x;\n").unwrap();
    std::fs::write(&b, "RETURN 'b' AS x;\n").unwrap();
    demarche()
        .args(["--format", "csv", "-c", "RETURN 'c' AS x"])
        .arg("-f")
        .arg(&b)
        .arg("-f")
        .arg(&a)
        .args(["-f", "-"])
        .write_stdin("RETURN 'stdin' AS x;")
        .assert()
        .success()
        .stdout("x\nc\nx\nb\nx\na\nx\nstdin\n");
}

#[test]
fn a_missing_file_is_an_error_naming_it_and_exits_1() {
    demarche()
        .args(["-f", "no/such/file.dmq", "-c", "RETURN 1 AS one"])
        .assert()
        .code(1)
        .stderr(predicate::str::starts_with("error: cannot read no/such/file.dmq: "));
}

#[test]
fn without_bail_a_script_goes_on_and_exits_1_at_the_end() {
    let dir = tempfile::tempdir().unwrap();
    let path = dir.path().join("g.db");
    let script = dir.path().join("s.dmq");
    std::fs::write(
        &script,
        "CREATE (:A {name: 'one'});\nCREATE (:A {name: });\nCREATE (:A {name: 'two'});\n",
    )
    .unwrap();
    demarche()
        .arg(&path)
        .arg("-f")
        .arg(&script)
        .assert()
        .code(1)
        .stderr(predicate::str::contains("s.dmq:2:"));
    let count = "MATCH (a:A) RETURN count(a) AS n";
    demarche().arg(&path).args(["--format", "csv", "-c", count]).assert().success().stdout("n\n2\n");
    demarche().arg(&path).arg("--bail").arg("-f").arg(&script).assert().code(1);
    demarche()
        .arg(&path)
        .args(["--format", "csv", "-c", count])
        .assert()
        .success()
        .stdout("n\n3\n")
        .stderr("");
}

#[test]
fn piped_input_gets_no_banner_no_prompt_and_no_colour() {
    let out = demarche().write_stdin("MATCH (c:Country) RETURN c.name AS name;\n").output().unwrap();
    assert!(out.status.success());
    let text = String::from_utf8(out.stdout).unwrap();
    assert!(text.starts_with("┌"), "the table comes first: {text}");
    assert!(!text.contains('\x1b'), "no escape sequences: {text:?}");
    assert!(!text.contains("builtin>") && !text.contains("demarche 0"), "{text}");
}

#[test]
fn each_statement_is_flushed_as_soon_as_it_has_committed() {
    use std::io::BufRead;
    let dir = tempfile::tempdir().unwrap();
    let mut child = std::process::Command::new(env!("CARGO_BIN_EXE_demarche"))
        .arg(dir.path().join("f.db"))
        .args(["--format", "json"])
        .stdin(std::process::Stdio::piped())
        .stdout(std::process::Stdio::piped())
        .spawn()
        .unwrap();
    let mut stdin = child.stdin.take().unwrap();
    let mut stdout = std::io::BufReader::new(child.stdout.take().unwrap());
    let mut line = String::new();
    // The second statement is written only after the first one's output has been read: the
    // child must have flushed it while still waiting for more input.
    writeln!(stdin, "CREATE (a:A {{name: 'x'}}) RETURN a.name AS name;").unwrap();
    stdout.read_line(&mut line).unwrap();
    assert_eq!(line, "{\"columns\":[\"name\"],\"rows\":[[\"x\"]]}\n");
    writeln!(stdin, "MATCH (a:A) RETURN count(a) AS n;").unwrap();
    line.clear();
    stdout.read_line(&mut line).unwrap();
    assert_eq!(line, "{\"columns\":[\"n\"],\"rows\":[[1]]}\n");
    drop(stdin);
    assert!(child.wait().unwrap().success());
}

#[test]
fn timing_goes_to_the_footer_of_tables_and_to_stderr_otherwise() {
    let out = demarche().write_stdin(":timing on\nRETURN 1 AS one;\n").output().unwrap();
    let text = String::from_utf8(out.stdout).unwrap();
    let footer = text.lines().last().unwrap();
    assert!(footer.starts_with("1 row (") && footer.ends_with(" ms)"), "{footer}");
    let out =
        demarche().args(["--format", "json"]).write_stdin(":timing on\nRETURN 1 AS one;\n").output().unwrap();
    assert_eq!(String::from_utf8(out.stdout).unwrap(), "{\"columns\":[\"one\"],\"rows\":[[1]]}\n");
    let err = String::from_utf8(out.stderr).unwrap();
    assert!(err.starts_with('(') && err.ends_with(" ms)\n"), "{err}");
}

#[test]
fn completions_for_every_shell() {
    for (shell, marker) in
        [("bash", "_demarche()"), ("zsh", "#compdef demarche"), ("fish", "complete -c demarche")]
    {
        demarche().args(["completions", shell]).assert().success().stdout(predicate::str::contains(marker));
    }
    demarche().args(["completions", "tcsh"]).assert().code(2);
}

// ---- exit code 3: the database cannot be opened ----------------------------------------

#[test]
fn a_file_of_garbage_exits_3() {
    let dir = tempfile::tempdir().unwrap();
    let path = dir.path().join("garbage.db");
    std::fs::write(&path, b"\x00\x01 this is garbage, not a database \xff\xfe").unwrap();
    demarche()
        .arg(&path)
        .args(["-c", "RETURN 1"])
        .assert()
        .code(3)
        .stdout("")
        .stderr(predicate::str::contains(format!("error: {} is not a demarche database", path.display())));
    assert_eq!(std::fs::read(&path).unwrap()[..4], *b"\x00\x01 t", "the file is left as it was");
}

#[test]
fn a_database_locked_by_a_child_process_exits_3() {
    let dir = tempfile::tempdir().unwrap();
    let path = dir.path().join("held.db");
    // A REPL-less child holds the database open while it waits for the rest of its stdin.
    let mut holder = std::process::Command::new(env!("CARGO_BIN_EXE_demarche"))
        .arg(&path)
        .args(["--format", "csv"])
        .stdin(std::process::Stdio::piped())
        .stdout(std::process::Stdio::piped())
        .spawn()
        .unwrap();
    let mut stdin = holder.stdin.take().unwrap();
    writeln!(stdin, "RETURN 'open' AS state;").unwrap();
    let mut line = String::new();
    let mut stdout = std::io::BufReader::new(holder.stdout.take().unwrap());
    std::io::BufRead::read_line(&mut stdout, &mut line).unwrap();
    assert_eq!(line, "state\n", "the holder has opened the database");
    demarche()
        .arg(&path)
        .args(["-c", "RETURN 1"])
        .assert()
        .code(3)
        .stderr(predicate::str::contains("database is locked"));
    // A reader beside the writer is allowed and sees the last committed state.
    demarche()
        .arg(&path)
        .args(["--read-only", "--format", "csv", "-c", "RETURN 1 AS one"])
        .assert()
        .success()
        .stdout("one\n1\n");
    drop(stdin);
    assert!(holder.wait().unwrap().success());
    demarche().arg(&path).args(["-c", "RETURN 1"]).assert().success();
}

#[test]
fn an_unreadable_database_exits_3() {
    let dir = tempfile::tempdir().unwrap();
    let as_dir = dir.path().join("a-directory.db");
    std::fs::create_dir(&as_dir).unwrap();
    demarche()
        .arg(&as_dir)
        .args(["-c", "RETURN 1"])
        .assert()
        .code(3)
        .stderr(predicate::str::contains("a-directory.db"));
    // chmod 000 only makes a file unreadable for a user who is not root.
    let path = dir.path().join("private.db");
    demarche::Database::open(&path).unwrap().execute("CREATE (:A)", &demarche::Params::new()).unwrap();
    use std::os::unix::fs::PermissionsExt;
    std::fs::set_permissions(&path, std::fs::Permissions::from_mode(0o000)).unwrap();
    if std::fs::File::open(&path).is_err() {
        demarche()
            .arg(&path)
            .args(["-c", "RETURN 1"])
            .assert()
            .code(3)
            .stderr(predicate::str::contains("private.db").and(predicate::str::contains("ermission denied")));
    }
    std::fs::set_permissions(&path, std::fs::Permissions::from_mode(0o600)).unwrap();
}

#[test]
fn a_newer_format_version_exits_3_naming_both_versions() {
    let dir = tempfile::tempdir().unwrap();
    let path = dir.path().join("future.db");
    {
        let db = demarche::Database::open(&path).unwrap();
        db.execute("CREATE (:A {name: 'x'})", &demarche::Params::new()).unwrap();
        db.checkpoint().unwrap();
    }
    // Snapshot header: magic (8) · version u32 · ... · header CRC32 over the first 40 bytes at 40.
    let mut bytes = std::fs::read(&path).unwrap();
    let newer = demarche::FORMAT_VERSION + 1;
    bytes[8..12].copy_from_slice(&newer.to_le_bytes());
    let crc = crc32fast::hash(&bytes[..40]);
    bytes[40..44].copy_from_slice(&crc.to_le_bytes());
    std::fs::write(&path, &bytes).unwrap();
    demarche().arg(&path).args(["-c", "RETURN 1"]).assert().code(3).stderr(predicate::str::contains(
        format!("has format version {newer}; this build reads up to version {}", demarche::FORMAT_VERSION),
    ));
}

// ---- rendered output and errors, as snapshots --------------------------------------------

fn stdout_of(args: &[&str]) -> String {
    let out = demarche().args(args).output().unwrap();
    assert!(out.status.success(), "{}", String::from_utf8_lossy(&out.stderr));
    String::from_utf8(out.stdout).unwrap()
}

const SNAPSHOT_QUERY: &str = "MATCH (p:Person)-[w:WORKS_FOR]->(o:Embassy) \
    RETURN p.name AS person, w.title AS title, o AS embassy, p.aliases AS aliases ORDER BY person LIMIT 3";

#[test]
fn table_output_snapshot() {
    insta::assert_snapshot!("table", stdout_of(&["-c", SNAPSHOT_QUERY]));
}

#[test]
fn json_output_snapshot() {
    insta::assert_snapshot!("json", stdout_of(&["--format", "json", "-c", SNAPSHOT_QUERY]));
}

#[test]
fn jsonl_output_snapshot() {
    insta::assert_snapshot!("jsonl", stdout_of(&["--format", "jsonl", "-c", SNAPSHOT_QUERY]));
}

#[test]
fn csv_output_snapshot() {
    insta::assert_snapshot!("csv", stdout_of(&["--format", "csv", "-c", SNAPSHOT_QUERY]));
}

#[test]
fn markdown_output_snapshot() {
    insta::assert_snapshot!("markdown", stdout_of(&["--format", "markdown", "-c", SNAPSHOT_QUERY]));
}

#[test]
fn error_rendering_snapshots() {
    let dir = tempfile::tempdir().unwrap();
    let script = dir.path().join("update.dmq");
    std::fs::write(
        &script,
        "// a script with four mistakes\nMATCH (m:Measure)\nWHERE m.count > 10\nRETRUN m.name;\n\
         claims by Zaharova;\nMATCH (m:Measure) RETURN m.name + x;\nMATCH (n:Country) DELETE n;\n",
    )
    .unwrap();
    let out = demarche().current_dir(dir.path()).args(["-f", "update.dmq"]).output().unwrap();
    assert_eq!(out.status.code(), Some(1));
    insta::assert_snapshot!("errors", String::from_utf8(out.stderr).unwrap());
}

#[test]
fn profile_steps_go_to_stderr_in_machine_formats_and_stdout_in_tables() {
    let query = "PROFILE MATCH (c:Country) RETURN count(c) AS n";
    let out = demarche().args(["--format", "json", "-c", query]).output().unwrap();
    assert!(out.status.success());
    assert_eq!(String::from_utf8(out.stdout).unwrap(), "{\"columns\":[\"n\"],\"rows\":[[3]]}\n");
    assert!(String::from_utf8(out.stderr).unwrap().contains("Match 1 pattern part(s): 3 rows"));
    demarche()
        .args(["-c", query])
        .assert()
        .success()
        .stdout(predicate::str::contains("Aggregate").and(predicate::str::contains("│ 3")));
}
