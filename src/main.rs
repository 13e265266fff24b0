//! The `inference-roi` binary: the command line, and (later) the desktop planner.

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
        {
            let what = args.file.as_ref().map_or_else(
                || "a bundled scenario".to_owned(),
                |f| f.display().to_string(),
            );
            println!(
                "The desktop planner (which would open {what}) is not built yet.\n\
                 Use the command line meanwhile: `inference-roi report FILE`, `sweep FILE`, \
                 `check FILE`; see `inference-roi --help`."
            );
            ExitCode::SUCCESS
        }
    }
}
