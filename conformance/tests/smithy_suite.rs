//! Smithy's own AWS protocol tests (`../shared/smithy/aws-protocol-tests.json`): every
//! `httpRequestTests` and `httpResponseTests` case of every service passes on the sides its
//! `appliesTo` names, but for the written skips. The `httpMalformedRequestTests` run too and
//! are counted: awsval's server does not refuse every malformed request yet (`Content-Type`
//! and `Accept` checks, nulls in dense collections, unknown union members), so they are held
//! to no fewer passes than today.

use std::path::PathBuf;

use awsval_conformance::{Outcome, Report, Side, SkipList};

#[test]
#[allow(clippy::print_stderr)] // The counts are worth seeing with --nocapture.
fn every_smithy_case_passes_but_the_written_skips() {
    let file = PathBuf::from(env!("CARGO_MANIFEST_DIR")).join("../../shared/smithy/aws-protocol-tests.json");
    if !file.is_file() {
        assert!(std::env::var_os("CI").is_none(), "CI has {}, but it is absent", file.display());
        eprintln!("skipped: {} is absent (a clone without ../shared)", file.display());
        return;
    }
    let report = Report::run_smithy(&[file], &SkipList::builtin().unwrap(), &[Side::Client, Side::Server]).unwrap();
    let malformed = |name: &str| name.ends_with(" (malformed)");
    let malformed_passed = report
        .files
        .iter()
        .filter(|f| malformed(&f.name))
        .flat_map(|f| &f.cases)
        .filter(|c| matches!(c.outcome, Outcome::Passed))
        .count();
    let failures: Vec<String> = report
        .files
        .iter()
        .filter(|f| !malformed(&f.name))
        .flat_map(|f| f.cases.iter().map(move |c| (f, c)))
        .filter_map(|(f, c)| match &c.outcome {
            Outcome::Failed(d) => Some(format!("{} :: {}: {}", f.name, c.id, d.join("; "))),
            _ => None,
        })
        .collect();
    let totals = report.totals();
    eprintln!("{} passed, {} failed, {} skipped", totals.passed, totals.failed, totals.skipped);
    assert!(failures.is_empty(), "{}", failures.join("\n"));
    eprintln!("malformed requests refused as Smithy says: {malformed_passed}");
    assert!(totals.passed - malformed_passed >= 1_380, "only {} passed", totals.passed - malformed_passed);
    assert!(malformed_passed >= 640, "only {malformed_passed} malformed requests refused as Smithy says");
}
