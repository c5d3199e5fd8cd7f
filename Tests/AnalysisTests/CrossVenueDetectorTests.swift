import EdgewiseAnalysis
import EdgewiseCore
import Testing

/// Cross-venue pricing: only pairs judged equivalent trade, and the legs follow the polarity.
@Suite struct CrossVenueDetectorTests {
    typealias F = RadarFixtures

    static let polymarket = F.market("pm", venue: .polymarket, event: "e-pm")
    static let kalshi = F.market("ks", venue: .kalshi, event: "e-ks")

    static func pair(_ verdict: SettlementFinding.Status, polarity: PairPolarity = .same, override: SettlementVerdict? = nil) -> MarketPair {
        MarketPair(
            a: PairedMarket(polymarket), b: PairedMarket(kalshi), polarity: polarity,
            assessment: SettlementAssessment(
                findings: [SettlementFinding(.resolutionSource, verdict, "same source")], checkedAt: F.now),
            override: override.map { PairOverride(verdict: $0, note: "reviewed", at: F.now) })
    }

    func radar(fees: any FeeModel = NoFees()) -> Radar {
        var radar = Radar()
        radar.add(RadarMarket(Self.polymarket, fees: fees))
        radar.add(RadarMarket(Self.kalshi, fees: fees))
        // A's YES asks 0.40; B's YES bids 0.65, so B's NO costs 0.35: 0.75 for a basket paying 1.
        radar.load(F.snapshot("pm", bids: [("0.38", "100")], asks: [("0.40", "100")]), receivedAt: F.now)
        radar.load(F.snapshot("ks", venue: .kalshi, bids: [("0.65", "60")], asks: [("0.67", "100")]), receivedAt: F.now)
        return radar
    }

    @Test func anEquivalentPairBuysYesHereAndNoThere() throws {
        var radar = radar()
        let added = radar.add(Self.pair(.match))
        #expect(added)
        let opportunity = try #require(radar.evaluateAll(now: F.now).first?.opportunity)
        #expect(opportunity.kind == .crossVenue)
        #expect(opportunity.legs.map(\.instrument) == [F.yes("pm"), InstrumentID(venue: .kalshi, token: "ks-no")])
        #expect(opportunity.legs.map(\.limitPrice) == [Price("0.40")!, Price("0.35")!])
        // B's bid holds 60: the basket stops there.
        #expect(opportunity.size == 60 && opportunity.cost == 45 && opportunity.profit == 15)
    }

    @Test func anInvertedPairBuysYesOnBoth() throws {
        var radar = radar()
        let added = radar.add(Self.pair(.match, polarity: .inverted))
        #expect(added)
        // YES 0.40 + YES 0.67 ≥ 1, NO 0.62 + NO 0.35 < 1.
        let opportunity = try #require(radar.evaluateAll(now: F.now).first?.opportunity)
        #expect(opportunity.legs.map(\.outcome) == [.no, .no])
        #expect(opportunity.profit == Amount("1.8")!)
    }

    @Test func onlyEquivalentPairsTrade() {
        var radar = radar()
        let unsure = radar.add(Self.pair(.unknown))
        #expect(!unsure)
        let contradicted = radar.add(Self.pair(.mismatch))
        #expect(!contradicted)
        let refused = radar.add(Self.pair(.match, override: .notEquivalent))
        #expect(!refused)
        #expect(radar.evaluateAll(now: F.now).isEmpty)
        // The user's review can make a pair tradable.
        let reviewed = radar.add(Self.pair(.unknown, override: .equivalent))
        #expect(reviewed)
        #expect(radar.evaluateAll(now: F.now).count == 1)
    }

    @Test func feesOnBothVenuesCanEatTheEdge() {
        var radar = radar(fees: ProportionalFee(rate: Price("0.40")!))
        let added = radar.add(Self.pair(.match))
        #expect(added)
        #expect(radar.evaluateAll(now: F.now).isEmpty)
    }
}
