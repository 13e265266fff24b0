//! What the engine holds exactly (`econ::precision`): at the smallest and largest inputs the
//! validator accepts, every figure it lets through is within 1e-9 of the same sum in binary
//! floats, and what would lose significant digits is refused with a message naming the field.

#![allow(clippy::unwrap_used)]

mod common;

use common::d;
use inference_roi::econ::Prepared;
use inference_roi::econ::validate;
use inference_roi::io;
use inference_roi::model::Severity;
use proptest::prelude::*;
use rust_decimal::Decimal;
use rust_decimal::prelude::ToPrimitive;

/// From the smallest positive decimal a file can hold to each field's limit.
fn extreme(limit: &'static str) -> impl Strategy<Value = String> {
    prop_oneof![
        Just("0".to_owned()),
        Just("0.0000000000000000000000000001".to_owned()),
        Just("0.000000000001".to_owned()),
        Just("0.000001".to_owned()),
        Just("0.5".to_owned()),
        Just("1".to_owned()),
        Just(limit.to_owned()),
    ]
}

fn rate() -> impl Strategy<Value = String> {
    prop_oneof![
        Just("0".to_owned()),
        Just("0.0000000000000000000000000001".to_owned()),
        Just("0.000001".to_owned()),
        Just("0.5".to_owned()),
        Just("0.999999".to_owned()),
        Just("1".to_owned()),
    ]
}

fn f(text: &str) -> f64 {
    d(text).to_f64().unwrap()
}

proptest! {
    // A fixed seed, as the other property tests: every run (and CI) tries the same 2,000 cases.
    #![proptest_config(ProptestConfig {
        rng_seed: proptest::test_runner::RngSeed::Fixed(20_261_130),
        ..ProptestConfig::with_cases(2_000)
    })]

    #[test]
    fn accepted_extremes_compute_to_eleven_digits(
        prices in (extreme("1000000"), extreme("1000000"), extreme("1000000")),
        tokens in (extreme("100000000"), extreme("100000000")),
        shares in (rate(), rate(), rate()),
        discounts in (extreme("100"), extreme("100")),
        value in (extreme("1000000000"), rate()),
        costs in (extreme("10000"), extreme("1000000000000")),
        volume in prop_oneof![Just(1u64), Just(1_000_000), Just(1_000_000_000_000)],
    ) {
        let (input_price, output_price, per_request) = prices;
        let (input_tokens, output_tokens) = tokens;
        let (cached_share, batch_share, escalation) = shares;
        let (batch_discount, discount) = discounts;
        let (value_per_success, success) = value;
        let (overhead, fixed) = costs;
        let api = |input: &str| format!(
            "HostedApi(input_price_per_mtok: {input}, output_price_per_mtok: {output_price}, \
             price_per_request: {per_request}, input_tokens: {input_tokens}, \
             output_tokens: {output_tokens}, cached_input_share: {cached_share}, \
             batch_share: {batch_share}, batch_discount_pct: {batch_discount}, \
             discount_pct: {discount})"
        );
        let text = format!(
            "Scenario(format: 1, title: \"extremes\", currency: \"USD\", hours_per_month: 730,
              volume: Volume(current: {volume}, min: 1, max: 1000000000000),
              use_cases: [UseCase(name: \"all\", share: 1, value_per_success: {value_per_success})],
              designs: [Design(name: \"cascade\", serving: Cascade(primary: {}, fallback: {},
                escalation_rate: {escalation}), success_rate: {success},
                overhead_pct: {overhead}, fixed_monthly: {fixed})])",
            api(&input_price), api("1"),
        );
        let scenario = io::parse(&text).unwrap();
        let problems = validate(&scenario);
        let errors: Vec<_> = problems.iter().filter(|p| p.severity == Severity::Error).collect();
        if !errors.is_empty() {
            // Refused: each message names a field and says why.
            for e in errors {
                prop_assert!(e.path.starts_with("designs[0]") && !e.message.is_empty(), "{e}");
            }
            return Ok(());
        }
        // Accepted: the same sum in floats, from the file's own numbers.
        let per_token = |price: &str| {
            let cached = f(&cached_share);
            ((1.0 - cached) * f(price) + cached * f(price)) * f(&input_tokens)
                + f(&output_price) * f(&output_tokens)
        };
        let factors = (1.0 - f(&batch_share) * f(&batch_discount) / 100.0)
            * (1.0 - f(&discount) / 100.0);
        let stage = |price: &str| per_token(price) / 1e6 * factors + f(&per_request);
        let serving = stage(&input_price) + f(&escalation) * stage("1");
        let v = volume as f64;
        let cost = (serving * v * (1.0 + f(&overhead) / 100.0) + f(&fixed)) / v;
        let value = f(&value_per_success) * f(&success);
        let metrics = Prepared::new(&scenario, &scenario.designs[0]).and_then(|p| p.metrics(volume));
        // Figures beyond the exact range (about 7.9e28) are refused as an overflow, with its
        // message, never computed wrong: allowed only where a figure really is that large.
        let ratio = |a: f64, b: f64| if b > 0.0 { a / b } else { 0.0 };
        let largest = [cost * v, ratio(cost, value), ratio(value, cost)]
            .into_iter()
            .fold(0.0_f64, f64::max);
        let m = match metrics {
            Err(inference_roi::econ::EconError::Overflow) if largest > 1e27 => return Ok(()),
            other => other.unwrap(),
        };
        let close = |exact: Decimal, float: f64| {
            let exact = exact.to_f64().unwrap();
            (exact - float).abs() <= 1e-9 * float.abs().max(f64::MIN_POSITIVE)
        };
        prop_assert!(close(m.cost_per_inference, cost), "cost {} vs {cost}", m.cost_per_inference);
        prop_assert!(close(m.value_per_inference, value), "value {} vs {value}", m.value_per_inference);
    }
}

#[test]
fn a_price_too_small_to_hold_is_refused_with_its_field() {
    let text = "Scenario(format: 1, title: \"tiny\", currency: \"USD\", hours_per_month: 730,
      volume: Volume(current: 1000, min: 1, max: 1000000),
      use_cases: [UseCase(name: \"all\", share: 1, value_per_success: 1)],
      designs: [Design(name: \"tiny\", serving: HostedApi(input_price_per_mtok: 0.00000000000000000001234,
        output_price_per_mtok: 0, price_per_request: 0, input_tokens: 1, output_tokens: 0),
        success_rate: 0.5)])";
    let scenario = io::parse(text).unwrap();
    let problems = validate(&scenario);
    let refused = problems
        .iter()
        .find(|p| p.severity == Severity::Error)
        .expect("refused");
    assert_eq!(refused.path, "designs[0].serving");
    assert!(refused.message.contains("below 1e-16"), "{refused}");
}
