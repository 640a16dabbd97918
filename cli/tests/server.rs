//! `awsval decode-request` and `encode-response`, run as a user would: on hand-written
//! messages, on bad ones, and over every case of the botocore suites' server side.

use std::path::{Path, PathBuf};
use std::process::{Command, Output};

use awsval_conformance::{ExchangeKind, Report, Side, SkipList, exchanges, fetch};

fn awsval(args: &[&str]) -> Output {
    Command::new(env!("CARGO_BIN_EXE_awsval")).args(args).output().expect("the binary runs")
}

fn folder(name: &str) -> PathBuf {
    let dir = std::env::temp_dir().join(format!("awsval-cli-server-{}-{name}", std::process::id()));
    std::fs::create_dir_all(&dir).unwrap();
    dir
}

fn write(dir: &Path, name: &str, bytes: &[u8]) -> String {
    let path = dir.join(name);
    std::fs::write(&path, bytes).unwrap();
    path.to_str().unwrap().to_owned()
}

const QUEUES: &str = r#"{
  "metadata": {"protocol": "json", "jsonVersion": "1.0", "targetPrefix": "AmazonSQS", "awsQueryCompatible": {}},
  "operations": {"GetQueueUrl": {"name": "GetQueueUrl", "input": {"shape": "In"}, "output": {"shape": "Out"},
                                 "errors": [{"shape": "QueueDoesNotExist"}]}},
  "shapes": {
    "In": {"type": "structure", "required": ["QueueName"], "members": {"QueueName": {"shape": "S"}}},
    "Out": {"type": "structure", "members": {"QueueUrl": {"shape": "S"}}},
    "QueueDoesNotExist": {"type": "structure", "members": {"message": {"shape": "S"}}, "exception": true,
                          "error": {"code": "AWS.SimpleQueueService.NonExistentQueue", "httpStatusCode": 400, "senderFault": true}},
    "S": {"type": "string"}
  }
}"#;

#[test]
fn decode_request_prints_the_operation_and_its_input() {
    let dir = folder("decode");
    let model = write(&dir, "model.json", QUEUES.as_bytes());
    let message = b"POST / HTTP/1.1\r\nHost: sqs.us-east-1.amazonaws.com\r\nX-Amz-Target: AmazonSQS.GetQueueUrl\r\n\
                    Content-Type: application/x-amz-json-1.0\r\nContent-Length: 21\r\n\r\n{\"QueueName\": \"jobs\"}";
    let request = write(&dir, "request.http", message);
    let output = awsval(&["decode-request", "--model", &model, &request]);
    assert!(output.status.success(), "{}", String::from_utf8_lossy(&output.stderr));
    assert_eq!(
        String::from_utf8_lossy(&output.stdout),
        "{\n  \"operation\": \"GetQueueUrl\",\n  \"input\": {\n    \"QueueName\": \"jobs\"\n  }\n}\n"
    );

    // As `curl -v` prints it: head lines after `> `.
    let traced = "* Connected to sqs.us-east-1.amazonaws.com\n> POST / HTTP/1.1\n> Host: sqs.us-east-1.amazonaws.com\n\
                  > X-Amz-Target: AmazonSQS.GetQueueUrl\n> Content-Length: 21\n>\n{\"QueueName\": \"jobs\"}";
    let request = write(&dir, "traced.http", traced.as_bytes());
    let output = awsval(&["decode-request", "--model", &model, &request]);
    assert!(output.status.success(), "{}", String::from_utf8_lossy(&output.stderr));
}

#[test]
fn decode_request_refusals_say_what_a_server_answers() {
    let dir = folder("refusals");
    let model = write(&dir, "model.json", QUEUES.as_bytes());
    for (message, said) in [
        (
            &b"POST / HTTP/1.1\r\nX-Amz-Target: AmazonSQS.Nope\r\nContent-Length: 2\r\n\r\n{}"[..],
            "awsval: UnknownOperationException (HTTP 400): data error: no operation of the model is the request's X-Amz-Target\n",
        ),
        (
            b"POST / HTTP/1.1\r\nX-Amz-Target: AmazonSQS.GetQueueUrl\r\nContent-Length: 16\r\n\r\n{\"QueueName\": 7}",
            "awsval: SerializationException (HTTP 400): data error: expected a string, found a number at QueueName (byte 14)\n",
        ),
        (
            b"POST / HTTP/1.1\r\nContent-Length: 9\r\n\r\n{}",
            "awsval: syntax error: the body ends after 2 bytes; Content-Length says 9 (byte 40)\n",
        ),
        (
            b"POST / HTTP/1.1\r\nHost",
            "awsval: syntax error: the request message ends inside its head (no blank line after the headers) (byte 0)\n",
        ),
    ] {
        let request = write(&dir, "request.http", message);
        let output = awsval(&["decode-request", "--model", &model, &request]);
        assert_eq!(output.status.code(), Some(1));
        assert_eq!(String::from_utf8_lossy(&output.stderr), said);
    }
}

#[test]
fn encode_response_writes_outputs_and_errors() {
    let dir = folder("encode");
    let model = write(&dir, "model.json", QUEUES.as_bytes());
    let output_file = write(&dir, "output.json", br#"{"QueueUrl": "https://sqs/1/jobs"}"#);
    let output = awsval(&[
        "encode-response",
        "--model",
        &model,
        "--operation",
        "GetQueueUrl",
        "--request-id",
        "r-1",
        &output_file,
    ]);
    assert!(output.status.success(), "{}", String::from_utf8_lossy(&output.stderr));
    assert_eq!(
        String::from_utf8_lossy(&output.stdout),
        "HTTP/1.1 200 OK\r\nContent-Type: application/x-amz-json-1.0\r\nx-amzn-RequestId: r-1\r\nContent-Length: 33\r\n\r\n\
         {\"QueueUrl\":\"https://sqs/1/jobs\"}"
    );

    let members = write(&dir, "error.json", br#"{"message": "no such queue"}"#);
    let output = awsval(&[
        "encode-response",
        "--model",
        &model,
        "--operation",
        "GetQueueUrl",
        "--error",
        "QueueDoesNotExist",
        &members,
    ]);
    assert!(output.status.success(), "{}", String::from_utf8_lossy(&output.stderr));
    assert_eq!(
        String::from_utf8_lossy(&output.stdout),
        "HTTP/1.1 400 Bad Request\r\nContent-Type: application/x-amz-json-1.0\r\n\
         x-amzn-query-error: AWS.SimpleQueueService.NonExistentQueue;Sender\r\nContent-Length: 56\r\n\r\n\
         {\"__type\":\"QueueDoesNotExist\",\"message\":\"no such queue\"}"
    );

    // An error the model does not have: a code, a message and a status.
    let empty = write(&dir, "empty.json", b"{}");
    let output = awsval(&[
        "encode-response",
        "--model",
        &model,
        "--operation",
        "GetQueueUrl",
        "--error",
        "ThrottlingException",
        "--message",
        "slow down",
        "--status",
        "429",
        &empty,
    ]);
    assert!(output.status.success(), "{}", String::from_utf8_lossy(&output.stderr));
    assert!(String::from_utf8_lossy(&output.stdout).starts_with("HTTP/1.1 429 Too Many Requests\r\n"));
    assert!(
        String::from_utf8_lossy(&output.stdout).ends_with(r#"{"__type":"ThrottlingException","message":"slow down"}"#)
    );

    let wrong = write(&dir, "wrong.json", br#"{"QueueUrl": 7}"#);
    let output = awsval(&["encode-response", "--model", &model, "--operation", "GetQueueUrl", &wrong]);
    assert_eq!(output.status.code(), Some(1));
    assert_eq!(
        String::from_utf8_lossy(&output.stderr),
        "awsval: data error: expected a string, found a number at QueueUrl (byte 13)\n"
    );
}

/// Every request of the suites' server side read by `decode-request`, every answer written by
/// `encode-response`, each checked as the conformance runner checks it.
#[test]
fn decode_request_and_encode_response_round_trip_the_suites() {
    let suites = fetch::pinned_suites().expect("botocore's suites are fetched");
    let skips = SkipList::builtin().unwrap();
    let all = exchanges(&suites, &skips).unwrap();
    let server = Report::run_sides(&suites, &skips, &[Side::Server]).unwrap().totals();
    assert_eq!(all.len(), server.passed + server.failed, "one exchange per case the server's side runs");

    let dir = folder("suites");
    let mut failures = Vec::new();
    for exchange in &all {
        let model = write(&dir, "model.json", exchange.model.to_string().as_bytes());
        let differences = match &exchange.kind {
            ExchangeKind::Request { message, .. } => {
                let request = write(&dir, "request.http", message);
                let output = awsval(&["decode-request", "--model", &model, &request]);
                match serde_json::from_slice(&output.stdout) {
                    Ok(printed) if output.status.success() => exchange.check_request(&printed),
                    _ => Err(String::from_utf8_lossy(&output.stderr).into_owned()),
                }
            }
            ExchangeKind::Response { members, error, request_id } => {
                let input = write(&dir, "answer.json", members.to_string().as_bytes());
                let mut args = vec!["encode-response", "--model", &model, "--operation", &exchange.operation];
                let status;
                if let Some(error) = error {
                    status = error.status.to_string();
                    args.extend(["--error", &error.shape, "--status", &status]);
                    if let Some(message) = &error.message {
                        args.extend(["--message", message]);
                    }
                }
                if let Some(id) = request_id {
                    args.extend(["--request-id", id]);
                }
                args.push(&input);
                let output = awsval(&args);
                match output.status.success() {
                    true => exchange.check_response(&output.stdout),
                    false => Err(String::from_utf8_lossy(&output.stderr).into_owned()),
                }
            }
        };
        match differences {
            Ok(differences) if differences.is_empty() => {}
            Ok(differences) => {
                failures.push(format!("{} :: {}: {}", exchange.file, exchange.id, differences.join("; ")))
            }
            Err(problem) => failures.push(format!("{} :: {}: {problem}", exchange.file, exchange.id)),
        }
    }
    assert!(failures.is_empty(), "{} of {} failed:\n{}", failures.len(), all.len(), failures.join("\n"));
}
