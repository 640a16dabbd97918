//! The query codec: awsQuery and ec2Query keys, lists, maps, scalars, percent-encoding.

use awsval::query::{self, QueryFlavor, QuerySettings, form_urlencode};
use awsval::schema::{Model, ModelBuilder, ShapeType};
use awsval::{Blob, Map, Structure, Timestamp, TimestampFormat, Union, Value};

fn model() -> Model {
    let mut b = ModelBuilder::new();
    let string = b.prelude(ShapeType::String);
    let integer = b.prelude(ShapeType::Integer);
    let float = b.prelude(ShapeType::Float);
    let time = b.prelude(ShapeType::Timestamp);
    let blob = b.prelude(ShapeType::Blob);
    let strings = b.list("Strings", string).id();
    let renamed = b.add("Renamed", ShapeType::List).member("member", string).xml_name("item").id();
    let map = b.map("Tags", string, string).id();
    let renamed_map =
        b.add("KV", ShapeType::Map).member("key", string).xml_name("K").member("value", string).xml_name("V").id();
    let inner = b.add("Inner", ShapeType::Structure).member("hi", string).id();
    let inners = b.list("Inners", inner).id();
    let choice = b.add("Choice", ShapeType::Union).member("A", string).id();
    let shape = b
        .add("In", ShapeType::Structure)
        .member("Name", string)
        .member("count", integer)
        .member("Ratio", float)
        .member("When", time)
        .member("Epoch", time)
        .timestamp_format(TimestampFormat::EpochSeconds)
        .member("Data", blob)
        .member("List", strings)
        .member("Flat", strings)
        .xml_flattened()
        .member("Renamed", renamed)
        .member("Structs", inners)
        .member("Map", map)
        .member("KV", renamed_map)
        .member("FlatMap", map)
        .xml_flattened()
        .xml_name("FM")
        .member("Aliased", string)
        .xml_name("aliased")
        .member("Ec2Named", string)
        .ec2_query_name("CustomName")
        .member("Choice", choice)
        .id();
    let _ = shape;
    b.finish().expect("valid")
}

fn encode(value: &Value, flavor: QueryFlavor) -> String {
    let model = model();
    let pairs = query::encode(value, model.shape("In").unwrap(), &QuerySettings::new(flavor)).unwrap();
    form_urlencode(&pairs)
}

fn sample() -> Value {
    Value::from(
        Structure::new()
            .with("Name", "a b&c=d/é~")
            .with("count", 3)
            .with("Ratio", f32::NAN)
            .with("When", Timestamp::from_secs(1_422_172_800).unwrap())
            .with("Epoch", Timestamp::new(1, 500_000_000).unwrap())
            .with("Data", Blob::new(b"value"))
            .with("List", Value::List(vec!["x".into(), "y".into()].into()))
            .with("Flat", Value::List(vec!["f".into()].into()))
            .with("Renamed", Value::List(vec!["r".into()].into()))
            .with("Structs", Value::List(vec![Value::from(Structure::new().with("hi", "hello"))].into()))
            .with("Map", Map::new().with("k", "v"))
            .with("KV", Map::new().with("a", "b"))
            .with("FlatMap", Map::new().with("x", "y"))
            .with("Aliased", "al")
            .with("Ec2Named", "e")
            .with("Choice", Union::new("A", "u")),
    )
}

#[test]
fn aws_query_keys_and_collections() {
    assert_eq!(
        encode(&sample(), QueryFlavor::AwsQuery),
        "Name=a%20b%26c%3Dd%2F%C3%A9~&count=3&Ratio=NaN&When=2015-01-25T08%3A00%3A00Z&Epoch=1.5&Data=dmFsdWU%3D\
         &List.member.1=x&List.member.2=y&Flat.1=f&Renamed.item.1=r&Structs.member.1.hi=hello\
         &Map.entry.1.key=k&Map.entry.1.value=v&KV.entry.1.K=a&KV.entry.1.V=b&FM.1.key=x&FM.1.value=y\
         &aliased=al&Ec2Named=e&Choice.A=u"
    );
}

#[test]
fn ec2_query_keys_and_collections() {
    assert_eq!(
        encode(&sample(), QueryFlavor::Ec2Query),
        "Name=a%20b%26c%3Dd%2F%C3%A9~&Count=3&Ratio=NaN&When=2015-01-25T08%3A00%3A00Z&Epoch=1.5&Data=dmFsdWU%3D\
         &List.1=x&List.2=y&Flat.1=f&Renamed.1=r&Structs.1.Hi=hello\
         &Map.1.key=k&Map.1.value=v&KV.1.K=a&KV.1.V=b&FM.1.key=x&FM.1.value=y\
         &Aliased=al&CustomName=e&Choice.A=u"
    );
}

#[test]
fn empty_lists_differ_by_flavor_and_empty_maps_vanish() {
    let value = Value::from(Structure::new().with("List", Value::List(vec![].into())).with("Map", Map::new()));
    assert_eq!(encode(&value, QueryFlavor::AwsQuery), "List=");
    assert_eq!(encode(&value, QueryFlavor::Ec2Query), "");
}

#[test]
fn values_that_do_not_fit_are_errors() {
    let model = model();
    let shape = model.shape("In").unwrap();
    let settings = QuerySettings::new(QueryFlavor::AwsQuery);
    let error = |value: Value| query::encode(&value, shape, &settings).unwrap_err().to_string();
    assert_eq!(
        error(Value::from(Structure::new().with("count", "3"))),
        "data error: expected integer, found string at count"
    );
    assert_eq!(
        error(Value::from(Structure::new().with("List", Value::List(vec![Value::Null].into())))),
        "data error: a query string has no null list items at List[0]"
    );
    assert_eq!(
        error(Value::from(Structure::new().with("Choice", Union::unknown("B")))),
        "data error: an unknown union member cannot be encoded at Choice.B"
    );
    assert_eq!(error(Value::from(Structure::new().with("Other", 1))), "data error: In has no member Other");
}
