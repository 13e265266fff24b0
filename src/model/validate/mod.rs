//! Validation of a scenario: every problem, each naming the field path and the value.
//!
//! Parsing checks the shape of a file; this checks the meaning (ranges, sums, references and the
//! size limits that keep hostile files harmless). Errors make a scenario unusable; warnings are
//! shown but do not stop anything.

use std::collections::HashSet;
use std::fmt;

use rust_decimal::Decimal;

pub use crate::format::group_thousands;

use super::fields::{self, Bound, Field, Limits, ServingField};
use super::{Design, FORMAT, OneTime, Route, Scenario, Serving};

mod billing;
mod catalog;
pub(crate) mod energy;
mod names;
mod portfolio;
mod routes;
mod serving;
mod timeline;

pub use billing::MAX_BILLING_TAGS;
pub use catalog::catalog_problems;
pub use names::{MAX_NAME_CHARS, name_key};
pub use portfolio::{MAX_FEATURES, MAX_RATE, MAX_RATES, portfolio_problems};
pub use timeline::{MAX_ACTUALS, MAX_MONTHS};

/// The most designs a scenario may hold.
pub const MAX_DESIGNS: usize = 64;
/// The most use cases a scenario may hold.
pub const MAX_USE_CASES: usize = 64;
/// The longest string (title, notes, names, URLs) a scenario may hold, in characters.
pub const MAX_STRING_CHARS: usize = 10_000;
/// The most sources one design may list.
pub const MAX_SOURCES: usize = 256;
/// The highest monthly volume anything is computed or searched at (10^12 requests).
pub const MAX_VOLUME: u64 = 1_000_000_000_000;
/// How deeply cascades may nest (a cascade whose stage is a cascade, …).
pub const MAX_CASCADE_DEPTH: usize = 4;

/// How serious a problem is.
#[derive(Debug, Clone, Copy, PartialEq, Eq, PartialOrd, Ord)]
pub enum Severity {
    /// Worth a look; the scenario still computes.
    Warning,
    /// The scenario (or the named design) cannot be computed until it is fixed.
    Error,
}

/// One problem found in a scenario.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Problem {
    /// Error or warning.
    pub severity: Severity,
    /// The field path, e.g. `designs[1].serving.target_utilization`.
    pub path: String,
    /// What is wrong, with the value, e.g. `must be in (0, 1], got 1.5`.
    pub message: String,
}

impl Problem {
    /// The index of the design the problem is in, if it is in one.
    pub fn design_index(&self) -> Option<usize> {
        let rest = self.path.strip_prefix("designs[")?;
        rest[..rest.find(']')?].parse().ok()
    }
}

impl fmt::Display for Problem {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        if self.path.is_empty() {
            write!(f, "{}", self.message)
        } else {
            write!(f, "{} {}", self.path, self.message)
        }
    }
}

/// The file's own rules: every problem found (errors and warnings), in file order. The engine's
/// checks come on top of these in `econ::validate`, which is what callers use.
pub fn rules(scenario: &Scenario) -> Vec<Problem> {
    let mut check = Checker::default();
    check.limits(scenario);
    if check.problems.is_empty() {
        check.scenario(scenario);
    }
    check.problems
}

/// The size limits alone (counts and string lengths): a file that breaks one is refused
/// outright rather than opened, since it is almost certainly not a scenario someone wrote.
pub fn limit_problems(scenario: &Scenario) -> Vec<Problem> {
    let mut check = Checker::default();
    check.limits(scenario);
    check.problems
}

#[derive(Default)]
struct Checker {
    problems: Vec<Problem>,
}

impl Checker {
    fn push(&mut self, severity: Severity, path: impl Into<String>, message: impl Into<String>) {
        self.problems.push(Problem {
            severity,
            path: path.into(),
            message: message.into(),
        });
    }

    fn error(&mut self, path: impl Into<String>, message: impl Into<String>) {
        self.push(Severity::Error, path, message);
    }

    fn text(&mut self, path: &str, value: &str) {
        let chars = value.chars().count();
        if chars > MAX_STRING_CHARS {
            self.error(
                path,
                format!("is {chars} characters long; the limit is {MAX_STRING_CHARS}"),
            );
        }
    }

    fn count(&mut self, path: &str, len: usize, limit: usize) {
        if len > limit {
            self.error(path, format!("has {len} entries; the limit is {limit}"));
        }
    }

    fn limits(&mut self, s: &Scenario) {
        self.text("title", &s.title);
        self.text("notes", &s.notes);
        self.text("currency", &s.currency);
        self.count("use_cases", s.use_cases.len(), MAX_USE_CASES);
        self.count("designs", s.designs.len(), MAX_DESIGNS);
        self.count("actuals", s.actuals.len(), MAX_ACTUALS);
        if let Some(crate::model::Timeline {
            growth: crate::model::Growth::Monthly(volumes),
            ..
        }) = &s.timeline
        {
            self.count("timeline.growth", volumes.len(), MAX_MONTHS as usize);
        }
        if let Some(running) = s.timeline.as_ref().and_then(|t| t.running.as_ref()) {
            self.text("timeline.running", running);
        }
        if let Some(c) = &s.carbon {
            self.count("carbon.sources", c.sources.len(), MAX_SOURCES);
            for (j, source) in c.sources.iter().enumerate().take(MAX_SOURCES) {
                self.text(&format!("carbon.sources[{j}].what"), &source.what);
                self.text(&format!("carbon.sources[{j}].url"), &source.url);
            }
        }
        for (i, case) in s.use_cases.iter().enumerate().take(MAX_USE_CASES) {
            self.text(&format!("use_cases[{i}].name"), &case.name);
        }
        for (i, d) in s.designs.iter().enumerate().take(MAX_DESIGNS) {
            let path = format!("designs[{i}]");
            self.text(&format!("{path}.name"), &d.name);
            self.text(&format!("{path}.notes"), &d.notes);
            self.count(
                &format!("{path}.success_by_use_case"),
                d.success_by_use_case.len(),
                MAX_USE_CASES,
            );
            for name in d.success_by_use_case.keys().take(MAX_USE_CASES) {
                self.text(&format!("{path}.success_by_use_case"), name);
            }
            self.count(&format!("{path}.sources"), d.sources.len(), MAX_SOURCES);
            for (j, source) in d.sources.iter().enumerate().take(MAX_SOURCES) {
                self.text(&format!("{path}.sources[{j}].what"), &source.what);
                self.text(&format!("{path}.sources[{j}].url"), &source.url);
            }
            self.serving_limits(&format!("{path}.serving"), &d.serving, 1);
        }
        self.billing_limits(s);
        if self.problems.is_empty() {
            self.name_limits(s);
        }
    }

    fn serving_limits(&mut self, path: &str, serving: &Serving, depth: usize) {
        match serving {
            Serving::SelfHosted { instance, .. } => {
                self.text(&format!("{path}.instance"), instance);
            }
            Serving::HostedApi { .. } => {}
            Serving::Routed { routes } => {
                self.count(&format!("{path}.routes"), routes.len(), MAX_USE_CASES);
                for (case, route) in routes.iter().take(MAX_USE_CASES) {
                    self.text(&format!("{path}.routes"), case);
                    if let Route::Design(name) = route {
                        self.text(&format!("{path}.routes[{case:?}]"), name);
                    }
                }
            }
            Serving::Cascade {
                primary, fallback, ..
            } => {
                if depth > MAX_CASCADE_DEPTH {
                    self.error(
                        path,
                        format!("nests cascades {depth} deep; the limit is {MAX_CASCADE_DEPTH}"),
                    );
                } else {
                    self.serving_limits(&format!("{path}.primary"), primary, depth + 1);
                    self.serving_limits(&format!("{path}.fallback"), fallback, depth + 1);
                }
            }
        }
    }

    fn name(&mut self, path: &str, value: &str, seen: &mut HashSet<String>) {
        if value.trim().is_empty() {
            self.error(path, "must not be empty");
        } else if !seen.insert(name_key(value)) {
            self.error(path, format!("must be unique, but {value:?} is used twice"));
        }
    }

    fn range(&mut self, path: &str, value: Decimal, low: Bound, high: Bound) {
        let limits = Limits { low, high };
        if !limits.contains(value) {
            self.error(path, limits.refusal(value));
        }
    }

    /// `value` of a serving field at `parent.<its own name>` (a power's `watts_max`), within
    /// the field's limits.
    fn within(&mut self, parent: &str, field: ServingField, value: Decimal) {
        let field = field.field();
        let name = field.key.rsplit('.').next().unwrap_or(field.key);
        self.limited(&format!("{parent}.{name}"), field, value);
    }

    /// `value` at `path` within the limits of `field`, which `path` names.
    fn limited(&mut self, path: &str, field: Field, value: Decimal) {
        self.range(path, value, field.limits.low, field.limits.high);
    }

    fn scenario(&mut self, s: &Scenario) {
        if s.format > FORMAT {
            self.error(
                "format",
                format!(
                    "is {}: the file was written by a newer version of Inference ROI Planner \
                     (this version reads format {FORMAT})",
                    s.format
                ),
            );
        } else if s.format != FORMAT {
            self.error("format", format!("must be {FORMAT}, got {}", s.format));
        }
        if !(s.currency.len() == 3 && s.currency.bytes().all(|b| b.is_ascii_uppercase())) {
            let shown: String = s.currency.chars().take(20).collect();
            self.error(
                "currency",
                format!("must be a three-letter ISO 4217 code such as \"USD\", got {shown:?}"),
            );
        }
        self.limited(
            "hours_per_month",
            fields::HOURS_PER_MONTH,
            s.hours_per_month,
        );
        self.volume(s);
        self.names_one_line(s);
        self.billing(s);

        if s.use_cases.is_empty() {
            self.error(
                "use_cases",
                "must list at least one use case (what a success is worth)",
            );
        }
        {
            let mut names = HashSet::new();
            for (i, case) in s.use_cases.iter().enumerate() {
                let path = format!("use_cases[{i}]");
                self.name(&format!("{path}.name"), &case.name, &mut names);
                self.limited(&format!("{path}.share"), fields::SHARE, case.share);
                self.limited(
                    &format!("{path}.value_per_success"),
                    fields::VALUE_PER_SUCCESS,
                    case.value_per_success,
                );
                self.limited(&format!("{path}.size"), fields::SIZE, case.size);
            }
            let total: Decimal = s.use_cases.iter().map(|c| c.share).sum();
            if !s.use_cases.is_empty() && total != Decimal::ONE {
                self.error(
                    "use_cases",
                    format!("shares must sum to 1 (100 %), got {}", total.normalize()),
                );
            }
        }

        if s.designs.is_empty() {
            self.error("designs", "must list at least one serving design");
        }

        {
            let mut names = HashSet::new();
            for (i, design) in s.designs.iter().enumerate() {
                self.design(&format!("designs[{i}]"), design, s, &mut names);
            }
        }
        self.timeline(s);
        self.actuals(s);
        self.carbon(s);
    }

    fn volume(&mut self, s: &Scenario) {
        let v = s.volume;
        if v.min < 1 {
            self.error(
                "volume.min",
                format!("must be at least 1 request per month, got {}", v.min),
            );
        }
        if v.max > MAX_VOLUME {
            self.error(
                "volume.max",
                format!(
                    "must be at most {} requests per month, got {}",
                    group_thousands(MAX_VOLUME),
                    v.max
                ),
            );
        }
        if v.min >= v.max {
            self.error(
                "volume",
                format!("min must be below max, got min {} and max {}", v.min, v.max),
            );
        }
        self.limited(
            "volume.peak_to_average",
            fields::PEAK_TO_AVERAGE,
            v.peak_to_average,
        );
        if v.current < v.min || v.current > v.max {
            self.error(
                "volume.current",
                format!(
                    "must be between min {} and max {}, got {}",
                    v.min, v.max, v.current
                ),
            );
        }
    }

    fn design(&mut self, path: &str, d: &Design, s: &Scenario, names: &mut HashSet<String>) {
        self.name(&format!("{path}.name"), &d.name, names);
        self.serving(&format!("{path}.serving"), &d.serving);
        if let Some(routes) = d.serving.routes() {
            self.routes(&format!("{path}.serving.routes"), d, routes, s);
        }
        self.limited(
            &format!("{path}.success_rate"),
            fields::SUCCESS_RATE,
            d.success_rate,
        );
        {
            for (name, rate) in &d.success_by_use_case {
                let entry = format!("{path}.success_by_use_case[{name:?}]");
                let cases = s
                    .use_cases
                    .iter()
                    .enumerate()
                    .map(|(i, c)| (format!("use_cases[{i}].name"), c.name.as_str()));
                if !self.refers(&entry, name, cases) {
                    self.error(&entry, "names a use case that the scenario does not have");
                }
                self.limited(&entry, fields::SUCCESS_RATE, *rate);
            }
        }
        self.limited(
            &format!("{path}.overhead_pct"),
            fields::OVERHEAD_PCT,
            d.overhead_pct,
        );
        self.limited(
            &format!("{path}.fixed_monthly"),
            fields::FIXED_MONTHLY,
            d.fixed_monthly,
        );
        let OneTime { amount, months } = d.one_time;
        self.limited(
            &format!("{path}.one_time.amount"),
            fields::ONE_TIME_AMOUNT,
            amount,
        );
        if !(1..=1200).contains(&months) {
            self.error(
                format!("{path}.one_time.months"),
                format!("must be in [1, 1,200], got {months}"),
            );
        }
        // A routed design's prices are its designs'; they carry the sources.
        if d.sources.is_empty() && d.serving.routes().is_none() {
            self.push(
                Severity::Warning,
                format!("{path}.sources"),
                format!(
                    "is empty: say where the prices of {:?} come from and when",
                    d.name
                ),
            );
        }
    }
}
