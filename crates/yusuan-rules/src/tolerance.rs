//! Tolerance follows printed precision.
//!
//! A figure printed with `d` decimals is exact only to half a unit of its last place
//! (±0.005 for two decimals; ±0.5 元 for whole yuan). A total and the `n` figures it sums were
//! each rounded, so the printed total may differ from the sum of the printed figures by up to
//! `(n + 1) × ½ × 10⁻ᵈ` — and by no more. DOMAIN.md §2.

use rust_decimal::Decimal;

/// The largest difference rounding alone can explain between a printed total and the sum of
/// `terms` printed figures, all printed with at most `scale` decimals.
pub fn tolerance(scale: u32, terms: usize) -> Decimal {
    let half_unit = Decimal::new(5, scale + 1);
    half_unit * Decimal::from(terms as u64 + 1)
}

/// The number of decimals a figure was printed with.
pub fn scale_of(values: &[Decimal]) -> u32 {
    values.iter().map(|v| v.scale()).max().unwrap_or(0)
}

/// True when `printed` and `computed` differ by more than rounding of `terms` figures explains.
pub fn differs(printed: Decimal, computed: Decimal, terms: usize, scale: u32) -> bool {
    (printed - computed).abs() > tolerance(scale, terms)
}

#[cfg(test)]
mod tests {
    use super::*;
    use std::str::FromStr;

    fn d(s: &str) -> Decimal {
        Decimal::from_str(s).unwrap()
    }

    #[test]
    fn tolerance_is_half_a_unit_per_rounded_figure() {
        assert_eq!(tolerance(2, 2), d("0.015"));
        assert_eq!(tolerance(0, 18), d("9.5"));
    }

    #[test]
    fn real_differences_exceed_it_and_rounding_does_not() {
        // Seed 000 支出总表 2120199: 3313.52 printed against 0 + 3319.59.
        assert!(differs(d("3313.52"), d("3319.59"), 2, 2));
        // The municipal finance bureau's 302: 24,840,779 yuan against its 18 children's 24,840,778.
        assert!(!differs(d("24840779"), d("24840778"), 18, 0));
        assert!(!differs(d("1.00"), d("1.01"), 2, 2));
    }
}
