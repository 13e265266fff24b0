//! Inference ROI Planner: is an AI feature's inference cost justified by the value it delivers,
//! and how does that change with scale?
//!
//! The crate is a pure core with thin shells around it:
//! - [`model`]: the scenario (use cases, serving designs, volumes) and its validation;
//! - [`econ`]: the exact unit-economics engine that `DOMAIN.md` defines;
//! - [`io`]: scenario files (RON) and the bundled examples;
//! - [`report`]: text, CSV, Markdown and JSON output of the engine's results;
//! - [`chart`]: the chart as data, and its SVG and PNG export;
//! - [`cli`]: the `inference-roi` command line;
//! - `app`: the desktop planner (eframe), in builds with the default `gui` feature.

#[cfg(feature = "gui")]
pub mod app;
pub mod chart;
pub mod cli;
pub mod econ;
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
