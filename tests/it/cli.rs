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
        .args(["--format", "markdown", "-c", "RETURN 1 AS a"])
        .assert()
        .success()
        .stdout("| a |\n|---|\n| 1 |\n");
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
