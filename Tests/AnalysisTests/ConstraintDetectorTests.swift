import EdgewiseAnalysis
import EdgewiseCore
import Testing

@Suite struct ConstraintDetectorTests {
    typealias F = BundleFixtures
    let detector = ConstraintDetector()

    func btc(_ id: String, _ threshold: String, venue: VenueID = .polymarket, date: String = "December 31, 2026") -> Market {
        F.market(id, "Will Bitcoin be above $\(threshold) on \(date)?", venue: venue)
    }

    @Test func aboveThresholdLadder() throws {
        let markets = [btc("m120", "120,000"), btc("m100", "100,000"), btc("m110", "110,000")]
        let found = detector.detect(markets: markets)
        #expect(found.count == 1)
        let ladder = try #require(found.first)
        #expect(ladder.kind == .thresholdLadder)
        #expect(ladder.members.count == 3)
        #expect(JointOutcomeSpace(ladder).stateCount == 4)
        #expect(ladder.reason.contains("'above 110000 usd' implies 'above 100000 usd'"))
        #expect(ladder.reason.contains("'above 120000 usd' implies 'above 110000 usd'"))
        // Re-detection in another order keeps the key.
        #expect(detector.detect(markets: markets.reversed()).first?.key == ladder.key)
    }

    @Test func belowThresholdLadder() throws {
        let markets = [
            F.market("b90", "Will Bitcoin be below $90,000 on December 31, 2026?"),
            F.market("b80", "Will Bitcoin be below $80,000 on December 31, 2026?"),
        ]
        let ladder = try #require(detector.detect(markets: markets).first)
        #expect(ladder.kind == .thresholdLadder)
        #expect(ladder.reason == "'below 80000 usd' implies 'below 90000 usd'")
        #expect(JointOutcomeSpace(ladder).stateCount == 3)
    }

    @Test func dateLadderOfByQuestions() throws {
        let markets = [
            F.market("dec", "Will Bitcoin reach $150,000 by December 31, 2026?"),
            F.market("jun", "Will Bitcoin reach $150,000 by June 30, 2026?"),
            F.market("sep", "Will Bitcoin reach $150,000 by September 30, 2026?"),
        ]
        let found = detector.detect(markets: markets)
        #expect(found.count == 1)
        let ladder = try #require(found.first)
        #expect(ladder.kind == .dateLadder)
        #expect(ladder.members.map(\.market.market) == ["dec", "sep", "jun"])
        #expect(ladder.reason.contains("'by 2026-06-30' implies 'by 2026-09-30'"))
        #expect(JointOutcomeSpace(ladder).stateCount == 4)
    }

    @Test func bucketsThatTileFormAPartition() throws {
        let q = "Highest temperature in Chicago on July 10?"
        let end = Timestamp(seconds: 1_783_728_000)  // 2026-07-11
        let markets = [
            F.market("lt79", q, slug: "t-2026-07-10-lt79f", end: end),
            F.market("b79", q, slug: "t-2026-07-10-gte79lt81f", end: end),
            F.market("ge81", q, slug: "t-2026-07-10-gte81f", end: end),
        ]
        let partition = try #require(detector.detect(markets: markets).first)
        #expect(partition.kind == .partition)
        #expect(JointOutcomeSpace(partition).stateCount == 3)
        #expect(detector.coverage(of: markets)?.isPartition == true)
    }

    @Test func bucketsWithAGapOrAnOverlapAreNotAPartition() throws {
        let q = "Highest temperature in Chicago on July 10?"
        let end = Timestamp(seconds: 1_783_728_000)
        let gapped = [
            F.market("lt79", q, slug: "t-2026-07-10-lt79f", end: end),
            F.market("b79", q, slug: "t-2026-07-10-gte79lt80f", end: end),
            F.market("ge81", q, slug: "t-2026-07-10-gte81f", end: end),
        ]
        let exclusive = try #require(detector.detect(markets: gapped).first)
        #expect(exclusive.kind == .mutuallyExclusive)
        #expect(detector.coverage(of: gapped)?.gaps.map(\.description) == ["[80, 81)"])
        // "None of them" is a possible outcome, so buying every YES is not a sure payout.
        #expect(exclusive.states.contains([false, false, false]))

        let overlapping = [
            F.market("lt80", q, slug: "t-2026-07-10-lt80f", end: end),
            F.market("b79", q, slug: "t-2026-07-10-gte79lt81f", end: end),
            F.market("ge81", q, slug: "t-2026-07-10-gte81f", end: end),
        ]
        let family = try #require(detector.detect(markets: overlapping).first)
        #expect(family.kind == .rangeFamily)
        #expect(detector.coverage(of: overlapping)?.overlaps.map(\.description) == ["[79, 80)"])
    }

    @Test func lookAlikesAreNotGrouped() {
        let cases: [(String, [Market])] = [
            ("different subject", [btc("a", "100,000"), F.market("b", "Will Ethereum be above $110,000 on December 31, 2026?")]),
            ("different units", [
                F.market("a", "Will inflation be above 3% on December 31, 2026?"),
                F.market("b", "Will inflation be above 350 bps on December 31, 2026?"),
            ]),
            ("different dates", [btc("a", "100,000", date: "June 30, 2026"), btc("b", "110,000")]),
            ("on versus by", [
                F.market("a", "Will Bitcoin be above $100,000 on June 30, 2026?"),
                F.market("b", "Will Bitcoin be above $100,000 by December 31, 2026?"),
            ]),
            ("touch versus close", [btc("a", "110,000"), F.market("b", "Will Bitcoin hit $120,000 on December 31, 2026?")]),
            ("up-touch versus down-touch", [
                F.market("a", "Will Bitcoin reach $150,000 by June 30, 2026?"),
                F.market("b", "Will Bitcoin dip to $50,000 by June 30, 2026?"),
            ]),
            ("different venues", [btc("a", "100,000"), btc("b", "110,000", venue: .kalshi)]),
            ("negated question", [btc("a", "100,000"), F.market("b", "Will Bitcoin not be above $110,000 on December 31, 2026?")]),
            ("market not open", [btc("a", "100,000"), F.market("b", "Will Bitcoin be above $110,000 on December 31, 2026?", status: .resolved)]),
            ("different settlement source", [
                F.market("a", "Will Bitcoin be above $100,000 on December 31, 2026?", settlementSource: "Binance BTC/USDT"),
                F.market("b", "Will Bitcoin be above $110,000 on December 31, 2026?", settlementSource: "Coinbase BTC-USD"),
            ]),
        ]
        for (name, markets) in cases {
            #expect(detector.detect(markets: markets).isEmpty, "\(name) must not be grouped")
        }
    }

    @Test func crossVenueOnlyWhenAllowed() {
        let markets = [btc("a", "100,000"), btc("b", "110,000", venue: .kalshi)]
        #expect(detector.detect(markets: markets).isEmpty)
        #expect(ConstraintDetector(allowCrossVenue: true).detect(markets: markets).first?.kind == .thresholdLadder)
    }

    @Test func eventPartitionsAndDeclaredConstraints() {
        let a = F.market("a", "Will Spain win the World Cup?")
        let b = F.market("b", "Will France win the World Cup?")
        let c = F.market("c", "Will another team win the World Cup?")
        let complete = Event(
            venue: .polymarket, id: "wc", title: "World Cup winner", markets: [a, b, c], isMutuallyExclusive: true,
            isExhaustive: true)
        #expect(detector.detect(markets: [a, b, c], events: [complete]).map(\.kind) == [.partition])

        var augmented = complete
        augmented.isNegRiskAugmented = true
        #expect(detector.detect(markets: [a, b, c], events: [augmented]).isEmpty)
        // A listed member we do not have: not a partition of what we can buy.
        #expect(detector.detect(markets: [a, b], events: [complete]).isEmpty)

        let final = F.market("f", "Will Spain reach the World Cup final?")
        let declared = ConstraintDetector.DeclaredImplication(
            F.reference(a), implies: F.reference(final), reason: "the winner plays the final")
        let implication = detector.detect(markets: [a, final], implications: [declared])
        #expect(implication.map(\.kind) == [.implication])
        #expect(implication.first.map { JointOutcomeSpace($0).stateCount } == 3)

        let kalshiFinal = F.market("kf", "Will Spain reach the World Cup final?", venue: .kalshi)
        let crossVenue = ConstraintDetector.DeclaredImplication(
            F.reference(a), implies: F.reference(kalshiFinal), reason: "the winner plays the final")
        #expect(detector.detect(markets: [a, kalshiFinal], implications: [crossVenue]).isEmpty)
    }

    @Test func jointSpaceOfCombinedConstraints() throws {
        // A partition {a, b, c} and "a implies d": a joint outcome fixes one winner and, when a
        // wins, d. 3 partition states × d free unless a → 2 + 2 + 1 = 5.
        let members = ["a", "b", "c", "d"].map { MarketConstraint.Member(VenueMarketKey(venue: .polymarket, market: MarketID($0)), label: $0) }
        let partition = MarketConstraint.partition(Array(members.prefix(3)), reason: "exactly one")
        let implication = MarketConstraint.implication(members[0], implies: members[3])
        let space = try #require(JointOutcomeSpace([partition, implication]))
        #expect(space.markets.map(\.market.rawValue) == ["a", "b", "c", "d"])
        #expect(space.stateCount == 5)
        #expect(!space.states.contains([true, false, false, false]))
        // Contradictory constraints leave no outcome: nothing may be traded on them.
        let both = MarketConstraint(kind: .implication, members: [members[0], members[1]], states: [[true, true]], reason: "both")
        #expect(JointOutcomeSpace([partition, both]) == nil)
    }
}
