//! `inference-roi manpage` (hidden): the man page in roff, generated from the clap definitions so
//! it never disagrees with the command line; the packages install it.

use crate::cli::{Cli, Failure};
use clap::CommandFactory as _;

/// `manpage`: the man page, in roff. The command takes no arguments.
pub(in crate::cli) fn run() -> Result<String, Failure> {
    let mut out = Vec::new();
    clap_mangen::Man::new(Cli::command())
        .render(&mut out)
        .map_err(|e| Failure::command(format!("manpage: {e}")))?;
    String::from_utf8(out).map_err(|e| Failure::command(format!("manpage: {e}")))
}
