//! `#[derive(Shape)]` and `#[derive(OperationError)]`: what they generate.

use awsval::schema::{Fault, HttpBinding, ShapeType, XmlNamespace};
use awsval::{
    Blob, FromValue, Map, OperationError, Shape, Structure, Timestamp, TimestampFormat, ToValue, Union, Value,
};

fn default_region() -> String {
    "us-east-1".into()
}

#[derive(Shape, Clone, PartialEq)]
#[awsval(name = "com.example#Bucket", xml_name = "BucketResult", xml_namespace = "http://s3/", xml_prefix = "s3")]
struct Bucket {
    name: String,
    creation_date: Option<Timestamp>,
    #[awsval(default)]
    versioned: bool,
    #[awsval(default = "default_region")]
    region: String,
    #[awsval(name = "ETag", json_name = "etag", xml_name = "ETagValue", xml_attribute)]
    e_tag: Option<String>,
    #[awsval(xml_flattened, xml_name = "Tag")]
    tags: Option<Vec<String>>,
    #[awsval(timestamp_format = "http-date", http_header = "Last-Modified")]
    last_modified: Option<Timestamp>,
    #[awsval(http_prefix_headers = "x-amz-meta-")]
    metadata: Option<std::collections::HashMap<String, String>>,
    #[awsval(http_query = "max-keys")]
    max_keys: Option<i32>,
    #[awsval(http_query_params)]
    extra: Option<std::collections::BTreeMap<String, String>>,
    #[awsval(http_label, host_label)]
    bucket_label: Option<String>,
    #[awsval(http_payload)]
    body: Option<Blob>,
    #[awsval(idempotency_token, ec2_query_name = "Token")]
    client_token: Option<String>,
    #[awsval(json_value, sensitive)]
    policy: Option<String>,
    #[awsval(http_response_code)]
    status: Option<i32>,
    #[awsval(xml_namespace = "http://x/")]
    owner: Option<String>,
}

fn bucket() -> Bucket {
    Bucket {
        name: "b".into(),
        creation_date: None,
        versioned: true,
        region: "eu-west-1".into(),
        e_tag: Some("\"e\"".into()),
        tags: Some(vec!["t".into()]),
        last_modified: None,
        metadata: None,
        max_keys: Some(10),
        extra: None,
        bucket_label: None,
        body: Some(Blob::new(b"raw")),
        client_token: None,
        policy: Some("{\"secret\":true}".into()),
        status: Some(200),
        owner: None,
    }
}

#[test]
fn structures_convert_with_pascal_case_member_names() {
    let value = bucket().to_value();
    let structure = value.as_structure().unwrap();
    assert_eq!(
        structure.names().collect::<Vec<_>>(),
        ["Name", "Versioned", "Region", "ETag", "Tags", "MaxKeys", "Body", "Policy", "Status"]
    );
    assert_eq!(value["ETag"].as_str(), Some("\"e\""));
    assert!(Bucket::from_value(value).unwrap() == bucket());
}

#[test]
fn absent_members_become_none_defaults_or_errors() {
    let value = Value::from(Structure::new().with("Name", "n").with("Unknown", 1));
    let bucket = Bucket::from_value(value).unwrap();
    assert!(!bucket.versioned);
    assert_eq!(bucket.region, "us-east-1");
    assert_eq!(bucket.tags, None);
    let error = Bucket::from_value(Value::from(Structure::new())).unwrap_err();
    assert_eq!(error.to_string(), "data error: missing required member at Name");
    let error = Bucket::from_value(Value::Integer(1)).unwrap_err();
    assert_eq!(error.to_string(), "data error: expected structure, found integer");
}

#[test]
fn the_schema_carries_every_trait() {
    let shape = Bucket::schema();
    assert_eq!(shape.name(), "com.example#Bucket");
    assert_eq!(shape.shape_type(), ShapeType::Structure);
    let traits = shape.traits();
    assert_eq!(traits.xml_name.as_deref(), Some("BucketResult"));
    assert_eq!(traits.xml_namespace, Some(XmlNamespace { uri: "http://s3/".into(), prefix: Some("s3".into()) }));
    let member = |name: &str| shape.member(name).unwrap();
    assert!(member("Name").is_required());
    assert!(!member("CreationDate").is_required());
    assert!(!member("Versioned").is_required());
    assert_eq!(member("Versioned").traits().default, Some(Value::Boolean(false)));
    assert_eq!(member("Region").traits().default, Some(Value::from("us-east-1")));
    assert_eq!(member("ETag").json_name(), "etag");
    assert_eq!(member("ETag").xml_name(), "ETagValue");
    assert!(member("ETag").traits().xml_attribute);
    assert_eq!(shape.member_by_json_name("etag").unwrap().name(), "ETag");
    assert!(member("Tags").traits().xml_flattened);
    assert_eq!(member("LastModified").timestamp_format(), Some(TimestampFormat::HttpDate));
    assert_eq!(member("LastModified").http(), Some(&HttpBinding::Header("Last-Modified".into())));
    assert_eq!(member("Metadata").http(), Some(&HttpBinding::PrefixHeaders("x-amz-meta-".into())));
    assert_eq!(member("MaxKeys").http(), Some(&HttpBinding::Query("max-keys".into())));
    assert_eq!(member("Extra").http(), Some(&HttpBinding::QueryParams));
    assert_eq!(member("BucketLabel").http(), Some(&HttpBinding::Label("BucketLabel".into())));
    assert!(member("BucketLabel").traits().host_label);
    assert_eq!(member("Body").http(), Some(&HttpBinding::Payload));
    assert_eq!(member("Status").http(), Some(&HttpBinding::ResponseCode));
    assert!(member("ClientToken").traits().idempotency_token);
    assert_eq!(member("ClientToken").traits().ec2_query_name.as_deref(), Some("Token"));
    assert!(member("Policy").traits().json_value);
    assert!(member("Policy").is_sensitive());
    assert_eq!(member("Owner").traits().xml_namespace.as_ref().map(|n| &*n.uri), Some("http://x/"));
    assert_eq!(member("Tags").target().shape_type(), ShapeType::List);
}

#[test]
fn debug_redacts_sensitive_members_typed_and_as_values() {
    let typed = format!("{:?}", bucket());
    assert!(typed.contains("policy: *** Sensitive Data Redacted ***"), "{typed}");
    assert!(typed.contains("name: \"b\""));
    assert!(!typed.contains("secret"));
    let value = format!("{:?}", bucket().to_value());
    assert!(value.contains("Policy: *** Sensitive Data Redacted ***"), "{value}");
    assert!(!value.contains("secret"));
}

#[derive(Shape, Clone, PartialEq)]
#[awsval(sensitive)]
struct Credentials {
    secret_key: String,
}

#[test]
fn a_sensitive_structure_hides_everything() {
    let credentials = Credentials { secret_key: "abc".into() };
    assert_eq!(format!("{credentials:?}"), "Credentials(*** Sensitive Data Redacted ***)");
    assert!(Credentials::schema().is_sensitive());
}

#[derive(Shape, Clone, PartialEq)]
struct Tree {
    label: String,
    children: Option<Vec<Tree>>,
    parent: Option<Box<Tree>>,
}

#[test]
fn recursive_types_describe_and_convert() {
    let tree = Tree {
        label: "root".into(),
        children: Some(vec![Tree { label: "leaf".into(), children: None, parent: None }]),
        parent: None,
    };
    let shape = Tree::schema();
    let children = shape.member("Children").unwrap().target();
    assert_eq!(children.name(), "TreeList");
    assert_eq!(children.list_member().unwrap().target(), shape);
    assert_eq!(shape.member("Parent").unwrap().target(), shape);
    assert!(Tree::from_value(tree.to_value()).unwrap() == tree);
    let bad = Value::from(
        Structure::new()
            .with("Label", "r")
            .with("Children", Value::List(vec![Value::from(Structure::new().with("Label", 5))].into())),
    );
    assert_eq!(
        Tree::from_value(bad).unwrap_err().to_string(),
        "data error: expected string, found integer at Children[0].Label"
    );
}

#[derive(Shape, Clone, PartialEq)]
enum Color {
    #[awsval(value = "red")]
    Red,
    #[awsval(name = "GREEN_NAME", value = "green")]
    Green,
    Blue,
    #[awsval(unknown)]
    Other(String),
}

#[derive(Shape, Clone, PartialEq)]
enum Strict {
    A,
}

#[test]
fn enums_keep_unknown_values() {
    assert_eq!(Color::Red.to_value(), Value::Enum("red".into()));
    assert_eq!(Color::Blue.to_value(), Value::Enum("Blue".into()));
    assert_eq!(Color::from_value(Value::Enum("green".into())).unwrap(), Color::Green);
    assert_eq!(Color::from_value(Value::from("red")).unwrap(), Color::Red);
    assert_eq!(Color::from_value(Value::Enum("purple".into())).unwrap(), Color::Other("purple".into()));
    assert_eq!(Color::Other("purple".into()).to_value(), Value::Enum("purple".into()));
    assert_eq!(Strict::from_value(Value::Enum("B".into())).unwrap_err().to_string(), "data error: unknown enum value");
    assert_eq!(
        Strict::from_value(Value::Integer(1)).unwrap_err().to_string(),
        "data error: expected enum, found integer"
    );
    let shape = Color::schema();
    assert_eq!(shape.shape_type(), ShapeType::Enum);
    let values: Vec<(&str, Option<&str>)> = shape
        .enum_values()
        .iter()
        .map(|v| {
            (
                &*v.name,
                shape.enum_value(match v.value {
                    awsval::schema::EnumLiteral::String(s) => s,
                    awsval::schema::EnumLiteral::Int(_) => "",
                }),
            )
        })
        .collect();
    assert_eq!(values, [("Red", Some("red")), ("GREEN_NAME", Some("green")), ("Blue", Some("Blue"))]);
}

#[derive(Shape, Clone, PartialEq)]
#[awsval(int_enum)]
enum Priority {
    #[awsval(value = 1)]
    Low,
    #[awsval(value = 10)]
    High,
    #[awsval(unknown)]
    Other(i32),
}

#[derive(Shape, Clone, Copy, PartialEq)]
#[awsval(int_enum)]
#[repr(i32)]
enum Level {
    Debug = -1,
    Info = 2,
}

#[test]
fn int_enums_by_attribute_or_discriminant() {
    assert_eq!(Priority::High.to_value(), Value::IntEnum(10));
    assert_eq!(Priority::from_value(Value::IntEnum(1)).unwrap(), Priority::Low);
    assert_eq!(Priority::from_value(Value::Integer(7)).unwrap(), Priority::Other(7));
    assert_eq!(Priority::Other(7).to_value(), Value::IntEnum(7));
    assert_eq!(Level::Debug.to_value(), Value::IntEnum(-1));
    assert_eq!(Level::from_value(Value::IntEnum(2)).unwrap(), Level::Info);
    assert_eq!(Level::from_value(Value::IntEnum(3)).unwrap_err().to_string(), "data error: unknown intEnum value");
    assert_eq!(Priority::schema().shape_type(), ShapeType::IntEnum);
    assert_eq!(Level::schema().enum_values().len(), 2);
}

#[derive(Shape, Clone, PartialEq)]
#[awsval(union)]
enum AttributeValue {
    S(String),
    N(String),
    #[awsval(name = "BOOL")]
    Bool(bool),
    L(Vec<AttributeValue>),
    M(std::collections::BTreeMap<String, AttributeValue>),
    #[awsval(sensitive)]
    Secret(String),
    #[awsval(timestamp_format = "epoch-seconds")]
    When(Timestamp),
    #[awsval(unknown)]
    Unknown(String),
}

#[derive(Shape, Clone, PartialEq)]
#[awsval(union)]
enum Closed {
    A(i32),
}

#[test]
fn unions_hold_one_member_and_keep_unknown_names() {
    let value = AttributeValue::L(vec![AttributeValue::S("x".into()), AttributeValue::Bool(true)]).to_value();
    assert_eq!(value["L"][1]["BOOL"], Value::Boolean(true));
    let back = AttributeValue::from_value(value).unwrap();
    assert!(back == AttributeValue::L(vec![AttributeValue::S("x".into()), AttributeValue::Bool(true)]));
    let unknown = AttributeValue::from_value(Value::Union(Union::unknown("NS"))).unwrap();
    assert!(unknown == AttributeValue::Unknown("NS".into()));
    assert_eq!(AttributeValue::Unknown("NS".into()).to_value(), Value::Union(Union::unknown("NS")));
    let error = Closed::from_value(Value::Union(Union::unknown("B"))).unwrap_err();
    assert_eq!(error.to_string(), "data error: unknown union member");
    let error = Closed::from_value(Value::Union(Union::new("A", "x"))).unwrap_err();
    assert_eq!(error.to_string(), "data error: expected integer, found string at A");
    let error = Closed::from_value(Value::Map(Map::new())).unwrap_err();
    assert_eq!(error.to_string(), "data error: expected union, found map");
    assert_eq!(format!("{:?}", AttributeValue::Secret("pw".into())), "Secret(*** Sensitive Data Redacted ***)");
    assert_eq!(format!("{:?}", AttributeValue::N("1".into())), "N(\"1\")");
    let shape = AttributeValue::schema();
    assert_eq!(shape.shape_type(), ShapeType::Union);
    assert!(shape.member("Secret").unwrap().is_sensitive());
    assert_eq!(shape.member("When").unwrap().timestamp_format(), Some(TimestampFormat::EpochSeconds));
    assert_eq!(shape.member("L").unwrap().target().list_member().unwrap().target(), shape);
}

#[derive(Shape, Clone, PartialEq)]
#[awsval(error = "client", http_status = 404)]
struct NotFound {
    message: Option<String>,
}

#[derive(Shape, Clone, PartialEq)]
#[awsval(error = "server", code = "Throttling")]
struct ThrottledException {
    message: Option<String>,
}

#[derive(Shape, Clone, PartialEq)]
#[awsval(error = "client", code = "NotFound")]
struct LegacyNotFound {
    message: Option<String>,
}

#[derive(OperationError, Clone, PartialEq)]
enum GetError {
    NotFound(NotFound),
    Throttled(ThrottledException),
    Legacy(LegacyNotFound),
    #[awsval(unknown)]
    Unknown {
        code: String,
        message: Option<String>,
    },
}

fn body(message: &str) -> impl FnOnce(awsval::schema::ShapeRef<'static>) -> awsval::Result<Value> + '_ {
    move |_| Ok(Value::from(Structure::new().with("Message", message)))
}

#[test]
fn operation_errors_match_codes() {
    let shapes = GetError::error_shapes();
    assert_eq!(
        shapes.iter().map(|s| s.name()).collect::<Vec<_>>(),
        ["NotFound", "ThrottledException", "LegacyNotFound"]
    );
    assert_eq!(shapes[0].error().unwrap().fault, Fault::Client);
    assert_eq!(shapes[1].error().unwrap().fault, Fault::Server);
    // An awsQueryError code wins over a shape name.
    assert_eq!(GetError::match_code("NotFound").map(|(i, _)| i), Some(2));
    assert_eq!(GetError::match_code("Throttling").map(|(i, _)| i), Some(1));
    assert_eq!(GetError::match_code("ThrottledException").map(|(i, _)| i), Some(1));
    assert_eq!(GetError::match_code("Nope").map(|(i, _)| i), None);

    let error = GetError::from_code("Throttling", None, body("slow down")).unwrap();
    assert!(error == GetError::Throttled(ThrottledException { message: Some("slow down".into()) }));
    assert_eq!(error.code(), "Throttling");
    assert_eq!(error.to_string(), "Throttling: slow down");
    let error = GetError::from_code("Weird", Some("huh"), body("unused")).unwrap();
    assert_eq!(format!("{error:?}"), r#"Unknown { code: "Weird", message: Some("huh") }"#);
    assert_eq!(error.to_string(), "Weird: huh");
    let error = GetError::from_modeled(0, Value::Integer(1)).unwrap_err();
    assert_eq!(error.to_string(), "data error: expected structure, found integer");
    assert!(GetError::from_modeled(9, Value::Null).is_err());
    let failed = GetError::from_code("NotFound", None, |_| Err(awsval::Error::syntax("bad body", 3)));
    assert_eq!(failed.unwrap_err().to_string(), "syntax error: bad body (byte 3)");
}
