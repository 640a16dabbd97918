//! The comparisons of the ratio table through criterion: each side's time with its spread.
//!
//! `cargo bench --bench codecs [FILTER]`. Each group is one comparison: the reference and
//! awsval on the same payload. For the ratios themselves, paired in one run, see
//! `benches/ratios.rs` (`scripts/bench`).

#[allow(dead_code, unreachable_pub)]
mod payloads;

use std::time::Duration;

use criterion::{Criterion, criterion_group, criterion_main};
use payloads::comparisons::{self, Bench, Row};

struct Groups<'c>(&'c mut Criterion);

impl Bench for Groups<'_> {
    fn compare(&mut self, payload: &str, row: Row, mut reference: impl FnMut(), mut candidate: impl FnMut()) {
        let mut group = self.0.benchmark_group(format!("{payload}: {} vs {}", row.path, row.reference));
        group.bench_function("reference", |b| b.iter(&mut reference));
        group.bench_function("awsval", |b| b.iter(&mut candidate));
        group.finish();
    }
}

fn codecs(c: &mut Criterion) {
    comparisons::all(&mut Groups(c));
}

criterion_group! {
    name = benches;
    config = Criterion::default()
        .sample_size(20)
        .warm_up_time(Duration::from_millis(500))
        .measurement_time(Duration::from_secs(2));
    targets = codecs
}
criterion_main!(benches);
