//! Members (struct fields and union variants): their wire name and the traits they set.

use proc_macro2::TokenStream;
use quote::quote;
use syn::{LitStr, Type};

use crate::attr::{AttrValue, Attrs};
use crate::errors::Errors;

/// A member as the schema sees it.
pub(crate) struct Member {
    /// The Smithy member name.
    pub(crate) name: LitStr,
    pub(crate) ty: Type,
    pub(crate) sensitive: bool,
    /// Statements setting `traits: &mut MemberTraits`.
    pub(crate) traits: TokenStream,
}

const HTTP_KEYS: &[&str] = &[
    "http_header",
    "http_prefix_headers",
    "http_query",
    "http_query_params",
    "http_label",
    "http_payload",
    "http_response_code",
];

impl Member {
    pub(crate) fn new(name: LitStr, ty: Type, attrs: &Attrs, errors: &mut Errors) -> Self {
        let mut traits = TokenStream::new();
        let set_str = |key: &str, field: TokenStream, traits: &mut TokenStream| {
            if let Some(text) = attrs.string(key) {
                traits.extend(quote!(traits.#field = ::core::option::Option::Some(#text.into());));
            }
        };
        set_str("json_name", quote!(json_name), &mut traits);
        set_str("xml_name", quote!(xml_name), &mut traits);
        set_str("ec2_query_name", quote!(ec2_query_name), &mut traits);
        for (key, field) in [
            ("xml_attribute", quote!(xml_attribute)),
            ("xml_flattened", quote!(xml_flattened)),
            ("host_label", quote!(host_label)),
            ("idempotency_token", quote!(idempotency_token)),
            ("sensitive", quote!(sensitive)),
            ("json_value", quote!(json_value)),
        ] {
            if attrs.flag(key) {
                traits.extend(quote!(traits.#field = true;));
            }
        }
        if let Some(namespace) = xml_namespace(attrs, errors) {
            traits.extend(quote!(traits.xml_namespace = ::core::option::Option::Some(#namespace);));
        }
        if let Some(text) = attrs.string("timestamp_format") {
            if let Some(format) = timestamp_format(&text, errors) {
                traits.extend(quote!(traits.timestamp_format = ::core::option::Option::Some(#format);));
            }
        }
        if let Some(binding) = http_binding(attrs, &name, errors) {
            traits.extend(quote!(traits.http = ::core::option::Option::Some(#binding);));
        }
        Self { name, ty, sensitive: attrs.flag("sensitive"), traits }
    }
}

/// `xml_namespace = "uri"` with an optional `xml_prefix = "p"`, as an `XmlNamespace`.
pub(crate) fn xml_namespace(attrs: &Attrs, errors: &mut Errors) -> Option<TokenStream> {
    let prefix = attrs.string("xml_prefix");
    let Some(uri) = attrs.string("xml_namespace") else {
        if let Some(prefix) = prefix {
            errors.error(prefix, "`xml_prefix` needs `xml_namespace`");
        }
        return None;
    };
    let prefix = match prefix {
        Some(prefix) => quote!(::core::option::Option::Some(#prefix.into())),
        None => quote!(::core::option::Option::None),
    };
    Some(quote!(::awsval::schema::XmlNamespace { uri: #uri.into(), prefix: #prefix }))
}

fn timestamp_format(text: &LitStr, errors: &mut Errors) -> Option<TokenStream> {
    let variant = match text.value().as_str() {
        "date-time" => quote!(DateTime),
        "http-date" => quote!(HttpDate),
        "epoch-seconds" => quote!(EpochSeconds),
        _ => {
            errors.error(text, "expected one of \"date-time\", \"http-date\", \"epoch-seconds\"");
            return None;
        }
    };
    Some(quote!(::awsval::TimestampFormat::#variant))
}

fn http_binding(attrs: &Attrs, name: &LitStr, errors: &mut Errors) -> Option<TokenStream> {
    let mut bindings = attrs.keys().filter(|(key, _)| HTTP_KEYS.contains(key));
    let (key, _) = bindings.next()?;
    if let Some((_, span)) = bindings.next() {
        errors.push(syn::Error::new(span, "a member has at most one HTTP binding"));
    }
    let text = match attrs.value(key) {
        Some(AttrValue::Str(text)) => quote!(#text.into()),
        _ => quote!(),
    };
    let variant = match key {
        "http_header" => quote!(Header(#text)),
        "http_prefix_headers" => quote!(PrefixHeaders(#text)),
        "http_query" => quote!(Query(#text)),
        "http_query_params" => quote!(QueryParams),
        "http_label" => quote!(Label(#name.into())),
        "http_payload" => quote!(Payload),
        _ => quote!(ResponseCode),
    };
    Some(quote!(::awsval::schema::HttpBinding::#variant))
}

/// `snake_case` field name to the `PascalCase` AWS member name: `s3_uri` → `S3Uri`.
pub(crate) fn pascal_case(field: &str) -> String {
    field
        .trim_start_matches("r#")
        .split('_')
        .map(|part| {
            let mut chars = part.chars();
            chars.next().map(|c| c.to_ascii_uppercase().to_string() + chars.as_str()).unwrap_or_default()
        })
        .collect()
}
