//! What packages install beside the binary, generated from the clap definitions so they never
//! disagree with it: shell completions and the man page.

use clap::CommandFactory as _;

use super::{Cli, Failure};

/// Completions for `shell`.
pub(super) fn completions(shell: clap_complete::Shell) -> Result<String, Failure> {
    let mut command = Cli::command();
    let mut out = Vec::new();
    clap_complete::generate(shell, &mut command, "inference-roi", &mut out);
    String::from_utf8(out).map_err(|e| Failure::command(format!("completions: {e}")))
}

/// The man page, in roff.
pub(super) fn manpage() -> Result<String, Failure> {
    let mut out = Vec::new();
    clap_mangen::Man::new(Cli::command())
        .render(&mut out)
        .map_err(|e| Failure::command(format!("manpage: {e}")))?;
    String::from_utf8(out).map_err(|e| Failure::command(format!("manpage: {e}")))
}
