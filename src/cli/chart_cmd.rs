//! `inference-roi chart`: a scenario's chart drawn into an SVG or PNG file, the chart kinds of
//! the planner's tabs and the Over time views, with simulated bands on request.

use std::collections::HashSet;
use std::path::Path;

use super::{Failure, KindArg, check_volume, load_valid, refuse_input_as_output, timeline};
use crate::chart;
use crate::econ::sweep;

/// `chart`: draws a scenario's chart into `out` (.svg or .png).
pub(super) fn chart_file(
    file: &Path,
    out: &Path,
    options: &chart::render::Options,
    kind: KindArg,
    volume: Option<u64>,
    bands: Option<u32>,
) -> Result<String, Failure> {
    refuse_input_as_output(("--out", out), &[("the scenario file", file)])?;
    let mut scenario = load_valid(file)?;
    if let Some(volume) = volume {
        scenario.volume.current = check_volume(volume)?;
    }
    if chart::render::Format::of_path(out).is_none() {
        return Err(Failure::command(format!(
            "--out {}: the file must end in .svg or .png",
            out.display()
        )));
    }
    let kind = match kind {
        KindArg::Roi => chart::ChartKind::Roi,
        KindArg::Cost => chart::ChartKind::CostPerInference,
        KindArg::Money => chart::ChartKind::Money,
        KindArg::Energy => chart::ChartKind::EnergyPerInference,
        KindArg::Carbon => chart::ChartKind::CarbonPerInference,
        KindArg::Timeline | KindArg::TimelineCash | KindArg::TimelineCost => {
            let view = match kind {
                KindArg::TimelineCash => chart::timeline::TimelineView::Cash,
                KindArg::TimelineCost => chart::timeline::TimelineView::Cost,
                _ => chart::timeline::TimelineView::Roi,
            };
            let scene = timeline::scene(file, &scenario, view, bands)?;
            chart::render::export(&scene, options, out).map_err(Failure::command)?;
            return Ok(String::new());
        }
    };
    let data = chart::data::ChartData::new(&scenario);
    let mut scene = chart::Scene::new(&scenario, &data, &HashSet::<String>::new(), kind);
    if let Some(samples) = bands {
        if scenario.ranges.is_empty() {
            return Err(Failure::command(format!(
                "--bands: {} has no input written as Range(low, high) to simulate",
                file.display()
            )));
        }
        let volumes = sweep::log_volumes(scenario.volume.min, scenario.volume.max, 100);
        let simulation = crate::econ::simulate::simulate(&scenario, &volumes, samples as usize, 1)
            .map_err(|e| Failure::simulation(file, &format!("--bands {samples}"), &e))?;
        scene.add_simulation(&simulation);
    }
    chart::render::export(&scene, options, out).map_err(Failure::command)?;
    Ok(String::new())
}
