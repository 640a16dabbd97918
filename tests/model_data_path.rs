//! `model::botocore::DataPath`: finding models by service name as botocore's loader does.

use std::io::Write as _;
use std::path::{Path, PathBuf};

use awsval::model::botocore::{self, DataPath};

fn fresh(name: &str) -> PathBuf {
    let dir = std::env::temp_dir().join(format!("awsval-data-path-{name}-{}", std::process::id()));
    let _ = std::fs::remove_dir_all(&dir);
    std::fs::create_dir_all(&dir).unwrap();
    dir
}

/// A model whose one structure `Shape` has the member `member`.
fn model(member: &str) -> String {
    format!(
        r#"{{"metadata": {{"protocol": "json", "jsonVersion": "1.0", "targetPrefix": "Demo"}}, "operations": {{}},
           "shapes": {{"Shape": {{"type": "structure", "members": {{"{member}": {{"shape": "S"}}}}}}, "S": {{"type": "string"}}}}}}"#
    )
}

fn write(dir: &Path, file: &str, text: &str) {
    std::fs::create_dir_all(dir).unwrap();
    std::fs::write(dir.join(file), text).unwrap();
}

fn members(model: &awsval::schema::Model) -> Vec<String> {
    model.shape("Shape").unwrap().members().map(|m| m.name().as_str().to_owned()).collect()
}

#[test]
fn the_newest_version_of_any_folder_is_read_from_the_first_folder_that_has_it() {
    let (first, second) = (fresh("first"), fresh("second"));
    write(&first.join("demo/2020-01-01"), "service-2.json", &model("FirstOld"));
    write(&second.join("demo/2020-01-01"), "service-2.json", &model("SecondOld"));
    write(&second.join("demo/2021-06-01"), "service-2.json", &model("SecondNew"));
    // A version folder without a model does not count.
    std::fs::create_dir_all(first.join("demo/2030-01-01")).unwrap();
    let data = DataPath::new().with_folder(&first).with_folder(&second);
    assert_eq!(members(&data.load("demo", None).unwrap()), ["SecondNew"]);
    assert_eq!(members(&data.load("demo", Some("2020-01-01")).unwrap()), ["FirstOld"]);
    let services = data.services();
    assert_eq!(services.len(), 1);
    assert_eq!(services[0].name, "demo");
    assert_eq!(services[0].api_versions, ["2020-01-01", "2021-06-01"]);
}

#[test]
fn the_extras_of_every_folder_are_merged_in_folder_order() {
    let (first, second) = (fresh("extras-first"), fresh("extras-second"));
    write(&second.join("demo/2020-01-01"), "service-2.json", &model("A"));
    let extras = |member: &str, service_id: &str| {
        format!(
            r#"{{"version": 1.0, "merge": {{"metadata": {{"serviceId": "{service_id}"}},
                "shapes": {{"Shape": {{"members": {{"{member}": {{"shape": "S"}}}}}}}}}}}}"#
        )
    };
    write(&first.join("demo/2020-01-01"), "service-2.sdk-extras.json", &extras("B", "First"));
    write(&second.join("demo/2020-01-01"), "service-2.sdk-extras.json", &extras("C", "Second"));
    let data = DataPath::new().with_folder(&first).with_folder(&second);
    let found = data.find("demo", None).unwrap();
    assert_eq!(found.path, second.join("demo/2020-01-01/service-2.json"));
    assert_eq!(found.extras.len(), 2);
    let model = found.load().unwrap();
    assert_eq!(members(&model), ["A", "B", "C"]);
    assert_eq!(&*model.service().name, "Second", "the later folder's extras are laid over the earlier's");
}

#[test]
fn gzipped_models_are_read() {
    let dir = fresh("gz");
    let version = dir.join("demo/2020-01-01");
    std::fs::create_dir_all(&version).unwrap();
    let mut gz = flate2::write::GzEncoder::new(Vec::new(), flate2::Compression::default());
    gz.write_all(model("Zipped").as_bytes()).unwrap();
    std::fs::write(version.join("service-2.json.gz"), gz.finish().unwrap()).unwrap();
    let data = DataPath::new().with_folder(&dir);
    assert_eq!(members(&data.load("demo", None).unwrap()), ["Zipped"]);
    assert_eq!(data.find("demo", None).unwrap().protocols().unwrap(), ["json"]);
    assert_eq!(members(&botocore::load_file(&version.join("service-2.json.gz")).unwrap()), ["Zipped"]);
}

#[test]
fn a_model_file_takes_the_extras_beside_it_and_names_itself_in_errors() {
    let dir = fresh("file");
    write(&dir, "service-2.json", &model("A"));
    write(&dir, "service-2.sdk-extras.json", r#"{"merge": {"shapes": {"S": {"type": "timestamp"}}}}"#);
    let model = botocore::load_file(&dir.join("service-2.json")).unwrap();
    assert_eq!(model.shape("S").unwrap().shape_type().as_str(), "timestamp");
    write(&dir, "broken.json", "{\"metadata\": ");
    let error = botocore::load_file(&dir.join("broken.json")).unwrap_err();
    assert_eq!(
        error.to_string(),
        format!(
            "syntax error: {}: invalid botocore model: EOF while parsing a value at line 1 column 13 (byte 12)",
            dir.join("broken.json").display()
        )
    );
    let error = botocore::load_file(&dir.join("absent.json")).unwrap_err();
    assert!(error.to_string().starts_with("I/O error: "), "{error}");
}

#[test]
fn what_is_not_there_is_named_with_the_folders_searched() {
    let dir = fresh("missing");
    write(&dir.join("demo/2020-01-01"), "service-2.json", &model("A"));
    let data = DataPath::new().with_folder(&dir);
    assert_eq!(
        data.load("other", None).unwrap_err().to_string(),
        format!("model error: no botocore model of service `other` in {}", dir.display())
    );
    assert_eq!(
        data.load("demo", Some("2019-01-01")).unwrap_err().to_string(),
        format!(
            "model error: no botocore model of service `demo` at API version 2019-01-01 in {} (it has 2020-01-01)",
            dir.display()
        )
    );
    assert_eq!(
        DataPath::new().load("demo", None).unwrap_err().to_string(),
        "model error: no botocore model of service `demo` in no folder (the data path is empty)"
    );
}

#[test]
fn a_version_of_a_service_that_is_nowhere_names_no_versions() {
    let dir = fresh("nowhere");
    let data = DataPath::new().with_folder(&dir);
    assert_eq!(
        data.load("demo", Some("2020-01-01")).unwrap_err().to_string(),
        format!("model error: no botocore model of service `demo` in {}", dir.display())
    );
    assert_eq!(
        data.load("../etc", None).unwrap_err().to_string(),
        "model error: `../etc` is not a service name or API version"
    );
}
