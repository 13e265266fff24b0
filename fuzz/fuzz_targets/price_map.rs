#![no_main]
//! See `inference_roi::fuzz::price_map` for the properties checked.

libfuzzer_sys::fuzz_target!(|data: &[u8]| inference_roi::fuzz::price_map(data));
