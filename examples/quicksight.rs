//! The seed types: QuickSight's `DescribeDashboardSnapshotJobResult` response, the 30 shapes it
//! reaches and its 7 errors, written with `#[derive(Shape)]` as an SDK crate would.
//!
//! Run it with `cargo run --example quicksight`: it builds a response, shows it as a `Value`
//! (note the redacted S3 URI) and reads it back. The tests include this file as a module.

use awsval::schema::{Model, ModelBuilder, Operation};
use awsval::{FromValue, OperationError, Shape, Timestamp, ToValue};

/// `DescribeDashboardSnapshotJobResultResponse`.
#[derive(Shape, Clone, PartialEq)]
pub struct DescribeDashboardSnapshotJobResultResponse {
    pub arn: Option<String>,
    pub job_status: Option<SnapshotJobStatus>,
    pub created_time: Option<Timestamp>,
    pub last_updated_time: Option<Timestamp>,
    pub result: Option<SnapshotJobResult>,
    pub error_info: Option<SnapshotJobErrorInfo>,
    pub request_id: Option<String>,
    /// The HTTP status of the response.
    #[awsval(http_response_code, default)]
    pub status: i32,
}

/// `SnapshotJobStatus`.
#[derive(Shape, Clone, PartialEq)]
pub enum SnapshotJobStatus {
    #[awsval(value = "QUEUED")]
    Queued,
    #[awsval(value = "RUNNING")]
    Running,
    #[awsval(value = "COMPLETED")]
    Completed,
    #[awsval(value = "FAILED")]
    Failed,
    #[awsval(unknown)]
    Unknown(String),
}

/// `SnapshotJobResult`.
#[derive(Shape, Clone, PartialEq)]
pub struct SnapshotJobResult {
    pub anonymous_users: Option<Vec<AnonymousUserSnapshotJobResult>>,
    pub registered_users: Option<Vec<RegisteredUserSnapshotJobResult>>,
}

/// `AnonymousUserSnapshotJobResult`.
#[derive(Shape, Clone, PartialEq)]
pub struct AnonymousUserSnapshotJobResult {
    pub file_groups: Option<Vec<SnapshotJobResultFileGroup>>,
}

/// `RegisteredUserSnapshotJobResult`.
#[derive(Shape, Clone, PartialEq)]
pub struct RegisteredUserSnapshotJobResult {
    pub file_groups: Option<Vec<SnapshotJobResultFileGroup>>,
}

/// `SnapshotJobResultFileGroup`.
#[derive(Shape, Clone, PartialEq)]
pub struct SnapshotJobResultFileGroup {
    pub files: Option<Vec<SnapshotFile>>,
    pub s3_results: Option<Vec<SnapshotJobS3Result>>,
}

/// `SnapshotFile`.
#[derive(Shape, Clone, PartialEq)]
pub struct SnapshotFile {
    pub sheet_selections: Vec<SnapshotFileSheetSelection>,
    pub format_type: SnapshotFileFormatType,
}

/// `SnapshotFileSheetSelection`.
#[derive(Shape, Clone, PartialEq)]
pub struct SnapshotFileSheetSelection {
    pub sheet_id: String,
    pub selection_scope: SnapshotFileSheetSelectionScope,
    pub visual_ids: Option<Vec<String>>,
}

/// `SnapshotFileSheetSelectionScope`.
#[derive(Shape, Clone, PartialEq)]
pub enum SnapshotFileSheetSelectionScope {
    #[awsval(value = "ALL_VISUALS")]
    AllVisuals,
    #[awsval(value = "SELECTED_VISUALS")]
    SelectedVisuals,
    #[awsval(unknown)]
    Unknown(String),
}

/// `SnapshotFileFormatType`.
#[derive(Shape, Clone, PartialEq)]
pub enum SnapshotFileFormatType {
    #[awsval(value = "CSV")]
    Csv,
    #[awsval(value = "PDF")]
    Pdf,
    #[awsval(value = "EXCEL")]
    Excel,
    #[awsval(unknown)]
    Unknown(String),
}

/// `SnapshotJobS3Result`.
#[derive(Shape, Clone, PartialEq)]
pub struct SnapshotJobS3Result {
    #[awsval(name = "S3DestinationConfiguration")]
    pub s3_destination_configuration: Option<SnapshotS3DestinationConfiguration>,
    /// A `SensitiveS3Uri`.
    #[awsval(name = "S3Uri", sensitive)]
    pub s3_uri: Option<String>,
    pub error_info: Option<Vec<SnapshotJobResultErrorInfo>>,
}

/// `SnapshotS3DestinationConfiguration`.
#[derive(Shape, Clone, PartialEq)]
pub struct SnapshotS3DestinationConfiguration {
    pub bucket_configuration: S3BucketConfiguration,
}

/// `S3BucketConfiguration`.
#[derive(Shape, Clone, PartialEq)]
pub struct S3BucketConfiguration {
    pub bucket_name: String,
    pub bucket_prefix: String,
    pub bucket_region: String,
}

/// `SnapshotJobResultErrorInfo`.
#[derive(Shape, Clone, PartialEq)]
pub struct SnapshotJobResultErrorInfo {
    pub error_message: Option<String>,
    pub error_type: Option<String>,
}

/// `SnapshotJobErrorInfo`.
#[derive(Shape, Clone, PartialEq)]
pub struct SnapshotJobErrorInfo {
    pub error_message: Option<String>,
    pub error_type: Option<String>,
}

/// Declares a QuickSight error shape: `Message`, `RequestId`, `Status` (the HTTP status) and
/// any extra members.
macro_rules! quicksight_error {
    ($(#[$meta:meta])* $name:ident, $fault:literal, $status:literal { $($extra:tt)* }) => {
        $(#[$meta])*
        #[derive(Shape, Clone, PartialEq)]
        #[awsval(error = $fault, http_status = $status)]
        pub struct $name {
            pub message: Option<String>,
            $($extra)*
            pub request_id: Option<String>,
            /// The HTTP status of the response.
            #[awsval(http_response_code, default)]
            pub status: i32,
        }
    };
}

quicksight_error!(
    /// `AccessDeniedException`.
    AccessDeniedException, "client", 401 {}
);
quicksight_error!(
    /// `InvalidParameterValueException`.
    InvalidParameterValueException, "client", 400 {}
);
quicksight_error!(
    /// `ResourceNotFoundException`.
    ResourceNotFoundException, "client", 404 { pub resource_type: Option<ExceptionResourceType>, }
);
quicksight_error!(
    /// `ThrottlingException`.
    ThrottlingException, "client", 429 {}
);
quicksight_error!(
    /// `UnsupportedUserEditionException`.
    UnsupportedUserEditionException, "client", 403 {}
);
quicksight_error!(
    /// `PreconditionNotMetException`.
    PreconditionNotMetException, "client", 400 {}
);
quicksight_error!(
    /// `InternalFailureException`.
    InternalFailureException, "server", 500 {}
);

/// `ExceptionResourceType`.
#[derive(Shape, Clone, PartialEq)]
pub enum ExceptionResourceType {
    #[awsval(value = "USER")]
    User,
    #[awsval(value = "GROUP")]
    Group,
    #[awsval(value = "NAMESPACE")]
    Namespace,
    #[awsval(value = "ACCOUNT_SETTINGS")]
    AccountSettings,
    #[awsval(value = "IAMPOLICY_ASSIGNMENT")]
    IampolicyAssignment,
    #[awsval(value = "DATA_SOURCE")]
    DataSource,
    #[awsval(value = "DATA_SET")]
    DataSet,
    #[awsval(value = "VPC_CONNECTION")]
    VpcConnection,
    #[awsval(value = "INGESTION")]
    Ingestion,
    #[awsval(unknown)]
    Unknown(String),
}

/// The errors of `DescribeDashboardSnapshotJobResult`.
#[derive(OperationError, Clone, PartialEq)]
pub enum DescribeDashboardSnapshotJobResultError {
    AccessDeniedException(AccessDeniedException),
    InvalidParameterValueException(InvalidParameterValueException),
    ResourceNotFoundException(ResourceNotFoundException),
    ThrottlingException(ThrottlingException),
    UnsupportedUserEditionException(UnsupportedUserEditionException),
    PreconditionNotMetException(PreconditionNotMetException),
    InternalFailureException(InternalFailureException),
    #[awsval(unknown)]
    Unknown {
        code: String,
        message: Option<String>,
    },
}

/// `DescribeDashboardSnapshotJobResultRequest`: three URI labels.
#[derive(Shape, Clone, PartialEq)]
pub struct DescribeDashboardSnapshotJobResultRequest {
    #[awsval(http_label)]
    pub aws_account_id: String,
    #[awsval(http_label)]
    pub dashboard_id: String,
    #[awsval(http_label)]
    pub snapshot_job_id: String,
}

/// The operation as a model built from the derived types: what a restJson1 request and
/// response need.
pub fn operation_model() -> Model {
    let mut builder = ModelBuilder::new();
    let mut operation = Operation::new("DescribeDashboardSnapshotJobResult");
    operation.input = Some(DescribeDashboardSnapshotJobResultRequest::describe(&mut builder));
    operation.output = Some(DescribeDashboardSnapshotJobResultResponse::describe(&mut builder));
    operation.errors = vec![
        AccessDeniedException::describe(&mut builder),
        InvalidParameterValueException::describe(&mut builder),
        ResourceNotFoundException::describe(&mut builder),
        ThrottlingException::describe(&mut builder),
        UnsupportedUserEditionException::describe(&mut builder),
        PreconditionNotMetException::describe(&mut builder),
        InternalFailureException::describe(&mut builder),
    ];
    operation.http.method = "GET".into();
    operation.http.uri =
        "/accounts/{AwsAccountId}/dashboards/{DashboardId}/snapshot-jobs/{SnapshotJobId}/result".into();
    builder.operation(operation);
    builder.service_mut().protocols = vec!["rest-json".into()];
    builder.finish().expect("the derived shapes form a valid model")
}

/// A small, complete response.
pub fn sample_response() -> DescribeDashboardSnapshotJobResultResponse {
    let bucket = S3BucketConfiguration {
        bucket_name: "reports".into(),
        bucket_prefix: "snapshots/".into(),
        bucket_region: "us-east-1".into(),
    };
    let s3_result = SnapshotJobS3Result {
        s3_destination_configuration: Some(SnapshotS3DestinationConfiguration { bucket_configuration: bucket }),
        s3_uri: Some("s3://reports/snapshots/job-1.pdf".into()),
        error_info: None,
    };
    let file = SnapshotFile {
        sheet_selections: vec![SnapshotFileSheetSelection {
            sheet_id: "sheet-1".into(),
            selection_scope: SnapshotFileSheetSelectionScope::AllVisuals,
            visual_ids: None,
        }],
        format_type: SnapshotFileFormatType::Pdf,
    };
    let group = SnapshotJobResultFileGroup { files: Some(vec![file]), s3_results: Some(vec![s3_result]) };
    DescribeDashboardSnapshotJobResultResponse {
        arn: Some("arn:aws:quicksight:us-east-1:123456789012:dashboard/d-1/snapshot-job/job-1".into()),
        job_status: Some(SnapshotJobStatus::Completed),
        created_time: Timestamp::from_secs(1_700_000_000).ok(),
        last_updated_time: Timestamp::new(1_700_000_042, 500_000_000).ok(),
        result: Some(SnapshotJobResult {
            anonymous_users: Some(vec![AnonymousUserSnapshotJobResult { file_groups: Some(vec![group]) }]),
            registered_users: None,
        }),
        error_info: None,
        request_id: Some("c0ffee00-0000-4000-8000-000000000000".into()),
        status: 200,
    }
}

#[allow(clippy::print_stdout)]
fn main() -> awsval::Result<()> {
    let response = sample_response();
    let value = response.to_value();
    println!("{value:#?}");
    let back = DescribeDashboardSnapshotJobResultResponse::from_value(value)?;
    assert!(back == response);
    let shape = DescribeDashboardSnapshotJobResultResponse::schema();
    println!("{} reaches {} shapes", shape.name(), shape.model().len());
    let error = DescribeDashboardSnapshotJobResultError::from_code("ThrottlingException", None, |_| {
        Ok(awsval::Structure::new().with("Message", "Rate exceeded").into())
    })?;
    println!("{error}");
    Ok(())
}
