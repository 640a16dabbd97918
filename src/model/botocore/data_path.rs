//! Finding a service's model by name, as botocore's loader does: folders laid out as
//! `SERVICE/API-VERSION/service-2.json` (or `.json.gz`), searched in order.

use std::fmt::Write as _;
use std::io::Read as _;
use std::path::{Path, PathBuf};

use super::extras;
use crate::error::{Error, ErrorKind, Result};
use crate::schema::Model;

/// The model file's name inside `SERVICE/API-VERSION/`, without its `.json` or `.json.gz`.
const SERVICE_MODEL: &str = "service-2";

/// An ordered list of botocore data folders: where service models are found by name.
///
/// A service's newest API version among all folders is taken unless one is asked for, and
/// its model is read from the first folder that has it; the `service-2.sdk-extras.json` of
/// that version in every folder is merged into it, in folder order. That is botocore's
/// loader, so a model found here is the one boto3 uses.
///
/// ```
/// use awsval::model::botocore::DataPath;
///
/// # let dir = std::env::temp_dir().join(format!("awsval-doc-data-path-{}", std::process::id()));
/// # let version = dir.join("demo/2020-01-01");
/// # std::fs::create_dir_all(&version)?;
/// # std::fs::write(version.join("service-2.json"), r#"{"metadata": {"protocol": "json", "apiVersion": "2020-01-01"},
/// #   "operations": {}, "shapes": {"Expires": {"type": "string"}}}"#)?;
/// # std::fs::write(version.join("service-2.sdk-extras.json"), r#"{"merge": {"shapes": {"Expires": {"type": "timestamp"}}}}"#)?;
/// // `dir` holds demo/2020-01-01/service-2.json and its sdk extras.
/// let data = DataPath::new().with_folder(&dir);
/// let model = data.load("demo", None)?;
/// assert_eq!(model.shape("Expires").map(|s| s.shape_type().as_str()), Some("timestamp"));
/// assert_eq!(data.services()[0].name, "demo");
///
/// let error = data.load("nothing", None).unwrap_err().to_string();
/// assert!(error.starts_with("model error: no botocore model of service `nothing` in "), "{error}");
/// # std::fs::remove_dir_all(&dir)?;
/// # Ok::<(), Box<dyn std::error::Error>>(())
/// ```
#[derive(Clone, Debug, Default, PartialEq, Eq)]
pub struct DataPath {
    folders: Vec<PathBuf>,
}

/// A service model found in a [`DataPath`].
#[derive(Clone, Debug, PartialEq, Eq)]
#[non_exhaustive]
pub struct ModelFile {
    /// The service's name: its folder's, as boto3 names clients (`s3`, `dynamodb`).
    pub service: String,
    /// The API version: its folder's name (`2006-03-01`).
    pub api_version: String,
    /// The `service-2.json` (or `.json.gz`) file.
    pub path: PathBuf,
    /// The `service-2.sdk-extras.json` files merged into it, in order.
    pub extras: Vec<PathBuf>,
}

/// A service a [`DataPath`] can see.
#[derive(Clone, Debug, PartialEq, Eq)]
#[non_exhaustive]
pub struct ServiceEntry {
    /// The service's name.
    pub name: String,
    /// Its API versions in any folder, oldest first.
    pub api_versions: Vec<String>,
}

impl DataPath {
    /// No folders.
    pub const fn new() -> Self {
        Self { folders: Vec::new() }
    }

    /// botocore's own search path without its built-in data: the folders of `$AWS_DATA_PATH`
    /// (separated as `PATH` is, `~` expanded), then `~/.aws/models`.
    pub fn from_env() -> Self {
        let home = std::env::var_os("HOME").or_else(|| std::env::var_os("USERPROFILE")).map(PathBuf::from);
        let expand = |path: PathBuf| match (path.strip_prefix("~"), &home) {
            (Ok(rest), Some(home)) => home.join(rest),
            _ => path,
        };
        let mut folders: Vec<PathBuf> = std::env::var_os("AWS_DATA_PATH")
            .map(|paths| std::env::split_paths(&paths).filter(|p| !p.as_os_str().is_empty()).map(expand).collect())
            .unwrap_or_default();
        folders.extend(home.map(|home| home.join(".aws").join("models")));
        Self { folders }
    }

    /// Adds `folder` at the end: searched after those already there.
    #[must_use]
    pub fn with_folder(mut self, folder: impl Into<PathBuf>) -> Self {
        self.push(folder);
        self
    }

    /// Adds `folder` at the end.
    pub fn push(&mut self, folder: impl Into<PathBuf>) {
        self.folders.push(folder.into());
    }

    /// The folders, in search order.
    pub fn folders(&self) -> &[PathBuf] {
        &self.folders
    }

    /// Finds `service`'s model: of `api_version`, else of the newest version any folder has.
    ///
    /// Fails with [`ErrorKind::Model`] when no folder has it, naming the folders searched (and
    /// the versions there are, when another was asked for).
    pub fn find(&self, service: &str, api_version: Option<&str>) -> Result<ModelFile> {
        // Names, not paths: a name from elsewhere never reaches outside the folders.
        for name in std::iter::once(service).chain(api_version) {
            if name.is_empty() || name.starts_with('.') || name.contains(['/', '\\']) {
                return Err(Error::model(format!("`{name}` is not a service name or API version")));
            }
        }
        let nowhere = || Error::model(format!("no botocore model of service `{service}` in {}", self.searched()));
        // The folders are listed only when they must be: for the newest version, or to say
        // which versions there are.
        let version = match api_version {
            Some(version) => version.to_owned(),
            None => self.api_versions(service).pop().ok_or_else(nowhere)?,
        };
        let path = self.folders.iter().find_map(|folder| model_in(&folder.join(service).join(&version)));
        let Some(path) = path else {
            let versions = self.api_versions(service);
            if versions.is_empty() {
                return Err(nowhere());
            }
            return Err(Error::model(format!(
                "no botocore model of service `{service}` at API version {version} in {} (it has {})",
                self.searched(),
                versions.join(", ")
            )));
        };
        let extras_name = format!("{SERVICE_MODEL}.sdk-extras.json");
        let extras = self
            .folders
            .iter()
            .map(|folder| folder.join(service).join(&version).join(&extras_name))
            .filter(|p| p.is_file())
            .collect();
        Ok(ModelFile { service: service.to_owned(), api_version: version, path, extras })
    }

    /// Loads `service`'s model (see [`DataPath::find`]) with its sdk extras merged.
    pub fn load(&self, service: &str, api_version: Option<&str>) -> Result<Model> {
        self.find(service, api_version)?.load()
    }

    /// Every service some folder has a model of, by name.
    pub fn services(&self) -> Vec<ServiceEntry> {
        let mut names: Vec<String> = self.folders.iter().flat_map(|folder| subfolders(folder)).collect();
        names.sort();
        names.dedup();
        names
            .into_iter()
            .filter_map(|name| {
                let api_versions = self.api_versions(&name);
                (!api_versions.is_empty()).then_some(ServiceEntry { name, api_versions })
            })
            .collect()
    }

    /// `service`'s API versions with a model in some folder, oldest first.
    fn api_versions(&self, service: &str) -> Vec<String> {
        let mut versions: Vec<String> = self
            .folders
            .iter()
            .flat_map(|folder| {
                let dir = folder.join(service);
                subfolders(&dir).into_iter().filter(move |version| model_in(&dir.join(version)).is_some())
            })
            .collect();
        versions.sort();
        versions.dedup();
        versions
    }

    fn searched(&self) -> String {
        if self.folders.is_empty() {
            return "no folder (the data path is empty)".to_owned();
        }
        let mut text = String::new();
        for (i, folder) in self.folders.iter().enumerate() {
            let _ = write!(text, "{}{}", if i == 0 { "" } else { ", " }, folder.display());
        }
        text
    }
}

impl ModelFile {
    /// Reads and loads the model, its extras merged.
    pub fn load(&self) -> Result<Model> {
        load_with_extras(&self.path, &self.extras)
    }

    /// The protocols the model's metadata lists (`protocols`, else `protocol`), read without
    /// loading the model.
    pub fn protocols(&self) -> Result<Vec<String>> {
        #[derive(serde::Deserialize)]
        struct Head {
            metadata: Metadata,
        }
        #[derive(serde::Deserialize)]
        struct Metadata {
            protocol: Option<String>,
            #[serde(default)]
            protocols: Vec<String>,
        }
        let bytes = read(&self.path)?;
        let head: Head = serde_json::from_slice(&bytes).map_err(|e| in_file(super::syntax(&bytes, &e), &self.path))?;
        let Metadata { protocol, mut protocols } = head.metadata;
        if protocols.is_empty() {
            protocols.extend(protocol);
        }
        Ok(protocols)
    }
}

/// Loads a `service-2.json` (or `.json.gz`) file, merging the `service-2.sdk-extras.json`
/// beside it when there is one, as botocore does.
pub fn load_file(path: &Path) -> Result<Model> {
    let extras: Vec<PathBuf> = extras::beside(path).filter(|p| p.is_file()).into_iter().collect();
    load_with_extras(path, &extras)
}

fn load_with_extras(path: &Path, extras: &[PathBuf]) -> Result<Model> {
    let bytes = read(path)?;
    if extras.is_empty() {
        return super::load(&bytes).map_err(|error| in_file(error, path));
    }
    let mut model: serde_json::Value =
        serde_json::from_slice(&bytes).map_err(|e| in_file(super::syntax(&bytes, &e), path))?;
    for extras in extras {
        let bytes = read(extras)?;
        let value = serde_json::from_slice(&bytes).map_err(|e| in_file(super::syntax(&bytes, &e), extras))?;
        super::merge_extras(&mut model, &value).map_err(|error| in_file(error, extras))?;
    }
    super::load_value(model).map_err(|error| in_file(error, path))
}

/// The bytes of a model file, inflated when its name ends in `.gz`.
fn read(path: &Path) -> Result<Vec<u8>> {
    let io = |error: std::io::Error| Error::new(ErrorKind::Io, format!("{}: {error}", path.display()));
    let bytes = std::fs::read(path).map_err(io)?;
    if path.extension().is_none_or(|ext| ext != "gz") {
        return Ok(bytes);
    }
    let mut json = Vec::new();
    flate2::read::GzDecoder::new(bytes.as_slice()).read_to_end(&mut json).map_err(io)?;
    Ok(json)
}

/// `error` with the file it is about named first.
fn in_file(error: Error, path: &Path) -> Error {
    let named = Error::new(error.kind(), format!("{}: {}", path.display(), error.message()));
    match error.offset() {
        Some(offset) => named.at_offset(offset),
        None => named,
    }
}

/// The model file in a version folder, when there is one.
fn model_in(version_dir: &Path) -> Option<PathBuf> {
    ["json", "json.gz"].iter().map(|ext| version_dir.join(format!("{SERVICE_MODEL}.{ext}"))).find(|p| p.is_file())
}

/// The names of the folders in `dir` (none when it cannot be read).
fn subfolders(dir: &Path) -> Vec<String> {
    let Ok(entries) = std::fs::read_dir(dir) else { return Vec::new() };
    entries
        .filter_map(|entry| {
            let entry = entry.ok()?;
            entry.file_type().ok()?.is_dir().then(|| entry.file_name().into_string().ok()).flatten()
        })
        .collect()
}
