//! A portfolio's figures (`docs/method.md#portfolio`): each feature's running design at its
//! current volume in the portfolio's currency, the totals (portfolio ROI = Σ value ÷ Σ cost, never
//! a mean of ROIs) and the teams', what switching each feature to its best design would gain, and
//! the months that the features' timelines span with the first month over the budget.
//!
//! Every figure is exact; a feature that cannot be read or computed is a problem beside the
//! others, never a reason to stop.

pub mod charts;
mod formats;
pub mod pack;

use std::collections::BTreeMap;
use std::path::Path;

use rust_decimal::Decimal;

pub use charts::{budget_scene, plane_scene};
pub use formats::{portfolio_csv, portfolio_json, portfolio_markdown, portfolio_text};

use crate::econ::cost::Checked;
use crate::econ::{Band, EconError, Metrics, Prepared, band_of, choice, energy};
use crate::io::LoadError;
use crate::io::portfolio::{FeatureProblem, load_features, load_portfolio, portfolio_from_folder};
use crate::model::validate::name_key;
use crate::model::{Feature, Month, Portfolio, Scenario};

/// One feature's figures in the portfolio's currency.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct FeatureFigures {
    /// The feature's place in the portfolio's list (the rows are sorted worst first).
    pub index: usize,
    /// The scenario file, as the portfolio names it.
    pub file: String,
    /// The scenario's title.
    pub title: String,
    /// Its team, if the portfolio gives one.
    pub team: Option<String>,
    /// The design it runs.
    pub design: String,
    /// Its current volume (requests a month).
    pub volume: u64,
    /// The scenario's currency, and the rate that brought it into the portfolio's (1 for its own).
    pub currency: String,
    /// Portfolio-currency units per unit of [`Self::currency`].
    pub rate: Decimal,
    /// Monthly cost, value and net value, ROI and band, and gain if switched.
    pub figures: Figures,
    /// The best design at the current volume (highest monthly net value within capacity).
    pub best_design: Option<String>,
    /// The months of its timeline: month, monthly cost and value (portfolio currency).
    pub months: Vec<(Month, Decimal, Decimal)>,
}

/// Money figures of a feature, a team or the whole portfolio.
#[derive(Debug, Clone, PartialEq, Eq, Default)]
pub struct Figures {
    /// Σ monthly cost.
    pub monthly_cost: Decimal,
    /// Σ monthly value.
    pub monthly_value: Decimal,
    /// Σ monthly value − Σ monthly cost.
    pub monthly_net_value: Decimal,
    /// Σ value ÷ Σ cost (`None` at cost 0).
    pub roi_multiple: Option<Decimal>,
    /// The band of that ROI (cost 0: Excellent); `None` when no feature counts.
    pub band: Option<Band>,
    /// Σ kgCO₂e a month over the features with energy figures (`None` when none has them).
    pub kg_co2e_per_month: Option<Decimal>,
    /// Σ (best design's monthly net value − the running design's).
    pub gain_if_switched: Decimal,
}

/// A team's totals.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct TeamFigures {
    /// The team, as first written.
    pub team: String,
    /// Its features' totals.
    pub figures: Figures,
}

/// One month of the portfolio: Σ over the features of their monthly cost and value.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct PortfolioMonth {
    /// The month.
    pub month: Month,
    /// Σ monthly cost.
    pub monthly_cost: Decimal,
    /// Σ monthly value.
    pub monthly_value: Decimal,
}

/// The whole portfolio.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Rollup {
    /// The portfolio's title.
    pub title: String,
    /// The portfolio's currency.
    pub currency: String,
    /// Its monthly budget, if any.
    pub budget_monthly: Option<Decimal>,
    /// The features, worst first: by band (Unsustainable first), then by net value ascending.
    pub features: Vec<FeatureFigures>,
    /// The teams' totals, by team name.
    pub teams: Vec<TeamFigures>,
    /// The totals over every feature.
    pub total: Figures,
    /// The calendar months the features' timelines span (empty when none has one).
    pub months: Vec<PortfolioMonth>,
    /// The first month the total monthly cost exceeds the budget.
    pub over_budget_from: Option<Month>,
    /// The features that could not be read or computed.
    pub problems: Vec<FeatureProblem>,
}

/// Why a portfolio could not be computed at all.
#[derive(Debug, thiserror::Error)]
pub enum PortfolioError {
    /// The portfolio file (or folder) could not be read.
    #[error(transparent)]
    Load(#[from] LoadError),
    /// Features in a currency the portfolio has no rate for.
    #[error(
        "no rate for {}: add a Rate(currency: …, to_portfolio: …, as_of: \"YYYY-MM-DD\", source: \
         …) per currency to the portfolio's rates ({})",
        .currencies.join(", "),
        .files.join(", ")
    )]
    NoRate {
        /// The currencies without a rate.
        currencies: Vec<String>,
        /// The features written in them.
        files: Vec<String>,
    },
    /// A total leaves the exact decimal range.
    #[error("the portfolio's totals overflow the exact decimal range (about 7.9e28)")]
    Overflow,
}

impl From<EconError> for PortfolioError {
    fn from(_: EconError) -> Self {
        PortfolioError::Overflow
    }
}

/// A feature's figures in its own currency, computed where it was read.
#[derive(Debug, Clone)]
pub struct Native {
    title: String,
    currency: String,
    design: String,
    volume: u64,
    metrics: Metrics,
    best: Option<(String, Decimal)>,
    kg_co2e_per_month: Option<Decimal>,
    months: Vec<(Month, Decimal, Decimal)>,
}

impl Native {
    /// The feature's own currency.
    pub fn currency(&self) -> &str {
        &self.currency
    }
}

/// The design a feature runs: the portfolio's choice, else its timeline's `running`, else its
/// best design at the current volume.
fn running(feature: &Feature, scenario: &Scenario, best: Option<usize>) -> Option<usize> {
    let named = feature
        .design
        .as_deref()
        .or_else(|| scenario.timeline.as_ref()?.running.as_deref());
    match named {
        Some(name) => scenario
            .designs
            .iter()
            .position(|d| name_key(&d.name) == name_key(name)),
        None => best,
    }
}

/// One feature's figures in its own currency: its running design at its current volume, its best
/// design, its carbon, and its timeline's months.
pub fn native(feature: &Feature, scenario: &Scenario) -> Result<Native, String> {
    let volume = scenario.volume.current;
    let prepared: Vec<Result<Prepared, EconError>> = scenario
        .designs
        .iter()
        .map(|d| Prepared::new(scenario, d))
        .collect();
    let metrics: Vec<Option<Metrics>> = prepared
        .iter()
        .map(|p| p.as_ref().ok().and_then(|p| p.metrics(volume).ok()))
        .collect();
    let refs: Vec<Option<&Metrics>> = metrics.iter().map(Option::as_ref).collect();
    let best = choice::best_of(&refs);
    let Some(run) = running(feature, scenario, best) else {
        return Err(format!(
            "no design computes within capacity at its current volume ({volume} requests a month): \
             name the design it runs in the portfolio"
        ));
    };
    let design = &scenario.designs[run];
    let m = match (&prepared[run], &metrics[run]) {
        (_, Some(m)) => m.clone(),
        (Err(e), None) => {
            return Err(format!(
                "the design {:?} cannot be computed: {e}",
                design.name
            ));
        }
        (Ok(p), None) => match p.metrics(volume) {
            Ok(m) => m,
            Err(e) => {
                return Err(format!(
                    "the design {:?} cannot be computed: {e}",
                    design.name
                ));
            }
        },
    };
    let kg_co2e_per_month = energy::energy(scenario, design, &m)
        .ok()
        .flatten()
        .and_then(|e| e.kg_co2e_per_month);
    let months = match crate::econ::timeline::timeline(scenario) {
        None => Vec::new(),
        Some(Err(e)) => return Err(format!("its timeline cannot be computed: {e}")),
        Some(Ok(t)) => t
            .months
            .iter()
            .map(|row| match &row.designs[run] {
                Ok(d) => Ok((row.month, d.metrics.monthly_cost, d.metrics.monthly_value)),
                Err(e) => Err(format!("{:?} in {}: {e}", design.name, row.month)),
            })
            .collect::<Result<_, _>>()?,
    };
    Ok(Native {
        title: scenario.title.clone(),
        currency: scenario.currency.clone(),
        design: design.name.clone(),
        volume,
        best: best.and_then(|b| {
            Some((
                scenario.designs[b].name.clone(),
                metrics[b].as_ref()?.monthly_net_value,
            ))
        }),
        kg_co2e_per_month,
        metrics: m,
        months,
    })
}

/// A feature's figures in the portfolio's currency, at `rate` units per unit of its own.
fn convert(
    (index, feature): (usize, &Feature),
    native: Native,
    rate: Decimal,
) -> Result<FeatureFigures, EconError> {
    let m = &native.metrics;
    let monthly_cost = m.monthly_cost.mul(rate)?;
    let monthly_value = m.monthly_value.mul(rate)?;
    let gain = native
        .best
        .as_ref()
        .map_or(Ok(Decimal::ZERO), |(_, net)| net.sub(m.monthly_net_value))?;
    let figures = figures(
        monthly_cost,
        monthly_value,
        gain.mul(rate)?,
        native.kg_co2e_per_month,
    )?;
    let months = native
        .months
        .iter()
        .map(|&(month, cost, value)| Ok((month, cost.mul(rate)?, value.mul(rate)?)))
        .collect::<Result<_, EconError>>()?;
    Ok(FeatureFigures {
        index,
        file: feature.file.clone(),
        title: native.title,
        team: feature.team.clone(),
        design: native.design,
        volume: native.volume,
        currency: native.currency,
        rate,
        figures,
        best_design: native.best.map(|(name, _)| name),
        months,
    })
}

/// Figures from a cost and a value: net value, ROI and band.
fn figures(
    monthly_cost: Decimal,
    monthly_value: Decimal,
    gain_if_switched: Decimal,
    kg_co2e_per_month: Option<Decimal>,
) -> Result<Figures, EconError> {
    Ok(Figures {
        monthly_cost,
        monthly_value,
        monthly_net_value: monthly_value.sub(monthly_cost)?,
        roi_multiple: if monthly_cost.is_zero() {
            None
        } else {
            Some(monthly_value.div(monthly_cost)?)
        },
        band: Some(band_of(monthly_value, monthly_cost)?),
        kg_co2e_per_month,
        gain_if_switched,
    })
}

/// The totals of some features: sums, then the ROI and band of the sums.
fn total<'a>(features: impl Iterator<Item = &'a FeatureFigures>) -> Result<Figures, EconError> {
    let (mut cost, mut value, mut gain) = (Decimal::ZERO, Decimal::ZERO, Decimal::ZERO);
    let mut kg: Option<Decimal> = None;
    let mut count = 0_usize;
    for f in features {
        count += 1;
        cost = cost.add(f.figures.monthly_cost)?;
        value = value.add(f.figures.monthly_value)?;
        gain = gain.add(f.figures.gain_if_switched)?;
        if let Some(k) = f.figures.kg_co2e_per_month {
            kg = Some(kg.unwrap_or_default().add(k)?);
        }
    }
    let mut figures = figures(cost, value, gain, kg)?;
    if count == 0 {
        // No feature counted: no ROI and no band, rather than cost 0 read as Excellent.
        figures.band = None;
    }
    Ok(figures)
}

/// The months the features' timelines span: a feature adds its timeline's month where it has
/// one and its current monthly figures in every other month.
fn months(features: &[FeatureFigures], base: &Figures) -> Result<Vec<PortfolioMonth>, EconError> {
    let with: Vec<&FeatureFigures> = features.iter().filter(|f| !f.months.is_empty()).collect();
    let (Some(first), Some(last)) = (
        with.iter()
            .filter_map(|f| f.months.first())
            .map(|m| m.0)
            .min(),
        with.iter()
            .filter_map(|f| f.months.last())
            .map(|m| m.0)
            .max(),
    ) else {
        return Ok(Vec::new());
    };
    let span = usize::try_from(first.months_until(last) + 1).unwrap_or(0);
    let mut rows: Vec<PortfolioMonth> = (0..span)
        .map(|i| PortfolioMonth {
            month: first
                .plus(i32::try_from(i).unwrap_or(i32::MAX))
                .unwrap_or(last),
            monthly_cost: base.monthly_cost,
            monthly_value: base.monthly_value,
        })
        .collect();
    for f in with {
        for &(month, cost, value) in &f.months {
            let Some(row) = usize::try_from(first.months_until(month))
                .ok()
                .and_then(|i| rows.get_mut(i))
            else {
                continue;
            };
            row.monthly_cost = row.monthly_cost.add(cost.sub(f.figures.monthly_cost)?)?;
            row.monthly_value = row.monthly_value.add(value.sub(f.figures.monthly_value)?)?;
        }
    }
    Ok(rows)
}

/// The portfolio from its features' native figures (or problems), in the portfolio's order.
pub fn rollup(
    portfolio: &Portfolio,
    natives: Vec<Result<Native, FeatureProblem>>,
) -> Result<Rollup, PortfolioError> {
    let mut missing: BTreeMap<String, Vec<String>> = BTreeMap::new();
    let mut features = Vec::new();
    let mut problems = Vec::new();
    for ((index, feature), native) in portfolio.features.iter().enumerate().zip(natives) {
        match native {
            Err(problem) => problems.push(problem),
            Ok(native) => match portfolio.rate_of(&native.currency) {
                Some(rate) => features.push(convert((index, feature), native, rate)?),
                None => missing
                    .entry(native.currency)
                    .or_default()
                    .push(feature.file.clone()),
            },
        }
    }
    if !missing.is_empty() {
        return Err(PortfolioError::NoRate {
            currencies: missing.keys().cloned().collect(),
            files: missing.into_values().flatten().collect(),
        });
    }
    features.sort_by(|a, b| {
        (a.figures.band, a.figures.monthly_net_value, &a.file).cmp(&(
            b.figures.band,
            b.figures.monthly_net_value,
            &b.file,
        ))
    });
    let mut teams: BTreeMap<String, (String, Vec<&FeatureFigures>)> = BTreeMap::new();
    for f in &features {
        if let Some(team) = &f.team {
            teams
                .entry(name_key(team))
                .or_insert_with(|| (team.clone(), Vec::new()))
                .1
                .push(f);
        }
    }
    let teams = teams
        .into_values()
        .map(|(team, members)| {
            Ok(TeamFigures {
                team,
                figures: total(members.into_iter())?,
            })
        })
        .collect::<Result<Vec<_>, EconError>>()?;
    let total = total(features.iter())?;
    let months = months(&features, &total)?;
    let over_budget_from = portfolio.budget_monthly.and_then(|budget| {
        months
            .iter()
            .find(|m| m.monthly_cost > budget)
            .map(|m| m.month)
    });
    Ok(Rollup {
        title: portfolio.title.clone(),
        currency: portfolio.currency.clone(),
        budget_monthly: portfolio.budget_monthly,
        features,
        teams,
        total,
        months,
        over_budget_from,
        problems,
    })
}

/// Reads a portfolio file, or makes one from a folder of scenarios, reads its features in
/// parallel and rolls them up. A folder's portfolio is in the currency of its first scenario
/// (in name order) that reads.
pub fn open(path: &Path) -> Result<Rollup, PortfolioError> {
    open_with(path, |_, _| ()).map(|(rollup, _)| rollup)
}

/// As [`open`], with `also` computed from each feature's scenario where it was read (the review
/// pack's answer of each feature): the rollup, and per feature that computed, its `file` as the
/// portfolio names it with what `also` gave, in the portfolio's order.
pub fn open_with<T: Send>(
    path: &Path,
    also: impl Fn(&Feature, &Scenario) -> T + Sync,
) -> Result<(Rollup, Vec<(String, T)>), PortfolioError> {
    let folder = path.is_dir();
    let (mut portfolio, base, itself) = if folder {
        (portfolio_from_folder(path)?, path.to_owned(), None)
    } else {
        let base = path.parent().map(Path::to_owned).unwrap_or_default();
        (load_portfolio(path)?, base, Some(path))
    };
    let both = load_features(&portfolio, &base, itself, |f, s| {
        Ok((native(f, &s)?, also(f, &s)))
    });
    let mut extras = Vec::new();
    let natives: Vec<Result<Native, FeatureProblem>> = portfolio
        .features
        .iter()
        .zip(both)
        .map(|(feature, result)| {
            result.map(|(native, extra)| {
                extras.push((feature.file.clone(), extra));
                native
            })
        })
        .collect();
    if folder {
        portfolio.currency = natives
            .iter()
            .find_map(|n| n.as_ref().ok().map(|n| n.currency.clone()))
            .unwrap_or_else(|| "USD".to_owned());
    }
    Ok((rollup(&portfolio, natives)?, extras))
}
