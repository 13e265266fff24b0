//! `model::flatten` against the file: the walk over a scenario's values gives exactly the (path,
//! text) pairs, in the same order, that the walk over its written RON text finds
//! (`io::ranges::written(&io::to_ron(s))`, which `diff` compared before), on every scenario file
//! in the repository and on generated scenarios with every kind of field, awkward strings and
//! uncertain fields.

#![allow(clippy::unwrap_used, clippy::expect_used)]

use std::collections::BTreeMap;
use std::path::Path;

use inference_roi::io;
use inference_roi::model::flatten::{self, Flat};
use inference_roi::model::uncertain::Range;
use inference_roi::model::{
    Actual, Billing, Carbon, Date, Design, Growth, Hardware, LongContext, Month, OneTime, Power,
    Reserved, Route, Scenario, Serving, Source, Throughput, Timeline, TokenEnergy, UseCase, Volume,
};
use proptest::prelude::*;
use proptest::sample::Index;
use rust_decimal::Decimal;

/// What the file's text gives: every value, then every variant, as `io::ranges::written` finds
/// them in the text `io::to_ron` writes.
fn from_text(scenario: &Scenario) -> Flat {
    let text = io::to_ron(scenario).expect("the scenario writes");
    let found = io::ranges::written(&text).expect("the walk follows the written text");
    Flat {
        values: found.values,
        variants: found.variants,
    }
}

/// The first pair where the two lists part, for a readable failure.
fn first_difference(new: &[(String, String)], old: &[(String, String)]) -> String {
    let at = new
        .iter()
        .zip(old)
        .position(|(a, b)| a != b)
        .unwrap_or(new.len().min(old.len()));
    format!(
        "lengths {} and {}; at {at}: values walk {:?}, text walk {:?}",
        new.len(),
        old.len(),
        new.get(at),
        old.get(at)
    )
}

fn same(scenario: &Scenario) -> Result<(), String> {
    let new = flatten::scenario(scenario).map_err(|e| e.to_string())?;
    let old = from_text(scenario);
    if new.values != old.values {
        return Err(format!(
            "values: {}",
            first_difference(&new.values, &old.values)
        ));
    }
    if new.variants != old.variants {
        return Err(format!(
            "variants: {}",
            first_difference(&new.variants, &old.variants)
        ));
    }
    Ok(())
}

/// Every `.ron` scenario under `dir` that loads.
fn scenarios_in(dir: &str) -> Vec<(String, Scenario)> {
    let dir = Path::new(env!("CARGO_MANIFEST_DIR")).join(dir);
    let mut paths: Vec<_> = std::fs::read_dir(&dir)
        .unwrap()
        .map(|entry| entry.unwrap().path())
        .filter(|path| path.extension().is_some_and(|e| e == "ron"))
        .collect();
    paths.sort();
    paths
        .into_iter()
        .filter_map(|path| Some((path.display().to_string(), io::load(&path).ok()?)))
        .collect()
}

#[test]
fn every_scenario_file_flattens_as_its_text_is_walked() {
    let bundled = scenarios_in("scenarios");
    assert_eq!(bundled.len(), 7, "every bundled scenario loads");
    let mut all = bundled;
    for dir in [
        "tests/fixtures",
        "tests/fuzz/scenario",
        "tests/fuzz/writers",
    ] {
        all.extend(scenarios_in(dir));
    }
    assert!(all.len() >= 13, "{} scenarios", all.len());
    let uncertain = all.iter().filter(|(_, s)| !s.ranges.is_empty()).count();
    assert!(uncertain >= 2, "{uncertain} scenarios with ranges");
    for (path, scenario) in &all {
        same(scenario).unwrap_or_else(|e| panic!("{path}: {e}"));
    }
}

#[test]
fn a_change_to_a_value_changes_its_text() {
    let mut scenario = io::parse(io::examples::EXAMPLES[0].text).unwrap();
    let before = flatten::scenario(&scenario).unwrap();
    scenario.designs[0].fixed_monthly += Decimal::ONE;
    scenario.title.push('"');
    let after = flatten::scenario(&scenario).unwrap();
    let changed: Vec<&str> = before
        .values
        .iter()
        .zip(&after.values)
        .filter(|(a, b)| a != b)
        .map(|(a, _)| a.0.as_str())
        .collect();
    assert_eq!(changed, ["title", "designs[0].fixed_monthly"]);
    same(&scenario).unwrap();
}

fn dec() -> BoxedStrategy<Decimal> {
    prop_oneof![
        (-1_000i64..1_000_000, 0u32..4).prop_map(|(m, s)| Decimal::new(m, s)),
        (any::<i64>(), 0u32..24).prop_map(|(m, s)| Decimal::new(m, s)),
        Just(Decimal::ZERO),
        Just(Decimal::ONE),
    ]
    .boxed()
}

/// Names and notes: plain, with quotes, backslashes, hashes, brackets, control characters and
/// non-ASCII letters, and ones that read as numbers.
fn text() -> BoxedStrategy<String> {
    prop_oneof![
        "[a-zA-Z0-9 _-]{0,10}",
        r#"[a-z"\\#'\n\r\t\u{0}\u{1b}é€😀{}()\[\]:,./ r-]{0,12}"#,
        r##"r?#*"#*[a-z]{0,3}"#*"##,
        dec().prop_map(|d| d.to_string()),
        dec().prop_map(|d| format!("\"{d}\"")),
    ]
    .boxed()
}

fn month() -> BoxedStrategy<Month> {
    (2000u16..2100, 1u8..=12)
        .prop_map(|(y, m)| Month::new(y, m).unwrap())
        .boxed()
}

fn source() -> BoxedStrategy<Source> {
    (text(), text(), 2000u16..2100, 1u8..=12, 1u8..=28)
        .prop_map(|(what, url, y, m, d)| Source {
            what,
            url,
            as_of: Date::new(y, m, d).unwrap(),
        })
        .boxed()
}

fn billing() -> BoxedStrategy<Billing> {
    let part = || proptest::option::of(text());
    (
        (part(), part(), part(), part()),
        proptest::collection::btree_map(text(), text(), 0..3),
    )
        .prop_map(
            |((model, service, sku_prefix, sub_account), tags)| Billing {
                model,
                service,
                sku_prefix,
                sub_account,
                tags,
            },
        )
        .boxed()
}

fn energy() -> BoxedStrategy<Option<TokenEnergy>> {
    proptest::option::of(
        (dec(), dec(), dec(), any::<bool>()).prop_map(|(i, o, r, pue)| TokenEnergy {
            wh_per_1k_input_tokens: i,
            wh_per_1k_output_tokens: o,
            wh_per_request: r,
            includes_pue: pue,
        }),
    )
    .boxed()
}

fn long_context() -> BoxedStrategy<Option<LongContext>> {
    let price = || proptest::option::of(dec());
    proptest::option::of(
        (dec(), dec(), dec(), price(), price()).prop_map(|(t, i, o, c, w)| LongContext {
            above_input_tokens: t,
            input_price_per_mtok: i,
            output_price_per_mtok: o,
            cached_input_price_per_mtok: c,
            cache_write_price_per_mtok: w,
        }),
    )
    .boxed()
}

fn hosted() -> BoxedStrategy<Serving> {
    (
        (dec(), dec(), dec(), dec(), dec()),
        (dec(), proptest::option::of(dec()), dec(), dec(), dec()),
        (dec(), proptest::option::of(dec())),
        energy(),
        long_context(),
    )
        .prop_map(
            |(
                (input, output, request, in_tokens, out_tokens),
                (cached, cached_price, batch, batch_off, off),
                (write, write_price),
                energy,
                long_context,
            )| {
                Serving::HostedApi {
                    input_price_per_mtok: input,
                    output_price_per_mtok: output,
                    price_per_request: request,
                    input_tokens: in_tokens,
                    output_tokens: out_tokens,
                    cached_input_share: cached,
                    cached_input_price_per_mtok: cached_price,
                    cache_write_share: write,
                    cache_write_price_per_mtok: write_price,
                    batch_share: batch,
                    batch_discount_pct: batch_off,
                    discount_pct: off,
                    energy,
                    long_context,
                }
            },
        )
        .boxed()
}

fn self_hosted() -> BoxedStrategy<Serving> {
    let hardware = prop_oneof![Just(Hardware::Gpu), Just(Hardware::Cpu)];
    let throughput = prop_oneof![
        dec().prop_map(Throughput::RequestsPerSecond),
        dec().prop_map(Throughput::TokensPerSecond),
    ];
    let reserved =
        proptest::option::of(
            (any::<u32>(), dec()).prop_map(|(instances, price)| Reserved {
                instances,
                price_per_hour: price,
            }),
        );
    let power = proptest::option::of((any::<u32>(), dec(), dec(), dec()).prop_map(
        |(devices, max, idle, host)| Power {
            devices,
            watts_max: max,
            watts_idle: idle,
            host_watts: host,
        },
    ));
    (
        (hardware, text(), dec(), throughput, dec(), dec()),
        (
            any::<u32>(),
            proptest::option::of(any::<u32>()),
            reserved,
            power,
        ),
    )
        .prop_map(
            |(
                (hardware, instance, price, throughput, tokens, utilization),
                (min, max, reserved, power),
            )| {
                Serving::SelfHosted {
                    hardware,
                    instance,
                    price_per_hour: price,
                    throughput,
                    tokens_per_request: tokens,
                    target_utilization: utilization,
                    min_instances: min,
                    max_instances: max,
                    reserved,
                    power,
                }
            },
        )
        .boxed()
}

/// Any serving: hosted, self-hosted, cascades of them (nested up to three deep) or routed.
fn serving() -> BoxedStrategy<Serving> {
    let stage = prop_oneof![hosted(), self_hosted()].prop_recursive(3, 8, 2, |inner| {
        (inner.clone(), inner, dec()).prop_map(|(primary, fallback, rate)| Serving::Cascade {
            primary: Box::new(primary),
            fallback: Box::new(fallback),
            escalation_rate: rate,
        })
    });
    let route = prop_oneof![Just(Route::NotServed), text().prop_map(Route::Design)];
    let routed = proptest::collection::btree_map(text(), route, 0..4)
        .prop_map(|routes| Serving::Routed { routes });
    prop_oneof![4 => stage, 1 => routed].boxed()
}

fn design() -> BoxedStrategy<Design> {
    let one_time = prop_oneof![
        Just(OneTime::default()),
        (dec(), any::<u32>()).prop_map(|(amount, months)| OneTime { amount, months }),
    ];
    (
        (
            text(),
            serving(),
            dec(),
            proptest::collection::btree_map(text(), dec(), 0..3),
        ),
        (
            dec(),
            dec(),
            one_time,
            proptest::option::of(dec()),
            proptest::option::of(dec()),
        ),
        (
            text(),
            proptest::collection::vec(source(), 0..3),
            proptest::option::of(billing()),
        ),
    )
        .prop_map(
            |(
                (name, serving, success_rate, success_by_use_case),
                (overhead, fixed, one_time, grid, pue),
                (notes, sources, billing),
            )| {
                Design {
                    name,
                    serving,
                    success_rate,
                    success_by_use_case,
                    overhead_pct: overhead,
                    fixed_monthly: fixed,
                    one_time,
                    grid_g_per_kwh: grid,
                    pue,
                    notes,
                    sources,
                    billing,
                }
            },
        )
        .boxed()
}

fn use_case() -> BoxedStrategy<UseCase> {
    (text(), dec(), dec(), prop_oneof![Just(Decimal::ONE), dec()])
        .prop_map(|(name, share, value, size)| UseCase {
            name,
            share,
            value_per_success: value,
            size,
        })
        .boxed()
}

fn timeline() -> BoxedStrategy<Option<Timeline>> {
    let growth = prop_oneof![
        dec().prop_map(|pct_per_month| Growth::Compound { pct_per_month }),
        dec().prop_map(|requests_per_month| Growth::Linear { requests_per_month }),
        proptest::collection::vec(any::<u64>(), 0..4).prop_map(Growth::Monthly),
    ];
    proptest::option::of(
        (
            month(),
            any::<u32>(),
            growth,
            proptest::option::of(dec()),
            proptest::option::of(text()),
        )
            .prop_map(
                |(start, months, growth, budget_monthly, running)| Timeline {
                    start,
                    months,
                    growth,
                    budget_monthly,
                    running,
                },
            ),
    )
    .boxed()
}

fn actual() -> BoxedStrategy<Actual> {
    (month(), any::<u64>(), dec(), proptest::option::of(dec()))
        .prop_map(|(month, requests, cost, value)| Actual {
            month,
            requests,
            cost,
            value,
        })
        .boxed()
}

fn carbon() -> BoxedStrategy<Option<Carbon>> {
    proptest::option::of(
        (
            dec(),
            dec(),
            dec(),
            proptest::collection::vec(source(), 0..2),
        )
            .prop_map(|(grid, pue, price, sources)| Carbon {
                grid_g_per_kwh: grid,
                pue,
                price_per_tonne: price,
                sources,
            }),
    )
    .boxed()
}

fn scenario() -> BoxedStrategy<Scenario> {
    let volume = (
        any::<u64>(),
        any::<u64>(),
        any::<u64>(),
        prop_oneof![Just(Decimal::ONE), dec()],
    )
        .prop_map(|(current, min, max, peak_to_average)| Volume {
            current,
            min,
            max,
            peak_to_average,
        });
    (
        (
            prop_oneof![Just(1u32), any::<u32>()],
            text(),
            text(),
            text(),
            dec(),
            volume,
        ),
        (
            proptest::collection::vec(use_case(), 0..4),
            proptest::collection::vec(design(), 0..4),
            timeline(),
            proptest::collection::vec(actual(), 0..3),
            carbon(),
        ),
    )
        .prop_map(
            |(
                (format, title, notes, currency, hours, volume),
                (use_cases, designs, timeline, actuals, carbon),
            )| {
                Scenario {
                    format,
                    title,
                    notes,
                    currency,
                    hours_per_month: hours,
                    volume,
                    use_cases,
                    designs,
                    timeline,
                    actuals,
                    carbon,
                    ranges: BTreeMap::new(),
                }
            },
        )
        .boxed()
}

/// How one generated range is placed.
#[derive(Debug, Clone)]
enum Placed {
    /// `Range(x, x)` on the written leaf at this index, where it reads as a number `x`: the
    /// file writes the range.
    Point(Index),
    /// Any range on the leaf at this index: written only if its median happens to be the value.
    Stale(Index, Decimal, Decimal),
    /// A real interval on one of a few fields, the field set to its median, as loading a file
    /// leaves it: the file writes the range.
    Median(Index, u8, Decimal, Decimal),
}

fn placed() -> BoxedStrategy<Placed> {
    let positive = (1i64..1_000_000, 0u32..4).prop_map(|(m, s)| Decimal::new(m, s));
    prop_oneof![
        any::<Index>().prop_map(Placed::Point),
        (any::<Index>(), dec(), dec()).prop_map(|(i, low, high)| Placed::Stale(i, low, high)),
        (any::<Index>(), 0u8..4, positive.clone(), positive)
            .prop_map(|(i, field, low, more)| { Placed::Median(i, field, low, low + more) }),
    ]
    .boxed()
}

/// A rate range strictly inside (0, 1).
fn as_rate(low: Decimal, high: Decimal) -> (Decimal, Decimal) {
    let scale = Decimal::new(2_000_001, 0);
    (low / scale, high / scale)
}

/// The field `field` (0–3) of the design or use case `i` picks: set to the range's median, its
/// path returned.
fn set_to_median(
    scenario: &mut Scenario,
    i: Index,
    field: u8,
    low: Decimal,
    high: Decimal,
) -> Option<String> {
    let (range, path) = if field < 2 {
        let at = i.index(scenario.use_cases.len().max(1));
        let case = scenario.use_cases.get_mut(at)?;
        let (range, path, slot) = if field == 0 {
            let path = format!("use_cases[{at}].value_per_success");
            (Range { low, high }, path, &mut case.value_per_success)
        } else {
            let (low, high) = as_rate(low, high);
            (
                Range { low, high },
                format!("use_cases[{at}].share"),
                &mut case.share,
            )
        };
        *slot = range.point(&path).ok()?;
        (range, path)
    } else {
        let at = i.index(scenario.designs.len().max(1));
        let design = scenario.designs.get_mut(at)?;
        let (range, path, slot) = match (field, &mut design.serving) {
            (2, _) => {
                let (low, high) = as_rate(low, high);
                (
                    Range { low, high },
                    format!("designs[{at}].success_rate"),
                    &mut design.success_rate,
                )
            }
            (
                _,
                Serving::HostedApi {
                    input_price_per_mtok,
                    ..
                },
            ) => {
                let path = format!("designs[{at}].serving.input_price_per_mtok");
                (Range { low, high }, path, input_price_per_mtok)
            }
            (_, Serving::SelfHosted { price_per_hour, .. }) => {
                let path = format!("designs[{at}].serving.price_per_hour");
                (Range { low, high }, path, price_per_hour)
            }
            _ => (
                Range { low, high },
                format!("designs[{at}].fixed_monthly"),
                &mut design.fixed_monthly,
            ),
        };
        *slot = range.point(&path).ok()?;
        (range, path)
    };
    scenario.ranges.insert(path.clone(), range);
    Some(path)
}

/// Puts the generated ranges on the scenario (after the fields they need are set).
fn with_ranges(mut scenario: Scenario, placed: &[Placed]) -> Scenario {
    for p in placed {
        if let Placed::Median(i, field, low, high) = p {
            set_to_median(&mut scenario, *i, *field, *low, *high);
        }
    }
    let leaves = from_text(&Scenario {
        ranges: BTreeMap::new(),
        ..scenario.clone()
    })
    .values;
    for p in placed {
        match p {
            Placed::Point(i) if !leaves.is_empty() => {
                let (path, text) = &leaves[i.index(leaves.len())];
                if let Ok(x) = inference_roi::model::exact::parse_decimal_literal(text) {
                    scenario
                        .ranges
                        .insert(path.clone(), Range { low: x, high: x });
                }
            }
            Placed::Stale(i, low, high) if !leaves.is_empty() => {
                let (path, _) = &leaves[i.index(leaves.len())];
                let range = Range {
                    low: *low.min(high),
                    high: *low.max(high),
                };
                scenario.ranges.insert(path.clone(), range);
            }
            _ => {}
        }
    }
    scenario
}

proptest! {
    #![proptest_config(ProptestConfig::with_cases(512))]

    #[test]
    fn generated_scenarios_flatten_as_their_text_is_walked(
        scenario in scenario(),
        placed in proptest::collection::vec(placed(), 0..6),
    ) {
        let scenario = with_ranges(scenario, &placed);
        let result = same(&scenario);
        prop_assert!(result.is_ok(), "{}", result.unwrap_err());
    }
}
