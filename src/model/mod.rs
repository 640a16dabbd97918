//! Model loaders: schemas from model files, at run time.
//!
//! [`botocore`] reads the `service-2.json` format every AWS service ships in (inside the
//! `botocore` package) and that botocore's protocol test suites embed; [`smithy`] reads Smithy
//! 2.0 JSON AST models (how AWS publishes every service, and Smithy's own test suites).

pub mod botocore;
pub mod smithy;
