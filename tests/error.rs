//! `Error`: one line with kind, message, path and offset; small; never the data.

use awsval::{Error, ErrorKind, PathSegment};

#[test]
fn display_has_kind_message_path_and_offset() {
    let error = Error::data("expected list, found string")
        .in_member("Files")
        .at_index(2)
        .in_member("FileGroups")
        .at_index(0)
        .in_member("AnonymousUsers")
        .in_member("Result")
        .at_offset(1234);
    assert_eq!(
        error.to_string(),
        "data error: expected list, found string at Result.AnonymousUsers[0].FileGroups[2].Files (byte 1234)"
    );
    let segments: Vec<&PathSegment> = error.path().segments().collect();
    assert_eq!(segments[0], &PathSegment::Member("Result".into()));
    assert_eq!(segments[2], &PathSegment::Index(0));
    assert_eq!(error.message(), "expected list, found string");
}

#[test]
fn each_part_is_optional() {
    assert_eq!(Error::syntax("expected ','", 7).to_string(), "syntax error: expected ',' (byte 7)");
    assert_eq!(Error::eof("unclosed object", 9).kind(), ErrorKind::Eof);
    assert_eq!(Error::eof("unclosed object", 9).to_string(), "end of input error: unclosed object (byte 9)");
    assert_eq!(Error::model("no such shape").to_string(), "model error: no such shape");
    assert_eq!(Error::limit("too deep").at_index(3).to_string(), "limit error: too deep at [3]");
    assert_eq!(Error::data("x").at_key("a\"b").to_string(), r#"data error: x at ["a\"b"]"#);
}

#[test]
fn the_innermost_offset_wins() {
    let error = Error::syntax("bad", 10).at_offset(99);
    assert_eq!(error.offset(), Some(10));
}

#[test]
fn redacting_keys_hides_map_keys_below_a_sensitive_member() {
    let error = Error::data("bad").at_key("secret-key").in_member("Secrets").redact_keys().in_member("Outer");
    assert_eq!(error.to_string(), r#"data error: bad at Outer.Secrets["*** Sensitive Data Redacted ***"]"#);
}

#[test]
fn io_errors_keep_their_source() {
    let error = Error::from(std::io::Error::new(std::io::ErrorKind::NotFound, "gone"));
    assert_eq!(error.kind(), ErrorKind::Io);
    assert_eq!(error.to_string(), "I/O error: gone");
    assert!(std::error::Error::source(&error).is_some());
}

#[test]
fn the_error_is_one_pointer() {
    assert_eq!(std::mem::size_of::<Error>(), std::mem::size_of::<usize>());
    assert_eq!(std::mem::size_of::<awsval::Result<()>>(), std::mem::size_of::<usize>());
}

#[test]
fn debug_shows_the_parts() {
    let error = Error::data("bad").in_member("A").at_offset(3);
    assert_eq!(format!("{error:?}"), r#"Error { kind: Data, message: "bad", path: Path(A), offset: Some(3) }"#);
}
