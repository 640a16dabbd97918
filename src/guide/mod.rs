//! The user guide: awsval's common tasks, one chapter each, every example a doc test.
//!
//! 1. [`typed`]: from a derived type to the wire and back, as an SDK crate does.
//! 2. [`models`]: from a botocore or Smithy model at run time, as a proxy, recorder or CLI does.
//! 3. [`errors`]: reading a service's error into a derived error enum.
//! 4. [`mock_server`]: the other side of the wire, a mock service.
//! 5. [`serde`]: plain JSON, `serde_json` and serde types.
//! 6. [`conformance`]: running the AWS protocol suites, on awsval or on your own
//!    implementation.
//! 7. [`limits`]: the limits, and what bad input gets.
//!
//! The crate's front page is the short tour; the module pages are the reference.

pub mod conformance;
pub mod errors;
pub mod limits;
pub mod mock_server;
pub mod models;
pub mod serde;
pub mod typed;
