//! A real AWS client against a server built on awsval: the mock server example
//! (`examples/mock_server.rs`) serves six real botocore models on 127.0.0.1, and boto3 (the
//! release of the pinned botocore, installed into the cache by the test) calls them. What boto3
//! sends must read back to the parameters it was given; what it makes of each answer must be
//! the answer the server wrote, errors included.

#[allow(dead_code, unreachable_pub)]
#[path = "../../examples/mock_server.rs"]
mod mock_server;

use std::collections::HashMap;
use std::io::Write as _;
use std::process::{Command, Stdio};
use std::sync::Arc;

use awsval_conformance::{botocore_py, fetch, json_diff};
use base64::Engine as _;
use mock_server::{Answer, MockServer};
use serde_json::{Value as Json, json};

/// One call: what boto3 is given, what the server must read, what it answers, what boto3 must
/// make of the answer.
struct Call {
    method: &'static str,
    operation: &'static str,
    params: Json,
    /// The input the server reads: the params, plus what boto3's own handlers add.
    input: Json,
    answer: Json,
    /// What boto3 returns: `{"result": ...}` or `{"error": {...}}`.
    expected: Json,
}

struct Service {
    name: &'static str,
    model: &'static str,
    calls: Vec<Call>,
}

fn b64(text: &str) -> String {
    base64::engine::general_purpose::STANDARD.encode(text)
}

/// A call whose params are the input and whose output boto3 returns as the server wrote it.
fn output_call(method: &'static str, operation: &'static str, params: Json, output: Json) -> Call {
    Call {
        method,
        operation,
        input: params.clone(),
        params,
        answer: json!({"output": output}),
        expected: json!({"result": output}),
    }
}

/// A call answered with an error.
fn error_call(
    method: &'static str,
    operation: &'static str,
    params: Json,
    error: Json,
    code: &str,
    status: u16,
) -> Call {
    let message = error["message"].as_str().or_else(|| error["members"]["message"].as_str());
    let message = message.or_else(|| error["members"]["Message"].as_str()).map(str::to_owned);
    Call {
        method,
        operation,
        input: params.clone(),
        params,
        answer: json!({"error": error}),
        expected: json!({"error": {"code": code, "message": message, "status": status}}),
    }
}

fn dynamodb() -> Service {
    let item = json!({"id": {"S": "j-1"}, "n": {"N": "42"}, "tags": {"SS": ["a", "b"]},
                      "meta": {"M": {"ok": {"BOOL": true}, "none": {"NULL": true}}}});
    let mut put = output_call(
        "put_item",
        "PutItem",
        json!({"TableName": "jobs", "Item": item, "ReturnConsumedCapacity": "TOTAL"}),
        json!({"ConsumedCapacity": {"TableName": "jobs", "CapacityUnits": 1.5}}),
    );
    // A blob: bytes to boto3, base64 in plain JSON.
    put.params["Item"]["data"] = json!({"B": {"$bytes": b64("hi")}});
    put.input["Item"]["data"] = json!({"B": b64("hi")});
    Service {
        name: "dynamodb",
        model: "dynamodb/2012-08-10",
        calls: vec![
            put,
            output_call(
                "get_item",
                "GetItem",
                json!({"TableName": "jobs", "Key": {"id": {"S": "j-1"}}, "ConsistentRead": true}),
                json!({"Item": {"id": {"S": "j-1"}, "n": {"N": "42"}, "l": {"L": [{"S": "x"}, {"N": "1"}]}}}),
            ),
            error_call(
                "describe_table",
                "DescribeTable",
                json!({"TableName": "nope"}),
                json!({"shape": "ResourceNotFoundException", "members": {"message": "Requested resource not found"}}),
                "ResourceNotFoundException",
                400,
            ),
        ],
    }
}

fn sqs() -> Service {
    let url = "https://sqs.us-east-1.amazonaws.com/123456789012/jobs";
    Service {
        name: "sqs",
        model: "sqs/2012-11-05",
        calls: vec![
            output_call("get_queue_url", "GetQueueUrl", json!({"QueueName": "jobs"}), json!({"QueueUrl": url})),
            output_call(
                "send_message",
                "SendMessage",
                json!({"QueueUrl": url, "MessageBody": "hello <&>", "DelaySeconds": 5,
                       "MessageAttributes": {"attempt": {"DataType": "Number", "StringValue": "1"}}}),
                json!({"MessageId": "5fea7756-0ea4-451a-a703-a558b933e274",
                       "MD5OfMessageBody": "fafb00f5732ab283681e124bf8747ed1"}),
            ),
            // A query-compatible service: the code travels in x-amzn-query-error too.
            error_call(
                "delete_queue",
                "DeleteQueue",
                json!({"QueueUrl": url}),
                json!({"shape": "QueueDoesNotExist", "members": {"message": "The specified queue does not exist."}}),
                "QueueDoesNotExist",
                400,
            ),
        ],
    }
}

fn lambda() -> Service {
    let mut invoke = output_call(
        "invoke",
        "Invoke",
        json!({"FunctionName": "fn", "InvocationType": "RequestResponse", "Qualifier": "$LATEST"}),
        json!({"StatusCode": 200, "ExecutedVersion": "$LATEST", "Payload": b64("{\"ok\":true}")}),
    );
    invoke.params["Payload"] = json!({"$bytes": b64("{\"a\":1}")});
    invoke.input["Payload"] = json!(b64("{\"a\":1}"));
    Service {
        name: "lambda",
        model: "lambda/2015-03-31",
        calls: vec![
            invoke,
            output_call(
                "list_functions",
                "ListFunctions",
                json!({"MaxItems": 10, "FunctionVersion": "ALL"}),
                json!({"Functions": [{"FunctionName": "fn", "Runtime": "python3.12",
                                      "LastModified": "2024-01-01T00:00:00.000+0000", "MemorySize": 128}],
                       "NextMarker": "m"}),
            ),
            error_call(
                "get_function",
                "GetFunction",
                json!({"FunctionName": "missing"}),
                json!({"shape": "ResourceNotFoundException",
                       "members": {"Type": "User", "Message": "Function not found: missing"}}),
                "ResourceNotFoundException",
                404,
            ),
        ],
    }
}

fn s3() -> Service {
    let key = "dir/a b&c+d.txt";
    let mut put = output_call(
        "put_object",
        "PutObject",
        json!({"Bucket": "b", "Key": key, "ContentType": "text/plain", "Metadata": {"owner": "me"}}),
        json!({"ETag": "\"5eb63bbbe01eeed093cb22bb8f5acdc3\"", "VersionId": "v1"}),
    );
    put.params["Body"] = json!({"$bytes": b64("hello world")});
    put.input["Body"] = json!(b64("hello world"));
    // The Content-Length header every request carries is PutObject's ContentLength member.
    put.input["ContentLength"] = json!(11);

    // boto3 asks for `EncodingType=url` itself and URL-decodes the keys and prefix of the
    // answer, as S3 encodes them when asked (botocore's handlers for ListObjectsV2).
    let object = |key: &str, size: u64| {
        json!({"Key": key, "Size": size, "ETag": "\"x&<y>\"", "StorageClass": "STANDARD",
               "LastModified": "2024-05-01T12:00:00Z"})
    };
    let sent = json!({"IsTruncated": false, "Name": "b", "Prefix": "dir/a%20b", "EncodingType": "url",
                      "KeyCount": 2, "MaxKeys": 1000,
                      "Contents": [object("dir/a%20b%26c%2Bd.txt", 11), object("dir/a%20b/%3Cx%3E.txt", 3)]});
    let mut read = sent.clone();
    read["Prefix"] = json!("dir/a b");
    read["Contents"] = json!([object(key, 11), object("dir/a b/<x>.txt", 3)]);
    let list = Call {
        method: "list_objects_v2",
        operation: "ListObjectsV2",
        params: json!({"Bucket": "b", "Prefix": "dir/a b"}),
        input: json!({"Bucket": "b", "Prefix": "dir/a b", "EncodingType": "url"}),
        answer: json!({"output": sent}),
        expected: json!({"result": read}),
    };
    Service {
        name: "s3",
        model: "s3/2006-03-01",
        calls: vec![
            put,
            list,
            error_call(
                "get_object",
                "GetObject",
                json!({"Bucket": "b", "Key": "missing.txt"}),
                json!({"shape": "NoSuchKey", "message": "The specified key does not exist."}),
                "NoSuchKey",
                404,
            ),
        ],
    }
}

fn sns() -> Service {
    let arn = "arn:aws:sns:us-east-1:123456789012:alerts";
    Service {
        name: "sns",
        model: "sns/2010-03-31",
        calls: vec![
            output_call(
                "create_topic",
                "CreateTopic",
                json!({"Name": "alerts", "Attributes": {"DisplayName": "Alerts & <Co>"},
                       "Tags": [{"Key": "team", "Value": "ops"}]}),
                json!({"TopicArn": arn}),
            ),
            output_call(
                "list_topics",
                "ListTopics",
                json!({}),
                json!({"Topics": [{"TopicArn": arn}, {"TopicArn": "arn:aws:sns:us-east-1:123456789012:b"}],
                       "NextToken": "t-2"}),
            ),
            // The error's @awsQueryError code is the one on the wire.
            error_call(
                "publish",
                "Publish",
                json!({"TopicArn": arn, "Message": "hi",
                       "MessageAttributes": {"n": {"DataType": "String", "StringValue": "v"}}}),
                json!({"shape": "NotFoundException", "members": {"message": "Topic does not exist"}}),
                "NotFound",
                404,
            ),
        ],
    }
}

fn ec2() -> Service {
    let instance = json!({"InstanceId": "i-1", "InstanceType": "t3.micro", "LaunchTime": "2024-01-02T03:04:05Z",
                          "State": {"Code": 16, "Name": "running"}, "Tags": [{"Key": "Name", "Value": "web & db"}]});
    Service {
        name: "ec2",
        model: "ec2/2016-11-15",
        calls: vec![
            output_call(
                "describe_instances",
                "DescribeInstances",
                json!({"Filters": [{"Name": "instance-state-name", "Values": ["running", "pending"]}],
                       "InstanceIds": ["i-1", "i-2"]}),
                json!({"Reservations": [{"ReservationId": "r-1", "OwnerId": "123456789012", "Instances": [instance]}]}),
            ),
            // An error the model does not have: EC2 models none.
            error_call(
                "describe_volumes",
                "DescribeVolumes",
                json!({"VolumeIds": ["vol-1"]}),
                json!({"shape": "InvalidVolume.NotFound", "message": "The volume 'vol-1' does not exist.", "status": 400}),
                "InvalidVolume.NotFound",
                400,
            ),
        ],
    }
}

#[test]
fn boto3_talks_to_a_server_built_on_awsval() {
    let data = fetch::botocore().expect("botocore is fetched").join("botocore/data");
    let python = botocore_py::boto3_site_packages().expect("boto3 installs");
    let services = [dynamodb(), sqs(), lambda(), s3(), sns(), ec2()];

    let mut servers = Vec::new();
    let mut plan = Vec::new();
    for service in &services {
        let model = std::fs::read(data.join(service.model).join("service-2.json")).unwrap();
        let answers: HashMap<String, Answer> = service
            .calls
            .iter()
            .map(|call| (call.operation.to_owned(), Answer::from_json(&call.answer).unwrap()))
            .collect();
        let mock = Arc::new(MockServer::new(&model, answers).unwrap());
        let http = Arc::new(tiny_http::Server::http("127.0.0.1:0").unwrap());
        let endpoint = format!("http://{}", http.server_addr());
        let (serving, listening) = (Arc::clone(&mock), Arc::clone(&http));
        std::thread::spawn(move || serving.serve(&listening));
        for call in &service.calls {
            plan.push(
                json!({"service": service.name, "endpoint": endpoint, "method": call.method, "params": call.params}),
            );
        }
        servers.push((mock, http));
    }

    let mut driver = Command::new("python3")
        .args(["-c", include_str!("boto3_drive.py")])
        .env("PYTHONPATH", &python)
        .stdin(Stdio::piped())
        .stdout(Stdio::piped())
        .stderr(Stdio::piped())
        .spawn()
        .expect("python3 runs");
    driver.stdin.take().unwrap().write_all(json!({"calls": plan}).to_string().as_bytes()).unwrap();
    let output = driver.wait_with_output().unwrap();
    assert!(output.status.success(), "boto3 failed: {}", String::from_utf8_lossy(&output.stderr));
    let answers: Vec<Json> = serde_json::from_slice(&output.stdout).unwrap();

    let mut failures = Vec::new();
    let mut answers = answers.into_iter();
    for (service, (mock, http)) in services.iter().zip(&servers) {
        http.unblock();
        let requests = mock.requests();
        assert_eq!(requests.len(), service.calls.len(), "{}: one request per call: {requests:?}", service.name);
        for (call, read) in service.calls.iter().zip(requests) {
            let at = format!("{} {}", service.name, call.operation);
            let expected_read = json!({"operation": call.operation, "input": call.input});
            failures.extend(json_diff(&expected_read, &read).into_iter().map(|d| format!("{at}: the server read {d}")));
            let got = answers.next().unwrap_or(Json::Null);
            failures.extend(json_diff(&call.expected, &got).into_iter().map(|d| format!("{at}: boto3 returned {d}")));
        }
    }
    assert!(failures.is_empty(), "{}", failures.join("\n"));
}
