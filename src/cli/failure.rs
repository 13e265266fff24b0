//! How a command fails: one message for stderr and one of two exit codes, [`Exit`].

use std::path::Path;

use crate::econ::simulate::SimulationError;
use crate::io::LoadError;

/// What went wrong, and so the exit code of the process. Errors go to stderr, one message each,
/// with one of two exit codes:
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
#[repr(u8)]
pub enum Exit {
    /// **1: the scenario file is wrong.** It does not parse (RON syntax, an unknown field, a wrong
    /// type, a bad `Range`), it is too large, not UTF-8 or from a newer format, it breaks a size
    /// limit, it is not valid, or the engine cannot compute it. The fix is in the file. For
    /// `check`, a file that cannot be read at all is also "not a valid scenario": 1.
    FileWrong = 1,
    /// **2: the command is wrong or could not be carried out.** A bad or missing argument (clap's
    /// own errors are 2 too), a size past a limit (`--samples` × `--points`, the chart's pixels), a
    /// file that cannot be read (missing, no permission), an output that is one of the inputs, or
    /// an output that cannot be written (a full disk, `> /dev/full`). The fix is in the command
    /// or the system.
    CommandFailed = 2,
}

impl Exit {
    /// The process exit code: 1 or 2.
    pub fn code(self) -> u8 {
        self as u8
    }
}

/// A failure to report: the message for stderr and the exit code.
#[derive(Debug)]
pub struct Failure {
    /// What went wrong, ready to print.
    pub message: String,
    /// What kind of failure it is, and so the exit code.
    pub exit: Exit,
    /// What to print on stdout all the same: a portfolio whose other features were reported.
    pub output: Option<String>,
}

impl Failure {
    /// The scenario file is wrong: exit 1 ([`Exit::FileWrong`]).
    pub fn file(message: impl Into<String>) -> Self {
        Self {
            message: message.into(),
            exit: Exit::FileWrong,
            output: None,
        }
    }

    /// The command is wrong or could not be carried out: exit 2 ([`Exit::CommandFailed`]).
    pub fn command(message: impl Into<String>) -> Self {
        Self {
            message: message.into(),
            exit: Exit::CommandFailed,
            output: None,
        }
    }

    /// The same failure, with `output` printed on stdout before its message goes to stderr.
    #[must_use]
    pub fn with_output(mut self, output: String) -> Self {
        self.output = Some(output);
        self
    }

    /// The process exit code of this failure.
    pub fn code(&self) -> u8 {
        self.exit.code()
    }

    /// A scenario that could not be loaded, named with its file: a file that cannot be read is
    /// the command's failure (2), any other is the file's (1).
    pub(super) fn load(path: &Path, error: &LoadError) -> Self {
        let message = format!("{}: {error}", path.display());
        match error {
            LoadError::Read { .. } => Self::command(message),
            _ => Self::file(message),
        }
    }

    /// A simulation that could not run: too large for its limits (the arguments asked too much,
    /// 2, naming them), or a scenario the engine cannot simulate (1, naming the file).
    pub(super) fn simulation(file: &Path, arguments: &str, error: &SimulationError) -> Self {
        match error {
            SimulationError::TooLarge { .. } | SimulationError::Samples(_) => {
                Self::command(format!("{arguments}: {error}"))
            }
            SimulationError::WorkerPanicked(_) => {
                Self::file(format!("{}: {error}", file.display()))
            }
        }
    }

    /// An option that simulates (`--bands`, `--samples`) on a scenario with no input written as
    /// a range: the command asked for what the file cannot give (2).
    pub(super) fn nothing_to_simulate(option: &str, file: &Path) -> Self {
        Self::command(format!(
            "{option}: {} has no input written as Range(low, high) to simulate",
            file.display()
        ))
    }
}
