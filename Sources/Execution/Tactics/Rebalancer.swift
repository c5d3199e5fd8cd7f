import EdgewiseCore

/// Moves a position toward a target size when the odds (and so the sizer's answer) change: buys
/// the shortfall or sells the excess, on the size step, within the depth shown at acceptable
/// prices. Differences smaller than the dead band are left alone so that small moves in the
/// probability do not churn orders, and a sell never exceeds what is held (positions are
/// long-only; a short is the other outcome, a separate position).
public struct Rebalancer: Hashable, Sendable {
    /// Do nothing while `|target − held|` is below this.
    public var deadBand: Size
    public var grid: OrderGrid

    public init(deadBand: Size, grid: OrderGrid) {
        self.deadBand = deadBand
        self.grid = grid
    }

    /// The order that moves `held` toward `target`, or none. A buy takes the asks up to
    /// `maxBuyPrice` (when given) and a sell the bids down to `minSellPrice`; the size is capped
    /// at the depth there and the limit is the worst level reached. Increases carry
    /// `buyPurpose`; reductions are `.exit`.
    public func orders(
        target: Size, held: Size, asks: [BookLevel], bids: [BookLevel], instrument: InstrumentID,
        marketID: MarketID, strategy: String, buyPurpose: TradePurpose = .directional, maxBuyPrice: Price? = nil,
        minSellPrice: Price? = nil, timeInForce: TimeInForce = .fillAndKill, eventID: EventID? = nil,
        decisionID: DecisionID? = nil, bookReceivedAt: Timestamp? = nil
    ) -> [OrderIntent] {
        let difference = target.units - held.units
        guard difference != 0, difference.magnitude >= deadBand.units.magnitude else { return [] }
        let side: OrderSide = difference > 0 ? .buy : .sell
        let book = BookSideWalk(side == .buy ? asks : bids, taking: side)
        let wanted = side == .buy ? Size(units: difference) : Size(units: min(-difference, held.units))
        let shown = book.depth(within: side == .buy ? maxBuyPrice : minSellPrice, side: side)
        let size = grid.floor(Size.min(wanted, shown))
        guard size >= grid.smallestOrder, let worst = book.worstPrice(for: size) else { return [] }
        return [
            OrderIntent(
                instrument: instrument, marketID: marketID, eventID: eventID, side: side,
                limitPrice: grid.limit(worst, for: side), size: size, timeInForce: timeInForce,
                purpose: side == .buy ? buyPurpose : .exit, strategy: strategy, decisionID: decisionID,
                bookReceivedAt: bookReceivedAt)
        ]
    }
}
