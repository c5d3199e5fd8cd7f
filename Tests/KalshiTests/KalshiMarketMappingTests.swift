import EdgewiseCore
import EdgewiseTestSupport
import Foundation
import Testing

@testable import EdgewiseKalshi

@Suite("Kalshi markets and events in venue-neutral terms", .requiresSharedFixtures)
struct KalshiMarketMappingTests {
    func market(_ changes: [String: Any] = [:], removing: [String] = []) throws -> KalshiMarket {
        try JSONDecoder().decode(KalshiMarket.self, from: try KalshiFixtures.marketJSON(changes, removing: removing))
    }

    @Test func activeMarket() throws {
        let mapped = try market().toMarket()
        #expect(mapped.venue == .kalshi && mapped.id == MarketID(KalshiFixtures.ticker) && mapped.eventID == EventID("KXHIGHNY-26JUN01"))
        #expect(mapped.question == "Will the high temp in NYC be 80-81° on Jun 1, 2026?")
        #expect(mapped.rules.hasPrefix("If the highest temperature"))
        #expect(mapped.status == .open && mapped.acceptingOrders)
        #expect(mapped.outcomes.map(\.name) == ["Yes", "No"])
        #expect(mapped.outcomes.map(\.token) == [Kalshi.token(ticker: KalshiFixtures.ticker, side: .yes), Kalshi.token(ticker: KalshiFixtures.ticker, side: .no)])
        // Last trade 0.32 is the indicative YES price; NO is its complement.
        #expect(mapped.outcomes.map(\.indicativePrice) == [.p("0.32"), .p("0.68")])
        #expect(mapped.outcomes.allSatisfy { $0.payout == nil })
        #expect(mapped.tickSize == .p("0.01") && mapped.minimumOrderSize == 1)
        #expect(mapped.openTime == Timestamp(seconds: 1_780_236_000) && mapped.closeTime == Timestamp(seconds: 1_780_372_740))
        #expect(mapped.endTime == Timestamp(seconds: 1_780_408_800))
    }

    @Test func indicativePriceFallsBackToTheQuoteMidpoint() throws {
        let mapped = try market(["last_price_dollars": "0.0000"]).toMarket()
        #expect(mapped.outcomes[0].indicativePrice == .p("0.32"))  // (0.31 + 0.33) / 2
    }

    @Test func settledMarketsCarryPayouts() throws {
        let yes = try market(["status": "finalized", "result": "yes"]).toMarket()
        #expect(yes.status == .resolved && !yes.acceptingOrders)
        #expect(yes.outcomes.map(\.payout) == [.one, .zero])
        let no = try market(["status": "determined", "result": "no"]).toMarket()
        #expect(no.status == .resolving && no.outcomes.map(\.payout) == [.zero, .one])
        let scalar = try market(["status": "finalized", "result": "scalar", "settlement_value_dollars": "0.2500"]).toMarket()
        #expect(scalar.outcomes.map(\.payout) == [.p("0.25"), .p("0.75")])
        // Under dispute the result may still change: no payouts yet.
        let disputed = try market(["status": "disputed", "result": "yes"]).toMarket()
        #expect(disputed.status == .resolving && disputed.outcomes.allSatisfy { $0.payout == nil })
        let void = try market(["status": "finalized", "result": "void"]).toMarket()
        #expect(void.status == .voided && void.outcomes.allSatisfy { $0.payout == nil })
    }

    @Test func statusMapping() throws {
        #expect(try market(["status": "initialized"]).toMarket().status == .upcoming)
        #expect(try market(["status": "inactive"]).toMarket().status == .paused)
        #expect(try market(["status": "closed"]).toMarket().status == .closed)
        #expect(try market(["status": "amended"]).toMarket().status == .resolving)
    }

    @Test func tickAndMinimumFollowTheGrid() throws {
        let tapered = try market(["price_level_structure": "tapered_deci_cent"], removing: ["price_ranges"]).toMarket()
        // The coarsest step: every multiple of it is valid everywhere on the tapered grid.
        #expect(tapered.tickSize == .p("0.01"))
        let deci = try market(["price_level_structure": "deci_cent", "fractional_trading_enabled": true], removing: ["price_ranges"]).toMarket()
        #expect(deci.tickSize == .p("0.001") && deci.minimumOrderSize == .s("0.01"))
    }

    @Test func eventWithSeries() throws {
        struct Response: Decodable {
            var events: [KalshiEvent]
        }
        struct SeriesResponse: Decodable { var series: KalshiSeries }
        let event = try JSONDecoder().decode(Response.self, from: try KalshiFixtures.rest(KalshiFixtures.eventsKey)).events[0]
        let series = try JSONDecoder().decode(SeriesResponse.self, from: try KalshiFixtures.rest("GET /series/{series_ticker}")).series
        let mapped = event.toEvent(series: series)
        #expect(mapped.venue == .kalshi && mapped.id == EventID("KXHIGHNY-26JUN01"))
        #expect(mapped.title == "Highest temperature in NYC on Jun 1, 2026?" && mapped.description == "On Jun 1, 2026")
        #expect(mapped.isMutuallyExclusive && !mapped.isExhaustive && !mapped.isCompletePartition)
        #expect(mapped.category == "Climate and Weather" && mapped.tags == ["Weather"])
        #expect(mapped.settlementSource == "https://www.weather.gov/")
        #expect(mapped.status == .open && mapped.markets.count == 1)
        #expect(mapped.markets[0].settlementSource == "https://www.weather.gov/")
    }
}
