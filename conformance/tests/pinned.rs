//! Against botocore 1.44.8 itself (fetched from PyPI on first use and cached): every service
//! model loads, and every case of every JSON, XML and query suite passes.

use awsval::model::botocore;
use awsval_conformance::{Outcome, Report, Side, SkipList, fetch};

#[test]
#[allow(clippy::print_stderr)] // The counts are worth seeing with --nocapture.
fn every_botocore_service_model_loads() {
    let data = fetch::botocore().expect("botocore 1.44.8 can be fetched").join("botocore/data");
    let mut models = 0;
    let mut operations = 0;
    let mut shapes = 0;
    let mut failures = Vec::new();
    for service in std::fs::read_dir(&data).unwrap() {
        let service = service.unwrap().path();
        if !service.is_dir() {
            continue;
        }
        for version in std::fs::read_dir(&service).unwrap() {
            let file = version.unwrap().path().join("service-2.json");
            if !file.is_file() {
                continue;
            }
            match botocore::load(&std::fs::read(&file).unwrap()) {
                Ok(model) => {
                    models += 1;
                    operations += model.operations().len();
                    shapes += model.len();
                }
                Err(error) => failures.push(format!("{}: {error}", file.display())),
            }
        }
    }
    assert!(failures.is_empty(), "{}", failures.join("\n"));
    assert!(models >= 400, "only {models} models found under {}", data.display());
    eprintln!("{models} models, {operations} operations, {shapes} shapes loaded");
}

/// Every `pattern` of every service (the latest version of each) compiles for validation, but
/// for the few the engine refuses, each for a reason named here: a look-ahead with a
/// quantifier (Annex B allows it; fancy-regex does not), property names only Java knows
/// (`\p{all}`, `\p{LD}`), and bounded repeats of Unicode classes whose automaton would pass
/// 16 MiB (`.{1,65535}`). `Model::pattern_errors` reports them; validation passes over them.
#[test]
#[allow(clippy::print_stderr)] // The patterns refused are worth seeing with --nocapture.
fn every_botocore_pattern_compiles_but_the_few_the_engine_refuses() {
    const REFUSED: [&str; 3] =
        ["Target of repeat operator is invalid", "Unicode property not found", "exceeded limit of 16777216"];
    let data = fetch::botocore().expect("botocore 1.44.8 can be fetched").join("botocore/data");
    let (mut patterns, mut refused) = (0, Vec::new());
    for service in std::fs::read_dir(&data).unwrap() {
        let mut versions: Vec<_> = std::fs::read_dir(service.unwrap().path())
            .into_iter()
            .flatten()
            .map(|version| version.unwrap().path().join("service-2.json"))
            .filter(|file| file.is_file())
            .collect();
        versions.sort();
        let Some(file) = versions.last() else { continue };
        let model = botocore::load(&std::fs::read(file).unwrap()).unwrap();
        patterns += model.shapes().filter(|shape| shape.traits().pattern.is_some()).count();
        refused.extend(model.pattern_errors());
    }
    for error in &refused {
        eprintln!("{error}");
        assert!(REFUSED.iter().any(|reason| error.reason.contains(reason)), "refused for another reason: {error}");
    }
    assert!(patterns > 10_000, "only {patterns} patterns");
    assert!(refused.len() <= 15, "{} of {patterns} patterns refused", refused.len());
}

#[test]
fn every_suite_passes_but_the_written_skips() {
    let suites = fetch::pinned_suites().expect("botocore 1.44.8 can be fetched");
    let report = Report::run_sides(&suites, &SkipList::builtin().unwrap(), &[Side::Client, Side::Server]).unwrap();
    let totals = report.totals();
    assert_eq!(totals.failed, 0, "{report}");
    assert!(totals.passed >= 1420, "{report}");
    assert!(report.files.iter().filter(|f| f.name.ends_with("(server)")).count() >= 15, "the server side runs");
    let names: Vec<&str> = report.files.iter().map(|f| f.name.as_str()).collect();
    let legacy = names.iter().filter(|n| n.starts_with("legacy/") && !n.ends_with("(server)")).count();
    assert_eq!(legacy, 10, "botocore's legacy files run too: {names:?}");
    // The current suites skip only the CBOR protocol's files, and on the server the cases
    // Smithy writes for clients only.
    for file in report.files.iter().filter(|f| !f.name.starts_with("legacy/") && !f.name.ends_with("(server)")) {
        let skipped = file.cases.iter().filter(|c| matches!(c.outcome, Outcome::Skipped(_))).count();
        assert!(skipped == 0 || file.name.contains("cbor"), "{} skips {skipped} cases", file.name);
    }
}

#[test]
fn the_quicksight_seed_operation_works_from_the_model() {
    use awsval::protocol::{self, Endpoint, HttpResponse, Protocol, RequestOptions};
    use awsval::{Structure, Value};

    let file = fetch::botocore().unwrap().join("botocore/data/quicksight/2018-04-01/service-2.json");
    let model = botocore::load(&std::fs::read(file).unwrap()).unwrap();
    let protocol = Protocol::of_service(model.service()).unwrap();
    assert_eq!(protocol, Protocol::RestJson1);
    let operation = model.operation("DescribeDashboardSnapshotJobResult").unwrap();
    let input = Value::from(
        Structure::new().with("AwsAccountId", "123456789012").with("DashboardId", "d-1").with("SnapshotJobId", "j/1"),
    );
    let request =
        protocol::request(protocol, operation, &input, &Endpoint::default(), &RequestOptions::default()).unwrap();
    assert_eq!(
        (request.method.as_str(), request.uri.as_str()),
        ("GET", "/accounts/123456789012/dashboards/d-1/snapshot-jobs/j%2F1/result")
    );
    let reply = HttpResponse::new(200, r#"{"Arn": "arn:x", "JobStatus": "QUEUED"}"#);
    let output = protocol::response(protocol, operation, &reply).unwrap().unwrap();
    assert_eq!(output["Status"], Value::Integer(200));
    assert_eq!(output["JobStatus"].as_str(), Some("QUEUED"));
    let reply = HttpResponse::new(404, r#"{"Message": "no job", "ResourceType": "USER"}"#)
        .with_header("X-Amzn-Errortype", "ResourceNotFoundException");
    let error = protocol::response(protocol, operation, &reply).unwrap().unwrap_err();
    assert_eq!(
        (error.code.as_str(), error.shape.map(|s| s.name())),
        ("ResourceNotFoundException", Some("ResourceNotFoundException"))
    );
    assert_eq!(error.value["ResourceType"].as_str(), Some("USER"));
}
