import EdgewiseCore

extension Market {
    /// The instrument that pays when the market resolves `outcome`, for a binary market whose
    /// outcomes are named Yes and No; nil for any other shape.
    func instrument(_ outcome: BinaryOutcome) -> InstrumentID? {
        guard outcomes.count == 2, let found = self.outcome(named: outcome == .yes ? "yes" : "no") else { return nil }
        return instrument(for: found)
    }

    var key: MarketKey { MarketKey(venue: venue, id: id) }
}

extension OrderBook {
    /// Whether the book may be priced from at `now`: synchronised and updated within `maxAge`.
    func isUsable(at now: Timestamp, maxAge: Double) -> Bool {
        isSynchronized && !isStale(at: now, maxAge: maxAge)
    }
}
