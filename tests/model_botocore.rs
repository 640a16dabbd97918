//! Loading botocore `service-2.json` models into the schema.

use awsval::model::botocore;
use awsval::schema::{Fault, HttpBinding, ShapeType};
use awsval::{ErrorKind, TimestampFormat, Value};

const MODEL: &str = r#"{
  "version": "2.0",
  "metadata": {
    "apiVersion": "2020-01-01", "protocol": "rest-xml", "protocols": ["rest-xml"], "serviceId": "Demo",
    "jsonVersion": "1.1", "targetPrefix": "Demo_20200101", "xmlNamespace": "https://demo/doc/",
    "awsQueryCompatible": {}, "endpointPrefix": "demo", "signingName": "demo-sign"
  },
  "operations": {
    "PutThing": {
      "name": "PutThing",
      "http": {"method": "PUT", "requestUri": "/things/{Name+}?x-id=Put", "responseCode": 201},
      "input": {"shape": "PutThingRequest", "locationName": "PutThingRequest"},
      "output": {"shape": "PutThingOutput", "resultWrapper": "PutThingResult"},
      "errors": [{"shape": "NotFound"}, {"shape": "Broken"}],
      "endpoint": {"hostPrefix": "{Account}."},
      "requestcompression": {"encodings": ["gzip"]},
      "httpChecksumRequired": true,
      "idempotent": true
    }
  },
  "shapes": {
    "PutThingRequest": {
      "type": "structure",
      "required": ["Name"],
      "payload": "Body",
      "members": {
        "Name": {"shape": "Str", "location": "uri", "locationName": "Name"},
        "Account": {"shape": "Str", "hostLabel": true, "location": "header", "locationName": "x-account"},
        "Meta": {"shape": "StrMap", "location": "headers", "locationName": "x-meta-"},
        "Query": {"shape": "Str", "location": "querystring", "locationName": "q"},
        "Params": {"shape": "StrMap", "location": "querystring"},
        "Token": {"shape": "Str", "idempotencyToken": true},
        "Policy": {"shape": "Str", "location": "header", "locationName": "x-policy", "jsonvalue": true},
        "Body": {"shape": "Data"}
      }
    },
    "PutThingOutput": {
      "type": "structure",
      "locationName": "Thing",
      "xmlNamespace": {"uri": "https://demo/", "prefix": "d"},
      "members": {
        "Items": {"shape": "Items", "locationName": "Item"},
        "Attr": {"shape": "Str", "xmlAttribute": true, "locationName": "a:attr", "xmlNamespace": {"uri": "https://a/", "prefix": "a"}},
        "Ec2": {"shape": "Str", "queryName": "Ec2Name", "locationName": "ec2Name"},
        "When": {"shape": "Stamp"},
        "Status": {"shape": "Int", "location": "statusCode"},
        "Choice": {"shape": "Choice"},
        "Doc": {"shape": "Doc"},
        "Secret": {"shape": "Secret"},
        "Kind": {"shape": "Kind"},
        "Big": {"shape": "Big"},
        "Events": {"shape": "Events"}
      }
    },
    "Items": {"type": "list", "member": {"shape": "Str", "locationName": "entry"}, "flattened": true, "min": 1, "max": 10},
    "StrMap": {"type": "map", "key": {"shape": "Str", "locationName": "k"}, "value": {"shape": "Str", "locationName": "v"}, "sparse": true},
    "Str": {"type": "string", "pattern": "^[a-z]+$", "min": 1},
    "Secret": {"type": "string", "sensitive": true},
    "Kind": {"type": "string", "enum": ["A", "B"]},
    "Int": {"type": "integer", "box": true},
    "Big": {"type": "bigdecimal"},
    "Stamp": {"type": "timestamp", "timestampFormat": "unixTimestamp"},
    "Data": {"type": "blob", "streaming": true},
    "Choice": {"type": "structure", "union": true, "members": {"A": {"shape": "Str"}}},
    "Doc": {"type": "structure", "document": true, "members": {}},
    "Events": {"type": "structure", "eventstream": true, "members": {"Tick": {"shape": "Tick"}}},
    "Tick": {"type": "structure", "event": true, "members": {"Payload": {"shape": "Data", "eventpayload": true}}},
    "NotFound": {"type": "structure", "members": {}, "exception": true, "error": {"code": "NoSuchThing", "httpStatusCode": 404, "senderFault": true}},
    "Broken": {"type": "structure", "members": {}, "exception": true, "fault": true}
  }
}"#;

#[test]
fn loads_metadata_operations_and_every_trait() {
    let model = botocore::load(MODEL.as_bytes()).unwrap();
    let service = model.service();
    assert_eq!(&*service.name, "Demo");
    assert_eq!(service.protocols, vec!["rest-xml".into()]);
    assert_eq!(service.api_version.as_deref(), Some("2020-01-01"));
    assert_eq!(service.target_prefix.as_deref(), Some("Demo_20200101"));
    assert_eq!(service.xml_namespace.as_deref(), Some("https://demo/doc/"));
    assert!(service.aws_query_compatible);
    assert_eq!(service.signing_name.as_deref(), Some("demo-sign"));

    let op = model.operation("PutThing").unwrap();
    let data = op.data();
    assert_eq!((&*data.http.method, &*data.http.uri, data.http.code), ("PUT", "/things/{Name+}?x-id=Put", Some(201)));
    assert_eq!(data.output_wrapper.as_deref(), Some("PutThingResult"));
    assert_eq!(data.host_prefix.as_deref(), Some("{Account}."));
    assert_eq!(data.request_compression, vec!["gzip".into()]);
    assert!(data.http_checksum_required && data.idempotent);
    assert_eq!(op.errors().map(|e| e.error_code()).collect::<Vec<_>>(), [Some("NoSuchThing"), Some("Broken")]);
    let errors: Vec<_> = op.errors().map(|e| e.error().unwrap().clone()).collect();
    assert_eq!((errors[0].fault, errors[0].http_status), (Fault::Client, Some(404)));
    assert_eq!(errors[1].fault, Fault::Server);

    let input = op.input().unwrap();
    let member = |name: &str| input.member(name).unwrap();
    assert_eq!(member("Name").http(), Some(&HttpBinding::Label("Name".into())));
    assert!(member("Name").is_required());
    assert_eq!(member("Account").http(), Some(&HttpBinding::Header("x-account".into())));
    assert!(member("Account").traits().host_label);
    assert_eq!(member("Meta").http(), Some(&HttpBinding::PrefixHeaders("x-meta-".into())));
    assert_eq!(member("Query").http(), Some(&HttpBinding::Query("q".into())));
    assert_eq!(member("Params").http(), Some(&HttpBinding::QueryParams));
    assert!(member("Token").traits().idempotency_token);
    assert!(member("Policy").traits().json_value);
    assert_eq!(member("Body").http(), Some(&HttpBinding::Payload));
    assert!(member("Body").target().traits().streaming);
    assert_eq!(member("Account").xml_name(), "Account", "a header's locationName is not a body name");

    let output = op.output().unwrap();
    let member = |name: &str| output.member(name).unwrap();
    assert_eq!(output.traits().xml_name.as_deref(), Some("Thing"));
    assert_eq!(output.traits().xml_namespace.as_ref().and_then(|n| n.prefix.as_deref()), Some("d"));
    assert_eq!((member("Items").xml_name(), member("Items").json_name()), ("Item", "Item"));
    assert!(member("Items").traits().xml_flattened, "a flattened list flattens the members that hold it");
    let items = member("Items").target();
    assert_eq!(items.list_member().unwrap().xml_name(), "entry");
    assert_eq!((items.traits().min, items.traits().max), (Some(1.0), Some(10.0)));
    assert!(member("Attr").traits().xml_attribute);
    assert_eq!(member("Attr").traits().xml_namespace.as_ref().map(|n| &*n.uri), Some("https://a/"));
    assert_eq!(member("Ec2").traits().ec2_query_name.as_deref(), Some("Ec2Name"));
    assert_eq!(member("When").timestamp_format(), Some(TimestampFormat::EpochSeconds));
    assert_eq!(member("Status").http(), Some(&HttpBinding::ResponseCode));
    assert_eq!(member("Choice").target().shape_type(), ShapeType::Union);
    assert_eq!(member("Doc").target().shape_type(), ShapeType::Document);
    assert!(member("Secret").is_sensitive());
    assert_eq!(member("Kind").target().enum_value("B"), Some("B"));
    assert_eq!(member("Big").target().shape_type(), ShapeType::BigDecimal);
    let events = member("Events").target();
    assert!(events.traits().event_stream);
    assert_eq!(events.shape_type(), ShapeType::Union);
    let tick = events.member("Tick").unwrap().target();
    assert_eq!(tick.member("Payload").unwrap().http(), Some(&HttpBinding::Payload));
    let map = input.member("Meta").unwrap().target();
    assert!(map.is_sparse());
    assert_eq!((map.map_key().unwrap().xml_name(), map.map_value().unwrap().xml_name()), ("k", "v"));
    assert_eq!(model.shape("Str").unwrap().traits().pattern.as_deref(), Some("^[a-z]+$"));
    assert_eq!(model.error_shapes().count(), 2);
    let _ = Value::Null;
}

#[test]
fn reports_bad_models_precisely() {
    let error = botocore::load(b"{\"metadata\": {}, \"shapes\": {\n  \"A\": {\"type\": \"string\",}\n}}").unwrap_err();
    assert_eq!(error.kind(), ErrorKind::Syntax);
    assert_eq!(error.offset(), Some(54), "the `}}` after the trailing comma");
    let cases = [
        (r#"{"metadata":{},"shapes":{"A":{"type":"widget"}}}"#, "model error: shape A: unknown type `widget`"),
        (
            r#"{"metadata":{},"shapes":{"A":{"type":"structure","members":{"B":{"shape":"Missing"}}}}}"#,
            "model error: member A.B targets unknown shape Missing",
        ),
        (
            r#"{"metadata":{},"operations":{"Op":{"name":"Op","input":{"shape":"Nope"}}},"shapes":{}}"#,
            "model error: operation Op refers to unknown shape Nope",
        ),
        (
            r#"{"metadata":{},"shapes":{"T":{"type":"timestamp","timestampFormat":"unix"}}}"#,
            "model error: T: unknown timestampFormat `unix`",
        ),
        (
            r#"{"metadata":{},"shapes":{"A":{"type":"structure","members":{"B":{"shape":"A","location":"cookie"}}}}}"#,
            "model error: member A.B: unknown location `cookie`",
        ),
        (
            r#"{"metadata":{},"shapes":{"L":{"type":"list"}}}"#,
            "model error: shape L: a list has exactly one member, `member`",
        ),
    ];
    for (json, message) in cases {
        assert_eq!(botocore::load(json.as_bytes()).unwrap_err().to_string(), message, "{json}");
    }
}

#[test]
fn serialization_keys_on_references_and_target_shapes_are_merged_as_botocore_merges_them() {
    use awsval::protocol::{self, Endpoint, HttpResponse, Protocol, RequestOptions};
    use awsval::schema::HttpBinding;
    use awsval::{Map, Structure, Value};

    let model = botocore::load(
        br#"{"metadata": {"protocol": "rest-xml"}, "operations": {
          "Put": {"name": "Put", "http": {"method": "PUT", "requestUri": "/"}, "input": {"shape": "In", "payload": "Data"},
                  "output": {"shape": "Out"}}},
          "shapes": {
            "In": {"type": "structure", "members": {"Data": {"shape": "B"}, "Meta": {"shape": "MetaMap"}}},
            "Out": {"type": "structure", "members": {"Tag": {"shape": "TagHeader"}, "Char": {"shape": "C"},
                                                    "Renamed": {"shape": "TagHeader", "locationName": "x-other"}}},
            "MetaMap": {"type": "map", "location": "headers", "locationName": "x-meta-", "key": {"shape": "S"}, "value": {"shape": "S"}},
            "TagHeader": {"type": "string", "location": "header"},
            "B": {"type": "blob"}, "S": {"type": "string"}, "C": {"type": "character"}}}"#,
    )
    .unwrap();
    let put = model.operation("Put").unwrap();
    let input = put.input().unwrap();
    assert_eq!(input.member("Data").unwrap().http(), Some(&HttpBinding::Payload), "payload on the input reference");
    assert_eq!(input.member("Meta").unwrap().http(), Some(&HttpBinding::PrefixHeaders("x-meta-".into())));
    let output = put.output().unwrap();
    assert_eq!(
        output.member("Tag").unwrap().http(),
        Some(&HttpBinding::Header("Tag".into())),
        "location on the target"
    );
    assert_eq!(output.member("Renamed").unwrap().http(), Some(&HttpBinding::Header("x-other".into())));
    assert_eq!(output.member("Char").unwrap().target().shape_type(), awsval::schema::ShapeType::String);

    let value = Value::from(
        Structure::new()
            .with("Data", awsval::Blob::new(b"raw".to_vec()))
            .with("Meta", Value::Map(Map::new().with("a", "b"))),
    );
    let request =
        protocol::request(Protocol::RestXml, put, &value, &Endpoint::default(), &RequestOptions::default()).unwrap();
    assert_eq!((request.body.as_slice(), request.header("x-meta-a")), (&b"raw"[..], Some("b")));
    let reply = HttpResponse::new(200, "<Out><Char>a</Char></Out>").with_header("Tag", "t").with_header("x-other", "o");
    let read = protocol::response(Protocol::RestXml, put, &reply).unwrap().unwrap();
    assert_eq!(
        (read["Tag"].as_str(), read["Renamed"].as_str(), read["Char"].as_str()),
        (Some("t"), Some("o"), Some("a"))
    );
}
