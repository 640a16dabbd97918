//! Encoders check the `Value` they are given: what does not fit its shape or its wire is an
//! error with the member path, never written as it is.

use awsval::json::{self, JsonSettings};
use awsval::query::{self, QueryFlavor, QuerySettings};
use awsval::schema::{Model, ModelBuilder, ShapeRef, ShapeType};
use awsval::xml::{self, XmlSettings};
use awsval::{Document, ErrorKind, Limits, List, Map, Structure, Value};

fn model() -> Model {
    let mut b = ModelBuilder::new();
    let byte = b.prelude(ShapeType::Byte);
    let short = b.prelude(ShapeType::Short);
    let integer = b.prelude(ShapeType::Integer);
    let long = b.prelude(ShapeType::Long);
    let big_integer = b.prelude(ShapeType::BigInteger);
    let big_decimal = b.prelude(ShapeType::BigDecimal);
    let string = b.prelude(ShapeType::String);
    let document = b.prelude(ShapeType::Document);
    let map = b.map("Map", string, string).id();
    let nested = b.declare("Nested", ShapeType::List);
    b.shape(nested).member("member", nested);
    b.add("Node", ShapeType::Structure)
        .member("I8", byte)
        .member("I16", short)
        .member("I32", integer)
        .member("I64", long)
        .member("BigI", big_integer)
        .member("BigD", big_decimal)
        .member("Doc", document)
        .member("M", map)
        .member("Nest", nested);
    b.finish().unwrap()
}

fn node(model: &Model) -> ShapeRef<'_> {
    model.shape("Node").unwrap()
}

fn with(member: &str, value: Value) -> Value {
    Value::Structure(Structure::new().with(member, value))
}

/// The error each encoder gives for `value`, as `kind: message`; the query encoder's too when
/// `query` is set (documents have no query form).
fn errors(value: &Value, query: bool) -> Vec<String> {
    let model = model();
    let shape = node(&model);
    let mut results = vec![
        json::encode(value, shape, &JsonSettings::aws_json()).map(|_| ()),
        xml::encode(value, shape, &XmlSettings::new()).map(|_| ()),
    ];
    if query {
        results.push(query::encode(value, shape, &QuerySettings::new(QueryFlavor::AwsQuery)).map(|_| ()));
    }
    results.into_iter().map(|result| result.expect_err("must be refused").to_string()).collect()
}

#[test]
fn integers_are_checked_against_their_shape_width() {
    for (member, value, shape) in [
        ("I8", Value::Long(128), "byte"),
        ("I8", Value::Integer(-129), "byte"),
        ("I16", Value::Integer(40_000), "short"),
        ("I32", Value::Long(1 << 31), "integer"),
    ] {
        let expected = format!("data error: {shape} out of range at {member}");
        assert_eq!(errors(&with(member, value), true), [expected.as_str(); 3]);
    }
    // Narrower values widen, and the edges fit.
    let model = model();
    let fits = Value::Structure(
        Structure::new()
            .with("I8", Value::Long(-128))
            .with("I16", Value::Byte(5))
            .with("I32", Value::Long(i64::from(i32::MAX)))
            .with("I64", Value::Long(i64::MIN)),
    );
    let bytes = json::encode(&fits, node(&model), &JsonSettings::aws_json()).unwrap();
    assert_eq!(bytes, br#"{"I8":-128,"I16":5,"I32":2147483647,"I64":-9223372036854775808}"#);
}

#[test]
fn big_numbers_must_be_numbers_in_the_wire_grammar() {
    for (member, value) in [
        ("BigI", Value::BigInteger("1,\"Evil\":2".into())),
        ("BigI", Value::BigInteger("1.5".into())),
        ("BigI", Value::BigInteger(String::new())),
        ("BigD", Value::BigDecimal("1</BigD><Evil/><BigD>".into())),
        ("BigD", Value::BigDecimal("NaN".into())),
        ("BigD", Value::BigDecimal("+1".into())),
    ] {
        let name = value.type_name();
        let expected = format!("data error: a {name} that is not a decimal number at {member}");
        assert_eq!(errors(&with(member, value), true), [expected.as_str(); 3]);
    }
    let model = model();
    let good = Value::Structure(
        Structure::new()
            .with("BigI", Value::BigInteger("-123456789012345678901234567890".into()))
            .with("BigD", Value::BigDecimal("1.5e-400".into())),
    );
    let bytes = json::encode(&good, node(&model), &JsonSettings::aws_json()).unwrap();
    assert_eq!(bytes, br#"{"BigI":-123456789012345678901234567890,"BigD":1.5e-400}"#);
    // Inside a document too.
    let document = with("Doc", Value::Document(Document::new(Value::BigDecimal("1]".into()))));
    let error = json::encode(&document, node(&model), &JsonSettings::aws_json()).unwrap_err();
    assert_eq!(error.to_string(), "data error: a bigDecimal that is not a decimal number at Doc");
}

#[test]
fn dense_map_nulls_are_refused_by_every_encoder() {
    let value = with("M", Value::Map(Map::new().with("k", Value::Null)));
    let expected = r#"data error: null in a dense map at M["k"]"#;
    assert_eq!(errors(&value, true), [expected, expected, expected]);
}

#[test]
fn depth_counts_documents_in_documents_and_query_lists_in_lists() {
    let model = model();
    let mut document = Value::Long(1);
    for _ in 0..100_000 {
        document = Value::Document(Document::new(document));
    }
    let error = json::encode(&with("Doc", document), node(&model), &JsonSettings::aws_json()).unwrap_err();
    assert_eq!(error.kind(), ErrorKind::Limit);

    let mut nested = Value::List(List::new());
    for _ in 0..100_000 {
        nested = Value::List(std::iter::once(nested).collect());
    }
    let value = with("Nest", nested);
    let settings = QuerySettings::new(QueryFlavor::AwsQuery).with_limits(Limits::default().with_max_depth(50));
    let error = query::encode(&value, node(&model), &settings).unwrap_err();
    assert_eq!((error.kind(), error.to_string().contains("nesting deeper than 50")), (ErrorKind::Limit, true));
    let error = query::encode(&value, node(&model), &QuerySettings::new(QueryFlavor::AwsQuery)).unwrap_err();
    assert_eq!(error.kind(), ErrorKind::Limit);
}
