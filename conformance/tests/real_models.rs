//! Every output and error shape of botocore's service models, with generated values, through
//! the service's own body format and through the other one (JSON ↔ XML), back unchanged.
//!
//! Every service (the latest version of each), two values per shape: about ten seconds. A
//! longer run: `AWSVAL_SEEDS=50 cargo test -p awsval-conformance --release --test real_models
//! -- --nocapture`.

use awsval::Value;
use awsval::model::botocore;
use awsval::protocol::{self, Protocol};
use awsval::schema::ShapeRef;
use awsval_conformance::fetch;
use awsval_conformance::generate::{Generator, Limits};

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

#[test]
#[allow(clippy::print_stderr)] // The counts are worth seeing with --nocapture.
fn generated_values_round_trip_through_both_formats() {
    let data = fetch::botocore().expect("botocore 1.44.8 can be fetched").join("botocore/data");
    let seeds: u64 = std::env::var("AWSVAL_SEEDS").ok().and_then(|s| s.parse().ok()).unwrap_or(2);
    let mut services: Vec<_> =
        std::fs::read_dir(&data).unwrap().map(|e| e.unwrap().path()).filter(|p| p.is_dir()).collect();
    services.sort();
    let (mut models, mut shapes, mut values, mut failures) = (0, 0, 0, Vec::new());
    for service in &services {
        let mut versions: Vec<_> = std::fs::read_dir(service)
            .unwrap()
            .map(|e| e.unwrap().path().join("service-2.json"))
            .filter(|p| p.is_file())
            .collect();
        versions.sort();
        let Some(file) = versions.last() else { continue };
        let model = botocore::load(&std::fs::read(file).unwrap()).unwrap();
        let Ok(protocol) = Protocol::of_service(model.service()) else { continue };
        models += 1;
        let mut seen = std::collections::BTreeSet::new();
        let targets = model.operations().flat_map(|op| op.output().into_iter().chain(op.errors()));
        for shape in targets {
            if !seen.insert(shape.id()) {
                continue;
            }
            shapes += 1;
            for seed in 0..seeds {
                let own_safe = protocol.json_settings().is_none();
                let own = Generator::new(
                    seed * 7919 + shape.id().index() as u64,
                    Limits { xml_safe: own_safe, ..Limits::default() },
                )
                .value(shape);
                let cross =
                    Generator::new(seed * 104_729 + 17, Limits { xml_safe: true, ..Limits::default() }).value(shape);
                values += 2;
                for (protocol, value) in [(protocol, &own), (other(protocol), &cross)] {
                    if let Err(problem) = round_trip(protocol, shape, value) {
                        failures.push(format!(
                            "{} {}: {problem}",
                            service.file_name().unwrap().to_string_lossy(),
                            shape.name()
                        ));
                    }
                }
            }
        }
    }
    eprintln!("{models} services, {shapes} output and error shapes, {values} values, {} failures", failures.len());
    assert!(failures.is_empty(), "{}", failures.iter().take(5).cloned().collect::<Vec<_>>().join("\n\n"));
    assert!(models >= 400, "only {models} services");
}
