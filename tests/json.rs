//! The JSON codec: strict reading, schema-guided decoding and encoding, exact errors.

use awsval::json::{self, BlobText, JsonSettings};
use awsval::schema::{Model, ModelBuilder, ShapeRef, ShapeType};
use awsval::{Blob, Document, ErrorKind, Limits, List, Map, Name, Structure, Timestamp, TimestampFormat, Union, Value};

/// One model with a shape of each kind the tests need.
fn model() -> Model {
    let mut b = ModelBuilder::new();
    let string = b.prelude(ShapeType::String);
    let boolean = b.prelude(ShapeType::Boolean);
    let byte = b.prelude(ShapeType::Byte);
    let short = b.prelude(ShapeType::Short);
    let integer = b.prelude(ShapeType::Integer);
    let long = b.prelude(ShapeType::Long);
    let float = b.prelude(ShapeType::Float);
    let double = b.prelude(ShapeType::Double);
    let big_int = b.prelude(ShapeType::BigInteger);
    let big_dec = b.prelude(ShapeType::BigDecimal);
    let blob = b.prelude(ShapeType::Blob);
    let time = b.prelude(ShapeType::Timestamp);
    let document = b.prelude(ShapeType::Document);
    let color = b.add("Color", ShapeType::Enum).enum_value("Red", "RED").id();
    let level = b.add("Level", ShapeType::IntEnum).int_enum_value("Low", 1).id();
    let secret = b.add("Secret", ShapeType::String).sensitive().id();
    let strings = b.list("Strings", string).id();
    let sparse = b.list("SparseStrings", string).sparse().id();
    let map = b.map("StringMap", string, integer).id();
    let sparse_map = b.map("SparseMap", string, integer).sparse().id();
    let secrets = b.map("Secrets", string, secret).id();
    let times = b.list("HttpDates", time).id();
    let node = b.declare("Node", ShapeType::Structure);
    let choice = b.add("Choice", ShapeType::Union).member("S", string).member("N", integer).member("Node", node).id();
    let nodes = b.list("Nodes", node).id();
    b.shape(node)
        .member("Name", string)
        .json_name("name")
        .member("Flag", boolean)
        .member("Byte", byte)
        .member("Short", short)
        .member("Int", integer)
        .member("Long", long)
        .member("Float", float)
        .member("Double", double)
        .member("BigInt", big_int)
        .member("BigDec", big_dec)
        .member("Blob", blob)
        .member("Time", time)
        .member("DateTime", time)
        .timestamp_format(TimestampFormat::DateTime)
        .member("HttpDates", times)
        .member("Doc", document)
        .member("Color", color)
        .member("Level", level)
        .member("Strings", strings)
        .member("Sparse", sparse)
        .member("Map", map)
        .member("SparseMap", sparse_map)
        .member("Secrets", secrets)
        .member("Choice", choice)
        .member("Children", nodes);
    b.finish().expect("a valid model")
}

fn node(model: &Model) -> ShapeRef<'_> {
    model.shape("Node").expect("declared")
}

fn decode(text: &str) -> awsval::Result<Value> {
    let model = model();
    json::decode(text.as_bytes(), node(&model), &JsonSettings::aws_json())
}

fn error(text: &str) -> String {
    decode(text).expect_err("must fail").to_string()
}

#[test]
fn decodes_every_scalar_type() {
    let value = decode(
        r#"{"Name":"n","Flag":true,"Byte":-128,"Short":32767,"Int":-2147483648,"Long":9223372036854775807,
            "Float":1.5,"Double":-0.0,"BigInt":123456789012345678901234567890,"BigDec":1.50e-400,
            "Blob":"aGk=","Time":1398796238.123456789,"DateTime":"2014-04-29T18:30:38Z",
            "Color":"RED","Level":1}"#,
    )
    .unwrap();
    assert_eq!(value["Name"], Value::from("n"));
    assert_eq!(value["Flag"], Value::Boolean(true));
    assert_eq!(value["Byte"], Value::Byte(-128));
    assert_eq!(value["Short"], Value::Short(32767));
    assert_eq!(value["Int"], Value::Integer(i32::MIN));
    assert_eq!(value["Long"], Value::Long(i64::MAX));
    assert_eq!(value["Float"], Value::Float(1.5));
    assert!(value["Double"].as_f64().is_some_and(|d| d == 0.0 && d.is_sign_negative()));
    assert_eq!(value["BigInt"], Value::BigInteger("123456789012345678901234567890".into()));
    assert_eq!(value["BigDec"], Value::BigDecimal("1.50e-400".into()));
    assert_eq!(value["Blob"], Value::Blob(Blob::new(b"hi")));
    assert_eq!(value["Time"], Value::Timestamp(Timestamp::new(1_398_796_238, 123_456_789).unwrap()));
    assert_eq!(value["DateTime"], Value::Timestamp(Timestamp::from_secs(1_398_796_238).unwrap()));
    assert!(matches!(&value["Color"], Value::Enum(std::borrow::Cow::Borrowed("RED"))), "known values are interned");
    assert_eq!(value["Level"], Value::IntEnum(1));
    assert_eq!(value.as_structure().unwrap().names().next(), Some("Name"));
}

#[test]
fn keeps_schema_order_whatever_the_wire_order() {
    let value = decode(r#"{"Long":1,"Name":"n","Flag":false}"#).unwrap();
    assert_eq!(value.as_structure().unwrap().names().collect::<Vec<_>>(), ["Name", "Flag", "Long"]);
}

#[test]
fn special_floats_unknown_values_and_nulls() {
    let value = decode(r#"{"Float":"NaN","Double":"-Infinity","Color":"PURPLE","Level":7,"Name":null}"#).unwrap();
    assert!(value["Float"].as_f64().is_some_and(f64::is_nan));
    assert_eq!(value["Double"], Value::Double(f64::NEG_INFINITY));
    assert_eq!(value["Color"], Value::Enum("PURPLE".into()));
    assert_eq!(value["Level"], Value::IntEnum(7));
    assert_eq!(value.get("Name"), None);
    assert_eq!(
        error(r#"{"Double":"nan"}"#),
        "data error: expected a number, NaN, Infinity or -Infinity at Double (byte 10)"
    );
}

#[test]
fn collections_dense_sparse_and_nested() {
    let value = decode(
        r#"{"Strings":["a",null,"b"],"Sparse":["a",null],"Map":{"x":1,"y":null},"SparseMap":{"x":null},
            "HttpDates":[1, "2.5"], "Children":[{"Name":"c","Children":[]}]}"#,
    )
    .unwrap();
    assert_eq!(value["Strings"], Value::List(vec![Value::from("a"), Value::from("b")].into()));
    assert_eq!(value["Sparse"], Value::List(vec![Value::from("a"), Value::Null].into()));
    assert_eq!(value["Map"], Value::Map(Map::new().with("x", 1)));
    assert_eq!(value["SparseMap"], Value::Map(Map::new().with("x", Value::Null)));
    assert_eq!(value["HttpDates"][0], Value::Timestamp(Timestamp::from_secs(1).unwrap()));
    assert_eq!(value["HttpDates"][1], Value::Timestamp(Timestamp::new(2, 500_000_000).unwrap()));
    assert_eq!(value["Children"][0]["Name"], Value::from("c"));
}

#[test]
fn unions_take_one_member() {
    let value = decode(r#"{"Choice":{"__type":"x#Choice","N":5}}"#).unwrap();
    assert_eq!(value["Choice"], Value::Union(Union::new("N", 5)));
    let value = decode(r#"{"Choice":{"New":{"deep":[1]}}}"#).unwrap();
    assert_eq!(value["Choice"], Value::Union(Union::unknown("New")));
    let value = decode(r#"{"Choice":{"S":null,"N":1}}"#).unwrap();
    assert_eq!(value["Choice"], Value::Union(Union::new("N", 1)));
    assert_eq!(
        error(r#"{"Choice":{"S":"a","N":1}}"#),
        "data error: a union has exactly one member, found a second at Choice (byte 23)"
    );
    assert_eq!(error(r#"{"Choice":{}}"#), "data error: a union has exactly one member, found none at Choice (byte 10)");
}

#[test]
fn documents_are_untyped() {
    let value = decode(r#"{"Doc":{"a":[1,2.5,"x",true,null,{"b":18446744073709551616}]}}"#).unwrap();
    let expected = Value::Map(
        Map::new().with(
            "a",
            Value::List(
                vec![
                    Value::Long(1),
                    Value::Double(2.5),
                    Value::from("x"),
                    Value::Boolean(true),
                    Value::Null,
                    Value::Map(Map::new().with("b", Value::BigInteger("18446744073709551616".into()))),
                ]
                .into(),
            ),
        ),
    );
    assert_eq!(value["Doc"], Value::Document(Document::new(expected)));
}

#[test]
fn unknown_members_are_skipped_and_json_names_used_when_asked() {
    let value = decode(r#"{"Other":{"x":[1,{"y":null}]},"name":"ignored in awsJson","Name":"kept"}"#).unwrap();
    assert_eq!(value["Name"], Value::from("kept"));
    let model = model();
    let rest =
        json::decode(br#"{"name":"renamed","Name":"unknown in restJson"}"#, node(&model), &JsonSettings::rest_json())
            .unwrap();
    assert_eq!(rest["Name"], Value::from("renamed"));
}

#[test]
fn integers_never_wrap() {
    assert_eq!(error(r#"{"Byte":128}"#), "data error: byte out of range at Byte (byte 8)");
    assert_eq!(error(r#"{"Short":-32769}"#), "data error: short out of range at Short (byte 9)");
    assert_eq!(error(r#"{"Int":2147483648}"#), "data error: integer out of range at Int (byte 7)");
    assert_eq!(error(r#"{"Long":9223372036854775808}"#), "data error: long out of range at Long (byte 8)");
    assert_eq!(
        error(r#"{"Int":1.0}"#),
        "data error: expected an integer for integer, found a fraction or exponent at Int (byte 7)"
    );
    assert_eq!(
        error(r#"{"Int":1e2}"#),
        "data error: expected an integer for integer, found a fraction or exponent at Int (byte 7)"
    );
    assert_eq!(error(r#"{"BigInt":1.5}"#), "data error: expected an integer for bigInteger at BigInt (byte 10)");
}

#[test]
fn rejects_non_standard_json_with_offsets() {
    let cases = [
        ("", "end of input error: expected a JSON value, found the end of input (byte 0)"),
        ("{", "end of input error: expected a string (byte 1)"),
        (r#"{"Name":"n",}"#, "syntax error: trailing comma (byte 12)"),
        (r#"{"Strings":["a",]}"#, "syntax error: trailing comma at Strings (byte 16)"),
        ("{} {}", "syntax error: trailing characters after the JSON value (byte 3)"),
        ("{/* c */}", "syntax error: expected a string (byte 1)"),
        (r#"{"Double":NaN}"#, "syntax error: expected a JSON value at Double (byte 10)"),
        (r#"{"Int":01}"#, "syntax error: expected ',' or '}' (byte 8)"),
        (r#"{"Int":-}"#, "syntax error: expected a digit at Int (byte 8)"),
        (r#"{"Double":1.}"#, "syntax error: expected a digit after the decimal point at Double (byte 12)"),
        (r#"{"Double":1e}"#, "syntax error: expected a digit in the exponent at Double (byte 12)"),
        (r#"{'Name':1}"#, "syntax error: expected a string (byte 1)"),
        (r#"{"Name":"a\x"}"#, "syntax error: invalid escape at Name (byte 11)"),
        (r#"{"Name":"\ud800"}"#, "syntax error: lone surrogate in a \\u escape at Name (byte 15)"),
        (r#"{"Name":"\udc00"}"#, "syntax error: lone surrogate in a \\u escape at Name (byte 15)"),
        ("{\"Name\":\"a\tb\"}", "syntax error: control character in a string at Name (byte 10)"),
        (r#"{"Name":"abc"#, "end of input error: unterminated string at Name (byte 12)"),
        (r#"{"Flag":tru}"#, "syntax error: invalid literal at Flag (byte 8)"),
        (r#"{"Name" "n"}"#, "syntax error: expected ':' (byte 8)"),
    ];
    for (text, message) in cases {
        let error = decode(text).expect_err(text);
        assert_eq!(error.to_string(), message, "{text:?}");
        assert!(matches!(error.kind(), ErrorKind::Syntax | ErrorKind::Eof), "{text:?}");
    }
    let model = model();
    let invalid_utf8 = b"{\"Name\":\"a\xff\"}";
    let error = json::decode(invalid_utf8, node(&model), &JsonSettings::aws_json()).unwrap_err();
    assert_eq!(error.to_string(), "syntax error: invalid UTF-8 in a string at Name (byte 10)");
}

#[test]
fn escapes_and_bom() {
    let value = decode(r#"{"Name":"q\"b\\s\/\b\f\n\r\t\u00e9\ud83d\ude00"}"#).unwrap();
    assert_eq!(value["Name"].as_str(), Some("q\"b\\s/\u{8}\u{c}\n\r\té😀"));
    let model = model();
    let with_bom = json::decode(b"\xEF\xBB\xBF{\"Name\":\"n\"}", node(&model), &JsonSettings::aws_json()).unwrap();
    assert_eq!(with_bom["Name"].as_str(), Some("n"));
}

#[test]
fn repeats_are_errors_not_silent_overwrites() {
    assert_eq!(error(r#"{"Name":"a","Name":"b"}"#), "data error: repeated member at Name (byte 19)");
    assert_eq!(error(r#"{"Map":{"k":1,"k":2}}"#), r#"data error: repeated map key at Map["k"] (byte 18)"#);
    let many: String = (0..40).map(|i| format!("\"k{i}\":{i},")).collect::<String>() + "\"k7\":0";
    assert_eq!(error(&format!("{{\"Map\":{{{many}}}}}")), r#"data error: repeated map key at Map["k7"] (byte 353)"#);
}

#[test]
fn type_mismatches_name_the_path() {
    assert_eq!(
        error(r#"{"Children":[{"Children":[{"Flag":"yes"}]}]}"#),
        "data error: expected a boolean, found a string at Children[0].Children[0].Flag (byte 34)"
    );
    assert_eq!(error(r#"{"Blob":"!!"}"#), "data error: invalid base64 character at position 0 at Blob (byte 8)");
    assert_eq!(
        error(r#"{"DateTime":"yesterday"}"#),
        "data error: invalid date-time timestamp: expected a four-digit year at character 0 at DateTime (byte 12)"
    );
    assert_eq!(error(r#"{"Time":true}"#), "data error: expected a timestamp, found a boolean at Time (byte 8)");
    assert_eq!(error("[]"), "data error: expected an object, found an array (byte 0)");
    assert_eq!(error("null"), "data error: expected an object, found null (byte 0)");
}

#[test]
fn sensitive_map_keys_stay_out_of_errors() {
    let message = error(r#"{"Secrets":{"my-password-key":5}}"#);
    assert_eq!(
        message,
        r#"data error: expected a string, found a number at Secrets["*** Sensitive Data Redacted ***"] (byte 30)"#
    );
}

#[test]
fn limits_bound_depth_strings_collections_and_input() {
    let model = model();
    let deep = format!("{{\"Other\":{}{}}}", "[".repeat(200), "]".repeat(200));
    let error = json::decode(deep.as_bytes(), node(&model), &JsonSettings::aws_json()).unwrap_err();
    assert_eq!(error.kind(), ErrorKind::Limit);
    assert_eq!(error.to_string(), "limit error: nesting deeper than 128 (byte 136)");
    let nested = "{\"Children\":[".repeat(100) + &"]}".repeat(100);
    let error = json::decode(nested.as_bytes(), node(&model), &JsonSettings::aws_json()).unwrap_err();
    assert_eq!(error.kind(), ErrorKind::Limit);
    let tight = |limits: Limits| JsonSettings::aws_json().with_limits(limits);
    let error = json::decode(br#"{"Name":"abcdef"}"#, node(&model), &tight(Limits::default().with_max_string_len(5)))
        .unwrap_err();
    assert_eq!(error.to_string(), "limit error: string longer than 5 bytes at Name (byte 8)");
    let error = json::decode(
        br#"{"Strings":["a","b","c"]}"#,
        node(&model),
        &tight(Limits::default().with_max_collection_len(2)),
    )
    .unwrap_err();
    assert_eq!(error.to_string(), "limit error: more than 2 items at Strings (byte 20)");
    let error =
        json::decode(br#"{"Name":"a"}"#, node(&model), &tight(Limits::default().with_max_input_len(4))).unwrap_err();
    assert_eq!(error.to_string(), "limit error: input longer than 4 bytes");
}

fn sample() -> Value {
    Value::from(
        Structure::new()
            .with("Name", "q\"\n\u{1}é")
            .with("Flag", false)
            .with("Long", i64::MIN)
            .with("Float", f32::INFINITY)
            .with("Double", 0.1)
            .with("BigDec", Value::BigDecimal("1.0e5".into()))
            .with("Blob", Blob::new(b"\xff\x00"))
            .with("Time", Timestamp::new(-2, 500_000_000).unwrap())
            .with("DateTime", Timestamp::new(0, 120_000_000).unwrap())
            .with("Doc", Document::new(Map::new().with("k", Value::List(vec![Value::Null, Value::Double(2.0)].into()))))
            .with("Color", Value::Enum("RED".into()))
            .with("Sparse", Value::List(vec![Value::Null].into()))
            .with("Choice", Union::new("S", "s"))
            .with("Children", Value::List(vec![Value::from(Structure::new().with("Name", "c"))].into())),
    )
}

#[test]
fn encodes_with_the_schema() {
    let model = model();
    let bytes = json::encode(&sample(), node(&model), &JsonSettings::rest_json()).unwrap();
    assert_eq!(
        String::from_utf8(bytes).unwrap(),
        r#"{"name":"q\"\n\u0001é","Flag":false,"Long":-9223372036854775808,"Float":"Infinity","Double":0.1,"BigDec":1.0e5,"Blob":"/wA=","Time":-1.5,"DateTime":"1970-01-01T00:00:00.12Z","Doc":{"k":[null,2.0]},"Color":"RED","Sparse":[null],"Choice":{"S":"s"},"Children":[{"name":"c"}]}"#
    );
}

#[test]
fn encoding_then_decoding_gives_the_value_back() {
    let model = model();
    for settings in [JsonSettings::aws_json(), JsonSettings::rest_json(), JsonSettings::plain()] {
        let bytes = json::encode(&sample(), node(&model), &settings).unwrap();
        let back = json::decode(&bytes, node(&model), &settings).unwrap();
        assert!(back.equivalent(&sample()), "{settings:?}: {}", String::from_utf8_lossy(&bytes));
    }
}

#[test]
fn plain_and_text_settings() {
    let model = model();
    let value =
        Value::from(Structure::new().with("Time", Timestamp::from_secs(0).unwrap()).with("Blob", Blob::new(b"hi")));
    let plain = json::encode(&value, node(&model), &JsonSettings::plain()).unwrap();
    assert_eq!(plain, br#"{"Time":"1970-01-01T00:00:00Z","Blob":"aGk="}"#);
    let text = JsonSettings::aws_json().with_blob_text(BlobText::Utf8);
    assert_eq!(json::encode(&value, node(&model), &text).unwrap(), br#"{"Time":0,"Blob":"hi"}"#);
    let not_utf8 = Value::from(Structure::new().with("Blob", Blob::new(b"\xff")));
    assert_eq!(
        json::encode(&not_utf8, node(&model), &text).unwrap_err().to_string(),
        "data error: blob is not UTF-8 text at Blob"
    );
}

#[test]
fn encoding_refuses_what_does_not_fit() {
    let model = model();
    let encode = |value: Value| json::encode(&value, node(&model), &JsonSettings::aws_json()).unwrap_err().to_string();
    assert_eq!(encode(Value::from(Structure::new().with("Nope", 1))), "data error: Node has no member Nope");
    assert_eq!(
        encode(Value::from(Structure::new().with("Flag", 1))),
        "data error: expected boolean, found integer at Flag"
    );
    assert_eq!(
        encode(Value::from(Structure::new().with("Strings", Value::List(vec![Value::Null].into())))),
        "data error: null in a dense list at Strings[0]"
    );
    assert_eq!(
        encode(Value::from(Structure::new().with("Choice", Union::unknown("X")))),
        "data error: an unknown union member cannot be encoded at Choice.X"
    );
    assert_eq!(
        encode(Value::from(Structure::new().with("Doc", Document::new(Value::Timestamp(Timestamp::UNIX_EPOCH))))),
        "data error: a document cannot hold a timestamp at Doc"
    );
    assert_eq!(encode(Value::Integer(1)), "data error: expected structure, found integer");
}

#[test]
fn a_100_000_deep_value_fails_cleanly_on_a_small_stack() {
    std::thread::Builder::new()
        .stack_size(256 * 1024)
        .spawn(|| {
            let model = model();
            let mut value = Value::from(Structure::new().with("Name", "leaf"));
            for _ in 0..100_000 {
                value = Value::from(Structure::new().with("Children", Value::List(vec![value].into())));
            }
            let error = json::encode(&value, node(&model), &JsonSettings::aws_json()).unwrap_err();
            assert_eq!(error.kind(), ErrorKind::Limit);
        })
        .unwrap()
        .join()
        .unwrap();
}

#[test]
fn documents_alone() {
    let settings = JsonSettings::aws_json();
    let repeated = json::decode_document(br#"{"k":1,"k":2}"#, &settings).unwrap();
    assert_eq!(json::encode_document(&repeated, &settings).unwrap(), br#"{"k":1,"k":2}"#, "nothing dropped");
    let value = json::decode_document(br#"{"a":[1,-2.5e3,"s"]}"#, &settings).unwrap();
    assert_eq!(json::encode_document(&value, &settings).unwrap(), br#"{"a":[1,-2500.0,"s"]}"#);
    let error = json::encode_document(&Value::from(Structure::new().with(Name::new("x"), 1)), &settings).unwrap_err();
    assert_eq!(error.to_string(), "data error: a document cannot hold a structure");
    let list = List::from(vec![Value::Float(f32::NAN)]);
    assert_eq!(json::encode_document(&Value::List(list), &settings).unwrap(), br#"["NaN"]"#);
}

#[test]
fn strings_escape_as_serde_json_does() {
    // Every length around the writer's short-string cut-offs, each special byte at each place.
    let specials = ['"', '\\', '\n', '\t', '\u{0}', '\u{8}', '\u{c}', '\u{1f}', '\u{7f}', ' ', '!', '#', '[', 'é'];
    for len in 0..=24 {
        for at in 0..len.max(1) {
            for special in specials {
                let text: String = (0..len).map(|i| if i == at { special } else { 'a' }).collect();
                let written = json::encode_document(&Value::String(text.clone()), &JsonSettings::aws_json()).unwrap();
                let expected = serde_json::to_string(&text).unwrap();
                assert_eq!(String::from_utf8(written).unwrap(), expected, "{text:?}");
            }
        }
    }
}
