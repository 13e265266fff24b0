//! `inference-roi simulate`: the Monte Carlo's bands and odds, and every sample on request.

use std::path::PathBuf;

use crate::cli::load::load_valid;
use crate::cli::output::{Input, refuse_input_as_output};
use crate::cli::{Failure, SeekFormat};
use crate::econ::simulate::{samples::simulate_samples, simulate};
use crate::econ::sweep;
use crate::{io, report};

/// The arguments of `simulate`.
#[derive(Debug, clap::Args)]
pub struct SimulateArgs {
    /// The scenario file (.ron).
    pub file: PathBuf,
    /// Number of samples.
    #[arg(long, default_value_t = 5000, value_parser = clap::value_parser!(u32).range(1..=1_000_000))]
    pub samples: u32,
    /// Seed of the random numbers: the same seed gives the same result.
    #[arg(long, default_value_t = 1)]
    pub seed: u64,
    /// Log-spaced volumes of the bands.
    #[arg(long, default_value_t = 100, value_parser = clap::value_parser!(u32).range(2..=10_000))]
    pub points: u32,
    /// Also write every sample (its drawn inputs and each design's ROI at the current
    /// volume) to this CSV file, to audit the simulation.
    #[arg(long)]
    pub samples_out: Option<PathBuf>,
    /// Output format.
    #[arg(long, value_enum, default_value_t = SeekFormat::Text)]
    pub format: SeekFormat,
}

/// `simulate`: the bands and odds of the scenario's designs; every sample written to
/// `--samples-out` when asked.
pub(in crate::cli) fn run(args: &SimulateArgs) -> Result<String, Failure> {
    let file = &args.file;
    let (samples, seed, points) = (args.samples as usize, args.seed, args.points as usize);
    if let Some(out) = &args.samples_out {
        refuse_input_as_output("--samples-out", out, &[Input::scenario(file)])?;
    }
    let scenario = load_valid(file)?;
    let volumes = sweep::log_volumes(scenario.volume.min, scenario.volume.max, points);
    let arguments = format!("--samples {samples} --points {points}");
    let sim = simulate(&scenario, &volumes, samples, seed)
        .map_err(|e| Failure::simulation(file, &arguments, &e))?;
    if let Some(out) = &args.samples_out {
        let table = simulate_samples(&scenario, samples, seed)
            .map_err(|e| Failure::simulation(file, &format!("--samples {samples}"), &e))?;
        io::write_atomically(out, report::simulate::samples_csv(&table).as_bytes())
            .map_err(|e| Failure::command(format!("--samples-out {}: {e}", out.display())))?;
    }
    Ok(match args.format {
        SeekFormat::Text => report::simulate::simulation_text(&scenario, &sim, 12),
        SeekFormat::Json => report::simulate::simulation_json(&scenario, &sim),
    })
}
