import EdgewiseCore

/// Where execution reads what an order could take now: the live books, or the paper broker's
/// books net of its own fills.
public protocol LiquiditySource: Sendable {
    /// The levels an order on `instrument` could take, in its own prices, best first: asks for
    /// a buy, bids for a sell.
    func liquidity(_ instrument: InstrumentID, for side: OrderSide) async -> [BookLevel]
}
