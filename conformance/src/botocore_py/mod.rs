//! botocore itself, run in Python, for tests that compare awsval with what botocore reads.
//!
//! [`Botocore::start`] installs the pinned botocore into the cache (once, with `python3 -m pip
//! install --target`, from PyPI) and starts its parsers in one long-running process;
//! [`Botocore::parse`] hands it a response.

use std::io::{BufRead as _, BufReader, Write as _};
use std::path::{Path, PathBuf};
use std::process::{Child, ChildStdin, ChildStdout, Command, Stdio};

use awsval::{Error, ErrorKind, Result};
use base64::Engine as _;

use crate::fetch::{BOTOCORE_VERSION, cache_dir};

/// The script that answers parse requests.
const PARSE: &str = include_str!("parse.py");

/// A Python process running botocore's response parsers.
pub struct Botocore {
    child: Child,
    input: ChildStdin,
    output: BufReader<ChildStdout>,
}

/// A response for botocore to read.
pub struct Response<'a> {
    /// The `service-2.json` file.
    pub model: &'a Path,
    /// The operation the response answers.
    pub operation: &'a str,
    /// The HTTP status.
    pub status: u16,
    /// The headers.
    pub headers: &'a [(String, String)],
    /// The body.
    pub body: &'a [u8],
}

impl Botocore {
    /// Installs botocore if needed and starts its parsers.
    pub fn start() -> Result<Self> {
        let mut child = Command::new("python3")
            .args(["-c", PARSE])
            .env("PYTHONPATH", site_packages()?)
            .stdin(Stdio::piped())
            .stdout(Stdio::piped())
            .spawn()
            .map_err(|e| io("python", &e))?;
        let input = child.stdin.take().ok_or_else(|| Error::new(ErrorKind::Io, "no stdin"))?;
        let output = BufReader::new(child.stdout.take().ok_or_else(|| Error::new(ErrorKind::Io, "no stdout"))?);
        Ok(Self { child, input, output })
    }

    /// What botocore parses from `response`, as the plain JSON `parse.py` describes (its
    /// `ResponseMetadata` left out); `Err` with botocore's message when it refuses it.
    pub fn parse(&mut self, response: &Response<'_>) -> Result<std::result::Result<serde_json::Value, String>> {
        let headers: serde_json::Map<String, serde_json::Value> =
            response.headers.iter().map(|(k, v)| (k.clone(), v.clone().into())).collect();
        let request = serde_json::json!({
            "model": response.model,
            "operation": response.operation,
            "status": response.status,
            "headers": headers,
            "body": base64::engine::general_purpose::STANDARD.encode(response.body),
        });
        writeln!(self.input, "{request}").map_err(|e| io("python", &e))?;
        let mut line = String::new();
        self.output.read_line(&mut line).map_err(|e| io("python", &e))?;
        let mut reply: serde_json::Value = serde_json::from_str(&line)
            .map_err(|e| Error::new(ErrorKind::Io, format!("botocore said {line:?}: {e}")))?;
        Ok(match reply.get_mut("ok") {
            Some(parsed) => Ok(parsed.take()),
            None => Err(reply["error"].as_str().unwrap_or("no answer").to_owned()),
        })
    }
}

impl Drop for Botocore {
    fn drop(&mut self) {
        let _ = self.child.kill();
        let _ = self.child.wait();
    }
}

fn io(what: &str, error: &std::io::Error) -> Error {
    Error::new(ErrorKind::Io, format!("{what}: {error}"))
}

/// A folder holding the pinned botocore and its dependencies, installed on first use with
/// `pip install --target` (no virtual environment needed); Python finds it on `PYTHONPATH`.
fn site_packages() -> Result<PathBuf> {
    install("botocore", "botocore")
}

/// A folder holding boto3 of the pinned botocore's release (boto3 and botocore share version
/// numbers) and its dependencies, installed as [`Botocore`]'s is; put it on `PYTHONPATH`.
pub fn boto3_site_packages() -> Result<PathBuf> {
    install("boto3", "boto3")
}

/// Installs `package` at the pinned version into the cache, unless it is there.
fn install(package: &str, module: &str) -> Result<PathBuf> {
    let target = cache_dir().join(format!("python-{package}-{BOTOCORE_VERSION}"));
    let check = || {
        let probe = format!("import {module}, sys; sys.exit({module}.__version__ != '{BOTOCORE_VERSION}')");
        Command::new("python3")
            .args(["-c", &probe])
            .env("PYTHONPATH", &target)
            .stderr(Stdio::null())
            .status()
            .is_ok_and(|s| s.success())
    };
    if check() {
        return Ok(target);
    }
    std::fs::create_dir_all(&target)?;
    let status = Command::new("python3")
        .args([
            "-m",
            "pip",
            "install",
            "--quiet",
            "--disable-pip-version-check",
            "--no-warn-conflicts",
            "--upgrade",
            "--target",
        ])
        .arg(&target)
        .arg(format!("{package}=={BOTOCORE_VERSION}"))
        .status()
        .map_err(|e| io("python3 -m pip", &e))?;
    if status.success() && check() {
        Ok(target)
    } else {
        Err(Error::new(
            ErrorKind::Io,
            format!("pip could not install {package} {BOTOCORE_VERSION} into {}", target.display()),
        ))
    }
}
