import EdgewiseCore

/// The radar's thresholds. The defaults are a trader's conservative ones: no trade on a book
/// older than two minutes, whole-share sizes, any positive profit reported (strategies apply
/// their own minimums).
public struct RadarConfiguration: Sendable {
    /// Books older than this (seconds since last update) are not traded on; nil disables the
    /// check (replays of sparsely sampled data, where age is the sampling interval).
    public var maxBookAge: Double?
    /// Opportunities whose profit at the best size is not above this are not reported.
    public var minimumProfit: Amount
    /// The basket-count grid.
    public var sizeStep: Size
    /// Depth breakpoints examined per evaluation at most.
    public var maxBreakpoints: Int

    public init(maxBookAge: Double? = 120, minimumProfit: Amount = .zero, sizeStep: Size = 1, maxBreakpoints: Int = 512) {
        self.maxBookAge = maxBookAge
        self.minimumProfit = minimumProfit
        self.sizeStep = sizeStep
        self.maxBreakpoints = maxBreakpoints
    }

    public var pricer: BasketPricer { BasketPricer(sizeStep: sizeStep, maxBreakpoints: maxBreakpoints) }
}
