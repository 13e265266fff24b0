#![no_main]
//! See `inference_roi::io::fuzz::catalog` for the properties checked.

libfuzzer_sys::fuzz_target!(|data: &[u8]| inference_roi::io::fuzz::catalog(data));
