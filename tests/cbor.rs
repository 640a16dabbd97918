//! CBOR by schema: every shape kind both ways, the AWS SDKs' encodings, and hostile input.

use awsval::cbor::{self, CborSettings};
use awsval::schema::{Model, ModelBuilder, ShapeId, ShapeType};
use awsval::{Blob, Limits, List, Map, Structure, Timestamp, Union, Value};

fn model() -> (Model, ShapeId) {
    let mut b = ModelBuilder::new();
    let string = b.prelude(ShapeType::String);
    let int = b.prelude(ShapeType::Integer);
    let byte = b.prelude(ShapeType::Byte);
    let float = b.prelude(ShapeType::Float);
    let double = b.prelude(ShapeType::Double);
    let blob = b.prelude(ShapeType::Blob);
    let time = b.prelude(ShapeType::Timestamp);
    let big = b.prelude(ShapeType::BigInteger);
    let strings = b.list("Strings", string).id();
    let sparse = b.list("Sparse", string).sparse().id();
    let ints = b.map("Ints", string, int).id();
    let long = b.prelude(ShapeType::Long);
    let counts = b.list("Counts", long).id();
    let choice = b.add("Choice", ShapeType::Union).member("S", string).member("I", int).id();
    let root = b.declare("Root", ShapeType::Structure);
    b.shape(root)
        .member("Name", string)
        .member("Count", int)
        .member("Small", byte)
        .member("Ratio", float)
        .member("Exact", double)
        .member("Data", blob)
        .member("When", time)
        .member("Big", big)
        .member("Tags", strings)
        .member("Holes", sparse)
        .member("Scores", ints)
        .member("Pick", choice)
        .member("Counts", counts)
        .member("Child", root);
    (b.finish().unwrap(), root)
}

fn hex(bytes: &[u8]) -> String {
    bytes.iter().map(|b| format!("{b:02x}")).collect()
}

fn unhex(text: &str) -> Vec<u8> {
    (0..text.len()).step_by(2).map(|i| u8::from_str_radix(&text[i..i + 2], 16).unwrap()).collect()
}

fn decode(hex_text: &str) -> awsval::Result<Value> {
    let (model, root) = model();
    cbor::decode(&unhex(hex_text), model.get(root), &CborSettings::new())
}

fn encode(value: &Value) -> String {
    let (model, root) = model();
    hex(&cbor::encode(value, model.get(root), &CborSettings::new()).unwrap())
}

#[test]
fn every_kind_is_written_as_the_sdks_write_it_and_read_back() {
    let value = Value::from(
        Structure::new()
            .with("Name", "a")
            .with("Count", -2)
            .with("Ratio", Value::Float(0.5))
            .with("Exact", Value::Double(f64::NAN))
            .with("Data", Blob::new(vec![1, 2]))
            .with("When", Timestamp::new(1, 500_000_000).unwrap())
            .with("Big", Value::BigInteger("18446744073709551615".into()))
            .with("Tags", Value::List(List::from(vec![Value::from("x")])))
            .with("Holes", Value::List(List::from(vec![Value::Null])))
            .with("Scores", Value::Map(Map::new().with("k", 3)))
            .with("Pick", Union::new("I", 1)),
    );
    let written = encode(&value);
    assert_eq!(
        written,
        // A map of 11; "Name": "a"; "Count": -2; "Ratio": f32 0.5; "Exact": NaN as f16;
        // "Data": h'0102'; "When": 1(1.5); "Big": 2^64-1; "Tags": ["x"]; "Holes": [null];
        // "Scores": {"k": 3}; "Pick": {"I": 1}.
        "ab644e616d656161\
         65436f756e7421\
         65526174696ffa3f000000\
         654578616374f97e00\
         644461746142 0102\
         645768656ec1fb3ff8000000000000\
         63426967 1bffffffffffffffff\
         645461677381 6178\
         65486f6c657381f6\
         6653636f726573a1616b03\
         645069636ba1614901"
            .replace(' ', "")
    );
    assert!(decode(&written).unwrap().equivalent(&value));
}

#[test]
fn reading_takes_every_form_a_writer_may_choose() {
    // Indefinite map, array and string; a half float for a float; an integer for a double; an
    // untagged integer timestamp; nulls: a member absent, dropped from a dense list, kept in a
    // sparse one; an unknown member skipped whatever it holds; __type in a union passed over.
    let value = decode(
        "bf644e616d657f61616162ff\
         6454616773 9f 6178 f6 ff\
         65486f6c6573 82 f6 6179\
         65526174696f f93c00\
         654578616374 03\
         645768656e 1a5f5e1000\
         65436f756e74 f6\
         67556e6b6e6f776e bf6161 9f 01 02 ff ff\
         645069636b a2 665f5f74797065 6161 6153 6162\
         ff"
        .replace(' ', "")
        .as_str(),
    )
    .unwrap();
    let expected = Value::from(
        Structure::new()
            .with("Name", "ab")
            .with("Tags", Value::List(List::from(vec![Value::from("x")])))
            .with("Holes", Value::List(List::from(vec![Value::Null, Value::from("y")])))
            .with("Ratio", Value::Float(1.0))
            .with("Exact", Value::Double(3.0))
            .with("When", Timestamp::from_secs(1_600_000_000).unwrap())
            .with("Pick", Union::new("S", "b")),
    );
    assert!(value.equivalent(&expected), "{value:?}");
}

#[test]
fn integers_of_every_head_width_and_sign_follow_each_other() {
    // "Counts": [1, -1, 24, -25, 256, -257, 2^32, -2^32 - 1]: each head read on its own, a
    // negative one straight after a positive one included.
    let value = decode(
        "a166436f756e747388 01 20 1818 3818 190100 390100 1b0000000100000000 3b0000000100000000"
            .replace(' ', "")
            .as_str(),
    )
    .unwrap();
    let counts: [i64; 8] = [1, -1, 24, -25, 256, -257, 1 << 32, -(1 << 32) - 1];
    let expected = Structure::new().with("Counts", Value::List(counts.into_iter().map(Value::Long).collect()));
    assert!(value.equivalent(&Value::from(expected)), "{value:?}");
}

#[test]
fn bad_input_is_refused_with_its_offset_and_path() {
    let error = |hex_text: &str| decode(hex_text).unwrap_err().to_string();
    assert_eq!(error("a1644e616d6501"), "data error: expected a text string, found an integer at Name (byte 6)");
    assert_eq!(error("a2644e616d656161644e616d656162"), "data error: repeated member at Name (byte 8)");
    assert_eq!(
        error("a1665363 6f726573 a2616b01616b02".replace(' ', "").as_str()),
        "data error: repeated map key at Scores[\"k\"] (byte 12)"
    );
    assert_eq!(error("a165536d616c6c190100"), "data error: 256 is out of range for a byte at Small (byte 7)");
    assert_eq!(error("a1644e616d6562c328"), "syntax error: a text string is not UTF-8 at Name (byte 6)");
    assert_eq!(error("a1"), "end of input error: the CBOR value ends early (byte 1)");
    assert_eq!(error("a0a0"), "syntax error: data after the CBOR value (byte 1)");
    assert_eq!(error("a1644e616d65ff"), "data error: expected a text string, found a break at Name (byte 6)");
    assert_eq!(error("a1644e616d651c"), "syntax error: malformed CBOR: byte 0x1c begins no data item at Name (byte 6)");
    assert_eq!(error("f6"), "data error: expected a structure, found null (byte 0)");
    assert_eq!(
        error("a164506963 6ba0".replace(' ', "").as_str()),
        "data error: a union has exactly one member, found none at Pick (byte 7)"
    );
    assert_eq!(error("a1645768656ec24100"), "data error: a timestamp is tag 1, not tag 2 at When (byte 6)");
    // An array that claims 2^64 items and a string that claims 4 GiB end where the input does.
    assert_eq!(
        error("a164546167739bffffffffffffffff"),
        "end of input error: the CBOR value ends early at Tags[0] (byte 15)"
    );
    assert_eq!(error("a1644e616d657affffffff61"), "end of input error: the CBOR value ends early at Name (byte 6)");
    // An indefinite array that never ends.
    assert_eq!(
        error("a16454616773 9f 6178 6178".replace(' ', "").as_str()),
        "end of input error: the CBOR value ends early at Tags (byte 11)"
    );
}

#[test]
fn nesting_and_sizes_are_bounded() {
    let (model, root) = model();
    // {"Child": {"Child": ...}} 10,000 deep.
    let mut bomb = Vec::new();
    for _ in 0..10_000 {
        bomb.extend(unhex("a1654368696c64"));
    }
    bomb.push(0xa0);
    let settings = CborSettings::new().with_limits(Limits::untrusted());
    let error = cbor::decode(&bomb, model.get(root), &settings).unwrap_err();
    assert_eq!(error.kind(), awsval::ErrorKind::Limit);
    // The same bomb inside an unknown member is skipped without recursion.
    let mut skipped = unhex("a167556e6b6e6f776e");
    skipped.extend(std::iter::repeat_n(0x81, 100_000));
    skipped.push(0x01);
    assert!(cbor::decode(&skipped, model.get(root), &settings).is_ok());
    // And without a schema, depth is bounded too.
    let deep: Vec<u8> = std::iter::repeat_n(0x81, 100_000).chain([0x01]).collect();
    assert_eq!(cbor::decode_any(&deep, &settings).unwrap_err().kind(), awsval::ErrorKind::Limit);
    let few = CborSettings::new().with_limits(Limits::new().with_max_collection_len(2));
    let error = cbor::decode(&unhex("a1645461677383617861786178"), model.get(root), &few).unwrap_err();
    assert_eq!(error.to_string(), "limit error: more than 2 items at Tags (byte 11)");
}

#[test]
fn big_numbers_travel_as_integers_bignums_and_decimal_fractions() {
    let mut b = ModelBuilder::new();
    let big = b.prelude(ShapeType::BigInteger);
    let decimal = b.prelude(ShapeType::BigDecimal);
    let shape = b.add("Numbers", ShapeType::Structure).member("I", big).member("D", decimal).id();
    let model = b.finish().unwrap();
    let settings = CborSettings::new();
    let round_trip = |i: &str, d: &str| {
        let value =
            Value::from(Structure::new().with("I", Value::BigInteger(i.into())).with("D", Value::BigDecimal(d.into())));
        let bytes = cbor::encode(&value, model.get(shape), &settings).unwrap();
        let back = cbor::decode(&bytes, model.get(shape), &settings).unwrap();
        assert!(back.equivalent(&value), "{i} {d}: {back:?}");
        hex(&bytes)
    };
    // 2^64 is a bignum (tag 2); -2^64 - 1 a negative one (tag 3, holding 2^64); 1.5 is 15E-1.
    assert_eq!(round_trip("18446744073709551616", "1.5"), "a26149c2490100000000000000006144c482200f");
    round_trip("-18446744073709551617", "-123.456E-7");
    round_trip("-18446744073709551616", "1e400");
    round_trip("0", "0.000");
    round_trip("123456789012345678901234567890123456789", "-1.000000000000000000001");
    let huge = [unhex("a16149c35a00100000"), vec![1; 0x100000]].concat();
    let error = cbor::decode(&huge, model.get(shape), &settings).unwrap_err();
    assert_eq!(error.to_string(), "limit error: a bignum of more than 1024 bytes at I (byte 4)");
}
