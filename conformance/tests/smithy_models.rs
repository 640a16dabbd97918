//! The same service from two models: each of the eleven Smithy JSON AST models in
//! `../shared/smithy/aws-models/` beside botocore 1.44.8's model of the same service. For every
//! operation input, output and error shape both have unchanged (the same members in the same
//! order, with the same wire names, bindings and formats, all the way down), generated values
//! must give the same request or response, byte for byte, from both, and a client must read
//! each response alike with both (up to the defaults only the Smithy model has).

use std::collections::HashMap;
use std::path::PathBuf;

use awsval::Value;
use awsval::model::{botocore, smithy};
use awsval::protocol::{
    self, Endpoint, HttpRequest, HttpResponse, Protocol, RequestOptions, ResponseOptions, ServiceError,
};
use awsval::schema::{Model, OperationRef, ShapeId, ShapeRef, ShapeType};
use awsval_conformance::fetch;
use awsval_conformance::generate::{Generator, Limits};

/// The Smithy model files and botocore's name for each service.
const SERVICES: [(&str, &str); 11] = [
    ("bedrock-runtime-2023-09-30", "bedrock-runtime"),
    ("cloudfront-2020-05-31", "cloudfront"),
    ("cloudwatch-2010-08-01", "cloudwatch"),
    ("dynamodb-2012-08-10", "dynamodb"),
    ("kinesis-2013-12-02", "kinesis"),
    ("lambda-2015-03-31", "lambda"),
    ("quicksight-2018-04-01", "quicksight"),
    ("s3-2006-03-01", "s3"),
    ("sns-2010-03-31", "sns"),
    ("sqs-2012-11-05", "sqs"),
    ("sts-2011-06-15", "sts"),
];

const SEEDS: u64 = 3;

fn botocore_model(service: &str) -> Model {
    let data = fetch::botocore().expect("botocore 1.44.8 can be fetched").join("botocore/data").join(service);
    let mut versions: Vec<PathBuf> = std::fs::read_dir(data).unwrap().map(|e| e.unwrap().path()).collect();
    versions.sort();
    botocore::load(&std::fs::read(versions.last().unwrap().join("service-2.json")).unwrap()).unwrap()
}

/// Whether two shapes carry the same values the same way on the wire of `protocol`.
struct Same {
    protocol: Protocol,
    /// Pairs compared (or being compared: a recursive shape is taken as the same while its
    /// comparison runs).
    seen: HashMap<(ShapeId, ShapeId), bool>,
}

impl Same {
    fn shapes(&mut self, a: ShapeRef<'_>, b: ShapeRef<'_>) -> bool {
        if let Some(&same) = self.seen.get(&(a.id(), b.id())) {
            return same;
        }
        self.seen.insert((a.id(), b.id()), true);
        let same = self.compare(a, b);
        self.seen.insert((a.id(), b.id()), same);
        same
    }

    fn compare(&mut self, a: ShapeRef<'_>, b: ShapeRef<'_>) -> bool {
        let (ta, tb) = (a.traits(), b.traits());
        let scalar_types = |t: ShapeType| match t {
            ShapeType::Enum => ShapeType::String,
            other => other,
        };
        scalar_types(a.shape_type()) == scalar_types(b.shape_type())
            && (ta.xml_name == tb.xml_name || a.error().is_some())
            && ta.xml_namespace == tb.xml_namespace
            && ta.timestamp_format == tb.timestamp_format
            && (ta.streaming, ta.event_stream) == (tb.streaming, tb.event_stream)
            && a.error_code() == b.error_code()
            && a.error().map(|e| e.http_status) == b.error().map(|e| e.http_status)
            && a.members().len() == b.members().len()
            && a.members().zip(b.members()).all(|(ma, mb)| {
                let json = self.protocol == Protocol::RestJson1;
                ma.name() == mb.name()
                    && (!json || ma.json_name() == mb.json_name())
                    && (json || ma.xml_name() == mb.xml_name())
                    && ma.traits().http == mb.traits().http
                    && (ma.traits().xml_attribute, ma.traits().xml_flattened)
                        == (mb.traits().xml_attribute, mb.traits().xml_flattened)
                    && ma.traits().xml_namespace == mb.traits().xml_namespace
                    && ma.traits().timestamp_format == mb.traits().timestamp_format
                    && ma.traits().ec2_query_name == mb.traits().ec2_query_name
                    && (ma.traits().host_label, ma.traits().idempotency_token, ma.traits().json_value)
                        == (mb.traits().host_label, mb.traits().idempotency_token, mb.traits().json_value)
                    && (ma.traits().event_header, ma.traits().event_payload)
                        == (mb.traits().event_header, mb.traits().event_payload)
                    && self.shapes(ma.target(), mb.target())
            })
    }
}

fn request_bytes(protocol: Protocol, model: &Model, operation: &str, input: &Value) -> Result<Vec<u8>, String> {
    let operation = model.operation(operation).unwrap();
    let options = RequestOptions::default().with_idempotency_token(|| "token".into());
    let request: HttpRequest =
        protocol::request(protocol, operation, input, &Endpoint::default(), &options).map_err(|e| e.to_string())?;
    request.to_http1().map_err(|e| e.to_string())
}

/// A response as compared: the HTTP/1.1 message, but for a restXml body root's default
/// namespace, which a Smithy model's service gives and botocore's does not carry (and so the
/// body's length).
fn response_bytes(response: awsval::Result<HttpResponse>) -> Result<Vec<u8>, String> {
    let mut response = response.map_err(|e| e.to_string())?;
    let body = String::from_utf8_lossy(&response.body).into_owned();
    if let Some(start) = body.find('<').filter(|_| body.trim_start().starts_with('<')) {
        let root_end = body[start..].find('>').map_or(body.len(), |end| start + end);
        if let Some(at) = body[start..root_end].find(" xmlns=\"") {
            let at = start + at;
            let end = body[at + 8..].find('"').map_or(root_end, |end| at + 8 + end + 1);
            response.body = format!("{}{}", &body[..at], &body[end..]).into_bytes();
        }
    }
    response.headers.retain(|(name, _)| !name.eq_ignore_ascii_case("Content-Length"));
    response.to_http1().map_err(|e| e.to_string())
}

/// `value` with the defaults of the Smithy model's `shape` filled in: both models then write
/// the same values (botocore's carries no defaults to fill).
fn with_defaults(mut value: Value, shape: Option<ShapeRef<'_>>) -> Value {
    if let Some(shape) = shape {
        protocol::fill_defaults(&mut value, shape);
    }
    value
}

#[test]
#[allow(clippy::print_stderr)] // The counts are worth seeing with --nocapture.
fn shapes_both_models_have_unchanged_give_the_same_wire_bytes() {
    let Some(dir) = fetch::shared("smithy/aws-models") else { return };
    let mut failures = Vec::new();
    let (mut compared, mut changed) = (0, 0);
    for (file, service) in SERVICES {
        let ast = std::fs::read(dir.join(format!("{file}.json"))).unwrap();
        let ours = smithy::load(&ast).unwrap();
        let theirs = botocore_model(service);
        let protocol = Protocol::of_service(ours.service()).unwrap();
        for operation in ours.operations() {
            let Some(other) = theirs.operation(operation.name()) else { continue };
            let mut same = Same { protocol, seen: HashMap::new() };
            let pairs = [(operation.input(), other.input()), (operation.output(), other.output())];
            let unchanged = |same: &mut Same, pair: (Option<ShapeRef<'_>>, Option<ShapeRef<'_>>)| match pair {
                (Some(a), Some(b)) => same.shapes(a, b),
                (None, None) => true,
                _ => false,
            };
            for seed in 0..SEEDS {
                let mut generator = Generator::new(seed, Limits::default());
                if unchanged(&mut same, pairs[0]) && operation.data().http == other.data().http {
                    let input = with_defaults(generator.input(other, protocol), operation.input());
                    let (a, b) = (
                        request_bytes(protocol, &ours, operation.name(), &input),
                        request_bytes(protocol, &theirs, other.name(), &input),
                    );
                    compared += 1;
                    if a != b {
                        failures.push(format!(
                            "{service} {} input (seed {seed}):\n{}\n---\n{}",
                            operation.name(),
                            shown(&a),
                            shown(&b)
                        ));
                    }
                } else {
                    changed += 1;
                }
                if unchanged(&mut same, pairs[1]) && operation.data().http.code == other.data().http.code {
                    let output = with_defaults(generator.output(other, protocol), operation.output());
                    let options = ResponseOptions::default().with_request_id("req");
                    let a = response_bytes(protocol::encode_response(protocol, operation, &output, &options));
                    let b = response_bytes(protocol::encode_response(protocol, other, &output, &options));
                    compared += 1;
                    if let Err(difference) = reads_alike(protocol, (operation, other), &a) {
                        failures
                            .push(format!("{service} {} output read (seed {seed}): {difference}", operation.name()));
                    }
                    if a != b {
                        failures.push(format!(
                            "{service} {} output (seed {seed}):\n{}\n---\n{}",
                            operation.name(),
                            shown(&a),
                            shown(&b)
                        ));
                    }
                } else {
                    changed += 1;
                }
                for error in operation.errors() {
                    let Some(twin) = other.errors().find(|e| e.name() == error.name()) else { continue };
                    if !same.shapes(error, twin) {
                        changed += 1;
                        continue;
                    }
                    let value = generator.error(twin, protocol);
                    let options = ResponseOptions::default().with_request_id("req");
                    let a = response_bytes(protocol::encode_error(
                        protocol,
                        operation,
                        &ServiceError::modeled(error, value.clone()),
                        &options,
                    ));
                    let b = response_bytes(protocol::encode_error(
                        protocol,
                        other,
                        &ServiceError::modeled(twin, value),
                        &options,
                    ));
                    compared += 1;
                    if a != b {
                        failures.push(format!(
                            "{service} {} error {} (seed {seed}):\n{}\n---\n{}",
                            operation.name(),
                            error.name(),
                            shown(&a),
                            shown(&b)
                        ));
                    }
                }
            }
        }
    }
    eprintln!("{compared} messages compared, {changed} skipped as changed between the models");
    let mut kinds: std::collections::BTreeMap<String, usize> = std::collections::BTreeMap::new();
    for failure in &failures {
        let head: Vec<&str> = failure.split_whitespace().take(4).collect();
        *kinds.entry(format!("{} {}", head[0], head[2])).or_default() += 1;
    }
    if !kinds.is_empty() {
        eprintln!("differences by service and message: {kinds:?}");
    }
    assert!(failures.is_empty(), "{} of {compared} differ; the first:\n{}", failures.len(), failures[0]);
    assert!(compared > 2_000, "only {compared} messages compared");
}

/// Whether a client reads `response` alike with both models: the same output, up to the
/// defaults only the Smithy model has (which a client fills in).
fn reads_alike(
    protocol: Protocol,
    (ours, theirs): (OperationRef<'_>, OperationRef<'_>),
    response: &Result<Vec<u8>, String>,
) -> Result<(), String> {
    let Ok(bytes) = response else { return Ok(()) };
    let response = HttpResponse::from_http1(bytes).map_err(|e| e.to_string())?;
    let read = |operation| match protocol::response(protocol, operation, &response) {
        Ok(Ok(value)) => Ok(value),
        Ok(Err(error)) => Err(format!("read as the error {error}")),
        Err(error) => Err(error.to_string()),
    };
    let (a, mut b) = (read(ours)?, read(theirs)?);
    if let Some(shape) = ours.output() {
        protocol::fill_defaults(&mut b, shape);
    }
    match a.equivalent(&b) {
        true => Ok(()),
        false => Err(format!("the Smithy model reads {a:?}, botocore's {b:?}")),
    }
}

fn shown(bytes: &Result<Vec<u8>, String>) -> String {
    match bytes {
        Ok(bytes) => String::from_utf8_lossy(&bytes[..bytes.len().min(1500)]).into_owned(),
        Err(error) => format!("error: {error}"),
    }
}
