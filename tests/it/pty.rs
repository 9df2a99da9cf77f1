//! The real binary in a pseudo-terminal: the REPL as a person uses it. Every wait is for
//! expected output (or terminal state) with a generous timeout, never a fixed sleep.

use nix::sys::termios::{LocalFlags, tcgetattr};
use rexpect::process::WaitStatus;
use rexpect::session::{Options, PtySession, spawn_with_options};
use std::time::{Duration, Instant};

/// Generous: a debug build loads the built-in graph in a few seconds on a busy machine.
const TIMEOUT_MS: u64 = 120_000;

fn spawn_repl(history: &std::path::Path) -> PtySession {
    let mut command = std::process::Command::new(env!("CARGO_BIN_EXE_demarche"));
    command.env("DEMARCHE_HISTORY", history).env("TERM", "xterm").env("NO_COLOR", "1");
    let options = Options::new().timeout_ms(Some(TIMEOUT_MS)).strip_ansi_escape_codes(true);
    spawn_with_options(command, options).unwrap()
}

/// Waits until the terminal has left raw mode, i.e. the line editor has handed the input over and
/// a query is running: only then does Ctrl-C reach the program as SIGINT rather than as a key.
fn wait_for_cooked_mode(session: &PtySession) {
    let master = session.process().get_file_handle().unwrap();
    let deadline = Instant::now() + Duration::from_millis(TIMEOUT_MS);
    while !tcgetattr(&master).unwrap().local_flags.contains(LocalFlags::ICANON) {
        assert!(Instant::now() < deadline, "the REPL never started running the query");
        std::thread::sleep(Duration::from_millis(5));
    }
}

#[test]
fn repl_in_a_terminal_multi_line_tab_history_ctrl_c_and_ctrl_d() {
    let dir = tempfile::tempdir().unwrap();
    let history = dir.path().join("history");
    let mut p = spawn_repl(&history);
    p.exp_string("Try:").unwrap();
    p.exp_string("builtin> ").unwrap();

    // A query over two lines; the entity name is completed with Tab inside its quotes.
    p.send("MATCH (p:Person {name: 'Anatoly Ant").unwrap();
    p.send("\t").unwrap();
    p.flush().unwrap();
    p.exp_string("'Anatoly Antonov'").unwrap();
    p.send("})\r").unwrap();
    p.flush().unwrap();
    p.exp_string("...> ").unwrap();
    p.send("RETURN p.title AS title;\r").unwrap();
    p.flush().unwrap();
    p.exp_string("Russian Ambassador to the United States").unwrap();
    p.exp_string("1 row").unwrap();
    p.exp_string("builtin> ").unwrap();
    let saved = std::fs::read_to_string(&history).unwrap();
    assert!(
        saved.contains("MATCH (p:Person {name: 'Anatoly Antonov'})"),
        "saved after the statement: {saved}"
    );

    // The up arrow brings the whole two-line statement back; Enter runs it again.
    p.send("\x1b[A").unwrap();
    p.flush().unwrap();
    p.exp_string("RETURN p.title AS title;").unwrap();
    p.send("\r").unwrap();
    p.flush().unwrap();
    p.exp_string("Russian Ambassador to the United States").unwrap();
    p.exp_string("1 row").unwrap();
    p.exp_string("builtin> ").unwrap();

    // Ctrl-C at the prompt drops the line being typed and stays in the REPL.
    p.send("RETURN 'abandoned' AS x").unwrap();
    p.send_control('c').unwrap();
    let output = p.exp_string("builtin> ").unwrap();
    assert!(!output.contains("1 row"), "the abandoned line did not run: {output}");

    // Ctrl-C while a query runs cancels the query, not the REPL.
    p.send("MATCH (a), (b), (c), (d) RETURN count(*) AS n;\r").unwrap();
    p.flush().unwrap();
    wait_for_cooked_mode(&p);
    p.send_control('c').unwrap();
    p.exp_string("query cancelled").unwrap();
    p.exp_string("builtin> ").unwrap();
    p.send("RETURN 'still here' AS x;\r").unwrap();
    p.flush().unwrap();
    let output = p.exp_string("1 row").unwrap();
    assert!(output.contains("still here"), "{output}");
    p.exp_string("builtin> ").unwrap();

    // Ctrl-D leaves with exit code 0.
    p.send_control('d').unwrap();
    p.exp_eof().unwrap();
    assert!(matches!(p.process().wait().unwrap(), WaitStatus::Exited(_, 0)));
}
