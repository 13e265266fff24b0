//! The bundled example scenarios, embedded in the binary so the app works from anywhere.

/// One bundled scenario.
#[derive(Debug, Clone, Copy)]
pub struct Example {
    /// The file name under `scenarios/`.
    pub file_name: &'static str,
    /// The file's text.
    pub text: &'static str,
}

/// Every bundled scenario; the first is the one the app opens by default.
pub const EXAMPLES: &[Example] = &[
    Example {
        file_name: "support-assistant.ron",
        text: include_str!("../../scenarios/support-assistant.ron"),
    },
    Example {
        file_name: "document-classification.ron",
        text: include_str!("../../scenarios/document-classification.ron"),
    },
    Example {
        file_name: "search-summaries.ron",
        text: include_str!("../../scenarios/search-summaries.ron"),
    },
    Example {
        file_name: "support-assistant-uncertain.ron",
        text: include_str!("../../scenarios/support-assistant-uncertain.ron"),
    },
    Example {
        file_name: "support-routing.ron",
        text: include_str!("../../scenarios/support-routing.ron"),
    },
    Example {
        file_name: "support-over-time.ron",
        text: include_str!("../../scenarios/support-over-time.ron"),
    },
];

/// The bundled scenario with this file name (with or without `.ron`).
pub fn find(name: &str) -> Option<&'static Example> {
    EXAMPLES
        .iter()
        .find(|e| e.file_name == name || e.file_name.strip_suffix(".ron") == Some(name))
}
