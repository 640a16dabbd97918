//! Differences between an expected and an actual JSON value, each with its path.

use serde_json::Value as Json;

/// Every difference between `expected` and `actual`, as `path: expected X, got Y` lines.
/// Numbers compare numerically; object key order is ignored.
pub fn json_diff(expected: &Json, actual: &Json) -> Vec<String> {
    let mut out = Vec::new();
    diff(expected, actual, &mut String::from("$"), &mut out);
    out
}

fn diff(expected: &Json, actual: &Json, path: &mut String, out: &mut Vec<String>) {
    match (expected, actual) {
        (Json::Object(e), Json::Object(a)) => {
            for (key, value) in e {
                let len = path.len();
                path.push('.');
                path.push_str(key);
                match a.get(key) {
                    Some(actual) => diff(value, actual, path, out),
                    None => out.push(format!("{path}: missing (expected {})", short(value))),
                }
                path.truncate(len);
            }
            for (key, value) in a.iter().filter(|(key, _)| !e.contains_key(*key)) {
                out.push(format!("{path}.{key}: unexpected {}", short(value)));
            }
        }
        (Json::Array(e), Json::Array(a)) => {
            if e.len() != a.len() {
                out.push(format!("{path}: expected {} items, got {}", e.len(), a.len()));
            }
            for (index, (e, a)) in e.iter().zip(a).enumerate() {
                let len = path.len();
                path.push_str(&format!("[{index}]"));
                diff(e, a, path, out);
                path.truncate(len);
            }
        }
        (Json::Number(e), Json::Number(a)) if numbers_equal(e, a) => {}
        (e, a) if e == a => {}
        (e, a) => out.push(format!("{path}: expected {}, got {}", short(e), short(a))),
    }
}

fn numbers_equal(e: &serde_json::Number, a: &serde_json::Number) -> bool {
    match (e.as_i64(), a.as_i64(), e.as_u64(), a.as_u64()) {
        (Some(x), Some(y), ..) => x == y,
        (.., Some(x), Some(y)) => x == y,
        _ => e.as_f64() == a.as_f64(),
    }
}

/// A value for a message, cut to a readable length.
pub(crate) fn short(value: &Json) -> String {
    let text = value.to_string();
    if text.chars().count() > 120 { format!("{}…", text.chars().take(120).collect::<String>()) } else { text }
}
