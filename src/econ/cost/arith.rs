//! Exact decimal arithmetic for the cost model: checked operations (an overflow is an error,
//! never a panic or a wrapped value) and exact integer division for instance counts.

use rust_decimal::Decimal;
use rust_decimal::prelude::ToPrimitive;

use crate::econ::EconError;

/// The least positive per-request figure the engine holds to 11 significant digits.
pub const PER_REQUEST: Decimal = Decimal::from_parts(1, 0, 0, false, 16);
/// The least positive monthly figure: divided by 10^12 requests it stays above [`PER_REQUEST`].
pub const PER_MONTH: Decimal = Decimal::from_parts(1, 0, 0, false, 4);

/// `value` as the result of an operation on the figures: refused when its operands were not
/// zero (`zero`: one was), it was rounded to 28 places (`rounded`) and it is below 1e-16.
pub(crate) fn held(zero: bool, rounded: bool, value: Decimal) -> Result<Decimal, EconError> {
    if !zero && rounded && value.abs() < PER_REQUEST {
        Err(EconError::Precision)
    } else {
        Ok(value)
    }
}

/// Checked decimal arithmetic: every overflow becomes [`EconError::Overflow`].
pub(crate) trait Checked: Sized {
    fn add(self, other: Self) -> Result<Self, EconError>;
    fn sub(self, other: Self) -> Result<Self, EconError>;
    fn mul(self, other: Self) -> Result<Self, EconError>;
    fn div(self, other: Self) -> Result<Self, EconError>;
    /// A product the figures are made of: refused ([`EconError::Precision`]) where rounding to
    /// 28 decimal places leaves it below 1e-16 (see `econ::precision`).
    fn mul_held(self, other: Self) -> Result<Self, EconError>;
    /// A quotient the figures are made of, refused likewise.
    fn div_held(self, other: Self) -> Result<Self, EconError>;
}

impl Checked for Decimal {
    fn add(self, other: Self) -> Result<Self, EconError> {
        self.checked_add(other).ok_or(EconError::Overflow)
    }
    fn sub(self, other: Self) -> Result<Self, EconError> {
        self.checked_sub(other).ok_or(EconError::Overflow)
    }
    fn mul(self, other: Self) -> Result<Self, EconError> {
        self.checked_mul(other).ok_or(EconError::Overflow)
    }
    fn div(self, other: Self) -> Result<Self, EconError> {
        self.checked_div(other).ok_or(EconError::Overflow)
    }
    fn mul_held(self, other: Self) -> Result<Self, EconError> {
        let product = self.mul(other)?;
        let rounded = self.scale() + other.scale() > 28;
        held(self.is_zero() || other.is_zero(), rounded, product)
    }
    fn div_held(self, other: Self) -> Result<Self, EconError> {
        let quotient = self.div(other)?;
        // A quotient is exact only when it ends within 28 places; assume it does not.
        held(self.is_zero(), true, quotient)
    }
}

/// `floor(a / b)` for `a ≥ 0`, `b > 0`, exact even where the decimal quotient is rounded;
/// saturates at `u64::MAX` (far beyond any volume searched).
pub(crate) fn floor_div(a: Decimal, b: Decimal) -> Result<u64, EconError> {
    if a.is_sign_negative() || b <= Decimal::ZERO {
        return Err(EconError::Overflow);
    }
    let Some(quotient) = a.checked_div(b) else {
        return Ok(u64::MAX);
    };
    let Some(mut q) = quotient.floor().to_u64() else {
        return Ok(u64::MAX);
    };
    // The quotient is rounded to 28 digits: correct the candidate by exact multiplication.
    while q > 0 && Decimal::from(q).mul(b)? > a {
        q -= 1;
    }
    while Decimal::from(q + 1).mul(b)? <= a {
        q += 1;
    }
    Ok(q)
}

/// `ceil(a / b)` for `a ≥ 0`, `b > 0`, exact; saturates at `u64::MAX`.
pub(crate) fn ceil_div(a: Decimal, b: Decimal) -> Result<u64, EconError> {
    let q = floor_div(a, b)?;
    if q == u64::MAX {
        return Ok(q);
    }
    Ok(if Decimal::from(q).mul(b)? < a {
        q + 1
    } else {
        q
    })
}

#[cfg(test)]
mod tests {
    use super::*;
    use std::str::FromStr;

    fn d(text: &str) -> Decimal {
        Decimal::from_str(text).unwrap()
    }

    #[test]
    fn exact_integer_division() {
        assert_eq!(floor_div(d("10"), d("3")).unwrap(), 3);
        assert_eq!(ceil_div(d("10"), d("3")).unwrap(), 4);
        assert_eq!(ceil_div(d("9"), d("3")).unwrap(), 3);
        // 1 / (1/3 rounded) would be 3.0000…03 → ceil 4; exact correction keeps it honest.
        let third = d("1").checked_div(d("3")).unwrap();
        assert_eq!(floor_div(d("1"), third).unwrap(), 3);
        assert_eq!(ceil_div(d("0"), d("7")).unwrap(), 0);
        assert_eq!(floor_div(d("1e25"), d("0.0000000001")).unwrap(), u64::MAX);
    }
}
