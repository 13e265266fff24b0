//! The `inference-roi` binary: the desktop planner, or the command line with a subcommand.

use std::process::ExitCode;

use clap::Parser;
use inference_roi::cli::{self, Cli, Exit};

fn main() -> ExitCode {
    let args = Cli::parse();
    if args.command.is_some() && args.catalog.is_some() {
        eprintln!(
            "inference-roi: --catalog before a subcommand is for the desktop planner; give it after \
             the subcommand (inference-roi catalog --catalog FILE …)"
        );
        return ExitCode::from(Exit::CommandFailed.code());
    }
    if let Some(command) = &args.command {
        match cli::run(command).and_then(|text| cli::print(&text)) {
            Ok(()) => ExitCode::SUCCESS,
            Err(failure) => {
                // A failure may come with output all the same (a portfolio's other features).
                if let Some(output) = &failure.output
                    && let Err(broken) = cli::print(output)
                {
                    eprintln!("inference-roi: {}", broken.message);
                }
                // Messages quote other people's files (a bill's cell, a model id): each line is
                // made harmless for the terminal, the line breaks kept.
                let message: Vec<String> = failure
                    .message
                    .split('\n')
                    .map(inference_roi::format::terminal_text)
                    .collect();
                eprintln!("inference-roi: {}", message.join("\n"));
                ExitCode::from(failure.code())
            }
        }
    } else {
        planner(args.file, args.catalog)
    }
}

/// Opens the desktop planner.
#[cfg(feature = "gui")]
fn planner(file: Option<std::path::PathBuf>, catalog: Option<std::path::PathBuf>) -> ExitCode {
    match inference_roi::app::run(file, catalog) {
        Ok(()) => ExitCode::SUCCESS,
        Err(e) => {
            eprintln!("inference-roi: cannot open the desktop planner: {e}");
            ExitCode::from(Exit::CommandFailed.code())
        }
    }
}

/// This build has no desktop planner: say so, and how to get one.
#[cfg(not(feature = "gui"))]
fn planner(_file: Option<std::path::PathBuf>, _catalog: Option<std::path::PathBuf>) -> ExitCode {
    eprintln!(
        "inference-roi: this build has no desktop planner (it was built without the `gui` \
         feature). Use a subcommand (see --help), or build the planner with \
         `cargo build --release` (the default features)."
    );
    ExitCode::from(Exit::CommandFailed.code())
}
