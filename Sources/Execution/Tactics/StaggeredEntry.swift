import EdgewiseCore

/// One limit order of a ladder.
public struct LadderRung: Hashable, Sendable {
    public var price: Price
    public var size: Size
}

/// A ladder of limit orders at progressively better prices: for a buy the first rung sits at the
/// reference (the current best ask, rounded down onto the tick) and each next one `spacing`
/// ticks lower; for a sell the first at the best bid (rounded up) and each next higher.
public struct StaggeredEntry: Hashable, Sendable {
    public let side: OrderSide
    public let rungs: [LadderRung]

    /// A rung per size, in the order given.
    public init(
        side: OrderSide, from reference: Price, spacing ticks: Int, sizes: [Size], grid: OrderGrid
    ) throws(TacticRefusal) {
        guard !sizes.isEmpty else { throw .invalidCount(0) }
        guard ticks > 0 else { throw .invalidRungSpacing(ticks: ticks) }
        for size in sizes {
            guard size.isMultiple(of: grid.sizeStep) else { throw .offStep(size, step: grid.sizeStep) }
            guard size >= grid.smallestOrder else { throw .belowMinimum(size, smallest: grid.smallestOrder) }
        }
        var rungs: [LadderRung] = []
        for (index, size) in sizes.enumerated() {
            guard let price = Self.price(ofRung: index, side: side, from: reference, spacing: ticks, tick: grid.tick) else {
                throw .rungOffGrid(index: index)
            }
            rungs.append(LadderRung(price: price, size: size))
        }
        self.side = side
        self.rungs = rungs
    }

    /// `total` spread evenly over at most `count` rungs (fewer when the rungs would fall below
    /// the smallest order or off the price grid); the remainder goes on the last rung.
    public init(
        side: OrderSide, from reference: Price, spacing ticks: Int, total: Size, rungs count: Int, grid: OrderGrid
    ) throws(TacticRefusal) {
        guard ticks > 0 else { throw .invalidRungSpacing(ticks: ticks) }
        var fitting = 0
        while fitting < count,
            Self.price(ofRung: fitting, side: side, from: reference, spacing: ticks, tick: grid.tick) != nil
        {
            fitting += 1
        }
        guard fitting > 0 else { throw count > 0 ? TacticRefusal.rungOffGrid(index: 0) : TacticRefusal.invalidCount(count) }
        let sizes = try splitEvenly(total, parts: fitting, step: grid.sizeStep, smallest: grid.smallestOrder)
        try self.init(side: side, from: reference, spacing: ticks, sizes: sizes, grid: grid)
    }

    /// The price of rung `index`, or nil when it falls outside `[tick, 1 − tick]`.
    static func price(ofRung index: Int, side: OrderSide, from reference: Price, spacing: Int, tick: Price) -> Price? {
        let first = reference.rounded(toMultipleOf: tick, side == .buy ? .down : .up).units
        let offset = Int64(index) * Int64(spacing) * tick.units
        let units = side == .buy ? first - offset : first + offset
        guard units >= tick.units, units <= FixedPoint.unitsPerWhole - tick.units else { return nil }
        return Price(units: units)
    }

    public var total: Size { Size(units: rungs.reduce(0) { $0 + $1.size.units }) }

    /// One resting limit order per rung.
    public func intents(
        instrument: InstrumentID, marketID: MarketID, purpose: TradePurpose, strategy: String,
        timeInForce: TimeInForce = .goodTillCancelled, eventID: EventID? = nil, decisionID: DecisionID? = nil,
        bookReceivedAt: Timestamp? = nil
    ) -> [OrderIntent] {
        rungs.map { rung in
            OrderIntent(
                instrument: instrument, marketID: marketID, eventID: eventID, side: side, limitPrice: rung.price,
                size: rung.size, timeInForce: timeInForce, purpose: purpose, strategy: strategy, decisionID: decisionID,
                bookReceivedAt: bookReceivedAt)
        }
    }
}
