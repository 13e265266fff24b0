//! Helpers shared by the integration tests: scenarios written as RON, as people write them.

#![allow(dead_code, clippy::unwrap_used, clippy::expect_used)]

use std::str::FromStr;

use inference_roi::io;
use inference_roi::model::Scenario;
use rust_decimal::Decimal;

#[cfg(feature = "gui")]
pub mod gui;

/// A decimal from text.
pub fn d(text: &str) -> Decimal {
    Decimal::from_str(text).unwrap()
}

/// A scenario from its use cases and designs (RON fragments), with the given hours and range.
pub fn scenario_with(
    hours: &str,
    volume: (u64, u64, u64),
    use_cases: &str,
    designs: &str,
) -> Scenario {
    let text = format!(
        "Scenario(format: 1, title: \"test\", currency: \"USD\", hours_per_month: {hours},
          volume: Volume(current: {}, min: {}, max: {}),
          use_cases: [{use_cases}], designs: [{designs}])",
        volume.0, volume.1, volume.2
    );
    io::parse(&text).unwrap_or_else(|e| panic!("test scenario does not parse: {e}\n{text}"))
}

/// One use case worth `value` per success.
pub fn one_use_case(value: &str) -> String {
    format!("UseCase(name: \"all\", share: 1, value_per_success: {value})")
}

/// A design from its name, serving and extra fields.
pub fn design(name: &str, serving: &str, extra: &str) -> String {
    format!("Design(name: \"{name}\", serving: {serving}, {extra})")
}

/// A PNG's width and height, after checking its signature.
pub fn png_size(bytes: &[u8]) -> (u32, u32) {
    assert_eq!(&bytes[..8], b"\x89PNG\r\n\x1a\n", "not a PNG");
    assert_eq!(&bytes[12..16], b"IHDR");
    let word = |at: usize| u32::from_be_bytes(bytes[at..at + 4].try_into().unwrap());
    (word(16), word(20))
}

/// Self-hosted GPU: 10 requests/s × 3600 × 0.5 utilisation × 730 h = 13,140,000 requests per
/// instance-month, $2/h × 730 = $1,460 per instance-month, at most 3 instances; value $0.001.
pub fn gpu() -> Scenario {
    let serving = "SelfHosted(hardware: Gpu, instance: \"g\", price_per_hour: 2, throughput: RequestsPerSecond(10), \
                   tokens_per_request: 800, target_utilization: 0.5, min_instances: 1, max_instances: Some(3))";
    scenario_with(
        "730",
        (20_000_000, 100_000, 100_000_000),
        &one_use_case("0.001"),
        &design("gpu", serving, ""),
    )
}
