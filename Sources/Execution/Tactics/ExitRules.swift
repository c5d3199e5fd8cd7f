import EdgewiseCore

/// Which rule fired.
public enum ExitReason: String, Hashable, Codable, Sendable {
    case stopLoss
    case trailingStop
    case takeProfit
}

/// What the exit rules say about a position at the current bids.
public enum ExitSignal: Hashable, Sendable {
    /// No rule fired.
    case hold
    /// There is no bid, so no mark to judge the position by.
    case noMark
    /// Sell: a `.exit` intent for at most the position.
    case exit(ExitReason, OrderIntent)
    /// A rule fired but what is held is smaller than the smallest order the venue takes.
    case unsellable(ExitReason, held: Size)
}

/// Stop-loss, trailing stop and take-profit on a held position, marked at the best bid (what a
/// sell gets now). When a rule fires, a fraction of the position (rounded down to the step; the
/// whole when the fraction would be below the smallest order) is sold with a limit that walks
/// the bids far enough for that size, but no lower than `maxSlippage` under the best bid.
///
/// The stop-loss is checked first, then the trailing stop, then the take-profit.
public struct ExitRules: Hashable, Sendable {
    /// Exit when the best bid is at or below this.
    public var stopLoss: Price?
    /// Exit when the best bid is at or above this.
    public var takeProfit: Price?
    /// Exit when the best bid has fallen this far from the peak the caller tracks.
    public var trailingDistance: Price?
    /// How much of the position to sell, in basis points (10 000 = all).
    public var fractionBasisPoints: Int
    /// The limit never goes further than this below the best bid; nil walks as far as needed.
    public var maxSlippage: Price?
    public var grid: OrderGrid

    public init(
        stopLoss: Price? = nil, takeProfit: Price? = nil, trailingDistance: Price? = nil,
        fractionBasisPoints: Int = 10_000, maxSlippage: Price? = nil, grid: OrderGrid
    ) throws(TacticRefusal) {
        guard (1...10_000).contains(fractionBasisPoints) else { throw .invalidFraction(basisPoints: fractionBasisPoints) }
        if let stopLoss, let takeProfit, stopLoss >= takeProfit {
            throw .stopNotBelowTarget(stop: stopLoss, target: takeProfit)
        }
        self.stopLoss = stopLoss
        self.takeProfit = takeProfit
        self.trailingDistance = trailingDistance
        self.fractionBasisPoints = fractionBasisPoints
        self.maxSlippage = maxSlippage
        self.grid = grid
    }

    /// Stop and target set at fixed distances below and above the position's average cost.
    public static func around(
        averageCost: Price, stopDistance: Price?, targetDistance: Price?, trailingDistance: Price? = nil,
        fractionBasisPoints: Int = 10_000, maxSlippage: Price? = nil, grid: OrderGrid
    ) throws(TacticRefusal) -> ExitRules {
        let stop = stopDistance.map { Price(units: max(0, averageCost.units - $0.units)) }
        let target = targetDistance.map { averageCost + $0 }
        return try ExitRules(
            stopLoss: stop, takeProfit: target, trailingDistance: trailingDistance,
            fractionBasisPoints: fractionBasisPoints, maxSlippage: maxSlippage, grid: grid)
    }

    /// The peak to keep for the trailing stop after seeing `bids`.
    public static func peak(after previous: Price?, bids: [BookLevel]) -> Price? {
        guard let best = BookSideWalk(bids, taking: .sell).best else { return previous }
        guard let previous else { return best }
        return max(previous, best)
    }

    /// Which rule, if any, fires at best bid `mark` given the peak since entry.
    public func reason(mark: Price, peak: Price?) -> ExitReason? {
        if let stopLoss, mark <= stopLoss { return .stopLoss }
        if let trailingDistance, let peak, mark.units <= peak.units - trailingDistance.units { return .trailingStop }
        if let takeProfit, mark >= takeProfit { return .takeProfit }
        return nil
    }

    /// The exit for `position` at `bids` (any order), or why there is none.
    public func evaluate(
        position: Position, bids: [BookLevel], peak: Price? = nil, marketID: MarketID, strategy: String,
        eventID: EventID? = nil, timeInForce: TimeInForce = .fillAndKill, bookReceivedAt: Timestamp? = nil
    ) -> ExitSignal {
        let side = BookSideWalk(bids, taking: .sell)
        guard let mark = side.best else { return .noMark }
        guard position.size.units > 0, let reason = reason(mark: mark, peak: peak) else { return .hold }
        guard let size = exitSize(held: position.size) else { return .unsellable(reason, held: position.size) }
        var limit = side.worstPrice(for: size) ?? mark
        if let maxSlippage { limit = max(limit, Price(units: max(0, mark.units - maxSlippage.units))) }
        let intent = OrderIntent(
            instrument: position.instrument, marketID: marketID, eventID: eventID, side: .sell,
            limitPrice: grid.limit(limit, for: .sell), size: size, timeInForce: timeInForce, purpose: .exit,
            strategy: strategy, bookReceivedAt: bookReceivedAt)
        return .exit(reason, intent)
    }

    /// The size to sell out of `held`: the fraction on the step, or the whole (on the step) when
    /// the fraction is below the smallest order; nil when even that is too small.
    public func exitSize(held: Size) -> Size? {
        let fraction = Size(units: Int64(FixedPoint.divide(Int128(held.units) * Int128(fractionBasisPoints), 10_000, .down)))
        let part = grid.floor(fraction)
        if part >= grid.smallestOrder { return part }
        let whole = grid.floor(held)
        return whole >= grid.smallestOrder ? whole : nil
    }
}
