//! Scenario files: exact decimals, byte-identical round trips, and clear refusals of bad or
//! hostile files (each naming the line and column, or the field and the value).

#![allow(clippy::unwrap_used, clippy::expect_used)]

use std::str::FromStr;

use inference_roi::econ::validate;
use inference_roi::io::{self, LoadError, examples::EXAMPLES};
use inference_roi::model::Serving;
use inference_roi::model::{Severity, Throughput};
use rust_decimal::Decimal;

fn d(text: &str) -> Decimal {
    Decimal::from_str(text).unwrap()
}

fn support() -> &'static str {
    io::examples::find("support-assistant").unwrap().text
}

fn parse_error(text: &str) -> String {
    io::parse(text).expect_err("should be refused").to_string()
}

fn error_messages(text: &str) -> Vec<String> {
    let scenario = io::parse(text).unwrap();
    validate(&scenario)
        .into_iter()
        .filter(|p| p.severity == Severity::Error)
        .map(|p| p.to_string())
        .collect()
}

#[test]
fn bundled_scenarios_are_valid_without_warnings_and_round_trip_byte_identically() {
    assert!(EXAMPLES.len() >= 3);
    for example in EXAMPLES {
        let on_disk = std::fs::read_to_string(format!("scenarios/{}", example.file_name)).unwrap();
        assert_eq!(on_disk, example.text, "the embedded copy is the file");
        let scenario = io::parse(example.text).unwrap();
        assert_eq!(
            validate(&scenario),
            vec![],
            "{} has problems",
            example.file_name
        );
        let saved = io::to_ron(&scenario).unwrap();
        assert_eq!(
            saved, example.text,
            "{} is not in saved form",
            example.file_name
        );
        let again = io::to_ron(&io::parse(&saved).unwrap()).unwrap();
        assert_eq!(again, saved);
        for design in &scenario.designs {
            assert!(
                design.sources.iter().all(|s| !s.what.is_empty()),
                "every source says what it supports"
            );
        }
    }
}

#[test]
fn decimals_load_exactly_from_bare_numbers_and_strings() {
    let text = support()
        .replace("input_price_per_mtok: 2.50,\n                output_price_per_mtok: 10.00,\n                \
            price_per_request: 0,\n                input_tokens: 1600",
                 "input_price_per_mtok: 0.0000012,\n                output_price_per_mtok: \"2.50\",\n                \
                     price_per_request: 1e-7,\n                input_tokens: 1_600");
    let scenario = io::parse(&text).unwrap();
    let Serving::HostedApi {
        input_price_per_mtok,
        output_price_per_mtok,
        price_per_request,
        input_tokens,
        ..
    } = &scenario.designs[0].serving
    else {
        panic!("expected a hosted API");
    };
    assert_eq!(*input_price_per_mtok, d("0.0000012"));
    assert_eq!(output_price_per_mtok.to_string(), "2.50");
    assert_eq!(*price_per_request, d("0.0000001"));
    assert_eq!(*input_tokens, d("1600"));
    // Saved as bare numbers with the same digits, and stable from then on.
    let saved = io::to_ron(&scenario).unwrap();
    assert!(
        saved.contains("input_price_per_mtok: 0.0000012,"),
        "{saved}"
    );
    assert!(saved.contains("output_price_per_mtok: 2.50,"));
    assert_eq!(io::to_ron(&io::parse(&saved).unwrap()).unwrap(), saved);
}

#[test]
fn omitted_fields_take_their_defaults() {
    let text = "Scenario(volume: Volume(current: 10, min: 1, max: 100),
        use_cases: [UseCase(name: \"a\", share: 1, value_per_success: 1)],
        designs: [Design(name: \"d\", serving: SelfHosted(hardware: Cpu, price_per_hour: 1,
            throughput: RequestsPerSecond(2.5)))])";
    let s = io::parse(text).unwrap();
    assert_eq!(s.format, 1);
    assert_eq!(s.currency, "USD");
    assert_eq!(s.hours_per_month, d("730"));
    let design = &s.designs[0];
    assert_eq!(design.success_rate, Decimal::ONE);
    assert_eq!(design.overhead_pct, Decimal::ZERO);
    let Serving::SelfHosted {
        target_utilization,
        min_instances,
        max_instances,
        throughput,
        ..
    } = &design.serving
    else {
        panic!()
    };
    assert_eq!(
        (*target_utilization, *min_instances, *max_instances),
        (Decimal::ONE, 1, None)
    );
    assert_eq!(*throughput, Throughput::RequestsPerSecond(d("2.5")));
}

/// The 1-based line of the first occurrence of `needle`.
fn line_of(text: &str, needle: &str) -> usize {
    text[..text.find(needle).unwrap()].lines().count()
}

#[test]
fn syntax_and_shape_errors_name_the_line_and_column() {
    let base = support();
    // Unknown field.
    let unknown = base.replace(
        "fixed_monthly: 800,",
        "fixed_monthly: 800,\n            colour: 3,",
    );
    let message = parse_error(&unknown);
    let at = format!("line {}, column 13:", line_of(&unknown, "colour"));
    assert!(message.starts_with(&at), "{message}");
    assert!(message.contains("colour"), "{message}");
    // Wrong type.
    let wrong = base.replace("min_instances: 1,", "min_instances: \"one\",");
    let message = parse_error(&wrong);
    let at = format!("line {}, column", line_of(&wrong, "\"one\""));
    assert!(message.starts_with(&at), "{message}");
    assert!(
        message.contains("expected a number, got the text \"one\""),
        "{message}"
    );
    // Truncated between values.
    let cut = &base[..base.find("    designs: [").unwrap()];
    let message = parse_error(cut);
    assert!(message.starts_with("line "), "{message}");
    // Truncated inside a string.
    let message = parse_error(&base[..base.len() / 2]);
    assert!(message.contains("line "), "{message}");
    // Not RON at all, and an empty file.
    assert!(parse_error("{\"json\": true}").starts_with("line 1, column 1:"));
    assert!(parse_error("").starts_with("line 1, column 1:"));
    // A misspelt variant lists the right ones.
    let message = parse_error(&base.replace("HostedApi(", "HostedAPI("));
    assert!(
        message.contains("HostedApi")
            && message.contains("SelfHosted")
            && message.contains("Cascade"),
        "{message}"
    );
    // An impossible date.
    let message = parse_error(&base.replace("2026-05-01", "2026-02-30"));
    assert!(
        message.contains("YYYY-MM-DD") && message.contains("2026-02-30"),
        "{message}"
    );
}

#[test]
fn non_numbers_and_huge_numbers_are_refused_where_they_stand() {
    let base = support();
    let nan = base.replace("price_per_hour: 1.006", "price_per_hour: NaN");
    let message = parse_error(&nan);
    let at = format!("line {}, column 36:", line_of(&nan, "NaN"));
    assert!(
        message.starts_with(&at) && message.contains("finite number, got NaN"),
        "{message}"
    );
    let message = parse_error(&base.replace("price_per_hour: 1.006", "price_per_hour: inf"));
    assert!(message.contains("finite number"), "{message}");
    let message = parse_error(&base.replace("fixed_monthly: 800", "fixed_monthly: 1e300"));
    assert!(
        message.contains("1e300") && message.contains("28 significant digits"),
        "{message}"
    );
    let message = parse_error(&base.replace("current: 300000", "current: 99999999999999999999999"));
    assert!(message.contains("too large"), "{message}");
}

#[test]
fn out_of_range_values_name_the_field_path_and_the_value() {
    let base = support();
    let errors =
        error_messages(&base.replacen("target_utilization: 0.6,", "target_utilization: 1.5,", 1));
    assert_eq!(
        errors,
        vec!["designs[1].serving.target_utilization must be in (0, 1], got 1.5"]
    );
    let errors = error_messages(&base.replace("fixed_monthly: 800", "fixed_monthly: -800"));
    assert_eq!(
        errors,
        vec!["designs[0].fixed_monthly must be in [0, 1,000,000,000,000], got -800"]
    );
    let errors = error_messages(&base.replace("escalation_rate: 0.12", "escalation_rate: 12"));
    assert_eq!(
        errors,
        vec!["designs[2].serving.escalation_rate must be in [0, 1], got 12"]
    );
    let errors = error_messages(&base.replace("share: 0.30", "share: 0.35"));
    assert_eq!(
        errors,
        vec!["use_cases shares must sum to 1 (100 %), got 1.05"]
    );
    let errors = error_messages(&base.replace("\"Complaint triage\": 0.90", "\"Refunds\": 0.90"));
    assert_eq!(
        errors,
        vec![
            "designs[0].success_by_use_case[\"Refunds\"] names a use case that the scenario does not have"
        ]
    );
    let errors = error_messages(&base.replace("price_per_hour: 1.006", "price_per_hour: 5000000"));
    assert!(
        errors[0].starts_with(
            "designs[1].serving.price_per_hour must be in [0, 1,000,000], got 5000000"
        ),
        "{errors:?}"
    );
    let errors = error_messages(&base.replace("current: 300000", "current: 0"));
    assert!(
        errors
            .iter()
            .any(|e| e.starts_with("volume.current must be between")),
        "{errors:?}"
    );
    let errors =
        error_messages(&base.replace("name: \"Fine-tuned 8B on A10G\"", "name: \"GPT-4o API\""));
    assert_eq!(
        errors,
        vec!["designs[1].name must be unique, but \"GPT-4o API\" is used twice"]
    );
}

#[test]
fn empty_scenarios_say_what_is_missing() {
    let errors = error_messages("Scenario(volume: Volume(current: 10, min: 1, max: 100))");
    assert_eq!(
        errors,
        vec![
            "use_cases must list at least one use case (what a success is worth)",
            "designs must list at least one serving design",
        ]
    );
}

#[test]
fn a_newer_format_says_so() {
    let newer = support().replace("format: 1,", "format: 2,\n    carbon_budget: 12,");
    match io::parse(&newer) {
        Err(LoadError::NewerFormat(2)) => {}
        other => panic!("expected a newer-format refusal, got {other:?}"),
    }
    assert!(parse_error(&newer).contains("newer version"));
}

#[test]
fn hostile_sizes_are_refused() {
    // More than 64 designs.
    let design = "Design(name: \"d{i}\", serving: HostedApi(price_per_request: 0.01), sources: [])";
    let designs: Vec<String> = (0..65)
        .map(|i| design.replace("{i}", &i.to_string()))
        .collect();
    let text = format!(
        "Scenario(volume: Volume(current: 10, min: 1, max: 100), use_cases: [UseCase(name: \"a\", share: 1, \
            value_per_success: 1)], designs: [{}])",
        designs.join(",")
    );
    let message = parse_error(&text);
    assert!(
        message.contains("designs has 65 entries; the limit is 64"),
        "{message}"
    );
    // A string over 10,000 characters.
    let long = support().replace(
        "title: \"Customer-support assistant\"",
        &format!("title: \"{}\"", "x".repeat(10_001)),
    );
    assert!(parse_error(&long).contains("title is 10001 characters long; the limit is 10000"));
    // Deeply nested cascades hit the limits, not the stack.
    let mut serving = "HostedApi(price_per_request: 0.01)".to_owned();
    for _ in 0..500 {
        serving =
            format!("Cascade(primary: {serving}, fallback: HostedApi(), escalation_rate: 0.1)");
    }
    let text = format!(
        "Scenario(volume: Volume(current: 10, min: 1, max: 100), use_cases: [UseCase(name: \"a\", share: 1, \
            value_per_success: 1)], designs: [Design(name: \"d\", serving: {serving})])"
    );
    assert!(parse_error(&text).contains("nested too deeply"));
}

#[test]
fn files_over_8_mib_are_refused_before_reading() {
    let dir = tempfile::tempdir().unwrap();
    let path = dir.path().join("big.ron");
    let mut text = support().to_owned();
    text.push_str(&" ".repeat(9 * 1024 * 1024));
    std::fs::write(&path, &text).unwrap();
    let message = io::load(&path).unwrap_err().to_string();
    assert_eq!(
        message,
        "the file is 9 MiB; scenario files are limited to 8 MiB"
    );
    assert!(matches!(io::parse(&text), Err(LoadError::TooLarge(_))));
}

#[test]
fn binary_files_and_missing_files_are_explained() {
    let dir = tempfile::tempdir().unwrap();
    let path = dir.path().join("image.ron");
    std::fs::write(&path, [0x89, b'P', b'N', b'G', 0xff, 0xfe]).unwrap();
    assert!(
        io::load(&path)
            .unwrap_err()
            .to_string()
            .contains("not UTF-8 text")
    );
    let missing = io::load(&dir.path().join("nope.ron"))
        .unwrap_err()
        .to_string();
    assert!(
        missing.starts_with("cannot read") && missing.contains("nope.ron"),
        "{missing}"
    );
}

#[test]
fn saving_is_atomic_and_leaves_no_temporary_files() {
    let dir = tempfile::tempdir().unwrap();
    let path = dir.path().join("s.ron");
    let mut scenario = io::parse(support()).unwrap();
    io::save(&scenario, &path).unwrap();
    assert_eq!(std::fs::read_to_string(&path).unwrap(), support());
    scenario.title = "Changed".to_owned();
    io::save(&scenario, &path).unwrap();
    assert_eq!(io::load(&path).unwrap().title, "Changed");
    let names: Vec<_> = std::fs::read_dir(dir.path())
        .unwrap()
        .map(|e| e.unwrap().file_name())
        .collect();
    assert_eq!(names, vec![std::ffi::OsString::from("s.ron")]);
    // A failed save (the target is a directory) leaves the directory as it was.
    let blocked = dir.path().join("blocked.ron");
    std::fs::create_dir(&blocked).unwrap();
    assert!(io::save(&scenario, &blocked).is_err());
    let count = std::fs::read_dir(dir.path()).unwrap().count();
    assert_eq!(count, 2, "no temporary file left behind");
}

fn uncertain() -> &'static str {
    io::examples::find("support-assistant-uncertain")
        .unwrap()
        .text
}

#[test]
fn a_byte_order_mark_is_accepted_and_not_written_back() {
    let with_bom = format!("\u{feff}{}", support());
    let scenario = io::parse(&with_bom).unwrap();
    assert_eq!(scenario, io::parse(support()).unwrap());
    // Saved without the mark, byte for byte the file without it.
    assert_eq!(io::to_ron(&scenario).unwrap(), support());
    let dir = tempfile::tempdir().unwrap();
    let path = dir.path().join("bom.ron");
    std::fs::write(&path, &with_bom).unwrap();
    let loaded = io::load(&path).unwrap();
    io::save(&loaded, &path).unwrap();
    assert_eq!(std::fs::read_to_string(&path).unwrap(), support());
    // Ranges are found after the mark too, and errors count lines as without it.
    let uncertain_bom = format!("\u{feff}{}", uncertain());
    assert_eq!(
        io::parse(&uncertain_bom).unwrap().ranges,
        io::parse(uncertain()).unwrap().ranges
    );
    let broken = uncertain().replacen("overhead_pct: 8,", "overhead_pct: 8, bogus: 1,", 1);
    assert_eq!(
        parse_error(&format!("\u{feff}{broken}")),
        parse_error(&broken)
    );
}

#[test]
fn errors_name_the_line_and_column_an_editor_shows_whatever_the_line_ends() {
    // An unknown field after a Range on the same line: the column counts the Range as written.
    let lf = uncertain().replacen(
        "success_rate: Range(0.72, 0.87),",
        "success_rate: Range(0.72, 0.87), bogus: 1,",
        1,
    );
    let line = line_of(&lf, "bogus: 1");
    let column = lf.lines().nth(line - 1).unwrap().find("bogus").unwrap() + 1;
    let expected = format!("line {line}, column {column}: ");
    let error = parse_error(&lf);
    assert!(error.starts_with(&expected), "{error}");
    assert!(error.contains("bogus"), "{error}");
    // The same file with CRLF and with lone CRs (classic Mac) reports the same place.
    assert_eq!(parse_error(&lf.replace('\n', "\r\n")), error);
    assert_eq!(parse_error(&lf.replace('\n', "\r")), error);
    // A bad Range's own position, and a syntax error, in a CR-only file.
    let bad_range = uncertain().replacen("Range(0.72, 0.87)", "Range(0.92, 0.87)", 1);
    let bad_line = line_of(&bad_range, "Range(0.92, 0.87)");
    let cr_error = parse_error(&bad_range.replace('\n', "\r"));
    assert!(
        cr_error.starts_with(&format!("line {bad_line}, ")),
        "{cr_error}"
    );
    let unclosed = support().replacen("overhead_pct: 8,", "overhead_pct: 8 8,", 1);
    assert_eq!(
        parse_error(&unclosed.replace('\n', "\r")),
        parse_error(&unclosed)
    );
    // Strings keep their CRs as written: the text the parser sees is not rewritten.
    let note = support().replacen("notes: \"", "notes: \"a\rb ", 1);
    assert!(io::parse(&note).unwrap().notes.starts_with("a\rb "));
}

#[test]
fn a_range_inside_a_range_says_that_ranges_do_not_nest() {
    let nested = uncertain().replacen("Range(0.72, 0.87)", "Range(Range(0.70, 0.74), 0.87)", 1);
    let line = line_of(&nested, "Range(Range(");
    let error = parse_error(&nested);
    assert!(
        error.starts_with(&format!("line {line}, column ")),
        "{error}"
    );
    assert!(
        error.contains(
            "designs[0].success_rate: ranges do not nest: write Range(low, high) with two numbers"
        ),
        "{error}"
    );
    let high_nested =
        uncertain().replacen("Range(0.72, 0.87)", "Range(0.72, Range(0.80, 0.87))", 1);
    assert!(parse_error(&high_nested).contains("ranges do not nest"));
}

#[test]
fn a_map_key_written_twice_is_refused_with_its_line_and_the_key() {
    // The reader sees the first value, a plain map would give the engine the last.
    let overrides = uncertain().replacen(
        "\"Complaint triage\": 0.90,",
        "\"Complaint triage\": 0.90,\n                \"Complaint triage\": 0.10,",
        1,
    );
    let line = line_of(&overrides, "\"Complaint triage\": 0.10");
    let error = parse_error(&overrides);
    assert!(
        error.starts_with(&format!("line {line}, column ")),
        "{error}"
    );
    assert!(
        error.contains("the key \"Complaint triage\" is written twice in this map: keep one"),
        "{error}"
    );
    let routing = io::examples::find("support-routing").unwrap().text;
    let routes = routing.replacen(
        "\"Order status\": NotServed,",
        "\"Order status\": NotServed,\n                    \"Order status\": Design(\"GPT-4o API\"),",
        1,
    );
    let line = line_of(&routes, "\"Order status\": Design");
    let error = parse_error(&routes);
    assert!(
        error.starts_with(&format!("line {line}, column ")),
        "{error}"
    );
    assert!(
        error.contains("the key \"Order status\" is written twice"),
        "{error}"
    );
    // Each key once still reads, and round-trips.
    let scenario = io::parse(routing).unwrap();
    assert_eq!(io::to_ron(&scenario).unwrap(), routing);
}

#[test]
fn a_timeline_running_past_9999_12_is_refused_naming_the_start() {
    let over_time = io::examples::find("support-over-time").unwrap().text;
    let late = over_time.replacen("start: \"2027-01\"", "start: \"9999-12\"", 1);
    assert_eq!(
        parse_error(&late),
        "the file is refused: timeline.start is 9999-12 and the timeline counts 24 months, which \
         would run past 9999-12 (the last month the planner counts): start by 9998-01 at the \
         latest, or count fewer months"
    );
    // The latest start that fits is read, its last month 9999-12.
    let fits = over_time.replacen("start: \"2027-01\"", "start: \"9998-01\"", 1);
    let scenario = io::parse(&fits).unwrap();
    let t = scenario.timeline.as_ref().unwrap();
    assert_eq!(t.start.last_of(t.months).unwrap().to_string(), "9999-12");
}
