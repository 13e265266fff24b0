#![no_main]
//! See `inference_roi::fuzz::bill` for the properties checked.

libfuzzer_sys::fuzz_target!(|data: &[u8]| inference_roi::fuzz::bill(data));
