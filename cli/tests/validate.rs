//! `awsval validate` on a real model: Lambda's `CreateFunction` input with five kinds of
//! violation at once, each printed with its path, in the order of the input shape's members;
//! `--botocore` checks botocore's subset.

use std::io::Write as _;
use std::path::PathBuf;
use std::process::{Command, Output, Stdio};

fn awsval(args: &[&str], stdin: &[u8]) -> Output {
    let mut child = Command::new(env!("CARGO_BIN_EXE_awsval"))
        .args(args)
        .stdin(Stdio::piped())
        .stdout(Stdio::piped())
        .stderr(Stdio::piped())
        .spawn()
        .expect("the binary runs");
    child.stdin.take().expect("piped").write_all(stdin).unwrap();
    child.wait_with_output().unwrap()
}

/// The latest `service-2.json` of Lambda in the pinned botocore.
fn lambda() -> PathBuf {
    let data = awsval_conformance::fetch::botocore().expect("botocore 1.44.8 can be fetched").join("botocore/data");
    let mut versions: Vec<PathBuf> =
        std::fs::read_dir(data.join("lambda")).unwrap().map(|e| e.unwrap().path()).collect();
    versions.sort();
    versions.last().unwrap().join("service-2.json")
}

const INPUT: &str = r#"{"FunctionName": "FUNCTION", "Role": "not-an-arn", "Runtime": "cobol9", "MemorySize": 5}"#;

#[test]
fn five_kinds_of_violation_are_caught_in_one_run_each_with_its_path() {
    let model = lambda();
    let input = INPUT.replace("FUNCTION", &"f".repeat(141));
    let output =
        awsval(&["validate", "--model", model.to_str().unwrap(), "--operation", "CreateFunction"], input.as_bytes());
    assert_eq!(output.status.code(), Some(1));
    let text = String::from_utf8(output.stdout).unwrap();
    let lines: Vec<&str> = text.lines().collect();
    assert_eq!(lines.len(), 5, "{text}");
    assert_eq!(
        lines[0],
        "FunctionName: Value with length 141 at '/FunctionName' failed to satisfy constraint: Member must have length between 1 and 140, inclusive"
    );
    assert!(
        lines[1].starts_with(
            "Runtime: Value at '/Runtime' failed to satisfy constraint: Member must satisfy enum value set: [nodejs, "
        ),
        "{}",
        lines[1]
    );
    assert!(
        lines[2].starts_with(
            "Role: Value at '/Role' failed to satisfy constraint: Member must satisfy regular expression pattern: arn:"
        ),
        "{}",
        lines[2]
    );
    assert_eq!(
        lines[4],
        "MemorySize: Value at '/MemorySize' failed to satisfy constraint: Member must be between 128 and 32768, inclusive"
    );
    assert_eq!(lines[3], "Code: Value at '/Code' failed to satisfy constraint: Member must not be null");
    assert!(String::from_utf8_lossy(&output.stderr).ends_with("awsval: 5 violations\n"));
}

#[test]
fn botocore_checks_only_required_members_types_and_minimums() {
    let model = lambda();
    let input = INPUT.replace("FUNCTION", &"f".repeat(141));
    let args = ["validate", "--botocore", "--model", model.to_str().unwrap(), "--operation", "CreateFunction"];
    let output = awsval(&args, input.as_bytes());
    let text = String::from_utf8(output.stdout).unwrap();
    assert_eq!(text.lines().map(|line| line.split(':').next().unwrap()).collect::<Vec<_>>(), ["Code", "MemorySize"]);
    let valid = r#"{"FunctionName": "f", "Role": "arn:aws:iam::123456789012:role/r", "Code": {"ZipFile": "UEs="}}"#;
    let output = awsval(&args, valid.as_bytes());
    assert!(output.status.success(), "{}", String::from_utf8_lossy(&output.stdout));
    let all = ["validate", "--model", model.to_str().unwrap(), "--operation", "CreateFunction"];
    let output = awsval(&all, valid.as_bytes());
    assert!(output.status.success(), "{}", String::from_utf8_lossy(&output.stdout));
    assert_eq!(String::from_utf8_lossy(&output.stderr), "awsval: valid\n");
}

#[test]
fn a_smithy_ast_is_a_model_too_with_service_picking_the_service() {
    let Some(file) = awsval_conformance::fetch::shared("smithy/aws-protocol-tests.json") else { return };
    let model = file.to_str().unwrap();
    let input = br#"{"byte": 9, "minFloat": 2.1, "maxLong": 8}"#;
    let args = ["validate", "--model", model, "--service", "RestJsonValidation", "--operation", "MalformedRange"];
    let output = awsval(&args, input);
    assert_eq!(output.status.code(), Some(1));
    assert_eq!(
        String::from_utf8(output.stdout).unwrap(),
        "byte: Value at '/byte' failed to satisfy constraint: Member must be between 2 and 8, inclusive\n\
         minFloat: Value at '/minFloat' failed to satisfy constraint: Member must be greater than or equal to 2.2\n"
    );
    let output = awsval(&["validate", "--model", model, "--operation", "MalformedRange"], input);
    assert!(String::from_utf8_lossy(&output.stderr).contains("15 services: pick one of"));
}
