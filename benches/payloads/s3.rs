//! An S3 `ListObjectsV2` response (restXml): 1000 `Contents`, some keys escaped.

use awsval::xml::XmlSettings;
use awsval::{FromValue, Shape, Timestamp, ToValue};
use serde::{Deserialize, Serialize};

use super::Rng;
use super::leaf::DateTime;

/// `ListObjectsV2Output`, S3's unwrapped `ListBucketResult`.
#[derive(Shape, Serialize, Deserialize, Clone, PartialEq)]
#[awsval(xml_name = "ListBucketResult", xml_namespace = "http://s3.amazonaws.com/doc/2006-03-01/")]
#[serde(rename = "ListBucketResult", rename_all = "PascalCase")]
pub struct ListObjectsV2Output {
    pub is_truncated: Option<bool>,
    #[awsval(xml_flattened)]
    pub contents: Vec<Object>,
    pub name: Option<String>,
    pub prefix: Option<String>,
    pub max_keys: Option<i32>,
    pub key_count: Option<i32>,
    pub continuation_token: Option<String>,
    pub next_continuation_token: Option<String>,
}

/// `Object`.
#[derive(Shape, Serialize, Deserialize, Clone, PartialEq)]
#[serde(rename_all = "PascalCase")]
pub struct Object {
    pub key: String,
    pub last_modified: DateTime,
    #[awsval(name = "ETag")]
    #[serde(rename = "ETag")]
    pub e_tag: String,
    #[awsval(xml_flattened)]
    pub checksum_algorithm: Vec<String>,
    pub size: i64,
    pub storage_class: String,
    pub checksum_type: Option<String>,
    pub owner: Option<Owner>,
    pub restore_status: Option<RestoreStatus>,
}

/// `RestoreStatus`.
#[derive(Shape, Serialize, Deserialize, Clone, PartialEq)]
#[serde(rename_all = "PascalCase")]
pub struct RestoreStatus {
    pub is_restore_in_progress: Option<bool>,
    pub restore_expiry_date: Option<DateTime>,
}

/// `Owner`.
#[derive(Shape, Serialize, Deserialize, Clone, PartialEq)]
#[serde(rename_all = "PascalCase")]
pub struct Owner {
    pub display_name: Option<String>,
    #[awsval(name = "ID")]
    #[serde(rename = "ID")]
    pub id: Option<String>,
}

/// The wire settings of the payload.
pub fn settings() -> XmlSettings {
    XmlSettings::default()
}

/// A response listing `objects` objects.
pub fn response(objects: usize) -> ListObjectsV2Output {
    let mut rng = Rng::new(3);
    ListObjectsV2Output {
        is_truncated: Some(true),
        contents: (0..objects).map(|index| object(&mut rng, index)).collect(),
        name: Some("example-bucket".into()),
        prefix: Some("logs/".into()),
        max_keys: Some(1000),
        key_count: i32::try_from(objects).ok(),
        continuation_token: Some(rng.word(40)),
        next_continuation_token: Some(rng.word(40)),
    }
}

/// The "1000 Contents".
pub const OBJECTS: usize = 1_000;

fn object(rng: &mut Rng, index: usize) -> Object {
    // One key in eight needs escaping in XML.
    let key = if index % 8 == 0 {
        format!("logs/{}/<draft> & \"notes\" {index}.txt", rng.word(24))
    } else {
        format!("logs/year=2026/month=11/{}/{}/part-{index:05}-{}.json.gz", rng.word(12), rng.word(32), rng.word(60))
    };
    Object {
        key,
        last_modified: DateTime(
            Timestamp::new(1_700_000_000 + rng.below(30_000_000) as i64, (rng.below(1000) * 1_000_000) as u32)
                .expect("in range"),
        ),
        e_tag: format!("\"{}\"", rng.word(32)),
        checksum_algorithm: vec!["CRC32".into()],
        size: rng.below(50_000_000) as i64,
        storage_class: "STANDARD".into(),
        checksum_type: Some("FULL_OBJECT".into()),
        owner: Some(Owner { display_name: Some(rng.word(30)), id: Some(rng.word(64)) }),
        restore_status: Some(RestoreStatus {
            is_restore_in_progress: Some(false),
            restore_expiry_date: Timestamp::new(1_800_000_000 + rng.below(1_000_000) as i64, 0).ok().map(DateTime),
        }),
    }
}

/// The response as awsval writes it.
pub fn bytes(typed: &ListObjectsV2Output) -> Vec<u8> {
    awsval::xml::encode(&typed.to_value(), ListObjectsV2Output::schema(), &settings()).expect("encodes")
}

/// Reads the response with awsval, into the typed form.
pub fn decode_typed(bytes: &[u8]) -> ListObjectsV2Output {
    let value = awsval::xml::decode(bytes, ListObjectsV2Output::schema(), &settings()).expect("decodes");
    ListObjectsV2Output::from_value(value).expect("fits")
}
