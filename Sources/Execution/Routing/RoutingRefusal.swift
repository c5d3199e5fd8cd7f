import EdgewiseCore

/// Why no allocation was produced; nothing should be sent.
public enum RoutingRefusal: Error, Hashable, Sendable, CustomStringConvertible {
    case zeroSize
    case noRoutes
    case tooManyRoutes(count: Int, limit: Int)
    case duplicateRoute(InstrumentID)
    /// All routes together offer less than the wanted size (usable depth: on each venue's step).
    case insufficientDepth(available: Size, wanted: Size)
    /// The depth is there, but no split respects every venue's minimum and size step.
    case noFeasibleAllocation(wanted: Size)
    /// A cross-venue pair whose markets are not judged equivalent cannot be routed across.
    case pairNotEquivalent(MarketPairID, SettlementVerdict)
    /// The pair does not name the instrument for the wanted outcome on one of its venues.
    case missingInstrument(VenueID, MarketID, BinaryOutcome)
    /// No fee model, tick or minimum is known for an instrument.
    case unknownTerms(InstrumentID)

    public var description: String {
        switch self {
        case .zeroSize: "nothing to route: the wanted size is zero"
        case .noRoutes: "no route offers the exposure"
        case .tooManyRoutes(let count, let limit): "\(count) routes given; the router considers at most \(limit)"
        case .duplicateRoute(let instrument): "\(instrument) is given twice as a route"
        case .insufficientDepth(let available, let wanted): "only \(available) offered across all routes; \(wanted) wanted"
        case .noFeasibleAllocation(let wanted):
            "no split of \(wanted) respects every venue's minimum order and size step"
        case .pairNotEquivalent(let pair, let verdict):
            "pair \(pair) is \(verdict), not equivalent; its venues are not interchangeable"
        case .missingInstrument(let venue, let market, let outcome): "\(venue) market \(market) has no \(outcome) instrument"
        case .unknownTerms(let instrument): "\(instrument): fees, tick and minimum size unknown; read the market first"
        }
    }
}
