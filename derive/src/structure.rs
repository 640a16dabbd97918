//! `#[derive(Shape)]` on a struct with named fields: a Smithy structure.

use proc_macro2::TokenStream;
use quote::{format_ident, quote};
use syn::{DataStruct, DeriveInput, Fields, LitStr};

use crate::attr::{AttrValue, Attrs, Position};
use crate::errors::Errors;
use crate::member::{Member, pascal_case, xml_namespace};
use crate::shape::{check_unique_names, impl_decode, impl_encode, impl_shape};

struct Field {
    ident: syn::Ident,
    member: Member,
    /// The expression for an absent member with a default.
    default: Option<TokenStream>,
}

pub(crate) fn derive(input: &DeriveInput, data: &DataStruct, attrs: &Attrs, errors: &mut Errors) -> TokenStream {
    let Fields::Named(named) = &data.fields else {
        errors.error(input, "Shape needs a struct with named fields (or an enum)");
        return TokenStream::new();
    };
    let fields: Vec<Field> = named.named.iter().filter_map(|field| field_of(field, errors)).collect();
    check_unique_names(fields.iter().map(|f| &f.member.name), errors);

    let ident = &input.ident;
    let shape_name = attrs.string("name").unwrap_or_else(|| LitStr::new(&ident.to_string(), ident.span()));
    let describe = describe(&shape_name, &fields, attrs, errors);
    let shape = impl_shape(ident, describe);
    let to_value = to_value(ident, &fields);
    let from_value = from_value(ident, &fields);
    let decode = decode(ident, &fields);
    let encode = encode(ident, &fields);
    let debug = debug(ident, &fields, attrs.flag("sensitive"));
    quote!(#shape #to_value #from_value #decode #encode #debug)
}

fn field_of(field: &syn::Field, errors: &mut Errors) -> Option<Field> {
    let ident = field.ident.clone()?;
    let attrs = Attrs::parse(&field.attrs, Position::Field, errors);
    let name = attrs.string("name").unwrap_or_else(|| LitStr::new(&pascal_case(&ident.to_string()), ident.span()));
    let ty = &field.ty;
    let default = match attrs.value("default") {
        None => None,
        Some(AttrValue::Str(path)) => match path.parse::<syn::ExprPath>() {
            Ok(path) => Some(quote!(#path())),
            Err(error) => {
                errors.push(error);
                None
            }
        },
        Some(_) => Some(quote!(<#ty as ::core::default::Default>::default())),
    };
    if let (Some(_), Some(span)) = (&default, attrs.span("default")) {
        if is_option(ty) {
            errors.push(syn::Error::new(span, "an `Option` member is already optional; it takes no default"));
        }
    }
    let member = Member::new(name, ty.clone(), &attrs, errors);
    Some(Field { ident, member, default })
}

fn is_option(ty: &syn::Type) -> bool {
    matches!(ty, syn::Type::Path(path) if path.path.segments.last().is_some_and(|s| s.ident == "Option"))
}

fn describe(shape_name: &LitStr, fields: &[Field], attrs: &Attrs, errors: &mut Errors) -> TokenStream {
    let mut shape_traits = TokenStream::new();
    if let Some(name) = attrs.string("xml_name") {
        shape_traits.extend(quote!(traits.xml_name = ::core::option::Option::Some(#name.into());));
    }
    if let Some(namespace) = xml_namespace(attrs, errors) {
        shape_traits.extend(quote!(traits.xml_namespace = ::core::option::Option::Some(#namespace);));
    }
    if attrs.flag("sensitive") {
        shape_traits.extend(quote!(traits.sensitive = true;));
    }
    if let Some(error) = error_trait(attrs, errors) {
        shape_traits.extend(quote!(traits.error = ::core::option::Option::Some(#error);));
    }
    let count = fields.len();
    let types = fields.iter().map(|f| &f.member.ty);
    let members = fields.iter().enumerate().map(|(index, field)| {
        let Member { name, ty, traits, .. } = &field.member;
        let default = field.default.as_ref().map(
            |default| quote!(traits.default = ::core::option::Option::Some(::awsval::ToValue::to_value(&#default));),
        );
        let required = field.default.is_none();
        quote! {
            let mut member = shape.member(#name, targets[#index]);
            {
                let traits = member.traits_mut();
                traits.required = #required && !<#ty as ::awsval::Shape>::NULLABLE;
                #default
                #traits
            }
            let shape = member.shape();
        }
    });
    let shape_setup = if shape_traits.is_empty() {
        quote!(let shape = builder.shape(id);)
    } else {
        quote! {
            let mut shape = builder.shape(id);
            let traits = shape.traits_mut();
            #shape_traits
        }
    };
    quote! {
        builder.memoize::<Self>(#shape_name, ::awsval::schema::ShapeType::Structure, |builder, id| {
            let targets: [::awsval::schema::ShapeId; #count] =
                [#(<#types as ::awsval::Shape>::describe(builder)),*];
            #shape_setup
            #(#members)*
            let _ = (shape, targets);
        })
    }
}

/// `error = "client" | "server"`, `http_status = N`, `code = "..."`.
fn error_trait(attrs: &Attrs, errors: &mut Errors) -> Option<TokenStream> {
    let Some(fault) = attrs.string("error") else {
        for key in ["http_status", "code"] {
            if let Some(span) = attrs.span(key) {
                errors.push(syn::Error::new(span, format!("`{key}` needs `error = \"client\"` or `\"server\"`")));
            }
        }
        return None;
    };
    let fault = match fault.value().as_str() {
        "client" => quote!(Client),
        "server" => quote!(Server),
        _ => {
            errors.error(&fault, "expected \"client\" or \"server\"");
            return None;
        }
    };
    let status = match attrs.int("http_status") {
        Some(status) => match status.base10_parse::<u16>() {
            Ok(_) => quote!(::core::option::Option::Some(#status)),
            Err(error) => {
                errors.push(error);
                return None;
            }
        },
        None => quote!(::core::option::Option::None),
    };
    let code = match attrs.string("code") {
        Some(code) => quote!(::core::option::Option::Some(#code.into())),
        None => quote!(::core::option::Option::None),
    };
    Some(quote! {
        ::awsval::schema::ErrorTrait { fault: ::awsval::schema::Fault::#fault, http_status: #status, code: #code }
    })
}

fn to_value(ident: &syn::Ident, fields: &[Field]) -> TokenStream {
    let count = fields.len();
    let pushes = fields.iter().enumerate().map(|(index, field)| {
        let field = &field.ident;
        quote! {
            if let ::core::option::Option::Some(value) = ::awsval::ToValue::to_member(&self.#field) {
                structure.push(shape.member_at(#index).name(), value);
            }
        }
    });
    quote! {
        impl ::awsval::ToValue for #ident {
            fn to_value(&self) -> ::awsval::Value {
                let shape = <Self as ::awsval::Shape>::schema();
                let mut structure = ::awsval::Structure::with_capacity(#count);
                #(#pushes)*
                let _ = shape;
                ::awsval::Value::Structure(structure)
            }
        }
    }
}

/// One `Option` slot per field, filled as members are read.
fn slots(fields: &[Field]) -> (Vec<syn::Ident>, Vec<TokenStream>) {
    let slots: Vec<_> = (0..fields.len()).map(|i| format_ident!("member_{}", i)).collect();
    let declarations = fields
        .iter()
        .zip(&slots)
        .map(|(field, slot)| {
            let ty = &field.member.ty;
            quote!(let mut #slot: ::core::option::Option<#ty> = ::core::option::Option::None;)
        })
        .collect();
    (slots, declarations)
}

/// The fields from their slots: an absent member takes its default, is `None`, or fails.
fn inits<'f>(fields: &'f [Field], slots: &'f [syn::Ident]) -> impl Iterator<Item = TokenStream> + 'f {
    fields.iter().zip(slots).map(|(field, slot)| {
        let Field { ident, member, default } = field;
        let (name, ty) = (&member.name, &member.ty);
        let absent = match default {
            Some(default) => quote!(#default),
            None => quote! {
                <#ty as ::awsval::FromValue>::from_absent()
                    .ok_or_else(|| ::awsval::convert::missing_member(#name))?
            },
        };
        quote! {
            #ident: match #slot {
                ::core::option::Option::Some(value) => value,
                ::core::option::Option::None => #absent,
            }
        }
    })
}

fn from_value(ident: &syn::Ident, fields: &[Field]) -> TokenStream {
    let (slots, declarations) = slots(fields);
    let arms = fields.iter().zip(&slots).map(|(field, slot)| {
        let Member { name, ty, sensitive, .. } = &field.member;
        let redact = sensitive.then(|| quote!(.redact_keys()));
        quote! {
            #name => {
                #slot = ::core::option::Option::Some(
                    <#ty as ::awsval::FromValue>::from_value(value)
                        .map_err(|error| error #redact .in_member(#name))?,
                );
            }
        }
    });
    let inits = inits(fields, &slots);
    quote! {
        impl ::awsval::FromValue for #ident {
            fn from_value(value: ::awsval::Value) -> ::awsval::Result<Self> {
                let structure = match value {
                    ::awsval::Value::Structure(structure) => structure,
                    other => return ::core::result::Result::Err(::awsval::convert::mismatch("structure", &other)),
                };
                #(#declarations)*
                for (name, value) in structure {
                    match name.as_str() {
                        #(#arms)*
                        _ => {}
                    }
                }
                ::core::result::Result::Ok(Self { #(#inits),* })
            }
        }
    }
}

/// `Decode`: members arrive by their index in the schema, which is the fields' order.
fn decode(ident: &syn::Ident, fields: &[Field]) -> TokenStream {
    let (slots, declarations) = slots(fields);
    let arms = slots.iter().enumerate().map(|(index, slot)| {
        quote! {
            #index => ::awsval::convert::decode::member_into(decoder, member, &mut #slot)?,
        }
    });
    let inits = inits(fields, &slots);
    impl_decode(
        ident,
        quote! {
            #(#declarations)*
            decoder.structure(shape, |decoder, member| {
                match member.index() {
                    #(#arms)*
                    _ => {}
                }
                ::core::result::Result::Ok(())
            })?;
            ::core::result::Result::Ok(Self { #(#inits),* })
        },
    )
}

/// `Encode`: each field as the member at its index, in schema order (the `Value`'s order).
fn encode(ident: &syn::Ident, fields: &[Field]) -> TokenStream {
    let members = fields.iter().enumerate().map(|(index, field)| {
        let field = &field.ident;
        quote!(encoder.member(shape.member_at(#index), &self.#field)?;)
    });
    impl_encode(
        ident,
        Some(quote! {
            encoder.structure(shape, self, |encoder| {
                #(#members)*
                ::core::result::Result::Ok(())
            })
        }),
    )
}

fn debug(ident: &syn::Ident, fields: &[Field], sensitive: bool) -> TokenStream {
    let label = ident.to_string();
    let body = if sensitive {
        quote!(f.debug_tuple(#label).field(&::awsval::convert::Redacted).finish())
    } else {
        let fields = fields.iter().map(|field| {
            let ident = &field.ident;
            let label = ident.to_string().trim_start_matches("r#").to_owned();
            if field.member.sensitive {
                quote!(.field(#label, &::awsval::convert::Redacted))
            } else {
                quote!(.field(#label, &self.#ident))
            }
        });
        quote!(f.debug_struct(#label) #(#fields)* .finish())
    };
    quote! {
        impl ::core::fmt::Debug for #ident {
            fn fmt(&self, f: &mut ::core::fmt::Formatter<'_>) -> ::core::fmt::Result {
                #body
            }
        }
    }
}
