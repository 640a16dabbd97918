//! A DynamoDB `Query` response (awsJson1_0): items of nested `AttributeValue` unions.

use std::collections::HashMap;

use awsval::json::JsonSettings;
use awsval::{Blob, FromValue, Shape, ToValue, Value};

use super::leaf::Bytes;
use serde::{Deserialize, Serialize};

use super::Rng;

/// `QueryOutput`.
#[derive(Shape, Serialize, Deserialize, Clone, PartialEq)]
#[serde(rename_all = "PascalCase")]
pub struct QueryOutput {
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub items: Option<Vec<HashMap<String, AttributeValue>>>,
    pub count: i32,
    pub scanned_count: i32,
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub last_evaluated_key: Option<HashMap<String, AttributeValue>>,
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub consumed_capacity: Option<ConsumedCapacity>,
}

/// `AttributeValue`: a union.
#[derive(Shape, Serialize, Deserialize, Clone, PartialEq)]
#[awsval(union)]
pub enum AttributeValue {
    S(String),
    N(String),
    B(Bytes),
    SS(Vec<String>),
    #[awsval(name = "BOOL")]
    #[serde(rename = "BOOL")]
    Bool(bool),
    #[awsval(name = "NULL")]
    #[serde(rename = "NULL")]
    Null(bool),
    L(Vec<AttributeValue>),
    M(HashMap<String, AttributeValue>),
}

/// `ConsumedCapacity`.
#[derive(Shape, Serialize, Deserialize, Clone, PartialEq)]
#[serde(rename_all = "PascalCase")]
pub struct ConsumedCapacity {
    pub table_name: Option<String>,
    pub capacity_units: Option<f64>,
}

/// The wire settings of the payload.
pub fn settings() -> JsonSettings {
    JsonSettings::aws_json()
}

/// A response of `items` items as a `Value`, its map keys in a fixed order.
pub fn response(items: usize) -> Value {
    let mut rng = Rng::new(7);
    let items: Vec<Value> = (0..items).map(|index| item(&mut rng, index)).collect();
    let count = i32::try_from(items.len()).unwrap_or(i32::MAX);
    let last_key = awsval::Map::new().with("pk", s(format!("user#{:06}", items.len())));
    awsval::Structure::new()
        .with("Items", Value::List(items.into()))
        .with("Count", count)
        .with("ScannedCount", count)
        .with("LastEvaluatedKey", last_key)
        .with("ConsumedCapacity", awsval::Structure::new().with("TableName", "users").with("CapacityUnits", 12.5))
        .into()
}

/// About 1 MB of JSON: the "1 MB DynamoDB Query response".
pub const LARGE: usize = 1_900;

fn item(rng: &mut Rng, index: usize) -> Value {
    let tags: Vec<Value> = (0..3).map(|_| rng.word(6).into()).collect();
    let scores: Vec<Value> = (0..4).map(|_| n(rng.below(100_000))).collect();
    let address = awsval::Map::new()
        .with("street", s(format!("{} {} street", rng.below(999), rng.word(8))))
        .with("city", s(rng.word(10)))
        .with("zip", n(rng.below(99_999)))
        .with("geo", union("L", Value::List(vec![n(rng.below(90)), n(rng.below(180))].into())));
    awsval::Map::new()
        .with("pk", s(format!("user#{index:06}")))
        .with("sk", s(format!("profile#{}", rng.word(12))))
        .with("name", s(format!("{} {}", rng.word(7), rng.word(9))))
        .with("email", s(format!("{}@example.com", rng.word(10))))
        .with("age", n(rng.below(100)))
        .with("balance", union("N", format!("{}.{:02}", rng.below(100_000), rng.below(100)).into()))
        .with("active", union("BOOL", (rng.below(2) == 0).into()))
        .with("deleted", union("NULL", true.into()))
        .with("avatar", union("B", Blob::new((0..24).map(|_| rng.below(256) as u8).collect::<Vec<u8>>()).into()))
        .with("tags", union("SS", Value::List(tags.into())))
        .with("scores", union("L", Value::List(scores.into())))
        .with("address", union("M", address.into()))
        .into()
}

fn union(member: &str, value: Value) -> Value {
    awsval::Union::new(awsval::Name::new(member), value).into()
}

fn s(text: String) -> Value {
    union("S", text.into())
}

fn n(number: u64) -> Value {
    union("N", number.to_string().into())
}

/// The typed form of a response value.
pub fn typed(value: &Value) -> QueryOutput {
    QueryOutput::from_value(value.clone()).expect("the generated value fits QueryOutput")
}

/// Checks that the typed form gives back the value (the derive and the generator agree).
pub fn check(value: &Value, typed: &QueryOutput) {
    assert!(typed.to_value().equivalent(value), "the typed payload differs from the value");
}
