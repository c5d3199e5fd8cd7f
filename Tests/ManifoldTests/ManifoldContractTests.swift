import EdgewiseCore
import EdgewiseManifold
import EdgewiseTestSupport
import Foundation
import Testing

/// Decodes every example of `manifold-samples.json` (copied from Manifold's API documentation)
/// and checks the fields the adapter relies on.
@Suite("Manifold contract", .requiresSharedFixtures)
struct ManifoldContractTests {
    static func sample(_ key: String) throws -> Data {
        let fixture = try SharedFixtures.venueJSON("manifold-samples.json")
        let value = try #require(fixture[key], "manifold-samples.json has no '\(key)'")
        return try SharedFixtures.jsonData(value)
    }

    static func object(_ data: Data) throws -> NSDictionary {
        try #require(try JSONSerialization.jsonObject(with: data) as? NSDictionary)
    }

    @Test func everySampleKeyIsCovered() throws {
        let covered: Set = [
            "readme", "GET /v0/markets?limit=1 (LiteMarket[])", "GET /v0/market/{id}/prob (binary)",
            "GET /v0/market/{id}/prob (multi)", "GET /v0/bets (Bet[])", "POST /v0/bet body",
            "POST /v0/bet body (multiple choice)", "POST /v0/market/{id}/sell body", "websocket",
        ]
        let keys = Set(try SharedFixtures.venueJSON("manifold-samples.json").keys)
        #expect(keys == covered, "new samples to cover: \(keys.subtracting(covered).sorted())")
    }

    @Test func liteMarketList() throws {
        let markets = try JSONDecoder().decode([ManifoldMarket].self, from: Self.sample("GET /v0/markets?limit=1 (LiteMarket[])"))
        let market = try #require(markets.first)
        #expect(markets.count == 1)
        #expect(market.id == "EvIhzcJXwhL0HavaszD7")
        #expect(market.question == "Will I write a new blog post today?")
        #expect(market.outcomeType == .binary)
        #expect(market.mechanism == .cpmm1)
        #expect(market.probability == 0.8958175225896258)
        #expect(market.p == 0.08281474972181882)
        // The documentation's example gives the pool as one number, so no CPMM can be built from it.
        #expect(market.pool == .total(146.73022894879944))
        #expect(market.cpmmPool == nil)
        #expect(market.closeTime == 1653893940000)
        #expect(market.isResolved == true)
        #expect(market.resolution == "YES")
        #expect(market.volume == 241)
    }

    @Test func liteMarketMapsToADomainMarket() throws {
        let market = try #require(
            try JSONDecoder().decode([ManifoldMarket].self, from: Self.sample("GET /v0/markets?limit=1 (LiteMarket[])")).first)
        let domain = try market.toMarket(now: Timestamp(milliseconds: 1_700_000_000_000))
        #expect(domain.venue == .manifold)
        #expect(domain.id == MarketID("EvIhzcJXwhL0HavaszD7"))
        #expect(domain.status == .resolved)
        #expect(domain.acceptingOrders == false)
        #expect(domain.outcomes.map(\.name) == ["Yes", "No"])
        #expect(domain.outcomes.map(\.token) == [TokenID("EvIhzcJXwhL0HavaszD7/YES"), TokenID("EvIhzcJXwhL0HavaszD7/NO")])
        #expect(domain.outcomes[0].indicativePrice == Price(units: 895_818))
        #expect(domain.outcomes[1].indicativePrice == Price(units: 104_182))
        #expect(domain.outcomes[0].payout == .one)
        #expect(domain.outcomes[1].payout == .zero)
        #expect(domain.closeTime == Timestamp(milliseconds: 1653893940000))
        #expect(domain.tickSize == Price(units: 10_000))
        #expect(domain.settlementSource == "https://manifold.markets/Austin/will-i-write-a-new-blog-post-today")
    }

    @Test func probabilities() throws {
        let binary = try JSONDecoder().decode(ManifoldProbability.self, from: Self.sample("GET /v0/market/{id}/prob (binary)"))
        #expect(binary == .binary(0.62))
        let multi = try JSONDecoder().decode(ManifoldProbability.self, from: Self.sample("GET /v0/market/{id}/prob (multi)"))
        #expect(multi == .answers(["PI806hsqn2": 0.670156962142921, "tO5sp2SAlA": 0.3298430378570791]))
    }

    @Test func betsIncludingAPartlyFilledLimitOrder() throws {
        let bets = try JSONDecoder().decode([ManifoldBet].self, from: Self.sample("GET /v0/bets (Bet[])"))
        #expect(bets.count == 2)
        let limit = bets[0]
        #expect(limit.id == "yXB8lVbs86TKkhWA1FVi")
        #expect(limit.contractId == "Tz5dA01GkK5QKiQfZeDL")
        #expect(limit.binaryOutcome == .yes)
        #expect(limit.isLimitOrder)
        #expect(limit.isOpen)
        #expect(limit.limitProb == 0.5)
        #expect(limit.orderAmount == 100)
        #expect(limit.amount == 15.596681605353808)
        #expect(limit.fills?.count == 1)
        #expect(limit.fills?.first?.matchedBetId == "MfrMd5HTiGASDXzqibr7")
        #expect(limit.fills?.first?.isAgainstPool == false)
        #expect(limit.fees?.total == 0)

        let market = bets[1]
        #expect(market.id == "1LPJHNz5oAX4K6YtJlP1")
        #expect(market.isFilled == true)
        #expect(market.isOpen == false)
        #expect(market.shares == 17.350459904608414)
        #expect(market.fills?.first?.isAgainstPool == true)
        #expect(market.fees?.creatorFee == 0.4251333951457593)
        #expect(market.probAfter == 0.5730753474948571)
    }

    @Test func betBodiesEncodeAsTheDocumentationShows() throws {
        let encoder = JSONEncoder()
        let limit = ManifoldBetRequest(
            contractId: "Tz5dA01GkK5QKiQfZeDL", amount: 10, outcome: .yes, limitProbability: Price(units: 550_000),
            expiresMillisAfter: 3_600_000)
        #expect(try Self.object(encoder.encode(limit)) == Self.object(Self.sample("POST /v0/bet body")))
        let multi = ManifoldBetRequest(contractId: "<contractId>", amount: 10, outcome: .yes, answerId: "PI806hsqn2")
        #expect(try Self.object(encoder.encode(multi)) == Self.object(Self.sample("POST /v0/bet body (multiple choice)")))
        let sell = ManifoldSellRequest(outcome: .yes, shares: 5, answerId: "<required for multi>")
        #expect(try Self.object(encoder.encode(sell)) == Self.object(Self.sample("POST /v0/market/{id}/sell body")))
    }

    @Test func betsSampleBuildsTheLimitOrderBook() throws {
        let bets = try JSONDecoder().decode([ManifoldBet].self, from: Self.sample("GET /v0/bets (Bet[])"))
        let book = try ManifoldLimitOrderBook(contractId: "Tz5dA01GkK5QKiQfZeDL", orders: bets)
        // Only the open limit order counts: YES at 0.5 with 100 − 15.596681605353808 mana left buys
        // 168.80663678929238 shares, rounded down to the millionth. The market bet is not an order.
        #expect(book.orderCount == 1)
        #expect(book.yes.instrument.token == TokenID("Tz5dA01GkK5QKiQfZeDL/YES"))
        #expect(book.yes.bids == [BookLevel(price: Price(units: 500_000), size: Size(units: 168_806_636))])
        #expect(book.yes.asks.isEmpty)
        #expect(book.no.asks == [BookLevel(price: Price(units: 500_000), size: Size(units: 168_806_636))])
        #expect(book.no.bids.isEmpty)
    }

    @Test func webSocketSamples() throws {
        let fixture = try SharedFixtures.venueJSON("manifold-samples.json")
        let websocket = try #require(fixture["websocket"] as? [String: Any])
        func text(_ key: String) throws -> String {
            String(decoding: try SharedFixtures.jsonData(try #require(websocket[key], "no websocket.\(key)")), as: UTF8.self)
        }
        // What the client sends is the documented message, key for key.
        let subscribe = ManifoldSocketCommand.subscribe(txid: 1, topics: [.globalNewBet, .contractNewBet("Tz5dA01GkK5QKiQfZeDL")])
        #expect(try Self.object(Data(subscribe.text.utf8)) == Self.object(Data(text("subscribe").utf8)))
        #expect(try Self.object(Data(ManifoldSocketCommand.ping(txid: 2).text.utf8)) == Self.object(Data(text("ping").utf8)))
        // What the server sends decodes to the right messages.
        #expect(try ManifoldSocketMessage.decode(text("ack")) == .ack(txid: 1, success: true, error: nil))
        #expect(try ManifoldSocketMessage.decode(text("broadcast")) == .broadcast(ManifoldBroadcast(topic: .globalNewBet)))
        // The documented subscribe and ping are client messages: the server never sends them.
        #expect(try ManifoldSocketMessage.decode(text("ping")) == .unknown(type: "ping"))
    }

    @Test func liteMarketMapsThroughTheGeneralEntryPoints() throws {
        let market = try #require(
            try JSONDecoder().decode([ManifoldMarket].self, from: Self.sample("GET /v0/markets?limit=1 (LiteMarket[])")).first)
        let now = Timestamp(milliseconds: 1_700_000_000_000)
        #expect(try market.toMarkets(now: now) == [try market.toMarket(now: now)])
        let event = try market.toEvent(now: now)
        #expect(event.id == EventID("EvIhzcJXwhL0HavaszD7"))
        #expect(event.markets.count == 1)
        #expect(!event.isMutuallyExclusive)
    }

    @Test func webSocketSampleNamesTheProductionURL() throws {
        let fixture = try SharedFixtures.venueJSON("manifold-samples.json")
        let websocket = try #require(fixture["websocket"] as? [String: Any])
        #expect(websocket["url"] as? String == ManifoldEndpoints.production.webSocket.absoluteString)
    }
}
