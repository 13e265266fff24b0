//! Where a command's output goes: standard output, flushed and checked, and output files that
//! must not be one of the command's inputs.

use std::path::Path;

use super::Failure;
use crate::io;

/// A file a command reads, for [`refuse_input_as_output`].
#[derive(Debug, Clone, Copy)]
pub(super) struct Input<'a> {
    /// What the message calls it: "the scenario file", "the --compare file".
    pub what: &'a str,
    /// Where it is.
    pub path: &'a Path,
}

impl<'a> Input<'a> {
    /// The command's scenario file.
    pub fn scenario(path: &'a Path) -> Self {
        Self {
            what: "the scenario file",
            path,
        }
    }
}

/// Refuses an output file that is one of the inputs (`pack x.ron --out x.ron`), before any
/// work: the write would replace the scenario with HTML, CSV or an image.
///
/// `option` names the output in the message (`--out`), `out` is its path.
pub(super) fn refuse_input_as_output(
    option: &str,
    out: &Path,
    inputs: &[Input],
) -> Result<(), Failure> {
    match inputs.iter().find(|input| io::same_file(out, input.path)) {
        Some(input) => Err(Failure::command(format!(
            "{option} {}: that is {} ({}); writing there would replace it. Choose another output \
             file",
            out.display(),
            input.what,
            input.path.display()
        ))),
        None => Ok(()),
    }
}

/// Prints a command's output to stdout, flushed; every command's output goes through here.
///
/// A closed pipe (`| head`) is success: the reader had what it wanted. Any other failure (`>
/// /dev/full`, a full disk) is an error with exit 2, so a script never takes a truncated or
/// empty file for a finished one.
pub fn print(text: &str) -> Result<(), Failure> {
    write_output(&mut std::io::stdout().lock(), text)
}

/// Writes `text` to `out` and flushes it, as [`print`] does to stdout.
fn write_output(out: &mut impl std::io::Write, text: &str) -> Result<(), Failure> {
    match out.write_all(text.as_bytes()).and_then(|()| out.flush()) {
        Err(e) if e.kind() != std::io::ErrorKind::BrokenPipe => Err(Failure::command(format!(
            "cannot write the output to standard output: {e}"
        ))),
        _ => Ok(()),
    }
}
