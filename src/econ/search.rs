//! Exact searches over volume: the smallest volume that reaches an ROI threshold, the volume
//! from which it holds for good, and every crossover between two designs.
//!
//! Cost is piecewise linear in volume (see [`super::cost`]), so each search walks the segments
//! on which it is one straight line and solves a linear inequality exactly on each. Monotone
//! bounds skip the segments that cannot matter, so a typical search touches a handful of them.
//! A budget stops pathological inputs (instances so small that every request adds one) from
//! hanging the app: they get a clear error instead.

use rust_decimal::Decimal;

use super::EconError;
use super::cost::{Checked, CostModel, Segment, ceil_div, floor_div};
use crate::model::validate::MAX_VOLUME;

/// Most segments one search may visit before it reports [`EconError::SearchLimit`].
const SEGMENT_BUDGET: usize = 200_000;

/// Where a design stands against one ROI threshold (1×, 3× or 10×), searched up to 10^12 requests
/// per month and within its capacity.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Default)]
pub struct Threshold {
    /// The smallest monthly volume at which ROI reaches the threshold; `None` = never.
    pub first: Option<u64>,
    /// The smallest volume from which ROI stays at or above the threshold up to the search
    /// limit. Equal to `first` unless a step cost pushes ROI back below it; `None` when it never
    /// holds (it only touches the threshold between steps).
    pub holds_from: Option<u64>,
}

impl Threshold {
    /// True when ROI reaches the threshold and then falls back below it at a larger volume.
    pub fn dips(&self) -> bool {
        self.first.is_some() && self.holds_from != self.first
    }
}

/// Most segments all the crossover searches of one analysis visit together: each pair gets an
/// equal part of it, at least [`PAIR_FLOOR`] and at most [`SEGMENT_BUDGET`], so 64 designs
/// whose ROI curves cross at every step (2,016 pairs) stop in about a second, not minutes.
pub(crate) const CROSSOVER_BUDGET: usize = 1_000_000;

/// The fewest segments a pair's crossover search may visit.
const PAIR_FLOOR: usize = 200;

/// The most crossover volumes listed per pair; the rest are counted.
pub const LISTED_CROSSOVERS: usize = 20;

/// Counts segment visits against a limit (by default [`SEGMENT_BUDGET`]).
struct Budget {
    spent: usize,
    limit: usize,
}

impl Budget {
    fn new(limit: usize) -> Budget {
        Budget { spent: 0, limit }
    }

    fn spend(&mut self) -> Result<(), EconError> {
        self.spent += 1;
        if self.spent > self.limit {
            Err(EconError::SearchLimit)
        } else {
            Ok(())
        }
    }
}

/// The largest volume a design is searched at: its capacity limit, at most 10^12.
pub(crate) fn search_limit(model: &CostModel) -> u64 {
    model
        .capacity_limit
        .map_or(MAX_VOLUME, |l| l.min(MAX_VOLUME))
}

/// Does `value_per_inference × V ≥ k × cost` hold? (ROI ≥ k, with cost 0 counting as reaching
/// every threshold.)
fn reaches(value: Decimal, volume: u64, k: Decimal, cost: Decimal) -> Result<bool, EconError> {
    Ok(value.mul(Decimal::from(volume))? >= k.mul(cost)?)
}

/// The pieces `[lo, hi]` of `[from, to]` on each of which the ROI the smooth cost bounds imply
/// moves one way only (see [`CostModel::bound_breaks`]); one piece for most designs.
fn pieces(model: &CostModel, from: u64, to: u64) -> Vec<(u64, u64)> {
    let mut pieces = Vec::new();
    let mut lo = from;
    for &edge in &model.bound_breaks {
        if edge >= lo && edge < to {
            pieces.push((lo, edge));
            lo = edge + 1;
        }
    }
    if lo <= to {
        pieces.push((lo, to));
    }
    pieces
}

/// Which smooth bound a test uses.
#[derive(Clone, Copy)]
enum Bound {
    /// No rounding up of instances: ROI at or below what it implies (a necessary condition).
    Low,
    /// One more instance per stage: ROI at or above what it implies (a sufficient condition).
    High,
}

/// The test "the ROI implied by `bound` at V reaches k", exactly and in floats (for estimates).
struct BoundTest<'a> {
    model: &'a CostModel,
    value: Decimal,
    k: Decimal,
    bound: Bound,
    /// `value` and `k` in floats, converted once (the estimates use them many times).
    value_k_f64: (f64, f64),
}

impl<'a> BoundTest<'a> {
    fn new(model: &'a CostModel, value: Decimal, k: Decimal, bound: Bound) -> Self {
        BoundTest {
            model,
            value,
            k,
            bound,
            value_k_f64: (to_f64(value), to_f64(k)),
        }
    }

    fn holds(&self, v: u64) -> Result<bool, EconError> {
        let (low, high) = self.model.cost_bounds(v)?;
        let cost = match self.bound {
            Bound::Low => low,
            Bound::High => high,
        };
        reaches(self.value, v, self.k, cost)
    }

    fn holds_f64(&self, v: u64) -> bool {
        let (low, high) = self.model.float.cost_bounds(v as f64);
        let cost = match self.bound {
            Bound::Low => low,
            Bound::High => high,
        };
        let (value, k) = self.value_k_f64;
        value * v as f64 >= k * cost
    }

    /// On a piece where the test is true at `hi` (and false at `lo`, or holding on a suffix):
    /// a `v` with the test true at `v` and false at `v − 1` (or `v = lo`), found from a float
    /// estimate and settled exactly.
    fn turn(&self, lo: u64, hi: u64) -> Result<u64, EconError> {
        let (mut a, mut b) = (lo, hi);
        while a + 1 < b {
            let mid = a + (b - a) / 2;
            if self.holds_f64(mid) {
                b = mid;
            } else {
                a = mid;
            }
        }
        first_true_near(lo, hi, b, |v| self.holds(v))
    }

    /// The smallest V in `[from, to]` at which the test holds, or `None`.
    ///
    /// On one piece bound ÷ V moves one way only, so the test `value ÷ k ≥ bound(V) ÷ V` holds
    /// on one interval of the piece and fails on one.
    /// Evaluated exactly, a low bound is never above the true one, so "false" at two volumes
    /// means false between them; a whole piece false at both ends is skipped.
    fn first(&self, from: u64, to: u64) -> Result<Option<u64>, EconError> {
        // One piece (most designs): the test holds on a suffix, which `turn` finds from its end.
        let one_piece = self.model.bound_breaks.is_empty();
        for (lo, hi) in pieces(self.model, from, to) {
            if !one_piece && self.holds(lo)? {
                return Ok(Some(lo));
            }
            if self.holds(hi)? {
                return self.turn(lo, hi).map(Some);
            }
        }
        Ok(None)
    }

    /// The smallest S in `[from, to]` such that the test holds at every volume of `[S, to]`, or
    /// `None` when it fails at `to`. For the high bound, "true" evaluated exactly is true, so true
    /// at two volumes of a piece means true between them.
    fn holds_through(&self, from: u64, to: u64) -> Result<Option<u64>, EconError> {
        let mut start = None;
        for (lo, hi) in pieces(self.model, from, to).into_iter().rev() {
            if !self.holds(hi)? {
                break;
            }
            // One piece: a suffix holds, and `turn` finds where it starts (`lo` if it all does).
            if self.model.bound_breaks.is_empty() || !self.holds(lo)? {
                start = Some(self.turn(lo, hi)?);
                break;
            }
            start = Some(lo);
        }
        Ok(start)
    }
}

fn to_f64(value: Decimal) -> f64 {
    rust_decimal::prelude::ToPrimitive::to_f64(&value).unwrap_or(f64::NAN)
}

/// The smallest V in `[from, to]` where the monotone predicate `holds` is true, given that it is
/// true at `to` and an estimate of where it turns: gallop from the estimate, then bisect.
fn first_true_near(
    from: u64,
    to: u64,
    estimate: u64,
    holds: impl Fn(u64) -> Result<bool, EconError>,
) -> Result<u64, EconError> {
    let estimate = estimate.clamp(from, to);
    // Invariant once set: holds(hi) is true; lo < from or holds(lo) is false.
    let (mut lo, mut hi);
    if holds(estimate)? {
        hi = estimate;
        let mut step = 1u64;
        loop {
            if hi == from {
                return Ok(from);
            }
            let candidate = hi.saturating_sub(step).max(from);
            if holds(candidate)? {
                hi = candidate;
                step = step.saturating_mul(2);
            } else {
                lo = candidate;
                break;
            }
        }
    } else {
        lo = estimate;
        let mut step = 1u64;
        loop {
            let candidate = lo.saturating_add(step).min(to);
            if holds(candidate)? {
                hi = candidate;
                break;
            }
            lo = candidate;
            step = step.saturating_mul(2);
        }
    }
    while hi - lo > 1 {
        let mid = lo + (hi - lo) / 2;
        if holds(mid)? {
            hi = mid;
        } else {
            lo = mid;
        }
    }
    Ok(hi)
}

/// On one segment, `(v − kα)·V ≥ kβ` ⇔ ROI ≥ k. Returns the smallest V in `[lo, hi]` that holds.
fn first_in_segment(
    seg: &Segment,
    value: Decimal,
    k: Decimal,
    lo: u64,
    hi: u64,
) -> Result<Option<u64>, EconError> {
    let slope = value.sub(k.mul(seg.alpha)?)?;
    let need = k.mul(seg.beta)?;
    if need <= Decimal::ZERO {
        // Fixed part is free: holds wherever the slope is not negative (cost 0 counts too).
        return Ok((slope >= Decimal::ZERO || need.is_zero() && seg.alpha.is_zero()).then_some(lo));
    }
    if slope <= Decimal::ZERO {
        return Ok(None);
    }
    let v = ceil_div(need, slope)?.max(lo);
    Ok((v <= hi).then_some(v))
}

/// On one segment, the largest V in `[lo, hi]` where ROI < k, if any.
fn last_miss_in_segment(
    seg: &Segment,
    value: Decimal,
    k: Decimal,
    lo: u64,
    hi: u64,
) -> Result<Option<u64>, EconError> {
    match first_in_segment(seg, value, k, lo, hi)? {
        Some(first) if first > lo => Ok(Some(first - 1)),
        Some(_) => Ok(None),
        None => Ok(Some(hi)),
    }
}

/// Where a design stands against the threshold ROI = `k`.
pub(crate) fn threshold(
    model: &CostModel,
    value: Decimal,
    k: Decimal,
) -> Result<Threshold, EconError> {
    let limit = search_limit(model);
    let optimistic = BoundTest::new(model, value, k, Bound::Low);
    let Some(mut v) = optimistic.first(1, limit)? else {
        return Ok(Threshold::default());
    };
    let mut budget = Budget::new(SEGMENT_BUDGET);
    let mut first = None;
    while v <= limit {
        budget.spend()?;
        let seg = model.segment(v)?;
        let hi = seg.hi.min(limit);
        if let Some(found) = first_in_segment(&seg, value, k, v.max(seg.lo), hi)? {
            first = Some(found);
            break;
        }
        if hi >= limit {
            break;
        }
        // Skip the volumes where not even the low bound reaches k: with cheaper reserved
        // instances these can follow volumes where it does (otherwise it holds from `start` on).
        v = if model.bound_breaks.is_empty() || optimistic.holds(hi + 1)? {
            hi + 1
        } else {
            match optimistic.first(hi + 1, limit)? {
                Some(next) => next,
                None => break,
            }
        };
    }
    let Some(first) = first else {
        return Ok(Threshold::default());
    };
    // From where even the one-more-instance bound reaches k for good, ROI cannot dip.
    let safe = BoundTest::new(model, value, k, Bound::High).holds_through(first, limit)?;
    let top = safe.map_or(limit, |s| s.saturating_add(2).min(limit));
    let mut v = top;
    loop {
        budget.spend()?;
        let seg = model.segment(v)?;
        let lo = seg.lo.max(first);
        if let Some(miss) = last_miss_in_segment(&seg, value, k, lo, v)? {
            let holds_from = miss + 1;
            return Ok(Threshold {
                first: Some(first),
                holds_from: (holds_from <= limit).then_some(holds_from),
            });
        }
        if lo <= first {
            return Ok(Threshold {
                first: Some(first),
                holds_from: Some(first),
            });
        }
        v = lo - 1;
    }
}

/// Tracks the sign of ROI(a) − ROI(b) along increasing volume and records where the leader
/// changes: the first [`LISTED_CROSSOVERS`] volumes, and how many there are.
struct Leader {
    last: i8,
    listed: Vec<u64>,
    found: usize,
    /// Every volume up to this one has been seen.
    searched_to: u64,
}

impl Leader {
    fn see(&mut self, volume: u64, sign: i8) {
        if sign != 0 {
            if self.last != 0 && sign != self.last {
                self.found += 1;
                if self.listed.len() < LISTED_CROSSOVERS {
                    self.listed.push(volume);
                }
            }
            self.last = sign;
        }
    }
}

fn sign(value: Decimal) -> i8 {
    match value.cmp(&Decimal::ZERO) {
        std::cmp::Ordering::Greater => 1,
        std::cmp::Ordering::Less => -1,
        std::cmp::Ordering::Equal => 0,
    }
}

/// One design of a crossover search.
pub(crate) struct Side<'a> {
    pub model: &'a CostModel,
    pub value: Decimal,
}

/// What one crossover search found.
#[derive(Debug, Clone, PartialEq, Eq)]
pub(crate) struct Found {
    /// The first [`LISTED_CROSSOVERS`] crossover volumes.
    pub listed: Vec<u64>,
    /// How many crossovers were found in all (listed or not).
    pub count: usize,
    /// `Some(v)` when the search stopped at its budget having searched up to `v` only.
    pub searched_to: Option<u64>,
}

/// The segment visits one pair's crossover search may make when an analysis has `pairs` pairs.
pub(crate) fn pair_budget(pairs: usize) -> usize {
    (CROSSOVER_BUDGET / pairs.max(1)).clamp(PAIR_FLOOR, SEGMENT_BUDGET)
}

/// Every volume in `[from, to]` at which the ROI order of two designs changes: the first volume
/// at which the other design is strictly ahead. Volumes where either is over capacity are left
/// out. The search visits at most `budget` segments; past that it stops and says how far it got.
pub(crate) fn crossovers(
    a: &Side,
    b: &Side,
    from: u64,
    to: u64,
    budget: usize,
) -> Result<Found, EconError> {
    let to = to.min(search_limit(a.model)).min(search_limit(b.model));
    let mut leader = Leader {
        last: 0,
        listed: Vec::new(),
        found: 0,
        searched_to: from.saturating_sub(1),
    };
    let mut stopped = false;
    if from <= to {
        match walk(a, b, from, to, &mut leader, &mut Budget::new(budget)) {
            Ok(()) => {}
            Err(EconError::SearchLimit) => stopped = true,
            Err(other) => return Err(other),
        }
    }
    Ok(Found {
        listed: leader.listed,
        count: leader.found,
        searched_to: stopped.then_some(leader.searched_to),
    })
}

/// Relative margin by which a float comparison must win before it is trusted; float bounds
/// are accurate to about 1e-15, so this leaves six orders of magnitude to spare.
const FLOAT_MARGIN: f64 = 1e-9;

/// The least ROI the high cost bound allows and the most the low one allows on `[from, to]`,
/// in floats; `None` where a bound is zero or not a number (nothing can then be pruned).
fn roi_range(side: &Side, from: u64, to: u64) -> Option<(f64, f64)> {
    let value = to_f64(side.value);
    let (mut least, mut most) = (f64::INFINITY, f64::NEG_INFINITY);
    let mut at = |v: u64| {
        let (low, high) = side.model.float.cost_bounds(v as f64);
        let volume_value = value * v as f64;
        least = least.min(volume_value / high);
        most = most.max(volume_value / low);
        !(low.is_nan() || high.is_nan() || low <= 0.0)
    };
    // Most designs are one piece: its two ends, without building the list.
    let ends_fine = if side.model.bound_breaks.is_empty() {
        at(from) && at(to)
    } else {
        pieces(side.model, from, to)
            .into_iter()
            .all(|(lo, hi)| at(lo) && at(hi))
    };
    (ends_fine && least.is_finite() && most.is_finite()).then_some((least, most))
}

/// True when `least` is ahead of `most` by more than the float bounds' error.
fn ahead(least: f64, most: f64) -> bool {
    least - most > FLOAT_MARGIN * least.abs().max(most.abs())
}

/// Sign of ROI(a) − ROI(b) ⇔ sign of `v_a·C_b − v_b·C_a` (both costs ≥ 0).
fn walk(
    a: &Side,
    b: &Side,
    from: u64,
    to: u64,
    leader: &mut Leader,
    budget: &mut Budget,
) -> Result<(), EconError> {
    budget.spend()?;
    // Can one design be shown ahead over the whole range from the bounds? ROI(a) is at least
    // its value over the high bound and ROI(b) at most its value over the low bound; each of
    // those is monotone on every piece, so its extremes on [from, to] are at piece ends.
    if let (Some((a_least, a_most)), Some((b_least, b_most))) =
        (roi_range(a, from, to), roi_range(b, from, to))
    {
        if ahead(a_least, b_most) {
            leader.see(from, 1);
            leader.searched_to = to;
            return Ok(());
        }
        if ahead(b_least, a_most) {
            leader.see(from, -1);
            leader.searched_to = to;
            return Ok(());
        }
    }
    let seg_a = a.model.segment(from)?;
    let seg_b = b.model.segment(from)?;
    let first_hi = seg_a.hi.min(seg_b.hi);
    if first_hi >= to {
        return solve_line(a, b, &seg_a, &seg_b, from, to, leader);
    }
    // Split near the geometric mean (volumes span decades), never inside the first segment.
    #[allow(clippy::cast_possible_truncation, clippy::cast_sign_loss)]
    let geometric = (from as f64 * to as f64).sqrt() as u64;
    let mid = geometric.clamp(first_hi, to - 1);
    walk(a, b, from, mid, leader, budget)?;
    walk(a, b, mid + 1, to, leader, budget)
}

/// On a range where both costs are straight lines, `gap(V) = slope·V + offset` changes sign at
/// most once.
fn solve_line(
    a: &Side,
    b: &Side,
    seg_a: &Segment,
    seg_b: &Segment,
    from: u64,
    to: u64,
    leader: &mut Leader,
) -> Result<(), EconError> {
    let slope = a.value.mul(seg_b.alpha)?.sub(b.value.mul(seg_a.alpha)?)?;
    let offset = a.value.mul(seg_b.beta)?.sub(b.value.mul(seg_a.beta)?)?;
    let gap = |v: u64| -> Result<Decimal, EconError> { slope.mul(Decimal::from(v))?.add(offset) };
    leader.see(from, sign(gap(from)?));
    // A root −offset/slope > 0 exists when the two have opposite signs; past it the sign is
    // the slope's.
    if !slope.is_zero() && !offset.is_zero() && sign(offset) != sign(slope) {
        let floor_root = floor_div(offset.abs(), slope.abs())?;
        if floor_root > from && floor_root <= to {
            leader.see(floor_root, sign(gap(floor_root)?));
        }
        let after = floor_root.saturating_add(1);
        if after > from && after <= to {
            leader.see(after, sign(slope));
        }
    }
    leader.searched_to = to;
    Ok(())
}
