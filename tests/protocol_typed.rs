//! Typed messages (`protocol::request_typed`, `response_typed`, `encode_response_typed`)
//! against the `Value` path they stand for, in all seven protocols: the same requests and
//! responses to the byte, the same outputs and the same service errors, whether the typed path
//! is taken (bodies that are the whole message) or the call goes through `Value` (HTTP
//! bindings, idempotency tokens, lone members restXml may unwrap).

use std::collections::BTreeMap;

use awsval::protocol::{
    self, Endpoint, HttpResponse, Protocol, ReadOptions, RequestOptions, ResponseOptions, ServiceError,
};
use awsval::schema::{Model, ModelBuilder, Operation};
use awsval::{Blob, Shape, Timestamp, ToValue};
use proptest::collection::{btree_map, vec};
use proptest::option::of;
use proptest::prelude::*;

#[derive(Shape, Clone, PartialEq)]
struct Item {
    name: String,
    size: Option<i64>,
    tags: Option<Vec<String>>,
    when: Option<Timestamp>,
    data: Option<Blob>,
    kind: Option<Kind>,
    #[awsval(xml_flattened)]
    flat: Option<Vec<String>>,
    attrs: Option<BTreeMap<String, String>>,
    choice: Option<Choice>,
}

#[derive(Shape, Clone, PartialEq)]
enum Kind {
    #[awsval(value = "BIG")]
    Big,
    #[awsval(unknown)]
    Unknown(String),
}

#[derive(Shape, Clone, PartialEq)]
#[awsval(union)]
enum Choice {
    Text(String),
    Numbers(Vec<i32>),
}

#[derive(Shape, Clone, PartialEq)]
struct PlainIn {
    table: String,
    limit: Option<i32>,
    item: Option<Item>,
}

#[derive(Shape, Clone, PartialEq)]
struct PlainOut {
    items: Option<Vec<Item>>,
    next: Option<String>,
    #[awsval(default)]
    count: i32,
}

#[derive(Shape, Clone, PartialEq)]
struct BoundOut {
    #[awsval(http_header = "x-amz-id")]
    id: Option<String>,
    items: Option<Vec<Item>>,
}

#[derive(Shape, Clone, PartialEq)]
struct TokenIn {
    #[awsval(idempotency_token)]
    token: Option<String>,
    name: Option<String>,
}

#[derive(Shape, Clone, PartialEq)]
struct LoneOut {
    value: Option<String>,
}

#[derive(Shape, Clone, PartialEq)]
#[awsval(error = "client", http_status = 404)]
struct NotFound {
    message: Option<String>,
    items: Option<Vec<Item>>,
}

/// An error with a header-bound member, which the REST protocols read through `Value`.
#[derive(Shape, Clone, PartialEq)]
#[awsval(error = "client", http_status = 409)]
struct Conflict {
    #[awsval(http_header = "x-amz-reason")]
    reason: Option<String>,
    message: Option<String>,
}

#[derive(awsval::OperationError, Clone, PartialEq)]
enum PlainError {
    NotFound(NotFound),
    Conflict(Conflict),
    #[awsval(unknown)]
    Unknown {
        code: String,
        message: Option<String>,
    },
}

const PROTOCOLS: [Protocol; 7] = [
    Protocol::AwsJson1_0,
    Protocol::AwsJson1_1,
    Protocol::AwsQuery,
    Protocol::Ec2Query,
    Protocol::RestJson1,
    Protocol::RestXml,
    Protocol::RpcV2Cbor,
];

/// The service: `Plain` (bodies only), `Bound` (a header-bound output member), `Token` (an
/// idempotency token, and one string member that restXml may send unwrapped) and `Empty` (no
/// input, no output).
fn model() -> Model {
    let mut builder = ModelBuilder::new();
    let errors = vec![NotFound::describe(&mut builder), Conflict::describe(&mut builder)];
    let (plain_in, plain_out) = (PlainIn::describe(&mut builder), PlainOut::describe(&mut builder));
    let operations = [
        ("Plain", Some(plain_in), Some(plain_out)),
        ("Bound", Some(plain_in), Some(BoundOut::describe(&mut builder))),
        ("Token", Some(TokenIn::describe(&mut builder)), Some(LoneOut::describe(&mut builder))),
        ("Empty", None, None),
    ];
    for (name, input, output) in operations {
        let mut operation = Operation::new(name);
        operation.input = input;
        operation.output = output;
        operation.errors = errors.clone();
        operation.http.method = "POST".into();
        operation.http.uri = format!("/{name}").into();
        builder.operation(operation);
    }
    builder.finish().expect("a valid model")
}

fn text() -> impl Strategy<Value = String> {
    "[a-z<&\"]{0,5}"
}

fn item() -> impl Strategy<Value = Item> {
    let first = (text(), of(any::<i64>()), of(vec(text(), 0..3)), of((0i64..4_000_000_000).prop_map(secs)));
    let second = (
        of(vec(any::<u8>(), 0..5).prop_map(Blob::new)),
        of(prop_oneof![Just(Kind::Big), "[A-Z]{1,3}".prop_map(Kind::Unknown)]),
        of(vec(text(), 1..3)),
        of(btree_map("[a-z]{1,3}", text(), 0..3)),
        of(prop_oneof![text().prop_map(Choice::Text), vec(any::<i32>(), 0..3).prop_map(Choice::Numbers)]),
    );
    (first, second).prop_map(|((name, size, tags, when), (data, kind, flat, attrs, choice))| Item {
        name,
        size,
        tags,
        when,
        data,
        kind,
        flat,
        attrs,
        choice,
    })
}

fn secs(seconds: i64) -> Timestamp {
    Timestamp::from_secs(seconds).expect("in range")
}

fn items() -> impl Strategy<Value = Option<Vec<Item>>> {
    of(vec(item(), 0..3))
}

/// The typed read of `reply` and the `Value` read then converted: the same output or error.
fn same_reading<T: awsval::convert::Decode + Shape + PartialEq + 'static>(
    protocol: Protocol,
    operation: awsval::schema::OperationRef<'_>,
    reply: &HttpResponse,
) -> Result<(), TestCaseError> {
    let options = ReadOptions::default();
    let typed = protocol::response_typed::<T>(protocol, operation, reply, &options);
    let by_value = protocol::response_with(protocol, operation, reply, &options).and_then(|read| match read {
        Ok(output) => T::from_value(output).map(Ok),
        Err(error) => Ok(Err(error)),
    });
    match (typed, by_value) {
        (Ok(Ok(typed)), Ok(Ok(by_value))) => prop_assert!(typed == by_value, "{protocol:?} {}", operation.name()),
        (Ok(Err(typed)), Ok(Err(by_value))) => prop_assert!(same_error(&typed, &by_value)),
        (Err(typed), Err(by_value)) => prop_assert_eq!(typed.kind(), by_value.kind()),
        (typed, by_value) => prop_assert!(
            false,
            "{protocol:?} {}: typed {:?}, by value {:?}",
            operation.name(),
            typed.err(),
            by_value.err()
        ),
    }
    Ok(())
}

fn same_error(a: &ServiceError<'_>, b: &ServiceError<'_>) -> bool {
    (&a.code, &a.message, &a.value, a.status) == (&b.code, &b.message, &b.value, b.status)
}

proptest! {
    #![proptest_config(ProptestConfig::with_cases(64))]

    /// A typed request is the request of its `Value`, in every protocol.
    #[test]
    fn typed_requests_are_the_value_requests(table in text(), limit in of(any::<i32>()), item in of(item()), name in of(text())) {
        let model = model();
        let options = RequestOptions::default().with_idempotency_token(|| "token-1".to_owned());
        let endpoint = Endpoint::default();
        let plain = PlainIn { table, limit, item };
        let token = TokenIn { token: None, name };
        for protocol in PROTOCOLS {
            let operation = model.operation("Plain").expect("declared");
            let typed = protocol::request_typed(protocol, operation, &plain, &endpoint, &options)?;
            prop_assert_eq!(typed, protocol::request(protocol, operation, &plain.to_value(), &endpoint, &options)?);
            let operation = model.operation("Token").expect("declared");
            let typed = protocol::request_typed(protocol, operation, &token, &endpoint, &options)?;
            prop_assert_eq!(typed, protocol::request(protocol, operation, &token.to_value(), &endpoint, &options)?);
        }
    }

    /// What a server writes of a typed output is what it writes of its `Value`, and a client
    /// reads it back typed as it reads it through `Value`.
    #[test]
    fn typed_responses_are_the_value_responses(items in items(), next in of(text()), count in any::<i32>(), id in of("[a-z0-9]{1,8}"), value in of(text())) {
        let model = model();
        let options = ResponseOptions::default().with_request_id("r-1");
        let plain = PlainOut { items: items.clone(), next, count };
        let bound = BoundOut { id, items };
        let lone = LoneOut { value };
        for protocol in PROTOCOLS {
            let operation = model.operation("Plain").expect("declared");
            let reply = protocol::encode_response_typed(protocol, operation, &plain, &options)?;
            prop_assert_eq!(&reply, &protocol::encode_response(protocol, operation, &plain.to_value(), &options)?);
            same_reading::<PlainOut>(protocol, operation, &reply)?;
            let operation = model.operation("Bound").expect("declared");
            let reply = protocol::encode_response_typed(protocol, operation, &bound, &options)?;
            prop_assert_eq!(&reply, &protocol::encode_response(protocol, operation, &bound.to_value(), &options)?);
            same_reading::<BoundOut>(protocol, operation, &reply)?;
            let operation = model.operation("Token").expect("declared");
            let reply = protocol::encode_response_typed(protocol, operation, &lone, &options)?;
            same_reading::<LoneOut>(protocol, operation, &reply)?;
        }
    }
}

#[test]
fn errors_blank_bodies_and_empty_operations_read_alike() {
    let model = model();
    let options = ResponseOptions::default();
    for protocol in PROTOCOLS {
        let plain = model.operation("Plain").expect("declared");
        let not_found = model.shape("NotFound").expect("declared");
        let error = NotFound { message: Some("no such item".into()), items: None }.to_value();
        let error = ServiceError::modeled(not_found, error);
        let reply = protocol::encode_error(protocol, plain, &error, &options).expect("writes");
        same_reading::<PlainOut>(protocol, plain, &reply).expect("the same error");
        let read = protocol::response_typed::<PlainOut>(protocol, plain, &reply, &ReadOptions::default());
        let read = read.expect("a well-formed response").expect_err("an error");
        assert_eq!((read.code.as_str(), read.status), ("NotFound", 404), "{protocol:?}");

        for body in ["", "  \n"] {
            let blank = HttpResponse::new(200, body);
            same_reading::<PlainOut>(protocol, plain, &blank).expect("blank bodies read alike");
        }
        let empty = model.operation("Empty").expect("declared");
        let reply = protocol::encode_response(protocol, empty, &awsval::Value::Null, &options).expect("writes");
        same_reading::<Nothing>(protocol, empty, &reply).expect("no output reads alike");
        let endpoint = Endpoint::default();
        let typed = protocol::request_typed(protocol, empty, &Nothing {}, &endpoint, &RequestOptions::default());
        let by_value =
            protocol::request(protocol, empty, &Nothing {}.to_value(), &endpoint, &RequestOptions::default());
        assert_eq!(typed.expect("writes"), by_value.expect("writes"), "{protocol:?}");
    }
}

/// `typed_error` gives the variant the `Value` path's service error converts to.
fn same_typed_error(
    protocol: Protocol,
    operation: awsval::schema::OperationRef<'_>,
    reply: &HttpResponse,
) -> Result<(), TestCaseError> {
    let typed = protocol::typed_error::<PlainError>(protocol, reply);
    let by_value = protocol::response(protocol, operation, reply).and_then(|read| {
        let error = read.expect_err("an error response");
        <PlainError as awsval::OperationError>::from_code(&error.code, error.message.as_deref(), |_| {
            Ok(error.value.clone())
        })
    });
    match (typed, by_value) {
        (Ok(typed), Ok(by_value)) => prop_assert!(typed == by_value, "{protocol:?}: {typed:?} against {by_value:?}"),
        (Err(typed), Err(by_value)) => prop_assert_eq!(typed.kind(), by_value.kind()),
        (typed, by_value) => prop_assert!(false, "{protocol:?}: typed {typed:?}, by value {by_value:?}"),
    }
    Ok(())
}

proptest! {
    #![proptest_config(ProptestConfig::with_cases(32))]

    /// Modeled errors (one with a header-bound member), and others, read into the error enum.
    #[test]
    fn typed_errors_are_the_value_errors(message in of(text()), items in items(), reason in of("[a-z]{1,6}")) {
        let model = model();
        let operation = model.operation("Plain").expect("declared");
        let options = ResponseOptions::default();
        let errors = [
            ServiceError::modeled(model.shape("NotFound").expect("declared"), NotFound { message: message.clone(), items }.to_value()),
            ServiceError::modeled(model.shape("Conflict").expect("declared"), Conflict { reason, message: message.clone() }.to_value()),
            ServiceError::unmodeled("Throttled", message.as_deref(), 400),
        ];
        for protocol in PROTOCOLS {
            for error in &errors {
                let reply = protocol::encode_error(protocol, operation, error, &options)?;
                same_typed_error(protocol, operation, &reply)?;
            }
        }
    }
}

#[test]
fn malformed_bodies_fail_both_ways() {
    let model = model();
    let plain = model.operation("Plain").expect("declared");
    let value = PlainOut { items: Some(vec![]), next: Some("n".into()), count: 1 };
    for protocol in PROTOCOLS {
        let reply =
            protocol::encode_response_typed(protocol, plain, &value, &ResponseOptions::default()).expect("writes");
        for end in 1..reply.body.len() {
            let cut = HttpResponse { body: reply.body[..end].to_vec(), ..reply.clone() };
            same_reading::<PlainOut>(protocol, plain, &cut).expect("a cut body reads alike");
        }
    }
}

/// An operation without input or output.
#[derive(Shape, Clone, PartialEq)]
struct Nothing {}
