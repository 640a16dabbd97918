//! The traits that change how a shape or member travels.

use crate::timestamp::TimestampFormat;
use crate::value::Value;

/// An XML namespace (`@xmlNamespace`): written as `xmlns[:prefix]="uri"`.
#[derive(Clone, Debug, PartialEq, Eq, Hash)]
pub struct XmlNamespace {
    /// The namespace URI.
    pub uri: Box<str>,
    /// The prefix, or `None` for the default namespace.
    pub prefix: Option<Box<str>>,
}

/// Who is at fault for an error (`@error("client")` / `@error("server")`).
#[derive(Clone, Copy, Debug, PartialEq, Eq, Hash)]
pub enum Fault {
    /// The caller's request was wrong.
    Client,
    /// The service failed.
    Server,
}

/// The error traits of a structure: `@error`, `@httpError`, `@awsQueryError`.
#[derive(Clone, Debug, PartialEq, Eq, Hash)]
pub struct ErrorTrait {
    /// Client or server.
    pub fault: Fault,
    /// The HTTP status code the error is sent with.
    pub http_status: Option<u16>,
    /// The error code on the wire when it is not the shape's name (`@awsQueryError`, botocore's
    /// `error.code`).
    pub code: Option<Box<str>>,
}

/// Where an HTTP binding trait puts a member in a REST message.
#[derive(Clone, Debug, PartialEq, Eq, Hash)]
pub enum HttpBinding {
    /// `@httpHeader("name")`.
    Header(Box<str>),
    /// `@httpPrefixHeaders("prefix")`: a map whose keys follow the prefix.
    PrefixHeaders(Box<str>),
    /// `@httpQuery("name")`.
    Query(Box<str>),
    /// `@httpQueryParams`: a map merged into the query string.
    QueryParams,
    /// `@httpLabel`: the `{Label}` of this name in the URI (the member name in Smithy; botocore
    /// may rename it).
    Label(Box<str>),
    /// `@httpPayload`: the member is the whole body.
    Payload,
    /// `@httpResponseCode`: the member is the status code.
    ResponseCode,
}

/// A value of an `enum` or `intEnum` shape.
#[derive(Clone, Copy, Debug, PartialEq, Eq, Hash)]
pub enum EnumLiteral {
    /// A string enum's wire value, interned for the life of the process.
    String(&'static str),
    /// An intEnum's value.
    Int(i32),
}

impl std::fmt::Display for EnumLiteral {
    /// The value as the wire carries it: the text of a string enum, the number of an intEnum.
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        match self {
            Self::String(text) => f.write_str(text),
            Self::Int(n) => write!(f, "{n}"),
        }
    }
}

/// One value of an `enum` or `intEnum` shape.
#[derive(Clone, Debug, PartialEq, Eq, Hash)]
pub struct EnumMember {
    /// The member name (botocore models have only values: then the name is the value).
    pub name: Box<str>,
    /// The value on the wire.
    pub value: EnumLiteral,
    /// `@internal` (or a legacy enum definition tagged `internal`): a valid value that
    /// validation messages do not list.
    pub internal: bool,
}

/// The traits of a shape. Every field defaults to "absent".
#[derive(Clone, Debug, Default, PartialEq)]
#[non_exhaustive]
pub struct ShapeTraits {
    /// `@xmlName`: the element name of a structure written as a root.
    pub xml_name: Option<Box<str>>,
    /// `@xmlNamespace`.
    pub xml_namespace: Option<XmlNamespace>,
    /// `@timestampFormat` on a timestamp shape.
    pub timestamp_format: Option<TimestampFormat>,
    /// `@sensitive`.
    pub sensitive: bool,
    /// `@sparse` on a list or map: null items are kept.
    pub sparse: bool,
    /// `@error` and its companions.
    pub error: Option<ErrorTrait>,
    /// `@streaming` on a blob or union.
    pub streaming: bool,
    /// An event stream union (botocore's `eventstream`).
    pub event_stream: bool,
    /// `@mediaType` of a string or blob.
    pub media_type: Option<Box<str>>,
    /// The values of an `enum` or `intEnum`, in model order.
    pub enum_values: Vec<EnumMember>,
    /// `@length`/`@range` minimum (botocore's `min`).
    pub min: Option<f64>,
    /// `@length`/`@range` maximum (botocore's `max`).
    pub max: Option<f64>,
    /// `@pattern`: an ECMA-262 regular expression (see
    /// [`ShapeRef::matches_pattern`](super::ShapeRef::matches_pattern)).
    pub pattern: Option<Box<str>>,
    /// `@uniqueItems` on a list: no two items may be equal.
    pub unique_items: bool,
    /// The traits of a Smithy model that awsval gives no field of its own (documentation,
    /// examples, pagination, endpoint rules, custom traits…), by absolute trait id, with
    /// their values as the model gives them: kept, not refused.
    pub other: Vec<(Box<str>, serde_json::Value)>,
}

/// The traits of a member. Every field defaults to "absent".
#[derive(Clone, Debug, Default, PartialEq)]
#[non_exhaustive]
pub struct MemberTraits {
    /// `@jsonName`: the key in restJson1 bodies.
    pub json_name: Option<Box<str>>,
    /// `@xmlName`: the element or attribute name in XML and the key in query strings.
    pub xml_name: Option<Box<str>>,
    /// `@xmlAttribute`.
    pub xml_attribute: bool,
    /// `@xmlFlattened`.
    pub xml_flattened: bool,
    /// `@xmlNamespace`.
    pub xml_namespace: Option<XmlNamespace>,
    /// `@timestampFormat`, overriding the target's and the protocol's default.
    pub timestamp_format: Option<TimestampFormat>,
    /// An HTTP binding trait.
    pub http: Option<HttpBinding>,
    /// `@hostLabel`.
    pub host_label: bool,
    /// `@idempotencyToken`.
    pub idempotency_token: bool,
    /// `@required`.
    pub required: bool,
    /// `@clientOptional`: a client treats the member as optional whatever its other traits
    /// (and fills no default into it).
    pub client_optional: bool,
    /// The member's traits that awsval gives no field of its own (see
    /// [`ShapeTraits::other`]).
    pub other: Vec<(Box<str>, serde_json::Value)>,
    /// `@eventHeader` (botocore `eventheader`): an event's member carried in a message header
    /// of its name.
    pub event_header: bool,
    /// `@eventPayload` (botocore `eventpayload`): an event's member that is the whole message
    /// payload.
    pub event_payload: bool,
    /// `@sensitive` on the member itself.
    pub sensitive: bool,
    /// `@default`.
    pub default: Option<Value>,
    /// `@ec2QueryName`.
    pub ec2_query_name: Option<Box<str>>,
    /// A string member whose value is JSON text (botocore's `jsonvalue`,
    /// `@mediaType("application/json")` on a header).
    pub json_value: bool,
}

impl MemberTraits {
    /// Whether [`MemberTraits::http`] binds the member outside the body.
    pub fn is_bound_outside_body(&self) -> bool {
        matches!(
            self.http,
            Some(
                HttpBinding::Header(_)
                    | HttpBinding::PrefixHeaders(_)
                    | HttpBinding::Query(_)
                    | HttpBinding::QueryParams
                    | HttpBinding::Label(_)
                    | HttpBinding::ResponseCode
            )
        )
    }
}
