//! Suggested routing (`docs/method.md#routed-designs`): at one volume, the assignment of each use
//! case to a design or to no AI with the highest monthly net value, ties to the higher ROI.
//!
//! A routing's monthly value is a sum over use cases, and its cost a sum over the designs it
//! uses of that design's cost for the set of use cases sent to it: so each design's exact cost
//! is computed once per set of use cases (memoised) and every assignment is a handful of exact
//! additions. Step costs interact as the domain says: two use cases on one self-hosted design
//! share its instances, because its cost is taken for their combined load.
//!
//! When (designs + 1)^use cases ≤ [`EXHAUSTIVE_LIMIT`] every assignment is tried; otherwise a
//! heuristic runs and says so: from the best design per use case, and from each design serving
//! everything, single moves (one use case to another option) are taken while one improves.

use std::cmp::Ordering;
use std::collections::{BTreeMap, HashMap};

use rust_decimal::Decimal;

use super::cost::total_load;
use super::cost::{Checked, CostModel};
use super::{EconError, Metrics, Prepared};
use crate::model::edit::unique_name;
use crate::model::{Design, Route, Scenario};

/// The most assignments searched exhaustively ((designs + 1)^use cases, counting no AI).
pub const EXHAUSTIVE_LIMIT: u64 = 100_000;

/// The most work the heuristic may do, in use-case-or-design steps: each assignment it weighs
/// costs about (use cases + designs) of them, so 63 use cases × 63 designs weigh about 160,000
/// assignments (well under a second) before it stops with the best found.
pub const HEURISTIC_WORK_LIMIT: u64 = 20_000_000;

/// A suggested routing and what it earns.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Suggestion {
    /// The volume it is for.
    pub volume: u64,
    /// The routed design, ready to add to the scenario (its own costs are 0: add the router's).
    pub design: Design,
    /// Its metrics at the volume, from the engine.
    pub metrics: Metrics,
    /// True when every assignment was tried; false for the heuristic.
    pub exhaustive: bool,
    /// True when the heuristic stopped at [`HEURISTIC_WORK_LIMIT`] before it had run to its end:
    /// the routing is the best it found, and a better one may exist.
    pub stopped_early: bool,
    /// How many assignments there are ((designs + 1)^use cases, saturating).
    pub assignments: u64,
    /// The single (non-routed) design with the highest monthly net value at the volume, with it.
    pub best_single: Option<(usize, Metrics)>,
}

/// Why no routing can be suggested.
#[derive(Debug, Clone, PartialEq, Eq, thiserror::Error)]
pub enum SuggestError {
    /// Nothing to route or nothing to route to.
    #[error("{0}")]
    Nothing(&'static str),
    /// The engine could not compute a figure.
    #[error(transparent)]
    Econ(#[from] EconError),
}

/// One option of a use case: a candidate design (index into the candidates) or no AI.
type Choice = usize;

struct Search<'a> {
    scenario: &'a Scenario,
    volume: u64,
    total: Decimal,
    /// Scenario index and compiled cost of each candidate design.
    candidates: Vec<(usize, CostModel)>,
    /// Per use case, per candidate: monthly value when served there.
    value: Vec<Vec<Decimal>>,
    /// Per use case: share × size.
    load: Vec<Decimal>,
    /// (candidate, set of use cases) → its exact monthly cost, `None` over capacity.
    memo: HashMap<(usize, u64), Option<Decimal>>,
    /// Assignments the heuristic may still weigh (see [`HEURISTIC_WORK_LIMIT`]).
    evaluations_left: u64,
}

/// A complete assignment's totals.
#[derive(Clone, Copy)]
struct Totals {
    value: Decimal,
    cost: Decimal,
}

impl Totals {
    fn net(self) -> Decimal {
        self.value.checked_sub(self.cost).unwrap_or(Decimal::MIN)
    }

    /// Higher monthly net value first, then higher ROI (compared exactly).
    fn better_than(self, other: Totals) -> bool {
        match self.net().cmp(&other.net()) {
            Ordering::Greater => true,
            Ordering::Less => false,
            Ordering::Equal => match (
                self.value.checked_mul(other.cost),
                other.value.checked_mul(self.cost),
            ) {
                (Some(a), Some(b)) => a > b,
                _ => false,
            },
        }
    }
}

impl Search<'_> {
    fn no_ai(&self) -> Choice {
        self.candidates.len()
    }

    /// The exact monthly cost of candidate `k` serving the use cases in `set`.
    fn cost(&mut self, k: usize, set: u64) -> Result<Option<Decimal>, EconError> {
        if set == 0 {
            return Ok(Some(Decimal::ZERO));
        }
        if let Some(cost) = self.memo.get(&(k, set)) {
            return Ok(*cost);
        }
        let load = (0..self.load.len())
            .filter(|u| set & (1 << u) != 0)
            .try_fold(Decimal::ZERO, |sum, u| sum.add(self.load[u]))?;
        let (design, inner) = &self.candidates[k];
        let mut model = CostModel::router(Decimal::ZERO);
        model.add_part(*design, inner, load, self.total, Decimal::ZERO)?;
        model.finish()?;
        let cost = if model.over_capacity(self.volume) {
            None
        } else {
            Some(model.monthly_cost(self.volume)?)
        };
        self.memo.insert((k, set), cost);
        Ok(cost)
    }

    /// True once the heuristic has used up its work limit.
    fn out_of_work(&self) -> bool {
        self.evaluations_left == 0
    }

    /// The totals of an assignment; `None` when it serves nothing or a design is over capacity.
    fn totals(&mut self, choice: &[Choice]) -> Result<Option<Totals>, EconError> {
        self.evaluations_left = self.evaluations_left.saturating_sub(1);
        let mut sets = vec![0_u64; self.candidates.len()];
        let mut value = Decimal::ZERO;
        let mut served_share = Decimal::ZERO;
        for (u, &k) in choice.iter().enumerate() {
            if k < self.no_ai() {
                sets[k] |= 1 << u;
                value = value.add(self.value[u][k])?;
                served_share = served_share.add(self.scenario.use_cases[u].share)?;
            }
        }
        if served_share.is_zero() {
            return Ok(None);
        }
        let mut cost = Decimal::ZERO;
        for (k, set) in sets.into_iter().enumerate() {
            match self.cost(k, set)? {
                Some(c) => cost = cost.add(c)?,
                None => return Ok(None),
            }
        }
        Ok(Some(Totals { value, cost }))
    }

    /// Every assignment, in order; the best valid one.
    fn exhaustive(&mut self) -> Result<Option<(Vec<Choice>, Totals)>, EconError> {
        let options = self.no_ai() + 1;
        let mut choice = vec![0; self.load.len()];
        let mut best: Option<(Vec<Choice>, Totals)> = None;
        loop {
            if let Some(t) = self.totals(&choice)?
                && best.as_ref().is_none_or(|(_, b)| t.better_than(*b))
            {
                best = Some((choice.clone(), t));
            }
            // The next assignment, as a number in base `options`.
            let mut u = 0;
            loop {
                if u == choice.len() {
                    return Ok(best);
                }
                choice[u] += 1;
                if choice[u] < options {
                    break;
                }
                choice[u] = 0;
                u += 1;
            }
        }
    }

    /// Single moves from `start` while one improves; the local optimum.
    fn improve(
        &mut self,
        mut choice: Vec<Choice>,
    ) -> Result<Option<(Vec<Choice>, Totals)>, EconError> {
        let mut current = self.totals(&choice)?;
        loop {
            let mut best_move: Option<(usize, Choice, Totals)> = None;
            for u in 0..choice.len() {
                if self.out_of_work() {
                    return Ok(current.map(|t| (choice, t)));
                }
                let was = choice[u];
                for k in 0..=self.no_ai() {
                    if k == was {
                        continue;
                    }
                    choice[u] = k;
                    if let Some(t) = self.totals(&choice)? {
                        let beats_current = current.is_none_or(|c| t.better_than(c));
                        let beats_move =
                            best_move.as_ref().is_none_or(|(_, _, b)| t.better_than(*b));
                        if beats_current && beats_move {
                            best_move = Some((u, k, t));
                        }
                    }
                }
                choice[u] = was;
            }
            match best_move {
                Some((u, k, t)) => {
                    choice[u] = k;
                    current = Some(t);
                }
                None => return Ok(current.map(|t| (choice, t))),
            }
        }
    }

    /// The heuristic: the best of the local optima from several starts.
    fn heuristic(&mut self) -> Result<Option<(Vec<Choice>, Totals)>, EconError> {
        let mut starts = Vec::new();
        // Each use case where it alone nets the most (no AI nets 0).
        let mut alone = Vec::with_capacity(self.load.len());
        for u in 0..self.load.len() {
            let mut best = (self.no_ai(), Decimal::ZERO);
            for k in 0..self.no_ai() {
                if let Some(cost) = self.cost(k, 1 << u)? {
                    let net = self.value[u][k].sub(cost)?;
                    if net > best.1 {
                        best = (k, net);
                    }
                }
            }
            alone.push(best.0);
        }
        starts.push(alone);
        for k in 0..self.no_ai() {
            starts.push(vec![k; self.load.len()]);
        }
        let mut best: Option<(Vec<Choice>, Totals)> = None;
        for start in starts {
            if self.out_of_work() {
                break;
            }
            if let Some((choice, t)) = self.improve(start)?
                && best.as_ref().is_none_or(|(_, b)| t.better_than(*b))
            {
                best = Some((choice, t));
            }
        }
        Ok(best)
    }
}

/// Per use case: its monthly value on each candidate at `volume`, and its load (share × size).
type ValuesAndLoads = (Vec<Vec<Decimal>>, Vec<Decimal>);

fn values_and_loads(
    scenario: &Scenario,
    candidates: &[(usize, CostModel)],
    volume: u64,
) -> Result<ValuesAndLoads, EconError> {
    let cases = scenario.use_cases.len();
    let v = Decimal::from(volume);
    let mut value = Vec::with_capacity(cases);
    let mut load = Vec::with_capacity(cases);
    for case in &scenario.use_cases {
        let mut row = Vec::with_capacity(candidates.len());
        for (d, _) in candidates {
            let rate = scenario.designs[*d].success_rate_for(&case.name);
            row.push(case.share.mul(case.value_per_success)?.mul(rate)?.mul(v)?);
        }
        value.push(row);
        load.push(case.share.mul(case.size)?);
    }
    Ok((value, load))
}

/// The suggested routing of `scenario` at `volume` over its designs that are not routed and
/// compute (see the module's documentation).
pub fn suggest(scenario: &Scenario, volume: u64) -> Result<Suggestion, SuggestError> {
    let cases = scenario.use_cases.len();
    if cases == 0 {
        return Err(SuggestError::Nothing(
            "the scenario has no use cases to route",
        ));
    }
    if cases > 63 {
        return Err(SuggestError::Nothing(
            "routing is suggested for at most 63 use cases",
        ));
    }
    let total = total_load(scenario)?;
    if total <= Decimal::ZERO {
        return Err(SuggestError::Nothing(
            "no use case carries any load (every share is 0)",
        ));
    }
    let candidates: Vec<(usize, CostModel)> = scenario
        .designs
        .iter()
        .enumerate()
        .filter(|(_, d)| d.serving.routes().is_none())
        .filter_map(|(i, d)| CostModel::new(scenario, d).ok().map(|m| (i, m)))
        .collect();
    if candidates.is_empty() {
        return Err(SuggestError::Nothing(
            "no design to route to: add a design that is not routed and computes",
        ));
    }
    let (value, load) = values_and_loads(scenario, &candidates, volume)?;
    let candidates_count = candidates.len();
    let options = candidates_count as u64 + 1;
    let assignments = (0..cases).try_fold(1_u64, |n, _| n.checked_mul(options));
    let exhaustive = assignments.is_some_and(|n| n <= EXHAUSTIVE_LIMIT);
    let mut search = Search {
        scenario,
        volume,
        total,
        candidates,
        value,
        load,
        memo: HashMap::new(),
        evaluations_left: HEURISTIC_WORK_LIMIT / (cases + candidates_count) as u64,
    };
    let found = if exhaustive {
        search.exhaustive()?
    } else {
        search.heuristic()?
    };
    let Some((choice, _)) = found else {
        return Err(SuggestError::Nothing(
            "no routing serves any requests within every design's capacity at this volume",
        ));
    };
    let routes: BTreeMap<String, Route> = scenario
        .use_cases
        .iter()
        .zip(&choice)
        .map(|(case, &k)| {
            let route = search.candidates.get(k).map_or(Route::NotServed, |(d, _)| {
                Route::Design(scenario.designs[*d].name.clone())
            });
            (case.name.clone(), route)
        })
        .collect();
    let assignments = assignments.unwrap_or(u64::MAX);
    let stopped_early = !exhaustive && search.out_of_work();
    let design = routed_design(
        scenario,
        routes,
        volume,
        exhaustive,
        stopped_early,
        assignments,
    );
    let metrics = Prepared::new(scenario, &design)?.metrics(volume)?;
    let best_single = search
        .candidates
        .iter()
        .filter_map(|(d, _)| {
            let m = Prepared::new(scenario, &scenario.designs[*d])
                .and_then(|p| p.metrics(volume))
                .ok()?;
            (!m.over_capacity).then_some((*d, m))
        })
        .fold(None, |best: Option<(usize, Metrics)>, (d, m)| match &best {
            Some((_, b)) if b.monthly_net_value >= m.monthly_net_value => best,
            _ => Some((d, m)),
        });
    Ok(Suggestion {
        volume,
        design,
        metrics,
        exhaustive,
        stopped_early,
        assignments,
        best_single,
    })
}

/// The suggested routed design, named so it does not clash, with a note saying how it was found.
fn routed_design(
    scenario: &Scenario,
    routes: BTreeMap<String, Route>,
    volume: u64,
    exhaustive: bool,
    stopped_early: bool,
    assignments: u64,
) -> Design {
    let how = if exhaustive {
        format!(
            "every one of the {} possible routings was tried",
            crate::format::group_thousands(assignments)
        )
    } else if stopped_early {
        "a heuristic was used (best design per use case, then single moves while one improves) \
         and stopped at its work limit: this is the best routing it found, a better one may exist"
            .to_owned()
    } else {
        "a heuristic was used (best design per use case, then single moves while one improves): \
         too many routings to try them all"
            .to_owned()
    };
    let name = unique_name(
        &scenario.designs.iter().map(|d| d.name.as_str()),
        "Routed (suggested)",
    );
    Design {
        notes: format!(
            "Suggested for {} requests/month: the routing with the highest monthly net value; {how}. \
             Add the router's own costs (a classifier, routing logic) as its fixed and one-time costs.",
            crate::format::group_thousands(volume)
        ),
        ..Design::new(name, crate::model::Serving::Routed { routes }, Decimal::ONE)
    }
}
