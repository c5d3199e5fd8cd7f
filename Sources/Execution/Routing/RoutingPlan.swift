import EdgewiseCore

/// The part of the wanted size sent to one route.
public struct RouteSlice: Hashable, Sendable {
    public var instrument: InstrumentID
    public var marketID: MarketID
    public var eventID: EventID?
    public var size: Size
    /// The worst offer the slice reaches, on the route's tick: the limit a marketable order needs.
    public var limitPrice: Price
    /// Price × size summed over the levels taken, rounded up once.
    public var notional: Amount
    /// The venue fee, charged per level taken as one fill each.
    public var fees: Amount
    public var bookReceivedAt: Timestamp?

    public var cost: Amount { notional + fees }
}

/// Where the wanted exposure is bought, slice by slice, and what it costs in all.
public struct RoutingPlan: Hashable, Sendable {
    /// One slice per route used, in route order (venue, then token).
    public var slices: [RouteSlice]
    public var size: Size

    public var notional: Amount { slices.reduce(.zero) { $0 + $1.notional } }
    public var fees: Amount { slices.reduce(.zero) { $0 + $1.fees } }
    /// Everything paid, fees included.
    public var totalCost: Amount { notional + fees }
    /// The average price per share before fees, rounded half-up.
    public var averagePrice: Price { notional.perShare(size, .halfUp) }
    /// Everything paid per share, rounded up (against us).
    public var allInPricePerShare: Price { totalCost.perShare(size, .up) }

    /// The orders that carry out the plan: one buy per slice at its limit.
    public func intents(
        purpose: TradePurpose, strategy: String, timeInForce: TimeInForce = .fillAndKill, category: String? = nil,
        decisionID: DecisionID? = nil
    ) -> [OrderIntent] {
        slices.map { slice in
            OrderIntent(
                instrument: slice.instrument, marketID: slice.marketID, eventID: slice.eventID, category: category,
                side: .buy, limitPrice: slice.limitPrice, size: slice.size, timeInForce: timeInForce, purpose: purpose,
                strategy: strategy, decisionID: decisionID, bookReceivedAt: slice.bookReceivedAt)
        }
    }
}
