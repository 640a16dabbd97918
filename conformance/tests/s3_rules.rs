//! S3's reading rules (`protocol`'s S3 customisations), on botocore's S3 model: what botocore's
//! S3 handlers make of the same responses.

use awsval::model::botocore;
use awsval::protocol::{self, HttpResponse, Protocol, ReadOptions};
use awsval::schema::Model;
use awsval::{Blob, Structure, Value};
use awsval_conformance::fetch;

fn s3() -> Model {
    let data = fetch::botocore().expect("botocore 1.44.8 can be fetched").join("botocore/data");
    botocore::load(&std::fs::read(data.join("s3/2006-03-01/service-2.json")).unwrap()).unwrap()
}

fn read(model: &Model, operation: &str, reply: &HttpResponse, customizations: bool) -> Result<Value, (String, u16)> {
    let operation = model.operation(operation).unwrap();
    let options = ReadOptions::default().with_customizations(customizations);
    protocol::response_with(Protocol::RestXml, operation, reply, &options)
        .unwrap()
        .map_err(|error| (error.code, error.status))
}

#[test]
fn an_empty_location_constraint_is_no_value() {
    let model = s3();
    let empty = HttpResponse::new(200, r#"<LocationConstraint xmlns="http://s3.amazonaws.com/doc/2006-03-01/"/>"#);
    assert_eq!(read(&model, "GetBucketLocation", &empty, true), Ok(Value::Structure(Structure::new())));
    let eu = HttpResponse::new(
        200,
        r#"<LocationConstraint xmlns="http://s3.amazonaws.com/doc/2006-03-01/">EU</LocationConstraint>"#,
    );
    assert_eq!(read(&model, "GetBucketLocation", &eu, true).unwrap()["LocationConstraint"].as_str(), Some("EU"));
    // Without the customisations, the generic reading: the empty string.
    assert_eq!(read(&model, "GetBucketLocation", &empty, false).unwrap()["LocationConstraint"].as_str(), Some(""));
}

#[test]
fn an_error_document_inside_a_200_is_an_error() {
    let model = s3();
    let body = "<Error><Code>InternalError</Code><Message>We encountered an internal error.</Message></Error>";
    let reply = HttpResponse::new(200, body);
    for operation in ["CopyObject", "UploadPartCopy", "CompleteMultipartUpload"] {
        assert_eq!(read(&model, operation, &reply, true), Err(("InternalError".to_owned(), 500)), "{operation}");
        assert!(read(&model, operation, &reply, false).is_ok(), "{operation} without the customisations");
    }
    // A blob payload is the caller's data, whatever it holds.
    let object = read(&model, "GetObject", &reply, true).unwrap();
    assert_eq!(object["Body"], Value::Blob(Blob::new(body.as_bytes())));
    // A real success is untouched.
    let copied = HttpResponse::new(200, "<CopyObjectResult><ETag>\"e\"</ETag></CopyObjectResult>");
    assert_eq!(read(&model, "CopyObject", &copied, true).unwrap()["CopyObjectResult"]["ETag"].as_str(), Some("\"e\""));
}

#[test]
fn other_services_are_read_as_their_protocol_says() {
    let data = fetch::botocore().unwrap().join("botocore/data");
    let model = botocore::load(&std::fs::read(data.join("route53/2013-04-01/service-2.json")).unwrap()).unwrap();
    let operation = model.operation("GetHostedZoneCount").unwrap();
    let reply = HttpResponse::new(200, "<Error><Code>X</Code></Error>");
    assert!(protocol::response(Protocol::RestXml, operation, &reply).unwrap().is_ok(), "no S3 rule outside S3");
}

/// The S3 operations a request cannot tell apart in botocore's model (which lost Smithy's
/// `x-id` literals), and the one each pair routes to: the newer.
const INDISTINGUISHABLE: [(&str, &str); 5] = [
    ("GetBucketLifecycle", "GetBucketLifecycleConfiguration"),
    ("GetBucketNotification", "GetBucketNotificationConfiguration"),
    ("PutBucketLifecycle", "PutBucketLifecycleConfiguration"),
    ("PutBucketNotification", "PutBucketNotificationConfiguration"),
    ("ListBuckets", "ListDirectoryBuckets"),
];

#[test]
fn every_s3_request_routes_back_to_its_operation_but_the_documented_pairs() {
    use awsval::protocol::{Endpoint, RequestOptions};
    use awsval_conformance::generate::{Generator, Limits};

    let model = s3();
    let (mut routed, mut wrong) = (0, Vec::new());
    for operation in model.operations() {
        for seed in 0..3 {
            let input = match operation.input() {
                Some(shape) => Generator::new(seed, Limits { xml_safe: true, ..Limits::default() }).value(shape),
                None => Value::Structure(Structure::new()),
            };
            let Ok(request) = protocol::request(
                Protocol::RestXml,
                operation,
                &input,
                &Endpoint::default(),
                &RequestOptions::default(),
            ) else {
                continue;
            };
            let parsed = match protocol::parse_request(Protocol::RestXml, &model, &request) {
                Ok(parsed) => parsed,
                Err(error) => {
                    wrong.push(format!("{}: refused: {error}", operation.name()));
                    continue;
                }
            };
            routed += 1;
            let expected = INDISTINGUISHABLE
                .iter()
                .find(|(old, _)| *old == operation.name())
                .map_or(operation.name(), |(_, new)| new);
            if parsed.operation.name() != expected {
                wrong.push(format!("{} {} routes to {}", operation.name(), request.uri, parsed.operation.name()));
            }
        }
    }
    assert!(routed > 250, "{routed} requests routed");
    assert!(wrong.is_empty(), "{}", wrong.join("\n"));
}
