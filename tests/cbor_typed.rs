//! Typed CBOR (`cbor::decode_typed`, `cbor::encode_typed`) against the two-step paths they
//! replace (`cbor::decode` then `FromValue`; `ToValue` then `cbor::encode`): the same value or
//! the same error whatever the input, and the same bytes whatever the value.
//!
//! Documented differences, as for JSON (`tests/decode_typed.rs`): for a value that does not fit
//! its Rust type (a missing required member, a value a closed enum does not list), typed
//! decoding meets it where it is, so it reports it before any error further on, and it knows
//! the byte offset of an enum value that fits no variant.

use std::collections::{BTreeMap, HashMap};

use awsval::cbor::{self, CborSettings};
use awsval::{Blob, Error, ErrorKind, FromValue, List, Map, Shape, Timestamp, ToValue, Value};
use proptest::collection::{btree_map, vec};
use proptest::option::of;
use proptest::prelude::*;

#[derive(Shape, Clone, PartialEq)]
struct Node {
    s: Option<String>,
    #[awsval(name = "I8")]
    i8: Option<i8>,
    #[awsval(name = "I64")]
    i64: Option<i64>,
    f: Option<f32>,
    d: Option<f64>,
    b: Option<Blob>,
    t: Option<Timestamp>,
    e: Option<Color>,
    z: Option<Size>,
    l: Option<Vec<String>>,
    sparse: Option<Vec<Option<i32>>>,
    m: Option<HashMap<String, i32>>,
    sparse_map: Option<BTreeMap<String, Option<String>>>,
    u: Option<Choice>,
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
    #[awsval(unknown)]
    Unknown(String),
}

fn map(entries: Vec<(&str, Value)>) -> Value {
    Value::Map(entries.into_iter().map(|(key, value)| (key.to_owned(), value)).collect::<Map>())
}

fn list(items: Vec<Value>) -> Value {
    Value::List(List::from(items))
}

/// A document of every kind of member, nulls, unknown members and a `__type` among them,
/// written without a schema.
fn valid() -> Vec<u8> {
    let kid = map(vec![("S", "k".into()), ("Required", false.into()), ("U", map(vec![("Other", 1i64.into())]))]);
    let document = map(vec![
        ("S", "a\u{e9}".into()),
        ("I8", Value::Long(-1)),
        ("I64", Value::Long(-4)),
        ("F", Value::Double(1.5)),
        ("D", Value::Double(f64::INFINITY)),
        ("B", Value::Blob(Blob::new(b"hi".to_vec()))),
        ("T", Value::Timestamp(Timestamp::new(1_704_164_645, 500_000_000).expect("in range"))),
        ("E", "BLUE".into()),
        ("Z", "SMALL".into()),
        ("L", list(vec!["x".into(), Value::Null, "y".into()])),
        ("Sparse", list(vec![Value::Long(1), Value::Null])),
        ("M", map(vec![("k", Value::Long(1)), ("n", Value::Null)])),
        ("SparseMap", map(vec![("k", Value::Null), ("v", "w".into())])),
        ("U", map(vec![("__type", "x#Choice".into()), ("A", Value::Null), ("B", list(vec![Value::Long(1)]))])),
        ("Kids", list(vec![kid])),
        ("Required", true.into()),
        ("Extra", map(vec![("x", list(vec![Value::Long(1)]))])),
        ("Nothing", Value::Null),
    ]);
    cbor::encode_any(&document, &CborSettings::new()).expect("writes")
}

fn both(bytes: &[u8]) -> (Result<Node, Error>, Result<Node, Error>) {
    let settings = CborSettings::new();
    let typed = cbor::decode_typed::<Node>(bytes, &settings);
    let two_step = cbor::decode(bytes, Node::schema(), &settings).and_then(Node::from_value);
    (typed, two_step)
}

/// The errors of a value that does not fit its Rust type (see the differences above).
const FIT_ERRORS: &[&str] = &["missing required member", "unknown enum value"];

fn agree(bytes: &[u8]) {
    match both(bytes) {
        // As values: a NaN equals itself there.
        (Ok(typed), Ok(two_step)) => assert!(typed.to_value().equivalent(&two_step.to_value()), "{bytes:02x?}"),
        // Reading in the same order, the two-step path's error lies further on.
        (Err(typed), Err(_)) if FIT_ERRORS.contains(&typed.message()) => {}
        (Err(typed), Err(two_step)) => assert_eq!(typed.to_string(), two_step.to_string(), "{bytes:02x?}"),
        (typed, two_step) => panic!("{bytes:02x?}: typed {:?}, two steps {:?}", typed.err(), two_step.err()),
    }
}

#[test]
fn the_valid_document_reads_the_same_both_ways() {
    let (typed, _) = both(&valid());
    let typed = typed.expect("valid");
    assert_eq!(typed.l.as_deref(), Some(&["x".to_owned(), "y".to_owned()][..]), "dense nulls are dropped");
    assert_eq!(typed.sparse, Some(vec![Some(1), None]), "sparse nulls are kept");
    assert_eq!(typed.m, Some(HashMap::from([("k".to_owned(), 1)])));
    assert_eq!(
        typed.sparse_map,
        Some(BTreeMap::from([("k".to_owned(), None), ("v".to_owned(), Some("w".to_owned()))]))
    );
    assert!(typed.u == Some(Choice::B(vec![1])), "`__type` and a null member are passed over");
    assert!(typed.kids.as_ref().is_some_and(|kids| kids[0].u == Some(Choice::Unknown("Other".into()))));
    agree(&valid());
}

#[test]
fn indefinite_lengths_read_alike() {
    // {_ "Required": true, "L": [_ "a", (_ "b", "c")], "M": {_ "k": 1}}
    let mut bytes = vec![0xbf, 0x68];
    bytes.extend_from_slice(b"Required");
    bytes.extend_from_slice(&[0xf5, 0x61, b'L', 0x9f, 0x61, b'a', 0x7f, 0x61, b'b', 0x61, b'c', 0xff, 0xff]);
    bytes.extend_from_slice(&[0x61, b'M', 0xbf, 0x61, b'k', 0x01, 0xff, 0xff]);
    let (typed, _) = both(&bytes);
    assert_eq!(typed.expect("valid").l, Some(vec!["a".to_owned(), "bc".to_owned()]));
    agree(&bytes);
}

#[test]
fn every_prefix_and_every_byte_swap_agrees() {
    let valid = valid();
    for end in 0..valid.len() {
        agree(&valid[..end]);
    }
    for at in 0..valid.len() {
        for byte in [0x00, 0x01, 0x18, 0x20, 0x41, 0x61, 0x7f, 0x80, 0x9f, 0xa1, 0xbf, 0xc1, 0xf5, 0xf6, 0xfb, 0xff] {
            let mut bytes = valid.clone();
            bytes[at] = byte;
            agree(&bytes);
        }
    }
}

#[test]
fn errors_name_the_same_path_and_offset() {
    let (typed, _) = both(
        &cbor::encode_any(&map(vec![("Required", true.into()), ("Z", "HUGE".into())]), &CborSettings::new())
            .expect("writes"),
    );
    assert_eq!(typed.err().map(|e| e.to_string()).as_deref(), Some("data error: unknown enum value at Z (byte 13)"));
    // A key repeating one whose null was dropped, its value malformed: the value is read first.
    let after_dropped = [
        0xa2, 0x68, b'R', b'e', b'q', b'u', b'i', b'r', b'e', b'd', 0xf5, 0x61, b'M', 0xa2, 0x61, b'k', 0xf7, 0x61,
        b'k', 0x3c,
    ];
    let (typed, _) = both(&after_dropped);
    assert_eq!(
        typed.err().map(|e| e.message().to_owned()).as_deref(),
        Some("malformed CBOR: byte 0x3c begins no data item")
    );
    agree(&after_dropped);
    let repeated = [0xa2, 0x61, b'M', 0xa2, 0x61, b'a', 0xf6, 0x61, b'a', 0x01, 0x68];
    let (typed, two_step) = both(&repeated);
    assert!(typed.is_err() && two_step.is_err(), "a key may not repeat, even after a dropped null");
    agree(&repeated);
    for case in [
        map(vec![("Required", true.into()), ("U", map(vec![("A", "x".into()), ("B", list(vec![]))]))]),
        map(vec![("Required", true.into()), ("U", map(vec![]))]),
        map(vec![("Required", true.into()), ("Sparse", list(vec![Value::Long(1), "x".into()]))]),
        map(vec![("Required", true.into()), ("I8", Value::Long(300))]),
        map(vec![("Required", true.into()), ("Kids", list(vec![map(vec![("S", Value::Long(1))])]))]),
        map(vec![("Kids", list(vec![map(vec![])]))]),
        Value::Null,
    ] {
        agree(&cbor::encode_any(&case, &CborSettings::new()).expect("writes"));
    }
}

#[test]
fn depth_bombs_stop_at_the_limit() {
    // On a small stack: the recursion must stop at the depth limit long before the stack ends.
    let check = || {
        let mut bytes = Vec::new();
        for _ in 0..100_000 {
            bytes.extend_from_slice(&[0xa1, 0x64, b'K', b'i', b'd', b's', 0x81]);
        }
        let error = cbor::decode_typed::<Node>(&bytes, &CborSettings::new()).unwrap_err();
        assert_eq!(error.kind(), ErrorKind::Limit);
    };
    std::thread::Builder::new().stack_size(1 << 20).spawn(check).unwrap().join().unwrap();
}

fn text() -> impl Strategy<Value = String> {
    "\\PC{0,6}"
}

fn node(kids: impl Strategy<Value = Vec<Node>>) -> impl Strategy<Value = Node> {
    let scalars = (of(text()), of(any::<i8>()), of(any::<i64>()), of(any::<f32>()), of(any::<f64>()));
    let others = (
        of(vec(any::<u8>(), 0..6).prop_map(Blob::new)),
        of((0i64..253_402_300_799, 0u32..1000)
            .prop_map(|(s, ms)| Timestamp::new(s, ms * 1_000_000).expect("in range"))),
        of(prop_oneof![Just(Color::Red), "[A-Z]{1,4}".prop_map(Color::Unknown)]),
        of(prop_oneof![Just(Size::Small), Just(Size::Large)]),
        of(vec(text(), 0..3)),
        of(vec(of(any::<i32>()), 0..3)),
    );
    let rest = (
        of(btree_map(text(), any::<i32>(), 0..3).prop_map(|m| m.into_iter().collect::<HashMap<_, _>>())),
        of(btree_map(text(), of(text()), 0..2)),
        of(prop_oneof![text().prop_map(Choice::A), vec(any::<i32>(), 0..3).prop_map(Choice::B)]),
        kids,
        any::<bool>(),
    );
    (scalars, others, rest).prop_map(
        |((s, i8, i64, f, d), (b, t, e, z, l, sparse), (m, sparse_map, u, kids, required))| Node {
            s,
            i8,
            i64,
            f,
            d,
            b,
            t,
            e,
            z,
            l,
            sparse,
            m,
            sparse_map,
            u,
            kids: (!kids.is_empty()).then_some(kids),
            required,
        },
    )
}

proptest! {
    /// Typed writing gives the bytes of the `Value` path, and typed reading reads them back as
    /// the two-step path does.
    #[test]
    fn typed_values_write_and_read_as_values_do(value in node(vec(node(Just(Vec::new())), 0..3))) {
        let settings = CborSettings::new();
        let bytes = cbor::encode_typed(&value, &settings)?;
        prop_assert_eq!(&bytes, &cbor::encode(&value.to_value(), Node::schema(), &settings)?);
        let (typed, two_step) = both(&bytes);
        let typed = typed?;
        prop_assert!(typed.to_value().equivalent(&two_step?.to_value()));
        prop_assert!(typed.to_value().equivalent(&value.to_value()));
    }

    /// A structure of more members than a one-byte head counts (its head is widened).
    #[test]
    fn wide_structures_write_alike(values in vec(of(any::<i32>()), 26)) {
        let members = values.iter().enumerate().filter_map(|(i, v)| v.map(|v| (format!("F{i}"), v)));
        let structure = members.fold(awsval::Structure::new(), |s, (name, v)| s.with(name.as_str(), v));
        let value = Wide::from_value(Value::Structure(structure))?;
        let bytes = cbor::encode_typed(&value, &CborSettings::new())?;
        prop_assert_eq!(&bytes, &cbor::encode(&value.to_value(), Wide::schema(), &CborSettings::new())?);
        prop_assert!(cbor::decode_typed::<Wide>(&bytes, &CborSettings::new())? == value);
    }
}

#[derive(Shape, Clone, PartialEq)]
struct Wide {
    f0: Option<i32>,
    f1: Option<i32>,
    f2: Option<i32>,
    f3: Option<i32>,
    f4: Option<i32>,
    f5: Option<i32>,
    f6: Option<i32>,
    f7: Option<i32>,
    f8: Option<i32>,
    f9: Option<i32>,
    f10: Option<i32>,
    f11: Option<i32>,
    f12: Option<i32>,
    f13: Option<i32>,
    f14: Option<i32>,
    f15: Option<i32>,
    f16: Option<i32>,
    f17: Option<i32>,
    f18: Option<i32>,
    f19: Option<i32>,
    f20: Option<i32>,
    f21: Option<i32>,
    f22: Option<i32>,
    f23: Option<i32>,
    f24: Option<i32>,
    f25: Option<i32>,
}
