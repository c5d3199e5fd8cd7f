import EdgewiseCore
import Foundation

/// What ``ArbitrageStrategy`` takes from the radar and how big a basket may be.
public struct ArbitrageSettings: Hashable, Codable, Sendable {
    /// The opportunity kinds taken. Default: all four.
    public var kinds: Set<OpportunityKind>
    /// The least guaranteed profit, after fees, of the basket actually sent. Default 0.10.
    public var minimumProfit: Amount
    /// The least profit over cost of the basket sent, as a plain ratio (0.005 = 0.5 %). Default 0.005.
    public var minimumReturnOnCost: Decimal
    /// The most one basket may cost, fees included; a bigger opportunity is shrunk along its
    /// profit curve to fit. Nil takes the radar's size whatever it costs. Default 100.
    public var maximumCostPerBasket: Amount?
    /// How long after a basket the same opportunity may be taken again. Default 60 s.
    public var cooldownSeconds: Double
    /// How much worse than its limit a leg may complete at, per share. Default 0.01.
    public var maxSlippage: Price
    /// How long each leg may keep trying before the basket is shrunk or unwound. Default 5 s.
    public var legTimeBudgetSeconds: Double
    /// After this long without word on a basket's orders (none open, none ended), it no longer
    /// counts as in flight. Guards against a host that never reports a basket it refused.
    /// Default 120 s.
    public var inFlightTimeoutSeconds: Double
    /// The basket-count grid a shrunk basket is rounded down onto. Default 1.
    public var sizeStep: Size

    public init(
        kinds: Set<OpportunityKind> = Set(OpportunityKind.allCases), minimumProfit: Amount = Amount(units: 100_000),
        minimumReturnOnCost: Decimal = Decimal(string: "0.005")!, maximumCostPerBasket: Amount? = 100,
        cooldownSeconds: Double = 60, maxSlippage: Price = Price(units: 10_000), legTimeBudgetSeconds: Double = 5,
        inFlightTimeoutSeconds: Double = 120, sizeStep: Size = 1
    ) {
        self.kinds = kinds
        self.minimumProfit = minimumProfit
        self.minimumReturnOnCost = minimumReturnOnCost
        self.maximumCostPerBasket = maximumCostPerBasket
        self.cooldownSeconds = cooldownSeconds
        self.maxSlippage = maxSlippage
        self.legTimeBudgetSeconds = legTimeBudgetSeconds
        self.inFlightTimeoutSeconds = inFlightTimeoutSeconds
        self.sizeStep = sizeStep
    }
}
