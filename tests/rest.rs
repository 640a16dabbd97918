//! The REST protocols: HTTP bindings in requests and responses, payloads, errors.

use awsval::model::botocore;
use awsval::protocol::{self, Endpoint, HttpResponse, Protocol, RequestOptions};
use awsval::schema::Model;
use awsval::{Blob, Map, Structure, Timestamp, Value};

fn model(protocol: &str) -> Model {
    let json = format!(
        r#"{{
      "metadata": {{"protocol": "{protocol}", "apiVersion": "2020-01-01"}},
      "operations": {{
        "Put": {{"name": "Put", "http": {{"method": "PUT", "requestUri": "/things/{{Name}}/{{Key+}}?x-id=Put&flag"}},
                 "input": {{"shape": "PutIn"}}, "output": {{"shape": "PutOut"}}, "errors": [{{"shape": "Gone"}}],
                 "httpChecksumRequired": true}},
        "Upload": {{"name": "Upload", "http": {{"method": "POST", "requestUri": "/upload"}}, "input": {{"shape": "UploadIn"}}}},
        "Where": {{"name": "Where", "http": {{"method": "GET", "requestUri": "/where"}}, "output": {{"shape": "WhereOut"}}}}
      }},
      "shapes": {{
        "PutIn": {{"type": "structure", "required": ["Name", "Key"], "members": {{
          "Name": {{"shape": "S", "location": "uri", "locationName": "Name"}},
          "Key": {{"shape": "S", "location": "uri", "locationName": "Key"}},
          "Tags": {{"shape": "Strings", "location": "header", "locationName": "x-tags"}},
          "Dates": {{"shape": "Dates", "location": "header", "locationName": "x-dates"}},
          "When": {{"shape": "T", "location": "header", "locationName": "x-when"}},
          "Meta": {{"shape": "StrMap", "location": "headers", "locationName": "x-meta-"}},
          "Q": {{"shape": "Strings", "location": "querystring", "locationName": "q"}},
          "Params": {{"shape": "StrMap", "location": "querystring"}},
          "Policy": {{"shape": "S", "location": "header", "locationName": "x-policy", "jsonvalue": true}},
          "Body": {{"shape": "S"}}
        }}}},
        "PutOut": {{"type": "structure", "members": {{
          "Code": {{"shape": "I", "location": "statusCode"}},
          "Tags": {{"shape": "Strings", "location": "header", "locationName": "x-tags"}},
          "Dates": {{"shape": "Dates", "location": "header", "locationName": "x-dates"}},
          "Meta": {{"shape": "StrMap", "location": "headers", "locationName": "x-meta-"}},
          "Body": {{"shape": "S"}}
        }}}},
        "UploadIn": {{"type": "structure", "payload": "Data", "members": {{
          "Data": {{"shape": "B"}}, "Kind": {{"shape": "S", "location": "header", "locationName": "Content-Type"}}
        }}}},
        "WhereOut": {{"type": "structure", "members": {{"LocationConstraint": {{"shape": "S"}}}}}},
        "Gone": {{"type": "structure", "members": {{"Message": {{"shape": "S"}}, "Reason": {{"shape": "S", "location": "header", "locationName": "x-reason"}}}},
                 "exception": true, "error": {{"httpStatusCode": 410}}}},
        "Strings": {{"type": "list", "member": {{"shape": "S"}}}},
        "Dates": {{"type": "list", "member": {{"shape": "T"}}}},
        "StrMap": {{"type": "map", "key": {{"shape": "S"}}, "value": {{"shape": "S"}}}},
        "S": {{"type": "string"}}, "T": {{"type": "timestamp"}}, "I": {{"type": "integer"}}, "B": {{"type": "blob"}}
      }}
    }}"#
    );
    botocore::load(json.as_bytes()).unwrap()
}

fn put_input() -> Value {
    let list = |items: &[&str]| Value::List(items.iter().map(|&i| Value::from(i)).collect());
    Value::from(
        Structure::new()
            .with("Name", "a b")
            .with("Key", "dir/file.txt")
            .with("Tags", list(&["plain", "with,comma", "with\"quote"]))
            .with("Dates", Value::List(vec![Value::Timestamp(Timestamp::from_secs(0).unwrap()); 2].into()))
            .with("When", Timestamp::from_secs(1_576_540_098).unwrap())
            .with("Meta", Map::new().with("color", "red"))
            .with("Q", list(&["1", "2"]))
            .with("Params", Map::new().with("q", "ignored").with("extra", "yes"))
            .with("Policy", "{\"a\":1}")
            .with("Body", "text"),
    )
}

#[test]
fn requests_spread_members_over_uri_query_headers_and_body() {
    let model = model("rest-json");
    let put = model.operation("Put").unwrap();
    let request =
        protocol::request(Protocol::RestJson1, put, &put_input(), &Endpoint::default(), &RequestOptions::default())
            .unwrap();
    assert_eq!(request.method, "PUT");
    assert_eq!(request.uri, "/things/a%20b/dir/file.txt?x-id=Put&flag&q=1&q=2&extra=yes");
    assert_eq!(request.header("x-tags"), Some(r#"plain, "with,comma", "with\"quote""#));
    assert_eq!(request.header("x-dates"), Some("Thu, 01 Jan 1970 00:00:00 GMT, Thu, 01 Jan 1970 00:00:00 GMT"));
    assert_eq!(request.header("x-when"), Some("Mon, 16 Dec 2019 23:48:18 GMT"));
    assert_eq!(request.header("x-meta-color"), Some("red"));
    assert_eq!(request.header("x-policy"), Some("eyJhIjoxfQ=="));
    assert_eq!(request.body, br#"{"Body":"text"}"#);
    assert_eq!(request.header("Content-Type"), Some("application/json"));
    assert_eq!(request.header("Content-MD5"), Some("kQXqW7uQYjNietl6SXYxPg=="), "base64 of the MD5 of the body");
    // Debug shows the message's shape, not the values members put in it.
    let shown = format!("{request:?}");
    for value in ["text", "red", "with,comma", "eyJhIjoxfQ==", "q=1", "yes"] {
        assert!(!shown.contains(value), "{value} in {shown}");
    }
    for shown_part in ["x-meta-color", "q=…", "\"Content-Type\": \"application/json\"", "body: 15 bytes"] {
        assert!(shown.contains(shown_part), "{shown_part} not in {shown}");
    }
}

#[test]
fn rest_xml_bodies_are_documents() {
    let model = model("rest-xml");
    let put = model.operation("Put").unwrap();
    let request =
        protocol::request(Protocol::RestXml, put, &put_input(), &Endpoint::default(), &RequestOptions::default())
            .unwrap();
    assert_eq!(request.body, b"<PutIn><Body>text</Body></PutIn>");
    assert_eq!(request.header("Content-Type"), Some("application/xml"));
}

#[test]
fn headers_and_labels_refuse_what_would_break_the_message() {
    let model = model("rest-json");
    let put = model.operation("Put").unwrap();
    let send = |input: Value| {
        protocol::request(Protocol::RestJson1, put, &input, &Endpoint::default(), &RequestOptions::default())
    };
    let mut injected = put_input();
    *injected.get_mut("Policy").unwrap() = Value::from("x");
    injected.as_structure_mut().unwrap().insert("Tags", Value::List(vec![Value::from("a\r\nX-Evil: 1")].into()));
    assert_eq!(send(injected).unwrap_err().to_string(), "data error: a header value cannot hold a line break at Tags");
    let mut no_key = put_input();
    no_key.as_structure_mut().unwrap().remove("Key");
    assert_eq!(send(no_key).unwrap_err().to_string(), "data error: a URI label is required at Key");
    let mut empty = put_input();
    *empty.get_mut("Name").unwrap() = Value::from("");
    assert_eq!(send(empty).unwrap_err().to_string(), "data error: a URI label cannot be empty at Name");
}

#[test]
fn blob_payloads_travel_raw_with_their_content_type() {
    let model = model("rest-json");
    let upload = model.operation("Upload").unwrap();
    let input = Value::from(Structure::new().with("Data", Blob::new(b"\x00\x01raw")).with("Kind", "image/png"));
    let request =
        protocol::request(Protocol::RestJson1, upload, &input, &Endpoint::default(), &RequestOptions::default())
            .unwrap();
    assert_eq!(request.body, b"\x00\x01raw");
    assert_eq!(request.header("Content-Type"), Some("image/png"), "the member's header wins");
    assert_eq!(request.header("Content-Length"), Some("5"));
    let bare = Value::from(Structure::new().with("Data", Blob::new(b"x")));
    let request =
        protocol::request(Protocol::RestJson1, upload, &bare, &Endpoint::default(), &RequestOptions::default())
            .unwrap();
    assert_eq!(request.header("Content-Type"), Some("application/octet-stream"));
    let none =
        protocol::request(Protocol::RestJson1, upload, &Value::Null, &Endpoint::default(), &RequestOptions::default())
            .unwrap();
    assert!(none.body.is_empty() && none.header("Content-Type").is_none() && none.header("Content-Length").is_none());
}

#[test]
fn responses_gather_status_headers_and_body() {
    let model = model("rest-json");
    let put = model.operation("Put").unwrap();
    let reply = HttpResponse::new(201, r#"{"Body": "b", "Code": 5}"#)
        .with_header("X-Tags", r#"a, "b,c", "d\"e""#)
        .with_header("x-dates", "Thu, 01 Jan 1970 00:00:00 GMT, Thu, 01 Jan 1970 00:00:01 GMT")
        .with_header("X-Meta-Color", "red");
    let value = protocol::response(Protocol::RestJson1, put, &reply).unwrap().unwrap();
    assert_eq!(value["Code"], Value::Integer(201));
    assert_eq!(value["Tags"], Value::List(vec!["a".into(), "b,c".into(), "d\"e".into()].into()));
    assert_eq!(value["Dates"][1], Value::Timestamp(Timestamp::from_secs(1).unwrap()));
    assert_eq!(value["Meta"], Value::Map(Map::new().with("Color", "red")));
    assert_eq!(value["Body"], Value::from("b"));
    assert_eq!(value.as_structure().unwrap().names().collect::<Vec<_>>(), ["Code", "Tags", "Dates", "Meta", "Body"]);
}

#[test]
fn prefix_headers_are_matched_on_bytes_whatever_the_name_holds() {
    let model = model("rest-json");
    let put = model.operation("Put").unwrap();
    // A multi-byte character where the prefix ends once panicked (a slice inside it).
    for name in ["x-metaé", "x-meé", "é", "x-meta-é", "X-META-ñame"] {
        let reply = HttpResponse::new(200, "").with_header(name, "v");
        let value = protocol::response(Protocol::RestJson1, put, &reply).unwrap().unwrap();
        let expected = name.get(7..).filter(|_| name.to_ascii_lowercase().starts_with("x-meta-"));
        let meta = value["Meta"].as_map().unwrap();
        assert_eq!(meta.iter().map(|(k, _)| k.as_str()).collect::<Vec<_>>(), Vec::from_iter(expected), "{name}");
    }
}

#[test]
fn malformed_xml_error_bodies_are_reported_not_taken_for_a_missing_code() {
    let model = model("rest-xml");
    let put = model.operation("Put").unwrap();
    for (body, kind) in [
        ("<Error><Code>Gone</Code>", awsval::ErrorKind::Eof),
        ("<ErrorResponse><Error><Code>Gone</Code></Error></ErrorResponse><Second/>", awsval::ErrorKind::Syntax),
        ("<Error><Code>Gone</Code><Message>a &bogus; b</Message></Error>", awsval::ErrorKind::Syntax),
    ] {
        let error = protocol::response(Protocol::RestXml, put, &HttpResponse::new(410, body)).unwrap_err();
        assert_eq!(error.kind(), kind, "{body}: {error}");
    }
    // Well-formed without a code: known by its status, its own message kept.
    let reply = HttpResponse::new(410, "<Error><Message>no code</Message></Error>");
    let error = protocol::response(Protocol::RestXml, put, &reply).unwrap().unwrap_err();
    assert_eq!((error.code.as_str(), error.message.as_deref(), error.shape), ("410", Some("no code"), None));
}

#[test]
fn errors_without_a_code_are_known_by_their_status_as_botocore_knows_them() {
    for (protocol, flavor) in [(Protocol::RestXml, "rest-xml"), (Protocol::RestJson1, "rest-json")] {
        let model = model(flavor);
        let put = model.operation("Put").unwrap();
        // A HEAD request's answer has headers only; a load balancer's 5xx is an HTML page.
        for (status, body, phrase) in [
            (404, "", "Not Found"),
            (304, "", "Not Modified"),
            (412, "", "Precondition Failed"),
            (403, "", "Forbidden"),
            (301, " \n", "Moved Permanently"),
            (502, "<html><body>Bad Gateway</body></html>", "Bad Gateway"),
            (503, "<!DOCTYPE html><html></html>", "Service Unavailable"),
        ] {
            let reply = HttpResponse::new(status, body).with_header("x-reason", "r");
            let error = protocol::response(protocol, put, &reply).unwrap().unwrap_err();
            assert_eq!(
                (error.code.as_str(), error.message.as_deref(), error.shape),
                (status.to_string().as_str(), Some(phrase), None),
                "{protocol} {status}"
            );
        }
    }
    // restJson1 services write `Code` too; botocore reads it after the header and `code`.
    let model = model("rest-json");
    let put = model.operation("Put").unwrap();
    let reply = HttpResponse::new(410, r#"{"Code": "Gone", "Message": "bye"}"#);
    let error = protocol::response(Protocol::RestJson1, put, &reply).unwrap().unwrap_err();
    assert_eq!(
        (error.code.as_str(), error.message.as_deref(), error.shape.map(|s| s.name())),
        ("Gone", Some("bye"), Some("Gone"))
    );
    let reply = HttpResponse::new(410, r#"{"Code": "Other", "code": "Gone"}"#);
    assert_eq!(protocol::response(Protocol::RestJson1, put, &reply).unwrap().unwrap_err().code, "Gone");
}

#[test]
fn responses_are_read_within_untrusted_limits_unless_told_otherwise() {
    use awsval::Limits;
    use awsval::protocol::ReadOptions;
    let long = "x".repeat((32 << 20) + 1);
    for (protocol, body) in [
        (Protocol::RestJson1, format!(r#"{{"Body": "{long}"}}"#)),
        (Protocol::RestXml, format!("<PutOut><Body>{long}</Body></PutOut>")),
    ] {
        let model = model(if protocol == Protocol::RestJson1 { "rest-json" } else { "rest-xml" });
        let put = model.operation("Put").unwrap();
        let reply = HttpResponse::new(200, body);
        let error = protocol::response(protocol, put, &reply).unwrap_err();
        assert_eq!(error.kind(), awsval::ErrorKind::Limit, "{protocol}: {error}");
        assert_eq!(error.path().to_string(), "Body", "{protocol}");
        let trusted = ReadOptions::default().with_limits(Limits::new());
        let value = protocol::response_with(protocol, put, &reply, &trusted).unwrap().unwrap();
        assert_eq!(value["Body"].as_str().map(str::len), Some(long.len()), "{protocol}");
    }
}

#[test]
fn s3_style_unwrapped_outputs_and_bare_errors() {
    let model = model("rest-xml");
    let location = model.operation("Where").unwrap();
    let reply = HttpResponse::new(
        200,
        r#"<LocationConstraint xmlns="http://s3.amazonaws.com/doc/2006-03-01/">EU</LocationConstraint>"#,
    );
    let value = protocol::response(Protocol::RestXml, location, &reply).unwrap().unwrap();
    assert_eq!(value["LocationConstraint"], Value::from("EU"));
    let wrapped = HttpResponse::new(200, "<WhereOut><LocationConstraint>US</LocationConstraint></WhereOut>");
    assert_eq!(
        protocol::response(Protocol::RestXml, location, &wrapped).unwrap().unwrap()["LocationConstraint"],
        Value::from("US")
    );

    let put = model.operation("Put").unwrap();
    let bare = HttpResponse::new(410, "<Error><Code>Gone</Code><Message>bye</Message></Error>")
        .with_header("x-reason", "expired");
    let error = protocol::response(Protocol::RestXml, put, &bare).unwrap().unwrap_err();
    assert_eq!((error.code.as_str(), error.message.as_deref()), ("Gone", Some("bye")));
    assert_eq!(error.value["Reason"], Value::from("expired"), "error members bound to headers");
    assert_eq!(error.value["Message"], Value::from("bye"));
    let wrapped = HttpResponse::new(
        410,
        "<ErrorResponse><Error><Code>Gone</Code></Error><RequestId>r</RequestId></ErrorResponse>",
    );
    assert_eq!(protocol::response(Protocol::RestXml, put, &wrapped).unwrap().unwrap_err().code, "Gone");
}
