//! Against botocore 1.44.8 itself (fetched from PyPI on first use and cached): every service
//! model loads, and every case of the awsJson, awsQuery and ec2Query suites passes.

use awsval::model::botocore;
use awsval_conformance::{Outcome, Report, SkipList, fetch};

#[test]
#[allow(clippy::print_stderr)] // The counts are worth seeing with --nocapture.
fn every_botocore_service_model_loads() {
    let data = fetch::botocore()
        .expect("botocore 1.44.8 can be fetched")
        .join("botocore/data");
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
    assert!(
        models >= 400,
        "only {models} models found under {}",
        data.display()
    );
    eprintln!("{models} models, {operations} operations, {shapes} shapes loaded");
}

#[test]
fn the_json_and_query_suites_pass_completely() {
    let suites = fetch::pinned_suites().expect("botocore 1.44.8 can be fetched");
    let files: Vec<_> = [
        "input/json.json",
        "input/json_1_0.json",
        "output/json.json",
        "output/json_1_0.json",
        "input/json_1_0-query-compatible.json",
        "output/json_1_0-query-compatible.json",
        "input/query.json",
        "output/query.json",
        "input/ec2.json",
        "output/ec2.json",
    ]
    .iter()
    .map(|name| suites[0].parent().unwrap().join(name))
    .collect();
    let report = Report::run(&files, &SkipList::builtin().unwrap()).unwrap();
    let totals = report.totals();
    assert_eq!((totals.failed, totals.skipped), (0, 0), "{report}");
    assert_eq!(totals.passed, 54 + 21 + 58 + 32 + 1 + 2 + 38 + 38 + 29 + 29);
    assert!(
        report
            .files
            .iter()
            .flat_map(|f| &f.cases)
            .all(|c| c.outcome == Outcome::Passed)
    );
}
