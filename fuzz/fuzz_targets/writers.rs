#![no_main]
//! Any scenario text that loads and validates, written as every CSV, Markdown, HTML pack and
//! SVG chart. See `inference_roi::fuzz::outputs` for the properties checked.

libfuzzer_sys::fuzz_target!(|data: &[u8]| inference_roi::fuzz::outputs::writers(data));
