//! Runs botocore-format AWS protocol test suites against awsval.
//!
//! botocore's protocol suites (generated from the Smithy protocol tests) are JSON files of
//! suites `{description, metadata, shapes, cases}`. An input case serializes its `params` and
//! is compared with `serialized` (method, URI, headers, forbidden and required headers, body,
//! host); an output case parses its `response` and is compared with `result`, or with
//! `errorCode`, `errorMessage` and `error`. JSON bodies compare as values, numbers numerically.
//!
//! ```no_run
//! use awsval_conformance::{Report, SkipList, fetch};
//!
//! let suites = fetch::pinned_suites()?; // botocore 1.44.8, fetched and verified once
//! let report = Report::run(&suites, &SkipList::builtin()?)?;
//! print!("{report}");
//! assert_eq!(report.totals().failed, 0);
//! # Ok::<(), awsval::Error>(())
//! ```
//!
//! SDK crates can run their own suites in the same format the same way.

pub mod botocore_py;
mod canonical_xml;
mod case;
mod compare;
mod exchange;
pub mod fetch;
pub mod fuzz_checks;
pub mod generate;
mod malformed;
pub mod round_trip;
mod skip;
mod smithy;

use std::fmt;
use std::path::{Path, PathBuf};

use awsval::{Error, Result};
use serde_json::Value as Json;

pub use self::compare::json_diff;
pub use self::exchange::{ErrorAnswer, Exchange, ExchangeKind, exchanges};
pub use self::skip::{Skip, SkipList};

/// What happened to one case.
#[derive(Clone, Debug, PartialEq, Eq)]
pub enum Outcome {
    /// Everything compared equal.
    Passed,
    /// The differences, one line each.
    Failed(Vec<String>),
    /// Not run, for this reason (from the skip list).
    Skipped(String),
}

/// One case and its outcome.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct CaseReport {
    /// The suite's description (`Test cases for KitchenSinkOperation operation`).
    pub suite: String,
    /// The case id.
    pub id: String,
    /// What happened.
    pub outcome: Outcome,
}

/// The cases of one suite file.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct FileReport {
    /// The file as `input/json.json`.
    pub name: String,
    /// Its cases, in order.
    pub cases: Vec<CaseReport>,
}

/// Counts of outcomes.
#[derive(Clone, Copy, Debug, Default, PartialEq, Eq)]
pub struct Totals {
    /// Cases that passed.
    pub passed: usize,
    /// Cases that failed.
    pub failed: usize,
    /// Cases skipped.
    pub skipped: usize,
}

impl Totals {
    fn add(&mut self, outcome: &Outcome) {
        match outcome {
            Outcome::Passed => self.passed += 1,
            Outcome::Failed(_) => self.failed += 1,
            Outcome::Skipped(_) => self.skipped += 1,
        }
    }
}

impl FileReport {
    /// The file's counts.
    pub fn totals(&self) -> Totals {
        let mut totals = Totals::default();
        self.cases.iter().for_each(|case| totals.add(&case.outcome));
        totals
    }
}

/// The outcome of a run over suite files.
#[derive(Clone, Debug, Default, PartialEq, Eq)]
pub struct Report {
    /// Each file, in the order run.
    pub files: Vec<FileReport>,
}

/// Which end of the wire a run plays.
#[derive(Clone, Copy, Debug, PartialEq, Eq, Hash)]
pub enum Side {
    /// The client: serialize each input case's `params` and compare with its `serialized`
    /// request; parse each output case's `response` and compare with its result or error.
    Client,
    /// The server: parse each input case's `serialized` request back and compare with its
    /// `params`; write each output case's result or error as a response, which must read back
    /// to it and match the case's status, listed headers and body.
    Server,
}

impl Report {
    /// Runs every suite file in `paths` (files, or folders searched for `*.json` below them),
    /// as a client.
    pub fn run(paths: &[PathBuf], skips: &SkipList) -> Result<Self> {
        Self::run_sides(paths, skips, &[Side::Client])
    }

    /// Runs every suite file in `paths` on each of `sides`; the server side's files are named
    /// `… (server)` in reports and skip lists.
    pub fn run_sides(paths: &[PathBuf], skips: &SkipList, sides: &[Side]) -> Result<Self> {
        let files = suite_files(paths)?;
        let mut report = Self::default();
        for &side in sides {
            for (name, file) in &files {
                let name = match side {
                    Side::Client => name.clone(),
                    Side::Server => format!("{name} (server)"),
                };
                report.files.push(run_file(name, file, skips, side)?);
            }
        }
        report.files.retain(|file| !file.cases.is_empty());
        Ok(report)
    }

    /// Runs every `smithy.test#httpRequestTests` and `httpResponseTests` case of every service
    /// of the Smithy JSON AST files `paths` on each of `sides` that the case's `appliesTo`
    /// names; a service's cases report as `smithy/{Service}` (`… (server)`).
    pub fn run_smithy(paths: &[PathBuf], skips: &SkipList, sides: &[Side]) -> Result<Self> {
        let mut report = Self::default();
        for path in paths {
            report.files.extend(smithy::run(path, skips, sides)?);
        }
        report.files.retain(|file| !file.cases.is_empty());
        Ok(report)
    }

    /// The counts over every file.
    pub fn totals(&self) -> Totals {
        let mut totals = Totals::default();
        self.files.iter().flat_map(|f| &f.cases).for_each(|case| totals.add(&case.outcome));
        totals
    }
}

/// Every suite file in `paths` (files, or folders searched for `*.json` below them), sorted
/// within each path, with its name in reports.
pub(crate) fn suite_files(paths: &[PathBuf]) -> Result<Vec<(String, PathBuf)>> {
    let mut files = Vec::new();
    for path in paths {
        let mut found = Vec::new();
        collect(path, &mut found)?;
        found.sort();
        files.extend(found.into_iter().map(|file| (display_name(path, &file), file)));
    }
    Ok(files)
}

/// A suite file's JSON.
pub(crate) fn read_suites(path: &Path) -> Result<Json> {
    let text = std::fs::read(path)
        .map_err(|error| Error::new(awsval::ErrorKind::Io, format!("{}: {error}", path.display())))?;
    serde_json::from_slice(&text).map_err(|e| Error::syntax(format!("{}: {e}", path.display()), 0))
}

fn collect(path: &Path, out: &mut Vec<PathBuf>) -> Result<()> {
    if !path.exists() {
        return Err(Error::new(awsval::ErrorKind::Io, format!("{}: no such file or folder", path.display())));
    }
    if path.is_dir() {
        for entry in std::fs::read_dir(path)? {
            collect(&entry?.path(), out)?;
        }
    } else if path.extension().is_some_and(|e| e == "json")
        && path.file_name().is_some_and(|n| n != "protocol-tests-ignore-list.json")
    {
        out.push(path.to_owned());
    } else if !path.exists() {
        return Err(Error::new(awsval::ErrorKind::Io, format!("{}: no such file or folder", path.display())));
    }
    Ok(())
}

/// A file's name in reports and skip lists: its path below the folder given, keeping at least
/// its own folder's name (`input/json.json`, `legacy/input/json.json`).
fn display_name(given: &Path, file: &Path) -> String {
    let parent_of = |path: &Path| path.parent().map(Path::to_path_buf).unwrap_or_default();
    let root = if given.is_dir() { given.to_path_buf() } else { parent_of(given) };
    let relative = file.strip_prefix(&root).unwrap_or(file);
    let relative =
        if relative.components().count() < 2 { file.strip_prefix(parent_of(&root)).unwrap_or(file) } else { relative };
    relative.components().map(|c| c.as_os_str().to_string_lossy()).collect::<Vec<_>>().join("/")
}

fn run_file(name: String, path: &Path, skips: &SkipList, side: Side) -> Result<FileReport> {
    let suites = read_suites(path)?;
    let mut cases = Vec::new();
    for suite in suites.as_array().into_iter().flatten() {
        let description = suite.get("description").and_then(Json::as_str).unwrap_or_default();
        for (index, case) in suite.get("cases").and_then(Json::as_array).into_iter().flatten().enumerate() {
            let id = case.get("id").and_then(Json::as_str).map_or_else(|| format!("#{index}"), str::to_owned);
            let outcome = match skips.reason(&name, description, &id) {
                Some(reason) => Outcome::Skipped(reason.to_owned()),
                None => run_case(suite, case, side, name.starts_with("legacy/")),
            };
            cases.push(CaseReport { suite: description.to_owned(), id, outcome });
        }
    }
    Ok(FileReport { name, cases })
}

fn run_case(suite: &Json, case: &Json, side: Side, legacy: bool) -> Outcome {
    let result =
        case::model_of(suite, case).and_then(|(model, name)| case::run(&model, &name, suite, case, side, legacy));
    outcome(result)
}

/// The outcome of a case run: passed when nothing differs.
pub(crate) fn outcome(result: std::result::Result<Vec<String>, String>) -> Outcome {
    match result {
        Ok(differences) if differences.is_empty() => Outcome::Passed,
        Ok(differences) => Outcome::Failed(differences),
        Err(problem) => Outcome::Failed(vec![problem]),
    }
}

impl fmt::Display for Report {
    /// One line per failing case, a table per file, then `N passed, N failed, N skipped`.
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        for file in &self.files {
            for case in &file.cases {
                if let Outcome::Failed(differences) = &case.outcome {
                    writeln!(f, "FAIL {} :: {} :: {}: {}", file.name, case.suite, case.id, differences.join("; "))?;
                }
            }
        }
        let width = self.files.iter().map(|file| file.name.len()).max().unwrap_or(4).max(4);
        writeln!(f, "\n{:<width$}  {:>6}  {:>6}  {:>7}", "file", "passed", "failed", "skipped")?;
        for file in &self.files {
            let t = file.totals();
            writeln!(f, "{:<width$}  {:>6}  {:>6}  {:>7}", file.name, t.passed, t.failed, t.skipped)?;
        }
        let t = self.totals();
        writeln!(f, "{} passed, {} failed, {} skipped", t.passed, t.failed, t.skipped)
    }
}
