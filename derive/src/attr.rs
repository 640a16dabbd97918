//! `#[awsval(...)]` attributes: parsed once, checked against where they may appear, with
//! every mistake collected rather than stopping at the first.

use proc_macro2::Span;
use syn::spanned::Spanned;
use syn::{Attribute, LitInt, LitStr, Token};

use crate::errors::Errors;

/// Where an attribute stands.
#[derive(Clone, Copy, PartialEq, Eq)]
pub(crate) enum Position {
    Struct,
    Enum,
    Field,
    Variant,
}

impl Position {
    fn describe(self) -> &'static str {
        match self {
            Self::Struct => "a struct",
            Self::Enum => "an enum",
            Self::Field => "a field",
            Self::Variant => "a variant",
        }
    }
}

/// What an attribute key takes.
#[derive(Clone, Copy, PartialEq, Eq)]
enum Kind {
    Flag,
    Str,
    Int,
    StrOrInt,
    FlagOrStr,
}

use Kind::{Flag, FlagOrStr, Int, Str, StrOrInt};
use Position::{Enum, Field, Struct, Variant};

const MEMBER: &[Position] = &[Field, Variant];

/// Every key: its kind and where it may stand.
const KEYS: &[(&str, Kind, &[Position])] = &[
    ("name", Str, &[Struct, Enum, Field, Variant]),
    ("error", Str, &[Struct]),
    ("http_status", Int, &[Struct]),
    ("code", Str, &[Struct]),
    ("xml_name", Str, &[Struct, Field, Variant]),
    ("xml_namespace", Str, &[Struct, Field, Variant]),
    ("xml_prefix", Str, &[Struct, Field, Variant]),
    ("sensitive", Flag, &[Struct, Enum, Field, Variant]),
    ("union", Flag, &[Enum]),
    ("int_enum", Flag, &[Enum]),
    ("value", StrOrInt, &[Variant]),
    ("unknown", Flag, &[Variant]),
    ("default", FlagOrStr, &[Field]),
    ("json_name", Str, MEMBER),
    ("xml_attribute", Flag, MEMBER),
    ("xml_flattened", Flag, MEMBER),
    ("timestamp_format", Str, MEMBER),
    ("http_header", Str, MEMBER),
    ("http_prefix_headers", Str, MEMBER),
    ("http_query", Str, MEMBER),
    ("http_query_params", Flag, MEMBER),
    ("http_label", Flag, MEMBER),
    ("http_payload", Flag, MEMBER),
    ("http_response_code", Flag, MEMBER),
    ("host_label", Flag, MEMBER),
    ("idempotency_token", Flag, MEMBER),
    ("ec2_query_name", Str, MEMBER),
    ("json_value", Flag, MEMBER),
];

/// The value of one attribute key.
#[derive(Clone)]
pub(crate) enum AttrValue {
    Flag,
    Str(LitStr),
    Int(LitInt),
}

/// The `#[awsval(...)]` keys found on one item, in order.
pub(crate) struct Attrs {
    entries: Vec<(String, Span, AttrValue)>,
}

impl Attrs {
    /// Parses every `#[awsval(...)]` in `attrs`, reporting unknown, misplaced, repeated and
    /// mistyped keys to `errors`.
    pub(crate) fn parse(attrs: &[Attribute], position: Position, errors: &mut Errors) -> Self {
        let mut entries: Vec<(String, Span, AttrValue)> = Vec::new();
        for attr in attrs.iter().filter(|attr| attr.path().is_ident("awsval")) {
            let result = attr.parse_nested_meta(|meta| {
                let key = meta.path.get_ident().map(ToString::to_string).unwrap_or_default();
                let span = meta.path.span();
                let Some(&(_, kind, positions)) = KEYS.iter().find(|(name, ..)| *name == key) else {
                    return Err(meta.error(format!("unknown awsval attribute `{key}`")));
                };
                let has_value = meta.input.peek(Token![=]);
                let value = match (kind, has_value) {
                    (Flag, true) => return Err(meta.error(format!("`{key}` takes no value"))),
                    (Flag | FlagOrStr, false) => AttrValue::Flag,
                    (_, false) => {
                        return Err(meta.error(format!("`{key}` needs a value: `{key} = ...`")));
                    }
                    (Str | FlagOrStr, true) => AttrValue::Str(meta.value()?.parse()?),
                    (Int, true) => AttrValue::Int(meta.value()?.parse()?),
                    (StrOrInt, true) => match meta.value()?.parse::<syn::Lit>()? {
                        syn::Lit::Str(text) => AttrValue::Str(text),
                        syn::Lit::Int(number) => AttrValue::Int(number),
                        other => {
                            return Err(syn::Error::new(other.span(), "expected a string or an integer"));
                        }
                    },
                };
                if !positions.contains(&position) {
                    errors.push(syn::Error::new(span, format!("`{key}` does not apply to {}", position.describe())));
                } else if entries.iter().any(|(seen, ..)| *seen == key) {
                    errors.push(syn::Error::new(span, format!("`{key}` is given twice")));
                } else {
                    entries.push((key, span, value));
                }
                Ok(())
            });
            if let Err(error) = result {
                errors.push(error);
            }
        }
        Self { entries }
    }

    fn get(&self, key: &str) -> Option<&(String, Span, AttrValue)> {
        self.entries.iter().find(|(name, ..)| name == key)
    }

    pub(crate) fn flag(&self, key: &str) -> bool {
        self.get(key).is_some()
    }

    pub(crate) fn span(&self, key: &str) -> Option<Span> {
        self.get(key).map(|(_, span, _)| *span)
    }

    pub(crate) fn value(&self, key: &str) -> Option<&AttrValue> {
        self.get(key).map(|(_, _, value)| value)
    }

    pub(crate) fn string(&self, key: &str) -> Option<LitStr> {
        match self.value(key) {
            Some(AttrValue::Str(text)) => Some(text.clone()),
            _ => None,
        }
    }

    pub(crate) fn int(&self, key: &str) -> Option<LitInt> {
        match self.value(key) {
            Some(AttrValue::Int(number)) => Some(number.clone()),
            _ => None,
        }
    }

    /// The keys present, for checks that span several of them.
    pub(crate) fn keys(&self) -> impl Iterator<Item = (&str, Span)> {
        self.entries.iter().map(|(key, span, _)| (key.as_str(), *span))
    }
}
