#![no_main]
//! See `inference_roi::fuzz::fields` for the properties checked.

libfuzzer_sys::fuzz_target!(|data: &[u8]| inference_roi::fuzz::fields(data));
