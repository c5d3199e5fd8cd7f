import EdgewiseCore

/// The Kelly criterion for buying a binary share: with probability `p` of the share paying 1 and
/// an all-in price `c` per share, the growth-optimal fraction of capital is
/// `f* = (p − c) / (1 − c)`, and nothing when `p ≤ c`.
public enum KellyCriterion {
    /// `f*` as a `Double`, for display and for models; money never passes through it.
    public static func fraction(probability: Double, price: Price) -> Double {
        let c = price.approximateDouble
        guard probability.isFinite, c < 1, probability > c else { return 0 }
        return (probability - c) / (1 - c)
    }

    /// `multiplier × f* × bankroll`, rounded down to the millionth and computed exactly from the
    /// fill: `f* = (p·s − spend) / (s − spend)` with `p` the fair value, `s` the size and `spend`
    /// its notional plus fees. `multiplierMillionths` is the Kelly multiplier in millionths
    /// (1 000 000 for full Kelly).
    public static func stake(
        fairValue: Price, fill: ExecutableFill, bankroll: Amount, multiplierMillionths: Int64 = FixedPoint.unitsPerWhole
    ) -> Amount {
        let scale = Int128(FixedPoint.unitsPerWhole)
        let numerator = fill.edgeUnitsTimesSize(fairValue: fairValue)
        let denominator = (Int128(fill.size.units) - Int128(fill.spend.units)) * scale
        guard numerator > 0, denominator > 0, bankroll.units > 0, multiplierMillionths > 0 else { return .zero }
        // f* × multiplier in units of 10⁻¹², then the stake, both rounded down.
        let fraction = FixedPoint.divide(numerator * Int128(multiplierMillionths) * scale, denominator, .down)
        let stake = FixedPoint.divide(Int128(bankroll.units) * fraction, scale * scale, .down)
        return Amount(units: Int64(stake))
    }

    /// A `Double` multiplier in millionths, rounded to the nearest.
    static func millionths(_ multiplier: Double) -> Int64 {
        Int64((multiplier * Double(FixedPoint.unitsPerWhole)).rounded())
    }
}
