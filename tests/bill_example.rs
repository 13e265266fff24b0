//! The bundled bill (`scenarios/support-assistant-bill.csv`) measured for the bundled support
//! assistant, every figure checked worked by hand.

#![allow(clippy::unwrap_used)]

use std::path::{Path, PathBuf};

use inference_roi::io::focus::{Limits, measure};
use inference_roi::model::Month;
use rust_decimal::Decimal;

fn bundled(name: &str) -> PathBuf {
    Path::new(env!("CARGO_MANIFEST_DIR"))
        .join("scenarios")
        .join(name)
}

fn dec(s: &str) -> Decimal {
    s.parse().unwrap()
}

#[test]
fn the_bundled_bill_measures_as_worked_by_hand() {
    let scenario = inference_roi::io::load(&bundled("support-assistant.ron")).unwrap();
    let measured = measure(
        &scenario,
        &[bundled("support-assistant-bill.csv")],
        Limits::default(),
    )
    .unwrap();

    // 35 rows: 24 token rows (4 meters × 2 half-months × 3 months) and the credit for the API
    // design (25), 6 half-month compute rows and one spanning 31 October–1 November for the
    // fleet (7), one gpt-4o-mini row of another feature claimed by neither, one purchase and one
    // tax row left out.
    assert_eq!(measured.rows.read, 35);
    assert_eq!(measured.rows.matched, 32);
    assert_eq!(measured.rows.unmatched, 1);
    assert_eq!(measured.rows.left_out.purchase, 1);
    assert_eq!(measured.rows.left_out.tax, 1);
    // The unmatched row: 20,000,000 tokens × $0.15 per 1M = $3.00 list, 10 % off: $2.70.
    assert_eq!(measured.unmatched_cost, dec("2.70"));

    let october: Month = "2026-10".parse().unwrap();
    let api = &measured.designs[0];
    assert_eq!(api.name, "GPT-4o API");
    let m = &api.months[&october];
    // 300,000 requests × 1,600 input tokens = 480,000,000 input tokens, of which 40 % read from
    // the cache (192,000,000) and 2 % written to it (9,600,000); 300,000 × 250 = 75,000,000 out.
    assert_eq!(m.input_tokens, dec("480000000"));
    assert_eq!(m.cache_read_tokens, dec("192000000"));
    assert_eq!(m.cache_write_tokens, dec("9600000"));
    assert_eq!(m.output_tokens, dec("75000000"));
    // List: 278.4M uncached × $2.50 = $696.00; 192M cache reads × $1.25 = $240.00; 9.6M cache
    // writes × $2.50 = $24.00; 75M out × $10.00 = $750.00; in all $1,710.00. Effective: 90 % of
    // that, $1,539.00, less the $40.00 service credit: $1,499.00.
    assert_eq!(m.token_list_cost, dec("1710"));
    assert_eq!(m.token_cost, dec("1539"));
    assert_eq!(m.list_cost, dec("1710"));
    assert_eq!(m.cost, dec("1499"));
    // 8 token rows and the credit.
    assert_eq!(m.rows, 9);

    let fleet = &measured.designs[1];
    assert_eq!(fleet.name, "Fine-tuned 8B on A10G");
    let m = &fleet.months[&october];
    // 744 hours (31 days) × $1.006 = $748.464 list, at the savings plan's 72 %: $538.89408; and
    // half of the 12-hour spike row (6 of its hours are in October): 12 × $1.006 × 0.72 =
    // $8.69184, halved: $4.34592. In all $543.24.
    assert_eq!(m.cost, dec("543.24"));
    assert_eq!(m.list_cost, dec("754.5"));
    assert_eq!(m.input_tokens, Decimal::ZERO);
    assert_eq!(m.rows, 3);
    // November has the spike row's other half: 720 h × $1.006 × 0.72 + $4.34592.
    let november: Month = "2026-11".parse().unwrap();
    assert_eq!(fleet.months[&november].cost, dec("525.85632"));
}
