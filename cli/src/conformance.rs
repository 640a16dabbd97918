//! `awsval conformance`.

use std::path::PathBuf;
use std::process::ExitCode;

use awsval_conformance::{Outcome, Report, Side, SkipList, fetch};

/// Runs suite files; with no path, botocore 1.44.8's suites (fetched and verified once).
#[derive(clap::Args)]
pub(crate) struct Args {
    /// Suite files, or folders holding them.
    paths: Vec<PathBuf>,
    /// A skip list to use instead of awsval's own (`conformance/skip-list.json`).
    #[arg(long)]
    skip_list: Option<PathBuf>,
    /// Files (as `input/query.json`; `*` matches any run of characters) that run and are
    /// reported but whose failures do not fail the command.
    #[arg(long, value_name = "PATTERN")]
    allow_failures: Vec<String>,
    /// Smithy JSON AST files whose `smithy.test` cases run too (instead of botocore's suites
    /// when no PATH is given).
    #[arg(long, value_name = "FILE")]
    smithy: Vec<PathBuf>,
    /// Which end of the wire to play: the client, the server (requests read back), or both.
    #[arg(long, value_enum, default_value_t = SideArg::Both)]
    side: SideArg,
}

/// `--side`.
#[derive(Clone, Copy, clap::ValueEnum)]
enum SideArg {
    Client,
    Server,
    Both,
}

#[allow(clippy::print_stdout)]
pub(crate) fn run(args: &Args) -> awsval::Result<ExitCode> {
    let skips = match &args.skip_list {
        Some(path) => SkipList::load(path)?,
        None => SkipList::builtin()?,
    };
    let paths = match (args.paths.is_empty(), args.smithy.is_empty()) {
        (true, true) => fetch::pinned_suites()?,
        _ => args.paths.clone(),
    };
    let sides: &[Side] = match args.side {
        SideArg::Client => &[Side::Client],
        SideArg::Server => &[Side::Server],
        SideArg::Both => &[Side::Client, Side::Server],
    };
    let mut report = Report::run_sides(&paths, &skips, sides)?;
    report.files.extend(Report::run_smithy(&args.smithy, &skips, sides)?.files);
    print!("{report}");
    let gating_failures = report
        .files
        .iter()
        .filter(|file| !args.allow_failures.iter().any(|pattern| glob_match(pattern, &file.name)))
        .flat_map(|file| &file.cases)
        .filter(|case| matches!(case.outcome, Outcome::Failed(_)))
        .count();
    Ok(if gating_failures == 0 { ExitCode::SUCCESS } else { ExitCode::FAILURE })
}

/// `*` matches any run of characters; everything else matches itself.
fn glob_match(pattern: &str, text: &str) -> bool {
    match pattern.split_once('*') {
        None => pattern == text,
        Some((prefix, rest)) => {
            text.starts_with(prefix)
                && (0..=text.len() - prefix.len()).any(|skip| {
                    text.is_char_boundary(prefix.len() + skip) && glob_match(rest, &text[prefix.len() + skip..])
                })
        }
    }
}

#[cfg(test)]
mod tests {
    use super::glob_match;

    #[test]
    fn globs() {
        assert!(glob_match("input/query.json", "input/query.json"));
        assert!(glob_match("*/rest-*", "output/rest-xml.json"));
        assert!(glob_match("*", ""));
        assert!(!glob_match("input/*.json", "output/json.json"));
        assert!(!glob_match("*json", "input/json.json.bak"));
    }
}
