//! Running one case: build its model, serialize or parse, compare.

use awsval::json::{self, BlobText, JsonSettings};
use awsval::model::botocore;
use awsval::protocol::{self, Endpoint, HttpRequest, HttpResponse, Protocol, RequestOptions};
use awsval::schema::{Model, ShapeRef};
use awsval::{Structure, TimestampFormat, Value};
use serde_json::{Value as Json, json};

use crate::canonical_xml::canonical;
use crate::compare::{json_diff, short};

/// How the suites write values: member names as keys, timestamps as epoch seconds, blobs as
/// UTF-8 text, special floats as strings.
fn case_settings() -> JsonSettings {
    JsonSettings::aws_json()
        .with_timestamp_format(TimestampFormat::EpochSeconds)
        .forcing_timestamp_format()
        .with_blob_text(BlobText::Utf8)
}

/// The model of one case: the suite's metadata and shapes, and the case's operation.
fn model_of(suite: &Json, case: &Json) -> Result<(Model, String), String> {
    let given = case.get("given").ok_or("the case has no `given`")?;
    let name = given.get("name").and_then(Json::as_str).unwrap_or("OperationName").to_owned();
    let document = json!({
        "metadata": suite.get("metadata").cloned().unwrap_or_else(|| json!({})),
        "shapes": suite.get("shapes").cloned().unwrap_or_else(|| json!({})),
        "operations": { name.clone(): given },
    });
    let model = botocore::load_value(document).map_err(|e| format!("the model does not load: {e}"))?;
    Ok((model, name))
}

/// Reads a value written the suites' way.
fn value_of(json: &Json, shape: ShapeRef<'_>) -> Result<Value, String> {
    let bytes = serde_json::to_vec(json).map_err(|e| e.to_string())?;
    json::decode(&bytes, shape, &case_settings()).map_err(|e| format!("the case's value does not fit the model: {e}"))
}

/// Writes a value the suites' way. A union member unknown to the model, which no encoder
/// writes, is shown as botocore shows it: `{"SDK_UNKNOWN_MEMBER": {"name": ...}}`.
fn json_of(value: &Value, shape: Option<ShapeRef<'_>>) -> Result<Json, String> {
    let Some(shape) = shape else {
        return Ok(json!({}));
    };
    let mut value = value.clone();
    let unknown = take_unknown_unions(&mut value);
    let bytes = json::encode(&value, shape, &case_settings()).map_err(|e| format!("cannot show the value: {e}"))?;
    let mut json: Json = serde_json::from_slice(&bytes).map_err(|e| e.to_string())?;
    for (path, name) in unknown {
        let mut at = &mut json;
        for step in &path {
            at = match step {
                Step::Key(key) => &mut at[key.as_str()],
                Step::Index(index) => &mut at[*index],
            };
        }
        *at = json!({"SDK_UNKNOWN_MEMBER": {"name": name}});
    }
    Ok(json)
}

/// One step down a value: a member or map key, or a list index.
enum Step {
    Key(String),
    Index(usize),
}

/// Replaces every union member unknown to the model with a null (which encoders leave out) and
/// gives their paths and names.
fn take_unknown_unions(value: &mut Value) -> Vec<(Vec<Step>, String)> {
    let mut found = Vec::new();
    let mut pending: Vec<(Vec<Step>, &mut Value)> = vec![(Vec::new(), value)];
    while let Some((path, value)) = pending.pop() {
        let child = |path: &Vec<Step>, step: Step| {
            let mut path: Vec<Step> = path.iter().map(Step::copy).collect();
            path.push(step);
            path
        };
        match value {
            Value::Union(union) if union.is_unknown() => {
                found.push((path, union.name().to_owned()));
                *value = Value::Null;
            }
            Value::Union(union) => {
                let name = union.name().to_owned();
                pending.extend(union.value_mut().map(|v| (child(&path, Step::Key(name)), v)));
            }
            Value::Structure(structure) => {
                pending.extend(structure.iter_mut().map(|(name, v)| (child(&path, Step::Key(name.to_string())), v)));
            }
            Value::List(items) => {
                pending.extend(items.iter_mut().enumerate().map(|(i, v)| (child(&path, Step::Index(i)), v)))
            }
            Value::Map(entries) => {
                pending.extend(entries.iter_mut().map(|(k, v)| (child(&path, Step::Key(k.to_owned())), v)))
            }
            _ => {}
        }
    }
    found
}

impl Step {
    fn copy(&self) -> Self {
        match self {
            Self::Key(key) => Self::Key(key.clone()),
            Self::Index(index) => Self::Index(*index),
        }
    }
}

/// The token the suites expect where an idempotency token is filled in.
fn fixed_token() -> String {
    "00000000-0000-4000-8000-000000000000".to_owned()
}

/// Runs an input (serialization) case; the differences found, empty when it passes.
pub(crate) fn input(suite: &Json, case: &Json) -> Result<Vec<String>, String> {
    let (model, name) = model_of(suite, case)?;
    let operation = model.operation(&name).ok_or("the operation is missing from its model")?;
    let protocol = Protocol::of_service(model.service()).map_err(|e| e.to_string())?;
    let params = case.get("params").cloned().unwrap_or_else(|| json!({}));
    let input = match operation.input() {
        Some(shape) => value_of(&params, shape)?,
        None => Value::Structure(Structure::new()),
    };
    let expected = case.get("serialized").ok_or("the case has no `serialized`")?;
    // A host with a path ("example.com/custom") is the endpoint's; otherwise the suites
    // assume example.com and expect a host prefix, if any, before it.
    let expected_host = expected.get("host").and_then(Json::as_str);
    // The suite's `clientEndpoint` is where its client sends (botocore's harness reads it).
    let client_endpoint = suite.get("clientEndpoint").and_then(Json::as_str);
    let endpoint = match (expected_host, client_endpoint) {
        (Some(host), _) if host.contains('/') => Endpoint::parse(host),
        (_, Some(url)) => Endpoint::parse(url),
        _ => Endpoint::default(),
    };
    let request = protocol::request(
        protocol,
        operation,
        &input,
        &endpoint,
        &RequestOptions::default().with_idempotency_token(fixed_token),
    )
    .map_err(|e| format!("serialization failed: {e}"))?;
    let mut differences = Vec::new();
    compare_request(protocol, &request, expected, &mut differences);
    if let Some(host) = expected_host {
        let actual = format!("{}{}", request.host, endpoint.path);
        if actual != host {
            differences.push(format!("host: expected {host:?}, got {actual:?}"));
        }
    }
    Ok(differences)
}

/// Runs an input case on the server's side: its `serialized` request is routed and read back,
/// and must give its `params`. What the case leaves out of its request (headers it does not
/// assert, a compressed body) is what a client writes: awsval's client request for the same
/// params fills it in.
pub(crate) fn input_on_server(suite: &Json, case: &Json) -> Result<Vec<String>, String> {
    let (model, name) = model_of(suite, case)?;
    let operation = model.operation(&name).ok_or("the operation is missing from its model")?;
    let protocol = Protocol::of_service(model.service()).map_err(|e| e.to_string())?;
    let serialized = case.get("serialized").ok_or("the case has no `serialized`")?;
    let params = case.get("params").cloned().unwrap_or_else(|| json!({}));
    let params = match operation.input() {
        Some(shape) => value_of(&params, shape)?,
        None => Value::Structure(Structure::new()),
    };
    let options = RequestOptions::default().with_idempotency_token(fixed_token);
    let mut request = protocol::request(protocol, operation, &params, &Endpoint::default(), &options)
        .map_err(|e| format!("serialization failed: {e}"))?;
    let text = |key: &str| serialized.get(key).and_then(Json::as_str);
    if let Some(method) = text("method") {
        request.method = method.to_owned();
    }
    if let Some(uri) = text("uri") {
        // A host with a path (`example.com/custom`) puts that path before the operation's.
        let base = text("host").and_then(|host| host.split_once('/')).map(|(_, path)| format!("/{path}"));
        request.uri = base.and_then(|base| uri.strip_prefix(&base)).unwrap_or(uri).to_owned();
    }
    if let Some(body) = text("body") {
        request.body = body.as_bytes().to_vec();
    }
    for (name, value) in serialized.get("headers").and_then(Json::as_object).into_iter().flatten() {
        request.headers.retain(|(n, _)| !n.eq_ignore_ascii_case(name));
        request.headers.push((name.clone(), value.as_str().unwrap_or_default().to_owned()));
    }
    let parsed =
        protocol::parse_request(protocol, &model, &request).map_err(|e| format!("the request is refused: {e}"))?;
    let mut differences = Vec::new();
    if parsed.operation.name() != name {
        differences.push(format!("routed to {}, not {name}", parsed.operation.name()));
    }
    let mut expected = json_of(&params, operation.input())?;
    let actual = json_of(&parsed.input, parsed.operation.input())?;
    absent_where_empty(&mut expected, &actual);
    differences.extend(json_diff(&expected, &actual).into_iter().map(|d| format!("input {d}")));
    Ok(differences)
}

/// Drops from `expected` the empty lists, maps and structures that `actual` does not have:
/// where the wire leaves an empty collection out (ec2Query lists, awsQuery maps, query-string
/// lists, an empty structure payload), a server cannot tell it from an absent one.
fn absent_where_empty(expected: &mut Json, actual: &Json) {
    let Json::Object(members) = expected else { return };
    members.retain(|key, value| {
        let empty = match value {
            Json::Array(items) => items.is_empty(),
            Json::Object(entries) => entries.is_empty(),
            _ => false,
        };
        !empty || actual.get(key).is_some()
    });
    for (key, value) in members.iter_mut() {
        if let Some(actual) = actual.get(key) {
            absent_where_empty(value, actual);
        }
    }
}

fn compare_request(protocol: Protocol, request: &HttpRequest, expected: &Json, out: &mut Vec<String>) {
    let text = |key: &str| expected.get(key).and_then(Json::as_str);
    if let Some(method) = text("method").filter(|m| *m != request.method) {
        out.push(format!("method: expected {method}, got {}", request.method));
    }
    if let Some(uri) = text("uri").filter(|u| *u != request.uri) {
        out.push(format!("uri: expected {uri:?}, got {:?}", request.uri));
    }
    for (name, value) in expected.get("headers").and_then(Json::as_object).into_iter().flatten() {
        let value = value.as_str().unwrap_or_default();
        match request.header(name) {
            Some(actual) if headers_agree(value, actual) => {}
            Some(actual) => out.push(format!("header {name}: expected {value:?}, got {actual:?}")),
            None => out.push(format!("header {name}: missing (expected {value:?})")),
        }
    }
    for name in expected.get("forbidHeaders").and_then(Json::as_array).into_iter().flatten().filter_map(Json::as_str) {
        if let Some(actual) = request.header(name) {
            out.push(format!("header {name}: forbidden, got {actual:?}"));
        }
    }
    for name in expected.get("requireHeaders").and_then(Json::as_array).into_iter().flatten().filter_map(Json::as_str) {
        if request.header(name).is_none() {
            out.push(format!("header {name}: required, missing"));
        }
    }
    if let Some(body) = text("body") {
        compare_body(protocol, body, &request.body, out);
    }
}

/// Header values compared as botocore's harness compares them: a form `Content-Type` with or
/// without `; charset=utf-8`, and list items with or without the space after each comma.
fn headers_agree(expected: &str, actual: &str) -> bool {
    let without_charset = |text: &str| {
        let lower = text.to_ascii_lowercase();
        lower.strip_suffix("; charset=utf-8").map_or(lower.clone(), str::to_owned)
    };
    let items = |text: &str| text.split(',').map(str::trim).map(str::to_owned).collect::<Vec<_>>();
    expected == actual || without_charset(expected) == without_charset(actual) || items(expected) == items(actual)
}

fn compare_body(protocol: Protocol, expected: &str, actual: &[u8], out: &mut Vec<String>) {
    let actual_text = String::from_utf8_lossy(actual);
    if protocol.json_settings().is_some() && !expected.is_empty() {
        let parsed: Result<Json, _> = serde_json::from_str(expected);
        match (parsed, serde_json::from_slice::<Json>(actual)) {
            (Ok(e), Ok(a)) => out.extend(json_diff(&e, &a).into_iter().map(|d| format!("body {d}"))),
            (Ok(_), Err(error)) => out.push(format!("body: not JSON ({error}): {actual_text:?}")),
            (Err(_), _) if expected != actual_text => {
                out.push(format!("body: expected {expected:?}, got {actual_text:?}"));
            }
            (Err(_), _) => {}
        }
    } else if protocol == Protocol::RestXml && expected.trim_start().starts_with('<') {
        match (canonical(expected.as_bytes()), canonical(actual)) {
            (Ok(e), Ok(a)) if e == a => {}
            (Ok(e), Ok(a)) => out.push(format!("body (canonical XML): expected {e:?}, got {a:?}")),
            (_, Err(error)) => out.push(format!("body: not XML ({error}): {actual_text:?}")),
            (Err(_), Ok(_)) => out.push(format!("body: expected {expected:?}, got {actual_text:?}")),
        }
    } else if expected != actual_text {
        out.push(format!("body: expected {expected:?}, got {actual_text:?}"));
    }
}

/// Runs an output (parsing) case; the differences found, empty when it passes.
pub(crate) fn output(suite: &Json, case: &Json) -> Result<Vec<String>, String> {
    let (model, name) = model_of(suite, case)?;
    let operation = model.operation(&name).ok_or("the operation is missing from its model")?;
    let protocol = Protocol::of_service(model.service()).map_err(|e| e.to_string())?;
    let response = response_of(case.get("response").ok_or("the case has no `response`")?);
    let parsed = protocol::response(protocol, operation, &response).map_err(|e| format!("parsing failed: {e}"))?;
    let mut differences = Vec::new();
    let expects_error = case.get("errorCode").is_some() || case.get("error").is_some();
    match (parsed, expects_error) {
        (Ok(value), false) => {
            let actual = json_of(&value, operation.output())?;
            let expected = case.get("result").cloned().unwrap_or_else(|| json!({}));
            differences.extend(json_diff(&expected, &actual).into_iter().map(|d| format!("result {d}")));
        }
        (Err(error), true) => {
            let expected_code = case.get("errorCode").and_then(Json::as_str).unwrap_or_default();
            if error.code != expected_code {
                differences.push(format!("error code: expected {expected_code:?}, got {:?}", error.code));
            }
            if let Some(message) = case.get("errorMessage").and_then(Json::as_str) {
                if error.message.as_deref() != Some(message) {
                    differences.push(format!("error message: expected {message:?}, got {:?}", error.message));
                }
            }
            let actual = json_of(&error.value, error.shape)?;
            let expected = case.get("error").cloned().unwrap_or_else(|| json!({}));
            differences.extend(json_diff(&expected, &actual).into_iter().map(|d| format!("error {d}")));
        }
        (Ok(value), true) => differences.push(format!(
            "expected an error, got the output {}",
            json_of(&value, operation.output()).map_or_else(|e| e, |j| short(&j))
        )),
        (Err(error), false) => differences.push(format!("expected the output, got the error {error}")),
    }
    Ok(differences)
}

fn response_of(response: &Json) -> HttpResponse {
    let status = response.get("status_code").and_then(Json::as_u64).and_then(|s| u16::try_from(s).ok()).unwrap_or(200);
    let body = response.get("body").and_then(Json::as_str).unwrap_or_default();
    let headers = response
        .get("headers")
        .and_then(Json::as_object)
        .into_iter()
        .flatten()
        .map(|(name, value)| (name.clone(), value.as_str().map_or_else(|| value.to_string(), str::to_owned)))
        .collect();
    HttpResponse { status, headers, body: body.as_bytes().to_vec() }
}
