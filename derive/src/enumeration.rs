//! `#[derive(Shape)]` on an enum of unit variants: a Smithy `enum`, or with
//! `#[awsval(int_enum)]` an `intEnum`. An `#[awsval(unknown)]` variant keeps values the
//! type does not list.

use proc_macro2::TokenStream;
use quote::quote;
use syn::{DataEnum, DeriveInput, Fields, LitStr, Variant};

use crate::attr::{AttrValue, Attrs, Position};
use crate::errors::Errors;
use crate::shape::{check_unique_names, impl_decode, impl_encode, impl_shape};

/// The `#[awsval(unknown)]` variant, checked to hold exactly one unnamed field.
pub(crate) fn unknown_variant<'a>(
    variants: &'a [(&'a Variant, Attrs)],
    holds: &str,
    errors: &mut Errors,
) -> Option<&'a syn::Ident> {
    let mut unknown = variants.iter().filter(|(_, attrs)| attrs.flag("unknown"));
    let (variant, _) = unknown.next()?;
    for (extra, _) in unknown {
        errors.error(extra, "only one variant may be `#[awsval(unknown)]`");
    }
    if !matches!(&variant.fields, Fields::Unnamed(fields) if fields.unnamed.len() == 1) {
        errors.error(variant, format!("the unknown variant holds the value: `{}({holds})`", variant.ident));
    }
    Some(&variant.ident)
}

struct Value {
    ident: syn::Ident,
    name: LitStr,
    literal: TokenStream,
}

pub(crate) fn derive(input: &DeriveInput, data: &DataEnum, attrs: &Attrs, errors: &mut Errors) -> TokenStream {
    let int_enum = attrs.flag("int_enum");
    let variants: Vec<(&Variant, Attrs)> =
        data.variants.iter().map(|v| (v, Attrs::parse(&v.attrs, Position::Variant, errors))).collect();
    let unknown = unknown_variant(&variants, if int_enum { "i32" } else { "String" }, errors);
    let values: Vec<Value> = variants
        .iter()
        .filter(|(_, attrs)| !attrs.flag("unknown"))
        .filter_map(|(variant, attrs)| value_of(variant, attrs, int_enum, errors))
        .collect();
    let wire_names: Vec<LitStr> =
        values.iter().map(|v| LitStr::new(v.literal.to_string().trim_matches('"'), v.ident.span())).collect();
    check_unique_names(wire_names.iter(), errors);

    let ident = &input.ident;
    let shape_name = attrs.string("name").unwrap_or_else(|| LitStr::new(&ident.to_string(), ident.span()));
    let describe = describe(&shape_name, &values, int_enum, attrs.flag("sensitive"));
    let shape = impl_shape(ident, describe);
    let conversions =
        if int_enum { int_conversions(ident, &values, unknown) } else { conversions(ident, &values, unknown) };
    let debug = debug(ident, &values, unknown, attrs.flag("sensitive"));
    quote!(#shape #conversions #debug)
}

fn value_of(variant: &Variant, attrs: &Attrs, int_enum: bool, errors: &mut Errors) -> Option<Value> {
    if !matches!(variant.fields, Fields::Unit) {
        let hint = if int_enum { "" } else { "; for a union, add `#[awsval(union)]` to the enum" };
        errors.error(variant, format!("an enum value is a unit variant{hint}"));
        return None;
    }
    let ident = variant.ident.clone();
    let name = attrs.string("name").unwrap_or_else(|| LitStr::new(&ident.to_string(), ident.span()));
    let literal = match (attrs.value("value"), int_enum, &variant.discriminant) {
        (Some(AttrValue::Str(text)), false, _) => quote!(#text),
        (None, false, _) => quote!(#name),
        (Some(AttrValue::Int(number)), true, _) => quote!(#number),
        (None, true, Some((_, discriminant))) => quote!(#discriminant),
        (None, true, None) => {
            errors.error(variant, "an intEnum variant needs a value: `#[awsval(value = 1)]`");
            return None;
        }
        (Some(_), false, _) => {
            errors.error(variant, "an enum value is a string: `#[awsval(value = \"...\")]`");
            return None;
        }
        (Some(_), true, _) => {
            errors.error(variant, "an intEnum value is an integer: `#[awsval(value = 1)]`");
            return None;
        }
    };
    Some(Value { ident, name, literal })
}

fn describe(shape_name: &LitStr, values: &[Value], int_enum: bool, sensitive: bool) -> TokenStream {
    let (shape_type, add) =
        if int_enum { (quote!(IntEnum), quote!(int_enum_value)) } else { (quote!(Enum), quote!(enum_value)) };
    let adds = values.iter().map(|Value { name, literal, .. }| quote!(let shape = shape.#add(#name, #literal);));
    let sensitive = sensitive.then(|| quote!(let shape = shape.sensitive();));
    quote! {
        builder.memoize::<Self>(#shape_name, ::awsval::schema::ShapeType::#shape_type, |builder, id| {
            let shape = builder.shape(id);
            #(#adds)*
            #sensitive
            let _ = shape;
        })
    }
}

fn conversions(ident: &syn::Ident, values: &[Value], unknown: Option<&syn::Ident>) -> TokenStream {
    let to = values.iter().map(|Value { ident, literal, .. }| {
        quote!(Self::#ident => ::awsval::Value::Enum(::std::borrow::Cow::Borrowed(#literal)),)
    });
    let (unknown_to, unknown_from) = match unknown {
        Some(unknown) => (
            quote!(Self::#unknown(text) => ::awsval::Value::Enum(::std::borrow::Cow::Owned(text.clone())),),
            quote!(_ => Self::#unknown(text.into_owned()),),
        ),
        None => {
            (quote!(), quote!(_ => return ::core::result::Result::Err(::awsval::Error::data("unknown enum value")),))
        }
    };
    // The variant of a text `text`, for both ways in (from a `Value` and off the wire).
    let arms = values.iter().map(|Value { ident, literal, .. }| quote!(#literal => Self::#ident,));
    let pick = quote! {
        ::core::result::Result::Ok(match &*text {
            #(#arms)*
            #unknown_from
        })
    };
    let decode = impl_decode(ident, quote!(decoder.enum_text(shape, |text| #pick)));
    // An enum value's `Value` borrows its text: it travels as it is.
    let encode = impl_encode(ident, None);
    quote! {
        impl ::awsval::ToValue for #ident {
            fn to_value(&self) -> ::awsval::Value {
                match self {
                    #(#to)*
                    #unknown_to
                }
            }
        }

        impl ::awsval::FromValue for #ident {
            fn from_value(value: ::awsval::Value) -> ::awsval::Result<Self> {
                let text: ::std::borrow::Cow<'static, str> = match value {
                    ::awsval::Value::Enum(text) => text,
                    ::awsval::Value::String(text) => ::std::borrow::Cow::Owned(text),
                    other => return ::core::result::Result::Err(::awsval::convert::mismatch("enum", &other)),
                };
                #pick
            }
        }

        #decode
        #encode
    }
}

fn int_conversions(ident: &syn::Ident, values: &[Value], unknown: Option<&syn::Ident>) -> TokenStream {
    let to =
        values.iter().map(|Value { ident, literal, .. }| quote!(Self::#ident => ::awsval::Value::IntEnum(#literal),));
    let from = values.iter().map(|Value { ident, literal, .. }| quote!(#literal => Self::#ident,));
    let (unknown_to, unknown_from) = match unknown {
        Some(unknown) => (
            quote!(Self::#unknown(number) => ::awsval::Value::IntEnum(*number),),
            quote!(other => Self::#unknown(other),),
        ),
        None => {
            (quote!(), quote!(_ => return ::core::result::Result::Err(::awsval::Error::data("unknown intEnum value")),))
        }
    };
    quote! {
        impl ::awsval::ToValue for #ident {
            fn to_value(&self) -> ::awsval::Value {
                match self {
                    #(#to)*
                    #unknown_to
                }
            }
        }

        // An intEnum reads as a simple value, through `Value`.
        impl ::awsval::convert::Decode for #ident {}

        impl ::awsval::FromValue for #ident {
            fn from_value(value: ::awsval::Value) -> ::awsval::Result<Self> {
                let number = match value {
                    ::awsval::Value::IntEnum(number) | ::awsval::Value::Integer(number) => number,
                    other => return ::core::result::Result::Err(::awsval::convert::mismatch("intEnum", &other)),
                };
                ::core::result::Result::Ok(match number {
                    #(#from)*
                    #unknown_from
                })
            }
        }
    }
}

fn debug(ident: &syn::Ident, values: &[Value], unknown: Option<&syn::Ident>, sensitive: bool) -> TokenStream {
    let label = ident.to_string();
    let body = if sensitive {
        quote!(f.debug_tuple(#label).field(&::awsval::convert::Redacted).finish())
    } else {
        let arms = values.iter().map(|Value { ident, .. }| {
            let label = ident.to_string();
            quote!(Self::#ident => f.write_str(#label),)
        });
        let unknown = unknown.map(|unknown| {
            let label = unknown.to_string();
            quote!(Self::#unknown(value) => f.debug_tuple(#label).field(value).finish(),)
        });
        quote!(match self { #(#arms)* #unknown })
    };
    quote! {
        impl ::core::fmt::Debug for #ident {
            fn fmt(&self, f: &mut ::core::fmt::Formatter<'_>) -> ::core::fmt::Result {
                #body
            }
        }
    }
}
