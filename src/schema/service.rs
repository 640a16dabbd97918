//! Services and operations: what a model file says beyond its shapes.

use super::model::ShapeId;
use super::traits::XmlNamespace;
use crate::error::{Error, Result};

/// What a service declares about itself (botocore's `metadata`).
#[derive(Clone, Debug, Default, PartialEq, Eq)]
#[non_exhaustive]
pub struct Service {
    /// The service id (`QuickSight`), else its full name.
    pub name: Box<str>,
    /// The protocols the service speaks, preferred first, by botocore name (`json`,
    /// `rest-json`, `rest-xml`, `query`, `ec2`, `smithy-rpc-v2-cbor`).
    pub protocols: Vec<Box<str>>,
    /// `apiVersion`, sent as `Version` by the query protocols.
    pub api_version: Option<Box<str>>,
    /// `jsonVersion` of the awsJson protocols: `1.0` or `1.1`.
    pub json_version: Option<Box<str>>,
    /// `targetPrefix` of the awsJson protocols' `X-Amz-Target`.
    pub target_prefix: Option<Box<str>>,
    /// The XML namespace of the query protocols' responses.
    pub xml_namespace: Option<Box<str>>,
    /// `awsQueryCompatible`: errors carry `x-amzn-query-error`.
    pub aws_query_compatible: bool,
    /// restXml's `noErrorWrapping`: errors are a bare `<Error>` document, not wrapped in
    /// `<ErrorResponse>` (S3; botocore's models drop the setting, so their loader sets it for
    /// S3).
    pub no_error_wrapping: bool,
    /// The endpoint prefix (`quicksight`).
    pub endpoint_prefix: Option<Box<str>>,
    /// The SigV4 signing name.
    pub signing_name: Option<Box<str>>,
}

/// The `@http` trait of an operation.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct HttpTrait {
    /// `GET`, `POST`…
    pub method: Box<str>,
    /// The URI pattern: `/accounts/{AwsAccountId}/dashboards/{DashboardId}?x=y`.
    pub uri: Box<str>,
    /// The success status code, when not 200.
    pub code: Option<u16>,
}

impl HttpTrait {
    /// The labels the URI pattern names (`{Bucket}`, `{Key+}` as `Key`), in order. A pattern
    /// naming a label twice is a model error: no request could give the label one value.
    ///
    /// ```
    /// use awsval::schema::HttpTrait;
    ///
    /// let http = HttpTrait { method: "GET".into(), uri: "/{Bucket}/{Key+}?x-id=GetObject".into(), code: None };
    /// assert_eq!(http.labels()?, ["Bucket", "Key"]);
    /// let twice = HttpTrait { method: "GET".into(), uri: "/{Name}/{Name}".into(), code: None };
    /// assert_eq!(twice.labels().unwrap_err().to_string(), "model error: the URI pattern /{Name}/{Name} names label Name twice");
    /// # Ok::<(), awsval::Error>(())
    /// ```
    pub fn labels(&self) -> Result<Vec<&str>> {
        let path = self.uri.split_once('?').map_or(&*self.uri, |(path, _)| path);
        let mut labels: Vec<&str> = Vec::new();
        for label in path.split('{').skip(1).filter_map(|rest| rest.split_once('}')).map(|(label, _)| label) {
            let label = label.trim_end_matches('+');
            if labels.contains(&label) {
                return Err(Error::model(format!("the URI pattern {} names label {label} twice", self.uri)));
            }
            labels.push(label);
        }
        Ok(labels)
    }
}

/// One operation of a service.
#[derive(Clone, Debug, PartialEq, Eq)]
#[non_exhaustive]
pub struct Operation {
    /// The operation name.
    pub name: Box<str>,
    /// Its HTTP method and URI.
    pub http: HttpTrait,
    /// The input structure.
    pub input: Option<ShapeId>,
    /// The root element of a restXml request body, when the model renames it.
    pub input_xml_name: Option<Box<str>>,
    /// The namespace of a restXml request body's root element.
    pub input_xml_namespace: Option<XmlNamespace>,
    /// The output structure.
    pub output: Option<ShapeId>,
    /// The element the query protocols wrap the output in (`<OpResult>`).
    pub output_wrapper: Option<Box<str>>,
    /// The modeled errors.
    pub errors: Vec<ShapeId>,
    /// `@endpoint(hostPrefix: ...)`: prepended to the host, with `{Label}`s from input.
    pub host_prefix: Option<Box<str>>,
    /// `@requestCompression` encodings, preferred first (`gzip`).
    pub request_compression: Vec<Box<str>>,
    /// `@httpChecksumRequired`.
    pub http_checksum_required: bool,
    /// `@idempotent`.
    pub idempotent: bool,
    /// `@deprecated`: kept for old clients, superseded by another operation.
    pub deprecated: bool,
}

impl Operation {
    /// An operation sent as `POST /`, with no input, output or errors yet.
    pub fn new(name: &str) -> Self {
        Self {
            name: name.into(),
            http: HttpTrait { method: "POST".into(), uri: "/".into(), code: None },
            input: None,
            input_xml_name: None,
            input_xml_namespace: None,
            output: None,
            output_wrapper: None,
            errors: Vec::new(),
            host_prefix: None,
            request_compression: Vec::new(),
            http_checksum_required: false,
            idempotent: false,
            deprecated: false,
        }
    }
}
