//! `awsval decode` and `awsval encode`.

use std::process::ExitCode;

/// Decoding arguments.
#[derive(clap::Args)]
pub(crate) struct DecodeArgs {}

/// Encoding arguments.
#[derive(clap::Args)]
pub(crate) struct EncodeArgs {}

pub(crate) fn decode(_args: &DecodeArgs) -> awsval::Result<ExitCode> {
    Ok(ExitCode::FAILURE)
}

pub(crate) fn encode(_args: &EncodeArgs) -> awsval::Result<ExitCode> {
    Ok(ExitCode::FAILURE)
}
