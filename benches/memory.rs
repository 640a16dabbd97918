//! Heap retained by a decoded payload, and allocated in all while decoding it: awsval's `Value`
//! and typed paths beside serde_json's typed structs, counted by dhat's allocator (so this
//! binary has it as its global allocator; the timing benches don't).
//!
//! `cargo bench --bench memory`.

#[allow(dead_code, unreachable_pub)]
mod payloads;

use awsval::{FromValue, Shape};
use payloads::dynamodb;

#[global_allocator]
static ALLOCATOR: dhat::Alloc = dhat::Alloc;

/// The bytes and blocks still allocated after `make` returns, while its result is alive.
fn retained<T>(make: impl FnOnce() -> T) -> (u64, u64) {
    let before = dhat::HeapStats::get();
    let made = make();
    let after = dhat::HeapStats::get();
    drop(made);
    ((after.curr_bytes - before.curr_bytes) as u64, (after.curr_blocks - before.curr_blocks) as u64)
}

/// A decode whose result is only held, then dropped.
type Decoder<'a> = dyn Fn() -> Box<dyn std::any::Any> + 'a;

/// The bytes and blocks `make` allocates in all, whether its result keeps them or not.
fn allocated<T>(make: impl FnOnce() -> T) -> (u64, u64) {
    let before = dhat::HeapStats::get();
    let made = make();
    let after = dhat::HeapStats::get();
    drop(made);
    (after.total_bytes - before.total_bytes, after.total_blocks - before.total_blocks)
}

#[allow(clippy::print_stdout)]
fn main() {
    let _profiler = dhat::Profiler::builder().testing().build();
    let value = dynamodb::response(dynamodb::LARGE);
    let settings = dynamodb::settings();
    let shape = dynamodb::QueryOutput::schema();
    let bytes = awsval::json::encode(&value, shape, &settings).expect("encodes");
    drop(value);
    let (typed, typed_blocks) =
        retained(|| serde_json::from_slice::<dynamodb::QueryOutput>(&bytes).expect("serde_json reads it"));
    let (decoded, decoded_blocks) = retained(|| awsval::json::decode(&bytes, shape, &settings).expect("reads"));
    let (via, via_blocks) = retained(|| {
        dynamodb::QueryOutput::from_value(awsval::json::decode(&bytes, shape, &settings).expect("reads")).expect("fits")
    });
    // A malloc-style allocator spends about 16 bytes beside each block.
    let with_headers = |bytes: u64, blocks: u64| (bytes + 16 * blocks) as f64;
    let reference = with_headers(typed, typed_blocks);
    println!(
        "| DynamoDB Query ({} KB) | heap retained | blocks | ratio to typed | with 16 B per block | yardstick |",
        bytes.len() / 1000
    );
    println!("|---|---:|---:|---:|---:|---|");
    println!("| typed structs (serde_json) | {typed} B | {typed_blocks} | 1.00× | 1.00× | |");
    let ratio = decoded as f64 / typed as f64;
    let verdict = if ratio <= 1.2 { "≤ 1.20× met" } else { "≤ 1.20× **missed**" };
    let headers = with_headers(decoded, decoded_blocks) / reference;
    println!("| awsval `Value` | {decoded} B | {decoded_blocks} | {ratio:.2}× | {headers:.2}× | {verdict} |");
    let headers = with_headers(via, via_blocks) / reference;
    println!(
        "| typed structs (via awsval) | {via} B | {via_blocks} | {:.2}× | {headers:.2}× | |",
        via as f64 / typed as f64
    );

    // Everything a decode asks of the allocator, kept or freed before it returns.
    let decoders: [(&str, &Decoder<'_>); 4] = [
        ("serde_json → typed", &|| Box::new(serde_json::from_slice::<dynamodb::QueryOutput>(&bytes).expect("reads"))),
        ("awsval JSON → typed (`decode_typed`)", &|| {
            Box::new(awsval::json::decode_typed::<dynamodb::QueryOutput>(&bytes, &settings).expect("reads"))
        }),
        ("awsval JSON → `Value`", &|| Box::new(awsval::json::decode(&bytes, shape, &settings).expect("reads"))),
        ("awsval JSON → `Value` → typed", &|| {
            let value = awsval::json::decode(&bytes, shape, &settings).expect("reads");
            Box::new(dynamodb::QueryOutput::from_value(value).expect("fits"))
        }),
    ];
    println!();
    println!("| DynamoDB Query decode | heap allocated in all | blocks | ratio to serde_json (bytes) |");
    println!("|---|---:|---:|---:|");
    let (reference, _) = allocated(decoders[0].1);
    for (name, decode) in decoders {
        let (total, blocks) = allocated(decode);
        println!("| {name} | {total} B | {blocks} | {:.2}× |", total as f64 / reference as f64);
    }
}
