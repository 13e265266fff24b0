//! Which design to run (`docs/method.md#which-design-is-best`): the designs of a scenario are
//! alternatives for the same requests, so the best one is the one that nets the most a month;
//! the ROI multiple and its band say whether a design is healthy, not which one to run.
//!
//! At one volume, among the designs that computed and are within capacity:
//! - the **best** has the highest monthly net value (ties: the higher ROI, then the earlier);
//! - **none pays** when no design has a net value above 0 (the best is then the least loss);
//! - design B **dominates** A when B costs no more and is worth no less, one of them strictly;
//! - the **frontier** is the designs nothing dominates, in ascending monthly cost; each step
//!   along it has an **incremental ROI**, extra value ÷ extra cost.
//!
//! Everything is compared exactly; nothing here is rounded.

use std::cmp::Ordering;

use rust_decimal::Decimal;

use super::{Band, EconError, Metrics, Prepared, band_of, roi_cmp, sweep};

/// Where one design stands among the alternatives.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Standing {
    /// Nothing dominates it: it is on the frontier.
    Frontier,
    /// Another design costs no more and is worth no less (one strictly): `by` is such a design
    /// on the frontier, the one that nets the most.
    Dominated {
        /// Scenario index of the dominating design.
        by: usize,
    },
    /// It needs more instances than its limit at this volume: never best, never on the frontier.
    OverCapacity,
    /// Its figures could not be computed.
    Failed,
}

/// One step along the frontier: from a design to the next dearer one.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Upgrade {
    /// Scenario index of the cheaper design.
    pub from: usize,
    /// Scenario index of the dearer design.
    pub to: usize,
    /// Monthly cost of `to` − monthly cost of `from` (≥ 0).
    pub extra_monthly_cost: Decimal,
    /// Monthly value of `to` − monthly value of `from` (≥ 0).
    pub extra_monthly_value: Decimal,
    /// Extra value ÷ extra cost; `None` when the step costs nothing more.
    pub incremental_roi: Option<Decimal>,
    /// The band of the incremental ROI, on the usual thresholds; `None` with it.
    pub band: Option<Band>,
}

impl Upgrade {
    /// True when the extra spend buys at least its cost in value (incremental ROI ≥ 1×).
    pub fn pays(&self) -> bool {
        self.band.is_some_and(|b| b != Band::Unsustainable)
    }
}

/// The answer to "which design to run" at one volume.
#[derive(Debug, Clone, PartialEq, Eq, Default)]
pub struct Choice {
    /// The design with the highest monthly net value within capacity (the least loss when none
    /// pays); `None` when no design computed within capacity.
    pub best: Option<usize>,
    /// The design with the highest ROI multiple within capacity (cost 0 counts highest).
    pub highest_roi: Option<usize>,
    /// True when no design within capacity has a monthly net value above 0.
    pub none_pays: bool,
    /// The designs nothing dominates, in ascending monthly cost (ties: scenario order).
    pub frontier: Vec<usize>,
    /// One entry per design, in scenario order.
    pub standing: Vec<Standing>,
    /// The steps along the frontier, cheapest first: `frontier.len() − 1` of them.
    pub upgrades: Vec<Upgrade>,
}

impl Choice {
    /// The design that dominates design `i`, if it is dominated.
    pub fn dominated_by(&self, i: usize) -> Option<usize> {
        match self.standing.get(i) {
            Some(Standing::Dominated { by }) => Some(*by),
            _ => None,
        }
    }

    /// The frontier step that ends at design `to`, if it is on the frontier and not its first.
    pub fn upgrade_to(&self, to: usize) -> Option<&Upgrade> {
        self.upgrades.iter().find(|u| u.to == to)
    }
}

/// Is `a` a better choice than `b`: higher net value, then higher ROI.
fn better(a: &Metrics, b: &Metrics) -> bool {
    match a.monthly_net_value.cmp(&b.monthly_net_value) {
        Ordering::Greater => true,
        Ordering::Less => false,
        Ordering::Equal => roi_cmp(a, b) == Ordering::Greater,
    }
}

/// Does `b` dominate `a`: costs no more, is worth no less, and one of them strictly.
pub fn dominates(b: &Metrics, a: &Metrics) -> bool {
    b.monthly_cost <= a.monthly_cost
        && b.monthly_value >= a.monthly_value
        && (b.monthly_cost < a.monthly_cost || b.monthly_value > a.monthly_value)
}

/// The designs that take part: computed and within capacity.
fn candidates<'a>(designs: &[Option<&'a Metrics>]) -> Vec<(usize, &'a Metrics)> {
    designs
        .iter()
        .enumerate()
        .filter_map(|(i, m)| m.filter(|m| !m.over_capacity).map(|m| (i, m)))
        .collect()
}

/// The best design by the one rule: the highest monthly net value within capacity, ties to the
/// higher ROI, then to the earlier design. `None` for a design means it did not compute.
pub fn best_of(designs: &[Option<&Metrics>]) -> Option<usize> {
    let mut best: Option<(usize, &Metrics)> = None;
    for (i, m) in candidates(designs) {
        if best.is_none_or(|(_, b)| better(m, b)) {
            best = Some((i, m));
        }
    }
    best.map(|(i, _)| i)
}

/// The design with the highest ROI multiple within capacity (ties to the earlier design).
pub fn highest_roi_of(designs: &[Option<&Metrics>]) -> Option<usize> {
    let mut best: Option<(usize, &Metrics)> = None;
    for (i, m) in candidates(designs) {
        if best.is_none_or(|(_, b)| roi_cmp(m, b) == Ordering::Greater) {
            best = Some((i, m));
        }
    }
    best.map(|(i, _)| i)
}

/// Which design to run, from each design's metrics at one volume (`None`: it did not compute).
/// The work is quadratic in the number of designs, which validation bounds.
pub fn choose(designs: &[Option<&Metrics>]) -> Choice {
    let candidates = candidates(designs);
    let best = best_of(designs);
    let none_pays = best
        .and_then(|b| designs[b])
        .is_none_or(|m| m.monthly_net_value <= Decimal::ZERO);
    let mut on_frontier: Vec<(usize, &Metrics)> = candidates
        .iter()
        .filter(|(_, a)| !candidates.iter().any(|(_, b)| dominates(b, a)))
        .copied()
        .collect();
    on_frontier.sort_by(|(a, ma), (b, mb)| ma.monthly_cost.cmp(&mb.monthly_cost).then(a.cmp(b)));
    let standing = designs
        .iter()
        .enumerate()
        .map(|(i, m)| match m {
            None => Standing::Failed,
            Some(m) if m.over_capacity => Standing::OverCapacity,
            Some(_) if on_frontier.iter().any(|(f, _)| *f == i) => Standing::Frontier,
            Some(m) => {
                let mut by: Option<(usize, &Metrics)> = None;
                for &(f, fm) in &on_frontier {
                    if dominates(fm, m) && by.is_none_or(|(_, bm)| better(fm, bm)) {
                        by = Some((f, fm));
                    }
                }
                by.map_or(Standing::Frontier, |(by, _)| Standing::Dominated { by })
            }
        })
        .collect();
    let upgrades = on_frontier
        .windows(2)
        .map(|pair| upgrade(pair[0], pair[1]))
        .collect();
    let frontier = on_frontier.iter().map(|(i, _)| *i).collect();
    Choice {
        best,
        highest_roi: highest_roi_of(designs),
        none_pays,
        frontier,
        standing,
        upgrades,
    }
}

/// The step from `a` to the dearer `b`. Along the frontier both differences are ≥ 0 and fit the
/// exact range, since each figure does; a quotient that would not fit is left out.
fn upgrade((from, a): (usize, &Metrics), (to, b): (usize, &Metrics)) -> Upgrade {
    let extra_monthly_cost = b.monthly_cost.saturating_sub(a.monthly_cost);
    let extra_monthly_value = b.monthly_value.saturating_sub(a.monthly_value);
    let incremental_roi = if extra_monthly_cost.is_zero() {
        None
    } else {
        extra_monthly_value.checked_div(extra_monthly_cost)
    };
    let band = incremental_roi.and_then(|_| band_of(extra_monthly_value, extra_monthly_cost).ok());
    Upgrade {
        from,
        to,
        extra_monthly_cost,
        extra_monthly_value,
        incremental_roi,
        band,
    }
}

/// Points of the log-spaced walk in [`next_change`].
pub const CHANGE_GRID: usize = 200;

/// The best design at `volume` from compiled designs (`None`: none computes within capacity).
pub fn best_at(prepared: &[Result<Prepared, EconError>], volume: u64) -> Option<usize> {
    let metrics: Vec<Option<Metrics>> = prepared
        .iter()
        .map(|p| p.as_ref().ok().and_then(|p| p.metrics(volume).ok()))
        .collect();
    let refs: Vec<Option<&Metrics>> = metrics.iter().map(Option::as_ref).collect();
    best_of(&refs)
}

/// The first volume above `volume`, up to `max`, where the best design is another than at
/// `volume`, and the best there. The walk visits [`CHANGE_GRID`] log-spaced volumes and then
/// narrows the first interval where the best differs to the request by bisection, so a change
/// that reverts between two points of the walk can be missed; the work is bounded by
/// (`CHANGE_GRID` + 64) × the designs.
pub fn next_change(
    prepared: &[Result<Prepared, EconError>],
    volume: u64,
    max: u64,
) -> Option<(u64, Option<usize>)> {
    let here = best_at(prepared, volume);
    let mut below = volume;
    for v in sweep::log_volumes(volume.saturating_add(1), max, CHANGE_GRID) {
        if v <= below {
            continue;
        }
        if best_at(prepared, v) == here {
            below = v;
            continue;
        }
        // The best differs at v and not at `below`: narrow to the first request where it does.
        let mut above = v;
        while above - below > 1 {
            let mid = below + (above - below) / 2;
            if best_at(prepared, mid) == here {
                below = mid;
            } else {
                above = mid;
            }
        }
        return Some((above, best_at(prepared, above)));
    }
    None
}
