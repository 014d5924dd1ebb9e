//! What the rules of this family share.

use rust_decimal::Decimal;
use yusuan_model::{MoneyUnit, NarrativeFact};

use crate::narrative::narrative_amount;

/// A money fact in 万元 with the half unit of its last printed place.
pub(crate) fn in_wan(fact: &NarrativeFact) -> Option<(Decimal, Decimal)> {
    let (v, unit, half) = narrative_amount(fact)?;
    Some((
        unit.convert(v, MoneyUnit::WanYuan),
        unit.convert(half, MoneyUnit::WanYuan),
    ))
}

pub(crate) fn tidy(v: Decimal) -> String {
    let mut v = v.round_dp(2).normalize();
    if v.scale() < 2 && v.fract() != Decimal::ZERO {
        v.rescale(2);
    }
    v.to_string()
}
