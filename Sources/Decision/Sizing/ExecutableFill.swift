import EdgewiseCore

/// What buying a size from the offers costs: the notional walked level by level (rounded up
/// once), and the venue fee charged per level as one fill each (rounded up by the fee model).
public struct ExecutableFill: Hashable, Sendable {
    public var size: Size
    public var notional: Amount
    public var fees: Amount
    /// The last level reached: the limit price a marketable order for this size needs.
    public var worstPrice: Price

    /// Everything paid: notional plus fees. What caps and budgets are compared with, and what a
    /// losing position loses.
    public var spend: Amount { notional + fees }

    /// The true average price before fees, rounded half-up to the millionth.
    public var averagePrice: Price { notional.perShare(size, .halfUp) }

    /// Fees per share, rounded up.
    public var feesPerShare: Price { fees.perShare(size, .up) }

    /// `fairValue − spend/size`, per share, rounded down (against us).
    public func netEdgePerShare(fairValue: Price) -> Amount {
        Amount(units: Int64(FixedPoint.divide(edgeUnitsTimesSize(fairValue: fairValue), Int128(size.units), .down)))
    }

    /// `(fairValue − spend/size) × size` in millionths², exact: the edge per share without
    /// dividing.
    func edgeUnitsTimesSize(fairValue: Price) -> Int128 {
        Int128(fairValue.units) * Int128(size.units) - Int128(spend.units) * Int128(FixedPoint.unitsPerWhole)
    }
}
