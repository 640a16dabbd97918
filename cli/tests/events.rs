//! `awsval decode --operation` on streaming operations reads a recorded stream of frames and
//! prints the output's other members, then each event, as JSON Lines; `awsval encode --events`
//! writes JSON Lines of events as frames. On three real models: Bedrock Runtime's
//! `ConverseStream` (restJson1), S3's `SelectObjectContent` (restXml), Kinesis's
//! `SubscribeToShard` (awsJson1_1).

use std::io::Write as _;
use std::path::PathBuf;
use std::process::{Command, Output, Stdio};

use awsval::json::{self, JsonSettings};
use awsval::model::botocore;
use awsval::protocol::{self, Protocol, ResponseOptions};
use serde_json::{Value as Json, json};

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

/// The latest `service-2.json` of `service` in the pinned botocore.
fn model_file(service: &str) -> PathBuf {
    let data = awsval_conformance::fetch::botocore().expect("botocore 1.44.8 can be fetched").join("botocore/data");
    let mut versions: Vec<PathBuf> =
        std::fs::read_dir(data.join(service)).unwrap().map(|e| e.unwrap().path()).collect();
    versions.sort();
    versions.last().unwrap().join("service-2.json")
}

/// Writes `output` (plain JSON, its stream member a list of events) as the service's response,
/// then reads the response's body back with the CLI, fed on standard input.
fn round_trip(service: &str, operation: &str, output: &Json) -> Vec<Json> {
    let path = model_file(service);
    let model = botocore::load(&std::fs::read(&path).unwrap()).unwrap();
    let protocol = Protocol::of_service(model.service()).unwrap();
    let op = model.operation(operation).unwrap();
    let value = json::decode(output.to_string().as_bytes(), op.output().unwrap(), &JsonSettings::plain()).unwrap();
    let reply = protocol::encode_response(protocol, op, &value, &ResponseOptions::default()).unwrap();
    let mut args = vec!["decode", "--model", path.to_str().unwrap(), "--operation", operation];
    let headers: Vec<String> = reply.headers.iter().map(|(n, v)| format!("{n}: {v}")).collect();
    for header in &headers {
        args.extend(["-H", header.as_str()]);
    }
    let result = awsval(&args, &reply.body);
    assert!(result.status.success(), "{}", String::from_utf8_lossy(&result.stderr));
    String::from_utf8(result.stdout).unwrap().lines().map(|line| serde_json::from_str(line).unwrap()).collect()
}

#[test]
fn bedrock_converse_stream_prints_each_event_as_a_line() {
    let events = json!([
        {"messageStart": {"role": "assistant"}},
        {"contentBlockDelta": {"delta": {"text": "Hel"}, "contentBlockIndex": 0}},
        {"contentBlockDelta": {"delta": {"text": "lo"}, "contentBlockIndex": 0}},
        {"messageStop": {"stopReason": "end_turn"}}
    ]);
    let lines = round_trip("bedrock-runtime", "ConverseStream", &json!({"stream": events}));
    assert_eq!(lines[0], json!({}));
    assert_eq!(Json::Array(lines[1..].to_vec()), events);
}

#[test]
fn s3_select_object_content_prints_each_event_as_a_line() {
    let events = json!([
        {"Records": {"Payload": "aWQsbmFtZQoxLGEK"}},
        {"Stats": {"Details": {"BytesScanned": 20, "BytesProcessed": 20, "BytesReturned": 12}}},
        {"End": {}}
    ]);
    let lines = round_trip("s3", "SelectObjectContent", &json!({"Payload": events}));
    assert_eq!(lines[0], json!({}));
    assert_eq!(Json::Array(lines[1..].to_vec()), events);
}

#[test]
fn kinesis_subscribe_to_shard_prints_each_event_as_a_line() {
    let event = json!({"SubscribeToShardEvent": {
        "Records": [{"SequenceNumber": "1", "Data": "aGk=", "PartitionKey": "k",
                     "ApproximateArrivalTimestamp": "2024-01-01T00:00:00Z"}],
        "ContinuationSequenceNumber": "2", "MillisBehindLatest": 0}});
    let lines = round_trip("kinesis", "SubscribeToShard", &json!({"EventStream": [event]}));
    assert_eq!(lines, [json!({}), event]);
}

#[test]
fn json_lines_of_events_are_written_as_frames_and_read_back() {
    let path = model_file("bedrock-runtime");
    let model = path.to_str().unwrap();
    let lines = "{\"messageStart\": {\"role\": \"assistant\"}}\n{\"messageStop\": {\"stopReason\": \"end_turn\"}}\n";
    let frames = awsval(&["encode", "--model", model, "--shape", "ConverseStreamOutput", "--events"], lines.as_bytes());
    assert!(frames.status.success(), "{}", String::from_utf8_lossy(&frames.stderr));
    assert_eq!(awsval::event_stream::decode_all(&frames.stdout).unwrap().len(), 2);
    let read = awsval(&["decode", "--model", model, "--operation", "ConverseStream"], &frames.stdout);
    let text = String::from_utf8(read.stdout).unwrap();
    assert_eq!(
        text.lines().skip(1).collect::<Vec<_>>(),
        [r#"{"messageStart":{"role":"assistant"}}"#, r#"{"messageStop":{"stopReason":"end_turn"}}"#]
    );
    // A stream cut inside a frame is an error, after the events that came whole.
    let cut = &frames.stdout[..frames.stdout.len() - 3];
    let read = awsval(&["decode", "--model", model, "--operation", "ConverseStream"], cut);
    assert_eq!(read.status.code(), Some(1));
    assert!(String::from_utf8_lossy(&read.stderr).contains("the stream ends inside a frame"));
}

#[test]
fn each_event_goes_out_as_a_frame_the_moment_its_line_is_read() {
    let path = model_file("bedrock-runtime");
    let mut child = Command::new(env!("CARGO_BIN_EXE_awsval"))
        .args(["encode", "--model", path.to_str().unwrap(), "--shape", "ConverseStreamOutput", "--events"])
        .stdin(Stdio::piped())
        .stdout(Stdio::piped())
        .spawn()
        .expect("the binary runs");
    let mut stdin = child.stdin.take().expect("piped");
    let mut stdout = child.stdout.take().expect("piped");
    stdin.write_all(b"{\"messageStart\": {\"role\": \"assistant\"}}\n").unwrap();
    stdin.flush().unwrap();
    // The input is still open: the first frame must come out whole all the same.
    let mut prelude = [0; 4];
    std::io::Read::read_exact(&mut stdout, &mut prelude).unwrap();
    let mut frame = prelude.to_vec();
    frame.resize(u32::from_be_bytes(prelude) as usize, 0);
    std::io::Read::read_exact(&mut stdout, &mut frame[4..]).unwrap();
    let messages = awsval::event_stream::decode_all(&frame).unwrap();
    assert_eq!(messages[0].header_str(":event-type"), Some("messageStart"));
    drop(stdin);
    assert!(child.wait().unwrap().success());
}
