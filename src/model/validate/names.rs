//! The checks of names and other one-line text (names of designs and use cases,
//! the title, the keys that refer to them, the sources): no control character, a length people
//! can read, and one spelling per name (`docs/file-format.md#what-is-refused-and-how`).
//!
//! A control character in a name would reach a terminal as an escape sequence (retitle, clear)
//! and a report as a line break; a 10,000-character name makes every chart label a search for
//! a fit. Two names that differ only by Unicode normalisation (`é` as one character or as `e`
//! and an accent) print the same, so they are the same name.

use unicode_normalization::UnicodeNormalization;

use super::Checker;
use crate::model::{Route, Scenario, Serving};

/// The longest name (a design's, a use case's, the title, an instance's), in characters.
pub const MAX_NAME_CHARS: usize = 200;

/// A name as names are compared: trimmed and in Unicode normalisation form C, so names that
/// print the same are the same.
pub fn name_key(name: &str) -> String {
    name.trim().nfc().collect()
}

/// Every name-like field of a scenario with its path: the title, use-case and design names, the
/// keys and route targets that refer to them, instances and the running design. The one list
/// the length and one-line checks both walk.
fn name_fields(s: &Scenario) -> Vec<(String, &str)> {
    let mut fields = vec![("title".to_owned(), s.title.as_str())];
    for (i, case) in s.use_cases.iter().enumerate() {
        fields.push((format!("use_cases[{i}].name"), &case.name));
    }
    for (i, d) in s.designs.iter().enumerate() {
        fields.push((format!("designs[{i}].name"), &d.name));
        for name in d.success_by_use_case.keys() {
            fields.push((format!("designs[{i}].success_by_use_case[{name:?}]"), name));
        }
        serving_names(&format!("designs[{i}].serving"), &d.serving, 0, &mut fields);
    }
    if let Some(running) = s.timeline.as_ref().and_then(|t| t.running.as_ref()) {
        fields.push(("timeline.running".to_owned(), running));
    }
    fields.extend(super::billing::fields(s));
    fields
}

/// The name-like fields of a serving, down its cascade (as deep as the size limit allows: a
/// deeper one is refused, and named, with the other size limits).
fn serving_names<'a>(
    path: &str,
    serving: &'a Serving,
    depth: usize,
    fields: &mut Vec<(String, &'a str)>,
) {
    match serving {
        Serving::SelfHosted { instance, .. } => fields.push((format!("{path}.instance"), instance)),
        Serving::Routed { routes } => {
            for (case, route) in routes {
                fields.push((format!("{path}.routes[{case:?}]"), case));
                if let Route::Design(name) = route {
                    fields.push((format!("{path}.routes[{case:?}]"), name));
                }
            }
        }
        Serving::Cascade {
            primary, fallback, ..
        } if depth < super::MAX_CASCADE_DEPTH => {
            serving_names(&format!("{path}.primary"), primary, depth + 1, fields);
            serving_names(&format!("{path}.fallback"), fallback, depth + 1, fields);
        }
        Serving::HostedApi { .. } | Serving::Cascade { .. } => {}
    }
}

impl Checker {
    /// A name-like field longer than [`MAX_NAME_CHARS`].
    pub(super) fn name_length(&mut self, path: &str, value: &str) {
        let chars = value.chars().count();
        if chars > MAX_NAME_CHARS {
            self.error(
                path,
                format!(
                    "is {chars} characters long; the limit for a name is {MAX_NAME_CHARS} characters"
                ),
            );
        }
    }

    /// A field that must be one line of text: its first control character, named.
    pub(super) fn one_line(&mut self, path: &str, value: &str) {
        if let Some(c) = value.chars().find(|c| c.is_control()) {
            let shown: String = value
                .chars()
                .map(|c| if c.is_control() { '\u{fffd}' } else { c })
                .take(60)
                .collect();
            self.error(
                path,
                format!(
                    "holds a control character (U+{:04X}) in {shown:?}: a name is one line of \
                     text without tabs, line breaks or terminal escapes",
                    u32::from(c)
                ),
            );
        }
    }

    /// The lengths of every name-like field (part of the size limits).
    pub(super) fn name_limits(&mut self, s: &Scenario) {
        for (path, name) in name_fields(s) {
            self.name_length(&path, name);
        }
    }

    /// Every name-like field of the scenario, and every source, holds one line of text.
    pub(super) fn names_one_line(&mut self, s: &Scenario) {
        self.one_line("currency", &s.currency);
        for (path, name) in name_fields(s) {
            self.one_line(&path, name);
        }
        let sources = s.designs.iter().enumerate().flat_map(|(i, d)| {
            d.sources
                .iter()
                .enumerate()
                .map(move |(j, source)| (format!("designs[{i}].sources[{j}]"), source))
        });
        let carbon = s.carbon.iter().flat_map(|c| &c.sources).enumerate();
        let carbon = carbon.map(|(j, source)| (format!("carbon.sources[{j}]"), source));
        for (path, source) in sources.chain(carbon) {
            self.one_line(&format!("{path}.what"), &source.what);
            self.one_line(&format!("{path}.url"), &source.url);
        }
    }

    /// The design running today (`timeline.running`) is one of the scenario's.
    pub(super) fn running(&mut self, s: &Scenario, running: &str) {
        let designs = s
            .designs
            .iter()
            .enumerate()
            .map(|(i, d)| (format!("designs[{i}].name"), d.name.as_str()));
        if !self.refers("timeline.running", running, designs) {
            self.error(
                "timeline.running",
                format!("names design {running:?}, which the scenario does not have"),
            );
        }
    }

    /// A key that refers to one of `names` (a use case, a design) by name: whether it does,
    /// compared after normalisation. One spelled differently from the name it means (the same
    /// after normalisation, other characters before) is refused, so the engine, which looks
    /// names up as written, always finds what the check accepted.
    pub(super) fn refers<'a>(
        &mut self,
        entry: &str,
        key: &str,
        mut names: impl Iterator<Item = (String, &'a str)>,
    ) -> bool {
        let wanted = name_key(key);
        let Some((path, name)) = names.find(|(_, name)| name_key(name) == wanted) else {
            return false;
        };
        if name != key {
            self.error(
                entry,
                format!(
                    "means {path} {name:?} but is written with other characters ({key:?}, the \
                     same text after Unicode normalisation): write it exactly as the name"
                ),
            );
        }
        true
    }
}

#[cfg(test)]
mod tests {
    use super::name_key;

    #[test]
    fn names_that_print_the_same_are_the_same() {
        assert_eq!(name_key("Caf\u{e9}"), name_key("Cafe\u{301} "));
        assert_ne!(name_key("Cafe"), name_key("Caf\u{e9}"));
    }
}
