//! The `inference-roi` binary: the desktop planner, or the command line with a subcommand.

use std::process::ExitCode;

use clap::Parser;
use inference_roi::cli::{self, Cli};

fn main() -> ExitCode {
    let args = Cli::parse();
    if let Some(command) = &args.command {
        match cli::run(command) {
            Ok(text) => {
                cli::print(&text);
                ExitCode::SUCCESS
            }
            Err(failure) => {
                eprintln!("inference-roi: {}", failure.message);
                ExitCode::from(failure.code)
            }
        }
    } else {
        match inference_roi::app::run(args.file) {
            Ok(()) => ExitCode::SUCCESS,
            Err(e) => {
                eprintln!("inference-roi: cannot open the desktop planner: {e}");
                ExitCode::from(2)
            }
        }
    }
}
