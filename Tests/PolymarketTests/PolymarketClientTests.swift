import EdgewiseCore
import EdgewisePolymarket
import EdgewiseTestSupport
import EdgewiseVenueKit
import Foundation
import Testing

@Suite("Polymarket client façade", .requiresSharedFixtures, .timeLimit(.minutes(1)))
struct PolymarketClientTests {
    @Test func referencesAreClassified() {
        #expect(MarketReference(Fixtures.conditionID.rawValue) == .conditionID(Fixtures.conditionID))
        #expect(MarketReference(Fixtures.yesToken.rawValue) == .token(Fixtures.yesToken))
        #expect(MarketReference("will-it-rain-in-paris-on-2026-06-01") == .slug("will-it-rain-in-paris-on-2026-06-01"))
        #expect(MarketReference("0x1234") == .slug("0x1234"))
    }

    @Test func marketLookupBySlugConditionAndToken() async throws {
        let market = try Fixtures.data("gamma-market-sample.json", "market")
        let list = try SharedFixtures.jsonData([try JSONSerialization.jsonObject(with: market)])
        let server = try await LoopbackServer.start(routes: [
            .get("/markets/slug/will-it-rain-in-paris-on-2026-06-01", .json(market)),
            .get("/markets/slug/{slug}", .status(404, body: "not found")),
            .get("/markets", .json(list)),
        ])
        let endpoints = PolymarketEndpoints(gamma: server.baseURL, clob: server.baseURL, webSocket: server.webSocketURL("/ws/market"), data: server.baseURL)
        let client = PolymarketClient(endpoints: endpoints, transport: fastTransport)
        for reference in [Fixtures.conditionID.rawValue, Fixtures.noToken.rawValue, "will-it-rain-in-paris-on-2026-06-01"] {
            let found = try await client.market(MarketReference(reference))
            #expect(found?.id == Fixtures.conditionID)
        }
        #expect(try await client.market(.slug("no-such-market")) == nil)
        await server.stop()
    }

    @Test func marketPagesStreamsPages() async throws {
        let sample = try Fixtures.json("gamma-market-sample.json")["market"] as! [String: Any]
        let page = try SharedFixtures.jsonData([sample, sample])
        let last = try SharedFixtures.jsonData([sample])
        let server = try await LoopbackServer.start(routes: [
            .get("/markets") { request in request.queryValue("offset") == "4" ? .json(last) : .json(page) }
        ])
        let gamma = GammaClient(baseURL: server.baseURL, configuration: fastTransport)
        var sizes: [Int] = []
        for try await batch in gamma.marketPages(pageSize: 2) { sizes.append(batch.count) }
        #expect(sizes == [2, 2, 1])
        await server.stop()
    }
}
