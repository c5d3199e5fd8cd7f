import EdgewiseCore

/// One underlying event as the risk engine sees it: named by its smallest member (a venue event,
/// else a market, else an instrument), e.g. `event:kalshi:KXFEDDECISION-26DEC`.
public struct ExposureGroupID: Hashable, Comparable, Sendable, CustomStringConvertible {
    public let rawValue: String
    public init(_ rawValue: String) { self.rawValue = rawValue }
    public var description: String { rawValue }
    public static func < (lhs: Self, rhs: Self) -> Bool { lhs.rawValue < rhs.rawValue }
}

/// Which instruments belong to the same underlying event, across outcomes and venues.
///
/// The rule: an instrument belongs to its market; a market to its venue event; two markets
/// linked by an *equivalent* cross-venue pair are the same contract and so join each other's
/// groups (and their events with them). The groups are the connected components of those links
/// (union-find). Pairs judged not equivalent or still awaiting review link nothing: they are
/// different contracts until someone says otherwise.
public struct ExposureGrouping: Sendable {
    private var parent: [String: String] = [:]
    private var instrumentNode: [InstrumentID: String] = [:]

    init(index: CatalogIndex, instruments: some Sequence<InstrumentID>) {
        for (market, event) in index.eventOfMarket {
            union("market:\(market)", "event:\(event)")
        }
        for pair in index.equivalentPairs {
            union(
                "market:\(VenueKey(venue: pair.a.venue, id: pair.a.marketID.rawValue))",
                "market:\(VenueKey(venue: pair.b.venue, id: pair.b.marketID.rawValue))")
        }
        for (instrument, market) in index.marketOfInstrument {
            instrumentNode[instrument] = "market:\(market)"
            _ = find("market:\(market)")
        }
        // An instrument nobody describes is a group of its own.
        for instrument in instruments where instrumentNode[instrument] == nil {
            instrumentNode[instrument] = "instrument:\(instrument)"
            _ = find("instrument:\(instrument)")
        }
    }

    public init(catalog: RiskCatalog, instruments: some Sequence<InstrumentID>) {
        self.init(index: CatalogIndex(catalog), instruments: instruments)
    }

    /// The group of an instrument (one of those the grouping was built for, or its own).
    public func group(of instrument: InstrumentID) -> ExposureGroupID {
        ExposureGroupID(findConst(instrumentNode[instrument] ?? "instrument:\(instrument)"))
    }

    // Union-find whose representative is the smallest member, so a group's name is stable.
    private mutating func find(_ node: String) -> String {
        guard let up = parent[node] else {
            parent[node] = node
            return node
        }
        if up == node { return node }
        let root = find(up)
        parent[node] = root
        return root
    }

    private func findConst(_ node: String) -> String {
        var current = node
        while let up = parent[current], up != current { current = up }
        return current
    }

    private mutating func union(_ a: String, _ b: String) {
        let ra = find(a)
        let rb = find(b)
        guard ra != rb else { return }
        if ra < rb { parent[rb] = ra } else { parent[ra] = rb }
    }
}
