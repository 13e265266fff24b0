//! Measuring a FOCUS bill: a busy account's year of hourly rows (1,000,000 rows, about 500 MB of
//! CSV) and a tenth of it, for a scenario with three designs mapped to their rows. The goal is
//! 1,000,000 rows in under 3 s on a 2-core machine, within 100 MB of memory above the process's
//! own.
//!
//! Peak memory is measured in a child process (this benchmark run again with
//! `INFERENCE_ROI_BENCH_BILL_CHILD` set to the file): it reads its resident size, measures the
//! bill once, and prints its peak resident size (`VmHWM`) and the difference.

#![allow(clippy::unwrap_used, clippy::expect_used)]

mod bill_gen;

use std::collections::BTreeMap;
use std::hint::black_box;
use std::path::{Path, PathBuf};
use std::time::{Duration, Instant};

use criterion::{Criterion, SamplingMode};
use inference_roi::io::focus::{Limits, measure};
use inference_roi::model::{Billing, Scenario};

/// Set (to a bill's path) in the child process that measures peak memory.
const CHILD: &str = "INFERENCE_ROI_BENCH_BILL_CHILD";

/// The support assistant, its designs mapped to the generated bill: the API design to `gpt-4o`
/// rows tagged `feature: support`, the fleet to the `gpu-fleet` sub-account, the cascade to
/// `gpt-4o` rows tagged `feature: cascade`.
fn scenario() -> Scenario {
    let path = Path::new(env!("CARGO_MANIFEST_DIR")).join("scenarios/support-assistant.ron");
    let mut s = inference_roi::io::load(&path).unwrap();
    let tagged = |feature: &str| Billing {
        model: Some("gpt-4o".to_owned()),
        tags: BTreeMap::from([("feature".to_owned(), feature.to_owned())]),
        ..Billing::default()
    };
    s.designs[0].billing = Some(tagged("support"));
    s.designs[1].billing = Some(Billing {
        sub_account: Some("gpu-fleet".to_owned()),
        ..Billing::default()
    });
    s.designs[2].billing = Some(tagged("cascade"));
    s
}

/// A figure from `/proc/self/status`, in kB (0 where there is none).
fn status_kb(key: &str) -> u64 {
    let status = std::fs::read_to_string("/proc/self/status").unwrap_or_default();
    status
        .lines()
        .find_map(|l| l.strip_prefix(key)?.strip_prefix(':'))
        .and_then(|v| v.trim().trim_end_matches("kB").trim().parse().ok())
        .unwrap_or(0)
}

/// The child: one measurement, its time and memory printed.
fn child(path: &Path) {
    let scenario = scenario();
    let before = status_kb("VmRSS");
    let started = Instant::now();
    let measured = measure(&scenario, &[path.to_owned()], Limits::default()).unwrap();
    let took = started.elapsed();
    let peak = status_kb("VmHWM");
    println!(
        "bill/peak memory: {} rows in {:.2} s; resident {:.1} MB before, peak {:.1} MB, {:.1} MB above",
        measured.rows.read,
        took.as_secs_f64(),
        before as f64 / 1024.0,
        peak as f64 / 1024.0,
        peak.saturating_sub(before) as f64 / 1024.0
    );
}

fn bench(c: &mut Criterion, rows: usize, seconds: u64) -> PathBuf {
    let path = bill_gen::bill(rows);
    let size = std::fs::metadata(&path).unwrap().len();
    println!(
        "bill/{rows} rows: {} ({:.0} MB)",
        path.display(),
        size as f64 / 1e6
    );
    let scenario = scenario();
    let bills = [path.clone()];
    let mut group = c.benchmark_group("bill");
    group
        .sample_size(10)
        .sampling_mode(SamplingMode::Flat)
        .warm_up_time(Duration::from_secs(1))
        .measurement_time(Duration::from_secs(seconds));
    group.bench_function(format!("measure {rows} rows"), |b| {
        b.iter(|| black_box(measure(&scenario, black_box(&bills), Limits::default()).unwrap()));
    });
    group.finish();
    path
}

fn main() {
    if let Some(path) = std::env::var_os(CHILD) {
        child(Path::new(&path));
        return;
    }
    let mut c = Criterion::default().configure_from_args();
    bench(&mut c, 100_000, 10);
    let big = bench(&mut c, 1_000_000, 40);
    // Criterion's `--test` mode (what `cargo test --benches` runs) and listing want no child.
    let args: Vec<String> = std::env::args().collect();
    if !args.iter().any(|a| a == "--test" || a == "--list") {
        let status = std::process::Command::new(std::env::current_exe().unwrap())
            .env(CHILD, &big)
            .status()
            .unwrap();
        assert!(status.success(), "the memory measurement failed");
    }
    c.final_summary();
}
