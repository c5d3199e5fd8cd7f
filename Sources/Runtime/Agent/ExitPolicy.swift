import EdgewiseCore

/// Stop-loss, take-profit and trailing stop on the agent's directional positions (`[exits]`).
/// Distances are in price from the position's average cost (the trailing stop from the best bid
/// seen since entry). Arbitrage baskets are never exited leg by leg: selling one leg would
/// turn a guaranteed payoff into a naked position.
public struct ExitPolicy: Hashable, Sendable {
    public var stopLoss: Price?
    public var takeProfit: Price?
    public var trailingStop: Price?
    /// The share of the position sold when a rule fires, in basis points (10 000: all of it).
    public var fractionBasisPoints: Int

    public init(stopLoss: Price? = nil, takeProfit: Price? = nil, trailingStop: Price? = nil, fractionBasisPoints: Int = 10_000) {
        self.stopLoss = stopLoss
        self.takeProfit = takeProfit
        self.trailingStop = trailingStop
        self.fractionBasisPoints = fractionBasisPoints
    }

    public var isEnabled: Bool { stopLoss != nil || takeProfit != nil || trailingStop != nil }
}
