//! Typed XML decoding (`xml::decode_typed`) against the two-step path it replaces
//! (`xml::decode`, then `FromValue`): the same value or the same error, whatever the input.
//!
//! Documented differences, as for JSON (`tests/decode_typed.rs`), for a value that does not
//! fit its Rust type (a missing required member, a value a closed enum does not list): typed
//! decoding meets it where it is, so it reports it before any error further on, and it
//! knows the byte offset of an enum value that fits no variant. One more: a map entry is
//! handed to the map as soon as its key and value are read, so a key the map already has is
//! reported before anything wrong later in the same entry (a second key or value, a malformed
//! end tag).

use std::collections::{BTreeMap, HashMap};

use awsval::xml::{self, XmlSettings};
use awsval::{Blob, Error, ErrorKind, FromValue, Shape, Timestamp, ToValue};
use proptest::collection::{btree_map, vec};
use proptest::option::of;
use proptest::prelude::*;

#[derive(Shape, Clone, PartialEq)]
#[awsval(xml_namespace = "urn:node")]
struct Node {
    #[awsval(xml_attribute, xml_name = "id")]
    id: Option<String>,
    #[awsval(xml_attribute, name = "Count")]
    count: Option<i32>,
    s: Option<String>,
    #[awsval(xml_flattened, xml_name = "Flat")]
    flat: Option<Vec<String>>,
    #[awsval(xml_flattened)]
    flat_map: Option<BTreeMap<String, i32>>,
    #[awsval(name = "I8")]
    i8: Option<i8>,
    d: Option<f64>,
    b: Option<Blob>,
    #[awsval(timestamp_format = "date-time")]
    t: Option<Timestamp>,
    e: Option<Color>,
    z: Option<Size>,
    l: Option<Vec<String>>,
    sparse: Option<Vec<Option<i32>>>,
    m: Option<HashMap<String, i32>>,
    sparse_map: Option<BTreeMap<String, Option<String>>>,
    u: Option<Choice>,
    kid: Option<Box<Node>>,
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

/// A closed enum: a value it does not list is an error.
#[derive(Shape, Clone, PartialEq)]
enum Size {
    #[awsval(value = "SMALL")]
    Small,
    #[awsval(value = "LARGE")]
    Large,
}

#[derive(Shape, Clone, PartialEq)]
#[awsval(union)]
enum Choice {
    A(String),
    B(Vec<i32>),
    #[awsval(xml_flattened)]
    F(Vec<String>),
    #[awsval(unknown)]
    Unknown(String),
}

const VALID: &str = r#"<?xml version="1.0"?><Node xmlns="urn:node" id="n&amp;1" Count="3" other="x"><S>a &lt; b</S>
<Flat>x</Flat><I8>-1</I8><FlatMap><key>k</key><value>1</value></FlatMap><Flat>y</Flat><D>Infinity</D><B>aGk=</B>
<T>2024-01-02T03:04:05.5Z</T><E>BLUE</E><Z>SMALL</Z><L><member>x</member><member/></L><Sparse><member>1</member></Sparse>
<M><entry><key>a</key><value>1</value></entry><entry><value>2</value><key>b</key></entry></M>
<SparseMap><entry><key>k</key></entry><entry><key>v</key><value>w</value></entry></SparseMap>
<U><F>p</F><F>q</F></U><Kid Count="4"><Required>false</Required><U><Other>1</Other></U></Kid><FlatMap><key>j</key>
<value>2</value></FlatMap><Kids><member><Required>true</Required><U><B><member>7</member></B></U></member></Kids>
<Required>true</Required><Extra><x>1</x></Extra><![CDATA[]]><!-- c --></Node>"#;

fn both(bytes: &[u8]) -> (Result<Node, Error>, Result<Node, Error>) {
    let settings = XmlSettings::new();
    let typed = xml::decode_typed::<Node>(bytes, &settings);
    let two_step = xml::decode(bytes, Node::schema(), &settings).and_then(Node::from_value);
    (typed, two_step)
}

/// The errors of a value that does not fit its Rust type (see the differences above).
const FIT_ERRORS: &[&str] = &["missing required member", "unknown enum value"];

fn agree(bytes: &[u8]) {
    let text = String::from_utf8_lossy(bytes);
    match both(bytes) {
        (Ok(typed), Ok(two_step)) => assert!(typed == two_step, "{text}"),
        // Reading in the same order, the two-step path's error lies further on.
        (Err(typed), Err(_)) if FIT_ERRORS.contains(&typed.message()) => {}
        (Err(typed), Err(two_step))
            if typed.message() == "unknown enum value" && typed.offset().is_some() && two_step.offset().is_none() =>
        {
            assert_eq!(typed.message(), two_step.message());
            assert_eq!(typed.path(), two_step.path(), "{text}");
        }
        // A repeated key is reported once its value is read, before anything wrong later in
        // the same entry.
        (Err(typed), Err(two_step))
            if typed.message() == "repeated map key"
                && two_step.offset().zip(typed.offset()).is_some_and(|(two_step, typed)| two_step >= typed) => {}
        (Err(typed), Err(two_step)) => assert_eq!(typed.to_string(), two_step.to_string(), "{text}"),
        (typed, two_step) => panic!("{text}: typed {:?}, two steps {:?}", typed.err(), two_step.err()),
    }
}

#[test]
fn the_valid_document_reads_the_same_both_ways() {
    let (typed, _) = both(VALID.as_bytes());
    let typed = typed.expect("valid");
    assert_eq!(typed.id.as_deref(), Some("n&1"), "an attribute, unescaped");
    assert_eq!(typed.count, Some(3));
    assert_eq!(typed.flat, Some(vec!["x".to_owned(), "y".to_owned()]), "a flattened list gathers around others");
    assert_eq!(typed.flat_map, Some(BTreeMap::from([("k".to_owned(), 1), ("j".to_owned(), 2)])));
    assert_eq!(typed.l, Some(vec!["x".to_owned(), String::new()]));
    assert_eq!(typed.m, Some(HashMap::from([("a".to_owned(), 1), ("b".to_owned(), 2)])), "a value before its key");
    assert_eq!(
        typed.sparse_map,
        Some(BTreeMap::from([("k".to_owned(), None), ("v".to_owned(), Some("w".to_owned()))]))
    );
    assert!(typed.u == Some(Choice::F(vec!["p".into(), "q".into()])), "a union's flattened member gathers");
    assert!(typed.e == Some(Color::Unknown("BLUE".into())));
    assert!(typed.kid.as_ref().is_some_and(|kid| kid.u == Some(Choice::Unknown("Other".into()))));
    assert!(typed.kids.as_ref().is_some_and(|kids| kids[0].u == Some(Choice::B(vec![7]))));
    agree(VALID.as_bytes());
}

#[test]
fn errors_name_the_same_path_and_offset() {
    let cases: &[&str] = &[
        "<N><Required>true</Required><Kids><member><Required>true</Required></member><member><I8>x</I8></member></Kids></N>",
        "<N><Required>true</Required><M><entry><key>a</key><value>1</value></entry><entry><key>a</key><value>2</value></entry></M></N>",
        "<N><Required>true</Required><FlatMap><key>a</key><value>1</value></FlatMap><FlatMap><key>a</key><value>2</value></FlatMap></N>",
        "<N><Required>true</Required><M><entry><key>a</key></entry></M></N>",
        "<N><Required>true</Required><M><entry><value>1</value></entry></M></N>",
        "<N><Required>true</Required><M><entry><value>x</value><key>a</key></entry></M></N>",
        "<N><Required>true</Required><M><entry><key>a</key><key>b</key><value>1</value></entry></M></N>",
        "<N><Required>true</Required><M><entry><key>a</key><value>1</value><value>2</value></entry></M></N>",
        "<N><Required>true</Required><U><A>x</A><B><member>1</member></B></U></N>",
        "<N><Required>true</Required><U><Other/><A>x</A></U></N>",
        "<N><Required>true</Required><U><F>x</F><A>y</A></U></N>",
        "<N><Required>true</Required><U></U></N>",
        "<N><Required>true</Required><U><B><member>1</member><member>x</member></B></U></N>",
        "<N><Required>true</Required><Sparse><member>1</member><member>x</member></Sparse></N>",
        "<N><Required>true</Required><Flat>a</Flat><Flat><x/></Flat></N>",
        "<N Count=\"x\"><Required>true</Required></N>",
        "<N Count='1' Count='2'><Required>true</Required></N>",
        "<N><Required>true</Required><I8>300</I8></N>",
        "<N><Required>true</Required><Z>HUGE</Z></N>",
        "<N><Required>true</Required><T>yesterday</T></N>",
        "<N><Required>true</Required><Required>true</Required></N>",
        "<N><Required>true</Required><Kid/></N>",
        "<N><Kids><member/></Kids></N>",
        "<N><Required>true</Required></N><N/>",
        "<N><Required>true</Required>",
        "",
    ];
    for case in cases {
        agree(case.as_bytes());
    }
    let (typed, _) = both(b"<N><Required>true</Required><Z>HUGE</Z></N>");
    assert_eq!(typed.err().map(|e| e.to_string()).as_deref(), Some("data error: unknown enum value at Z (byte 28)"));
    let (typed, _) = both(b"<N><Required>true</Required><Flat>a</Flat><I8>1</I8><Flat>b</Flat><Flat><x/></Flat></N>");
    assert_eq!(
        typed.err().map(|e| e.to_string()).as_deref(),
        Some("data error: expected text, found an element at Flat[2] (byte 72)")
    );
}

#[test]
fn every_prefix_and_every_byte_swap_agrees() {
    let valid = VALID.as_bytes();
    for end in 0..valid.len() {
        agree(&valid[..end]);
    }
    for at in 0..valid.len() {
        for byte in [b'<', b'>', b'/', b'"', b'=', b'&', b'1', b'x', b' ', b'K', 0xff] {
            let mut bytes = valid.to_vec();
            bytes[at] = byte;
            agree(&bytes);
        }
    }
}

#[test]
fn arbitrary_pieces_agree() {
    let mut state = 0x9e37_79b9_7f4a_7c15u64;
    let mut next = || {
        state ^= state << 13;
        state ^= state >> 7;
        state ^= state << 17;
        state
    };
    let pieces: &[&str] = &[
        "<N>",
        "</N>",
        "<Required>true</Required>",
        "<Flat>",
        "</Flat>",
        "<FlatMap>",
        "</FlatMap>",
        "<key>k</key>",
        "<value>1</value>",
        "<M>",
        "</M>",
        "<entry>",
        "</entry>",
        "<U>",
        "</U>",
        "<A>a</A>",
        "<F>",
        "</F>",
        "<Kids>",
        "</Kids>",
        "<member>",
        "</member>",
        "<Kid>",
        "</Kid>",
        "<SparseMap>",
        "</SparseMap>",
        "x",
        "1",
        "<Other/>",
        " Count=\"1\"",
        "<E>RED</E>",
        "<Z>LARGE</Z>",
    ];
    for _ in 0..20_000 {
        let len = (next() % 24) as usize;
        let text: String = (0..len).map(|_| pieces[(next() % pieces.len() as u64) as usize]).collect();
        agree(text.as_bytes());
    }
}

#[test]
fn depth_bombs_stop_at_the_limit() {
    // On a spawned thread's default stack (2 MiB), in a debug build: the recursion stops at the
    // depth limit long before the stack ends.
    let check = || {
        let deep = "<Kid>".repeat(100_000);
        let error = xml::decode_typed::<Node>(format!("<N>{deep}").as_bytes(), &XmlSettings::new()).unwrap_err();
        assert_eq!(error.kind(), ErrorKind::Limit);
    };
    std::thread::Builder::new().stack_size(2 << 20).spawn(check).unwrap().join().unwrap();
}

/// A list of words that reads and writes through `Value` only, as a user's own type may: it
/// cannot gather the pieces of a flattened list.
#[derive(Debug)]
struct Words(Vec<String>);

impl Shape for Words {
    fn describe(builder: &mut awsval::schema::ModelBuilder) -> awsval::schema::ShapeId {
        <Vec<String> as Shape>::describe(builder)
    }
}

impl FromValue for Words {
    fn from_value(value: awsval::Value) -> Result<Self, Error> {
        Vec::<String>::from_value(value).map(Words)
    }
}

impl ToValue for Words {
    fn to_value(&self) -> awsval::Value {
        self.0.to_value()
    }
}

impl awsval::convert::Decode for Words {}
impl awsval::convert::Encode for Words {}

#[derive(Shape)]
struct Loose {
    #[awsval(xml_flattened)]
    items: Option<Words>,
}

#[test]
fn a_type_that_cannot_gather_pieces_refuses_the_second() {
    let one: Loose = xml::decode_typed(b"<L><Items>a</Items></L>", &XmlSettings::new()).expect("one piece");
    assert_eq!(one.items.map(|items| items.0), Some(vec!["a".to_owned()]));
    let error = xml::decode_typed::<Loose>(b"<L><Items>a</Items><Items>b</Items></L>", &XmlSettings::new())
        .err()
        .map(|e| e.to_string());
    assert!(error.as_deref().is_some_and(|e| e.contains("needs a type that gathers them")), "{error:?}");
}

fn text() -> impl Strategy<Value = String> {
    "\\PC{0,6}|[<>&\"' \\t\\n]{0,3}"
}

fn node(kids: impl Strategy<Value = Vec<Node>>) -> impl Strategy<Value = Node> {
    let first =
        (of(text()), of(any::<i32>()), of(text()), of(vec(text(), 0..3)), of(btree_map(text(), any::<i32>(), 0..3)));
    let second = (
        of(any::<i8>()),
        of(vec(any::<u8>(), 0..6).prop_map(Blob::new)),
        of(prop_oneof![Just(Color::Red), "[A-Z]{1,4}".prop_map(Color::Unknown)]),
        of(vec(text(), 0..3)),
        // XML has no null list items.
        of(vec(any::<i32>().prop_map(Some), 0..3)),
        of(btree_map(text(), of(text()), 0..2)),
    );
    let third =
        (of(prop_oneof![text().prop_map(Choice::A), vec(text(), 1..3).prop_map(Choice::F)]), kids, any::<bool>());
    (first, second, third).prop_map(
        |((id, count, s, flat, flat_map), (i8, b, e, l, sparse, sparse_map), (u, kids, required))| Node {
            id,
            count,
            s,
            flat,
            flat_map,
            i8,
            d: None,
            b,
            t: None,
            e,
            z: None,
            l,
            sparse,
            m: None,
            sparse_map,
            u,
            kid: None,
            kids: (!kids.is_empty()).then_some(kids),
            required,
        },
    )
}

proptest! {
    /// What `encode_typed` writes, `decode_typed` reads back as the two-step path does.
    #[test]
    fn written_values_read_back_alike(value in node(vec(node(Just(Vec::new())), 0..3))) {
        let bytes = xml::encode_typed(&value, &XmlSettings::new()).expect("writes");
        let (typed, two_step) = both(&bytes);
        let typed = typed.expect("reads");
        prop_assert!(typed == two_step.expect("reads"));
        prop_assert!(typed.to_value().equivalent(&xml::decode(&bytes, Node::schema(), &XmlSettings::new()).expect("reads")));
    }
}
