//! The properties the fuzz targets in `fuzz/` check, kept in the crate so that `cargo test`
//! runs every seed and every input a fuzzer once broke (`tests/fuzz_regressions.rs`) through
//! exactly the same checks. They sit above every other layer, since they drive the whole of it:
//! reading files ([`inputs`]) and writing every output from what was read ([`outputs`]).

pub mod inputs;
pub mod outputs;

pub use inputs::{bill, catalog, fields, price_map, ranges, scenario};
pub use outputs::writers;
