//! A portfolio's review pack (`inference-roi pack PORTFOLIO`): the answer, both charts, the
//! tables and each feature's answer in one self-contained file, harmless whatever the names
//! hold, and the exit codes of `portfolio`.

#![allow(clippy::unwrap_used, clippy::expect_used)]

use std::collections::BTreeSet;
use std::path::{Path, PathBuf};

use assert_cmd::Command;
use inference_roi::chart::render::Theme;
use inference_roi::fuzz::outputs::check_html;
use inference_roi::model::Date;
use inference_roi::report::portfolio::pack::{
    open_for_pack, portfolio_answer, portfolio_pack_html,
};

fn fixture(name: &str) -> PathBuf {
    Path::new(env!("CARGO_MANIFEST_DIR"))
        .join("tests/fixtures/portfolio")
        .join(name)
}

fn cli() -> Command {
    Command::cargo_bin("inference-roi").unwrap()
}

fn today() -> Date {
    "2026-11-30".parse().unwrap()
}

const HOSTILE: &str = "=HYPERLINK(\"https://x\",\"y\") <img src=x onerror=alert(1)> [a](https://x)";

/// Nothing the page loads or links to: no `href`, no `src`, no `url(` and no `@import`; the only
/// `http` is the inline SVGs' namespace, or text.
fn self_contained(html: &str) {
    check_html(html, &BTreeSet::new());
    let dom = tl::parse(html, tl::ParserOptions::default()).unwrap();
    for node in dom.nodes() {
        if let Some(tag) = node.as_tag() {
            for (key, value) in tag.attributes().iter() {
                let key = key.to_ascii_lowercase();
                assert!(
                    !matches!(
                        key.as_str(),
                        "href" | "src" | "xlink:href" | "srcset" | "action"
                    ),
                    "<{} {key}={value:?}>",
                    tag.name().as_utf8_str()
                );
                if let Some(value) = value {
                    assert!(
                        !value.contains("http") || key == "xmlns",
                        "<{} {key}={value:?}>",
                        tag.name().as_utf8_str()
                    );
                }
            }
        }
    }
    assert!(!html.contains("url(") && !html.contains("@import"));
}

#[test]
fn the_pack_answers_in_two_sentences_and_shows_both_charts() {
    let (r, answers) = open_for_pack(&fixture("over-time.ron")).unwrap();
    // Σ cost today 100 + 100 + 10 = 210, Σ value 500 + 1,000 + 100 = 1,600: 7.62×, Good; the
    // months pass the $400 budget in 2027-03 (at $410).
    assert_eq!(
        portfolio_answer(&r),
        "The portfolio's 3 features cost $210.00 a month and return $1,600.00: ROI 7.62× (Good), \
         total value ÷ total cost, net $1,390.00 a month. Every feature pays its cost; the total \
         passes the budget of $400.00 a month from 2027-03."
    );
    assert_eq!(answers.len(), 3);
    let html = portfolio_pack_html(&r, &answers, Theme::Light, today());
    self_contained(&html);
    assert_eq!(
        html.matches("<svg").count(),
        2,
        "the plane and the budget chart"
    );
    for part in [
        "Features, worst first",
        "The monthly total against the budget",
        "Each feature's answer",
        "over budget from 2027-03",
        // alpha's own answer, as its scenario's pack gives it.
        "At 1,000 requests/month, Large is the best design",
        "<span class=\"band band-excellent\">Excellent</span>",
    ] {
        assert!(html.contains(part), "{part}");
    }
}

#[test]
fn features_that_do_not_pay_and_teams_are_named() {
    // main.ron: beta runs at $200 for $100 of value (0.500×): the one that does not pay.
    let (r, answers) = open_for_pack(&fixture("main.ron")).unwrap();
    let answer = portfolio_answer(&r);
    assert!(
        answer.contains("Beta reports (0.500×) does not pay its cost; no budget is set."),
        "{answer}"
    );
    let html = portfolio_pack_html(&r, &answers, Theme::Dark, today());
    self_contained(&html);
    assert!(html.contains("<h2>Teams</h2>"));
    // No timeline: one chart, and a sentence where the second would be.
    assert_eq!(html.matches("<svg").count(), 1);
    assert!(html.contains("No feature has a timeline"));
    // gamma is in euros, at the portfolio's rate.
    assert!(html.contains("Its figures are in EUR, here at 1.1 USD each."));
}

#[test]
fn hostile_names_are_inert() {
    let (mut r, mut answers) = open_for_pack(&fixture("main.ron")).unwrap();
    let with_controls = format!("{HOSTILE}\u{1b}[2J\u{7}\r\n# x");
    r.title.clone_from(&with_controls);
    for f in &mut r.features {
        f.title.clone_from(&with_controls);
        f.team = Some(with_controls.clone());
        f.design.clone_from(&with_controls);
        f.best_design = Some(with_controls.clone());
        f.file = format!("@{with_controls}");
    }
    for t in &mut r.teams {
        t.team.clone_from(&with_controls);
    }
    for (file, answer) in &mut answers {
        *file = format!("@{with_controls}");
        answer.clone_from(&with_controls);
    }
    r.problems
        .push(inference_roi::io::portfolio::FeatureProblem {
            file: with_controls.clone(),
            message: format!("<script>alert(1)</script> {with_controls}"),
        });
    let html = portfolio_pack_html(&r, &answers, Theme::Light, today());
    self_contained(&html);
    assert!(!html.contains("<img") && !html.contains("<script"));
    assert!(html.contains("&lt;img src=x onerror=alert(1)&gt;"));
}

#[test]
fn the_command_packs_a_portfolio_file_or_a_folder() {
    let dir = tempfile::tempdir().unwrap();
    let out = dir.path().join("review.html");
    cli()
        .args(["pack", fixture("over-time.ron").to_str().unwrap(), "--out"])
        .arg(&out)
        .assert()
        .success()
        .stdout(predicates::str::contains("Wrote"));
    self_contained(&std::fs::read_to_string(&out).unwrap());
    // A folder of hostile names: every scenario in it, its names inert.
    let folder = dir.path().join("features");
    std::fs::create_dir(&folder).unwrap();
    let alpha = std::fs::read_to_string(fixture("alpha.ron")).unwrap();
    let ron_hostile = HOSTILE.replace('"', "\\\"");
    let hostile = alpha
        .replace("\"Alpha answers\"", &format!("\"{ron_hostile}\""))
        .replace("\"Small\"", &format!("\"{ron_hostile} small\""));
    std::fs::write(folder.join("hostile.ron"), hostile).unwrap();
    cli()
        .args(["pack", folder.to_str().unwrap(), "--out"])
        .arg(&out)
        .assert()
        .success();
    let html = std::fs::read_to_string(&out).unwrap();
    self_contained(&html);
    assert!(
        html.contains(
            "&lt;img src=x onerror=alert(1)&gt; [a](https://x) small has the highest ROI"
        )
    );
}

#[test]
fn exit_codes_are_those_of_portfolio() {
    let dir = tempfile::tempdir().unwrap();
    let out = dir.path().join("review.html");
    // Unreadable features: the pack is still written, listing them, and the command exits 1.
    cli()
        .args(["pack", fixture("problems.ron").to_str().unwrap(), "--out"])
        .arg(&out)
        .assert()
        .code(1)
        .stdout(predicates::str::contains("Wrote"))
        .stderr(predicates::str::contains("could not be counted"))
        .stderr(predicates::str::contains("missing.ron"));
    let html = std::fs::read_to_string(&out).unwrap();
    assert!(html.contains("Not counted (5 features)"), "{html}");
    self_contained(&html);
    // A currency without a rate: refused, naming it (2), and nothing written.
    let other = dir.path().join("other.html");
    cli()
        .args(["pack", fixture("no-rate.ron").to_str().unwrap(), "--out"])
        .arg(&other)
        .assert()
        .code(2)
        .stderr(predicates::str::contains("no rate for EUR"));
    assert!(!other.exists());
    // --volume and --compare are a scenario's.
    cli()
        .args([
            "pack",
            fixture("main.ron").to_str().unwrap(),
            "--volume",
            "5",
            "--out",
        ])
        .arg(&other)
        .assert()
        .code(2)
        .stderr(predicates::str::contains(
            "--volume applies to a scenario's pack",
        ));
    // The portfolio itself as the output.
    let main = fixture("main.ron");
    cli()
        .args([
            "pack",
            main.to_str().unwrap(),
            "--out",
            main.to_str().unwrap(),
        ])
        .assert()
        .code(2)
        .stderr(predicates::str::contains("that is the portfolio file"));
}
