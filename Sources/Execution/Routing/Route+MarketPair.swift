import EdgewiseCore

extension Route {
    /// The two routes to the exposure "`outcome` of market A" that an equivalent cross-venue pair
    /// offers: A's own `outcome` instrument, and on B the instrument that pays when it does (the
    /// same outcome, or the other one when the polarity is inverted).
    ///
    /// An instrument without a book gets a route with no offers (no depth); one without terms
    /// is refused, since its minimum and fees cannot be guessed.
    public static func routes(
        for outcome: BinaryOutcome, on pair: MarketPair, books: [InstrumentID: [BookLevel]],
        terms: [InstrumentID: RouteTerms], bookReceivedAt: [InstrumentID: Timestamp] = [:]
    ) throws(RoutingRefusal) -> [Route] {
        guard pair.effectiveVerdict == .equivalent else { throw .pairNotEquivalent(pair.id, pair.effectiveVerdict) }
        guard let onA = pair.a.instrument(for: outcome) else {
            throw .missingInstrument(pair.a.venue, pair.a.marketID, outcome)
        }
        let outcomeOnB = pair.polarity == .same ? outcome : outcome.opposite
        guard let onB = pair.b.instrument(for: outcomeOnB) else {
            throw .missingInstrument(pair.b.venue, pair.b.marketID, outcomeOnB)
        }
        var routes: [Route] = []
        for (instrument, market) in [(onA, pair.a), (onB, pair.b)] {
            guard let known = terms[instrument] else { throw .unknownTerms(instrument) }
            routes.append(
                Route(
                    instrument: instrument, marketID: market.marketID, offers: books[instrument] ?? [], terms: known,
                    bookReceivedAt: bookReceivedAt[instrument]))
        }
        return routes
    }
}
