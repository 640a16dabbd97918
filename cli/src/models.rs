//! Where models come from: `--model FILE` or `--service NAME`, and `awsval models`.

use std::path::PathBuf;
use std::process::ExitCode;

use awsval::model::botocore::{self, DataPath};
use awsval::model::smithy;
use awsval::schema::Model;
use awsval::{Error, Result};
use awsval_conformance::fetch;
use clap::Subcommand;

use crate::codec::{io_error, write_stdout};

/// Where the model comes from: every command that needs one takes these.
#[derive(clap::Args)]
pub(crate) struct ModelArgs {
    /// The model file: a botocore `service-2.json` (a `service-2.sdk-extras.json` beside it is
    /// merged, as botocore does) or a Smithy JSON AST (told apart by content).
    #[arg(long, required_unless_present = "service")]
    model: Option<PathBuf>,
    /// The service by name (`s3`, `dynamodb`), its botocore model found in `$AWS_DATA_PATH`,
    /// `~/.aws/models` and the models `awsval models fetch` fetched; with a Smithy AST
    /// `--model`, the service to take from it (its shape id or name).
    #[arg(long)]
    service: Option<String>,
    /// The service's API version, when found by name (the newest by default).
    #[arg(long, requires = "service", conflicts_with = "model")]
    api_version: Option<String>,
}

impl ModelArgs {
    pub(crate) fn load(&self) -> Result<Model> {
        let Some(path) = &self.model else {
            let service = self.service.as_deref().unwrap_or_default();
            return data_path().load(service, self.api_version.as_deref()).map_err(with_hint);
        };
        let bytes = std::fs::read(path).map_err(|e| io_error(path, &e))?;
        if smithy::is_smithy_ast(&bytes) {
            return smithy::load_service(&[&bytes], self.service.as_deref());
        }
        if let Some(service) = &self.service {
            return Err(Error::model(format!(
                "--service {service}: {} is a botocore model of one service (give one or the other)",
                path.display()
            )));
        }
        botocore::load_file(path)
    }
}

/// Where services are found by name: `$AWS_DATA_PATH`, `~/.aws/models`, then the botocore
/// releases in the cache, the newest first.
fn data_path() -> DataPath {
    fetch::cached_data_folders().into_iter().fold(DataPath::from_env(), DataPath::with_folder)
}

/// A lookup's error with what to run about it.
fn with_hint(error: Error) -> Error {
    Error::new(
        error.kind(),
        format!(
            "{}; run `awsval models fetch` to fetch botocore {}'s models, or give the model's file with --model",
            error.message(),
            fetch::BOTOCORE_VERSION
        ),
    )
}

/// `awsval models`.
#[derive(Subcommand)]
pub(crate) enum ModelsCommand {
    /// Fetches botocore's models (its source distribution from PyPI, verified) into the cache,
    /// where `--service NAME` finds them.
    Fetch {
        /// The botocore release (the one awsval is tested against by default).
        #[arg(long, default_value = fetch::BOTOCORE_VERSION)]
        botocore: String,
    },
    /// Lists the services `--service NAME` can find, with their API versions and protocols.
    List,
    /// Prints where a service's model is found, and the extras merged into it.
    Find {
        /// The service's name.
        service: String,
        /// The API version (the newest by default).
        #[arg(long)]
        api_version: Option<String>,
    },
}

pub(crate) fn run(command: &ModelsCommand) -> Result<ExitCode> {
    match command {
        ModelsCommand::Fetch { botocore } => {
            let tree = fetch::botocore_release(botocore)?;
            let data = tree.join("botocore/data");
            let services = DataPath::new().with_folder(&data).services().len();
            write_stdout(
                format!("{services} service models of botocore {botocore} in {}\n", data.display()).as_bytes(),
            )?;
        }
        ModelsCommand::List => list()?,
        ModelsCommand::Find { service, api_version } => {
            let found = data_path().find(service, api_version.as_deref()).map_err(with_hint)?;
            let mut text = format!("{}\n", found.path.display());
            for extras in &found.extras {
                text.push_str(&format!("{} (merged)\n", extras.display()));
            }
            write_stdout(text.as_bytes())?;
        }
    }
    Ok(ExitCode::SUCCESS)
}

/// One line a service: name, newest API version, protocols in botocore's order of preference.
fn list() -> Result<()> {
    let data = data_path();
    let services = data.services();
    if services.is_empty() {
        return Err(with_hint(Error::model(format!(
            "no service models in {}",
            data.folders().iter().map(|f| f.display().to_string()).collect::<Vec<_>>().join(", ")
        ))));
    }
    let mut out = String::new();
    for service in services {
        // `services` listed the versions already: the newest is the last.
        let found = data.find(&service.name, service.api_versions.last().map(String::as_str))?;
        let protocols = found.protocols().map_or_else(|error| format!("(unreadable: {error})"), |p| p.join(","));
        out.push_str(&format!("{}\t{}\t{protocols}\n", service.name, found.api_version));
    }
    write_stdout(out.as_bytes())
}
