//! Misuse of the derives fails to compile with a clear message (golden files in `tests/ui`).
//!
//! Regenerate the `.stderr` files after an intended change with `TRYBUILD=overwrite`.

#[test]
fn misuse_is_a_clear_compile_error() {
    trybuild::TestCases::new().compile_fail("tests/ui/*.rs");
}
