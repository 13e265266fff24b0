//! "Volumes that matter", under the table: each design's break-even, Good and Excellent volumes
//! and where it runs out of capacity, the thresholds lost again after a step, and the crossovers
//! — at body size, every volume in the chart's range a link that moves the current volume there.

use egui::{RichText, Ui};

use crate::app::command::Command;
use crate::app::document::compute::Computed;
use crate::econ::Band;
use crate::model::Scenario;
use crate::report::format;

/// The column titles of the per-design volumes.
fn volume_columns() -> [String; 5] {
    let from = |band: Band| {
        format!(
            "{} ({}×) from",
            band.label(),
            band.threshold().unwrap_or_default()
        )
    };
    [
        "Design".to_owned(),
        "Breaks even at".to_owned(),
        from(Band::Good),
        from(Band::Excellent),
        "Over capacity above".to_owned(),
    ]
}

/// A volume as a link that moves the current volume there when it lies in the chart's range,
/// else as plain text.
fn volume_ui(ui: &mut Ui, scenario: &Scenario, volume: u64, commands: &mut Vec<Command>) {
    let text = format::count(volume);
    if !(scenario.volume.min..=scenario.volume.max).contains(&volume) {
        ui.label(text)
            .on_hover_text("Outside the chart's range (Chart from … to …)");
        return;
    }
    let link = ui
        .link(text)
        .on_hover_text("Move the current volume here (one undo step)");
    if link.clicked() && volume != scenario.volume.current {
        let mut changed = scenario.clone();
        changed.volume.current = volume;
        commands.push(Command::Edit {
            key: link.id,
            path: Some("volume.current".to_owned()),
            scenario: changed,
        });
    }
}

/// The section, open by default.
pub fn volumes_ui(
    ui: &mut Ui,
    scenario: &Scenario,
    computed: &Computed,
    commands: &mut Vec<Command>,
) {
    egui::CollapsingHeader::new(RichText::new("Volumes that matter").strong())
        .id_salt("volumes_that_matter")
        .default_open(true)
        .show(ui, |ui| {
            ui.label(RichText::new("Click a volume to move the current volume there.").weak());
            thresholds_ui(ui, scenario, computed, commands);
            for dip in &computed.dips {
                dip_ui(ui, scenario, dip, commands);
            }
            crossovers_ui(ui, scenario, computed, commands);
        });
}

/// A threshold lost again after a step, its two volumes links like the others.
fn dip_ui(ui: &mut Ui, scenario: &Scenario, dip: &crate::report::Dip, commands: &mut Vec<Command>) {
    ui.horizontal_wrapped(|ui| {
        ui.label(&dip.lead);
        volume_ui(ui, scenario, dip.first, commands);
        ui.label(&dip.middle);
        if let Some(holds) = dip.holds_from {
            volume_ui(ui, scenario, holds, commands);
            ui.label(crate::report::Dip::TAIL);
        }
    });
}

/// Per design: the volumes at which it breaks even, turns Good and Excellent, and its capacity.
fn thresholds_ui(
    ui: &mut Ui,
    scenario: &Scenario,
    computed: &Computed,
    commands: &mut Vec<Command>,
) {
    let chart = &computed.chart;
    egui::Grid::new("volumes_that_matter_grid")
        .num_columns(5)
        .spacing([18.0, 4.0])
        .show(ui, |ui| {
            for title in volume_columns() {
                ui.label(RichText::new(title).strong());
            }
            ui.end_row();
            for (i, design) in scenario.designs.iter().enumerate() {
                let refused = chart.excluded.get(i).is_some_and(Option::is_some);
                let Some(Ok(f)) = chart.analysis.designs.get(i).filter(|_| !refused) else {
                    continue;
                };
                ui.label(&design.name);
                for threshold in [&f.break_even, &f.good_from, &f.excellent_from] {
                    match threshold.first {
                        Some(v) => volume_ui(ui, scenario, v, commands),
                        None => {
                            ui.label("never");
                        }
                    }
                }
                match f.capacity_limit {
                    Some(limit) => volume_ui(ui, scenario, limit, commands),
                    None => {
                        ui.label("—");
                    }
                }
                ui.end_row();
            }
        });
}

/// The crossovers: where the ROI order of two designs changes.
fn crossovers_ui(
    ui: &mut Ui,
    scenario: &Scenario,
    computed: &Computed,
    commands: &mut Vec<Command>,
) {
    let crossovers: Vec<_> = computed
        .chart
        .analysis
        .crossovers
        .iter()
        .filter(|c| !c.volumes.is_empty())
        .collect();
    if crossovers.is_empty() {
        ui.label(
            RichText::new(
                "No crossovers in the chart's range: the order of the designs does not change.",
            )
            .weak(),
        );
        return;
    }
    ui.label(
        RichText::new(format!(
            "Crossovers (ROI order changes), {}–{} requests/month:",
            format::compact(scenario.volume.min),
            format::compact(scenario.volume.max)
        ))
        .strong(),
    );
    for c in crossovers {
        ui.horizontal_wrapped(|ui| {
            ui.label(format!(
                "◆ {} ↔ {}:",
                scenario.designs[c.a].name, scenario.designs[c.b].name
            ));
            for &v in &c.volumes {
                volume_ui(ui, scenario, v, commands);
            }
            if let Some(more) = crate::report::crossovers_beyond(c) {
                ui.label(RichText::new(more).weak());
            }
        });
    }
}

#[cfg(test)]
mod tests {
    #[test]
    fn the_columns_name_the_bands_as_before() {
        assert_eq!(
            super::volume_columns(),
            [
                "Design",
                "Breaks even at",
                "Good (3×) from",
                "Excellent (10×) from",
                "Over capacity above"
            ]
        );
    }
}
