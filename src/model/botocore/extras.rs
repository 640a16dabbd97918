//! `service-2.sdk-extras.json`: the corrections botocore merges into a service model when it
//! loads one from its data folders (S3's `Expires` as a timestamp, RDS's `SourceRegion`, EKS's
//! service id).

use std::path::{Path, PathBuf};

use crate::error::{Error, Result};

/// Merges an extras document into a parsed `service-2.json` as botocore does: the extras'
/// `merge` object is laid over the model, objects merged key by key at every depth and
/// anything else (strings, numbers, lists) replaced.
///
/// ```
/// use serde_json::json;
///
/// let mut model = json!({"shapes": {"Expires": {"type": "string"}, "Key": {"type": "string"}}});
/// let extras = json!({"version": 1.0, "merge": {"shapes": {"Expires": {"type": "timestamp"}}}});
/// awsval::model::botocore::merge_extras(&mut model, &extras)?;
/// assert_eq!(model, json!({"shapes": {"Expires": {"type": "timestamp"}, "Key": {"type": "string"}}}));
/// # Ok::<(), awsval::Error>(())
/// ```
///
/// Extras without a `merge` object change nothing; a `merge` that is not an object, or a
/// model that is not one, is refused.
pub fn merge_extras(model: &mut serde_json::Value, extras: &serde_json::Value) -> Result<()> {
    let Some(merge) = extras.get("merge") else { return Ok(()) };
    if !model.is_object() || !merge.is_object() {
        return Err(Error::model("sdk extras: the model and the extras' `merge` must both be JSON objects"));
    }
    merge_into(model, merge);
    Ok(())
}

fn merge_into(into: &mut serde_json::Value, from: &serde_json::Value) {
    match (into, from) {
        (serde_json::Value::Object(into), serde_json::Value::Object(from)) => {
            for (key, value) in from {
                match into.get_mut(key) {
                    Some(existing) if existing.is_object() && value.is_object() => merge_into(existing, value),
                    _ => {
                        into.insert(key.clone(), value.clone());
                    }
                }
            }
        }
        (into, from) => *into = from.clone(),
    }
}

/// The extras file that belongs beside a model file: `service-2.json` (or `.json.gz`) has
/// `service-2.sdk-extras.json`, any other `NAME.json` has `NAME.sdk-extras.json`.
pub(super) fn beside(model: &Path) -> Option<PathBuf> {
    let name = model.file_name()?.to_str()?;
    let stem = name.strip_suffix(".json.gz").or_else(|| name.strip_suffix(".json"))?;
    Some(model.with_file_name(format!("{stem}.sdk-extras.json")))
}

#[cfg(test)]
mod tests {
    use super::*;
    use serde_json::json;

    #[test]
    fn objects_merge_at_every_depth_and_the_rest_is_replaced() -> Result<()> {
        let mut model = json!({
            "metadata": {"serviceId": "Old", "protocols": ["query"]},
            "shapes": {"M": {"type": "structure", "members": {"A": {"shape": "S"}}}},
        });
        let extras = json!({"merge": {
            "metadata": {"serviceId": "New", "protocols": ["json"]},
            "shapes": {"M": {"members": {"B": {"shape": "S"}}}},
        }});
        merge_extras(&mut model, &extras)?;
        assert_eq!(
            model,
            json!({
                "metadata": {"serviceId": "New", "protocols": ["json"]},
                "shapes": {"M": {"type": "structure", "members": {"A": {"shape": "S"}, "B": {"shape": "S"}}}},
            })
        );
        Ok(())
    }

    #[test]
    fn extras_without_merge_change_nothing_and_bad_ones_are_refused() -> Result<()> {
        let mut model = json!({"shapes": {}});
        merge_extras(&mut model, &json!({"version": 1.0}))?;
        assert_eq!(model, json!({"shapes": {}}));
        let refused = merge_extras(&mut model, &json!({"merge": [1]})).map_err(|error| error.to_string());
        assert_eq!(
            refused,
            Err("model error: sdk extras: the model and the extras' `merge` must both be JSON objects".to_owned())
        );
        Ok(())
    }

    #[test]
    fn the_extras_file_is_named_after_the_model_file() {
        assert_eq!(
            beside(Path::new("d/s3/2006-03-01/service-2.json")),
            Some(PathBuf::from("d/s3/2006-03-01/service-2.sdk-extras.json"))
        );
        assert_eq!(beside(Path::new("service-2.json.gz")), Some(PathBuf::from("service-2.sdk-extras.json")));
        assert_eq!(beside(Path::new("my-model.json")), Some(PathBuf::from("my-model.sdk-extras.json")));
        assert_eq!(beside(Path::new("model.txt")), None);
    }
}
