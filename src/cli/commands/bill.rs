//! `inference-roi bill`: what FOCUS cost-and-usage bills hold for a scenario's designs, month by
//! month, with the team's request counts or requests estimated from tokens; the figures the bill
//! would calibrate; and, with `--write`, a copy of the scenario with the measured months and the
//! calibration accepted.

use std::fmt::Write as _;
use std::path::PathBuf;

use crate::cli::load::load_valid;
use crate::cli::output::{Input, refuse_input_as_output};
use crate::cli::{BillFormat, Failure};
use crate::io::focus::requests::{Requests, read_requests};
use crate::io::focus::{Limits, measure};
use crate::model::{Month, Scenario};
use crate::report::bill::actuals::{bill_actuals, merge_actuals};
use crate::report::bill::calibrate::{CALIBRATED, set};
use crate::report::bill::{
    BillDesign, bill_json, bill_markdown, bill_months, bill_months_over, bill_text,
};

/// The arguments of `bill`.
#[derive(Debug, clap::Args)]
pub struct BillArgs {
    /// The scenario file (.ron); its designs say which rows are theirs with `billing`.
    pub file: PathBuf,
    /// The bills: FOCUS exports, CSV or gzipped CSV.
    #[arg(required = true, num_args = 1..)]
    pub bills: Vec<PathBuf>,
    /// The team's request counts: a CSV of `month,requests[,value]`, with an optional `design`
    /// column. Without it, requests are estimated from input tokens and marked so.
    #[arg(long, value_name = "REQUESTS.csv")]
    pub requests: Option<PathBuf>,
    /// Output format: aligned text, JSON with exact decimal strings, or Markdown tables.
    #[arg(long, value_enum, default_value_t = BillFormat::Text)]
    pub format: BillFormat,
    /// Saves a copy of the scenario here with the measured months as `actuals` (a month already
    /// there is replaced) and the calibration accepted with --accept; never over the scenario.
    #[arg(long, value_name = "OUT.ron")]
    pub write: Option<PathBuf>,
    /// Calibrate over these months only, `YYYY-MM..YYYY-MM` (both included); every month is
    /// still listed and written.
    #[arg(long, value_name = "FROM..TO")]
    pub months: Option<String>,
    /// With --write: a calibration to apply, by field name (`input_tokens`, `discount_pct`, …)
    /// to every design that proposes it, or `all`. Repeat for several.
    #[arg(long, value_name = "FIELD", requires = "write")]
    pub accept: Vec<String>,
}

/// `bill`: the measured months of every design with a `billing` mapping.
pub(in crate::cli) fn run(args: &BillArgs) -> Result<String, Failure> {
    if let Some(out) = &args.write {
        let mut inputs = vec![Input::scenario(&args.file)];
        inputs.extend(args.bills.iter().map(|path| Input {
            what: "a bill",
            path,
        }));
        if let Some(path) = &args.requests {
            inputs.push(Input {
                what: "the requests file",
                path,
            });
        }
        refuse_input_as_output("--write", out, &inputs)?;
    }
    for field in &args.accept {
        if field != "all" && CALIBRATED.iter().all(|f| f.field().key != field) {
            let names: Vec<&str> = CALIBRATED.iter().map(|f| f.field().key).collect();
            return Err(Failure::command(format!(
                "--accept {field:?}: not a calibrated field; use one of {} or `all`",
                names.join(", ")
            )));
        }
    }
    let scenario = load_valid(&args.file)?;
    if scenario.designs.iter().all(|d| d.billing.is_none()) {
        return Err(Failure::file(format!(
            "{}: no design says which rows of a bill are its own: add `billing: Some(Billing(model: \
             Some(\"…\")))` to a design (run this with the bill to see the models it holds)",
            args.file.display()
        )));
    }
    let requests = match &args.requests {
        Some(path) => read_requests(path).map_err(|e| Failure::command(e.to_string()))?,
        None => Requests::new(),
    };
    if let Some(((Some(name), _), _)) = requests.iter().find(|((design, _), _)| {
        design
            .as_ref()
            .is_some_and(|d| scenario.designs.iter().all(|s| &s.name != d))
    }) {
        return Err(Failure::command(format!(
            "the requests file names the design {name:?}, which the scenario does not have"
        )));
    }
    let measured = measure(&scenario, &args.bills, Limits::default())
        .map_err(|e| Failure::command(e.to_string()))?;
    let designs = match &args.months {
        None => bill_months(&scenario, &measured, &requests),
        Some(range) => {
            let (from, to) = month_range(range)?;
            bill_months_over(&scenario, &measured, &requests, &|_, m| {
                from <= m && m <= to
            })
        }
    };
    let mut text = match args.format {
        BillFormat::Text => bill_text(&measured, &designs),
        BillFormat::Json => bill_json(&measured, &designs),
        BillFormat::Markdown => bill_markdown(&measured, &designs),
    };
    if let Some(out) = &args.write {
        let (written, summary) = with_bill(&scenario, &designs, &requests, &args.accept);
        let errors: Vec<String> = crate::econ::validate(&written)
            .iter()
            .filter(|p| p.severity == crate::model::validate::Severity::Error)
            .map(ToString::to_string)
            .collect();
        if !errors.is_empty() {
            return Err(Failure::command(format!(
                "{} not written: with the bill's figures the scenario would not be valid: {}",
                out.display(),
                errors.join("; ")
            )));
        }
        crate::io::save(&written, out)
            .map_err(|e| Failure::command(format!("cannot write {}: {e}", out.display())))?;
        let summary = format!("Wrote {}: {summary}", out.display());
        match args.format {
            BillFormat::Json => eprintln!("{}", crate::format::terminal_text(&summary)),
            BillFormat::Text => {
                let _ = writeln!(text, "\n{}", crate::format::terminal_text(&summary));
            }
            BillFormat::Markdown => {
                let _ = writeln!(text, "\n{}", crate::format::md_text(&summary));
            }
        }
    }
    Ok(text)
}

/// The scenario with the bill's measured months and the calibration accepted, and a sentence
/// saying what changed.
fn with_bill(
    scenario: &Scenario,
    designs: &[BillDesign],
    requests: &Requests,
    accept: &[String],
) -> (Scenario, String) {
    let mut written = scenario.clone();
    let measured = bill_actuals(designs, requests);
    let (actuals, replaced) = merge_actuals(&scenario.actuals, &measured.actuals);
    written.actuals = actuals;
    let mut said = vec![format!("{} measured months", measured.actuals.len())];
    if !replaced.is_empty() {
        let months: Vec<String> = replaced.iter().map(ToString::to_string).collect();
        said.push(format!("replacing {}", months.join(", ")));
    }
    for (month, reason) in &measured.left_out {
        said.push(format!("{month} left out: {reason}"));
    }
    let all = accept.iter().any(|a| a == "all");
    for d in designs {
        for c in &d.calibration {
            if all || accept.iter().any(|a| a == c.key()) {
                set(&mut written.designs[d.index].serving, c.field, c.bill);
                said.push(format!("{}: {} set to {}", d.name, c.key(), c.bill));
            }
        }
    }
    (written, said.join("; "))
}

/// `--months FROM..TO`: two months, the first not after the second.
fn month_range(text: &str) -> Result<(Month, Month), Failure> {
    let refuse = |why: &str| {
        Failure::command(format!(
            "--months {:?}: {why}; write it as YYYY-MM..YYYY-MM, e.g. 2026-09..2026-11",
            crate::format::terminal_text(text)
        ))
    };
    let (from, to) = text.split_once("..").ok_or_else(|| refuse("no `..`"))?;
    let from: Month = from
        .trim()
        .parse()
        .map_err(|_| refuse("the first month cannot be read"))?;
    let to: Month = to
        .trim()
        .parse()
        .map_err(|_| refuse("the second month cannot be read"))?;
    if from > to {
        return Err(refuse("the first month is after the second"));
    }
    Ok((from, to))
}
