//! The suites' cases as the server's side of the wire sees them, for tools that play the
//! server outside this crate (awsval's own CLI, another implementation): each request as
//! HTTP/1.1 bytes with the input it must read back, each answer as plain JSON with the
//! response it must give a client. The checks compare as the runner compares.

use std::path::PathBuf;

use awsval::json::{self, JsonSettings};
use awsval::model::botocore;
use awsval::protocol::{self, HttpResponse, Protocol, ServiceError};
use awsval::schema::{Model, OperationRef, ShapeRef};
use awsval::{Error, Result, Value};
use serde_json::{Value as Json, json};

use crate::case::{self, Answer};
use crate::{SkipList, json_diff};

/// One case on the server's side.
#[derive(Clone, Debug)]
pub struct Exchange {
    /// The suite file, as `input/json.json`.
    pub file: String,
    /// The suite's description.
    pub suite: String,
    /// The case id.
    pub id: String,
    /// The case's model, a botocore `service-2.json` document.
    pub model: Json,
    /// The operation.
    pub operation: String,
    /// The request to read, or the answer to write.
    pub kind: ExchangeKind,
}

/// What the server does in an [`Exchange`].
#[derive(Clone, Debug)]
pub enum ExchangeKind {
    /// Read `message` (an HTTP/1.1 request) to the operation's input.
    Request {
        /// The request message.
        message: Vec<u8>,
        /// The input it holds, as plain JSON.
        input: Json,
    },
    /// Write the answer: the output (plain JSON), or an error.
    Response {
        /// The output, or the error's members, as plain JSON.
        members: Json,
        /// The error answered with, if any.
        error: Option<ErrorAnswer>,
        /// The request id the response carries.
        request_id: Option<String>,
    },
}

/// An error a server answers with.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct ErrorAnswer {
    /// The modeled error shape, or the code of an unmodeled error.
    pub shape: String,
    /// Its message.
    pub message: Option<String>,
    /// Its status.
    pub status: u16,
}

/// Every case of the suite files under `paths` that the server's side runs (the skip list's
/// server entries left out), as exchanges.
///
/// What to check a server (or client) of your own with: each request to read and the input
/// it holds, each answer to write and what a client must see.
///
/// ```no_run
/// use awsval_conformance::{ExchangeKind, SkipList, exchanges, fetch};
///
/// for exchange in exchanges(&fetch::pinned_suites()?, &SkipList::builtin()?)? {
///     match &exchange.kind {
///         ExchangeKind::Request { message, input } => {
///             // Send `message` to your server; it must read `input` for `exchange.operation`.
///             # let _ = (message, input);
///         }
///         ExchangeKind::Response { members, error, .. } => {
///             // Have your server answer with `members` (or `error`) and compare.
///             # let _ = (members, error);
///         }
///     }
/// }
/// # Ok::<(), awsval::Error>(())
/// ```
pub fn exchanges(paths: &[PathBuf], skips: &SkipList) -> Result<Vec<Exchange>> {
    let mut out = Vec::new();
    for (name, file) in crate::suite_files(paths)? {
        let server_name = format!("{name} (server)");
        for suite in crate::read_suites(&file)?.as_array().into_iter().flatten() {
            let description = suite.get("description").and_then(Json::as_str).unwrap_or_default();
            for (index, case) in suite.get("cases").and_then(Json::as_array).into_iter().flatten().enumerate() {
                let id = case.get("id").and_then(Json::as_str).map_or_else(|| format!("#{index}"), str::to_owned);
                if skips.reason(&server_name, description, &id).is_some() {
                    continue;
                }
                let exchange = exchange(suite, case)
                    .map_err(|problem| Error::model(format!("{name} :: {description} :: {id}: {problem}")))?;
                out.push(Exchange { file: name.clone(), suite: description.to_owned(), id, ..exchange });
            }
        }
    }
    Ok(out)
}

fn exchange(suite: &Json, case: &Json) -> std::result::Result<Exchange, String> {
    let (document, name) = case::model_document(suite, case)?;
    let (model, _) = case::model_of(suite, case)?;
    let operation = model.operation(&name).ok_or("the operation is missing from its model")?;
    let protocol = Protocol::of_service(model.service()).map_err(|e| e.to_string())?;
    let kind = if case.get("serialized").is_some() {
        let (request, params) = case::server_request(case, protocol, operation)?;
        ExchangeKind::Request {
            message: request.to_http1().map_err(|e| e.to_string())?,
            input: plain(&params, operation.input())?,
        }
    } else {
        let expected = case::response_of(case.get("response").ok_or("the case has no `response`")?, operation);
        let (answer, options) = case::server_answer(case, protocol, operation, &expected)?;
        let (members, error) = match &answer {
            Answer::Output(output) => (plain(output, operation.output())?, None),
            Answer::Error(error) => (plain(&error.value, error.shape)?, Some(error_answer(error))),
        };
        ExchangeKind::Response { members, error, request_id: options.request_id }
    };
    Ok(Exchange {
        file: String::new(),
        suite: String::new(),
        id: String::new(),
        model: document,
        operation: name,
        kind,
    })
}

fn error_answer(error: &ServiceError<'_>) -> ErrorAnswer {
    let shape = error.shape.map_or_else(|| error.code.clone(), |shape| shape.name().to_owned());
    ErrorAnswer { shape, message: error.message.clone(), status: error.status }
}

impl Exchange {
    /// Checks what a server read from the request: `printed` is
    /// `{"operation": NAME, "input": PLAIN_JSON}`, as `awsval decode-request` prints it. The
    /// differences, none when it is right.
    pub fn check_request(&self, printed: &Json) -> std::result::Result<Vec<String>, String> {
        let ExchangeKind::Request { input, .. } = &self.kind else {
            return Err("not a request exchange".to_owned());
        };
        let mut differences = Vec::new();
        if printed["operation"] != json!(self.operation) {
            differences.push(format!("operation: expected {:?}, got {}", self.operation, printed["operation"]));
        }
        let mut expected = input.clone();
        case::absent_where_empty(&mut expected, &printed["input"]);
        differences.extend(json_diff(&expected, &printed["input"]).into_iter().map(|d| format!("input {d}")));
        Ok(differences)
    }

    /// Checks the HTTP/1.1 response `message` a server wrote for the answer: a client reads
    /// from it the output, or the error's code, message and members. The differences, none
    /// when it is right.
    pub fn check_response(&self, message: &[u8]) -> std::result::Result<Vec<String>, String> {
        let ExchangeKind::Response { members, error, .. } = &self.kind else {
            return Err("not a response exchange".to_owned());
        };
        let model = self.load()?;
        let operation = self.operation_of(&model)?;
        let protocol = Protocol::of_service(model.service()).map_err(|e| e.to_string())?;
        let response = HttpResponse::from_http1(message).map_err(|e| format!("the HTTP/1.1 message: {e}"))?;
        let read = protocol::response(protocol, operation, &response).map_err(|e| format!("reading failed: {e}"))?;
        let mut differences = Vec::new();
        let actual = match (read, error) {
            (Ok(output), None) => plain(&output, operation.output())?,
            (Err(read), Some(expected)) => {
                let found = error_answer(&read);
                if found != *expected {
                    differences.push(format!("error: expected {expected:?}, got {found:?}"));
                }
                plain(&read.value, read.shape)?
            }
            (Ok(_), Some(expected)) => return Ok(vec![format!("expected the error {expected:?}, got the output")]),
            (Err(read), None) => return Ok(vec![format!("expected the output, got the error {read}")]),
        };
        differences.extend(json_diff(members, &actual));
        Ok(differences)
    }

    fn load(&self) -> std::result::Result<Model, String> {
        botocore::load_value(self.model.clone()).map_err(|e| format!("the model does not load: {e}"))
    }

    fn operation_of<'m>(&self, model: &'m Model) -> std::result::Result<OperationRef<'m>, String> {
        model.operation(&self.operation).ok_or_else(|| "the operation is missing from its model".to_owned())
    }
}

/// A value as plain JSON (what the CLI reads and prints).
fn plain(value: &Value, shape: Option<ShapeRef<'_>>) -> std::result::Result<Json, String> {
    let Some(shape) = shape else { return Ok(json!({})) };
    let bytes = json::encode(value, shape, &JsonSettings::plain()).map_err(|e| e.to_string())?;
    serde_json::from_slice(&bytes).map_err(|e| e.to_string())
}
