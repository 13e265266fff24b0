//! The review pack: one self-contained HTML file with the answer, the charts (inline SVG from the
//! same drawing as `chart`), the comparison table and every other section of the Markdown report
//! (the same figures: it is that report, turned into HTML), the What-if tornado of the best design,
//! the uncertainty bands and odds where inputs are ranges, and the method. No external request: the
//! only links are the sources' own. A print stylesheet keeps charts and table rows whole on A4 or
//! Letter pages.

use std::collections::HashSet;
use std::fmt::Write as _;

use rust_decimal::Decimal;

use super::html::{escape, markdown_to_html};
use super::{Report, format, report_markdown};
use crate::chart::render::{self, Options, Theme};
use crate::chart::{ChartKind, Scene};
use crate::econ::{Band, whatif};
use crate::model::{Date, Scenario};

/// Samples of the pack's uncertainty section (seed 1, as `simulate`'s default).
pub const PACK_SAMPLES: usize = 5_000;

/// How to make a pack.
#[derive(Debug, Clone, Copy)]
pub struct PackOptions {
    /// Requests per month of the figures.
    pub volume: u64,
    /// The page's and the charts' colours.
    pub theme: Theme,
    /// Today, for the stale-price marks.
    pub today: Date,
}

/// An earlier version to compare with: what to call it, and the scenario.
#[derive(Debug, Clone, Copy)]
pub struct Earlier<'a> {
    /// Its name in the pack ("before", a file name).
    pub label: &'a str,
    /// The earlier scenario.
    pub scenario: &'a Scenario,
}

pub(crate) const CSS: &str = r"
:root { --text: #1d2430; --muted: #5b6576; --line: #d9dee7; --bg: #ffffff; --panel: #f5f7fa; }
.dark { --text: #e8ebf0; --muted: #a6afbd; --line: #3a4150; --bg: #15181e; --panel: #1d2129; }
* { box-sizing: border-box; }
body { margin: 0; background: var(--bg); color: var(--text);
  font: 16px/1.5 system-ui, -apple-system, 'Segoe UI', Roboto, 'DejaVu Sans', sans-serif; }
main { max-width: 1120px; margin: 0 auto; padding: 28px 24px 48px; }
h1 { font-size: 30px; margin: 0 0 4px; }
h2 { font-size: 22px; margin: 36px 0 10px; border-bottom: 1px solid var(--line); padding-bottom: 4px; }
h3 { font-size: 18px; margin: 24px 0 8px; }
h4 { font-size: 16px; margin: 18px 0 6px; }
.subtitle, .note { color: var(--muted); }
.answer { background: var(--panel); border-left: 5px solid #2f6fdb; padding: 14px 18px; margin: 18px 0;
  font-size: 19px; }
figure { margin: 12px 0 4px; }
figure svg { width: 100%; height: auto; display: block; }
figcaption { color: var(--muted); font-size: 14px; }
.table { overflow-x: auto; margin: 8px 0; }
table { border-collapse: collapse; font-size: 14px; }
th, td { border-bottom: 1px solid var(--line); padding: 5px 10px; text-align: left; vertical-align: top; }
th { background: var(--panel); }
td.num { text-align: right; font-variant-numeric: tabular-nums; white-space: nowrap; }
code { font-size: 13px; overflow-wrap: anywhere; }
.band { border-radius: 4px; padding: 1px 7px; font-weight: 600; white-space: nowrap; }
.band-excellent { background: #1a7f37; color: #fff; } .band-good { background: #9ac31c; color: #10240a; }
.band-marginal { background: #f0a020; color: #2b1800; } .band-unsustainable { background: #c62828; color: #fff; }
.bar { position: relative; height: 14px; min-width: 220px; background: var(--panel); }
.bar span { position: absolute; top: 2px; height: 10px; background: #2f6fdb; }
.bar i { position: absolute; top: 0; width: 2px; height: 14px; background: var(--text); }
footer { margin-top: 40px; color: var(--muted); font-size: 13px; }
@media (max-width: 700px) { main { padding: 16px 12px 32px; } body { font-size: 15px; }
  h1 { font-size: 24px; } .answer { font-size: 17px; } }
@page { size: auto; margin: 14mm; }
@media print {
  body { background: #fff; color: #000; font-size: 11pt; }
  main { max-width: none; padding: 0; }
  .table { overflow: visible; }
  figure, tr, .answer, .keep { break-inside: avoid; page-break-inside: avoid; }
  h2, h3, h4 { break-after: avoid; page-break-after: avoid; }
  a { color: inherit; }
}
";

/// A band label as the table's coloured chip.
pub(crate) fn chip(band: &str) -> Option<String> {
    Band::ALL.iter().find(|b| b.label() == band).map(|b| {
        format!(
            "<span class=\"band band-{}\">{}</span>",
            b.label().to_lowercase(),
            escape(b.label())
        )
    })
}

/// An inline SVG chart of `scene`, in a figure with its caption.
fn figure(scene: &Scene, theme: Theme, caption: &str) -> String {
    framed(render::svg(scene, &Options { theme, ..FIGURE }), caption)
}

/// A pack figure's size: 1,000 × 560 points, at 1×.
pub(crate) const FIGURE: Options = Options {
    width: 1000,
    height: 560,
    scale: 1,
    theme: Theme::Light,
};

/// A drawn chart in a figure with its caption, or why it could not be drawn.
pub(crate) fn framed(svg: Result<String, render::RenderError>, caption: &str) -> String {
    match svg {
        Ok(svg) => format!(
            "<figure>{}<figcaption>{}</figcaption></figure>\n",
            svg.trim(),
            escape(caption)
        ),
        Err(e) => format!(
            "<p class=\"note\">The chart could not be drawn: {}</p>\n",
            escape(&e.to_string())
        ),
    }
}

/// The cost–value plane as an inline SVG figure, with its caption.
fn frontier_figure(
    scenario: &Scenario,
    data: &crate::chart::data::ChartData,
    theme: Theme,
) -> String {
    let scene = crate::chart::frontier::FrontierScene::with_excluded(
        scenario,
        &data.analysis,
        &HashSet::<String>::new(),
        &data.excluded,
    );
    format!(
        "<h2>Cost against value at {} requests/month: which design to run</h2>\n{}",
        format::count(data.analysis.volume),
        framed(
            render::frontier_svg(&scene, &Options { theme, ..FIGURE }),
            FRONTIER_CAPTION
        )
    )
}

/// The caption under the cost–value plane.
const FRONTIER_CAPTION: &str = "Monthly cost against monthly value, log–log; the bands are the stripes between value = \
    1×, 3× and 10× cost. The line joins the designs worth running, cheapest first, each step labelled with its \
    incremental ROI (extra value ÷ extra cost); hollow points are dominated.";

/// The energy chart and the cumulative cash chart, where the scenario has them.
fn later_charts(scenario: &Scenario, data: &crate::chart::data::ChartData, theme: Theme) -> String {
    let hidden = HashSet::<String>::new();
    let mut out = String::new();
    if data.energy.iter().any(Option::is_some) {
        out.push_str("<h2>Energy per inference</h2>\n");
        out.push_str(&figure(
            &Scene::new(scenario, data, &hidden, ChartKind::EnergyPerInference),
            theme,
            "Wh per inference against monthly requests, for the designs with energy data.",
        ));
    }
    if let Some(Ok(figures)) = crate::econ::timeline::timeline(scenario) {
        out.push_str("<h2>Cumulative net cash over time</h2>\n");
        out.push_str(&figure(
            &crate::chart::timeline::timeline_scene(
                scenario,
                &figures,
                crate::chart::timeline::TimelineView::Cash,
                &hidden,
                None,
            ),
            theme,
            "Cumulative net cash per design, month by month; payback months marked.",
        ));
    }
    out
}

/// The question and the answer in two sentences: the best design at the volume by monthly net
/// value (or that none pays, with the least loss), its ROI and band, and the highest-ROI design
/// where it is another; then the volume where another design takes over, if one does within the
/// chart's range.
pub fn answer(report: &Report) -> String {
    let s = report.scenario;
    let volume = report.analysis.volume;
    let choice = report.analysis.choice();
    let Some((best, m)) = choice.best.and_then(|b| Some((b, report.metrics(b)?))) else {
        return format!(
            "Is the AI feature's inference worth its cost at {} requests/month? No design can be \
             computed at this volume.",
            format::count(volume)
        );
    };
    let name = &s.designs[best].name;
    let roi_text = m
        .roi_multiple
        .map_or_else(|| "unbounded (no cost)".to_owned(), format::multiple);
    let money = |d: Decimal| format::money(d, &s.currency);
    let first = if choice.none_pays {
        format!(
            "At {} requests/month no design pays: the least loss is {name}, net {} a month at ROI {roi_text} \
             ({}) — redesign or decommission",
            format::count(volume),
            money(m.monthly_net_value),
            m.band.label()
        )
    } else {
        let mut first = format!(
            "At {} requests/month, {name} is the best design ({}): it nets {} a month at ROI {roi_text}, {} — {}",
            format::count(volume),
            super::choice::CRITERION,
            money(m.monthly_net_value),
            m.band.label(),
            m.band.advice().trim_end_matches('.').to_lowercase()
        );
        if let Some(h) = choice.highest_roi.filter(|&h| h != best)
            && let Some(hm) = report.metrics(h)
        {
            let _ = write!(
                first,
                "; {} has the highest ROI ({}) but nets {} a month",
                s.designs[h].name,
                hm.roi_multiple
                    .map_or_else(|| "∞".to_owned(), format::multiple),
                money(hm.monthly_net_value)
            );
        }
        first
    };
    let prepared: Vec<_> = s
        .designs
        .iter()
        .map(|d| crate::econ::Prepared::new(s, d))
        .collect();
    let max = s.volume.max.min(crate::model::validate::MAX_VOLUME);
    let second = match crate::econ::choice::next_change(&prepared, volume, max) {
        Some((v, Some(there))) => format!(
            "The answer changes at {} requests/month, where {} takes over.",
            format::count(v),
            s.designs[there].name
        ),
        Some((v, None)) => format!(
            "From {} requests/month no design is within capacity.",
            format::count(v)
        ),
        None => format!(
            "It stays the best up to {} requests/month, the top of the chart's range.",
            format::count(s.volume.max)
        ),
    };
    format!("{first}. {second}")
}

/// The tornado of design `d`: which inputs move its ROI most, ±20 % (or across their ranges).
fn tornado(scenario: &Scenario, d: usize) -> String {
    let Ok(s) = whatif::sensitivity(scenario, d, Decimal::from(20)) else {
        return String::new();
    };
    let value = |r: &Result<whatif::Roi, crate::econ::EconError>| match r {
        Ok(Some(x)) => rust_decimal::prelude::ToPrimitive::to_f64(x),
        _ => None,
    };
    let ends: Vec<f64> = s
        .swings
        .iter()
        .flat_map(|w| [value(&w.roi_low), value(&w.roi_high)])
        .flatten()
        .collect();
    let base = s
        .base_roi
        .and_then(|r| rust_decimal::prelude::ToPrimitive::to_f64(&r));
    let (lo, hi) = ends
        .iter()
        .chain(base.iter())
        .fold((f64::INFINITY, f64::NEG_INFINITY), |(a, b), &x| {
            (a.min(x), b.max(x))
        });
    let span = (hi - lo).max(f64::EPSILON);
    let at = |x: f64| (x - lo) / span * 100.0;
    let mut out = format!(
        "<h2>What moves {}'s ROI</h2>\n<p>Each input swung ±20 % (or across its own range) at {} \
         requests/month; ROI as it stands: {}.</p>\n<div class=\"table keep\"><table>\n<thead><tr>\
         <th>Input</th><th>Low → high</th><th class=\"num\">ROI at low</th><th class=\"num\">ROI at \
         high</th><th>Swing</th></tr></thead>\n<tbody>\n",
        escape(&scenario.designs[d].name),
        format::count(s.volume),
        escape(&super::whatif::roi_text(s.base_roi))
    );
    for w in s.swings.iter().take(12) {
        let (a, b) = (value(&w.roi_low), value(&w.roi_high));
        let bar = match (a, b) {
            (Some(a), Some(b)) => format!(
                "<div class=\"bar\"><span style=\"left:{:.1}%;width:{:.1}%\"></span>{}</div>",
                at(a.min(b)),
                (at(a.max(b)) - at(a.min(b))).max(0.5),
                base.map_or(String::new(), |x| format!(
                    "<i style=\"left:{:.1}%\"></i>",
                    at(x)
                ))
            ),
            _ => String::new(),
        };
        let _ = writeln!(
            out,
            "<tr><td>{}</td><td>{} → {}</td><td class=\"num\">{}</td><td class=\"num\">{}</td><td>{bar}</td></tr>",
            escape(&w.input.label(scenario)),
            escape(&super::whatif::input_value(scenario, &w.input, w.low)),
            escape(&super::whatif::input_value(scenario, &w.input, w.high)),
            escape(&super::whatif::roi_result_text(&w.roi_low)),
            escape(&super::whatif::roi_result_text(&w.roi_high)),
        );
    }
    out.push_str("</tbody></table></div>\n");
    out
}

/// With inputs written as ranges: the simulated ROI bands and the odds of each band.
fn uncertainty(scenario: &Scenario, data: &crate::chart::data::ChartData, theme: Theme) -> String {
    if scenario.ranges.is_empty() {
        return String::new();
    }
    let volumes = crate::econ::sweep::log_volumes(scenario.volume.min, scenario.volume.max, 100);
    let Ok(sim) = crate::econ::simulate::simulate(scenario, &volumes, PACK_SAMPLES, 1) else {
        return String::new();
    };
    let mut scene = Scene::new(scenario, data, &HashSet::<String>::new(), ChartKind::Roi);
    scene.add_simulation(&sim);
    let mut out = format!(
        "<h2>Uncertainty</h2>\n<p>The inputs written as ranges drawn {} times (seed 1): P10–P90 of \
         ROI against volume, and at {} requests/month the odds of each band.</p>\n",
        format::count(PACK_SAMPLES as u64),
        format::count(sim.volume)
    );
    out.push_str(&figure(
        &scene,
        theme,
        "Simulated ROI: the band is P10–P90, the dashed line the median.",
    ));
    out.push_str("<div class=\"table keep\"><table>\n<thead><tr><th>Design</th><th class=\"num\">P10</th><th \
        class=\"num\">P50</th><th class=\"num\">P90</th>");
    for band in Band::ALL {
        let _ = write!(out, "<th class=\"num\">{}</th>", escape(band.label()));
    }
    out.push_str("</tr></thead>\n<tbody>\n");
    for (design, outlook) in scenario.designs.iter().zip(&sim.designs) {
        let Ok(o) = outlook else { continue };
        let _ = write!(out, "<tr><td>{}</td>", escape(&design.name));
        for x in o.now {
            let _ = write!(
                out,
                "<td class=\"num\">{}</td>",
                escape(&format::multiple_f64(x))
            );
        }
        for p in o.band_odds {
            // "<1 %" holds a `<`.
            let _ = write!(
                out,
                "<td class=\"num\">{}</td>",
                escape(&format::percent_f64(p))
            );
        }
        out.push_str("</tr>\n");
    }
    out.push_str("</tbody></table></div>\n");
    out
}

/// The caption under the ROI chart.
const ROI_CAPTION: &str = "ROI multiple (value ÷ cost) against monthly requests, log–log; bands shaded, \
    break-evens dotted, crossovers ◆.";

const METHOD: &str = "<h2>Method</h2>
<ul>
<li><strong>Cost per inference</strong>: the monthly cost (serving × (1 + overhead) + fixed monthly + one-time cost \
spread over its months) ÷ requests served. A hosted API costs its token prices × tokens per request (cached input, \
batch and negotiated discounts applied); a self-hosted design runs enough instances for the busiest hour, each at its \
hourly price.</li>
<li><strong>Value per inference</strong>: Σ over use cases of share × value of one successful outcome × the design's \
success rate.</li>
<li><strong>ROI multiple</strong> = value ÷ cost; <strong>cost-to-value</strong> = cost ÷ value; <strong>net \
value</strong> = value − cost.</li>
{bands}
<li><strong>Best design</strong>: the highest monthly net value among the designs within capacity (ties: the higher \
ROI); the designs are alternatives for the same requests, so the one that nets the most is the one to run, and the ROI \
band says whether it is healthy. <strong>Incremental ROI</strong> of a step from a cheaper design to a dearer one = \
extra monthly value ÷ extra monthly cost: below 1× the upgrade buys less than it costs. A design is \
<strong>dominated</strong> when another costs no more and is worth no less; the rest form the <strong>cost–value \
frontier</strong>. <strong>Cost per success</strong> = monthly cost ÷ successful requests (a routed design counts the \
requests it serves).</li>
<li><strong>Break-even, Good and Excellent volumes</strong>: the smallest monthly volume at which the ROI reaches 1×, \
3× and 10×, found exactly through instance steps. <strong>Crossovers</strong>: volumes where two designs change \
order.</li>
<li>Every figure in the tables is exact (decimal arithmetic); the charts and the simulation are drawn in binary \
floats.</li>
</ul>
";

/// What changed since an earlier version: its ROI curves dashed under the current ones, and the
/// `diff` report (assumptions, results, why each ROI moved).
fn changes(scenario: &Scenario, earlier: Earlier<'_>, theme: Theme) -> String {
    let Earlier {
        label,
        scenario: earlier,
    } = earlier;
    let compared = crate::econ::diff::diff(earlier, scenario, scenario.volume.current);
    let report = super::diff::DiffReport {
        labels: (label, "this version"),
        old: earlier,
        new: scenario,
        diff: &compared,
    };
    let hidden = HashSet::<String>::new();
    let mut scene = Scene::new(
        scenario,
        &crate::chart::data::ChartData::new(scenario),
        &hidden,
        ChartKind::Roi,
    );
    let before = Scene::new(
        earlier,
        &crate::chart::data::ChartData::new(earlier),
        &hidden,
        ChartKind::Roi,
    );
    scene.add_before(&before, label);
    let mut out = markdown_to_html(&super::diff::diff_markdown(&report), &|cell, header| {
        (!header).then(|| chip(cell)).flatten()
    });
    out.push_str(&figure(
        &scene,
        theme,
        &format!("ROI against monthly requests: this version solid, {label} dashed and faded."),
    ));
    out
}

/// The review pack of `scenario`; with `before` (a name and an earlier version), a section on
/// what changed since.
pub fn pack_html(
    scenario: &Scenario,
    options: &PackOptions,
    before: Option<Earlier<'_>>,
) -> String {
    let mut at = scenario.clone();
    at.volume.current = options.volume;
    let scenario = &at;
    let data = crate::chart::data::ChartData::new(scenario);
    let report = Report {
        scenario,
        analysis: data.analysis.clone(),
    };
    let choice = report.analysis.choice();
    let best = choice.best;
    // No ★ when none pays: the least loss is not "the best design".
    let best_name = best
        .filter(|_| !choice.none_pays)
        .map(|b| scenario.designs[b].name.clone());
    let title = scenario.title_or_untitled();
    let dark = options.theme == Theme::Dark;
    let mut out = format!(
        "<!DOCTYPE html>\n<html lang=\"en\"><head><meta charset=\"utf-8\">\n<meta name=\"viewport\" \
         content=\"width=device-width, initial-scale=1\">\n<title>{} — review pack</title>\n\
         <style>{CSS}</style></head>\n<body class=\"{}\"><main>\n<h1>{}</h1>\n<p class=\"subtitle\">\
         {} requests/month · {} · {} hours/month · prepared {}</p>\n",
        escape(&title),
        if dark { "dark" } else { "light" },
        escape(&title),
        format::count(options.volume),
        escape(&scenario.currency),
        escape(&scenario.hours_per_month.normalize().to_string()),
        options.today,
    );
    let _ = writeln!(
        out,
        "<p class=\"answer\"><strong>Is the inference worth its cost?</strong> {}</p>",
        escape(&answer(&report))
    );
    let hidden = HashSet::<String>::new();
    out.push_str("<h2>ROI against monthly volume</h2>\n");
    out.push_str(&figure(
        &Scene::new(scenario, &data, &hidden, ChartKind::Roi),
        options.theme,
        ROI_CAPTION,
    ));
    out.push_str(&frontier_figure(scenario, &data, options.theme));
    // The Markdown report, without its own title and subtitle (the pack's header says them).
    let markdown = report_markdown(&report, options.today);
    let body: String = markdown
        .splitn(3, "\n\n")
        .nth(2)
        .unwrap_or_default()
        .to_owned();
    let body = format!(
        "## The designs at {} requests/month\n\n{body}",
        format::count(options.volume)
    );
    // The table's header cells are the names as the Markdown spells them.
    let best_cell = best_name.as_deref().map(format::md_text);
    let decorate = |cell: &str, header: bool| -> Option<String> {
        if header && Some(cell) == best_cell.as_deref() {
            return Some(format!("★ {}", super::html::inline(cell)));
        }
        (!header).then(|| chip(cell)).flatten()
    };
    out.push_str(&markdown_to_html(&body, &decorate));
    if let Some(earlier) = before {
        out.push_str(&changes(scenario, earlier, options.theme));
    }
    if let Some(b) = best {
        out.push_str(&tornado(scenario, b));
    }
    out.push_str(&uncertainty(scenario, &data, options.theme));
    out.push_str(&later_charts(scenario, &data, options.theme));
    let (head, tail) = METHOD.split_once("{bands}").unwrap_or((METHOD, ""));
    out.push_str(head);
    out.push_str(&bands_item());
    out.push_str(tail);
    let _ = write!(
        out,
        "<footer>Made with Inference ROI Planner {} from the scenario “{}”. Every figure is the \
         one <code>inference-roi report --format json</code> gives.</footer>\n</main></body></html>\n",
        crate::VERSION,
        escape(&title)
    );
    out
}

/// The Method list's bands item, from what each band says of itself.
fn bands_item() -> String {
    let bands: Vec<String> = Band::ALL
        .iter()
        .rev()
        .map(|band| {
            format!(
                "{} {} ({})",
                band.label(),
                escape(band.range()),
                band.plainly()
            )
        })
        .collect();
    format!("<li><strong>Bands</strong>: {}.</li>", bands.join(", "))
}
