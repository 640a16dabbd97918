//! `awsval decode-request` and `encode-response`: the server's side, as raw HTTP/1.1
//! messages (what a proxy records or `curl -v` prints).

use std::path::PathBuf;
use std::process::ExitCode;

use awsval::json::{self, JsonSettings};
use awsval::protocol::{self, HttpRequest, ReadOptions, ResponseOptions, ServiceError};
use awsval::{Error, Result, Structure, Value};

use crate::codec::{LimitArgs, ModelArgs, plain, protocol_of, read_input, shape, write_stdout};

/// `decode-request` arguments.
#[derive(clap::Args)]
pub(crate) struct DecodeRequestArgs {
    #[command(flatten)]
    model: ModelArgs,
    /// The protocol (botocore or Smithy name); default: the model's own.
    #[arg(long)]
    protocol: Option<String>,
    #[command(flatten)]
    limits: LimitArgs,
    /// The HTTP/1.1 request message: a file, or `-` (the default) for standard input.
    input: Option<PathBuf>,
}

/// `encode-response` arguments.
#[derive(clap::Args)]
pub(crate) struct EncodeResponseArgs {
    #[command(flatten)]
    model: ModelArgs,
    /// The operation answered.
    #[arg(long)]
    operation: String,
    /// Answer with this error: a modeled error shape (the input is its members), or any other
    /// code for an error the model does not have (the input is then `{}`).
    #[arg(long, value_name = "SHAPE")]
    error: Option<String>,
    /// The error's message (default: the one its message member holds).
    #[arg(long, requires = "error")]
    message: Option<String>,
    /// The error's HTTP status (default: the shape's, else 400).
    #[arg(long, requires = "error")]
    status: Option<u16>,
    /// The request id the response carries.
    #[arg(long, value_name = "ID")]
    request_id: Option<String>,
    /// The protocol (botocore or Smithy name); default: the model's own.
    #[arg(long)]
    protocol: Option<String>,
    /// The output (or error members) as plain JSON: a file, or `-` (the default) for standard
    /// input.
    input: Option<PathBuf>,
}

/// Prints `{"operation": NAME, "input": {...}}` for the request's operation and input.
pub(crate) fn decode_request(args: &DecodeRequestArgs) -> Result<ExitCode> {
    let model = args.model.load()?;
    let protocol = protocol_of(&model, args.protocol.as_deref())?;
    let request = HttpRequest::from_http1(&read_input(args.input.as_deref())?)?;
    let options = ReadOptions::default().with_limits(args.limits.limits());
    let parsed = match protocol::parse_request_with(protocol, &model, &request, &options) {
        Ok(parsed) => parsed,
        Err(refused) => {
            // What a server answers with, then what is wrong: `SerializationException (HTTP 400): …`.
            #[allow(clippy::print_stderr)]
            {
                eprintln!("awsval: {refused}");
            }
            return Ok(ExitCode::FAILURE);
        }
    };
    let output = serde_json::json!({
        "operation": parsed.operation.name(),
        "input": plain(&parsed.input, parsed.operation.input())?,
    });
    let mut text = serde_json::to_vec_pretty(&output).map_err(|e| Error::data(e.to_string()))?;
    text.push(b'\n');
    write_stdout(&text)?;
    Ok(ExitCode::SUCCESS)
}

/// Writes the HTTP/1.1 response message for the operation's output or an error.
pub(crate) fn encode_response(args: &EncodeResponseArgs) -> Result<ExitCode> {
    let model = args.model.load()?;
    let protocol = protocol_of(&model, args.protocol.as_deref())?;
    let operation = model
        .operation(&args.operation)
        .ok_or_else(|| Error::model(format!("the model has no operation `{}`", args.operation)))?;
    let input = read_input(args.input.as_deref())?;
    let mut options = ResponseOptions::default();
    if let Some(id) = &args.request_id {
        options = options.with_request_id(id.clone());
    }
    let reply = match &args.error {
        None => {
            let output = match operation.output() {
                Some(shape) => json::decode(&input, shape, &JsonSettings::plain())?,
                None => Value::Structure(Structure::new()),
            };
            protocol::encode_response(protocol, operation, &output, &options)?
        }
        Some(name) => {
            let mut error = match model.shape(name).filter(|s| s.error().is_some()) {
                Some(_) => {
                    let shape = shape(&model, name)?;
                    ServiceError::modeled(shape, json::decode(&input, shape, &JsonSettings::plain())?)
                }
                None => ServiceError::unmodeled(name.clone(), None, 400),
            };
            if let Some(message) = &args.message {
                error.message = Some(message.clone());
            }
            if let Some(status) = args.status {
                error.status = status;
            }
            protocol::encode_error(protocol, operation, &error, &options)?
        }
    };
    write_stdout(&reply.to_http1()?)?;
    Ok(ExitCode::SUCCESS)
}
