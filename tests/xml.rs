//! The XML codec: names, attributes, namespaces, wrapped and flattened collections, safety.

use awsval::schema::{Model, ModelBuilder, ShapeRef, ShapeType};
use awsval::xml::{self, XmlSettings};
use awsval::{Blob, ErrorKind, Limits, List, Map, Structure, Timestamp, TimestampFormat, Union, Value};

fn model() -> Model {
    let mut b = ModelBuilder::new();
    let string = b.prelude(ShapeType::String);
    let integer = b.prelude(ShapeType::Integer);
    let double = b.prelude(ShapeType::Double);
    let boolean = b.prelude(ShapeType::Boolean);
    let blob = b.prelude(ShapeType::Blob);
    let time = b.prelude(ShapeType::Timestamp);
    let strings = b.list("Strings", string).id();
    let renamed = b.add("Renamed", ShapeType::List).member("member", string).xml_name("item").id();
    let map = b.map("Tags", string, integer).id();
    let renamed_map = b
        .add("Settings", ShapeType::Map)
        .member("key", string)
        .xml_name("Name")
        .member("value", string)
        .xml_name("Setting")
        .id();
    let choice = b.add("Choice", ShapeType::Union).member("A", string).member("B", integer).id();
    let node = b.declare("Node", ShapeType::Structure);
    let nodes = b.list("Nodes", node).id();
    b.shape(node)
        .xml_name("NodeResult")
        .xml_namespace("https://example.com/doc", None)
        .member("Id", string)
        .xml_attribute()
        .member("Type", string)
        .xml_attribute()
        .xml_name("xsi:type")
        .xml_namespace("http://www.w3.org/2001/XMLSchema-instance", Some("xsi"))
        .member("Name", string)
        .member("Count", integer)
        .member("Ratio", double)
        .member("Flag", boolean)
        .member("Data", blob)
        .member("When", time)
        .member("Epoch", time)
        .timestamp_format(TimestampFormat::EpochSeconds)
        .member("Strings", strings)
        .member("Flat", strings)
        .xml_flattened()
        .xml_name("Item")
        .member("Renamed", renamed)
        .member("Tags", map)
        .member("Settings", renamed_map)
        .member("FlatTags", map)
        .xml_flattened()
        .xml_name("Tag")
        .member("Choice", choice)
        .member("Children", nodes)
        .member("Spaced", string)
        .xml_namespace("https://example.com/ns", Some("ns"));
    b.finish().expect("valid")
}

fn node(model: &Model) -> ShapeRef<'_> {
    model.shape("Node").expect("declared")
}

fn decode(text: &str) -> awsval::Result<Value> {
    let model = model();
    xml::decode(text.as_bytes(), node(&model), &XmlSettings::default())
}

fn error(text: &str) -> String {
    decode(text).expect_err(text).to_string()
}

#[test]
fn decodes_members_attributes_and_collections() {
    let value = decode(
        r#"<?xml version="1.0" encoding="UTF-8"?>
        <!-- a comment -->
        <Anything xmlns="https://example.com/doc" xmlns:xsi="http://www.w3.org/2001/XMLSchema-instance" Id="n-1" xsi:type="Thing" other="x">
          <Item>first</Item>
          <Name>  spaced &amp; &lt;escaped&gt; &#x41;&#66; <![CDATA[<raw> & ]]>  </Name>
          <Count>42</Count>
          <Item>second</Item>
          <Ratio>-Infinity</Ratio>
          <Flag>true</Flag>
          <Data>aGk=</Data>
          <When>2014-04-29T18:30:38+01:00</When>
          <Epoch>1398796238.5</Epoch>
          <Unknown><deep><deeper/></deep></Unknown>
          <Strings><member>a</member><member></member><member/></Strings>
          <Renamed><item>x</item><member>ignored</member></Renamed>
          <Tags><entry><key>k1</key><value>1</value></entry><entry><value>2</value><key>k2</key></entry></Tags>
          <Settings><entry><Name>color</Name><Setting>red</Setting></entry></Settings>
          <Tag><key>t</key><value>7</value></Tag>
          <Choice><B>3</B></Choice>
          <Children><member Id="c"><Name>child</Name></member></Children>
          <ns:Spaced xmlns:ns="https://example.com/ns">ns</ns:Spaced>
          <Item>third</Item>
        </Anything>"#,
    )
    .unwrap();
    assert_eq!(value["Id"], Value::from("n-1"));
    assert_eq!(value["Type"], Value::from("Thing"));
    assert_eq!(value["Name"], Value::from("  spaced & <escaped> AB <raw> &   "));
    assert_eq!(value["Count"], Value::Integer(42));
    assert_eq!(value["Ratio"], Value::Double(f64::NEG_INFINITY));
    assert_eq!(value["Flag"], Value::Boolean(true));
    assert_eq!(value["Data"], Value::Blob(Blob::new(b"hi")));
    assert_eq!(value["When"], Value::Timestamp(Timestamp::from_secs(1_398_792_638).unwrap()));
    assert_eq!(value["Epoch"], Value::Timestamp(Timestamp::new(1_398_796_238, 500_000_000).unwrap()));
    assert_eq!(value["Strings"], Value::List(vec!["a".into(), "".into(), "".into()].into()));
    assert_eq!(value["Flat"], Value::List(vec!["first".into(), "second".into(), "third".into()].into()));
    assert_eq!(value["Renamed"], Value::List(vec!["x".into()].into()));
    assert_eq!(value["Tags"], Value::Map(Map::new().with("k1", 1).with("k2", 2)));
    assert_eq!(value["Settings"], Value::Map(Map::new().with("color", "red")));
    assert_eq!(value["FlatTags"], Value::Map(Map::new().with("t", 7)));
    assert_eq!(value["Choice"], Value::Union(Union::new("B", 3)));
    assert_eq!(value["Children"][0]["Id"], Value::from("c"));
    assert_eq!(value["Spaced"], Value::from("ns"));
    let names: Vec<&str> = value.as_structure().unwrap().names().collect();
    assert_eq!(names[..4], ["Id", "Type", "Name", "Count"], "schema order");
}

#[test]
fn unions_keep_unknown_members() {
    let value = decode("<Node><Choice><C><x/></C></Choice></Node>").unwrap();
    assert_eq!(value["Choice"], Value::Union(Union::unknown("C")));
    assert_eq!(
        error("<Node><Choice><A>a</A><B>1</B></Choice></Node>"),
        "data error: a union has exactly one member, found a second at Choice (byte 22)"
    );
    assert_eq!(
        error("<Node><Choice></Choice></Node>"),
        "data error: a union has exactly one member, found none at Choice (byte 6)"
    );
}

#[test]
fn rejects_unsafe_and_malformed_documents() {
    let cases = [
        ("", "end of input error: no root element (byte 0)"),
        ("<!DOCTYPE x [<!ENTITY a \"aaaa\">]><Node/>", "syntax error: a DOCTYPE is not allowed (byte 0)"),
        (
            "<Node><Name>&lol;</Name></Node>",
            "syntax error: unknown entity (only the five predefined ones exist here) at Name (byte 12)",
        ),
        ("<Node><Name>&#0;</Name></Node>", "syntax error: invalid character reference at Name (byte 12)"),
        ("<Node/><Node/>", "syntax error: a second root element (byte 7)"),
        ("<Node><Name>x</Name>", "end of input error: unclosed element at the end of input (byte 20)"),
        (
            "<Node><Name>x</Nme></Node>",
            "syntax error: malformed XML: ill-formed document: expected `</Name>`, but `</Nme>` was found at Name (byte 13)",
        ),
        ("text<Node/>", "syntax error: text before the root element (byte 0)"),
        ("<Node/>text", "syntax error: content after the root element (byte 7)"),
    ];
    for (text, message) in cases {
        let error = decode(text).expect_err(text);
        assert_eq!(error.to_string(), message, "{text:?}");
        assert!(matches!(error.kind(), ErrorKind::Syntax | ErrorKind::Eof), "{text:?}");
    }
}

#[test]
fn data_errors_name_the_path() {
    assert_eq!(
        error("<Node><Count>4.5</Count></Node>"),
        "data error: expected an integer, found text that is not one at Count (byte 6)"
    );
    assert_eq!(error("<Node><Count>3000000000</Count></Node>"), "data error: integer out of range at Count (byte 6)");
    assert_eq!(error("<Node><Flag>yes</Flag></Node>"), "data error: expected true or false at Flag (byte 6)");
    assert_eq!(
        error("<Node><Name><b>x</b></Name></Node>"),
        "data error: expected text, found an element at Name (byte 12)"
    );
    assert_eq!(error("<Node><Name>a</Name><Name>b</Name></Node>"), "data error: repeated member at Name (byte 20)");
    assert_eq!(
        error("<Node><Tags><entry><key>k</key><value>x</value></entry></Tags></Node>"),
        r#"data error: expected an integer, found text that is not one at Tags["k"] (byte 31)"#
    );
    assert_eq!(
        error(
            "<Node><Tags><entry><key>k</key><value>1</value></entry><entry><key>k</key><value>2</value></entry></Tags></Node>"
        ),
        r#"data error: repeated map key at Tags["k"] (byte 55)"#
    );
    // One entry holds one key and one value: a second of either would be lost.
    assert_eq!(
        error("<Node><Tags><entry><key>k</key><key>j</key><value>1</value></entry></Tags></Node>"),
        "data error: a map entry with a second key at Tags (byte 31)"
    );
    assert_eq!(
        error("<Node><Tags><entry><key>k</key><value>1</value><value>2</value></entry></Tags></Node>"),
        r#"data error: a map entry with a second value at Tags["k"] (byte 47)"#
    );
    assert_eq!(
        error("<Node><Tags><entry><key>k</key></entry></Tags></Node>"),
        r#"data error: a map entry without a value at Tags["k"] (byte 19)"#
    );
    assert_eq!(
        error("<Node><Children><member><Count>x</Count></member></Children></Node>"),
        "data error: expected an integer, found text that is not one at Children[0].Count (byte 24)"
    );
}

#[test]
fn depth_limits_apply_to_skipped_elements_too() {
    let model = model();
    let deep = format!("<Node><Unknown>{}{}</Unknown></Node>", "<a>".repeat(300), "</a>".repeat(300));
    let error = xml::decode(deep.as_bytes(), node(&model), &XmlSettings::default()).unwrap_err();
    assert_eq!(error.kind(), ErrorKind::Limit);
    assert_eq!(error.to_string(), "limit error: nesting deeper than 128 (byte 393)");
    let settings = XmlSettings::default().with_limits(Limits::default().with_max_collection_len(2));
    let error =
        xml::decode(b"<Node><Item>1</Item><Item>2</Item><Item>3</Item></Node>", node(&model), &settings).unwrap_err();
    assert_eq!(error.to_string(), "limit error: more than 2 items at Flat (byte 34)");
}

fn sample() -> Value {
    Value::from(
        Structure::new()
            .with("Id", "a\"b\n")
            .with("Type", "T")
            .with("Name", "x & <y> \r\n\t z")
            .with("Count", -3)
            .with("Ratio", f64::NAN)
            .with("Data", Blob::new(b"\x00\xff"))
            .with("When", Timestamp::new(0, 5_000_000).unwrap())
            .with("Epoch", Timestamp::from_secs(-1).unwrap())
            .with("Flat", Value::List(vec!["p".into(), "q".into()].into()))
            .with("Renamed", Value::List(vec!["r".into()].into()))
            .with("Tags", Map::new().with("k", 1))
            .with("Settings", Map::new().with("s", "v"))
            .with("FlatTags", Map::new().with("f", 2).with("g", 3))
            .with("Choice", Union::new("A", ""))
            .with("Children", Value::List(List::from(vec![Value::from(Structure::new().with("Name", "c"))])))
            .with("Spaced", "ns"),
    )
}

#[test]
fn encodes_names_namespaces_attributes_and_escapes() {
    let model = model();
    let bytes = xml::encode(&sample(), node(&model), &XmlSettings::default()).unwrap();
    assert_eq!(
        String::from_utf8(bytes).unwrap(),
        "<NodeResult xmlns=\"https://example.com/doc\" Id=\"a&quot;b&#xA;\" \
         xmlns:xsi=\"http://www.w3.org/2001/XMLSchema-instance\" xsi:type=\"T\">\
         <Name>x &amp; &lt;y&gt; &#xD;\n\t z</Name><Count>-3</Count><Ratio>NaN</Ratio><Data>AP8=</Data>\
         <When>1970-01-01T00:00:00.005Z</When><Epoch>-1</Epoch><Item>p</Item><Item>q</Item>\
         <Renamed><item>r</item></Renamed><Tags><entry><key>k</key><value>1</value></entry></Tags>\
         <Settings><entry><Name>s</Name><Setting>v</Setting></entry></Settings>\
         <Tag><key>f</key><value>2</value></Tag><Tag><key>g</key><value>3</value></Tag>\
         <Choice><A></A></Choice><Children><member xmlns=\"https://example.com/doc\"><Name>c</Name></member></Children>\
         <Spaced xmlns:ns=\"https://example.com/ns\">ns</Spaced></NodeResult>"
    );
}

#[test]
fn what_is_encoded_decodes_back() {
    let model = model();
    let bytes = xml::encode(&sample(), node(&model), &XmlSettings::default()).unwrap();
    let back = xml::decode(&bytes, node(&model), &XmlSettings::default()).unwrap();
    assert!(back.equivalent(&sample()), "{}\n{back:#?}", String::from_utf8_lossy(&bytes));
}

#[test]
fn encoding_refuses_what_xml_cannot_carry() {
    let model = model();
    let encode = |value: Value| xml::encode(&value, node(&model), &XmlSettings::default()).unwrap_err().to_string();
    assert_eq!(
        encode(Value::from(Structure::new().with("Name", "bell\u{7}"))),
        "data error: character U+0007 cannot be written in XML at Name"
    );
    assert_eq!(encode(Value::from(Structure::new().with("Nope", 1))), "data error: Node has no member Nope");
    assert_eq!(
        encode(Value::from(Structure::new().with("Choice", Union::unknown("Z")))),
        "data error: an unknown union member cannot be encoded at Choice.Z"
    );
}

#[test]
fn paths_and_texts_inside_envelopes() {
    let model = model();
    let body = b"<OpResponse><ResponseMetadata><RequestId>r</RequestId></ResponseMetadata><OpResult><Name>n</Name></OpResult></OpResponse>";
    let value = xml::decode_at(body, &["OpResult"], node(&model), &XmlSettings::default()).unwrap();
    assert_eq!(value.map(|v| v["Name"].clone()), Some(Value::from("n")));
    assert_eq!(xml::decode_at(body, &["Missing"], node(&model), &XmlSettings::default()).unwrap(), None);
    assert_eq!(
        xml::text_at(body, &["ResponseMetadata", "RequestId"], &XmlSettings::default()).unwrap().as_deref(),
        Some("r")
    );
    assert_eq!(xml::text_at(body, &["ResponseMetadata", "Nope"], &XmlSettings::default()).unwrap(), None);
}
