//! What the options' texts mean: a monthly volume, an exact decimal, a design by name.

use rust_decimal::Decimal;

use super::Failure;
use crate::model::Scenario;

/// A volume as files write it: `300000`, `1_000_000` or `1e9` (a whole number of requests).
pub fn parse_volume(text: &str) -> Result<u64, String> {
    use rust_decimal::prelude::ToPrimitive;
    let plain = text.trim().replace('_', "");
    let expected = || {
        format!(
            "expected a whole number of requests such as 300000, 1_000_000 or 1e9, got {text:?}"
        )
    };
    let value = if plain.contains(['e', 'E']) {
        Decimal::from_scientific(&plain).map_err(|_| expected())?
    } else {
        plain.parse::<Decimal>().map_err(|_| expected())?
    };
    if !value.fract().is_zero() || value.is_sign_negative() {
        return Err(format!("expected a whole number of requests, got {text:?}"));
    }
    value
        .to_u64()
        .ok_or_else(|| format!("{text:?} is too large for a monthly volume"))
}

/// A volume given on the command line, checked against the engine's range.
pub(super) fn check_volume(volume: u64) -> Result<u64, Failure> {
    if volume == 0 {
        return Err(Failure::command(
            "--volume must be at least 1 request per month, got 0",
        ));
    }
    if volume > crate::model::validate::MAX_VOLUME {
        return Err(Failure::command(format!(
            "--volume must be at most 1,000,000,000,000 requests per month, got {volume}"
        )));
    }
    Ok(volume)
}

/// An exact decimal given on the command line (`3`, `2.5`, `20`, `1e2`), which must be `range`
/// (said in the message when the text is not a number or too large for one).
pub(super) fn decimal_arg(name: &str, text: &str, range: &str) -> Result<Decimal, Failure> {
    use std::str::FromStr as _;
    let plain = text.trim();
    Decimal::from_str(plain)
        .or_else(|_| Decimal::from_scientific(plain))
        .map_err(|_| Failure::command(format!("{name} must be a number {range}, got {text:?}")))
}

/// A design by name (exactly, or ignoring case); the error lists the designs.
pub(super) fn find_design(scenario: &Scenario, name: &str) -> Result<usize, Failure> {
    find_design_for(scenario, "--design", name)
}

/// [`find_design`] for the option `flag` (`--upgrade-from`), which the refusal names.
pub(super) fn find_design_for(
    scenario: &Scenario,
    flag: &str,
    name: &str,
) -> Result<usize, Failure> {
    let designs = &scenario.designs;
    designs
        .iter()
        .position(|d| d.name == name)
        .or_else(|| {
            designs
                .iter()
                .position(|d| d.name.to_lowercase() == name.trim().to_lowercase())
        })
        .ok_or_else(|| {
            let names: Vec<String> = designs.iter().map(|d| format!("{:?}", d.name)).collect();
            Failure::command(format!(
                "{flag} {name:?}: no such design; the designs are {}",
                names.join(", ")
            ))
        })
}
