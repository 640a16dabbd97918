//! Derive macros for [awsval](https://docs.rs/awsval): `Shape` and `OperationError`.
//!
//! Use them through `awsval`, which re-exports both and documents every attribute.

mod attr;
mod enumeration;
mod errors;
mod member;
mod operation_error;
mod shape;
mod structure;
mod union;

use proc_macro::TokenStream;
use syn::{Data, DeriveInput, parse_macro_input};

use crate::attr::{Attrs, Position};
use crate::errors::Errors;

/// Derives `awsval::Shape`, `ToValue`, `FromValue` and a redacting `Debug`.
#[proc_macro_derive(Shape, attributes(awsval))]
pub fn derive_shape(input: TokenStream) -> TokenStream {
    let input = parse_macro_input!(input as DeriveInput);
    let mut errors = Errors::default();
    if !input.generics.params.is_empty() {
        errors
            .error(&input.generics, "Shape cannot be derived for a generic type: a Smithy shape is one concrete type");
    }
    let output = match &input.data {
        Data::Struct(data) => {
            let attrs = Attrs::parse(&input.attrs, Position::Struct, &mut errors);
            structure::derive(&input, data, &attrs, &mut errors)
        }
        Data::Enum(data) => {
            let attrs = Attrs::parse(&input.attrs, Position::Enum, &mut errors);
            if attrs.flag("union") && attrs.flag("int_enum") {
                errors.error(&input.ident, "an enum is a union or an intEnum, not both");
            }
            if attrs.flag("union") {
                union::derive(&input, data, &attrs, &mut errors)
            } else {
                enumeration::derive(&input, data, &attrs, &mut errors)
            }
        }
        Data::Union(_) => {
            errors.error(
                &input.ident,
                "Shape cannot be derived for a Rust union; a Smithy union is an enum with `#[awsval(union)]`",
            );
            proc_macro2::TokenStream::new()
        }
    };
    errors.finish(output).into()
}

/// Derives `awsval::OperationError`, `Debug`, `Display` and `std::error::Error` for an
/// operation's error enum.
#[proc_macro_derive(OperationError, attributes(awsval))]
pub fn derive_operation_error(input: TokenStream) -> TokenStream {
    let input = parse_macro_input!(input as DeriveInput);
    let mut errors = Errors::default();
    if !input.generics.params.is_empty() {
        errors.error(&input.generics, "OperationError cannot be derived for a generic type");
    }
    let output = operation_error::derive(&input, &mut errors);
    errors.finish(output).into()
}
