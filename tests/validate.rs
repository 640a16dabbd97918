//! Constraint validation: each trait with Smithy's exact message, the botocore subset, paths
//! and pointers, what is never quoted, and properties: values within the constraints pass,
//! values just outside one fail with exactly that violation.

use awsval::schema::{Model, ModelBuilder, ShapeId, ShapeType};
use awsval::validate::{self, Checks, Constraint, Violations};
use awsval::{Blob, List, Map, Structure, Timestamp, Union, Value};
use proptest::prelude::*;

/// `Input` with one member of each constrained kind.
fn model() -> (Model, ShapeId) {
    let mut b = ModelBuilder::new();
    let name = b.add("Name", ShapeType::String).id();
    b.shape(name).traits_mut().min = Some(2.0);
    b.shape(name).traits_mut().max = Some(4.0);
    let secret = b.add("Secret", ShapeType::String).id();
    b.shape(secret).traits_mut().pattern = Some("^[a-m]+$".into());
    b.shape(secret).traits_mut().sensitive = true;
    let size = b.add("Size", ShapeType::Integer).id();
    b.shape(size).traits_mut().min = Some(2.0);
    b.shape(size).traits_mut().max = Some(8.0);
    let ratio = b.add("Ratio", ShapeType::Float).id();
    b.shape(ratio).traits_mut().min = Some(2.2);
    let data = b.add("Data", ShapeType::Blob).id();
    b.shape(data).traits_mut().max = Some(2.0);
    let color = b.add("Color", ShapeType::Enum).enum_value("RED", "red").enum_value("BLUE", "blue").id();
    let level = b.add("Level", ShapeType::IntEnum).int_enum_value("One", 1).int_enum_value("Two", 2).id();
    let tags = b.list("Tags", name).id();
    b.shape(tags).traits_mut().unique_items = true;
    b.shape(tags).traits_mut().min = Some(1.0);
    let string = b.prelude(ShapeType::String);
    let key = b.add("Key", ShapeType::String).id();
    b.shape(key).traits_mut().sensitive = true;
    b.shape(key).traits_mut().max = Some(3.0);
    let labels = b.map("Labels", key, name).id();
    let when = b.prelude(ShapeType::Timestamp);
    let pick = b.add("Pick", ShapeType::Union).member("Name", name).member("Size", size).id();
    let input = b.declare("Input", ShapeType::Structure);
    b.shape(input)
        .member("Id", string)
        .required()
        .member("Name", name)
        .member("Secret", secret)
        .member("Size", size)
        .member("Ratio", ratio)
        .member("Data", data)
        .member("Color", color)
        .member("Level", level)
        .member("Tags", tags)
        .member("Labels", labels)
        .member("When", when)
        .member("Pick", pick)
        .member("Child", input);
    (b.finish().unwrap(), input)
}

fn check(value: Structure, checks: Checks) -> Result<(), Violations> {
    let (model, input) = model();
    validate::validate(&Value::from(value.with("Id", "x")), model.get(input), checks)
}

/// The violations' messages, or none.
fn messages(value: Structure) -> Vec<String> {
    check(value, Checks::All).err().map(|v| v.into_iter().map(|v| v.message).collect()).unwrap_or_default()
}

#[test]
fn a_valid_value_passes() {
    let value = Structure::new()
        .with("Name", "abc")
        .with("Secret", "abc")
        .with("Size", 8)
        .with("Ratio", Value::Float(2.2))
        .with("Data", Blob::new(vec![1, 2]))
        .with("Color", Value::Enum("red".into()))
        .with("Level", Value::IntEnum(2))
        .with("Tags", List::from(vec![Value::from("ab"), Value::from("cd")]))
        .with("Labels", Map::new().with("k", "vv"))
        .with("When", Timestamp::from_secs(0).unwrap())
        .with("Pick", Union::new("Size", 3))
        .with("Child", Structure::new().with("Id", "y"));
    assert_eq!(check(value, Checks::All), Ok(()));
}

#[test]
fn each_trait_has_smithys_message() {
    let cases: [(Structure, &str); 10] = [
        (
            Structure::new().with("Name", "a"),
            "Value with length 1 at '/Name' failed to satisfy constraint: Member must have length between 2 and 4, inclusive",
        ),
        (
            Structure::new().with("Name", "ééééé"),
            "Value with length 5 at '/Name' failed to satisfy constraint: Member must have length between 2 and 4, inclusive",
        ),
        (
            Structure::new().with("Data", Blob::new("é".repeat(2).into_bytes())),
            "Value with length 4 at '/Data' failed to satisfy constraint: Member must have length less than or equal to 2",
        ),
        (
            Structure::new().with("Size", 9),
            "Value at '/Size' failed to satisfy constraint: Member must be between 2 and 8, inclusive",
        ),
        (
            Structure::new().with("Ratio", Value::Float(2.1)),
            "Value at '/Ratio' failed to satisfy constraint: Member must be greater than or equal to 2.2",
        ),
        (
            Structure::new().with("Secret", "XYZ"),
            "Value at '/Secret' failed to satisfy constraint: Member must satisfy regular expression pattern: ^[a-m]+$",
        ),
        (
            Structure::new().with("Color", Value::Enum("green".into())),
            "Value at '/Color' failed to satisfy constraint: Member must satisfy enum value set: [red, blue]",
        ),
        (
            Structure::new().with("Level", Value::IntEnum(3)),
            "Value at '/Level' failed to satisfy constraint: Member must satisfy enum value set: [1, 2]",
        ),
        (
            Structure::new().with("Tags", List::from(vec![Value::from("ab"), Value::from("ab")])),
            "Value at '/Tags' failed to satisfy constraint: Member must have unique values",
        ),
        (
            Structure::new().with("Child", Structure::new()),
            "Value at '/Child/Id' failed to satisfy constraint: Member must not be null",
        ),
    ];
    for (value, message) in cases {
        assert_eq!(messages(value), [message]);
    }
}

#[test]
fn every_violation_is_found_at_once_with_its_path_and_pointer() {
    let value = Structure::new()
        .with("Name", "toolong")
        .with("Tags", List::from(vec![Value::from("ok"), Value::from("x"), Value::Null]))
        .with("Labels", Map::new().with("long/key", "v"))
        .with("Pick", Union::new("Name", "y"));
    let violations = check(value, Checks::All).unwrap_err();
    let found: Vec<(Constraint, String, String)> =
        violations.iter().map(|v| (v.constraint, v.path.to_string(), v.pointer())).collect();
    assert_eq!(
        found,
        [
            (Constraint::Length, "Name".into(), "/Name".into()),
            (Constraint::Length, "Tags[1]".into(), "/Tags/1".into()),
            (Constraint::Required, "Tags[2]".into(), "/Tags/2".into()),
            // A key breaks its constraints at the map, as Smithy's paths say; a value under a
            // @sensitive key has the key redacted from its path. Neither is quoted.
            (Constraint::Length, "Labels".into(), "/Labels".into()),
            (
                Constraint::Length,
                r#"Labels["*** Sensitive Data Redacted ***"]"#.into(),
                "/Labels/*** Sensitive Data Redacted ***".into()
            ),
            (Constraint::Length, "Pick.Name".into(), "/Pick/Name".into()),
        ]
    );
    assert!(violations.to_string().starts_with("6 validation errors detected. Value with length 7 at '/Name'"));
}

#[test]
fn no_message_quotes_the_value() {
    let value = Structure::new()
        .with("Secret", "ZZZ-hunter2")
        .with("Size", 99)
        .with("Color", Value::Enum("hunter2".into()))
        .with("Labels", Map::new().with("hunter2-key", "v"));
    let text = check(value, Checks::All).unwrap_err().to_string();
    assert!(!text.contains("hunter2") && !text.contains("99"), "{text}");
}

#[test]
fn types_and_unknown_members_are_violations_too() {
    let value = Structure::new()
        .with("Size", "eight")
        .with("Level", Value::Long(1 << 40))
        .with("Nope", 1)
        .with("Pick", Union::unknown("Other"));
    assert_eq!(
        messages(value),
        [
            "Value at '/Size' failed to satisfy constraint: Member must be of type integer",
            "Value at '/Level' failed to satisfy constraint: Member must be of type intEnum",
            "Value at '/Pick/Other' failed to satisfy constraint: Member must not be set: the shape has no such member",
            "Value at '/Nope' failed to satisfy constraint: Member must not be set: the shape has no such member",
        ]
    );
}

#[test]
fn botocore_checks_required_members_types_and_minimums_only() {
    let outside_all_but_minimums = Structure::new()
        .with("Name", "toolong")
        .with("Size", 9)
        .with("Secret", "XYZ")
        .with("Color", Value::Enum("green".into()))
        .with("Data", Blob::new(vec![0; 9]))
        .with("Tags", List::from(vec![Value::from("ab"), Value::from("ab")]));
    assert_eq!(check(outside_all_but_minimums, Checks::Botocore), Ok(()));
    let below_minimums = Structure::new()
        .with("Name", "a")
        .with("Size", 1)
        .with("Ratio", Value::Float(1.0))
        .with("Tags", List::new())
        .with("Child", Structure::new());
    let found: Vec<Constraint> =
        check(below_minimums, Checks::Botocore).unwrap_err().iter().map(|v| v.constraint).collect();
    use Constraint::*;
    assert_eq!(found, [Length, Range, Range, Length, Required]);
}

#[test]
fn unique_items_compare_as_values_whatever_the_order_of_members() {
    let mut b = ModelBuilder::new();
    let string = b.prelude(ShapeType::String);
    let double = b.prelude(ShapeType::Double);
    let item = b.add("Item", ShapeType::Structure).member("A", string).member("B", double).id();
    let items = b.list("Items", item).id();
    b.shape(items).traits_mut().unique_items = true;
    let model = b.finish().unwrap();
    let list = |items: Vec<Structure>| Value::List(items.into_iter().map(Value::from).collect());
    let ab = Structure::new().with("A", "x").with("B", Value::Double(f64::NAN));
    let ba = Structure::new().with("B", Value::Double(f64::NAN)).with("A", "x");
    assert!(validate::validate(&list(vec![ab.clone(), ba]), model.get(items), Checks::All).is_err());
    let other = Structure::new().with("A", "y").with("B", Value::Double(f64::NAN));
    assert!(validate::validate(&list(vec![ab, other]), model.get(items), Checks::All).is_ok());
    // Linear in the list: 100,000 distinct items check at once.
    let many = Value::List((0..100_000).map(|n| Value::from(Structure::new().with("A", n.to_string()))).collect());
    assert!(validate::validate(&many, model.get(items), Checks::All).is_ok());
}

#[test]
fn defaults_stand_in_for_missing_required_members() {
    let mut b = ModelBuilder::new();
    let string = b.prelude(ShapeType::String);
    let input = b.declare("Input", ShapeType::Structure);
    b.shape(input).member("Mode", string).required().traits_mut().default = Some(Value::from("fast"));
    let model = b.finish().unwrap();
    assert!(validate::validate(&Value::from(Structure::new()), model.get(input), Checks::All).is_ok());
}

#[test]
fn nesting_is_followed_to_the_default_depth_and_no_further() {
    let (model, input) = model();
    let mut value = Structure::new().with("Id", "x");
    for _ in 0..200 {
        value = Structure::new().with("Id", "x").with("Child", value);
    }
    let violations = validate::validate(&Value::from(value), model.get(input), Checks::All).unwrap_err();
    assert_eq!(violations.len(), 1);
    assert_eq!(violations.iter().next().unwrap().constraint, Constraint::Depth);
}

/// A string shape with `@length` bounds, an integer shape with `@range` bounds.
fn bounded(min: u32, max: u32) -> (Model, ShapeId, ShapeId) {
    let mut b = ModelBuilder::new();
    let text = b.add("Text", ShapeType::String).id();
    let number = b.add("Number", ShapeType::Long).id();
    for id in [text, number] {
        b.shape(id).traits_mut().min = Some(f64::from(min));
        b.shape(id).traits_mut().max = Some(f64::from(max));
    }
    (b.finish().unwrap(), text, number)
}

proptest! {
    #[test]
    fn within_the_bounds_passes_and_one_step_outside_fails_with_that_violation(
        min in 1u32..20,
        span in 0u32..20,
        offset in 0u32..20,
        letter in proptest::char::range('a', 'ж'),
    ) {
        let max = min + span;
        let (model, text, number) = bounded(min, max);
        let inside = min + offset % (span + 1);
        let string = |n: u32| Value::String(std::iter::repeat_n(letter, n as usize).collect());
        let long = |n: i64| Value::Long(n);
        prop_assert!(validate::validate(&string(inside), model.get(text), Checks::All).is_ok());
        prop_assert!(validate::validate(&long(i64::from(inside)), model.get(number), Checks::All).is_ok());
        for (outside_text, outside_number) in [(string(min - 1), long(i64::from(min) - 1)), (string(max + 1), long(i64::from(max) + 1))] {
            let violations = validate::validate(&outside_text, model.get(text), Checks::All).unwrap_err();
            prop_assert_eq!(violations.iter().map(|v| v.constraint).collect::<Vec<_>>(), [Constraint::Length]);
            let violations = validate::validate(&outside_number, model.get(number), Checks::All).unwrap_err();
            prop_assert_eq!(violations.iter().map(|v| v.constraint).collect::<Vec<_>>(), [Constraint::Range]);
        }
    }
}
