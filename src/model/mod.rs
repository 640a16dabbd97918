//! Model loaders: schemas from model files, at run time.
//!
//! [`botocore`] reads the `service-2.json` format every AWS service ships in (inside the
//! `botocore` package) and that botocore's protocol test suites embed.

pub mod botocore;
