//! Cache writes in the design panel: the share and its price in "Discounts and traffic", the
//! tier's cache-write price in the long-context group, one undo step per edit.

use super::{harness, retype};
use egui::{Key, Modifiers};
use egui_kittest::kittest::Queryable;
use inference_roi::model::{Scenario, Serving};
use rust_decimal::Decimal;

/// The first design's cache-write share, its price and the tier's cache-write price.
fn writes(s: &Scenario) -> (Decimal, Option<Decimal>, Option<Decimal>) {
    match &s.designs[0].serving {
        Serving::HostedApi {
            cache_write_share,
            cache_write_price_per_mtok,
            long_context,
            ..
        } => (
            *cache_write_share,
            *cache_write_price_per_mtok,
            long_context.and_then(|t| t.cache_write_price_per_mtok),
        ),
        _ => panic!("the first design is a hosted API"),
    }
}

#[test]
fn cache_writes_are_edited_one_undo_step_each() {
    let mut harness = harness();
    harness.get_by_label("Discounts and traffic").click();
    harness.run_ok();
    // The price row appears only once some input is written to the cache.
    assert!(harness.query_by_label("Cache write price ($)").is_none());
    retype(&mut harness, "Cache writes", "10");
    assert_eq!(
        writes(harness.state().scenario()),
        (Decimal::new(1, 1), None, None)
    );
    retype(&mut harness, "Cache write price ($)", "3.75");
    assert_eq!(
        writes(harness.state().scenario()),
        (Decimal::new(1, 1), Some(Decimal::new(375, 2)), None)
    );
    // 0.9 × $2.50 + 0.1 × $3.75 = $2.625 per 1M input tokens.
    assert!(
        harness
            .query_by_label_contains("Effective input price after caching: $2.6")
            .is_some()
    );
    harness.key_press_modifiers(Modifiers::COMMAND, Key::Z);
    harness.run_ok();
    assert_eq!(
        writes(harness.state().scenario()),
        (Decimal::new(1, 1), None, None),
        "one undo step takes back the price"
    );
    retype(&mut harness, "Cache write price ($)", "3.75");
    // The tier: its cache-write price shows at the design's ratio, $5.00 × 3.75 ÷ 2.50 = $7.50.
    harness.get_by_label("Long-context tier").click();
    harness.run_ok();
    harness.get_by_label("Long-context prices").click();
    harness.run_ok();
    let label = "  Long-context cache write price ($)";
    assert!(harness.query_by_label(label).is_some());
    retype(&mut harness, label, "9");
    assert_eq!(writes(harness.state().scenario()).2, Some(Decimal::from(9)));
    harness.key_press_modifiers(Modifiers::COMMAND, Key::Z);
    harness.run_ok();
    assert_eq!(
        writes(harness.state().scenario()).2,
        None,
        "one undo step takes back the tier's price"
    );
}
