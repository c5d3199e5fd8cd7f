import EdgewiseCore

/// Everything the risk engine looks at, gathered by the caller: the engine keeps no state of its
/// own, so the same state always gets the same verdict.
public struct RiskState: Sendable {
    /// The time the checks are made at (book ages are measured against it).
    public var now: Timestamp
    /// Capital now: cash plus positions at their marks. Fractional caps are fractions of this.
    public var equity: Amount
    /// Equity at the start of the UTC day (persisted, so restarts do not reset the day's loss).
    public var startOfDayEquity: Amount
    /// The highest equity seen (persisted).
    public var peakEquity: Amount
    public var positions: [Position]
    /// Orders that may be live; the remaining size of their buys counts as exposure.
    public var openOrders: [Order]
    public var catalog: RiskCatalog
    public var killSwitch: KillSwitchState

    public init(
        now: Timestamp, equity: Amount, startOfDayEquity: Amount, peakEquity: Amount, positions: [Position] = [],
        openOrders: [Order] = [], catalog: RiskCatalog = RiskCatalog(), killSwitch: KillSwitchState = .armed
    ) {
        self.now = now
        self.equity = equity
        self.startOfDayEquity = startOfDayEquity
        self.peakEquity = peakEquity
        self.positions = positions
        self.openOrders = openOrders
        self.catalog = catalog
        self.killSwitch = killSwitch
    }

    /// The state with the day's and the peak equity taken from persisted watermarks.
    public init(
        now: Timestamp, equity: Amount, watermarks: EquityWatermarks, positions: [Position] = [],
        openOrders: [Order] = [], catalog: RiskCatalog = RiskCatalog(), killSwitch: KillSwitchState = .armed
    ) {
        let current = watermarks.observing(equity, at: now)
        self.init(
            now: now, equity: equity, startOfDayEquity: current.startOfDay, peakEquity: current.peak,
            positions: positions, openOrders: openOrders, catalog: catalog, killSwitch: killSwitch)
    }

    /// Orders that may still trade.
    public var liveOrders: [Order] { openOrders.filter { $0.status.mayBeLive && $0.remainingSize.units > 0 } }

    /// Positions at cost and resting buys at limit × remaining size. Resting sells are counted as
    /// not filled: until they fill, the shares are still held.
    public var holdings: [RiskHolding] {
        var result = positions.filter { !$0.isFlat }.map {
            RiskHolding(instrument: $0.instrument, shares: $0.size, cost: $0.costBasis)
        }
        for order in liveOrders where order.side == .buy {
            result.append(
                RiskHolding(
                    instrument: order.instrument, shares: order.remainingSize, cost: order.limitPrice.cost(of: order.remainingSize)))
        }
        return result
    }

    /// Shares held of an instrument, and how many resting sells already promise away.
    func held(_ instrument: InstrumentID) -> (held: Size, selling: Size) {
        let held = positions.first { $0.instrument == instrument }?.size ?? .zero
        let selling = liveOrders.filter { $0.instrument == instrument && $0.side == .sell }
            .reduce(Size.zero) { $0 + $1.remainingSize }
        return (held, selling)
    }
}
