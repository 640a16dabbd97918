//! Members that share a wire name (S3's deprecated `Event` beside its flattened `Events`, both
//! `<Event>`): reported by the model, decoded to one defined member, never written twice.

use awsval::json::{self, JsonSettings};
use awsval::model::botocore;
use awsval::schema::Model;
use awsval::xml::{self, XmlSettings};
use awsval::{ErrorKind, List, Structure, Value};
use awsval_conformance::fetch;

fn s3() -> Model {
    let data = fetch::botocore().expect("botocore 1.44.8 can be fetched").join("botocore/data");
    botocore::load(&std::fs::read(data.join("s3/2006-03-01/service-2.json")).unwrap()).unwrap()
}

const SHAPES: [&str; 3] =
    ["CloudFunctionConfiguration", "QueueConfigurationDeprecated", "TopicConfigurationDeprecated"];

#[test]
fn the_model_reports_its_collisions() {
    let model = s3();
    let report: Vec<String> = model.wire_name_collisions().iter().map(ToString::to_string).collect();
    let mut expected = Vec::new();
    for shape in SHAPES {
        // Member order differs between the three shapes; the list is read in either.
        let members = if shape == "TopicConfigurationDeprecated" { "Events and Event" } else { "Event and Events" };
        for format in ["JSON", "XML"] {
            expected.push(format!("{shape}: members {members} are both `Event` in {format} (Events is read)"));
        }
    }
    assert_eq!(report, expected);
}

#[test]
fn the_flattened_list_reads_every_element_in_both_formats() {
    let model = s3();
    let event = |text: &'static str| Value::Enum(text.into());
    let events = Value::List(List::from(vec![event("s3:ObjectCreated:*"), event("s3:ObjectRemoved:*")]));
    for name in SHAPES {
        let shape = model.shape(name).unwrap();
        let xml = b"<C><Id>i</Id><Event>s3:ObjectCreated:*</Event><Event>s3:ObjectRemoved:*</Event></C>";
        let value = xml::decode(xml, shape, &XmlSettings::new()).unwrap();
        assert_eq!(value["Events"], events, "{name}");
        assert_eq!(value.get("Event"), None, "{name}");
        let json = br#"{"Id": "i", "Event": ["s3:ObjectCreated:*", "s3:ObjectRemoved:*"]}"#;
        let value = json::decode(json, shape, &JsonSettings::rest_json()).unwrap();
        assert_eq!(value["Events"], events, "{name}");
        // What is read writes back the same way.
        let written = xml::encode(&value, shape, &XmlSettings::new()).unwrap();
        assert_eq!(xml::decode(&written, shape, &XmlSettings::new()).unwrap(), value, "{name}");
        assert_eq!(
            json::decode(
                &json::encode(&value, shape, &JsonSettings::rest_json()).unwrap(),
                shape,
                &JsonSettings::rest_json()
            )
            .unwrap(),
            value
        );
    }
}

#[test]
fn a_value_setting_both_members_is_refused_by_every_encoder() {
    let model = s3();
    for name in SHAPES {
        let shape = model.shape(name).unwrap();
        let both = Value::from(
            Structure::new()
                .with("Event", "s3:ObjectCreated:*")
                .with("Events", Value::List(List::from(vec![Value::from("s3:ObjectRemoved:*")]))),
        );
        let (first, second) =
            if name == "TopicConfigurationDeprecated" { ("Events", "Event") } else { ("Event", "Events") };
        let message = format!(
            "data error: members {first} and {second} share the wire name Event: a value may set only one of them"
        );
        let errors = [
            xml::encode(&both, shape, &XmlSettings::new()).unwrap_err(),
            json::encode(&both, shape, &JsonSettings::rest_json()).unwrap_err(),
        ];
        for error in errors {
            assert_eq!((error.kind(), error.to_string()), (ErrorKind::Data, message.clone()), "{name}");
        }
        // One of them alone is written.
        let one = Value::from(Structure::new().with("Event", "s3:ObjectCreated:*"));
        assert_eq!(
            xml::encode(&one, shape, &XmlSettings::new()).unwrap(),
            format!("<{name}><Event>s3:ObjectCreated:*</Event></{name}>").as_bytes()
        );
    }
}
