//! Lists that are `flattened` as shapes and name their items by their member's `locationName`
//! (SimpleDB's `DomainNameList` repeats `<DomainName>`): read and written as botocore does, and
//! checked against botocore's own parser on generated values of every service that has them.

use std::path::{Path, PathBuf};

use awsval::model::botocore;
use awsval::protocol::{self, Endpoint, HttpResponse, Protocol, RequestOptions};
use awsval::schema::{Model, ShapeRef, ShapeType};
use awsval::xml::{self, XmlSettings};
use awsval::{Structure, Timestamp, Value};
use awsval_conformance::botocore_py::{Botocore, Response};
use awsval_conformance::fetch;
use awsval_conformance::generate::{Generator, Limits};
use base64::Engine as _;

/// The newest `service-2.json` of every service, by service folder name.
fn models() -> Vec<(String, PathBuf)> {
    let data = fetch::botocore().expect("botocore 1.44.8 can be fetched").join("botocore/data");
    let mut out = Vec::new();
    for service in std::fs::read_dir(&data).unwrap().map(|e| e.unwrap().path()).filter(|p| p.is_dir()) {
        let mut versions: Vec<_> = std::fs::read_dir(&service)
            .unwrap()
            .map(|e| e.unwrap().path().join("service-2.json"))
            .filter(|p| p.is_file())
            .collect();
        versions.sort();
        if let Some(file) = versions.pop() {
            out.push((service.file_name().unwrap().to_string_lossy().into_owned(), file));
        }
    }
    out.sort();
    out
}

fn sdb() -> (PathBuf, Model) {
    let (_, path) = models().into_iter().find(|(name, _)| name == "sdb").expect("botocore has SimpleDB");
    let model = botocore::load(&std::fs::read(&path).unwrap()).unwrap();
    (path, model)
}

const LIST_DOMAINS: &str = r#"<ListDomainsResponse xmlns="http://sdb.amazonaws.com/doc/2009-04-15/"><ListDomainsResult>
<DomainName>d1</DomainName><DomainName>d2</DomainName></ListDomainsResult>
<ResponseMetadata><RequestId>r</RequestId><BoxUsage>0.0000071759</BoxUsage></ResponseMetadata>
</ListDomainsResponse>"#;

const GET_ATTRIBUTES: &str = r#"<GetAttributesResponse xmlns="http://sdb.amazonaws.com/doc/2009-04-15/"><GetAttributesResult>
<Attribute><Name>color</Name><Value>red</Value></Attribute><Attribute><Name>size</Name><Value>9</Value></Attribute>
</GetAttributesResult><ResponseMetadata><RequestId>r</RequestId></ResponseMetadata></GetAttributesResponse>"#;

fn decoded(model: &Model, operation: &str, body: &str) -> Value {
    let operation = model.operation(operation).unwrap();
    protocol::response(Protocol::AwsQuery, operation, &HttpResponse::new(200, body)).unwrap().unwrap()
}

#[test]
fn simpledb_responses_name_items_by_the_list_member() {
    let (_, model) = sdb();
    let domains = decoded(&model, "ListDomains", LIST_DOMAINS);
    assert_eq!(
        domains,
        Value::from(Structure::new().with("DomainNames", Value::List(vec!["d1".into(), "d2".into()].into())))
    );
    let attributes = decoded(&model, "GetAttributes", GET_ATTRIBUTES);
    let pair = |name: &str, value: &str| Value::from(Structure::new().with("Name", name).with("Value", value));
    assert_eq!(attributes["Attributes"], Value::List(vec![pair("color", "red"), pair("size", "9")].into()));
}

#[test]
fn simpledb_requests_name_items_by_the_list_member() {
    let (_, model) = sdb();
    let put = model.operation("BatchPutAttributes").unwrap();
    let attribute = |name: &str, value: &str| Value::from(Structure::new().with("Name", name).with("Value", value));
    let replaced = Value::from(Structure::new().with("Name", "a").with("Value", "1").with("Replace", true));
    let item = Value::from(
        Structure::new().with("Name", "i1").with("Attributes", Value::List(vec![replaced, attribute("b", "x")].into())),
    );
    let input = Value::from(Structure::new().with("DomainName", "d").with("Items", Value::List(vec![item].into())));
    let request =
        protocol::request(Protocol::AwsQuery, put, &input, &Endpoint::default(), &RequestOptions::default()).unwrap();
    // botocore's QuerySerializer: the flattened lists' keys are their members' locationNames.
    let expected = "Action=BatchPutAttributes&Version=2009-04-15&DomainName=d&Item.1.ItemName=i1\
                    &Item.1.Attribute.1.Name=a&Item.1.Attribute.1.Value=1&Item.1.Attribute.1.Replace=true\
                    &Item.1.Attribute.2.Name=b&Item.1.Attribute.2.Value=x";
    assert_eq!(String::from_utf8(request.body).unwrap(), expected);
}

/// The services whose models have a list `flattened` as a shape whose member has a
/// `locationName`.
fn services_with_named_flattened_lists() -> Vec<(String, PathBuf)> {
    models()
        .into_iter()
        .filter(|(_, path)| {
            let model: serde_json::Value = serde_json::from_slice(&std::fs::read(path).unwrap()).unwrap();
            model["shapes"].as_object().unwrap().values().any(|shape| {
                shape["type"] == "list" && shape["flattened"] == true && shape["member"].get("locationName").is_some()
            })
        })
        .collect()
}

#[test]
#[allow(clippy::print_stderr)] // The counts are worth seeing with --nocapture.
fn every_such_service_agrees_with_botocores_parser_on_generated_values() {
    let services = services_with_named_flattened_lists();
    let names: Vec<&str> = services.iter().map(|(name, _)| name.as_str()).collect();
    assert_eq!(names, ["s3", "s3control", "sdb"], "the services of botocore 1.44.8 with such lists");
    let mut botocore = Botocore::start().expect("botocore installs into a venv and starts");
    let (mut compared, mut failures) = (0, Vec::new());
    for (service, path) in &services {
        let model = botocore::load(&std::fs::read(path).unwrap()).unwrap();
        let protocol = Protocol::of_service(model.service()).unwrap();
        for operation in model.operations() {
            let Some(shape) = operation.output().filter(|s| !s.members().any(|m| m.http().is_some())) else {
                continue;
            };
            for seed in 0..3 {
                let mut value = Generator::new(
                    seed * 7919 + shape.id().index() as u64,
                    Limits { xml_safe: true, ..Limits::default() },
                )
                .value(shape);
                within_botocore_reach(&mut value);
                let body = match protocol {
                    Protocol::AwsQuery => {
                        let result = format!("{}Result", operation.name());
                        let inner = xml::encode_with(&value, shape, &result, None, &XmlSettings::new()).unwrap();
                        format!("<{0}Response>{1}</{0}Response>", operation.name(), String::from_utf8(inner).unwrap())
                    }
                    _ => String::from_utf8(protocol::encode_body(protocol, &value, shape).unwrap()).unwrap(),
                };
                let ours =
                    protocol::response(protocol, operation, &HttpResponse::new(200, body.clone())).unwrap().unwrap();
                let response = Response {
                    model: Path::new(path),
                    operation: operation.name(),
                    status: 200,
                    headers: &[],
                    body: body.as_bytes(),
                };
                let theirs = botocore.parse(&response).unwrap();
                compared += 1;
                let expected = view(&value, shape);
                let problems = match &theirs {
                    Ok(theirs) => {
                        let mut problems = awsval_conformance::json_diff(&expected, theirs);
                        if !ours.equivalent(&value) {
                            problems.push("awsval read back a different value".to_owned());
                        }
                        problems
                    }
                    Err(error) => vec![format!("botocore refused it: {error}")],
                };
                if !problems.is_empty() {
                    failures.push(format!("{service} {}: {}\n{body}", operation.name(), problems.join("; ")));
                }
            }
        }
    }
    eprintln!("{} services, {compared} responses compared with botocore", services.len());
    assert!(compared > 200, "{compared} responses compared");
    assert!(failures.is_empty(), "{} disagreements:\n{}", failures.len(), failures.join("\n"));
}

/// Timestamps as botocore can hold them: Python's datetime starts at year 1 and keeps
/// microseconds.
fn within_botocore_reach(value: &mut Value) {
    let mut pending = vec![value];
    while let Some(value) = pending.pop() {
        match value {
            Value::Timestamp(t) => {
                let secs = t.secs().max(-62_135_596_800);
                *t = Timestamp::new(secs, t.nanos() / 1000 * 1000).unwrap();
            }
            Value::Structure(s) => pending.extend(s.iter_mut().map(|(_, v)| v)),
            Value::List(l) => pending.extend(l.iter_mut()),
            Value::Map(m) => pending.extend(m.iter_mut().map(|(_, v)| v)),
            Value::Union(u) => pending.extend(u.value_mut()),
            _ => {}
        }
    }
}

/// `value` as `parse.py` prints what botocore parses: members by name, timestamps as
/// microseconds, blobs as base64, floats by their shortest text.
fn view(value: &Value, shape: ShapeRef<'_>) -> serde_json::Value {
    use serde_json::Value as Json;
    let number = |text: String| -> Json { serde_json::from_str(&text).unwrap() };
    match (value, shape.shape_type()) {
        (Value::Structure(s), _) => Json::Object(
            s.iter().map(|(name, v)| (name.to_string(), view(v, shape.member(name).unwrap().target()))).collect(),
        ),
        (Value::Union(u), _) => {
            let name = u.known_name().unwrap();
            Json::Object(
                [(name.to_string(), view(u.value().unwrap(), shape.member(&name).unwrap().target()))]
                    .into_iter()
                    .collect(),
            )
        }
        (Value::List(items), _) => {
            let item = shape.list_member().unwrap().target();
            Json::Array(items.iter().map(|v| view(v, item)).collect())
        }
        (Value::Map(entries), _) => {
            let item = shape.map_value().unwrap().target();
            Json::Object(entries.iter().map(|(k, v)| (k.clone(), view(v, item))).collect())
        }
        (Value::Timestamp(t), _) => {
            Json::String(format!("ts:{}", i128::from(t.secs()) * 1_000_000 + i128::from(t.nanos() / 1000)))
        }
        (Value::Blob(b), _) => {
            Json::String(format!("b64:{}", base64::engine::general_purpose::STANDARD.encode(b.as_ref() as &[u8])))
        }
        (Value::Float(f), _) if f.is_finite() => number(ryu::Buffer::new().format_finite(*f).to_owned()),
        (Value::Double(d), _) if d.is_finite() => number(ryu::Buffer::new().format_finite(*d).to_owned()),
        (Value::Float(_) | Value::Double(_), ShapeType::Float | ShapeType::Double) => {
            let f = value.as_f64().unwrap();
            Json::String(
                if f.is_nan() {
                    "NaN"
                } else if f > 0.0 {
                    "Infinity"
                } else {
                    "-Infinity"
                }
                .to_owned(),
            )
        }
        (Value::Boolean(b), _) => Json::Bool(*b),
        (Value::Enum(text), _) => Json::String(text.to_string()),
        (Value::String(text), _) => Json::String(text.clone()),
        (other, _) => match other.as_i64() {
            Some(n) => number(n.to_string()),
            None => panic!("no botocore view of {other:?}"),
        },
    }
}
