//! The price map: reading the bundled snapshot (4,878 entries), and a search over all of it
//! with our checked entries, as the planner's picker would run it on each keystroke.

#![allow(clippy::unwrap_used, clippy::expect_used)]

use std::hint::black_box;

use criterion::{Criterion, criterion_group, criterion_main};
use inference_roi::io::catalog::bundled_catalog;
use inference_roi::io::pricemap::{bundled_price_map, checked_entries, combined, search};

fn pricemap(c: &mut Criterion) {
    c.bench_function("pricemap/read the bundled snapshot", |b| {
        b.iter(|| black_box(bundled_price_map().unwrap()));
    });
    let map = bundled_price_map().unwrap();
    let all = combined(checked_entries(&bundled_catalog().unwrap()), &map);
    for query in ["flash", "llama 70b", "bedrock sonnet", "g"] {
        c.bench_function(&format!("pricemap/search \"{query}\""), |b| {
            b.iter(|| black_box(search(black_box(&all), black_box(query)).len()));
        });
    }
}

criterion_group!(benches, pricemap);
criterion_main!(benches);
