//! `examples/dynamodb_items.rs`: every item survives plain JSON and back, numbers digit for
//! digit, and the example's slice of DynamoDB's model reads a real response.

#[allow(dead_code, unreachable_pub)]
#[path = "../examples/dynamodb_items.rs"]
mod dynamodb_items;

use awsval::json::{self, JsonSettings};
use awsval::{Blob, List, Map, Union, Value};
use proptest::prelude::*;

fn number() -> impl Strategy<Value = String> {
    prop_oneof![
        Just("0".to_owned()),
        "-?[1-9][0-9]{0,37}",
        "-?(0|[1-9][0-9]{0,20})\\.[0-9]{1,17}",
        "[1-9]\\.[0-9]{1,5}E-?[1-9][0-9]?",
    ]
}

fn attribute() -> impl Strategy<Value = Value> {
    let leaf = prop_oneof![
        "\\PC{0,8}".prop_map(|s| Union::new("S", s)),
        number().prop_map(|n| Union::new("N", n)),
        proptest::collection::vec(any::<u8>(), 0..8).prop_map(|b| Union::new("B", Blob::new(b))),
        any::<bool>().prop_map(|b| Union::new("BOOL", b)),
        Just(Union::new("NULL", true)),
        proptest::collection::vec("[a-z]{1,4}", 1..4)
            .prop_map(|s| Union::new("SS", s.into_iter().map(Value::from).collect::<List>())),
        proptest::collection::vec(number(), 1..4)
            .prop_map(|s| Union::new("NS", s.into_iter().map(Value::from).collect::<List>())),
        proptest::collection::vec(proptest::collection::vec(any::<u8>(), 0..4), 1..3)
            .prop_map(|s| Union::new("BS", s.into_iter().map(|b| Value::from(Blob::new(b))).collect::<List>())),
    ]
    .prop_map(Value::Union);
    leaf.prop_recursive(3, 24, 4, |inner| {
        prop_oneof![
            proptest::collection::vec(inner.clone(), 0..4)
                .prop_map(|items| Value::Union(Union::new("L", items.into_iter().collect::<List>()))),
            item(inner).prop_map(|map| Value::Union(Union::new("M", map))),
        ]
    })
}

/// A map of attributes whose names are not `$`-tags.
fn item(attribute: impl Strategy<Value = Value>) -> impl Strategy<Value = Value> {
    proptest::collection::btree_map("[a-z][a-z0-9_]{0,6}", attribute, 0..4)
        .prop_map(|entries| Value::Map(entries.into_iter().collect::<Map>()))
}

proptest! {
    #![proptest_config(ProptestConfig::with_cases(256))]

    #[test]
    fn items_survive_plain_json(item in item(attribute())) {
        let plain = dynamodb_items::item_to_json(&item).map_err(|e| TestCaseError::fail(e.to_string()))?;
        let back = dynamodb_items::item_from_json(&plain).map_err(|e| TestCaseError::fail(e.to_string()))?;
        prop_assert!(back.equivalent(&item), "{item:?}\n{plain:?}\n{back:?}");
        // As serde_json sees it, when it keeps numbers' digits (`arbitrary_precision`, on in
        // workspace builds; without it a number beyond 64 bits is refused, not rounded): an
        // object of the same attributes.
        if "18446744073709551616".parse::<serde_json::Number>().is_ok_and(|n| n.to_string() == "18446744073709551616") {
            let json: serde_json::Value = plain.deserialize_into().map_err(|e| TestCaseError::fail(e.to_string()))?;
            let keys: Vec<&str> = json.as_object().map(|o| o.keys().map(String::as_str).collect()).unwrap_or_default();
            prop_assert_eq!(keys, plain.as_map().map(|m| m.keys().collect::<Vec<_>>()).unwrap_or_default());
        }
    }
}

#[test]
fn a_query_response_becomes_plain_objects() {
    let model = dynamodb_items::model().unwrap();
    let body = br#"{"Count": 1, "Items": [{"pk": {"S": "u#1"}, "n": {"N": "99999999999999999999999999999999999999"},
        "d": {"N": "0.1"}, "m": {"M": {"s": {"SS": ["a"]}}}}]}"#;
    let output = json::decode(body, model.shape("QueryOutput").unwrap(), &JsonSettings::aws_json()).unwrap();
    let plain = dynamodb_items::item_to_json(&output["Items"][0]).unwrap();
    assert_eq!(
        String::from_utf8(json::encode_document(&plain, &JsonSettings::plain()).unwrap()).unwrap(),
        r#"{"pk":"u#1","n":99999999999999999999999999999999999999,"d":0.1,"m":{"s":{"$ss":["a"]}}}"#
    );
    let error =
        dynamodb_items::item_from_json(&Value::Map(Map::new().with("b", Map::new().with("$base64", "!")))).unwrap_err();
    assert_eq!(error.path().to_string(), r#"["b"]"#);
}
