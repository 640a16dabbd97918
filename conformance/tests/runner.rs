//! The runner on a small suite written here: passes, precise failures, skips, the report.

use std::path::PathBuf;

use awsval_conformance::{Outcome, Report, Side, SkipList};

const SUITE: &str = r#"[
  {
    "description": "Test cases for Put operation",
    "metadata": {"protocol": "json", "jsonVersion": "1.1", "targetPrefix": "Svc"},
    "shapes": {
      "In": {"type": "structure", "members": {"Name": {"shape": "S"}, "When": {"shape": "T"}, "Data": {"shape": "B"}}},
      "Out": {"type": "structure", "members": {"Count": {"shape": "I"}, "Ratio": {"shape": "F"}}},
      "Oops": {"type": "structure", "members": {"Message": {"shape": "S"}, "Detail": {"shape": "S"}}, "exception": true},
      "S": {"type": "string"}, "T": {"type": "timestamp"}, "B": {"type": "blob"}, "I": {"type": "integer"},
      "F": {"type": "double"}
    },
    "cases": [
      {
        "id": "PutPasses",
        "given": {"name": "Put", "http": {"method": "POST", "requestUri": "/"}, "input": {"shape": "In"}},
        "params": {"Name": "n", "When": 1.5, "Data": "hi"},
        "serialized": {"method": "POST", "uri": "/", "body": "{\"Name\": \"n\", \"When\": 1.5, \"Data\": \"aGk=\"}",
                       "headers": {"X-Amz-Target": "Svc.Put"}, "forbidHeaders": ["X-Forbidden"], "requireHeaders": ["Content-Length"]}
      },
      {
        "id": "PutFails",
        "given": {"name": "Put", "http": {"method": "POST", "requestUri": "/"}, "input": {"shape": "In"}},
        "params": {"Name": "n"},
        "serialized": {"method": "POST", "uri": "/x", "body": "{\"Name\": \"m\"}", "headers": {"X-Amz-Target": "Svc.Get"},
                       "forbidHeaders": ["Content-Type"]}
      },
      {
        "id": "GetParses",
        "given": {"name": "Get", "http": {"method": "POST", "requestUri": "/"}, "output": {"shape": "Out"}},
        "result": {"Count": 3, "Ratio": "NaN"},
        "response": {"status_code": 200, "headers": {}, "body": "{\"Count\": 3, \"Ratio\": \"NaN\"}"}
      },
      {
        "id": "GetErrors",
        "given": {"name": "Get", "http": {"method": "POST", "requestUri": "/"}, "output": {"shape": "Out"}},
        "errorCode": "Oops", "errorMessage": "bad", "error": {"Message": "bad", "Detail": "d"},
        "response": {"status_code": 400, "headers": {}, "body": "{\"__type\": \"ns#Oops\", \"Message\": \"bad\", \"Detail\": \"d\"}"}
      },
      {
        "id": "GetWrongResult",
        "given": {"name": "Get", "http": {"method": "POST", "requestUri": "/"}, "output": {"shape": "Out"}},
        "result": {"Count": 4},
        "response": {"status_code": 200, "headers": {}, "body": "{\"Count\": 3, \"Ratio\": 0.5}"}
      },
      {
        "id": "Skipped",
        "given": {"name": "Get", "http": {"method": "POST", "requestUri": "/"}},
        "result": {},
        "response": {"status_code": 200, "headers": {}, "body": "not even JSON"}
      }
    ]
  }
]"#;

/// The suite in a directory of its own for `test`: tests run in parallel threads of one
/// process, and one writing the file while another reads it would read it half written.
fn suite_dir(test: &str) -> PathBuf {
    let dir = std::env::temp_dir().join(format!("awsval-runner-{}-{test}", std::process::id())).join("input");
    std::fs::create_dir_all(&dir).unwrap();
    std::fs::write(dir.join("demo.json"), SUITE).unwrap();
    dir
}

#[test]
fn runs_compares_skips_and_reports() {
    let skips =
        SkipList::parse(r#"{"skips": [{"file": "input/demo.json", "case": "Skipped", "reason": "shows skipping"}]}"#)
            .unwrap();
    let report = Report::run(&[suite_dir("runs")], &skips).unwrap();
    assert_eq!(report.files.len(), 1);
    let outcomes: Vec<(&str, &Outcome)> = report.files[0].cases.iter().map(|c| (c.id.as_str(), &c.outcome)).collect();
    assert_eq!(outcomes[0], ("PutPasses", &Outcome::Passed));
    assert_eq!(
        outcomes[1],
        (
            "PutFails",
            &Outcome::Failed(vec![
                "uri: expected \"/x\", got \"/\"".into(),
                "header X-Amz-Target: expected \"Svc.Get\", got \"Svc.Put\"".into(),
                "header Content-Type: forbidden, got \"application/x-amz-json-1.1\"".into(),
                "body $.Name: expected \"m\", got \"n\"".into(),
            ])
        )
    );
    assert_eq!(outcomes[2], ("GetParses", &Outcome::Passed));
    assert_eq!(outcomes[3], ("GetErrors", &Outcome::Passed));
    assert_eq!(
        outcomes[4],
        (
            "GetWrongResult",
            &Outcome::Failed(vec!["result $.Count: expected 4, got 3".into(), "result $.Ratio: unexpected 0.5".into()])
        )
    );
    assert_eq!(outcomes[5], ("Skipped", &Outcome::Skipped("shows skipping".into())));
    let text = report.to_string();
    let lines: Vec<&str> = text.lines().collect();
    assert!(lines[0].starts_with("FAIL input/demo.json :: Test cases for Put operation :: PutFails: uri: expected"));
    assert_eq!(lines[3], "file             passed  failed  skipped");
    assert_eq!(lines[4], "input/demo.json       3       2        1");
    assert_eq!(lines.last(), Some(&"3 passed, 2 failed, 1 skipped"));
}

#[test]
fn skip_lists_need_reasons() {
    let error = SkipList::parse(r#"{"skips": [{"file": "input/json.json", "case": "X"}]}"#).unwrap_err();
    assert_eq!(error.to_string(), "model error: skip list entry 0 has no reason");
    let builtin = SkipList::builtin().unwrap();
    // On the client's side only legacy cases and, in Smithy's suites, named customizations;
    // every other skip is one case on one side.
    let one_side = |file: &str| file.ends_with(" (server)") || file.ends_with(" (client)");
    assert!(
        builtin
            .entries()
            .iter()
            .all(|skip| skip.file.starts_with("legacy/") || (skip.case.is_some() && one_side(&skip.file))),
        "only legacy cases and single cases of one side are skipped"
    );
    assert!(
        builtin
            .entries()
            .iter()
            .filter(|skip| skip.file.ends_with(" (client)"))
            .all(|skip| skip.file.starts_with("smithy/"))
    );
    let cbor_server = "output/smithy-rpc-v2-cbor.json (server)";
    assert!(builtin.reason(cbor_server, "any suite", "RpcV2CborPayloadWithUnsetUnion").is_some());
    assert_eq!(builtin.reason("output/smithy-rpc-v2-cbor.json", "any suite", "RpcV2CborPayloadWithUnsetUnion"), None);
    assert_eq!(builtin.reason("input/smithy-rpc-v2-cbor.json", "any suite", "any"), None);
    assert_eq!(builtin.reason("input/json.json", "any suite", "any"), None);
    let list = SkipList::parse(
        r##"{"skips": [{"file": "legacy/input/json.json", "suite": "S", "case": "#0", "reason": "r"}]}"##,
    )
    .unwrap();
    assert_eq!(list.reason("legacy/input/json.json", "S", "#0"), Some("r"));
    assert_eq!(list.reason("legacy/input/json.json", "T", "#0"), None);
}

#[test]
fn missing_paths_are_errors() {
    let error = Report::run(&[PathBuf::from("/no/such/suite.json")], &SkipList::default()).unwrap_err();
    assert_eq!(error.to_string(), "I/O error: /no/such/suite.json: no such file or folder");
}

#[test]
fn the_server_side_reads_requests_and_writes_responses() {
    let skips =
        SkipList::parse(r#"{"skips": [{"file": "input/demo.json", "case": "Skipped", "reason": "shows skipping"}]}"#)
            .unwrap();
    let report = Report::run_sides(&[suite_dir("server")], &skips, &[Side::Server]).unwrap();
    assert_eq!(report.files[0].name, "input/demo.json (server)");
    let outcomes: Vec<(&str, &Outcome)> = report.files[0].cases.iter().map(|c| (c.id.as_str(), &c.outcome)).collect();
    assert_eq!(outcomes[0], ("PutPasses", &Outcome::Passed));
    // The server reads the request as sent: its X-Amz-Target names an operation the model lacks.
    let refused = "the request is refused: UnknownOperationException (HTTP 400): data error: no operation of the \
                   model is the request's X-Amz-Target";
    assert_eq!(outcomes[1], ("PutFails", &Outcome::Failed(vec![refused.into()])));
    assert_eq!(outcomes[2], ("GetParses", &Outcome::Passed));
    // The error is written with the `__type` the reader reduces to the same code.
    assert_eq!(outcomes[3], ("GetErrors", &Outcome::Passed));
    // Writing {Count: 4} reads back as itself, but is not the body the case shows.
    assert_eq!(
        outcomes[4],
        (
            "GetWrongResult",
            &Outcome::Failed(vec![
                "body $.Count: expected 3, got 4".into(),
                "body $.Ratio: missing (expected 0.5)".into()
            ])
        )
    );
    assert_eq!(outcomes[5], ("Skipped", &Outcome::Skipped("shows skipping".into())));
}
