//! Schemas: shapes and the traits that change how they travel.
//!
//! One representation serves both types known at compile time (the derive builds their
//! schema) and models loaded at run time. A [`Model`] is an arena of shapes; codecs walk it
//! through the small `Copy` handles [`ShapeRef`] and [`MemberRef`]. Shapes refer to each other
//! by [`ShapeId`], so recursive shapes need nothing special. Member lookup by wire name is a
//! hash table per structure, built once when the model is finished.
//!
//! ```
//! use awsval::schema::{ModelBuilder, ShapeType};
//!
//! let mut builder = ModelBuilder::new();
//! let string = builder.add("String", ShapeType::String).id();
//! let node = builder.declare("Node", ShapeType::Structure);
//! let children = builder.list("Children", node).id();
//! builder
//!     .shape(node)
//!     .member("Name", string)
//!     .required()
//!     .xml_attribute()
//!     .member("Children", children)
//!     .json_name("children");
//! let model = builder.finish()?;
//!
//! let node = model.shape("Node").expect("declared above");
//! let member = node.member_by_json_name("children").expect("renamed");
//! assert_eq!(member.name(), "Children");
//! assert_eq!(member.target().list_member().map(|m| m.target().name()), Some("Node"));
//! # Ok::<(), awsval::Error>(())
//! ```

mod builder;
mod lookup;
mod model;
mod pattern;
mod redact;
mod service;
mod shape_type;
mod traits;

pub use self::builder::{MemberBuilder, ModelBuilder, ShapeBuilder};
pub(crate) use self::model::MemberKeys;
pub use self::model::{MemberRef, Model, OperationRef, PatternError, ShapeId, ShapeRef, WireNameCollision};
pub use self::redact::ShapedDebug;
pub use self::service::{HttpTrait, Operation, Service};
pub use self::shape_type::ShapeType;
pub use self::traits::{
    EnumLiteral, EnumMember, ErrorTrait, Fault, HttpBinding, MemberTraits, ShapeTraits, XmlNamespace,
};
