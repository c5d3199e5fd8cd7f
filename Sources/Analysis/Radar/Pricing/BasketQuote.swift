import EdgewiseCore

/// A basket priced against depth: the legs at the most profitable size, the largest size that is
/// still profitable, and the profit curve between.
public struct BasketQuote: Sendable, Hashable {
    public var legs: [OpportunityLeg]
    /// Baskets at the most profitable size.
    public var size: Size
    public var cost: Amount
    public var fees: Amount
    public var payout: Amount
    /// The largest basket count whose guaranteed profit is still positive.
    public var maxSize: Size
    public var curve: [ProfitPoint]

    public var profit: Amount { payout - cost }
}
