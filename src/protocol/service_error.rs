//! The error a service answers with: read off the wire by a client, written by a server.

use std::fmt;

use crate::schema::{Fault, MemberRef, ShapeRef, ShapeType};
use crate::value::{Structure, Value};

/// A modeled or unknown error a service answered with.
///
/// A client gets one from [`response`](super::response); a server makes one with
/// [`ServiceError::modeled`] or [`ServiceError::unmodeled`] and writes it with
/// [`encode_error`](super::encode_error).
///
/// ```
/// use awsval::model::botocore;
/// use awsval::protocol::ServiceError;
/// use awsval::{Structure, Value};
///
/// let model = botocore::load(br#"{
///   "metadata": {"protocol": "json", "jsonVersion": "1.0", "targetPrefix": "Demo"},
///   "operations": {},
///   "shapes": {"S": {"type": "string"},
///              "NotFound": {"type": "structure", "members": {"Message": {"shape": "S"}},
///                           "exception": true, "error": {"httpStatusCode": 404}}}
/// }"#)?;
/// let shape = model.shape("NotFound").expect("declared");
/// let error = ServiceError::modeled(shape, Value::from(Structure::new().with("Message", "no i-1")));
/// assert_eq!((error.code.as_str(), error.message.as_deref(), error.status), ("NotFound", Some("no i-1"), 404));
///
/// let throttled = ServiceError::unmodeled("ThrottlingException", Some("slow down"), 400);
/// assert!(throttled.shape.is_none());
/// # Ok::<(), awsval::Error>(())
/// ```
pub struct ServiceError<'m> {
    /// The error code, sanitised (`NotFound`).
    pub code: String,
    /// The error message, when the response has one.
    pub message: Option<String>,
    /// The modeled error shape the code names, if any.
    pub shape: Option<ShapeRef<'m>>,
    /// The error's members, decoded with its shape (empty when unmodeled).
    pub value: Value,
    /// The HTTP status.
    pub status: u16,
}

impl<'m> ServiceError<'m> {
    /// The error `shape` with its members `value`, as a service sends it: the code on the wire
    /// (its `@awsQueryError` code, else its name), the message its message member holds, and
    /// the status of its `@httpError` (else 400 for a client's fault, 500 for the service's).
    pub fn modeled(shape: ShapeRef<'m>, value: Value) -> Self {
        let message = message_member(shape).and_then(|m| value.get(m.name().as_str())).and_then(Value::as_str);
        let fault_status = match shape.error().map(|e| e.fault) {
            Some(Fault::Server) => 500,
            _ => 400,
        };
        Self {
            code: shape.error_code().unwrap_or_else(|| shape.short_name()).to_owned(),
            message: message.map(str::to_owned),
            status: shape.error().and_then(|e| e.http_status).unwrap_or(fault_status),
            shape: Some(shape),
            value,
        }
    }

    /// An error no shape models (throttling, access denied, a failure of the service itself).
    pub fn unmodeled(code: impl Into<String>, message: Option<&str>, status: u16) -> Self {
        Self {
            code: code.into(),
            message: message.map(str::to_owned),
            shape: None,
            value: Value::Structure(Structure::new()),
            status,
        }
    }

    /// Whose fault the error is: the shape's `@error`, else the status's (5xx: the service's).
    pub fn fault(&self) -> Fault {
        match self.shape.and_then(ShapeRef::error) {
            Some(error) => error.fault,
            None if self.status >= 500 => Fault::Server,
            None => Fault::Client,
        }
    }
}

/// The member of an error shape that holds its message: a string member named `message` in
/// any case, or `errorMessage` (the names the protocols' readers look for).
pub(crate) fn message_member(shape: ShapeRef<'_>) -> Option<MemberRef<'_>> {
    shape.members().find(|member| {
        let name = member.name();
        (name.eq_ignore_ascii_case("message") || name.as_str() == "errorMessage")
            && member.target().shape_type() == ShapeType::String
    })
}

impl fmt::Debug for ServiceError<'_> {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.debug_struct("ServiceError")
            .field("code", &self.code)
            .field("message", &self.message)
            .field("shape", &self.shape.map(ShapeRef::name))
            .field("value", &self.value)
            .field("status", &self.status)
            .finish()
    }
}

impl fmt::Display for ServiceError<'_> {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        write!(f, "{} (HTTP {})", self.code, self.status)?;
        match &self.message {
            Some(message) => write!(f, ": {message}"),
            None => Ok(()),
        }
    }
}

impl std::error::Error for ServiceError<'_> {}
