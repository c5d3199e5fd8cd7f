import EdgewiseAnalysis
import EdgewiseCore
import Foundation
import Testing

/// The settlement check on synthetic pairs: one genuinely equivalent pair, and look-alikes that
/// differ from it in exactly one respect and must never come out equivalent.
@Suite("Cross-venue: settlement equivalence")
struct CrossVenueEquivalenceTests {
    let checker = SettlementEquivalence()
    typealias S = CrossVenueSamples

    func assess(_ a: Market, _ b: Market, _ polarity: PairPolarity = .same) -> SettlementAssessment {
        checker.assess(a, b, polarity: polarity, at: S.checkedAt)
    }

    @Test("same rules, source, deadline, zone and threshold: equivalent, every criterion matched")
    func genuinelyEquivalent() {
        let (a, b) = S.equivalentBitcoin()
        let assessment = assess(a, b)
        #expect(assessment.verdict == .equivalent, "\(assessment.blockingFindings)")
        #expect(Set(assessment.findings.map(\.criterion)) == Set(SettlementCriterion.allCases))
        #expect(assessment.findings.allSatisfy { $0.status == .match })
        let pair = checker.pair(a, b, candidateScore: 0.9, at: S.checkedAt)
        #expect(pair.polarity == .same)
        #expect(pair.yieldsOpportunities)
        #expect(pair.counterpart(of: .yes) == InstrumentID(venue: .polymarket, token: "0xbtc100k:yes"))
        #expect(pair.id == checker.pair(b, a, at: S.checkedAt).id, "the id does not depend on the order")
    }

    @Test("same entity, different year: not equivalent")
    func differentYear() {
        let a = S.binary(.kalshi, "K-MVP-25", "Will Shohei Ohtani win the 2025 NL MVP?", yes: "0.80")
        let b = S.binary(.polymarket, "P-MVP-26", "Will Shohei Ohtani win the 2026 NL MVP?", yes: "0.78")
        let assessment = assess(a, b)
        #expect(assessment.verdict == .notEquivalent)
        #expect(assessment.finding(.eventDate)?.status == .mismatch)
        #expect(assessment.finding(.subject)?.status == .match)

        let (btc, _) = S.equivalentBitcoin()
        let later = S.binary(
            .polymarket, "0xbtc27", "Will Bitcoin be above $100,000 on December 31, 2027?", rules: S.bitcoinRules,
            source: btc.settlementSource, yes: "0.45")
        #expect(assess(btc, later).finding(.eventDate)?.status == .mismatch)
    }

    @Test("above 100k against above 110k: different thresholds")
    func differentThreshold() {
        let (a, _) = S.equivalentBitcoin()
        let b = S.binary(
            .polymarket, "0xbtc110k", "Will Bitcoin be above $110,000 on December 31, 2026?", rules: S.bitcoinRules,
            source: a.settlementSource, yes: "0.40")
        let assessment = assess(a, b)
        #expect(assessment.verdict == .notEquivalent)
        #expect(assessment.finding(.threshold)?.status == .mismatch)
        #expect(assessment.finding(.units)?.status == .match)
    }

    @Test("above against below: different comparisons, whichever polarity is declared")
    func aboveVersusBelow() {
        let (a, _) = S.equivalentBitcoin()
        let b = S.binary(
            .polymarket, "0xbtcbelow", "Will Bitcoin be below $100,000 on December 31, 2026?", rules: S.bitcoinRules,
            source: a.settlementSource, yes: "0.58")
        for polarity in PairPolarity.allCases {
            let assessment = assess(a, b, polarity)
            #expect(assessment.verdict == .notEquivalent, "\(polarity)")
            #expect(assessment.finding(.threshold)?.status == .mismatch, "\(polarity)")
        }
        // "at or below" is the exact complement of "above": a properly inverted pair.
        let complement = S.binary(
            .polymarket, "0xbtcatmost", "Will Bitcoin be $100,000 or less on December 31, 2026?", rules: S.bitcoinRules,
            source: a.settlementSource, yes: "0.58")
        #expect(assess(a, complement, .inverted).finding(.threshold)?.status == .match)
        #expect(assess(a, complement, .same).finding(.threshold)?.status == .mismatch)
    }

    @Test("°F against °C: different units")
    func fahrenheitVersusCelsius() {
        let a = S.binary(.kalshi, "KXHIGHNY-T30", "Will the high temperature in New York be above 30°F on January 15, 2026?", yes: "0.5")
        let b = S.binary(.polymarket, "0xny30c", "Will the high temperature in New York be above 30°C on January 15, 2026?", yes: "0.5")
        let assessment = assess(a, b)
        #expect(assessment.verdict == .notEquivalent)
        #expect(assessment.finding(.units)?.status == .mismatch)
        #expect(assessment.finding(.threshold)?.status == .match)
    }

    @Test("a different settlement source needs review")
    func differentSource() {
        let (a, b0) = S.equivalentBitcoin()
        var b = b0
        b.settlementSource = "https://www.binance.com/en/trade/BTC_USDT"
        let assessment = assess(a, b)
        #expect(assessment.verdict == .needsReview)
        let finding = assessment.finding(.resolutionSource)
        #expect(finding?.status == .unknown)
        #expect(finding?.detail.contains("binance.com") == true)
        #expect(finding?.nextStep != nil)
    }

    @Test("different void rules need review; missing void rules too")
    func differentVoidRules() {
        let (a, b0) = S.equivalentBitcoin()
        var b = b0
        b.rules = S.bitcoinRules.replacingOccurrences(of: "the market resolves No", with: "the market resolves 50-50")
        let assessment = assess(a, b)
        #expect(assessment.verdict == .needsReview)
        #expect(assessment.finding(.voidRules)?.status == .unknown)

        b.rules = "Resolves Yes if the Coinbase BTC-USD spot price at 12:00 PM ET on December 31, 2026 is above $100,000."
        #expect(assess(a, b).finding(.voidRules)?.status == .unknown)
        b.rules = "If the market is cancelled, it resolves to No. Prices are read from Coinbase at noon ET."
        #expect(assess(a, b).finding(.voidRules)?.status == .match, "both resolve No on cancellation, in other words")
    }

    @Test("inverted outcome wording: not equivalent as 'same', equivalent only when declared inverted")
    func invertedWording() {
        let (a, _) = S.equivalentBitcoin()
        let b = S.binary(
            .polymarket, "0xbtcnot", "Will Bitcoin not be above $100,000 on December 31, 2026?", rules: S.bitcoinRules,
            source: a.settlementSource, yes: "0.57")
        let asSame = assess(a, b, .same)
        #expect(asSame.verdict == .notEquivalent)
        #expect(asSame.finding(.polarity)?.status == .mismatch)

        let inferred = checker.pair(a, b, at: S.checkedAt)
        #expect(inferred.polarity == .inverted)
        #expect(inferred.assessment.finding(.polarity)?.status == .match)
        #expect(inferred.assessment.finding(.threshold)?.status == .match)
        #expect(inferred.counterpart(of: .yes) == InstrumentID(venue: .polymarket, token: "0xbtcnot:no"))
    }

    @Test("reversed outcome prices (YES priced as the other venue's NO): polarity mismatch")
    func reversedPrices() {
        let (a, b0) = S.equivalentBitcoin()
        var b = b0
        b.outcomes[0].indicativePrice = Price("0.60")
        b.outcomes[1].indicativePrice = Price("0.40")
        var skewed = a
        skewed.outcomes[0].indicativePrice = Price("0.10")
        skewed.outcomes[1].indicativePrice = Price("0.90")
        b.outcomes[0].indicativePrice = Price("0.88")
        b.outcomes[1].indicativePrice = Price("0.12")
        let assessment = assess(skewed, b)
        #expect(assessment.verdict == .notEquivalent)
        #expect(assessment.finding(.polarity)?.status == .mismatch)
        #expect(PolarityInference.infer(skewed, b).fromPrices == .inverted)
        #expect(PolarityInference.infer(skewed, b).fromWording == .same)
    }

    @Test("touch against close: not equivalent")
    func touchVersusClose() {
        let (a, _) = S.equivalentBitcoin()
        let b = S.binary(
            .polymarket, "0xbtctouch", "Will Bitcoin reach $100,000 by December 31, 2026?", rules: S.bitcoinRules,
            source: a.settlementSource, yes: "0.45")
        #expect(assess(a, b).verdict == .notEquivalent)
    }

    @Test("deadlines: same day a few hours apart needs review; days apart is a contradiction; missing is unknown")
    func deadlines() {
        let (a, b0) = S.equivalentBitcoin()
        var b = b0
        b.endTime = a.endTime!.adding(seconds: 5 * 3600)
        #expect(assess(a, b).finding(.deadline)?.status == .unknown)
        b.endTime = a.endTime!.adding(seconds: 3 * 86_400)
        #expect(assess(a, b).finding(.deadline)?.status == .mismatch)
        b.endTime = nil
        #expect(assess(a, b).finding(.deadline)?.status == .unknown)
    }

    @Test("different names are different subjects")
    func differentNames() {
        let a = S.binary(.kalshi, "K-HEG", "Will Pete Hegseth win the 2028 Republican nomination?", yes: "0.01")
        let b = S.binary(.polymarket, "P-HAW", "Will Josh Hawley win the 2028 Republican nomination?", yes: "0.01")
        let assessment = assess(a, b)
        #expect(assessment.finding(.subject)?.status != .match)
        #expect(assessment.verdict != .equivalent)
    }
}
