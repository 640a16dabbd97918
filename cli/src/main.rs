//! `awsval`: decode, encode and transcode AWS payloads, and run protocol conformance suites.

mod codec;
mod conformance;
mod models;
mod server;
mod stream;
mod validate;

use std::process::ExitCode;

use awsval::{Timestamp, TimestampFormat};
use clap::{CommandFactory as _, Parser, Subcommand, ValueEnum};

/// Move AWS payloads on and off the wire in every AWS protocol.
#[derive(Parser)]
#[command(name = "awsval", version, about, long_about = None, after_help = EXAMPLES)]
struct Cli {
    #[command(subcommand)]
    command: Command,
}

const EXAMPLES: &str = "Examples:
  awsval models fetch
  awsval decode --service s3 --operation ListObjectsV2 response.xml
  echo '{\"TableName\": \"t\"}' | awsval encode --service dynamodb --shape ScanInput";

#[derive(Subcommand)]
enum Command {
    /// Decodes a wire body (or a whole response) into plain JSON.
    #[command(after_help = "Examples:
  awsval decode --service s3 --operation ListObjectsV2 response.xml
  awsval decode --service dynamodb --shape GetItemOutput body.json
  awsval decode --service bedrock-runtime --operation ConverseStream < frames.bin")]
    Decode(codec::DecodeArgs),
    /// Encodes plain JSON into a wire body.
    #[command(after_help = "Examples:
  echo '{\"TableName\": \"t\"}' | awsval encode --service dynamodb --shape ScanInput
  awsval encode --service sqs --shape SendMessageRequest --protocol query message.json
  awsval encode --service cloudwatch --shape GetMetricDataInput --protocol smithy-rpc-v2-cbor in.json > body.cbor")]
    Encode(codec::EncodeArgs),
    /// Rewrites a wire body of one protocol in another protocol's format.
    #[command(after_help = "Examples:
  awsval transcode --service sqs --shape ReceiveMessageResult --from query --to json body.xml
  awsval transcode --service dynamodb --shape QueryOutput --from json --to smithy-rpc-v2-cbor body.json > body.cbor")]
    Transcode(codec::TranscodeArgs),
    /// Reads a raw HTTP/1.1 request and prints its operation and input as plain JSON.
    #[command(after_help = "Examples:
  awsval decode-request --service dynamodb request.http
  curl -sv ... 2>&1 | awsval decode-request --service s3 -")]
    DecodeRequest(server::DecodeRequestArgs),
    /// Writes a raw HTTP/1.1 response for an operation's output (or an error) given as plain JSON.
    #[command(after_help = "Examples:
  echo '{\"Item\": {}}' | awsval encode-response --service dynamodb --operation GetItem
  echo '{}' | awsval encode-response --service s3 --operation GetObject --error NoSuchKey --message 'no such key'")]
    EncodeResponse(server::EncodeResponseArgs),
    /// Checks plain JSON against its shape's constraints (required members, lengths, ranges,
    /// patterns, enum values, unique items) and prints every violation; exit 1 when there is one.
    #[command(after_help = "Examples:
  awsval validate --service lambda --operation CreateFunction function.json
  awsval validate --service lambda --operation CreateFunction --botocore function.json")]
    Validate(validate::ValidateArgs),
    /// Finds, lists and fetches the botocore models `--service NAME` loads.
    #[command(
        subcommand,
        after_help = "Examples:
  awsval models fetch
  awsval models list
  awsval models find s3"
    )]
    Models(models::ModelsCommand),
    /// Runs botocore-format protocol test suites (by default botocore 1.44.8's, fetched once).
    #[command(after_help = "Examples:
  awsval conformance
  awsval conformance --side server
  awsval conformance --smithy aws-protocol-tests.json")]
    Conformance(conformance::Args),
    /// Prints a shell completion script: `awsval completions bash > /etc/bash_completion.d/awsval`.
    #[command(after_help = "Examples:
  awsval completions bash > ~/.local/share/bash-completion/completions/awsval
  awsval completions zsh > ~/.zfunc/_awsval
  awsval completions fish > ~/.config/fish/completions/awsval.fish")]
    Completions {
        /// The shell.
        shell: clap_complete::Shell,
    },
    /// Reads a timestamp in one Smithy wire format and writes it in another.
    #[command(after_help = "Examples:
  awsval timestamp 2014-04-29T18:30:38Z
  awsval timestamp 1398796238 --from epoch-seconds --to http-date")]
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
        Command::Models(command) => models::run(&command),
        Command::Conformance(args) => conformance::run(&args),
        Command::Completions { shell } => {
            clap_complete::generate(shell, &mut Cli::command(), "awsval", &mut std::io::stdout());
            Ok(ExitCode::SUCCESS)
        }
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
