//! What every `#[derive(Shape)]` shares: the `Shape` impl and its checks.

use std::collections::BTreeMap;

use proc_macro2::TokenStream;
use quote::quote;
use syn::LitStr;

use crate::errors::Errors;

/// `impl Shape`, with `describe` from `body` and `schema` cached in a static of its own.
pub(crate) fn impl_shape(ident: &syn::Ident, describe: TokenStream) -> TokenStream {
    quote! {
        impl ::awsval::Shape for #ident {
            fn describe(builder: &mut ::awsval::schema::ModelBuilder) -> ::awsval::schema::ShapeId {
                #describe
            }

            fn schema() -> ::awsval::schema::ShapeRef<'static> {
                static SCHEMA: ::std::sync::OnceLock<(::awsval::schema::Model, ::awsval::schema::ShapeId)> =
                    ::std::sync::OnceLock::new();
                let (model, id) = SCHEMA.get_or_init(::awsval::convert::build_schema::<Self>);
                model.get(*id)
            }
        }
    }
}

/// `impl Decode`, with `decode` from `body` (which has `decoder` and `shape` in scope).
pub(crate) fn impl_decode(ident: &syn::Ident, body: TokenStream) -> TokenStream {
    quote! {
        impl ::awsval::convert::Decode for #ident {
            fn decode<D: ::awsval::convert::Decoder>(
                decoder: &mut D,
                shape: ::awsval::schema::ShapeRef<'_>,
                _: ::core::option::Option<::awsval::TimestampFormat>,
            ) -> ::awsval::Result<Self> {
                #body
            }
        }
    }
}

/// `impl Encode`, with `encode` from `body` (which has `encoder`, `shape` and `format` in
/// scope); an empty body keeps the default, through the `Value`.
pub(crate) fn impl_encode(ident: &syn::Ident, body: Option<TokenStream>) -> TokenStream {
    let Some(body) = body else {
        return quote!(impl ::awsval::convert::Encode for #ident {});
    };
    quote! {
        impl ::awsval::convert::Encode for #ident {
            fn encode<E: ::awsval::convert::Encoder>(
                &self,
                encoder: &mut E,
                shape: ::awsval::schema::ShapeRef<'_>,
                format: ::core::option::Option<::awsval::TimestampFormat>,
            ) -> ::awsval::Result<()> {
                let _ = format;
                #body
            }
        }
    }
}

/// Two members (or enum values) may not share a wire name.
pub(crate) fn check_unique_names<'a>(names: impl Iterator<Item = &'a LitStr>, errors: &mut Errors) {
    let mut seen = BTreeMap::new();
    for name in names {
        if seen.insert(name.value(), ()).is_some() {
            errors.error(name, format!("the name `{}` is used twice", name.value()));
        }
    }
}
