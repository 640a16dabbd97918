//! Smithy's own AWS protocol tests (`../shared/smithy/aws-protocol-tests.json`): every
//! `httpRequestTests` and `httpResponseTests` case of every service passes on the sides its
//! `appliesTo` names, and every `httpMalformedRequestTests` case (each row of its
//! `testParameters`) on the server's, but for the written skips.

use awsval_conformance::{Outcome, Report, Side, SkipList, fetch};

#[test]
#[allow(clippy::print_stderr)] // The counts are worth seeing with --nocapture.
fn every_smithy_case_passes_but_the_written_skips() {
    let Some(file) = fetch::shared("smithy/aws-protocol-tests.json") else { return };
    let report = Report::run_smithy(&[file], &SkipList::builtin().unwrap(), &[Side::Client, Side::Server]).unwrap();
    let failures: Vec<String> = report
        .files
        .iter()
        .flat_map(|f| f.cases.iter().map(move |c| (f, c)))
        .filter_map(|(f, c)| match &c.outcome {
            Outcome::Failed(d) => Some(format!("{} :: {}: {}", f.name, c.id, d.join("; "))),
            _ => None,
        })
        .collect();
    let totals = report.totals();
    eprintln!("{} passed, {} failed, {} skipped", totals.passed, totals.failed, totals.skipped);
    assert!(failures.is_empty(), "{}", failures.join("\n"));
    let malformed: usize =
        report.files.iter().filter(|f| f.name.ends_with(" (malformed)")).map(|f| f.cases.len()).sum();
    assert_eq!(malformed, 655, "the malformed-request cases, each row of its testParameters one");
    assert!(totals.passed >= 2_038, "only {} passed", totals.passed);
}
