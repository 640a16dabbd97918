//! `Value`: its size, accessors, `Debug`, comparisons, and safety on very deep trees.

use std::borrow::Cow;

use awsval::{Blob, Document, Equivalence, List, Map, Name, Precision, Structure, Timestamp, Union, Value};

#[test]
fn a_node_is_32_bytes_and_a_name_8() {
    assert_eq!(std::mem::size_of::<Value>(), 32);
    assert_eq!(std::mem::size_of::<Name>(), 8);
    assert_eq!(std::mem::size_of::<(Name, Value)>(), 40);
    assert_eq!(std::mem::size_of::<awsval::Result<Value>>(), 32);
}

fn sample() -> Value {
    Value::from(
        Structure::new()
            .with("Arn", "arn:1")
            .with("Count", 3)
            .with("Items", Value::List(vec![Value::from(1i64), Value::Null].into()))
            .with("Tags", Map::new().with("k", "v"))
            .with("Choice", Union::new("B", true))
            .with("Doc", Document::new(Map::new().with("n", 1.5)))
            .with("Status", Value::Enum(Cow::Borrowed("DONE")))
            .with("When", Timestamp::from_secs(0).unwrap()),
    )
}

#[test]
fn accessors_walk_the_tree() {
    let v = sample();
    assert_eq!(v["Arn"].as_str(), Some("arn:1"));
    assert_eq!(v["Count"].as_i64(), Some(3));
    assert_eq!(v["Items"][0].as_i64(), Some(1));
    assert!(v["Items"][1].is_null());
    assert!(v["Items"][9].is_null());
    assert_eq!(v["Tags"]["k"].as_str(), Some("v"));
    assert_eq!(v["Choice"]["B"].as_bool(), Some(true));
    assert!(v["Choice"]["A"].is_null());
    assert_eq!(v["Doc"]["n"].as_f64(), Some(1.5));
    assert_eq!(v["Status"].as_str(), Some("DONE"));
    assert_eq!(v["When"].as_timestamp(), Timestamp::from_secs(0).ok());
    assert_eq!(v.get("Nope"), None);
    assert_eq!(v.as_structure().map(|s| s.names().collect::<Vec<_>>()).unwrap().len(), 8);
    assert_eq!(v["Items"].as_list().map(|l| l.len()), Some(2));
    assert_eq!(Value::Integer(1).type_name(), "integer");
    assert_eq!(Value::BigDecimal("1.5".into()).type_name(), "bigDecimal");
    assert_eq!(Value::Blob(Blob::new(b"x")).as_blob().map(|b| b.as_bytes().to_vec()), Some(b"x".to_vec()));
    assert_eq!(Value::IntEnum(3).as_i64(), Some(3));
    assert_eq!(Value::Float(0.5).as_f64(), Some(0.5));
}

#[test]
fn structures_and_maps_keep_order_and_replace_in_place() {
    let mut s = Structure::new().with("B", 1).with("A", 2);
    assert_eq!(s.insert("B", 3), Some(Value::Integer(1)));
    assert_eq!(s.names().collect::<Vec<_>>(), ["B", "A"]);
    assert_eq!(s.remove("B"), Some(Value::Integer(3)));
    assert_eq!(s.len(), 1);
    let mut m = Map::new().with("z", 1).with("a", 2);
    m.insert("z", 9);
    assert_eq!(m.keys().collect::<Vec<_>>(), ["z", "a"]);
    assert_eq!(m.remove("a"), Some(Value::Integer(2)));
    let pairs: Vec<(String, Value)> = m.into_iter().collect();
    assert_eq!(pairs, [("z".to_owned(), Value::Integer(9))]);
    let mut v = sample();
    *v.get_mut("Count").unwrap() = Value::Integer(4);
    assert_eq!(v["Count"], Value::Integer(4));
}

#[test]
fn unions_keep_unknown_members_by_name() {
    let unknown = Union::unknown("NewMember");
    assert!(unknown.is_unknown());
    assert_eq!(unknown.value(), None);
    assert_eq!(unknown.clone().into_parts(), Err("NewMember".to_owned()));
    let known = Union::new("S", "x");
    let (name, value) = known.into_parts().unwrap();
    assert_eq!((name.as_str(), value), ("S", Value::from("x")));
}

#[test]
fn debug_is_derive_like() {
    let v = Value::from(
        Structure::new()
            .with("A", 1)
            .with("B", Value::List(vec![Value::from("x"), Value::Null].into()))
            .with("C", Map::new())
            .with("U", Union::unknown("New")),
    );
    assert_eq!(
        format!("{v:?}"),
        r#"Structure { A: Integer(1), B: List [String("x"), Null], C: Map {}, U: Union { unknown member "New" } }"#
    );
    assert_eq!(
        format!("{v:#?}"),
        "Structure {\n    A: Integer(1),\n    B: List [\n        String(\"x\"),\n        Null,\n    ],\n    C: Map {},\n    U: Union { unknown member \"New\" },\n}"
    );
    let scalars = Value::List(
        vec![
            Value::Enum(Cow::Borrowed("E")),
            Value::IntEnum(2),
            Value::Boolean(false),
            Value::Byte(-1),
            Value::Short(2),
            Value::Long(3),
            Value::Float(1.5),
            Value::Double(f64::NAN),
            Value::BigInteger("1".repeat(30)),
            Value::BigDecimal("1.50".into()),
            Value::Blob(Blob::new(b"hi")),
            Value::Timestamp(Timestamp::new(1, 5).unwrap()),
            Value::Document(Document::new(Map::new().with("k", Value::Null))),
            Value::Union(Union::new("M", 1)),
        ]
        .into(),
    );
    assert_eq!(
        format!("{scalars:?}"),
        format!(
            "List [Enum(\"E\"), IntEnum(2), Boolean(false), Byte(-1), Short(2), Long(3), Float(1.5), Double(NaN), \
             BigInteger({}), BigDecimal(1.50), Blob(b\"hi\"), Timestamp(1970-01-01T00:00:01.000000005Z), \
             Document(Map {{ \"k\": Null }}), Union {{ M: Integer(1) }}]",
            "1".repeat(30)
        )
    );
}

#[test]
fn debug_redacts_sensitive_members_and_everything_below_them() {
    let v = Value::from(
        Structure::new()
            .with(Name::sensitive("Password"), "hunter2")
            .with(Name::sensitive("Secrets"), Map::new().with("api", "k3y"))
            .with("User", "alice")
            .with("Choice", Union::new(Name::sensitive("Token"), "t0k3n")),
    );
    let shown = format!("{v:?}");
    assert_eq!(
        shown,
        "Structure { Password: *** Sensitive Data Redacted ***, Secrets: *** Sensitive Data Redacted ***, \
         User: String(\"alice\"), Choice: Union { Token: *** Sensitive Data Redacted *** } }"
    );
    let pretty = format!("{v:#?}");
    for secret in ["hunter2", "k3y", "api", "t0k3n"] {
        assert!(!shown.contains(secret) && !pretty.contains(secret), "{secret} leaked");
    }
    // Sensitivity belongs to the member, not the text of its name.
    assert_eq!(Name::sensitive("Password"), Name::new("Password"));
}

#[test]
fn equivalence_is_the_documented_one() {
    let eq = |a: Value, b: Value| a.equivalent(&b);
    assert!(eq(Value::Double(f64::NAN), Value::Double(-f64::NAN)));
    assert!(eq(Value::Float(f32::NAN), Value::Float(f32::NAN)));
    assert!(!eq(Value::Double(0.0), Value::Double(-0.0)));
    assert!(!eq(Value::Integer(1), Value::Long(1)));
    assert!(!eq(Value::Enum(Cow::Borrowed("A")), Value::String("A".into())));
    // Big decimals compare as numbers (CBOR writes them as decimal fractions); exactly, as text.
    assert!(eq(Value::BigDecimal("1.0".into()), Value::BigDecimal("100E-2".into())));
    assert!(!eq(Value::BigDecimal("1.0".into()), Value::BigDecimal("1.01".into())));
    assert_ne!(Value::BigDecimal("1.0".into()), Value::BigDecimal("1.00".into()));
    let a = Value::from(Structure::new().with("A", 1).with("B", 2));
    let b = Value::from(Structure::new().with("B", 2).with("A", 1));
    assert!(eq(a, b));
    let a = Value::List(vec![Value::from(1), Value::from(2)].into());
    let b = Value::List(vec![Value::from(2), Value::from(1)].into());
    assert!(!eq(a, b));
    let big_a: Map = (0..100).map(|i| (i.to_string(), Value::from(i))).collect();
    let big_b: Map = (0..100).rev().map(|i| (i.to_string(), Value::from(i))).collect();
    assert!(eq(Value::Map(big_a.clone()), Value::Map(big_b)));
    let mut big_c = big_a.clone();
    big_c.insert("50", Value::from(-1));
    assert!(!eq(Value::Map(big_a), Value::Map(big_c)));
    assert!(!eq(Value::Union(Union::unknown("X")), Value::Union(Union::new("X", Value::Null))));
    let t1 = Value::Timestamp(Timestamp::new(5, 123_456_789).unwrap());
    let t2 = Value::Timestamp(Timestamp::new(5, 123_000_000).unwrap());
    assert!(!Equivalence::default().eq(&t1, &t2));
    assert!(Equivalence::default().timestamp_precision(Precision::Millis).eq(&t1, &t2));
    assert!(!Equivalence::default().timestamp_precision(Precision::Micros).eq(&t1, &t2));
}

#[test]
fn partial_eq_is_exact() {
    assert_ne!(Value::Double(f64::NAN), Value::Double(f64::NAN));
    assert_eq!(Value::Double(0.0), Value::Double(-0.0));
    let a = Value::from(Structure::new().with("A", 1).with("B", 2));
    let b = Value::from(Structure::new().with("B", 2).with("A", 1));
    assert_ne!(a, b);
    assert_eq!(sample(), sample());
    assert_eq!(sample().clone(), sample());
}

/// A chain `depth` levels deep, cycling through every kind of container.
fn deep(depth: usize) -> Value {
    let mut value = Value::from("bottom");
    for level in 0..depth {
        value = match level % 5 {
            0 => Value::List(vec![value, Value::from(level as i64)].into()),
            1 => Value::from(Structure::new().with("Next", value).with("Level", level as i64)),
            2 => Value::Map(Map::new().with("next", value)),
            3 => Value::Union(Union::new("Next", value)),
            _ => Value::Document(Document::new(value)),
        };
    }
    value
}

/// Runs `test` on a thread with a small stack, where recursion per level would overflow.
fn on_small_stack(test: impl FnOnce() + Send + 'static) {
    std::thread::Builder::new().stack_size(256 * 1024).spawn(test).unwrap().join().unwrap();
}

#[test]
fn a_value_100_000_deep_survives_clone_debug_compare_and_drop() {
    on_small_stack(|| {
        let value = deep(100_000);
        let copy = value.clone();
        assert!(value == copy);
        assert!(value.equivalent(&copy));
        let shown = format!("{copy:?}");
        assert!(shown.starts_with("Document(Union { Next: Map { \"next\": Structure { Next: List [Document("));
        assert!(shown.contains("String(\"bottom\")"));
        // Pretty output indents every level, so its size grows with the square of the depth.
        let pretty = format!("{:#?}", deep(2_000));
        assert!(pretty.lines().count() > 2_000);
        drop(copy);
        drop(value);
    });
}

#[test]
fn deep_values_compare_unequal_at_the_bottom() {
    on_small_stack(|| {
        let a = deep(50_000);
        let mut b = deep(50_000);
        let mut cursor = &mut b;
        // Walk to the bottom and change it.
        loop {
            cursor = match cursor {
                Value::List(list) => &mut list[0],
                Value::Structure(s) => s.get_mut("Next").unwrap(),
                Value::Map(m) => m.get_mut("next").unwrap(),
                Value::Union(u) => u.value_mut().unwrap(),
                Value::Document(d) => d,
                _ => break,
            };
        }
        *cursor = Value::from("changed");
        assert!(a != b);
        assert!(!a.equivalent(&b));
    });
}

#[test]
fn list_helpers() {
    let mut list = List::new();
    list.push(1);
    list.push("two");
    assert_eq!(list.len(), 2);
    let items: Vec<Value> = list.clone().into_vec();
    assert_eq!(items, vec![Value::from(1), Value::from("two")]);
    let back: List = items.into_iter().collect();
    assert_eq!(back, list);
    assert_eq!(Document::new(1).into_value(), Value::Integer(1));
}

#[test]
fn debug_by_shape_redacts_what_the_schema_marks_whatever_the_names() {
    use awsval::schema::{ModelBuilder, ShapeType};
    let mut b = ModelBuilder::new();
    let string = b.prelude(ShapeType::String);
    let secret = b.add("Secret", ShapeType::String).sensitive().id();
    let secrets = b.map("Secrets", string, secret).id();
    let node = b.declare("Node", ShapeType::Structure);
    let nodes = b.list("Nodes", node).id();
    b.shape(node)
        .member("Name", string)
        .member("Password", string)
        .sensitive()
        .member("Tags", secrets)
        .member("Kids", nodes)
        .member("Next", node);
    let model = b.finish().unwrap();
    let node = model.get(node);
    // Built by hand: none of these names knows it is sensitive.
    let leaf = Value::from(
        Structure::new()
            .with("Name", "leaf")
            .with("Password", "hunter2")
            .with("Tags", Value::Map(Map::new().with("k", "hunter2")))
            .with("Unknown", "kept"),
    );
    let value = Value::from(Structure::new().with("Name", "root").with("Kids", Value::List(vec![leaf.clone()].into())));
    assert!(format!("{value:?}").contains("hunter2"));
    assert_eq!(
        format!("{:?}", node.debug(&value)),
        "Structure { Name: String(\"root\"), Kids: List [Structure { Name: String(\"leaf\"), Password: *** Sensitive \
         Data Redacted ***, Tags: *** Sensitive Data Redacted ***, Unknown: String(\"kept\") }] }"
    );
    // Any depth, without recursion.
    on_small_stack(move || {
        let mut chain = leaf;
        for _ in 0..100_000 {
            chain = Value::from(Structure::new().with("Next", chain));
        }
        let model = model;
        let node = model.shape("Node").unwrap();
        let shown = format!("{:?}", node.debug(&chain));
        assert!(!shown.contains("hunter2") && shown.contains("leaf") && shown.contains("kept"));
    });
}
