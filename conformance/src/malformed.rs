//! Smithy's `smithy.test#httpMalformedRequestTests`: a request a server must refuse, with the
//! status, headers and body the case gives. The server here is awsval's: `parse_request`
//! (its refusals written with `RequestError::to_response`), then `ParsedRequest::validate`
//! (the operation's `ValidationException`).

use awsval::protocol::{self, HttpRequest, HttpResponse, Protocol, ResponseOptions};
use awsval::schema::Model;
use serde_json::{Value as Json, json};

use crate::compare::json_diff;

/// The cases of one test: the test itself, or one per row of its `testParameters` (named
/// `{id}_case{row}`), the parameters put in where `$name:S` (as a JSON string) and `$name:L`
/// (as they are) stand; `$$` is a `$`.
pub(crate) fn expand(test: &Json) -> Vec<(String, Json)> {
    let id = test.get("id").and_then(Json::as_str).unwrap_or_default();
    let Some(parameters) = test.get("testParameters").and_then(Json::as_object) else {
        return vec![(id.to_owned(), substitute(test, &[]))];
    };
    let rows = parameters.values().filter_map(Json::as_array).map(Vec::len).max().unwrap_or(0);
    (0..rows)
        .map(|row| {
            let values: Vec<(&str, &str)> = parameters
                .iter()
                .filter_map(|(name, values)| Some((name.as_str(), values.get(row)?.as_str()?)))
                .collect();
            (format!("{id}_case{row}"), substitute(test, &values))
        })
        .collect()
}

/// Puts the parameters in; `$$` is a `$` of the text.
fn substitute(json: &Json, values: &[(&str, &str)]) -> Json {
    const DOLLAR: &str = "\u{0}dollar\u{0}";
    match json {
        Json::String(text) => {
            let mut text = text.replace("$$", DOLLAR);
            for (name, value) in values {
                text = text.replace(&format!("${name}:S"), &json!(value).to_string());
                text = text.replace(&format!("${name}:L"), value);
            }
            Json::String(text.replace(DOLLAR, "$"))
        }
        Json::Array(items) => Json::Array(items.iter().map(|item| substitute(item, values)).collect()),
        Json::Object(members) => {
            Json::Object(members.iter().map(|(key, value)| (key.clone(), substitute(value, values))).collect())
        }
        other => other.clone(),
    }
}

/// Runs one (expanded) case; the differences found, empty when it passes.
pub(crate) fn run(model: &Model, protocol: Protocol, case: &Json) -> Result<Vec<String>, String> {
    let request = request_of(case.get("request").ok_or("the case has no `request`")?);
    let response = answer(model, protocol, &request)?;
    let expected = case.get("response").ok_or("the case has no `response`")?;
    let mut differences = Vec::new();
    let code = expected.get("code").and_then(Json::as_u64).unwrap_or(400);
    if u64::from(response.status) != code {
        differences.push(format!("status: expected {code}, got {}", response.status));
    }
    for (name, value) in expected.get("headers").and_then(Json::as_object).into_iter().flatten() {
        let value = value.as_str().unwrap_or_default();
        match response.header(name) {
            Some(actual) if actual == value => {}
            other => differences.push(format!("header {name}: expected {value:?}, got {other:?}")),
        }
    }
    let assertion = expected.get("body").and_then(|b| b.get("assertion"));
    if let Some(contents) = assertion.and_then(|a| a.get("contents")).and_then(Json::as_str) {
        match (serde_json::from_str::<Json>(contents), serde_json::from_slice::<Json>(&response.body)) {
            (Ok(e), Ok(a)) => differences.extend(json_diff(&e, &a).into_iter().map(|d| format!("body {d}"))),
            (_, Err(error)) => differences.push(format!("body: not JSON ({error})")),
            (Err(error), _) => differences.push(format!("body: the case's is not JSON ({error})")),
        }
    }
    Ok(differences)
}

fn request_of(request: &Json) -> HttpRequest {
    let text = |key: &str| request.get(key).and_then(Json::as_str);
    let uri = crate::smithy::uri_of(request);
    let mut http = HttpRequest::new(text("method").unwrap_or("POST"), &uri, text("body").unwrap_or_default());
    http.host = text("host").unwrap_or("example.com").to_owned();
    for (name, value) in request.get("headers").and_then(Json::as_object).into_iter().flatten() {
        http.headers.push((name.clone(), value.as_str().unwrap_or_default().to_owned()));
    }
    if !http.body.is_empty() && http.header("Content-Length").is_none() {
        http.headers.push(("Content-Length".to_owned(), http.body.len().to_string()));
    }
    http
}

/// What awsval's server answers: the refusal of `parse_request`, or the error
/// `ParsedRequest::validate` gives for an input that breaks its constraints, or (a failure of
/// the case) the input accepted.
fn answer(model: &Model, protocol: Protocol, request: &HttpRequest) -> Result<HttpResponse, String> {
    let options = ResponseOptions::default();
    let parsed = match protocol::parse_request(protocol, model, request) {
        Ok(parsed) => parsed,
        Err(refused) => return refused.to_response(protocol, model, &options).map_err(|e| e.to_string()),
    };
    match parsed.validate() {
        Ok(()) => Err(format!("the request was accepted, its input {:?}", parsed.input)),
        Err(error) => protocol::encode_error(protocol, parsed.operation, &error, &options).map_err(|e| e.to_string()),
    }
}
