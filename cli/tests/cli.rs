//! The `awsval` binary, run as a user would.

use std::process::{Command, Output};

fn awsval(args: &[&str]) -> Output {
    Command::new(env!("CARGO_BIN_EXE_awsval"))
        .args(args)
        .output()
        .expect("the binary runs")
}

fn stdout(output: &Output) -> String {
    String::from_utf8_lossy(&output.stdout).into_owned()
}

#[test]
fn help_lists_the_commands() {
    let output = awsval(&["--help"]);
    assert!(output.status.success());
    assert!(stdout(&output).contains("timestamp"), "{}", stdout(&output));
}

#[test]
fn converts_timestamps_between_formats() {
    let output = awsval(&["timestamp", "2014-04-29T18:30:38.5+01:00"]);
    assert!(output.status.success());
    assert_eq!(stdout(&output), "1398792638.5\n");
    let output = awsval(&[
        "timestamp",
        "--from",
        "epoch-seconds",
        "--to",
        "http-date",
        "0",
    ]);
    assert_eq!(stdout(&output), "Thu, 01 Jan 1970 00:00:00 GMT\n");
}

#[test]
fn bad_input_is_an_error_on_stderr_with_status_1() {
    let output = awsval(&["timestamp", "2014-02-30T00:00:00Z"]);
    assert_eq!(output.status.code(), Some(1));
    assert_eq!(stdout(&output), "");
    assert_eq!(
        String::from_utf8_lossy(&output.stderr),
        "awsval: data error: invalid date-time timestamp: no such day in that month\n"
    );
}
