//! Smithy's own protocol tests (`smithy.test#httpRequestTests` and `httpResponseTests`, as
//! traits of a Smithy JSON AST's operations and error shapes), run on the side(s) each case's
//! `appliesTo` names against the service's model loaded from the same AST; and its
//! `httpMalformedRequestTests`, on the server's side (see the `malformed` module).
//!
//! Each case is put in the form of botocore's converted suites (what the rest of the runner
//! reads), keeping what that form drops: `queryParams` compared as a set, `forbidQueryParams`,
//! `requireQueryParams`, `resolvedHost`, `bodyMediaType`.

use std::path::Path;

use awsval::model::smithy;
use awsval::protocol::Protocol;
use awsval::schema::Model;
use serde_json::{Value as Json, json};

use crate::skip::SkipList;
use crate::{CaseReport, FileReport, Outcome, Side, case, malformed, outcome, read_suites};

const REQUEST_TESTS: &str = "smithy.test#httpRequestTests";
const RESPONSE_TESTS: &str = "smithy.test#httpResponseTests";
const MALFORMED_TESTS: &str = "smithy.test#httpMalformedRequestTests";

/// Runs every request and response case of every service of the AST at `path` on each of
/// `sides`: one report per service and side, named `smithy/{Service}` (and `… (server)`).
pub(crate) fn run(path: &Path, skips: &SkipList, sides: &[Side]) -> awsval::Result<Vec<FileReport>> {
    let ast = read_suites(path)?;
    let bytes = serde_json::to_vec(&ast).map_err(|e| awsval::Error::syntax(e.to_string(), 0))?;
    let mut reports = Vec::new();
    for service in smithy::services(&bytes)? {
        let model = smithy::load_service(&[&bytes], Some(&service))?;
        let local = service.rsplit_once('#').map_or(service.as_str(), |(_, name)| name);
        for &side in sides {
            let name = match side {
                Side::Client => format!("smithy/{local}"),
                Side::Server => format!("smithy/{local} (server)"),
            };
            // The malformed requests report as a file of their own, `… (malformed)`.
            let malformed_name = format!("smithy/{local} (malformed)");
            let (mut cases, mut malformed) = (Vec::new(), Vec::new());
            for (id, operation, case) in service_cases(&ast, &model, &service, side) {
                let (name, list) = match case.get("malformed") {
                    Some(_) => (&malformed_name, &mut malformed),
                    None => (&name, &mut cases),
                };
                let outcome = match skips.reason(name, "", &id) {
                    Some(reason) => Outcome::Skipped(reason.to_owned()),
                    None => outcome(match case.get("malformed") {
                        Some(malformed) => Protocol::of_service(model.service())
                            .map_err(|e| e.to_string())
                            .and_then(|protocol| malformed::run(&model, protocol, malformed)),
                        None => case::run(&model, &operation, &json!({}), &case, side, false),
                    }),
                };
                list.push(CaseReport { suite: operation, id, outcome });
            }
            reports.push(FileReport { name, cases });
            if !malformed.is_empty() {
                reports.push(FileReport { name: malformed_name, cases: malformed });
            }
        }
    }
    Ok(reports)
}

/// The cases of `service` that apply to `side`, each with its operation's name and in the
/// botocore suites' form.
fn service_cases(ast: &Json, model: &Model, service: &str, side: Side) -> Vec<(String, String, Json)> {
    let shapes = ast.get("shapes").and_then(Json::as_object);
    let protocol = protocol_trait(ast, service);
    let applies = |case: &Json| match case.get("appliesTo").and_then(Json::as_str) {
        Some("client") => side == Side::Client,
        Some("server") => side == Side::Server,
        _ => true,
    };
    let namespace = service.split_once('#').map_or("", |(namespace, _)| namespace);
    // A name may be in several namespaces: the service's own comes first.
    let find = |name: &str, operation: bool| {
        let matching = |(id, shape): &(&String, &Json)| {
            id.rsplit_once('#').is_some_and(|(_, n)| n == name)
                && (shape.get("type").and_then(Json::as_str) == Some("operation")) == operation
        };
        let all = || shapes.into_iter().flatten().filter(matching);
        all().find(|(id, _)| id.starts_with(&format!("{namespace}#"))).or_else(|| all().next()).map(|(_, shape)| shape)
    };
    let mut cases = Vec::new();
    for operation in model.operations() {
        let Some(definition) = find(operation.name(), true) else { continue };
        let traits = definition.get("traits");
        let tests = |name: &str| traits.and_then(|t| t.get(name)).and_then(Json::as_array).into_iter().flatten();
        for test in tests(REQUEST_TESTS).filter(|c| applies(c) && same_protocol(c, protocol.as_deref())) {
            cases.push((id_of(test), operation.name().to_owned(), request_case(test)));
        }
        for test in tests(RESPONSE_TESTS).filter(|c| applies(c) && same_protocol(c, protocol.as_deref())) {
            cases.push((id_of(test), operation.name().to_owned(), response_case(test, None)));
        }
        if side == Side::Server {
            for test in tests(MALFORMED_TESTS).filter(|c| same_protocol(c, protocol.as_deref())) {
                for (id, case) in malformed::expand(test) {
                    cases.push((id, operation.name().to_owned(), json!({ "malformed": case })));
                }
            }
        }
        // An error's cases are on its shape; they run with each operation that names it, once.
        for error in operation.errors() {
            let error_tests = find(error.name(), false).and_then(|s| s.get("traits")?.get(RESPONSE_TESTS)?.as_array());
            for test in
                error_tests.into_iter().flatten().filter(|c| applies(c) && same_protocol(c, protocol.as_deref()))
            {
                let id = id_of(test);
                if !cases.iter().any(|(seen, _, _)| *seen == id) {
                    cases.push((id, operation.name().to_owned(), response_case(test, Some(error.name()))));
                }
            }
        }
    }
    cases
}

/// A case's `params`, its top-level members set to null left out: Smithy writes a member a
/// server leaves unset as null, where the botocore suites leave it out.
fn params_of(test: &Json) -> Json {
    let mut params = test.get("params").cloned().unwrap_or_else(|| json!({}));
    if let Json::Object(members) = &mut params {
        members.retain(|_, value| !value.is_null());
    }
    params
}

fn id_of(test: &Json) -> String {
    test.get("id").and_then(Json::as_str).unwrap_or_default().to_owned()
}

/// The service's protocol trait (`aws.protocols#restJson1`): cases of other protocols are
/// another service's.
fn protocol_trait(ast: &Json, service: &str) -> Option<String> {
    let traits = ast.get("shapes")?.get(service)?.get("traits")?.as_object()?;
    traits.keys().find(|id| id.starts_with("aws.protocols#") || id.starts_with("smithy.protocols#")).cloned()
}

fn same_protocol(test: &Json, protocol: Option<&str>) -> bool {
    match (test.get("protocol").and_then(Json::as_str), protocol) {
        (Some(theirs), Some(ours)) => theirs == ours,
        _ => true,
    }
}

/// A Smithy case's request URI: its `uri` with its `queryParams` after it.
pub(crate) fn uri_of(request: &Json) -> String {
    let query: Vec<&str> =
        request.get("queryParams").and_then(Json::as_array).into_iter().flatten().filter_map(Json::as_str).collect();
    let path = request.get("uri").and_then(Json::as_str).unwrap_or("/");
    if query.is_empty() { path.to_owned() } else { format!("{path}?{}", query.join("&")) }
}

/// A request case as the botocore suites write it: `params` and the `serialized` request.
fn request_case(test: &Json) -> Json {
    let text = |key: &str| test.get(key).and_then(Json::as_str);
    let mut serialized = json!({"method": text("method").unwrap_or("POST"), "uri": uri_of(test)});
    for key in [
        "headers",
        "forbidHeaders",
        "requireHeaders",
        "body",
        "bodyMediaType",
        "queryParams",
        "forbidQueryParams",
        "requireQueryParams",
    ] {
        if let Some(value) = test.get(key) {
            serialized[key] = value.clone();
        }
    }
    if let Some(host) = text("resolvedHost") {
        serialized["host"] = json!(host);
    }
    let mut case = json!({"id": id_of(test), "params": params_of(test), "serialized": serialized});
    if let Some(host) = text("host") {
        case["clientHost"] = json!(host);
    }
    case
}

/// A response case as the botocore suites write it: the `response`, and the `result`, or the
/// `errorCode` and `error` of error shape `error`.
fn response_case(test: &Json, error: Option<&str>) -> Json {
    let mut response = json!({"status_code": test.get("code").cloned().unwrap_or(json!(200))});
    for (from, to) in [("headers", "headers"), ("body", "body")] {
        if let Some(value) = test.get(from) {
            response[to] = value.clone();
        }
    }
    let params = params_of(test);
    // Smithy's clients are the ones that correct missing required members.
    let mut case = json!({"id": id_of(test), "response": response, "errorCorrection": true});
    match error {
        Some(shape) => {
            case["errorCode"] = json!(shape);
            case["errorShape"] = json!(shape);
            case["error"] = params;
        }
        None => case["result"] = params,
    }
    case
}
