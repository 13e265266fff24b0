#![no_main]
//! See `inference_roi::io::fuzz::scenario` for the properties checked.

libfuzzer_sys::fuzz_target!(|data: &[u8]| inference_roi::io::fuzz::scenario(data));
