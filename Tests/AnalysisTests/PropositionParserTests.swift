import EdgewiseAnalysis
import EdgewiseCore
import Foundation
import Testing

@Suite struct PropositionParserTests {
    @Test func priceThresholdOnADate() {
        let p = PropositionParser.parse("Will Bitcoin be above $100,000 on December 31, 2026?")
        #expect(p.condition == .init(comparison: .above, threshold: 100_000, unit: "usd"))
        #expect(p.date == Timestamp(seconds: 1_798_675_200))
        #expect(p.dateRole == .on)
        #expect(!p.isTouch)
        #expect(p.subject == "bitcoin")
    }

    @Test func touchByADateWithSuffixes() {
        let p = PropositionParser.parse("Will BTC reach $150k by June 30, 2026?")
        #expect(p.condition == .init(comparison: .atOrAbove, threshold: 150_000, unit: "usd"))
        #expect(p.dateRole == .by)
        #expect(p.isTouch)
        let dip = PropositionParser.parse("Will ETH dip to $2,500 by March 1, 2027?")
        #expect(dip.condition?.comparison == .atOrBelow)
        #expect(dip.condition?.threshold == 2_500)
    }

    @Test func bucketsFromSlugs() {
        let q = "Highest temperature in Chicago on July 10?"
        #expect(PropositionParser.parse(q, slug: "tc-temp-mdwhigh-2026-07-10-gte81lt82f").condition
            == .init(comparison: .between, threshold: 81, upper: 82, unit: "°f"))
        #expect(PropositionParser.parse(q, slug: "tc-temp-mdwhigh-2026-07-10-gte87f").condition
            == .init(comparison: .atOrAbove, threshold: 87, unit: "°f"))
        #expect(PropositionParser.parse(q, slug: "tc-temp-mdwhigh-2026-07-10-lt79f").condition
            == .init(comparison: .below, threshold: 79, unit: "°f"))
        #expect(PropositionParser.parse(q, defaultYear: 2026).date == Timestamp(seconds: 1_783_641_600))
    }

    @Test func entitiesNegationAndTimeZone() {
        let p = PropositionParser.parse("Will Shohei Ohtani win NL MVP? Resolves at 11:59 PM ET")
        #expect(p.entities.contains("Shohei Ohtani"))
        #expect(p.timeZone == "ET")
        #expect(!p.isNegated)
        #expect(PropositionParser.parse("Will the Fed not cut rates in 2026?").isNegated)
        #expect(PropositionParser.parse("Will CPI be 3.5% or higher in 2026?").condition
            == .init(comparison: .atOrAbove, threshold: 3.5, unit: "percent"))
    }

    /// Dates must not leak into the subject: resolution arbitrage compares subjects word for word.
    @Test func subjectLeavesOutAbbreviatedMonthsAndOrdinals() {
        #expect(PropositionParser.parse("Will BTC hit $100k by Dec 31, 2026?").subject == "btc")
        #expect(PropositionParser.parse("Will Bitcoin reach $150,000 by June 30th, 2026?").subject == "bitcoin")
    }

    @Test func monthAndYearIsNotADay() {
        let p = PropositionParser.parse("Will the Fed cut rates at its June 2026 meeting?", defaultYear: 2026)
        #expect(p.date == nil)
        #expect(PropositionParser.parse("Will BTC hit $100k by June 3, 2026?").date == Timestamp(seconds: 1_780_444_800))
    }
}
