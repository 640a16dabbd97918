//! awsval: one generic, wire-neutral [`Value`] for every AWS/Smithy shape.
#![forbid(unsafe_code)]
#![deny(missing_docs)]
#![warn(clippy::unwrap_used, clippy::expect_used, clippy::panic)]

pub mod blob;
pub mod convert;
pub mod error;
pub mod limits;
pub mod schema;
pub mod timestamp;
pub mod value;

pub use awsval_derive::{OperationError, Shape};
pub use blob::Blob;
pub use convert::{FromValue, OperationError, Shape, ToValue};
pub use error::{Error, ErrorKind, Path, PathSegment, Result};
pub use limits::Limits;
pub use timestamp::{Precision, Timestamp, TimestampFormat};
pub use value::{Document, Equivalence, List, Map, Name, Structure, Union, Value};
