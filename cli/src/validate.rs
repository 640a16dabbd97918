//! `awsval validate`: a value given as plain JSON checked against its shape's constraints.

use std::path::PathBuf;
use std::process::ExitCode;

use awsval::json::{self, JsonSettings};
use awsval::validate::{self, Checks};
use awsval::{Error, Result};

use crate::codec::{ModelArgs, read_input, shape, write_stdout};

/// Validation arguments.
#[derive(clap::Args)]
pub(crate) struct ValidateArgs {
    #[command(flatten)]
    model: ModelArgs,
    /// The shape of the value.
    #[arg(long, conflicts_with = "operation", required_unless_present = "operation")]
    shape: Option<String>,
    /// An operation: the value is its input.
    #[arg(long)]
    operation: Option<String>,
    /// Check only what botocore's parameter validation checks (required members, types,
    /// minimum lengths and ranges).
    #[arg(long)]
    botocore: bool,
    /// The plain JSON: a file, or `-` (the default) for standard input.
    input: Option<PathBuf>,
}

/// Prints each violation as `PATH: MESSAGE` (exit 1 when there is one); the model's patterns
/// that cannot be checked go to standard error first.
#[allow(clippy::print_stderr)]
pub(crate) fn run(args: &ValidateArgs) -> Result<ExitCode> {
    let model = args.model.load()?;
    let shape = match (&args.shape, &args.operation) {
        (Some(name), _) => shape(&model, name)?,
        (None, Some(name)) => {
            let operation =
                model.operation(name).ok_or_else(|| Error::model(format!("the model has no operation `{name}`")))?;
            operation.input().ok_or_else(|| Error::model(format!("operation `{name}` takes no input")))?
        }
        (None, None) => return Err(Error::model("give --shape or --operation")),
    };
    for error in model.pattern_errors() {
        eprintln!("awsval: warning: {error} (not checked)");
    }
    let value = json::decode(&read_input(args.input.as_deref())?, shape, &JsonSettings::plain())?;
    let checks = if args.botocore { Checks::Botocore } else { Checks::All };
    let Err(violations) = validate::validate(&value, shape, checks) else {
        eprintln!("awsval: valid");
        return Ok(ExitCode::SUCCESS);
    };
    let mut out = String::new();
    for violation in &violations {
        let path = violation.path.to_string();
        out.push_str(if path.is_empty() { "(root)" } else { &path });
        out.push_str(": ");
        out.push_str(&violation.message);
        out.push('\n');
    }
    write_stdout(out.as_bytes())?;
    eprintln!("awsval: {} violation{}", violations.len(), if violations.len() == 1 { "" } else { "s" });
    Ok(ExitCode::FAILURE)
}
