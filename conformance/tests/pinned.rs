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
