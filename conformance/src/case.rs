//! Running one case: build its model, serialize or parse, compare.

use awsval::json::{self, BlobText, JsonSettings};
use awsval::model::botocore;
use awsval::protocol::{
    self, Endpoint, HttpRequest, HttpResponse, Protocol, RequestOptions, ResponseOptions, ServiceError,
};
use awsval::schema::{Model, OperationRef, ShapeRef};
use awsval::{Blob, Structure, TimestampFormat, Value};
use serde_json::{Value as Json, json};

use crate::Side;
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
pub(crate) fn model_of(suite: &Json, case: &Json) -> Result<(Model, String), String> {
    let (document, name) = model_document(suite, case)?;
    let model = botocore::load_value(document).map_err(|e| format!("the model does not load: {e}"))?;
    Ok((model, name))
}

/// The botocore document of a case's model, and its operation's name.
pub(crate) fn model_document(suite: &Json, case: &Json) -> Result<(Json, String), String> {
    let given = case.get("given").ok_or("the case has no `given`")?;
    let name = given.get("name").and_then(Json::as_str).unwrap_or("OperationName").to_owned();
    let document = json!({
        "metadata": suite.get("metadata").cloned().unwrap_or_else(|| json!({})),
        "shapes": suite.get("shapes").cloned().unwrap_or_else(|| json!({})),
        "operations": { name.clone(): given },
    });
    Ok((document, name))
}

/// Reads a value written the suites' way.
pub(crate) fn value_of(json: &Json, shape: ShapeRef<'_>) -> Result<Value, String> {
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

/// Runs a case on `side`: an input case (it has `params` or `serialized`) serializes or
/// parses a request, an output case parses or writes a response.
pub(crate) fn run(
    model: &Model,
    name: &str,
    suite: &Json,
    case: &Json,
    side: Side,
    legacy: bool,
) -> Result<Vec<String>, String> {
    match (side, case.get("params").is_some() || case.get("serialized").is_some()) {
        (Side::Client, true) => input(model, name, suite, case),
        (Side::Server, true) => input_on_server(model, name, case),
        (Side::Client, false) => output(model, name, case),
        (Side::Server, false) => output_on_server(model, name, case, legacy),
    }
}

/// The token the suites expect where an idempotency token is filled in.
fn fixed_token() -> String {
    "00000000-0000-4000-8000-000000000000".to_owned()
}

/// Runs an input (serialization) case; the differences found, empty when it passes.
pub(crate) fn input(model: &Model, name: &str, suite: &Json, case: &Json) -> Result<Vec<String>, String> {
    let operation = model.operation(name).ok_or("the operation is missing from its model")?;
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
    // A Smithy case names the host its client is given (`clientHost`, its `host`).
    let client_host = case.get("clientHost").and_then(Json::as_str);
    let endpoint = match (client_host, expected_host, client_endpoint) {
        (Some(host), _, _) => Endpoint::parse(host),
        (None, Some(host), _) if host.contains('/') => Endpoint::parse(host),
        (None, _, Some(url)) => Endpoint::parse(url),
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
/// params fills it in. The request reaches the server as an HTTP/1.1 message's bytes.
pub(crate) fn input_on_server(model: &Model, name: &str, case: &Json) -> Result<Vec<String>, String> {
    let operation = model.operation(name).ok_or("the operation is missing from its model")?;
    let protocol = Protocol::of_service(model.service()).map_err(|e| e.to_string())?;
    let (request, params) = server_request(case, protocol, operation)?;
    let request = HttpRequest::from_http1(&request.to_http1().map_err(|e| e.to_string())?)
        .map_err(|e| format!("the HTTP/1.1 message: {e}"))?;
    let parsed =
        protocol::parse_request(protocol, model, &request).map_err(|e| format!("the request is refused: {e}"))?;
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

/// The request a case's server receives (its `serialized` request, completed as a client
/// writes it and framed by its body's length), and the params it must read back.
pub(crate) fn server_request(
    case: &Json,
    protocol: Protocol,
    operation: OperationRef<'_>,
) -> Result<(HttpRequest, Value), String> {
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
        request.body = suite_body(protocol, body);
    }
    for (name, value) in serialized.get("headers").and_then(Json::as_object).into_iter().flatten() {
        request.headers.retain(|(n, _)| !n.eq_ignore_ascii_case(name));
        request.headers.push((name.clone(), value.as_str().unwrap_or_default().to_owned()));
    }
    request.headers.retain(|(n, _)| !n.eq_ignore_ascii_case("Content-Length"));
    if !request.body.is_empty() {
        request.headers.push(("Content-Length".to_owned(), request.body.len().to_string()));
    }
    Ok((request, params))
}

/// Drops from `expected` the empty lists, maps and structures that `actual` does not have:
/// where the wire leaves an empty collection out (ec2Query lists, awsQuery maps, query-string
/// lists, an empty structure payload), a server cannot tell it from an absent one.
pub(crate) fn absent_where_empty(expected: &mut Json, actual: &Json) {
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
    let smithy_query =
        ["queryParams", "forbidQueryParams", "requireQueryParams"].iter().any(|k| expected.get(*k).is_some());
    if smithy_query {
        compare_query(request, expected, out);
    } else if let Some(uri) = text("uri").filter(|u| *u != request.uri) {
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

/// A Smithy case's URI: the path exactly; each of `queryParams` present (in any order, as
/// many times as listed), none of `forbidQueryParams`, every key of `requireQueryParams`.
fn compare_query(request: &HttpRequest, expected: &Json, out: &mut Vec<String>) {
    let list = |key: &str| expected.get(key).and_then(Json::as_array).into_iter().flatten().filter_map(Json::as_str);
    let expected_path = expected.get("uri").and_then(Json::as_str).unwrap_or("/");
    let expected_path = expected_path.split_once('?').map_or(expected_path, |(path, _)| path);
    let (path, query) = request.uri.split_once('?').unwrap_or((&request.uri, ""));
    if path != expected_path {
        out.push(format!("uri path: expected {expected_path:?}, got {path:?}"));
    }
    let mut actual: Vec<&str> = query.split('&').filter(|p| !p.is_empty()).collect();
    let key = |param: &str| param.split_once('=').map_or(param, |(key, _)| key).to_owned();
    for param in list("queryParams") {
        match actual.iter().position(|p| *p == param) {
            Some(at) => {
                actual.remove(at);
            }
            None => out.push(format!("query: {param:?} missing from {query:?}")),
        }
    }
    for name in list("forbidQueryParams") {
        if query.split('&').any(|p| key(p) == name) {
            out.push(format!("query: {name:?} forbidden, in {query:?}"));
        }
    }
    for name in list("requireQueryParams") {
        if !query.split('&').any(|p| key(p) == name) {
            out.push(format!("query: {name:?} required, missing from {query:?}"));
        }
    }
}

/// Header values compared as botocore's harness compares them: a form `Content-Type` with or
/// without `; charset=utf-8`, and list items with or without the space after each comma.
fn headers_agree(expected: &str, actual: &str) -> bool {
    let without_charset = |text: &str| {
        let lower = text.to_ascii_lowercase().replace("; ", ";");
        lower.strip_suffix(";charset=utf-8").map_or(lower.clone(), str::to_owned)
    };
    let items = |text: &str| text.split(',').map(str::trim).map(str::to_owned).collect::<Vec<_>>();
    expected == actual || without_charset(expected) == without_charset(actual) || items(expected) == items(actual)
}

/// A body as the suite gives it: text, or base64 for CBOR.
fn suite_body(protocol: Protocol, text: &str) -> Vec<u8> {
    match protocol {
        Protocol::RpcV2Cbor => {
            Blob::from_base64(text).map(Blob::into_inner).unwrap_or_else(|_| text.as_bytes().to_vec())
        }
        _ => text.as_bytes().to_vec(),
    }
}

/// Compares CBOR bodies as the items they hold (an error's `__type` as the code it names).
fn compare_cbor(expected: &[u8], actual: &[u8], out: &mut Vec<String>) {
    let settings = awsval::cbor::CborSettings::new();
    let read = |bytes: &[u8]| {
        awsval::cbor::decode_any(bytes, &settings).map(|mut value| {
            if let Some(Value::String(code)) = value.get_mut("__type") {
                *code = protocol::sanitize_error_code(code).to_owned();
            }
            value
        })
    };
    match (expected.is_empty(), actual.is_empty()) {
        (true, true) => {}
        (true, false) | (false, true) => {
            out.push(format!("body: expected {} bytes, got {}", expected.len(), actual.len()))
        }
        (false, false) => match (read(expected), read(actual)) {
            (Ok(e), Ok(a)) if a.equivalent(&e) => {}
            (Ok(e), Ok(a)) => out.push(format!("body (CBOR): expected {e:?}, got {a:?}")),
            (_, Err(error)) => out.push(format!("body: not CBOR ({error})")),
            (Err(error), _) => out.push(format!("body: the case's is not CBOR ({error})")),
        },
    }
}

fn compare_body(protocol: Protocol, expected: &str, actual: &[u8], out: &mut Vec<String>) {
    let actual_text = String::from_utf8_lossy(actual);
    if protocol == Protocol::RpcV2Cbor {
        compare_cbor(&suite_body(protocol, expected), actual, out);
    } else if protocol.json_settings().is_some() && !expected.is_empty() {
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

/// Compares a response body a server wrote with the case's: JSON as values (an error's
/// `__type` as the code it names: botocore's models carry no namespace to write, and every
/// reader takes the code after the `#`), XML after canonicalisation (the root's default
/// namespace only when the model declares one: botocore's models of the test services drop the
/// services' `@xmlNamespace`), anything else exactly.
fn compare_response_body(
    protocol: Protocol,
    expected: &[u8],
    actual: &[u8],
    declares_namespace: bool,
    out: &mut Vec<String>,
) {
    if protocol == Protocol::RpcV2Cbor {
        return compare_cbor(expected, actual, out);
    }
    let expected = &*String::from_utf8_lossy(expected);
    let actual_text = String::from_utf8_lossy(actual);
    let is_json = protocol.json_settings().is_some();
    if expected.trim().is_empty() || !(is_json || expected.trim_start().starts_with('<')) {
        if expected.trim() != actual_text.trim() {
            out.push(format!("body: expected {expected:?}, got {actual_text:?}"));
        }
        return;
    }
    if !is_json {
        return match (canonical(expected.as_bytes()), canonical(actual)) {
            // A case whose root declares no namespace shows that clients ignore it: a server
            // may write its service's (as AWS's query services do on `<ErrorResponse>`).
            (Ok(e), Ok(a))
                if e == a
                    || (!declares_namespace && without_root_namespace(&e) == a)
                    || (without_root_namespace(&e) == e && without_root_namespace(&a) == e) => {}
            (Ok(e), Ok(a)) => out.push(format!("body (canonical XML): expected {e:?}, got {a:?}")),
            (_, Err(error)) => out.push(format!("body: not XML ({error}): {actual_text:?}")),
            (Err(_), Ok(_)) => out.push(format!("body: expected {expected:?}, got {actual_text:?}")),
        };
    }
    let type_as_code = |mut json: Json| {
        if let Some(code) = json.get("__type").and_then(Json::as_str) {
            json["__type"] = json!(protocol::sanitize_error_code(code));
        }
        json
    };
    match (serde_json::from_str::<Json>(expected), serde_json::from_slice::<Json>(actual)) {
        (Ok(e), Ok(a)) => {
            out.extend(json_diff(&type_as_code(e), &type_as_code(a)).into_iter().map(|d| format!("body {d}")))
        }
        (Ok(_), Err(error)) => out.push(format!("body: not JSON ({error}): {actual_text:?}")),
        (Err(_), _) if expected != actual_text => out.push(format!("body: expected {expected:?}, got {actual_text:?}")),
        (Err(_), _) => {}
    }
}

/// A canonical document without its root element's default namespace declaration.
fn without_root_namespace(canonical: &str) -> String {
    let root_end = canonical.find('>').unwrap_or(0);
    match canonical[..root_end].find(" xmlns=\"") {
        Some(start) => {
            let value_end = canonical[start + 8..].find('"').map_or(root_end, |end| start + 8 + end + 1);
            format!("{}{}", &canonical[..start], &canonical[value_end..])
        }
        None => canonical.to_owned(),
    }
}

/// Runs an output (parsing) case; the differences found, empty when it passes.
pub(crate) fn output(model: &Model, name: &str, case: &Json) -> Result<Vec<String>, String> {
    let operation = model.operation(name).ok_or("the operation is missing from its model")?;
    let protocol = Protocol::of_service(model.service()).map_err(|e| e.to_string())?;
    let response = response_of(case.get("response").ok_or("the case has no `response`")?, operation);
    // Smithy's clients correct a response that lacks required members; botocore does not.
    let correct = case.get("errorCorrection").and_then(Json::as_bool).unwrap_or(false);
    let options = protocol::ReadOptions::default().with_error_correction(correct);
    let parsed = protocol::response_with(protocol, operation, &response, &options)
        .map_err(|e| format!("parsing failed: {e}"))?;
    compare_parsed(case, operation, parsed)
}

/// Compares what a client read with the case's result or error.
fn compare_parsed(
    case: &Json,
    operation: OperationRef<'_>,
    parsed: Result<Value, ServiceError<'_>>,
) -> Result<Vec<String>, String> {
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
            // A Smithy case names the error's shape; its code on the wire may differ
            // (`@awsQueryError`).
            match case.get("errorShape").and_then(Json::as_str) {
                Some(shape) if error.shape.map(|s| s.name()) != Some(shape) => differences.push(format!(
                    "error shape: expected {shape}, got {:?} (code {:?})",
                    error.shape.map(|s| s.name()),
                    error.code
                )),
                Some(_) => {}
                None if error.code != expected_code => {
                    differences.push(format!("error code: expected {expected_code:?}, got {:?}", error.code));
                }
                None => {}
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

/// Runs an output case on the server's side: its result (or error) is written as a response,
/// which must (1) read back, as a client reads it, to the same result and (2) match the case's
/// response: its status, the headers it lists, and its body (JSON as values, XML
/// canonicalised). The request id the case's response shows is the one the server is given;
/// the response reaches the client as an HTTP/1.1 message's bytes.
///
/// botocore's `legacy` files were written for its parser: their responses hold what a client
/// must get past (headers and elements no member binds, roots of any name, `+00:00` offsets,
/// an error `<Type>` of `SomeType`), not what a server writes. For them (2) is: the status, and
/// the whole response (headers and body) as the value a client reads from it.
pub(crate) fn output_on_server(model: &Model, name: &str, case: &Json, legacy: bool) -> Result<Vec<String>, String> {
    let operation = model.operation(name).ok_or("the operation is missing from its model")?;
    let protocol = Protocol::of_service(model.service()).map_err(|e| e.to_string())?;
    let expected = response_of(case.get("response").ok_or("the case has no `response`")?, operation);
    let (answer, options) = server_answer(case, protocol, operation, &expected)?;
    let reply = match &answer {
        Answer::Output(output) => protocol::encode_response(protocol, operation, output, &options),
        Answer::Error(error) => protocol::encode_error(protocol, operation, error, &options),
    }
    .map_err(|e| format!("writing the response failed: {e}"))?;
    let reply = HttpResponse::from_http1(&reply.to_http1().map_err(|e| e.to_string())?)
        .map_err(|e| format!("the HTTP/1.1 message: {e}"))?;
    let parsed = protocol::response(protocol, operation, &reply).map_err(|e| format!("reading it back failed: {e}"))?;
    let read_back = read_back_case(case, operation, reply.status)?;
    let mut differences: Vec<String> =
        compare_parsed(&read_back, operation, parsed)?.into_iter().map(|d| format!("read back: {d}")).collect();
    if reply.status != expected.status {
        differences.push(format!("status: expected {}, got {}", expected.status, reply.status));
    }
    for (name, value) in expected.headers.iter().filter(|_| !legacy) {
        match reply.header(name) {
            Some(actual) if headers_agree(value, actual) => {}
            Some(actual) => differences.push(format!("header {name}: expected {value:?}, got {actual:?}")),
            None => differences.push(format!("header {name}: missing (expected {value:?})")),
        }
    }
    if legacy {
        let read = |response: &HttpResponse| match protocol::response(protocol, operation, response) {
            Ok(Ok(value)) => json_of(&value, operation.output()),
            Ok(Err(error)) => json_of(&error.value, error.shape),
            Err(error) => Err(error.to_string()),
        };
        let (expected, actual) = (read(&expected)?, read(&reply)?);
        differences.extend(json_diff(&expected, &actual).into_iter().map(|d| format!("response as a value {d}")));
    } else if case.get("response").and_then(|r| r.get("body")).is_some() {
        let declares_namespace = model.service().xml_namespace.is_some();
        compare_response_body(protocol, &expected.body, &reply.body, declares_namespace, &mut differences);
    }
    Ok(differences)
}

/// The case as a client reads the response its server wrote: the result with the defaults the
/// server filled in, and the status in an `@httpResponseCode` member the result leaves out.
fn read_back_case(case: &Json, operation: OperationRef<'_>, status: u16) -> Result<Json, String> {
    let (Some(result), Some(shape)) = (case.get("result"), operation.output()) else { return Ok(case.clone()) };
    let mut value = value_of(result, shape)?;
    protocol::fill_defaults(&mut value, shape);
    if let Value::Structure(members) = &mut value {
        for member in shape.members().filter(|m| m.traits().http == Some(awsval::schema::HttpBinding::ResponseCode)) {
            if members.get(member.name().as_str()).is_none() {
                members.push(member.name(), Value::Integer(i32::from(status)));
            }
        }
    }
    let mut case = case.clone();
    case["result"] = json_of(&value, Some(shape))?;
    Ok(case)
}

/// What a case's server answers with.
pub(crate) enum Answer<'m> {
    /// The output.
    Output(Value),
    /// An error.
    Error(ServiceError<'m>),
}

/// What a case's server answers with: its result, or its error (the message the case gives,
/// else the one its response carries); and the request id its response shows.
pub(crate) fn server_answer<'m>(
    case: &Json,
    protocol: Protocol,
    operation: OperationRef<'m>,
    expected: &HttpResponse,
) -> Result<(Answer<'m>, ResponseOptions), String> {
    let mut options = ResponseOptions::default();
    if let Some(id) = request_id_of(expected) {
        options = options.with_request_id(id);
    }
    let answer = match case.get("errorCode").and_then(Json::as_str) {
        Some(code) => {
            let carried = protocol::response(protocol, operation, expected).ok().and_then(|r| r.err()?.message);
            let message = case.get("errorMessage").and_then(Json::as_str).or(carried.as_deref());
            let by_shape = case
                .get("errorShape")
                .and_then(Json::as_str)
                .and_then(|name| operation.errors().find(|e| e.name() == name));
            Answer::Error(match by_shape.or_else(|| protocol::error_shape(operation, code)) {
                Some(shape) => {
                    let value = value_of(case.get("error").unwrap_or(&json!({})), shape)?;
                    let mut error = ServiceError::modeled(shape, value);
                    error.message = message.map(str::to_owned).or(error.message);
                    error
                }
                None => ServiceError::unmodeled(code, message, expected.status),
            })
        }
        None => {
            let result = case.get("result").cloned().unwrap_or_else(|| json!({}));
            Answer::Output(match operation.output() {
                Some(shape) => value_of(&result, shape)?,
                None => Value::Structure(Structure::new()),
            })
        }
    };
    Ok((answer, options))
}

/// The request id a response shows: its header, or the element the protocol writes it in.
fn request_id_of(response: &HttpResponse) -> Option<String> {
    if let Some(id) = response.header("x-amzn-RequestId").or_else(|| response.header("x-amz-request-id")) {
        return Some(id.to_owned());
    }
    let body = String::from_utf8_lossy(&response.body);
    ["RequestId", "requestId", "RequestID"].iter().find_map(|name| {
        let start = body.find(&format!("<{name}>"))? + name.len() + 2;
        let end = body[start..].find("</")? + start;
        Some(body[start..end].trim().to_owned())
    })
}

/// The case's response to `operation` (the body of an rpcv2Cbor service, of an
/// `application/cbor` response, and of an event stream comes in base64, whatever the case's
/// headers say).
pub(crate) fn response_of(response: &Json, operation: OperationRef<'_>) -> HttpResponse {
    let status = response.get("status_code").and_then(Json::as_u64).and_then(|s| u16::try_from(s).ok()).unwrap_or(200);
    let body = response.get("body").and_then(Json::as_str).unwrap_or_default();
    let headers: Vec<(String, String)> = response
        .get("headers")
        .and_then(Json::as_object)
        .into_iter()
        .flatten()
        .map(|(name, value)| (name.clone(), value.as_str().map_or_else(|| value.to_string(), str::to_owned)))
        .collect();
    let cbor = Protocol::of_service(operation.model().service()).is_ok_and(|p| p == Protocol::RpcV2Cbor)
        || headers.iter().any(|(name, value)| name.eq_ignore_ascii_case("Content-Type") && value.contains("cbor"));
    let stream = protocol::events::stream_member(operation.output()).is_some();
    let body = match cbor || stream {
        true => Blob::from_base64(body).map(Blob::into_inner).unwrap_or_else(|_| body.as_bytes().to_vec()),
        false => body.as_bytes().to_vec(),
    };
    HttpResponse { status, headers, body }
}
