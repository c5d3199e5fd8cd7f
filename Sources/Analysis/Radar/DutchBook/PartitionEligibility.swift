import EdgewiseCore

/// Why an event's markets may not be treated as a set in which exactly one pays. Every one of
/// these has produced a false "arbitrage" somewhere: a placeholder outcome in a neg-risk
/// augmented event, a candidate list that does not cover "someone else", a single market.
public enum PartitionExclusion: Hashable, Sendable, CustomStringConvertible {
    case notMutuallyExclusive
    case notExhaustive
    case augmented
    case tooFewMarkets(Int)
    case duplicateMarket(MarketID)

    public var description: String {
        switch self {
        case .notMutuallyExclusive: "the venue does not mark the markets mutually exclusive"
        case .notExhaustive: "the venue does not mark the outcome list exhaustive (an unlisted result would pay nothing)"
        case .augmented: "neg-risk augmented: placeholder outcomes may be added, so the listed prices need not sum to one"
        case .tooFewMarkets(let count): "only \(count) market(s); a partition needs at least two"
        case .duplicateMarket(let id): "market \(id) is listed twice"
        }
    }
}

extension Event {
    /// The reasons every YES of this event cannot be bought as a Dutch book (which needs exactly
    /// one YES to pay); empty when it can.
    public var partitionExclusions: [PartitionExclusion] {
        var reasons = exclusivityExclusions
        if !isExhaustive { reasons.insert(.notExhaustive, at: isMutuallyExclusive ? 0 : 1) }
        return reasons
    }

    /// The reasons every NO of this event cannot be bought as a Dutch book. NO on every market
    /// pays at least N − 1 as long as at most one YES pays, so exhaustiveness is not needed —
    /// which is what makes Kalshi's mutually exclusive events (never marked exhaustive) usable.
    public var exclusivityExclusions: [PartitionExclusion] {
        var reasons: [PartitionExclusion] = []
        if !isMutuallyExclusive { reasons.append(.notMutuallyExclusive) }
        if isNegRiskAugmented { reasons.append(.augmented) }
        if markets.count < 2 { reasons.append(.tooFewMarkets(markets.count)) }
        var seen = Set<MarketID>()
        for market in markets where !seen.insert(market.id).inserted { reasons.append(.duplicateMarket(market.id)) }
        return reasons
    }
}
