import EdgewiseAnalysis
import EdgewiseCore
import EdgewiseTestSupport
import Foundation
import Testing

/// The matched Kalshi/Polymarket pairs of 2026-08-29 (MIT, PMXT router output, every pair marked
/// UNVERIFIED by its source). The file has no rules texts or sources, so the best any row can
/// get is "needs review"; the polarity flip and the date mismatches must be caught outright.
@Suite("Cross-venue: real Kalshi/Polymarket pairs", .requiresSharedFixtures)
struct CrossVenueRealPairsTests {
    let checker = SettlementEquivalence()

    @Test("the file has its 25 pairs")
    func loads() throws {
        let rows = try CrossVenueSamples.realPairs()
        #expect(rows.count == 25)
        #expect(rows.allSatisfy { $0.kalshi.endTime != nil && $0.polymarket.endTime != nil })
    }

    @Test("no real pair is judged equivalent: nothing in the file shows rules or sources")
    func noneEquivalent() throws {
        for row in try CrossVenueSamples.realPairs() {
            let pair = checker.pair(row.kalshi, row.polymarket, at: CrossVenueSamples.checkedAt)
            #expect(pair.effectiveVerdict != .equivalent, "\(row.kalshi.id)")
            #expect(!pair.yieldsOpportunities)
            #expect(pair.assessment.finding(.resolutionSource)?.status == .unknown)
            #expect(pair.assessment.finding(.voidRules)?.status == .unknown)
        }
    }

    @Test("NL MVP (Ohtani): Polymarket's reversed outcomes are a polarity mismatch")
    func ohtaniPolarity() throws {
        let row = try #require(try CrossVenueSamples.realPairs().first { $0.kalshi.id == "KXMLBNLMVP-26-SOHT" })
        let pair = checker.pair(row.kalshi, row.polymarket, at: CrossVenueSamples.checkedAt)
        #expect(pair.polarity == .same, "the wording alone says same")
        #expect(pair.assessment.verdict == .notEquivalent)
        let polarity = try #require(pair.assessment.finding(.polarity))
        #expect(polarity.status == .mismatch)
        #expect(polarity.detail.contains("prices fit inverted"), "\(polarity.detail)")
        #expect(polarity.nextStep != nil)
        #expect(pair.assessment.finding(.priceConsistency)?.status == .mismatch)
        #expect(PolarityInference.infer(row.kalshi, row.polymarket).fromPrices == .inverted)
    }

    @Test("different resolution dates are never equivalent; different days are a contradiction")
    func dateMismatches() throws {
        var differentDays = 0
        for row in try CrossVenueSamples.realPairs() {
            let pair = checker.pair(row.kalshi, row.polymarket, at: CrossVenueSamples.checkedAt)
            let deadline = try #require(pair.assessment.finding(.deadline))
            if row["kalshi_resolution_date"] != row["polymarket_resolution_date"] {
                #expect(deadline.status != .match, "\(row.kalshi.id): \(deadline.detail)")
                #expect(pair.effectiveVerdict != .equivalent)
            }
            if row["kalshi_resolution_date"].prefix(10) != row["polymarket_resolution_date"].prefix(10) {
                differentDays += 1
                #expect(deadline.status == .mismatch, "\(row.kalshi.id): \(deadline.detail)")
                #expect(pair.assessment.verdict == .notEquivalent, "\(row.kalshi.id)")
            }
        }
        #expect(differentDays >= 20)
    }

    @Test("Alaska governor (Begich): a large gap neither polarity explains asks for review")
    func begichGap() throws {
        let row = try #require(try CrossVenueSamples.realPairs().first { $0.kalshi.id == "KXGOVAK-26-TBEG" })
        let pair = checker.pair(row.kalshi, row.polymarket, at: CrossVenueSamples.checkedAt)
        #expect(pair.assessment.finding(.priceConsistency)?.status == .unknown)
        #expect(pair.assessment.finding(.polarity)?.status == .match)
    }

    @Test("the candidate finder pairs each Kalshi market with its Polymarket market, not a sibling")
    func candidateRecall() throws {
        let rows = try CrossVenueSamples.realPairs()
        let truth = Dictionary(uniqueKeysWithValues: rows.map { ($0.kalshi.id, $0.polymarket.id) })
        let candidates = PairCandidateFinder().candidates(rows.map(\.kalshi), rows.map(\.polymarket))
        let correct = candidates.filter { truth[$0.a.id] == $0.b.id }
        let wrong = candidates.filter { truth[$0.a.id] != $0.b.id }
        #expect(correct.count >= 24, "recall \(correct.count)/25; missed: \(rows.map(\.kalshi.id).filter { id in !correct.contains { $0.a.id == id } })")
        #expect(wrong.isEmpty, "\(wrong.map { "\($0.a.id) ↔ \($0.b.id) \($0.score)" })")

        // Without the one-to-one assignment the siblings of an election still stay apart.
        let loose = PairCandidateFinder(configuration: .init(oneToOne: false)).candidates(rows.map(\.kalshi), rows.map(\.polymarket))
        let hegseth = loose.filter { $0.a.id == "KXPRESNOMR-28-PHEG" }.map(\.b.id)
        #expect(hegseth == ["will-pete-hegseth-win-the-2028-republican-presidential-nomination"])
        #expect(!loose.contains { $0.a.id == "KXPRESNOMR-28-JH" && $0.b.id.rawValue.contains("hegseth") })
    }
}
