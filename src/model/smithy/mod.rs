//! Smithy 2.0 JSON AST models (what `smithy ast` prints, and how AWS publishes every service):
//! one service of the AST, with what botocore's `service-2.json` loses kept.
//!
//! A service's closure is loaded: its operations (those bound through resources too), the
//! shapes they reach, each by the name the service gives it (its local name, or the service's
//! `rename`). Several files merge (`smithy ast` of a project prints one, a build may have
//! more); `apply` statements and mixins are resolved. Kept apart where botocore merges them:
//! `@jsonName` and `@xmlName`; enum and intEnum shapes with their member names; `@default`
//! values, `@sparse`, unit union members (an empty structure), member-level constraint traits
//! (such a member gets a shape of its own, its target's with the member's constraints),
//! `@uniqueItems`, `@mediaType`, `@httpResponseCode`. Traits awsval does not use are kept out
//! of the way, not refused.
//!
//! ```
//! let ast = br#"{"smithy": "2.0", "shapes": {
//!   "example#Weather": {"type": "service", "version": "2024-01-01",
//!     "operations": [{"target": "example#GetCity"}],
//!     "traits": {"aws.protocols#restJson1": {}, "aws.api#service": {"sdkId": "Weather"}}},
//!   "example#GetCity": {"type": "operation",
//!     "input": {"target": "example#GetCityInput"}, "output": {"target": "smithy.api#Unit"},
//!     "traits": {"smithy.api#http": {"method": "GET", "uri": "/cities/{cityId}"}}},
//!   "example#GetCityInput": {"type": "structure", "members": {
//!     "cityId": {"target": "smithy.api#String", "traits": {
//!       "smithy.api#required": {}, "smithy.api#httpLabel": {}, "smithy.api#length": {"min": 1}}},
//!     "units": {"target": "example#Units", "traits": {"smithy.api#httpQuery": "units", "smithy.api#default": "metric"}}}},
//!   "example#Units": {"type": "enum", "members": {
//!     "METRIC": {"target": "smithy.api#Unit", "traits": {"smithy.api#enumValue": "metric"}},
//!     "IMPERIAL": {"target": "smithy.api#Unit", "traits": {"smithy.api#enumValue": "imperial"}}}}
//! }}"#;
//! let model = awsval::model::smithy::load(ast)?;
//! assert_eq!(model.service().name.as_ref(), "Weather");
//! assert_eq!(model.service().protocols, ["rest-json".into()]);
//! let get = model.operation("GetCity").expect("bound");
//! assert_eq!(&*get.data().http.uri, "/cities/{cityId}");
//! assert!(get.output().is_none(), "Unit is no output");
//! let input = get.input().expect("has input");
//! assert_eq!(input.member("cityId").unwrap().target().traits().min, Some(1.0));
//! assert_eq!(input.member("units").unwrap().traits().default, Some(awsval::Value::Enum("metric".into())));
//! # Ok::<(), awsval::Error>(())
//! ```

mod ast;
mod closure;
mod service;
mod shapes;

use crate::error::Result;
use crate::schema::{Model, ModelBuilder};

/// Loads the only service of a Smithy JSON AST.
///
/// Fails with [`ErrorKind::Syntax`](crate::ErrorKind::Syntax) for malformed JSON and
/// [`ErrorKind::Model`](crate::ErrorKind::Model) for an inconsistent model, or when the AST
/// holds no service or several (see [`load_service`]).
pub fn load(json: &[u8]) -> Result<Model> {
    load_service(&[json], None)
}

/// Loads service `service` (its absolute id, `example#Weather`, or its name, `Weather`; the
/// only one when `None`) from one or more Smithy JSON AST files merged.
pub fn load_service(files: &[&[u8]], service: Option<&str>) -> Result<Model> {
    let shapes = ast::read(files)?;
    let closure = closure::service(&shapes, service)?;
    let mut builder = ModelBuilder::new();
    *builder.service_mut() = service::service(&closure);
    let ids = shapes::add(&mut builder, &closure, &shapes)?;
    for id in &closure.operations {
        builder.operation(service::operation(&closure, id, &shapes, &ids)?);
    }
    builder.finish()
}

/// The absolute ids of the services a Smithy JSON AST holds.
pub fn services(json: &[u8]) -> Result<Vec<String>> {
    let shapes = ast::read(&[json])?;
    Ok(shapes.into_iter().filter(|(_, shape)| shape.shape_type == "service").map(|(id, _)| id).collect())
}

/// Whether `json` is a Smithy JSON AST (an object with a `smithy` version) rather than a
/// botocore model.
///
/// ```
/// use awsval::model::smithy;
///
/// assert!(smithy::is_smithy_ast(br#"{"smithy": "2.0", "shapes": {}}"#));
/// assert!(!smithy::is_smithy_ast(br#"{"version": "2.0", "metadata": {}, "shapes": {}}"#));
/// ```
pub fn is_smithy_ast(json: &[u8]) -> bool {
    #[derive(serde::Deserialize)]
    struct Probe {
        smithy: Option<serde::de::IgnoredAny>,
    }
    serde_json::from_slice::<Probe>(json).is_ok_and(|probe| probe.smithy.is_some())
}
