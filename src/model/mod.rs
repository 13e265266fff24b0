//! The scenario model: what a product manager writes down about an AI feature.
//!
//! A [`Scenario`] holds the request volume, the use cases (what a successful answer is worth) and
//! the serving designs being compared. These types are the public `.ron` file format (format 1):
//! field names and variants are spelled exactly as people write them by hand. Numbers that are
//! money, prices, rates or shares are exact [`Decimal`]s; see [`exact`] for how files keep them exact.

mod billing;
pub mod catalog;
pub mod date;
pub mod edit;
pub mod exact;
pub mod fields;
pub mod flatten;
mod long_context;
pub mod month;
pub mod portfolio;
mod timeline;
pub mod uncertain;
pub mod unique_map;
pub mod validate;

use std::collections::BTreeMap;

use rust_decimal::Decimal;
use serde::{Deserialize, Serialize};

pub use billing::Billing;
pub use date::Date;
pub use long_context::LongContext;
pub use month::Month;
pub use portfolio::{Feature, Portfolio, Rate};
pub use timeline::{Actual, Growth, Timeline};
pub use validate::{Problem, Severity};

/// The file format version this build reads and writes.
pub const FORMAT: u32 = 1;

/// The default hours in a month (365 × 24 / 12 = 730); some sources use 720 or 729.6.
pub const DEFAULT_HOURS_PER_MONTH: Decimal = Decimal::from_parts(730, 0, 0, false, 0);

/// A whole scenario: one AI feature, its traffic, what it is worth and the designs that could serve it.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct Scenario {
    /// File format version; this build reads format 1.
    #[serde(default = "format_default")]
    pub format: u32,
    /// The feature or decision being modelled.
    #[serde(default)]
    pub title: String,
    /// Free-form context for reviewers.
    #[serde(default)]
    pub notes: String,
    /// ISO 4217 currency code of every amount in the scenario, e.g. `"USD"`.
    #[serde(default = "currency_default")]
    pub currency: String,
    /// Hours in a month, used to turn hourly instance prices into monthly cost (default 730).
    #[serde(default = "hours_default", with = "exact")]
    pub hours_per_month: Decimal,
    /// Requests per month: today's volume and the range to chart.
    pub volume: Volume,
    /// What the feature is used for, with each use case's share of traffic and value.
    #[serde(default)]
    pub use_cases: Vec<UseCase>,
    /// The serving designs being compared.
    #[serde(default)]
    pub designs: Vec<Design>,
    /// The months ahead: growth, budget and the design running today (see
    /// `docs/method.md#over-time-growth-payback-budget-and-measured-months`). Written only when
    /// there is one, so files without it save unchanged.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub timeline: Option<Timeline>,
    /// Measured months: requests, cost and value as they happened. Written only when there are
    /// some.
    #[serde(default, skip_serializing_if = "Vec::is_empty")]
    pub actuals: Vec<Actual>,
    /// The grid's carbon intensity, the data centre's PUE and a carbon price (see
    /// `docs/method.md#energy-and-carbon-per-inference`). Written only when there is one.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub carbon: Option<Carbon>,
    /// Inputs written as `Range(low, high)` (90 % intervals), by field path; the fields hold
    /// their point estimates. Read and written by `io` around the typed fields.
    #[serde(skip)]
    pub ranges: BTreeMap<String, uncertain::Range>,
}

fn format_default() -> u32 {
    FORMAT
}

fn currency_default() -> String {
    "USD".to_owned()
}

fn hours_default() -> Decimal {
    DEFAULT_HOURS_PER_MONTH
}

/// Where a scenario's energy is drawn and what its carbon costs.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct Carbon {
    /// Grams of `CO₂e` per kWh of the grid the designs run on.
    #[serde(with = "exact")]
    pub grid_g_per_kwh: Decimal,
    /// Power usage effectiveness of the data centre (≥ 1): facility energy over IT energy.
    #[serde(default = "one", with = "exact")]
    pub pue: Decimal,
    /// A carbon price per tonne of `CO₂e`, in currency (0: none).
    #[serde(default, with = "exact")]
    pub price_per_tonne: Decimal,
    /// Where the grid intensity, PUE and price come from.
    #[serde(default)]
    pub sources: Vec<Source>,
}

/// The power of one self-hosted instance.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct Power {
    /// Accelerators (or CPU sockets) per instance.
    #[serde(
        default = "one_instance",
        deserialize_with = "exact::count::deserialize"
    )]
    pub devices: u32,
    /// Watts of one device at full load.
    #[serde(with = "exact")]
    pub watts_max: Decimal,
    /// Watts of one device idle.
    #[serde(with = "exact")]
    pub watts_idle: Decimal,
    /// Watts of the rest of the host (CPU, memory, network), whatever the load.
    #[serde(default, with = "exact")]
    pub host_watts: Decimal,
}

/// The energy of a hosted model per token and per request, from published estimates.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct TokenEnergy {
    /// Wh per 1,000 input tokens.
    #[serde(with = "exact")]
    pub wh_per_1k_input_tokens: Decimal,
    /// Wh per 1,000 output tokens.
    #[serde(with = "exact")]
    pub wh_per_1k_output_tokens: Decimal,
    /// Wh per request on top of tokens.
    #[serde(default, with = "exact")]
    pub wh_per_request: Decimal,
    /// The figures include the data centre's overhead (PUE); most published per-query figures do.
    #[serde(default = "yes")]
    pub includes_pue: bool,
}

fn yes() -> bool {
    true
}

/// Monthly request volumes: the current one and the chart's range (`min < max`, `min ≤ current ≤ max`).
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct Volume {
    /// Requests per month today (or at the planning horizon).
    #[serde(deserialize_with = "exact::count::deserialize")]
    pub current: u64,
    /// The chart's lowest monthly volume.
    #[serde(deserialize_with = "exact::count::deserialize")]
    pub min: u64,
    /// The chart's highest monthly volume.
    #[serde(deserialize_with = "exact::count::deserialize")]
    pub max: u64,
    /// The busiest hour's traffic over the average hour's (≥ 1): self-hosted fleets are sized
    /// for the peak and run all month. Written only when it is not 1.
    #[serde(default = "one", with = "exact", skip_serializing_if = "is_one")]
    pub peak_to_average: Decimal,
}

/// One use of the feature: its share of the traffic and what one successful answer is worth.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct UseCase {
    /// A short unique name (per-use-case success overrides refer to it).
    pub name: String,
    /// Fraction of all requests (0–1); the shares of all use cases sum to 1.
    #[serde(with = "exact")]
    pub share: Decimal,
    /// What one successful outcome is worth, in the scenario's currency.
    #[serde(with = "exact")]
    pub value_per_success: Decimal,
    /// How large this use case's requests are relative to the others (1 = average): its share
    /// of the load, and so of the cost, is share × size over Σ share × size. Written only when
    /// it is not 1, so files without it save unchanged.
    #[serde(default = "one", with = "exact", skip_serializing_if = "is_one")]
    pub size: Decimal,
}

/// One way of serving the feature, with its costs and how often it succeeds.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct Design {
    /// A short unique name, shown in the legend and the table.
    pub name: String,
    /// How requests are served and what that costs.
    pub serving: Serving,
    /// Share of requests whose outcome is a success (0–1), unless a use case overrides it.
    #[serde(default = "one", with = "exact")]
    pub success_rate: Decimal,
    /// Success rates (0–1) for particular use cases, by use-case name.
    #[serde(
        default,
        serialize_with = "exact::map::serialize",
        deserialize_with = "unique_map::decimals",
        skip_serializing_if = "BTreeMap::is_empty"
    )]
    pub success_by_use_case: BTreeMap<String, Decimal>,
    /// Extra cost as a percentage of serving cost (monitoring, retries, egress), e.g. `15` for 15 %.
    #[serde(default, with = "exact")]
    pub overhead_pct: Decimal,
    /// Fixed cost per month regardless of volume (on-call, licences, evaluation), in currency.
    #[serde(default, with = "exact")]
    pub fixed_monthly: Decimal,
    /// A one-time cost (fine-tuning, integration) spread evenly over a number of months.
    #[serde(default, skip_serializing_if = "OneTime::is_zero")]
    pub one_time: OneTime,
    /// The grid intensity where this design runs (`gCO₂e`/kWh), over the scenario's.
    #[serde(
        default,
        with = "exact::present",
        skip_serializing_if = "Option::is_none"
    )]
    pub grid_g_per_kwh: Option<Decimal>,
    /// The PUE of this design's data centre, over the scenario's.
    #[serde(
        default,
        with = "exact::present",
        skip_serializing_if = "Option::is_none"
    )]
    pub pue: Option<Decimal>,
    /// Free-form notes for reviewers.
    #[serde(default)]
    pub notes: String,
    /// Where each price or figure comes from, and when it was checked.
    #[serde(default)]
    pub sources: Vec<Source>,
    /// Which rows of a cost-and-usage bill are this design's (absent: none).
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub billing: Option<Billing>,
}

fn one() -> Decimal {
    Decimal::ONE
}

#[allow(clippy::trivially_copy_pass_by_ref)] // serde's skip_serializing_if signature
fn is_one(value: &Decimal) -> bool {
    *value == Decimal::ONE
}

/// A one-time cost amortised evenly: `amount / months` is added to every month's cost.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct OneTime {
    /// The one-time amount, in currency.
    #[serde(with = "exact")]
    pub amount: Decimal,
    /// Months to spread it over (at least 1).
    #[serde(default = "one_month", deserialize_with = "exact::count::deserialize")]
    pub months: u32,
}

fn one_month() -> u32 {
    1
}

impl OneTime {
    /// True when there is no one-time cost (such a value is left out of saved files).
    pub fn is_zero(&self) -> bool {
        self.amount.is_zero()
    }
}

impl Default for OneTime {
    fn default() -> Self {
        Self {
            amount: Decimal::ZERO,
            months: 1,
        }
    }
}

/// Where a figure comes from.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct Source {
    /// What the source supports, e.g. "GPT-4o list price".
    pub what: String,
    /// Where to check it.
    #[serde(default)]
    pub url: String,
    /// The date the figure was read.
    pub as_of: Date,
}

/// How a design serves requests.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
#[serde(deny_unknown_fields)]
pub enum Serving {
    /// A model behind a vendor API, paid per token and/or per request.
    HostedApi {
        /// Price per million input (prompt) tokens.
        #[serde(default, with = "exact")]
        input_price_per_mtok: Decimal,
        /// Price per million output (completion) tokens.
        #[serde(default, with = "exact")]
        output_price_per_mtok: Decimal,
        /// Price per request on top of tokens (e.g. a per-call fee).
        #[serde(default, with = "exact")]
        price_per_request: Decimal,
        /// Average input tokens per request.
        #[serde(default, with = "exact")]
        input_tokens: Decimal,
        /// Average output tokens per request.
        #[serde(default, with = "exact")]
        output_tokens: Decimal,
        /// Share of input tokens served from the vendor's prompt cache (0–1).
        #[serde(default, with = "exact", skip_serializing_if = "Decimal::is_zero")]
        cached_input_share: Decimal,
        /// Price per million cached input tokens; absent (`None`): the input price.
        #[serde(
            default,
            with = "exact::present",
            skip_serializing_if = "Option::is_none"
        )]
        cached_input_price_per_mtok: Option<Decimal>,
        /// Share of input tokens written to the vendor's prompt cache (0–1; with the cached share
        /// at most 1).
        #[serde(default, with = "exact", skip_serializing_if = "Decimal::is_zero")]
        cache_write_share: Decimal,
        /// Price per million input tokens written to the cache; absent (`None`): the input price.
        #[serde(
            default,
            with = "exact::present",
            skip_serializing_if = "Option::is_none"
        )]
        cache_write_price_per_mtok: Option<Decimal>,
        /// Share of requests sent through the vendor's batch API (0–1).
        #[serde(default, with = "exact", skip_serializing_if = "Decimal::is_zero")]
        batch_share: Decimal,
        /// The batch API's discount on token prices, in percent (0–100).
        #[serde(default, with = "exact", skip_serializing_if = "Decimal::is_zero")]
        batch_discount_pct: Decimal,
        /// A negotiated discount on token prices, in percent (0–100).
        #[serde(default, with = "exact", skip_serializing_if = "Decimal::is_zero")]
        discount_pct: Decimal,
        /// Energy per token and request (published estimates); `None`: unknown.
        #[serde(default, skip_serializing_if = "Option::is_none")]
        energy: Option<TokenEnergy>,
        /// Dearer prices for the whole of a request whose input tokens exceed a threshold
        /// (`docs/method.md#pricing-as-bills-charge-it`); `None`: one price at every length.
        #[serde(default, skip_serializing_if = "Option::is_none")]
        long_context: Option<LongContext>,
    },
    /// Instances rented by the hour (a fine-tuned small model on GPUs, a distilled model on CPUs).
    SelfHosted {
        /// GPU or CPU instances.
        hardware: Hardware,
        /// The instance type, e.g. "g6.xlarge (1× L4)".
        #[serde(default)]
        instance: String,
        /// Price of one instance per hour.
        #[serde(with = "exact")]
        price_per_hour: Decimal,
        /// Peak throughput of one instance.
        throughput: Throughput,
        /// Average tokens per request (input + output); needed with `TokensPerSecond`, 0 = not stated.
        #[serde(default, with = "exact")]
        tokens_per_request: Decimal,
        /// Share of peak throughput planned for (0–1], leaving headroom for bursts.
        #[serde(default = "one", with = "exact")]
        target_utilization: Decimal,
        /// Instances that run even with no traffic.
        #[serde(
            default = "one_instance",
            deserialize_with = "exact::count::deserialize"
        )]
        min_instances: u32,
        /// The most instances available (quota, budget); `None` for no limit.
        #[serde(default)]
        max_instances: Option<u32>,
        /// Instances reserved (committed use) at a lower price, paid all month whether used or
        /// not; `None` for on-demand only.
        #[serde(default, skip_serializing_if = "Option::is_none")]
        reserved: Option<Reserved>,
        /// The power of one instance; `None`: unknown.
        #[serde(default, skip_serializing_if = "Option::is_none")]
        power: Option<Power>,
    },
    /// A cheap primary answers every request; a share escalates to a fallback.
    Cascade {
        /// Serves every request.
        primary: Box<Serving>,
        /// Serves the escalated share.
        fallback: Box<Serving>,
        /// Share of requests escalated to the fallback (0–1).
        #[serde(with = "exact")]
        escalation_rate: Decimal,
    },
    /// Each use case sent to one of the scenario's other designs, or to no AI
    /// (`docs/method.md#routed-designs`). Only at a design's top level; routed designs do not nest.
    Routed {
        /// Per use-case name: the design that serves it, or `NotServed`.
        #[serde(deserialize_with = "unique_map::deserialize")]
        routes: BTreeMap<String, Route>,
    },
}

/// Where a routed design sends one use case.
#[derive(Debug, Clone, PartialEq, Eq, PartialOrd, Ord, Hash, Serialize, Deserialize)]
pub enum Route {
    /// Served by the named (non-routed) design of the scenario.
    Design(String),
    /// Not served by AI: its requests are not inferences and earn nothing here.
    NotServed,
}

impl Route {
    /// The design's name, or `None` for `NotServed`.
    pub fn design(&self) -> Option<&str> {
        match self {
            Route::Design(name) => Some(name),
            Route::NotServed => None,
        }
    }
}

/// Instances reserved at a lower hourly price, paid all month.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct Reserved {
    /// How many instances are reserved.
    #[serde(deserialize_with = "exact::count::deserialize")]
    pub instances: u32,
    /// The reserved price of one instance per hour.
    #[serde(with = "exact")]
    pub price_per_hour: Decimal,
}

fn one_instance() -> u32 {
    1
}

/// What a self-hosted instance runs on.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize, Deserialize)]
pub enum Hardware {
    /// GPU instances.
    Gpu,
    /// CPU instances.
    Cpu,
}

/// Peak throughput of one instance.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize, Deserialize)]
pub enum Throughput {
    /// Requests per second.
    RequestsPerSecond(#[serde(with = "exact")] Decimal),
    /// Tokens per second; divided by the stage's `tokens_per_request`.
    TokensPerSecond(#[serde(with = "exact")] Decimal),
}

impl Scenario {
    /// The title, or "Untitled scenario" when it is empty: what headings show.
    pub fn title_or_untitled(&self) -> String {
        if self.title.is_empty() {
            "Untitled scenario".to_owned()
        } else {
            self.title.clone()
        }
    }

    /// The oldest as-of date among every source: the designs' and the carbon section's.
    pub fn oldest_source(&self) -> Option<Date> {
        self.designs
            .iter()
            .filter_map(Design::oldest_source)
            .chain(
                self.carbon
                    .iter()
                    .flat_map(|c| c.sources.iter().map(|s| s.as_of)),
            )
            .min()
    }
}

impl Serving {
    /// A short human name for the serving kind.
    pub fn kind_label(&self) -> &'static str {
        match self {
            Serving::HostedApi { .. } => "Hosted API",
            Serving::SelfHosted {
                hardware: Hardware::Gpu,
                ..
            } => "Self-hosted GPU",
            Serving::SelfHosted {
                hardware: Hardware::Cpu,
                ..
            } => "Self-hosted CPU",
            Serving::Cascade { .. } => "Cascade",
            Serving::Routed { .. } => "Routed",
        }
    }

    /// The routes of a routed design (`None` for every other kind).
    pub fn routes(&self) -> Option<&BTreeMap<String, Route>> {
        match self {
            Serving::Routed { routes } => Some(routes),
            _ => None,
        }
    }

    /// Forgets the serving's power and published energy figures, in every stage: the serving
    /// as it was before energy data (its costs are unchanged).
    pub fn clear_energy(&mut self) {
        match self {
            Serving::HostedApi { energy, .. } => *energy = None,
            Serving::SelfHosted { power, .. } => *power = None,
            Serving::Cascade {
                primary, fallback, ..
            } => {
                primary.clear_energy();
                fallback.clear_energy();
            }
            Serving::Routed { .. } => {}
        }
    }
}

impl Design {
    /// A design with only its name, serving and success rate: no overrides, overhead, fixed or
    /// one-time costs, site, notes or sources.
    pub fn new(name: impl Into<String>, serving: Serving, success_rate: Decimal) -> Design {
        Design {
            name: name.into(),
            serving,
            success_rate,
            success_by_use_case: BTreeMap::new(),
            overhead_pct: Decimal::ZERO,
            fixed_monthly: Decimal::ZERO,
            one_time: OneTime::default(),
            grid_g_per_kwh: None,
            pue: None,
            notes: String::new(),
            sources: Vec::new(),
            billing: None,
        }
    }

    /// The success rate that applies to a use case: its override, or the design's own rate.
    pub fn success_rate_for(&self, use_case: &str) -> Decimal {
        self.success_by_use_case
            .get(use_case)
            .copied()
            .unwrap_or(self.success_rate)
    }

    /// The oldest as-of date among the design's sources.
    pub fn oldest_source(&self) -> Option<Date> {
        self.sources.iter().map(|s| s.as_of).min()
    }
}
