//! DynamoDB items as plain JSON objects, and back: what `GetItem` and `Query` return is a map
//! of `AttributeValue` unions (`{"age": {"N": "42"}}`); an application wants `{"age": 42}`.
//!
//! ```text
//! cargo run --example dynamodb_items
//! ```
//!
//! It reads a `Query` response body with DynamoDB's own model (a slice of it, inline), turns
//! each item into a plain JSON object (a `Document`: JSON text by `json::encode_document`, a
//! `serde_json::Value` or any serde type by `Document::deserialize_into`), and turns such an
//! object back into the item a `PutItem` request carries. Numbers keep their digits both ways
//! (DynamoDB's are decimal text of up to 38 digits); binary values are `{"$base64": "..."}`,
//! sets `{"$ss": [...]}`, `{"$ns": [...]}` and `{"$bs": [...]}`, so that every item survives.

use awsval::json::{self, JsonSettings};
use awsval::model::botocore;
use awsval::schema::Model;
use awsval::{Blob, Document, Error, List, Map, Result, Union, Value};

/// The part of DynamoDB's botocore model the example needs.
pub const MODEL: &str = r#"{
  "metadata": {"protocol": "json", "jsonVersion": "1.0", "targetPrefix": "DynamoDB_20120810", "apiVersion": "2012-08-10"},
  "operations": {},
  "shapes": {
    "QueryOutput": {"type": "structure", "members": {"Items": {"shape": "ItemList"}, "Count": {"shape": "Integer"}}},
    "PutItemInput": {"type": "structure", "required": ["TableName", "Item"],
                     "members": {"TableName": {"shape": "String"}, "Item": {"shape": "AttributeMap"}}},
    "ItemList": {"type": "list", "member": {"shape": "AttributeMap"}},
    "AttributeMap": {"type": "map", "key": {"shape": "String"}, "value": {"shape": "AttributeValue"}},
    "AttributeValue": {"type": "structure", "union": true, "members": {
      "S": {"shape": "String"}, "N": {"shape": "String"}, "B": {"shape": "Blob"},
      "SS": {"shape": "Strings"}, "NS": {"shape": "Strings"}, "BS": {"shape": "Blobs"},
      "M": {"shape": "AttributeMap"}, "L": {"shape": "AttributeList"},
      "NULL": {"shape": "Boolean"}, "BOOL": {"shape": "Boolean"}}},
    "AttributeList": {"type": "list", "member": {"shape": "AttributeValue"}},
    "Strings": {"type": "list", "member": {"shape": "String"}},
    "Blobs": {"type": "list", "member": {"shape": "Blob"}},
    "String": {"type": "string"}, "Blob": {"type": "blob"}, "Boolean": {"type": "boolean"},
    "Integer": {"type": "integer"}
  }
}"#;

/// The model.
pub fn model() -> Result<Model> {
    botocore::load(MODEL.as_bytes())
}

/// An item (a `Value::Map` of `AttributeValue` unions) as a plain JSON object: a document
/// (an untyped `Value`), which `json::encode_document` writes as JSON text and
/// `Document::deserialize_into` turns into a `serde_json::Value` or any serde type.
pub fn item_to_json(item: &Value) -> Result<Document> {
    let map = item.as_map().ok_or_else(|| Error::data("an item is a map"))?;
    let mut object = Map::with_capacity(map.len());
    for (name, attribute) in map {
        object.push(name.clone(), attribute_to_json(attribute).map_err(|e| e.at_key(name.as_str()))?);
    }
    Ok(Document::new(object))
}

fn attribute_to_json(attribute: &Value) -> Result<Value> {
    let union = attribute.as_union().ok_or_else(|| Error::data("an attribute value is a union"))?;
    let value = union.value().ok_or_else(|| Error::data(format!("unknown attribute type {}", union.name())))?;
    let tagged = |tag: &str, items: List| Value::Map(Map::new().with(tag, items));
    let base64 = |value: &Value| value.as_blob().map(|blob| Value::from(blob.to_base64()));
    Ok(match union.name() {
        "S" | "BOOL" => value.clone(),
        "N" => number(value.as_str().unwrap_or_default())?,
        "B" => Value::Map(Map::new().with("$base64", base64(value).unwrap_or_default())),
        "NULL" => Value::Null,
        "M" => item_to_json(value)?.into_value(),
        "L" => Value::List(list(value).map(attribute_to_json).collect::<Result<_>>()?),
        "SS" => tagged("$ss", list(value).cloned().collect()),
        "NS" => tagged("$ns", list(value).map(|n| number(n.as_str().unwrap_or_default())).collect::<Result<_>>()?),
        "BS" => tagged("$bs", list(value).filter_map(base64).collect()),
        other => return Err(Error::data(format!("unknown attribute type {other}"))),
    })
}

fn list(value: &Value) -> impl Iterator<Item = &Value> {
    value.as_list().into_iter().flat_map(|items| items.iter())
}

/// DynamoDB's number text (up to 38 digits) as a JSON number, every digit kept: a long, a
/// double when it is exactly one, else a big integer or big decimal holding the text.
fn number(text: &str) -> Result<Value> {
    let number = match json::decode_document(text.as_bytes(), &JsonSettings::plain())? {
        Value::Double(d) if number_text(&Value::Double(d))? != text => Value::BigDecimal(text.to_owned()),
        number @ (Value::Long(_) | Value::Double(_) | Value::BigInteger(_) | Value::BigDecimal(_)) => number,
        _ => return Err(Error::data("an N attribute holds a number")),
    };
    Ok(number)
}

/// A JSON number's text, as DynamoDB takes it.
fn number_text(number: &Value) -> Result<String> {
    match number {
        Value::BigInteger(text) | Value::BigDecimal(text) => Ok(text.clone()),
        other => Ok(String::from_utf8_lossy(&json::encode_document(other, &JsonSettings::plain())?).into_owned()),
    }
}

/// A plain JSON object as an item.
pub fn item_from_json(object: &Value) -> Result<Value> {
    let object = object.as_map().ok_or_else(|| Error::data("an item is a JSON object"))?;
    let mut map = Map::with_capacity(object.len());
    for (name, value) in object {
        map.push(name.clone(), attribute_from_json(value).map_err(|e| e.at_key(name.as_str()))?);
    }
    Ok(Value::Map(map))
}

fn attribute_from_json(json: &Value) -> Result<Value> {
    let union = match json {
        Value::Null => Union::new("NULL", true),
        Value::Boolean(b) => Union::new("BOOL", *b),
        Value::Long(_) | Value::Double(_) | Value::BigInteger(_) | Value::BigDecimal(_) => {
            Union::new("N", number_text(json)?)
        }
        Value::String(s) => Union::new("S", s.as_str()),
        Value::List(items) => Union::new("L", items.iter().map(attribute_from_json).collect::<Result<List>>()?),
        Value::Map(object) => match tagged(object) {
            Some(("$base64", Value::String(text))) => Union::new("B", Blob::from_base64(text.as_bytes())?),
            Some(("$ss", Value::List(items))) => Union::new("SS", items.clone()),
            Some(("$ns", Value::List(items))) => {
                Union::new("NS", items.iter().map(|n| number_text(n).map(Value::from)).collect::<Result<List>>()?)
            }
            Some(("$bs", Value::List(items))) => {
                let blobs = items.iter().map(|j| Blob::from_base64(j.as_str().unwrap_or_default().as_bytes()));
                Union::new("BS", blobs.map(|b| b.map(Value::from)).collect::<Result<List>>()?)
            }
            _ => Union::new("M", item_from_json(json)?),
        },
        other => return Err(Error::data(format!("a {} is not JSON", other.type_name()))),
    };
    Ok(Value::Union(union))
}

/// The one `$`-key of a tagged object (`{"$ss": [...]}`).
fn tagged(object: &Map) -> Option<(&str, &Value)> {
    let (key, value) = object.iter().next()?;
    (object.len() == 1 && key.starts_with('$')).then_some((key.as_str(), value))
}

#[allow(clippy::print_stdout)]
fn main() -> Result<()> {
    let model = model()?;
    let query_output = model.shape("QueryOutput").ok_or_else(|| Error::model("no QueryOutput"))?;
    let body = br#"{"Count": 1, "Items": [{"pk": {"S": "user#1"}, "age": {"N": "42"},
        "balance": {"N": "12345678901234567890.123456789"}, "tags": {"SS": ["a", "b"]}, "avatar": {"B": "aGk="},
        "address": {"M": {"city": {"S": "Lyon"}, "zip": {"NULL": true}}}, "active": {"BOOL": true},
        "scores": {"L": [{"N": "1"}, {"N": "2.5"}]}}]}"#;
    let output = json::decode(body, query_output, &JsonSettings::aws_json())?;
    for item in list(&output["Items"]) {
        let plain = item_to_json(item)?;
        println!("{}", String::from_utf8_lossy(&json::encode_document(&plain, &JsonSettings::plain())?));
        // And back: the item a PutItem request carries.
        let again = item_from_json(&plain)?;
        let put = Value::from(awsval::Structure::new().with("TableName", "users").with("Item", again));
        let put_input = model.shape("PutItemInput").ok_or_else(|| Error::model("no PutItemInput"))?;
        println!("{}", String::from_utf8_lossy(&json::encode(&put, put_input, &JsonSettings::aws_json())?));
    }
    Ok(())
}
