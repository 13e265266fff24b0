//! `inference-roi completions SHELL`: shell completions, generated from the clap definitions so
//! they never disagree with the command line; the packages install them.

use clap::CommandFactory as _;

use crate::cli::{Cli, Failure};

/// The arguments of `completions`.
#[derive(Debug, clap::Args)]
pub struct CompletionsArgs {
    /// The shell.
    #[arg(value_enum)]
    pub shell: clap_complete::Shell,
}

/// `completions`: the completions for the shell.
pub(in crate::cli) fn run(args: &CompletionsArgs) -> Result<String, Failure> {
    let mut command = Cli::command();
    let mut out = Vec::new();
    clap_complete::generate(args.shell, &mut command, "inference-roi", &mut out);
    String::from_utf8(out).map_err(|e| Failure::command(format!("completions: {e}")))
}
