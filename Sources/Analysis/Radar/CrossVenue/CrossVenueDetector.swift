import EdgewiseCore

/// One cross-venue pair as a radar detector. Only a pair whose effective verdict is
/// *equivalent* (automatic, or the user's override) gets one: a title match is never a trade.
///
/// The trade buys one side on each venue so that exactly one leg pays 1 whatever happens:
/// YES on A with A's NO on B (B's NO, or B's YES when the pair's polarity is inverted), and the
/// mirror. Each leg is priced on its own venue's book, fees and minimum size.
public struct CrossVenueDetector: OpportunityDetector {
    public let group: String
    public let marketIndices: [Int]
    public let pair: MarketPair

    /// Nil when the pair is not judged equivalent.
    public init?(pair: MarketPair, a: Int, b: Int) {
        guard pair.yieldsOpportunities else { return nil }
        self.group = "pair:\(pair.id)"
        self.marketIndices = [a, b]
        self.pair = pair
    }

    public func evaluate(_ universe: RadarUniverse, configuration: RadarConfiguration, now: Timestamp) -> [Opportunity] {
        let (a, b) = (marketIndices[0], marketIndices[1])
        for index in marketIndices {
            guard universe.markets[index].isTradable, universe.isUsable(index, now: now, maxAge: configuration.maxBookAge)
            else { return [] }
        }
        var found: [Opportunity] = []
        for outcome in [BinaryOutcome.yes, .no] {
            // B's side that pays exactly when A's `outcome` does not.
            let other = pair.polarity == .same ? outcome.opposite : outcome
            guard let first = leg(universe, a, outcome), let second = leg(universe, b, other) else { continue }
            // Before depth and fees: the two best offers must leave room under 1.
            guard let p1 = first.bestOffer, let p2 = second.bestOffer, p1.units + p2.units < FixedPoint.unitsPerWhole
            else { continue }
            guard let quote = configuration.pricer.price([first, second], payoutPerBasket: 1),
                quote.profit > configuration.minimumProfit
            else { continue }
            let end = [universe.markets[a].endTime, universe.markets[b].endTime].compactMap { $0 }.max()
            found.append(Opportunity(
                kind: .crossVenue, group: group,
                title: "Buy \(outcome) on \(universe.markets[a].venue) “\(universe.markets[a].question)” and \(other) on \(universe.markets[b].venue)",
                legs: quote.legs, size: quote.size, payoutPerBasket: 1, cost: quote.cost, fees: quote.fees,
                payout: quote.payout, maxSize: quote.maxSize, curve: quote.curve, resolutionTime: end,
                evidence: [
                    OpportunityEvidence(
                        claim: "settlement judged \(pair.effectiveVerdict.rawValue) (\(pair.override == nil ? "automatic check" : "user review")); polarity \(pair.polarity.rawValue)",
                        source: "pair \(pair.id)", observedAt: pair.override?.at ?? pair.assessment.checkedAt),
                    OpportunityEvidence(
                        claim: "best offers \(p1) + \(p2) = \(Price(units: p1.units + p2.units)) for a basket that pays 1",
                        source: "order books", observedAt: now),
                ],
                seenAt: now))
        }
        return found
    }

    private func leg(_ universe: RadarUniverse, _ index: Int, _ outcome: BinaryOutcome) -> BasketLeg? {
        let market = universe.markets[index]
        guard let instrument = outcome == .yes ? market.yes : market.no else { return nil }
        let book = universe.books[index]
        let offers = outcome == .yes ? book.offerLadderToBuy : book.complementOfferLadderToBuy
        guard !offers.isEmpty else { return nil }
        return BasketLeg(
            venue: market.venue, marketID: market.marketID, instrument: instrument, outcome: outcome, label: market.label,
            offers: offers, fees: market.fees, minimumSize: market.minimumSize)
    }
}

extension Radar {
    /// Adds a pair's detector when both markets are in the universe and the pair is judged
    /// equivalent; returns whether it was added.
    @discardableResult
    public mutating func add(_ pair: MarketPair) -> Bool {
        guard let a = universe.index(venue: pair.a.venue, market: pair.a.marketID),
            let b = universe.index(venue: pair.b.venue, market: pair.b.marketID),
            let detector = CrossVenueDetector(pair: pair, a: a, b: b)
        else { return false }
        add(detector)
        return true
    }
}
