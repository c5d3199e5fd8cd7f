/// What a venue charges for an order that takes liquidity, so venue-neutral code (the radar, the
/// sizing, the paper broker) can price trades net of fees without knowing the venue's formula.
///
/// Implementations round against the trader: an estimate may overstate a fee, never understate
/// it, because an understated fee turns a loss into a reported arbitrage.
public protocol FeeModel: Sendable {
    /// The fee for taking `size` at `price` in one fill.
    func takerFee(size: Size, price: Price) -> Amount
}

/// A venue without trading fees (Manifold; Polymarket markets whose schedule is zero).
public struct NoFees: FeeModel, Hashable {
    public init() {}
    public func takerFee(size: Size, price: Price) -> Amount { .zero }
}
