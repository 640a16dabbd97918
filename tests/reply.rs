//! The server's side of a response: outputs and errors written in each protocol's form, and
//! read back by the client's side to what was written.

use awsval::model::botocore;
use awsval::protocol::{self, HttpResponse, Protocol, ResponseOptions, ServiceError};
use awsval::schema::{Fault, Model};
use awsval::{Map, Structure, Value};

/// One model in every protocol: `Get` with a header-bound, a status-bound and body members;
/// errors with and without members, a message member, an `@awsQueryError` code.
fn model(protocol: &str, extra_metadata: &str) -> Model {
    let json = format!(
        r#"{{
      "metadata": {{"protocol": "{protocol}", "jsonVersion": "1.0", "targetPrefix": "Svc", "apiVersion": "2020-01-01",
                    "xmlNamespace": "https://svc.example.com/doc/2020-01-01/" {extra_metadata}}},
      "operations": {{
        "Get": {{"name": "Get", "http": {{"method": "GET", "requestUri": "/things"}},
                 "output": {{"shape": "GetOut", "resultWrapper": "GetResult"}},
                 "errors": [{{"shape": "NotFound"}}, {{"shape": "Throttled"}}, {{"shape": "Custom"}}]}},
        "Ping": {{"name": "Ping", "http": {{"method": "POST", "requestUri": "/ping", "responseCode": 204}}}}
      }},
      "shapes": {{
        "GetOut": {{"type": "structure", "members": {{
          "Etag": {{"shape": "S", "location": "header", "locationName": "ETag"}},
          "Status": {{"shape": "I", "location": "statusCode"}},
          "Name": {{"shape": "S"}},
          "Tags": {{"shape": "Tags"}},
          "Meta": {{"shape": "Meta", "location": "headers", "locationName": "x-meta-"}}
        }}}},
        "NotFound": {{"type": "structure", "members": {{"Message": {{"shape": "S"}}, "Resource": {{"shape": "S"}}}},
                     "exception": true, "error": {{"httpStatusCode": 404, "senderFault": true}}}},
        "Throttled": {{"type": "structure", "members": {{}}, "exception": true, "error": {{"senderFault": false}}}},
        "Custom": {{"type": "structure", "members": {{"message": {{"shape": "S"}}}}, "exception": true,
                   "error": {{"code": "Custom.Code", "httpStatusCode": 409, "senderFault": true}}}},
        "Tags": {{"type": "list", "member": {{"shape": "S"}}}},
        "Meta": {{"type": "map", "key": {{"shape": "S"}}, "value": {{"shape": "S"}}}},
        "S": {{"type": "string"}}, "I": {{"type": "integer"}}
      }}
    }}"#
    );
    botocore::load(json.as_bytes()).unwrap()
}

fn output() -> Value {
    Value::from(
        Structure::new()
            .with("Etag", "\"e1\"")
            .with("Name", "a<b")
            .with("Tags", Value::List(vec![Value::from("x"), Value::from("y")].into()))
            .with("Meta", Value::Map(Map::new().with("color", "red"))),
    )
}

fn body(reply: &HttpResponse) -> &str {
    std::str::from_utf8(&reply.body).unwrap()
}

fn id() -> ResponseOptions {
    ResponseOptions::default().with_request_id("req-1")
}

/// Writes `value` for `Get` and reads it back: a client gets what the server wrote (and, in
/// the REST protocols, the status in the status-bound member).
fn round_trip(protocol: Protocol, model: &Model, value: &Value) -> HttpResponse {
    let get = model.operation("Get").unwrap();
    let reply = protocol::encode_response(protocol, get, value, &id()).unwrap();
    let Value::Structure(read) = protocol::response(protocol, get, &reply).unwrap().unwrap() else { panic!() };
    let Value::Structure(mut expected) = value.clone() else { panic!() };
    if matches!(protocol, Protocol::RestJson1 | Protocol::RestXml) {
        expected.insert("Status", Value::Integer(i32::from(reply.status)));
    }
    let mut names: Vec<_> = read.names().collect();
    names.sort_unstable();
    let mut expected_names: Vec<_> = expected.names().collect();
    expected_names.sort_unstable();
    assert_eq!(names, expected_names, "{protocol}");
    for name in names {
        assert_eq!(read.get(name), expected.get(name), "{protocol}: {name}");
    }
    reply
}

#[test]
fn aws_json_outputs_are_documents() {
    let model = model("json", "");
    let reply = round_trip(Protocol::AwsJson1_0, &model, &output());
    assert_eq!(reply.status, 200);
    assert_eq!(reply.header("Content-Type"), Some("application/x-amz-json-1.0"));
    assert_eq!(reply.header("x-amzn-RequestId"), Some("req-1"));
    assert_eq!(reply.header("Content-Length"), Some(reply.body.len().to_string().as_str()));
    // awsJson binds nothing to HTTP: every member is in the document.
    assert_eq!(body(&reply), r#"{"Etag":"\"e1\"","Name":"a<b","Tags":["x","y"],"Meta":{"color":"red"}}"#);
    // An operation without output answers with no body.
    let ping = model.operation("Ping").unwrap();
    let empty = Value::from(Structure::new());
    let reply = protocol::encode_response(Protocol::AwsJson1_0, ping, &empty, &ResponseOptions::default()).unwrap();
    assert_eq!((reply.status, body(&reply)), (200, ""));
}

#[test]
fn aws_json_errors_carry_their_type() {
    let model = model("json", "");
    let get = model.operation("Get").unwrap();
    let not_found = model.shape("NotFound").unwrap();
    let error =
        ServiceError::modeled(not_found, Value::from(Structure::new().with("Message", "gone").with("Resource", "r")));
    let reply = protocol::encode_error(Protocol::AwsJson1_1, get, &error, &id()).unwrap();
    assert_eq!(reply.status, 404);
    assert_eq!(body(&reply), r#"{"__type":"NotFound","Message":"gone","Resource":"r"}"#);
    assert_eq!(reply.header("x-amzn-query-error"), None);
    let read = protocol::response(Protocol::AwsJson1_1, get, &reply).unwrap().unwrap_err();
    assert_eq!((read.code.as_str(), read.message.as_deref(), read.status), ("NotFound", Some("gone"), 404));
    assert_eq!(read.value, error.value);

    // Unmodeled: the code is the type, the message a `message` key.
    let throttling = ServiceError::unmodeled("ThrottlingException", Some("slow down"), 400);
    let reply = protocol::encode_error(Protocol::AwsJson1_1, get, &throttling, &id()).unwrap();
    assert_eq!(body(&reply), r#"{"__type":"ThrottlingException","message":"slow down"}"#);
    let read = protocol::response(Protocol::AwsJson1_1, get, &reply).unwrap().unwrap_err();
    assert_eq!(
        (read.code.as_str(), read.message.as_deref(), read.shape),
        ("ThrottlingException", Some("slow down"), None)
    );
}

#[test]
fn query_compatible_errors_name_their_query_code() {
    let model = model("json", r#", "awsQueryCompatible": {}"#);
    let get = model.operation("Get").unwrap();
    let custom = model.shape("Custom").unwrap();
    let error = ServiceError::modeled(custom, Value::from(Structure::new().with("message", "no")));
    assert_eq!((error.code.as_str(), error.status, error.fault()), ("Custom.Code", 409, Fault::Client));
    let reply = protocol::encode_error(Protocol::AwsJson1_0, get, &error, &id()).unwrap();
    assert_eq!(reply.header("x-amzn-query-error"), Some("Custom.Code;Sender"));
    assert_eq!(body(&reply), r#"{"__type":"Custom","message":"no"}"#);
    let read = protocol::response(Protocol::AwsJson1_0, get, &reply).unwrap().unwrap_err();
    assert_eq!((read.code.as_str(), read.shape.map(|s| s.name())), ("Custom.Code", Some("Custom")));

    let throttled = ServiceError::modeled(model.shape("Throttled").unwrap(), Value::from(Structure::new()));
    let reply = protocol::encode_error(Protocol::AwsJson1_0, get, &throttled, &id()).unwrap();
    assert_eq!((reply.status, reply.header("x-amzn-query-error")), (500, Some("Throttled;Receiver")));
}

#[test]
fn rest_json_binds_headers_and_the_status() {
    let model = model("rest-json", "");
    let mut value = output();
    if let Value::Structure(members) = &mut value {
        members.insert("Status", Value::Integer(202));
    }
    let reply = round_trip(Protocol::RestJson1, &model, &value);
    assert_eq!(reply.status, 202);
    assert_eq!(reply.header("ETag"), Some("\"e1\""));
    assert_eq!(reply.header("x-meta-color"), Some("red"));
    assert_eq!(reply.header("Content-Type"), Some("application/json"));
    assert_eq!(body(&reply), r#"{"Name":"a<b","Tags":["x","y"]}"#);

    // A structured output with nothing in its body still sends `{}`.
    let get = model.operation("Get").unwrap();
    let headers_only = Value::from(Structure::new().with("Etag", "e"));
    let reply = protocol::encode_response(Protocol::RestJson1, get, &headers_only, &id()).unwrap();
    assert_eq!((reply.status, body(&reply)), (200, "{}"));
    // The operation's `@http` code, when no member sets one.
    let ping = model.operation("Ping").unwrap();
    let reply = protocol::encode_response(Protocol::RestJson1, ping, &Value::from(Structure::new()), &id()).unwrap();
    assert_eq!((reply.status, body(&reply)), (204, ""));

    let bad = Value::from(Structure::new().with("Status", Value::Integer(70_000)));
    let error = protocol::encode_response(Protocol::RestJson1, get, &bad, &id()).unwrap_err();
    assert_eq!(
        error.to_string(),
        "data error: a status code is a number from 100 to 999, not Integer(70000) at Status"
    );
}

#[test]
fn rest_json_errors_name_their_type_in_a_header() {
    let model = model("rest-json", "");
    let get = model.operation("Get").unwrap();
    let throttled = ServiceError::modeled(model.shape("Throttled").unwrap(), Value::from(Structure::new()));
    let mut with_message = throttled;
    with_message.message = Some("later".to_owned());
    let reply = protocol::encode_error(Protocol::RestJson1, get, &with_message, &id()).unwrap();
    assert_eq!((reply.status, reply.header("X-Amzn-Errortype")), (500, Some("Throttled")));
    // The shape has no message member: the message goes beside its members.
    assert_eq!(body(&reply), r#"{"message":"later"}"#);
    let read = protocol::response(Protocol::RestJson1, get, &reply).unwrap().unwrap_err();
    assert_eq!((read.code.as_str(), read.message.as_deref()), ("Throttled", Some("later")));
}

#[test]
fn rest_xml_outputs_and_wrapped_errors() {
    let model = model("rest-xml", "");
    let reply = round_trip(Protocol::RestXml, &model, &output());
    assert_eq!(reply.header("Content-Type"), Some("application/xml"));
    // The model's service declares a namespace (botocore's restXml models do not; a Smithy
    // model's service does): the root is in it, as AWS's restXml services write.
    assert_eq!(
        body(&reply),
        "<GetOut xmlns=\"https://svc.example.com/doc/2020-01-01/\"><Name>a&lt;b</Name><Tags><member>x</member><member>y</member></Tags></GetOut>"
    );

    let get = model.operation("Get").unwrap();
    let error =
        ServiceError::modeled(model.shape("NotFound").unwrap(), Value::from(Structure::new().with("Resource", "r")));
    let mut error = error;
    error.message = Some("gone & done".to_owned());
    let reply = protocol::encode_error(Protocol::RestXml, get, &error, &id()).unwrap();
    assert_eq!(reply.status, 404);
    assert_eq!(
        body(&reply),
        "<ErrorResponse><Error><Type>Sender</Type><Code>NotFound</Code><Message>gone &amp; done</Message>\
         <Resource>r</Resource></Error><RequestId>req-1</RequestId></ErrorResponse>"
    );
    let read = protocol::response(Protocol::RestXml, get, &reply).unwrap().unwrap_err();
    assert_eq!((read.code.as_str(), read.message.as_deref()), ("NotFound", Some("gone & done")));
    assert_eq!(read.value, Value::from(Structure::new().with("Message", "gone & done").with("Resource", "r")));

    // The message member and the envelope's <Message> are one element: they cannot differ.
    let mut clash =
        ServiceError::modeled(model.shape("NotFound").unwrap(), Value::from(Structure::new().with("Message", "a")));
    clash.message = Some("b".to_owned());
    let error = protocol::encode_error(Protocol::RestXml, get, &clash, &id()).unwrap_err();
    assert_eq!(
        error.to_string(),
        "data error: the error's <Message> is \"b\"; this member is written as that one element and cannot differ at Message"
    );
}

#[test]
fn s3_errors_are_bare() {
    let model = model("rest-xml", r#", "serviceId": "S3""#);
    let get = model.operation("Get").unwrap();
    let error = ServiceError::unmodeled("NoSuchKey", Some("The specified key does not exist."), 404);
    let reply = protocol::encode_error(Protocol::RestXml, get, &error, &id()).unwrap();
    assert_eq!(
        body(&reply),
        "<Error><Type>Sender</Type><Code>NoSuchKey</Code><Message>The specified key does not exist.</Message>\
         <RequestId>req-1</RequestId></Error>"
    );
    assert_eq!((reply.header("x-amz-request-id"), reply.header("x-amzn-RequestId")), (Some("req-1"), None));
    let read = protocol::response(Protocol::RestXml, get, &reply).unwrap().unwrap_err();
    assert_eq!((read.code.as_str(), read.status), ("NoSuchKey", 404));
}

#[test]
fn aws_query_wraps_outputs_and_errors() {
    let model = model("query", "");
    let reply = round_trip(Protocol::AwsQuery, &model, &output());
    assert_eq!(reply.header("Content-Type"), Some("text/xml"));
    assert_eq!(
        body(&reply),
        "<GetResponse xmlns=\"https://svc.example.com/doc/2020-01-01/\"><GetResult><Etag>\"e1\"</Etag><Name>a&lt;b</Name>\
         <Tags><member>x</member><member>y</member></Tags><Meta><entry><key>color</key><value>red</value></entry></Meta>\
         </GetResult><ResponseMetadata><RequestId>req-1</RequestId></ResponseMetadata></GetResponse>"
    );
    let get = model.operation("Get").unwrap();
    let custom =
        ServiceError::modeled(model.shape("Custom").unwrap(), Value::from(Structure::new().with("message", "m")));
    let reply = protocol::encode_error(Protocol::AwsQuery, get, &custom, &id()).unwrap();
    assert_eq!(reply.status, 409);
    // A `message` member is its own element beside the envelope's <Message>.
    assert_eq!(
        body(&reply),
        "<ErrorResponse xmlns=\"https://svc.example.com/doc/2020-01-01/\"><Error><Type>Sender</Type><Code>Custom.Code</Code>\
         <Message>m</Message><message>m</message></Error><RequestId>req-1</RequestId></ErrorResponse>"
    );
    let read = protocol::response(Protocol::AwsQuery, get, &reply).unwrap().unwrap_err();
    assert_eq!((read.code.as_str(), read.shape.map(|s| s.name())), ("Custom.Code", Some("Custom")));
    assert_eq!(read.value, custom.value);
}

#[test]
fn ec2_query_has_its_own_forms() {
    let model = model("ec2", "");
    let reply = round_trip(Protocol::Ec2Query, &model, &output());
    assert_eq!(reply.header("Content-Type"), Some("text/xml;charset=UTF-8"));
    assert!(body(&reply).starts_with("<GetResponse xmlns=\"https://svc.example.com/doc/2020-01-01/\"><Etag>"));
    assert!(body(&reply).ends_with("<requestId>req-1</requestId></GetResponse>"));
    let get = model.operation("Get").unwrap();
    let error = ServiceError::unmodeled("InvalidParameterValue", Some("bad"), 400);
    let reply = protocol::encode_error(Protocol::Ec2Query, get, &error, &id()).unwrap();
    assert_eq!(
        body(&reply),
        "<Response><Errors><Error><Code>InvalidParameterValue</Code><Message>bad</Message></Error></Errors>\
         <RequestID>req-1</RequestID></Response>"
    );
    let read = protocol::response(Protocol::Ec2Query, get, &reply).unwrap().unwrap_err();
    assert_eq!((read.code.as_str(), read.message.as_deref()), ("InvalidParameterValue", Some("bad")));
}

#[test]
fn errors_need_an_error_status() {
    let model = model("json", "");
    let get = model.operation("Get").unwrap();
    let error = ServiceError::unmodeled("Odd", None, 200);
    let refused = protocol::encode_error(Protocol::AwsJson1_0, get, &error, &id()).unwrap_err();
    assert_eq!(refused.to_string(), "data error: an error is sent with a status of 300 to 999, not 200");
}
