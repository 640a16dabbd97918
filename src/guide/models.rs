//! # From a botocore or Smithy model at run time
//!
//! A proxy, a recorder or a command-line tool knows its shapes only at run time. It loads a
//! model and works with [`Value`](crate::Value)s.
//!
//! ## Finding a model by service name
//!
//! botocore ships every service's model as `SERVICE/API-VERSION/service-2.json`.
//! [`DataPath`](crate::model::botocore::DataPath) finds them as botocore's loader does: the
//! folders of `$AWS_DATA_PATH`, then `~/.aws/models`, then any folder you add (the `awsval`
//! command adds the botocore releases `awsval models fetch` fetched). It takes the newest API
//! version unless asked for one, and merges the `service-2.sdk-extras.json` corrections
//! botocore merges (S3's `Expires` is a timestamp only with them).
//!
//! ```no_run
//! use awsval::model::botocore::DataPath;
//!
//! let data = DataPath::from_env().with_folder("/usr/lib/python3/dist-packages/botocore/data");
//! for service in data.services().iter().take(3) {
//!     println!("{} {:?}", service.name, service.api_versions);
//! }
//! let s3 = data.load("s3", None)?;
//! let list = s3.operation("ListObjectsV2").expect("S3 has it");
//! # let _ = list;
//! # Ok::<(), awsval::Error>(())
//! ```
//!
//! A model file of your own loads with [`botocore::load_file`](crate::model::botocore::load_file)
//! (extras beside it merged) or, from bytes, [`botocore::load`](crate::model::botocore::load).
//!
//! ## Reading and writing by operation
//!
//! ```
//! use awsval::model::botocore;
//! use awsval::protocol::{self, Endpoint, HttpResponse, Protocol, RequestOptions};
//! use awsval::{Structure, Value};
//!
//! let model = botocore::load(br#"{
//!   "metadata": {"protocol": "json", "jsonVersion": "1.0", "targetPrefix": "Jobs"},
//!   "operations": {"Get": {"name": "Get", "input": {"shape": "Id"}, "output": {"shape": "Job"}}},
//!   "shapes": {"Id": {"type": "structure", "required": ["Id"], "members": {"Id": {"shape": "S"}}},
//!              "Job": {"type": "structure", "members": {"Id": {"shape": "S"}, "Done": {"shape": "B"}}},
//!              "S": {"type": "string"}, "B": {"type": "boolean"}}
//! }"#)?;
//! let protocol = Protocol::of_service(model.service())?; // botocore's choice among its protocols
//! let get = model.operation("Get").expect("declared");
//!
//! let input = Value::from(Structure::new().with("Id", "j-1"));
//! let request = protocol::request(protocol, get, &input, &Endpoint::default(), &RequestOptions::default())?;
//! assert_eq!(request.header("X-Amz-Target"), Some("Jobs.Get"));
//!
//! let reply = HttpResponse::new(200, r#"{"Id": "j-1", "Done": true}"#);
//! let output = protocol::response(protocol, get, &reply)?.expect("a success");
//! assert_eq!(output["Done"].as_bool(), Some(true));
//! # Ok::<(), awsval::Error>(())
//! ```
//!
//! ## Smithy models
//!
//! AWS publishes every service as a Smithy model; its JSON AST loads with
//! [`smithy::load`](crate::model::smithy::load) (one service) or
//! [`smithy::load_service`](crate::model::smithy::load_service) (several files merged, one
//! service picked). The result is the same [`Model`](crate::schema::Model), with what only
//! Smithy says (`@default`, enum shapes, member-level constraints) kept:
//!
//! ```
//! let ast = br#"{"smithy": "2.0", "shapes": {
//!   "example#Weather": {"type": "service", "version": "2024-01-01",
//!     "operations": [{"target": "example#GetCity"}], "traits": {"aws.protocols#awsJson1_0": {}}},
//!   "example#GetCity": {"type": "operation", "input": {"target": "example#GetCityInput"}},
//!   "example#GetCityInput": {"type": "structure", "members": {
//!     "cityId": {"target": "smithy.api#String", "traits": {"smithy.api#required": {}}},
//!     "days": {"target": "smithy.api#Integer", "traits": {"smithy.api#default": 3}}}}
//! }}"#;
//! let model = awsval::model::smithy::load(ast)?;
//! let input = model.operation("GetCity").and_then(|op| op.input()).expect("declared");
//! assert_eq!(input.member("days").and_then(|m| m.traits().default.clone()), Some(awsval::Value::Integer(3)));
//! # Ok::<(), awsval::Error>(())
//! ```
//!
//! ## Checking a value against its constraints
//!
//! [`validate`](crate::validate) reports every violation at once, with its path and
//! Smithy's message:
//!
//! ```
//! use awsval::schema::{ModelBuilder, ShapeType};
//! use awsval::validate::{self, Checks};
//! use awsval::{Structure, Value};
//!
//! let mut builder = ModelBuilder::new();
//! let name = builder.add("Name", ShapeType::String).id();
//! builder.shape(name).traits_mut().max = Some(8.0); // @length(max: 8)
//! let shape = builder.add("Job", ShapeType::Structure).member("Name", name).required().id();
//! let model = builder.finish()?;
//!
//! let job = Value::from(Structure::new().with("Name", "far too long"));
//! let violations = validate::validate(&job, model.get(shape), Checks::All).unwrap_err();
//! assert_eq!(
//!     violations.to_string(),
//!     "1 validation error detected. Value with length 12 at '/Name' failed to satisfy constraint: Member must have length less than or equal to 8"
//! );
//! # Ok::<(), awsval::Error>(())
//! ```
