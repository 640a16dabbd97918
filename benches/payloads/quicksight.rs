//! QuickSight's `DescribeDashboardSnapshotJobResult` response (restJson1): the seed shapes
//! (see `examples/quicksight.rs`), here with serde's traits beside awsval's, in a ~1.5 KB
//! response.

use awsval::json::JsonSettings;
use awsval::{Shape, Timestamp};
use serde::{Deserialize, Serialize};

use super::leaf::{EpochSeconds, wire_enum};

/// `DescribeDashboardSnapshotJobResultResponse` (its body members).
#[derive(Shape, Serialize, Deserialize, Clone, PartialEq)]
#[serde(rename_all = "PascalCase")]
pub struct Response {
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub arn: Option<String>,
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub job_status: Option<SnapshotJobStatus>,
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub created_time: Option<EpochSeconds>,
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub last_updated_time: Option<EpochSeconds>,
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub result: Option<SnapshotJobResult>,
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub error_info: Option<ErrorInfo>,
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub request_id: Option<String>,
}

wire_enum!(
    /// `SnapshotJobStatus`.
    SnapshotJobStatus { Queued = "QUEUED", Running = "RUNNING", Completed = "COMPLETED", Failed = "FAILED", }
);

wire_enum!(
    /// `SnapshotFileSheetSelectionScope`.
    SelectionScope { AllVisuals = "ALL_VISUALS", SelectedVisuals = "SELECTED_VISUALS", }
);

wire_enum!(
    /// `SnapshotFileFormatType`.
    FormatType { Csv = "CSV", Pdf = "PDF", Excel = "EXCEL", }
);

/// `SnapshotJobResult`.
#[derive(Shape, Serialize, Deserialize, Clone, PartialEq)]
#[serde(rename_all = "PascalCase")]
pub struct SnapshotJobResult {
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub anonymous_users: Option<Vec<UserResult>>,
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub registered_users: Option<Vec<UserResult>>,
}

/// `AnonymousUserSnapshotJobResult` and `RegisteredUserSnapshotJobResult` (the same members).
#[derive(Shape, Serialize, Deserialize, Clone, PartialEq)]
#[serde(rename_all = "PascalCase")]
pub struct UserResult {
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub file_groups: Option<Vec<FileGroup>>,
}

/// `SnapshotJobResultFileGroup`.
#[derive(Shape, Serialize, Deserialize, Clone, PartialEq)]
#[serde(rename_all = "PascalCase")]
pub struct FileGroup {
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub files: Option<Vec<SnapshotFile>>,
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub s3_results: Option<Vec<S3Result>>,
}

/// `SnapshotFile`.
#[derive(Shape, Serialize, Deserialize, Clone, PartialEq)]
#[serde(rename_all = "PascalCase")]
pub struct SnapshotFile {
    pub sheet_selections: Vec<SheetSelection>,
    pub format_type: FormatType,
}

/// `SnapshotFileSheetSelection`.
#[derive(Shape, Serialize, Deserialize, Clone, PartialEq)]
#[serde(rename_all = "PascalCase")]
pub struct SheetSelection {
    pub sheet_id: String,
    pub selection_scope: SelectionScope,
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub visual_ids: Option<Vec<String>>,
}

/// `SnapshotJobS3Result`.
#[derive(Shape, Serialize, Deserialize, Clone, PartialEq)]
#[serde(rename_all = "PascalCase")]
pub struct S3Result {
    #[awsval(name = "S3DestinationConfiguration")]
    #[serde(rename = "S3DestinationConfiguration", default, skip_serializing_if = "Option::is_none")]
    pub destination: Option<S3Destination>,
    #[awsval(name = "S3Uri", sensitive)]
    #[serde(rename = "S3Uri", default, skip_serializing_if = "Option::is_none")]
    pub s3_uri: Option<String>,
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub error_info: Option<Vec<ErrorInfo>>,
}

/// `SnapshotS3DestinationConfiguration`.
#[derive(Shape, Serialize, Deserialize, Clone, PartialEq)]
#[serde(rename_all = "PascalCase")]
pub struct S3Destination {
    pub bucket_configuration: BucketConfiguration,
}

/// `S3BucketConfiguration`.
#[derive(Shape, Serialize, Deserialize, Clone, PartialEq)]
#[serde(rename_all = "PascalCase")]
pub struct BucketConfiguration {
    pub bucket_name: String,
    pub bucket_prefix: String,
    pub bucket_region: String,
}

/// `SnapshotJobResultErrorInfo` and `SnapshotJobErrorInfo` (the same members).
#[derive(Shape, Serialize, Deserialize, Clone, PartialEq)]
#[serde(rename_all = "PascalCase")]
pub struct ErrorInfo {
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub error_message: Option<String>,
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub error_type: Option<String>,
}

/// The wire settings of the payload.
pub fn settings() -> JsonSettings {
    JsonSettings::rest_json()
}

/// A finished job that wrote a PDF and a CSV for three anonymous users: about 1.5 KB of JSON.
pub fn sample_response() -> Response {
    let bucket = |n: u32| BucketConfiguration {
        bucket_name: "reports".into(),
        bucket_prefix: format!("snapshots/team-{n}/"),
        bucket_region: "us-east-1".into(),
    };
    let file = |format: FormatType, scope: SelectionScope, visuals: Option<Vec<String>>| SnapshotFile {
        sheet_selections: vec![SheetSelection {
            sheet_id: "sheet-1".into(),
            selection_scope: scope,
            visual_ids: visuals,
        }],
        format_type: format,
    };
    let group = |n: u32| FileGroup {
        files: Some(vec![
            file(FormatType::Pdf, SelectionScope::AllVisuals, None),
            file(FormatType::Csv, SelectionScope::SelectedVisuals, Some(vec!["visual-1".into(), "visual-2".into()])),
        ]),
        s3_results: Some(vec![S3Result {
            destination: Some(S3Destination { bucket_configuration: bucket(n) }),
            s3_uri: Some(format!("s3://reports/snapshots/team-{n}/job-1.pdf")),
            error_info: None,
        }]),
    };
    Response {
        arn: Some("arn:aws:quicksight:us-east-1:123456789012:dashboard/d-1/snapshot-job/job-1".into()),
        job_status: Some(SnapshotJobStatus::Completed),
        created_time: Timestamp::from_secs(1_700_000_000).ok().map(EpochSeconds),
        last_updated_time: Timestamp::new(1_700_000_042, 500_000_000).ok().map(EpochSeconds),
        result: Some(SnapshotJobResult {
            anonymous_users: Some((1..=3).map(|n| UserResult { file_groups: Some(vec![group(n)]) }).collect()),
            registered_users: None,
        }),
        error_info: None,
        request_id: Some("c0ffee00-0000-4000-8000-000000000000".into()),
    }
}
