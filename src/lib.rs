//! Inference ROI Planner: is an AI feature's inference cost justified by the value it delivers,
//! and how does that change with scale?
//!
//! The crate is a pure core with thin shells around it, in layers; each imports only those
//! above it in this list:
//! - [`format`](mod@format): human-readable numbers and text that is safe in every output (a leaf);
//! - [`model`]: the scenario (use cases, serving designs, volumes) and the file's own rules;
//! - [`econ`]: the exact unit-economics engine, and the whole check of a scenario;
//! - [`io`]: scenario files (RON), the price catalogue and the bundled examples;
//! - [`chart`]: the chart as data, and its SVG and PNG export;
//! - [`report`]: text, CSV, Markdown, JSON and HTML output of the engine's results;
//! - [`cli`]: the `inference-roi` command line;
//! - `app`: the desktop planner (eframe), in builds with the default `gui` feature;
//! - [`fuzz`]: the properties the fuzz targets check, over all of the above.

#[cfg(feature = "gui")]
pub mod app;
pub mod chart;
pub mod cli;
pub mod econ;
pub mod format;
pub mod fuzz;
pub mod io;
pub mod model;
pub mod report;

/// The version and the commit the binary was built from: `0.1.0 (3f2a9c1b7e)`. At the crate
/// root, so the reports, the planner and the command line all read it without depending on
/// each other.
pub const VERSION: &str = concat!(
    env!("CARGO_PKG_VERSION"),
    " (",
    env!("INFERENCE_ROI_COMMIT"),
    ")"
);
