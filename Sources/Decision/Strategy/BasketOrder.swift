import EdgewiseCore

/// A guaranteed-payoff basket a strategy wants bought: every leg together or none, each leg the
/// same number of shares. The host hands it to multi-leg execution, which pre-checks every leg
/// before the first is sent and completes, shrinks or unwinds by its stated rule; a strategy
/// cannot send the legs one by one and leave a naked position behind.
public struct BasketOrder: Hashable, Sendable {
    /// The radar opportunity this basket takes (its id is on every leg's purpose).
    public var opportunityID: OpportunityID
    public var kind: OpportunityKind
    /// The legs at their limit prices, all of the basket size.
    public var legs: [OrderIntent]
    /// How much worse than its limit a leg may be completed at, per share.
    public var maxSlippage: Price
    /// How long each leg may keep trying to complete before the basket is shrunk.
    public var timeBudget: Duration
    /// The profit the radar priced for the basket at this size, after fees.
    public var expectedProfit: Amount

    public init(
        opportunityID: OpportunityID, kind: OpportunityKind, legs: [OrderIntent], maxSlippage: Price,
        timeBudget: Duration, expectedProfit: Amount
    ) {
        self.opportunityID = opportunityID
        self.kind = kind
        self.legs = legs
        self.maxSlippage = maxSlippage
        self.timeBudget = timeBudget
        self.expectedProfit = expectedProfit
    }

    /// The basket size (every leg buys it).
    public var size: Size { legs.first?.size ?? .zero }
}
