//! Simulation results as text and JSON.

use std::fmt::Write as _;

use serde_json::{Value, json};

use super::format;
use crate::econ::Band;
use crate::econ::simulate::Simulation;
use crate::model::Scenario;

/// The simulation as tables: the odds at the current volume, then the bands against volume.
pub fn simulation_text(scenario: &Scenario, sim: &Simulation, rows: usize) -> String {
    let mut out = String::new();
    let _ = writeln!(
        out,
        "{} — simulated with {} samples (seed {}) over {} uncertain input(s)",
        scenario.title,
        format::count(sim.samples as u64),
        sim.seed,
        sim.uncertain.len()
    );
    if sim.uncertain.is_empty() {
        let _ = writeln!(
            out,
            "No input is written as Range(low, high): every sample is the point estimate."
        );
    } else {
        let _ = writeln!(out, "Uncertain: {}", sim.uncertain.join(", "));
    }
    let _ = writeln!(
        out,
        "Simulated figures (P10–P90 is an 80 % band); the exact point estimates are in `report`.\n"
    );
    let _ = writeln!(out, "At {} requests/month:", format::count(sim.volume));
    let names: Vec<&str> = scenario.designs.iter().map(|d| d.name.as_str()).collect();
    let width = names
        .iter()
        .map(|n| n.chars().count())
        .max()
        .unwrap_or(6)
        .max(6);
    let _ = writeln!(
        out,
        "{:width$}  {:>8} {:>8} {:>8}  {:>13} {:>9} {:>6} {:>9}",
        "Design", "P10", "P50", "P90", "Unsustainable", "Marginal", "Good", "Excellent"
    );
    for (name, outlook) in names.iter().zip(&sim.designs) {
        match outlook {
            Ok(o) => {
                let _ = writeln!(
                    out,
                    "{name:width$}  {:>8} {:>8} {:>8}  {:>13} {:>9} {:>6} {:>9}",
                    format::multiple_f64(o.now[0]),
                    format::multiple_f64(o.now[1]),
                    format::multiple_f64(o.now[2]),
                    format::percent_f64(o.band_odds[0]),
                    format::percent_f64(o.band_odds[1]),
                    format::percent_f64(o.band_odds[2]),
                    format::percent_f64(o.band_odds[3]),
                );
            }
            Err(e) => {
                let _ = writeln!(out, "{name:width$}  not computed: {e}");
            }
        }
    }
    if names.len() > 1 {
        let _ = writeln!(out, "\nChance of the higher ROI at this volume:");
        for (i, outlook) in sim.designs.iter().enumerate() {
            let Ok(o) = outlook else { continue };
            for (j, p) in o.beats.iter().enumerate() {
                if i < j && !p.is_nan() {
                    let _ = writeln!(
                        out,
                        "  {} beats {}: {} (and the reverse: {})",
                        names[i],
                        names[j],
                        format::percent_f64(*p),
                        sim.designs[j].as_ref().map_or_else(
                            |_| "—".to_owned(),
                            |other| format::percent_f64(other.beats[i])
                        )
                    );
                }
            }
        }
    }
    carbon_table(&mut out, &names, sim);
    bands_table(&mut out, &names, sim, rows);
    out
}

/// With energy data and a grid: ROI with carbon and gCO₂e per inference at this volume; a
/// design without them says so ("—"), as the exact report does.
fn carbon_table(out: &mut String, names: &[&str], sim: &Simulation) {
    if !sim.designs.iter().any(|o| carbon(o).is_some()) {
        return;
    }
    let width = names.iter().map(|n| n.chars().count()).max().unwrap_or(6);
    let _ = writeln!(
        *out,
        "\nWith carbon at this volume, P10 / P50 / P90 (energy and carbon ranges drawn too):"
    );
    for (name, outlook) in names.iter().zip(&sim.designs) {
        let Some(c) = carbon(outlook) else {
            let _ = writeln!(
                *out,
                "  {name:width$}  — (no energy data or no grid intensity for it)"
            );
            continue;
        };
        let r = c.roi_with_carbon;
        let g = c.g_co2e_per_inference;
        let _ = writeln!(
            *out,
            "  {name:width$}  ROI with carbon {} / {} / {}   gCO₂e per inference {} / {} / {} g",
            format::multiple_f64(r[0]),
            format::multiple_f64(r[1]),
            format::multiple_f64(r[2]),
            format::significant_f64(g[0]),
            format::significant_f64(g[1]),
            format::significant_f64(g[2]),
        );
    }
}

/// A design's simulated carbon figures, if it has them.
fn carbon<E>(
    outlook: &Result<crate::econ::simulate::DesignOutlook, E>,
) -> Option<&crate::econ::simulate::CarbonOutlook> {
    outlook.as_ref().ok().and_then(|o| o.carbon.as_ref())
}

/// ROI bands at about `rows` of the simulated volumes.
fn bands_table(out: &mut String, names: &[&str], sim: &Simulation, rows: usize) {
    let _ = writeln!(*out, "\nROI against monthly requests, P10 / P50 / P90:");
    let step = (sim.volumes.len() / rows.max(1)).max(1);
    let picks: Vec<usize> = (0..sim.volumes.len())
        .step_by(step)
        .chain(std::iter::once(sim.volumes.len().saturating_sub(1)))
        .collect::<std::collections::BTreeSet<_>>()
        .into_iter()
        .collect();
    let _ = write!(*out, "{:>12}", "requests/mo");
    for name in names {
        let _ = write!(*out, "  {:>24}", truncate(name, 24));
    }
    let _ = writeln!(*out);
    for j in picks {
        let _ = write!(*out, "{:>12}", format::compact(sim.volumes[j]));
        for outlook in &sim.designs {
            let cell = outlook.as_ref().map_or_else(
                |_| "—".to_owned(),
                |o| {
                    format!(
                        "{} / {} / {}",
                        format::multiple_f64(o.p10[j]),
                        format::multiple_f64(o.p50[j]),
                        format::multiple_f64(o.p90[j])
                    )
                },
            );
            let _ = write!(*out, "  {cell:>24}");
        }
        let _ = writeln!(*out);
    }
}

fn truncate(text: &str, max: usize) -> String {
    if text.chars().count() <= max {
        text.to_owned()
    } else {
        text.chars().take(max - 1).collect::<String>() + "…"
    }
}

fn number(value: f64) -> Value {
    if value.is_finite() {
        json!(value)
    } else if value.is_nan() {
        Value::Null
    } else {
        json!("unbounded")
    }
}

/// The simulation as JSON (floats: these are simulated, not exact, figures).
pub fn simulation_json(scenario: &Scenario, sim: &Simulation) -> String {
    let designs: Vec<Value> = scenario
        .designs
        .iter()
        .zip(&sim.designs)
        .map(|(design, outlook)| match outlook {
            Ok(o) => json!({
                "name": design.name,
                "at_volume": {
                    "p10": number(o.now[0]), "p50": number(o.now[1]), "p90": number(o.now[2]),
                    "band_probability": Band::ALL.iter().zip(o.band_odds)
                        .map(|(b, p)| (b.label().to_owned(), json!(p)))
                        .collect::<serde_json::Map<_, _>>(),
                    "beats": scenario.designs.iter().zip(&o.beats)
                        .filter(|(_, p)| !p.is_nan())
                        .map(|(other, p)| (other.name.clone(), json!(p)))
                        .collect::<serde_json::Map<_, _>>(),
                },
                "p10": o.p10.iter().map(|v| number(*v)).collect::<Vec<_>>(),
                "p50": o.p50.iter().map(|v| number(*v)).collect::<Vec<_>>(),
                "p90": o.p90.iter().map(|v| number(*v)).collect::<Vec<_>>(),
                "failed_samples": o.failed,
                "with_carbon": o.carbon.as_ref().map_or(Value::Null, |c| json!({
                    "roi_with_carbon": c.roi_with_carbon.map(number),
                    "g_co2e_per_inference": c.g_co2e_per_inference.map(number),
                })),
            }),
            Err(e) => json!({ "name": design.name, "error": e.to_string() }),
        })
        .collect();
    let value = json!({
        "title": scenario.title,
        "samples": sim.samples,
        "seed": sim.seed,
        "volume": sim.volume,
        "uncertain": sim.uncertain,
        "volumes": sim.volumes,
        "designs": designs,
    });
    format!("{value:#}\n")
}

/// Every sample as CSV: the sample's index, each drawn input (as the engine used it) and each
/// design's ROI at the current volume; empty where a figure could not be computed, `inf` at zero
/// cost.
pub fn samples_csv(table: &crate::econ::simulate::samples::SampleTable) -> String {
    let cell = |v: f64| {
        if v.is_nan() {
            String::new()
        } else if v.is_infinite() {
            "inf".to_owned()
        } else {
            v.to_string()
        }
    };
    let mut out = String::from("sample");
    for path in &table.paths {
        let _ = write!(out, ",{}", super::format::csv_field(path));
    }
    for name in &table.designs {
        let _ = write!(
            out,
            ",{}",
            super::format::csv_field(&format!("roi: {name}"))
        );
    }
    out.push('\n');
    for (i, (inputs, rois)) in table.rows.iter().enumerate() {
        let _ = write!(out, "{i}");
        for &v in inputs.iter().chain(rois) {
            let _ = write!(out, ",{}", super::format::csv_field(&cell(v)));
        }
        out.push('\n');
    }
    out
}
