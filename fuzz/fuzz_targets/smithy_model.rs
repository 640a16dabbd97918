//! See `awsval_conformance::fuzz_checks::smithy_model_file` for what this target asserts.
#![no_main]

libfuzzer_sys::fuzz_target!(|data: &[u8]| awsval_conformance::fuzz_checks::smithy_model_file(data));
