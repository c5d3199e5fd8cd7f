import EdgewiseAnalysis
import EdgewiseCore
import Testing

@Suite struct BundleDetectorTests {
    typealias F = BundleFixtures
    let detector = BundleDetector()
    let noFees: [VenueID: any FeeModel] = [.polymarket: NoFees()]

    let m100 = F.market("m100", "Will Bitcoin be above $100,000 on December 31, 2026?")
    let m110 = F.market("m110", "Will Bitcoin be above $110,000 on December 31, 2026?")

    func ladder() throws -> MarketConstraint {
        try #require(ConstraintDetector().detect(markets: [m100, m110]).first)
    }

    /// "Above 110k" bids 0.45 while "above 100k" asks 0.40: buy YES 100k and NO 110k (0.55) for
    /// 0.95, guaranteed 1 whichever of the three outcomes happens.
    @Test func thresholdLadderViolationPricedExactly() throws {
        let books = F.books([
            F.book(m100, bids: [("0.38", "500")], asks: [("0.40", "100"), ("0.46", "100")]),
            F.book(m110, bids: [("0.45", "100"), ("0.43", "100")], asks: [("0.47", "200")]),
        ])
        let constraint = try ladder()
        let opportunity = try #require(
            detector.evaluate(constraint, markets: [m100, m110], books: books, fees: noFees, now: F.now))
        #expect(opportunity.kind == .bundle)
        #expect(opportunity.group == constraint.key)
        #expect(opportunity.payoutPerBasket == Amount(1))
        #expect(opportunity.size == F.size("100"))
        #expect(opportunity.cost == Amount(95))
        #expect(opportunity.payout == Amount(100))
        #expect(opportunity.profit == Amount(5))
        #expect(opportunity.fees == .zero)
        // The second level loses 0.03 a basket but the whole 200 still profits 2.
        #expect(opportunity.maxSize == F.size("200"))
        #expect(opportunity.resolutionTime == F.yearEnd)
        let legs = Dictionary(uniqueKeysWithValues: opportunity.legs.map { ($0.instrument, $0) })
        let yes100 = try #require(legs[F.yes(m100)])
        #expect(yes100.outcome == .yes && yes100.limitPrice == F.price("0.4") && yes100.size == F.size("100"))
        let no110 = try #require(legs[F.no(m110)])
        #expect(no110.outcome == .no && no110.limitPrice == F.price("0.55") && no110.notional == Amount(55))
        let claims = opportunity.evidence.map(\.claim)
        #expect(claims.contains(
            "YES 'above 110000 usd' bids 0.45 while 'above 100000 usd' asks 0.4: 'above 110000 usd' implies 'above 100000 usd'"))
        #expect(opportunity.evidence.contains { $0.observedAt == F.now && $0.source == F.yes(m110).description })
    }

    /// "By June" bids 0.30 while "by December" asks 0.25, with a fee of 0.01 a share: 50
    /// baskets of YES December + NO June cost 47.5 + 1 fee and pay 50.
    @Test func dateLadderViolationNetOfFees() throws {
        let june = F.market("jun", "Will Bitcoin reach $150,000 by June 30, 2026?", end: Timestamp(seconds: 1_782_777_600))
        let december = F.market("dec", "Will Bitcoin reach $150,000 by December 31, 2026?")
        let constraint = try #require(ConstraintDetector().detect(markets: [june, december]).first)
        #expect(constraint.kind == .dateLadder)
        let books = F.books([
            F.book(june, bids: [("0.30", "50")], asks: [("0.33", "50")]),
            F.book(december, bids: [("0.22", "50")], asks: [("0.25", "50")]),
        ])
        let opportunity = try #require(detector.evaluate(
            constraint, markets: [june, december], books: books,
            fees: [.polymarket: PerShareFee(perShare: F.price("0.01"))], now: F.now))
        #expect(opportunity.size == F.size("50"))
        #expect(opportunity.fees == Amount(1))
        #expect(opportunity.cost == Amount("48.5")!)
        #expect(opportunity.payout == Amount(50))
        #expect(opportunity.profit == Amount("1.5")!)
        #expect(opportunity.resolutionTime == F.yearEnd)
        #expect(Set(opportunity.legs.map(\.instrument)) == [F.yes(december), F.no(june)])
    }

    @Test func declaredImplication() throws {
        let wins = F.market("win", "Will Spain win the World Cup?")
        let final = F.market("final", "Will Spain reach the World Cup final?")
        let constraint = try #require(ConstraintDetector().detect(
            markets: [wins, final],
            implications: [.init(F.reference(wins), implies: F.reference(final), reason: "the winner plays the final")]
        ).first)
        let books = F.books([
            F.book(wins, bids: [("0.20", "10")], asks: [("0.22", "10")]),
            F.book(final, bids: [("0.16", "10")], asks: [("0.18", "10")]),
        ])
        let opportunity = try #require(
            detector.evaluate(constraint, markets: [wins, final], books: books, fees: noFees, now: F.now))
        #expect(opportunity.profit == Amount("0.2")!)
        #expect(Set(opportunity.legs.map(\.instrument)) == [F.yes(final), F.no(wins)])
        #expect(opportunity.evidence.first?.claim == "the winner plays the final")
    }

    /// Buckets from three events that tile the line, YES asks summing to 0.95: the best portfolio
    /// is one YES of each.
    @Test func partitionAcrossEventsBuysEveryMember() throws {
        let q = "Highest temperature in Chicago on July 10?"
        let end = Timestamp(seconds: 1_783_728_000)
        var markets = [
            F.market("lt79", q, slug: "t-2026-07-10-lt79f", end: end),
            F.market("b79", q, slug: "t-2026-07-10-gte79lt81f", end: end),
            F.market("ge81", q, slug: "t-2026-07-10-gte81f", end: end),
        ]
        for index in markets.indices { markets[index].eventID = EventID("event-\(index)") }
        let constraint = try #require(ConstraintDetector().detect(markets: markets).first)
        #expect(constraint.kind == .partition)
        let books = F.books([
            F.book(markets[0], bids: [("0.15", "100")], asks: [("0.20", "100")]),
            F.book(markets[1], bids: [("0.30", "100")], asks: [("0.35", "100")]),
            F.book(markets[2], bids: [("0.35", "100")], asks: [("0.40", "100")]),
        ])
        let opportunity = try #require(
            detector.evaluate(constraint, markets: markets, books: books, fees: noFees, now: F.now))
        #expect(opportunity.legs.count == 3 && opportunity.legs.allSatisfy { $0.outcome == .yes })
        #expect(opportunity.cost == Amount(95))
        #expect(opportunity.payout == Amount(100))
        #expect(opportunity.evidence.map(\.claim).contains(
            "the YES asks of 3 markets of which exactly one resolves YES sum to 0.95 < 1"))
    }

    @Test func consistentLadderDoesNotFire() throws {
        let books = F.books([
            F.book(m100, bids: [("0.45", "100")], asks: [("0.47", "100")]),
            F.book(m110, bids: [("0.38", "100")], asks: [("0.40", "100")]),
        ])
        #expect(detector.evaluate(try ladder(), markets: [m100, m110], books: books, fees: noFees, now: F.now) == nil)
    }

    @Test func violationThatFeesEatDoesNotFire() throws {
        let books = F.books([
            F.book(m100, bids: [("0.38", "100")], asks: [("0.40", "100")]),
            F.book(m110, bids: [("0.45", "100")], asks: [("0.47", "100")]),
        ])
        let fees: [VenueID: any FeeModel] = [.polymarket: PerShareFee(perShare: F.price("0.03"))]
        #expect(detector.evaluate(try ladder(), markets: [m100, m110], books: books, fees: fees, now: F.now) == nil)
        // The same books without fees do fire: the fee is what stops it.
        #expect(detector.evaluate(try ladder(), markets: [m100, m110], books: books, fees: noFees, now: F.now) != nil)
        // A venue without a fee model is never assumed free.
        #expect(detector.evaluate(try ladder(), markets: [m100, m110], books: books, fees: [:], now: F.now) == nil)
    }

    @Test func violationBelowTheVenueMinimumDoesNotFire() throws {
        var small100 = m100
        var small110 = m110
        small100.minimumOrderSize = F.size("5")
        small110.minimumOrderSize = F.size("5")
        let books = F.books([
            F.book(small100, bids: [("0.38", "100")], asks: [("0.40", "3")]),
            F.book(small110, bids: [("0.45", "3")], asks: [("0.47", "100")]),
        ])
        #expect(detector.evaluate(try ladder(), markets: [small100, small110], books: books, fees: noFees, now: F.now) == nil)
    }

    @Test func untrustworthyBooksDoNotFire() throws {
        let good100 = F.book(m100, bids: [("0.38", "100")], asks: [("0.40", "100")])
        let good110 = F.book(m110, bids: [("0.45", "100")], asks: [("0.47", "100")])
        let constraint = try ladder()
        func evaluate(_ books: [OrderBook], markets: [Market]? = nil) -> Opportunity? {
            detector.evaluate(constraint, markets: markets ?? [m100, m110], books: F.books(books), fees: noFees, now: F.now)
        }
        #expect(evaluate([good100, good110]) != nil)
        #expect(evaluate([good100]) == nil, "missing book")
        #expect(evaluate([good100, OrderBook(instrument: F.yes(m110))]) == nil, "unsynchronized book")
        let crossed = F.book(m110, bids: [("0.45", "100")], asks: [("0.44", "100")])
        #expect(evaluate([good100, crossed]) == nil, "crossed book")
        let noBids = F.book(m110, bids: [], asks: [("0.47", "100")])
        #expect(evaluate([good100, noBids]) == nil, "NO 110k cannot be bought without YES bids")
        var yesOnly = m110
        yesOnly.outcomes.removeAll { $0.name == "No" }
        #expect(evaluate([good100, good110], markets: [m100, yesOnly]) == nil, "no NO outcome to buy")
        var closed = m110
        closed.status = .closed
        #expect(evaluate([good100, good110], markets: [m100, closed]) == nil, "market not open")
    }

    /// Disjoint buckets with a gap and YES asks summing below one: the value may land in the
    /// gap, where every YES pays nothing, so buying all of them is not an arbitrage.
    @Test func bucketsWithAGapDoNotFireOnCheapYes() throws {
        let q = "Highest temperature in Chicago on July 10?"
        let end = Timestamp(seconds: 1_783_728_000)
        let markets = [
            F.market("lt79", q, slug: "t-2026-07-10-lt79f", end: end),
            F.market("b79", q, slug: "t-2026-07-10-gte79lt80f", end: end),
            F.market("ge81", q, slug: "t-2026-07-10-gte81f", end: end),
        ]
        let constraint = try #require(ConstraintDetector().detect(markets: markets).first)
        #expect(constraint.kind == .mutuallyExclusive)
        let books = F.books([
            F.book(markets[0], bids: [("0.15", "100")], asks: [("0.20", "100")]),
            F.book(markets[1], bids: [("0.30", "100")], asks: [("0.35", "100")]),
            F.book(markets[2], bids: [("0.35", "100")], asks: [("0.40", "100")]),
        ])
        #expect(detector.evaluate(constraint, markets: markets, books: books, fees: noFees, now: F.now) == nil)
    }
}
