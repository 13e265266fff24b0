//! A portfolio's review pack for the governance review (`inference-roi pack PORTFOLIO`): one
//! self-contained HTML file with the answer in two sentences, the cost–value plane of the
//! features, the features and teams tables, the monthly total against the budget, and each
//! feature's own answer (the scenario pack's). The tables are the Markdown report's
//! ([`super::portfolio_markdown`]), so both carry the same figures.
//!
//! Nothing links outside the file: every name comes from a file and is escaped as text, the
//! charts are inline SVG, and the style sheet is inline.

use std::fmt::Write as _;
use std::path::Path;

use rust_decimal::Decimal;

use super::charts::{budget_scene, feature_name as name, plane_scene};
use super::formats::{budget_line, feature_rows, md_table, month_rows, roi, team_rows, total_line};
use super::{FeatureFigures, PortfolioError, Rollup, open_with};
use crate::chart::render::{self, Options, Theme};
use crate::format::{self, md_text, terminal_text};
use crate::model::{Date, Scenario};
use crate::report::Report;
use crate::report::html::{escape, markdown_to_html};
use crate::report::pack::{CSS, FIGURE, chip, framed};

/// The most features the answer names as not paying; the rest are counted.
const NAMED: usize = 5;

/// A feature's own answer, as its scenario's review pack gives it: the best design at its
/// current volume, and where the answer changes.
pub fn feature_answer(scenario: &Scenario) -> String {
    crate::report::pack::answer(&Report::new(scenario, scenario.volume.current))
}

/// Reads a portfolio (a file or a folder, as [`super::open`]) with each feature's own answer,
/// by its `file` as the portfolio names it.
pub fn open_for_pack(path: &Path) -> Result<(Rollup, Vec<(String, String)>), PortfolioError> {
    open_with(path, |_, scenario| feature_answer(scenario))
}

/// Text from a file as HTML: escaped, and every control character shown as `�` (a name may hold
/// what no page should carry).
fn text(s: &str) -> String {
    escape(&terminal_text(s))
}

/// The answer in two sentences: the total ROI and its band; then the features that do not pay
/// (ROI below 1×) and the month the total passes the budget.
pub fn portfolio_answer(r: &Rollup) -> String {
    let money = |d: Decimal| format::money(d, &r.currency);
    let t = &r.total;
    let Some(band) = t.band else {
        return "None of the portfolio's features could be counted, so it has no total; the \
                problems are listed below."
            .to_owned();
    };
    let first = format!(
        "The portfolio's {} features cost {} a month and return {}: ROI {} ({}), total value ÷ \
         total cost, net {} a month.",
        r.features.len(),
        money(t.monthly_cost),
        money(t.monthly_value),
        roi(t),
        band.label(),
        money(t.monthly_net_value)
    );
    let losing: Vec<&FeatureFigures> = r
        .features
        .iter()
        .filter(|f| f.figures.monthly_net_value < Decimal::ZERO)
        .collect();
    let mut named: Vec<String> = losing
        .iter()
        .take(NAMED)
        .map(|f| format!("{} ({})", name(f), roi(&f.figures)))
        .collect();
    if losing.len() > NAMED {
        named.push(format!("{} more", losing.len() - NAMED));
    }
    let pays = match named.len() {
        0 => "Every feature pays its cost".to_owned(),
        1 => format!("{} does not pay its cost", named[0]),
        _ => {
            let last = named.pop().unwrap_or_default();
            format!("{} and {last} do not pay their cost", named.join(", "))
        }
    };
    let budget = match (r.budget_monthly, r.over_budget_from, r.months.last()) {
        (None, _, _) => "no budget is set".to_owned(),
        (Some(b), Some(month), _) => format!(
            "the total passes the budget of {} a month from {month}",
            money(b)
        ),
        (Some(b), None, Some(last)) => format!(
            "the total stays within the budget of {} a month through {}",
            money(b),
            last.month
        ),
        (Some(b), None, None) if t.monthly_cost > b => format!(
            "the total is over the budget of {} a month now (no feature has a timeline to look ahead with)",
            money(b)
        ),
        (Some(b), None, None) => format!(
            "the total is within the budget of {} a month now (no feature has a timeline to look ahead with)",
            money(b)
        ),
    };
    format!("{first} {pays}; {budget}.")
}

/// Markdown as HTML with band chips in the tables' cells.
fn html(markdown: &str) -> String {
    markdown_to_html(markdown, &|cell, header| {
        (!header).then(|| chip(cell)).flatten()
    })
}

/// The caption under the plane.
const PLANE_CAPTION: &str = "Each feature's monthly cost against its monthly value at its current volume, \
    log–log, in the portfolio's currency: colour by team, area by requests a month. The bands are the stripes \
    between value = 1×, 3× and 10× cost.";

/// The monthly total against the budget, with its months' table; or why there is no chart.
fn over_time(r: &Rollup, options: Options) -> String {
    let mut out = "<h2>The monthly total against the budget</h2>\n".to_owned();
    if let Some(line) = budget_line(r) {
        let _ = writeln!(out, "<p>{}</p>", text(&line));
    }
    match budget_scene(r) {
        Some(scene) => {
            out.push_str(&framed(
                render::svg(&scene, &options),
                "Total monthly cost and value, month by month: each feature's timeline where it has one, its \
                 current figures in the other months; the budget dashed, the first month over it marked.",
            ));
            out.push_str(&html(&md_table(&month_rows(r))));
        }
        None => out.push_str(
            "<p class=\"note\">No feature has a timeline, so every month is this one: the total above.</p>\n",
        ),
    }
    out
}

/// Each feature's paragraph: what it runs and returns, and its own scenario's answer.
fn feature_answers(r: &Rollup, answers: &[(String, String)]) -> String {
    let money = |d: Decimal| format::money(d, &r.currency);
    let mut out = "<h2>Each feature's answer</h2>\n".to_owned();
    for f in &r.features {
        let g = &f.figures;
        let team = f
            .team
            .as_deref()
            .map_or_else(String::new, |t| format!(" · team {t}"));
        let mut line = format!(
            "Runs {} at {} requests/month: {} a month for {} of value, ROI {} ({}).",
            f.design,
            format::count(f.volume),
            money(g.monthly_cost),
            money(g.monthly_value),
            roi(g),
            g.band.map_or("—", crate::econ::Band::label)
        );
        if f.currency != r.currency {
            let _ = write!(
                line,
                " Its figures are in {}, here at {} {} each.",
                f.currency,
                f.rate.normalize(),
                r.currency
            );
        }
        if let Some((_, answer)) = answers.iter().find(|(file, _)| *file == f.file) {
            let _ = write!(line, " {answer}");
        }
        let _ = writeln!(
            out,
            "<div class=\"keep\"><h3>{}</h3>\n<p class=\"note\">{}{}</p>\n<p>{}</p></div>",
            text(name(f)),
            text(&f.file),
            text(&team),
            text(&line)
        );
    }
    out
}

/// The portfolio's review pack: `answers` are the features' own answers by file
/// ([`open_for_pack`]); `today` dates it.
pub fn portfolio_pack_html(
    r: &Rollup,
    answers: &[(String, String)],
    theme: Theme,
    today: Date,
) -> String {
    let title = if r.title.trim().is_empty() {
        "Untitled portfolio".to_owned()
    } else {
        r.title.clone()
    };
    let options = Options { theme, ..FIGURE };
    let budget = r.budget_monthly.map_or_else(
        || "no budget".to_owned(),
        |b| format!("budget {} a month", format::money(b, &r.currency)),
    );
    let mut out = format!(
        "<!DOCTYPE html>\n<html lang=\"en\"><head><meta charset=\"utf-8\">\n<meta name=\"viewport\" \
         content=\"width=device-width, initial-scale=1\">\n<title>{} — portfolio review</title>\n\
         <style>{CSS}</style></head>\n<body class=\"{}\"><main>\n<h1>{}</h1>\n<p class=\"subtitle\">\
         Portfolio · {} features · {} · {} · prepared {today}</p>\n",
        text(&title),
        if theme == Theme::Dark {
            "dark"
        } else {
            "light"
        },
        text(&title),
        r.features.len(),
        text(&r.currency),
        text(&budget),
    );
    let _ = writeln!(
        out,
        "<p class=\"answer\"><strong>Does the portfolio pay?</strong> {}</p>",
        text(&portfolio_answer(r))
    );
    out.push_str("<h2>Cost against value: every feature</h2>\n");
    out.push_str(&framed(
        render::frontier_svg(&plane_scene(r), &options),
        PLANE_CAPTION,
    ));
    let safe = |s: &str| md_text(s);
    let _ = writeln!(out, "<p>{}</p>", text(&total_line(r)));
    out.push_str("<h2>Features, worst first</h2>\n");
    out.push_str(&html(&md_table(&feature_rows(r, &safe))));
    if !r.teams.is_empty() {
        out.push_str("<h2>Teams</h2>\n");
        out.push_str(&html(&md_table(&team_rows(r, &safe))));
    }
    out.push_str(&over_time(r, options));
    out.push_str(&feature_answers(r, answers));
    if !r.problems.is_empty() {
        let _ = writeln!(
            out,
            "<h2>Not counted ({} features)</h2>\n<ul>",
            r.problems.len()
        );
        for p in &r.problems {
            let _ = writeln!(
                out,
                "<li><code>{}</code>: {}</li>",
                text(&p.file),
                text(&p.message)
            );
        }
        out.push_str("</ul>\n");
    }
    out.push_str(METHOD);
    let _ = write!(
        out,
        "<footer>Made with Inference ROI Planner {} from the portfolio “{}”. Every figure is the \
         one <code>inference-roi portfolio --format json</code> gives.</footer>\n</main></body></html>\n",
        crate::VERSION,
        text(&title)
    );
    out
}

/// How the portfolio's figures are made (`docs/method.md#portfolio`).
const METHOD: &str = "<h2>Method</h2>
<ul>
<li>Each feature is a scenario file running one design (the portfolio's choice, else its timeline's, else its best) \
at its current volume; a feature in another currency is brought into the portfolio's at the dated rate the portfolio \
gives.</li>
<li><strong>Portfolio ROI</strong> = Σ monthly value ÷ Σ monthly cost over the features, never a mean of their \
ROIs; a team's the same over its features.</li>
<li><strong>Gain if switched</strong>: the best design's monthly net value − the running design's.</li>
<li><strong>Months</strong>: a feature with a timeline adds its month's figures, the others hold their current ones; \
the budget month is the first whose total cost passes the budget.</li>
<li>Every figure in the tables is exact (decimal arithmetic); the charts are drawn in binary floats.</li>
</ul>
";
