//! # Running the conformance suites
//!
//! AWS's protocol behaviour is pinned by test suites: botocore's (generated from Smithy's
//! protocol tests, plus older hand-written ones) and Smithy's own `smithy.test` cases. awsval
//! passes them all on the client's side and the server's, up to the cases in its one skip
//! list, each with its reason.
//!
//! ## On awsval
//!
//! The `awsval` command runs them; botocore's are fetched from PyPI (verified) the first time:
//!
//! ```sh
//! awsval conformance                                  # botocore 1.44.8's suites, both sides
//! awsval conformance --side server                    # requests read back, responses written
//! awsval conformance --smithy aws-protocol-tests.json # Smithy's suites from a JSON AST
//! ```
//!
//! ## On your own implementation
//!
//! The suites are data, and the `awsval-conformance` crate hands them out in forms another
//! implementation can take:
//!
//! - `Report::run` and `Report::run_smithy` run suite files of the same formats (your own
//!   among them) against awsval, with a skip list of your own.
//! - `exchanges(paths, skips)` gives every case as a server meets it: an HTTP/1.1 request
//!   message to read and the input it holds (plain JSON), or an output or error to write with
//!   the status, headers and body the case expects. Feed each request to your server, or
//!   each answer to your client, and compare; the crate's `boto3_e2e` test does this with
//!   boto3 against a server built on awsval.
//! - `fetch::botocore()` gives the pinned botocore tree (suites, CBOR corpus, models).
//!
//! Each of them is documented, with examples, in `awsval-conformance`.
