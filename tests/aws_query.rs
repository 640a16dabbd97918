//! The awsQuery and ec2Query protocols: form requests, wrapped XML responses, XML errors.

use awsval::model::botocore;
use awsval::protocol::{self, Endpoint, HttpResponse, Protocol, RequestOptions};
use awsval::schema::Model;
use awsval::{OperationError, Shape, Structure, Value};

fn model(protocol: &str) -> Model {
    let json = format!(
        r#"{{
      "metadata": {{"protocol": "{protocol}", "apiVersion": "2020-01-08"}},
      "operations": {{
        "Greet": {{"name": "Greet", "input": {{"shape": "In"}}, "output": {{"shape": "Out", "resultWrapper": "GreetResult"}},
                   "errors": [{{"shape": "Invalid"}}, {{"shape": "Custom"}}]}},
        "Plain": {{"name": "Plain", "output": {{"shape": "Out"}}}}
      }},
      "shapes": {{
        "In": {{"type": "structure", "members": {{"Name": {{"shape": "S"}}, "Token": {{"shape": "S", "idempotencyToken": true}}}}}},
        "Out": {{"type": "structure", "members": {{"Greeting": {{"shape": "S"}}}}}},
        "S": {{"type": "string"}},
        "Invalid": {{"type": "structure", "members": {{"Message": {{"shape": "S"}}}}, "exception": true}},
        "Custom": {{"type": "structure", "members": {{"Message": {{"shape": "S"}}}}, "exception": true,
                    "error": {{"code": "Customized", "httpStatusCode": 402, "senderFault": true}}}}
      }}
    }}"#
    );
    botocore::load(json.as_bytes()).unwrap()
}

fn token() -> String {
    "tok-1".to_owned()
}

#[test]
fn requests_are_form_encoded_with_action_version_and_tokens() {
    for (name, protocol, expected) in [
        ("query", Protocol::AwsQuery, "Action=Greet&Version=2020-01-08&Name=Ann%20Lee&Token=tok-1"),
        ("ec2", Protocol::Ec2Query, "Action=Greet&Version=2020-01-08&Name=Ann%20Lee&Token=tok-1"),
    ] {
        let model = model(name);
        assert_eq!(Protocol::of_service(model.service()).unwrap(), protocol);
        let greet = model.operation("Greet").unwrap();
        let input = Value::from(Structure::new().with("Name", "Ann Lee"));
        let options = RequestOptions::default().with_idempotency_token(token);
        let request = protocol::request(protocol, greet, &input, &Endpoint::default(), &options).unwrap();
        assert_eq!(String::from_utf8(request.body.clone()).unwrap(), expected);
        assert_eq!(request.header("Content-Type"), Some("application/x-www-form-urlencoded"));
        assert_eq!(request.header("Content-Length"), Some(expected.len().to_string().as_str()));
        let given = Value::from(Structure::new().with("Token", "mine"));
        let request = protocol::request(protocol, greet, &given, &Endpoint::default(), &options).unwrap();
        assert!(String::from_utf8(request.body).unwrap().ends_with("Token=mine"), "a given token is kept");
    }
    let random = protocol::request(
        Protocol::AwsQuery,
        model("query").operation("Greet").unwrap(),
        &Value::Null,
        &Endpoint::default(),
        &RequestOptions::default(),
    )
    .unwrap();
    let body = String::from_utf8(random.body).unwrap();
    assert_eq!(body.len(), "Action=Greet&Version=2020-01-08&Token=".len() + 36, "a UUID: {body}");
}

#[test]
fn query_outputs_sit_in_their_result_element() {
    let model = model("query");
    let greet = model.operation("Greet").unwrap();
    let body = "<GreetResponse xmlns=\"https://example.com/\"><GreetResult><Greeting>Hi</Greeting></GreetResult>\
                <ResponseMetadata><RequestId>r</RequestId></ResponseMetadata></GreetResponse>";
    let value = protocol::response(Protocol::AwsQuery, greet, &HttpResponse::new(200, body)).unwrap().unwrap();
    assert_eq!(value["Greeting"], Value::from("Hi"));
    // Without a declared wrapper, `<OperationResult>` is where the output is.
    let plain = model.operation("Plain").unwrap();
    let body = "<PlainResponse><PlainResult><Greeting>Yo</Greeting></PlainResult></PlainResponse>";
    let value = protocol::response(Protocol::AwsQuery, plain, &HttpResponse::new(200, body)).unwrap().unwrap();
    assert_eq!(value["Greeting"], Value::from("Yo"));
    let empty = protocol::response(Protocol::AwsQuery, plain, &HttpResponse::new(200, "")).unwrap().unwrap();
    assert_eq!(empty, Value::Structure(Structure::new()));
}

#[test]
fn ec2_outputs_sit_directly_in_the_response() {
    let model = model("ec2");
    let greet = model.operation("Greet").unwrap();
    let body = "<GreetResponse><requestId>r</requestId><Greeting>Hi</Greeting></GreetResponse>";
    let value = protocol::response(Protocol::Ec2Query, greet, &HttpResponse::new(200, body)).unwrap().unwrap();
    assert_eq!(value, Value::from(Structure::new().with("Greeting", "Hi")));
}

#[test]
fn errors_are_read_from_their_envelopes_and_query_codes_win() {
    let model = model("query");
    let greet = model.operation("Greet").unwrap();
    let body = "<ErrorResponse><Error><Type>Sender</Type><Code>Customized</Code><Message>Hi</Message></Error><RequestId>r</RequestId></ErrorResponse>";
    let error = protocol::response(Protocol::AwsQuery, greet, &HttpResponse::new(402, body)).unwrap().unwrap_err();
    assert_eq!(
        (error.code.as_str(), error.message.as_deref(), error.shape.map(|s| s.name())),
        ("Customized", Some("Hi"), Some("Custom"))
    );
    assert_eq!(error.value["Message"], Value::from("Hi"));

    let model = model_ec2();
    let greet = model.operation("Greet").unwrap();
    let body = "<Response><Errors><Error><Code>Invalid</Code><Message>bad</Message></Error></Errors><RequestID>r</RequestID></Response>";
    let error = protocol::response(Protocol::Ec2Query, greet, &HttpResponse::new(400, body)).unwrap().unwrap_err();
    assert_eq!((error.code.as_str(), error.shape.map(|s| s.name())), ("Invalid", Some("Invalid")));
    // botocore reads either envelope in either query protocol.
    let body = "<ErrorResponse><Error><Code>Invalid</Code><Message>bad</Message></Error></ErrorResponse>";
    let error = protocol::response(Protocol::Ec2Query, greet, &HttpResponse::new(400, body)).unwrap().unwrap_err();
    assert_eq!((error.code.as_str(), error.message.as_deref()), ("Invalid", Some("bad")));
    // No code: known by the status, with the reason phrase.
    for body in ["<Response/>", "", "  <HTML><body>Bad Gateway</body></HTML>"] {
        let error = protocol::response(Protocol::Ec2Query, greet, &HttpResponse::new(502, body)).unwrap().unwrap_err();
        assert_eq!((error.code.as_str(), error.message.as_deref()), ("502", Some("Bad Gateway")), "{body}");
    }
    // A malformed body that is no proxy's page is reported, not taken for a missing code.
    let error = protocol::response(Protocol::Ec2Query, greet, &HttpResponse::new(400, "<Response>")).unwrap_err();
    assert_eq!(error.kind(), awsval::ErrorKind::Eof);
}

fn model_ec2() -> Model {
    model("ec2")
}

#[derive(Shape, Clone, PartialEq)]
#[awsval(error = "client", code = "Customized")]
struct Custom {
    message: Option<String>,
}

#[derive(OperationError, Clone, PartialEq)]
enum GreetError {
    Custom(Custom),
    #[awsval(unknown)]
    Unknown {
        code: String,
        message: Option<String>,
    },
}

#[test]
fn typed_errors_from_xml() {
    let body = "<ErrorResponse><Error><Code>Customized</Code><Message>Hi</Message></Error></ErrorResponse>";
    let error: GreetError = protocol::typed_error(Protocol::AwsQuery, &HttpResponse::new(402, body)).unwrap();
    assert!(error == GreetError::Custom(Custom { message: Some("Hi".into()) }));
    let body = "<Response><Errors><Error><Code>Other</Code><Message>m</Message></Error></Errors></Response>";
    let error: GreetError = protocol::typed_error(Protocol::Ec2Query, &HttpResponse::new(400, body)).unwrap();
    assert!(error == GreetError::Unknown { code: "Other".into(), message: Some("m".into()) });
}
