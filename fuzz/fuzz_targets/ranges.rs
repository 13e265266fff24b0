#![no_main]
//! See `inference_roi::fuzz::ranges` for the properties checked.

libfuzzer_sys::fuzz_target!(|data: &[u8]| inference_roi::fuzz::ranges(data));
