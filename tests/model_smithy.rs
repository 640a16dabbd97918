//! Smithy JSON AST models: the eleven real AWS models and every service of Smithy's AWS
//! protocol tests (read from `../shared/smithy/`) load, with their protocols, operations and
//! the traits botocore's format loses.

use std::path::PathBuf;
use std::time::Instant;

use awsval::Value;
use awsval::model::smithy;
use awsval::schema::{HttpBinding, ShapeType};

/// `../shared/smithy`, or `None` (said plainly) where a clone has no `../shared`; CI always
/// has it.
#[allow(clippy::print_stderr)]
fn shared() -> Option<PathBuf> {
    let dir = PathBuf::from(env!("CARGO_MANIFEST_DIR")).join("../shared/smithy");
    if dir.is_dir() {
        return Some(dir);
    }
    assert!(std::env::var_os("CI").is_none(), "CI has ../shared/smithy, but {} is absent", dir.display());
    eprintln!("skipped: {} is absent (a clone without ../shared)", dir.display());
    None
}

#[test]
#[allow(clippy::print_stderr)] // The load times are worth seeing with --nocapture.
fn the_eleven_aws_models_load_with_their_protocols() {
    let Some(dir) = shared() else { return };
    let expected = [
        ("bedrock-runtime", "rest-json", 9),
        ("cloudfront", "rest-xml", 147),
        ("cloudwatch", "query", 38),
        ("dynamodb", "json", 57),
        ("kinesis", "json", 35),
        ("lambda", "rest-json", 68),
        ("quicksight", "rest-json", 209),
        ("s3", "rest-xml", 104),
        ("sns", "query", 42),
        ("sqs", "json", 23),
        ("sts", "query", 9),
    ];
    let mut files: Vec<PathBuf> = std::fs::read_dir(dir.join("aws-models"))
        .unwrap()
        .map(|e| e.unwrap().path())
        .filter(|p| p.extension().is_some_and(|e| e == "json"))
        .collect();
    files.sort();
    assert_eq!(files.len(), expected.len());
    for (file, (service, protocol, operations)) in files.iter().zip(expected) {
        assert!(file.file_name().unwrap().to_str().unwrap().starts_with(service));
        let bytes = std::fs::read(file).unwrap();
        assert!(smithy::is_smithy_ast(&bytes));
        let start = Instant::now();
        let model = smithy::load(&bytes).unwrap_or_else(|e| panic!("{service}: {e}"));
        eprintln!("{service}: {} shapes, {:?}", model.len(), start.elapsed());
        assert_eq!(model.service().protocols.first().map(|p| &**p), Some(protocol), "{service}");
        assert_eq!(model.operations().len(), operations, "{service}");
    }
}

#[test]
fn every_service_of_the_protocol_tests_loads() {
    let Some(dir) = shared() else { return };
    let bytes = std::fs::read(dir.join("aws-protocol-tests.json")).unwrap();
    let services = smithy::services(&bytes).unwrap();
    assert_eq!(services.len(), 15);
    for service in &services {
        let model = smithy::load_service(&[&bytes], Some(service)).unwrap_or_else(|e| panic!("{service}: {e}"));
        assert!(model.operations().len() > 0, "{service}");
    }
    let error = smithy::load(&bytes).unwrap_err().to_string();
    assert!(error.contains("15 services: pick one of aws.protocoltests.ec2#AwsEc2"), "{error}");
}

#[test]
fn what_botocore_loses_is_kept() {
    let Some(dir) = shared() else { return };
    let bytes = std::fs::read(dir.join("aws-protocol-tests.json")).unwrap();
    let model = smithy::load_service(&[&bytes], Some("RestJson")).unwrap();
    // @httpResponseCode, @jsonName apart from @xmlName, @default, intEnum, unit union members.
    let status = model.operation("HttpResponseCode").unwrap().output().unwrap();
    assert_eq!(status.member("Status").unwrap().traits().http, Some(HttpBinding::ResponseCode));
    let renamed = model.operation("JsonEnums").unwrap().input().unwrap();
    assert_eq!(renamed.member("fooEnum1").unwrap().target().shape_type(), ShapeType::Enum);
    let int_enums = model.operation("JsonIntEnums").unwrap().input().unwrap();
    assert_eq!(int_enums.member("integerEnum1").unwrap().target().shape_type(), ShapeType::IntEnum);
    let defaults = model.operation("OperationWithDefaults").unwrap().input().unwrap();
    let defaulted = defaults.member("defaults").unwrap().target();
    assert_eq!(defaulted.member("defaultString").unwrap().traits().default, Some(Value::String("hi".into())));
    assert_eq!(defaulted.member("defaultInteger").unwrap().traits().default, Some(Value::Integer(10)));
    // Traits without a field of their own are kept, not refused.
    let kept =
        |id: &str| model.shapes().any(|shape| shape.traits().other.iter().any(|(trait_id, _)| &**trait_id == id));
    assert!(kept("smithy.api#documentation") && kept("smithy.api#input"));
    let unions = model.operation("PostUnionWithJsonName").unwrap().input().unwrap();
    assert_eq!(
        unions.member("value").unwrap().target().member("foo").unwrap().traits().json_name.as_deref(),
        Some("FOO")
    );
}
