//! Hostile input: whatever the bytes, decoders answer with an error of the right kind (or the
//! documented lenient value), never a panic, a stack overflow or runaway memory.

use awsval::json::{self, JsonSettings};
use awsval::schema::{Model, ModelBuilder, ShapeRef, ShapeType};
use awsval::xml::{self, XmlSettings};
use awsval::{ErrorKind, Value};

fn model() -> Model {
    let mut b = ModelBuilder::new();
    let string = b.prelude(ShapeType::String);
    let byte = b.prelude(ShapeType::Byte);
    let short = b.prelude(ShapeType::Short);
    let integer = b.prelude(ShapeType::Integer);
    let long = b.prelude(ShapeType::Long);
    let float = b.prelude(ShapeType::Float);
    let double = b.prelude(ShapeType::Double);
    let blob = b.prelude(ShapeType::Blob);
    let time = b.prelude(ShapeType::Timestamp);
    let big = b.prelude(ShapeType::BigInteger);
    let strings = b.list("Strings", string).id();
    let map = b.map("Map", string, integer).id();
    let choice = b.add("Choice", ShapeType::Union).member("A", string).member("B", integer).id();
    let node = b.declare("Node", ShapeType::Structure);
    let nodes = b.list("Nodes", node).id();
    b.shape(node)
        .member("S", string)
        .member("I8", byte)
        .member("I16", short)
        .member("I32", integer)
        .member("I64", long)
        .member("F", float)
        .member("D", double)
        .member("B", blob)
        .member("T", time)
        .member("Big", big)
        .member("L", strings)
        .member("M", map)
        .member("U", choice)
        .member("Kids", nodes);
    b.finish().unwrap()
}

fn node(model: &Model) -> ShapeRef<'_> {
    model.shape("Node").unwrap()
}

fn json_error(text: &[u8]) -> awsval::Error {
    let model = model();
    json::decode(text, node(&model), &JsonSettings::aws_json()).expect_err("must fail")
}

fn xml_error(text: &[u8]) -> awsval::Error {
    let model = model();
    xml::decode(text, node(&model), &XmlSettings::default()).expect_err("must fail")
}

const VALID_JSON: &str = r#"{"S":"a\"\u00e9\ud83d\ude00","I8":-1,"I16":2,"I32":3,"I64":-4,"F":1.5,"D":"NaN","B":"aGk=","T":1.5,"Big":123456789012345678901234567890,"L":["x",null],"M":{"k":1},"U":{"A":"u"},"Kids":[{"S":"k"}]}"#;
const VALID_XML: &str = r#"<?xml version="1.0"?><Node><S>a &amp; &#233;<![CDATA[<c>]]></S><I8>-1</I8><L><member>x</member></L><M><entry><key>k</key><value>1</value></entry></M><U><B>2</B></U><Kids><member><S>k</S></member></Kids></Node>"#;

#[test]
fn the_valid_documents_decode() {
    let model = model();
    assert!(json::decode(VALID_JSON.as_bytes(), node(&model), &JsonSettings::aws_json()).is_ok());
    assert!(xml::decode(VALID_XML.as_bytes(), node(&model), &XmlSettings::default()).is_ok());
}

#[test]
fn every_prefix_of_a_valid_document_is_an_error_at_or_before_its_end() {
    for end in 0..VALID_JSON.len() {
        let error = json_error(&VALID_JSON.as_bytes()[..end]);
        assert!(matches!(error.kind(), ErrorKind::Eof | ErrorKind::Syntax | ErrorKind::Data), "{end}: {error}");
        assert!(error.offset().is_some_and(|o| o <= end), "{end}: {error}");
    }
    for end in 0..VALID_XML.len() {
        let model = model();
        let result = xml::decode(&VALID_XML.as_bytes()[..end], node(&model), &XmlSettings::default());
        let error = result.expect_err("a prefix is not a whole document");
        assert!(matches!(error.kind(), ErrorKind::Eof | ErrorKind::Syntax | ErrorKind::Data), "{end}: {error}");
    }
}

#[test]
fn depth_bombs_stop_at_the_limit_even_in_skipped_members() {
    let deep_array = format!("{{\"Unknown\":{}}}", "[".repeat(100_000));
    assert_eq!(json_error(deep_array.as_bytes()).kind(), ErrorKind::Limit);
    let deep_object = "{\"Unknown\":".to_owned() + &"{\"a\":".repeat(100_000);
    assert_eq!(json_error(deep_object.as_bytes()).kind(), ErrorKind::Limit);
    let deep_kids = "{\"Kids\":[".repeat(100_000);
    assert_eq!(json_error(deep_kids.as_bytes()).kind(), ErrorKind::Limit);
    let deep_xml = "<Node><Unknown>".to_owned() + &"<a>".repeat(100_000);
    assert_eq!(xml_error(deep_xml.as_bytes()).kind(), ErrorKind::Limit);
    let deep_document = format!("{}1{}", "[".repeat(129), "]".repeat(129));
    assert_eq!(
        json::decode_document(deep_document.as_bytes(), &JsonSettings::aws_json()).unwrap_err().kind(),
        ErrorKind::Limit
    );
}

#[test]
fn trailing_data_and_several_roots() {
    assert_eq!(json_error(b"{} x").to_string(), "syntax error: trailing characters after the JSON value (byte 3)");
    assert_eq!(json_error(b"{}{}").to_string(), "syntax error: trailing characters after the JSON value (byte 2)");
    assert_eq!(xml_error(b"<Node/><Node/>").to_string(), "syntax error: a second root element (byte 7)");
    assert_eq!(xml_error(b"<Node></Other>").kind(), ErrorKind::Syntax);
    assert_eq!(xml_error(b"<Node><S>a</Node>").kind(), ErrorKind::Syntax);
}

#[test]
fn bad_bytes_boms_and_control_characters() {
    assert_eq!(json_error(b"{\"S\":\"\xff\"}").to_string(), "syntax error: invalid UTF-8 in a string at S (byte 6)");
    assert_eq!(
        json_error(b"{\"S\":\"\xed\xa0\x80\"}").to_string(),
        "syntax error: invalid UTF-8 in a string at S (byte 6)"
    );
    assert_eq!(json_error(b"{\"S\":\"\\ud800\"}").kind(), ErrorKind::Syntax);
    assert_eq!(
        json_error(b"{\"S\":\"a\x01\"}").to_string(),
        "syntax error: control character in a string at S (byte 7)"
    );
    assert_eq!(json_error(b"\xef\xbb\xbf\xef\xbb\xbf{}").kind(), ErrorKind::Syntax, "one BOM is ignored, not two");
    assert_eq!(json_error(b"\xfe\xff{}").kind(), ErrorKind::Syntax, "UTF-16 is not JSON's encoding here");
    assert_eq!(xml_error(b"<Node><S>\xff</S></Node>").kind(), ErrorKind::Syntax);
    assert_eq!(
        xml_error(b"<Node><S>&#1;</S></Node>").to_string(),
        "syntax error: invalid character reference at S (byte 9)"
    );
    let model = model();
    let lenient = xml::decode(b"\xef\xbb\xbf<Node/>", node(&model), &XmlSettings::default());
    assert_eq!(lenient.map(|v| v.as_structure().map(|s| s.len())).ok(), Some(Some(0)), "an XML BOM is fine");
}

#[test]
fn non_standard_json_is_refused() {
    for text in [
        "{'S':1}",
        "{S:1}",
        "{\"I32\":+1}",
        "{\"I32\":0x10}",
        "{\"D\":Infinity}",
        "{\"D\":.5}",
        "{\"I32\":1,}",
        "[1,]",
        "{\"I32\":1 /* c */}",
        "{\"S\":\"a\nb\"}",
    ] {
        let error = json_error(text.as_bytes());
        assert!(matches!(error.kind(), ErrorKind::Syntax | ErrorKind::Data), "{text}: {error}");
    }
}

#[test]
fn entities_never_expand() {
    let laughs = br#"<?xml version="1.0"?><!DOCTYPE lolz [<!ENTITY lol "lol"><!ENTITY lol2 "&lol;&lol;&lol;&lol;&lol;&lol;&lol;&lol;&lol;&lol;">]><Node><S>&lol2;</S></Node>"#;
    assert_eq!(xml_error(laughs).to_string(), "syntax error: a DOCTYPE is not allowed (byte 21)");
    let external = br#"<!DOCTYPE x SYSTEM "file:///etc/passwd"><Node/>"#;
    assert_eq!(xml_error(external).kind(), ErrorKind::Syntax);
    assert_eq!(xml_error(b"<Node><S>&xxe;</S></Node>").kind(), ErrorKind::Syntax);
}

#[test]
fn integers_overflow_at_each_width() {
    for (member, over) in [
        ("I8", "128"),
        ("I16", "32768"),
        ("I32", "2147483648"),
        ("I64", "9223372036854775808"),
        ("I8", "-129"),
        ("I64", "-9223372036854775809"),
    ] {
        let error = json_error(format!("{{\"{member}\":{over}}}").as_bytes());
        assert_eq!((error.kind(), error.path().to_string()), (ErrorKind::Data, member.to_owned()), "{member} {over}");
        let error = xml_error(format!("<Node><{member}>{over}</{member}></Node>").as_bytes());
        assert_eq!((error.kind(), error.path().to_string()), (ErrorKind::Data, member.to_owned()), "{member} {over}");
    }
}

#[test]
fn float_and_big_number_edges() {
    let model = model();
    // 3.5e38 is beyond f32 and 1e309 beyond f64: reading either as an infinity would change
    // the number (the infinities travel by name), so both are refused.
    for (member, text, width) in [("F", "3.5e38", "float"), ("D", "1e309", "double"), ("D", "-1e309", "double")] {
        let message = format!("data error: number out of range for a {width} at {member} (byte 5)");
        assert_eq!(json_error(format!(r#"{{"{member}":{text}}}"#).as_bytes()).to_string(), message);
        let error = xml_error(format!("<Node><{member}>{text}</{member}></Node>").as_bytes());
        assert_eq!((error.kind(), error.path().to_string()), (ErrorKind::Data, member.to_owned()), "{text}");
        assert!(error.to_string().contains(&format!("out of range for a {width}")), "{error}");
    }
    let value = json::decode(br#"{"F":3.4e38,"D":1e308,"Big":-0}"#, node(&model), &JsonSettings::aws_json());
    let value = value.unwrap();
    assert_eq!(value["F"], Value::Float(3.4e38));
    assert_eq!(value["D"], Value::Double(1e308));
    assert_eq!(value["Big"], Value::BigInteger("-0".into()));
    assert_eq!(json_error(br#"{"Big":1.5}"#).kind(), ErrorKind::Data);
    assert_eq!(json_error(br#"{"D":"nan"}"#).kind(), ErrorKind::Data);
}

#[test]
fn type_and_union_violations() {
    assert_eq!(json_error(br#"{"L":{}}"#).to_string(), "data error: expected an array, found an object at L (byte 5)");
    assert_eq!(json_error(br#"{"U":{"A":"a","B":1}}"#).kind(), ErrorKind::Data);
    assert_eq!(json_error(br#"{"U":{}}"#).kind(), ErrorKind::Data);
    assert_eq!(json_error(br#"{"U":"A"}"#).kind(), ErrorKind::Data);
    assert_eq!(xml_error(b"<Node><U><A>a</A><B>1</B></U></Node>").kind(), ErrorKind::Data);
}

#[test]
fn duplicates_and_dense_nulls() {
    assert_eq!(json_error(br#"{"S":"a","S":"b"}"#).to_string(), "data error: repeated member at S (byte 13)");
    assert_eq!(json_error(br#"{"M":{"k":1,"k":1}}"#).kind(), ErrorKind::Data);
    assert_eq!(xml_error(b"<Node><S>a</S><S>b</S></Node>").kind(), ErrorKind::Data);
    let model = model();
    let value =
        json::decode(br#"{"L":[null,"x",null],"M":{"a":null}}"#, node(&model), &JsonSettings::aws_json()).unwrap();
    assert_eq!(value["L"], Value::List(vec![Value::from("x")].into()), "dense lists drop nulls on input");
    assert_eq!(value["M"], Value::Map(awsval::Map::new()), "dense maps drop nulls on input");
}

#[test]
fn bad_base64_and_timestamps() {
    assert_eq!(json_error(br#"{"B":"aGk"}"#).kind(), ErrorKind::Data);
    assert_eq!(json_error(br#"{"B":"a Gk="}"#).kind(), ErrorKind::Data);
    assert_eq!(json_error(br#"{"T":"2014-02-30T00:00:00Z"}"#).kind(), ErrorKind::Data);
    assert_eq!(json_error(br#"{"T":1e30}"#).kind(), ErrorKind::Data);
    assert_eq!(xml_error(b"<Node><T>yesterday</T></Node>").kind(), ErrorKind::Data);
}

#[test]
fn size_amplification_stays_linear() {
    let model = model();
    let keys: String = (0..1_000_000).map(|i| format!("\"k{i}\":{i},")).collect();
    let big_map = format!("{{\"M\":{{{}}}}}", keys.trim_end_matches(','));
    let value = json::decode(big_map.as_bytes(), node(&model), &JsonSettings::aws_json()).unwrap();
    assert_eq!(value["M"].as_map().map(awsval::Map::len), Some(1_000_000));
    let skipped = format!("{{\"Unknown\":{{{}}}}}", keys.trim_end_matches(','));
    assert!(json::decode(skipped.as_bytes(), node(&model), &JsonSettings::aws_json()).is_ok());
    let entries: String = (0..200_000).map(|i| format!("<entry><key>k{i}</key><value>{i}</value></entry>")).collect();
    let xml_map = format!("<Node><M>{entries}</M></Node>");
    let value = xml::decode(xml_map.as_bytes(), node(&model), &XmlSettings::default()).unwrap();
    assert_eq!(value["M"].as_map().map(awsval::Map::len), Some(200_000), "repeated-key checks stay linear");
    let huge = format!("{{\"S\":\"{}\"}}", "x".repeat(20_000_000));
    assert_eq!(
        json::decode(huge.as_bytes(), node(&model), &JsonSettings::aws_json()).unwrap()["S"].as_str().map(str::len),
        Some(20_000_000)
    );
}

/// A typed twin of `Node`'s map and list, read straight off the wire by `json::decode_typed`.
#[derive(awsval::Shape, PartialEq)]
struct Tally {
    m: Option<std::collections::HashMap<String, i32>>,
    l: Option<Vec<String>>,
}

#[test]
fn dropped_nulls_repeated_keys_and_unknown_members_stay_linear() {
    let model = model();
    let settings = JsonSettings::aws_json();
    // 200,000 dense nulls: a scan per dropped key made this quadratic (80,000 took 7 s).
    let nulls: String = (0..200_000).map(|i| format!("\"k{i}\":null,")).collect();
    let nulls = nulls.trim_end_matches(',');
    let doc = format!("{{\"M\":{{{nulls}}}}}");
    let value = json::decode(doc.as_bytes(), node(&model), &settings).unwrap();
    assert_eq!(value["M"].as_map().map(awsval::Map::len), Some(0));
    let typed: Tally = json::decode_typed(doc.as_bytes(), &settings).unwrap();
    assert_eq!(typed.m.map(|m| m.len()), Some(0));
    // A key repeated after 200,000 dropped nulls is still caught, in both paths.
    let repeated = format!("{{\"M\":{{{nulls},\"k7\":1}}}}");
    let error = json::decode(repeated.as_bytes(), node(&model), &settings).unwrap_err();
    assert_eq!(error.to_string(), format!(r#"data error: repeated map key at M["k7"] (byte {})"#, repeated.len() - 3));
    let error = json::decode_typed::<Tally>(repeated.as_bytes(), &settings).unwrap_err();
    assert_eq!(error.to_string(), format!(r#"data error: repeated map key at M["k7"] (byte {})"#, repeated.len() - 3));
    // Values then nulls then a repeat of a kept key, past the scan's reach.
    let mixed: String = (0..100_000).map(|i| format!("\"v{i}\":{i},\"n{i}\":null,")).collect();
    let mixed = format!("{{\"M\":{{{mixed}\"v3\":null}}}}");
    let error = json::decode(mixed.as_bytes(), node(&model), &settings).unwrap_err();
    assert_eq!(error.path().to_string(), r#"M["v3"]"#);
    assert_eq!(json::decode_typed::<Tally>(mixed.as_bytes(), &settings).unwrap_err().path().to_string(), r#"M["v3"]"#);
    // Nulls in a dense list, and a million unknown members, skipped.
    let list = format!("{{\"L\":[{}\"x\"]}}", "null,".repeat(1_000_000));
    assert_eq!(
        json::decode(list.as_bytes(), node(&model), &settings).unwrap()["L"].as_list().map(|l| l.len()),
        Some(1)
    );
    let unknown: String = (0..1_000_000).map(|i| format!("\"u{i}\":null,")).collect();
    let unknown = format!("{{{unknown}\"S\":\"s\"}}");
    assert_eq!(json::decode(unknown.as_bytes(), node(&model), &settings).unwrap()["S"], Value::from("s"));
}

#[test]
fn dropped_nulls_count_against_the_collection_limit() {
    let model = model();
    let settings = JsonSettings::aws_json().with_limits(awsval::Limits::default().with_max_collection_len(3));
    let ok = br#"{"M":{"a":null,"b":1,"c":null},"L":[null,"x",null]}"#;
    assert!(json::decode(ok, node(&model), &settings).is_ok());
    for doc in [&br#"{"M":{"a":null,"b":null,"c":null,"d":null}}"#[..], br#"{"L":[null,null,null,null]}"#] {
        let error = json::decode(doc, node(&model), &settings).unwrap_err();
        assert_eq!(error.kind(), ErrorKind::Limit, "{error}");
        let error = json::decode_typed::<Tally>(doc, &settings).unwrap_err();
        assert_eq!(error.kind(), ErrorKind::Limit, "{error}");
    }
}

#[test]
fn arbitrary_bytes_never_panic() {
    let model = model();
    let mut state = 0x2545_f491_4f6c_dd1du64;
    let mut next = || {
        state ^= state << 13;
        state ^= state >> 7;
        state ^= state << 17;
        state
    };
    let alphabet = b"{}[]\":,0123456789.eE+-nultrfasSLMUB<>/=&#;!?x \n\\\xff";
    for _ in 0..20_000 {
        let len = (next() % 64) as usize;
        let bytes: Vec<u8> = (0..len).map(|_| alphabet[(next() % alphabet.len() as u64) as usize]).collect();
        let _ = json::decode(&bytes, node(&model), &JsonSettings::aws_json());
        let _ = json::decode_document(&bytes, &JsonSettings::aws_json());
        let _ = xml::decode(&bytes, node(&model), &XmlSettings::default());
    }
}
