//! Designs measured from FOCUS cost-and-usage bills: the `billing` mapping in scenario files,
//! reading bills (plain and gzipped, hostile ones refused with a message) and the monthly figures,
//! worked by hand against the fixtures in `tests/fixtures/focus/` and by brute force.

#![allow(clippy::unwrap_used, clippy::expect_used)]

use std::collections::BTreeMap;
use std::fmt::Write as _;
use std::io::Write;
use std::path::{Path, PathBuf};
use std::str::FromStr;

use inference_roi::econ::validate;
use inference_roi::io;
use inference_roi::io::focus::{self, FocusError, Limits, ListPrice, Measured, MonthFigures};
use inference_roi::model::{Billing, Month, Scenario, Severity};
use proptest::prelude::*;
use rust_decimal::Decimal;

fn fixture(name: &str) -> PathBuf {
    Path::new(env!("CARGO_MANIFEST_DIR"))
        .join("tests/fixtures/focus")
        .join(name)
}

fn d(s: &str) -> Decimal {
    Decimal::from_str(s).unwrap()
}

fn list(weighted: &str, tokens: &str) -> ListPrice {
    ListPrice {
        weighted: d(weighted),
        tokens: d(tokens),
    }
}

fn month(s: &str) -> Month {
    s.parse().unwrap()
}

/// The support assistant with its API design mapped to the `acme-chat-1` model's rows tagged
/// `feature: support`, and its self-hosted design to the `gpu-fleet` sub-account.
fn scenario() -> Scenario {
    let mut s = io::load(Path::new(concat!(
        env!("CARGO_MANIFEST_DIR"),
        "/scenarios/support-assistant.ron"
    )))
    .unwrap();
    s.designs[0].billing = Some(Billing {
        model: Some("acme-chat-1".to_owned()),
        tags: BTreeMap::from([("feature".to_owned(), "support".to_owned())]),
        ..Billing::default()
    });
    s.designs[1].billing = Some(Billing {
        sub_account: Some("gpu-fleet".to_owned()),
        ..Billing::default()
    });
    s
}

fn measure(s: &Scenario, files: &[PathBuf]) -> Result<Measured, FocusError> {
    focus::measure(s, files, Limits::default())
}

// ---- The billing mapping in scenario files ----

#[test]
fn every_bundled_scenario_saves_byte_identically() {
    // Files written before `billing` existed are among them, and must stay byte-identical.
    let mut without = 0;
    for entry in std::fs::read_dir(concat!(env!("CARGO_MANIFEST_DIR"), "/scenarios")).unwrap() {
        let path = entry.unwrap().path();
        if path.extension().is_some_and(|e| e == "ron")
            && !inference_roi::io::portfolio::is_portfolio_file(&path)
        {
            let text = std::fs::read_to_string(&path).unwrap();
            let scenario = io::parse(&text).unwrap();
            without += usize::from(scenario.designs.iter().all(|d| d.billing.is_none()));
            assert_eq!(
                io::to_ron(&scenario).unwrap(),
                text,
                "{} changed on saving",
                path.display()
            );
        }
    }
    assert!(without >= 3, "bundled scenarios without billing: {without}");
}

/// The support assistant's text, its own mappings taken out, with `billing` written into its
/// first design.
fn with_billing(billing: &str) -> String {
    let mut plain = io::load(Path::new(concat!(
        env!("CARGO_MANIFEST_DIR"),
        "/scenarios/support-assistant.ron"
    )))
    .unwrap();
    for design in &mut plain.designs {
        design.billing = None;
    }
    let text = io::to_ron(&plain).unwrap();
    text.replacen(
        "        Design(\n",
        &format!("        Design(\n            billing: {billing},\n"),
        1,
    )
}

#[test]
fn billing_is_read_written_and_read_back() {
    let text = with_billing(
        r#"Some(Billing(model: Some("acme-chat-1"), service: Some("Acme AI"), sku_prefix: Some("acme-"),
            sub_account: Some("acct-ai"), tags: {"feature": "support", "env": "prod"}))"#,
    );
    let s = io::parse(&text).unwrap();
    let billing = s.designs[0].billing.clone().unwrap();
    assert_eq!(billing.model.as_deref(), Some("acme-chat-1"));
    assert_eq!(billing.sku_prefix.as_deref(), Some("acme-"));
    assert_eq!(billing.tags.len(), 2);
    let saved = io::to_ron(&s).unwrap();
    assert!(saved.contains("billing: Some(Billing("), "{saved}");
    assert_eq!(io::parse(&saved).unwrap(), s);
    assert!(validate(&s).iter().all(|p| p.severity != Severity::Error));

    let partial = io::parse(&with_billing(r#"Some(Billing(tags: {"team": "ml"}))"#)).unwrap();
    let saved = io::to_ron(&partial).unwrap();
    assert!(
        !saved.contains("model: None"),
        "absent parts are not written: {saved}"
    );
    assert_eq!(io::parse(&saved).unwrap(), partial);
}

#[test]
fn billing_refuses_unknown_fields_repeated_tags_and_bad_text() {
    let unknown = io::parse(&with_billing(r#"Some(Billing(modle: Some("x")))"#)).unwrap_err();
    assert!(unknown.to_string().contains("modle"), "{unknown}");
    let twice = io::parse(&with_billing(
        r#"Some(Billing(tags: {"a": "1", "a": "2"}))"#,
    ))
    .unwrap_err();
    assert!(twice.to_string().contains("written twice"), "{twice}");

    let problems = |billing: &str| -> Vec<String> {
        let s = io::parse(&with_billing(billing)).unwrap();
        validate(&s)
            .into_iter()
            .filter(|p| p.severity == Severity::Error)
            .map(|p| p.to_string())
            .collect()
    };
    let control = problems(r#"Some(Billing(tags: {"feature": "sup\u{1b}port"}))"#);
    assert!(
        control.iter().any(|p| p.starts_with(
            r#"designs[0].billing.tags["feature"] holds a control character (U+001B)"#
        )),
        "{control:?}"
    );
    let empty_key = problems(r#"Some(Billing(tags: {"": "x"}))"#);
    assert!(
        empty_key
            .iter()
            .any(|p| p.starts_with(r#"designs[0].billing.tags[""] has an empty key"#)),
        "{empty_key:?}"
    );
    let line_break = problems(r#"Some(Billing(service: Some("Acme\nAI")))"#);
    assert!(
        line_break
            .iter()
            .any(|p| p.starts_with("designs[0].billing.service holds a control")),
        "{line_break:?}"
    );

    let long = format!(r#"Some(Billing(model: Some("{}")))"#, "m".repeat(201));
    let refused = io::parse(&with_billing(&long)).unwrap_err().to_string();
    assert!(
        refused.contains("designs[0].billing.model is 201 characters long"),
        "{refused}"
    );
}

// ---- The specification's own sample ----

/// `spec-prompt-caching.csv` (see the README beside it): one month, January 2025, of one model's
/// tokens, every direction told by `SkuPriceDetails`.
/// - cost = 1.5 + 7.5 + 2.4 + 22.5 = 33.9 (the list cost is the same: no discount);
/// - input tokens = 500,000 uncached + 2,000,000 cache writes + 8,000,000 cache reads = 10,500,000;
/// - output tokens 1,500,000.
#[test]
fn the_specifications_prompt_caching_sample() {
    let mut s = scenario();
    s.designs[0].billing = Some(Billing {
        model: Some("solora-reasoning-pro".to_owned()),
        ..Billing::default()
    });
    let m = measure(&s, &[fixture("spec-prompt-caching.csv")]).unwrap();
    assert_eq!(m.rows.read, 4);
    assert_eq!(m.rows.matched, 4);
    assert_eq!(m.designs.len(), 2);
    let january = m.designs[0].months[&month("2025-01")];
    assert_eq!(
        m.designs[0].months.len(),
        1,
        "the end (2025-02-01) is exclusive"
    );
    assert_eq!(
        january,
        MonthFigures {
            cost: d("33.9"),
            list_cost: d("33.9"),
            input_tokens: d("10500000"),
            cache_read_tokens: d("8000000"),
            cache_write_tokens: d("2000000"),
            output_tokens: d("1500000"),
            other_tokens: Decimal::ZERO,
            token_cost: d("33.9"),
            token_list_cost: d("33.9"),
            // List price × tokens, and tokens, for input ($3 a 1M), cache reads ($0.30),
            // cache writes ($3.75) and output ($15); `PricingUnit` is `1000000 Tokens`.
            list_prices: [
                list("1500000", "500000"),
                list("2400000", "8000000"),
                list("7500000", "2000000"),
                list("22500000", "1500000"),
            ],
            rows: 4,
        }
    );
    assert_eq!(m.models_found.len(), 1);
    assert_eq!(
        m.models_found[0].model.as_deref(),
        Some("solora-reasoning-pro")
    );
    assert_eq!(m.models_found[0].service, "Solora Generative AI API");
    assert_eq!(m.models_found[0].cost, d("33.9"));
}

// ---- Our own fixture: every path ----

/// `own.csv` (columns in another order than the spec's, an extra `InvoiceId`, a byte order mark,
/// CRLF line ends and a quoted line break in the last row). Line by line:
/// - 2–5, support (acme-chat-1, feature support), 2026-10-01 for a day, directions from `SkuMeter`:
///   input 2,000,000 (4.00, list 5.00); output 1,000,000 (8.00, list 10.00); cache reads 1,000,000
///   (0.25; unit written `tokens`); cache writes 200,000 (0.50);
/// - 6, support, 2026-10-31 18:00 to 11-01 12:00 (6 h in October, 12 h in November), direction
///   from `SkuPriceDetails`, 3,000,000 input tokens for 6.00: October gets 6/18 (2.00 and 1,000,000
///   tokens), November 12/18 (4.00 and 2,000,000);
/// - 7, support credit of −1.50 for October (no tokens);
/// - 8, a year's Purchase (1,200) and 9, Tax (3.20): left out, counted;
/// - 10, the GPU fleet (sub-account gpu-fleet), an hour on 2026-11-01: 2.5, list 3.0;
/// - 11, acme-chat-1 tagged feature search: unmatched, 7.00;
/// - 12, acme-embed-1 (cost `1.25E0`, quantity `5E+7`): unmatched, 1.25;
/// - 13, support, 2026-11-05, output 500,000 from `TokenDirection` Output: 5.00, list 6.25.
///
/// Support, October: cost 4 + 8 + 0.25 + 0.5 + 2 − 1.5 = 13.25; list 5 + 10 + 0.25 + 0.5 + 2 + 0
/// = 17.75; input 2,000,000 + 1,000,000 + 200,000 + 1,000,000 = 4,200,000 (cache reads 1,000,000,
/// writes 200,000: cached share 1/4.2, write share 0.2/4.2); output 1,000,000; token rows cost
/// 14.75 against a list 17.75 (an effective discount of 1 − 14.75/17.75 ≈ 16.9 %); 6 rows.
/// Support, November: cost 4 + 5 = 9, list 4 + 6.25 = 10.25, input 2,000,000, output 500,000.
/// Fleet, November: 2.5, list 3.0. Rows: 12 read = 8 matched + 2 unmatched + 1 purchase + 1 tax.
fn check_own(m: &Measured) {
    assert_eq!(m.currency, "USD");
    assert_eq!(
        (
            m.rows.read,
            m.rows.matched,
            m.rows.unmatched,
            m.rows.left_out.purchase,
            m.rows.left_out.tax
        ),
        (12, 8, 2, 1, 1)
    );
    assert_eq!(m.unmatched_cost, d("8.25"));
    let support = &m.designs[0];
    assert_eq!(support.index, 0);
    assert_eq!(
        support.months.keys().copied().collect::<Vec<_>>(),
        [month("2026-10"), month("2026-11")]
    );
    let october = support.months[&month("2026-10")];
    assert_eq!(
        october,
        MonthFigures {
            cost: d("13.25"),
            list_cost: d("17.75"),
            input_tokens: d("4200000"),
            cache_read_tokens: d("1000000"),
            cache_write_tokens: d("200000"),
            output_tokens: d("1000000"),
            other_tokens: Decimal::ZERO,
            token_cost: d("14.75"),
            token_list_cost: d("17.75"),
            // Input: 2,000,000 at $2.50 and October's 1,000,000 of line 6 at $2 (7,000,000 over
            // 3,000,000 tokens, an average of $2.33); cache reads $0.25, writes $2.50, output $10.
            list_prices: [
                list("7000000", "3000000"),
                list("250000", "1000000"),
                list("500000", "200000"),
                list("10000000", "1000000"),
            ],
            rows: 6,
        }
    );
    let november = support.months[&month("2026-11")];
    assert_eq!((november.cost, november.list_cost), (d("9"), d("10.25")));
    assert_eq!(
        (november.input_tokens, november.output_tokens),
        (d("2000000"), d("500000"))
    );
    assert_eq!(november.rows, 2);
    let fleet = &m.designs[1];
    assert_eq!(fleet.months.len(), 1);
    let hour = fleet.months[&month("2026-11")];
    assert_eq!(
        (hour.cost, hour.list_cost, hour.input_tokens),
        (d("2.5"), d("3.0"), Decimal::ZERO)
    );
    let found: Vec<(Option<&str>, &str, Decimal)> = m
        .models_found
        .iter()
        .map(|f| (f.model.as_deref(), f.service.as_str(), f.cost))
        .collect();
    // acme-chat-1: 4 + 8 + 0.25 + 0.5 + 6 − 1.5 + 7 + 5 = 29.25 (matched or not; purchase and tax aside).
    assert_eq!(
        found,
        [
            (None, "Compute Cloud", d("2.5")),
            (Some("acme-chat-1"), "Acme AI", d("29.25")),
            (Some("acme-embed-1"), "Acme AI", d("1.25")),
        ]
    );
}

#[test]
fn our_fixture_month_by_month() {
    check_own(&measure(&scenario(), &[fixture("own.csv")]).unwrap());
}

#[test]
fn a_gzipped_bill_reads_the_same_and_is_told_by_its_bytes() {
    check_own(&measure(&scenario(), &[fixture("own.csv.gz")]).unwrap());
    let dir = tempfile::tempdir().unwrap();
    let misnamed = dir.path().join("bill.csv");
    std::fs::copy(fixture("own.csv.gz"), &misnamed).unwrap();
    check_own(&measure(&scenario(), &[misnamed]).unwrap());
}

#[test]
fn two_bills_add_up() {
    let m = measure(&scenario(), &[fixture("own.csv"), fixture("own.csv.gz")]).unwrap();
    assert_eq!(m.rows.read, 24);
    assert_eq!(m.designs[0].months[&month("2026-10")].cost, d("26.50"));
}

#[test]
fn a_row_claimed_by_two_designs_is_refused_naming_both() {
    let mut s = scenario();
    s.designs[2].billing = Some(Billing {
        service: Some("Acme AI".to_owned()),
        ..Billing::default()
    });
    let e = measure(&s, &[fixture("own.csv")]).unwrap_err().to_string();
    assert!(e.contains("line 2"), "{e}");
    assert!(
        e.contains(&format!("{:?}", s.designs[0].name))
            && e.contains(&format!("{:?}", s.designs[2].name)),
        "{e}"
    );
}

#[test]
fn another_currency_is_refused_naming_both() {
    let mut s = scenario();
    s.currency = "EUR".to_owned();
    let e = measure(&s, &[fixture("own.csv")]).unwrap_err().to_string();
    assert!(
        e.contains("line 2") && e.contains("USD") && e.contains("EUR"),
        "{e}"
    );
}

// ---- Bad and hostile input ----

fn write(dir: &Path, name: &str, bytes: &[u8]) -> PathBuf {
    let path = dir.join(name);
    std::fs::write(&path, bytes).unwrap();
    path
}

const HEADER: &str =
    "ChargePeriodStart,ChargePeriodEnd,ChargeCategory,BillingCurrency,EffectiveCost,ConsumedUnit\n";
const GOOD: &str = "2026-10-01T00:00:00Z,2026-10-02T00:00:00Z,Usage,USD,1.00,\n";

fn refusal(name: &str, bytes: &[u8]) -> String {
    refusal_within(name, bytes, Limits::default())
}

fn refusal_within(name: &str, bytes: &[u8], limits: Limits) -> String {
    let dir = tempfile::tempdir().unwrap();
    let path = write(dir.path(), name, bytes);
    let e = focus::measure(&scenario(), &[path], limits)
        .unwrap_err()
        .to_string();
    assert!(e.contains(name), "the message names the file: {e}");
    e
}

fn gzip(bytes: &[u8]) -> Vec<u8> {
    let mut encoder = flate2::write::GzEncoder::new(Vec::new(), flate2::Compression::fast());
    encoder.write_all(bytes).unwrap();
    encoder.finish().unwrap()
}

#[test]
fn missing_columns_are_named_and_an_empty_file_refused() {
    let e = refusal("costs.csv", b"Date,Cost\n2026-10-01,3\n");
    assert!(
        e.contains("not a FOCUS bill")
            && e.contains("ChargePeriodStart")
            && e.contains("EffectiveCost"),
        "{e}"
    );
    let e = refusal(
        "some.csv",
        b"ChargePeriodStart,ChargePeriodEnd,ChargeCategory,EffectiveCost\n",
    );
    assert!(e.contains("no BillingCurrency column"), "{e}");
    assert!(refusal("empty.csv", b"").contains("is empty"));
}

#[test]
fn unreadable_cells_are_named_by_line_and_column() {
    let e = refusal(
        "n.csv",
        format!("{HEADER}{GOOD}2026-10-01T00:00:00Z,2026-10-02T00:00:00Z,Usage,USD,1;5,\n")
            .as_bytes(),
    );
    assert!(
        e.contains("line 3, column EffectiveCost") && e.contains("\"1;5\" is not a number"),
        "{e}"
    );
    let e = refusal(
        "t.csv",
        format!("{HEADER}2026-10-01,2026-10-32,Usage,USD,1,\n").as_bytes(),
    );
    assert!(e.contains("line 2, column ChargePeriodEnd"), "{e}");
    let e = refusal(
        "c.csv",
        format!("{HEADER}2026-10-01,2026-10-02,Refund,USD,1,\n").as_bytes(),
    );
    assert!(e.contains("line 2, column ChargeCategory"), "{e}");
    let mut bad_utf8 = format!("{HEADER}2026-10-01,2026-10-02,Usage,USD,1,Tok").into_bytes();
    bad_utf8.extend_from_slice(&[0xff, 0xfe, b'\n']);
    let e = refusal("u.csv", &bad_utf8);
    assert!(
        e.contains("line 2, column ConsumedUnit") && e.contains("not UTF-8"),
        "{e}"
    );
    let json = concat!(
        "ChargePeriodStart,ChargePeriodEnd,ChargeCategory,BillingCurrency,EffectiveCost,Tags\n",
        "2026-10-01,2026-10-02,Usage,USD,1,\"{\"\"a\"\": \"\n",
    );
    let e = refusal("j.csv", json.as_bytes());
    assert!(e.contains("column Tags") && e.contains("JSON"), "{e}");
}

#[test]
fn a_quote_never_closed_is_refused() {
    let text = format!("{HEADER}2026-10-01,2026-10-02,Usage,USD,\"1.00,\n{GOOD}{GOOD}");
    let e = refusal("q.csv", text.as_bytes());
    assert!(e.contains("line 2"), "{e}");
}

#[test]
fn a_ten_megabyte_field_is_refused_without_reading_it_whole() {
    let mut text = format!("{HEADER}2026-10-01,2026-10-02,Usage,USD,1,\"").into_bytes();
    text.extend(std::iter::repeat_n(b'x', 10 * 1024 * 1024));
    text.extend_from_slice(b"\"\n");
    let e = refusal("wide.csv", &text);
    assert!(e.contains("a row is longer than 1048576 bytes"), "{e}");
    let e = refusal("wide.csv.gz", &gzip(&text));
    assert!(e.contains("a row is longer than"), "{e}");
}

#[test]
fn a_gzip_bomb_stops_at_the_size_limit() {
    // 200 MB of rows compress to a few MB; the reader stops at its 8 MiB limit.
    let mut text = HEADER.as_bytes().to_vec();
    let rows = 200 * 1024 * 1024 / GOOD.len();
    text.extend(
        GOOD.as_bytes()
            .iter()
            .copied()
            .cycle()
            .take(rows * GOOD.len()),
    );
    let bomb = gzip(&text);
    drop(text);
    assert!(bomb.len() < 4 * 1024 * 1024, "{}", bomb.len());
    let limits = Limits {
        max_bytes: 8 * 1024 * 1024,
        ..Limits::default()
    };
    let started = std::time::Instant::now();
    let e = refusal_within("bomb.csv.gz", &bomb, limits);
    assert!(e.contains("more than 8388608 bytes of CSV text"), "{e}");
    assert!(started.elapsed().as_secs() < 20);
}

#[test]
fn a_truncated_gzip_is_refused() {
    let whole = std::fs::read(fixture("own.csv.gz")).unwrap();
    let e = refusal("cut.csv.gz", &whole[..whole.len() / 2]);
    assert!(e.contains("gzip stream cannot be read"), "{e}");
}

// ---- Against a brute-force sum ----

/// The days of each month of 2026, from January: the brute force's own calendar.
const DAYS_2026: [i64; 12] = [31, 28, 31, 30, 31, 30, 31, 31, 30, 31, 30, 31];

/// The 0-based month of 2026 an hour (counted from 2026-01-01 00:00 UTC) falls in.
fn month_of_hour(hour: i64) -> usize {
    let mut day = hour / 24;
    for (m, days) in DAYS_2026.iter().enumerate() {
        if day < *days {
            return m;
        }
        day -= days;
    }
    unreachable!()
}

/// An hour of 2026 (or the end of the year) as the bill writes it.
fn stamp(hour: i64) -> String {
    if hour == 365 * 24 {
        return "2027-01-01T00:00:00Z".to_owned();
    }
    let mut day = hour / 24;
    let mut m = 0;
    while day >= DAYS_2026[m] {
        day -= DAYS_2026[m];
        m += 1;
    }
    format!("2026-{:02}-{:02}T{:02}:00:00Z", m + 1, day + 1, hour % 24)
}

#[derive(Debug, Clone)]
struct Gen {
    start: i64,
    hours: i64,
    category: usize,
    cents: i64,
    tokens: i64,
    output: bool,
    mine: bool,
}

fn gen_row() -> impl Strategy<Value = Gen> {
    (
        0i64..(330 * 24),
        1i64..(40 * 24),
        0usize..5,
        -500i64..100_000,
        0i64..5_000_000,
        any::<bool>(),
        any::<bool>(),
    )
        .prop_map(
            |(start, hours, category, cents, tokens, output, mine)| Gen {
                start,
                hours,
                category,
                cents,
                tokens,
                output,
                mine,
            },
        )
}

const CATEGORIES: [&str; 5] = ["Usage", "Credit", "Adjustment", "Purchase", "Tax"];

proptest! {
    #![proptest_config(ProptestConfig::with_cases(48))]
    #[test]
    fn monthly_totals_match_a_brute_force_sum(rows in proptest::collection::vec(gen_row(), 1..40)) {
        let mut text = String::from(
            "ChargePeriodStart,ChargePeriodEnd,ChargeCategory,BillingCurrency,EffectiveCost,ConsumedQuantity,\
             ConsumedUnit,SkuMeter,Tags\n",
        );
        // Brute force: each row's amounts spread hour by hour; a month's figure is the row's amount
        // times its hours in the month over its hours in all.
        let mut cost = [Decimal::ZERO; 12];
        let mut input = [Decimal::ZERO; 12];
        let mut output = [Decimal::ZERO; 12];
        let mut whole = Decimal::ZERO;
        for r in &rows {
            let end = (r.start + r.hours).min(365 * 24);
            let amount = Decimal::new(r.cents, 2);
            let tag = if r.mine { "mine" } else { "theirs" };
            let meter = if r.output { "Output Tokens" } else { "Input Tokens" };
            writeln!(
                text,
                "{},{},{},USD,{amount},{},Tokens,{meter},\"{{\"\"f\"\": \"\"{tag}\"\"}}\"",
                stamp(r.start),
                stamp(end),
                CATEGORIES[r.category],
                r.tokens,
            )
            .unwrap();
            if !r.mine || r.category >= 3 {
                continue;
            }
            whole += amount;
            let mut hours = [0i64; 12];
            for hour in r.start..end {
                hours[month_of_hour(hour)] += 1;
            }
            let all = end - r.start;
            for m in 0..12 {
                let share = Decimal::from(hours[m]) / Decimal::from(all);
                cost[m] += amount * share;
                let tokens = Decimal::from(r.tokens) * share;
                if r.output { output[m] += tokens } else { input[m] += tokens }
            }
        }
        let dir = tempfile::tempdir().unwrap();
        let path = write(dir.path(), "gen.csv", text.as_bytes());
        let mut s = scenario();
        s.designs[1].billing = None;
        s.designs[0].billing = Some(Billing {
            tags: BTreeMap::from([("f".to_owned(), "mine".to_owned())]),
            ..Billing::default()
        });
        let m = measure(&s, &[path]).unwrap();
        let months = &m.designs[0].months;
        // Each share is rounded to 12 places: 40 rows are within 1e-9 of the brute force.
        let close = |a: Decimal, b: Decimal| (a - b).abs() < Decimal::new(1, 9);
        let mut total = Decimal::ZERO;
        for (i, month_cost) in cost.iter().enumerate() {
            let got = months.get(&Month::new(2026, u8::try_from(i + 1).unwrap()).unwrap()).copied().unwrap_or_default();
            total += got.cost;
            prop_assert!(close(got.cost, *month_cost), "month {}: {} against {}", i + 1, got.cost, month_cost);
            prop_assert!(close(got.input_tokens, input[i]), "month {} input", i + 1);
            prop_assert!(close(got.output_tokens, output[i]), "month {} output", i + 1);
        }
        prop_assert_eq!(total, whole, "the months add up to the rows exactly");
        let left_out = rows.iter().filter(|r| r.category >= 3).count() as u64;
        prop_assert_eq!(m.rows.left_out.purchase + m.rows.left_out.tax, left_out);
        prop_assert_eq!(m.rows.read, rows.len() as u64);
    }
}

// ---- The `bill` command ----

fn cli() -> assert_cmd::Command {
    assert_cmd::Command::cargo_bin("inference-roi").unwrap()
}

fn bill_json(args: &[&str]) -> serde_json::Value {
    let output = cli()
        .arg("bill")
        .args(args)
        .arg("--format")
        .arg("json")
        .output()
        .unwrap();
    assert!(
        output.status.success(),
        "{}",
        String::from_utf8_lossy(&output.stderr)
    );
    serde_json::from_slice(&output.stdout).unwrap()
}

/// `support-billing.ron` is the support assistant mapped as [`scenario`] maps it. With a count of
/// 1,000 requests for the API in October and 500 for every design in November: October 13.25 /
/// 1,000 = 0.01325; November 9 / 500 = 0.018. Without a count, October's requests are estimated
/// as 4,200,000 input tokens / 1,600 per request = 2,625.
#[test]
fn bill_prints_each_designs_months_as_json() {
    let scenario = fixture("support-billing.ron");
    let dir = tempfile::tempdir().unwrap();
    let requests = write(
        dir.path(),
        "requests.csv",
        b"month,requests,design\n2026-10,1000,GPT-4o API\n2026-11,500,\n",
    );
    let own = fixture("own.csv");
    let args = [scenario.to_str().unwrap(), own.to_str().unwrap()];
    let json = bill_json(&[args[0], args[1], "--requests", requests.to_str().unwrap()]);
    assert_eq!(json["currency"], "USD");
    assert_eq!(json["rows"]["read"], 12);
    assert_eq!(json["rows"]["left_out"]["purchase"], 1);
    assert_eq!(json["unmatched_cost"], "8.25");
    assert_eq!(json["models_found"][1]["model"], "acme-chat-1");
    assert_eq!(json["models_found"][1]["cost"], "29.25");
    let api = &json["designs"][0];
    assert_eq!(api["name"], "GPT-4o API");
    let october = &api["months"][0];
    assert_eq!(october["month"], "2026-10");
    assert_eq!(october["cost"], "13.25");
    assert_eq!(october["list_cost"], "17.75");
    assert_eq!(october["input_tokens"], 4_200_000);
    assert_eq!(october["cached_read_tokens"], 1_000_000);
    assert_eq!(october["cache_write_tokens"], 200_000);
    assert_eq!(october["output_tokens"], 1_000_000);
    assert_eq!(october["requests"], 1000);
    assert_eq!(october["requests_estimated"], false);
    assert_eq!(october["cost_per_inference"], "0.01325");
    assert_eq!(api["months"][1]["cost_per_inference"], "0.018");
    assert_eq!(json["designs"][1]["months"][0]["requests"], 500);

    let estimated = bill_json(&args);
    let october = &estimated["designs"][0]["months"][0];
    assert_eq!(october["requests"], 2625);
    assert_eq!(october["requests_estimated"], true);
    let text = cli().arg("bill").args(args).output().unwrap();
    let text = String::from_utf8(text.stdout).unwrap();
    assert!(
        // The plan's serving at ~2,625 requests: 2,625 × 0.0065 = 17.0625.
        text.contains("2026-10  cost 13.25 USD (list 17.75, plan 17.06)"),
        "{text}"
    );
}

#[test]
fn bill_refuses_with_a_message() {
    let scenario = fixture("support-billing.ron");
    let dir = tempfile::tempdir().unwrap();
    let twice = write(
        dir.path(),
        "twice.csv",
        b"month,requests\n2026-10,1000\n2026-10,2000\n",
    );
    cli()
        .args([
            "bill",
            scenario.to_str().unwrap(),
            fixture("own.csv").to_str().unwrap(),
            "--requests",
        ])
        .arg(&twice)
        .assert()
        .code(2)
        .stderr(predicates::str::contains(
            "line 3: 2026-10 is written twice",
        ));
    let plain = Path::new(env!("CARGO_MANIFEST_DIR")).join("scenarios/search-summaries.ron");
    cli()
        .arg("bill")
        .arg(&plain)
        .arg(fixture("own.csv"))
        .assert()
        .code(1)
        .stderr(predicates::str::contains(
            "no design says which rows of a bill are its own",
        ));
    cli()
        .arg("bill")
        .arg(&scenario)
        .arg(fixture("README.md"))
        .assert()
        .code(2)
        .stderr(predicates::str::contains("is not a FOCUS bill"));
}

/// A bill is someone else's file: its model ids, services and cells reach the terminal only as
/// harmless text, in the text output and in a refusal's message alike.
#[test]
fn a_bills_hostile_text_reaches_the_terminal_harmlessly() {
    let scenario = fixture("support-billing.ron");
    let dir = tempfile::tempdir().unwrap();
    let header = "ServiceName,ChargeCategory,ChargePeriodStart,ChargePeriodEnd,BillingCurrency,\
                  EffectiveCost,ListCost,ConsumedQuantity,ConsumedUnit,SkuMeter,SkuPriceDetails\n";
    let row = "\"Evil\u{1b}]0;pwned\u{7}Svc\",Usage,2026-10-01T00:00:00Z,2026-10-02T00:00:00Z,USD,1,1,\
               1000,Tokens,Input Tokens,\"{\"\"ModelId\"\": \"\"x\\u001b[2Jy\"\"}\"\n";
    let bill = write(
        dir.path(),
        "hostile.csv",
        format!("{header}{row}").as_bytes(),
    );
    let output = cli()
        .arg("bill")
        .arg(&scenario)
        .arg(&bill)
        .output()
        .unwrap();
    assert!(
        output.status.success(),
        "{}",
        String::from_utf8_lossy(&output.stderr)
    );
    let text = String::from_utf8(output.stdout).unwrap();
    assert!(text.contains("Models found"), "{text}");
    assert!(
        !text.contains('\u{1b}') && !text.contains('\u{7}'),
        "{text:?}"
    );
    // A refusal quoting a cell: the bad number's text comes back without its escape.
    let bad = "ServiceName,ChargeCategory,ChargePeriodStart,ChargePeriodEnd,BillingCurrency,EffectiveCost\n\
               Svc,Usage,2026-10-01T00:00:00Z,2026-10-02T00:00:00Z,USD,\"1\u{1b}[31m\"\n";
    let bad = write(dir.path(), "bad.csv", bad.as_bytes());
    let output = cli().arg("bill").arg(&scenario).arg(&bad).output().unwrap();
    assert!(!output.status.success());
    let message = String::from_utf8(output.stderr).unwrap();
    assert!(message.contains("line 2"), "{message}");
    assert!(!message.contains('\u{1b}'), "{message:?}");
}
