import EdgewiseCore
import Foundation
import Testing
@testable import EdgewiseStore

@Suite("Market pairs")
struct MarketPairStoreTests {
    static func pair(_ findings: [SettlementFinding], checkedAt: Int64 = 1_788_000_000_000_000_001, score: Double? = 0.8125)
        -> MarketPair
    {
        MarketPair(
            a: PairedMarket(
                venue: .kalshi, marketID: "KXMLBNLMVP-26-SOHT", question: "Will Shohei Ohtani win NL MVP?",
                yes: InstrumentID(venue: .kalshi, token: "KXMLBNLMVP-26-SOHT:yes"),
                no: InstrumentID(venue: .kalshi, token: "KXMLBNLMVP-26-SOHT:no"), endTime: Timestamp(seconds: 1_796_742_000)),
            b: PairedMarket(
                venue: .polymarket, marketID: "0xohtani", question: "Will Shohei Ohtani win the 2026 NL MVP award?",
                slug: "will-shohei-ohtani-win-the-2026-national-league-mvp-award", yes: Sample.yes, no: Sample.no,
                endTime: nil),
            polarity: .same, candidateScore: score,
            assessment: SettlementAssessment(findings: findings, checkedAt: Timestamp(nanoseconds: checkedAt)))
    }

    static let reviewFindings = [
        SettlementFinding(.subject, .match, "both name \"Shohei Ohtani\""),
        SettlementFinding(.voidRules, .unknown, "no rules text for A and B", next: "fetch the full rules"),
    ]
    static let contradiction = [
        SettlementFinding(.subject, .match, "both name \"Shohei Ohtani\""),
        SettlementFinding(.polarity, .mismatch, "declared same, but the prices fit inverted", next: "compare outcome labels"),
    ]

    @Test("a pair round-trips exactly and lists by effective verdict")
    func roundTrip() throws {
        try withScratchStore { store, _ in
            let pair = Self.pair(Self.reviewFindings)
            #expect(pair.assessment.verdict == .needsReview)
            try store.upsertAutomatic(pair: pair)
            #expect(try store.marketPair(id: pair.id) == pair)
            #expect(try store.marketPairs() == [pair])
            #expect(try store.marketPairs(verdict: .needsReview).map(\.id) == [pair.id])
            #expect(try store.marketPairs(verdict: .equivalent).isEmpty)
            #expect(try store.marketPair(id: "pair-missing") == nil)
            #expect(try store.diagnostics().appliedMigrations.contains("v3_market_pairs"))
            #expect(try store.diagnostics().schemaVersion == Migrations.currentVersion)
        }
    }

    @Test("re-running the automatic check keeps the user's override")
    func overrideSurvivesRecheck() throws {
        try withScratchStore { store, _ in
            try store.upsertAutomatic(pair: Self.pair(Self.reviewFindings))
            let id = Self.pair(Self.reviewFindings).id
            let review = PairOverride(verdict: .equivalent, note: "read both rules: same AP call", at: Timestamp(seconds: 1_788_000_100))
            let reviewed = try store.setOverride(pair: id, review)
            #expect(reviewed.override == review)
            #expect(reviewed.effectiveVerdict == .equivalent)

            // The radar runs again and now finds a contradiction.
            let rechecked = Self.pair(Self.contradiction, checkedAt: 1_788_000_200_000_000_000, score: 0.5)
            try store.upsertAutomatic(pair: rechecked)
            let stored = try #require(try store.marketPair(id: id))
            #expect(stored.override == review)
            #expect(stored.assessment == rechecked.assessment)
            #expect(stored.assessment.verdict == .notEquivalent)
            #expect(stored.candidateScore == 0.5)
            #expect(stored.effectiveVerdict == .equivalent)
            #expect(try store.marketPairs(verdict: .equivalent).map(\.id) == [id])
            #expect(try store.marketPairs(verdict: .notEquivalent).isEmpty)
        }
    }

    @Test("clearing the override brings back the automatic verdict; unknown ids are refused")
    func clearOverride() throws {
        try withScratchStore { store, _ in
            let pair = Self.pair(Self.contradiction)
            try store.upsertAutomatic(pair: pair)
            try store.setOverride(pair: pair.id, PairOverride(verdict: .needsReview, at: Timestamp(seconds: 1)))
            let cleared = try store.clearOverride(pair: pair.id)
            #expect(cleared.override == nil)
            #expect(cleared.effectiveVerdict == .notEquivalent)
            #expect(try store.marketPair(id: pair.id) == pair)
            #expect(throws: StoreError.unknownPair("pair-nope")) {
                try store.setOverride(pair: "pair-nope", PairOverride(verdict: .equivalent, at: Timestamp(seconds: 1)))
            }
            #expect(throws: StoreError.unknownPair("pair-nope")) { try store.clearOverride(pair: "pair-nope") }
        }
    }

    @Test("the pair id does not depend on which venue is A")
    func orderIndependentID() {
        let forward = MarketPairID((VenueID.kalshi, MarketID("K1")), (VenueID.polymarket, MarketID("0x1")))
        let backward = MarketPairID((VenueID.polymarket, MarketID("0x1")), (VenueID.kalshi, MarketID("K1")))
        #expect(forward == backward)
        #expect(forward.rawValue.hasPrefix("pair-"))
        #expect(forward != MarketPairID((VenueID.kalshi, MarketID("K2")), (VenueID.polymarket, MarketID("0x1"))))
    }
}
