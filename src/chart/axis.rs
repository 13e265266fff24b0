//! The chart's axes: tick positions on log scales (decades, and 1–3 steps for ROI) and their
//! labels in requests, multiples and money.

use rust_decimal::prelude::ToPrimitive;

use crate::format;

/// `10^x`.
pub fn pow10(x: f64) -> f64 {
    10f64.powf(x)
}

/// Grid positions at 1, 2 and 5 × each power of ten within `lo..=hi` (in `log10`), with a
/// weight: 1 for a decade, 0.25 for the others.
pub fn decade_ticks(lo: f64, hi: f64) -> Vec<(f64, f64)> {
    let mut marks = Vec::new();
    if !(lo.is_finite() && hi.is_finite()) || hi - lo > 40.0 {
        return marks;
    }
    #[allow(clippy::cast_possible_truncation)]
    for decade in (lo.floor() as i32 - 1)..=(hi.ceil() as i32 + 1) {
        for (k, weight) in [(1.0, 1.0), (2.0, 0.25), (5.0, 0.25)] {
            let value = f64::from(decade) + f64::log10(k);
            if value >= lo && value <= hi {
                marks.push((value, weight));
            }
        }
    }
    marks
}

/// ROI grid positions: 0.5×, and 1× and 3× each power of ten (0.1×, 0.3×, 1×, 3×, 10×, …).
pub fn roi_ticks(lo: f64, hi: f64) -> Vec<(f64, f64)> {
    let mut marks = Vec::new();
    if !(lo.is_finite() && hi.is_finite()) || hi - lo > 40.0 {
        return marks;
    }
    #[allow(clippy::cast_possible_truncation)]
    for decade in (lo.floor() as i32 - 1)..=(hi.ceil() as i32 + 1) {
        for (k, weight) in [(1.0, 1.0), (3.0, 0.5)] {
            let value = f64::from(decade) + f64::log10(k);
            if value >= lo && value <= hi {
                marks.push((value, weight));
            }
        }
    }
    let half = f64::log10(0.5);
    if half >= lo && half <= hi {
        marks.push((half, 0.3));
    }
    marks
}

/// Monthly requests for a tick: 1k, 300k, 10M.
pub fn volume_label(x: f64) -> String {
    #[allow(clippy::cast_possible_truncation, clippy::cast_sign_loss)]
    let v = pow10(x).round() as u64;
    format::compact(v)
}

/// A multiple for a tick: 0.5×, 1×, 3×, 30×, 1,000×.
pub fn multiple_label(x: f64) -> String {
    let v = pow10(x);
    if v >= 1.0 {
        #[allow(clippy::cast_possible_truncation, clippy::cast_sign_loss)]
        let whole = v.round() as u64;
        format!("{}×", format::count(whole))
    } else {
        let text = format!("{v:.3}");
        format!("{}×", text.trim_end_matches('0').trim_end_matches('.'))
    }
}

/// A tick's value (`log10` `x`) as a decimal, rounded as ticks read: two significant digits
/// below 100, whole numbers above.
fn tick_value(x: f64) -> Option<rust_decimal::Decimal> {
    let v = pow10(x);
    rust_decimal::Decimal::from_f64_retain(v).map(|d| {
        if v >= 100.0 {
            d.round()
        } else {
            d.round_sf(2).unwrap_or(d)
        }
    })
}

/// Money for a tick, using the report's rounding rules.
pub fn money_label(x: f64, currency: &str) -> String {
    tick_value(x).map_or_else(String::new, |d| {
        let text = format::money(d, currency);
        text.strip_suffix(".00")
            .map_or_else(|| text.clone(), ToOwned::to_owned)
    })
}

/// A physical quantity for a tick (`0.003 Wh`, `12 g`, `1,000 Wh`).
pub fn quantity_label(x: f64, unit: &str) -> String {
    tick_value(x).map_or_else(String::new, |d| {
        let text = if d >= rust_decimal::Decimal::ONE_THOUSAND {
            d.to_u64().map_or_else(|| d.to_string(), format::count)
        } else {
            d.normalize().to_string()
        };
        format!("{text} {unit}")
    })
}

/// A tick on an axis: where (in `log10`), its label if it has one, and whether it is a decade.
#[derive(Debug, Clone, PartialEq)]
pub struct Tick {
    /// Position, `log10` of the value.
    pub value: f64,
    /// The label, or `None` for a grid line only.
    pub label: Option<String>,
    /// A decade (drawn stronger).
    pub major: bool,
}

/// Ticks with labels: every position for short ranges, decades only (the others as grid lines)
/// when the axis spans several decades.
pub(crate) fn labelled(
    marks: Vec<(f64, f64)>,
    span: f64,
    all_labelled: bool,
    label: impl Fn(f64) -> String,
) -> Vec<Tick> {
    marks
        .into_iter()
        .map(|(value, weight)| {
            let major = weight >= 1.0;
            let shown = major || all_labelled || span < 2.5;
            Tick {
                value,
                label: shown.then(|| label(value)),
                major,
            }
        })
        .collect()
}
