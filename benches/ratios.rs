//! The yardstick table: awsval beside its references, as ratios of their speeds measured in
//! paired rounds within one run (the median of the rounds' ratios), printed as Markdown.
//!
//! `cargo bench --bench ratios [FILTER...]`: rows whose text contains every filter word.
//! A ratio above 1 means awsval is faster than the reference. `AWSVAL_BENCH_ROUNDS` sets the
//! number of rounds (default 21). With `AWSVAL_BENCH_PROFILE=1` the selected rows run only
//! their awsval side, for five seconds each, for a profiler (`perf record`) to watch. With
//! `AWSVAL_BENCH_CHECK=1` only the payloads are built and checked (serde_json, quick-xml and
//! awsval read back the same typed values), which CI does.

#[allow(dead_code, unreachable_pub)]
mod payloads;

use std::hint::black_box;
use std::time::{Duration, Instant};

use awsval::convert::Decode;
use awsval::json::JsonSettings;
use awsval::schema::ShapeRef;
use awsval::{FromValue, Shape, ToValue};
use payloads::{dynamodb, ec2, quicksight, s3};
use serde::Serialize;
use serde::de::DeserializeOwned;

/// How long one side of one round runs.
const ROUND: Duration = Duration::from_millis(25);

struct Table {
    rounds: usize,
    profile: bool,
    check_only: bool,
    filter: Vec<String>,
    rows: Vec<Row>,
}

struct Row {
    payload: String,
    path: &'static str,
    reference: &'static str,
    ratio: f64,
    yardstick: Option<f64>,
}

impl Table {
    /// Measures `candidate` (awsval) against `reference` when the row passes the filter.
    fn compare(
        &mut self,
        payload: &str,
        (path, reference, yardstick): (&'static str, &'static str, Option<f64>),
        reference_fn: impl FnMut(),
        candidate_fn: impl FnMut(),
    ) {
        let text = format!("{payload} {path} {reference}");
        if self.check_only || !self.filter.iter().all(|word| text.contains(word.as_str())) {
            return;
        }
        if self.profile {
            let start = Instant::now();
            let mut candidate_fn = candidate_fn;
            while start.elapsed() < Duration::from_secs(5) {
                candidate_fn();
            }
        } else {
            let ratio = paired(self.rounds, reference_fn, candidate_fn);
            self.rows.push(Row { payload: payload.to_owned(), path, reference, ratio, yardstick });
        }
    }

    #[allow(clippy::print_stdout)]
    fn print(&self) {
        println!("| payload | awsval path | reference | speed ratio | yardstick |");
        println!("|---|---|---|---:|---|");
        for row in &self.rows {
            let yardstick = match row.yardstick {
                Some(min) if row.ratio >= min => format!("≥ {min:.2}× met"),
                Some(min) => format!("≥ {min:.2}× **missed**"),
                None => "—".to_owned(),
            };
            println!("| {} | {} | {} | {:.2}× | {} |", row.payload, row.path, row.reference, row.ratio, yardstick);
        }
    }
}

/// The median over `rounds` of reference time / candidate time, each round running both for
/// the same number of iterations, alternating which goes first.
fn paired(rounds: usize, mut reference: impl FnMut(), mut candidate: impl FnMut()) -> f64 {
    let iterations = calibrate(&mut reference);
    let time = |f: &mut dyn FnMut()| {
        let start = Instant::now();
        for _ in 0..iterations {
            f();
        }
        start.elapsed().as_secs_f64()
    };
    let mut ratios: Vec<f64> = (0..rounds)
        .map(|round| {
            if round % 2 == 0 {
                let r = time(&mut reference);
                r / time(&mut candidate)
            } else {
                let c = time(&mut candidate);
                time(&mut reference) / c
            }
        })
        .collect();
    ratios.sort_by(f64::total_cmp);
    ratios[ratios.len() / 2]
}

/// Iterations of `f` that take about one [`ROUND`] (after a warm-up).
fn calibrate(f: &mut impl FnMut()) -> u64 {
    let mut iterations = 1u64;
    loop {
        let start = Instant::now();
        for _ in 0..iterations {
            f();
        }
        let elapsed = start.elapsed();
        if elapsed >= ROUND / 4 {
            let per = elapsed.as_secs_f64() / iterations as f64;
            return ((ROUND.as_secs_f64() / per) as u64).max(1);
        }
        iterations *= 2;
    }
}

fn main() {
    let rounds = std::env::var("AWSVAL_BENCH_ROUNDS").ok().and_then(|n| n.parse().ok()).unwrap_or(21);
    let filter = std::env::args().skip(1).filter(|arg| !arg.starts_with("--")).collect();
    let profile = std::env::var_os("AWSVAL_BENCH_PROFILE").is_some();
    let check_only = std::env::var_os("AWSVAL_BENCH_CHECK").is_some();
    let mut table = Table { rounds, profile, check_only, filter, rows: Vec::new() };
    let value = dynamodb::response(dynamodb::LARGE);
    let typed = dynamodb::typed(&value);
    json_rows(&mut table, "DynamoDB Query", &typed, &dynamodb::settings(), (Some(0.85), Some(1.0)));
    let typed = quicksight::sample_response();
    json_rows(&mut table, "QuickSight", &typed, &quicksight::settings(), (Some(0.65), Some(1.0)));
    let typed = s3::response(s3::OBJECTS);
    xml_rows(&mut table, "S3 ListObjectsV2", &typed, &s3::settings());
    let typed = ec2::response(ec2::RESERVATIONS);
    xml_rows(&mut table, "EC2 DescribeInstances", &typed, &ec2::settings());
    if table.check_only {
        #[allow(clippy::print_stdout)]
        {
            println!("checked: every payload reads back alike in awsval, serde_json and quick-xml");
        }
    } else {
        table.print();
    }
}

fn size(bytes: &[u8]) -> String {
    if bytes.len() >= 10_000 {
        format!("{} KB", bytes.len() / 1000)
    } else {
        format!("{:.1} KB", bytes.len() as f64 / 1000.0)
    }
}

/// A JSON payload: decode to `Value` and to typed, encode from both; `yardsticks` are those of
/// JSON → Value and JSON → typed on this payload.
fn json_rows<T>(
    table: &mut Table,
    name: &str,
    typed: &T,
    settings: &JsonSettings,
    yardsticks: (Option<f64>, Option<f64>),
) where
    T: Shape + ToValue + Decode + Serialize + DeserializeOwned + PartialEq + 'static,
{
    let shape: ShapeRef<'static> = T::schema();
    let value = typed.to_value();
    let bytes = awsval::json::encode(&value, shape, settings).expect("encodes");
    let decoded: T = serde_json::from_slice(&bytes).expect("serde_json reads what awsval writes");
    assert!(decoded == *typed, "{name}: serde_json reads a different value");
    let back = T::from_value(awsval::json::decode(&bytes, shape, settings).expect("decodes")).expect("fits");
    assert!(back == *typed, "{name}: awsval reads a different value");
    let direct: T = awsval::json::decode_typed(&bytes, settings).expect("decodes");
    assert!(direct == *typed, "{name}: awsval reads a different typed value");
    let payload = format!("{name} ({})", size(&bytes));
    let serde_typed = || drop(black_box(serde_json::from_slice::<T>(black_box(&bytes)).expect("reads")));
    let to_value = || black_box(awsval::json::decode(black_box(&bytes), shape, settings).expect("reads"));
    table.compare(&payload, ("JSON → Value", "serde_json → typed", yardsticks.0), serde_typed, || drop(to_value()));
    table.compare(&payload, ("JSON → typed", "serde_json → typed", yardsticks.1), serde_typed, || {
        drop(black_box(awsval::json::decode_typed::<T>(black_box(&bytes), settings).expect("reads")));
    });
    table.compare(&payload, ("JSON → Value → typed", "serde_json → typed", None), serde_typed, || {
        drop(black_box(T::from_value(to_value()).expect("fits")));
    });
    table.compare(
        &payload,
        ("JSON → Value", "serde_json → serde_json::Value", None),
        || drop(black_box(serde_json::from_slice::<serde_json::Value>(black_box(&bytes)).expect("reads"))),
        || drop(to_value()),
    );
    let serde_write = || drop(black_box(serde_json::to_vec(black_box(typed)).expect("writes")));
    table.compare(&payload, ("Value → JSON", "serde_json typed → JSON", Some(0.7)), serde_write, || {
        drop(black_box(awsval::json::encode(black_box(&value), shape, settings).expect("writes")));
    });
    table.compare(&payload, ("typed → JSON", "serde_json typed → JSON", None), serde_write, || {
        let value = black_box(typed).to_value();
        drop(black_box(awsval::json::encode(&value, shape, settings).expect("writes")));
    });
}

/// An XML payload: decode to `Value` and to typed beside quick-xml's serde and its bare event
/// loop, encode from both beside quick-xml's serde.
fn xml_rows<T>(table: &mut Table, name: &str, typed: &T, settings: &awsval::xml::XmlSettings)
where
    T: Shape + ToValue + FromValue + Serialize + DeserializeOwned + PartialEq + 'static,
{
    let shape: ShapeRef<'static> = T::schema();
    let value = typed.to_value();
    let bytes = awsval::xml::encode(&value, shape, settings).expect("encodes");
    let text = std::str::from_utf8(&bytes).expect("UTF-8");
    let decoded: T = quick_xml::de::from_str(text).expect("quick-xml reads what awsval writes");
    assert!(decoded == *typed, "{name}: quick-xml reads a different value");
    let back = T::from_value(awsval::xml::decode(&bytes, shape, settings).expect("decodes")).expect("fits");
    assert!(back == *typed, "{name}: awsval reads a different value");
    let payload = format!("{name} ({})", size(&bytes));
    let serde_typed = || drop(black_box(quick_xml::de::from_str::<T>(black_box(text)).expect("reads")));
    let to_value = || black_box(awsval::xml::decode(black_box(&bytes), shape, settings).expect("reads"));
    table.compare(&payload, ("XML → Value", "quick-xml serde → typed", Some(2.0)), serde_typed, || drop(to_value()));
    table.compare(&payload, ("XML → typed", "quick-xml serde → typed", None), serde_typed, || {
        drop(black_box(T::from_value(to_value()).expect("fits")));
    });
    // The reader's share: the same bytes read against a shape with no members, so every
    // element is checked and skipped and no value is built.
    let empty = {
        let mut builder = awsval::schema::ModelBuilder::new();
        builder.add("Empty", awsval::schema::ShapeType::Structure);
        builder.finish().expect("valid")
    };
    let empty_shape = empty.shape("Empty").expect("declared");
    table.compare(&payload, ("XML read, all skipped", "quick-xml serde → typed", None), serde_typed, || {
        drop(black_box(awsval::xml::decode(black_box(&bytes), empty_shape, settings).expect("reads")));
    });
    table.compare(
        &payload,
        ("XML → Value", "quick-xml event loop", None),
        || {
            black_box(event_loop(&bytes));
        },
        || {
            drop(to_value());
        },
    );
    let serde_write = || drop(black_box(quick_xml::se::to_string(black_box(typed)).expect("writes")));
    table.compare(&payload, ("Value → XML", "quick-xml serde typed → XML", None), serde_write, || {
        drop(black_box(awsval::xml::encode(black_box(&value), shape, settings).expect("writes")));
    });
    table.compare(&payload, ("typed → XML", "quick-xml serde typed → XML", None), serde_write, || {
        let value = black_box(typed).to_value();
        drop(black_box(awsval::xml::encode(&value, shape, settings).expect("writes")));
    });
}

/// The least a reader can do: every event, every text decoded, every entity resolved, end
/// tags checked; returns the text's length.
fn event_loop(bytes: &[u8]) -> usize {
    use quick_xml::events::Event;
    let mut reader = quick_xml::Reader::from_reader(black_box(bytes));
    reader.config_mut().check_end_names = true;
    let mut total = 0;
    loop {
        match reader.read_event().expect("well-formed") {
            Event::Text(text) => total += text.xml10_content().expect("UTF-8").len(),
            Event::GeneralRef(entity) => total += entity.resolve_char_ref().ok().flatten().map_or(1, char::len_utf8),
            Event::Eof => return total,
            _ => {}
        }
    }
}
