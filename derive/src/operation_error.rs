//! `#[derive(OperationError)]`: an enum with one newtype variant per modeled error and an
//! `#[awsval(unknown)] Unknown { code: String, message: Option<String> }` variant.

use proc_macro2::TokenStream;
use quote::quote;
use syn::{Data, DeriveInput, Fields, Variant};

use crate::attr::{Attrs, Position};
use crate::errors::Errors;

const UNKNOWN_FORM: &str = "`#[awsval(unknown)] Unknown { code: String, message: Option<String> }`";

pub(crate) fn derive(input: &DeriveInput, errors: &mut Errors) -> TokenStream {
    let Data::Enum(data) = &input.data else {
        errors.error(input, "OperationError is derived for an enum of the operation's errors");
        return TokenStream::new();
    };
    let mut modeled: Vec<(&syn::Ident, &syn::Type)> = Vec::new();
    let mut unknown: Option<&Variant> = None;
    for variant in &data.variants {
        let attrs = Attrs::parse(&variant.attrs, Position::Variant, errors);
        for (key, span) in attrs.keys().filter(|(key, _)| *key != "unknown") {
            errors.push(syn::Error::new(span, format!("`{key}` does not apply to an operation error variant")));
        }
        if attrs.flag("unknown") {
            check_unknown(variant, unknown.is_some(), errors);
            unknown = Some(variant);
        } else if let Fields::Unnamed(fields) = &variant.fields
            && fields.unnamed.len() == 1
        {
            modeled.push((&variant.ident, &fields.unnamed[0].ty));
        } else {
            errors.error(variant, "a modeled error variant holds its error shape: `NotFound(NotFound)`");
        }
    }
    let Some(unknown) = unknown else {
        errors.error(input, format!("an operation error enum needs an unknown variant: {UNKNOWN_FORM}"));
        return TokenStream::new();
    };
    generate(&input.ident, &modeled, &unknown.ident)
}

fn check_unknown(variant: &Variant, repeated: bool, errors: &mut Errors) {
    if repeated {
        errors.error(variant, "only one variant may be `#[awsval(unknown)]`");
    }
    let names: Vec<String> = match &variant.fields {
        Fields::Named(fields) => {
            fields.named.iter().filter_map(|f| f.ident.as_ref().map(ToString::to_string)).collect()
        }
        _ => Vec::new(),
    };
    if names != ["code", "message"] {
        errors.error(variant, format!("the unknown variant is {UNKNOWN_FORM}"));
    }
}

fn generate(ident: &syn::Ident, modeled: &[(&syn::Ident, &syn::Type)], unknown: &syn::Ident) -> TokenStream {
    let shapes = modeled.iter().map(|(_, ty)| quote!(<#ty as ::awsval::Shape>::schema()));
    let from = modeled.iter().enumerate().map(
        |(index, (variant, ty))| quote!(#index => Self::#variant(<#ty as ::awsval::FromValue>::from_value(value)?),),
    );
    let decode = modeled.iter().enumerate().map(|(index, (variant, ty))| {
        quote!(#index => Self::#variant(<#ty as ::awsval::convert::Decode>::decode(decoder, shape, ::core::option::Option::None)?),)
    });
    let codes = modeled.iter().map(|(variant, ty)| {
        let fallback = variant.to_string();
        quote!(Self::#variant(_) => <#ty as ::awsval::Shape>::schema().error_code().unwrap_or(#fallback),)
    });
    let debug = modeled.iter().map(|(variant, _)| {
        let label = variant.to_string();
        quote!(Self::#variant(error) => f.debug_tuple(#label).field(error).finish(),)
    });
    let messages = modeled.iter().map(|(variant, _)| {
        quote!(Self::#variant(error) => ::awsval::convert::error_message(&::awsval::ToValue::to_value(error)),)
    });
    let unknown_label = unknown.to_string();
    quote! {
        impl ::awsval::OperationError for #ident {
            fn error_shapes() -> ::std::vec::Vec<::awsval::schema::ShapeRef<'static>> {
                ::std::vec![#(#shapes),*]
            }

            fn from_modeled(index: usize, value: ::awsval::Value) -> ::awsval::Result<Self> {
                ::core::result::Result::Ok(match index {
                    #(#from)*
                    _ => return ::core::result::Result::Err(::awsval::Error::data("no modeled error has that index")),
                })
            }

            fn decode_modeled<D: ::awsval::convert::Decoder>(
                index: usize,
                decoder: &mut D,
                shape: ::awsval::schema::ShapeRef<'_>,
            ) -> ::awsval::Result<Self> {
                ::core::result::Result::Ok(match index {
                    #(#decode)*
                    _ => return ::core::result::Result::Err(::awsval::Error::data("no modeled error has that index")),
                })
            }

            fn unknown(code: ::std::string::String, message: ::core::option::Option<::std::string::String>) -> Self {
                Self::#unknown { code, message }
            }

            fn code(&self) -> &str {
                match self {
                    #(#codes)*
                    Self::#unknown { code, .. } => code,
                }
            }
        }

        impl ::core::fmt::Debug for #ident {
            fn fmt(&self, f: &mut ::core::fmt::Formatter<'_>) -> ::core::fmt::Result {
                match self {
                    #(#debug)*
                    Self::#unknown { code, message } => f
                        .debug_struct(#unknown_label)
                        .field("code", code)
                        .field("message", message)
                        .finish(),
                }
            }
        }

        impl ::core::fmt::Display for #ident {
            /// The code, then the message when there is one.
            fn fmt(&self, f: &mut ::core::fmt::Formatter<'_>) -> ::core::fmt::Result {
                let message: ::core::option::Option<::std::string::String> = match self {
                    #(#messages)*
                    Self::#unknown { message, .. } => message.clone(),
                };
                f.write_str(::awsval::OperationError::code(self))?;
                match message {
                    ::core::option::Option::Some(message) => ::core::write!(f, ": {}", message),
                    ::core::option::Option::None => ::core::result::Result::Ok(()),
                }
            }
        }

        impl ::std::error::Error for #ident {}
    }
}
