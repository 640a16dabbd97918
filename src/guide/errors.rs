//! # Reading an error into a derived error enum
//!
//! An operation's errors form one enum: a newtype variant per modeled error (each a derived
//! error structure) and an `Unknown { code, message }` variant for the rest.
//! [`protocol::typed_error`](crate::protocol::typed_error) finds the code where the protocol
//! puts it (`X-Amzn-Errortype`, `__type`, `<Code>`, `x-amzn-query-error`), matches it to a
//! variant and reads the body into it; the HTTP status lands in a member marked
//! `http_response_code`.
//!
//! ```
//! use awsval::protocol::{self, HttpResponse, Protocol};
//! use awsval::{OperationError, Shape};
//!
//! #[derive(Shape, Clone, PartialEq)]
//! #[awsval(error = "client", http_status = 404)]
//! struct NoSuchJob {
//!     message: Option<String>,
//!     job_id: Option<String>,
//!     #[awsval(http_response_code, default)]
//!     status: i32,
//! }
//!
//! #[derive(Shape, Clone, PartialEq)]
//! #[awsval(error = "server")]
//! struct InternalError {
//!     message: Option<String>,
//! }
//!
//! #[derive(OperationError, Clone, PartialEq)]
//! enum GetJobError {
//!     NoSuchJob(NoSuchJob),
//!     InternalError(InternalError),
//!     #[awsval(unknown)]
//!     Unknown { code: String, message: Option<String> },
//! }
//!
//! let reply = HttpResponse::new(404, r#"{"Message": "gone", "JobId": "j-1"}"#)
//!     .with_header("X-Amzn-Errortype", "NoSuchJob:http://internal.amazon.com/");
//! let error: GetJobError = protocol::typed_error(Protocol::RestJson1, &reply)?;
//! assert_eq!(error.to_string(), "NoSuchJob: gone");
//! match &error {
//!     GetJobError::NoSuchJob(e) => assert_eq!((e.job_id.as_deref(), e.status), (Some("j-1"), 404)),
//!     other => panic!("{other:?}"),
//! }
//!
//! // A code the operation does not model is kept, with its message.
//! let reply = HttpResponse::new(400, r#"{"__type": "com.example#ThrottlingException", "message": "slow down"}"#);
//! let error: GetJobError = protocol::typed_error(Protocol::AwsJson1_0, &reply)?;
//! assert_eq!(error, GetJobError::Unknown { code: "ThrottlingException".into(), message: Some("slow down".into()) });
//! # Ok::<(), awsval::Error>(())
//! ```
//!
//! With a model loaded at run time instead,
//! [`protocol::response`](crate::protocol::response) gives a
//! [`ServiceError`](crate::protocol::ServiceError): the code, message, status, the modeled
//! shape if any and its members as a `Value`.
