//! `#[derive(Shape)]` on an enum marked `#[awsval(union)]`: each variant holds one member's
//! value; an `#[awsval(unknown)] Unknown(String)` variant keeps the name of a member the type
//! does not know.

use proc_macro2::TokenStream;
use quote::quote;
use syn::{DataEnum, DeriveInput, Fields, LitStr, Variant};

use crate::attr::{Attrs, Position};
use crate::enumeration::unknown_variant;
use crate::errors::Errors;
use crate::member::Member;
use crate::shape::{check_unique_names, impl_decode, impl_encode, impl_shape};

struct Case {
    ident: syn::Ident,
    member: Member,
}

pub(crate) fn derive(input: &DeriveInput, data: &DataEnum, attrs: &Attrs, errors: &mut Errors) -> TokenStream {
    let variants: Vec<(&Variant, Attrs)> =
        data.variants.iter().map(|v| (v, Attrs::parse(&v.attrs, Position::Variant, errors))).collect();
    let unknown = unknown_variant(&variants, "String", errors);
    let cases: Vec<Case> = variants
        .iter()
        .filter(|(_, attrs)| !attrs.flag("unknown"))
        .filter_map(|(variant, attrs)| case_of(variant, attrs, errors))
        .collect();
    check_unique_names(cases.iter().map(|c| &c.member.name), errors);
    for (variant, attrs) in &variants {
        if let Some(span) = attrs.span("value") {
            errors.push(syn::Error::new(
                span,
                format!("`value` is for enum values; union member `{}` has a type", variant.ident),
            ));
        }
    }

    let ident = &input.ident;
    let shape_name = attrs.string("name").unwrap_or_else(|| LitStr::new(&ident.to_string(), ident.span()));
    let shape = impl_shape(ident, describe(&shape_name, &cases, attrs.flag("sensitive")));
    let to_value = to_value(ident, &cases, unknown);
    let from_value = from_value(ident, &cases, unknown);
    let decode = decode(ident, &cases, unknown);
    let encode = encode(ident, &cases, unknown);
    let debug = debug(ident, &cases, unknown, attrs.flag("sensitive"));
    quote!(#shape #to_value #from_value #decode #encode #debug)
}

fn case_of(variant: &Variant, attrs: &Attrs, errors: &mut Errors) -> Option<Case> {
    let Fields::Unnamed(fields) = &variant.fields else {
        errors.error(variant, "a union member variant holds exactly one value: `Member(Type)`");
        return None;
    };
    if fields.unnamed.len() != 1 {
        errors.error(variant, "a union member variant holds exactly one value: `Member(Type)`");
        return None;
    }
    let ident = variant.ident.clone();
    let name = attrs.string("name").unwrap_or_else(|| LitStr::new(&ident.to_string(), ident.span()));
    let ty = fields.unnamed[0].ty.clone();
    Some(Case { ident, member: Member::new(name, ty, attrs, errors) })
}

fn describe(shape_name: &LitStr, cases: &[Case], sensitive: bool) -> TokenStream {
    let count = cases.len();
    let types = cases.iter().map(|c| &c.member.ty);
    let members = cases.iter().enumerate().map(|(index, case)| {
        let Member { name, traits, .. } = &case.member;
        quote! {
            let mut member = shape.member(#name, targets[#index]);
            {
                let traits = member.traits_mut();
                let _ = &traits;
                #traits
            }
            let shape = member.shape();
        }
    });
    let sensitive = sensitive.then(|| quote!(let shape = shape.sensitive();));
    quote! {
        builder.memoize::<Self>(#shape_name, ::awsval::schema::ShapeType::Union, |builder, id| {
            let targets: [::awsval::schema::ShapeId; #count] =
                [#(<#types as ::awsval::Shape>::describe(builder)),*];
            let shape = builder.shape(id);
            #sensitive
            #(#members)*
            let _ = (shape, targets);
        })
    }
}

fn to_value(ident: &syn::Ident, cases: &[Case], unknown: Option<&syn::Ident>) -> TokenStream {
    let arms = cases.iter().enumerate().map(|(index, Case { ident, .. })| {
        quote! {
            Self::#ident(value) => ::awsval::Union::new(
                <Self as ::awsval::Shape>::schema().member_at(#index).name(),
                ::awsval::ToValue::to_value(value),
            ),
        }
    });
    let unknown = unknown.map(|unknown| quote!(Self::#unknown(name) => ::awsval::Union::unknown(name.clone()),));
    quote! {
        impl ::awsval::ToValue for #ident {
            fn to_value(&self) -> ::awsval::Value {
                ::awsval::Value::Union(match self {
                    #(#arms)*
                    #unknown
                })
            }
        }
    }
}

fn from_value(ident: &syn::Ident, cases: &[Case], unknown: Option<&syn::Ident>) -> TokenStream {
    let arms = cases.iter().map(|Case { ident, member }| {
        let Member { name, ty, sensitive, .. } = member;
        let redact = sensitive.then(|| quote!(.redact_keys()));
        quote! {
            #name => Self::#ident(
                <#ty as ::awsval::FromValue>::from_value(value).map_err(|error| error #redact .in_member(#name))?,
            ),
        }
    });
    let unknown_member = match unknown {
        Some(unknown) => quote!(Self::#unknown(name.into())),
        None => quote!(return ::core::result::Result::Err(::awsval::Error::data("unknown union member"))),
    };
    quote! {
        impl ::awsval::FromValue for #ident {
            fn from_value(value: ::awsval::Value) -> ::awsval::Result<Self> {
                let union = match value {
                    ::awsval::Value::Union(union) => union,
                    other => return ::core::result::Result::Err(::awsval::convert::mismatch("union", &other)),
                };
                ::core::result::Result::Ok(match union.into_parts() {
                    ::core::result::Result::Ok((name, value)) => match name.as_str() {
                        #(#arms)*
                        name => #unknown_member,
                    },
                    ::core::result::Result::Err(name) => #unknown_member,
                })
            }
        }
    }
}

/// `Decode`: the member arrives by its index in the schema, which is the variants' order.
/// `Encode`: the member the variant holds; an unknown member through the `Value`, which the
/// codec refuses as it refuses any unknown member.
fn encode(ident: &syn::Ident, cases: &[Case], unknown: Option<&syn::Ident>) -> TokenStream {
    let arms = cases.iter().enumerate().map(|(index, Case { ident, .. })| {
        quote!(Self::#ident(value) => encoder.union(shape, shape.member_at(#index), value),)
    });
    let unknown = unknown
        .map(|unknown| quote!(Self::#unknown(_) => encoder.value(&::awsval::ToValue::to_value(self), shape, format),));
    impl_encode(
        ident,
        Some(quote! {
            match self {
                #(#arms)*
                #unknown
            }
        }),
    )
}

fn decode(ident: &syn::Ident, cases: &[Case], unknown: Option<&syn::Ident>) -> TokenStream {
    // A member may come in pieces (an XML flattened list): each adds to what the last gave.
    let arms = cases.iter().enumerate().map(|(index, Case { ident, .. })| {
        quote! {
            #index => match found.take() {
                ::core::option::Option::Some(Self::#ident(value)) => {
                    let mut slot = ::core::option::Option::Some(value);
                    ::awsval::convert::decode::member_into(decoder, member, &mut slot)?;
                    found = slot.map(Self::#ident);
                }
                // The first piece (all there is but in XML) is read whole, moved once.
                _ => found = ::core::option::Option::Some(Self::#ident(::awsval::convert::decode::member(decoder, member)?)),
            },
        }
    });
    let unknown_arm = match unknown {
        Some(unknown) => quote! {
            (::core::option::Option::None, ::core::option::Option::Some(name)) => {
                ::core::result::Result::Ok(Self::#unknown(name.into()))
            }
        },
        None => quote! {
            (::core::option::Option::None, ::core::option::Option::Some(_)) => {
                ::core::result::Result::Err(::awsval::Error::data("unknown union member"))
            }
        },
    };
    impl_decode(
        ident,
        quote! {
            let mut found: ::core::option::Option<Self> = ::core::option::Option::None;
            let unknown = decoder.union(shape, |decoder, member| {
                match member.index() {
                    #(#arms)*
                    _ => return ::core::result::Result::Err(::awsval::Error::model("a member the type does not have")),
                }
                ::core::result::Result::Ok(())
            })?;
            match (found, unknown) {
                (::core::option::Option::Some(value), _) => ::core::result::Result::Ok(value),
                #unknown_arm
                (::core::option::Option::None, ::core::option::Option::None) => ::core::result::Result::Err(
                    ::awsval::Error::data("a union has exactly one member, found none"),
                ),
            }
        },
    )
}

fn debug(ident: &syn::Ident, cases: &[Case], unknown: Option<&syn::Ident>, sensitive: bool) -> TokenStream {
    let label = ident.to_string();
    let body = if sensitive {
        quote!(f.debug_tuple(#label).field(&::awsval::convert::Redacted).finish())
    } else {
        let arms = cases.iter().map(|Case { ident, member }| {
            let label = ident.to_string();
            if member.sensitive {
                quote!(Self::#ident(_) => f.debug_tuple(#label).field(&::awsval::convert::Redacted).finish(),)
            } else {
                quote!(Self::#ident(value) => f.debug_tuple(#label).field(value).finish(),)
            }
        });
        let unknown = unknown.map(|unknown| {
            let label = unknown.to_string();
            quote!(Self::#unknown(name) => f.debug_tuple(#label).field(name).finish(),)
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
