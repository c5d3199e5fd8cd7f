import EdgewiseAnalysis
import EdgewiseCore
import Testing

/// The first cut a scanner makes before watching a market for resolution: which markets an
/// observation could speak to. Too wide costs book reads; too narrow misses trades — but never a
/// false trade, which the detector alone decides.
@Suite("Resolution relevance")
struct ResolutionRelevanceTests {
    typealias F = ResolutionFixtures

    func concerns(_ observation: ResolutionObservation, _ market: Market) -> Bool {
        observation.mayConcern(market, proposition: PropositionParser.parse(market.question, slug: market.slug))
    }

    @Test("a reading concerns the markets asking about its subject, by name or alias, and no look-alike subject")
    func readings() {
        let bitcoin = F.observed(F.bitcoin(151_000, at: F.may10))
        #expect(concerns(bitcoin, F.touchMarket))
        #expect(concerns(bitcoin, F.closeMarket))
        #expect(!concerns(bitcoin, F.fedMarket))
        #expect(!concerns(bitcoin, F.temperatureMarket))
        let cash = F.binaryMarket(
            id: "bch", question: "Will Bitcoin Cash reach $1,000 by June 30, 2026?", settlementSource: nil, endTime: F.jun30)
        #expect(!concerns(bitcoin, cash))
        let byAlias = F.observed(ReferenceReading(subject: "xbt", aliases: ["bitcoin"], value: 1, unit: .usd, span: .instant(F.may10)))
        #expect(concerns(byAlias, F.touchMarket))
    }

    @Test("a result concerns the market it names, or the question it states on the same day")
    func results() {
        let named = ResolutionObservation(
            fact: .result(PublishedResult(target: .market(venue: .polymarket, id: "fed-cut-jun"), winner: .side(.no), publishedAt: F.jun30)),
            source: .venue(.polymarket), knownAt: F.jun30)
        #expect(concerns(named, F.fedMarket))
        #expect(!concerns(named, F.touchMarket))
        let sameIDOtherVenue = ResolutionObservation(
            fact: .result(PublishedResult(target: .market(venue: .kalshi, id: "fed-cut-jun"), winner: .side(.no), publishedAt: F.jun30)),
            source: .venue(.kalshi), knownAt: F.jun30)
        #expect(!concerns(sameIDOtherVenue, F.fedMarket))
    }
}
