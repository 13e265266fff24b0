//! What the command line writes for every bundled scenario, kept under `tests/golden/`: the
//! report in every format, the timeline, the suggested routing, a seeded simulation and the
//! review pack; for the bundled portfolio, `portfolio` in every format and its pack. A change to
//! any figure or word shows here as a diff to review; a redesign that should change nothing
//! (moving code between modules) must leave every file byte for byte.
//!
//! The date is fixed with `SOURCE_DATE_EPOCH` (2026-12-06), so stale-price marks and the pack's
//! "prepared" date do not move with the clock; the pack's footer names the build's commit, kept
//! as `VERSION`. `UPDATE_GOLDEN=1 cargo test --test golden` writes
//! the files afresh after a change that is meant; review them with `git diff`.

#![allow(clippy::unwrap_used, clippy::expect_used)]

use std::path::{Path, PathBuf};

use assert_cmd::Command;

/// 2026-12-06 00:00 UTC.
const TODAY: &str = "1796515200";

/// Each command's arguments after the scenario file, and the extension of what it writes.
const RUNS: &[(&str, &[&str], &str)] = &[
    ("report", &["--format", "text"], "txt"),
    ("report", &["--format", "markdown"], "md"),
    ("report", &["--format", "json"], "json"),
    ("report", &["--format", "csv"], "csv"),
    ("timeline", &["--format", "text"], "txt"),
    ("timeline", &["--format", "json"], "json"),
    ("route", &["--format", "text"], "txt"),
    ("route", &["--format", "json"], "json"),
    ("simulate", &["--seed", "1", "--format", "text"], "txt"),
    ("simulate", &["--seed", "1", "--format", "json"], "json"),
];

/// A portfolio's runs (`scenarios/portfolio.ron`), as [`RUNS`].
const PORTFOLIO_RUNS: &[(&str, &[&str], &str)] = &[
    ("portfolio", &["--format", "text"], "txt"),
    ("portfolio", &["--format", "markdown"], "md"),
    ("portfolio", &["--format", "json"], "json"),
    ("portfolio", &["--format", "csv"], "csv"),
];

fn root() -> PathBuf {
    PathBuf::from(env!("CARGO_MANIFEST_DIR"))
}

fn cli() -> Command {
    let mut command = Command::cargo_bin("inference-roi").unwrap();
    command.current_dir(root()).env("SOURCE_DATE_EPOCH", TODAY);
    command
}

/// What a run shows: its standard output, or for a command that refuses the scenario (a
/// timeline of a file without one), its exit code and message.
fn shown(output: &std::process::Output) -> Vec<u8> {
    if output.status.success() {
        output.stdout.clone()
    } else {
        let mut text = format!("exit {:?}\n", output.status.code()).into_bytes();
        text.extend_from_slice(&output.stderr);
        text
    }
}

/// Compares `found` with the kept file, or writes it when `UPDATE_GOLDEN` is set; returns a
/// line for each difference.
fn compare(golden: &Path, found: &[u8], update: bool) -> Option<String> {
    if update {
        std::fs::create_dir_all(golden.parent().unwrap()).unwrap();
        std::fs::write(golden, found).unwrap();
        return None;
    }
    match std::fs::read(golden) {
        Ok(kept) if kept == found => None,
        Ok(_) => Some(format!("{} differs", golden.display())),
        Err(_) => Some(format!("{} is missing", golden.display())),
    }
}

#[test]
fn every_bundled_scenario_writes_what_it_wrote() {
    let update = std::env::var_os("UPDATE_GOLDEN").is_some();
    let mut scenarios: Vec<PathBuf> = std::fs::read_dir(root().join("scenarios"))
        .unwrap()
        .map(|e| e.unwrap().path())
        .filter(|p| p.extension().is_some_and(|e| e == "ron"))
        .collect();
    scenarios.sort();
    assert!(scenarios.len() >= 6, "the bundled scenarios are there");
    let dir = tempfile::tempdir().unwrap();
    let mut differences = Vec::new();
    for scenario in &scenarios {
        let stem = scenario.file_stem().unwrap().to_string_lossy().into_owned();
        let file = format!("scenarios/{stem}.ron");
        let golden = root().join("tests/golden").join(&stem);
        let runs = if inference_roi::io::portfolio::is_portfolio_file(scenario) {
            PORTFOLIO_RUNS
        } else {
            RUNS
        };
        for (command, arguments, extension) in runs {
            let output = cli()
                .arg(command)
                .arg(&file)
                .args(*arguments)
                .output()
                .unwrap();
            let name = format!("{command}-{}.{extension}", arguments[arguments.len() - 1]);
            differences.extend(compare(&golden.join(name), &shown(&output), update));
        }
        let pack = dir.path().join(format!("{stem}.html"));
        let output = cli()
            .args(["pack", &file, "--out"])
            .arg(&pack)
            .output()
            .unwrap();
        assert!(output.status.success(), "{stem}: {output:?}");
        // The footer names the commit the binary was built from: kept as a placeholder.
        let html = std::fs::read_to_string(&pack)
            .unwrap()
            .replace(inference_roi::VERSION, "VERSION");
        differences.extend(compare(&golden.join("pack.html"), html.as_bytes(), update));
    }
    assert!(
        differences.is_empty(),
        "outputs changed (UPDATE_GOLDEN=1 writes them afresh; review with git diff):\n{}",
        differences.join("\n")
    );
}
