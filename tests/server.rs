//! The server's side: requests routed to their operations and read back, in every protocol;
//! refusals carry the status a server answers with.

use awsval::model::botocore;
use awsval::protocol::{self, Endpoint, HttpRequest, Protocol, ReadOptions, RequestOptions};
use awsval::query::{self, QueryFlavor, QuerySettings};
use awsval::schema::Model;
use awsval::{ErrorKind, Limits, Map, Structure, Value};

fn model(protocol: &str) -> Model {
    let json = format!(
        r#"{{
      "metadata": {{"protocol": "{protocol}", "jsonVersion": "1.0", "targetPrefix": "Svc", "apiVersion": "2020-01-01"}},
      "operations": {{
        "GetThing": {{"name": "GetThing", "http": {{"method": "GET", "requestUri": "/things/{{Name}}"}},
                      "input": {{"shape": "GetIn"}}}},
        "GetObject": {{"name": "GetObject", "http": {{"method": "GET", "requestUri": "/{{Bucket}}/{{Key+}}"}},
                       "input": {{"shape": "ObjectIn"}}}},
        "ListParts": {{"name": "ListParts", "http": {{"method": "GET", "requestUri": "/{{Bucket}}/{{Key+}}"}},
                       "input": {{"shape": "PartsIn"}}}},
        "GetAcl": {{"name": "GetAcl", "http": {{"method": "GET", "requestUri": "/{{Bucket}}/{{Key+}}?acl"}},
                    "input": {{"shape": "ObjectIn"}}}},
        "Put": {{"name": "Put", "http": {{"method": "PUT", "requestUri": "/things/{{Name}}"}}, "input": {{"shape": "PutIn"}}}}
      }},
      "shapes": {{
        "GetIn": {{"type": "structure", "required": ["Name"], "members": {{
          "Name": {{"shape": "S", "location": "uri", "locationName": "Name"}},
          "Tags": {{"shape": "Strings", "location": "querystring", "locationName": "tag"}},
          "Since": {{"shape": "T", "location": "querystring", "locationName": "since"}},
          "Meta": {{"shape": "StrMap", "location": "headers", "locationName": "x-meta-"}}
        }}}},
        "ObjectIn": {{"type": "structure", "required": ["Bucket", "Key"], "members": {{
          "Bucket": {{"shape": "S", "location": "uri", "locationName": "Bucket"}},
          "Key": {{"shape": "S", "location": "uri", "locationName": "Key"}}
        }}}},
        "PartsIn": {{"type": "structure", "required": ["Bucket", "Key", "UploadId"], "members": {{
          "Bucket": {{"shape": "S", "location": "uri", "locationName": "Bucket"}},
          "Key": {{"shape": "S", "location": "uri", "locationName": "Key"}},
          "UploadId": {{"shape": "S", "location": "querystring", "locationName": "uploadId"}}
        }}}},
        "PutIn": {{"type": "structure", "members": {{
          "Name": {{"shape": "S", "location": "uri", "locationName": "Name"}},
          "Items": {{"shape": "Items"}}, "Count": {{"shape": "I"}}, "Attrs": {{"shape": "StrMap"}},
          "Grid": {{"shape": "Grid"}}, "Groups": {{"shape": "Groups"}}
        }}}},
        "Grid": {{"type": "list", "member": {{"shape": "Strings"}}}},
        "Groups": {{"type": "map", "key": {{"shape": "S"}}, "value": {{"shape": "Strings"}}}},
        "Items": {{"type": "list", "member": {{"shape": "S"}}}},
        "Strings": {{"type": "list", "member": {{"shape": "S"}}}},
        "StrMap": {{"type": "map", "key": {{"shape": "S"}}, "value": {{"shape": "S"}}}},
        "S": {{"type": "string"}}, "T": {{"type": "timestamp"}}, "I": {{"type": "integer"}}
      }}
    }}"#
    );
    botocore::load(json.as_bytes()).unwrap()
}

fn put_input() -> Value {
    Value::from(
        Structure::new()
            .with("Name", "a b/c")
            .with("Items", Value::List(vec!["x".into(), "y z".into()].into()))
            .with("Count", 3)
            .with("Attrs", Value::Map(Map::new().with("k", "v")))
            .with("Grid", Value::List(vec![strings(&["a", "b"]), strings(&["c"])].into()))
            .with("Groups", Value::Map(Map::new().with("g", strings(&["x", "y"])))),
    )
}

fn strings(items: &[&str]) -> Value {
    Value::List(items.iter().map(|&item| Value::from(item)).collect())
}

#[test]
fn every_protocol_reads_back_what_the_client_wrote() {
    for (name, protocol) in [
        ("json", Protocol::AwsJson1_0),
        ("rest-json", Protocol::RestJson1),
        ("rest-xml", Protocol::RestXml),
        ("query", Protocol::AwsQuery),
        ("ec2", Protocol::Ec2Query),
    ] {
        let model = model(name);
        let put = model.operation("Put").unwrap();
        let input = put_input();
        let request =
            protocol::request(protocol, put, &input, &Endpoint::default(), &RequestOptions::default()).unwrap();
        let parsed = protocol::parse_request(protocol, &model, &request).unwrap_or_else(|e| panic!("{protocol}: {e}"));
        assert_eq!(parsed.operation.name(), "Put", "{protocol}");
        assert_eq!(parsed.input, input, "{protocol}");
    }
}

#[test]
fn rest_requests_are_routed_to_the_most_specific_pattern() {
    let model = model("rest-xml");
    let route = |method: &str, uri: &str| {
        protocol::parse_request(Protocol::RestXml, &model, &HttpRequest::new(method, uri, ""))
    };
    let parsed = route("GET", "/things/a%20b?tag=x&tag=y&since=2020-01-01T00:00:00Z").unwrap();
    assert_eq!(parsed.operation.name(), "GetThing");
    assert_eq!(parsed.input["Name"].as_str(), Some("a b"));
    assert_eq!(parsed.input["Tags"], Value::List(vec!["x".into(), "y".into()].into()));
    assert!(parsed.input["Since"].as_timestamp().is_some());
    // S3-style: one pattern, told apart by required query keys and literal ones.
    let object = route("GET", "/bucket/dir/file.txt").unwrap();
    assert_eq!((object.operation.name(), object.input["Key"].as_str()), ("GetObject", Some("dir/file.txt")));
    let parts = route("GET", "/bucket/dir/file.txt?uploadId=u1").unwrap();
    assert_eq!((parts.operation.name(), parts.input["UploadId"].as_str()), ("ListParts", Some("u1")));
    assert_eq!(route("GET", "/bucket/k?acl").unwrap().operation.name(), "GetAcl");
    // Nothing at that path: 404; the wrong method too.
    for (method, uri) in [("GET", "/"), ("DELETE", "/things/a"), ("GET", "/things/")] {
        let error = route(method, uri).unwrap_err();
        assert_eq!((error.status(), error.code()), (404, "UnknownOperationException"), "{method} {uri}");
    }
}

#[test]
fn refusals_carry_their_status_and_the_reason() {
    let json = model("json");
    let request = |target: &str, content_type: &str, body: &str| {
        HttpRequest::new("POST", "/", body)
            .with_header("X-Amz-Target", target)
            .with_header("Content-Type", content_type)
    };
    let parse = |request: &HttpRequest| protocol::parse_request(Protocol::AwsJson1_0, &json, request).unwrap_err();
    let error = parse(&request("Svc.Nope", "application/x-amz-json-1.0", "{}"));
    assert_eq!((error.status(), error.code()), (400, "UnknownOperationException"));
    let error = parse(&request("Other.Put", "application/x-amz-json-1.0", "{}"));
    assert_eq!(error.code(), "UnknownOperationException", "another service's prefix");
    let error = parse(&request("Svc.Put", "text/plain", "{}"));
    assert_eq!((error.status(), error.code()), (415, "UnsupportedMediaType"));
    let error = parse(&request("Svc.Put", "application/x-amz-json-1.0", r#"{"Count": "x"}"#));
    assert_eq!((error.status(), error.code()), (400, "SerializationException"));
    assert_eq!(error.error().to_string(), "data error: expected a number, found a string at Count (byte 10)");

    let query = model("query");
    let form = |body: &str| {
        let request =
            HttpRequest::new("POST", "/", body).with_header("Content-Type", "application/x-www-form-urlencoded");
        protocol::parse_request(Protocol::AwsQuery, &query, &request)
    };
    assert_eq!(form("Action=Nope&Version=2020-01-01").unwrap_err().code(), "InvalidAction");
    assert_eq!(form("Version=2020-01-01").unwrap_err().status(), 400);
    assert_eq!(form("Action=Put&Version=1999-01-01").unwrap_err().status(), 400);
    let error = form("Action=Put&Count=1&Count=2").unwrap_err();
    assert_eq!(error.error().to_string(), r#"data error: repeated query key at ["Count"]"#);
    let error = form("Action=Put&Name=%E").unwrap_err();
    assert_eq!((error.error().kind(), error.error().offset()), (ErrorKind::Syntax, Some(16)));
    assert_eq!(form("Action=Put&Name=%FF").unwrap_err().error().kind(), ErrorKind::Data, "invalid UTF-8");
    // A GET carries its form in the query string.
    let get = HttpRequest::new("GET", "/?Action=Put&Count=7", "");
    assert_eq!(protocol::parse_request(Protocol::AwsQuery, &query, &get).unwrap().input["Count"], Value::Integer(7));
}

#[test]
fn query_forms_read_lists_and_maps_in_any_order_and_bound_their_work() {
    let model = model("query");
    let shape = model.operation("Put").unwrap().input().unwrap();
    let settings = QuerySettings::new(QueryFlavor::AwsQuery);
    let read = |form: &str| query::decode(&query::parse_form(form.as_bytes()).unwrap(), shape, &settings);
    // Out of order, with gaps: items by index.
    let value =
        read("Items.member.10=c&Items.member.2=b&Items.member.1=a&Attrs.entry.1.key=k&Attrs.entry.1.value=v").unwrap();
    assert_eq!(value["Items"], Value::List(vec!["a".into(), "b".into(), "c".into()].into()));
    assert_eq!(value["Attrs"], Value::Map(Map::new().with("k", "v")));
    assert_eq!(read("Items=").unwrap()["Items"], Value::List(Vec::new().into()), "an empty list is `L=`");
    // A huge index allocates nothing in proportion to it.
    let value = read("Items.member.4294967296=x&Items.member.18446744073709551615=y").unwrap();
    assert_eq!(value["Items"], Value::List(vec!["x".into(), "y".into()].into()));
    assert_eq!(read("Items.member.0=x").unwrap_err().kind(), ErrorKind::Data, "indexes start at 1");
    assert_eq!(read("Items.member.x=x").unwrap_err().kind(), ErrorKind::Data);
    // A million keys, and a key nested past the depth limit.
    let many: String = (1..=1_000_000).map(|i| format!("Items.member.{i}=v&")).collect();
    assert_eq!(read(&many).unwrap()["Items"].as_list().map(|l| l.len()), Some(1_000_000));
    let deep = format!("{}=x", vec!["A"; 1000].join("."));
    assert_eq!(read(&deep).unwrap_err().kind(), ErrorKind::Limit);
    let limited = settings.with_limits(Limits::default().with_max_collection_len(2));
    let error = query::decode(
        &query::parse_form(b"Items.member.1=a&Items.member.2=b&Items.member.3=c").unwrap(),
        shape,
        &limited,
    );
    assert_eq!(error.unwrap_err().kind(), ErrorKind::Limit);
}

#[test]
fn gzip_bodies_are_inflated_and_bombs_refused() {
    use std::io::Write as _;
    let model = model("json");
    let compress = |bytes: &[u8]| {
        let mut encoder = flate2::write::GzEncoder::new(Vec::new(), flate2::Compression::default());
        encoder.write_all(bytes).unwrap();
        encoder.finish().unwrap()
    };
    let request = |body: Vec<u8>| {
        HttpRequest::new("POST", "/", body)
            .with_header("X-Amz-Target", "Svc.Put")
            .with_header("Content-Type", "application/x-amz-json-1.0")
            .with_header("Content-Encoding", "gzip")
    };
    let parsed = protocol::parse_request(Protocol::AwsJson1_0, &model, &request(compress(br#"{"Count": 5}"#))).unwrap();
    assert_eq!(parsed.input["Count"], Value::Integer(5));
    // 100 MB of spaces in a few hundred kilobytes: past the default body limit, refused.
    let bomb = compress(&vec![b' '; 100 << 20]);
    let error = protocol::parse_request(Protocol::AwsJson1_0, &model, &request(bomb)).unwrap_err();
    assert_eq!((error.status(), error.error().kind()), (400, ErrorKind::Limit));
}

#[test]
fn hostile_requests_are_refused_cleanly() {
    let rest = model("rest-json");
    let parse = |request: &HttpRequest| protocol::parse_request(Protocol::RestJson1, &rest, request);
    let get = |uri: &str| parse(&HttpRequest::new("GET", uri, ""));
    // Percent-decoding: invalid UTF-8, a `%` at the end, a `%` without two hex digits.
    for (uri, said) in [
        ("/things/%FF", "data error: percent-decoded text is not UTF-8 (byte 8)"),
        ("/things/abc%", "syntax error: `%` is not followed by two hex digits (byte 11)"),
        ("/things/a%zzb", "syntax error: `%` is not followed by two hex digits (byte 9)"),
        ("/things/a?tag=%F", "syntax error: `%` is not followed by two hex digits (byte 14)"),
    ] {
        let error = get(uri).unwrap_err();
        assert_eq!((error.status(), error.error().to_string().as_str()), (400, said), "{uri}");
    }
    // A header value a proxy unfolded into several lines is no header value.
    let folded = HttpRequest::new("GET", "/things/a", "").with_header("x-meta-k", "v\r\nX-Injected: 1");
    let error = parse(&folded).unwrap_err();
    assert_eq!(error.error().to_string(), r#"data error: a header value holds a line break at Meta["k"]"#);
    // A repeated prefix header is a repeated map key.
    let twice = HttpRequest::new("GET", "/things/a", "").with_header("x-meta-k", "1").with_header("X-Meta-K", "2");
    assert_eq!(parse(&twice).unwrap_err().error().to_string(), r#"data error: repeated map key at Meta["K"]"#);
    // A body past the limit given.
    let big = HttpRequest::new("PUT", "/things/a", vec![b' '; 1000]).with_header("Content-Type", "application/json");
    let options = ReadOptions::default().with_limits(Limits::untrusted().with_max_input_len(100));
    let error = protocol::parse_request_with(Protocol::RestJson1, &rest, &big, &options).unwrap_err();
    assert_eq!((error.status(), error.code(), error.error().kind()), (413, "RequestEntityTooLarge", ErrorKind::Limit));
}

#[test]
fn a_pattern_naming_a_label_twice_is_a_model_error() {
    let json = r#"{"metadata": {"protocol": "rest-json"},
      "operations": {"Get": {"name": "Get", "http": {"method": "GET", "requestUri": "/{Name}/{Name}"}, "input": {"shape": "In"}}},
      "shapes": {"In": {"type": "structure", "required": ["Name"],
                        "members": {"Name": {"shape": "S", "location": "uri", "locationName": "Name"}}},
                 "S": {"type": "string"}}}"#;
    let error = botocore::load(json.as_bytes()).unwrap_err();
    assert_eq!(error.to_string(), "model error: operation Get: the URI pattern /{Name}/{Name} names label Name twice");
}

#[test]
fn host_labels_are_read_from_the_host_when_the_body_leaves_them_out() {
    let model = botocore::load(
        br#"{
      "metadata": {"protocol": "json", "jsonVersion": "1.0", "targetPrefix": "Svc"},
      "operations": {"Get": {"name": "Get", "input": {"shape": "In"},
                             "endpoint": {"hostPrefix": "{AccountId}.data-"}}},
      "shapes": {"In": {"type": "structure", "required": ["AccountId"], "members": {
                   "AccountId": {"shape": "S", "hostLabel": true}, "Name": {"shape": "S"}}},
                 "S": {"type": "string"}}
    }"#,
    )
    .unwrap();
    let request = |host: &str, body: &str| {
        let mut request = HttpRequest::new("POST", "/", body.as_bytes().to_vec())
            .with_header("X-Amz-Target", "Svc.Get")
            .with_header("Content-Type", "application/x-amz-json-1.0");
        request.host = host.to_owned();
        protocol::parse_request(Protocol::AwsJson1_0, &model, &request).unwrap().input
    };
    let input = request("123456.data-example.com", r#"{"Name": "n"}"#);
    assert_eq!(input, Value::from(Structure::new().with("Name", "n").with("AccountId", "123456")));
    // What the body says wins; a host without the prefix adds nothing.
    let input = request("123456.data-example.com", r#"{"AccountId": "789"}"#);
    assert_eq!(input, Value::from(Structure::new().with("AccountId", "789")));
    assert_eq!(request("example.com", "{}"), Value::from(Structure::new()));
    assert_eq!(request(".data-example.com", "{}"), Value::from(Structure::new()));
}

#[test]
fn a_signed_input_stream_is_read_through_its_envelopes() {
    use awsval::event_stream::Message;
    use awsval::{Timestamp, Union};
    let model = botocore::load(
        br#"{
      "metadata": {"protocol": "rest-json"},
      "operations": {"Talk": {"name": "Talk", "http": {"method": "POST", "requestUri": "/talk"},
                              "input": {"shape": "In"}}},
      "shapes": {
        "In": {"type": "structure", "members": {"Lang": {"shape": "S", "location": "header", "locationName": "x-lang"},
                                                "Audio": {"shape": "Stream"}}, "payload": "Audio"},
        "Stream": {"type": "structure", "eventstream": true, "members": {"Chunk": {"shape": "Chunk"}}},
        "Chunk": {"type": "structure", "event": true, "members": {"Bytes": {"shape": "B", "eventpayload": true}}},
        "S": {"type": "string"}, "B": {"type": "blob"}
      }
    }"#,
    )
    .unwrap();
    let talk = model.operation("Talk").unwrap();
    let chunk =
        |bytes: &[u8]| Value::Union(Union::new("Chunk", Structure::new().with("Bytes", awsval::Blob::new(bytes))));
    let input = Value::from(
        Structure::new().with("Lang", "en").with("Audio", Value::List(vec![chunk(b"ab"), chunk(b"cd")].into())),
    );
    let request =
        protocol::request(Protocol::RestJson1, talk, &input, &Endpoint::default(), &RequestOptions::default()).unwrap();
    assert_eq!(request.header("Content-Type"), Some("application/vnd.amazon.eventstream"));
    assert!(protocol::parse_request(Protocol::RestJson1, &model, &request).unwrap().input.equivalent(&input));
    // The same events, each in a signed envelope, and the empty envelope that ends the stream.
    let date = Timestamp::from_secs(1_700_000_000).unwrap();
    let mut signed = Vec::new();
    for message in awsval::event_stream::decode_all(&request.body).unwrap() {
        Message::signed(Some(&message), date, |_, _| vec![7; 32]).unwrap().write_frame(&mut signed).unwrap();
    }
    Message::signed(None, date, |_, _| vec![7; 32]).unwrap().write_frame(&mut signed).unwrap();
    let signed_request = HttpRequest { body: signed, ..request };
    let parsed = protocol::parse_request(Protocol::RestJson1, &model, &signed_request).unwrap();
    assert!(parsed.input.equivalent(&input));
}

#[test]
fn an_rpcv2_cbor_stream_is_asked_for_and_answered_as_one() {
    use awsval::Union;
    use awsval::protocol::ResponseOptions;
    let model = botocore::load(
        br#"{
      "metadata": {"protocol": "smithy-rpc-v2-cbor", "protocols": ["smithy-rpc-v2-cbor"], "targetPrefix": "Svc"},
      "operations": {"Watch": {"name": "Watch", "input": {"shape": "In"}, "output": {"shape": "Out"}}},
      "shapes": {
        "In": {"type": "structure", "members": {"Id": {"shape": "S"}}},
        "Out": {"type": "structure", "members": {"Note": {"shape": "S"}, "Ticks": {"shape": "Stream"}}},
        "Stream": {"type": "structure", "eventstream": true, "members": {"Tick": {"shape": "Tick"}}},
        "Tick": {"type": "structure", "event": true, "members": {"N": {"shape": "S"}}},
        "S": {"type": "string"}
      }
    }"#,
    )
    .unwrap();
    let watch = model.operation("Watch").unwrap();
    let input = Value::from(Structure::new().with("Id", "w-1"));
    let request =
        protocol::request(Protocol::RpcV2Cbor, watch, &input, &Endpoint::default(), &RequestOptions::default())
            .unwrap();
    assert_eq!(request.header("Accept"), Some("application/vnd.amazon.eventstream"));
    assert!(protocol::parse_request(Protocol::RpcV2Cbor, &model, &request).unwrap().input.equivalent(&input));
    let tick = |n: &str| Value::Union(Union::new("Tick", Structure::new().with("N", n)));
    let output =
        Value::from(Structure::new().with("Note", "hi").with("Ticks", Value::List(vec![tick("1"), tick("2")].into())));
    let reply = protocol::encode_response(Protocol::RpcV2Cbor, watch, &output, &ResponseOptions::default()).unwrap();
    assert_eq!(reply.header("smithy-protocol"), Some("rpc-v2-cbor"));
    assert_eq!(reply.header("Content-Type"), Some("application/vnd.amazon.eventstream"));
    // The members outside the stream travel in the initial-response event.
    let read = protocol::response(Protocol::RpcV2Cbor, watch, &reply).unwrap().unwrap();
    assert!(read.equivalent(&output), "{read:?}");
}

#[test]
fn a_stream_member_holding_no_list_is_refused_not_dropped() {
    use awsval::Union;
    use awsval::protocol::ResponseOptions;
    let model = botocore::load(
        br#"{
      "metadata": {"protocol": "rest-json"},
      "operations": {"Watch": {"name": "Watch", "http": {"method": "GET", "requestUri": "/"}, "output": {"shape": "Out"}}},
      "shapes": {
        "Out": {"type": "structure", "members": {"Ticks": {"shape": "Stream"}}, "payload": "Ticks"},
        "Stream": {"type": "structure", "eventstream": true, "members": {"Tick": {"shape": "Tick"}}},
        "Tick": {"type": "structure", "event": true, "members": {}}
      }
    }"#,
    )
    .unwrap();
    let watch = model.operation("Watch").unwrap();
    let one = Value::from(Structure::new().with("Ticks", Union::new("Tick", Structure::new())));
    let error = protocol::encode_response(Protocol::RestJson1, watch, &one, &ResponseOptions::default()).unwrap_err();
    assert_eq!(error.to_string(), "data error: a stream holds a list of events, not a union at Ticks");
}

#[test]
fn a_server_reads_requests_strictly_where_a_client_reads_leniently() {
    let rest = model("rest-json");
    let get = |uri: &str, headers: &[(&str, &str)]| {
        let mut request = HttpRequest::new("GET", uri, "");
        for (name, value) in headers {
            request = request.with_header(name, value);
        }
        protocol::parse_request(Protocol::RestJson1, &rest, &request)
    };
    // Query timestamps are Smithy's date-time: UTC with `T` and `Z`, no offset, nothing else.
    assert!(get("/things/a?since=2019-12-16T23%3A48%3A18Z", &[]).is_ok());
    for other in ["2019-12-16T23%3A48%3A18-01%3A00", "1576540098", "2019-12-16t23%3A48%3A18z"] {
        let error = get(&format!("/things/a?since={other}"), &[]).unwrap_err();
        assert_eq!((error.status(), error.code()), (400, "SerializationException"), "{other}");
    }
    // A JSON body says it is JSON; a null in a dense list is refused, not dropped.
    let put = |content_type: &str, body: &str| {
        let request = HttpRequest::new("PUT", "/things/a", body).with_header("Content-Type", content_type);
        protocol::parse_request(Protocol::RestJson1, &rest, &request)
    };
    assert!(put("application/json", r#"{"Items": ["a"]}"#).is_ok());
    let error = put("text/plain", r#"{"Count": 1}"#).unwrap_err();
    assert_eq!((error.status(), error.code()), (415, "UnsupportedMediaTypeException"));
    let error = put("application/json", r#"{"Items": ["a", null]}"#).unwrap_err();
    assert_eq!((error.status(), error.code()), (400, "SerializationException"));
    assert_eq!(error.error().to_string(), "data error: a null in a dense collection at Items[1] (byte 16)");
}
