#![no_main]
//! Any scenario text that loads and validates, written as every CSV, Markdown, HTML pack and
//! SVG chart. See `inference_roi::report::fuzz` for the properties checked.

libfuzzer_sys::fuzz_target!(|data: &[u8]| inference_roi::report::fuzz::writers(data));
