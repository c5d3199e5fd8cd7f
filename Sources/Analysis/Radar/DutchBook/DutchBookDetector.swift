import EdgewiseCore

/// Dutch books within one event whose markets are mutually exclusive (at most one YES pays).
///
/// With one book per market, a portfolio of aᵢ YES and bᵢ NO shares pays `aₖ − bₖ + Σb` when
/// outcome k wins, so its payoff is guaranteed only when `aₖ − bₖ` is the same for every k. Up
/// to the per-market YES+NO pair (which a consistent book never offers below 1), that leaves two
/// trades, and this detector prices both against depth:
/// - **buy every YES**: pays 1 per basket; profitable when Σ asks + fees < 1. Only for a
///   complete partition (exactly one YES pays): if no listed outcome wins, the basket pays 0;
/// - **buy every NO** (the mirror of selling every YES, with no inventory needed): pays at least
///   N − 1 per basket; profitable when Σ bids > 1 + fees, since a NO is bought at `1 − bid`.
///   Mutual exclusivity is enough.
///
/// On a Polymarket neg-risk event, NO on every market but one converts into YES on that one
/// plus N − 2 pUSD; converting all N NO shares returns N − 1 pUSD at once, so the NO basket's
/// payout is immediate rather than at resolution.
public struct DutchBookDetector: OpportunityDetector {
    public let group: String
    public let marketIndices: [Int]
    public let title: String
    public let isNegRisk: Bool
    /// Whether the YES basket is allowed (the event is a complete partition).
    public let buysEveryYes: Bool
    public let resolutionTime: Timestamp?

    /// Refuses an event whose markets are not mutually exclusive; the reasons say why. An
    /// exclusive but not exhaustive event gets a detector for the NO basket only.
    public init(event: Event, marketIndices: [Int]) throws(DutchBookIneligible) {
        let reasons = event.exclusivityExclusions
        guard reasons.isEmpty else { throw DutchBookIneligible(event: event.id, reasons: event.partitionExclusions) }
        self.buysEveryYes = event.partitionExclusions.isEmpty
        precondition(marketIndices.count == event.markets.count, "one universe index per market")
        self.group = "event:\(event.venue):\(event.id)"
        self.marketIndices = marketIndices
        self.title = event.title
        self.isNegRisk = event.isNegRisk
        self.resolutionTime = event.markets.compactMap { $0.endTime ?? $0.closeTime }.max() ?? event.endTime
    }

    public func evaluate(_ universe: RadarUniverse, configuration: RadarConfiguration, now: Timestamp) -> [Opportunity] {
        evaluate(universe, configuration: configuration, now: now, previous: [])
    }

    public func evaluate(
        _ universe: RadarUniverse, configuration: RadarConfiguration, now: Timestamp, previous: [Opportunity]
    ) -> [Opportunity] {
        // The common case — no Dutch book either way — is decided from best prices alone,
        // without allocating.
        var askSum: Int64 = 0
        var bidSum: Int64 = 0
        var allAsks = true
        var allBids = true
        for index in marketIndices {
            guard universe.markets[index].isTradable,
                universe.isUsable(index, now: now, maxAge: configuration.maxBookAge)
            else { return [] }
            if let ask = universe.books[index].bestAsk { askSum += ask.price.units } else { allAsks = false }
            if let bid = universe.books[index].bestBid { bidSum += bid.price.units } else { allBids = false }
        }
        let one = FixedPoint.unitsPerWhole
        let yesCandidate = buysEveryYes && allAsks && askSum < one
        let noCandidate = allBids && bidSum > one && marketIndices.allSatisfy { universe.markets[$0].no != nil }
        guard yesCandidate || noCandidate else { return [] }

        var found: [Opportunity] = []
        let pricer = configuration.pricer
        if yesCandidate, let opportunity = price(.yes, universe, pricer, configuration, now, sum: askSum, previous) {
            found.append(opportunity)
        }
        if noCandidate, let opportunity = price(.no, universe, pricer, configuration, now, sum: bidSum, previous) {
            found.append(opportunity)
        }
        return found
    }

    private func price(
        _ outcome: BinaryOutcome, _ universe: RadarUniverse, _ pricer: BasketPricer,
        _ configuration: RadarConfiguration, _ now: Timestamp, sum: Int64, _ previous: [Opportunity]
    ) -> Opportunity? {
        // The legs read the books' levels in place (no copy per leg).
        // Fields are read from the universe in place: copying each whole market (a dozen
        // strings and an existential) per leg per update was a third of the re-pricing time.
        var legs: [BasketLeg] = []
        legs.reserveCapacity(marketIndices.count)
        for index in marketIndices {
            legs.append(BasketLeg(
                venue: universe.markets[index].venue, marketID: universe.markets[index].marketID,
                instrument: outcome == .yes ? universe.markets[index].yes : universe.markets[index].no!, outcome: outcome,
                label: universe.markets[index].label,
                offers: outcome == .yes ? universe.books[index].offerLadderToBuy : universe.books[index].complementOfferLadderToBuy,
                fees: universe.markets[index].fees, minimumSize: universe.markets[index].minimumSize))
        }
        let count = Int64(marketIndices.count)
        let payoutPerBasket = Amount(units: outcome == .yes ? FixedPoint.unitsPerWhole : (count - 1) * FixedPoint.unitsPerWhole)
        guard let quote = pricer.price(legs, payoutPerBasket: payoutPerBasket),
            quote.profit > configuration.minimumProfit
        else { return nil }

        // This detector's previous sighting of the same basket, if any. Its id, title and the
        // neg-risk note are functions of this detector's constant fields and the legs'
        // instruments and sides only, so when those match they are carried over rather than
        // rebuilt (hashing 30 instrument names and formatting two sentences was most of the
        // remaining cost of a re-price).
        let earlier = previous.first { $0.legs.first?.outcome == outcome }
        let sameBasket = earlier.map { OpportunityID.sameIdentity($0.legs, quote.legs) } ?? false
        let id = sameBasket ? earlier!.id : OpportunityID(kind: .dutchBook, group: group, legs: quote.legs)
        let title = sameBasket ? earlier!.title : basketTitle(outcome)

        let sumText = FixedPoint.format(sum)
        var evidence: [OpportunityEvidence] = []
        evidence.reserveCapacity(outcome == .no && isNegRisk ? 2 : 1)
        evidence.append(OpportunityEvidence(
            claim: outcome == .yes
                ? "best YES asks sum to \(sumText) across \(count) outcomes of a complete partition; exactly one pays 1"
                : "best YES bids sum to \(sumText) across \(count) mutually exclusive outcomes; NO on every outcome costs N − Σbid and pays at least N − 1",
            source: "order books", observedAt: now))
        if outcome == .no && isNegRisk {
            if sameBasket, let note = earlier!.evidence.dropFirst().first {
                evidence.append(note)
            } else {
                evidence.append(OpportunityEvidence(
                    claim: "neg-risk event: the \(count) NO shares convert at once into \(count - 1) pUSD",
                    source: "Polymarket NegRiskAdapter"))
            }
        }
        return Opportunity(
            id: id, kind: .dutchBook, group: group, title: title, legs: quote.legs,
            size: quote.size, payoutPerBasket: payoutPerBasket, cost: quote.cost, fees: quote.fees, payout: quote.payout,
            maxSize: quote.maxSize, curve: quote.curve, resolutionTime: resolutionTime,
            redeemableImmediately: outcome == .no && isNegRisk, evidence: evidence, seenAt: now)
    }

    /// The opportunity's title for buying every `outcome`.
    func basketTitle(_ outcome: BinaryOutcome) -> String {
        "Buy \(outcome == .yes ? "YES" : "NO") on all \(marketIndices.count) outcomes of “\(title)”"
    }
}

/// An event the Dutch-book detector refuses, with every reason.
public struct DutchBookIneligible: Error, Hashable, Sendable, CustomStringConvertible {
    public var event: EventID
    public var reasons: [PartitionExclusion]

    public var description: String {
        "event \(event) is not a complete partition: " + reasons.map(\.description).joined(separator: "; ")
    }
}
