//! `awsval decode`, `encode` and `transcode`: between wire bodies and plain JSON.
//!
//! `awsval transcode` reads a body in one protocol's format and writes it in another's.
//!
//! Plain JSON: a structure is an object keyed by member name, a union a one-key object, a
//! list an array, a map an object, a blob base64, a timestamp RFC 3339 in UTC, NaN and the
//! infinities strings; integers are exact.

use std::io::{Read as _, Write as _};
use std::path::{Path, PathBuf};

pub(crate) use crate::models::ModelArgs;
use std::process::ExitCode;

use awsval::json::{self, JsonSettings};
use awsval::protocol::{self, HttpResponse, Protocol, ReadOptions, events};
use awsval::schema::{Model, ShapeRef};
use awsval::{Error, ErrorKind, Limits, Result, Value};

/// Decoding arguments.
#[derive(clap::Args)]
pub(crate) struct DecodeArgs {
    #[command(flatten)]
    model: ModelArgs,
    /// Decode a body of this shape.
    #[arg(long, required_unless_present = "operation", conflicts_with = "operation")]
    shape: Option<String>,
    /// Decode a whole response (status, headers, body) to this operation.
    #[arg(long)]
    operation: Option<String>,
    /// The protocol (botocore or Smithy name); default: the model's own.
    #[arg(long)]
    protocol: Option<String>,
    /// The response's HTTP status (with --operation).
    #[arg(long, default_value_t = 200)]
    status: u16,
    /// A response header, `Name: value` (with --operation); repeatable.
    #[arg(short = 'H', long = "header", value_name = "HEADER")]
    headers: Vec<String>,
    #[command(flatten)]
    limits: LimitArgs,
    /// Read the response as its protocol alone says, without the service's own reading rules
    /// (S3's: an error inside a 200, GetBucketLocation's empty constraint).
    #[arg(long)]
    no_customizations: bool,
    /// The body: a file, or `-` (the default) for standard input.
    input: Option<PathBuf>,
}

/// The bounds a body is read within; the defaults are the library's for untrusted input.
#[derive(clap::Args)]
pub(crate) struct LimitArgs {
    /// How deeply values may nest.
    #[arg(long, value_name = "N", default_value_t = Limits::untrusted().max_depth)]
    max_depth: usize,
    /// The longest body in bytes.
    #[arg(long, value_name = "BYTES", default_value_t = Limits::untrusted().max_input_len)]
    max_body_bytes: usize,
    /// The longest string or blob in bytes.
    #[arg(long, value_name = "BYTES", default_value_t = Limits::untrusted().max_string_len)]
    max_string_bytes: usize,
    /// The most items in one list or map.
    #[arg(long, value_name = "N", default_value_t = Limits::untrusted().max_collection_len)]
    max_items: usize,
}

impl LimitArgs {
    pub(crate) fn limits(&self) -> Limits {
        Limits::untrusted()
            .with_max_depth(self.max_depth)
            .with_max_input_len(self.max_body_bytes)
            .with_max_string_len(self.max_string_bytes)
            .with_max_collection_len(self.max_items)
    }
}

/// Transcoding arguments.
#[derive(clap::Args)]
pub(crate) struct TranscodeArgs {
    #[command(flatten)]
    model: ModelArgs,
    /// The shape of the value.
    #[arg(long)]
    shape: String,
    /// The protocol whose body format the input is in.
    #[arg(long)]
    from: String,
    /// The protocol whose body format to write.
    #[arg(long)]
    to: String,
    /// The body: a file, or `-` (the default) for standard input.
    input: Option<PathBuf>,
}

/// Encoding arguments.
#[derive(clap::Args)]
pub(crate) struct EncodeArgs {
    #[command(flatten)]
    model: ModelArgs,
    /// The shape of the value.
    #[arg(long)]
    shape: String,
    /// The protocol (botocore or Smithy name); default: the model's own.
    #[arg(long)]
    protocol: Option<String>,
    /// Read JSON Lines, one event of the event stream union `--shape` a line, and write each
    /// as an event stream frame.
    #[arg(long)]
    events: bool,
    /// The plain JSON: a file, or `-` (the default) for standard input.
    input: Option<PathBuf>,
}

pub(crate) fn io_error(path: &Path, error: &std::io::Error) -> Error {
    Error::new(ErrorKind::Io, format!("{}: {error}", path.display()))
}

pub(crate) fn read_input(input: Option<&Path>) -> Result<Vec<u8>> {
    match input {
        Some(path) if path != Path::new("-") => std::fs::read(path).map_err(|e| io_error(path, &e)),
        _ => {
            let mut bytes = Vec::new();
            std::io::stdin().read_to_end(&mut bytes)?;
            Ok(bytes)
        }
    }
}

pub(crate) fn protocol_of(model: &Model, name: Option<&str>) -> Result<Protocol> {
    match name {
        None => Protocol::of_service(model.service()),
        Some(name) => Protocol::from_name(name, model.service().json_version.as_deref())
            .ok_or_else(|| Error::model(format!("unknown protocol `{name}`"))),
    }
}

pub(crate) fn shape<'m>(model: &'m Model, name: &str) -> Result<ShapeRef<'m>> {
    model.shape(name).ok_or_else(|| Error::model(format!("the model has no shape `{name}`")))
}

pub(crate) fn plain(value: &Value, shape: Option<ShapeRef<'_>>) -> Result<serde_json::Value> {
    match shape {
        Some(shape) => awsval::plain::to_json_value(value, shape),
        None => Ok(serde_json::json!({})),
    }
}

/// A service's error as the CLI prints it.
pub(crate) fn error_json(error: &protocol::ServiceError<'_>) -> Result<serde_json::Value> {
    Ok(serde_json::json!({ "error": {
        "code": error.code,
        "message": error.message,
        "shape": error.shape.map(|s| s.name()),
        "status": error.status,
        "members": plain(&error.value, error.shape)?,
    }}))
}

pub(crate) fn write_stdout(bytes: &[u8]) -> Result<()> {
    let mut stdout = std::io::stdout().lock();
    stdout.write_all(bytes)?;
    stdout.flush()?;
    Ok(())
}

pub(crate) fn decode(args: &DecodeArgs) -> Result<ExitCode> {
    let model = args.model.load()?;
    let protocol = protocol_of(&model, args.protocol.as_deref())?;
    let limits = args.limits.limits();
    let output = match (&args.shape, &args.operation) {
        (Some(name), _) => {
            let shape = shape(&model, name)?;
            let value = protocol::decode_body_within(protocol, &read_input(args.input.as_deref())?, shape, limits)?;
            plain(&value, Some(shape))?
        }
        (None, Some(name)) => {
            let operation =
                model.operation(name).ok_or_else(|| Error::model(format!("the model has no operation `{name}`")))?;
            let options = ReadOptions::default().with_limits(limits).with_customizations(!args.no_customizations);
            let headers = parse_headers(&args.headers)?;
            if events::stream_member(operation.output()).is_some() {
                let head = HttpResponse { status: args.status, headers, body: Vec::new() };
                return crate::stream::decode_events(protocol, operation, &head, args.input.as_deref(), &options);
            }
            let body = read_input(args.input.as_deref())?;
            let response = HttpResponse { status: args.status, headers, body };
            match protocol::response_with(protocol, operation, &response, &options)? {
                Ok(value) => plain(&value, operation.output())?,
                Err(error) => error_json(&error)?,
            }
        }
        (None, None) => return Err(Error::model("give --shape or --operation")),
    };
    let mut text = serde_json::to_vec_pretty(&output).map_err(|e| Error::data(e.to_string()))?;
    text.push(b'\n');
    write_stdout(&text)?;
    Ok(ExitCode::SUCCESS)
}

fn parse_headers(headers: &[String]) -> Result<Vec<(String, String)>> {
    headers
        .iter()
        .map(|header| {
            let (name, value) =
                header.split_once(':').ok_or_else(|| Error::data(format!("header `{header}` is not `Name: value`")))?;
            Ok((name.trim().to_owned(), value.trim().to_owned()))
        })
        .collect()
}

pub(crate) fn encode(args: &EncodeArgs) -> Result<ExitCode> {
    let model = args.model.load()?;
    let protocol = protocol_of(&model, args.protocol.as_deref())?;
    let shape = shape(&model, &args.shape)?;
    if args.events {
        return crate::stream::encode_events(protocol, shape, args.input.as_deref());
    }
    let value = json::decode(&read_input(args.input.as_deref())?, shape, &JsonSettings::plain())?;
    write_stdout(&protocol::encode_body(protocol, &value, shape)?)?;
    Ok(ExitCode::SUCCESS)
}

pub(crate) fn transcode(args: &TranscodeArgs) -> Result<ExitCode> {
    let model = args.model.load()?;
    let (from, to) = (protocol_of(&model, Some(&args.from))?, protocol_of(&model, Some(&args.to))?);
    let shape = shape(&model, &args.shape)?;
    let value = protocol::decode_body(from, &read_input(args.input.as_deref())?, shape)?;
    write_stdout(&protocol::encode_body(to, &value, shape)?)?;
    Ok(ExitCode::SUCCESS)
}
