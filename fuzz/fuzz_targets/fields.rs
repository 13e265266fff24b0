#![no_main]
//! See `inference_roi::io::fuzz::fields` for the properties checked.

libfuzzer_sys::fuzz_target!(|data: &[u8]| inference_roi::io::fuzz::fields(data));
