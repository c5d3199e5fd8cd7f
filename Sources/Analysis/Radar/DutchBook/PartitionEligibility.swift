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
    /// The reasons this event's markets cannot be bought as a Dutch book; empty when they can.
    public var partitionExclusions: [PartitionExclusion] {
        var reasons: [PartitionExclusion] = []
        if !isMutuallyExclusive { reasons.append(.notMutuallyExclusive) }
        if !isExhaustive { reasons.append(.notExhaustive) }
        if isNegRiskAugmented { reasons.append(.augmented) }
        if markets.count < 2 { reasons.append(.tooFewMarkets(markets.count)) }
        var seen = Set<MarketID>()
        for market in markets where !seen.insert(market.id).inserted { reasons.append(.duplicateMarket(market.id)) }
        return reasons
    }
}
