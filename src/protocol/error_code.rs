//! Finding an error's code on the wire and the modeled shape it names.

use crate::schema::{OperationRef, ShapeRef};

/// The code as services write it, reduced to the shape name: what follows a `#` namespace,
/// before a `:` URI suffix (`aws.example#NotFound:http://internal/` is `NotFound`).
///
/// ```
/// use awsval::protocol::sanitize_error_code;
/// assert_eq!(sanitize_error_code("aws.protocoltests#FooError:http://internal.amazon.com/coral/"), "FooError");
/// assert_eq!(sanitize_error_code("FooError"), "FooError");
/// ```
pub fn sanitize_error_code(code: &str) -> &str {
    let code = code.split_once(':').map_or(code, |(before, _)| before);
    code.rsplit_once('#').map_or(code, |(_, after)| after).trim()
}

/// The modeled error for `code`: among the operation's errors, then the model's other errors;
/// in each, a matching `@awsQueryError` code wins over a matching shape name.
pub fn error_shape<'m>(operation: OperationRef<'m>, code: &str) -> Option<ShapeRef<'m>> {
    let by_code = |shape: &ShapeRef<'_>| shape.error().and_then(|e| e.code.as_deref()) == Some(code);
    let by_name = |shape: &ShapeRef<'_>| shape.short_name() == code;
    let model = operation.model();
    operation
        .errors()
        .find(by_code)
        .or_else(|| operation.errors().find(by_name))
        .or_else(|| model.error_shapes().find(by_code))
        .or_else(|| model.error_shapes().find(by_name))
}
