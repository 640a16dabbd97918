//! `awsval`: decode, encode and transcode AWS payloads, and run protocol conformance suites.
//!
//! The codecs arrive in later releases; today the command converts timestamps between the
//! Smithy wire formats.

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

#[allow(clippy::print_stdout, clippy::print_stderr)]
fn main() -> ExitCode {
    match Cli::parse().command {
        Command::Timestamp { text, from, to } => match Timestamp::parse(&text, from.into()) {
            Ok(timestamp) => {
                println!("{}", timestamp.format(to.into()));
                ExitCode::SUCCESS
            }
            Err(error) => {
                eprintln!("awsval: {error}");
                ExitCode::FAILURE
            }
        },
    }
}
