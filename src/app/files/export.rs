//! Exporting what is on screen: the comparison table (CSV or Markdown) and the chart as shown
//! (PNG at 2× or SVG), to a path from the system's dialog or typed.

use std::path::{Path, PathBuf};

use crate::app::PlannerApp;
use crate::app::files::dialogs::Purpose;
use crate::app::files::native;
use crate::app::views::chart::CentreChart;
use crate::chart::render;
use crate::io;

impl PlannerApp {
    /// Refuses an export to the scenario file being edited or the one compared with (it would
    /// replace the scenario with CSV, HTML or an image) and says so; true when refused.
    fn refuses_input(&mut self, path: &Path) -> bool {
        if let Some(session) = &self.portfolio {
            let features =
                (0..session.portfolio().features.len()).filter_map(|i| session.feature_path(i));
            let input = session
                .doc
                .path
                .clone()
                .into_iter()
                .chain(features)
                .find(|i| io::same_file(path, i));
            if let Some(input) = input {
                self.error(format!(
                    "{} is {} of the open portfolio: exporting there would replace it. Choose \
                     another file",
                    path.display(),
                    if session.doc.path.as_deref() == Some(input.as_path()) {
                        "the file"
                    } else {
                        "a feature"
                    }
                ));
                return true;
            }
        }
        let inputs = [
            self.doc.path.as_deref(),
            self.view.comparison.as_ref().map(|c| c.path.as_path()),
        ];
        let Some(input) = inputs
            .into_iter()
            .flatten()
            .find(|i| io::same_file(path, i))
        else {
            return false;
        };
        self.error(format!(
            "{} is the scenario file {}: exporting there would replace it. Choose another file",
            path.display(),
            if self.doc.path.as_deref() == Some(input) {
                "you are editing"
            } else {
                "you are comparing with"
            }
        ));
        true
    }

    /// Writes the comparison table to `path`: CSV for `.csv`, Markdown for `.md`.
    pub(crate) fn export_table(&mut self, path: &Path) {
        if self.refuses_input(path) {
            return;
        }
        if self.portfolio_shown() {
            self.export_portfolio_table(path);
            return;
        }
        let report = crate::report::Report {
            scenario: self.doc.scenario(),
            analysis: self.computed.chart.analysis.clone(),
        };
        let csv = || crate::report::report_csv(&report);
        let markdown = || {
            let s = report.scenario;
            format!(
                "# {}\n\nAt {} requests/month · {} · {} hours/month\n\n{}",
                crate::report::format::md_text(&s.title),
                crate::report::format::count(report.analysis.volume),
                s.currency,
                crate::report::exact(s.hours_per_month),
                crate::report::table_markdown(&report)
            )
        };
        let written = write_table(path, csv, markdown);
        self.said(written, "the table", path);
    }

    /// Writes the review pack of the document at its current volume to `path`: one HTML file
    /// with the answer, the charts, the table, the assumptions and the method (in the planner's
    /// theme; it prints light).
    pub(crate) fn export_pack(&mut self, path: &Path) {
        if self.refuses_input(path) {
            return;
        }
        if self.portfolio_shown() {
            self.export_portfolio_pack(path);
            return;
        }
        let scenario = self.doc.scenario();
        let options = crate::report::pack::PackOptions {
            volume: scenario.volume.current.max(1),
            theme: if self.settings.dark {
                render::Theme::Dark
            } else {
                render::Theme::Light
            },
            today: self.today,
        };
        let before = self
            .view
            .comparison
            .as_ref()
            .map(|c| crate::report::pack::Earlier {
                label: c.label.as_str(),
                scenario: &c.scenario,
            });
        let html = crate::report::pack::pack_html(scenario, &options, before);
        match io::write_atomically(path, html.as_bytes()) {
            Ok(()) => self.info(format!("Exported the review pack to {}", path.display())),
            Err(e) => self.error(format!("{e}")),
        }
    }

    /// Writes the chart as it is shown — kind, hidden designs, theme and on-screen size — to
    /// `path`: a PNG at 2× pixel density or an SVG.
    pub(crate) fn export_chart(&mut self, path: &Path) {
        if self.refuses_input(path) {
            return;
        }
        // The Over time and Frontier tabs export their own charts; every other view, the main
        // chart. The Portfolio view exports its plane or its budget chart.
        let chart = match self.portfolio.as_ref().filter(|p| p.shown) {
            Some(session) => {
                let Some(chart) = crate::app::portfolio::view::centre_chart(session) else {
                    self.error(
                        "No chart to export: no feature has a timeline (no months), or none \
                         could be computed",
                    );
                    return;
                };
                chart
            }
            None => self.view_context().centre_chart(),
        };
        let (lo, hi) = render::SIZE_LIMITS;
        #[allow(clippy::cast_possible_truncation, clippy::cast_sign_loss)]
        let side = |points: f32, default: u32| {
            if points >= 1.0 {
                (points.round() as u32).clamp(lo, hi)
            } else {
                default
            }
        };
        let options = render::Options {
            width: side(self.view.chart_size.x, 1200),
            height: side(self.view.chart_size.y, 700),
            scale: 2,
            theme: if self.settings.dark {
                render::Theme::Dark
            } else {
                render::Theme::Light
            },
        };
        let options = match render::Format::of_path(path) {
            Some(render::Format::Svg) => render::Options {
                scale: 1,
                ..options
            },
            _ => options,
        };
        let exported = match &chart {
            CentreChart::Volume(scene) | CentreChart::OverTime(scene) => {
                render::export(scene, &options, path)
            }
            CentreChart::Frontier(scene) => render::export_frontier(scene, &options, path),
        };
        match exported {
            Ok(format) => {
                let (w, h) = (
                    options.width * options.scale,
                    options.height * options.scale,
                );
                let what = match format {
                    render::Format::Png => format!("PNG, {w}×{h} pixels"),
                    render::Format::Svg => format!("SVG, {w}×{h}"),
                };
                self.info(format!("Exported the chart to {} ({what})", path.display()));
            }
            Err(e) => self.error(e),
        }
    }

    /// Asks where to export: the system's save dialog, or (where there is none) the typed-path
    /// prompt, whose answer arrives later as a command. Returns a path picked in the dialog.
    pub(crate) fn choose_export(
        &mut self,
        name: &str,
        purpose: Purpose,
        filters: &[(&str, &[&str])],
    ) -> Option<PathBuf> {
        let title = match purpose {
            Purpose::ExportChart => "Export the chart",
            _ => "Export the table",
        };
        let start = self.start_dir();
        self.ask_path((purpose, name), || {
            native::pick_export(start.as_deref(), name, title, filters)
        })
    }
}

impl PlannerApp {
    /// Writes the portfolio's features, teams and total: CSV for `.csv`, Markdown for `.md`.
    fn export_portfolio_table(&mut self, path: &Path) {
        let Some(Ok(rollup)) = self.portfolio.as_ref().map(|p| &p.figures.rollup) else {
            self.error("No table to export: the portfolio has no totals (see why above the tabs)");
            return;
        };
        let written = write_table(
            path,
            || crate::report::portfolio::portfolio_csv(rollup),
            || crate::report::portfolio::portfolio_markdown(rollup),
        );
        self.said(written, "the portfolio's table", path);
    }
}

impl PlannerApp {
    /// Writes the portfolio's review pack to `path`: the portfolio as shown (saved or not), each
    /// feature's own answer read from its file.
    fn export_portfolio_pack(&mut self, path: &Path) {
        let Some(session) = &self.portfolio else {
            return;
        };
        let Ok(rollup) = &session.figures.rollup else {
            self.error("No review pack: the portfolio has no totals (see why above the tabs)");
            return;
        };
        let portfolio = session.portfolio();
        let answers: Vec<(String, String)> = crate::io::portfolio::load_features(
            portfolio,
            &session.base,
            session.doc.path.as_deref(),
            |_, scenario| Ok(crate::report::portfolio::pack::feature_answer(&scenario)),
        )
        .into_iter()
        .zip(&portfolio.features)
        .filter_map(|(answer, feature)| Some((feature.file.clone(), answer.ok()?)))
        .collect();
        let theme = if self.settings.dark {
            render::Theme::Dark
        } else {
            render::Theme::Light
        };
        let html = crate::report::portfolio::pack::portfolio_pack_html(
            rollup, &answers, theme, self.today,
        );
        match io::write_atomically(path, html.as_bytes()) {
            Ok(()) => self.info(format!(
                "Exported the portfolio's review pack to {}",
                path.display()
            )),
            Err(e) => self.error(format!("{e}")),
        }
    }
}

/// Writes a table to `path` atomically: `csv` for a `.csv` file, `markdown` for `.md`; anything
/// else is refused with why.
fn write_table(
    path: &Path,
    csv: impl FnOnce() -> String,
    markdown: impl FnOnce() -> String,
) -> Result<(), String> {
    let extension = path
        .extension()
        .map(|e| e.to_string_lossy().to_ascii_lowercase());
    let text = match extension.as_deref() {
        Some("csv") => csv(),
        Some("md" | "markdown") => markdown(),
        _ => {
            return Err(format!(
                "Export the table to a .csv or .md file, not {}",
                path.display()
            ));
        }
    };
    io::write_atomically(path, text.as_bytes()).map_err(|e| e.to_string())
}

impl PlannerApp {
    /// Says in the status bar that `what` was exported to `path`, or why not.
    fn said(&mut self, written: Result<(), String>, what: &str, path: &Path) {
        match written {
            Ok(()) => self.info(format!("Exported {what} to {}", path.display())),
            Err(e) => self.error(e),
        }
    }
}
