//! An operation's errors as one Rust enum: modeled errors plus `Unknown { code, message }`.

use super::Decoder;
use crate::error::Result;
use crate::schema::ShapeRef;
use crate::value::Value;

/// The errors of one operation, usually `#[derive(OperationError)]` on an enum with one
/// newtype variant per modeled error and an `Unknown { code, message }` variant.
///
/// Protocols find the error code in a response, [`match_code`](Self::match_code) it to a
/// modeled shape, decode the body with that shape and hand the value to
/// [`from_modeled`](Self::from_modeled); an unmatched code becomes [`unknown`](Self::unknown).
/// This is what the OCaml SDK calls `error_of_json` / `error_of_xml`.
pub trait OperationError: Sized {
    /// The modeled error shapes, in variant order.
    fn error_shapes() -> Vec<ShapeRef<'static>>;

    /// The variant for modeled error `index` (into [`error_shapes`](Self::error_shapes)),
    /// built from the decoded body.
    fn from_modeled(index: usize, value: Value) -> Result<Self>;

    /// The variant for modeled error `index`, read straight from a codec's `decoder` as
    /// `shape` (the error's shape), with no `Value` in between: what the protocols read error
    /// bodies with where they can. By default, through [`from_modeled`](Self::from_modeled);
    /// `#[derive(OperationError)]` reads each variant's type with its own
    /// [`Decode`](super::Decode).
    fn decode_modeled<D: Decoder>(index: usize, decoder: &mut D, shape: ShapeRef<'_>) -> Result<Self> {
        Self::from_modeled(index, decoder.value(shape, None)?)
    }

    /// An error the operation does not model.
    fn unknown(code: String, message: Option<String>) -> Self;

    /// The error's code: the modeled error's wire code, or the unknown error's code.
    fn code(&self) -> &str;

    /// The modeled error with wire code `code`: an `@awsQueryError` code matches before a
    /// shape name, as services that renamed an error keep sending the old code.
    fn match_code(code: &str) -> Option<(usize, ShapeRef<'static>)> {
        let shapes = Self::error_shapes();
        let by_query_code =
            shapes.iter().position(|shape| shape.error().and_then(|error| error.code.as_deref()) == Some(code));
        let index = by_query_code.or_else(|| shapes.iter().position(|shape| shape.short_name() == code))?;
        Some((index, shapes[index]))
    }

    /// The error for `code`: modeled ones decoded by `decode` from their shape, others
    /// [`unknown`](Self::unknown) with `message`.
    ///
    /// ```
    /// use awsval::{OperationError, Shape, Structure, Value};
    ///
    /// #[derive(Shape)]
    /// #[awsval(error = "client", http_status = 404)]
    /// struct NotFound {
    ///     message: Option<String>,
    /// }
    ///
    /// #[derive(OperationError)]
    /// enum GetThingError {
    ///     NotFound(NotFound),
    ///     #[awsval(unknown)]
    ///     Unknown { code: String, message: Option<String> },
    /// }
    ///
    /// let body = |_shape| Ok(Value::from(Structure::new().with("Message", "no such thing")));
    /// let error = GetThingError::from_code("NotFound", None, body)?;
    /// assert!(matches!(&error, GetThingError::NotFound(e) if e.message.as_deref() == Some("no such thing")));
    ///
    /// let error = GetThingError::from_code("Throttled", Some("slow down"), body)?;
    /// assert_eq!(error.code(), "Throttled");
    /// # Ok::<(), awsval::Error>(())
    /// ```
    fn from_code(
        code: &str,
        message: Option<&str>,
        decode: impl FnOnce(ShapeRef<'static>) -> Result<Value>,
    ) -> Result<Self> {
        Self::from_code_with(code, message, |index, shape| Self::from_modeled(index, decode(shape)?))
    }

    /// [`from_code`](Self::from_code) with the modeled error made by `read` from its index
    /// and shape: what a codec reading the body straight into the variant
    /// ([`decode_modeled`](Self::decode_modeled)) needs.
    fn from_code_with(
        code: &str,
        message: Option<&str>,
        read: impl FnOnce(usize, ShapeRef<'static>) -> Result<Self>,
    ) -> Result<Self> {
        match Self::match_code(code) {
            Some((index, shape)) => read(index, shape),
            None => Ok(Self::unknown(code.to_owned(), message.map(str::to_owned))),
        }
    }
}
