//! Typed decoding (`json::decode_typed`) against the two-step path it replaces
//! (`json::decode`, then `FromValue`): the same value or the same error, whatever the input.
//!
//! Documented differences, for a value that does not fit its Rust type (a missing required
//! member, a value a closed enum does not list): typed decoding meets it where it is, so it
//! reports it before a syntax error further on (the two-step path reads the whole document
//! first), and it knows the byte offset of an enum value that fits no variant.

use std::collections::HashMap;

use awsval::json::{self, JsonSettings};
use awsval::{Blob, Error, ErrorKind, FromValue, Shape, Timestamp};

#[derive(Shape, Clone, PartialEq)]
struct Node {
    s: Option<String>,
    #[awsval(name = "I8")]
    i8: Option<i8>,
    #[awsval(name = "I32")]
    i32: Option<i32>,
    #[awsval(name = "I64")]
    i64: Option<i64>,
    f: Option<f32>,
    d: Option<f64>,
    b: Option<Blob>,
    #[awsval(timestamp_format = "date-time")]
    t: Option<Timestamp>,
    e: Option<Color>,
    z: Option<Size>,
    l: Option<Vec<String>>,
    sparse: Option<Vec<Option<i32>>>,
    m: Option<HashMap<String, i32>>,
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

const VALID: &str = r#"{"S":"a\"\u00e9\ud83d\ude00","I8":-1,"I32":3,"I64":-4,"F":1.5,"D":"Infinity","B":"aGk=",
"T":"2024-01-02T03:04:05.5Z","E":"BLUE","Z":"SMALL","L":["x",null,"y"],"Sparse":[1,null],"M":{"k":1,"n":null},
"U":{"B":[1,2]},"Kids":[{"S":"k","Required":false,"U":{"Other":1}}],"Required":true,"Extra":{"x":[1]}}"#;

fn both(bytes: &[u8]) -> (Result<Node, Error>, Result<Node, Error>) {
    let settings = JsonSettings::aws_json();
    let typed = json::decode_typed::<Node>(bytes, &settings);
    let two_step = json::decode(bytes, Node::schema(), &settings).and_then(Node::from_value);
    (typed, two_step)
}

/// The errors of a value that does not fit its Rust type (see the differences above).
const FIT_ERRORS: &[&str] = &["missing required member", "unknown enum value"];

fn agree(bytes: &[u8]) {
    match both(bytes) {
        (Ok(typed), Ok(two_step)) => assert!(typed == two_step, "{}", String::from_utf8_lossy(bytes)),
        (Err(typed), Err(two_step))
            if FIT_ERRORS.contains(&typed.message())
                && matches!(two_step.kind(), ErrorKind::Syntax | ErrorKind::Eof) => {}
        (Err(typed), Err(two_step))
            if typed.message() == "unknown enum value" && typed.offset().is_some() && two_step.offset().is_none() =>
        {
            assert_eq!(typed.message(), two_step.message());
            assert_eq!(typed.path(), two_step.path(), "{}", String::from_utf8_lossy(bytes));
        }
        (Err(typed), Err(two_step)) => {
            assert_eq!(typed.to_string(), two_step.to_string(), "{}", String::from_utf8_lossy(bytes));
        }
        (typed, two_step) => {
            panic!("{}: typed {:?}, two steps {:?}", String::from_utf8_lossy(bytes), typed.err(), two_step.err())
        }
    }
}

#[test]
fn the_valid_document_reads_the_same_both_ways() {
    let (typed, _) = both(VALID.as_bytes());
    let typed = typed.expect("valid");
    assert_eq!(typed.l.as_deref(), Some(&["x".to_owned(), "y".to_owned()][..]), "dense nulls are dropped");
    assert_eq!(typed.sparse, Some(vec![Some(1), None]), "sparse nulls are kept");
    assert!(typed.e == Some(Color::Unknown("BLUE".into())));
    assert!(typed.z == Some(Size::Small));
    assert!(typed.kids.as_ref().is_some_and(|kids| kids[0].u == Some(Choice::Unknown("Other".into()))));
    agree(VALID.as_bytes());
}

#[test]
fn errors_name_the_same_path_and_offset() {
    let cases: &[&[u8]] = &[
        br#"{"Required":true,"Kids":[{"Required":true},{"S":1}]}"#,
        br#"{"Required":true,"M":{"a":1,"a":2}}"#,
        br#"{"Required":true,"M":{"a":null,"a":2}}"#,
        br#"{"Required":true,"M":{"a":1,"a":null}}"#,
        br#"{"Required":true,"M":{"a":null,"a":x}}"#,
        br#"{"Required":true,"U":{"A":"x","B":[1]}}"#,
        br#"{"Required":true,"U":{}}"#,
        br#"{"Required":true,"Sparse":[1,"x"]}"#,
        br#"{"Required":true,"I8":300}"#,
        br#"{"Required":true,"Z":"HUGE"}"#,
        br#"{"Required":true,"Z":"LARG\u0045"}"#,
        br#"{"Required":true,"Z":1}"#,
        br#"{"Required":true,"T":"yesterday"}"#,
        br#"{"Required":true,"Required":true}"#,
        br#"{"Kids":[{}]}"#,
        br#"null"#,
        br#"{"Required":true} x"#,
    ];
    for case in cases {
        agree(case);
    }
    let (typed, two_step) = both(br#"{"Required":true,"M":{"a":null,"a":2}}"#);
    assert!(typed.is_err() && two_step.is_err(), "a key may not repeat, even after a dropped null");
    let (typed, _) = both(br#"{"Required":true,"Z":"HUGE"}"#);
    assert_eq!(typed.err().map(|e| e.to_string()).as_deref(), Some("data error: unknown enum value at Z (byte 21)"));
    let (typed, _) = both(br#"{"Required":true,"Z":"LARG\u0045"}"#);
    assert!(typed.is_ok_and(|node| node.z == Some(Size::Large)), "an escaped enum value is read");
    let (typed, _) = both(br#"{"Required":true,"Kids":[{"Required":true},{"S":1}]}"#);
    assert_eq!(
        typed.err().map(|e| e.to_string()).as_deref(),
        Some("data error: expected a string, found a number at Kids[1].S (byte 48)")
    );
}

#[test]
fn every_prefix_and_every_byte_swap_agrees() {
    let valid = VALID.as_bytes();
    for end in 0..valid.len() {
        agree(&valid[..end]);
    }
    for at in 0..valid.len() {
        for byte in [b'"', b'{', b'}', b'[', b']', b',', b':', b'1', b'n', b'x', b' ', b'\\', 0xff] {
            let mut bytes = valid.to_vec();
            bytes[at] = byte;
            agree(&bytes);
        }
    }
}

#[test]
fn arbitrary_bytes_agree() {
    let mut state = 0x9e37_79b9_7f4a_7c15u64;
    let mut next = || {
        state ^= state << 13;
        state ^= state >> 7;
        state ^= state << 17;
        state
    };
    let pieces: &[&[u8]] = &[
        b"{",
        b"}",
        b"[",
        b"]",
        b",",
        b":",
        b"null",
        b"1",
        b"-2.5",
        b"\"x\"",
        b"true",
        b"\"S\"",
        b"\"L\"",
        b"\"M\"",
        b"\"U\"",
        b"\"A\"",
        b"\"B\"",
        b"\"Kids\"",
        b"\"Required\"",
        b"\"Sparse\"",
        b"\"E\"",
        b"\"RED\"",
        b" ",
        b"\xff",
    ];
    for _ in 0..20_000 {
        let len = (next() % 24) as usize;
        let bytes: Vec<u8> =
            (0..len).flat_map(|_| pieces[(next() % pieces.len() as u64) as usize].iter().copied()).collect();
        agree(&bytes);
    }
}

#[test]
fn depth_bombs_stop_at_the_limit() {
    // On a small stack: the recursion must stop at the depth limit long before the stack ends.
    let check = || {
        let deep = "{\"Kids\":[".repeat(100_000);
        let error = json::decode_typed::<Node>(deep.as_bytes(), &JsonSettings::aws_json()).unwrap_err();
        assert_eq!(error.kind(), ErrorKind::Limit);
    };
    std::thread::Builder::new().stack_size(1 << 20).spawn(check).unwrap().join().unwrap();
}
