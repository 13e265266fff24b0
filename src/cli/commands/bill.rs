//! `inference-roi bill`: what FOCUS cost-and-usage bills hold for a scenario's designs, month by
//! month, with the team's request counts or requests estimated from tokens.

use std::path::PathBuf;

use crate::cli::load::load_valid;
use crate::cli::{BillFormat, Failure};
use crate::io::focus::requests::{Requests, read_requests};
use crate::io::focus::{Limits, measure};
use crate::report::bill::{bill_json, bill_months, bill_text};

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
    /// Output format: aligned text, or JSON with exact decimal strings.
    #[arg(long, value_enum, default_value_t = BillFormat::Text)]
    pub format: BillFormat,
}

/// `bill`: the measured months of every design with a `billing` mapping.
pub(in crate::cli) fn run(args: &BillArgs) -> Result<String, Failure> {
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
    let designs = bill_months(&scenario, &measured, &requests);
    Ok(match args.format {
        BillFormat::Text => bill_text(&measured, &designs),
        BillFormat::Json => bill_json(&measured, &designs),
    })
}
