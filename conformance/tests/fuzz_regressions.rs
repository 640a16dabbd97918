//! Every input a fuzz target ever crashed on, replayed through the same check
//! (`fuzz/regressions/<target>/`; see `awsval_conformance::fuzz_checks`).

use std::path::Path;

use awsval_conformance::fuzz_checks;

#[test]
fn saved_fuzz_crashes_stay_fixed() {
    let root = Path::new(env!("CARGO_MANIFEST_DIR")).join("../fuzz/regressions");
    type Check = fn(&[u8]);
    let checks: [(&str, Check); 14] = [
        ("json", fuzz_checks::json),
        ("xml", fuzz_checks::xml),
        ("query", fuzz_checks::query),
        ("request", fuzz_checks::request),
        ("http1", fuzz_checks::http1),
        ("cbor", fuzz_checks::cbor),
        ("event_stream", fuzz_checks::event_stream),
        ("exchange", fuzz_checks::exchange),
        ("timestamp", fuzz_checks::timestamp),
        ("base64", fuzz_checks::base64),
        ("model", fuzz_checks::model_file),
        ("smithy_model", fuzz_checks::smithy_model_file),
        ("round_trip", fuzz_checks::round_trip),
        ("typed", fuzz_checks::typed),
    ];
    let mut replayed = 0;
    for (target, check) in checks {
        let Ok(entries) = std::fs::read_dir(root.join(target)) else { continue };
        for entry in entries {
            check(&std::fs::read(entry.unwrap().path()).unwrap());
            replayed += 1;
        }
    }
    assert!(replayed >= 1, "no saved crash found under {}", root.display());
}

#[test]
fn the_seeds_pass_every_check() {
    let root = Path::new(env!("CARGO_MANIFEST_DIR")).join("../fuzz/seeds");
    for entry in std::fs::read_dir(root.join("json")).unwrap() {
        fuzz_checks::json(&std::fs::read(entry.unwrap().path()).unwrap());
    }
    for entry in std::fs::read_dir(root.join("xml")).unwrap() {
        fuzz_checks::xml(&std::fs::read(entry.unwrap().path()).unwrap());
    }
    type Check = fn(&[u8]);
    let checks: [(&str, Check); 5] = [
        ("http1", fuzz_checks::http1),
        ("exchange", fuzz_checks::exchange),
        ("cbor", fuzz_checks::cbor),
        ("event_stream", fuzz_checks::event_stream),
        ("typed", fuzz_checks::typed),
    ];
    for (target, check) in checks {
        for entry in std::fs::read_dir(root.join(target)).unwrap() {
            check(&std::fs::read(entry.unwrap().path()).unwrap());
        }
    }
    // The request seeds are requests every protocol's reader accepts.
    for entry in std::fs::read_dir(root.join("request")).unwrap() {
        let seed = std::fs::read(entry.unwrap().path()).unwrap();
        fuzz_checks::request(&seed);
        assert!(fuzz_checks::request_parses(&seed), "seed {} is read", String::from_utf8_lossy(&seed[1..]));
    }
}
