#![no_main]
//! Any scenario text that loads and validates, written as every CSV, Markdown, HTML pack and
//! SVG chart, and rolled up as a portfolio named from its text, written as every portfolio output
//! (text, JSON, Markdown, CSV, the portfolio's pack, its two charts). See
//! `inference_roi::fuzz::outputs` for the properties checked.

libfuzzer_sys::fuzz_target!(|data: &[u8]| inference_roi::fuzz::outputs::writers(data));
