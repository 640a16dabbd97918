//! The yardstick table: awsval beside its references, as ratios of their speeds measured in
//! paired rounds in one run (the median of the rounds' ratios).
//!
//! `cargo bench --bench ratios`. A ratio above 1 means awsval is faster than the reference.

#[allow(dead_code, unreachable_pub)]
mod payloads;

use std::hint::black_box;
use std::time::{Duration, Instant};

use awsval::{FromValue, Shape, ToValue};
use payloads::dynamodb;

/// How long one side of one round runs.
const ROUND: Duration = Duration::from_millis(25);

struct Row {
    payload: String,
    path: &'static str,
    reference: &'static str,
    ratio: f64,
    yardstick: Option<f64>,
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
    let filter: Vec<String> = std::env::args().skip(1).filter(|arg| !arg.starts_with("--")).collect();
    let keep = |row: &str| filter.iter().all(|f| row.contains(f.as_str()));
    let mut rows = Vec::new();
    dynamodb_rows(rounds, &keep, &mut rows);
    print(&rows);
}

fn dynamodb_rows(rounds: usize, keep: &dyn Fn(&str) -> bool, rows: &mut Vec<Row>) {
    let value = dynamodb::response(dynamodb::LARGE);
    let typed = dynamodb::typed(&value);
    dynamodb::check(&value, &typed);
    let settings = dynamodb::settings();
    let shape = dynamodb::QueryOutput::schema();
    let bytes = awsval::json::encode(&value, shape, &settings).expect("encodes");
    let from_serde: dynamodb::QueryOutput = serde_json::from_slice(&bytes).expect("serde reads it");
    assert_eq!(from_serde, typed, "serde_json and awsval read the payload alike");
    let payload = format!("DynamoDB Query ({} KB)", bytes.len() / 1000);
    let serde_typed = || {
        black_box(serde_json::from_slice::<dynamodb::QueryOutput>(black_box(&bytes)).expect("reads"));
    };
    let mut row = |path, reference, yardstick, ratio: &mut dyn FnMut() -> f64| {
        if keep(&format!("{payload} {path} {reference}")) {
            rows.push(Row { payload: payload.clone(), path, reference, ratio: ratio(), yardstick });
        }
    };
    row("JSON → Value", "serde_json → typed", Some(0.85), &mut || {
        paired(rounds, serde_typed, || {
            black_box(awsval::json::decode(black_box(&bytes), shape, &settings).expect("reads"));
        })
    });
    row("JSON → typed", "serde_json → typed", Some(1.0), &mut || {
        paired(rounds, serde_typed, || {
            let value = awsval::json::decode(black_box(&bytes), shape, &settings).expect("reads");
            black_box(dynamodb::QueryOutput::from_value(value).expect("fits"));
        })
    });
    row("JSON → Value", "JSON → serde_json::Value", None, &mut || {
        paired(
            rounds,
            || {
                black_box(serde_json::from_slice::<serde_json::Value>(black_box(&bytes)).expect("reads"));
            },
            || {
                black_box(awsval::json::decode(black_box(&bytes), shape, &settings).expect("reads"));
            },
        )
    });
    let serde_write = || {
        black_box(serde_json::to_vec(black_box(&typed)).expect("writes"));
    };
    row("Value → JSON", "serde_json typed → JSON", Some(0.7), &mut || {
        paired(rounds, serde_write, || {
            black_box(awsval::json::encode(black_box(&value), shape, &settings).expect("writes"));
        })
    });
    row("typed → JSON", "serde_json typed → JSON", None, &mut || {
        paired(rounds, serde_write, || {
            let value = black_box(&typed).to_value();
            black_box(awsval::json::encode(&value, shape, &settings).expect("writes"));
        })
    });
}

#[allow(clippy::print_stdout)]
fn print(rows: &[Row]) {
    println!("| payload | awsval path | reference | speed ratio | yardstick |");
    println!("|---|---|---|---:|---|");
    for row in rows {
        let yardstick = match row.yardstick {
            Some(min) if row.ratio >= min => format!("≥ {min:.2}× met"),
            Some(min) => format!("≥ {min:.2}× **missed**"),
            None => "—".to_owned(),
        };
        println!("| {} | {} | {} | {:.2}× | {} |", row.payload, row.path, row.reference, row.ratio, yardstick);
    }
}
