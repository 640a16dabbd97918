//! The awsJson protocols: requests, responses, errors, typed errors.

use awsval::model::botocore;
use awsval::protocol::{self, Endpoint, HttpResponse, Protocol, RequestOptions};
use awsval::schema::Model;
use awsval::{OperationError, Shape, Structure, Value};

fn model(version: &str, query_compatible: bool) -> Model {
    let compatible = if query_compatible { r#", "awsQueryCompatible": {}"# } else { "" };
    let json = format!(
        r#"{{
      "metadata": {{"protocol": "json", "jsonVersion": "{version}", "targetPrefix": "Svc"{compatible}}},
      "operations": {{
        "Put": {{"name": "Put", "http": {{"method": "POST", "requestUri": "/"}}, "input": {{"shape": "PutIn"}},
                 "output": {{"shape": "PutOut"}}, "errors": [{{"shape": "Conflict"}}, {{"shape": "Renamed"}}],
                 "endpoint": {{"hostPrefix": "{{Zone}}.data."}}, "requestcompression": {{"encodings": ["gzip"]}}}},
        "Ping": {{"name": "Ping"}}
      }},
      "shapes": {{
        "PutIn": {{"type": "structure", "members": {{"Zone": {{"shape": "S", "hostLabel": true}}, "Data": {{"shape": "S"}}}}}},
        "PutOut": {{"type": "structure", "members": {{"Id": {{"shape": "S"}}}}}},
        "S": {{"type": "string"}},
        "Conflict": {{"type": "structure", "members": {{"Message": {{"shape": "S"}}, "Id": {{"shape": "S"}}}}, "exception": true}},
        "Renamed": {{"type": "structure", "members": {{"message": {{"shape": "S"}}}}, "exception": true, "error": {{"code": "OldName"}}}},
        "Elsewhere": {{"type": "structure", "members": {{}}, "exception": true}}
      }}
    }}"#
    );
    botocore::load(json.as_bytes()).unwrap()
}

fn input(zone: &str, data: &str) -> Value {
    Value::from(Structure::new().with("Zone", zone).with("Data", data))
}

#[test]
fn requests_carry_target_content_type_host_and_length() {
    for (version, protocol) in [("1.0", Protocol::AwsJson1_0), ("1.1", Protocol::AwsJson1_1)] {
        let model = model(version, false);
        assert_eq!(Protocol::of_service(model.service()).unwrap(), protocol);
        let put = model.operation("Put").unwrap();
        let request = protocol::request(
            protocol,
            put,
            &input("eu1", "d"),
            &Endpoint::parse("https://svc.example.com/base"),
            &RequestOptions::default(),
        )
        .unwrap();
        assert_eq!(
            (request.method.as_str(), request.uri.as_str(), request.host.as_str()),
            ("POST", "/base/", "eu1.data.svc.example.com")
        );
        assert_eq!(request.header("content-type"), Some(format!("application/x-amz-json-{version}").as_str()));
        assert_eq!(request.header("X-Amz-Target"), Some("Svc.Put"));
        assert_eq!(request.header("Content-Length"), Some("25"));
        assert_eq!(request.header("x-amzn-query-mode"), None);
        assert_eq!(request.body, br#"{"Zone":"eu1","Data":"d"}"#);
        let ping = model.operation("Ping").unwrap();
        let request =
            protocol::request(protocol, ping, &Value::Null, &Endpoint::default(), &RequestOptions::default()).unwrap();
        assert_eq!(request.body, b"{}");
        assert_eq!(request.host, "example.com");
    }
}

#[test]
fn host_labels_are_checked() {
    let model = model("1.1", false);
    let put = model.operation("Put").unwrap();
    let send = |zone: &str| {
        protocol::request(
            Protocol::AwsJson1_1,
            put,
            &input(zone, "d"),
            &Endpoint::default(),
            &RequestOptions::default(),
        )
    };
    assert_eq!(send("").unwrap_err().to_string(), "data error: host label Zone is missing or empty at Zone");
    assert_eq!(
        send("a/b").unwrap_err().to_string(),
        "data error: a host label holds only letters, digits, '-' and '.' at Zone"
    );
}

#[test]
fn large_bodies_are_gzipped_when_the_operation_asks() {
    let model = model("1.1", false);
    let put = model.operation("Put").unwrap();
    let big = "x".repeat(20_000);
    let request = protocol::request(
        Protocol::AwsJson1_1,
        put,
        &input("z", &big),
        &Endpoint::default(),
        &RequestOptions::default(),
    )
    .unwrap();
    assert_eq!(request.header("Content-Encoding"), Some("gzip"));
    assert!(request.body.len() < 1_000);
    assert_eq!(request.header("Content-Length"), Some(request.body.len().to_string().as_str()));
    let mut inflated = Vec::new();
    std::io::Read::read_to_end(&mut flate2::read::GzDecoder::new(&request.body[..]), &mut inflated).unwrap();
    assert!(inflated.starts_with(br#"{"Zone":"z","Data":"xxx"#));
    let small = protocol::request(
        Protocol::AwsJson1_1,
        put,
        &input("z", "small"),
        &Endpoint::default(),
        &RequestOptions::default(),
    )
    .unwrap();
    assert_eq!(small.header("Content-Encoding"), None);
}

#[test]
fn query_compatible_services_say_so_and_their_codes_win() {
    let model = model("1.0", true);
    let put = model.operation("Put").unwrap();
    let request = protocol::request(
        Protocol::AwsJson1_0,
        put,
        &input("z", "d"),
        &Endpoint::default(),
        &RequestOptions::default(),
    )
    .unwrap();
    assert_eq!(request.header("x-amzn-query-mode"), Some("true"));
    let reply = HttpResponse::new(400, r#"{"__type": "svc#Renamed", "message": "m"}"#)
        .with_header("x-amzn-query-error", "OldName;Sender");
    let error = protocol::response(Protocol::AwsJson1_0, put, &reply).unwrap().unwrap_err();
    assert_eq!((error.code.as_str(), error.shape.map(|s| s.name())), ("OldName", Some("Renamed")));
    assert_eq!(error.value["message"], Value::from("m"));
}

#[test]
fn responses_decode_outputs_and_empty_bodies() {
    let model = model("1.1", false);
    let put = model.operation("Put").unwrap();
    let ok = protocol::response(Protocol::AwsJson1_1, put, &HttpResponse::new(200, r#"{"Id": "i"}"#)).unwrap().unwrap();
    assert_eq!(ok["Id"], Value::from("i"));
    let empty = protocol::response(Protocol::AwsJson1_1, put, &HttpResponse::new(200, "")).unwrap().unwrap();
    assert_eq!(empty, Value::Structure(Structure::new()));
    let malformed = protocol::response(Protocol::AwsJson1_1, put, &HttpResponse::new(200, "{")).unwrap_err();
    assert_eq!(malformed.to_string(), "end of input error: expected a string (byte 1)");
}

#[test]
fn error_codes_come_from_header_type_or_code_in_that_order() {
    let model = model("1.1", false);
    let put = model.operation("Put").unwrap();
    let decode = |reply: HttpResponse| protocol::response(Protocol::AwsJson1_1, put, &reply).unwrap().unwrap_err();
    let error = decode(
        HttpResponse::new(409, r#"{"code": "Other", "__type": "Other2", "Message": "busy", "Id": "7"}"#)
            .with_header("X-Amzn-Errortype", "svc.ns#Conflict:http://internal/"),
    );
    assert_eq!((error.code.as_str(), error.message.as_deref(), error.status), ("Conflict", Some("busy"), 409));
    assert_eq!(error.value["Id"], Value::from("7"));
    assert_eq!(error.to_string(), "Conflict (HTTP 409): busy");
    // Then `__type`, as botocore reads it: a body's `code` may be a member of the error (Firehose's
    // InvalidKMSResourceException carries KMS's code in it); `code` serves when there is no `__type`.
    assert_eq!(decode(HttpResponse::new(409, r#"{"code": "KMS.Denied", "__type": "a#Conflict"}"#)).code, "Conflict");
    assert_eq!(decode(HttpResponse::new(409, r#"{"code": "a#Conflict"}"#)).code, "Conflict");
    assert_eq!(
        decode(HttpResponse::new(409, r#"{"__type": "a.b#Conflict:uri"}"#)).shape.map(|s| s.name()),
        Some("Conflict")
    );
    // A code the operation does not list but the service models.
    assert_eq!(decode(HttpResponse::new(400, r#"{"__type": "Elsewhere"}"#)).shape.map(|s| s.name()), Some("Elsewhere"));
    let unknown = decode(HttpResponse::new(500, r#"{"__type": "Mystery", "message": "?"}"#));
    assert_eq!(
        (unknown.code.as_str(), unknown.shape.is_none(), unknown.message.as_deref()),
        ("Mystery", true, Some("?"))
    );
    assert_eq!(unknown.value, Value::Structure(Structure::new()));
    // No code anywhere: the status is the code, as botocore reads it; the message is the
    // body's, else the reason phrase.
    let no_code = decode(HttpResponse::new(500, "{}"));
    assert_eq!((no_code.code.as_str(), no_code.message.as_deref()), ("500", Some("Internal Server Error")));
    let throttled = decode(HttpResponse::new(429, r#"{"message": "Too Many Requests"}"#));
    assert_eq!((throttled.code.as_str(), throttled.message.as_deref()), ("429", Some("Too Many Requests")));
    let page = decode(HttpResponse::new(503, "<html><body><b>Http/1.1 Service Unavailable</b></body></html>"));
    assert_eq!((page.code.as_str(), page.message.as_deref(), page.shape), ("503", Some("Service Unavailable"), None));
}

#[derive(Shape, Clone, PartialEq)]
#[awsval(error = "client")]
struct Conflict {
    message: Option<String>,
    id: Option<String>,
}

#[derive(OperationError, Clone, PartialEq)]
enum PutError {
    Conflict(Conflict),
    #[awsval(unknown)]
    Unknown {
        code: String,
        message: Option<String>,
    },
}

#[test]
fn typed_errors_decode_into_the_operation_enum() {
    let reply = HttpResponse::new(409, r#"{"__type": "ns#Conflict", "Message": "busy", "Id": "7"}"#);
    let error: PutError = protocol::typed_error(Protocol::AwsJson1_1, &reply).unwrap();
    assert!(error == PutError::Conflict(Conflict { message: Some("busy".into()), id: Some("7".into()) }));
    let reply = HttpResponse::new(500, "").with_header("X-Amzn-Errortype", "Boom");
    let error: PutError = protocol::typed_error(Protocol::AwsJson1_0, &reply).unwrap();
    assert!(error == PutError::Unknown { code: "Boom".into(), message: None });
    // restXml reads its codes from the XML body, which this reply does not have: it is known
    // by its status.
    let no_code: PutError = protocol::typed_error(Protocol::RestXml, &reply).unwrap();
    assert!(no_code == PutError::Unknown { code: "500".into(), message: Some("Internal Server Error".into()) });
}

#[test]
fn protocols_have_both_names() {
    for protocol in Protocol::ALL {
        assert_eq!(Protocol::from_name(protocol.smithy_name(), None), Some(protocol));
    }
    assert_eq!(Protocol::from_name("json", Some("1.0")), Some(Protocol::AwsJson1_0));
    assert_eq!(Protocol::from_name("json", None), Some(Protocol::AwsJson1_1));
    assert_eq!(Protocol::from_name("rest-json", None), Some(Protocol::RestJson1));
    assert_eq!(Protocol::from_name("ec2", None), Some(Protocol::Ec2Query));
    assert_eq!(Protocol::from_name("smithy-rpc-v2-cbor", None), Some(Protocol::RpcV2Cbor));
    assert_eq!(Protocol::from_name("smithy-rpc-v3", None), None);
}

#[test]
fn a_service_is_spoken_to_in_botocores_order_of_protocols() {
    let service = |protocols: &[&str]| {
        let mut service = awsval::schema::Service::default();
        service.protocols = protocols.iter().map(|p| (*p).into()).collect();
        service.json_version = Some("1.0".into());
        Protocol::of_service(&service)
    };
    // Listed in either order, json comes before smithy-rpc-v2-cbor, and that before query.
    assert_eq!(service(&["smithy-rpc-v2-cbor", "json"]).unwrap(), Protocol::AwsJson1_0);
    assert_eq!(service(&["query", "smithy-rpc-v2-cbor"]).unwrap(), Protocol::RpcV2Cbor);
    assert_eq!(service(&["smithy-rpc-v2-cbor"]).unwrap(), Protocol::RpcV2Cbor);
    assert_eq!(
        service(&["smithy-rpc-v3"]).unwrap_err().to_string(),
        "model error: the service speaks no protocol awsval knows ([\"smithy-rpc-v3\"])"
    );
}
