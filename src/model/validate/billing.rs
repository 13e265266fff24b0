//! The checks of a design's `billing` (which rows of a bill are its own): each part is one line
//! of text of a name's length, a tag has a key, and a design lists a bounded number of tags.

use super::Checker;
use crate::model::Scenario;

/// The most tags one design's `billing` may require.
pub const MAX_BILLING_TAGS: usize = 64;

/// The text parts of every design's `billing` with their paths (tag keys and values both at the
/// tag's path, `designs[0].billing.tags["feature"]`), for the name checks.
pub(super) fn fields(s: &Scenario) -> Vec<(String, &str)> {
    let mut fields = Vec::new();
    for (i, d) in s.designs.iter().enumerate() {
        let Some(billing) = &d.billing else { continue };
        for (part, value) in billing.parts() {
            fields.push((format!("designs[{i}].billing.{part}"), value));
        }
        for key in billing.tags.keys() {
            fields.push((format!("designs[{i}].billing.tags[{key:?}]"), key.as_str()));
        }
    }
    fields
}

impl Checker {
    /// The size limit on tags (before any tag is looked at).
    pub(super) fn billing_limits(&mut self, s: &Scenario) {
        for (i, d) in s.designs.iter().enumerate() {
            if let Some(billing) = &d.billing {
                let path = format!("designs[{i}].billing.tags");
                self.count(&path, billing.tags.len(), MAX_BILLING_TAGS);
            }
        }
    }

    /// Every tag of every design's `billing` has a key.
    pub(super) fn billing(&mut self, s: &Scenario) {
        for (i, d) in s.designs.iter().enumerate() {
            let Some(billing) = &d.billing else { continue };
            if billing.tags.contains_key("") {
                self.error(
                    format!("designs[{i}].billing.tags[\"\"]"),
                    "has an empty key: a tag is matched by its key, so name it",
                );
            }
        }
    }
}
