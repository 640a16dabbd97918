//! See `awsval_conformance::fuzz_checks::typed` for what this target asserts.
#![no_main]

libfuzzer_sys::fuzz_target!(|data: &[u8]| awsval_conformance::fuzz_checks::typed(data));
