//! `inference-roi pack FILE --out review.html`: the review pack of a scenario, or of a portfolio
//! (a `Portfolio(…)` file or a folder of scenarios) for the governance review.

use std::path::{Path, PathBuf};

use crate::cli::commands::portfolio::{open_failure, problems};
use crate::cli::load::load_valid;
use crate::cli::output::{Input, refuse_input_as_output};
use crate::cli::values::{check_volume, parse_volume};
use crate::cli::{Failure, ThemeArg};
use crate::report::pack::{Earlier, PackOptions, pack_html};
use crate::report::portfolio::pack::{open_for_pack, portfolio_pack_html};

/// The arguments of `pack`.
#[derive(Debug, clap::Args)]
pub struct PackArgs {
    /// The scenario file (.ron); or a portfolio: a file starting `Portfolio(`, or a folder (every
    /// scenario in it, no teams).
    pub file: PathBuf,
    /// Where to write the HTML.
    #[arg(long)]
    pub out: PathBuf,
    /// Requests per month of the figures (default: the scenario's current volume); `1e9` and
    /// `1_000_000` as in files.
    #[arg(long, value_parser = parse_volume)]
    pub volume: Option<u64>,
    /// The page's and charts' colours.
    #[arg(long, value_enum, default_value_t = ThemeArg::Light)]
    pub theme: ThemeArg,
    /// An earlier version of the scenario: the pack adds what changed since (as `diff`).
    #[arg(long)]
    pub compare: Option<PathBuf>,
}

/// `pack`: writes the review pack of the scenario (or the portfolio) to `--out` (atomically)
/// and says where.
pub(in crate::cli) fn run(args: &PackArgs) -> Result<String, Failure> {
    if is_portfolio(&args.file) {
        return run_portfolio(args);
    }
    let (file, out, compare) = (&args.file, &args.out, args.compare.as_deref());
    let mut inputs = vec![Input::scenario(file)];
    inputs.extend(compare.map(|earlier| Input {
        what: "the --compare file",
        path: earlier,
    }));
    refuse_input_as_output("--out", out, &inputs)?;
    let scenario = load_valid(file)?;
    let volume = check_volume(args.volume.unwrap_or(scenario.volume.current))?;
    let options = PackOptions {
        volume,
        theme: args.theme.into(),
        today: crate::report::today(),
    };
    let earlier = compare.map(load_valid).transpose()?;
    let label = compare
        .and_then(Path::file_name)
        .map(|n| n.to_string_lossy().into_owned());
    let before = earlier.as_ref().map(|e| Earlier {
        label: label.as_deref().unwrap_or("before"),
        scenario: e,
    });
    let html = pack_html(&scenario, &options, before);
    crate::io::write_atomically(out, html.as_bytes())
        .map_err(|e| Failure::command(format!("{}: {e}", out.display())))?;
    Ok(format!(
        "Wrote {} ({} KB)\n",
        out.display(),
        html.len().div_ceil(1024)
    ))
}

/// A folder, or a file whose text starts `Portfolio(`; an unreadable file is left to the
/// scenario's reading, which says why.
fn is_portfolio(path: &Path) -> bool {
    path.is_dir() || crate::io::portfolio::is_portfolio_file(path)
}

/// The portfolio's pack: written even when some features cannot be counted (they are listed in
/// it), then exits 1 naming them, as `portfolio` does.
fn run_portfolio(args: &PackArgs) -> Result<String, Failure> {
    let (file, out) = (&args.file, &args.out);
    for (option, given) in [
        ("--volume", args.volume.is_some()),
        ("--compare", args.compare.is_some()),
    ] {
        if given {
            return Err(Failure::command(format!(
                "{option} applies to a scenario's pack; {} is a portfolio, whose features are at \
                 their current volumes",
                file.display()
            )));
        }
    }
    refuse_input_as_output(
        "--out",
        out,
        &[Input {
            what: "the portfolio file",
            path: file,
        }],
    )?;
    let (rollup, answers) = open_for_pack(file).map_err(|e| open_failure(file, &e))?;
    let html = portfolio_pack_html(&rollup, &answers, args.theme.into(), crate::report::today());
    crate::io::write_atomically(out, html.as_bytes())
        .map_err(|e| Failure::command(format!("{}: {e}", out.display())))?;
    let wrote = format!(
        "Wrote {} ({} KB)\n",
        out.display(),
        html.len().div_ceil(1024)
    );
    match problems(file, &rollup) {
        None => Ok(wrote),
        Some(failure) => Err(failure.with_output(wrote)),
    }
}
