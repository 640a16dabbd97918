//! The yardstick table: awsval beside its references, as ratios of their speeds measured in
//! paired rounds within one run (the median of the rounds' ratios), printed as Markdown.
//!
//! `cargo bench --bench ratios [FILTER...]`: rows whose text contains every filter word.
//! A ratio above 1 means awsval is faster than the reference. `AWSVAL_BENCH_ROUNDS` sets the
//! number of rounds (default 21). With `AWSVAL_BENCH_PROFILE=1` the selected rows run only
//! their awsval side (`AWSVAL_BENCH_PROFILE=reference`: only the reference), for five seconds
//! each, for a profiler (`perf record`, `valgrind --tool=callgrind`) to watch;
//! `AWSVAL_BENCH_RUNS=N` runs them N times instead, so that two counts of instructions (one
//! run and eleven, say) differ by the cost of the runs alone, setup excluded. With
//! `AWSVAL_BENCH_CHECK=1` only the payloads are built and checked (serde_json, quick-xml and
//! awsval read back the same typed values), which CI does.

#[allow(dead_code, unreachable_pub)]
mod payloads;

use std::time::{Duration, Instant};

use payloads::comparisons::{self, Bench, Row};

/// How long one side of one round runs.
const ROUND: Duration = Duration::from_millis(25);

#[derive(Clone, Copy)]
enum Side {
    Awsval,
    Reference,
}

struct Table {
    rounds: usize,
    /// Which side alone runs, for a profiler.
    profile: Option<Side>,
    /// How many times it runs (instead of for five seconds).
    profile_runs: Option<u32>,
    check_only: bool,
    filter: Vec<String>,
    rows: Vec<(String, Row, f64)>,
}

impl Bench for Table {
    #[allow(clippy::print_stderr)]
    fn compare(&mut self, payload: &str, row: Row, mut reference: impl FnMut(), mut candidate: impl FnMut()) {
        let text = format!("{payload} {} {}", row.path, row.reference);
        if self.check_only || !self.filter.iter().all(|word| text.contains(word.as_str())) {
            return;
        }
        if let Some(side) = self.profile {
            let (start, mut runs) = (Instant::now(), 0u32);
            while self.profile_runs.map_or(start.elapsed() < Duration::from_secs(5), |n| runs < n) {
                match side {
                    Side::Awsval => candidate(),
                    Side::Reference => reference(),
                }
                runs += 1;
            }
            // The time per run, for comparing two builds (on a quiet machine).
            let each = start.elapsed() / runs;
            eprintln!("{text}: {runs} runs, {each:?} each");
        } else {
            let ratio = paired(self.rounds, reference, candidate);
            self.rows.push((payload.to_owned(), row, ratio));
        }
    }
}

impl Table {
    #[allow(clippy::print_stdout)]
    fn print(&self) {
        if self.check_only {
            println!("checked: every payload reads back alike in awsval, serde_json and quick-xml");
            return;
        }
        println!("| payload | awsval path | reference | speed ratio | yardstick |");
        println!("|---|---|---|---:|---|");
        for (payload, row, ratio) in &self.rows {
            let yardstick = match row.yardstick {
                Some(min) if *ratio >= min => format!("≥ {min:.2}× met"),
                Some(min) => format!("≥ {min:.2}× **missed**"),
                None => "—".to_owned(),
            };
            println!("| {payload} | {} | {} | {ratio:.2}× | {yardstick} |", row.path, row.reference);
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
    let mut table = Table {
        rounds: std::env::var("AWSVAL_BENCH_ROUNDS").ok().and_then(|n| n.parse().ok()).unwrap_or(21),
        profile: std::env::var_os("AWSVAL_BENCH_PROFILE")
            .map(|side| if side == "reference" { Side::Reference } else { Side::Awsval }),
        profile_runs: std::env::var("AWSVAL_BENCH_RUNS").ok().and_then(|n| n.parse().ok()),
        check_only: std::env::var_os("AWSVAL_BENCH_CHECK").is_some(),
        filter: std::env::args().skip(1).filter(|arg| !arg.starts_with("--")).collect(),
        rows: Vec::new(),
    };
    comparisons::all(&mut table);
    table.print();
    if !table.check_only
        && table.profile.is_none()
        && table.filter.iter().all(|word| "event stream framing".contains(word.as_str()))
    {
        framing(table.rounds);
    }
}

/// Event stream framing throughput: a stream of 4,096 events of 1 KiB (headers as Bedrock sends
/// them), read whole, read as it arrives in 1,500-byte pieces, and written; the median of the
/// rounds, in MB/s of frames.
#[allow(clippy::print_stdout)]
fn framing(rounds: usize) {
    use awsval::event_stream::{self, Decoder, Message};
    let event = Message::new(vec![b'x'; 1024])
        .with_header(":message-type", "event")
        .with_header(":event-type", "contentBlockDelta")
        .with_header(":content-type", "application/json");
    let messages = vec![event; 4096];
    let mut stream = Vec::new();
    for message in &messages {
        message.write_frame(&mut stream).expect("writes");
    }
    let megabytes = stream.len() as f64 / 1e6;
    let throughput = |mut f: Box<dyn FnMut() + '_>| {
        let iterations = calibrate(&mut f);
        let mut speeds: Vec<f64> = (0..rounds)
            .map(|_| {
                let start = Instant::now();
                for _ in 0..iterations {
                    f();
                }
                megabytes * iterations as f64 / start.elapsed().as_secs_f64()
            })
            .collect();
        speeds.sort_by(f64::total_cmp);
        speeds[speeds.len() / 2]
    };
    let whole = throughput(Box::new(|| drop(std::hint::black_box(event_stream::decode_all(&stream).expect("reads")))));
    let pieces = throughput(Box::new(|| {
        let mut decoder = Decoder::new();
        for piece in stream.chunks(1500) {
            decoder.push(piece);
            while let Some(message) = decoder.next_message().expect("reads") {
                std::hint::black_box(message);
            }
        }
    }));
    let written = throughput(Box::new(|| {
        let mut out = Vec::with_capacity(stream.len());
        for message in &messages {
            message.write_frame(&mut out).expect("writes");
        }
        std::hint::black_box(out);
    }));
    println!();
    println!("| event stream framing ({megabytes:.1} MB of 1 KiB events) | MB/s |");
    println!("|---|---:|");
    println!("| frames → messages, whole | {whole:.0} |");
    println!("| frames → messages, in 1,500-byte pieces | {pieces:.0} |");
    println!("| messages → frames | {written:.0} |");
}
