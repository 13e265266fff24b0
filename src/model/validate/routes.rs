//! The checks of a routed design's routes against the scenario's designs and use cases.

use rust_decimal::Decimal;

use super::{Checker, name_key};
use crate::model::{Design, Route, Scenario};

impl Checker {
    /// A routed design's routes (`docs/method.md#routed-designs`): every use case exactly once,
    /// each to an existing design that is not routed, and at least one served.
    pub(super) fn routes(
        &mut self,
        path: &str,
        d: &Design,
        routes: &std::collections::BTreeMap<String, Route>,
        s: &Scenario,
    ) {
        for (case, route) in routes {
            let entry = format!("{path}[{case:?}]");
            let cases = s
                .use_cases
                .iter()
                .enumerate()
                .map(|(i, c)| (format!("use_cases[{i}].name"), c.name.as_str()));
            if !self.refers(&entry, case, cases) {
                self.error(&entry, "names a use case that the scenario does not have");
            }
            let Route::Design(name) = route else { continue };
            let designs = s
                .designs
                .iter()
                .enumerate()
                .map(|(i, d)| (format!("designs[{i}].name"), d.name.as_str()));
            self.refers(&entry, name, designs);
            let key = name_key(name);
            match s.designs.iter().find(|other| name_key(&other.name) == key) {
                None => self.error(
                    &entry,
                    format!(
                        "sends it to design {name:?}, which the scenario does not have \
                         (renamed or deleted?): choose a design or NotServed"
                    ),
                ),
                Some(other) if name_key(&other.name) == name_key(&d.name) => self.error(
                    &entry,
                    format!("sends it to {name:?}, the routed design itself"),
                ),
                Some(other) if other.serving.routes().is_some() => self.error(
                    &entry,
                    format!(
                        "sends it to {name:?}, which is itself routed: routed designs do not nest"
                    ),
                ),
                Some(_) => {}
            }
        }
        let missing: Vec<&str> = s
            .use_cases
            .iter()
            .filter(|c| !routes.contains_key(&c.name))
            .map(|c| c.name.as_str())
            .collect();
        if !missing.is_empty() {
            self.error(
                path,
                format!(
                    "does not route {}: give each use case a design or NotServed",
                    quoted_list(&missing)
                ),
            );
        }
        let served_share: Decimal = s
            .use_cases
            .iter()
            .filter(|c| routes.get(&c.name).is_some_and(|r| r.design().is_some()))
            .map(|c| c.share)
            .sum();
        if routes.values().all(|r| r.design().is_none()) {
            self.error(
                path,
                "sends every use case to NotServed: route at least one to a design",
            );
        } else if served_share.is_zero() && !s.use_cases.is_empty() {
            self.error(
                path,
                "serves only use cases whose share is 0: it would serve no requests",
            );
        }
    }
}

/// `"a"`, `"a" and "b"`, `"a", "b" and "c"`.
fn quoted_list(names: &[&str]) -> String {
    let quoted: Vec<String> = names.iter().map(|n| format!("{n:?}")).collect();
    match quoted.split_last() {
        Some((last, rest)) if !rest.is_empty() => format!("{} and {last}", rest.join(", ")),
        _ => quoted.concat(),
    }
}
