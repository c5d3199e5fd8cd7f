import EdgewiseCore
import EdgewiseManifold
import Foundation
import Testing

/// Multiple-choice markets map to one binary market per answer; the shapes below follow the
/// API's `FullMarket` schema (the shared samples have no multiple-choice market).
@Suite("Manifold multiple choice")
struct ManifoldMultipleChoiceTests {
    static func market(_ json: String) throws -> ManifoldMarket {
        try JSONDecoder().decode(ManifoldMarket.self, from: Data(json.utf8))
    }

    static let open = """
        {"id":"m1","slug":"who-wins","question":"Who wins?","outcomeType":"MULTIPLE_CHOICE","mechanism":"cpmm-multi-1",
         "shouldAnswersSumToOne":true,"closeTime":4102444800000,"createdTime":1700000000000,"isResolved":false,
         "url":"https://manifold.markets/x/who-wins","textDescription":"Resolves to the winner.","groupSlugs":["politics"],
         "answers":[
           {"id":"a2","index":1,"text":"Bob","poolYes":150,"poolNo":50},
           {"id":"a1","index":0,"text":"Alice","poolYes":50,"poolNo":150,"probability":0.75}
         ]}
        """

    @Test func oneBinaryMarketPerAnswer() throws {
        let now = Timestamp(milliseconds: 1_800_000_000_000)
        let markets = try Self.market(Self.open).toMarkets(now: now)
        #expect(markets.map(\.id) == [MarketID("m1/a1"), MarketID("m1/a2")])  // the venue's answer order
        #expect(markets.allSatisfy { $0.eventID == EventID("m1") && $0.status == .open && $0.acceptingOrders })
        #expect(markets[0].question == "Who wins? — Alice")
        #expect(markets[0].outcomes.map(\.token) == [TokenID("m1/a1/YES"), TokenID("m1/a1/NO")])
        #expect(markets[0].outcomes.map(\.indicativePrice) == [Price(units: 750_000), Price(units: 250_000)])
        // Bob has no reported probability: poolNo / (poolYes + poolNo) = 50 / 200.
        #expect(markets[1].outcomes[0].indicativePrice == Price(units: 250_000))
        #expect(markets[1].tickSize == Manifold.limitProbabilityTick)
        // The binary scheme is unchanged.
        #expect(ManifoldMarket.token(market: "m1", outcome: .yes) == TokenID("m1/YES"))
    }

    @Test func sumToOneMakesAnExclusiveExhaustiveEvent() throws {
        let event = try Self.market(Self.open).toEvent(now: Timestamp(milliseconds: 1_800_000_000_000))
        #expect(event.id == EventID("m1"))
        #expect(event.venue == .manifold)
        #expect(event.title == "Who wins?")
        #expect(event.tags == ["politics"])
        #expect(event.isMutuallyExclusive && event.isExhaustive && event.isCompletePartition)
        #expect(event.markets.count == 2)

        let independent = try Self.market(Self.open.replacingOccurrences(of: #""shouldAnswersSumToOne":true"#, with: #""shouldAnswersSumToOne":false"#))
        let loose = try independent.toEvent(now: Timestamp(milliseconds: 1_800_000_000_000))
        #expect(!loose.isMutuallyExclusive && !loose.isExhaustive)
    }

    @Test func resolutionsPayTheWinningAnswer() throws {
        var market = try Self.market(Self.open)
        market.isResolved = true
        market.resolution = "a2"
        let markets = try market.toMarkets()
        #expect(markets.map(\.status) == [.resolved, .resolved])
        #expect(markets[0].outcomes.map(\.payout) == [.zero, .one])
        #expect(markets[1].outcomes.map(\.payout) == [.one, .zero])

        // Answers resolved one by one (independent answers, or MKT per answer).
        market.resolution = nil
        market.answers?[0].resolution = "MKT"
        market.answers?[0].resolutionProbability = 0.3
        market.answers?[1].resolution = "NO"
        let split = try market.toMarkets()
        #expect(split[0].outcomes.map(\.payout) == [.zero, .one])  // a1 (index 0) resolved NO
        #expect(split[1].outcomes.map(\.payout) == [Price(units: 300_000), Price(units: 700_000)])
    }

    @Test func unmappableKindsAreTypedErrors() throws {
        for json in [
            #"{"id":"p","outcomeType":"PSEUDO_NUMERIC","mechanism":"cpmm-1"}"#, #"{"id":"u","outcomeType":"DATE_RANGE"}"#,
            #"{"id":"x"}"#, #"{"id":"d","outcomeType":"MULTIPLE_CHOICE","mechanism":"dpm-2","answers":[{"id":"a"}]}"#,
            #"{"id":"e","outcomeType":"MULTIPLE_CHOICE","mechanism":"cpmm-multi-1"}"#,
        ] {
            let market = try Self.market(json)
            let error = #expect(throws: ManifoldMappingError.self) { try market.toMarkets() }
            #expect(error?.record == market.id)
            #expect(throws: ManifoldMappingError.self) { try market.toEvent() }
        }
    }

    @Test func answerBooksKeepTheirOwnOrders() throws {
        let bets = [
            ManifoldBetFixture.limit(id: "1", outcome: "YES", prob: 0.2, orderAmount: 10, answerId: "a1"),
            ManifoldBetFixture.limit(id: "2", outcome: "NO", prob: 0.9, orderAmount: 1, answerId: "a1"),
            ManifoldBetFixture.limit(id: "3", outcome: "YES", prob: 0.5, orderAmount: 10, answerId: "a2"),
        ]
        let book = try ManifoldLimitOrderBook(contractId: "m1", answerId: "a1", orders: bets, poolProbability: 0.25)
        #expect(book.yes.instrument.token == TokenID("m1/a1/YES"))
        #expect(book.no.instrument.token == TokenID("m1/a1/NO"))
        #expect(book.orderCount == 2)
        #expect(book.yes.bids == [BookLevel(price: Price(units: 200_000), size: Size(units: 50_000_000))])
        #expect(book.yes.asks == [BookLevel(price: Price(units: 900_000), size: Size(units: 10_000_000))])
        #expect(book.poolPrice == Price(units: 250_000))
    }

    @Test func aBadLimitOrderIsATypedError() throws {
        var bet = ManifoldBetFixture.limit(id: "odd", outcome: "MAYBE", prob: 0.5, orderAmount: 10)
        #expect(throws: ManifoldMappingError.self) { try ManifoldLimitOrderBook(contractId: "m1", orders: [bet]) }
        bet.outcome = "YES"
        bet.orderAmount = nil
        #expect(throws: ManifoldMappingError.self) { try ManifoldLimitOrderBook(contractId: "m1", orders: [bet]) }
    }
}

enum ManifoldBetFixture {
    static func limit(id: String, outcome: String, prob: Double, orderAmount: Double, answerId: String? = nil) -> ManifoldBet {
        var bet = ManifoldBet(id: id, outcome: outcome, amount: 0, shares: 0)
        bet.contractId = "m1"
        bet.limitProb = prob
        bet.orderAmount = orderAmount
        bet.isFilled = false
        bet.isCancelled = false
        bet.answerId = answerId
        return bet
    }
}
