//! The one checked-in list of cases not run, each with its reason.

use std::path::Path;

use awsval::{Error, Result};
use serde_json::Value as Json;

/// One skipped file, or one case of it.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct Skip {
    /// The suite file, as `input/json.json`.
    pub file: String,
    /// The suite's description, for files whose cases have no ids of their own (botocore's
    /// `legacy/` files number them within each suite: `#0`); `None` matches every suite.
    pub suite: Option<String>,
    /// The case id; `None` skips the whole file (or suite).
    pub case: Option<String>,
    /// Why the case is not run.
    pub reason: String,
}

/// Every skip, loaded from JSON: `{"skips": [{"file" (or "files": [...]), "suite"?, "case"?,
/// "reason"}]}`.
#[derive(Clone, Debug, Default, PartialEq, Eq)]
pub struct SkipList {
    skips: Vec<Skip>,
}

/// awsval's own list, `conformance/skip-list.json`.
const BUILTIN: &str = include_str!("../skip-list.json");

impl SkipList {
    /// awsval's checked-in list.
    pub fn builtin() -> Result<Self> {
        Self::parse(BUILTIN)
    }

    /// Reads a list from a file.
    pub fn load(path: &Path) -> Result<Self> {
        Self::parse(&std::fs::read_to_string(path)?)
    }

    /// Reads a list; an entry without a file or a reason is an error.
    pub fn parse(text: &str) -> Result<Self> {
        let json: Json = serde_json::from_str(text).map_err(|e| Error::model(format!("skip list: {e}")))?;
        let entries =
            json.get("skips").and_then(Json::as_array).ok_or_else(|| Error::model("skip list: no `skips` array"))?;
        let mut skips = Vec::new();
        for (index, entry) in entries.iter().enumerate() {
            let text = |key: &str| entry.get(key).and_then(Json::as_str).map(str::trim).filter(|t| !t.is_empty());
            let missing = |key: &str| Error::model(format!("skip list entry {index} has no {key}"));
            // One case can be skipped in several files for one reason (a botocore suite's case
            // and its Smithy original): `files` lists them.
            let files: Vec<&str> = match (text("file"), entry.get("files").and_then(Json::as_array)) {
                (Some(file), None) => vec![file],
                (None, Some(files)) => files.iter().filter_map(Json::as_str).collect(),
                _ => return Err(missing("file (or files)")),
            };
            for file in files {
                skips.push(Skip {
                    file: file.to_owned(),
                    suite: text("suite").map(str::to_owned),
                    case: text("case").map(str::to_owned),
                    reason: text("reason").ok_or_else(|| missing("reason"))?.to_owned(),
                });
            }
        }
        Ok(Self { skips })
    }

    /// Why case `case` of suite `suite` in `file` is skipped, if it is.
    pub fn reason(&self, file: &str, suite: &str, case: &str) -> Option<&str> {
        self.skips
            .iter()
            .find(|skip| {
                // A file's entry covers both sides; `… (server)` only the server's, `… (client)`
                // only the client's.
                let side_free = file.strip_suffix(" (server)").unwrap_or(file);
                let client_only = side_free == file && skip.file.strip_suffix(" (client)") == Some(file);
                (skip.file == file || skip.file == side_free || client_only)
                    && skip.suite.as_deref().is_none_or(|s| s == suite)
                    && skip.case.as_deref().is_none_or(|c| c == case)
            })
            .map(|skip| skip.reason.as_str())
    }

    /// Every entry.
    pub fn entries(&self) -> &[Skip] {
        &self.skips
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn an_entry_names_one_file_or_several_and_a_side_or_both() {
        let list = SkipList::parse(
            r#"{"skips": [
                {"file": "a.json", "case": "Both", "reason": "r1"},
                {"files": ["b.json (server)", "c (client)"], "case": "One", "reason": "r2"}
            ]}"#,
        );
        let list = list.unwrap_or_default();
        assert_eq!(list.reason("a.json", "", "Both"), Some("r1"));
        assert_eq!(list.reason("a.json (server)", "", "Both"), Some("r1"));
        assert_eq!(list.reason("b.json (server)", "", "One"), Some("r2"));
        assert_eq!(list.reason("b.json", "", "One"), None);
        assert_eq!(list.reason("c", "", "One"), Some("r2"));
        assert_eq!(list.reason("c (server)", "", "One"), None);
        assert!(SkipList::parse(r#"{"skips": [{"case": "x", "reason": "r"}]}"#).is_err());
    }
}
