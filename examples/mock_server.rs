//! A mock AWS service built on awsval: it serves any botocore model's operations from a table
//! of canned answers, reading every request with `protocol::parse_request` and writing every
//! answer with `protocol::encode_response` / `encode_error`. Point any AWS SDK at it.
//!
//! ```text
//! cargo run --example mock_server -- MODEL.json ANSWERS.json [PORT]
//! ```
//!
//! `ANSWERS.json` maps operation names to answers in plain JSON (the CLI's: blobs base64,
//! timestamps RFC 3339):
//!
//! ```json
//! {"GetQueueUrl": {"output": {"QueueUrl": "http://127.0.0.1/1/jobs"}},
//!  "SendMessage": {"error": {"shape": "QueueDoesNotExist", "members": {"message": "no queue"}}},
//!  "DeleteQueue": {"error": {"shape": "ThrottlingException", "message": "slow down", "status": 400}}}
//! ```
//!
//! An error `shape` the model does not have is an unmodeled error of that code. An operation
//! without an answer gets its empty output. The server listens on 127.0.0.1 only, prints its
//! address, then one JSON line per request it reads: `{"operation": ..., "input": ...}`.

use std::collections::HashMap;
use std::sync::Mutex;

use awsval::json::{self, JsonSettings};
use awsval::protocol::{self, HttpRequest, HttpResponse, Protocol, ResponseOptions, ServiceError};
use awsval::schema::{Model, ShapeRef};
use awsval::{Error, Result, Structure, Value};
use serde_json::{Value as Json, json};

/// A canned answer.
#[derive(Clone, Debug)]
pub enum Answer {
    /// The output, as plain JSON.
    Output(Json),
    /// An error: a modeled error shape (or any code), its members, message and status.
    Error { shape: String, members: Json, message: Option<String>, status: Option<u16> },
}

impl Answer {
    /// Reads `{"output": ...}` or `{"error": {"shape", "members"?, "message"?, "status"?}}`.
    pub fn from_json(json: &Json) -> Result<Self> {
        if let Some(output) = json.get("output") {
            return Ok(Self::Output(output.clone()));
        }
        let error = json.get("error").ok_or_else(|| Error::model("an answer is {\"output\"} or {\"error\"}"))?;
        Ok(Self::Error {
            shape: error["shape"].as_str().ok_or_else(|| Error::model("an error answer names its shape"))?.to_owned(),
            members: error.get("members").cloned().unwrap_or_else(|| json!({})),
            message: error["message"].as_str().map(str::to_owned),
            status: error["status"].as_u64().and_then(|s| u16::try_from(s).ok()),
        })
    }
}

/// The service: a model, its answers, and the requests it has read.
pub struct MockServer {
    model: Model,
    protocol: Protocol,
    answers: HashMap<String, Answer>,
    requests: Mutex<Vec<Json>>,
    served: std::sync::atomic::AtomicU64,
    echo: bool,
}

impl MockServer {
    /// A server of `model` (a botocore `service-2.json`) answering with `answers`.
    pub fn new(model: &[u8], answers: HashMap<String, Answer>) -> Result<Self> {
        let model = awsval::model::botocore::load(model)?;
        let protocol = Protocol::of_service(model.service())?;
        Ok(Self { model, protocol, answers, requests: Mutex::new(Vec::new()), served: Default::default(), echo: false })
    }

    /// Also prints each request it reads, as a JSON line on standard output.
    pub fn echoing(self) -> Self {
        Self { echo: true, ..self }
    }

    /// Every request read so far, as `{"operation": NAME, "input": PLAIN_JSON}`.
    pub fn requests(&self) -> Vec<Json> {
        self.requests.lock().map(|r| r.clone()).unwrap_or_default()
    }

    /// The response to `request`: its operation's answer, or the refusal a service sends.
    pub fn handle(&self, request: &HttpRequest) -> HttpResponse {
        let serial = self.served.fetch_add(1, std::sync::atomic::Ordering::Relaxed);
        let options = ResponseOptions::default().with_request_id(format!("mock-{serial:08}"));
        let parsed = match protocol::parse_request(self.protocol, &self.model, request) {
            Ok(parsed) => parsed,
            Err(refused) => {
                return refused.to_response(self.protocol, &self.model, &options).unwrap_or_else(|e| failure(&e));
            }
        };
        let operation = parsed.operation;
        let read = json!({"operation": operation.name(), "input": plain(&parsed.input, operation.input())});
        if self.echo {
            #[allow(clippy::print_stdout)]
            {
                println!("{read}");
            }
        }
        if let Ok(mut requests) = self.requests.lock() {
            requests.push(read);
        }
        let reply = match self.answers.get(operation.name()) {
            None => protocol::encode_response(self.protocol, operation, &Value::Structure(Structure::new()), &options),
            Some(Answer::Output(output)) => value(output, operation.output())
                .and_then(|output| protocol::encode_response(self.protocol, operation, &output, &options)),
            Some(Answer::Error { shape, members, message, status }) => self
                .error(shape, members, message.as_deref(), *status)
                .and_then(|error| protocol::encode_error(self.protocol, operation, &error, &options)),
        };
        reply.unwrap_or_else(|e| failure(&e))
    }

    fn error(
        &self,
        name: &str,
        members: &Json,
        message: Option<&str>,
        status: Option<u16>,
    ) -> Result<ServiceError<'_>> {
        let mut error = match self.model.shape(name).filter(|shape| shape.error().is_some()) {
            Some(shape) => ServiceError::modeled(shape, value(members, Some(shape))?),
            None => ServiceError::unmodeled(name, message, status.unwrap_or(400)),
        };
        if let Some(message) = message {
            error.message = Some(message.to_owned());
        }
        if let Some(status) = status {
            error.status = status;
        }
        Ok(error)
    }

    /// Serves `server`'s requests until it is dropped.
    pub fn serve(&self, server: &tiny_http::Server) {
        for mut incoming in server.incoming_requests() {
            let reply = match read_request(&mut incoming) {
                Ok(request) => self.handle(&request),
                Err(error) => failure(&error),
            };
            let _ = incoming.respond(to_tiny(reply));
        }
    }
}

/// A tiny_http request as awsval's.
fn read_request(incoming: &mut tiny_http::Request) -> Result<HttpRequest> {
    let mut body = Vec::new();
    incoming.as_reader().read_to_end(&mut body)?;
    let headers: Vec<(String, String)> =
        incoming.headers().iter().map(|h| (h.field.as_str().to_string(), h.value.as_str().to_owned())).collect();
    let host = headers.iter().find(|(n, _)| n.eq_ignore_ascii_case("Host")).map(|(_, v)| v.clone()).unwrap_or_default();
    let headers = headers.into_iter().filter(|(n, _)| !n.eq_ignore_ascii_case("Host")).collect();
    Ok(HttpRequest {
        method: incoming.method().as_str().to_owned(),
        host,
        uri: incoming.url().to_owned(),
        headers,
        body,
    })
}

/// awsval's response as tiny_http's, which frames the body itself.
fn to_tiny(reply: HttpResponse) -> tiny_http::Response<std::io::Cursor<Vec<u8>>> {
    let headers = reply
        .headers
        .iter()
        .filter(|(name, _)| !name.eq_ignore_ascii_case("Content-Length"))
        .filter_map(|(name, value)| tiny_http::Header::from_bytes(name.as_bytes(), value.as_bytes()).ok())
        .collect();
    let length = reply.body.len();
    tiny_http::Response::new(reply.status.into(), headers, std::io::Cursor::new(reply.body), Some(length), None)
}

/// The answer when the server itself fails (a canned answer that does not fit the model).
fn failure(error: &Error) -> HttpResponse {
    HttpResponse::new(500, format!("mock server: {error}")).with_header("Content-Type", "text/plain")
}

fn value(plain: &Json, shape: Option<ShapeRef<'_>>) -> Result<Value> {
    match shape {
        Some(shape) => json::decode(plain.to_string().as_bytes(), shape, &JsonSettings::plain()),
        None => Ok(Value::Structure(Structure::new())),
    }
}

fn plain(value: &Value, shape: Option<ShapeRef<'_>>) -> Json {
    let encoded = shape.map(|shape| json::encode(value, shape, &JsonSettings::plain()));
    match encoded {
        Some(Ok(bytes)) => serde_json::from_slice(&bytes).unwrap_or(Json::Null),
        Some(Err(error)) => json!({"unwritable": error.to_string()}),
        None => json!({}),
    }
}

#[allow(dead_code, clippy::print_stdout, clippy::print_stderr)]
fn main() {
    let args: Vec<String> = std::env::args().skip(1).collect();
    let [model, answers, rest @ ..] = args.as_slice() else {
        eprintln!("usage: mock_server MODEL.json ANSWERS.json [PORT]");
        std::process::exit(2);
    };
    let run = || -> Result<()> {
        let answers: Json =
            serde_json::from_slice(&std::fs::read(answers)?).map_err(|e| Error::model(e.to_string()))?;
        let answers = answers
            .as_object()
            .into_iter()
            .flatten()
            .map(|(name, answer)| Ok((name.clone(), Answer::from_json(answer)?)))
            .collect::<Result<_>>()?;
        let mock = MockServer::new(&std::fs::read(model)?, answers)?;
        let port = rest.first().map_or("0", String::as_str);
        let server = tiny_http::Server::http(format!("127.0.0.1:{port}")).map_err(|e| Error::model(e.to_string()))?;
        println!("listening on http://{}", server.server_addr());
        mock.echoing().serve(&server);
        Ok(())
    };
    if let Err(error) = run() {
        eprintln!("mock_server: {error}");
        std::process::exit(1);
    }
}
