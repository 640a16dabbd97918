//! Schemas: building, validating, looking up by wire name, resolving sensitivity.

use awsval::schema::{EnumLiteral, Fault, HttpBinding, ModelBuilder, ShapeType};
use awsval::{ErrorKind, TimestampFormat};

#[test]
fn recursive_shapes_and_lookups_by_wire_name() {
    let mut b = ModelBuilder::new();
    let string = b.add("String", ShapeType::String).id();
    let time = b.add("Time", ShapeType::Timestamp).timestamp_format(TimestampFormat::EpochSeconds).id();
    let node = b.declare("com.example#Node", ShapeType::Structure);
    let children = b.list("Children", node).id();
    b.shape(node)
        .xml_name("TreeNode")
        .member("Name", string)
        .required()
        .json_name("name")
        .member("Kids", children)
        .xml_name("kid")
        .xml_flattened()
        .member("Created", time)
        .member("Updated", time)
        .timestamp_format(TimestampFormat::HttpDate);
    let model = b.finish().unwrap();

    let node = model.shape("com.example#Node").unwrap();
    assert_eq!(node.short_name(), "Node");
    assert_eq!(node.shape_type(), ShapeType::Structure);
    assert_eq!(node.traits().xml_name.as_deref(), Some("TreeNode"));
    assert_eq!(node.members().map(|m| m.name().as_str()).collect::<Vec<_>>(), ["Name", "Kids", "Created", "Updated"]);
    assert_eq!(node.member_by_json_name("name").map(|m| m.index()), Some(0));
    assert_eq!(node.member_by_json_name("Name").map(|m| m.index()), None);
    assert_eq!(node.member_by_json_name("Kids").map(|m| m.index()), Some(1));
    assert_eq!(node.member_by_xml_name("kid").map(|m| m.index()), Some(1));
    assert_eq!(node.member_by_xml_name("Name").map(|m| m.index()), Some(0));
    assert_eq!(node.member("Kids").map(|m| m.xml_name()), Some("kid"));
    assert!(node.member("Name").unwrap().is_required());
    let kids = node.member("Kids").unwrap();
    assert!(kids.traits().xml_flattened);
    assert_eq!(kids.target().list_member().unwrap().target(), node);
    assert_eq!(node.member("Created").unwrap().timestamp_format(), Some(TimestampFormat::EpochSeconds));
    assert_eq!(node.member("Updated").unwrap().timestamp_format(), Some(TimestampFormat::HttpDate));
    assert_eq!(node.member("Name").unwrap().timestamp_format(), None);
}

#[test]
fn sensitivity_reaches_members_through_collections_but_not_structures() {
    let mut b = ModelBuilder::new();
    let secret = b.add("Secret", ShapeType::String).sensitive().id();
    let plain = b.add("Plain", ShapeType::String).id();
    let secrets = b.list("Secrets", secret).id();
    let nested = b.map("SecretsByName", plain, secrets).id();
    let inner = b.add("Inner", ShapeType::Structure).member("Key", secret).id();
    let outer = b
        .add("Outer", ShapeType::Structure)
        .member("Direct", secret)
        .member("List", secrets)
        .member("Map", nested)
        .member("Inner", inner)
        .member("Plain", plain)
        .member("Marked", plain)
        .sensitive()
        .id();
    let model = b.finish().unwrap();
    let outer = model.get(outer);
    let sensitive: Vec<(&str, bool)> = outer.members().map(|m| (m.name().as_str(), m.is_sensitive())).collect();
    assert_eq!(
        sensitive,
        [("Direct", true), ("List", true), ("Map", true), ("Inner", false), ("Plain", false), ("Marked", true)]
    );
    assert!(model.shape("Inner").unwrap().member("Key").unwrap().is_sensitive());
    assert!(model.get(secret).is_sensitive());
}

#[test]
fn errors_enums_and_http_traits() {
    let mut b = ModelBuilder::new();
    let string = b.prelude(ShapeType::String);
    assert_eq!(b.prelude(ShapeType::String), string);
    let status = b.add("Status", ShapeType::Enum).enum_value("Queued", "QUEUED").enum_value("Done", "DONE").id();
    let level = b.add("Level", ShapeType::IntEnum).int_enum_value("Low", 1).id();
    let not_found = b
        .add("com.example#NotFound", ShapeType::Structure)
        .error(Fault::Client, Some(404), None)
        .member("Message", string)
        .member("Id", string)
        .http(HttpBinding::Header("x-id".into()))
        .id();
    let renamed = b.add("Throttled", ShapeType::Structure).error(Fault::Server, None, Some("Throttling")).id();
    let model = b.finish().unwrap();

    assert_eq!(model.get(string).name(), "smithy.api#String");
    assert_eq!(model.get(not_found).error_code(), Some("NotFound"));
    assert_eq!(model.get(not_found).error().unwrap().http_status, Some(404));
    assert_eq!(model.get(renamed).error_code(), Some("Throttling"));
    assert_eq!(model.get(status).error_code(), None);
    let id = model.get(not_found).member("Id").unwrap();
    assert_eq!(id.http(), Some(&HttpBinding::Header("x-id".into())));
    assert!(id.traits().is_bound_outside_body());

    let status = model.get(status);
    assert_eq!(status.enum_value("DONE"), Some("DONE"));
    assert_eq!(status.enum_value("Done"), None);
    assert!(std::ptr::eq(status.enum_value("DONE").unwrap(), status.enum_value("DONE").unwrap()));
    assert_eq!(model.get(level).enum_values()[0].value, EnumLiteral::Int(1));
    assert_eq!(model.get(level).enum_value("1"), None);
}

#[test]
fn finishing_rejects_inconsistent_shapes() {
    type Build = Box<dyn Fn(&mut ModelBuilder)>;
    let cases: Vec<(Build, &str)> = vec![
        (
            Box::new(|b| {
                let s = b.prelude(ShapeType::String);
                let _ = b.add("L", ShapeType::List).member("item", s);
            }),
            "model error: shape L: a list has exactly one member, `member`",
        ),
        (
            Box::new(|b| {
                let _ = b.add("L", ShapeType::List);
            }),
            "model error: shape L: a list has exactly one member, `member`",
        ),
        (
            Box::new(|b| {
                let s = b.prelude(ShapeType::String);
                let _ = b.add("M", ShapeType::Map).member("key", s);
            }),
            "model error: shape M: a map has exactly `key` and `value`",
        ),
        (
            Box::new(|b| {
                let s = b.prelude(ShapeType::String);
                let _ = b.add("S", ShapeType::Structure).member("A", s).member("B", s).member("A", s);
            }),
            "model error: shape S: member `A` is declared twice",
        ),
        (
            Box::new(|b| {
                let s = b.prelude(ShapeType::String);
                let _ = b.add("Str", ShapeType::String).member("A", s);
            }),
            "model error: shape Str: a simple shape has no members",
        ),
        (
            Box::new(|b| {
                let i = b.prelude(ShapeType::Integer);
                let s = b.prelude(ShapeType::String);
                let _ = b.map("M", i, s);
            }),
            "model error: shape M: a map key is a string or an enum",
        ),
        (
            Box::new(|b| {
                let mut other = ModelBuilder::new();
                for i in 0..5 {
                    let _ = other.declare(&i.to_string(), ShapeType::String);
                }
                let foreign = other.declare("Foreign", ShapeType::String);
                let _ = b.add("S", ShapeType::Structure).member("A", foreign);
            }),
            "model error: shape S: member `A` targets a shape declared elsewhere",
        ),
    ];
    for (build, message) in cases {
        let mut builder = ModelBuilder::new();
        build(&mut builder);
        let error = builder.finish().unwrap_err();
        assert_eq!(error.kind(), ErrorKind::Model);
        assert_eq!(error.to_string(), message);
    }
}

#[test]
fn names_repeat_only_by_choice() {
    let mut b = ModelBuilder::new();
    let first = b.declare("Dup", ShapeType::String);
    let second = b.declare("Dup", ShapeType::Integer);
    assert_ne!(first, second);
    assert_eq!(b.lookup("Dup"), Some(first));
    let model = b.finish().unwrap();
    assert_eq!(model.shape("Dup").map(|s| s.id()), Some(first));
    assert_eq!(model.len(), 2);
    assert_eq!(model.shapes().count(), 2);
}
