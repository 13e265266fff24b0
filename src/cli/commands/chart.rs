//! `inference-roi chart`: a scenario's chart drawn into an SVG or PNG file, the chart kinds of
//! the planner's tabs, the Over time views and the cost–value plane, with simulated bands on
//! request.

use std::collections::HashSet;
use std::path::PathBuf;

use super::timeline;
use crate::chart::frontier::FrontierScene;
use crate::chart::render::{self, Format, Options};
use crate::chart::timeline::TimelineView;
use crate::chart::{ChartKind, Scene, data::ChartData};
use crate::cli::load::load_valid;
use crate::cli::output::{Input, refuse_input_as_output};
use crate::cli::values::{check_volume, parse_volume};
use crate::cli::{Failure, KindArg, ThemeArg};
use crate::econ::simulate::simulate;
use crate::econ::sweep;

/// The arguments of `chart`.
#[derive(Debug, clap::Args)]
pub struct ChartArgs {
    /// The scenario file (.ron).
    pub file: PathBuf,
    /// The image to write: .svg or .png.
    #[arg(long)]
    pub out: PathBuf,
    /// Width in points (pixels at --scale 1).
    #[arg(long, default_value_t = 1200)]
    pub width: u32,
    /// Height in points.
    #[arg(long, default_value_t = 700)]
    pub height: u32,
    /// Pixel density of a PNG: 2 gives a 2400×1400 image of a 1200×700 chart.
    #[arg(long, default_value_t = 1)]
    pub scale: u32,
    /// Colours.
    #[arg(long, value_enum, default_value_t = ThemeArg::Light)]
    pub theme: ThemeArg,
    /// What to plot against monthly requests.
    #[arg(long, value_enum, default_value_t = KindArg::Roi)]
    pub kind: KindArg,
    /// The current volume to mark (default: the scenario's); `1e9` and `1_000_000` as in files.
    #[arg(long, value_parser = parse_volume)]
    pub volume: Option<u64>,
    /// Draw the simulated P10–P90 bands of the inputs written as Range(low, high) (ROI chart),
    /// from this many samples (seed 1).
    #[arg(long, value_parser = clap::value_parser!(u32).range(1..=1_000_000))]
    pub bands: Option<u32>,
}

/// What a `--kind` draws: a chart against volume, or a view of the Over time chart.
enum Drawing {
    /// A chart of the planner's tabs, against monthly requests.
    Volume(ChartKind),
    /// A view of the Over time chart.
    Timeline(TimelineView),
    /// The cost–value plane at the current volume.
    Frontier,
}

impl From<KindArg> for Drawing {
    fn from(kind: KindArg) -> Self {
        match kind {
            KindArg::Roi => Self::Volume(ChartKind::Roi),
            KindArg::Cost => Self::Volume(ChartKind::CostPerInference),
            KindArg::Money => Self::Volume(ChartKind::Money),
            KindArg::Energy => Self::Volume(ChartKind::EnergyPerInference),
            KindArg::Carbon => Self::Volume(ChartKind::CarbonPerInference),
            KindArg::Timeline => Self::Timeline(TimelineView::Roi),
            KindArg::TimelineCash => Self::Timeline(TimelineView::Cash),
            KindArg::TimelineCost => Self::Timeline(TimelineView::Cost),
            KindArg::Frontier => Self::Frontier,
        }
    }
}

/// `chart`: draws a scenario's chart into `--out` (.svg or .png).
pub(in crate::cli) fn run(args: &ChartArgs) -> Result<String, Failure> {
    let (file, out) = (&args.file, &args.out);
    refuse_input_as_output("--out", out, &[Input::scenario(file)])?;
    let mut scenario = load_valid(file)?;
    if let Some(volume) = args.volume {
        scenario.volume.current = check_volume(volume)?;
    }
    if Format::of_path(out).is_none() {
        return Err(Failure::command(format!(
            "--out {}: the file must end in .svg or .png",
            out.display()
        )));
    }
    let options = Options {
        width: args.width,
        height: args.height,
        scale: args.scale,
        theme: args.theme.into(),
    };
    let scene = match Drawing::from(args.kind) {
        Drawing::Frontier => {
            if args.bands.is_some() {
                return Err(Failure::command(
                    "--bands: the frontier chart has no simulated bands; leave --bands out"
                        .to_owned(),
                ));
            }
            let analysis = crate::econ::analyse(&scenario, scenario.volume.current);
            let scene = FrontierScene::new(&scenario, &analysis, &HashSet::<String>::new());
            render::export_frontier(&scene, &options, out).map_err(Failure::command)?;
            return Ok(String::new());
        }
        Drawing::Timeline(view) => timeline::scene(file, &scenario, view, args.bands)?,
        Drawing::Volume(kind) => {
            let data = ChartData::new(&scenario);
            let mut scene = Scene::new(&scenario, &data, &HashSet::<String>::new(), kind);
            if let Some(samples) = args.bands {
                if scenario.ranges.is_empty() {
                    return Err(Failure::nothing_to_simulate("--bands", file));
                }
                let volumes = sweep::log_volumes(scenario.volume.min, scenario.volume.max, 100);
                let simulation = simulate(&scenario, &volumes, samples as usize, 1)
                    .map_err(|e| Failure::simulation(file, &format!("--bands {samples}"), &e))?;
                scene.add_simulation(&simulation);
            }
            scene
        }
    };
    render::export(&scene, &options, out).map_err(Failure::command)?;
    Ok(String::new())
}
