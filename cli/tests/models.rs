//! Models by service name (`--service NAME`, `awsval models`), the help's examples and the
//! shell completions, run as a user would: no model path anywhere.

use std::path::{Path, PathBuf};
use std::process::{Command, Output};

use awsval_conformance::fetch;

/// `awsval ARGS` with the cache as the fetched botocore left it, no `$AWS_DATA_PATH` and a
/// home of its own (so no `~/.aws/models`).
fn awsval_in(home: &Path, args: &[&str]) -> Output {
    fetch::botocore().expect("botocore 1.44.8 can be fetched");
    Command::new(env!("CARGO_BIN_EXE_awsval"))
        .args(args)
        .env("AWSVAL_CACHE", fetch::cache_dir())
        .env("HOME", home)
        .env_remove("AWS_DATA_PATH")
        .output()
        .expect("the binary runs")
}

fn awsval(args: &[&str]) -> Output {
    awsval_in(&fresh_dir("home"), args)
}

fn fresh_dir(name: &str) -> PathBuf {
    let dir = std::env::temp_dir().join(format!("awsval-models-{name}-{}", std::process::id()));
    std::fs::create_dir_all(&dir).unwrap();
    dir
}

fn stdout(output: &Output) -> String {
    assert!(output.status.success(), "{}", String::from_utf8_lossy(&output.stderr));
    String::from_utf8_lossy(&output.stdout).into_owned()
}

const LIST_OBJECTS: &str = r#"<?xml version="1.0" encoding="UTF-8"?>
<ListBucketResult xmlns="http://s3.amazonaws.com/doc/2006-03-01/"><Name>b</Name><KeyCount>1</KeyCount>
<Contents><Key>a.txt</Key><LastModified>2026-01-01T00:00:00.000Z</LastModified><Size>3</Size></Contents>
<IsTruncated>false</IsTruncated></ListBucketResult>"#;

#[test]
fn fetch_then_decode_by_service_name() {
    let output = awsval(&["models", "fetch"]);
    let text = stdout(&output);
    assert!(text.starts_with("445 service models of botocore 1.44.8 in "), "{text}");
    let body = fresh_dir("s3").join("list.xml");
    std::fs::write(&body, LIST_OBJECTS).unwrap();
    let output = awsval(&["decode", "--service", "s3", "--operation", "ListObjectsV2", body.to_str().unwrap()]);
    let plain: serde_json::Value = serde_json::from_str(&stdout(&output)).unwrap();
    assert_eq!(
        plain,
        serde_json::json!({"Name": "b", "KeyCount": 1, "IsTruncated": false,
            "Contents": [{"Key": "a.txt", "LastModified": "2026-01-01T00:00:00Z", "Size": 3}]})
    );
}

/// `HeadObject` with the given headers, as plain JSON.
fn head_object(args: &[&str], headers: &[&str]) -> serde_json::Value {
    let empty = fresh_dir("empty").join("body");
    std::fs::write(&empty, "").unwrap();
    let mut all = vec!["decode"];
    all.extend(args);
    all.extend(["--operation", "HeadObject"]);
    for header in headers {
        all.extend(["-H", header]);
    }
    all.push(empty.to_str().unwrap());
    serde_json::from_str(&stdout(&awsval(&all))).unwrap()
}

#[test]
fn s3_expires_is_a_timestamp_with_the_sdk_extras_merged() {
    let date = "Expires: Thu, 01 Dec 1994 16:00:00 GMT";
    let by_name = head_object(&["--service", "s3"], &[date]);
    assert_eq!(by_name["Expires"], "1994-12-01T16:00:00Z");
    // The model file itself: its extras file lies beside it and is merged likewise.
    let found = stdout(&awsval(&["models", "find", "s3"]));
    let mut lines = found.lines();
    let model = lines.next().unwrap();
    assert!(model.ends_with("s3/2006-03-01/service-2.json"), "{found}");
    assert!(lines.next().unwrap().ends_with("s3/2006-03-01/service-2.sdk-extras.json (merged)"), "{found}");
    assert_eq!(head_object(&["--model", model], &[date])["Expires"], "1994-12-01T16:00:00Z");
    // A copy of the model without its extras types `Expires` as a string, as S3's model does.
    let bare = fresh_dir("bare").join("service-2.json");
    std::fs::copy(model, &bare).unwrap();
    assert_eq!(head_object(&["--model", bare.to_str().unwrap()], &[date])["Expires"], "Thu, 01 Dec 1994 16:00:00 GMT");
    // What S3 sends back is whatever the object was stored with: text that is no timestamp
    // is passed over, as botocore does, and the rest of the output is read.
    let odd = head_object(&["--service", "s3"], &["Expires: never", "ETag: \"e\""]);
    assert_eq!(odd, serde_json::json!({"ETag": "\"e\"", "Metadata": {}}));
}

#[test]
fn the_data_path_comes_first_and_api_versions_can_be_asked_for() {
    let data = fresh_dir("data");
    for (version, member) in [("2020-01-01", "Old"), ("2021-01-01", "New")] {
        let dir = data.join("s3").join(version);
        std::fs::create_dir_all(&dir).unwrap();
        let model = format!(
            r#"{{"metadata": {{"protocol": "json", "jsonVersion": "1.0", "targetPrefix": "Demo"}}, "operations": {{}},
               "shapes": {{"Shape": {{"type": "structure", "members": {{"{member}": {{"shape": "S"}}}}}}, "S": {{"type": "string"}}}}}}"#
        );
        std::fs::write(dir.join("service-2.json"), model).unwrap();
    }
    let run = |args: &[&str]| {
        let output = Command::new(env!("CARGO_BIN_EXE_awsval"))
            .args(args)
            .env("AWSVAL_CACHE", fetch::cache_dir())
            .env("HOME", fresh_dir("home"))
            .env("AWS_DATA_PATH", &data)
            .output()
            .unwrap();
        stdout(&output)
    };
    let decode = |extra: &[&str]| {
        let mut args = vec!["decode", "--service", "s3", "--shape", "Shape"];
        args.extend(extra);
        let input = fresh_dir("input").join("body.json");
        std::fs::write(&input, r#"{"Old": "o", "New": "n"}"#).unwrap();
        args.push(input.to_str().unwrap());
        let plain: serde_json::Value = serde_json::from_str(&run(&args)).unwrap();
        plain
    };
    assert_eq!(decode(&[]), serde_json::json!({"New": "n"}), "the newest version in $AWS_DATA_PATH wins");
    assert_eq!(decode(&["--api-version", "2020-01-01"]), serde_json::json!({"Old": "o"}));
    let list = run(&["models", "list"]);
    assert!(list.lines().any(|line| line == "s3\t2021-01-01\tjson"), "{list}");
    assert!(list.lines().any(|line| line == "dynamodb\t2012-08-10\tjson"), "the cache's services too");
    assert_eq!(list.lines().count(), 445);
}

#[test]
fn a_service_that_is_nowhere_says_what_to_run() {
    let output = Command::new(env!("CARGO_BIN_EXE_awsval"))
        .args(["decode", "--service", "s3", "--shape", "X"])
        .env("AWSVAL_CACHE", fresh_dir("empty-cache"))
        .env("HOME", fresh_dir("home"))
        .env_remove("AWS_DATA_PATH")
        .output()
        .unwrap();
    assert_eq!(output.status.code(), Some(1));
    let home = fresh_dir("home");
    assert_eq!(
        String::from_utf8_lossy(&output.stderr),
        format!(
            "awsval: model error: no botocore model of service `s3` in {}; run `awsval models fetch` to fetch \
             botocore 1.44.8's models, or give the model's file with --model\n",
            home.join(".aws/models").display()
        )
    );
    let output = awsval(&["decode", "--service", "s3", "--api-version", "1999-01-01", "--shape", "X"]);
    let error = String::from_utf8_lossy(&output.stderr);
    assert!(error.contains("no botocore model of service `s3` at API version 1999-01-01 in "), "{error}");
    assert!(error.contains("(it has 2006-03-01)"), "{error}");
    let output = awsval(&["decode", "--shape", "X"]);
    assert_eq!(output.status.code(), Some(2), "neither --model nor --service is a usage error");
}

#[test]
fn every_help_ends_with_runnable_examples() {
    let commands = [
        "decode",
        "encode",
        "transcode",
        "decode-request",
        "encode-response",
        "validate",
        "models",
        "conformance",
        "completions",
        "timestamp",
    ];
    for command in std::iter::once(None).chain(commands.map(Some)) {
        let args: Vec<&str> = command.into_iter().chain(["--help"]).collect();
        let help = stdout(&awsval(&args));
        let examples =
            help.rsplit_once("Examples:\n").map(|(_, rest)| rest).unwrap_or_else(|| panic!("{command:?}: {help}"));
        let lines: Vec<&str> = examples.lines().collect();
        assert!((2..=3).contains(&lines.len()), "{command:?}: {examples}");
        assert!(lines.iter().all(|line| line.contains("awsval ")), "{command:?}: {examples}");
    }
}

#[test]
fn the_examples_that_need_no_files_run() {
    let text = stdout(&awsval(&["timestamp", "1398796238", "--from", "epoch-seconds", "--to", "http-date"]));
    assert_eq!(text, "Tue, 29 Apr 2014 18:30:38 GMT\n");
    let mut child = Command::new(env!("CARGO_BIN_EXE_awsval"))
        .args(["encode", "--service", "dynamodb", "--shape", "ScanInput"])
        .env("AWSVAL_CACHE", fetch::cache_dir())
        .env("HOME", fresh_dir("home"))
        .env_remove("AWS_DATA_PATH")
        .stdin(std::process::Stdio::piped())
        .stdout(std::process::Stdio::piped())
        .spawn()
        .unwrap();
    std::io::Write::write_all(&mut child.stdin.take().unwrap(), br#"{"TableName": "t"}"#).unwrap();
    assert_eq!(stdout(&child.wait_with_output().unwrap()), r#"{"TableName":"t"}"#);
}

#[test]
fn completions_are_written_for_each_shell() {
    for (shell, marker) in [("bash", "_awsval()"), ("zsh", "#compdef awsval"), ("fish", "complete -c awsval")] {
        let script = stdout(&awsval(&["completions", shell]));
        assert!(script.contains(marker), "{shell}: {}", &script[..script.len().min(200)]);
        assert!(script.contains("decode-request"), "{shell} completes the subcommands");
    }
}
