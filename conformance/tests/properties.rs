//! Properties over arbitrary schemas: for every codec `decode(encode(v)) ≡ v`, across formats
//! `xml(json(v)) ≡ v`, and arbitrary bytes never panic a decoder. The schemas nest structures,
//! unions, sparse and dense lists and maps, rename members for JSON and XML, flatten and
//! namespace XML members, make attributes, recurse, and use every scalar type and timestamp
//! format. Shrunk failures are kept in `proptest-regressions/` beside this file.

use awsval::json::{self, JsonSettings};
use awsval::schema::{Model, ModelBuilder, ShapeId, ShapeType};
use awsval::xml::{self, XmlSettings};
use awsval::{TimestampFormat, Value};
use awsval_conformance::generate::{Generator, Limits};
use proptest::prelude::*;

#[derive(Clone, Debug)]
enum Kind {
    Scalar(ShapeType),
    List(Box<Kind>, bool),
    Map(Box<Kind>, bool),
    Structure(Vec<Member>),
    Union(Vec<Member>),
    /// The root structure again.
    Root,
}

#[derive(Clone, Debug)]
struct Member {
    kind: Kind,
    json_name: bool,
    xml_name: bool,
    attribute: bool,
    flattened: bool,
    namespace: bool,
    format: Option<TimestampFormat>,
}

const SCALARS: [ShapeType; 15] = [
    ShapeType::Boolean,
    ShapeType::Byte,
    ShapeType::Short,
    ShapeType::Integer,
    ShapeType::Long,
    ShapeType::Float,
    ShapeType::Double,
    ShapeType::BigInteger,
    ShapeType::BigDecimal,
    ShapeType::String,
    ShapeType::Blob,
    ShapeType::Timestamp,
    ShapeType::Enum,
    ShapeType::IntEnum,
    ShapeType::Document,
];

fn member(kind: impl Strategy<Value = Kind>) -> impl Strategy<Value = Member> {
    let format = prop_oneof![
        Just(None),
        Just(Some(TimestampFormat::DateTime)),
        Just(Some(TimestampFormat::HttpDate)),
        Just(Some(TimestampFormat::EpochSeconds))
    ];
    (kind, any::<[bool; 5]>(), format).prop_map(
        |(kind, [json_name, xml_name, attribute, flattened, namespace], format)| Member {
            kind,
            json_name,
            xml_name,
            attribute,
            flattened,
            namespace,
            format,
        },
    )
}

fn kind() -> impl Strategy<Value = Kind> {
    let leaf = prop_oneof![proptest::sample::select(SCALARS.to_vec()).prop_map(Kind::Scalar), Just(Kind::Root)];
    leaf.prop_recursive(4, 24, 4, |inner| {
        prop_oneof![
            (inner.clone(), any::<bool>()).prop_map(|(k, sparse)| Kind::List(Box::new(k), sparse)),
            (inner.clone(), any::<bool>()).prop_map(|(k, sparse)| Kind::Map(Box::new(k), sparse)),
            proptest::collection::vec(member(inner.clone()), 1..5).prop_map(Kind::Structure),
            proptest::collection::vec(member(inner), 1..4).prop_map(Kind::Union),
        ]
    })
}

/// Builds the schema; returns the model and the root structure.
fn build(members: &[Member]) -> (Model, ShapeId) {
    let mut builder = ModelBuilder::new();
    let root = builder.declare("Root", ShapeType::Structure);
    let mut counter = 0;
    add_members(&mut builder, root, root, members, &mut counter);
    let model = builder.finish().expect("the generated schema is valid");
    (model, root)
}

fn shape_of(builder: &mut ModelBuilder, root: ShapeId, kind: &Kind, counter: &mut usize) -> ShapeId {
    *counter += 1;
    let name = format!("S{counter}");
    match kind {
        Kind::Root => root,
        Kind::Scalar(ShapeType::Enum) => {
            builder.add(&name, ShapeType::Enum).enum_value("A", "A").enum_value("B", "b-value").id()
        }
        Kind::Scalar(ShapeType::IntEnum) => {
            builder.add(&name, ShapeType::IntEnum).int_enum_value("One", 1).int_enum_value("Two", 2).id()
        }
        Kind::Scalar(shape_type) => builder.declare(&name, *shape_type),
        Kind::List(item, sparse) => {
            let item = shape_of(builder, root, item, counter);
            let list = builder.list(&name, item).id();
            if *sparse {
                builder.shape(list).traits_mut().sparse = true;
            }
            list
        }
        Kind::Map(value, sparse) => {
            let key = builder.prelude(ShapeType::String);
            let value = shape_of(builder, root, value, counter);
            let map = builder.map(&name, key, value).id();
            if *sparse {
                builder.shape(map).traits_mut().sparse = true;
            }
            map
        }
        Kind::Structure(members) | Kind::Union(members) => {
            let shape_type = if matches!(kind, Kind::Union(_)) { ShapeType::Union } else { ShapeType::Structure };
            let id = builder.declare(&name, shape_type);
            add_members(builder, root, id, members, counter);
            id
        }
    }
}

fn add_members(builder: &mut ModelBuilder, root: ShapeId, parent: ShapeId, members: &[Member], counter: &mut usize) {
    for (index, member) in members.iter().enumerate() {
        let target = shape_of(builder, root, &member.kind, counter);
        let scalar = matches!(member.kind, Kind::Scalar(t) if t != ShapeType::Document);
        let collection = matches!(member.kind, Kind::List(..) | Kind::Map(..));
        let mut edit = builder.shape(parent).member(&format!("M{index}"), target);
        let traits = edit.traits_mut();
        if member.json_name {
            traits.json_name = Some(format!("j{index}").into());
        }
        if member.xml_name {
            traits.xml_name = Some(format!("x{index}").into());
        }
        traits.xml_attribute = member.attribute && scalar;
        traits.xml_flattened = member.flattened && collection;
        if member.namespace {
            traits.xml_namespace =
                Some(awsval::schema::XmlNamespace { uri: format!("urn:n{index}").into(), prefix: None });
        }
        if matches!(member.kind, Kind::Scalar(ShapeType::Timestamp)) {
            traits.timestamp_format = member.format;
        }
    }
}

fn round_trip_json(model: &Model, root: ShapeId, value: &Value, settings: &JsonSettings) -> Result<(), TestCaseError> {
    let bytes = json::encode(value, model.get(root), settings).map_err(|e| TestCaseError::fail(e.to_string()))?;
    let back = json::decode(&bytes, model.get(root), settings)
        .map_err(|e| TestCaseError::fail(format!("{e}: {}", String::from_utf8_lossy(&bytes))))?;
    prop_assert!(back.equivalent(value), "{}\n{value:?}\n{back:?}", String::from_utf8_lossy(&bytes));
    Ok(())
}

fn round_trip_xml(model: &Model, root: ShapeId, value: &Value) -> Result<Value, TestCaseError> {
    let bytes =
        xml::encode(value, model.get(root), &XmlSettings::default()).map_err(|e| TestCaseError::fail(e.to_string()))?;
    let back = xml::decode(&bytes, model.get(root), &XmlSettings::default())
        .map_err(|e| TestCaseError::fail(format!("{e}: {}", String::from_utf8_lossy(&bytes))))?;
    prop_assert!(back.equivalent(value), "{}\n{value:?}\n{back:?}", String::from_utf8_lossy(&bytes));
    Ok(back)
}

proptest! {
    #![proptest_config(ProptestConfig::with_cases(256))]

    #[test]
    fn every_codec_gives_back_what_it_wrote(members in proptest::collection::vec(member(kind()), 1..6), seed in any::<u64>()) {
        let (model, root) = build(&members);
        let json_value = Generator::new(seed, Limits::default()).value(model.get(root));
        round_trip_json(&model, root, &json_value, &JsonSettings::aws_json())?;
        round_trip_json(&model, root, &json_value, &JsonSettings::rest_json())?;
        let cbor_value = Generator::new(seed, Limits { whole_millis: true, ..Limits::default() }).value(model.get(root));
        let settings = awsval::cbor::CborSettings::new();
        let bytes = awsval::cbor::encode(&cbor_value, model.get(root), &settings).map_err(|e| TestCaseError::fail(e.to_string()))?;
        let back = awsval::cbor::decode(&bytes, model.get(root), &settings).map_err(|e| TestCaseError::fail(format!("{e}")))?;
        prop_assert!(back.equivalent(&cbor_value), "CBOR\n{cbor_value:?}\n{back:?}");
        let xml_value = Generator::new(seed, Limits { xml_safe: true, ..Limits::default() }).value(model.get(root));
        round_trip_xml(&model, root, &xml_value)?;
        // Across formats: JSON, then XML, then JSON again.
        let settings = JsonSettings::rest_json();
        let from_json = json::decode(&json::encode(&xml_value, model.get(root), &settings).unwrap(), model.get(root), &settings).unwrap();
        let through_xml = round_trip_xml(&model, root, &from_json)?;
        prop_assert!(through_xml.equivalent(&xml_value));
    }

    #[test]
    fn arbitrary_bytes_never_panic(members in proptest::collection::vec(member(kind()), 1..4), bytes in proptest::collection::vec(any::<u8>(), 0..200)) {
        let (model, root) = build(&members);
        let _ = json::decode(&bytes, model.get(root), &JsonSettings::aws_json());
        let _ = xml::decode(&bytes, model.get(root), &XmlSettings::default());
        let _ = json::decode_document(&bytes, &JsonSettings::aws_json());
        let _ = awsval::cbor::decode(&bytes, model.get(root), &awsval::cbor::CborSettings::new());
        let _ = awsval::cbor::decode_any(&bytes, &awsval::cbor::CborSettings::new());
    }
}

/// Where a top-level member of an operation's input and output goes in a REST message.
#[derive(Clone, Debug)]
enum Bound {
    /// A header: a scalar, or a list of them.
    Header(ShapeType, bool, Option<TimestampFormat>),
    PrefixHeaders,
    /// A query parameter: a scalar, or a list of them.
    Query(ShapeType, bool, Option<TimestampFormat>),
    QueryParams,
    Label(ShapeType),
    /// The greedy label ending the URI pattern.
    Greedy,
    ResponseCode,
}

/// What the body holds: the arbitrary schema as a member among others, or as the payload, or
/// a blob or text payload.
#[derive(Clone, Copy, Debug)]
enum Body {
    Member,
    Payload,
    Blob,
    Text,
}

fn bound() -> impl Strategy<Value = Bound> {
    use ShapeType as T;
    let scalar =
        || proptest::sample::select(vec![T::String, T::Integer, T::Long, T::Boolean, T::Double, T::Timestamp, T::Enum]);
    let format = || {
        prop_oneof![
            Just(None),
            Just(Some(TimestampFormat::DateTime)),
            Just(Some(TimestampFormat::HttpDate)),
            Just(Some(TimestampFormat::EpochSeconds))
        ]
    };
    let header_scalar = prop_oneof![scalar(), Just(T::Blob)];
    prop_oneof![
        (header_scalar, any::<bool>(), format()).prop_map(|(t, list, f)| Bound::Header(t, list, f)),
        Just(Bound::PrefixHeaders),
        (scalar(), any::<bool>(), format()).prop_map(|(t, list, f)| Bound::Query(t, list, f)),
        Just(Bound::QueryParams),
        proptest::sample::select(vec![T::String, T::Integer, T::Boolean, T::Timestamp, T::Enum]).prop_map(Bound::Label),
        Just(Bound::Greedy),
        Just(Bound::ResponseCode),
    ]
}

fn body() -> impl Strategy<Value = Body> {
    prop_oneof![Just(Body::Member), Just(Body::Payload), Just(Body::Blob), Just(Body::Text)]
}

/// An operation `Op` whose input and output are `Input`: the bound members, then the body;
/// its error `Fail` has a header-bound member, a message and the arbitrary schema.
fn build_operation(members: &[Member], bounds: &[Bound], body: Body) -> Model {
    use awsval::schema::{Fault, HttpBinding, HttpTrait, Operation};
    let mut builder = ModelBuilder::new();
    let root = builder.declare("Root", ShapeType::Structure);
    add_members(&mut builder, root, root, members, &mut 0);
    let string = builder.prelude(ShapeType::String);
    let strings = builder.list("Strings", string).id();
    let string_map = builder.map("StringMap", string, string).id();
    let list_map = builder.map("ListMap", string, strings).id();
    let enum_shape =
        builder.add("Color", ShapeType::Enum).enum_value("RED", "red").enum_value("DARK", "dark blue").id();
    let input = builder.declare("Input", ShapeType::Structure);
    let mut uri = String::from("/op");
    let (mut greedy, mut status, mut params) = (false, false, false);
    for (index, bound) in bounds.iter().enumerate() {
        let scalar = |builder: &mut ModelBuilder, shape_type: ShapeType| match shape_type {
            ShapeType::Enum => enum_shape,
            other => builder.prelude(other),
        };
        let (target, binding, format) = match bound {
            Bound::Header(t, list, format) => {
                let item = scalar(&mut builder, *t);
                let target = if *list { builder.list(&format!("H{index}"), item).id() } else { item };
                (target, HttpBinding::Header(format!("x-h{index}").into()), *format)
            }
            Bound::Query(t, list, format) => {
                let item = scalar(&mut builder, *t);
                let target = if *list { builder.list(&format!("Q{index}"), item).id() } else { item };
                (target, HttpBinding::Query(format!("q{index}").into()), *format)
            }
            Bound::PrefixHeaders => (string_map, HttpBinding::PrefixHeaders(format!("x-p{index}-").into()), None),
            Bound::QueryParams if !params => {
                params = true;
                (if index % 2 == 0 { string_map } else { list_map }, HttpBinding::QueryParams, None)
            }
            Bound::Label(t) => {
                uri.push_str(&format!("/{{L{index}}}"));
                (scalar(&mut builder, *t), HttpBinding::Label(format!("L{index}").into()), None)
            }
            Bound::Greedy if !greedy => {
                greedy = true;
                (string, HttpBinding::Label("G".into()), None)
            }
            Bound::ResponseCode if !status => {
                status = true;
                (builder.prelude(ShapeType::Integer), HttpBinding::ResponseCode, None)
            }
            _ => continue,
        };
        let name = match binding {
            HttpBinding::Label(ref label) => label.to_string(),
            _ => format!("B{index}"),
        };
        let mut member = builder.shape(input).member(&name, target).http(binding.clone());
        if let Some(format) = format {
            member = member.timestamp_format(format);
        }
        if matches!(binding, HttpBinding::Label(_)) {
            member.required();
        }
    }
    if greedy {
        uri.push_str("/{G+}");
    }
    let (body_target, payload) = match body {
        Body::Member => (root, false),
        Body::Payload => (root, true),
        Body::Blob => (builder.prelude(ShapeType::Blob), true),
        Body::Text => (string, true),
    };
    let member = builder.shape(input).member("Body", body_target);
    if payload {
        member.http(HttpBinding::Payload);
    }
    let fail = builder
        .add("Fail", ShapeType::Structure)
        .error(Fault::Client, Some(404), None)
        .member("Message", string)
        .member("Detail", root)
        .member("Reason", string)
        .http(HttpBinding::Header("x-reason".into()))
        .id();
    let service = builder.service_mut();
    service.protocols = vec!["rest-json".into()];
    service.target_prefix = Some("Svc".into());
    service.api_version = Some("2020-01-01".into());
    service.xml_namespace = Some("urn:svc".into());
    let mut operation = Operation::new("Op");
    operation.http = HttpTrait { method: "POST".into(), uri: uri.into(), code: None };
    operation.input = Some(input);
    operation.output = Some(input);
    operation.errors = vec![fail];
    builder.operation(operation);
    builder.finish().expect("the generated operation is valid")
}

proptest! {
    #![proptest_config(ProptestConfig::with_cases(128))]

    /// In every protocol, what a client sends a server reads back, and what a server answers
    /// (an output, an error) a client reads back.
    #[test]
    fn every_protocol_carries_requests_and_responses_both_ways(
        members in proptest::collection::vec(member(kind()), 1..5),
        bounds in proptest::collection::vec(bound(), 0..6),
        body in body(),
        seed in any::<u64>(),
    ) {
        use awsval::protocol::Protocol;
        use awsval_conformance::round_trip;
        let model = build_operation(&members, &bounds, body);
        let operation = model.operation("Op").expect("declared");
        let fail = model.shape("Fail").expect("declared");
        for protocol in Protocol::ALL {
            let mut generator = Generator::new(seed, Limits::default());
            let input = generator.input(operation, protocol);
            round_trip::request(protocol, operation, &input).map_err(|e| TestCaseError::fail(format!("{protocol} request: {e}")))?;
            let output = generator.output(operation, protocol);
            round_trip::response(protocol, operation, &output).map_err(|e| TestCaseError::fail(format!("{protocol} response: {e}")))?;
            let error = generator.error(fail, protocol);
            round_trip::error(protocol, operation, fail, &error).map_err(|e| TestCaseError::fail(format!("{protocol} error: {e}")))?;
        }
    }
}

/// The types an `@eventHeader` member may have, each with its header value type.
const HEADER_TYPES: [ShapeType; 8] = [
    ShapeType::Boolean,
    ShapeType::Byte,
    ShapeType::Short,
    ShapeType::Integer,
    ShapeType::Long,
    ShapeType::Blob,
    ShapeType::String,
    ShapeType::Timestamp,
];

/// An event stream union over an arbitrary schema: `Body` (the schema's members as the body,
/// beside `@eventHeader` members of `headers`), `Raw` (a blob `@eventPayload`), `Text` (a
/// string `@eventPayload`) and `Nested` (a structure `@eventPayload`, the schema again).
fn build_stream(members: &[Member], headers: &[ShapeType]) -> (Model, ShapeId) {
    let mut builder = ModelBuilder::new();
    let root = builder.declare("Root", ShapeType::Structure);
    let mut counter = 0;
    add_members(&mut builder, root, root, members, &mut counter);
    let body = builder.declare("BodyEvent", ShapeType::Structure);
    add_members(&mut builder, root, body, members, &mut counter);
    for (index, &header) in headers.iter().enumerate() {
        let target = builder.prelude(header);
        builder.shape(body).member(&format!("H{index}"), target).traits_mut().event_header = true;
    }
    let blob = builder.prelude(ShapeType::Blob);
    let string = builder.prelude(ShapeType::String);
    let mut payload_event = |name: &str, target: ShapeId| {
        let event = builder.declare(name, ShapeType::Structure);
        builder.shape(event).member("Payload", target).traits_mut().event_payload = true;
        event
    };
    let (raw, text, nested) =
        (payload_event("RawEvent", blob), payload_event("TextEvent", string), payload_event("NestedEvent", root));
    let stream = builder.declare("Stream", ShapeType::Union);
    builder.shape(stream).member("Body", body).member("Raw", raw).member("Text", text).member("Nested", nested);
    builder.shape(stream).traits_mut().event_stream = true;
    (builder.finish().expect("the generated schema is valid"), stream)
}

proptest! {
    #![proptest_config(ProptestConfig::with_cases(128))]

    /// Any event of any schema survives a frame, written and read in the body format of each
    /// protocol that carries event streams.
    #[test]
    fn any_event_survives_a_frame(
        members in proptest::collection::vec(member(kind()), 1..5),
        headers in proptest::collection::vec(proptest::sample::select(HEADER_TYPES.to_vec()), 0..4),
        seed in any::<u64>(),
    ) {
        use awsval::protocol::{Protocol, events};
        let (model, stream) = build_stream(&members, &headers);
        let limits = Limits { xml_safe: true, whole_millis: true, ..Limits::default() };
        let mut generator = Generator::new(seed, limits);
        for protocol in [Protocol::AwsJson1_1, Protocol::RestJson1, Protocol::RestXml, Protocol::RpcV2Cbor] {
            // The generator gives an event stream as the list of its events.
            let Value::List(events) = generator.value(model.get(stream)) else { panic!("events come as a list") };
            for event in events.iter() {
                let message = events::write_event(protocol, model.get(stream), event).map_err(|e| TestCaseError::fail(format!("{protocol:?}: {e}")))?;
                let mut frame = Vec::new();
                message.write_frame(&mut frame).map_err(|e| TestCaseError::fail(e.to_string()))?;
                let read = awsval::event_stream::decode_all(&frame).map_err(|e| TestCaseError::fail(e.to_string()))?;
                prop_assert_eq!(read.len(), 1);
                let back = events::read_event(protocol, model.get(stream), &read[0], awsval::Limits::default(), 200)
                    .map_err(|e| TestCaseError::fail(format!("{protocol:?}: {e}")))?
                    .map_err(|e| TestCaseError::fail(format!("{protocol:?}: read as an error: {e:?}")))?;
                prop_assert!(back.equivalent(event), "{protocol:?}\n{event:?}\n{back:?}");
            }
        }
    }
}
