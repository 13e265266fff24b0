//! Names are one line of readable text, and one spelling per name (issue 25): control
//! characters are refused in every name-like field, names longer than 200 characters are
//! refused with the size limits, and names that differ only by Unicode normalisation are the
//! same name.

#![allow(clippy::unwrap_used, clippy::expect_used)]

use inference_roi::econ::validate;
use inference_roi::io::{self, examples::EXAMPLES};
use inference_roi::model::validate::{MAX_NAME_CHARS, limit_problems};
use inference_roi::model::{Route, Scenario, Serving, Severity, Source};

fn example(file: &str) -> Scenario {
    let e = EXAMPLES.iter().find(|e| e.file_name == file).unwrap();
    io::parse(e.text).unwrap()
}

fn errors(s: &Scenario) -> Vec<String> {
    validate(s)
        .iter()
        .filter(|p| p.severity == Severity::Error)
        .map(ToString::to_string)
        .collect()
}

fn has(errors: &[String], path: &str, words: &str) -> bool {
    errors
        .iter()
        .any(|e| e.starts_with(&format!("{path} ")) && e.contains(words))
}

#[test]
fn control_characters_are_refused_in_every_name() {
    for (c, code) in [
        ('\0', "U+0000"),
        ('\u{1b}', "U+001B"),
        ('\u{7}', "U+0007"),
        ('\r', "U+000D"),
        ('\n', "U+000A"),
        ('\u{85}', "U+0085"),
    ] {
        let mut s = example("support-assistant.ron");
        s.designs[1].name = format!("GPT{c}]0;pwned");
        s.title = format!("Plan{c}");
        s.use_cases[0].name = format!("Case{c}");
        s.designs[0].sources.push(Source {
            what: format!("price{c}"),
            url: "https://example.com".to_owned(),
            as_of: "2026-01-01".parse().unwrap(),
        });
        let last = s.designs[0].sources.len() - 1;
        let e = errors(&s);
        let what = format!("control character ({code})");
        assert!(has(&e, "designs[1].name", &what), "{c:?}: {e:?}");
        assert!(has(&e, "title", &what), "{c:?}: {e:?}");
        assert!(has(&e, "use_cases[0].name", &what), "{c:?}: {e:?}");
        assert!(
            has(&e, &format!("designs[0].sources[{last}].what"), &what),
            "{c:?}: {e:?}"
        );
    }
}

#[test]
fn control_characters_are_refused_in_keys_instances_and_the_running_design() {
    let mut s = example("support-over-time.ron");
    if let Some(t) = &mut s.timeline {
        t.running = Some("A\u{1b}[2J".to_owned());
    }
    let e = errors(&s);
    assert!(has(&e, "timeline.running", "U+001B"), "{e:?}");

    let mut s = example("support-assistant.ron");
    let self_hosted = s
        .designs
        .iter()
        .position(|d| matches!(d.serving, Serving::SelfHosted { .. }))
        .unwrap();
    if let Serving::SelfHosted { instance, .. } = &mut s.designs[self_hosted].serving {
        *instance = "H100\u{7}".to_owned();
    }
    let e = errors(&s);
    assert!(
        has(
            &e,
            &format!("designs[{self_hosted}].serving.instance"),
            "U+0007"
        ),
        "{e:?}"
    );
}

#[test]
fn names_longer_than_the_limit_are_refused_with_the_size_limits() {
    let mut s = example("support-assistant.ron");
    s.designs[2].name = "x".repeat(MAX_NAME_CHARS + 1);
    let problems: Vec<String> = limit_problems(&s).iter().map(ToString::to_string).collect();
    assert!(
        problems
            .iter()
            .any(|p| p.starts_with("designs[2].name ") && p.contains("limit for a name is 200")),
        "{problems:?}"
    );
    s.designs[2].name = "x".repeat(MAX_NAME_CHARS);
    assert!(limit_problems(&s).is_empty());
}

#[test]
fn names_that_differ_only_by_normalisation_are_the_same_name() {
    let mut s = example("support-assistant.ron");
    s.designs[0].name = "Caf\u{e9}".to_owned();
    s.designs[1].name = "Cafe\u{301}".to_owned();
    let e = errors(&s);
    assert!(has(&e, "designs[1].name", "must be unique"), "{e:?}");

    let mut s = example("support-assistant.ron");
    s.use_cases[0].name = "Caf\u{e9}".to_owned();
    s.use_cases[1].name = "Cafe\u{301}".to_owned();
    let e = errors(&s);
    assert!(has(&e, "use_cases[1].name", "must be unique"), "{e:?}");
}

#[test]
fn a_key_spelled_in_another_normalisation_is_named_not_lost() {
    let mut s = example("support-assistant.ron");
    s.use_cases[0].name = "Caf\u{e9}".to_owned();
    s.designs[0]
        .success_by_use_case
        .insert("Cafe\u{301}".to_owned(), rust_decimal::Decimal::ONE);
    let e = errors(&s);
    assert!(
        has(
            &e,
            &format!("designs[0].success_by_use_case[{:?}]", "Cafe\u{301}"),
            "means use_cases[0].name \"Caf\u{e9}\""
        ),
        "{e:?}"
    );

    let mut s = example("support-routing.ron");
    let routed = s
        .designs
        .iter()
        .position(|d| d.serving.routes().is_some())
        .unwrap();
    let Serving::Routed { routes } = &mut s.designs[routed].serving else {
        unreachable!()
    };
    let (case, _) = routes
        .iter()
        .next()
        .map(|(k, v)| (k.clone(), v.clone()))
        .unwrap();
    let target = s
        .designs
        .iter()
        .find(|d| d.serving.routes().is_none())
        .unwrap()
        .name
        .clone();
    // The same design name, decomposed where it can be (ASCII names stay as they are).
    let decomposed: String =
        unicode_normalization::UnicodeNormalization::nfd(format!("{target}é").as_str()).collect();
    let Serving::Routed { routes } = &mut s.designs[routed].serving else {
        unreachable!()
    };
    routes.insert(case.clone(), Route::Design(decomposed));
    let target_index = s.designs.iter().position(|d| d.name == target).unwrap();
    s.designs[target_index].name = format!("{target}é");
    let e = errors(&s);
    assert!(
        has(
            &e,
            &format!("designs[{routed}].serving.routes[{case:?}]"),
            &format!("means designs[{target_index}].name")
        ),
        "{e:?}"
    );
}
