//! `ToValue`/`FromValue`/`Shape` for the standard types.

use std::collections::{BTreeMap, HashMap};

use awsval::schema::ShapeType;
use awsval::{Blob, Document, FromValue, Map, Shape, Timestamp, ToValue, Value};
use indexmap::IndexMap;
use proptest::prelude::*;
use time::OffsetDateTime;

fn round_trip<T: ToValue + FromValue + PartialEq + std::fmt::Debug>(value: T) {
    let converted = value.to_value();
    assert_eq!(T::from_value(converted).unwrap(), value);
}

#[test]
fn scalars_map_to_their_smithy_types() {
    assert_eq!(true.to_value(), Value::Boolean(true));
    assert_eq!(1i8.to_value(), Value::Byte(1));
    assert_eq!(1i16.to_value(), Value::Short(1));
    assert_eq!(1i32.to_value(), Value::Integer(1));
    assert_eq!(1i64.to_value(), Value::Long(1));
    assert_eq!(1.5f32.to_value(), Value::Float(1.5));
    assert_eq!(1.5f64.to_value(), Value::Double(1.5));
    assert_eq!("x".to_owned().to_value(), Value::String("x".into()));
    assert_eq!(Blob::new(b"b").to_value(), Value::Blob(Blob::new(b"b")));
    round_trip(i64::MIN);
    round_trip(i64::MAX);
    round_trip(-128i8);
    round_trip(f64::INFINITY);
    round_trip(String::from("ü"));
    round_trip(Timestamp::from_secs(-5).unwrap());
    round_trip(Document::new(Map::new().with("a", Value::Null)));
    round_trip(Value::Integer(1));
}

#[test]
fn integers_widen_and_never_wrap() {
    assert_eq!(i64::from_value(Value::Byte(-3)).unwrap(), -3);
    assert_eq!(i32::from_value(Value::Long(7)).unwrap(), 7);
    assert_eq!(i8::from_value(Value::Integer(300)).unwrap_err().to_string(), "data error: byte out of range");
    assert_eq!(i32::from_value(Value::Long(1 << 40)).unwrap_err().to_string(), "data error: integer out of range");
    assert_eq!(
        i32::from_value(Value::IntEnum(1)).unwrap_err().to_string(),
        "data error: expected integer, found intEnum"
    );
    assert_eq!(i64::from_value(Value::Double(1.0)).unwrap_err().to_string(), "data error: expected long, found double");
    assert_eq!(
        f32::from_value(Value::Double(1.0)).unwrap_err().to_string(),
        "data error: expected float, found double"
    );
    assert_eq!(f64::from_value(Value::Float(0.5)).unwrap(), 0.5);
    assert_eq!(
        bool::from_value(Value::from("true")).unwrap_err().to_string(),
        "data error: expected boolean, found string"
    );
}

#[test]
fn strings_read_enum_values_and_errors_never_show_data() {
    assert_eq!(String::from_value(Value::Enum("A".into())).unwrap(), "A");
    let error = Blob::from_value(Value::from("secret-text")).unwrap_err();
    assert_eq!(error.to_string(), "data error: expected blob, found string");
}

#[test]
fn options_are_absent_members_and_sparse_nulls() {
    assert_eq!(Some(1).to_member(), Some(Value::Integer(1)));
    assert_eq!(None::<i32>.to_member(), None);
    assert_eq!(None::<i32>.to_value(), Value::Null);
    assert_eq!(Option::<i32>::from_absent(), Some(None));
    assert_eq!(i32::from_absent(), None);
    let sparse = vec![Some(1), None, Some(3)];
    assert_eq!(sparse.to_value(), Value::List(vec![Value::from(1), Value::Null, Value::from(3)].into()));
    round_trip(sparse);
    round_trip(Box::new(5i32));
    assert_eq!(
        Vec::<i32>::from_value(Value::List(vec![Value::Null].into())).unwrap_err().to_string(),
        "data error: expected integer, found null at [0]"
    );
}

#[test]
fn collections_carry_the_path_in_errors() {
    let nested = Value::Map(
        Map::new()
            .with("ok", Value::List(vec![].into()))
            .with("bad", Value::List(vec![Value::from(1), Value::from(2), Value::from("x")].into())),
    );
    let error = BTreeMap::<String, Vec<i32>>::from_value(nested).unwrap_err();
    assert_eq!(error.to_string(), r#"data error: expected integer, found string at ["bad"][2]"#);
    let error = Vec::<i32>::from_value(Value::Map(Map::new())).unwrap_err();
    assert_eq!(error.to_string(), "data error: expected list, found map");
}

#[test]
fn maps_of_every_kind() {
    let hash: HashMap<String, i32> = HashMap::from([("a".into(), 1), ("b".into(), 2)]);
    round_trip(hash);
    let btree: BTreeMap<String, String> = BTreeMap::from([("k".into(), "v".into())]);
    round_trip(btree);
    let index: IndexMap<String, Vec<bool>> = IndexMap::from([("z".into(), vec![true]), ("a".into(), vec![])]);
    let value = index.to_value();
    assert_eq!(value.as_map().unwrap().keys().collect::<Vec<_>>(), ["z", "a"]);
    round_trip(index);
}

#[test]
fn offset_date_time_is_a_timestamp() {
    let when = OffsetDateTime::from_unix_timestamp(1_700_000_000).unwrap();
    assert_eq!(when.to_value(), Value::Timestamp(Timestamp::from_secs(1_700_000_000).unwrap()));
    round_trip(when);
}

#[test]
fn standard_types_describe_their_shapes() {
    let list = Vec::<Option<i32>>::schema();
    assert_eq!(list.shape_type(), ShapeType::List);
    assert!(list.is_sparse());
    assert_eq!(list.name(), "IntegerList");
    assert_eq!(list.list_member().unwrap().target().shape_type(), ShapeType::Integer);
    assert!(!Vec::<i32>::schema().is_sparse());
    let map = HashMap::<String, Vec<String>>::schema();
    assert_eq!(map.shape_type(), ShapeType::Map);
    assert_eq!(map.name(), "StringListMap");
    assert_eq!(map.map_key().unwrap().target().shape_type(), ShapeType::String);
    assert_eq!(map.map_value().unwrap().target().shape_type(), ShapeType::List);
    assert_eq!(Timestamp::schema().shape_type(), ShapeType::Timestamp);
    assert_eq!(OffsetDateTime::schema().shape_type(), ShapeType::Timestamp);
    assert_eq!(Document::schema().shape_type(), ShapeType::Document);
    const { assert!(<Option<i32> as Shape>::NULLABLE) };
    const { assert!(!<i32 as Shape>::NULLABLE) };
}

proptest! {
    #[test]
    fn nested_collections_round_trip(
        value in proptest::collection::btree_map(".{0,8}", proptest::collection::vec(proptest::option::of(any::<i64>()), 0..5), 0..5)
    ) {
        let converted = value.to_value();
        prop_assert_eq!(BTreeMap::<String, Vec<Option<i64>>>::from_value(converted)?, value);
    }
}
