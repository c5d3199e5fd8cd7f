import EdgewiseAnalysis
import EdgewiseCore
import Testing

/// The bundle and resolution detectors inside the radar: registered from the catalog,
/// re-evaluated when a member's book changes or an observation arrives.
@Suite struct RadarWiringTests {
    typealias R = ResolutionFixtures

    static func ladderMarket(_ id: String, threshold: String) -> Market {
        Market(
            venue: .polymarket, id: MarketID(id), eventID: EventID("ev-\(id)"),
            question: "Will Bitcoin be above $\(threshold) on December 31, 2026?",
            outcomes: [Outcome(token: TokenID("\(id)-yes"), name: "Yes"), Outcome(token: TokenID("\(id)-no"), name: "No")],
            status: .open, endTime: R.dec31)
    }

    @Test func aThresholdLadderViolationOpensAndClosesWithTheBooks() throws {
        let low = Self.ladderMarket("btc100", threshold: "100,000")
        let high = Self.ladderMarket("btc110", threshold: "110,000")
        var radar = Radar(configuration: RadarConfiguration(maxBookAge: nil))
        for market in [low, high] { radar.add(RadarMarket(market, fees: NoFees())) }
        #expect(radar.addBundles(among: [low, high]) == 1)
        let now = R.jul1
        // "Above 110k" bids 0.45 while "above 100k" asks 0.40: YES 100k + NO 110k costs 0.95 and
        // pays at least 1 in every state.
        radar.load(BookSnapshot(instrument: InstrumentID(venue: .polymarket, token: "btc100-yes"),
            bids: [R.level("0.38", 100)], asks: [R.level("0.40", 100)]), receivedAt: now)
        radar.load(BookSnapshot(instrument: InstrumentID(venue: .polymarket, token: "btc110-yes"),
            bids: [R.level("0.45", 100)], asks: [R.level("0.47", 100)]), receivedAt: now)
        let opened = try #require(radar.evaluateAll(now: now).first?.opportunity)
        #expect(opened.kind == .bundle)
        #expect(opened.cost == 95 && opened.profit == 5)
        #expect(Set(opened.legs.map { "\($0.marketID)/\($0.outcome.rawValue)" }) == ["btc100/yes", "btc110/no"])

        let changes = radar.apply(.bookSnapshot(BookSnapshot(
            instrument: InstrumentID(venue: .polymarket, token: "btc110-yes"),
            bids: [R.level("0.30", 100)], asks: [R.level("0.32", 100)])), receivedAt: now)
        #expect(changes == [.closed(id: opened.id, group: opened.group, at: now)])
    }

    @Test func anObservationFiresAWatchedTouchMarket() throws {
        let market = R.touchMarket
        var radar = Radar(configuration: RadarConfiguration(maxBookAge: nil))
        radar.add(RadarMarket(market, fees: NoFees()))
        radar.watchResolution(of: market)
        let now = R.may10
        radar.load(BookSnapshot(instrument: InstrumentID(venue: .polymarket, token: "btc-150k-jun30-yes"),
            bids: [R.level("0.80", 50)], asks: [R.level("0.90", 50)]), receivedAt: now)
        #expect(radar.evaluateAll(now: now).isEmpty)
        // Another exchange's print is not the settlement source: nothing.
        #expect(radar.observe(R.observed(R.bitcoin(151_000, at: R.may9), from: R.coinbase), at: now).isEmpty)
        let changes = radar.observe(R.observed(R.bitcoin(151_000, at: R.may9)), at: now)
        let opportunity = try #require(changes.first?.opportunity)
        #expect(opportunity.kind == .resolution)
        #expect(opportunity.legs.map(\.outcome) == [.yes])
        #expect(opportunity.profit == 5)
        #expect(opportunity.evidence.contains { $0.claim.contains("151") })
    }
}
