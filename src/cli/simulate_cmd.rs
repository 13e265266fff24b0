//! `inference-roi simulate`: the Monte Carlo's bands and odds, and every sample on request.

use std::path::Path;

use super::{Failure, SeekFormat, load_valid, refuse_input_as_output};
use crate::econ::sweep;
use crate::{io, report};

/// Runs the simulation of `file` with (samples, seed, points); writes every sample to
/// `samples_out` when asked.
pub(super) fn run(
    file: &Path,
    (samples, seed, points): (usize, u64, usize),
    samples_out: Option<&Path>,
    format: SeekFormat,
) -> Result<String, Failure> {
    if let Some(out) = samples_out {
        refuse_input_as_output(("--samples-out", out), &[("the scenario file", file)])?;
    }
    let scenario = load_valid(file)?;
    let volumes = sweep::log_volumes(scenario.volume.min, scenario.volume.max, points);
    let arguments = format!("--samples {samples} --points {points}");
    let sim = crate::econ::simulate::simulate(&scenario, &volumes, samples, seed)
        .map_err(|e| Failure::simulation(file, &arguments, &e))?;
    if let Some(out) = samples_out {
        let table = crate::econ::simulate::samples::simulate_samples(&scenario, samples, seed)
            .map_err(|e| Failure::simulation(file, &format!("--samples {samples}"), &e))?;
        io::write_atomically(out, report::simulate::samples_csv(&table).as_bytes())
            .map_err(|e| Failure::command(format!("--samples-out {}: {e}", out.display())))?;
    }
    Ok(match format {
        SeekFormat::Text => report::simulate::simulation_text(&scenario, &sim, 12),
        SeekFormat::Json => report::simulate::simulation_json(&scenario, &sim),
    })
}
