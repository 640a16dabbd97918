//! `awsval`: decode, encode and transcode AWS payloads, and run protocol conformance suites.

mod codec;
mod conformance;
mod server;
mod stream;
mod validate;

use std::process::ExitCode;

use awsval::{Timestamp, TimestampFormat};
use clap::{Parser, Subcommand, ValueEnum};

/// Move AWS payloads on and off the wire in every AWS protocol.
#[derive(Parser)]
#[command(name = "awsval", version, about, long_about = None)]
struct Cli {
    #[command(subcommand)]
    command: Command,
}

#[derive(Subcommand)]
enum Command {
    /// Decodes a wire body (or a whole response) into plain JSON.
    Decode(codec::DecodeArgs),
    /// Encodes plain JSON into a wire body.
    Encode(codec::EncodeArgs),
    /// Rewrites a wire body of one protocol in another protocol's format.
    Transcode(codec::TranscodeArgs),
    /// Reads a raw HTTP/1.1 request and prints its operation and input as plain JSON.
    DecodeRequest(server::DecodeRequestArgs),
    /// Writes a raw HTTP/1.1 response for an operation's output (or an error) given as plain JSON.
    EncodeResponse(server::EncodeResponseArgs),
    /// Checks plain JSON against its shape's constraints (required members, lengths, ranges,
    /// patterns, enum values, unique items) and prints every violation; exit 1 when there is one.
    Validate(validate::ValidateArgs),
    /// Runs botocore-format protocol test suites (by default botocore 1.44.8's, fetched once).
    Conformance(conformance::Args),
    /// Reads a timestamp in one Smithy wire format and writes it in another.
    Timestamp {
        /// The timestamp text, e.g. `2014-04-29T18:30:38Z`.
        text: String,
        /// The format of TEXT.
        #[arg(long, value_enum, default_value_t = Format::DateTime)]
        from: Format,
        /// The format to write.
        #[arg(long, value_enum, default_value_t = Format::EpochSeconds)]
        to: Format,
    },
}

/// A timestamp format, by its Smithy name.
#[derive(Clone, Copy, ValueEnum)]
enum Format {
    DateTime,
    HttpDate,
    EpochSeconds,
}

impl From<Format> for TimestampFormat {
    fn from(format: Format) -> Self {
        match format {
            Format::DateTime => Self::DateTime,
            Format::HttpDate => Self::HttpDate,
            Format::EpochSeconds => Self::EpochSeconds,
        }
    }
}

#[allow(clippy::print_stderr)]
fn main() -> ExitCode {
    let result = match Cli::parse().command {
        Command::Decode(args) => codec::decode(&args),
        Command::Encode(args) => codec::encode(&args),
        Command::Transcode(args) => codec::transcode(&args),
        Command::DecodeRequest(args) => server::decode_request(&args),
        Command::EncodeResponse(args) => server::encode_response(&args),
        Command::Validate(args) => validate::run(&args),
        Command::Conformance(args) => conformance::run(&args),
        Command::Timestamp { text, from, to } => timestamp(&text, from, to),
    };
    match result {
        Ok(code) => code,
        Err(error) => {
            eprintln!("awsval: {error}");
            ExitCode::FAILURE
        }
    }
}

#[allow(clippy::print_stdout)]
fn timestamp(text: &str, from: Format, to: Format) -> awsval::Result<ExitCode> {
    let timestamp = Timestamp::parse(text, from.into())?;
    println!("{}", timestamp.format(to.into()));
    Ok(ExitCode::SUCCESS)
}
