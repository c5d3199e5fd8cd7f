import EdgewiseCore

/// A guaranteed-payoff trade to execute: every leg bought together, or not at all.
public struct MultiLegPlan: Hashable, Sendable {
    /// The legs at their planned limit prices and the basket size (each leg buys `size`).
    public var legs: [OrderIntent]
    /// How much worse than its planned limit a leg may be completed at, per share, before the
    /// basket is shrunk instead.
    public var maxSlippage: Price
    /// How long each leg may keep trying to complete before the basket is shrunk.
    public var timeBudget: Duration
    /// The wait between attempts to complete a leg.
    public var retryInterval: Duration

    public init(legs: [OrderIntent], maxSlippage: Price = Price(units: 10_000), timeBudget: Duration = .seconds(2), retryInterval: Duration = .milliseconds(250)) {
        self.legs = legs
        self.maxSlippage = maxSlippage
        self.timeBudget = timeBudget
        self.retryInterval = retryInterval
    }
}

/// What each leg needs to satisfy before the first is sent.
public struct LegRules: Hashable, Sendable {
    public var tickSize: Price?
    public var minimumSize: Size?
    public var fees: FeeAllowance

    public init(tickSize: Price?, minimumSize: Size?, fees: FeeAllowance = .none) {
        self.tickSize = tickSize
        self.minimumSize = minimumSize
        self.fees = fees
    }
}

/// The most a leg's fees can be, per share bought, for the balance check.
public struct FeeAllowance: Hashable, Sendable {
    public var perShare: Price
    public init(perShare: Price) { self.perShare = perShare }
    public static let none = FeeAllowance(perShare: .zero)
}
