//! The data layer beside its references, measured in the same run.
//!
//! `cargo bench --bench value`. Each group holds an awsval operation and the closest thing a
//! Rust program would do without awsval; compare within a group, not across runs.

#[allow(dead_code, unreachable_pub)]
#[path = "../examples/quicksight.rs"]
mod quicksight;

use std::hint::black_box;

use awsval::{FromValue, Timestamp, TimestampFormat, ToValue};
use criterion::{Criterion, criterion_group, criterion_main};
use quicksight::{DescribeDashboardSnapshotJobResultResponse, sample_response};

fn conversions(c: &mut Criterion) {
    let typed = sample_response();
    let value = typed.to_value();
    let mut group = c.benchmark_group("quicksight");
    group.bench_function("typed clone (reference)", |b| b.iter(|| black_box(&typed).clone()));
    group.bench_function("to_value", |b| b.iter(|| black_box(&typed).to_value()));
    group.bench_function("value clone", |b| b.iter(|| black_box(&value).clone()));
    group.bench_function("from_value", |b| {
        b.iter_batched(
            || value.clone(),
            DescribeDashboardSnapshotJobResultResponse::from_value,
            criterion::BatchSize::SmallInput,
        )
    });
    group.finish();
}

fn timestamps(c: &mut Criterion) {
    let text = "2014-04-29T18:30:38.123456Z";
    let rfc3339 = time::format_description::well_known::Rfc3339;
    let mut group = c.benchmark_group("date-time");
    group.bench_function("time::OffsetDateTime::parse (reference)", |b| {
        b.iter(|| time::OffsetDateTime::parse(black_box(text), &rfc3339))
    });
    group.bench_function("Timestamp::parse", |b| {
        b.iter(|| Timestamp::parse(black_box(text), TimestampFormat::DateTime))
    });
    let t = Timestamp::parse(text, TimestampFormat::DateTime).expect("valid");
    group.bench_function("Timestamp::format", |b| b.iter(|| black_box(t).format(TimestampFormat::DateTime)));
    group.finish();
}

criterion_group!(benches, conversions, timestamps);
criterion_main!(benches);
