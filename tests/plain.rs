//! The serde bridges: plain JSON ↔ `Value` with a shape, and `Document` ↔ any serde type.

use awsval::json::{self, JsonSettings};
use awsval::plain::{self, Plain};
use awsval::schema::{Model, ModelBuilder, ShapeRef, ShapeType};
use awsval::{Document, List, Map, Structure, Value};
use serde_json::json;

/// A job: strings, numbers of every width, a timestamp, a blob, a dense and a sparse map, a
/// list, a union and a document.
fn model() -> Model {
    let mut b = ModelBuilder::new();
    let string = b.prelude(ShapeType::String);
    let byte = b.prelude(ShapeType::Byte);
    let long = b.prelude(ShapeType::Long);
    let float = b.prelude(ShapeType::Float);
    let big = b.prelude(ShapeType::BigInteger);
    let decimal = b.prelude(ShapeType::BigDecimal);
    let time = b.prelude(ShapeType::Timestamp);
    let blob = b.prelude(ShapeType::Blob);
    let document = b.prelude(ShapeType::Document);
    let tags = b.add("Tags", ShapeType::Map).member("key", string).member("value", string).id();
    let sparse = b.add("Sparse", ShapeType::Map).sparse().member("key", string).member("value", string).id();
    let names = b.add("Names", ShapeType::List).member("member", string).id();
    let target = b.add("Target", ShapeType::Union).member("Name", string).member("Size", long).id();
    b.add("Job", ShapeType::Structure)
        .member("Id", string)
        .member("Level", byte)
        .member("Size", long)
        .member("Ratio", float)
        .member("Big", big)
        .member("Exact", decimal)
        .member("Created", time)
        .member("Data", blob)
        .member("Tags", tags)
        .member("Sparse", sparse)
        .member("Names", names)
        .member("Target", target)
        .member("Extra", document);
    b.finish().expect("a consistent model")
}

fn job(model: &Model) -> ShapeRef<'_> {
    model.shape("Job").expect("declared")
}

#[test]
fn plain_json_reads_and_writes_as_the_codec_does() {
    let model = model();
    let text = r#"{"Id":"j-1","Level":-3,"Size":9007199254740993,"Ratio":"NaN","Big":18446744073709551615,
        "Exact":0.25,"Created":"2026-01-01T00:00:00.5Z","Data":"aGk=","Tags":{"a":"b","dropped":null},
        "Sparse":{"kept":null},"Names":["x",null,"y"],"Target":{"Size":4,"Name":null},"Extra":{"any":[1,2.5,true,null]},
        "Unknown":{"skipped":1}}"#;
    let tree: serde_json::Value = serde_json::from_str(text).unwrap();
    let bridged = plain::from_json_value(&tree, job(&model)).unwrap();
    let decoded = json::decode(text.as_bytes(), job(&model), &JsonSettings::plain()).unwrap();
    assert!(bridged.equivalent(&decoded), "{bridged:?}\n{decoded:?}");
    assert_eq!(bridged["Exact"], Value::BigDecimal("0.25".into()));
    assert_eq!(bridged["Big"], Value::BigInteger("18446744073709551615".into()));
    assert_eq!(bridged["Names"], Value::List(List::from(vec![Value::from("x"), Value::from("y")])));

    let written = plain::to_json_value(&bridged, job(&model)).unwrap();
    let expected: serde_json::Value =
        serde_json::from_slice(&json::encode(&decoded, job(&model), &JsonSettings::plain()).unwrap()).unwrap();
    assert_eq!(written, expected);
    assert_eq!(written["Big"].to_string(), "18446744073709551615", "big numbers keep their digits");
    assert_eq!(written["Ratio"], json!("NaN"));
    assert_eq!(written["Sparse"], json!({"kept": null}));
    assert_eq!(serde_json::to_string(&Plain::new(&bridged, job(&model))).unwrap(), written.to_string());
}

#[test]
fn any_deserializer_reads_plain_json() {
    let model = model();
    let mut json = serde_json::Deserializer::from_str(r#"{"Id": "j-1", "Size": 18446744073709551615}"#);
    let error = plain::from_deserializer(&mut json, job(&model)).unwrap_err();
    assert_eq!(error.to_string(), "data error: long out of range at Size");
    let mut json = serde_json::Deserializer::from_str(r#"{"Id": "j-1", "Tags": {"k": "v"}}"#);
    let value = plain::from_deserializer(&mut json, job(&model)).unwrap();
    assert_eq!(value, Value::from(Structure::new().with("Id", "j-1").with("Tags", Map::new().with("k", "v"))));
}

/// Each bad input fails as `json::decode` fails: the same kind, message and member path.
#[test]
fn errors_are_the_codecs_with_the_same_paths() {
    let model = model();
    let cases = [
        r#"{"Id": 7}"#,
        r#"{"Level": 300}"#,
        r#"{"Level": 1.5}"#,
        r#"{"Ratio": "fast"}"#,
        r#"{"Big": 1.5}"#,
        r#"{"Created": "yesterday"}"#,
        r#"{"Data": "not base64!"}"#,
        r#"{"Tags": {"a": 1}}"#,
        r#"{"Names": ["x", 2]}"#,
        r#"{"Target": {"Name": "a", "Size": 1}}"#,
        r#"{"Target": {}}"#,
        r#"[]"#,
    ];
    for text in cases {
        let codec = json::decode(text.as_bytes(), job(&model), &JsonSettings::plain()).unwrap_err();
        let tree: serde_json::Value = serde_json::from_str(text).unwrap();
        let bridged = plain::from_json_value(&tree, job(&model)).unwrap_err();
        assert_eq!(
            (bridged.kind(), bridged.message(), bridged.path()),
            (codec.kind(), codec.message(), codec.path()),
            "{text}"
        );
        assert_eq!(bridged.offset(), None, "{text}: no bytes, no offset");
    }
    let mut json = serde_json::Deserializer::from_str(r#"{"Tags": {"a": "1", "a": "2"}}"#);
    let repeated = plain::from_deserializer(&mut json, job(&model)).unwrap_err();
    assert_eq!(repeated.to_string(), r#"data error: repeated map key at Tags["a"]"#);
}

#[test]
fn a_value_that_does_not_fit_its_shape_is_refused_with_its_path() {
    let model = model();
    let value = Value::from(Structure::new().with("Names", List::from(vec![Value::from("x"), Value::Long(1)])));
    let error = plain::to_json_value(&value, job(&model)).unwrap_err();
    let codec = json::encode(&value, job(&model), &JsonSettings::plain()).unwrap_err();
    assert_eq!(error.to_string(), codec.to_string());
    assert_eq!(error.to_string(), "data error: expected string, found long at Names[0]".replace("[0]", "[1]"));
    let serde_error = serde_json::to_string(&Plain::new(&value, job(&model))).unwrap_err();
    assert_eq!(serde_error.to_string(), error.to_string(), "the serializer's error names the path too");
}

#[test]
fn deep_json_is_refused_not_overflowed() {
    let mut deep = json!(1);
    for _ in 0..10_000 {
        deep = serde_json::Value::Array(vec![deep]);
    }
    let deep = serde_json::Value::Object([("Extra".to_owned(), deep)].into_iter().collect());
    let model = model();
    let error = plain::from_json_value(&deep, job(&model)).unwrap_err();
    assert_eq!(error.to_string(), "data error: nesting deeper than 128 levels");
    // serde_json's own drop of so deep a tree recurses: leak it rather than overflow here.
    std::mem::forget(deep);
}

#[derive(serde::Serialize, serde::Deserialize, Debug, PartialEq)]
enum Shape {
    Point,
    Circle(f64),
    Rect { w: u32, h: u32 },
    Pair(i8, i8),
}

#[derive(serde::Serialize, serde::Deserialize, Debug, PartialEq)]
struct Everything {
    small: i8,
    wide: u64,
    huge: u128,
    negative: i128,
    ratio: f64,
    name: String,
    missing: Option<String>,
    shapes: Vec<Shape>,
    by_id: std::collections::BTreeMap<u32, bool>,
    unit: (),
}

#[test]
fn documents_carry_serde_types_both_ways_exactly() {
    let everything = Everything {
        small: -8,
        wide: u64::MAX,
        huge: u128::MAX,
        negative: i128::MIN,
        ratio: 0.1,
        name: "n".into(),
        missing: None,
        shapes: vec![Shape::Point, Shape::Circle(1.5), Shape::Rect { w: 2, h: 3 }, Shape::Pair(-1, 1)],
        by_id: [(7, true)].into(),
        unit: (),
    };
    let document = Document::from_serialize(&everything).unwrap();
    assert_eq!(document["wide"], Value::BigInteger(u64::MAX.to_string()));
    assert_eq!(document["huge"], Value::BigInteger(u128::MAX.to_string()));
    assert_eq!(document["negative"], Value::BigInteger(i128::MIN.to_string()));
    assert_eq!(document["shapes"][0], Value::from("Point"));
    assert_eq!(document["shapes"][2]["Rect"]["h"], Value::Long(3));
    assert_eq!(document["by_id"]["7"], Value::Boolean(true));
    assert_eq!(document["missing"], Value::Null);
    let back: Everything = document.deserialize_into().unwrap();
    assert_eq!(back, everything);
    // The same document as JSON, through the JSON codec: the same text serde_json writes.
    let text = json::encode_document(&document, &JsonSettings::plain()).unwrap();
    let direct = serde_json::to_vec(&everything).unwrap();
    assert_eq!(
        serde_json::from_slice::<serde_json::Value>(&text).unwrap(),
        serde_json::from_slice::<serde_json::Value>(&direct).unwrap()
    );
}

#[test]
fn numbers_beyond_128_bits_and_big_decimals_keep_their_text() {
    if !serde_json_keeps_number_text() {
        // Such numbers are rounded by serde_json itself as it reads them.
        return;
    }
    let text =
        r#"{"big": 1234567890123456789012345678901234567890, "decimal": 0.1000000000000000000000000001, "plain": 1.5}"#;
    let json: serde_json::Value = serde_json::from_str(text).unwrap();
    let document = Document::from_serialize(&json).unwrap();
    assert_eq!(document["big"], Value::BigInteger("1234567890123456789012345678901234567890".into()));
    assert_eq!(document["decimal"], Value::BigDecimal("0.1000000000000000000000000001".into()));
    assert_eq!(document["plain"], Value::Double(1.5));
    let back: serde_json::Value = document.deserialize_into().unwrap();
    assert_eq!(back, json);
    // Document's own Deserialize, from text and from the tree, agrees.
    let read: Document = serde_json::from_str(text).unwrap();
    assert!(read.equivalent(&document));
    assert_eq!(serde_json::to_value(&read).unwrap(), json);
    // A float field takes the nearest float of a big decimal.
    #[derive(serde::Deserialize)]
    struct Ratio {
        decimal: f64,
    }
    let ratio: Ratio = document.deserialize_into().unwrap();
    assert!((ratio.decimal - 0.1).abs() < 1e-15);
}

#[test]
fn what_a_document_cannot_hold_is_an_error() {
    let document = Document::new(Map::new().with("s", Structure::new()));
    let error = document.deserialize_into::<serde_json::Value>().unwrap_err();
    assert_eq!(error.to_string(), "data error: a document cannot hold a structure");
    let error = serde_json::to_string(&document).unwrap_err();
    assert_eq!(error.to_string(), "a document cannot hold a structure");
    let key_error = Document::from_serialize(&std::collections::HashMap::from([(vec![1], 1)])).unwrap_err();
    assert_eq!(key_error.to_string(), "data error: a document's map key must be a string");
}

/// Whether serde_json keeps numbers' text (its `arbitrary_precision` feature, on when the
/// whole workspace is built: the command enables it).
fn serde_json_keeps_number_text() -> bool {
    let text = "1234567890123456789012345678901234567890";
    text.parse::<serde_json::Number>().is_ok_and(|n| n.to_string() == text)
}
