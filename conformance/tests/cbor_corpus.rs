//! botocore's CBOR decoder corpus (`tests/unit/cbor/` of the pinned source distribution, which
//! the fetch unpacks): every success case decodes to its expected item, every error case is
//! refused.

use awsval::cbor::{self, CborSettings};
use awsval::{Blob, List, Map, Value};
use awsval_conformance::fetch;
use serde_json::Value as Json;

fn corpus(name: &str) -> Vec<Json> {
    let path = fetch::botocore().expect("botocore 1.44.8 can be fetched").join("tests/unit/cbor").join(name);
    serde_json::from_slice(&std::fs::read(path).unwrap()).unwrap()
}

fn hex(text: &str) -> Vec<u8> {
    (0..text.len()).step_by(2).map(|i| u8::from_str_radix(&text[i..i + 2], 16).unwrap()).collect()
}

/// The corpus's description of an item as the `Value` awsval reads (a tag other than 1 reads
/// as what it tags).
fn expected(item: &Json) -> Value {
    let (kind, value) = item.as_object().unwrap().iter().next().unwrap();
    let integer = |value: &Json| match value.as_i64() {
        Some(long) => Value::Long(long),
        None => Value::BigInteger(value.to_string()),
    };
    match kind.as_str() {
        "uint" | "negint" => integer(value),
        "float32" => Value::Double(f64::from(f32::from_bits(value.as_u64().unwrap() as u32))),
        "float64" => Value::Double(f64::from_bits(value.as_u64().unwrap())),
        "bool" => Value::Boolean(value.as_bool().unwrap()),
        "null" => Value::Null,
        "string" => Value::String(value.as_str().unwrap().to_owned()),
        "bytestring" => Value::Blob(Blob::new(
            value.as_array().unwrap().iter().map(|b| b.as_u64().unwrap() as u8).collect::<Vec<_>>(),
        )),
        "list" => Value::List(value.as_array().unwrap().iter().map(expected).collect::<List>()),
        "map" => Value::Map(value.as_object().unwrap().iter().map(|(k, v)| (k.clone(), expected(v))).collect::<Map>()),
        "tag" => expected(&value["value"]),
        other => panic!("unknown kind {other}"),
    }
}

#[test]
fn every_success_case_decodes_to_its_item() {
    let cases = corpus("decode-success-tests.json");
    for case in &cases {
        let description = case["description"].as_str().unwrap();
        let value = cbor::decode_any(&hex(case["input"].as_str().unwrap()), &CborSettings::new())
            .unwrap_or_else(|e| panic!("{description}: {e}"));
        assert!(value.equivalent(&expected(&case["expect"])), "{description}: {value:?}");
    }
    assert_eq!(cases.len(), 151);
}

#[test]
fn every_error_case_is_refused() {
    let cases = corpus("decode-error-tests.json");
    for case in &cases {
        let description = case["description"].as_str().unwrap();
        let result = cbor::decode_any(&hex(case["input"].as_str().unwrap()), &CborSettings::new());
        assert!(result.is_err(), "{description}: read as {:?}", result.unwrap());
    }
    assert_eq!(cases.len(), 56);
}
