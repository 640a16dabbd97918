//! The `awsval` binary, run as a user would.

use std::process::{Command, Output};

fn awsval(args: &[&str]) -> Output {
    Command::new(env!("CARGO_BIN_EXE_awsval")).args(args).output().expect("the binary runs")
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
    let output = awsval(&["timestamp", "--from", "epoch-seconds", "--to", "http-date", "0"]);
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

const MODEL: &str = r#"{
  "metadata": {"protocol": "json", "jsonVersion": "1.0", "targetPrefix": "Demo"},
  "operations": {"Get": {"name": "Get", "output": {"shape": "Job"}, "errors": [{"shape": "Missing"}]}},
  "shapes": {
    "Job": {"type": "structure", "members": {"Id": {"shape": "S"}, "When": {"shape": "T"}, "Data": {"shape": "B"},
            "Tags": {"shape": "Tags"}, "Ratio": {"shape": "D"}, "Count": {"shape": "L"}, "Big": {"shape": "BI"},
            "Dec": {"shape": "BD"}}},
    "Missing": {"type": "structure", "members": {"Message": {"shape": "S"}}, "exception": true},
    "Tags": {"type": "map", "key": {"shape": "S"}, "value": {"shape": "S"}},
    "S": {"type": "string"}, "T": {"type": "timestamp"}, "B": {"type": "blob"}, "D": {"type": "double"},
    "L": {"type": "long"}, "BI": {"type": "bigInteger"}, "BD": {"type": "bigDecimal"}
  }
}"#;

/// Writes the model and an input file to a fresh folder; returns their paths.
fn files(input: &str) -> (std::path::PathBuf, std::path::PathBuf) {
    let dir = std::env::temp_dir().join(format!("awsval-cli-{}-{}", std::process::id(), input.len()));
    std::fs::create_dir_all(&dir).unwrap();
    let (model, body) = (dir.join("service-2.json"), dir.join("input.json"));
    std::fs::write(&model, MODEL).unwrap();
    std::fs::write(&body, input).unwrap();
    (model, body)
}

#[test]
fn decode_prints_plain_json_and_encode_writes_the_wire_body() {
    let wire = r#"{"Id":"j-1","When":1.5,"Data":"aGk=","Tags":{"a":"b"},"Ratio":"NaN"}"#;
    let (model, body) = files(wire);
    let output = awsval(&["decode", "--model", model.to_str().unwrap(), "--shape", "Job", body.to_str().unwrap()]);
    assert!(output.status.success(), "{}", String::from_utf8_lossy(&output.stderr));
    let plain: serde_json::Value = serde_json::from_slice(&output.stdout).unwrap();
    assert_eq!(
        plain,
        serde_json::json!({"Id": "j-1", "When": "1970-01-01T00:00:01.5Z", "Data": "aGk=", "Tags": {"a": "b"}, "Ratio": "NaN"})
    );
    let (model, plain_file) = files(&plain.to_string());
    let output =
        awsval(&["encode", "--model", model.to_str().unwrap(), "--shape", "Job", plain_file.to_str().unwrap()]);
    assert!(output.status.success(), "{}", String::from_utf8_lossy(&output.stderr));
    assert_eq!(stdout(&output), wire);
}

#[test]
fn big_numbers_and_64_bit_integers_stay_exact_in_plain_json() {
    let wire = r#"{"Count":9007199254740993,"Big":-123456789012345678901234567890,"Dec":0.10000000000000000000000001}"#;
    let (model, body) = files(wire);
    let output = awsval(&["decode", "--model", model.to_str().unwrap(), "--shape", "Job", body.to_str().unwrap()]);
    assert!(output.status.success(), "{}", String::from_utf8_lossy(&output.stderr));
    assert_eq!(
        stdout(&output),
        "{\n  \"Count\": 9007199254740993,\n  \"Big\": -123456789012345678901234567890,\n  \"Dec\": 0.10000000000000000000000001\n}\n"
    );
    let (model, plain_file) = files(&stdout(&output));
    let output =
        awsval(&["encode", "--model", model.to_str().unwrap(), "--shape", "Job", plain_file.to_str().unwrap()]);
    assert!(output.status.success(), "{}", String::from_utf8_lossy(&output.stderr));
    assert_eq!(stdout(&output), wire);
}

#[test]
fn decode_reads_within_limits_the_user_can_set() {
    let (model, body) = files(r#"{"Id":"j-1","Tags":{"a":"b","c":"d"}}"#);
    let decode = |extra: &[&str]| {
        let mut args = vec!["decode", "--model", model.to_str().unwrap(), "--operation", "Get"];
        args.extend_from_slice(extra);
        args.push(body.to_str().unwrap());
        awsval(&args)
    };
    assert!(decode(&[]).status.success(), "the defaults read it");
    for (flag, value, message) in [
        ("--max-depth", "1", "awsval: limit error: nesting deeper than 1 at Tags (byte 19)\n"),
        ("--max-items", "1", "awsval: limit error: more than 1 items at Tags (byte 32)\n"),
        ("--max-body-bytes", "10", "awsval: limit error: input longer than 10 bytes\n"),
        ("--max-string-bytes", "2", "awsval: limit error: string longer than 2 bytes at Id (byte 6)\n"),
    ] {
        let output = decode(&[flag, value]);
        assert_eq!(output.status.code(), Some(1), "{flag}");
        assert_eq!(String::from_utf8_lossy(&output.stderr), message, "{flag}");
    }
}

#[test]
fn decode_reads_a_whole_response_with_status_and_headers() {
    let (model, body) = files(r#"{"Message": "no such job"}"#);
    let args = [
        "decode",
        "--model",
        model.to_str().unwrap(),
        "--operation",
        "Get",
        "--status",
        "404",
        "-H",
        "X-Amzn-Errortype: Missing:http://x/",
        body.to_str().unwrap(),
    ];
    let output = awsval(&args);
    assert!(output.status.success(), "{}", String::from_utf8_lossy(&output.stderr));
    let decoded: serde_json::Value = serde_json::from_slice(&output.stdout).unwrap();
    assert_eq!(
        decoded,
        serde_json::json!({"error": {"code": "Missing", "message": "no such job", "shape": "Missing", "status": 404,
                                     "members": {"Message": "no such job"}}})
    );
}

#[test]
fn codec_errors_go_to_stderr_with_kind_offset_and_path() {
    let (model, body) = files(r#"{"Tags": {"a": 1}}"#);
    let output = awsval(&["decode", "--model", model.to_str().unwrap(), "--shape", "Job", body.to_str().unwrap()]);
    assert_eq!(output.status.code(), Some(1));
    assert_eq!(
        String::from_utf8_lossy(&output.stderr),
        "awsval: data error: expected a string, found a number at Tags[\"a\"] (byte 15)\n"
    );
    let output = awsval(&[
        "decode",
        "--model",
        model.to_str().unwrap(),
        "--shape",
        "Job",
        "--protocol",
        "restXml",
        body.to_str().unwrap(),
    ]);
    assert_eq!(output.status.code(), Some(1));
    assert_eq!(
        String::from_utf8_lossy(&output.stderr),
        "awsval: syntax error: text before the root element (byte 0)
"
    );
    let output = awsval(&["decode", "--model", model.to_str().unwrap(), "--shape", "Nope", body.to_str().unwrap()]);
    assert_eq!(String::from_utf8_lossy(&output.stderr), "awsval: model error: the model has no shape `Nope`\n");
}

#[test]
fn conformance_runs_given_files_and_fails_on_failures() {
    let suite = r#"[{"description": "d", "metadata": {"protocol": "json", "jsonVersion": "1.1", "targetPrefix": "T"},
        "shapes": {}, "cases": [
          {"id": "ok", "given": {"name": "Op"}, "params": {}, "serialized": {"uri": "/", "body": "{}"}},
          {"id": "bad", "given": {"name": "Op"}, "params": {}, "serialized": {"uri": "/", "body": "[]"}}]}]"#;
    let (_, file) = files(suite);
    let output = awsval(&["conformance", "--side", "client", file.to_str().unwrap()]);
    assert_eq!(output.status.code(), Some(1));
    let text = stdout(&output);
    assert!(text.starts_with("FAIL "), "{text}");
    assert!(text.contains(":: d :: bad: body $: expected [], got {}"), "{text}");
    assert!(text.ends_with("1 passed, 1 failed, 0 skipped\n"), "{text}");
    // Both sides by default: the server reads both requests back (the operation has no input).
    let text = stdout(&awsval(&["conformance", file.to_str().unwrap()]));
    assert!(
        text.lines().any(|line| line.contains("input.json (server)") && line.ends_with("2       0        0")),
        "{text}"
    );
    assert!(text.ends_with("3 passed, 1 failed, 0 skipped\n"), "{text}");
    let allowed = awsval(&["conformance", "--allow-failures", "*", file.to_str().unwrap()]);
    assert_eq!(allowed.status.code(), Some(0));
}

#[test]
fn transcode_moves_a_body_between_json_and_xml() {
    let (model, body) = files(r#"{"Id":"j-1","When":1.5,"Tags":{"a":"b<c"}}"#);
    let output = awsval(&[
        "transcode",
        "--model",
        model.to_str().unwrap(),
        "--shape",
        "Job",
        "--from",
        "json",
        "--to",
        "rest-xml",
        body.to_str().unwrap(),
    ]);
    assert!(output.status.success(), "{}", String::from_utf8_lossy(&output.stderr));
    let xml = stdout(&output);
    assert_eq!(
        xml,
        "<Job><Id>j-1</Id><When>1970-01-01T00:00:01.5Z</When><Tags><entry><key>a</key><value>b&lt;c</value></entry></Tags></Job>"
    );
    let (model, xml_file) = files(&xml);
    let output = awsval(&[
        "transcode",
        "--model",
        model.to_str().unwrap(),
        "--shape",
        "Job",
        "--from",
        "restXml",
        "--to",
        "awsJson1_0",
        xml_file.to_str().unwrap(),
    ]);
    assert!(output.status.success(), "{}", String::from_utf8_lossy(&output.stderr));
    assert_eq!(stdout(&output), r#"{"Id":"j-1","When":1.5,"Tags":{"a":"b<c"}}"#);
}

#[test]
fn simpledb_list_domains_reads_as_botocore_does() {
    // SimpleDB's lists are `flattened` as shapes and name their items by their member.
    let data = awsval_conformance::fetch::botocore().expect("botocore 1.44.8 can be fetched").join("botocore/data");
    let model = data.join("sdb/2009-04-15/service-2.json");
    let body = std::env::temp_dir().join(format!("awsval-cli-sdb-{}.xml", std::process::id()));
    std::fs::write(
        &body,
        r#"<ListDomainsResponse xmlns="http://sdb.amazonaws.com/doc/2009-04-15/"><ListDomainsResult>
<DomainName>d1</DomainName><DomainName>d2</DomainName></ListDomainsResult>
<ResponseMetadata><RequestId>r</RequestId><BoxUsage>0.0000071759</BoxUsage></ResponseMetadata>
</ListDomainsResponse>"#,
    )
    .unwrap();
    let output =
        awsval(&["decode", "--model", model.to_str().unwrap(), "--operation", "ListDomains", body.to_str().unwrap()]);
    assert!(output.status.success(), "{}", String::from_utf8_lossy(&output.stderr));
    let plain: serde_json::Value = serde_json::from_slice(&output.stdout).unwrap();
    assert_eq!(plain, serde_json::json!({"DomainNames": ["d1", "d2"]}));
}

/// The newest model of botocore's `service` folder, fetched if needed.
fn botocore_model(service: &str) -> std::path::PathBuf {
    let data = awsval_conformance::fetch::botocore().expect("botocore 1.44.8 can be fetched").join("botocore/data");
    let mut versions: Vec<_> = std::fs::read_dir(data.join(service)).unwrap().map(|e| e.unwrap().path()).collect();
    versions.sort();
    versions.pop().unwrap().join("service-2.json")
}

#[test]
fn head_object_errors_are_known_by_their_status_and_odd_header_names_are_safe() {
    let model = botocore_model("s3");
    let empty = std::env::temp_dir().join(format!("awsval-cli-empty-{}", std::process::id()));
    std::fs::write(&empty, "").unwrap();
    let head = |status: &str, header: &str| {
        awsval(&[
            "decode",
            "--model",
            model.to_str().unwrap(),
            "--operation",
            "HeadObject",
            "--status",
            status,
            "-H",
            header,
            empty.to_str().unwrap(),
        ])
    };
    let output = head("404", "x-amz-request-id: r");
    assert!(output.status.success(), "{}", String::from_utf8_lossy(&output.stderr));
    let plain: serde_json::Value = serde_json::from_slice(&output.stdout).unwrap();
    assert_eq!(
        plain,
        serde_json::json!({"error": {"code": "404", "message": "Not Found", "shape": null, "status": 404, "members": {}}})
    );
    // A header name with a multi-byte character where the `x-amz-meta-` prefix ends once panicked.
    let output = head("200", "x-amz-metaé: v");
    assert!(output.status.success(), "{}", String::from_utf8_lossy(&output.stderr));
    let output = head("200", "x-amz-meta-é: v");
    let plain: serde_json::Value = serde_json::from_slice(&output.stdout).unwrap();
    assert_eq!(plain["Metadata"], serde_json::json!({"é": "v"}));
}

#[test]
fn decode_reads_responses_as_botocore_does_through_the_cli() {
    let run = |body: &str, extra: &[&str]| {
        let (model, file) = files(body);
        let mut args = vec!["decode", "--model", model.to_str().unwrap(), "--operation", "Get"];
        args.extend_from_slice(extra);
        args.push(file.to_str().unwrap());
        let output = awsval(&args);
        assert!(output.status.success(), "{}", String::from_utf8_lossy(&output.stderr));
        serde_json::from_slice::<serde_json::Value>(&output.stdout).unwrap()
    };
    // A timestamp in another format than the model's (epoch seconds in awsJson).
    let plain = run(r#"{"When": "2014-04-29T18:30:38Z"}"#, &[]);
    assert_eq!(plain, serde_json::json!({"When": "2014-04-29T18:30:38Z"}));
    // An error that names no code: the status and its reason phrase.
    let plain = run("", &["--status", "429"]);
    assert_eq!(plain["error"]["code"], "429");
    assert_eq!(plain["error"]["message"], "Too Many Requests");
    // restJson1's `Code`, with the modeled error matched.
    let plain = run(r#"{"Code": "Missing", "Message": "gone"}"#, &["--protocol", "rest-json", "--status", "404"]);
    assert_eq!(plain["error"]["shape"], "Missing");
    assert_eq!(plain["error"]["members"], serde_json::json!({"Message": "gone"}));
    // The header wins over the body.
    let plain = run(
        r#"{"Code": "Other"}"#,
        &["--protocol", "rest-json", "--status", "404", "-H", "X-Amzn-Errortype: Missing:uri"],
    );
    assert_eq!(plain["error"]["code"], "Missing");
}

#[test]
fn members_sharing_a_wire_name_decode_to_one_and_are_never_written_twice() {
    let model = botocore_model("s3");
    let dir = std::env::temp_dir().join(format!("awsval-cli-event-{}", std::process::id()));
    std::fs::create_dir_all(&dir).unwrap();
    let (xml, both) = (dir.join("topic.xml"), dir.join("both.json"));
    std::fs::write(&xml, "<T><Event>s3:ObjectCreated:*</Event><Event>s3:ObjectRemoved:*</Event></T>").unwrap();
    std::fs::write(&both, r#"{"Event": "s3:ObjectCreated:*", "Events": ["s3:ObjectRemoved:*"]}"#).unwrap();
    let args = |command: &'static str, file: &std::path::Path| -> Vec<String> {
        [command, "--model", model.to_str().unwrap(), "--shape", "QueueConfigurationDeprecated", file.to_str().unwrap()]
            .map(str::to_owned)
            .to_vec()
    };
    let output = awsval(&args("decode", &xml).iter().map(String::as_str).collect::<Vec<_>>());
    assert!(output.status.success(), "{}", String::from_utf8_lossy(&output.stderr));
    let plain: serde_json::Value = serde_json::from_slice(&output.stdout).unwrap();
    assert_eq!(plain, serde_json::json!({"Events": ["s3:ObjectCreated:*", "s3:ObjectRemoved:*"]}));
    let output = awsval(&args("encode", &both).iter().map(String::as_str).collect::<Vec<_>>());
    assert_eq!(output.status.code(), Some(1));
    assert_eq!(
        String::from_utf8_lossy(&output.stderr),
        "awsval: data error: members Event and Events share the wire name Event: a value may set only one of them\n"
    );
}

#[test]
fn s3_reading_rules_apply_unless_turned_off() {
    let model = botocore_model("s3");
    let body = std::env::temp_dir().join(format!("awsval-cli-location-{}.xml", std::process::id()));
    std::fs::write(&body, r#"<LocationConstraint xmlns="http://s3.amazonaws.com/doc/2006-03-01/"/>"#).unwrap();
    let decode = |extra: &[&str]| {
        let mut args = vec!["decode", "--model", model.to_str().unwrap(), "--operation", "GetBucketLocation"];
        args.extend_from_slice(extra);
        args.push(body.to_str().unwrap());
        let output = awsval(&args);
        assert!(output.status.success(), "{}", String::from_utf8_lossy(&output.stderr));
        serde_json::from_slice::<serde_json::Value>(&output.stdout).unwrap()
    };
    assert_eq!(decode(&[]), serde_json::json!({}));
    assert_eq!(decode(&["--no-customizations"]), serde_json::json!({"LocationConstraint": ""}));
}
