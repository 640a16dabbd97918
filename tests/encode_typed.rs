//! Typed encoding (`json::encode_typed`, `xml::encode_typed`, `query::encode_typed`) against
//! the path it replaces (`ToValue`, then `json::encode`, `xml::encode` or `query::encode`): the
//! same bytes, or the same error, in every JSON dialect, in XML and in both query flavors.

use std::collections::{BTreeMap, HashMap};

use awsval::json::{self, JsonSettings};
use awsval::query::{self, QueryFlavor, QuerySettings};
use awsval::xml::{self, XmlSettings};
use awsval::{Blob, Document, Shape, Timestamp, ToValue, Value};
use proptest::collection::{btree_map, vec};
use proptest::option::of;
use proptest::prelude::*;

#[derive(Shape, Clone, PartialEq)]
#[awsval(xml_namespace = "urn:node")]
struct Node {
    #[awsval(json_name = "str", xml_name = "Str")]
    s: Option<String>,
    #[awsval(xml_flattened, xml_name = "Flat")]
    flat: Option<Vec<String>>,
    #[awsval(xml_flattened)]
    flat_map: Option<BTreeMap<String, String>>,
    #[awsval(xml_namespace = "urn:kid", xml_prefix = "k")]
    kid: Option<Box<Node>>,
    #[awsval(name = "I8")]
    i8: Option<i8>,
    #[awsval(name = "I64")]
    i64: Option<i64>,
    f: Option<f32>,
    d: Option<f64>,
    b: Option<Blob>,
    #[awsval(timestamp_format = "http-date")]
    t: Option<Timestamp>,
    epoch: Option<Timestamp>,
    e: Option<Color>,
    l: Option<Vec<String>>,
    sparse: Option<Vec<Option<i32>>>,
    m: Option<BTreeMap<String, i32>>,
    sparse_map: Option<HashMap<String, Option<String>>>,
    /// Lists in a list: what flattening (ec2Query's, XML's) treats apart.
    grid: Option<Vec<Vec<String>>>,
    u: Option<Choice>,
    doc: Option<Document>,
    kids: Option<Vec<Node>>,
    required: bool,
}

#[derive(Shape, Clone, PartialEq)]
enum Color {
    #[awsval(value = "RED")]
    Red,
    #[awsval(unknown)]
    Unknown(String),
}

#[derive(Shape, Clone, PartialEq)]
#[awsval(union)]
enum Choice {
    A(String),
    B(Vec<i32>),
    #[awsval(unknown)]
    Other(String),
}

fn text() -> impl Strategy<Value = String> {
    "\\PC{0,6}|[\"\\\\\\x00-\\x1f]{0,3}"
}

fn leaf() -> impl Strategy<Value = Node> {
    let scalars = (of(text()), of(any::<i8>()), of(any::<i64>()), of(any::<f32>()), of(any::<f64>()));
    let others = (
        of(vec(any::<u8>(), 0..6).prop_map(Blob::new)),
        of((0i64..253_402_300_799, 0u32..1_000_000_000).prop_map(|(s, n)| Timestamp::new(s, n).expect("in range"))),
        of((0i64..4_000_000_000).prop_map(|s| Timestamp::from_secs(s).expect("in range"))),
        of(prop_oneof![Just(Color::Red), "[A-Z]{1,4}".prop_map(Color::Unknown)]),
        of(vec(text(), 0..3)),
        of(vec(of(any::<i32>()), 0..3)),
    );
    let rest = (
        of(btree_map(text(), any::<i32>(), 0..3)),
        of(btree_map(text(), of(text()), 0..2).prop_map(|m| m.into_iter().collect::<HashMap<_, _>>())),
        of(prop_oneof![
            text().prop_map(Choice::A),
            vec(any::<i32>(), 0..3).prop_map(Choice::B),
            "[a-z]{1,4}".prop_map(Choice::Other),
        ]),
        of(prop_oneof![
            Just(Document::null()),
            any::<i64>().prop_map(|n| Document::new(Value::Long(n))),
            text().prop_map(|s| Document::new(Value::String(s))),
        ]),
        any::<bool>(),
    );
    (scalars, others, rest).prop_map(
        |((s, i8, i64, f, d), (b, t, epoch, e, l, sparse), (m, sparse_map, u, doc, required))| Node {
            s,
            flat: None,
            flat_map: None,
            kid: None,
            i8,
            i64,
            f,
            d,
            b,
            t,
            epoch,
            e,
            l,
            sparse,
            m,
            sparse_map,
            grid: None,
            u,
            doc,
            kids: None,
            required,
        },
    )
}

fn node() -> impl Strategy<Value = Node> {
    let xml_only = (of(vec(text(), 0..3)), of(btree_map(text(), text(), 0..3)));
    let grid = of(vec(vec(text(), 0..3), 0..3));
    (leaf(), xml_only, grid)
        .prop_map(|(node, (flat, flat_map), grid)| Node { flat, flat_map, grid, ..node })
        .prop_recursive(3, 12, 3, |inner| {
            (leaf(), vec(inner.clone(), 0..3), of(inner)).prop_map(|(mut node, kids, kid)| {
                node.kids = Some(kids);
                node.kid = kid.map(Box::new);
                node
            })
        })
}

/// The two paths' results, as text or error text.
fn both(node: &Node, settings: &JsonSettings) -> (Result<String, String>, Result<String, String>) {
    let text =
        |r: awsval::Result<Vec<u8>>| r.map(|b| String::from_utf8_lossy(&b).into_owned()).map_err(|e| e.to_string());
    (text(json::encode_typed(node, settings)), text(json::encode(&node.to_value(), Node::schema(), settings)))
}

/// The two paths' XML.
fn both_xml(node: &Node) -> (Result<String, String>, Result<String, String>) {
    let text =
        |r: awsval::Result<Vec<u8>>| r.map(|b| String::from_utf8_lossy(&b).into_owned()).map_err(|e| e.to_string());
    let settings = XmlSettings::new();
    (text(xml::encode_typed(node, &settings)), text(xml::encode(&node.to_value(), Node::schema(), &settings)))
}

/// The two paths' query pairs, as form text or error text.
fn both_query(node: &Node, flavor: QueryFlavor) -> (Result<String, String>, Result<String, String>) {
    let text =
        |r: awsval::Result<Vec<(String, String)>>| r.map(|p| query::form_urlencode(&p)).map_err(|e| e.to_string());
    let settings = QuerySettings::new(flavor);
    (text(query::encode_typed(node, &settings)), text(query::encode(&node.to_value(), Node::schema(), &settings)))
}

proptest! {
    #![proptest_config(ProptestConfig::with_cases(512))]

    #[test]
    fn typed_encoding_writes_what_the_value_path_writes(node in node()) {
        for settings in [JsonSettings::rest_json(), JsonSettings::aws_json(), JsonSettings::plain()] {
            let (straight, through_value) = both(&node, &settings);
            prop_assert_eq!(straight, through_value);
        }
        let (straight, through_value) = both_xml(&node);
        prop_assert_eq!(straight, through_value);
        for flavor in [QueryFlavor::AwsQuery, QueryFlavor::Ec2Query] {
            let (straight, through_value) = both_query(&node, flavor);
            prop_assert_eq!(straight, through_value);
        }
    }

    /// Without the members a query string cannot carry (documents, nulls), the pairs are
    /// written, not refused.
    #[test]
    fn typed_query_pairs_are_the_value_paths(node in node()) {
        let node = Node { doc: None, sparse: None, sparse_map: None, ..node };
        for flavor in [QueryFlavor::AwsQuery, QueryFlavor::Ec2Query] {
            let (straight, through_value) = both_query(&node, flavor);
            prop_assert!(straight.is_ok() || through_value.is_err());
            prop_assert_eq!(straight, through_value);
        }
    }

    /// Without the members XML cannot carry (documents, nulls), the XML is written, not refused.
    #[test]
    fn typed_xml_is_the_value_paths(node in node()) {
        let node = Node { doc: None, sparse: None, sparse_map: None, ..node };
        let (straight, through_value) = both_xml(&node);
        prop_assert!(straight.is_ok() || through_value.is_err());
        prop_assert_eq!(straight, through_value);
    }
}

#[test]
fn what_cannot_be_written_fails_alike_with_its_path() {
    let base = base_of();
    let unknown_member = Node { u: Some(Choice::Other("x".into())), ..base.clone() };
    let deep_unknown = Node { kids: Some(vec![base.clone(), unknown_member.clone()]), ..base.clone() };
    let bad_document = Node { doc: Some(Document::new(Value::Blob(Blob::new(vec![1])))), ..base.clone() };
    let deep = (0..200).fold(base.clone(), |inner, _| Node { kids: Some(vec![inner]), ..base.clone() });
    for (node, expected) in [
        (unknown_member, "data error: an unknown union member cannot be encoded at U.x"),
        (deep_unknown, "data error: an unknown union member cannot be encoded at Kids[1].U.x"),
        (bad_document, "data error: a document cannot hold a blob at Doc"),
        (deep, "limit error: nesting deeper than 128 at Kids[0].Kids[0]"),
    ] {
        let (straight, through_value) = both(&node, &JsonSettings::rest_json());
        assert_eq!(straight, through_value);
        let error = straight.unwrap_err();
        assert!(error.starts_with(expected), "{error}");
    }
}

#[test]
fn a_rich_node_is_written_alike_in_xml() {
    let leaf = Node {
        s: Some("a<b>&\"c\"".into()),
        flat: Some(vec!["x".into(), "y".into()]),
        flat_map: Some([("k".to_owned(), "v".to_owned())].into()),
        kid: None,
        i8: Some(-1),
        i64: Some(i64::MAX),
        f: Some(f32::NAN),
        d: Some(-0.0),
        b: Some(Blob::new(vec![0, 255])),
        t: Some(Timestamp::new(1, 500_000_000).unwrap()),
        epoch: Some(Timestamp::from_secs(2).unwrap()),
        e: Some(Color::Unknown("BLUE".into())),
        l: Some(vec![String::new()]),
        sparse: None,
        m: Some([("m".to_owned(), 3)].into()),
        sparse_map: None,
        grid: None,
        u: Some(Choice::B(vec![1, 2])),
        doc: None,
        kids: Some(vec![]),
        required: false,
    };
    let node = Node { kid: Some(Box::new(leaf.clone())), kids: Some(vec![leaf.clone(), leaf]), ..base_of() };
    let (straight, through_value) = both_xml(&node);
    let text = straight.expect("writes");
    assert_eq!(Ok(text.clone()), through_value);
    let kid =
        r#"<Node xmlns="urn:node"><Kid xmlns:k="urn:kid"><Str>a&lt;b&gt;&amp;"c"</Str><Flat>x</Flat><Flat>y</Flat>"#;
    assert!(text.starts_with(kid), "{text}");
    assert!(text.contains("<FlatMap><key>k</key><value>v</value></FlatMap>"), "{text}");
}

fn base_of() -> Node {
    Node {
        s: None,
        flat: None,
        flat_map: None,
        kid: None,
        i8: None,
        i64: None,
        f: None,
        d: None,
        b: None,
        t: None,
        epoch: None,
        e: None,
        l: None,
        sparse: None,
        m: None,
        sparse_map: None,
        grid: None,
        u: None,
        doc: None,
        kids: None,
        required: true,
    }
}
