//! botocore's service models (the latest version of each) with generated values: every output
//! and error shape through the service's own body format, through the other one (JSON ↔ XML)
//! and through CBOR, and every operation's request, response and errors through HTTP/1.1 and the other
//! side's reading, back unchanged.
//!
//! Two values per shape: about ten seconds each test. A longer run: `AWSVAL_SEEDS=50 cargo
//! test -p awsval-conformance --release --test real_models -- --nocapture`.

use std::path::PathBuf;

use awsval::Value;
use awsval::model::botocore;
use awsval::protocol::{self, Protocol};
use awsval::schema::{Model, OperationRef, ShapeRef};
use awsval_conformance::fetch;
use awsval_conformance::generate::{Generator, Limits};
use awsval_conformance::round_trip;

/// The latest model of every service in botocore's data, with its name and protocol (those
/// that speak one awsval knows).
fn latest_models() -> Vec<(String, Model, Protocol)> {
    let data = fetch::botocore().expect("botocore 1.44.8 can be fetched").join("botocore/data");
    let mut services: Vec<PathBuf> =
        std::fs::read_dir(&data).unwrap().map(|e| e.unwrap().path()).filter(|p| p.is_dir()).collect();
    services.sort();
    services
        .iter()
        .filter_map(|service| {
            let mut versions: Vec<_> = std::fs::read_dir(service)
                .unwrap()
                .map(|e| e.unwrap().path().join("service-2.json"))
                .filter(|p| p.is_file())
                .collect();
            versions.sort();
            let model = botocore::load(&std::fs::read(versions.last()?).unwrap()).unwrap();
            let protocol = Protocol::of_service(model.service()).ok()?;
            Some((service.file_name()?.to_string_lossy().into_owned(), model, protocol))
        })
        .collect()
}

fn seeds() -> u64 {
    std::env::var("AWSVAL_SEEDS").ok().and_then(|s| s.parse().ok()).unwrap_or(2)
}

/// The body format to test against the service's own.
fn other(protocol: Protocol) -> Protocol {
    if protocol.json_settings().is_some() { Protocol::RestXml } else { Protocol::RestJson1 }
}

fn round_trip(protocol: Protocol, shape: ShapeRef<'_>, value: &Value) -> Result<(), String> {
    let bytes = protocol::encode_body(protocol, value, shape).map_err(|e| format!("{protocol} encode: {e}"))?;
    let back = protocol::decode_body(protocol, &bytes, shape)
        .map_err(|e| format!("{protocol} decode: {e}: {}", String::from_utf8_lossy(&bytes)))?;
    if back.equivalent(value) {
        Ok(())
    } else {
        Err(format!("{protocol}: {} came back different:\n{value:?}\n{back:?}", String::from_utf8_lossy(&bytes)))
    }
}

fn cbor_round_trip(shape: ShapeRef<'_>, value: &Value) -> Result<(), String> {
    let settings = awsval::cbor::CborSettings::new();
    let bytes = awsval::cbor::encode(value, shape, &settings).map_err(|e| format!("CBOR encode: {e}"))?;
    let back = awsval::cbor::decode(&bytes, shape, &settings).map_err(|e| format!("CBOR decode: {e}"))?;
    match back.equivalent(value) {
        true => Ok(()),
        false => Err(format!("CBOR: came back different:\n{value:?}\n{back:?}")),
    }
}

#[test]
#[allow(clippy::print_stderr)] // The counts are worth seeing with --nocapture.
fn generated_values_round_trip_through_both_formats() {
    let seeds = seeds();
    let (mut models, mut shapes, mut values, mut failures) = (0, 0, 0, Vec::new());
    for (service, model, protocol) in &latest_models() {
        let protocol = *protocol;
        models += 1;
        let mut seen = std::collections::BTreeSet::new();
        let targets = model.operations().flat_map(|op| op.output().into_iter().chain(op.errors()));
        for shape in targets {
            // An output with an event stream never travels as one body: the exchange test
            // below sends it.
            if !seen.insert(shape.id()) || awsval::protocol::events::stream_member(Some(shape)).is_some() {
                continue;
            }
            shapes += 1;
            for seed in 0..seeds {
                let cbor = protocol == Protocol::RpcV2Cbor;
                let own_safe = protocol.json_settings().is_none() && !cbor;
                let own = Generator::new(
                    seed * 7919 + shape.id().index() as u64,
                    Limits { xml_safe: own_safe, whole_millis: cbor, ..Limits::default() },
                )
                .value(shape);
                let cross =
                    Generator::new(seed * 104_729 + 17, Limits { xml_safe: true, ..Limits::default() }).value(shape);
                let cbor = Generator::new(seed * 15_485_863 + 5, Limits { whole_millis: true, ..Limits::default() })
                    .value(shape);
                values += 3;
                for (protocol, value) in [(protocol, &own), (other(protocol), &cross)] {
                    if let Err(problem) = round_trip(protocol, shape, value) {
                        failures.push(format!("{service} {}: {problem}", shape.name()));
                    }
                }
                if let Err(problem) = cbor_round_trip(shape, &cbor) {
                    failures.push(format!("{service} {}: {problem}", shape.name()));
                }
            }
        }
    }
    eprintln!("{models} services, {shapes} output and error shapes, {values} values, {} failures", failures.len());
    assert!(failures.is_empty(), "{}", failures.iter().take(5).cloned().collect::<Vec<_>>().join("\n\n"));
    assert!(models >= 400, "only {models} services");
}

/// The serde bridges on every input, output and error shape: `Plain` writes the JSON the
/// codec writes (up to how serde_json spells a float), and plain JSON → `Value` → plain JSON
/// through `serde_json::Value` gives the same JSON back.
#[test]
#[allow(clippy::print_stderr)] // The counts are worth seeing with --nocapture.
fn generated_values_cross_the_serde_bridges() {
    let settings = awsval::json::JsonSettings::plain();
    let (mut shapes, mut values, mut failures) = (0, 0, Vec::new());
    for (service, model, _) in &latest_models() {
        let mut seen = std::collections::BTreeSet::new();
        let targets = model.operations().flat_map(|op| op.input().into_iter().chain(op.output()).chain(op.errors()));
        for shape in targets {
            if !seen.insert(shape.id()) {
                continue;
            }
            shapes += 1;
            for seed in 0..seeds() {
                let value = Generator::new(seed * 31 + shape.id().index() as u64, Limits::default()).value(shape);
                values += 1;
                let problem = (|| {
                    let codec = awsval::json::encode(&value, shape, &settings).map_err(|e| format!("encode: {e}"))?;
                    let bridged = serde_json::to_vec(&awsval::plain::Plain::new(&value, shape))
                        .map_err(|e| format!("Plain: {e}"))?;
                    let decoded = awsval::json::decode(&codec, shape, &settings).map_err(|e| format!("decode: {e}"))?;
                    let same = awsval::json::decode(&bridged, shape, &settings).map_err(|e| format!("decode: {e}"))?;
                    if !same.equivalent(&decoded) {
                        return Err(format!(
                            "Plain wrote\n{}\nthe codec\n{}",
                            String::from_utf8_lossy(&bridged),
                            String::from_utf8_lossy(&codec)
                        ));
                    }
                    let tree: serde_json::Value = serde_json::from_slice(&bridged).map_err(|e| e.to_string())?;
                    let read =
                        awsval::plain::from_json_value(&tree, shape).map_err(|e| format!("from_json_value: {e}"))?;
                    if !read.equivalent(&decoded) {
                        return Err(format!("from_json_value read\n{read:?}\nthe codec\n{decoded:?}"));
                    }
                    let again =
                        awsval::plain::to_json_value(&read, shape).map_err(|e| format!("to_json_value: {e}"))?;
                    if again != tree {
                        return Err(format!("plain JSON came back different:\n{tree}\n{again}"));
                    }
                    Ok(())
                })();
                if let Err(problem) = problem {
                    failures.push(format!("{service} {}: {problem}", shape.name()));
                }
            }
        }
    }
    eprintln!("serde bridges: {shapes} shapes, {values} values, {} failures", failures.len());
    assert!(failures.is_empty(), "{}", failures.iter().take(5).cloned().collect::<Vec<_>>().join("\n\n"));
}

/// Whether the operation sends or receives an event stream.
fn has_event_stream(operation: OperationRef<'_>) -> bool {
    let streams = |shape: Option<ShapeRef<'_>>| {
        shape.is_some_and(|shape| shape.members().any(|m| m.target().traits().event_stream))
    };
    streams(operation.input()) || streams(operation.output())
}

#[test]
#[allow(clippy::print_stderr)] // The counts are worth seeing with --nocapture.
fn every_operation_round_trips_through_http_both_ways() {
    let seeds = seeds();
    let (mut models, mut operations, mut streams, mut exchanges, mut failures) = (0, 0, 0, 0, Vec::new());
    for (service, model, protocol) in &latest_models() {
        let protocol = *protocol;
        models += 1;
        for operation in model.operations() {
            streams += usize::from(has_event_stream(operation));
            operations += 1;
            for seed in 0..seeds {
                let mut generator = Generator::new(seed * 7919 + 31, Limits::default());
                let mut check = |what: &str, result: Result<(), String>| {
                    exchanges += 1;
                    if let Err(problem) = result {
                        failures.push(format!("{service} {} {what}: {problem}", operation.name()));
                    }
                };
                let input = generator.input(operation, protocol);
                check("request", round_trip::request(protocol, operation, &input));
                let output = generator.output(operation, protocol);
                check("response", round_trip::response(protocol, operation, &output));
                for error in operation.errors() {
                    let value = generator.error(error, protocol);
                    check(error.name(), round_trip::error(protocol, operation, error, &value));
                }
            }
        }
    }
    eprintln!(
        "{models} services, {operations} operations ({streams} with event streams), {exchanges} exchanges, {} \
         failures",
        failures.len()
    );
    assert!(
        failures.is_empty(),
        "{}\n\n{}",
        failures.len(),
        failures.iter().take(8).cloned().collect::<Vec<_>>().join("\n\n")
    );
    assert!(models >= 400, "only {models} services");
}
