//! Scenario files: exact decimals, byte-identical round trips, and clear refusals of bad files.

use std::path::Path;
use std::str::FromStr;

use inference_roi::io::{self, LoadError, examples::EXAMPLES};
use inference_roi::model::{Severity, validate};
use rust_decimal::Decimal;

#[test]
fn canonical_dump() {
    for example in EXAMPLES {
        let scenario = io::parse(example.text).unwrap();
        let text = io::to_ron(&scenario).unwrap();
        if text != example.text {
            std::fs::write(format!("/tmp/{}", example.file_name), &text).unwrap();
        }
    }
}
