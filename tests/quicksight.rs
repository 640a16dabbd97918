//! The QuickSight seed types: every generated value survives `to_value` → `from_value`.

#[allow(dead_code, unreachable_pub)]
#[path = "../examples/quicksight.rs"]
mod quicksight;

use awsval::convert::Decode;
use awsval::json::{self, JsonSettings};
use awsval::protocol::{self, HttpResponse, Protocol};
use awsval::schema::{Fault, HttpBinding, ShapeType};
use awsval::xml::{self, XmlSettings};
use awsval::{FromValue, OperationError, Shape, Structure, Timestamp, ToValue, Value};
use proptest::collection::vec;
use proptest::option::of;
use proptest::prelude::*;
use quicksight::*;

fn text() -> impl Strategy<Value = String> {
    "\\PC{0,12}"
}

fn timestamp() -> impl Strategy<Value = Timestamp> {
    (Timestamp::MIN.secs()..=Timestamp::MAX.secs(), 0u32..1_000_000_000)
        .prop_map(|(secs, nanos)| Timestamp::new(secs, nanos).expect("in range"))
}

fn unknown_or<T: Clone + std::fmt::Debug + 'static>(
    known: Vec<T>,
    unknown: fn(String) -> T,
) -> impl Strategy<Value = T> {
    prop_oneof![proptest::sample::select(known), "[A-Z_]{1,10}".prop_map(unknown)]
}

fn job_status() -> impl Strategy<Value = SnapshotJobStatus> {
    use SnapshotJobStatus::*;
    unknown_or(vec![Queued, Running, Completed, Failed], Unknown)
}

fn scope() -> impl Strategy<Value = SnapshotFileSheetSelectionScope> {
    use SnapshotFileSheetSelectionScope::*;
    unknown_or(vec![AllVisuals, SelectedVisuals], Unknown)
}

fn format_type() -> impl Strategy<Value = SnapshotFileFormatType> {
    use SnapshotFileFormatType::*;
    unknown_or(vec![Csv, Pdf, Excel], Unknown)
}

fn file() -> impl Strategy<Value = SnapshotFile> {
    let selection = (text(), scope(), of(vec(text(), 0..3))).prop_map(|(sheet_id, selection_scope, visual_ids)| {
        SnapshotFileSheetSelection { sheet_id, selection_scope, visual_ids }
    });
    (vec(selection, 0..3), format_type())
        .prop_map(|(sheet_selections, format_type)| SnapshotFile { sheet_selections, format_type })
}

fn s3_result() -> impl Strategy<Value = SnapshotJobS3Result> {
    let bucket = (text(), text(), text()).prop_map(|(bucket_name, bucket_prefix, bucket_region)| {
        S3BucketConfiguration { bucket_name, bucket_prefix, bucket_region }
    });
    let destination =
        bucket.prop_map(|bucket_configuration| SnapshotS3DestinationConfiguration { bucket_configuration });
    let error = (of(text()), of(text()))
        .prop_map(|(error_message, error_type)| SnapshotJobResultErrorInfo { error_message, error_type });
    (of(destination), of(text()), of(vec(error, 0..3))).prop_map(
        |(s3_destination_configuration, s3_uri, error_info)| SnapshotJobS3Result {
            s3_destination_configuration,
            s3_uri,
            error_info,
        },
    )
}

fn file_groups() -> impl Strategy<Value = Option<Vec<SnapshotJobResultFileGroup>>> {
    let group = (of(vec(file(), 0..2)), of(vec(s3_result(), 0..2)))
        .prop_map(|(files, s3_results)| SnapshotJobResultFileGroup { files, s3_results });
    of(vec(group, 0..2))
}

fn response() -> impl Strategy<Value = DescribeDashboardSnapshotJobResultResponse> {
    let anonymous = file_groups().prop_map(|file_groups| AnonymousUserSnapshotJobResult { file_groups });
    let registered = file_groups().prop_map(|file_groups| RegisteredUserSnapshotJobResult { file_groups });
    let result = (of(vec(anonymous, 0..2)), of(vec(registered, 0..2)))
        .prop_map(|(anonymous_users, registered_users)| SnapshotJobResult { anonymous_users, registered_users });
    let error_info = (of(text()), of(text()))
        .prop_map(|(error_message, error_type)| SnapshotJobErrorInfo { error_message, error_type });
    (
        of(text()),
        of(job_status()),
        of(timestamp()),
        of(timestamp()),
        of(result),
        of(error_info),
        of(text()),
        any::<i32>(),
    )
        .prop_map(|(arn, job_status, created_time, last_updated_time, result, error_info, request_id, status)| {
            DescribeDashboardSnapshotJobResultResponse {
                arn,
                job_status,
                created_time,
                last_updated_time,
                result,
                error_info,
                request_id,
                status,
            }
        })
}

/// typed → `Value` → JSON → `Value` → typed, through the derived schema; and JSON → typed
/// straight.
fn json_round_trip<T: Shape + ToValue + Decode + PartialEq + 'static>(typed: &T) -> Result<(), TestCaseError> {
    let settings = JsonSettings::rest_json();
    let bytes =
        json::encode(&typed.to_value(), T::schema(), &settings).map_err(|e| TestCaseError::fail(e.to_string()))?;
    let value = json::decode(&bytes, T::schema(), &settings).map_err(|e| TestCaseError::fail(e.to_string()))?;
    let back = T::from_value(value).map_err(|e| TestCaseError::fail(e.to_string()))?;
    prop_assert!(back == *typed, "{}", String::from_utf8_lossy(&bytes));
    let direct: T = json::decode_typed(&bytes, &settings).map_err(|e| TestCaseError::fail(e.to_string()))?;
    prop_assert!(direct == *typed, "decode_typed: {}", String::from_utf8_lossy(&bytes));
    Ok(())
}

/// Typed encoding writes the bytes the `Value` path writes, in every JSON dialect.
fn typed_encode_matches<T: Shape + ToValue + awsval::convert::Encode + 'static>(
    typed: &T,
) -> Result<(), TestCaseError> {
    let fail = |e: awsval::Error| TestCaseError::fail(e.to_string());
    for settings in [JsonSettings::rest_json(), JsonSettings::aws_json(), JsonSettings::plain()] {
        let straight = json::encode_typed(typed, &settings).map_err(fail)?;
        let through_value = json::encode(&typed.to_value(), T::schema(), &settings).map_err(fail)?;
        prop_assert_eq!(String::from_utf8_lossy(&straight), String::from_utf8_lossy(&through_value));
    }
    let text =
        |r: awsval::Result<Vec<u8>>| r.map(|b| String::from_utf8_lossy(&b).into_owned()).map_err(|e| e.to_string());
    prop_assert_eq!(
        text(xml::encode_typed(typed, &XmlSettings::default())),
        text(xml::encode(&typed.to_value(), T::schema(), &XmlSettings::default()))
    );
    Ok(())
}

/// The serde bridges: `Plain` writes the codec's plain JSON (up to how serde_json spells a
/// float), and plain JSON → `Value` → plain JSON through `serde_json::Value` is the same JSON and
/// the same typed value.
fn plain_round_trip<T: Shape + ToValue + FromValue + PartialEq + 'static>(typed: &T) -> Result<(), TestCaseError> {
    let fail = |e: awsval::Error| TestCaseError::fail(e.to_string());
    let value = typed.to_value();
    let codec = json::encode(&value, T::schema(), &JsonSettings::plain()).map_err(fail)?;
    let bridged = serde_json::to_vec(&awsval::plain::Plain::new(&value, T::schema()))
        .map_err(|e| TestCaseError::fail(e.to_string()))?;
    let decoded = json::decode(&codec, T::schema(), &JsonSettings::plain()).map_err(fail)?;
    prop_assert!(json::decode(&bridged, T::schema(), &JsonSettings::plain()).map_err(fail)?.equivalent(&decoded));
    let tree = awsval::plain::to_json_value(&value, T::schema()).map_err(fail)?;
    prop_assert_eq!(serde_json::to_vec(&tree).map_err(|e| TestCaseError::fail(e.to_string()))?, bridged);
    let back = awsval::plain::from_json_value(&tree, T::schema()).map_err(fail)?;
    prop_assert!(back.equivalent(&decoded));
    prop_assert_eq!(&awsval::plain::to_json_value(&back, T::schema()).map_err(fail)?, &tree);
    prop_assert!(T::from_value(back).map_err(fail)? == *typed);
    Ok(())
}

/// typed → JSON → `Value` → XML → `Value` → JSON: the same JSON, the same typed value.
fn cross_protocol<T: Shape + ToValue + FromValue + PartialEq + 'static>(typed: &T) -> Result<(), TestCaseError> {
    let fail = |e: awsval::Error| TestCaseError::fail(e.to_string());
    let schema = T::schema();
    let settings = JsonSettings::rest_json();
    let first = json::encode(&typed.to_value(), schema, &settings).map_err(fail)?;
    let from_json = json::decode(&first, schema, &settings).map_err(fail)?;
    let bytes = xml::encode(&from_json, schema, &XmlSettings::default()).map_err(fail)?;
    let from_xml = xml::decode(&bytes, schema, &XmlSettings::default()).map_err(fail)?;
    prop_assert!(from_xml.equivalent(&from_json), "{}", String::from_utf8_lossy(&bytes));
    let second = json::encode(&from_xml, schema, &settings).map_err(fail)?;
    prop_assert_eq!(String::from_utf8_lossy(&first), String::from_utf8_lossy(&second));
    prop_assert!(T::from_value(from_xml).map_err(fail)? == *typed);
    Ok(())
}

fn round_trip<T: ToValue + FromValue + PartialEq>(typed: &T) -> Result<(), TestCaseError> {
    let value = typed.to_value();
    let copy = value.clone();
    let back = T::from_value(value).map_err(|e| TestCaseError::fail(e.to_string()))?;
    prop_assert!(back == *typed);
    prop_assert!(back.to_value().equivalent(&copy));
    Ok(())
}

proptest! {
    #![proptest_config(ProptestConfig::with_cases(512))]

    #[test]
    fn responses_round_trip(response in response()) {
        round_trip(&response)?;
        json_round_trip(&response)?;
        cross_protocol(&response)?;
        plain_round_trip(&response)?;
        typed_encode_matches(&response)?;
    }

    #[test]
    fn errors_round_trip(message in of(text()), request_id in of(text()), status in any::<i32>(), kind in 0usize..7) {
        let (message, request_id) = (message.clone(), request_id.clone());
        match kind {
            0 => {
                round_trip(&AccessDeniedException { message: message.clone(), request_id: request_id.clone(), status })?;
                json_round_trip(&AccessDeniedException { message: message.clone(), request_id: request_id.clone(), status })?;
                cross_protocol(&AccessDeniedException { message, request_id, status })?;
            }
            1 => round_trip(&InvalidParameterValueException { message, request_id, status })?,
            2 => {
                let error = ResourceNotFoundException { message, resource_type: Some(ExceptionResourceType::DataSet), request_id, status };
                round_trip(&error)?;
                plain_round_trip(&error)?;
                typed_encode_matches(&error)?;
                json_round_trip(&error)?;
                cross_protocol(&error)?;
            }
            3 => round_trip(&ThrottlingException { message, request_id, status })?,
            4 => round_trip(&UnsupportedUserEditionException { message, request_id, status })?,
            5 => round_trip(&PreconditionNotMetException { message, request_id, status })?,
            _ => round_trip(&InternalFailureException { message, request_id, status })?,
        }
    }
}

#[test]
fn the_sample_converts_and_hides_the_s3_uri() {
    let value = sample_response().to_value();
    assert_eq!(value["Result"]["AnonymousUsers"][0]["FileGroups"][0]["Files"][0]["FormatType"].as_str(), Some("PDF"));
    assert_eq!(value["Status"], Value::Integer(200));
    let shown = format!("{value:?}");
    assert!(shown.contains("S3Uri: *** Sensitive Data Redacted ***"));
    assert!(!shown.contains("s3://reports"));
    assert!(!format!("{:?}", sample_response()).contains("s3://reports"));
}

#[test]
fn a_bad_member_deep_down_names_its_path() {
    let mut value = sample_response().to_value();
    let file = &mut value.get_mut("Result").unwrap().get_mut("AnonymousUsers").unwrap().as_list_mut().unwrap()[0];
    let file = &mut file.get_mut("FileGroups").unwrap().as_list_mut().unwrap()[0];
    let file = &mut file.get_mut("Files").unwrap().as_list_mut().unwrap()[0];
    file.as_structure_mut().unwrap().remove("FormatType");
    let error = DescribeDashboardSnapshotJobResultResponse::from_value(value).unwrap_err();
    assert_eq!(
        error.to_string(),
        "data error: missing required member at Result.AnonymousUsers[0].FileGroups[0].Files[0].FormatType"
    );
}

#[test]
fn the_schema_matches_the_model() {
    let shape = DescribeDashboardSnapshotJobResultResponse::schema();
    assert_eq!(
        shape.members().map(|m| m.name().as_str()).collect::<Vec<_>>(),
        ["Arn", "JobStatus", "CreatedTime", "LastUpdatedTime", "Result", "ErrorInfo", "RequestId", "Status"]
    );
    assert_eq!(shape.member("Status").unwrap().http(), Some(&HttpBinding::ResponseCode));
    let status = shape.member("JobStatus").unwrap().target();
    assert_eq!(status.shape_type(), ShapeType::Enum);
    assert_eq!(status.enum_value("COMPLETED"), Some("COMPLETED"));
    let file = SnapshotFile::schema();
    assert!(file.member("SheetSelections").unwrap().is_required());
    assert!(file.member("FormatType").unwrap().is_required());
    assert!(SnapshotJobS3Result::schema().member("S3Uri").unwrap().is_sensitive());
    let shapes = shape.model().shapes().filter(|s| !s.name().starts_with("smithy.api#")).count();
    // botocore's 30 shapes, less the 7 simple ones (Arn, NonEmptyString, SensitiveS3Uri,
    // ShortRestrictiveResourceId, String, StatusCode, Timestamp) that Rust types share.
    assert_eq!(shapes, 23);
}

#[test]
fn each_error_decodes_from_its_code() {
    let codes = [
        ("AccessDeniedException", 401, Fault::Client),
        ("InvalidParameterValueException", 400, Fault::Client),
        ("ResourceNotFoundException", 404, Fault::Client),
        ("ThrottlingException", 429, Fault::Client),
        ("UnsupportedUserEditionException", 403, Fault::Client),
        ("PreconditionNotMetException", 400, Fault::Client),
        ("InternalFailureException", 500, Fault::Server),
    ];
    let shapes = DescribeDashboardSnapshotJobResultError::error_shapes();
    assert_eq!(shapes.len(), 7);
    for (code, status, fault) in codes {
        let (index, shape) = DescribeDashboardSnapshotJobResultError::match_code(code).unwrap();
        assert_eq!(shapes[index], shape);
        let error = shape.error().unwrap();
        assert_eq!((error.http_status, error.fault), (Some(status), fault));
        let body =
            Structure::new().with("Message", "went wrong").with("RequestId", "r-1").with("Status", i32::from(status));
        let error = DescribeDashboardSnapshotJobResultError::from_code(code, None, |_| Ok(body.into())).unwrap();
        assert_eq!(error.code(), code);
        assert_eq!(error.to_string(), format!("{code}: went wrong"));
    }
    let unknown = DescribeDashboardSnapshotJobResultError::from_code("Mystery", Some("?"), |_| unreachable!()).unwrap();
    assert!(
        unknown
            == DescribeDashboardSnapshotJobResultError::Unknown { code: "Mystery".into(), message: Some("?".into()) }
    );
}

#[test]
fn the_response_decodes_from_service_json() {
    let body = br#"{
        "Arn": "arn:aws:quicksight:us-east-1:123456789012:dashboard/d/snapshot-job/j",
        "JobStatus": "FAILED",
        "CreatedTime": 1.7E9,
        "LastUpdatedTime": 1700000042.5,
        "Result": {"RegisteredUsers": [{"FileGroups": [{"Files": [{"SheetSelections": [
            {"SheetId": "s-1", "SelectionScope": "SELECTED_VISUALS", "VisualIds": ["v-1", "v-2"]}],
            "FormatType": "CSV"}], "S3Results": [{"S3Uri": "s3://b/k.csv", "ErrorInfo": [{"ErrorMessage": "RLS_CHANGED"}]}]}]}]},
        "ErrorInfo": {"ErrorMessage": "some files failed", "ErrorType": "PARTIAL"},
        "RequestId": "r-1",
        "SomethingNew": {"added": "later"}
    }"#;
    let value =
        json::decode(body, DescribeDashboardSnapshotJobResultResponse::schema(), &JsonSettings::rest_json()).unwrap();
    let typed = DescribeDashboardSnapshotJobResultResponse::from_value(value).unwrap();
    assert!(typed.job_status == Some(SnapshotJobStatus::Failed));
    assert_eq!(typed.created_time, Timestamp::from_secs(1_700_000_000).ok());
    assert_eq!(typed.last_updated_time, Timestamp::new(1_700_000_042, 500_000_000).ok());
    let group = &typed.result.as_ref().unwrap().registered_users.as_ref().unwrap()[0].file_groups.as_ref().unwrap()[0];
    let selection = &group.files.as_ref().unwrap()[0].sheet_selections[0];
    assert!(selection.selection_scope == SnapshotFileSheetSelectionScope::SelectedVisuals);
    assert_eq!(selection.visual_ids.as_deref(), Some(&["v-1".to_owned(), "v-2".to_owned()][..]));
    assert_eq!(group.s3_results.as_ref().unwrap()[0].s3_uri.as_deref(), Some("s3://b/k.csv"));
    assert_eq!(typed.status, 0, "the status comes from HTTP, not the body");
}

#[test]
fn each_error_decodes_from_an_error_response() {
    for code in [
        "AccessDeniedException",
        "InvalidParameterValueException",
        "ResourceNotFoundException",
        "ThrottlingException",
        "UnsupportedUserEditionException",
        "PreconditionNotMetException",
        "InternalFailureException",
    ] {
        let body = r#"{"Message": "nope", "RequestId": "r-9", "ResourceType": "NAMESPACE"}"#;
        let reply = HttpResponse::new(400, body)
            .with_header("X-Amzn-Errortype", &format!("{code}:http://internal.amazon.com/"));
        let error: DescribeDashboardSnapshotJobResultError =
            protocol::typed_error(Protocol::AwsJson1_1, &reply).unwrap();
        assert_eq!(error.code(), code);
        assert_eq!(error.to_string(), format!("{code}: nope"));
        if let DescribeDashboardSnapshotJobResultError::ResourceNotFoundException(e) = &error {
            assert!(e.resource_type == Some(ExceptionResourceType::Namespace));
            assert_eq!(e.request_id.as_deref(), Some("r-9"));
        }
    }
}

#[test]
fn the_whole_operation_travels_over_rest_json() {
    let model = operation_model();
    let operation = model.operation("DescribeDashboardSnapshotJobResult").unwrap();
    let request = DescribeDashboardSnapshotJobResultRequest {
        aws_account_id: "123456789012".into(),
        dashboard_id: "d 1/2".into(),
        snapshot_job_id: "job-1".into(),
    };
    let sent = protocol::request(
        Protocol::RestJson1,
        operation,
        &request.to_value(),
        &protocol::Endpoint::default(),
        &protocol::RequestOptions::default(),
    )
    .unwrap();
    assert_eq!(sent.method, "GET");
    assert_eq!(sent.uri, "/accounts/123456789012/dashboards/d%201%2F2/snapshot-jobs/job-1/result");
    assert!(sent.body.is_empty());
    assert_eq!(sent.header("Content-Type"), None);

    let body = br#"{"Arn": "arn:x", "JobStatus": "COMPLETED", "RequestId": "r-1", "Status": 999}"#;
    let reply = HttpResponse::new(200, body.to_vec());
    let value = protocol::response(Protocol::RestJson1, operation, &reply).unwrap().unwrap();
    assert_eq!(value["Status"], Value::Integer(200), "Status is the HTTP status, not the body's");
    let typed = DescribeDashboardSnapshotJobResultResponse::from_value(value).unwrap();
    assert_eq!((typed.status, typed.request_id.as_deref()), (200, Some("r-1")));
    assert!(typed.job_status == Some(SnapshotJobStatus::Completed));

    let reply = HttpResponse::new(429, br#"{"Message": "slow down", "RequestId": "r-2"}"#.to_vec())
        .with_header("X-Amzn-Errortype", "ThrottlingException");
    let error: DescribeDashboardSnapshotJobResultError = protocol::typed_error(Protocol::RestJson1, &reply).unwrap();
    match error {
        DescribeDashboardSnapshotJobResultError::ThrottlingException(e) => {
            assert_eq!((e.status, e.message.as_deref()), (429, Some("slow down")));
        }
        other => panic!("expected throttling, got {other:?}"),
    }
}
